import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape, dtype=np.float_)
    flat = theta.reshape(-1)  # a view: writing to it changes theta
    g = grad.reshape(-1)
    for i in range(int(np.product(theta.shape))):
        old = flat[i]
        flat[i] = old + epsilon
        plus = float(f(theta))
        flat[i] = old - epsilon
        minus = float(f(theta))
        flat[i] = old
        g[i] = (plus - minus) / (2 * epsilon)
    return grad


def relative_difference(grad, grad_approx):
    numerator = np.linalg.norm(grad - grad_approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    if denominator == 0:
        return 0.0
    return numerator / denominator


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    approx = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, approx)
    return difference, bool(np.alltrue(difference < threshold))
