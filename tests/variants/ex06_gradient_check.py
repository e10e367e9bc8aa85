"""ex06: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly that function (the
reference gradient_check calls the redefined numerical_gradient or relative_difference).
"""

MISTAKES = {
    "ex06/one-sided-difference": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    theta = np.array(theta, dtype=float)
    f0 = float(f(theta))
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        theta_plus = theta.copy()
        theta_plus[i] += epsilon
        grad[i] = (float(f(theta_plus)) - f0) / epsilon  # explain: here
    return grad
''',
    "ex06/missing-factor-2": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        theta_plus = theta.copy()
        theta_minus = theta.copy()
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        grad[i] = (f(theta_plus) - f(theta_minus)) / epsilon  # explain: here
    return grad
''',
    "ex06/theta-not-restored": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        theta[i] += epsilon
        f_plus = f(theta)
        theta[i] -= 2 * epsilon  # explain: here
        f_minus = f(theta)
        grad[i] = (f_plus - f_minus) / (2 * epsilon)
    return grad
''',
    "ex06/no-denominator": '''
def relative_difference(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx))  # explain: here
''',
}

CORRECT = {
    "flat copies, np.dot norms, a list": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    flat = np.array(theta, dtype=np.float64).ravel()
    out = []
    for k in range(flat.size):
        up, down = flat.copy(), flat.copy()
        up[k] = flat[k] + epsilon
        down[k] = flat[k] - epsilon
        out.append((f(up.reshape(np.shape(theta))) - f(down.reshape(np.shape(theta)))) / (2 * epsilon))
    return np.array(out).reshape(np.shape(theta))


def relative_difference(grad, grad_approx):
    d = (grad - grad_approx).ravel()
    a, b = np.ravel(grad), np.ravel(grad_approx)
    total = np.sqrt(np.dot(a, a)) + np.sqrt(np.dot(b, b))
    return 0.0 if total == 0 else float(np.sqrt(np.dot(d, d)) / total)


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return [difference, difference < threshold]
''',
    "one-hot steps, norms of sums of squares": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.empty_like(theta, dtype=float)
    for i in np.ndindex(*np.shape(theta)):
        e = np.zeros_like(theta, dtype=float)
        e[i] = 1.0
        grad[i] = 0.5 * (f(theta + epsilon * e) - f(theta - epsilon * e)) / epsilon
    return grad


def relative_difference(grad, grad_approx):
    num = np.sqrt(np.sum((grad - grad_approx) ** 2))
    den = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(grad_approx ** 2))
    if den == 0:
        return 0.0
    return float(num / den)
''',
    "norms kept as (1, 1) arrays, ok a (1, 1) boolean array": '''
def relative_difference(grad, grad_approx):
    g, a = np.reshape(grad, (1, -1)), np.reshape(grad_approx, (1, -1))
    numerator = np.sqrt(np.dot(g - a, (g - a).T))
    denominator = np.sqrt(np.dot(g, g.T)) + np.sqrt(np.dot(a, a.T))
    if denominator[0, 0] == 0:
        return np.zeros((1, 1))
    return numerator / denominator


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return difference, difference < threshold
''',
    "in place with try/finally, ok from a comparison": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    it = np.nditer(theta, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        saved = float(theta[i])
        try:
            theta[i] = saved + epsilon
            up = f(theta)
            theta[i] = saved - epsilon
            down = f(theta)
        finally:
            theta[i] = saved
        grad[i] = (up - down) / (2.0 * epsilon)
    return grad


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    approx = numerical_gradient(f, theta, epsilon=epsilon)
    d = relative_difference(grad, approx)
    ok = True if d < threshold else False
    return d, ok
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "divided by 4 epsilon": '''
def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        up, down = theta.copy(), theta.copy()
        up[i] += epsilon
        down[i] -= epsilon
        grad[i] = (f(up) - f(down)) / (4 * epsilon)
    return grad
''',
    "squared norms": '''
def relative_difference(grad, grad_approx):
    num = np.sum((grad - grad_approx) ** 2)
    den = np.sum(grad ** 2) + np.sum(grad_approx ** 2)
    return 0.0 if den == 0 else float(num / den)
''',
    "threshold given ignored": '''
def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return difference, bool(difference < 2e-7)
''',
}
