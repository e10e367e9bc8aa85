import numpy as np


# ---- given ----
def sigmoid(x):
    return 0.5 + 0.5 * np.tanh(0.5 * x)


def relu(x):
    return np.where(x > 0, x, 0.0)


def compute_cost(A3, Y):
    count = Y.shape[1]
    return float(-np.sum(Y * np.log(A3) + (1.0 - Y) * np.log(1.0 - A3)) / count)


# ---- mine ----
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    cross_entropy = compute_cost(A3, Y)
    L = len(parameters) // 2
    weight_decay = 0.0
    for l in range(1, L + 1):
        W = parameters["W%d" % l]
        weight_decay += np.linalg.norm(W, "fro") ** 2   # ||W||_F^2
    weight_decay *= lambd / 2                           # the usual (lambda/2)||w||^2
    return cross_entropy + weight_decay


def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dz3 = A3 - Y
    dw3 = (dz3 @ A2.T + lambd * W3) / m
    db3 = dz3.sum(axis=1, keepdims=True) / m
    da2 = W3.T @ dz3
    dz2 = da2 * (Z2 > 0)
    dw2 = (dz2 @ A1.T + lambd * W2) / m
    db2 = dz2.sum(axis=1, keepdims=True) / m
    da1 = W2.T @ dz2
    dz1 = da1 * (Z1 > 0)
    dw1 = (dz1 @ X.T + lambd * W1) / m
    db1 = dz1.sum(axis=1, keepdims=True) / m
    return {"dZ3": dz3, "dW3": dw3, "db3": db3, "dA2": da2, "dZ2": dz2, "dW2": dw2, "db2": db2,
            "dA1": da1, "dZ1": dz1, "dW1": dw1, "db1": db1}


def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    D1, D2 = masks
    Z1 = W1 @ X + b1
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dz3 = A3 - Y
    dw3 = dz3 @ A2.T / m
    db3 = dz3.sum(axis=1, keepdims=True) / m
    da2 = (W3.T @ dz3) * D2 / keep_prob
    dz2 = da2 * (Z2 > 0)
    dw2 = dz2 @ A1.T / m
    db2 = dz2.sum(axis=1, keepdims=True) / m
    da1 = (W2.T @ dz2) * D1 / keep_prob
    dz1 = da1 * (Z1 > 0)
    dw1 = dz1 @ X.T / m
    db1 = dz1.sum(axis=1, keepdims=True) / m
    return {"dZ3": dz3, "dW3": dw3, "db3": db3, "dA2": da2, "dZ2": dz2, "dW2": dw2, "db2": db2,
            "dA1": da1, "dZ1": dz1, "dW1": dw1, "db1": db1}
