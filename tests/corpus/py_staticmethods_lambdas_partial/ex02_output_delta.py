import numpy as np

# one-liners are enough here
compute_cost = lambda A2, Y: float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
loss_derivative = lambda A2, Y: (A2 - Y) / (A2 * (1 - A2))
output_delta = lambda A2, Y: A2 - Y


def main():
    A2 = np.array([[0.8, 0.3, 0.6]])
    Y = np.array([[1.0, 0.0, 1.0]])
    print("cost:", compute_cost(A2, Y))
    print("dA2 * sigmoid'(Z2):", loss_derivative(A2, Y) * A2 * (1 - A2))
    print("dZ2:", output_delta(A2, Y))


if __name__ == "__main__":
    main()
