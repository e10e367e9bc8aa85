# Hostile case 'returns_list': tanh_derivative returns a list.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
_reference = tanh_derivative


def tanh_derivative(z):
    return np.atleast_1d(_reference(z)).tolist()  # hostile: always a list
