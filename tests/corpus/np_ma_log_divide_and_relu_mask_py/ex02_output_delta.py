# Exercise 2: cost, dA2 and dZ2 of the sigmoid output layer.
# My A2 had exact zeros once and np.log gave -inf plus a RuntimeWarning, so I switched to numpy's
# masked versions: np.ma.log and np.ma.divide just mask the bad entries instead of warning.
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -1. / m * (np.dot(Y, np.ma.log(A2).T) + np.dot(1 - Y, np.ma.log(1 - A2).T))
    cost = np.squeeze(cost)     # makes sure cost is the dimension we expect, e.g. turns [[17]] into 17
    return cost


def loss_derivative(A2, Y):
    dA2 = -(np.ma.divide(Y, A2) - np.ma.divide(1 - Y, 1 - A2))
    return dA2


def output_delta(A2, Y):
    dZ2 = A2 - Y
    return dZ2


if __name__ == "__main__":
    A2 = np.array([[0.8, 0.1, 0.6]])
    Y = np.array([[1, 0, 1]])
    print("cost = " + str(compute_cost(A2, Y)))
    print("dA2 = " + str(loss_derivative(A2, Y)))
