import numpy as np


def cached_by_id(func):
    """Remembers results by the identity of the arrays passed in, so that calling twice
    on the same arrays in my training loop costs nothing. It keeps the arrays themselves
    too, so an id is never reused for another array while its entry exists."""
    memo = {}

    def wrapper(*arrays):
        key = tuple(id(a) for a in arrays)
        if key in memo and all(kept is a for kept, a in zip(memo[key][0], arrays)):
            return memo[key][1]
        result = func(*arrays)
        memo[key] = (arrays, result)
        return result

    wrapper.memo = memo
    return wrapper


def log_shapes(func):
    def inner(*args):
        print(func.__name__, [a.shape for a in args])
        return func(*args)
    return inner


@cached_by_id
@log_shapes
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = np.dot(A_prev, dZ.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dW, db
