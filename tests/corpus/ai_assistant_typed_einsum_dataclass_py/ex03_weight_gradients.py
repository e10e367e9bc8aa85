"""Weight and bias gradients for one dense layer (column convention).

Generated with help from an assistant, then checked by hand.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class LayerGradients:
    """Container for the gradients of one layer.

    Attributes:
        dW: gradient of the cost w.r.t. W, shape (n_l, n_{l-1}).
        db: gradient of the cost w.r.t. b, shape (n_l, 1).
    """

    dW: FloatArray
    db: FloatArray

    def as_tuple(self) -> Tuple[FloatArray, FloatArray]:
        return self.dW, self.db


def _validate(dZ: FloatArray, A_prev: FloatArray) -> None:
    """Raise ValueError if the shapes are inconsistent."""
    if dZ.ndim != 2 or A_prev.ndim != 2:
        raise ValueError(
            f"dZ and A_prev must be 2-D, got dZ.ndim={dZ.ndim}, A_prev.ndim={A_prev.ndim}"
        )
    if dZ.shape[1] != A_prev.shape[1]:
        raise ValueError(
            f"dZ has {dZ.shape[1]} examples but A_prev has {A_prev.shape[1]}"
        )


def weight_gradients(dZ: FloatArray, A_prev: FloatArray) -> Tuple[FloatArray, FloatArray]:
    """Compute dW and db for a dense layer.

    Args:
        dZ: gradient of the summed loss w.r.t. Z, shape (n_l, m).
        A_prev: activations of the previous layer, shape (n_{l-1}, m).

    Returns:
        (dW, db) with shapes (n_l, n_{l-1}) and (n_l, 1).

    Raises:
        ValueError: if the inputs are not 2-D or disagree on m.
    """
    _validate(dZ, A_prev)
    m: int = A_prev.shape[1]
    dW: FloatArray = np.einsum("im,jm->ij", dZ, A_prev) / m
    db: FloatArray = dZ.sum(axis=1, keepdims=True) / m
    return LayerGradients(dW=dW, db=db).as_tuple()


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    dW, db = weight_gradients(rng.standard_normal((4, 5)), rng.standard_normal((3, 5)))
    print(dW.shape, db.shape)
