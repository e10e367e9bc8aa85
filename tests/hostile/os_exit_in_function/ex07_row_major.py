# Hostile case 'os_exit_in_function': cost calls os._exit: its worker process dies.
# Appended to solutions/ex07_row_major.py by tests/security/test_hostile.py, which says what it must get.


def cost(X, y, W1, W2):
    import os
    os._exit(1)  # hostile
