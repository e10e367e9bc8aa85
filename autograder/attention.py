"""Which submissions need an instructor's look, read from their reports alone.

The grader records what it saw go wrong (a call that timed out, a worker that stopped, a link
refused) in a result's "flag" (autograder.execution.protocol.CallError.flag, autograder.grading);
this module gathers those flags into a few kinds an instructor acts on. Never a message's words:
a learner's exception says what it likes.
A check that failed for its values alone needs no look: the score already says so.
Reports are the dicts of grading-contract.md (autograder.report.read_json, submission_dict).
"""
from collections import Counter
from dataclasses import dataclass

# (kind, what it means for the instructor), in the order the page lists them.
KINDS = (
    ("grader failed", "the grader, not the learner, failed: grade it again (--resume)"),
    ("link refused", "a file is a link, perhaps to a classmate's work: it was not read"),
    ("refused by the sandbox", "the code tried something the sandbox forbids (files, processes, signals)"),
    ("timed out", "a call or the whole submission ran out of time"),
    ("printed or wrote too much", "it printed more than a submission may, or filled its folder: the rest was cut off"),
    ("stopped", "the process running the code ended or ran out of memory, or it returned too much"),
    ("could not be loaded", "a file could not be read or run at all"),
)
WEAK = ("weak isolation", "graded where the kernel could not confine learner code (docs/security.md)")
UNREAD = ("files not read", "an archive, a folder inside, a notebook named otherwise: unpack, move or rename, regrade")
EXPLANATIONS = dict(list(KINDS) + [WEAK, UNREAD])


@dataclass(frozen=True)
class Flag:
    submission: str
    exercise: str  # "" for the whole submission
    kind: str
    message: str  # the first line that gave the kind


def flags(report: dict) -> list:
    """The Flags of one submission's report: at most one per exercise and kind."""
    found, name = [], report["submission"]
    if report.get("isolation", "").startswith("weak"):
        found.append(Flag(name, "", WEAK[0], report["isolation"]))
    unread = [e["message"] for e in report["exercises"] if not_read(e)]
    found += [Flag(name, "", UNREAD[0], unread[0])] if unread else []  # each missing exercise says so
    for e in report["exercises"]:
        flagged = e["status"] == "error" or e["status"] != "missing" and e.get("flag")  # passed, code refused
        said = [(e.get("flag", ""), e.get("message", ""))] if flagged else []
        said += [(c.get("flag", ""), c["message"]) for c in e["checks"] if not c["passed"]]
        seen = set()
        for kind, message in said:
            if kind and kind not in seen:
                seen.add(kind)
                found.append(Flag(name, e["id"], kind, _line(message)))
        if e["status"] == "error" and not seen:
            found.append(Flag(name, e["id"], "could not be loaded", _line(e.get("message", ""))))
    return found


def not_read(exercise: dict) -> bool:
    """Whether an exercise of a report is missing while its folder holds files not read (a zip)."""
    return exercise["status"] == "missing" and exercise.get("flag") == UNREAD[0]


def kinds(flag_lists) -> Counter:
    """How many submissions, of their lists of Flags, have a flag of each kind."""
    return Counter(kind for found in flag_lists for kind in dict.fromkeys(f.kind for f in found))


def _line(message: str) -> str:
    """The message's first line but a check's "On <its case>:" heading."""
    lines = [line.strip() for line in message.splitlines() if line.strip()] or [""]
    return next((line for line in lines if not line.endswith(":")), lines[0])
