"""Step by Step, week 4 -- my version outside Coursera.

I did not have dnn_utils.py on my laptop, so the four helpers are written here, the way
the course's file has them: sigmoid and relu give back (A, cache) with cache = Z, and the
two backward helpers give back dZ.
"""
import numpy as np


# ---------------------------------------------------------------- helpers (dnn_utils)

def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return A, cache


def relu(Z):
    A = np.maximum(0, Z)
    cache = Z
    return A, cache


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)   # a copy, so that dA stays as it was
    dZ[Z <= 0] = 0
    return dZ


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


# ---------------------------------------------------------------- forward

def linear_forward(A, W, b):
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A, activation_cache = relu(Z)
    elif activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        raise ValueError(f"unknown activation {activation}")
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    caches = []
    L = len(parameters) // 2
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum() / m
    return float(cost)


# ---------------------------------------------------------------- backward

def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = dZ.sum(1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"unknown activation {activation}")
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))

    dA = dAL
    for l in range(L, 0, -1):            # layer l uses caches[l - 1]
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(parameters, grads, learning_rate):
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}


if __name__ == "__main__":
    # quick run on made-up data: the cost should go down
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 20))
    Y = (X[0:1] > 0).astype(float)
    params = {"W1": rng.standard_normal((5, 4)) * 0.5, "b1": np.zeros((5, 1)),
              "W2": rng.standard_normal((1, 5)) * 0.5, "b2": np.zeros((1, 1))}
    for i in range(200):
        AL, caches = L_model_forward(X, params)
        if i % 50 == 0:
            print(i, compute_cost(AL, Y))
        params = update_parameters(params, L_model_backward(AL, Y, caches), 0.3)
