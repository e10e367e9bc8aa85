"""Catalogued mistakes: what a submission making one returns, and recognising it.

A mistake is recognised when the submission's output matches the mistake's output on the
same inputs (every value the check found wrong, or the whole reply), or when both raise the
same error — a shape error such as `W2 @ dZ2` on generic shapes has a message that names the
sizes. The rules modules (autograder/rules/) write their mistakes with the toolkit below.
"""
import contextlib
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .compare import same


class NotApplicable(Exception):
    """Raised by a mistake's output or recognise on inputs where the mistake cannot be told
    apart from other slips: there it matches nothing."""


@dataclass(frozen=True)
class Mistake:
    """A catalogued mistake of one function, its most specific form first in MISTAKES.

    whole: the reply is compared whole with output's, within the check's tolerance, and not
    only in the parts the check found wrong: a check judges a dict key by key and a list of
    caches entry by entry, under names (grads['dW1'], caches[0][1]) that the parts of an
    output, named by the function's returns, cannot be matched on.
    raised_in: output's error matches only one raised inside this function of the learner's
    (the innermost of theirs in the traceback): in ex04's backward_propagation `dA1 @ g'`
    raises the message of `dZ2 @ A1`, and only where it was raised tells which it is.
    """
    id: str
    output: Optional[Callable] = None  # inputs -> what the mistaken code returns (or raises)
    recognise: Optional[Callable] = None  # (inputs, reply) -> bool, when no one output pins it
    whole: bool = False
    raised_in: str = ""
    also: tuple = ()  # the ids of other mistakes its output makes too, explained after this one's
    unless: Optional[Callable] = None  # (inputs, reply) -> bool: another cause of the same output shows


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


# ------------------------------------------------------------------------------ toolkit

def applies_if(condition, output):
    """output, on inputs where condition(inputs) holds; elsewhere the mistake is not applicable."""
    def applicable(**inputs):
        if not condition(inputs):
            raise NotApplicable
        return output(**inputs)
    return applicable


def unlike_right_transposed(output, right):
    """output, except on inputs where it equals right's output transposed (a square case, a
    symmetric mask): there right values returned transposed would be named as the mistake."""
    def mistaken(**inputs):
        value, correct = output(**inputs), right(**inputs)
        transposed = np.ndim(value) == 2 and np.shape(value) == np.shape(correct)[::-1]
        if transposed and np.allclose(value, np.transpose(correct)):
            raise NotApplicable
        return value
    return mistaken


def error_counts_if(output, condition=lambda inputs: True, prefix=""):
    """output, whose values always count and whose error counts only when its message starts
    with prefix and condition(inputs) holds (elsewhere the error is not applicable).

    A matmul message names two sizes only, and other mistakes can raise the same one: a dZ1
    of the wrong shape makes a later product raise, and with a square W2 (n_y = n_h)
    `dZ2 @ W2` fails as the matrix product in place of the elementwise one does.
    """
    def mistaken(**inputs):
        try:  # the mistaken code on these inputs, keeping its own error only
            return output(**inputs)
        except Exception as exc:
            if str(exc).startswith(prefix) and condition(inputs):
                raise
            raise NotApplicable from None
    return mistaken


# --------------------------------------------------------------------------- recognising

def find(mistakes, inputs, reply, failed_paths, select, *, rtol, atol) -> Optional[tuple]:
    """The ids of the first mistake the reply matches (its own, then its `also`), or None.

    `select(value)` picks from a whole output the (path, value) pairs the check judged;
    only those listed in `failed_paths` must match (the rest passed already).
    """
    failed_paths = set(failed_paths) - {"(inputs)"}  # mutation is for `recognise` to judge
    for mistake in mistakes:
        with contextlib.suppress(NotApplicable):
            # unless asked of a match only: it can cost as much as the mistake's own output
            if _recognised(mistake, inputs, reply, failed_paths, select, rtol, atol) and not (
                    mistake.unless and mistake.unless(inputs, reply)):
                return (mistake.id, *mistake.also)
    return None


def _recognised(mistake, inputs, reply, failed_paths, select, rtol, atol) -> bool:
    if mistake.recognise is not None:
        return mistake.recognise(inputs, reply)
    try:
        with np.errstate(all="ignore"):
            value = mistake.output(**inputs)
    except NotApplicable:
        raise
    except Exception as error:  # the mistaken code's own error, to compare with the learner's
        return (not reply.ok and reply.error.type == type(error).__name__ and reply.error.message == str(error)
                and mistake.raised_in in ("", reply.error.function))
    if not reply.ok or not (mistake.whole or failed_paths):
        return False
    if mistake.whole or "" in failed_paths:  # "": the whole output was of the wrong kind
        return same(reply.value, value, rtol=rtol, atol=atol)
    want, got = dict(select(value)), dict(select(reply.value))
    return all(path in want and path in got and same(got[path], want[path], rtol=rtol, atol=atol)
               for path in failed_paths)
