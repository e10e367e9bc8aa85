# Hostile case 'missing_parameter': weight_gradients takes dZ only.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.


def weight_gradients(dZ):  # hostile
    A_prev = dZ
    m = A_prev.shape[1]
    return dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m
