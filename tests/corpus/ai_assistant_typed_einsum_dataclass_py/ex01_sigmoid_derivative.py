from __future__ import annotations

import numpy as np
import numpy.typing as npt

ArrayLike = npt.ArrayLike
FloatArray = npt.NDArray[np.float64]


def sigmoid(z: ArrayLike) -> FloatArray:
    """Numerically stable logistic sigmoid.

    Clipping z to [-500, 500] avoids overflow in np.exp; sigmoid(500) is 1.0 in float64 anyway.
    """
    z = np.clip(np.asarray(z, dtype=np.float64), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z: ArrayLike) -> FloatArray:
    """d/dz sigmoid(z) = s * (1 - s)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z: ArrayLike) -> FloatArray:
    """d/dz tanh(z) = 1 - tanh(z)**2 (sech^2)."""
    t = np.tanh(np.asarray(z, dtype=np.float64))
    return 1.0 - t ** 2


def relu_derivative(z: ArrayLike) -> FloatArray:
    """Heaviside step: 1.0 where z > 0, 0.0 otherwise (subgradient 0 at 0)."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, 0.0)
