# softmax.py -- my CS231n softmax code ported to the course's functions.
# I keep the assignment's layout inside each function (scores: N x C, one row per example)
# and transpose at the door, since the course passes (C, N).
import numpy as np


def softmax(Z):
    scores = Z.T                                   # (N, C)
    scores = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    return probs.T


def one_hot(labels, C):
    y = np.asarray(labels).reshape(-1)
    N = y.shape[0]
    Y = np.zeros((N, C))
    for i in range(N):
        Y[i, y[i]] = 1.0
    return Y.T


def compute_cost(A, Y):
    probs = A.T
    y = np.argmax(Y, axis=0)
    num_train = probs.shape[0]
    loss = 0.0
    for i in range(num_train):
        loss += -np.log(probs[i, y[i]])
    loss /= num_train
    return loss


def softmax_backward(dA, Z):
    probs = softmax(Z).T          # (N, C)
    dprobs = dA.T
    num_train, num_classes = probs.shape
    dscores = np.zeros_like(probs)
    for i in range(num_train):
        for j in range(num_classes):
            # dp_j/ds_j = p_j * (1 - p_j)
            dscores[i, j] = dprobs[i, j] * probs[i, j] * (1 - probs[i, j])
    return dscores.T


def output_delta(A, Y):
    probs = A.T
    y = np.argmax(Y, axis=0)
    num_train = probs.shape[0]
    dscores = probs.copy()
    dscores[np.arange(num_train), y] -= 1
    dscores /= num_train
    return dscores.T


if __name__ == "__main__":
    np.random.seed(0)
    Z = np.random.randn(3, 5)
    print(softmax(Z).sum(axis=0))
    print(compute_cost(softmax(Z), one_hot(np.array([0, 1, 2, 1, 0]), 3)))
