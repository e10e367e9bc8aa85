"""Reply lines a hostile worker may write, generated: reading one raises WireError and nothing
else, in bounded time and memory (protocol.parse_reply is where the grading process reads them).

Measured on a 2-core machine: the slowest line here reads in 0.21 s (200,000 empty lists,
24 MiB more at its peak, before each "[" counted as an item: 100,000 now, 0.47 s on the machine
loaded by others; a 15 MiB string: 0.05 s, 15 MiB). Lists nested as first elements, which no
"," or ":" counted, took 12.8 s and 931 MiB.
"""
import base64
import json
import resource
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from autograder.execution import protocol, wire
from conftest import HANG_SECONDS

FUZZ = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_TAGS = ["__ndarray__", "__npscalar__", "__tuple__", "__dict__", "__function__", "__stored__",
         "__unsupported__", "dtype", "shape", "value", "params", "ok", "id", "index", "error", "result",
         "mutated", "seconds", "names", "skipped", "isolation", "type", "message", "line", "cell", "function"]
_DTYPES = ["<f8", ">f8", "|b1", "b1", "c16", "u1", "i2", "f2", "f16", "c32", "O", "V8", "U1000000", "S3",
           "<M8[s]", "i3", "u0", "?", "", "f8,f8"]
_SIZES = st.sampled_from([0, 1, 2, 3, -1, 2**31, 2**62, 2**64, 10**30, True])


def _b64(nbytes):
    return st.integers(0, min(nbytes, 64)).map(lambda n: base64.b64encode(bytes(n)).decode())


_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(_TAGS + _DTYPES), _b64(64))
# Tagged objects with fields of the right names and of any value, so that the decoder's checks run
_ARRAYS = st.fixed_dictionaries({"__ndarray__": _b64(64), "dtype": st.sampled_from(_DTYPES),
                                 "shape": st.lists(_SIZES, max_size=70)})
_SCALARS = st.fixed_dictionaries({"__npscalar__": st.sampled_from(_DTYPES), "value": _b64(64)})


def _trees(leaves):
    return st.recursive(
        leaves | _ARRAYS | _SCALARS,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(_TAGS), inner, max_size=4)
        | st.builds(lambda items: {"__tuple__": items}, st.lists(inner, max_size=4))
        | st.builds(lambda pairs: {"__dict__": pairs}, st.lists(st.lists(inner, min_size=2, max_size=2), max_size=4))
        | st.builds(lambda name, params: {"__function__": name, "params": params}, leaves, inner),
        max_leaves=30)


_REPLIES = st.fixed_dictionaries(
    {"id": st.sampled_from([1, 1.0, True, 2, None])},
    optional={key: _trees(_LEAVES) for key in ("ok", "index", "error", "result", "mutated", "seconds", "names",
                                               "skipped", "isolation")})


def _read(line: bytes):
    """What the grading process makes of line: a Reply, or a WireError (anything else fails the test)."""
    try:
        reply, _ = protocol.parse_reply(line, 1)
    except wire.WireError:
        return None
    if reply.ok and type(reply.value) is dict and set(reply.value) == {"events", "returned", "error", "ended_at",
                                                                       "cut"}:
        try:
            protocol.parse_trace(reply.value)
        except wire.WireError:
            pass
    return reply


@FUZZ
@given(_REPLIES)
def test_any_reply_tree_reads_as_a_reply_or_a_wire_error(message):
    _read(json.dumps(message).encode())


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_read_as_a_reply_or_a_wire_error(data):
    _read(data)


@FUZZ
@given(_trees(_LEAVES))
def test_any_decoded_tree_is_a_value_or_a_wire_error(tree):
    """wire.decode itself, whose only documented error is WireError."""
    try:
        wire.decode(tree, max_bytes=wire.MAX_REPLY_BYTES)
    except wire.WireError:
        pass


def test_every_dtype_the_pattern_lets_through_is_numeric_or_a_wire_error():
    for order in ["", "<", ">", "|", "="]:
        for kind in "biufc":
            for size in [str(n) for n in range(100)] + [f"{n:02d}" for n in range(10)]:
                text = order + kind + size
                try:
                    dtype = wire._dtype(text)
                except wire.WireError:
                    continue
                assert dtype.kind in wire.ALLOWED_KINDS and dtype.itemsize > 0, text


def test_dict_keys_that_numpy_cannot_compare_are_a_wire_error():
    """A tuple key and an int64 key of the same hash: the dict compares them, and numpy's
    answer (an array) has no truth value: ValueError escaped decode (protocol.parse_reply's
    boundary turned it into a WireError)."""
    key = next((i, i) for i in range(1000) if -2**61 < hash((i, i)) < 2**61 and hash((i, i)) != -1)
    same = {"__npscalar__": "<i8", "value": base64.b64encode(np.int64(hash(key)).tobytes()).decode()}
    with pytest.raises(wire.WireError):
        wire.decode({"__dict__": [[{"__tuple__": list(key)}, 1], [same, 2]]})


