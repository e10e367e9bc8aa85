# -*- coding: utf-8 -*-
"""
Created on Tue Oct 14 20:41:07 2025

@author: mleblanc

Gradient checking (ex06). Run cell by cell with Ctrl+Enter in Spyder.
"""

#%% Imports
import numpy as np
import pdb

np.set_printoptions(precision=4, suppress=True)

#%% Numerical gradient (two-sided)
def numerical_gradient(f, theta, epsilon=1e-7):
    theta = np.asarray(theta, dtype=float)
    grad = np.zeros_like(theta)
    it = np.nditer(theta, flags=["multi_index"])
    while not it.finished:
        idx = it.multi_index
        saved = theta[idx]
        theta[idx] = saved + epsilon
        f_plus = float(f(theta))
        theta[idx] = saved - epsilon
        f_minus = float(f(theta))
        theta[idx] = saved
        breakpoint()  # look at f_plus and f_minus here
        grad[idx] = (f_plus - f_minus) / (2 * epsilon)
        it.iternext()
    return grad

#%% Relative difference
def relative_difference(grad, grad_approx):
    grad, grad_approx = np.asarray(grad, float), np.asarray(grad_approx, float)
    top = np.linalg.norm(grad - grad_approx)
    bottom = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    if bottom == 0:
        return 0.0
    return float(top / bottom)

#%% Gradient check
def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    approx = numerical_gradient(f, theta, epsilon)
    import pdb; pdb.set_trace()
    difference = relative_difference(grad, approx)
    return difference, difference < threshold

#%% Try it on a quadratic (Spyder: run this cell)
if True:
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    quad = lambda t: 0.5 * t @ A @ t
    t0 = np.array([1.0, -2.0])
    print(relative_difference(A @ t0, A @ t0 + 1e-9))

#%% Run the whole check (F5 runs the file)
if __name__ == "__main__":
    print(gradient_check(quad, t0, A @ t0))

#%% scratch
if False:
    pdb.run("numerical_gradient(quad, t0)")
