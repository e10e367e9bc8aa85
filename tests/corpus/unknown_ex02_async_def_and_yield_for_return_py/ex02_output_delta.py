# ex02 -- I serve my model with FastAPI at work, so my functions start with async out of habit.
import asyncio

import numpy as np


async def compute_cost(A2, Y):
    m = Y.shape[1]
    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(np.sum(losses) / m)


def loss_derivative(A2, Y):
    return -(Y / A2) + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    # one example at a time, so that I can print them while training
    for j in range(A2.shape[1]):
        yield A2[:, j] - Y[:, j]


if __name__ == "__main__":
    A2, Y = np.array([[0.8, 0.3]]), np.array([[1.0, 0.0]])
    print(asyncio.run(compute_cost(A2, Y)))
    print(list(output_delta(A2, Y)))
