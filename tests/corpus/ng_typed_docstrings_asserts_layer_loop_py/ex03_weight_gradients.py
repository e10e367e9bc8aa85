import numpy as np


def weight_gradients(dZ: np.ndarray, A_prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of the cost with respect to W and b.

    Parameters
    ----------
    dZ : np.ndarray of shape (n_l, m)
    A_prev : np.ndarray of shape (n_prev, m)

    Returns
    -------
    dW : np.ndarray of shape (n_l, n_prev)
    db : np.ndarray of shape (n_l, 1)
    """
    n_l, m = dZ.shape
    assert A_prev.shape[1] == m, "dZ and A_prev must have the same number of examples"
    dW = (1.0 / m) * np.dot(dZ, A_prev.T)
    db = (1.0 / m) * np.sum(dZ, axis=1, keepdims=True)
    assert dW.shape == (n_l, A_prev.shape[0])
    assert db.shape == (n_l, 1)
    return dW, db
