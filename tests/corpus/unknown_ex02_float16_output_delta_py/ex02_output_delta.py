import numpy as np

# half precision: my GPU notes said to use float16 to save memory
DTYPE = np.float16


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


def loss_derivative(A2, Y):
    return -Y / A2 + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    A2, Y = A2.astype(DTYPE), Y.astype(DTYPE)
    return A2 - Y
