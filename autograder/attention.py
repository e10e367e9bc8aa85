"""Which submissions need an instructor's look, read from their reports alone.

A report says what happened in words (autograder.judge, autograder.grading); this module
sorts the messages of exercises and failing checks into a few kinds an instructor acts on.
A check that failed for its values alone needs no look: the score already says so.
Reports are the dicts of grading-contract.md (autograder.report.read_json, submission_dict).
"""
import re
from collections import Counter
from dataclasses import dataclass

# (kind, what it means for the instructor, pattern of the message), the most specific first.
KINDS = (
    ("grader failed", "the grader, not the learner, failed: grade it again (--resume)",
     re.compile(r"^(?:\S+ )?could not be graded")),  # as the grader begins it: a learner's message may say it too
    ("link refused", "a file is a link, perhaps to a classmate's work: it was not read",
     re.compile(r"is a symbolic link|is a link")),
    ("refused by the sandbox", "the code tried something the sandbox forbids (files, processes, signals)",
     re.compile(r"PermissionError|the grader refused|Operation not permitted")),
    ("timed out", "a call or the whole submission ran out of time",
     re.compile(r"did not return in time|time ran out|Timeout")),
    ("printed or wrote too much", "it printed more than a submission may, or filled its folder: the rest was cut off",
     re.compile(r"OutputLimit|DiskLimit")),
    ("stopped", "the process running the code ended, or it returned too much",
     re.compile(r"process running your code stopped|a reply longer than|SystemExit")),
    ("could not be loaded", "a file could not be read or run at all",
     re.compile(r"could not be loaded|not a notebook|not text|larger than|not a regular file|is a FIFO")),
)
WEAK = ("weak isolation", "graded where the kernel could not confine learner code (docs/security.md)")
UNREAD = ("files not read", "an archive, a folder inside, a notebook named otherwise: unpack, move or rename, regrade")
NOT_READ = re.compile(r"not opened: unpack|only a folder's own are read|only files named as the exercises are"
                      r"|not read: it is named after")
EXPLANATIONS = dict([(kind, meaning) for kind, meaning, _ in KINDS] + [WEAK, UNREAD])


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
    unread = [e["message"] for e in report["exercises"] if e["status"] == "missing" and NOT_READ.search(e["message"])]
    found += [Flag(name, "", UNREAD[0], unread[0])] if unread else []  # each missing exercise says so
    for e in report["exercises"]:
        messages = [e.get("message", "")] if e["status"] == "error" else []
        messages += dict.fromkeys(c["message"] for c in e["checks"] if not c["passed"])
        seen = set()
        for message in messages:  # the first kind whose pattern the message matches
            kind, pattern = next(((k, p) for k, _, p in KINDS if p.search(message)), (None, None))
            if kind and kind not in seen:
                seen.add(kind)
                found.append(Flag(name, e["id"], kind, _line(message, pattern)))
        if e["status"] == "error" and not seen:
            found.append(Flag(name, e["id"], "could not be loaded", _line(e.get("message", ""), None)))
    return found


def kinds(flag_lists) -> Counter:
    """How many submissions, of their lists of Flags, have a flag of each kind."""
    return Counter(kind for found in flag_lists for kind in dict.fromkeys(f.kind for f in found))


def _line(message: str, pattern) -> str:
    """The message's line that pattern (a kind's) matches, else its first line."""
    lines = [line.strip() for line in message.splitlines() if line.strip()] or [""]
    return next((line for line in lines if pattern and pattern.search(line)), lines[0])
