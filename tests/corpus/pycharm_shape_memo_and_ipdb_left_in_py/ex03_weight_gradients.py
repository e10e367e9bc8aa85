# -*- coding: utf-8 -*-
"""
ex03_weight_gradients.py

Created with PyCharm, 3/3/2024 21:14
"""
import numpy as np

DEBUG = True  # set to False before handing in


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    if DEBUG:
        import ipdb; ipdb.set_trace()  # check dW's shape here
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dW, db


if __name__ == "__main__":
    np.random.seed(1)
    dW, db = weight_gradients(np.random.randn(3, 4), np.random.randn(2, 4))
    print(dW.shape, db.shape)
