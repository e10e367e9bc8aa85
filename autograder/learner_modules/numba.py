"""numba, as far as a learner's @njit, @jit and @vectorize need it: their functions run as Python.

numba compiles a function to machine code that computes what Python computes; it is not installed
where the checks run, so that they judge the functions themselves, not an ImportError."""
import numpy as np


def jit(func=None, *signatures, **options):  # @njit, @njit(cache=True), @njit("float64[:](float64[:])")
    return func if callable(func) else jit


def vectorize(func=None, *signatures, **options):  # @vectorize([float64(float64)]): a function of numbers, a ufunc
    return np.vectorize(func) if callable(func) else vectorize


class _Type:
    """float64, int32, ...: used in signatures only, which Python does without."""

    def __call__(self, *types):  # float64(float64)
        return self

    def __getitem__(self, dimensions):  # float64[:, :]
        return self


def __getattr__(name):
    if name.startswith("__"):  # __path__, __all__: a _Type, endless as a sequence, made `import numba.typed` loop
        raise AttributeError(name)
    return _Type()


njit, prange = jit, range
