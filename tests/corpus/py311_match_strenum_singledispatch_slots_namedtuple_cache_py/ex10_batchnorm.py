"""Exercise 10. The cache is a NamedTuple, so it is still the tuple
(Z, Z_norm, mu, var, gamma, beta, eps) but its parts have names."""
from typing import NamedTuple

import numpy as np


class BNCache(NamedTuple):
    Z: np.ndarray
    Z_norm: np.ndarray
    mu: np.ndarray
    var: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray
    eps: float


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, BNCache(Z, Z_norm, mu, var, gamma, beta, eps)


def batchnorm_backward(dout, cache):
    c = BNCache._make(cache)        # a plain tuple works too
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * c.Z_norm).sum(axis=1, keepdims=True)
    dZ_norm_mean = dout.mean(axis=1, keepdims=True)
    proj = (dout * c.Z_norm).mean(axis=1, keepdims=True)
    dZ = c.gamma / np.sqrt(c.var + c.eps) * (dout - dZ_norm_mean - c.Z_norm * proj)
    return dZ, dgamma, dbeta
