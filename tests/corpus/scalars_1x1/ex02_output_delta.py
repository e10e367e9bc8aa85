# %% [markdown]
# # Exercise 2: the cost, and the delta of a sigmoid output layer
# (my answers; the cost is kept as the (1, 1) product of a row and a column)

# %%
import numpy as np


# %%
def compute_cost(A2, Y):
    m = Y.shape[1]
    # (1, m) @ (m, 1) gives a (1, 1) array: sum over the examples in one product
    cost = -1. / m * (np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))
    return cost


# %%
def loss_derivative(A2, Y):
    # d/da of -(y log a + (1 - y) log(1 - a)), one column per example
    return -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))


# %%
def output_delta(A2, Y):
    # dL/dA2 * A2 * (1 - A2): the fractions cancel
    return A2 - Y
