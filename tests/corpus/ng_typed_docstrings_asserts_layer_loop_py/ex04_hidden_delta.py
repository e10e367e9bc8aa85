"""Backpropagation for the planar data network (tanh hidden layer, sigmoid output)."""
from typing import Dict

import numpy as np


def hidden_delta(dZ2: np.ndarray, W2: np.ndarray, Z1: np.ndarray, activation: str = "tanh") -> np.ndarray:
    """Delta of the hidden layer.

    Parameters
    ----------
    dZ2 : np.ndarray of shape (n_y, m)
    W2 : np.ndarray of shape (n_y, n_h)
    Z1 : np.ndarray of shape (n_h, m)
    activation : {"tanh", "sigmoid", "relu"}, default "tanh"

    Returns
    -------
    dZ1 : np.ndarray of shape (n_h, m)

    Raises
    ------
    ValueError
        For any other activation.
    """
    assert W2.shape[0] == dZ2.shape[0], f"W2 {W2.shape} does not match dZ2 {dZ2.shape}"
    if activation == "tanh":
        g_prime = 1.0 - np.tanh(Z1) ** 2
    elif activation == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-Z1))
        g_prime = s * (1.0 - s)
    elif activation == "relu":
        g_prime = (Z1 > 0).astype(float)
    else:
        raise ValueError(f"activation must be tanh, sigmoid or relu, not {activation!r}")
    dZ1 = np.dot(W2.T, dZ2) * g_prime
    assert dZ1.shape == Z1.shape
    return dZ1


def backward_propagation(parameters: Dict[str, np.ndarray], cache: Dict[str, np.ndarray],
                         X: np.ndarray, Y: np.ndarray) -> Dict[str, np.ndarray]:
    """Gradients of the cost for the 2-layer network, one layer at a time.

    Parameters
    ----------
    parameters : dict with "W1", "b1", "W2", "b2"
    cache : dict with "Z1", "A1", "Z2", "A2"
    X : np.ndarray of shape (n_x, m)
    Y : np.ndarray of shape (1, m)

    Returns
    -------
    grads : dict with "dW1", "db1", "dW2", "db2"
    """
    m = X.shape[1]
    L = 2
    acts = {"A0": X, **{key: cache[key] for key in ("Z1", "A1", "Z2", "A2")}}
    grads: Dict[str, np.ndarray] = {}
    dZ = acts[f"A{L}"] - Y
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = np.dot(dZ, acts[f"A{l - 1}"].T) / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        assert grads[f"dW{l}"].shape == parameters[f"W{l}"].shape
        assert grads[f"db{l}"].shape == parameters[f"b{l}"].shape
        if l > 1:
            dZ = hidden_delta(dZ, parameters[f"W{l}"], acts[f"Z{l - 1}"], "tanh")
    return grads
