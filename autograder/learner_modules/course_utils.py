"""The helpers of Ng's "Planar data" and "Regularization" notebooks that graded code calls.

The graded functions of those notebooks import them as `planar_utils` and `reg_utils`:
sigmoid and relu return the activation alone, compute_cost the cross-entropy cost. Their
data, plots and training loops are not here: any other name can be imported, and raises
when called."""
import numpy as np

__course__ = True  # the worker grades none of these functions as the learner's


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def compute_cost(a3, Y):
    return 1.0 / Y.shape[1] * np.nansum(-Y * np.log(a3) - (1 - Y) * np.log(1 - a3))


def __getattr__(name):  # `from reg_utils import load_2D_dataset, relu` still binds relu
    if name.startswith("__"):
        raise AttributeError(name)

    def unavailable(*args, **kwargs):
        raise ImportError(f"{__name__}.{name} is not available where your code is checked")
    return unavailable
