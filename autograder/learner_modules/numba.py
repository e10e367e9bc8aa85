"""numba, as far as a learner's @njit, @jit and @vectorize need it: their functions run as Python.

numba compiles a function to machine code that computes what Python computes; it is not installed
where the checks run, so that they judge the functions themselves, not an ImportError."""
import re

import numpy as np


def jit(func=None, *signatures, **options):  # @njit, @njit(cache=True), @njit("float64[:](float64[:])")
    return func if callable(func) else jit


def vectorize(func=None, *signatures, **options):  # @vectorize, @vectorize([float64(float64)]): a ufunc
    if callable(func):  # no signatures: the result's type is the function's, as numba infers it
        return np.vectorize(func)
    listed = [func] if isinstance(func, str) else list(func or ())  # @vectorize() and (nopython=True): none
    return (lambda function: lambda *args: _ufunc(function, listed, args)) if listed else vectorize


def _ufunc(function, signatures, args):
    """function on args as numba's ufunc of signatures runs it: by the first signature whose argument
    types take args' without loss, as numpy picks a ufunc's loop, its results of the signature's return
    type (`float64(float64)` makes a `return 1` 1.0)."""
    given = [np.asarray(a).dtype for a in args]
    for signature in signatures:
        named = re.fullmatch(r"\s*(\w+)\s*\((.*)\)\s*", str(signature))
        types = [t.strip() for t in named[2].split(",")] if named else []
        try:
            if len(types) == len(args) and all(np.can_cast(g, np.dtype(t), "safe") for g, t in zip(given, types)):
                return np.vectorize(function, otypes=[np.dtype(named[1])])(*args)
        except TypeError:  # a type numpy does not name (numba's boolean): the function's own results
            return np.vectorize(function)(*args)
    raise TypeError(f"ufunc '{function.__name__}' not supported for the input types, and the inputs could not be "
                    "safely coerced to any supported types according to the casting rule ''safe''")


class _Type(str):
    """float64, int32, ...: in a signature, written as numba writes it, float64(float64)."""

    def __call__(self, *types):  # float64(float64)
        return _Type(f"{self}({', '.join(types)})")

    def __getitem__(self, dimensions):  # float64[:, :], which only @jit's signatures have
        return self


def __getattr__(name):
    if name.startswith("__"):  # __path__, __all__: a _Type, endless as a sequence, made `import numba.typed` loop
        raise AttributeError(name)
    return _Type(name)


njit, prange = jit, range
