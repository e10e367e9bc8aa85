"""Comparing one returned value with the oracle's: type, shape, finite, values.

Runs in the grading process on decoded data only (arrays, numbers, tuples, dicts): learner
code never runs here. Messages name the learner's variable, show shapes and at most one
expected entry, never the expected array.
"""
import itertools
import numbers
import re
from dataclasses import dataclass
from reprlib import repr as shown  # a few items, a few characters: a reply's 16 MB make no message

import numpy as np

from .execution.wire import Unsupported
from .numeric import relative_error


@dataclass(frozen=True)
class Problem:
    path: str  # the learner's name for the value, e.g. "dW" or "grads['db1']"
    stage: str  # "type", "shape", "finite" or "values"
    message: str
    flipped: bool = False  # values: each entry is the expected one's negative, within the tolerance


def leaves(value):
    """What value's tuples, lists and dicts (their values) hold, at any depth, in order. With
    a stack, not recursion: a learner's reply nested 60 deep costs no more than a flat one."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (tuple, list, dict)):
            stack.extend(reversed(item.values() if isinstance(item, dict) else item))
        else:
            yield item


def describe(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, Unsupported):  # an array the wire does not carry is ndarray[its dtype]: np.frompyfunc's
        return f"an array of dtype {value.type_name[8:-1]}" if value.type_name.startswith("ndarray[") \
            else _a(value.type_name) + _UNRUN.get(value.type_name, "")
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of length {len(value)}"
    return _a(type(value).__name__)  # a dict's too: wire decodes only plain dicts


# what a def written with async or yield by mistake returns when called: its body not run, or not to its return
_UNRUN = {"coroutine": ", which an async def returns without running its body (write def, not async def)",
          "generator": ", which a yield or a generator expression (x for ...) makes, handing out values one "
                       "at a time: return the values themselves"}


def _a(name: str) -> str:
    """The type's name after its article: an int, an AlwaysEqual, a uint8 (a "you" sound), a float."""
    return f"{'an' if name[:1] in tuple('aeioAEIO') else 'a'} {name}"


