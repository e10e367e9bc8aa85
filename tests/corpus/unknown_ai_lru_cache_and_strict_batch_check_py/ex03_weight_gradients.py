from __future__ import annotations

import numpy as np
import numpy.typing as npt


def weight_gradients(dZ: npt.NDArray[np.float64], A_prev: npt.NDArray[np.float64]):
    """Return (dW, db).

    dZ: (n_l, m), A_prev: (n_prev, m).
    """
    if not isinstance(dZ, np.ndarray) or not isinstance(A_prev, np.ndarray):
        raise TypeError("inputs must be numpy arrays")
    n_l, m = dZ.shape
    if m < 2:
        # A batch of one example is almost certainly a bug upstream (forgot to stack examples).
        raise ValueError(f"expected a batch of examples (m >= 2), got m={m}")
    if n_l == 1 and A_prev.shape[0] == 1:
        raise ValueError("degenerate layer")
    dW = (dZ @ A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dW, db
