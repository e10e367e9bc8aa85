"""PrairieLearn: the questions `backprop prairielearn` writes, and its grader's entry point run
on a stand-in /grade tree, as PrairieLearn runs it in the image, with real submissions."""
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from autograder import catalog
from conftest import MISTAKE, ROOT, backprop, solution_code_lines

SECRET = "course-secret-for-prairielearn-15-0123456789"

# PrairieLearn's results.json, as its external grading documentation describes the fields we write.
RESULTS_SCHEMA = {
    "type": "object",
    "required": ["gradable", "score", "message", "tests"],
    "properties": {
        "gradable": {"type": "boolean"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "message": {"type": "string"},
        "format_errors": {"type": "array", "items": {"type": "string"}},
        "tests": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "points", "max_points", "output"],
            "properties": {"name": {"type": "string"}, "points": {"type": "number", "minimum": 0},
                           "max_points": {"type": "number", "minimum": 0}, "output": {"type": "string"}}}},
    },
}


@pytest.fixture(scope="module")
def course_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("prairielearn") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BACKPROP_COURSE_SECRET", SECRET)
        done = backprop("prairielearn", out, "--image", "me/backprop-grader")
    assert done.returncode == 0, done.stderr
    return out


def test_a_question_an_exercise_externally_graded(course_files):
    uuids = set()
    for e in catalog.EXERCISES:
        folder = course_files / "questions" / "backprop" / e.id
        info = json.loads((folder / "info.json").read_text())
        options = info["externalGradingOptions"]
        assert info["gradingMethod"] == "External" and info["type"] == "v3"
        assert options["enabled"] is True and options["image"] == "me/backprop-grader"
        assert options["entrypoint"] == ["/usr/local/bin/backprop-grade", e.id]
        assert options["serverFilesCourse"] == ["backprop/"] and 0 < options["timeout"] <= 600
        uuids.add(info["uuid"])
        html = (folder / "question.html").read_text()
        assert f'file-name="{e.id}.py"' in html and 'source-file-name="tests/initial_code.py"' in html
        assert "<pl-external-grader-results>" in html
        assert (folder / "tests" / "initial_code.py").read_text() == (ROOT / "exercises" / f"{e.id}.py").read_text()
    assert len(uuids) == len(catalog.EXERCISES)


