import numpy as np


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    """Batchnorm, training mode. Z: (D, N), one example per column. gamma, beta: (D, 1)."""
    N = Z.shape[1]
    sample_mean = np.mean(Z, axis=1, keepdims=True)
    sample_var = np.var(Z, axis=1, keepdims=True)
    std = np.sqrt(sample_var) + eps   # eps so that we never divide by zero
    x_norm = (Z - sample_mean) / std
    out = gamma * x_norm + beta
    cache = (Z, x_norm, sample_mean, sample_var, gamma, beta, eps)
    return out, cache


def batchnorm_backward(dout, cache):
    """Simplified backward pass (the 'alt' version)."""
    Z, x_norm, sample_mean, sample_var, gamma, beta, eps = cache
    N = dout.shape[1]
    std = np.sqrt(sample_var) + eps
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * x_norm, axis=1, keepdims=True)
    dx_norm = dout * gamma
    dx = (dx_norm - dx_norm.mean(axis=1, keepdims=True)
          - x_norm * (dx_norm * x_norm).mean(axis=1, keepdims=True)) / std
    return dx, dgamma, dbeta
