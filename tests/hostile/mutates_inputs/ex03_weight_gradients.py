# Hostile case 'mutates_inputs': weight_gradients divides dZ in place.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dZ /= m  # hostile: changes the caller's array
    return dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)
