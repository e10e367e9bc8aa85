# Hostile case 'exit_in_function': loss_derivative calls sys.exit.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.


def loss_derivative(A2, Y):
    import sys
    sys.exit(0)  # hostile
