# ex04 - written in Thonny, run with F5
import numpy as np
from multiprocessing import Pool


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        gprime = 1 - np.tanh(Z1) ** 2
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        gprime = s * (1 - s)
    elif activation == "relu":
        gprime = (Z1 > 0).astype(float)
    else:
        raise ValueError("activation must be tanh, sigmoid or relu")
    return np.dot(W2.T, dZ2) * gprime


def one_example(job):
    # gradients of the loss of one example j (its column of each array)
    x, a1, z1, dz2, W2 = job
    dz1 = hidden_delta(dz2, W2, z1)
    return np.dot(dz2, a1.T), dz2, np.dot(dz1, x.T), dz1


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    jobs = []
    for j in range(m):
        jobs.append((X[:, j:j+1], cache["A1"][:, j:j+1], cache["Z1"][:, j:j+1], dZ2[:, j:j+1], parameters["W2"]))
    # my laptop has 4 cores, so do the examples 4 at a time
    with Pool(4) as pool:
        results = pool.map(one_example, jobs)
    dW2 = sum(r[0] for r in results) / m
    db2 = sum(r[1] for r in results) / m
    dW1 = sum(r[2] for r in results) / m
    db1 = sum(r[3] for r in results) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


np.random.seed(3)
X = np.random.randn(2, 4)
Y = np.array([[1, 0, 1, 0]])
params = {"W1": np.random.randn(3, 2), "b1": np.zeros((3, 1)), "W2": np.random.randn(1, 3), "b2": np.zeros((1, 1))}
Z1 = params["W1"] @ X + params["b1"]
A1 = np.tanh(Z1)
Z2 = params["W2"] @ A1 + params["b2"]
A2 = 1 / (1 + np.exp(-Z2))
cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
print("X =", X)
print("A1 =", A1)
print("A2 =", A2)
print("dZ1 =", hidden_delta(A2 - Y, params["W2"], Z1))
