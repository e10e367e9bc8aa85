# Hostile case 'claims_out_of_time': output_delta raises with the words the grader uses for a submission out of time.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.


def output_delta(A2, Y):
    raise ValueError("the submission's time ran out: all its calls together may take 1 s")  # hostile
