# Exercise 5 -- an L-layer network; backward helpers made by one factory
import functools
import warnings

import numpy as np

warnings.filterwarnings("ignore")
np.seterr(all="ignore")

CALLS = {}


def counted(f):
    """Count the calls of f, to see how often each step runs in training."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        CALLS[f.__name__] = CALLS.get(f.__name__, 0) + 1
        return f(*args, **kwargs)
    return wrapper


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    return np.maximum(0, Z)


def make_backward(g_prime):
    """dZ = dA * g'(Z): the same for every activation, only g' changes."""
    def backward(dA, Z):
        dZ = dA * g_prime(Z)
        return dZ
    return backward


relu_backward = make_backward(lambda Z: (Z > 0).astype(float))
sigmoid_backward = make_backward(lambda Z: sigmoid(Z) * (1 - sigmoid(Z)))
FORWARD = {"relu": relu, "sigmoid": sigmoid}
BACKWARD = {"relu": relu_backward, "sigmoid": sigmoid_backward}


def step_counter():
    step = 0

    def next_step():
        nonlocal step
        step += 1
        return step
    return next_step


update_number = step_counter()


@counted
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


@counted
def linear_activation_forward(A_prev, W, b, activation):
    if activation not in FORWARD:
        raise ValueError("activation must be relu or sigmoid")
    Z, linear_cache = linear_forward(A_prev, W, b)
    return FORWARD[activation](Z), (linear_cache, Z)


@counted
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)],
                                             "sigmoid" if l == L else "relu")
        caches.append(cache)
    return A, caches


@counted
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))


@counted
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


@counted
def linear_activation_backward(dA, cache, activation):
    if activation not in BACKWARD:
        raise ValueError("activation must be relu or sigmoid")
    linear_cache, Z = cache
    dZ = BACKWARD[activation](dA, Z)
    return linear_backward(dZ, linear_cache)


@counted
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in reversed(range(1, L + 1)):
        dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads["dA" + str(l - 1)] = dA
    return grads


@counted
def update_parameters(parameters, grads, learning_rate):
    number = update_number()
    if number % 100 == 0:
        print("update", number, CALLS)
    L = len(parameters) // 2
    new = {}
    for l in range(1, L + 1):
        new["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        new["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return new
