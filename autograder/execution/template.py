"""What a reply's result should look like, so that a result that looks so is read at once.

The grading process knows each call's expected output before the call is made. Packed
(wire.pack), that output is a skeleton (its structure: tuples, lists, dicts, each array's
dtype, shape and byte offset) and a blob of float64 numbers. A reply whose result has the
same skeleton and a blob of the same length has the expected structure exactly: the same
types, every array a float64 array of the expected shape at the same place. It needs no
more checking; its arrays are one float64 vector, compared with the expected one in one go
(judge.within), and its value is built from the template's own, trusted, skeleton, only if
something asks for it.

Only expected outputs whose leaves are float64 arrays, strings and None get a template: a
number in a skeleton would be compared exactly, and True == 1 in Python.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from autograder.execution import wire

_F8 = "<f8" if np.little_endian else ">f8"


class Template:
    """The packed form of an expected output; see the module's docstring."""

    def __init__(self, skeleton: Any, blob: bytes):
        self.skeleton = skeleton
        self.nbytes = len(blob)
        self.flat = np.frombuffer(blob, dtype=np.float64)  # the expected numbers, in order

    @classmethod
    def of(cls, expected: Any) -> Template | None:
        """The template of expected, or None when it has none (see the module's docstring)."""
        skeleton, blob = wire.pack(expected)
        return cls(skeleton, blob) if blob and _plain(skeleton, 0) else None

    def matches(self, skeleton: Any, blob: bytes) -> bool:
        """Does a result packed as skeleton and blob have this template's structure?"""
        try:
            return len(blob) == self.nbytes and skeleton == self.skeleton
        except RecursionError:  # a deeply nested result is not the expected one
            return False

    def value(self, blob: bytes) -> Any:
        """The value of a result that matches: this skeleton, with blob's numbers."""
        return wire.decode(self.skeleton, blob=blob)


def _plain(skeleton: Any, depth: int) -> bool:
    """Only float64 arrays, tuples, lists, str-keyed dicts, strings and None."""
    if depth > wire.MAX_DEPTH:
        return False
    kind = type(skeleton)
    if skeleton is None or kind is str:
        return True
    if kind is list:
        return all(_plain(item, depth + 1) for item in skeleton)
    if kind is not dict:
        return False
    if "__ndarray__" in skeleton:
        return skeleton["dtype"] == _F8
    if "__tuple__" in skeleton:
        return _plain(skeleton["__tuple__"], depth + 1)
    return not any(key.startswith("__") for key in skeleton) and all(
        _plain(value, depth + 1) for value in skeleton.values())
