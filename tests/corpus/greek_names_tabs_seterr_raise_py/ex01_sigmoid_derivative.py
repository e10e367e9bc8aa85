# Exercise 1 -- sigmoid and friends
# I want numpy to shout at me instead of quietly giving inf or nan.
import numpy as np
np.seterr(all='raise')


def σ(z):
	"""logistic function"""
	return 1 / (1 + np.exp(-z))


sigmoid = σ


def dσ(z):
	s = σ(z)
	return s * (1 - s)


sigmoid_derivative = dσ


def tanh_derivative(z):
	τ = np.tanh(z)
	return 1 - τ ** 2


def relu_derivative(z):
	return (z > 0).astype(float)


if __name__ == "__main__":
	α = np.linspace(-5, 5, 11)
	print(σ(α), dσ(α))
