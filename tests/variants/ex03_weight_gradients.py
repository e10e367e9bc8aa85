"""ex03: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly that function.
"""

MISTAKES = {
    "ex03/missing-1-over-m": '''
def weight_gradients(dZ, A_prev):
    return dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)  # explain: here
''',
    "ex03/dW-transposed": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return A_prev @ dZ.T / m, np.sum(dZ, axis=1, keepdims=True) / m  # explain: here
''',
    "ex03/db-lost-keepdims": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ @ A_prev.T / m, np.sum(dZ, axis=1) / m  # explain: here
''',
    "ex03/db-wrong-axis": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ @ A_prev.T / m, np.sum(dZ, axis=0, keepdims=True) / m  # explain: here
''',
    "ex03/m-from-wrong-axis": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[0]  # explain: here
    return dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m
''',
}

CORRECT = {
    "einsum and mean": '''
def weight_gradients(dZ, A_prev):
    return np.einsum("ij,kj->ik", dZ, A_prev) / dZ.shape[1], dZ.mean(axis=1)[:, None]
''',
    "loops": '''
def weight_gradients(dZ, A_prev):
    n_l, m = dZ.shape
    dW = np.zeros((n_l, A_prev.shape[0]))
    db = np.zeros((n_l, 1))
    for j in range(m):
        dW += np.outer(dZ[:, j], A_prev[:, j]) / m
        db[:, 0] += dZ[:, j] / m
    return dW, db
''',
    "np.dot, returned as a list": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return [np.dot(dZ, A_prev.T) * (1.0 / m), np.sum(dZ, 1, keepdims=True) * (1.0 / m)]
''',
}

# A wrong answer that matches no catalogued mistake must name none.
UNKNOWN = {
    "off by a constant": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ @ A_prev.T / m + 0.5, np.sum(dZ, axis=1, keepdims=True) / m
''',
    # twice the gradient is what m = A_prev.shape[0] gives where m is twice the units (6 and 3)
    "dW doubled": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return 2 * dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m
''',
    "dW and db doubled": '''
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    return 2 * dZ @ A_prev.T / m, 2 * np.sum(dZ, axis=1, keepdims=True) / m
''',
}
