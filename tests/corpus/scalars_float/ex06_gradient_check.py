"""Exercise 6 -- gradient checking, with central differences."""
import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    theta = np.array(theta, dtype=float)          # my own copy: the caller's theta stays put
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        old = theta[idx]
        theta[idx] = old + epsilon
        up = float(f(theta))
        theta[idx] = old - epsilon
        down = float(f(theta))
        theta[idx] = old
        grad[idx] = (up - down) / (2 * epsilon)
    return grad


def relative_difference(grad, grad_approx):
    top = float(np.linalg.norm(grad - grad_approx))
    bottom = float(np.linalg.norm(grad) + np.linalg.norm(grad_approx))
    return 0.0 if bottom == 0.0 else top / bottom


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return difference, difference < threshold
