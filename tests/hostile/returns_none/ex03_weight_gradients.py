# Hostile case 'returns_none': weight_gradients forgets its return.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.
_reference = weight_gradients


def weight_gradients(dZ, A_prev):
    dW, db = _reference(dZ, A_prev)  # hostile: no `return`
