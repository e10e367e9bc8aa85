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

### BEGIN SOLUTION
Derivation, for one scalar z (the array versions apply it entry by entry).

sigmoid: s(z) = 1 / (1 + e^{-z}) = u^{-1} with u = 1 + e^{-z}.

    ds/dz = ds/du * du/dz = (-u^{-2}) * (-e^{-z}) = e^{-z} / (1 + e^{-z})^2
          = 1/(1 + e^{-z}) * e^{-z}/(1 + e^{-z}) = s * (1 - s),

because e^{-z}/(1 + e^{-z}) = 1 - 1/(1 + e^{-z}) = 1 - s. Written with s, the derivative
needs no exponential of its own, and it is computed from z through s, never as z * (1 - z).

Stability: for z = -1000, e^{-z} overflows. For z < 0 multiply the numerator and the
denominator by e^{z}: s = e^{z} / (1 + e^{z}). With t = e^{-|z|}, which lies in (0, 1],

    s = 1 / (1 + t)   for z >= 0,        s = t / (1 + t)   for z < 0,

and neither branch can overflow (t may underflow to 0, which is the correctly rounded value).

tanh: tanh = sinh / cosh, and by the quotient rule

    d tanh/dz = (cosh^2 - sinh^2) / cosh^2 = 1 - tanh(z)^2.

relu: relu(z) = max(0, z) has slope 1 for z > 0 and slope 0 for z < 0; at z = 0 it has no
derivative and we take 0, as the frameworks do.
### END SOLUTION
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
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    # t = exp(-|z|) lies in (0, 1]: no overflow; an underflow to 0 is the right rounding
    with np.errstate(under="ignore"):
        t = np.exp(-np.abs(z))
    # z >= 0: 1 / (1 + e^{-z});  z < 0: multiply top and bottom by e^{z} -> e^{z} / (1 + e^{z})
    return np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    # s = sigmoid(z), the stable version above
    s = sigmoid(z)
    # ds/dz = (-u^{-2}) * (-e^{-z}) with u = 1 + e^{-z}, which simplifies to s * (1 - s)
    return s * (1.0 - s)
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    t = np.tanh(np.asarray(z, dtype=np.float64))
    # (cosh^2 - sinh^2) / cosh^2 = 1 - (sinh / cosh)^2: the square is of tanh(z), not of z
    return 1.0 - t * t
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    # slope 1 where relu passes z through, slope 0 where it outputs the constant 0
    return np.where(z > 0, 1.0, 0.0)
    ### END SOLUTION
