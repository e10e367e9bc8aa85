import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    gradapprox = np.zeros_like(theta, dtype=float)
    for i in np.ndindex(np.shape(theta)):
        thetaplus = np.array(theta, dtype=float)
        thetaplus[i] += epsilon
        thetaminus = np.array(theta, dtype=float)
        thetaminus[i] -= epsilon
        gradapprox[i] = (f(thetaplus) - f(thetaminus)) / (2 * epsilon)
    return gradapprox


def relative_difference(grad, grad_approx):
    # difference = ||grad - gradapprox|| / ||grad + gradapprox||
    numerator = np.linalg.norm(grad - grad_approx)
    denominator = np.linalg.norm(grad + grad_approx)
    if denominator == 0:
        return 0.0
    return numerator / denominator


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return difference, difference < threshold