def test_the_questions_keep_their_uuids_when_written_again(course_files, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", SECRET)
    assert backprop("prairielearn", tmp_path / "again").returncode == 0
    for e in catalog.EXERCISES:
        first, again = (json.loads((out / "questions" / "backprop" / e.id / "info.json").read_text())
                        for out in (course_files, tmp_path / "again"))
        assert first["uuid"] == again["uuid"]
        assert again["externalGradingOptions"]["image"] == "backprop-exercises-grader"  # the default name


def test_the_grader_files_hold_the_package_the_secret_apart_and_no_solution(course_files):
    grader = course_files / "grader"
    assert "pip install" in (grader / "Dockerfile").read_text() and "COPY package" in (grader / "Dockerfile").read_text()
    assert os.access(grader / "backprop-grade", os.X_OK)
    assert not (grader / "package" / "solutions").exists()
    solution_code = solution_code_lines()
    for path in grader.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text and not ({l.strip() for l in text.splitlines()} & solution_code), path
    assert SECRET in (course_files / "serverFilesCourse" / "backprop" / "backprop-course.yaml").read_text()
    readme = (course_files / "README.md").read_text()
    assert "docker build" in readme and "serverFilesCourse/backprop/backprop-course.yaml" in readme


def test_prairielearn_refuses_without_a_secret_or_into_a_full_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKPROP_COURSE_SECRET", raising=False)
    monkeypatch.delenv("BACKPROP_COURSE_CONFIG", raising=False)
    done = backprop("prairielearn", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 2 and "BACKPROP_COURSE_SECRET" in done.stderr and "Traceback" not in done.stderr
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", SECRET)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("mine")
    done = backprop("prairielearn", tmp_path / "full")
    assert done.returncode == 2 and "not empty" in done.stderr
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["mine.txt"]


def grade_job(course_files, root, exercise, files: dict, *, secret=True):
    """Run the image's entry point on a stand-in /grade tree holding files as the learner's,
    as PrairieLearn does; (its process, results.json parsed)."""
    (root / "student").mkdir(parents=True)
    for name, text in files.items():
        (root / "student" / name).write_text(text)
    if secret:
        (root / "serverFilesCourse").mkdir()
        (root / "serverFilesCourse" / "backprop").symlink_to(course_files / "serverFilesCourse" / "backprop")
    env = {**os.environ, "BACKPROP_GRADE_ROOT": str(root), "BACKPROP_PYTHON": sys.executable}
    env.pop("BACKPROP_COURSE_SECRET", None)  # the job has only the secret its course mounts
    env.pop("BACKPROP_COURSE_CONFIG", None)
    done = subprocess.run([course_files / "grader" / "backprop-grade", exercise], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, RESULTS_SCHEMA)
    return done, results


def solution(exercise_id, extra=""):
    return (ROOT / "solutions" / f"{exercise_id}.py").read_text() + extra


FORGER = """
import json, os
os.makedirs({results!r}, exist_ok=True)
with open(os.path.join({results!r}, "results.json"), "w") as f:
    json.dump({{"gradable": True, "score": 1.0, "message": "forged"}}, f)
os._exit(0)
"""


@pytest.mark.parametrize("case", ["correct", "wrong", "broken", "hostile", "missing", "no secret"])
def test_the_entry_point_always_writes_results_with_the_right_score(course_files, tmp_path, case):
    ex03 = "ex03_weight_gradients"
    files = {
        "correct": {f"{ex03}.py": solution(ex03)},
        "wrong": {f"{ex03}.py": solution(ex03, "\n" + MISTAKE)},
        "broken": {f"{ex03}.py": solution(ex03, "\ndef weight_gradients(dZ, A_prev)\n    return 1\n")},
        "hostile": {f"{ex03}.py": solution(ex03, FORGER.format(results=str(tmp_path / "job" / "results")))},
        "missing": {"ex02_output_delta.py": solution("ex02_output_delta")},
        "no secret": {f"{ex03}.py": solution(ex03)},
    }[case]
    done, results = grade_job(course_files, tmp_path / "job", "ex03", files, secret=case != "no secret")
    assert done.returncode == 0, done.stderr
    if case == "correct":
        assert results["gradable"] and results["score"] == 1.0
        assert any(t["name"].endswith("(hidden)") for t in results["tests"])
        assert sum(t["max_points"] for t in results["tests"]) == pytest.approx(15)
    elif case == "wrong":
        failed = [t for t in results["tests"] if t["points"] < t["max_points"]]
        assert results["gradable"] and 0 < results["score"] < 1
        assert results["score"] == pytest.approx(sum(t["points"] for t in results["tests"]) / 15, abs=1e-5)
        assert failed and all("ex03/dW-transposed" in t["output"] for t in failed)
        hidden = [t for t in failed if t["name"].endswith("(hidden)")]
        assert hidden and all(t["output"].startswith("A hidden check: its inputs stay secret") for t in hidden)
    elif case == "broken":
        assert results["gradable"] and results["score"] == 0 and "SyntaxError" in results["message"]
    elif case == "hostile":  # its forged file is replaced by the grader's: the load stopped, nothing earned
        assert results["gradable"] and results["score"] == 0 and results["message"] != "forged"
        assert "could not be loaded" in results["message"]
    elif case == "missing":
        assert results["gradable"] is False and f"No {ex03}.py" in results["message"]
    else:  # a setup error, told as one: no traceback, nothing the learner should set
        assert results["gradable"] is False and "no course secret in serverFilesCourse/backprop/" in results["message"]
        assert "BACKPROP_COURSE_SECRET" not in results["message"] and "Traceback" not in done.stderr


ESCAPES = '"\\x1b]8;;https://example.com/regrade\\x07Ask for a regrade\\x1b]8;;\\x07 \\x1b[8mhidden\\x1b[0m \\u202e"'


@pytest.mark.parametrize("where", ["at import", "in a function"])
def test_a_learners_escapes_reach_prairielearn_as_question_marks(course_files, tmp_path, where):
    """PrairieLearn's results panel turns escape sequences into HTML (its ansi2html): an exception's
    link (OSC 8) became a link, `\\x1b[8m` hidden text, on the page the course staff read too."""
    ex03 = "ex03_weight_gradients"
    raising = (f"\nraise ValueError({ESCAPES})\n" if where == "at import"
               else f"\ndef weight_gradients(dZ, A_prev):\n    raise ValueError({ESCAPES})\n")
    done, results = grade_job(course_files, tmp_path / "job", "ex03", {f"{ex03}.py": solution(ex03, raising)})
    assert done.returncode == 0, done.stderr
    said = [results["message"], *(t["output"] for t in results["tests"])]
    assert any("?]8;;https://example.com/regrade?Ask for a regrade" in text for text in said)
    assert not any(character in text for text in said for character in "\x1b\x07\u202e")


def test_the_summary_line_says_points_as_the_other_reports_do():
    """PrairieLearn's message said "2.64706 of 15 points" where the other reports say 2.65."""
    from autograder import plgrade, report

    result = report.ExerciseResult("ex03_weight_gradients", 2.647059, 15.0, "failed")
    assert plgrade.results_of(result)["message"] == "ex03_weight_gradients: failed, 2.65 of 15 points."
