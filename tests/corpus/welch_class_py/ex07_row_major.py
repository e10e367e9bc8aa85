# Neural Networks Demystified -- the network class built up over parts 2 to 5,
# and the three functions the exercise asks for, which just use it.
import numpy as np


class Neural_Network(object):
    def __init__(self):
        # sizes of the layers (the worksheet's)
        self.inputLayerSize = 2
        self.outputLayerSize = 1
        self.hiddenLayerSize = 3

        # weights, random to start with
        self.W1 = np.random.randn(self.inputLayerSize, self.hiddenLayerSize)
        self.W2 = np.random.randn(self.hiddenLayerSize, self.outputLayerSize)

    def forward(self, X):
        # one example per row of X
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2)
        yHat = self.sigmoid(self.z3)
        return yHat

    def sigmoid(self, z):
        # elementwise, so it works for a number, a vector or a matrix
        return 1/(1+np.exp(-z))

    def sigmoidPrime(self, z):
        # derivative of the sigmoid
        return np.exp(-z)/((1+np.exp(-z))**2)

    def costFunction(self, X, y):
        # J for the weights stored in the object
        self.yHat = self.forward(X)
        J = 0.5*sum((y-self.yHat)**2)
        return J

    def costFunctionPrime(self, X, y):
        # dJ/dW1 and dJ/dW2 for the weights stored in the object
        self.yHat = self.forward(X)

        delta3 = np.multiply(-(y-self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)

        delta2 = np.dot(delta3, self.W2.T)*self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)

        return dJdW1, dJdW2

    # part 5: helpers to go between the weight matrices and one long vector
    def getParams(self):
        return np.concatenate((self.W1.ravel(), self.W2.ravel()))

    def setParams(self, params):
        W1_end = self.hiddenLayerSize*self.inputLayerSize
        self.W1 = np.reshape(params[0:W1_end], (self.inputLayerSize, self.hiddenLayerSize))
        W2_end = W1_end + self.hiddenLayerSize*self.outputLayerSize
        self.W2 = np.reshape(params[W1_end:W2_end], (self.hiddenLayerSize, self.outputLayerSize))

    def computeGradients(self, X, y):
        dJdW1, dJdW2 = self.costFunctionPrime(X, y)
        return np.concatenate((dJdW1.ravel(), dJdW2.ravel()))


# ---- what the exercise calls: a network holding the given weights

def _network(W1, W2):
    NN = Neural_Network()
    NN.inputLayerSize, NN.hiddenLayerSize = W1.shape
    NN.outputLayerSize = W2.shape[1]
    NN.W1 = W1
    NN.W2 = W2
    return NN


def forward(X, W1, W2):
    return _network(W1, W2).forward(X)


def cost(X, y, W1, W2):
    return _network(W1, W2).costFunction(X, y)


def cost_prime(X, y, W1, W2):
    return _network(W1, W2).costFunctionPrime(X, y)


# worksheet: inputLayerSize = 2, hiddenLayerSize = 3, outputLayerSize = 1, 3 examples
SHAPES = {
    "dJdW1": (2, 3),
    "dJdW2": (3, 1),
    "delta3": (3, 1),
    "delta2": (3, 3),
    "a2": (3, 3),
    "z3": (3, 1),
}
