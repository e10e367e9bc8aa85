import numpy as np


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = (1 // m) * np.dot(dZ, A_prev.T)
    db = (1 // m) * np.sum(dZ, axis=1, keepdims=True)
    return dW, db
