import numpy as np


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    """Batchnorm forward, training time.

    Done step by step on the computational graph, as in the staged picture of the
    assignment, so that the backward pass can walk it back one node at a time.
    """
    N, D = Z.shape

    # step1: calculate mean
    mu = 1. / N * np.sum(Z, axis=1, keepdims=True)

    # step2: subtract mean vector of every trainings example
    xmu = Z - mu

    # step3: following the lower branch - calculation denominator
    sq = xmu ** 2

    # step4: calculate variance
    var = 1. / N * np.sum(sq, axis=1, keepdims=True)

    # step5: add eps for numerical stability, then sqrt
    sqrtvar = np.sqrt(var + eps)

    # step6: invert sqrtwar
    ivar = 1. / sqrtvar

    # step7: execute normalization
    xhat = xmu * ivar

    # step8: Nor the two transformation steps
    gammax = gamma * xhat

    # step9
    out = gammax + beta

    # the cache in the order the exercise asks for
    cache = (Z, xhat, mu, var, gamma, beta, eps)
    return out, cache


def batchnorm_backward(dout, cache):
    """Batchnorm backward along the graph of the forward pass, node by node."""
    # unfold the variables stored in cache
    Z, xhat, mu, var, gamma, beta, eps = cache
    N, D = dout.shape

    # recompute the intermediates the forward pass did not cache
    xmu = Z - mu
    sqrtvar = np.sqrt(var + eps)
    ivar = 1. / sqrtvar

    # step9
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgammax = dout  # not necessary, but more understandable

    # step8
    dgamma = np.sum(dgammax * xhat, axis=1, keepdims=True)
    dxhat = dgammax * gamma

    # step7
    divar = np.sum(dxhat * xmu, axis=1, keepdims=True)
    dxmu1 = dxhat * ivar

    # step6
    dsqrtvar = -1. / (sqrtvar ** 2) * divar

    # step5
    dvar = 0.5 * 1. / np.sqrt(var + eps) * dsqrtvar

    # step4
    dsq = 1. / N * np.ones((N, D)) * dvar

    # step3
    dxmu2 = 2 * xmu * dsq

    # step2
    dx1 = (dxmu1 + dxmu2)
    dmu = -1 * np.sum(dxmu1 + dxmu2, axis=1, keepdims=True)

    # step1
    dx2 = 1. / N * np.ones((N, D)) * dmu

    # step0
    dx = dx1 + dx2

    return dx, dgamma, dbeta
