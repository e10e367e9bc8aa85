from numpy import *  # so that I can write the formulas as in the slides


def numerical_gradient(f, theta, epsilon=1e-7):
    grad_approx = zeros(shape(theta))
    for i in ndindex(shape(theta)):
        theta_plus = array(theta, dtype=float64)
        theta_minus = array(theta, dtype=float64)
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        grad_approx[i] = (f(theta_plus) - f(theta_minus)) / (2 * epsilon)
    return grad_approx


def relative_difference(grad, grad_approx):
    if shape(grad) != shape(grad_approx):
        raise ValueError(f"grad is {shape(grad)} but grad_approx is {shape(grad_approx)}")
    numerator = sqrt(sum((grad - grad_approx) ** 2))        # numpy's sum over every entry
    denominator = sqrt(sum(grad ** 2)) + sqrt(sum(grad_approx ** 2))
    if denominator == 0:
        return 0.0
    return float(numerator / denominator)


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=1e-7):
    grad_approx = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, grad_approx)
    worst = max(abs(grad - grad_approx))  # numpy's max of the whole array
    if not all(isfinite(grad_approx)):
        print("grad_approx has nan or inf")
    print("difference", round(difference, 10), "worst entry", worst)
    return difference, bool(difference < threshold)
