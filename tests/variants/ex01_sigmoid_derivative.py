"""ex01: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly those functions.
"""

MISTAKES = {
    "ex01/returned-sigmoid": '''
def sigmoid_derivative(z):
    return sigmoid(z)
''',
    "ex01/a-times-1-minus-a-on-z": '''
def sigmoid_derivative(z):
    return z * (1 - z)
''',
    # the textbook formula: exp(1000) is inf, and inf / inf is nan (sigmoid_derivative,
    # which calls sigmoid, breaks down with it)
    "ex01/unstable-at-large-z": '''
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
''',
    "ex01/tanh-missing-square": '''
def tanh_derivative(z):
    return 1 - np.tanh(z)
''',
    "ex01/tanh-on-z": '''
def tanh_derivative(z):
    return 1 - z ** 2
''',
    "ex01/relu-returned-z": '''
def relu_derivative(z):
    return np.maximum(0, z)
''',
}

CORRECT = {
    "logaddexp, symmetric derivative, cosh, heaviside": '''
def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def sigmoid_derivative(z):
    return sigmoid(z) * sigmoid(-z)


def tanh_derivative(z):
    return 1.0 / np.cosh(z) ** 2


def relu_derivative(z):
    return np.heaviside(z, 0.0)
''',
    "tanh form, exp of -|z|, boolean mask": '''
def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z)))


def sigmoid_derivative(z):
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)
''',
    "two branches with masks, loops": '''
def sigmoid(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1 + ez)
    return out


def sigmoid_derivative(z):
    z = np.array(z, dtype=float)
    out = np.zeros_like(z)
    for i in np.ndindex(z.shape):
        a = sigmoid(z[i])
        out[i] = a - a * a
    return out


def tanh_derivative(z):
    t = np.tanh(z)
    return np.subtract(1.0, np.multiply(t, t))


def relu_derivative(z):
    return np.where(np.greater(z, 0), 1.0, 0.0)
''',
    "naive sigmoid with its overflow warning, which still rounds to the right values": '''
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "a power too many": '''
def sigmoid_derivative(z):
    a = sigmoid(z)
    return a * (1 - a) ** 2
''',
    "relu's derivative as booleans": '''
def relu_derivative(z):
    return np.asarray(z) > 0
''',
    "tanh's derivative off by a factor": '''
def tanh_derivative(z):
    return 2 * (1 - np.tanh(z) ** 2)
''',
}
