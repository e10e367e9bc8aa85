# %% [markdown]
# # Exercise 6: gradient checking
# Norms written out as square roots of sums, with keepdims, so that a 2-d gradient gives
# a (1, 1) difference.

# %%
import numpy as np


# %%
def numerical_gradient(f, theta, epsilon=1e-7):
    grad_approx = np.zeros(theta.shape)
    it = np.nditer(theta, flags=["multi_index"])
    while not it.finished:
        ix = it.multi_index
        theta_plus = np.copy(theta)
        theta_plus[ix] += epsilon
        theta_minus = np.copy(theta)
        theta_minus[ix] -= epsilon
        grad_approx[ix] = (float(f(theta_plus)) - float(f(theta_minus))) / (2 * epsilon)
        it.iternext()
    return grad_approx


# %%
def relative_difference(grad, grad_approx):
    numerator = np.sqrt(np.sum((grad - grad_approx) ** 2, keepdims=True))
    denominator = np.sqrt(np.sum(grad ** 2, keepdims=True)) + np.sqrt(np.sum(grad_approx ** 2, keepdims=True))
    if np.all(denominator == 0):
        return np.zeros_like(denominator)
    return numerator / denominator


# %%
def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    grad_approx = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, grad_approx)
    ok = bool(difference < threshold)
    if not ok:
        print("There is a mistake in the backward propagation! difference = " + str(difference))
    return difference, ok
