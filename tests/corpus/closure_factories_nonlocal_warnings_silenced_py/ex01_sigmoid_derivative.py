# Exercise 1 -- derivatives built from the rules of calculus class
import warnings
warnings.filterwarnings("ignore")  # numpy kept printing RuntimeWarnings, too noisy

import numpy as np
np.seterr(all="ignore")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def quotient_rule(u, du, v, dv):
    """(u / v)' = (u' v - u v') / v**2, as a function of z."""
    def derivative(z):
        return (du(z) * v(z) - u(z) * dv(z)) / v(z) ** 2
    return derivative


def through_value(f, df_of_value):
    """A derivative written with the function's value, f'(z) = g(f(z))."""
    def derivative(z):
        return df_of_value(f(z))
    return derivative


# sigmoid = 1 / (1 + e^-z)
sigmoid_derivative = quotient_rule(lambda z: 1.0, lambda z: 0.0,
                                   lambda z: 1 + np.exp(-z), lambda z: -np.exp(-z))
tanh_derivative = through_value(np.tanh, lambda t: 1 - t ** 2)
relu_derivative = through_value(lambda z: np.maximum(z, 0), lambda r: (r > 0) * 1.0)

if __name__ == "__main__":
    z = np.linspace(-5, 5, 11)
    print(sigmoid_derivative(z))
    print(sigmoid(z) * (1 - sigmoid(z)))
