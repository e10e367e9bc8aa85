"""ex09: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly those functions. Most
are written as the course's notebook writes them (np.dot, relu' read from the cache's A > 0).
"""

MISTAKES = {
    "ex09/reg-gradient-half": '''
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / (2 * m) * W3  # explain: here
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / (2 * m) * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / (2 * m) * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
''',
    "ex09/reg-gradient-missing-1-over-m": '''
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd * W3  # explain: here
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
''',
    "ex09/biases-regularized": '''
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / m * W3
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True) + lambd / m * b3  # explain: here
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / m * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True) + lambd / m * b2
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True) + lambd / m * b1
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
''',
    "ex09/reg-cost-missing-1-over-m": '''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(A3, Y)
    squares = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    L2_regularization_cost = lambd / 2 * squares  # explain: here
    return cross_entropy_cost + L2_regularization_cost
''',
    "ex09/mask-not-applied-backward": '''
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3) / keep_prob  # explain: here
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2) / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
''',
    "ex09/not-rescaled-by-keep-prob": '''
def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    D1, D2 = masks
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    A1 = A1 * D1  # explain: here
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    A2 = A2 * D2
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
''',
}

CORRECT = {
    "masks made bool, units shut down in place, the bool masks cached": '''
def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    D1, D2 = (D.astype(bool) for D in masks)
    A1 = relu(W1 @ X + b1)
    A1[~D1] = 0
    A1 /= keep_prob
    A2 = relu(W2 @ A1 + b2)
    A2[~D2] = 0
    A2 /= keep_prob
    A3 = sigmoid(W3 @ A2 + b3)
    return A3, (W1 @ X + b1, D1, A1, W1, b1, W2 @ A1 + b2, D2, A2, W2, b2, W3 @ A2 + b3, A3, W3, b3)
''',
    "the course's style: np.dot, relu' from A > 0 as int64, the cost as an array of one": '''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    total = 0
    for l in range(1, len(parameters) // 2 + 1):
        total = total + np.sum(np.square(parameters["W" + str(l)]))
    L2_regularization_cost = (1. / m) * (lambd / 2) * total
    return np.array([[cross_entropy_cost + L2_regularization_cost]])


def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    D1, D2 = masks
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    A1 = A1 * D1
    A1 = A1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    A2 = A2 * D2
    A2 = A2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = dA2 * D2
    dA2 = dA2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
''',
    "norms, loops over the layers, a list for the cache, extra keys": '''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = A3.shape[1]
    weights = [value for name, value in parameters.items() if name.startswith("W")]
    penalty = sum(np.linalg.norm(W) ** 2 for W in weights) * lambd / (2.0 * m)
    losses = np.where(Y == 1, -np.log(A3), -np.log(1.0 - A3))
    return np.float64(np.mean(losses) + penalty)


def _backward(X, Y, layers, keep_prob=None, lambd=0.0):
    """layers: (Z, D, A, W) of layers 1 and 2, then (W3, A3); D is None without dropout."""
    (Z1, D1, A1, W1), (Z2, D2, A2, W2), (W3, A3) = layers
    m = Y.shape[1]
    grads, dZ, inputs, weights = {}, A3 - Y, {1: X, 2: A1, 3: A2}, {1: W1, 2: W2, 3: W3}
    for l in (3, 2, 1):
        if l < 3:
            dA = np.einsum("ki,kj->ij", weights[l + 1], dZ)
            D, Z = (D1, Z1) if l == 1 else (D2, Z2)
            if D is not None:
                dA = np.where(D > 0, dA / keep_prob, 0.0)
            grads["dA" + str(l)] = dA
            dZ = np.heaviside(Z, 0.0) * dA
        grads["dZ" + str(l)] = dZ
        grads["dW" + str(l)] = np.einsum("ij,kj->ik", dZ, inputs[l]) / m + lambd * weights[l] / m
        grads["db" + str(l)] = dZ.mean(axis=1).reshape(-1, 1)
    grads["m"] = m
    return grads


def backward_propagation_with_regularization(X, Y, cache, lambd):
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _backward(X, Y, [(Z1, None, A1, W1), (Z2, None, A2, W2), (W3, A3)], lambd=lambd)


def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    cache, A = [], X
    for l in (1, 2):
        W, b = parameters["W%d" % l], parameters["b%d" % l]
        Z = np.matmul(W, A) + b
        A = np.maximum(Z, 0) * masks[l - 1] * (1.0 / keep_prob)
        cache += [Z, masks[l - 1], A, W, b]
    Z3 = parameters["W3"] @ A + parameters["b3"]
    A3 = 1.0 / (1.0 + np.exp(-Z3))
    return A3, cache + [Z3, A3, parameters["W3"], parameters["b3"]]


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _backward(X, Y, [(Z1, D1, A1, W1), (Z2, D2, A2, W2), (W3, A3)], keep_prob=keep_prob)
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "the penalty without its 1/2": '''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.sum(W ** 2) for name, W in parameters.items() if name[0] == "W")
    return compute_cost(A3, Y) + lambd / m * squares
''',
    "the penalty of the course's three weight matrices only": '''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters.get("W3", 0.0)
    squares = np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3))
    return compute_cost(A3, Y) + lambd / (2 * m) * squares
''',
    "no regularization term in dW": '''
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.mean(axis=1, keepdims=True), "dA2": dA2,
            "dZ2": dZ2, "dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True), "dA1": dA1,
            "dZ1": dZ1, "dW1": dZ1 @ X.T / m, "db1": dZ1.mean(axis=1, keepdims=True)}
''',
    "the penalty's derivative doubled, 2 * lambd / m": '''
def backward_propagation_with_regularization(X, Y, cache, lambd):
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    m, dZ3 = X.shape[1], A3 - Y
    dZ2 = (W3.T @ dZ3) * (Z2 > 0)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m + 2 * lambd / m * W3, "db3": dZ3.mean(axis=1, keepdims=True),
            "dA2": W3.T @ dZ3, "dZ2": dZ2, "dW2": dZ2 @ A1.T / m + 2 * lambd / m * W2,
            "db2": dZ2.mean(axis=1, keepdims=True), "dA1": W2.T @ dZ2, "dZ1": dZ1,
            "dW1": dZ1 @ X.T / m + 2 * lambd / m * W1, "db1": dZ1.mean(axis=1, keepdims=True)}
''',
    "activations multiplied by keep_prob instead of divided": '''
def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    D1, D2 = masks
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = relu(Z1) * D1 * keep_prob
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = relu(Z2) * D2 * keep_prob
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, parameters["W1"], parameters["b1"], Z2, D2, A2, parameters["W2"],
                parameters["b2"], Z3, A3, parameters["W3"], parameters["b3"])
''',
    "the gradient multiplied by keep_prob on the way back": '''
_reference_backward = backward_propagation_with_dropout


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    return _reference_backward(X, Y, cache, 1.0 / keep_prob)
''',
}
