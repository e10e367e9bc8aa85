"""compare's messages: what a learner reads about values that differ from the expected."""
import numpy as np

from autograder import compare


def _message(received, expected):
    [problem] = compare.compare("dA2", received, expected, stages=("values",), rtol=1e-6, atol=1e-8)
    return problem.message


def test_entries_that_should_be_zero_are_counted_not_hidden_from_the_relative_difference():
    expected = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 3.0]])
    received = expected + np.array([[0.07, 0.0, 0.0], [0.0, 0.7, 0.0]])
    assert _message(received, expected).endswith(
        "max absolute difference 0.7; 2 of them are nonzero where the expected entry is 0")
    received[0, 2] = 2.5
    assert _message(received, expected).endswith(
        "max absolute difference 0.7; max relative difference 0.25; 2 of them are nonzero where the expected entry is 0")
    assert "max absolute difference 1.5; max relative difference 0.5\n" in _message(expected * 1.5, expected)


def test_values_off_by_one_factor_everywhere_say_the_factor():
    """dW with its 1/m left out or taken twice, a sign flipped, or a numerical gradient of half the slope
    (theta_plus = theta, then theta_minus = theta, a copy of neither): every entry off by the same factor,
    which the two differences alone did not tell."""
    expected = np.array([[0.0, 1.0, 2.0], [-0.5, 0.25, 3.0]])
    for factor, said in ((1.5, "1.5"), (-1, "-1"), (1 / 5, "0.2"), (0.5 * (1 + 1e-3), "0.5")):
        assert _message(expected * factor, expected).endswith(
            f"each entry of yours is {said} times the expected one: is a factor, such as 1/m, 2 or a sign, left out "
            "or added?"), factor
    for received in (expected * 1.5 + 0.01, expected * [[2, 1, 2], [2, 2, 2]], expected + [[1, 0, 0], [0, 0, 0]]):
        assert "times the expected" not in _message(received, expected)
    # finite factors of 1.5e308, one negative, whose median and spread overflow: it said "inf times the expected one"
    expected = np.array([[0.1, 0.2, 0.3], [-0.4, 0.5, 0.6]])
    assert "times the expected" not in _message(expected * 1.5e308 * [[1, 1, 1], [-1, 1, 1]], expected)


def test_one_entry_is_said_as_one():
    """A (1, 1) db3 read "1 of 1 entries differ"."""
    assert _message(np.array([[0.5]]), np.array([[0.25]])).startswith(
        "dA2: its one entry differs from the expected values (rtol 1e-06, atol 1e-08).")


def test_a_negative_zero_is_shown_as_zero():
    """-Y / A2 where Y is 0 made "yours -0", which no learner reads as 0."""
    assert "first at index (0,): yours 0, expected 2.5" in _message(np.array([-0.0, 1.0]), np.array([2.5, 1.0]))


def test_an_answer_of_zeros_asks_for_a_factor_that_is_zero():
    """(1 // m) * dZ @ A_prev.T is all zeros: the message points at a factor, not at the values."""
    expected = np.array([[0.5, -1.0], [2.0, 0.0]])
    assert _message(np.zeros((2, 2)), expected).endswith(
        "every entry of your dA2 is 0: is a factor 0, such as 1 // m (integer division)?")
    assert "every entry" not in _message(np.array([[0.0, 0.0], [0.0, 1.0]]), expected)
    assert "every entry" not in _message(np.zeros(1), np.ones(1))  # one zero says nothing of a factor

def test_a_truth_value_may_be_a_numpy_bool_or_an_array_of_one_and_must_be_one():
    def problems(received, expected):
        return [(p.stage, p.message) for p in compare.compare("ok", received, expected, stages=("values",),
                                                               rtol=1e-6, atol=1e-8)]
    for right in (True, np.bool_(True), np.array([[True]])):
        assert problems(right, True) == []
    for wrong in (False, np.bool_(False), np.array(False)):
        assert problems(wrong, True) == [("values", "ok is False, which is not right.")]
    assert problems(1, True) == [("type", "ok must be True or False; yours is an int.")]
    assert problems(np.array([True, True]), False) == [
        ("type", "ok must be True or False; yours is an array of shape (2,).")]


def test_a_messages_length_does_not_grow_with_what_the_learner_returned():
    """A value or a dict's keys were written out whole: 200,000 floats as SHAPES' entries, or
    one key of 15 MB, made a check's message (and every report of the class) that long."""
    def longest(received, expected):
        return max(len(p.message) for p in compare.compare("SHAPES", received, expected, stages=("type", "values"),
                                                             rtol=1e-6, atol=1e-8))
    many, text = list(range(200_000)), "x" * 2**20
    assert longest({"a2": [0.5] * 200_000}, {"a2": (3, 1)}) < 500
    assert longest({"a2": many}, {"a2": (3, 1)}) < 500
    assert longest({"a2": text}, {"a2": (3, 1)}) < 500
    assert longest({text: 1, **{str(k): 1 for k in many}}, {"a2": (3, 1)}) < 500
    assert longest({"a2": many}, {"a2": 3}) < 500
    assert longest({"a2": [(3, 1), text]}, {"a2": ((3, 1), "x")}) < 500


