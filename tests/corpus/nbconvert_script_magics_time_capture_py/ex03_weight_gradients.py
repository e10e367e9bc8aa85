#!/usr/bin/env python
# coding: utf-8

# # Exercise 3: dW and db
# Where the 1/m comes from.

# In[1]:


get_ipython().run_line_magic('matplotlib', 'inline')
get_ipython().run_line_magic('load_ext', 'autoreload')
get_ipython().run_line_magic('autoreload', '2')
import numpy as np
import matplotlib.pyplot as plt


# In[2]:


get_ipython().system('pip install -q numpy==1.26.4')


# In[3]:


files = get_ipython().getoutput('ls')
print(files)


# ## weight_gradients

# In[5]:


get_ipython().run_cell_magic('time', '', '# dJ/dW[i, k] = (1/m) sum_j dZ[i, j] A_prev[k, j]\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    dW = np.dot(dZ, A_prev.T) / m\n    db = np.sum(dZ, axis=1, keepdims=True) / m\n    return dW, db\n')


# In[6]:


np.random.seed(1)
dZ = np.random.randn(3, 200)
A_prev = np.random.randn(5, 200)
dW, db = weight_gradients(dZ, A_prev)
print(dW.shape, db.shape)


# In[9]:


get_ipython().run_line_magic('timeit', 'weight_gradients(dZ, A_prev)')


# In[10]:


get_ipython().run_line_magic('pinfo', 'weight_gradients')


# In[12]:


plt.imshow(dW)
plt.colorbar()

