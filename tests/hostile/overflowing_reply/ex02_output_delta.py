# Hostile case 'overflowing_reply': compute_cost returns an integer no float can hold.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.


def compute_cost(A2, Y):
    return 10**400  # hostile: float(10**400) raises OverflowError
