"""Values between the grader and its worker process, as one line of tagged JSON.

Learner code runs in a worker process; what it returns crosses a pipe as JSON, never as a
pickle, so reading a reply cannot execute code. Plain JSON cannot tell a tuple from a list,
an array from a nested list or ``np.float64`` from ``float``, so those travel as tagged
objects::

    {"__ndarray__": base64 bytes, "dtype": "<f8", "shape": [2, 3]}
    {"__npscalar__": "<f8", "value": base64 bytes}
    {"__tuple__": [...]}
    {"key": value, ...}                        a dict whose keys are str not starting "__"
    {"__dict__": [[key, value], ...]}          any other dict: keys need not be strings
    {"__function__": name, "params": {...}}    a FunctionSpec, see testfunctions
    {"__stored__": key}                        a Stored value: one the worker already holds
    {"__unsupported__": type name}             anything else; decodes to Unsupported

``decode`` treats its input as hostile: unknown tags, odd dtypes, byte counts that do not
match the shape, deep nesting, oversized payloads and dict keys crafted to share their
hashes raise ``WireError``.
"""
from __future__ import annotations

import binascii
import functools
import json
import math
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

MAX_DEPTH = 64
MAX_DECODED_BYTES = 512 * 2**20
MAX_LINE_BYTES = 600 * 2**20  # a request: it carries the learner's files
# Every JSON array element but the first, and every object member, needs a "," or a ":", and a first
# element that is an array opens a "["; counting them before parsing bounds the number of Python objects
# json.loads can be made to build (16 MiB of arrays nested in first elements held 8 million lists).
MAX_SEPARATORS = 4_000_000
# A reply, which the grading process reads: far more than any right answer needs, and
# little enough that no reply can take the grading process's memory.
MAX_REPLY_BYTES = 16 * 2**20
MAX_REPLY_ITEMS = 200_000
MAX_SHARED_HASHES = 64  # keys of a dict that may share their hash with another (-1 and -2 do)

ALLOWED_KINDS = "biufc"
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_DTYPE_PATTERN = re.compile(r"[<>|=]?[biufc][0-9]{1,2}")
_TYPE_NAME_LIMIT = 200
PLAIN = (type(None), bool, int, float, str)  # immutable, and JSON as they are
_DTYPE_TEXT = {np.dtype(np.float64): "<f8", np.dtype(np.int64): "<i8"} if np.little_endian else {}


class WireError(ValueError):
    """A line or value that is not valid in the wire format."""


@dataclass(frozen=True)
class FunctionSpec:
    """The description of a test function; the worker turns it into a callable."""

    name: str
    params: dict


@dataclass(frozen=True)
class Stored:
    """Stands for a value the worker was given earlier under key (its "store" request):
    a batch sends each case's inputs once, then names them in every call."""

    key: str


@dataclass(frozen=True)
class Unsupported:
    """Stands for a value of a type the wire format cannot carry."""

    type_name: str


# ----------------------------------------------------------------------------- encoding

_JSON = json.JSONEncoder(separators=(",", ":"))  # made once: json.dumps with options makes one a call


def dumps(obj: Any, *, strict: bool = False) -> bytes:
    """One ASCII JSON line, ending in b"\\n". With strict, unsupported values raise TypeError."""
    return line(encode(obj, strict=strict))


def line(data: Any) -> bytes:
    """One ASCII JSON line of data that is JSON already: what encode gives, or plain JSON
    around it (a reply's envelope, whose result alone is encoded)."""
    return _JSON.encode(data).encode("ascii") + b"\n"


def encode(obj: Any, *, strict: bool = False) -> Any:
    """A JSON-able form of obj. Types are tested exactly: subclasses count as unsupported, but for a
    tuple's (a NamedTuple), a dict's (an OrderedDict), a learner's own subclass of np.ndarray and a masked
    array with nothing masked, sent as the plain tuple, dict or array they are."""
    return _encode(obj, strict, 0)


