"""Every catalogued mistake is recognised by its id; correct variants get full marks.

The submissions are the reference solution with one function redefined (tests/variants/).
"""
import importlib

import pytest

from autograder import catalog, grading, spec
from conftest import ROOT

IDS = [e.id for e in catalog.EXERCISES]


def _variants(kind):
    return list(_each_variant(kind))


def _each_variant(kind):
    for exercise_id in IDS:
        try:
            module = importlib.import_module(f"variants.{exercise_id}")
        except ModuleNotFoundError:
            continue
        for name, code in getattr(module, kind, {}).items():
            yield pytest.param(exercise_id, name, code, id=f"{exercise_id}:{name}")


def _grade(tmp_path, exercise_id, extra_code, hidden=False):
    solution = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")
    (tmp_path / f"{exercise_id}.py").write_text(solution + "\n" + extra_code, encoding="utf-8")
    result = grading.grade(tmp_path, [catalog.BY_ID[exercise_id]], checks="all" if hidden else "public",
                           secret="test-secret")
    return result.exercises[0]


def test_every_catalogued_mistake_has_a_variant_and_an_explanation():
    curriculum = (ROOT.parent / "shared" / "curriculum.md")
    for exercise_id in IDS:
        module = importlib.import_module(f"variants.{exercise_id}")
        explained = spec.load(exercise_id).mistakes
        assert set(module.MISTAKES) == set(explained), exercise_id
        for text in explained.values():
            assert 2 <= len(text.strip().splitlines()) <= 4
    if curriculum.is_file():  # the contract sits beside the checkout in the project's layout
        import re

        catalogued = set(re.findall(r"`(ex0\d/[\w-]+)`", curriculum.read_text(encoding="utf-8")))
        covered = {m for e in IDS for m in spec.load(e).mistakes}
        assert catalogued == covered


@pytest.mark.parametrize("exercise_id, mistake, code", _variants("MISTAKES"))
@pytest.mark.parametrize("hidden", [False, True], ids=["public", "hidden"])
def test_mistake_is_named(tmp_path, exercise_id, mistake, code, hidden):
    result = _grade(tmp_path, exercise_id, code, hidden)
    assert result.status == "failed"
    named = {c.misconception for c in result.checks if not c.passed}
    assert mistake in named, [c.message for c in result.checks if not c.passed]
    assert named <= {mistake, None}, f"other mistakes named too: {named}"


@pytest.mark.parametrize("exercise_id, name, code", _variants("CORRECT"))
def test_correct_variant_gets_full_marks(tmp_path, exercise_id, name, code):
    result = _grade(tmp_path, exercise_id, code, hidden=True)
    assert result.score == result.max_score, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("exercise_id, name, code", _variants("UNKNOWN"))
def test_unknown_wrong_answer_names_no_mistake(tmp_path, exercise_id, name, code):
    result = _grade(tmp_path, exercise_id, code)
    assert result.status == "failed"
    assert {c.misconception for c in result.checks} == {None}
