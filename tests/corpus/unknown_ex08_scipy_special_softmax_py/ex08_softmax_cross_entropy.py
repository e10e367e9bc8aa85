import numpy as np


def softmax(Z):
    # scipy's softmax is already stable, no need to subtract the max myself
    from scipy.special import softmax as sp_softmax
    return sp_softmax(Z, axis=0)


def one_hot(labels, C):
    return np.eye(C)[np.ravel(labels)].T


def compute_cost(A, Y):
    m = Y.shape[1]
    return -np.sum(Y * np.log(A)) / m


def softmax_backward(dA, Z):
    from scipy.special import logsumexp
    # A = exp(Z - logsumexp(Z)) column by column
    A = np.exp(Z - logsumexp(Z, axis=0, keepdims=True))
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


def output_delta(A, Y):
    return A - Y
