# %% [markdown]
# # Exercise 1: the derivatives of the activation functions
#
# Backpropagation multiplies, at every layer, by the derivative of that layer's activation
# `g`, evaluated at the layer's pre-activation `z` (never at its output `a = g(z)`).
# Here you write the three `g'` that the later exercises use, each applied elementwise to an
# array `z` of any shape, and a sigmoid that does not break down for large `|z|`.
#
# Work on paper first, with a single number `z`:
# 1. Write `sigmoid(z) = 1 / (1 + exp(-z))` as `u(z) ** -1` and differentiate with the chain
#    rule. Can you express the result using only `s = sigmoid(z)`?
# 2. `tanh` has a derivative that, like the sigmoid's, can be written with `tanh(z)` alone.
#    Differentiate `sinh(z) / cosh(z)` and find it.
# 3. `relu(z) = max(0, z)`. What is its slope on each side of 0? (At `z = 0` we take 0.)

# %%
"""Exercise 1: sigmoid, and the derivatives of sigmoid, tanh and relu.

Every function works elementwise on a float64 array of any shape, including a 0-d array,
and returns a new float64 array of that shape.
"""
import numpy as np


# %% [markdown]
# ## `sigmoid(z)`
# The formula `1 / (1 + exp(-z))` computes `exp(1000)` when `z = -1000`: that overflows to
# `inf` with a warning. Rewrite the expression for negative `z` so that the exponential you
# compute is never of a positive number. Which form of the fraction does that?

# %%
def sigmoid(z):
    """The logistic sigmoid 1 / (1 + exp(-z)), elementwise.

    Arguments:
    z -- a number or an array of any shape (0-d included)

    Returns:
    s -- sigmoid(z), float64, the shape of z; finite and correct for |z| up to 1000

    Find a way to evaluate it that never takes exp of a large positive number.
    """
    # YOUR CODE HERE
    raise NotImplementedError("sigmoid is not implemented yet")


# %% [markdown]
# ## `sigmoid_derivative(z)`
# Differentiate `s(z) = 1 / (1 + exp(-z))` by the chain rule, then rewrite the result in
# terms of `s` alone. Be careful which quantity you plug in: the argument of this function
# is `z`, not `s`.

# %%
def sigmoid_derivative(z):
    """The derivative of the sigmoid, d sigmoid / dz, evaluated at z, elementwise.

    Arguments:
    z -- the pre-activation, a number or an array of any shape

    Returns:
    ds -- d sigmoid(z) / dz, float64, the shape of z

    Derive ds/dz and write it in terms of s = sigmoid(z).
    """
    # YOUR CODE HERE
    raise NotImplementedError("sigmoid_derivative is not implemented yet")


# %% [markdown]
# ## `tanh_derivative(z)`
# Use the quotient rule on `sinh(z) / cosh(z)` and the identity `cosh^2 - sinh^2 = 1`.
# Which expression in `tanh(z)` do you get? (`np.tanh` is stable for any `z`.)

# %%
def tanh_derivative(z):
    """The derivative of tanh, d tanh / dz, evaluated at z, elementwise.

    Arguments:
    z -- the pre-activation, a number or an array of any shape

    Returns:
    dt -- d tanh(z) / dz, float64, the shape of z

    Derive it from tanh = sinh / cosh and express it with tanh(z).
    """
    # YOUR CODE HERE
    raise NotImplementedError("tanh_derivative is not implemented yet")


# %% [markdown]
# ## `relu_derivative(z)`
# `relu(z) = max(0, z)`. What is the slope for `z > 0`, and for `z < 0`? Take 0 at `z = 0`.
# Return floats, not booleans.

# %%
def relu_derivative(z):
    """The derivative of relu(z) = max(0, z), evaluated at z, elementwise.

    Arguments:
    z -- the pre-activation, a number or an array of any shape

    Returns:
    dr -- d relu(z) / dz as float64 (0.0 at z = 0), the shape of z

    Find the slope of max(0, z) on each side of zero.
    """
    # YOUR CODE HERE
    raise NotImplementedError("relu_derivative is not implemented yet")
