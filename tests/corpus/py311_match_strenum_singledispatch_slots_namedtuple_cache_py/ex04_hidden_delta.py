"""Exercise 4 with Python 3.11: a StrEnum of the activations and a match statement."""
from dataclasses import dataclass
from enum import Enum

import numpy as np

try:
    from enum import StrEnum
except ImportError:  # Python 3.10, as a classmate's laptop has it
    class StrEnum(str, Enum):
        pass


class Activation(StrEnum):
    TANH = "tanh"
    SIGMOID = "sigmoid"
    RELU = "relu"


@dataclass(slots=True, frozen=True)
class PlanarCache:
    Z1: np.ndarray
    A1: np.ndarray
    Z2: np.ndarray
    A2: np.ndarray

    @classmethod
    def from_dict(cls, cache: dict) -> "PlanarCache":
        return cls(**{name: cache[name] for name in ("Z1", "A1", "Z2", "A2")})


def activation_derivative(Z: np.ndarray, activation: Activation) -> np.ndarray:
    match activation:
        case Activation.TANH:
            return 1 - np.tanh(Z) ** 2
        case Activation.SIGMOID:
            s = 1 / (1 + np.exp(-Z))
            return s * (1 - s)
        case Activation.RELU:
            return (Z > 0).astype(float)


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    act = Activation(activation)   # ValueError: 'softmax' is not a valid Activation
    return (W2.T @ dZ2) * activation_derivative(Z1, act)


def backward_propagation(parameters, cache, X, Y):
    c = PlanarCache.from_dict(cache)
    m = X.shape[1]
    dZ2 = c.A2 - Y
    grads = {"dW2": dZ2 @ c.A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}
    dZ1 = hidden_delta(dZ2, parameters["W2"], c.Z1, Activation.TANH)
    grads |= {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}
    return grads
