from builtins import range
import numpy as np
from random import shuffle


def softmax(Z):
    """Softmax of the scores, shifted by the max for numeric stability (as in the assignment)."""
    # *****START OF YOUR CODE (DO NOT DELETE/MODIFY THIS LINE)*****
    shifted = Z - np.max(Z, axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    # *****END OF YOUR CODE (DO NOT DELETE/MODIFY THIS LINE)*****
    return probs


def one_hot(labels, C):
    """(C, N) one-hot columns; labels can be (N,) or (1, N)."""
    return np.eye(C)[np.ravel(labels)].T


def compute_cost(A, Y):
    """Average cross-entropy loss. A: probabilities (C, N), Y: one-hot (C, N)."""
    num_train = A.shape[1]
    y = np.argmax(Y, axis=0)  # back to class indices, like the assignment's y
    correct_logprobs = -np.log(A[y, range(num_train)])
    loss = np.sum(correct_logprobs) / num_train
    return loss


def softmax_backward(dA, Z):
    """dZ from dA through the softmax Jacobian, one column (example) at a time."""
    A = softmax(Z)
    dZ = np.zeros_like(Z, dtype=float)
    for i in range(Z.shape[1]):
        s = A[:, i].reshape(-1, 1)
        jacobian = np.diagflat(s) - np.dot(s, s.T)  # dA_j / dZ_k
        dZ[:, i] = np.dot(jacobian, dA[:, i])       # the Jacobian is symmetric
    return dZ


def output_delta(A, Y):
    """dscores: softmax + cross-entropy, the gradient of the summed loss w.r.t. the scores."""
    num_train = A.shape[1]
    y = np.argmax(Y, axis=0)
    dscores = A.copy()
    dscores[y, range(num_train)] -= 1
    return dscores


def softmax_loss_vectorized(W, X, y, reg):
    """The assignment's vectorized loss, kept from the earlier part (W: (C, D), X: (D, N))."""
    probs = softmax(W.dot(X))
    num_train = X.shape[1]
    loss = compute_cost(probs, one_hot(y, W.shape[0])) + reg * np.sum(W * W)
    dW = output_delta(probs, one_hot(y, W.shape[0])).dot(X.T) / num_train + 2 * reg * W
    return loss, dW
