import numpy as np


def _logsumexp(Z):
    c = Z.max(axis=0, keepdims=True)
    return c + np.log(np.exp(Z - c).sum(axis=0, keepdims=True))


def softmax(Z):
    # log-sum-exp trick: log softmax = Z - logsumexp(Z)
    return np.exp(Z - _logsumexp(Z))


def one_hot(labels, C):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def compute_cost(A, Y):
    return -np.einsum("cm,cm->", Y, np.log(A)) / Y.shape[1]


def softmax_backward(dA, Z):
    A = softmax(Z)
    C, m = Z.shape
    dZ = np.empty_like(Z)
    for j in range(m):
        a = A[:, j]
        J = np.diag(a) - np.outer(a, a)
        dZ[:, j] = J.T @ dA[:, j]
    return dZ


def output_delta(A, Y):
    return A - Y
