# %% [markdown]
# # Exercise 3: the weight gradients, and where `1/m` comes from
#
# A layer computes `Z = W @ A_prev + b` for all `m` examples at once:
# `W` is `(n_l, n_{l-1})`, `A_prev` is `(n_{l-1}, m)`, `b` is `(n_l, 1)` (broadcast over
# the `m` columns) and `Z` is `(n_l, m)`.
#
# You are given `dZ`, the derivative of the *loss summed over the examples* with respect to
# `Z`, shape `(n_l, m)`. You must return `dW` and `db`, the derivatives of the *cost*
# `J = (1/m) * sum of the losses`.
#
# Work it out on paper first, with scalars:
# 1. Write one entry `Z[i, j]` as a sum over `k`. Which entries of `Z` does `W[i, k]` touch?
# 2. By the chain rule, `dJ/dW[i, k]` is a sum over the examples `j`. Of what?
# 3. Which matrix product computes that sum for every `(i, k)` at once? Check the shapes.
# 4. `b[i]` is added to every column of row `i`. What does that make `dJ/db[i]`?
# 5. Where does `1/m` enter, and why does `dZ` not carry it?

# %%
"""Exercise 3: the gradients of the cost with respect to a layer's W and b.
"""
import numpy as np


# %% [markdown]
# ## `weight_gradients(dZ, A_prev)`
# Return `(dW, db)`. Take `m` from the array whose second axis counts the examples.
# `db` must keep the shape of `b`, a column.

# %%
def weight_gradients(dZ, A_prev):
    """The gradients of the cost J with respect to a layer's W and b.

    Arguments:
    dZ -- dL/dZ summed-loss derivative of the layer's pre-activation, shape (n_l, m)
    A_prev -- the activations that fed the layer, shape (n_{l-1}, m)

    Returns:
    dW -- dJ/dW, shape (n_l, n_{l-1}), the shape of W
    db -- dJ/db, shape (n_l, 1), the shape of b

    Derive dJ/dW[i, k] from Z[i, j] = sum_k W[i, k] A_prev[k, j] + b[i] and
    J = (1/m) sum_j L_j, then write the sum over examples as one matrix product.
    """
    # YOUR CODE HERE
    raise NotImplementedError("weight_gradients is not implemented yet")
