# Hostile case 'loop_in_function': weight_gradients never returns.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.


def weight_gradients(dZ, A_prev):
    while True:  # hostile
        pass
