# %% [markdown]
# # Exercise 3: the weight gradients, and where `1/m` comes from

# %%
import numpy as np


# %%
def weight_gradients(dZ, A_prev):
    """(dW, db) of the cost J for one layer.

    dZ is (n_l, m), A_prev is (n_prev, m).
    """
    m = A_prev.shape[1]
    dW = np.matmul(dZ, A_prev.T) / m
    db = np.mean(dZ, axis=1, keepdims=True)   # the mean over the examples is (1/m) * the sum
    return dW, db
