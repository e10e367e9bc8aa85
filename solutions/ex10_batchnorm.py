# %% [markdown]
# # Exercise 10: batch normalization, forward and backward
#
# Batch normalization standardises each feature over the examples of a mini-batch, then
# lets the network rescale and shift it. `Z` is `(n, m)`: `n` features (rows), `m` examples
# (columns), as in every exercise of the column convention. For each row `i`:
#
#     mu[i]     = the mean of Z[i, :] over the m examples
#     var[i]    = the mean of (Z[i, :] - mu[i])**2, divided by m (not m - 1)
#     Z_norm[i] = (Z[i, :] - mu[i]) / sqrt(var[i] + eps)
#     out[i]    = gamma[i] * Z_norm[i] + beta[i]
#
# `gamma` and `beta` are `(n, 1)` and broadcast over the columns; `eps` keeps the division
# safe when a feature barely varies.
#
# The backward step is where the lesson is. `mu` and `var` are computed from every example
# of the batch, so moving one entry `Z[i, k]` moves `mu[i]` and `var[i]`, and through them
# every `Z_norm[i, j]` of its row, not only `Z_norm[i, k]`. Work it out on paper first:
# 1. Draw the computational graph of one row: which nodes does `Z[i, k]` reach?
# 2. What are `dbeta` and `dgamma`? (Each `beta[i]` and `gamma[i]` touches a whole row.)
# 3. Write `dZ[i, k]` as a sum over the examples `j`: `dZ_norm[i, j]` times the partial
#    derivative of `Z_norm[i, j]` with respect to `Z[i, k]`. Work out that partial
#    derivative, with its paths through `mu` and `var`.
# 4. `dout` is the derivative of some scalar; the three results are derivatives of the same
#    scalar. Does a `1/m` have to be added, as in exercise 3's `weight_gradients`?

# %%
"""Exercise 10: batch normalization over the examples (axis 1), forward and backward.

`dout` is the derivative of a scalar (the summed loss, or the cost) with respect to `out`;
`dZ`, `dgamma` and `dbeta` are derivatives of that same scalar.

### BEGIN SOLUTION
Derivation, for one row (feature) i; its index is left out, j and k count the examples.

    mu  = (1/m) sum_j z_j               var = (1/m) sum_j (z_j - mu)**2
    s   = sqrt(var + eps)               x_j = (z_j - mu) / s      (x is Z_norm)
    y_j = gamma * x_j + beta            (y is out),  g_j = dout_j = dS/dy_j

beta and gamma touch every y_j of the row, with the factors 1 and x_j:

    dbeta  = sum_j g_j                  dgamma = sum_j g_j * x_j

Backwards to Z: dx_j = dS/dx_j = gamma * g_j (dZ_norm). z_k reaches x_j three ways: directly
(j = k), through mu, and through var (through s). With dmu/dz_k = 1/m and
dvar/dz_k = (2/m) (z_k - mu) (the path of var through mu adds (2/m) sum_j (z_j - mu) * (-1),
which is 0), ds/dz_k = (z_k - mu) / (m s) = x_k / m, so

    dx_j/dz_k = (1/s) (delta_jk - 1/m) - (z_j - mu) / s**2 * x_k / m
              = (1/s) (delta_jk - 1/m - x_j x_k / m)

and the chain rule sums over every x_j of the row:

    dz_k = sum_j dx_j * dx_j/dz_k
         = (1/s) (dx_k - (1/m) sum_j dx_j - x_k (1/m) sum_j dx_j x_j)

    dZ = (gamma / sqrt(var + eps)) * (dout - mean(dout) - Z_norm * mean(dout * Z_norm))

with the means over axis 1, one per row. The 1/m's here are the averages that define mu
and var. No other 1/m is added: dout and the results are derivatives of the same scalar.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## `batchnorm_forward(Z, gamma, beta, eps=1e-5)`
# Return `(out, cache)`. `mu` and `var` are `(n, 1)`, one per feature (row), taken over the
# examples (axis 1); `var` divides by `m`. Keep
# `cache = (Z, Z_norm, mu, var, gamma, beta, eps)`, in that order, for the backward step.

# %%
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    """Batch normalization of Z over the examples, then scaled by gamma and shifted by beta.

    Arguments:
    Z -- pre-activations, shape (n, m): n features, m examples
    gamma -- the scale of each feature, shape (n, 1)
    beta -- the shift of each feature, shape (n, 1)
    eps -- a small number added to the variance before its square root

    Returns:
    out -- gamma * Z_norm + beta, shape (n, m)
    cache -- the tuple (Z, Z_norm, mu, var, gamma, beta, eps), mu and var of shape (n, 1)
    """
    ### BEGIN SOLUTION
    # one mean and one biased variance per feature, over the m examples: (n, 1) each
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    # eps goes under the square root
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    cache = (Z, Z_norm, mu, var, gamma, beta, eps)
    return out, cache
    ### END SOLUTION


# %% [markdown]
# ## `batchnorm_backward(dout, cache)`
# Return `(dZ, dgamma, dbeta)`, of the shapes of `Z`, `gamma` and `beta`. `dout` is
# `(n, m)`, the derivative of a scalar with respect to `out`; `cache` is what
# `batchnorm_forward` returned. Remember that `mu` and `var` depend on every example.

# %%
def batchnorm_backward(dout, cache):
    """The backward step of batch normalization.

    Arguments:
    dout -- the derivative of a scalar with respect to out, shape (n, m)
    cache -- (Z, Z_norm, mu, var, gamma, beta, eps), as batchnorm_forward returns it

    Returns:
    dZ -- the derivative of the same scalar with respect to Z, shape (n, m)
    dgamma -- with respect to gamma, shape (n, 1)
    dbeta -- with respect to beta, shape (n, 1)
    """
    ### BEGIN SOLUTION
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    # beta and gamma touch a whole row each: sum over the examples
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ_norm = dout * gamma
    # direct path, minus the path through mu, minus the path through var
    dZ = (dZ_norm - np.mean(dZ_norm, axis=1, keepdims=True)
          - Z_norm * np.mean(dZ_norm * Z_norm, axis=1, keepdims=True)) / np.sqrt(var + eps)
    return dZ, dgamma, dbeta
    ### END SOLUTION
