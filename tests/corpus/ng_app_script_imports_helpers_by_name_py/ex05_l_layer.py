# Deep Neural Network for Image Classification: Application, as a script in PyCharm.
# dnn_app_utils_v3.py and datasets/ sit next to this file on my machine.
import time
import numpy as np
from dnn_app_utils_v3 import sigmoid, relu, sigmoid_backward, relu_backward
from dnn_app_utils_v3 import load_data, initialize_parameters_deep, predict, print_mislabeled_images


def linear_forward(A, W, b):
    Z = W.dot(A) + b
    assert Z.shape == (W.shape[0], A.shape[1])
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, lin = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, act = sigmoid(Z)
    else:
        A, act = relu(Z)
    return A, (lin, act)


def L_model_forward(X, parameters):
    caches = []
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        act = "sigmoid" if l == L else "relu"
        A, c = linear_activation_forward(A, parameters["W%d" % l], parameters["b%d" % l], act)
        caches.append(c)
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1. / m) * (Y.dot(np.log(AL).T) + (1 - Y).dot(np.log(1 - AL).T))
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ.dot(A_prev.T) / m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W.T.dot(dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    lin, act = cache
    if activation == "relu":
        dZ = relu_backward(dA, act)
    else:
        dZ = sigmoid_backward(dA, act)
    return linear_backward(dZ, lin)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = (1 - Y) / (1 - AL) - Y / AL
    current = dAL
    for l in reversed(range(L)):
        act = "sigmoid" if l == L - 1 else "relu"
        dA_prev, dW, db = linear_activation_backward(current, caches[l], act)
        grads["dA%d" % l] = dA_prev
        grads["dW%d" % (l + 1)] = dW
        grads["db%d" % (l + 1)] = db
        current = dA_prev
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0:
            print("Cost after iteration {}: {}".format(i, cost))
            costs.append(cost)
    return parameters, costs


if __name__ == "__main__":
    import matplotlib.pyplot as plt  # the grader has no matplotlib: only here
    np.random.seed(1)
    train_x_orig, train_y, test_x_orig, test_y, classes = load_data()
    m_train = train_x_orig.shape[0]
    train_x = train_x_orig.reshape(m_train, -1).T / 255.
    test_x = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255.
    print("train_x's shape: " + str(train_x.shape))
    layers_dims = [12288, 20, 7, 5, 1]
    parameters, costs = L_layer_model(train_x, train_y, layers_dims, num_iterations=2500, print_cost=True)
    pred_train = predict(train_x, train_y, parameters)
    pred_test = predict(test_x, test_y, parameters)
    print_mislabeled_images(classes, test_x, test_y, pred_test)
    plt.show()
