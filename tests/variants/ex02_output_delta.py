"""ex02: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly those functions.
"""

MISTAKES = {
    "ex02/sign-flipped": '''
def output_delta(A2, Y):
    return Y - A2
''',
    "ex02/divided-by-m": '''
def output_delta(A2, Y):
    m = A2.shape[1]
    return (A2 - Y) / m
''',
    "ex02/extra-sigmoid-derivative": '''
def output_delta(A2, Y):
    return (A2 - Y) * A2 * (1 - A2)
''',
    "ex02/cost-missing-1-over-m": '''
def compute_cost(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
''',
    "ex02/cost-sign-flipped": '''
def compute_cost(A2, Y):
    m = A2.shape[1]
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
''',
}

CORRECT = {
    "Ng's np.dot cost, np.divide, the chain rule written out": '''
def compute_cost(A2, Y):
    m = len(Y[0])
    cost = -1 / m * (np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))
    return float(np.squeeze(cost))


def loss_derivative(A2, Y):
    return -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))


def output_delta(A2, Y):
    return loss_derivative(A2, Y) * A2 * (1 - A2)
''',
    "np.mean, np.where on the labels, np.subtract": '''
def compute_cost(A2, Y):
    return float(np.mean(np.where(Y == 1, -np.log(A2), -np.log(1 - A2))))


def loss_derivative(A2, Y):
    return np.where(Y == 1, -1 / A2, 1 / (1 - A2))


def output_delta(A2, Y):
    return np.subtract(A2, Y)
''',
    "a (1, 1) cost from np.dot, as Ng's learners leave it": '''
def compute_cost(A2, Y):
    m = Y.shape[1]
    return -1 / m * (np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))
''',
    "an np.squeeze'd cost: a 0-d array": '''
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = (-1.0 / m) * np.sum(np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2)), axis=1, keepdims=True)
    return np.squeeze(cost)
''',
    "loops over the examples, a numpy float cost": '''
def compute_cost(A2, Y):
    total = 0.0
    m = A2.shape[1]
    for j in range(m):
        a, y = A2[0, j], Y[0, j]
        total -= y * np.log(a) + (1 - y) * np.log(1 - a)
    return total / m


def loss_derivative(A2, Y):
    out = np.zeros_like(A2)
    for j in range(A2.shape[1]):
        a, y = A2[0, j], Y[0, j]
        out[0, j] = (a - y) / (a * (1 - a))
    return out


def output_delta(A2, Y):
    return -(Y - A2)
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "the sigmoid derivative alone": '''
def output_delta(A2, Y):
    return A2 * (1 - A2)
''',
    "the cost in log base 10": '''
def compute_cost(A2, Y):
    m = A2.shape[1]
    return float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / m)
''',
    "dA2 without the (1 - Y) term": '''
def loss_derivative(A2, Y):
    return -Y / A2
''',
}
