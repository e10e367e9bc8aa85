"""Activation functions and their derivatives."""
import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Compute the sigmoid of z.

    Parameters
    ----------
    z : np.ndarray
        Pre-activation, any shape.

    Returns
    -------
    np.ndarray
        sigmoid(z), same shape as z.
    """
    assert isinstance(z, np.ndarray), "z must be a numpy array"
    out = np.empty_like(z, dtype=np.float64)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    """Derivative of the sigmoid at z.

    Parameters
    ----------
    z : np.ndarray
        Pre-activation.

    Returns
    -------
    np.ndarray
        s * (1 - s), where s = sigmoid(z).
    """
    s = sigmoid(z)
    assert s.shape == z.shape
    return s * (1.0 - s)


def tanh_derivative(z: np.ndarray) -> np.ndarray:
    """Derivative of tanh at z: 1 - tanh(z)**2."""
    assert isinstance(z, np.ndarray), "z must be a numpy array"
    return 1.0 - np.tanh(z) ** 2


def relu_derivative(z: np.ndarray) -> np.ndarray:
    """Derivative of relu at z: 1.0 where z > 0, else 0.0."""
    assert isinstance(z, np.ndarray), "z must be a numpy array"
    return (z > 0).astype(np.float64)
