import numpy as np


def softmax(Z):
    num_classes, num_train = Z.shape
    A = np.zeros_like(Z, dtype=float)
    for i in range(num_train):
        scores = Z[:, i]
        A[:, i] = np.exp(scores) / np.sum(np.exp(scores))
    return A


def one_hot(labels, C):
    labels = np.ravel(labels)
    Y = np.zeros((C, labels.shape[0]))
    for i, label in enumerate(labels):
        Y[label][i] = 1.
    return Y


def compute_cost(A, Y):
    N = A.shape[1]
    return -np.sum(np.log(A.T[np.arange(N), Y.argmax(axis=0)])) / N


def softmax_backward(dA, Z):
    A = softmax(Z)
    return A * (dA - (A * dA).sum(axis=0, keepdims=True))


def output_delta(A, Y):
    return A - Y
