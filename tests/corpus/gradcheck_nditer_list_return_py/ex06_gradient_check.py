# Gradient checking -- my version
import numpy as np
import copy

def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    it = np.nditer(theta, flags=["multi_index"])
    while not it.finished:
        ix = it.multi_index
        theta_plus = copy.deepcopy(theta)
        theta_plus[ix] = theta_plus[ix] + epsilon
        theta_minus = copy.deepcopy(theta)
        theta_minus[ix] = theta_minus[ix] - epsilon
        grad[ix] = (f(theta_plus) - f(theta_minus)) / (2 * epsilon)
        it.iternext()
    return grad


def relative_difference(grad, grad_approx):
    numerator = np.linalg.norm(grad - grad_approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    if denominator == 0:
        return 0.0
    return numerator / denominator


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    grad_approx = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, grad_approx)
    if difference > threshold:
        print("\033[93m" + "There is a mistake in the backward propagation! difference = " + str(difference) + "\033[0m")
    else:
        print("\033[92m" + "Your backward propagation works perfectly fine! difference = " + str(difference) + "\033[0m")
    return [difference, difference < threshold]


if __name__ == "__main__":
    while True:
        answer = input("run the demo? [y/n] ")
        if answer in ("y", "n"):
            break
    if answer == "y":
        theta = np.random.randn(3, 2)
        print(gradient_check(lambda t: float(np.sum(t ** 3)), theta, 3 * theta ** 2))
