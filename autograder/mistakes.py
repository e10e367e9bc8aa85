"""Catalogued mistakes: what a submission making one returns, and recognising it.

A mistake is recognised when the submission's output matches the mistake's output on the
same inputs (every value the check found wrong), or when both raise the same error — a
shape error such as `W2 @ dZ2` on generic shapes has a message that names the sizes.
"""
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from . import judge


@dataclass(frozen=True)
class Mistake:
    id: str
    output: Optional[Callable] = None  # inputs -> what the mistaken code returns (or raises)
    recognise: Optional[Callable] = None  # (inputs, reply) -> bool, when no one output pins it


@dataclass(frozen=True)
class Convention:
    """Another naming of a function's outputs that learners meet (an older notebook's).

    read(value, expected) gives (the value under this exercise's names, the names it moved,
    an explanation), or None when value does not use the convention. A check that judges a
    moved name fails as the mistake `id`; every other check judges the renamed value, so
    the convention costs those checks alone.
    """
    id: str
    read: Callable


def _raised(fn, inputs):
    try:
        with np.errstate(all="ignore"):
            return fn(**inputs), None
    except Exception as exc:  # the mistaken code's own error, to compare with the learner's
        return None, exc


def find(mistakes, inputs, reply, failed_paths, select, *, rtol, atol) -> Optional[str]:
    """The id of the first mistake the reply matches, or None.

    `select(value)` picks from a whole output the (path, value) pairs the check judged;
    only those listed in `failed_paths` must match (the rest passed already).
    """
    failed_paths = set(failed_paths) - {"(inputs)"}  # mutation is for `recognise` to judge
    for mistake in mistakes:
        if mistake.recognise is not None:
            if mistake.recognise(inputs, reply):
                return mistake.id
            continue
        value, error = _raised(mistake.output, inputs)
        if error is not None:
            if not reply.ok and reply.error.type == type(error).__name__ and reply.error.message == str(error):
                return mistake.id
            continue
        if reply.ok and failed_paths and _matches(reply.value, value, failed_paths, select, rtol, atol):
            return mistake.id
    return None


def _matches(received, mistaken, failed_paths, select, rtol, atol):
    if "" in failed_paths:  # the whole output was of the wrong kind: compare it whole
        return not judge.compare("", received, mistaken, stages=("type", "shape", "values"), rtol=rtol, atol=atol)
    want, got = dict(select(mistaken)), dict(select(received))
    for path in failed_paths:
        if path not in want or path not in got:
            return False
        if judge.compare(path, got[path], want[path], stages=("type", "shape", "values"), rtol=rtol, atol=atol):
            return False
    return True
