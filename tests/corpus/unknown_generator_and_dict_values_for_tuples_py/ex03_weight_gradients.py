import numpy as np


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]

    def grads():
        yield np.dot(dZ, A_prev.T) / m
        yield np.sum(dZ, axis=1, keepdims=True) / m

    return grads()
