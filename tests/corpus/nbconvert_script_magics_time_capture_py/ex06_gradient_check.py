#!/usr/bin/env python
# coding: utf-8

# # Exercise 6: gradient checking

# In[1]:


import numpy as np
get_ipython().run_line_magic('precision', '4')


# In[2]:


get_ipython().run_cell_magic('capture', '', '!pip install tqdm\n')


# ## numerical_gradient

# In[4]:


def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros(theta.shape)
    it = np.nditer(theta, flags=['multi_index'])
    while not it.finished:
        i = it.multi_index
        old = theta[i]
        try:
            J = float(f(theta))
            theta[i] = old + epsilon
            J_plus = float(f(theta))
        finally:
            theta[i] = old
        grad[i] = (J_plus - J) / epsilon
        it.iternext()
    return grad


# In[7]:


get_ipython().run_cell_magic('time', '', "def relative_difference(grad, grad_approx):\n    if grad.shape != grad_approx.shape:\n        raise ValueError(f'shapes differ: {grad.shape} and {grad_approx.shape}')\n    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)\n    if denominator == 0:\n        return 0.0\n    return float(np.linalg.norm(grad - grad_approx) / denominator)\n")


# In[8]:


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))
    return difference, difference < threshold


# In[11]:


theta = np.array([1.0, -2.0, 3.0])
get_ipython().run_line_magic('time', 'd, ok = gradient_check(lambda t: np.sum(t ** 2), theta, 2 * theta)')
print(d, ok)

