"""The helpers of Ng's "Regularization" notebook (Course 2) that its graded functions call,
as its `reg_utils` gives them: sigmoid and relu return the activation alone, compute_cost
the cross-entropy cost. Its data, plots and training loop are not here: they raise."""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def compute_cost(a3, Y):
    return 1.0 / Y.shape[1] * np.nansum(-Y * np.log(a3) - (1 - Y) * np.log(1 - a3))


def __getattr__(name):  # `from reg_utils import load_2D_dataset, ...` still binds the helpers above
    if name.startswith("__"):
        raise AttributeError(name)

    def unavailable(*args, **kwargs):
        raise NotImplementedError(f"reg_utils.{name} is not available where your code is checked")
    return unavailable
