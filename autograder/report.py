"""Results as small frozen objects, and the JSON form of grading-contract.md."""
import glob
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import catalog
from .execution.launch import ended


@dataclass(frozen=True)
class CheckResult:
    name: str
    function: str
    passed: bool
    hidden: bool
    score: float
    max_score: float
    message: str
    misconception: str | None = None
    flag: str = ""  # what the grader saw go wrong (an autograder.attention kind), never read from the message


@dataclass(frozen=True)
class ExerciseResult:
    id: str
    score: float
    max_score: float
    status: str  # passed, failed, missing, error
    checks: tuple = ()
    message: str = ""  # why an exercise is missing or in error, and notes such as ".py used"
    flag: str = ""  # as CheckResult's


@dataclass(frozen=True)
class SubmissionResult:
    submission: str
    exercises: tuple = ()
    isolation: str = ""  # what confined the learner's code (autograder.execution.kernel), as the worker said
    incomplete: bool = field(default=False, compare=False, repr=False)  # the grader, not the learner, failed it
    # the tail of what the learner's code printed while graded: for their own report, never in a file
    printed: str = field(default="", compare=False, repr=False)

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 6)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 6)

    @property
    def passed(self) -> bool:
        return all(e.status == "passed" for e in self.exercises)


def known_mistake(mistake: str) -> str:
    """How a check's message introduces the explanation of the known mistake it found."""
    return f"\nThis is a known mistake, {mistake}:\n"


HIDDEN_MESSAGE = "A hidden check: its inputs stay secret, and so does its message; your instructor sees it."


def hidden_masked(e: ExerciseResult) -> ExerciseResult:
    """The result as a learner may see it: a failed hidden check's message (which tells its
    inputs and expected values, the same for the whole class) replaced by HIDDEN_MESSAGE,
    but for the known mistake it found and its explanation, which are the same on any inputs.
    Those come last, after any text of the learner's (an exception's message may hold their
    heading, and the inputs after it): the heading is looked for from the end."""
    def masked(c):
        if re.match(rf"({re.escape(e.id)}\.(py|ipynb)|your notebook) defines no (function|value) {c.function}\b",
                    c.message):  # judge's words on any inputs, no learner's: a missing function is no secret
            return c
        own = "|".join({x.function for x in e.checks})  # a stub, or one it calls, not written yet: no secret either
        if re.fullmatch(rf"{c.function}( calls ({own}), which)? is not implemented yet \(it raises "
                        r"NotImplementedError\)\.", c.message):  # the judge's words whole: no name of the learner's
            return c
        known = c.message.rfind(known_mistake(c.misconception)) if c.misconception else -1
        return replace(c, message=HIDDEN_MESSAGE + (c.message[known:] if known >= 0 else ""))

    return replace(e, checks=tuple(masked(c) if c.hidden and not c.passed else c for c in e.checks))


def scaled(e: ExerciseResult, points: float) -> ExerciseResult:
    """The exercise's result out of `points` (an nbgrader test cell's share of it)."""
    factor = points / e.max_score if e.max_score else 0.0
    checks = tuple(replace(c, score=round(c.score * factor, 6), max_score=round(c.max_score * factor, 6))
                   for c in e.checks)
    return replace(e, score=round(e.score * factor, 6), max_score=points, checks=checks)


def unscored(exercise, status: str, message: str, flag: str = "") -> ExerciseResult:
    """The result of an exercise (catalog.Exercise) that was not scored: missing, or in error."""
    return ExerciseResult(exercise.id, 0.0, exercise.points, status, (), message, flag)


def exercise_dict(e: ExerciseResult) -> dict:
    # "checks": every field, in order (from_dict reads them back), a flag only where there is one
    out = {"id": e.id, "part": catalog.part_of(e.id), "score": e.score, "max_score": e.max_score,
           "status": e.status, "checks": [{k: v for k, v in vars(c).items() if v or k != "flag"} for c in e.checks]}
    return out | {k: v for k, v in (("message", e.message), ("flag", e.flag)) if v}


def submission_dict(s: SubmissionResult) -> dict:
    out = {"submission": s.submission, "score": s.score, "max_score": s.max_score,
           "exercises": [exercise_dict(e) for e in s.exercises]}
    return out | {"isolation": s.isolation} if s.isolation else out


