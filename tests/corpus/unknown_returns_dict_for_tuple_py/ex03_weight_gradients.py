import numpy as np


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    grads = {"dW": np.dot(dZ, A_prev.T) / m,
             "db": np.sum(dZ, axis=1, keepdims=True) / m}
    return grads
