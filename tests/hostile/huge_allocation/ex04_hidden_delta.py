# Hostile case 'huge_allocation': backward_propagation allocates 20 GiB.
# Appended to solutions/ex04_hidden_delta.py by tests/security/test_hostile.py, which says what it must get.
_reference = backward_propagation


def backward_propagation(parameters, cache, X, Y):
    workspace = np.ones((20 * 2**30) // 8)  # hostile: 20 GiB
    return _reference(parameters, cache, X, Y)