def _encode(obj: Any, strict: bool, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise WireError(f"value nested deeper than {MAX_DEPTH} levels")
    kind = type(obj)
    if kind in PLAIN:
        return obj
    if kind is list:
        return [_encode(item, strict, depth + 1) for item in obj]
    # A subclass's items as tuple's and dict's own methods read them: its __iter__ or items() may lie (a plain
    # dict of tags), loop forever or raise, and would run learner code outside its call
    if issubclass(kind, tuple):  # a NamedTuple cache of the learner's too: the tuple it is, as unpacking sees it
        return {"__tuple__": [_encode(item, strict, depth + 1) for item in tuple.__iter__(obj)]}
    if issubclass(kind, dict):  # an OrderedDict or a defaultdict of the learner's too: the dict it is
        items = list(dict.items(obj))
        if all(type(k) is str and not k.startswith("__") for k, _ in items):  # no tag can be mistaken
            return {k: _encode(v, strict, depth + 1) for k, v in items}
        return {"__dict__": [[_encode(k, strict, depth + 1), _encode(v, strict, depth + 1)] for k, v in items]}
    ma = sys.modules.get("numpy.ma")  # one was made only where it was imported: np.ma imports it, 9 ms a worker
    if kind is not np.ndarray and (_own_array(kind) or ma and kind is ma.MaskedArray and not ma.is_masked(obj)):
        # sent as the array it is a view of; a masked array with nothing masked is its entries (np.ma.log's cost)
        obj, kind = np.ndarray.view(obj, np.ndarray), np.ndarray
    if kind is np.ndarray and obj.dtype.kind in ALLOWED_KINDS:
        dtype = _DTYPE_TEXT.get(obj.dtype) or obj.dtype.str
        return {"__ndarray__": _b64(obj.tobytes(order="C")), "dtype": dtype, "shape": list(obj.shape)}
    if issubclass(kind, np.generic) and obj.dtype.kind in ALLOWED_KINDS:
        return {"__npscalar__": obj.dtype.str, "value": _b64(obj.tobytes())}
    if kind is FunctionSpec:
        return {"__function__": obj.name, "params": _encode(obj.params, strict, depth + 1)}
    if kind is Unsupported:
        return {"__unsupported__": obj.type_name}
    if kind is Stored:
        return {"__stored__": obj.key}
    if issubclass(kind, np.ndarray):  # a learner's class M(np.matrix) is named as the numpy class it is, with its hint
        kind = next(c for c in kind.__mro__ if _numpys(c))
    name = getattr(kind, "__qualname__", None)
    name = (name if type(name) is str else "?")[:_TYPE_NAME_LIMIT]
    if kind is np.ndarray or issubclass(kind, np.generic):
        name = f"{name}[{obj.dtype}]"[:_TYPE_NAME_LIMIT]
    if strict:
        raise TypeError(f"cannot send a {name} over the wire")
    return {"__unsupported__": name}


def _own_array(kind: type) -> bool:
    """A subclass of np.ndarray that is no numpy module's: a learner's own (a __repr__ that shows
    the shape), whose entries are what they are, unlike np.matrix's or a masked array's."""
    mro = kind.__mro__
    return np.ndarray in mro and not any(type(c.__module__) is not str or _numpys(c)
                                         for c in mro[:mro.index(np.ndarray)])


def _numpys(kind: type) -> bool:
    return type(kind.__module__) is str and kind.__module__.split(".")[0] == "numpy"


def _b64(raw: bytes) -> str:
    return binascii.b2a_base64(raw, newline=False).decode("ascii")


# ----------------------------------------------------------------------------- decoding

def loads(line: bytes, *, functions: Callable[[FunctionSpec], Any] | None = None) -> Any:
    """Parse and decode one line written by dumps; anything malformed raises WireError."""
    return decode(parse(line), functions=functions)


def parse(line: bytes, *, max_bytes: int = MAX_LINE_BYTES, max_items: int = MAX_SEPARATORS) -> Any:
    """The JSON of one line, not yet decoded: for a reader that decodes only some of it."""
    if len(line) > max_bytes:
        raise WireError(f"line of {len(line)} bytes exceeds {max_bytes}")
    if line.count(b",") + line.count(b":") + line.count(b"[") > max_items:
        raise WireError(f"line holds more than {max_items} items")
    try:
        data = json.loads(line.decode("ascii"))  # dumps writes ASCII only
        if b"\\ud" in line or b"\\uD" in line:  # a lone UTF-16 half, which no file or terminal takes, becomes "?"
            data = json.loads(json.dumps(data, ensure_ascii=False).encode("utf-8", "replace"))
        return data
    except RecursionError:
        raise WireError("line nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, huge integers
        raise WireError(f"not valid JSON: {exc}") from None


def decode(data: Any, *, functions: Callable[[FunctionSpec], Any] | None = None,
           stored: Callable[[str], Any] | None = None, max_bytes: int = MAX_DECODED_BYTES) -> Any:
    """Rebuild the value encode produced. functions, if given, replaces each FunctionSpec;
    stored(key) gives the value a Stored names. Without stored, a Stored is a WireError:
    only the worker holds stored values, so nothing the worker sends may name one."""
    return _Decoder(functions, stored, max_bytes).decode(data, 0)


@dataclass
class _Decoder:
    """Decodes one value, counting depth and the bytes it has produced."""

    functions: Callable[[FunctionSpec], Any] | None  # given in the worker only, which interns strings
    stored: Callable[[str], Any] | None
    budget: int  # bytes it may still produce

    def spend(self, nbytes: int) -> None:
        self.budget -= nbytes
        if self.budget < 0:
            raise WireError("decoded value exceeds the size limit")

    def decode(self, data: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise WireError(f"value nested deeper than {MAX_DEPTH} levels")
        kind = type(data)
        if kind in PLAIN:
            self.spend(len(data) if kind is str else 8)
            return sys.intern(data) if kind is str and self.functions else data  # `activation is "relu"` holds as for a literal
        if kind is list:
            self.spend(8 * len(data))
            return [self.decode(item, depth + 1) for item in data]
        if kind is dict:
            return self.tagged(data, depth)
        raise WireError(f"unexpected JSON value of type {kind.__name__}")

    def tagged(self, data: dict, depth: int) -> Any:
        entry = _TAGS.get(next(iter(data), None))  # the tag comes first, as encode writes it
        if entry is not None and data.keys() == entry[0]:
            return entry[1](self, data, depth)
        if any(key.startswith("__") for key in data):  # a tag elsewhere, or unknown: not a line encode wrote
            raise WireError(f"unknown tagged object with keys {sorted(data)[:5]}")
        self.spend(8 * len(data))  # a plain dict of str keys
        return {key: self.decode(value, depth + 1) for key, value in data.items()}

    def tuple_(self, data: dict, depth: int) -> tuple:
        items = data["__tuple__"]
        if type(items) is not list:
            raise WireError("__tuple__ must hold a list")
        return tuple(self.decode(items, depth))

    def dict_(self, data: dict, depth: int) -> dict:
        pairs = data["__dict__"]
        if type(pairs) is not list:
            raise WireError("__dict__ must hold a list of pairs")
        self.spend(8 * len(pairs))
        result, hashes = {}, set()
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2:
                raise WireError("__dict__ entries must be [key, value] pairs")
            key = self.decode(pair[0], depth + 1)
            try:
                hashes.add(hash(key))
            except TypeError:
                raise WireError(f"unhashable dict key of type {type(key).__name__}") from None
            if len(result) - len(hashes) >= MAX_SHARED_HASHES:  # ints' hashes are not random: a dict of
                raise WireError("dict keys that share their hashes")  # keys of one hash takes quadratic time
            value = self.decode(pair[1], depth + 1)
            try:
                result[key] = value
            except ValueError:  # keys of one hash compared: np.int64(h) == (1, 2) is an array, which has no truth
                raise WireError("dict keys that cannot be compared") from None
        return result

    def ndarray(self, data: dict, depth: int) -> np.ndarray:
        dtype = _dtype(data["dtype"])
        shape = data["shape"]
        if type(shape) is not list or len(shape) > MAX_DEPTH:
            raise WireError("shape must be a list of at most 64 sizes")
        if not all(type(n) is int and n >= 0 for n in shape):
            raise WireError("shape entries must be non-negative integers")
        nbytes = math.prod(shape) * dtype.itemsize
        self.spend(nbytes)
        raw = _raw_bytes(data["__ndarray__"], nbytes, dtype)
        return np.frombuffer(bytearray(raw), dtype=dtype).reshape(shape)  # writable, one copy

    def npscalar(self, data: dict, depth: int) -> np.generic:
        dtype = _dtype(data["__npscalar__"])
        self.spend(dtype.itemsize)
        raw = _raw_bytes(data["value"], dtype.itemsize, dtype)
        return np.frombuffer(raw, dtype=dtype)[0]

    def function(self, data: dict, depth: int) -> Any:
        name = data["__function__"]
        params = self.decode(data["params"], depth + 1)
        if type(name) is not str or type(params) is not dict:
            raise WireError("__function__ needs a str name and dict params")
        spec = FunctionSpec(name, params)
        return spec if self.functions is None else self.functions(spec)

    def stored_(self, data: dict, depth: int) -> Any:
        key = data["__stored__"]
        if type(key) is not str or self.stored is None:
            raise WireError("a stored value is not expected here")
        return self.stored(key)

    def unsupported(self, data: dict, depth: int) -> Unsupported:
        name = data["__unsupported__"]
        if type(name) is not str:
            raise WireError("__unsupported__ must hold a type name")
        return Unsupported(name[:_TYPE_NAME_LIMIT])


_TAGS = {
    "__tuple__": ({"__tuple__"}, _Decoder.tuple_),
    "__dict__": ({"__dict__"}, _Decoder.dict_),
    "__ndarray__": ({"__ndarray__", "dtype", "shape"}, _Decoder.ndarray),
    "__npscalar__": ({"__npscalar__", "value"}, _Decoder.npscalar),
    "__function__": ({"__function__", "params"}, _Decoder.function),
    "__unsupported__": ({"__unsupported__"}, _Decoder.unsupported),
    "__stored__": ({"__stored__"}, _Decoder.stored_),
}


def _dtype(text: Any) -> np.dtype:
    if type(text) is not str or not _DTYPE_PATTERN.fullmatch(text):
        raise WireError(f"dtype {str(text)[:40]!r} is not allowed")
    return _known_dtype(text)


@functools.lru_cache(maxsize=256)  # the few dtypes that travel, parsed once
def _known_dtype(text: str) -> np.dtype:
    try:  # of an allowed kind when it is one: _DTYPE_PATTERN names no other (tests/execution/test_protocol.py)
        return np.dtype(text)
    except TypeError:
        raise WireError(f"dtype {text!r} is not a numpy dtype") from None


def _raw_bytes(text: Any, nbytes: int, dtype: np.dtype) -> bytes:
    if type(text) is not str or len(text) != 4 * math.ceil(nbytes / 3):
        raise WireError(f"expected the base64 of {nbytes} bytes")
    # a2b_base64 alone skips stray characters (its strict_mode, which would not, is new in Python 3.11);
    # what matches, in a length of 4 characters a byte group, it decodes without raising
    if not _BASE64.fullmatch(text):
        raise WireError("invalid base64 data")
    raw = binascii.a2b_base64(text)
    if len(raw) != nbytes:
        raise WireError(f"expected {nbytes} bytes, got {len(raw)}")
    if dtype.kind == "b" and raw.translate(None, b"\x00\x01"):
        raise WireError("boolean data holds bytes other than 0 and 1")
    return raw
