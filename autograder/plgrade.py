"""One PrairieLearn grading job: a learner's file for one exercise, into results.json.

PrairieLearn's external grader runs the image's entry point (autograder.prairielearn
writes it) in a container of its own for each submission, with the learner's files in
/grade/student and the course's files in /grade/serverFilesCourse; whatever happens, the
job must leave /grade/results/results.json, in PrairieLearn's results format: `gradable`,
`score` from 0 to 1, `message`, and `tests` with `name`, `points`, `max_points`, `output`.

    python -m autograder.plgrade EXERCISE [--root /grade] [--weak-isolation]

The root may also come from BACKPROP_GRADE_ROOT (tests use a stand-in tree), and weak
isolation from BACKPROP_WEAK_ISOLATION=1 (info.json's `environment`).
"""
import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from . import catalog, course, report
from .render import inert, points  # inert: learners' exceptions: PrairieLearn makes escapes links and hidden text

SECRET_FOLDER = Path("serverFilesCourse") / "backprop"  # where the course's info.json mounts the secret
LIMITS = {"call_timeout": 10.0, "submission_timeout": 60.0}  # within info.json's timeout (prairielearn.TIMEOUT)
OUTPUT_CHARACTERS = 4000  # a test's output at most; PrairieLearn takes a results.json of 1 MB at most


def not_gradable(message: str) -> dict:
    """A job whose submission cannot be graded: PrairieLearn neither scores it nor counts it
    as an attempt."""
    return {"gradable": False, "score": 0.0, "message": message, "format_errors": [message], "tests": []}


def results_of(e) -> dict:
    """PrairieLearn's results of one exercise's result (autograder.report.ExerciseResult)."""
    if e.status == "missing":
        return not_gradable(f"No {e.id}.py or {e.id}.ipynb was submitted.")
    tests = [{"name": c.name + (" (hidden)" if c.hidden else ""), "points": c.score,
              "max_points": c.max_score, "output": inert(c.message)[:OUTPUT_CHARACTERS]
              + (f"\n[{c.misconception}]" if c.misconception else "")}
             for c in report.hidden_masked(e).checks]
    score = e.score / e.max_score if e.max_score else 0.0
    message = (f"{e.id}: {e.status}, {points(e.score)} of {points(e.max_score)} points."
               + (f"\n{inert(e.message)[:OUTPUT_CHARACTERS]}" if e.message else ""))
    return {"gradable": True, "score": round(min(max(score, 0.0), 1.0), 6), "message": message, "tests": tests}


def grade_job(root: Path, exercise_id: str, *, weak: bool = False) -> dict:
    """The results of grading root/student's file for the exercise with the hidden checks."""
    from . import grading, plan
    from .execution import kernel
    from .spec import require_hidden
    exercise = catalog.find(exercise_id)
    require_hidden([exercise.id])
    try:
        secret = course.secret(start=root / SECRET_FOLDER)
    except course.NoSecret as exc:  # the question's info.json mounts no secret: a setup error, not a crash
        print(exc, file=sys.stderr)  # the job's output, for the course staff
        return not_gradable(f"This question's grader found no course secret in {SECRET_FOLDER}/, so nothing "
                            "was graded; your code is not at fault, and your instructor can see this message.")
    lacking = kernel.missing()
    if lacking and not weak:
        return not_gradable("This grader image cannot confine learner code here (it lacks " + "; ".join(lacking)
                            + "); your instructor has been told. Nothing was graded.")
    made = plan.make("all", secret, (exercise,))
    result = grading.grade(root / "student", made, limits={**LIMITS, "require_kernel": not weak}, label="student")
    if result.incomplete:
        return not_gradable("The grader, not your code, failed while grading it: please submit it again.")
    return results_of(result.exercises[0])


def run(root, exercise_id: str, *, weak: bool = False) -> dict:
    """Grade the job and write root/results/results.json, whatever happens; the results."""
    root = Path(root)
    try:
        results = grade_job(root, exercise_id, weak=weak)
    except Exception as exc:  # noqa: BLE001 -- the job's results are written whatever fails
        traceback.print_exc()  # PrairieLearn keeps the job's output for the course staff
        results = not_gradable(f"The grader failed ({type(exc).__name__}: {exc}); nothing was graded.")
    report.write_whole(root / "results" / "results.json", json.dumps(results, indent=1) + "\n")
    return results


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m autograder.plgrade", description=__doc__.splitlines()[0])
    p.add_argument("exercise", metavar="EXERCISE", help="the exercise this question grades, such as ex03")
    p.add_argument("--root", default=os.environ.get("BACKPROP_GRADE_ROOT", "/grade"),
                   help="the job's folder (default: $BACKPROP_GRADE_ROOT, else /grade)")
    p.add_argument("--weak-isolation", action="store_true", default=os.environ.get("BACKPROP_WEAK_ISOLATION") == "1",
                   help="grade even where the kernel cannot confine learner code (the container alone does)")
    args = p.parse_args(argv)
    print(run(args.root, args.exercise, weak=args.weak_isolation)["message"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
