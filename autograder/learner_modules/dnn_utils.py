"""The activation helpers of Ng's "Step by Step" and "Application" notebooks.

The first import them as `dnn_utils` (newer) or `dnn_utils_v2` (older), the second as
`dnn_app_utils_v3`: the forward ones return the activation and a cache holding Z, the
backward ones take that cache and return dZ. The rest of the Application notebook's module
(load_data, predict, its own L_model_forward ...) is not here: any other name can be imported,
and raises when called."""
import numpy as np

__course__ = True  # the worker grades none of these functions as the learner's


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    return np.where(cache > 0, dA, 0.0)


def __getattr__(name):  # `from dnn_app_utils_v3 import load_data, relu` still binds relu
    if name.startswith("__"):
        raise AttributeError(name)

    def unavailable(*args, **kwargs):
        raise ImportError(f"{__name__}.{name} is not available where your code is checked")
    return unavailable
