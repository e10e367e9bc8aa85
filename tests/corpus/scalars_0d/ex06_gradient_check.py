import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    theta = np.asarray(theta, dtype=float)
    flat = theta.reshape(-1)
    gradapprox = np.zeros(flat.shape)
    for i in range(flat.size):
        thetaplus = np.copy(flat)
        thetaplus[i] = thetaplus[i] + epsilon
        J_plus = f(thetaplus.reshape(theta.shape))
        thetaminus = np.copy(flat)
        thetaminus[i] = thetaminus[i] - epsilon
        J_minus = f(thetaminus.reshape(theta.shape))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return gradapprox.reshape(theta.shape)


def relative_difference(grad, grad_approx):
    # sums of squares kept as (1, 1) or (1,), then squeezed to a 0-d array
    numerator = np.sqrt(np.sum(np.square(grad - grad_approx), keepdims=True))
    denominator = np.sqrt(np.sum(np.square(grad), keepdims=True)) + np.sqrt(np.sum(np.square(grad_approx), keepdims=True))
    if np.squeeze(denominator) == 0:
        return np.squeeze(numerator)   # 0 as well
    difference = np.squeeze(numerator / denominator)
    return difference


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    gradapprox = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, gradapprox)
    return difference, difference < threshold