def test_an_array_where_a_word_or_a_number_belongs_is_a_problem_not_a_crash():
    """An array's == gives an array, whose truth compare asked for: ValueError ended the grading."""
    for expected in (3, "relu", None):
        received = {"activation": np.zeros(2)}
        [problem] = compare.compare("cache", received, {"activation": expected}, stages=("type", "values"),
                                    rtol=1e-7, atol=1e-9)
        assert problem.stage == "values" and "not right" in problem.message


def test_lists_of_lists_are_told_whether_np_array_of_them_would_pass():
    """A learner who avoids numpy returns [[...], ...]: "Return a numpy array" did not say that the
    entries were right, so that np.array(...) was all that was left to do."""
    def said(received, stages):
        [problem] = compare.compare("dW", received, np.array([[0.5, -1.0]]), stages=stages, rtol=1e-6, atol=1e-8)
        return problem.message
    assert said([[0.5, -1.0]], ("type", "shape")).endswith(
        "yours is a list of length 1. np.array(dW) has the right shape, (1, 2): return it.")
    assert said([[0.5, -1.0]], ("values",)).endswith("Its entries are right: return np.array(dW).")
    for wrong in ([[0.5, 1.0]], [[0.5], [-1.0]], [[0.5, -1.0], [1.0]], [["a", "b"]], [[10**400, 1]]):
        assert said(wrong, ("values",)).endswith("; yours is a list of length "
                                                 f"{len(wrong)}. Return a numpy array."), wrong


def test_a_list_that_np_array_would_not_make_floats_of_is_not_told_its_entries_are_right():
    """np.array(received, dtype=np.float64) reads "0.5" as 0.5, True as 1.0 and a complex entry as its real part,
    so strings, bools or complex rows of the right numbers were told "Its entries are right: return np.array(dW)",
    which would give an array of strings, bools or complex numbers: a check that failed again."""
    def said(received):
        [problem] = compare.compare("dW", received, np.array([[1.0, 0.0]]), stages=("type", "values"),
                                    rtol=1e-6, atol=1e-8)
        return problem.message
    for wrong in ([["1.0", "0.0"]], [[True, False]], [[1, 0]], [np.array([1.0 + 2j, 0.0])], [[np.complex128(1), 0.0]]):
        assert said(wrong).endswith("; yours is a list of length 1. Return a numpy array."), wrong
    for right in ([[1, 0.0]], [np.array([1.0, 0.0], dtype=np.float32)], [(np.int64(1), np.float64(0.0))]):
        assert said(right).endswith("Its entries are right: return np.array(dW)."), right


def test_values_right_in_their_order_are_never_said_to_be_in_another():
    """Three zero arrays of one shape are right in every order: the first order tried that matched, not the
    one given, was reported, and the reference solution failed a check that could not tell them apart."""
    zeros = (np.zeros((2, 1)), np.zeros((2, 2)), np.zeros((2, 1)))
    assert compare.reordered(zeros, zeros, ("dA_prev", "dW", "db"), rtol=1e-6, atol=1e-9) == ""
    right = (np.ones((2, 1)), np.zeros((2, 2)), np.zeros((2, 1)))
    said = compare.reordered(right[::-1][:1] + right[1:2] + right[:1], right, ("dA_prev", "dW", "db"), 1e-6, 1e-9)
    assert said.startswith("returns the right values in another order: yours are (db, dW, dA_prev)"), said


def test_a_shape_with_its_rows_and_columns_swapped_is_said_so():
    """ex07's SHAPES: dJdW1 given as (3, 2) for (2, 3) was "not right" and no more, where an array the other way
    round is named a transpose."""
    def said(received):
        [problem] = compare.compare("SHAPES['dJdW1']", received, (2, 3), stages=("values",), rtol=0, atol=0)
        return problem.message
    assert said((3, 2)) == ("SHAPES['dJdW1'] is (3, 2), which is not right: its rows and columns are the other "
                            "way round.")
    assert said((2, 2)) == "SHAPES['dJdW1'] is (2, 2), which is not right."


def test_a_types_article_is_the_one_its_name_is_read_with():
    """numpy's uint8 was "an uint8", a learner's AlwaysEqual "a AlwaysEqual"."""
    assert [compare.describe(v) for v in (np.uint8(3), 3, {"a": 1}, compare.Unsupported("AlwaysEqual"))] == [
        "a uint8", "an int", "a dict", "an AlwaysEqual"]


def test_one_number_for_a_column_is_sent_to_the_axis_for_a_bias_gradient_only():
    """np.sum without axis= for db is told to sum each row; ex07's dJdW2 of one output unit, a column too, is no sum
    over the examples (a2.T times delta3, examples as rows), and was told np.sum(..., axis=1)."""
    def said(path):
        [problem] = compare.compare(path, 3.0, np.zeros((3, 1)), stages=("type", "shape"), rtol=0, atol=0)
        return problem.message
    assert "axis=1, keepdims=True" in said("grads['db2']") and "axis=1, keepdims=True" in said("dbeta")
    assert "axis=" not in said("dJdW2") and said("dJdW2").endswith("yours is a single number, a float.")
