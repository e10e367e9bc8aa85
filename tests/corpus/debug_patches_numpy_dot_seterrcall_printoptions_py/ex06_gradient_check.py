# ex06 -- gradient checking (a new file, written the week after ex04's)
import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    it = np.nditer(theta, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        kept = theta[i]
        theta[i] = kept + epsilon
        f_plus = f(theta)
        theta[i] = kept - epsilon
        f_minus = f(theta)
        theta[i] = kept
        grad[i] = (f_plus - f_minus) / (2 * epsilon)
        it.iternext()
    return grad


def relative_difference(grad, grad_approx):
    g, h = np.ravel(grad), np.ravel(grad_approx)
    numerator = np.sqrt(np.dot(g - h, g - h))
    denominator = np.sqrt(np.dot(g, g)) + np.sqrt(np.dot(h, h))
    if denominator == 0:
        return 0.0
    return float(numerator / denominator)


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return difference, difference < threshold
