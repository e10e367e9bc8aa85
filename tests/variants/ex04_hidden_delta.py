"""ex04: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's. A mistake made in hidden_delta shows in backward_propagation too, which calls it.
"""

MISTAKES = {
    "ex04/W2-not-transposed": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    slopes = {"tanh": lambda z: 1 - np.tanh(z) ** 2,
              "sigmoid": lambda z: 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z))),
              "relu": lambda z: (z > 0) * 1.0}
    if activation not in slopes:
        raise ValueError(activation)
    return (W2 @ dZ2) * slopes[activation](Z1)  # explain: here
''',
    "ex04/dW2-instead-of-W2": '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (dW2.T @ dZ2) * (1 - A1 ** 2)  # explain: here
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
''',
    "ex04/missing-activation-derivative": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation not in ("tanh", "sigmoid", "relu"):
        raise ValueError(activation)
    return W2.T @ dZ2  # explain: here
''',
    "ex04/derivative-of-A-not-Z": '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2, A1, A2 = parameters["W2"], cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = hidden_delta(dZ2, W2, A1, "tanh")  # explain: here
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}
''',
    "ex04/sigmoid-derivative-for-tanh": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        a = np.tanh(Z1)
    elif activation == "sigmoid":
        a = 1 / (1 + np.exp(-Z1))
    elif activation == "relu":
        return (W2.T @ dZ2) * (Z1 > 0)
    else:
        raise ValueError(activation)
    return (W2.T @ dZ2) * a * (1 - a)  # explain: here
''',
    "ex04/matmul-for-elementwise": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        g = 1 - np.power(np.tanh(Z1), 2)
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        g = s * (1 - s)
    elif activation == "relu":
        g = np.where(Z1 > 0, 1.0, 0.0)
    else:
        raise ValueError(activation)
    return (W2.T @ dZ2) @ g  # explain: here
''',
    "ex04/dW1-from-A1": '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1 = cache["A1"]
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    return {"dW1": dZ1 @ A1.T / m, "db1": np.mean(dZ1, axis=1, keepdims=True),  # explain: here
            "dW2": dZ2 @ A1.T / m, "db2": np.mean(dZ2, axis=1, keepdims=True)}
''',
}

CORRECT = {
    "np.dot, sigmoid from tanh, relu by heaviside": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        g = 1.0 - np.tanh(Z1) * np.tanh(Z1)
    elif activation == "sigmoid":
        s = 0.5 * (1.0 + np.tanh(0.5 * Z1))
        g = s * (1.0 - s)
    elif activation == "relu":
        g = np.heaviside(Z1, 0.0)
    else:
        raise ValueError("activation must be tanh, sigmoid or relu")
    return np.multiply(np.dot(W2.T, dZ2), g)
''',
    "einsum and loops": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    derivatives = {
        "tanh": lambda z: 1 / np.cosh(np.clip(z, -300, 300)) ** 2,
        "sigmoid": lambda z: np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2,
        "relu": lambda z: (z > 0).astype(float),
    }
    if activation not in derivatives:
        raise ValueError(f"unknown activation {activation}")
    n_h, m = Z1.shape
    dZ1 = np.einsum("ik,ij->kj", W2, dZ2)
    for k in range(n_h):
        for j in range(m):
            dZ1[k, j] *= derivatives[activation](Z1[k, j])
    return dZ1
''',
    "inline backward with 1 - tanh(Z1)**2 and a transposed product": '''
def backward_propagation(parameters, cache, X, Y):
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y
    grads = {"dW2": (cache["A1"] @ dZ2.T).T / m, "db2": dZ2.mean(axis=1).reshape(-1, 1)}
    dZ1 = (dZ2.T @ parameters["W2"]).T * (1 - np.tanh(cache["Z1"]) ** 2)
    grads["dW1"] = np.matmul(dZ1, X.T) / m
    grads["db1"] = dZ1.mean(axis=1, keepdims=True)
    return grads
''',
    "backward with loops over the examples, extra keys": '''
def backward_propagation(parameters, cache, X, Y):
    W1, W2 = parameters["W1"], parameters["W2"]
    m = X.shape[1]
    grads = {"dW1": np.zeros(W1.shape), "db1": np.zeros((W1.shape[0], 1)),
             "dW2": np.zeros(W2.shape), "db2": np.zeros((W2.shape[0], 1))}
    for j in range(m):
        x, a1, a2, y = X[:, [j]], cache["A1"][:, [j]], cache["A2"][:, [j]], Y[:, [j]]
        dz2 = a2 - y
        dz1 = np.dot(W2.T, dz2) * (1 - a1 * a1)
        grads["dW2"] += np.outer(dz2, a1) / m
        grads["db2"] += dz2 / m
        grads["dW1"] += np.outer(dz1, x) / m
        grads["db1"] += dz1 / m
    grads["dZ1"] = None
    return grads
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "an unknown activation treated as the identity instead of raising ValueError": '''
_checked_hidden_delta = hidden_delta


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation not in ("tanh", "sigmoid", "relu"):
        return W2.T @ dZ2
    return _checked_hidden_delta(dZ2, W2, Z1, activation)
''',
    "hidden delta off by a factor": '''
_reference_hidden_delta = hidden_delta


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    return 2 * _reference_hidden_delta(dZ2, W2, Z1, activation)
''',
    "dW2 without its transpose": '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1 = cache["A1"]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ A1 / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = hidden_delta(dZ2, parameters["W2"], cache["Z1"])
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}
''',
    "dW1 missing 1/m": '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1 = cache["A1"]
    dZ2 = cache["A2"] - Y
    dZ1 = hidden_delta(dZ2, parameters["W2"], cache["Z1"])
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}
''',
    "a sigmoid slope exp(-z) / (1 + exp(-z))**2, nan where exp(-z) overflows": '''
_stable_hidden_delta = hidden_delta


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "sigmoid":
        return (W2.T @ dZ2) * (np.exp(-Z1) / (1 + np.exp(-Z1)) ** 2)
    return _stable_hidden_delta(dZ2, W2, Z1, activation)
''',
    "dZ1 broadcast against the transposed slope": '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    slope = {"tanh": 1 - np.tanh(Z1) ** 2, "sigmoid": None, "relu": (Z1 > 0) * 1.0}[activation]
    if slope is None:
        s = 1 / (1 + np.exp(-Z1))
        slope = s * (1 - s)
    return (W2.T @ dZ2) * slope.T
''',
}
