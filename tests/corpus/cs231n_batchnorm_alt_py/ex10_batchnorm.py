from builtins import range
import numpy as np


def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    """
    Forward pass for batch normalization (training mode), one column per example.

    Inputs:
    - Z: Data of shape (D, N)
    - gamma: Scale parameter of shape (D, 1)
    - beta: Shift paremeter of shape (D, 1)
    - eps: Constant for numeric stability

    Returns a tuple of:
    - out: of shape (D, N)
    - cache: A tuple of values needed in the backward pass
    """
    out, cache = None, None
    #######################################################################
    # TODO: Implement the training-time forward pass for batch norm.      #
    #######################################################################
    # *****START OF YOUR CODE (DO NOT DELETE/MODIFY THIS LINE)*****

    D, N = Z.shape
    sample_mean = Z.mean(axis=1, keepdims=True)
    sample_var = Z.var(axis=1, keepdims=True)
    x_hat = (Z - sample_mean) / np.sqrt(sample_var + eps)
    out = gamma * x_hat + beta

    cache = (Z, x_hat, sample_mean, sample_var, gamma, beta, eps)

    # *****END OF YOUR CODE (DO NOT DELETE/MODIFY THIS LINE)*****
    #######################################################################
    #                           END OF YOUR CODE                          #
    #######################################################################
    return out, cache


def batchnorm_backward(dout, cache):
    """
    Alternative backward pass for batch normalization.

    For this implementation you should work out the derivatives for the batch
    normalizaton backward pass on paper and simplify as much as possible. You
    should be able to derive a simple expression for the backward pass.
    See the jupyter notebook for more hints.

    Note: This implementation should expect to receive the same cache variable
    as batchnorm_forward, but might not use all of the values in the cache.

    Inputs / outputs: Same as batchnorm_backward
    """
    dx, dgamma, dbeta = None, None, None
    ###########################################################################
    # TODO: Implement the backward pass for batch normalization. Store the    #
    # results in the dx, dgamma, and dbeta variables.                         #
    #                                                                         #
    # After computing the gradient with respect to the centered inputs, you   #
    # should be able to compute gradients with respect to the inputs in a     #
    # single statement; our implementation fits on a single 80-character line.#
    ###########################################################################
    # *****START OF YOUR CODE (DO NOT DELETE/MODIFY THIS LINE)*****

    x, x_hat, mu, var, gamma, beta, eps = cache
    N = dout.shape[1]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = np.sum(dout * x_hat, axis=1, keepdims=True)
    dx_hat = dout * gamma
    dx = (1. / N) / np.sqrt(var + eps) * (N * dx_hat - dx_hat.sum(axis=1, keepdims=True) - x_hat * np.sum(dx_hat * x_hat, axis=1, keepdims=True))

    # *****END OF YOUR CODE (DO NOT DELETE/MODIFY THIS LINE)*****
    ###########################################################################
    #                             END OF YOUR CODE                            #
    ###########################################################################

    return dx, dgamma, dbeta
