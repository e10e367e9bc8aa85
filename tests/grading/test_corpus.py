"""The learners' corpus (tests/corpus/): submissions in the styles real learners use.

Each case is a submission folder with its `verdict.yaml`: for each exercise it holds, whether
the exercise is correct, wrong (and which catalogued mistakes the grader must name), or
(ex05) right but for the older notebooks' dA keys. Two tests hold the verdicts:

* `test_reference_agrees_with_each_verdict` runs every exercise through
  tests/corpus/reference.py, an implementation of curriculum.md that shares nothing with
  the grader, so that a verdict is not whatever the grader happens to say;
* `test_grader_gives_the_verdicts` grades all the cases in one batch through the real
  command line, with the hidden checks, and compares each exercise's report with its verdict.
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
SECRET = "learners-corpus-secret-8c1e"
VERDICTS = ("correct", "wrong", "older-dA-keys")
OLDER_KEYS_MISTAKE = "ex05/grads-keys-off-by-one"
SHOWN = 6  # failing checks shown in a message, per exercise


def _reference():
    spec = importlib.util.spec_from_file_location("corpus_reference", CORPUS / "reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reference = _reference()
CASES = {path.name: yaml.safe_load((path / "verdict.yaml").read_text(encoding="utf-8"))
         for path in sorted(CORPUS.iterdir()) if (path / "verdict.yaml").is_file()}
PAIRS = [(case, exercise) for case, verdict in CASES.items() for exercise in verdict["exercises"]]
EXERCISES = {e["id"]: e for e in yaml.safe_load((ROOT / "autograder" / "specs" / "exercises.yaml").read_text())}


def _spec(exercise):
    return yaml.safe_load((ROOT / "autograder" / "specs" / f"{exercise}.yaml").read_text(encoding="utf-8"))


# The checks a submission with the older dA keys loses: L_model_backward's checks that judge dA alone.
DA_CHECKS = {c["name"] for c in _spec("ex05_l_layer")["checks"] if c["function"] == "L_model_backward"
             and c.get("outputs") and all(o.startswith("dA") for o in c["outputs"])}


def submission_file(case, exercise):
    found = [CORPUS / case / f"{exercise}{suffix}" for suffix in (".py", ".ipynb")
             if (CORPUS / case / f"{exercise}{suffix}").is_file()]
    assert len(found) == 1, f"{case}: {exercise} must have one file, .py or .ipynb; found {found}"
    return found[0]


# ------------------------------------------------------------------------------ the corpus itself

@pytest.mark.parametrize("case", CASES)
def test_each_case_is_a_submission_with_a_verdict_for_each_file(case):
    verdict = CASES[case]
    assert set(verdict) == {"about", "exercises"} and verdict["about"].strip(), f"{case}: verdict.yaml's keys"
    files = {p.name for p in (CORPUS / case).iterdir()} - {"verdict.yaml"}
    named = {submission_file(case, exercise).name for exercise in verdict["exercises"]}
    assert files == named, f"{case}: files without a verdict, or verdicts without a file: {files ^ named}"
    for exercise, entry in verdict["exercises"].items():
        assert exercise in EXERCISES, f"{case}: {exercise} is not an exercise"
        assert entry["verdict"] in VERDICTS, f"{case}/{exercise}: verdict {entry['verdict']!r}"
        assert entry["verdict"] != "older-dA-keys" or exercise == "ex05_l_layer"
        assert entry["verdict"] == "wrong" or entry["mistakes"] == [], f"{case}/{exercise}: mistakes of a right answer"
        unknown = set(entry["mistakes"]) - set(_spec(exercise)["mistakes"])
        assert not unknown, f"{case}/{exercise}: {unknown} not in the catalogue"


def test_the_older_keys_cost_the_dA_check():
    assert DA_CHECKS, "autograder/specs/ex05_l_layer.yaml has no L_model_backward check of dA alone"


# ------------------------------------------------------------------------------ the reference

@pytest.mark.parametrize("case, exercise", PAIRS, ids=[f"{c}/{e[:4]}" for c, e in PAIRS])
def test_reference_agrees_with_each_verdict(case, exercise):
    entry = CASES[case]["exercises"][exercise]
    module = reference.load(submission_file(case, exercise))
    decision = reference.decide(exercise, module)
    skipped = "".join(f"\n  skipped in cell {cell}, line {line}: {exc!r}" for cell, line, exc in
                      getattr(module, "skipped", ()))
    assert decision.verdict == entry["verdict"], (
        f"{case}/{exercise}: verdict.yaml says {entry['verdict']}, the reference {decision.verdict}: "
        f"{decision.reason}{skipped}")
    shown = [m for m in reference.known_mistakes(exercise) if reference.shows_mistake(m, module)]
    for mistake in entry["mistakes"]:
        if mistake in reference.MISTAKES:
            assert mistake in shown, f"{case}/{exercise} does not return what {mistake} returns"
    if not entry["mistakes"]:
        assert not shown, f"{case}/{exercise} returns what {shown} return, yet verdict.yaml names no mistake"


# ------------------------------------------------------------------------------ the grader

@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """{case: {exercise id: its report}}: the whole corpus graded by `backprop grade --hidden`."""
    work = tmp_path_factory.mktemp("corpus")
    for case in CASES:
        shutil.copytree(CORPUS / case, work / "class" / case, ignore=shutil.ignore_patterns("verdict.yaml"))
    command = [sys.executable, "-m", "autograder", "grade", str(work / "class"), "--hidden", "--jobs", "2",
               "--json", str(work / "out.json")]
    env = {**os.environ, "BACKPROP_COURSE_SECRET": SECRET}
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"backprop grade failed:\n{done.stdout}\n{done.stderr}"
    submissions = json.loads((work / "out.json").read_text(encoding="utf-8"))["submissions"]
    return {s["submission"]: {e["id"]: e for e in s["exercises"]} for s in submissions}


def _described(report) -> str:
    lines = [f"status {report['status']}, {report['score']:g} of {report['max_score']:g}"]
    if report.get("message"):
        lines.append(f"message: {report['message']}")
    failing = [c for c in report["checks"] if not c["passed"]]
    for check in failing[:SHOWN]:
        named = f" [{check['misconception']}]" if check["misconception"] else ""
        lines.append(f"failed: {check['function']}: {check['name']}{named}: {check['message']}")
    if len(failing) > SHOWN:
        lines.append(f"... and {len(failing) - SHOWN} more failing checks")
    return "\n    ".join(lines)


def problems_of(exercise, entry, report) -> list:
    """How the report of one exercise differs from its verdict (an empty list: it agrees)."""
    failing = [c for c in report["checks"] if not c["passed"]]
    if entry["verdict"] == "correct":
        full = report["score"] == pytest.approx(report["max_score"], abs=1e-4)
        if report["status"] != "passed" or not full or report["max_score"] != EXERCISES[exercise]["points"]:
            return ["correct, so full marks"]
        return []
    if entry["verdict"] == "older-dA-keys":
        problems = []
        if {c["name"] for c in failing} != DA_CHECKS:
            problems.append(f"right but for the older dA keys, so only the dA check(s) {sorted(DA_CHECKS)} fail")
        if any(c["misconception"] != OLDER_KEYS_MISTAKE for c in failing):
            problems.append(f"each failing check names {OLDER_KEYS_MISTAKE}")
        return problems
    problems = []
    if report["status"] != "failed" or report["score"] >= report["max_score"]:
        problems.append("wrong, so status failed and less than full marks")
    named = {c["misconception"] for c in failing} - {None}
    missing = [m for m in entry["mistakes"] if m not in named]
    if missing:
        problems.append(f"wrong, and a failing check names {missing}")
    if not entry["mistakes"] and any(c["misconception"] for c in report["checks"]):
        problems.append("wrong in a way the catalogue does not name, so no check names a mistake")
    return problems


@pytest.mark.parametrize("case", CASES)
def test_grader_gives_the_verdicts(reports, case):
    assert case in reports, f"{case} is not in the batch's report"
    found = []
    for exercise, entry in CASES[case]["exercises"].items():
        report = reports[case][exercise]
        for problem in problems_of(exercise, entry, report):
            found.append(f"{case}/{exercise} ({submission_file(case, exercise).name}) must be {problem}; "
                         f"the grader gave\n    {_described(report)}")
    assert not found, "\n".join(found)
