# Planar data classification with one hidden layer -- backward propagation, as in the
# course notebook (tanh hidden layer, sigmoid output).
import numpy as np


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        g_prime = 1 - np.power(np.tanh(Z1), 2)
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        g_prime = np.multiply(s, 1 - s)
    elif activation == "relu":
        g_prime = np.greater(Z1, 0).astype(float)
    else:
        raise ValueError("activation must be tanh, sigmoid or relu, not " + str(activation))
    dZ1 = np.multiply(np.dot(W2.T, dZ2), g_prime)
    return dZ1


# GRADED FUNCTION: backward_propagation

def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]

    # First, retrieve W1 and W2 from the dictionary "parameters".
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    # Retrieve also A1 and A2 from dictionary "cache".
    A1 = cache["A1"]
    A2 = cache["A2"]

    # Backward propagation: calculate dW1, db1, dW2, db2.
    dZ2 = A2 - Y
    dW2 = 1./m * np.dot(dZ2, A1.T)
    db2 = 1./m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
    dW1 = 1./m * np.dot(dZ1, X.T)
    db1 = 1./m * np.sum(dZ1, axis=1, keepdims=True)

    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}

    return grads
