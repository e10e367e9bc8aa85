"""ex05: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly those functions.
"""

MISTAKES = {
    "ex05/dAL-sign-flipped": '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = Y / AL - (1 - Y) / (1 - AL)  # explain: here
    current_cache = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, current_cache, "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads
''',
    "ex05/sigmoid-in-hidden-layers": '''
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "sigmoid")  # explain: here
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
''',
    "ex05/relu-at-output": '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "relu")  # explain: here
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads
''',
    "ex05/grads-keys-off-by-one": '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L - 1)], grads["db" + str(L - 1)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")  # explain: here
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    return grads
''',
    "ex05/update-adds-gradient": '''
def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] + learning_rate * grads["dW" + str(l + 1)]  # explain: here
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] + learning_rate * grads["db" + str(l + 1)]
    return parameters
''',
    "ex05/missing-1-over-m": '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    dW = np.dot(dZ, A_prev.T)  # explain: here
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
''',
}

CORRECT = {
    "np.dot, lists for tuples, dZL = AL - Y, update in place": '''
def linear_forward(A, W, b):
    return np.dot(W, A) + b, [A, W, b]


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = relu(Z) if activation == "relu" else sigmoid(Z)
    return [A, [linear_cache, Z]]


def L_model_forward(X, parameters):
    L = len(parameters) // 2
    A, caches = X, ()
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W%d" % l], parameters["b%d" % l],
                                             "sigmoid" if l == L else "relu")
        caches = caches + (cache,)
    return A, caches


def compute_cost(AL, Y):
    m = AL.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return float(np.squeeze(cost))


def L_model_backward(AL, Y, caches):
    L = len(caches)
    m = AL.shape[1]
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        (A_prev, W, b), Z = caches[l - 1]
        if l < L:
            dZ = grads["dA%d" % l] * (Z > 0)
        grads["dW%d" % l] = np.dot(dZ, A_prev.T) / m
        grads["db%d" % l] = dZ.sum(axis=1, keepdims=True) / m
        grads["dA%d" % (l - 1)] = np.dot(W.T, dZ)
    return grads


def update_parameters(parameters, grads, learning_rate):
    for key in list(parameters):
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters
''',
    "einsum and loops, activation derivatives written out": '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[1]
    dW = np.zeros_like(W)
    for j in range(m):
        dW += np.outer(dZ[:, j], A_prev[:, j])
    return np.einsum("ik,ij->kj", W, dZ), dW / m, dZ.mean(axis=1).reshape(-1, 1)


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-Z))
        return linear_backward(dA * s * (1.0 - s), linear_cache)
    if activation == "relu":
        return linear_backward(dA * (Z > 0).astype(float), linear_cache)
    raise ValueError(activation)


def compute_cost(AL, Y):
    return float(np.mean(-Y * np.log(AL) - (1 - Y) * np.log1p(-AL)))


def update_parameters(parameters, grads, learning_rate):
    return {k: np.subtract(v, np.multiply(learning_rate, grads["d" + k])) for k, v in parameters.items()}
''',
    "a (1, 1) cost from np.dot, left as it is": '''
def compute_cost(AL, Y):
    m = Y.shape[1]
    return (-1. / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
''',
    "Ng's notebook style, with np.matmul and str keys": '''
def linear_forward(A, W, b):
    Z = np.matmul(W, A) + b
    cache = (A, W, b)
    return Z, cache


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "1/m in dA_prev too": '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ) / m, np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m
''',
    "no bias in linear_forward": '''
def linear_forward(A, W, b):
    return np.dot(W, A), (A, W, b)
''',
    "update with learning_rate squared": '''
def update_parameters(parameters, grads, learning_rate):
    return {k: v - learning_rate ** 2 * grads["d" + k] for k, v in parameters.items()}
''',
}
