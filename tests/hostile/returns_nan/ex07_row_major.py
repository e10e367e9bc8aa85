# Hostile case 'returns_nan': cost_prime returns arrays of NaN.
# Appended to solutions/ex07_row_major.py by tests/security/test_hostile.py, which says what it must get.
_reference = cost_prime


def cost_prime(X, y, W1, W2):
    dJdW1, dJdW2 = _reference(X, y, W1, W2)
    return dJdW1 * np.nan, dJdW2 * np.nan  # hostile
