# Hostile case 'syntax_error': a colon missing after a def: the file does not compile.
# Appended to solutions/ex05_l_layer.py by tests/security/test_hostile.py, which says what it must get.


def linear_forward(A, W, b)  # hostile
    return W @ A + b
