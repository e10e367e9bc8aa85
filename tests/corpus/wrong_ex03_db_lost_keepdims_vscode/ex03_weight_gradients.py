# %% [markdown]
# ### weight gradients (my notes)
# dW = dZ . A_prev^T / m, db = row sums of dZ / m

# %%
%load_ext autoreload
%autoreload 2
!nvidia-smi
import numpy as np

# %%
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    print("dZ", dZ.shape, "A_prev", A_prev.shape)
    dW = 1/m * dZ @ A_prev.T
    db = 1/m * np.sum(dZ, axis=1)
    return dW, db

# %%
%timeit weight_gradients(np.ones((4, 5)), np.ones((3, 5)))
weight_gradients?
