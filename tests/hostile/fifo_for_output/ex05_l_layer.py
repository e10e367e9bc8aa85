# Hostile case 'fifo_for_output': update_parameters puts a FIFO where the worker's output file was, then crashes.
# Appended to solutions/ex05_l_layer.py by tests/security/test_hostile.py, which says what it must get.
import os


def update_parameters(parameters, grads, learning_rate):
    for name in ("output.txt", "../output.txt"):  # hostile: a grader reopening it would block for ever
        try:
            os.remove(name)
        except OSError:
            pass
        try:
            os.mkfifo(name)
        except OSError:
            pass
    os._exit(1)
