# Hostile case 'exit_at_import': sys.exit at import.
# Appended to solutions/ex06_gradient_check.py by tests/security/test_hostile.py, which says what it must get.
import sys

sys.exit(0)  # hostile: before a def (an exit after every definition, a script's end, loses nothing and is passed)


def after_the_exit():
    pass
