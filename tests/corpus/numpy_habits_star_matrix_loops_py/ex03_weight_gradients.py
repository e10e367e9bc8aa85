import numpy
from typing import Tuple


def weight_gradients(dZ: numpy.ndarray, A_prev: numpy.ndarray, verbose: bool = False) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """
    Gradients of the cost w.r.t. W and b of one layer.

    dZ     -- (n_l, m)
    A_prev -- (n_{l-1}, m)
    returns dW (n_l, n_{l-1}), db (n_l, 1)
    """
    n_l, m = dZ.shape
    n_prev = A_prev.shape[0]
    assert A_prev.shape[1] == m, "dZ and A_prev must have the same number of examples"
    dW = numpy.zeros((n_l, n_prev))
    db = numpy.zeros((n_l, 1))
    # one example at a time, as in the lecture's for loop
    for i in range(m):
        dz_i = dZ[:, i].reshape(n_l, 1)
        a_i = A_prev[:, i].reshape(n_prev, 1)
        dW += dz_i.dot(a_i.T)
        db += dz_i
    dW = dW / m
    db = db / m
    if verbose:
        print("dW", dW.shape, "db", db.shape)
    assert dW.shape == (n_l, n_prev)
    assert db.shape == (n_l, 1)
    return dW, db


if __name__ == "__main__":
    numpy.random.seed(1)
    dW, db = weight_gradients(numpy.random.randn(3, 4), numpy.random.randn(2, 4), verbose=True)
