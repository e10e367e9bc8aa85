# Hostile case 'stdout_flood': relu_derivative prints 50 MB.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
_reference = relu_derivative


def relu_derivative(z):
    print("x" * 50_000_000)  # hostile
    return _reference(z)
