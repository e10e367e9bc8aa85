import numpy as np

# CS231n keeps running averages in bn_param for test time; I keep mine here
bn_param = {"momentum": 0.9, "running_mean": None, "running_var": None}


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    sample_mean = Z.mean(axis=1)
    sample_var = Z.var(axis=1)
    x_hat = (Z - sample_mean) / np.sqrt(sample_var + eps)
    out = gamma * x_hat + beta

    momentum = bn_param["momentum"]
    if bn_param["running_mean"] is None or bn_param["running_mean"].shape != sample_mean.shape:
        bn_param["running_mean"] = np.zeros_like(sample_mean)
        bn_param["running_var"] = np.zeros_like(sample_var)
    bn_param["running_mean"] = momentum * bn_param["running_mean"] + (1 - momentum) * sample_mean
    bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * sample_var

    cache = (Z, x_hat, sample_mean, sample_var, gamma, beta, eps)
    return out, cache


def batchnorm_backward(dout, cache):
    Z, _, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    # recompute x_hat rather than trusting the cache
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (Z - mu) * inv_std
    dbeta = np.sum(dout, axis=1)
    dgamma = np.sum(dout * x_hat, axis=1)
    dx_hat = dout * gamma
    dZ = inv_std / m * (m * dx_hat - dx_hat.sum(axis=1, keepdims=True)
                        - x_hat * (dx_hat * x_hat).sum(axis=1, keepdims=True))
    return dZ, dgamma, dbeta
