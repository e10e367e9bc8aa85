# Hostile case 'claims_graders_failure': relu_derivative raises an exception named as the grader's own failure.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.


class NotStarted(Exception):  # hostile: the name the grading process gives a worker that did not start
    pass


def relu_derivative(z):
    raise NotStarted("the worker process did not start: ex01 could not be graded")  # hostile: blame the grader
