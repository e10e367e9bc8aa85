# batchnorm, columns = examples. I keep the normalised Z first in the cache, backward uses it most.
import numpy as np


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    cache = (Z_norm, Z, mu, var, gamma, beta, eps)
    return out, cache


def batchnorm_backward(dout, cache):
    Z_norm, Z, mu, var, gamma, beta, eps = cache
    m = dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ_norm = dout * gamma
    # the compact formula from the paper, one line
    dZ = (1. / m) / np.sqrt(var + eps) * (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True)
                                         - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True))
    return dZ, dgamma, dbeta