def from_dict(data: dict) -> SubmissionResult:
    """A submission's report read back (grade --resume), or ReportError saying what in it is wrong;
    fields it does not know are passed over."""
    problem = _problem(data)
    if problem:
        raise ReportError(f"not a report as `backprop grade --json` writes it: {problem}")
    fields = CheckResult.__dataclass_fields__
    exercises = tuple(
        ExerciseResult(e["id"], e["score"], e["max_score"], e["status"],
                       tuple(CheckResult(**{k: v for k, v in c.items() if k in fields}) for c in e["checks"]),
                       e.get("message", ""), e.get("flag", ""))
        for e in data["exercises"])
    return SubmissionResult(data["submission"], exercises, isolation=data.get("isolation", ""))


MAX_POINTS = 1e9  # a score or max_score a report may hold: far more than any course gives, and sums stay finite


class ReportError(ValueError):
    """A file that is not a report of grading-contract.md."""


def read_json(path) -> list:
    """The submissions' report dicts of a saved --json report (one submission, or
    {"submissions": [...]}), their fields checked against grading-contract.md: ReportError
    says what is wrong. Dicts, not SubmissionResults: a class's report holds 100,000s of
    checks, and the class report reads them in a second this way."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path} does not exist.") from None
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, not JSON, an int of over 4,300 digits
        raise ReportError(f"{path} is not a JSON report: {exc}") from None
    except RecursionError:
        raise ReportError(f"{path} is not a JSON report: it is nested too deeply") from None
    items = data.get("submissions") if isinstance(data, dict) and "submissions" in data else [data]
    if not isinstance(items, list):
        raise ReportError(f"{path}: \"submissions\" must be a list of submission reports.")
    for n, item in enumerate(items):
        problem = _problem(item)
        if problem:
            raise ReportError(f"{path}: submission {n + 1} is not a report as `backprop grade --json` writes it: "
                              f"{problem}.")
    return items


def _problem(s) -> str:
    """What in a submission's report dict does not have the contract's type, or ""."""
    def number(x):  # not NaN nor infinity, which are not JSON; not an int too large for a float (the page's %f)
        return isinstance(x, (int, float)) and not isinstance(x, bool) and abs(x) <= MAX_POINTS

    if not isinstance(s, dict) or not isinstance(s.get("submission"), str):
        return "it has no submission name"
    if not (number(s.get("score")) and number(s.get("max_score"))) or not isinstance(s.get("isolation", ""), str):
        return "its score, max_score or isolation has the wrong type"
    if not isinstance(s.get("exercises"), list):
        return "it has no list of exercises"
    for e in s["exercises"]:
        if not (isinstance(e, dict) and isinstance(e.get("id"), str) and number(e.get("score"))
                and number(e.get("max_score")) and e.get("status") in ("passed", "failed", "missing", "error")
                and isinstance(e.get("message", ""), str) and isinstance(e.get("checks"), list)):
            return f"exercise {e.get('id') if isinstance(e, dict) else e!r} has a field of the wrong type"
        for c in e["checks"]:
            if not (isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("function"), str)
                    and isinstance(c.get("passed"), bool) and isinstance(c.get("hidden"), bool)
                    and number(c.get("score")) and number(c.get("max_score")) and isinstance(c.get("message"), str)
                    and (c.get("misconception") is None or isinstance(c.get("misconception"), str))):
                return f"a check of {e['id']} has a field of the wrong type"
    return ""


def write_whole(path, text: str) -> None:
    """Write `text` to `path` all at once: a temp file beside it, then a rename. The temp files
    of its writers that no longer run (killed while they wrote) are removed first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for left in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        if ended(left.name[len(path.name) + 2:-len(".tmp")]):
            left.unlink(missing_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # this process's own
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json(path, data: dict) -> None:
    """Write a report as JSON: indented, or for several submissions ({"submissions": [...]})
    one submission a line. Indenting takes json's Python encoder, which needs seconds for a class's report."""
    if list(data) != ["submissions"]:
        write_whole(path, json.dumps(data, indent=2) + "\n")
    else:
        lines = ",\n".join("  " + json.dumps(item) for item in data["submissions"])
        write_whole(path, '{"submissions": [\n' + lines + "\n]}\n")
