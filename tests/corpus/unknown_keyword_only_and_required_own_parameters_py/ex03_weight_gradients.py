"""Exercise 3. I swapped dZ and A_prev twice in my training loop, so A_prev is keyword-only now:
weight_gradients(dZ, A_prev=A0) cannot be called the wrong way round."""
import numpy as np


def weight_gradients(dZ, *, A_prev):
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    return dW, db


dW, db = weight_gradients(np.ones((2, 5)), A_prev=np.ones((3, 5)))
