# %% [markdown]
# # Exercise 1: the sigmoid, tanh and relu derivatives
# Edited in Notepad on Windows.

# %%
"""Exercise 1: activations and their derivatives, elementwise."""
import numpy as np


# %%
def sigmoid(z):
    """1 / (1 + exp(-z)) for every entry of z."""
    return 1 / (1 + np.exp(-z))


# %%
def sigmoid_derivative(z):
    """ds/dz = s (1 - s) with s = sigmoid(z)."""
    s = sigmoid(z)
    ds = s * (1 - s)
    return ds


# %%
def tanh_derivative(z):
    """d tanh(z)/dz = 1 - tanh(z)^2."""
    t = np.tanh(z)
    return 1 - t * t


# %%
def relu_derivative(z):
    """1 where z > 0, 0 elsewhere, as floats."""
    return np.where(z > 0, 1.0, 0.0)
