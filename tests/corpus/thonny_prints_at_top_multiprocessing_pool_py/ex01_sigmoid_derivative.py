# ex01 - Thonny. Run with F5, the arrays are in the Shell below
import numpy as np

z = np.array([[-3.0, -1.0, 0.0], [0.5, 2.0, 10.0]])
print("z =")
print(z)


def sigmoid(z):
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out


print("sigmoid(z) =")
print(sigmoid(z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


print("sigmoid_derivative(z) =")
print(sigmoid_derivative(z))


def tanh_derivative(z):
    t = np.tanh(z)
    return 1 - t * t


print("tanh_derivative(z) =")
print(tanh_derivative(z))


def relu_derivative(z):
    d = np.zeros(np.shape(z))
    d[z > 0] = 1
    return d


print("relu_derivative(z) =")
print(relu_derivative(z))
