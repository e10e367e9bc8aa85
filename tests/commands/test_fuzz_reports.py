"""Saved reports an instructor is handed, mutated: `backprop report` either writes the class page,
every string of the report escaped on it, or says in one line what is wrong (exit status 2),
never a traceback; `grade --resume` grades again a saved result it cannot read.
"""
import copy
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from autograder import cli, report
from conftest import HANG_SECONDS

FUZZ = settings(max_examples=60, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
MARK = "<i>x</i>"  # a string no page of ours writes unescaped


def _check(n, **fields):
    return {"name": f"check {n}", "function": "sigmoid_derivative", "passed": n % 2 == 0, "hidden": n > 2,
            "score": 1.0 * (n % 2 == 0), "max_score": 1.0, "message": "m", "misconception": None} | fields


VALID = {"submission": "learner", "score": 1.0, "max_score": 4.0, "isolation": "landlock", "exercises": [
    {"id": "ex01_sigmoid_derivative", "part": 1, "score": 1.0, "max_score": 2.0, "status": "failed",
     "checks": [_check(1, misconception="ex01/wrong-sign"), _check(2)], "flag": "grader failed"},
    {"id": "ex03_weight_gradients", "part": 1, "score": 0.0, "max_score": 2.0, "status": "missing",
     "checks": [], "message": "no file"}]}

_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2**64, 2**64), st.floats(), st.just(MARK),
                    st.text(max_size=10), st.lists(st.integers(), max_size=2),
                    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
# A path to a field: the submission's, an exercise's or a check's
_PLACES = st.sampled_from([(), ("exercises", 0), ("exercises", 1), ("exercises", 0, "checks", 0),
                           ("exercises", 0, "checks", 1)])
_MUTATIONS = st.lists(st.tuples(_PLACES, st.sampled_from(["remove", "set", "add"]),
                                st.sampled_from(["submission", "score", "max_score", "isolation", "exercises", "id",
                                                 "status", "checks", "message", "flag", "part", "name", "function",
                                                 "passed", "hidden", "misconception", "extra"]), _VALUES),
                      min_size=1, max_size=4)


def _mutated(mutations):
    data = copy.deepcopy(VALID)
    for place, how, key, value in mutations:
        target = data
        for step in place:
            target = target[step] if isinstance(target, (dict, list)) and (
                step in target if isinstance(target, dict) else step < len(target)) else None
        if not isinstance(target, dict):
            continue
        if how == "remove":
            target.pop(key, None)
        else:
            target[key if how == "set" else key + "_new"] = value
    return data


def _run(tmp_path, capsys, text: str):
    path, page = tmp_path / "report.json", tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    page.unlink(missing_ok=True)
    code = cli.main(["report", str(path), "--html", str(page)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 0:
        return page.read_text(encoding="utf-8")
    assert code == cli.USAGE_ERROR and err.startswith("Error: ") and err.count("\n") == 1, (code, err)
    return None


@FUZZ
@given(_MUTATIONS)
def test_a_mutated_report_makes_a_page_or_one_line_of_error(tmp_path, capsys, mutations):
    data = _mutated(mutations)
    written = _run(tmp_path, capsys, json.dumps(data))
    if written is not None:
        assert MARK not in written  # escaped wherever it was put
    try:
        report.from_dict(data)
    except report.ReportError:
        pass


@pytest.mark.parametrize("name, text", [
    ("a check without its misconception", json.dumps(_mutated([(("exercises", 0, "checks", 0), "remove",
                                                                "misconception", None)]))),
    ("nested 10^5 deep", "[" * 10**5 + "]" * 10**5),
    ("a 5000-digit score", '{"submission": "a", "score": ' + "9" * 5000 + "}"),
    ("NaN scores", json.dumps(VALID | {"score": float("nan")})),
    ("an infinite max_score", json.dumps(VALID | {"max_score": float("inf")})),
    ("a score of 10**400, an int", json.dumps(VALID | {"score": 10**400})),
    ("a score of 1e308 and a max_score of -1e308", json.dumps(VALID | {"score": 1e308, "max_score": -1e308})),
])
def test_a_hostile_report_makes_a_page_or_one_line_of_error(tmp_path, capsys, name, text):
    start = time.perf_counter()
    _run(tmp_path, capsys, text)
    assert time.perf_counter() - start < HANG_SECONDS


def test_from_dict_says_what_is_wrong_with_a_saved_result():
    for broken in (_mutated([((), "remove", "exercises", None)]),
                   _mutated([(("exercises", 0, "checks", 0), "add", "extra", 1)])):
        try:
            report.from_dict(broken)
        except report.ReportError as exc:
            assert str(exc)


def test_resume_grades_again_a_saved_result_it_cannot_read(tmp_path):
    """A saved result changed or damaged since it was written is graded again, not the batch's end.
    from_dict raised KeyError, TypeError or RecursionError, which ended `grade --resume`."""
    from autograder import batch, catalog, plan

    (tmp_path / "ada").mkdir()
    state = tmp_path / "state"
    state.mkdir()
    for text in ('{"submission": "ada"}', "[" * 10**5, '{"submission": "ada", "exercises": "x"'):
        batch._saved(state, "ada").write_text(text, encoding="utf-8")
        [result] = batch.grade_many([("ada", tmp_path / "ada")], plan.make("public", "", catalog.EXERCISES[:1]),
                                    jobs=1, limits={"call_timeout": 5.0, "submission_timeout": 30.0},
                                    state=state, resume=True)
        assert result.submission == "ada" and [e.status for e in result.exercises] == ["missing"]
