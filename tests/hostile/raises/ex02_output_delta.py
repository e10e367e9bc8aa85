# Hostile case 'raises': output_delta raises.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.


def output_delta(A2, Y):
    raise ValueError("no delta today")  # hostile
