"""Neural Networks Demystified, parts 1-4, typed along with the videos."""
import numpy as np


class Neural_Network(object):
    def __init__(self):
        self.inputLayerSize = 2
        self.outputLayerSize = 1
        self.hiddenLayerSize = 3
        self.W1 = np.random.randn(self.inputLayerSize, self.hiddenLayerSize)
        self.W2 = np.random.randn(self.hiddenLayerSize, self.outputLayerSize)

    def forward(self, X):
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2)
        yHat = self.sigmoid(self.z3)
        return yHat

    def sigmoid(self, z):
        return 1/(1+np.exp(-z))

    def sigmoidPrime(self, z):
        return np.exp(-z)/((1+np.exp(-z))*2)

    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        J = 0.5*sum((y-self.yHat)**2)
        return J

    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y-self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)
        delta2 = np.dot(delta3, self.W2.T)*self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2


def forward(X, W1, W2):
    NN = Neural_Network()
    NN.W1, NN.W2 = W1, W2
    return NN.forward(X)


def cost(X, y, W1, W2):
    NN = Neural_Network()
    NN.W1, NN.W2 = W1, W2
    return NN.costFunction(X, y)


def cost_prime(X, y, W1, W2):
    NN = Neural_Network()
    NN.W1, NN.W2 = W1, W2
    return NN.costFunctionPrime(X, y)


SHAPES = {"dJdW1": (2, 3), "dJdW2": (3, 1), "delta3": (3, 1), "delta2": (3, 3), "a2": (3, 3), "z3": (3, 1)}
