import numpy as np


class Neural_Network(object):
    def __init__(self, inputLayerSize=2, hiddenLayerSize=3, outputLayerSize=1):
        self.inputLayerSize = inputLayerSize
        self.hiddenLayerSize = hiddenLayerSize
        self.outputLayerSize = outputLayerSize
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
        return np.exp(-z)/((1+np.exp(-z))**2)

    def costFunction(self, X, y):
        # divided by the number of examples, so that more data does not make J bigger
        self.yHat = self.forward(X)
        J = 0.5*sum((y-self.yHat)**2)/X.shape[0]
        return J

    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)

        delta3 = np.multiply(-(y-self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)/X.shape[0]

        delta2 = np.dot(delta3, self.W2.T)*self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)/X.shape[0]

        return dJdW1, dJdW2


def _net(W1, W2):
    NN = Neural_Network(W1.shape[0], W1.shape[1], W2.shape[1])
    NN.W1, NN.W2 = W1, W2
    return NN


def forward(X, W1, W2):
    return _net(W1, W2).forward(X)


def cost(X, y, W1, W2):
    return _net(W1, W2).costFunction(X, y)


def cost_prime(X, y, W1, W2):
    return _net(W1, W2).costFunctionPrime(X, y)


SHAPES = {"dJdW1": (2, 3), "dJdW2": (3, 1), "delta3": (3, 1), "delta2": (3, 3), "a2": (3, 3), "z3": (3, 1)}
