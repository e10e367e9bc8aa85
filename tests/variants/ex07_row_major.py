"""ex07: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly that function.
"""

MISTAKES = {
    "ex07/missing-delta3": '''
def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    delta3 = -(y - yHat) * sigmoid_prime(z3)
    dJdW2 = a2.T  # explain: here
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    return X.T @ delta2, dJdW2
''',
    "ex07/missing-minus": '''
def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    delta3 = (y - yHat) * sigmoid_prime(z3)  # explain: here
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    return X.T @ delta2, a2.T @ delta3
''',
    "ex07/W2-not-transposed": '''
def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    delta3 = -(y - yHat) * sigmoid_prime(z3)
    delta2 = np.dot(delta3, W2) * sigmoid_prime(z2)  # explain: here (the notes' np.dot: @ names sizes only)
    return X.T @ delta2, a2.T @ delta3
''',
    "ex07/averaged": '''
def cost_prime(X, y, W1, W2):
    n = X.shape[0]
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    delta3 = -(y - yHat) * sigmoid_prime(z3)
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    return X.T @ delta2 / n, a2.T @ delta3 / n


def cost(X, y, W1, W2):
    return float(0.5 * np.mean((y - forward(X, W1, W2)) ** 2))  # explain: here
''',
}

CORRECT = {
    "Welch's own cost: Python's sum, one sum per output": '''
def cost(X, y, W1, W2):
    yHat = forward(X, W1, W2)
    return 0.5 * sum((y - yHat) ** 2)
''',
    "the per-output sums as a (1, outputLayerSize) row": '''
def cost(X, y, W1, W2):
    return 0.5 * np.sum((y - forward(X, W1, W2)) ** 2, axis=0, keepdims=True)
''',
    "np.dot, a list, tanh-based sigmoid, SHAPES of lists": '''
def forward(X, W1, W2):
    a2 = 0.5 * (1.0 + np.tanh(0.5 * np.dot(X, W1)))
    return 0.5 * (1.0 + np.tanh(0.5 * np.dot(a2, W2)))


def cost(X, y, W1, W2):
    r = (y - forward(X, W1, W2)).ravel()
    return 0.5 * float(np.dot(r, r))


def cost_prime(X, y, W1, W2):
    a2 = sigmoid(np.dot(X, W1))
    yHat = sigmoid(np.dot(a2, W2))
    delta3 = (yHat - y) * yHat * (1 - yHat)
    delta2 = np.dot(delta3, W2.T) * a2 * (1 - a2)
    return [np.dot(X.T, delta2), np.dot(a2.T, delta3)]


SHAPES = {"dJdW1": [2, 3], "dJdW2": [3, 1], "delta3": [3, 1], "delta2": [3, 3], "a2": [3, 3], "z3": [3, 1]}
''',
    "einsum and loops over the examples": '''
def cost_prime(X, y, W1, W2):
    dJdW1 = np.zeros(W1.shape)
    dJdW2 = np.zeros(W2.shape)
    for j in range(X.shape[0]):
        x = X[j]
        h = sigmoid(x @ W1)
        out = sigmoid(h @ W2)
        d3 = (out - y[j]) * out * (1 - out)
        dJdW2 += np.outer(h, d3)
        d2 = np.einsum("i,ki->k", d3, W2) * h * (1 - h)
        dJdW1 += np.outer(x, d2)
    return dJdW1, dJdW2


def cost(X, y, W1, W2):
    return float(np.einsum("ji,ji->", y - forward(X, W1, W2), y - forward(X, W1, W2)) / 2)
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "per-output sums without the 0.5": '''
def cost(X, y, W1, W2):
    return sum((y - forward(X, W1, W2)) ** 2)
''',
    "one sum per example instead of per output": '''
def cost(X, y, W1, W2):
    return 0.5 * np.sum((y - forward(X, W1, W2)) ** 2, axis=1)
''',
    "f'(z3) left out of delta3": '''
def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    yHat = sigmoid(a2 @ W2)
    delta3 = -(y - yHat)
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    return X.T @ delta2, a2.T @ delta3
''',
    # half the gradient is what np.mean gives on one example with two outputs
    "the cost's 0.5 kept in delta3": '''
def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    delta3 = -0.5 * (y - sigmoid(z3)) * sigmoid_prime(z3)
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    return X.T @ delta2, a2.T @ delta3
''',
    "SHAPES transposed": '''
SHAPES = {"dJdW1": (3, 2), "dJdW2": (1, 3), "delta3": (1, 3), "delta2": (3, 3), "a2": (3, 3), "z3": (1, 3)}
''',
}
