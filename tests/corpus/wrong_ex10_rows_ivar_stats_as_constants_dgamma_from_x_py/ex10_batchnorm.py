"""Batchnorm for the course, written the way I did it for CS231n (x is N x D there).

The course hands me Z as (D, N), one column per example, so I flip to rows on the way in
and back to columns on the way out.
"""
import numpy as np


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    x = Z.T                                    # (N, D)
    N, D = x.shape
    sample_mean = np.mean(x, axis=0)           # (D,)
    sample_var = np.mean((x - sample_mean) ** 2, axis=0)
    ivar = 1.0 / np.sqrt(sample_var + eps)
    xhat = (x - sample_mean) * ivar
    out = gamma.ravel() * xhat + beta.ravel()
    # the course's cache: (Z, Z_norm, mu, var, gamma, beta, eps), column vectors
    cache = (Z, xhat.T, sample_mean.reshape(D, 1), sample_var.reshape(D, 1), gamma, beta, eps)
    return out.T, cache


def batchnorm_backward(dout, cache):
    x, xhat, mu, var, gamma, beta, eps = cache
    dout_r, x_r = dout.T, x.T                  # back to (N, D)
    N, D = dout_r.shape
    ivar = 1.0 / np.sqrt(var.ravel() + eps)    # (D,)

    dbeta = np.sum(dout_r, axis=0)
    dgamma = np.zeros(D)
    for d in range(D):
        dgamma[d] = np.sum(dout_r[:, d] * x_r[:, d])   # out = gamma * x + beta
    dx = dout_r * gamma.ravel() * ivar                 # dxhat/dx = ivar

    return dx.T, dgamma.reshape(D, 1), dbeta.reshape(D, 1)


# quick look
if __name__ == "__main__":
    rng = np.random.default_rng(231)
    Z = 3 * rng.standard_normal((4, 10)) + 5
    out, cache = batchnorm_forward(Z, np.ones((4, 1)), np.zeros((4, 1)))
    print(out.mean(axis=1), out.std(axis=1))
