# Hostile case 'kills_grader': update_parameters tries to kill the grader.
# Appended to solutions/ex05_l_layer.py by tests/security/test_hostile.py, which says what it must get.
_reference = update_parameters


def update_parameters(parameters, grads, learning_rate):
    import os
    import signal
    os.kill(os.getppid(), signal.SIGKILL)  # hostile
    return _reference(parameters, grads, learning_rate)
