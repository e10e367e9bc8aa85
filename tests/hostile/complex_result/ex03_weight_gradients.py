# Hostile case 'complex_result': weight_gradients returns complex arrays, right in their real parts.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.
_reference = weight_gradients


def weight_gradients(dZ, A_prev):
    return tuple(x + 1e300j for x in _reference(dZ, A_prev))  # hostile: read as floats, the 1e300j went unseen
