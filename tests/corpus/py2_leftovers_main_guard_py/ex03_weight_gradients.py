# Exercise 3: weight gradients
# I run it with `python ex03_weight_gradients.py`, which prints my check below.
import numpy as np


def main():
    np.random.seed(0)
    dZ = np.random.randn(3, 4)
    A_prev = np.random.randn(5, 4)
    dW, db = weight_gradients(dZ, A_prev)
    print("dW.shape =", dW.shape, " db.shape =", db.shape)


if __name__ == "__main__":
    # everything lives under the guard, so that importing this file runs nothing

    def weight_gradients(dZ, A_prev):
        m = A_prev.shape[1]
        dW = np.dot(dZ, A_prev.T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        return dW, db

    main()
