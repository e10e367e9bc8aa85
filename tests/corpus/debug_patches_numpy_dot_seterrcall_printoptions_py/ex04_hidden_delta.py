# ex04 -- hidden layer delta
# Debugging setup: numpy's own "shapes not aligned" error never says which product failed,
# so np.dot is swapped for a version that names the shapes. Float errors go to my callback
# instead of scrolling past as RuntimeWarnings, and arrays print with 3 decimals.
import numpy as np

np.set_printoptions(precision=3, suppress=True, linewidth=110)

_numpy_dot = np.dot


def checked_dot(a, b):
    (n, k1), (k2, p) = np.shape(a), np.shape(b)   # both are matrices in this course
    assert k1 == k2, f"np.dot: {np.shape(a)} x {np.shape(b)}, inner sizes {k1} != {k2}"
    return _numpy_dot(a, b)


np.dot = checked_dot

FLOAT_ERRORS = []


def remember_float_error(kind, flag):
    FLOAT_ERRORS.append(kind)


np.seterrcall(remember_float_error)
np.seterr(all="call")


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        g_prime = 1 - np.tanh(Z1) ** 2
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        g_prime = s * (1 - s)
    elif activation == "relu":
        g_prime = np.where(Z1 > 0, 1.0, 0.0)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    dA1 = np.dot(W2.T, dZ2)
    return dA1 * g_prime


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


print(hidden_delta(np.ones((1, 3)), np.ones((1, 2)), np.zeros((2, 3))))
print("float errors so far:", FLOAT_ERRORS)
