# %% [markdown]
# # Activations and their derivatives
# Worked in VS Code's interactive window.

# %%
%%bash
pip install --quiet numpy
echo installed

# %%
import numpy as np
from IPython.display import display
%load_ext autoreload
%autoreload 2

# %%
%%writefile derivation_notes.md
Why?
sigmoid'(z) = s(z) (1 - s(z)), with s = sigmoid(z)
tanh'(z) = 1 - tanh(z)^2

# %%
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t ** 2


def relu_derivative(z):
    return np.where(z > 0, 1.0, 0.0)

# %%
%%time
z = np.linspace(-3, 3, 7)
display(sigmoid_derivative(z))
display(tanh_derivative(z), relu_derivative(z))

# %%
from autograder import check
check("ex01")
