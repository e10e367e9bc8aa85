# Gradient checking, the way the course's "Gradient Checking" notebook does it: flatten the
# parameters into a vector, nudge one entry at a time, then compare with norms.
import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    shape = np.shape(theta)
    parameters_values = np.array(theta, dtype=float).reshape(-1, 1)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus[i] = f(thetaplus.reshape(shape))

        thetaminus = np.copy(parameters_values)
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        J_minus[i] = f(thetaminus.reshape(shape))

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)

    return gradapprox.reshape(shape)


def relative_difference(grad, grad_approx):
    numerator = np.linalg.norm(grad - grad_approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    if denominator == 0:
        return np.float64(0.0)
    difference = numerator / denominator
    return difference


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    gradapprox = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, gradapprox)
    if difference > threshold:
        print("\033[93m" + "There is a mistake in the backward propagation! difference = " + str(difference) + "\033[0m")
    else:
        print("\033[92m" + "Your backward propagation works perfectly fine! difference = " + str(difference) + "\033[0m")
    return difference, difference < threshold
