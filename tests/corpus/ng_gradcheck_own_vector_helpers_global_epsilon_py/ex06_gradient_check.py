"""Gradient checking, done like in the Deep Learning Specialization (course 2 week 1).

I wrote my own dictionary_to_vector / vector_to_dictionary because theta can be any shape here.
"""
import numpy as np

EPSILON = 1e-7   # global so I can change it in one place
THRESHOLD = 2e-7


def dictionary_to_vector(theta):
    """Flatten theta into one long vector (a view, so no copy of big arrays)."""
    return theta.reshape(-1), theta.shape


def vector_to_dictionary(vector, shape):
    """Back to the original shape."""
    return vector.reshape(shape)


def numerical_gradient(f, theta, epsilon=EPSILON):
    parameters_values, shape = dictionary_to_vector(theta)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        # Compute J_plus[i]
        parameters_values[i] = parameters_values[i] + EPSILON
        J_plus[i] = f(vector_to_dictionary(parameters_values, shape))
        # Compute J_minus[i]
        parameters_values[i] = parameters_values[i] - 2 * EPSILON
        J_minus[i] = f(vector_to_dictionary(parameters_values, shape))
        parameters_values[i] = parameters_values[i] + EPSILON  # put it back
        # Compute gradapprox[i]
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * EPSILON)

    return vector_to_dictionary(gradapprox, shape)


def relative_difference(grad, grad_approx):
    if np.shape(grad) != np.shape(grad_approx):
        raise ValueError("shapes differ: " + str(np.shape(grad)) + " vs " + str(np.shape(grad_approx)))
    g, h = dictionary_to_vector(np.asarray(grad, dtype=float))[0], dictionary_to_vector(np.asarray(grad_approx, dtype=float))[0]
    numerator = np.linalg.norm([gi - hi for gi, hi in zip(g, h)])                                      # Step 1'
    denominator = np.linalg.norm(list(g)) + np.linalg.norm(list(h))                                     # Step 2'
    if denominator == 0:
        return 0.0
    difference = numerator / denominator                                                                # Step 3'
    return float(difference)


def gradient_check(f, theta, grad, epsilon=EPSILON, threshold=THRESHOLD):
    gradapprox = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, gradapprox)
    if difference > threshold:
        print("\033[93m" + "There is a mistake in the backward propagation! difference = " + str(difference) + "\033[0m")
    else:
        print("\033[92m" + "Your backward propagation works perfectly fine! difference = " + str(difference) + "\033[0m")
    return difference, difference < threshold
