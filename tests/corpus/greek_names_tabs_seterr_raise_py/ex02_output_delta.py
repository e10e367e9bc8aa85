# -*- coding: utf-8 -*-
"""Exercise 2: the cost and the output layer's delta.

Notation as on my lecture slides: ŷ is the prediction A2, y the labels, ℓ the loss.
"""
import warnings

import numpy as np

warnings.simplefilter("error")  # every RuntimeWarning (log of 0, ...) should stop me, not scroll by
np.seterr(all="raise")


def compute_cost(A2, Y):
	ŷ, y = A2, Y
	m = y.shape[1]
	ℓ = -(y * np.log(ŷ) + (1 - y) * np.log(1 - ŷ))
	return float(np.sum(ℓ) / m)


def loss_derivative(A2, Y):
	ŷ, y = A2, Y
	return -(y / ŷ) + (1 - y) / (1 - ŷ)


def output_delta(A2, Y):
	# dZ2 = dℓ/dŷ · σ'(z) = dℓ/dŷ · ŷ(1 - ŷ), which simplifies to ŷ - y
	ŷ, y = A2, Y
	δ = ŷ - y
	return δ


if __name__ == "__main__":
	ŷ = np.array([[0.9, 0.2, 0.6]])
	y = np.array([[1.0, 0.0, 1.0]])
	print(compute_cost(ŷ, y), output_delta(ŷ, y))