def _values_problem(path, received, expected, rtol, atol, numerical):
    r, e = np.asarray(received, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    diff = np.abs(r - e)
    bad = ~(diff <= atol + rtol * np.abs(e))  # nan and inf are never within tolerance
    if not bad.any():
        return None
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    where = f"index {first}" if e.ndim else "the value"
    with np.errstate(all="ignore"):  # huge or nan entries are reported, not warned about
        rel = np.max(diff[bad & (e != 0)] / np.abs(e[bad & (e != 0)]), initial=0.0)
    against = "the numerical gradient" if numerical else "the expected values"
    zeros = int((bad & (e == 0)).sum())  # no relative difference from 0: said as a count
    lines = [
        f"{path}: {'its one entry differs' if bad.size == 1 else f'{int(bad.sum())} of {bad.size} entries differ'} "
        f"from {against} (rtol {rtol:g}, atol {atol:g}).",
        f"  first at {where}: yours {r[first] + 0.0:.6g}, expected {e[first]:.6g}",  # + 0.0: -Y / A2's -0 is a 0
        f"  max absolute difference {diff.max():.3g}; "
        + (f"max relative difference {rel:.3g}" if zeros < bad.sum() else "")
        + ("; " if 0 < zeros < bad.sum() else "")
        + (f"{zeros} of them {'is' if zeros == 1 else 'are'} nonzero where the expected entry is 0" if zeros else ""),
    ]
    if r.ndim == 2 and r.shape[0] == r.shape[1] > 1 and np.allclose(r.T, e, rtol=rtol, atol=atol):
        lines.append(f"  its values are those of {path}'s transpose: a square matrix hides a transpose's shape")
    if factor := factor_of(r, e):
        lines.append(f"  each entry of yours is {factor:.3g} times the expected one: is a factor, such as 1/m, 2 or "
                     "a sign, left out or added?")
    if r.size > 1 and not r.any() and e.any():  # Python 2's 1/m, or 1 // m, is an integer 0
        lines.append(f"  every entry of your {path} is 0: is a factor 0, such as 1 // m (integer division)?")
    if numerical:
        lines.append(f"  relative error against the numerical gradient: {relative_error(r, e):.2e}")
    return "\n".join(lines)


def factor_of(r, e) -> float | None:
    """The one factor each entry of r, an array of floats, is of e's (a 1/m twice or left out, a 2, a sign), or None."""
    with np.errstate(all="ignore"):
        factors = r[e != 0] / e[e != 0] if (e != 0).sum() > 1 and not r[e == 0].any() else np.array([np.nan])
        factor, spread = np.median(factors), np.ptp(factors)  # either overflows past 1e308: inf, no factor
    ok = np.isfinite([factor, spread]).all() and abs(factor - 1) > 0.01 and factor and spread <= 0.01 * abs(factor)
    return float(factor) if ok else None


def _as_array_hint(path, received, expected, stages, rtol, atol, numerical) -> str:
    """What np.array(received) would give, for a pure-Python learner's lists of lists."""
    as_array = _floats(received, expected.size)
    if as_array is not None and as_array.shape == expected.shape:
        if "values" not in stages:
            return f" np.array({path}) has the right shape, {expected.shape}: return it."
        if not _values_problem(path, as_array, expected, rtol, atol, numerical):
            return f" Its entries are right: return np.array({path})."
    return " Return a numpy array."


def _floats(received, most):
    """np.array(received) as floats, or None where that would not be the learner's array: more than most
    numbers in it (a reply's 192,000 took 30 ms a comparison to convert), ragged, or other than ints and
    floats with a float among them (np.array makes floats of those, not of "0.5", True or 1j)."""
    kinds, size = set(), 0
    for x in leaves(received):
        size += x.size if isinstance(x, np.ndarray) else 1
        if size > most:
            return None
        kinds.add("f" if type(x) is float else "i" if type(x) is int else getattr(x, "dtype", np.dtype("O")).kind)
    if "f" not in kinds or not kinds <= set("fiu"):
        return None
    try:
        return np.array(received, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # ragged, a dict in it, or an int past any float
        return None


# numpy's subclasses of an array, which the wire does not carry, and how to make the array of one
_NOT_ARRAYS = {"matrix": " Return np.asarray({0}): a np.matrix is not one.",
               "MaskedArray": " Return {0}.filled(x), x what its masked entries stand for: a masked array (np.ma) is "
                              "not one."}


def _shape_of(path):
    """What a gradient has the shape of, as a message says it: dW1 -> W1, dJdW2 -> W2, dA_prev -> A_prev."""
    target = re.fullmatch(r"(?:dJd|d)([A-Za-z].*)", path.split("[")[0].split("'")[-1])
    return f"the shape of {target[1]}, " if target else "shape "


def _not_array(path, received, expected, stages, rtol, atol, numerical):
    if getattr(received, "type_name", "").startswith("ndarray["):
        return [Problem(path, "type", f"{path} must hold floats; yours is {describe(received)} (use .astype(float)).")]
    if isinstance(received, numbers.Number) and not isinstance(received, (bool, np.bool_)):
        # np.sum(dZ) / m, every entry summed: its shape is what to fix, not its type
        return [Problem(path, "type", f"{path} must be an array of {_shape_of(path)}{expected.shape}; yours is a "
                                      f"single number, {describe(received)}.{summed_whole(path, received, expected)}")]
    hint = (_as_array_hint(path, received, expected, stages, rtol, atol, numerical)
            if isinstance(received, (list, tuple))
            else _NOT_ARRAYS.get(getattr(received, "type_name", ""), "").format(path))
    return [Problem(path, "type", f"{path} must be a numpy array; yours is {describe(received)}.{hint}")]


def _array(path, received, expected, stages, rtol, atol, numerical):
    if expected.ndim == 0 and isinstance(received, (numbers.Real, np.generic)):
        received = np.asarray(received)  # a 0-d input may give a number back
    if not isinstance(received, np.ndarray):
        return _not_array(path, received, expected, stages, rtol, atol, numerical)
    if received.dtype.kind == "c":  # as floats, its imaginary parts would go unseen
        return [Problem(path, "type", f"{path} must hold real floats; yours has dtype {received.dtype}.")]
    if received.dtype.kind != "f":
        if "type" in stages:
            return [Problem(path, "type", f"{path} must hold floats; yours has dtype "
                                          f"{received.dtype} (use .astype(float)).")]
        received = received.astype(np.float64)
    if received.shape != expected.shape:
        slip = {"transposed": " It is transposed.", "column": " It is the column without its second axis "
                "(keepdims=True keeps it)."}.get(shape_slip(received, expected), "")
        return [Problem(path, "shape",
                        f"{path} must have {_shape_of(path)}{expected.shape}; yours is {received.shape}.{slip}")]
    if "finite" in stages and not np.isfinite(received).all() and np.isfinite(expected).all():
        bad = ~np.isfinite(received)
        first = tuple(int(i) for i in np.argwhere(bad)[0]) if received.ndim else ()
        return [Problem(path, "finite", f"{path} has {int(bad.sum())} of {bad.size} entries that "
                        "are nan or inf" + (f", first at index {first}." if first else "."))]
    message = "values" in stages and _values_problem(path, received, expected, rtol, atol, numerical)
    flipped = bool(message) and not _values_problem(path, -received, expected, rtol, atol, numerical)
    return [Problem(path, "values", message, flipped)] if message else []


def _one(received, kinds):
    """What an array of one entry of these dtype kinds holds, whatever its shape ((), (1,), (1, 1),
    ...), as curriculum.md's "Scalars" accepts for a scalar result; anything else as it is."""
    if isinstance(received, np.ndarray) and received.size == 1 and received.dtype.kind in kinds:
        return received.reshape(()).item()
    return received


class Total(float):
    """An expected number that is a sum of parts, which a learner may return instead: ex07's
    J, whose per-output sums Welch's own class returns (shape (k,) or (1, k)), judged one by
    one."""

    def __new__(cls, parts):
        parts = np.asarray(parts, dtype=np.float64).ravel()
        total = super().__new__(cls, float(parts.sum()))
        total.parts = parts
        return total


def _float(path, received, expected, stages, rtol, atol):
    parts = getattr(expected, "parts", None)
    if (parts is not None and parts.size > 1 and isinstance(received, np.ndarray)
            and received.shape in ((parts.size,), (1, parts.size))):
        return _array(path, received, parts.reshape(received.shape), stages, rtol, atol, False)
    value = _one(received, "fiu")
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        also = f", or one sum per output of shape ({parts.size},)" if parts is not None and parts.size > 1 else ""
        exact = getattr(received, "type_name", "") in ("Decimal", "Fraction")  # numbers the wire does not carry
        return [Problem(path, "type", f"{path} must be a number (a float{also}); yours is {describe(received)}."
                        + f" Return float({path})." * exact)]
    value = float(value)
    if "finite" in stages and np.isfinite(expected) and not np.isfinite(value):
        return [Problem(path, "finite", f"{path} is {value}, not a finite number.")]
    if "values" in stages and not abs(value - expected) <= atol + rtol * abs(expected):
        return [Problem(path, "values",
                        f"{path} is {value:.6g}; expected {float(expected):.6g} (rtol {rtol:g}).")]
    return []


def compare(path, received, expected, *, stages, rtol, atol, numerical=False):
    """The problems of `received` against `expected`, outermost first (a list)."""
    if isinstance(expected, np.ndarray):
        return _array(path, received, expected, stages, rtol, atol, numerical)
    if isinstance(expected, (float, np.floating)):
        return _float(path, received, expected, stages, rtol, atol)
    if isinstance(expected, bool):
        received = _one(received, "b")
        if not isinstance(received, (bool, np.bool_)):
            return [Problem(path, "type", f"{path} must be True or False; yours is {describe(received)}.")]
        received = bool(received)  # judged below, as ints and strings are
    if isinstance(expected, tuple) and expected and all(type(x) is int for x in expected):  # a shape
        if not (isinstance(received, (tuple, list)) and all(isinstance(x, numbers.Integral) for x in received)):
            return [Problem(path, "type", f"{path} must be a shape, a tuple of whole numbers such as (rows, "
                                          f"columns); yours is {shown(received)}.")]
        if tuple(received) != expected:  # the worksheet's (columns, rows): said, as a transpose is of an array
            swapped = ": its rows and columns are the other way round" * (tuple(received) == expected[::-1])
            return [Problem(path, "values", f"{path} is {shown(received)}, which is not right{swapped}.")]
        return []
    if isinstance(expected, (tuple, list)):  # a list of caches may come back as a tuple too
        if not isinstance(received, (tuple, list)) or len(received) != len(expected):
            kind = type(expected).__name__
            return [Problem(path, "type", f"{path} must be a {kind} of {len(expected)}; yours is {describe(received)}.")]
        return [problem for i, (r, e) in enumerate(zip(received, expected))
                for problem in compare(f"{path}[{i}]", r, e, stages=stages, rtol=rtol, atol=atol,
                                       numerical=numerical)]
    if not isinstance(expected, dict):
        if type(received) is not type(expected) or received != expected:  # ints, strings; an array's == is no bool
            return [Problem(path, "values", f"{path} is {shown(received)}, which is not right.")]
        return []
    if not isinstance(received, dict):
        return [Problem(path, "type", f"{path} must be a dict; yours is {describe(received)}.")]
    missing = [k for k in expected if k not in received]
    extra = [k for k in received if k not in expected]
    if missing:
        text = f"{path} lacks the keys {', '.join(map(str, missing))}"
        text += f" and has keys it should not: {', '.join(map(str, extra[:5]))[:200]}." if extra else "."
        lowered = {str(m).lower(): m for m in missing}  # once each: a reply may hold a million keys
        cased = next(((k, lowered[str(k).lower()]) for k in extra if str(k).lower() in lowered), None)
        text += f" A key's case counts: {cased[0]} is not {cased[1]}." if cased else ""
        return [Problem(path, "type", text)]
    problems = []
    for key, e in expected.items():
        # grads["dW1"] is called dW1, as in the learner's code; SHAPES["a2"] keeps its dict
        name = key if isinstance(e, np.ndarray) and isinstance(key, str) else f"{path}[{key!r}]"
        problems += compare(name, received[key], e, stages=stages, rtol=rtol, atol=atol, numerical=numerical)
    return problems


def shape_slip(received, expected) -> str:
    """What a wrong shape most likely is: "transposed" (a matrix's axes swapped), "column" (an (n, 1) column
    that lost its second axis, as a sum or mean without keepdims=True leaves it), else ""."""
    got, want = np.shape(received), np.shape(expected)
    if len(got) == 2 and got == want[::-1]:
        return "transposed"
    return "column" if len(want) == 2 and want[1] == 1 and got == want[:1] else ""


def summed_whole(name, received, expected) -> str:
    """A hint for one number where a bias's gradient, a column (n, 1), is due: np.sum(dZ) / m, the db of Ng's
    logistic regression. Not another column's: ex07's dJdW2 of one output unit is no sum over the examples."""
    column = np.ndim(expected) == 2 and np.shape(expected)[1] == 1 and np.ndim(received) == 0
    column = column and re.search(r"\bdb", name) is not None  # db, db1, grads['db2'], dbeta
    return (" np.sum (or np.mean) without axis= adds up every entry into one number; the column needs one sum for "
            "each row, over the examples: np.sum(..., axis=1, keepdims=True).") if column else ""


def same(received, expected, *, rtol, atol) -> bool:
    """Whether received is expected, whole: of its type and shape, its values within rtol, atol."""
    return not compare("", received, expected, stages=("type", "shape", "values"), rtol=rtol, atol=atol)


def reordered(received, expected, returns: tuple, rtol: float, atol: float) -> str:
    """What to say when received holds every value of expected, a tuple of a few values (named returns),
    right but not in expected's order: "returns the right values in another order: ..."; "" otherwise."""
    if not (isinstance(received, (tuple, list)) and isinstance(expected, tuple)
            and len(received) == len(expected) == len(returns) and 1 < len(expected) <= 4):
        return ""
    for order in itertools.permutations(range(len(expected))):  # received[i] is expected[order[i]]
        if order != tuple(range(len(expected))) and all(
                same(received[i], expected[j], rtol=rtol, atol=atol) for i, j in enumerate(order)):
            if all(same(r, e, rtol=rtol, atol=atol) for r, e in zip(received, expected)):  # right as it is too: zeros
                return ""
            return (f"returns the right values in another order: yours are ({', '.join(returns[j] for j in order)}); "
                    f"return ({', '.join(returns)}).")
    return ""
