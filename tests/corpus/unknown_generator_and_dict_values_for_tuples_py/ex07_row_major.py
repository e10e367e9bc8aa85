import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoidPrime(z):
    return np.exp(-z) / ((1 + np.exp(-z)) ** 2)


def forward(X, W1, W2):
    return sigmoid(sigmoid(X @ W1) @ W2)


def cost(X, y, W1, W2):
    return 0.5 * np.sum((y - forward(X, W1, W2)) ** 2)


def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    delta3 = -(y - yHat) * sigmoidPrime(z3)
    delta2 = (delta3 @ W2.T) * sigmoidPrime(z2)
    grads = {"dJdW1": X.T @ delta2, "dJdW2": a2.T @ delta3}
    return grads.values()


SHAPES = {"dJdW1": (2, 3), "dJdW2": (3, 1), "delta3": (3, 1), "delta2": (3, 3), "a2": (3, 3), "z3": (3, 1)}
