import numpy as np


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    return np.maximum(0, Z)


def sigmoid_backward(dA, Z):
    s = sigmoid(Z)
    return dA * s * (1 - s)


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


class Dense:
    """One fully connected layer: Z = W A + b, A_out = g(Z).

    I wrote this as a class first (like in PyTorch) and then wrapped it in the
    functions the notebook asks for.
    """

    ACTIVATIONS = {
        "relu": (relu, relu_backward),
        "sigmoid": (sigmoid, sigmoid_backward),
    }

    def __init__(self, W, b, activation=None):
        self.W = W
        self.b = b
        self.activation = activation

    @staticmethod
    def linear(A, W, b):
        return np.dot(W, A) + b

    @staticmethod
    def linear_grad(dZ, A_prev, W):
        m = A_prev.shape[1]
        dW = 1. / m * np.dot(dZ, A_prev.T)
        db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
        dA_prev = np.dot(W.T, dZ)
        return dA_prev, dW, db

    def forward(self, A_prev):
        Z = self.linear(A_prev, self.W, self.b)
        linear_cache = (A_prev, self.W, self.b)
        if self.activation is None:
            return Z, linear_cache
        g, _ = self.ACTIVATIONS[self.activation]
        return g(Z), (linear_cache, Z)

    def backward(self, dA, cache):
        if self.activation is None:
            A_prev, W, b = cache
            return self.linear_grad(dA, A_prev, W)
        linear_cache, Z = cache
        _, g_back = self.ACTIVATIONS[self.activation]
        dZ = g_back(dA, Z)
        A_prev, W, b = linear_cache
        return self.linear_grad(dZ, A_prev, W)

    @classmethod
    def from_cache(cls, cache, activation=None):
        linear_cache = cache if activation is None else cache[0]
        _, W, b = linear_cache
        return cls(W, b, activation)


def linear_forward(A, W, b):
    return Dense(W, b).forward(A)


def linear_activation_forward(A_prev, W, b, activation):
    return Dense(W, b, activation).forward(A_prev)


def L_model_forward(X, parameters):
    L = len(parameters) // 2
    layers = [Dense(parameters["W" + str(l)], parameters["b" + str(l)], "relu" if l < L else "sigmoid")
              for l in range(1, L + 1)]
    caches = []
    A = X
    for layer in layers:
        A, cache = layer.forward(A)
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))


def linear_backward(dZ, cache):
    return Dense.from_cache(cache).backward(dZ, cache)


def linear_activation_backward(dA, cache, activation):
    return Dense.from_cache(cache, activation).backward(dA, cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in reversed(range(L)):
        activation = "sigmoid" if l == L - 1 else "relu"
        dA, dW, db = linear_activation_backward(dA, caches[l], activation)
        grads["dA" + str(l)] = dA
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
    return grads


def update_parameters(parameters, grads, learning_rate):
    layers = {k: v.copy() for k, v in parameters.items()}
    for key in layers:
        layers[key] -= learning_rate * grads["d" + key]
    return layers
