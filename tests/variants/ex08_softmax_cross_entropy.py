"""ex08: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly those functions.
"""

MISTAKES = {
    # stable, but each row is normalised over its examples
    "ex08/softmax-wrong-axis": '''
def softmax(Z):
    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    A = e / np.sum(e, axis=1, keepdims=True)  # explain: here
    return A
''',
    # the textbook formula: exp(1000) is inf, and inf / inf is nan
    "ex08/unstable-softmax": '''
def softmax(Z):
    A = np.exp(Z) / np.sum(np.exp(Z), axis=0, keepdims=True)  # explain: here
    return A
''',
    "ex08/diagonal-jacobian-only": '''
def softmax_backward(dA, Z):
    A = softmax(Z)
    dZ = dA * A * (1 - A)  # explain: here
    return dZ
''',
    "ex08/dZ-divided-by-m": '''
def output_delta(A, Y):
    m = A.shape[1]
    dZ = (A - Y) / m  # explain: here
    return dZ
''',
    "ex08/cost-missing-1-over-m": '''
def compute_cost(A, Y):
    cost = -np.sum(Y * np.log(A))  # explain: here
    return cost
''',
    "ex08/one-hot-transposed": '''
def one_hot(labels, C):
    Y = np.eye(C)[np.ravel(labels)]  # explain: here
    return Y
''',
}

CORRECT = {
    "np.dot, logsumexp, a (1, 1) cost, the Jacobian per column": '''
def softmax(Z):
    top = Z.max(axis=0)
    log_sum = top + np.log(np.sum(np.exp(Z - top), axis=0))
    return np.exp(Z - log_sum)


def one_hot(labels, C):
    return np.eye(C)[:, np.asarray(labels).flatten()]


def compute_cost(A, Y):
    m = Y.shape[1]
    per_example = np.sum(Y * np.log(A), axis=0, keepdims=True)  # (1, m)
    return -np.dot(per_example, np.ones((m, 1))) / m


def softmax_backward(dA, Z):
    A = softmax(Z)
    dZ = np.zeros_like(Z)
    for j in range(Z.shape[1]):
        a = A[:, j]
        jacobian = np.diag(a) - np.outer(a, a)
        dZ[:, j] = np.dot(jacobian.T, dA[:, j])
    return dZ


def output_delta(A, Y):
    return np.subtract(A, Y)
''',
    "einsum, no keepdims, output_delta through softmax_backward": '''
def softmax(Z):
    e = np.exp(Z - Z.max(axis=0))
    return e / e.sum(axis=0)


def one_hot(labels, C):
    flat = np.reshape(labels, -1)
    return (np.arange(C)[:, None] == flat[None, :]).astype(float)


def compute_cost(A, Y):
    return -np.einsum("kj,kj->", Y, np.log(A)) / A.shape[1]


def softmax_backward(dA, Z):
    A = softmax(Z)
    inner = np.einsum("kj,kj->j", A, dA)
    return A * dA - A * inner


def output_delta(A, Y):
    return softmax_backward(-Y / A, np.log(A))
''',
    "loops over the examples, np.mean of the losses, a numpy float cost": '''
def softmax(Z):
    A = np.empty(Z.shape)
    for j in range(Z.shape[1]):
        z = Z[:, j] - np.max(Z[:, j])
        A[:, j] = np.exp(z) / np.exp(z).sum()
    return A


def one_hot(labels, C):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((C, len(labels)))
    for j, k in enumerate(labels):
        Y[k, j] = 1
    return Y


def compute_cost(A, Y):
    losses = -np.sum(Y * np.log(A), axis=0)
    return np.mean(losses)


def softmax_backward(dA, Z):
    A = softmax(Z)
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


def output_delta(A, Y):
    dZ = A.copy()
    dZ[Y == 1] -= 1
    return dZ
''',
    "the log-probabilities of the labels picked out, a 0-d cost": '''
def compute_cost(A, Y):
    picked = np.log(A[np.argmax(Y, axis=0), np.arange(Y.shape[1])])
    return np.squeeze(-np.sum(picked, keepdims=True) / Y.shape[1])
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "the sign of the output delta flipped": '''
def output_delta(A, Y):
    return Y - A
''',
    "the binary cross-entropy cost, a (1 - Y) log(1 - A) term added": '''
def compute_cost(A, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
''',
    "m taken from the classes' axis in the cost": '''
def compute_cost(A, Y):
    return float(-np.sum(Y * np.log(A)) / Y.shape[0])
''',
    "the inner product summed over the wrong axis": '''
def softmax_backward(dA, Z):
    A = softmax(Z)
    return A * (dA - np.sum(A * dA, axis=1, keepdims=True))
''',
    "exp without the normalisation": '''
def softmax(Z):
    return np.exp(Z - np.max(Z, axis=0, keepdims=True))
''',
    "one_hot of ints": '''
def one_hot(labels, C):
    flat = np.ravel(labels)
    Y = np.zeros((C, flat.size), dtype=int)
    Y[flat, np.arange(flat.size)] = 1
    return Y
''',
}
