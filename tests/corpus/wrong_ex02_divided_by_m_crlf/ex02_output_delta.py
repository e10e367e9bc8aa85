# %% [markdown]
# # Exercise 2: the cost, and the delta of a sigmoid output layer

# %%
import numpy as np


# %%
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = - np.sum(logprobs) / m
    return float(np.squeeze(cost))


# %%
def loss_derivative(A2, Y):
    return - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))


# %%
def output_delta(A2, Y):
    m = A2.shape[1]
    # dZ2 = A2 - Y, averaged over the m examples like in the lecture
    dZ2 = (A2 - Y) / m
    return dZ2
