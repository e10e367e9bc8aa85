# Week 3 -- dW and db.
# m is a parameter so that I can pass the batch size when I train on mini-batches;
# when it is not given I take it from the activations.
import numpy as np


def weight_gradients(dz, a_prev, /, m=None, *, check_shapes=True):
    if m is None:
        m = a_prev.shape[0]
    dw = np.dot(dz, a_prev.T) / m
    db = np.sum(dz, axis=1, keepdims=True) / m
    if check_shapes:
        assert dw.shape == (dz.shape[0], a_prev.shape[0])
        assert db.shape == (dz.shape[0], 1)
    return dw, db


if __name__ == "__main__":
    dw, db = weight_gradients(np.ones((2, 4)), np.ones((3, 4)), m=4)
    print(dw, db)
