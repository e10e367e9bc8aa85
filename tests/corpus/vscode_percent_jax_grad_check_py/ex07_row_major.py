# %% [markdown]
# # Neural Networks Demystified, part 4: backpropagation
# My gradients, checked against jax.grad.

# %%
%pip install -q "jax[cpu]"

# %%
import numpy as np
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2


def forward(X, W1, W2):
    a2 = sigmoid(X @ W1)
    return sigmoid(a2 @ W2)


def cost(X, y, W1, W2):
    yHat = forward(X, W1, W2)
    return 0.5 * np.sum((y - yHat) ** 2)


def cost_prime(X, y, W1, W2):
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    delta3 = np.multiply(-(y - yHat), sigmoid_prime(z3))
    dJdW2 = a2.T @ delta3
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


SHAPES = {"dJdW1": (2, 3), "dJdW2": (3, 1), "delta3": (3, 1), "delta2": (3, 3), "a2": (3, 3), "z3": (3, 1)}

# %%
def jax_cost(W1, W2, X, y):
    yHat = jax.nn.sigmoid(jax.nn.sigmoid(X @ W1) @ W2)
    return 0.5 * jnp.sum((y - yHat) ** 2)

X = np.array([[3, 5], [5, 1], [10, 2]], dtype=float) / np.array([10, 5])
y = np.array([[75], [82], [93]], dtype=float) / 100
W1, W2 = np.random.randn(2, 3), np.random.randn(3, 1)
gW1, gW2 = jax.grad(jax_cost, argnums=(0, 1))(W1, W2, X, y)
mine = cost_prime(X, y, W1, W2)
print(np.allclose(mine[0], gW1), np.allclose(mine[1], gW2))