def _ndarray(dtype, shape, raw=b""):
    return {"__ndarray__": base64.b64encode(raw).decode(), "dtype": dtype, "shape": shape}


HOSTILE = {
    "nested 10^5 lists": b'{"id":1,"ok":true,"result":' + b"[" * 10**5 + b"]" * 10**5 + b"}",
    "nested 10^5 dicts": b'{"id":1,"ok":true,"result":' + b'{"a":' * 10**5 + b"1" + b"}" * 10**5 + b"}",
    "nested 10^5 tuples": b'{"id":1,"ok":true,"result":' + b'{"__tuple__":[' * 10**5 + b"]}" * 10**5 + b"}",
    "1e999": b'{"id":1,"ok":true,"result":1e999,"seconds":1e999}',
    "-0 and NaN spellings": b'{"id":1,"ok":true,"result":[-0,-0.0,NaN,Infinity,-Infinity],"seconds":-0}',
    "lowercase nan": b'{"id":1,"ok":true,"result":nan}',
    "a 4301-digit int": b'{"id":1,"ok":true,"result":' + b"9" * 4301 + b"}",
    "seconds a 4000-digit int": b'{"id":1,"ok":true,"result":1,"seconds":' + b"9" * 4000 + b"}",
    "a 15 MiB string": b'{"id":1,"ok":true,"result":"' + b"x" * (15 * 2**20) + b'"}',
    "a 17 MiB string": b'{"id":1,"ok":true,"result":"' + b"x" * (17 * 2**20) + b'"}',
    "200,000 escapes": b'{"id":1,"ok":true,"result":"' + b"\\u0000" * 200_000 + b'"}',
    "100,000 empty lists": b'{"id":1,"ok":true,"result":[' + b",".join([b"[]"] * 99_990) + b"]}",
    # each list the first element of the one around it, where JSON needs no separator: 8 million lists in 16 MiB
    "lists nested 63 deep, 130,000 times": b'{"id":1,"ok":true,"result":[' + b",".join(
        [b"[" * 63 + b"]" * 63] * 130_000) + b"]}",
    "invalid UTF-8": b'{"id":1,"ok":true,"result":"\xff\xfe\xc0\x80"}',
    "lone surrogates": b'{"id":1,"ok":true,"result":"\\ud800\\udfff\\udc00x"}',
    "surrogate keys": b'{"id":1,"ok":true,"result":{"\\ud800":1,"\\udc00":2}}',
    "duplicate keys": b'{"id":1,"ok":true,"ok":false,"error":{"type":"x","message":"y"},"result":1}',
    "duplicate tag": b'{"id":1,"ok":true,"result":{"__tuple__":1,"__tuple__":[1]}}',
    "a NUL byte": b'{"id":1,"ok":true,"result":"\x00"}',
    "no newline, trailing garbage": b'{"id":1,"ok":true,"result":1} {"id":1}',
}
for name, dtype, shape, raw in [
        ("shape and data disagree", "<f8", [2, 3], bytes(8)),
        ("a negative size", "<f8", [-1], b""),
        ("2**62 sizes", "<f8", [2**62, 2**62], b""),
        ("zero beside 2**62", "<f8", [0, 2**62], b""),
        ("zero beside 2**64", "<f8", [0, 2**64], b""),
        ("zero beside 2**62 twice", "<f8", [0, 2**62, 2**62], b""),
        ("65 sizes of 1", "<f8", [1] * 65, bytes(8)),
        ("64 sizes of 1", "<f8", [1] * 64, bytes(8)),
        ("33 sizes of 1", "<f8", [1] * 33, bytes(8)),
        ("object dtype", "O", [1], bytes(8)),
        ("void dtype", "V8", [1], bytes(8)),
        ("big-endian", ">f8", [1], bytes(8)),
        ("a million-character unicode dtype", "U1000000", [1], b""),
        ("a datetime", "<M8[s]", [1], bytes(8)),
        ("a bool of byte 2", "|b1", [1], b"\x02"),
        ("a float128", "f16", [1], bytes(16)),
        ("a shape of floats", "<f8", [1.0], bytes(8)),
        ("a shape of bools", "<f8", [True], bytes(8)),
        ("a shape that is a dict", "<f8", {"a": 1}, bytes(8))]:
    HOSTILE[name] = json.dumps({"id": 1, "ok": True, "result": _ndarray(dtype, shape, raw)}).encode()
HOSTILE["an object scalar"] = b'{"id":1,"ok":true,"result":{"__npscalar__":"O","value":"AAAAAAAAAAA="}}'
HOSTILE["a zero-size scalar"] = b'{"id":1,"ok":true,"result":{"__npscalar__":"U0","value":""}}'


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_reply_is_read_in_bounded_time_and_memory(name):
    line = HOSTILE[name]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    _read(line)
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) * 1024
    print(f"\n{name}: {seconds:.3f} s, peak +{grown / 2**20:.0f} MiB")
    assert seconds < HANG_SECONDS, f"{name}: {seconds:.2f} s"
    assert grown < 200 * 2**20, f"{name}: {grown / 2**20:.0f} MiB more"
