# Hostile case 'extra_parameter': weight_gradients wants a third argument.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.


def weight_gradients(dZ, A_prev, m):  # hostile
    return dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m
