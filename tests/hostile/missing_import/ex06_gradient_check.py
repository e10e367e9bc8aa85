# Hostile submission 'missing_import': numpy is never imported: NameError at every call.
# tests/test_hostile.py says what it must get.
# %% [markdown]
# # Exercise 6: checking a gradient numerically
#
# A derivative you derived can be wrong in ways that the shapes do not reveal: a sign, a
# missing factor, a transpose of a square matrix. The definition of the derivative gives an
# independent check: nudge one entry of `theta`, watch how much `f(theta)` moves.
#
# Work on paper first, for a scalar function `f` of a scalar `t`:
# 1. Expand `f(t + eps)` and `f(t - eps)` in Taylor series to the `eps**2` term. What does
#    the one-sided quotient `(f(t + eps) - f(t)) / eps` equal, up to which error in `eps`?
#    And the centred quotient `(f(t + eps) - f(t - eps)) / (2 * eps)`?
# 2. For `f` of an array `theta`, which quotient gives the partial derivative with respect
#    to the single entry `theta[i]`? How many evaluations of `f` does the whole gradient cost?
# 3. Two gradients agree to 1e-3 in absolute terms: is that good? What if their entries are
#    around 1e-4? Why is a *relative* difference the right measure, and what should it be
#    when both gradients are zero?

# %%
"""Exercise 6: gradient checking with centred differences.

`f` maps an array `theta` of any shape to a number; `grad` is a gradient you derived, of the
shape of `theta`. The functions here estimate the gradient numerically and compare.

### BEGIN SOLUTION
Derivation. By Taylor's theorem, for a smooth f and a small eps,

    f(t + eps) = f(t) + eps f'(t) + eps^2/2 f''(t) + eps^3/6 f'''(t) + O(eps^4)
    f(t - eps) = f(t) - eps f'(t) + eps^2/2 f''(t) - eps^3/6 f'''(t) + O(eps^4)

The one-sided quotient (f(t + eps) - f(t)) / eps = f'(t) + eps/2 f''(t) + ... has an error
of order eps. In the difference of the two lines the even terms cancel:

    (f(t + eps) - f(t - eps)) / (2 eps) = f'(t) + eps^2/6 f'''(t) + ...

an error of order eps^2 (1e-14 for eps = 1e-7, far below the rounding error of the
subtraction, about 1e-16 * |f| / eps). For an array theta, the partial derivative with
respect to theta[i] moves only that entry: theta + eps * e_i, with e_i the array of zeros
with a one at index i. The gradient costs 2 evaluations of f per entry.

The relative difference ||g - g'|| / (||g|| + ||g'||) does not depend on the scale of the
gradient and lies in [0, 1]: 0 when they agree, 1 when one is zero and the other is not
(or when they are opposite). Two zero gradients agree: 0.
### END SOLUTION
"""


# %% [markdown]
# ## `numerical_gradient(f, theta, epsilon=1e-7)`
# Estimate every partial derivative with the centred quotient. `theta` may have any shape
# (a vector, a matrix, a 0-d array): visit its entries with `np.ndindex(theta.shape)`.
# When you nudge an entry in place, put the exact old value back even if `f` raises
# (`try` / `finally`): the caller's `theta` must be left as it was given.

# %%
def numerical_gradient(f, theta, epsilon=1e-7):
    """The gradient of f at theta, estimated by centred differences, entry by entry.

    Arguments:
    f -- a function of an array of the shape of theta, returning a number (anything that
         float() accepts)
    theta -- the point, a float array of any shape (0-d included)
    epsilon -- the step of the difference quotient

    Returns:
    grad_approx -- the estimated gradient, float64, the shape of theta

    theta is unchanged after the call, even when f raises. Derive the quotient whose error
    is of order epsilon ** 2.
    """
    ### BEGIN SOLUTION
    # nudge theta itself when it is a writable float64 array (so that an f reading the same
    # array sees the nudge too); otherwise a float64 copy
    point = np.asarray(theta, dtype=np.float64)
    if not point.flags.writeable:
        point = point.copy()
    grad_approx = np.zeros(point.shape, dtype=np.float64)
    for i in np.ndindex(point.shape):
        old = point[i]
        try:
            point[i] = old + epsilon            # theta + eps * e_i
            f_plus = float(f(point))
            point[i] = old - epsilon            # theta - eps * e_i
            f_minus = float(f(point))
        finally:
            point[i] = old                      # the exact old value, not old + eps - eps
        # centred quotient: the eps^2 / 2 f'' terms cancel, error O(eps^2)
        grad_approx[i] = (f_plus - f_minus) / (2.0 * epsilon)
    return grad_approx
    ### END SOLUTION


# %% [markdown]
# ## `relative_difference(grad, grad_approx)`
# Measure the disagreement of two gradients of the same shape, relative to their size,
# with 2-norms over all entries. What must it be when both are zero (and no division by
# zero may happen)? Return a Python float.

# %%
def relative_difference(grad, grad_approx):
    """The symmetric relative difference of two gradients of the same shape,

        ||grad - grad_approx|| / (||grad|| + ||grad_approx||),

    with ||.|| the 2-norm over all entries (the square root of the sum of the squares).

    Arguments:
    grad -- a gradient, float array of any shape
    grad_approx -- another gradient, of the same shape

    Returns:
    difference -- a Python float in [0, 1]; 0.0 when both are zero

    Raises:
    ValueError -- if the shapes differ (broadcasting would hide a wrong shape)
    """
    ### BEGIN SOLUTION
    g = np.asarray(grad, dtype=np.float64)
    g_approx = np.asarray(grad_approx, dtype=np.float64)
    if g.shape != g_approx.shape:
        raise ValueError(f"the gradients have different shapes, {g.shape} and {g_approx.shape}")
    # 2-norms over all entries, whatever the shape
    numerator = np.linalg.norm((g - g_approx).ravel())
    denominator = np.linalg.norm(g.ravel()) + np.linalg.norm(g_approx.ravel())
    # both zero: they agree, and 0 / 0 must not be computed
    if denominator == 0.0:
        return 0.0
    return float(numerator / denominator)
    ### END SOLUTION


# %% [markdown]
# ## `gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7)`
# Put the two functions together: return the relative difference between `grad` and the
# numerical gradient, and whether it is below `threshold`.

# %%
def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    """Check a derived gradient of f at theta against centred differences.

    Arguments:
    f -- a function of an array of the shape of theta, returning a number
    theta -- the point, a float array of any shape
    grad -- the derived gradient of f at theta, the shape of theta
    epsilon -- the step of the difference quotient
    threshold -- the largest relative difference that passes

    Returns:
    difference -- the relative difference of grad and the numerical gradient, a float
    ok -- True when difference < threshold, else False
    """
    ### BEGIN SOLUTION
    grad_approx = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, grad_approx)
    return difference, bool(difference < threshold)
    ### END SOLUTION
