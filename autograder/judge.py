"""Judging one check: the learner's reply against the plan's expected output, into a verdict.

Runs in the grading process on the decoded reply (learner code never runs here). The
stages come first (type, shape, finite, values: autograder.compare), then the catalogued
mistakes (autograder.mistakes) and an older notebook's naming (mistakes.Convention). A
message names the function and the learner's variables, never shows the reference code,
and nothing a reply holds makes judging raise: a value that cannot be compared fails its
own check only.
"""
import ast
import bisect
import copy
import re
import warnings
from dataclasses import replace

import numpy as np

from . import compare, mistakes, spec as specs, submission
from .execution.protocol import Reply
from .report import CheckResult, known_mistake

MISSING = object()


def check(spec, planned, reply, source, changed=None, skipped=()) -> CheckResult:
    """The verdict of planned (a plan.Check of spec's exercise) on reply, the Reply of its
    call; source is the learner's file, for the lines an error names. changed: (case,
    arguments) of the first call of the function that changed arguments in place, on any
    case: a check that the inputs are left unchanged fails for it, whatever its own case.
    skipped: the CallError of each statement the file's load skipped."""
    try:  # no warning either: a matcher reading a complex reply as floats printed numpy's, with the rules' line
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = _check(spec, planned, reply, source, changed, skipped)
        flag = "" if reply.ok or result.passed else reply.error.flag  # what the grader saw
        return replace(result, flag=flag) if flag else result
    except Exception as exc:  # noqa: BLE001 -- one bad value (10**400, which no float holds) fails one check
        message = (f"{planned.call.function.name} returned a value that cannot be compared with the expected "
                   f"one ({type(exc).__name__}: {str(exc)[:200]}).")
        return _verdict(planned, message)


def error_message(function, source, error, skipped=()) -> str:
    """What a learner reads when their function raised, hung or ended the worker."""
    inside = error.function not in (None, function.name, "<module>")  # a function it calls raised
    if error.type == "NotImplementedError":
        calls = f" calls {error.function}, which" if inside else ""
        return f"{function.name}{calls} is not implemented yet (it raises NotImplementedError)."
    if error.out_of_time:
        return f"{function.name} was not called: {error.message}, and calls that did not return in time spent it."
    if error.timed_out:
        return (f"{function.name} {error.message}: is there a loop that never ends, "
                "or a very slow loop over the examples?")
    if error.crashed:  # sys.exit raises SystemExit, which never ends the worker: os._exit, a crash or a reply does
        return (f"The process running your code stopped while calling {function.name} ({error.message})."
                + (" Does your code call os._exit?" if "exit status" in error.message else ""))
    if error.type == "NotCallable":  # a def, then `sigmoid = sigmoid(z)` in a test cell (a constant is not called)
        return (f"{function.name} is not a function once {source.path.name} has run: a line"
                f"{' after its def' * bool(source.def_lines(function.name))} assigns it a value of type "
                f"{error.message.rpartition(' is a ')[2].partition(',')[0]}.")
    if error.type in ("MissingFunction", "MissingName"):
        kind = "value" if function.constant else "function"
        written = error.type == "MissingFunction" and source.def_lines(function.name)
        if written and (gone := source.deleted(function.name)):  # `del sigmoid` after the def, in a .py too
            gone, did = gone
            return (f"{function.name} is defined at {source.where(written[-1])}, but the {did} at {source.where(gone)} "
                    f"deletes it: {'run its def again' if source.kernel else f'remove that {did}'}, then check again.")
        if written and source.cells:  # a cell that did not parse, or a def that raised
            return (f"{function.name} is written at {source.where(written[0])}, but it did not run: the note above "
                    "names what was skipped.")
        course = not written and source.starred  # Ng's Application notebook's has L_model_forward: learner_modules/
        course = (f" The {function.name} that `from {course} import *` may give in your course's notebook is the "
                  "course's, which is not graded: write your own def of it.") if course else ""
        if source.kernel:  # a Jupyter kernel's cells: those it ran since it started
            return (f"{source.path.name} defines no {kind} {function.name} in the cells this kernel ran: run the "
                    "cell that defines it (after a restart, Run All), then check again." + course)
        return f"{source.path.name} defines no {kind} {function.name}.{course}"
    where = source.where(error.line, error.cell)
    message = source.worded(error.message).rstrip()  # numpy's broadcast error ends in a space
    line = line_of(source, error)
    if error.type == "SystemExit" and line:  # sys.exit() or a bare raise SystemExit: its message says nothing
        return (f"{function.name} stopped at `{line}` ({where}), which raises SystemExit: a function that is checked "
                "must return its result, not end the program.")
    if error.type == "AssertionError" and not message and line.startswith(("assert ", "assert(")):
        message = f"your own `{line}` failed on these inputs"  # Ng's assert(dW.shape == W.shape) says nothing
    unset = error.type == "NameError" and re.match(r"name '(\w+)' is not defined", message)
    setter = unset and _skipped_setter(source, skipped, unset[1])
    if setter:  # sympy's `d_sig = sp.lambdify(...)` skipped with its import: not "Did you mean: 'exit'?"
        message = unset[0]
    said = ended(f"{function.name} {error.said(message, f' inside {error.function}' * bool(inside))}"
                 + (f" ({where})." if where else ""))
    if setter:
        said += f" {unset[1]} was to be set at {setter}, a statement that was skipped: the note above says why."
    bound = signature_hint(function, message)
    return said + _keepdims_hint(message) + f"\n  {bound}" * bool(bound)


def signature_hint(function, message: str) -> str:
    """What to say when the checks' call could not bind to the learner's def: a parameter of their own
    without a default (relu_derivative(z, threshold)), or one keyword-only (def f(dZ, *, A_prev))."""
    if not re.match(rf"(?:\w+\.)*{function.name}\(\) (?:takes \d+ positional|missing \d+ required)", message):
        return ""
    return (f"The checks call {function.name}({', '.join(function.args)}), each argument by its position: a parameter "
            "of your own needs a default value, and one after * or *args can be passed only by its name.")


def _skipped_setter(source, skipped, name) -> str:
    """Where a statement the load skipped starts that binds name on its first line ("" if none)."""
    lines = source.bound.get(name, ())  # a name no line binds: worded says so; in order, so searched by halves:
    # `in` read all 500,000 lines of a string's `c=1` for each of 100 statements, 0.45 s a check, 60 checks in ex05
    return next((source.where(e.line) for e in skipped if e.line and not e.cell
                 and lines[(at := bisect.bisect_left(lines, e.line)):at + 1] == [e.line]), "")


def _keepdims_hint(message: str) -> str:
    """A hint for numpy's "could not be broadcast together with shapes (4,5) (4,)" when one shape is
    the other less a last (or first) axis: a sum, mean or max's column (4, 1) that lost keepdims=True."""
    listed = re.search(r"could not be broadcast together with shapes ((?:\([\d,]*\) ?)+)", message)
    shapes = [tuple(map(int, filter(None, s.split(",")))) for s in re.findall(r"[\d,]+", listed[1] if listed else "")]
    for whole in shapes:
        for part in (s for s in shapes if len(s) + 1 == len(whole) and s in (whole[:-1], whole[1:])):
            last = part == whole[:-1]
            column, axis = (part + (1,), "last") if last else ((1,) + part, "first")
            return (f"\n  {part} is {column} without its {axis} axis: did a sum, mean or max lose keepdims=True, "
                    f"as in np.sum(..., axis={len(part) * last}, keepdims=True)?")
    return ""


# nbconvert's line of a %%time cell, get_ipython().run_cell_magic('time', '', '<the cell>'), each string a repr.
# Parsing any line a learner's error names, for each failing check, took 0.4 s a check on 99,800 characters of
# nested lists (290 checks, 2 min 20 s); this match takes a few milliseconds, and only the cell's string is parsed.
_STRING = r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""
_RUN_CELL = re.compile(rf"get_ipython\(\)\.run_cell_magic\('\w+', (?:{_STRING}), ({_STRING})\)\s*")


def line_of(source, error) -> str:
    """The line of the learner's file where error was raised, without its comment ("" if not known); in a
    %%time cell of nbconvert's script, of the cell's string that its one line runs (a learner's function is
    a few lines: a huge line is passed over)."""
    lines = source.lines
    if error.cell:  # the line the worker names: matched, not parsed, for each failing check (see _RUN_CELL)
        ran = _RUN_CELL.fullmatch("".join(lines[error.cell - 1:error.cell])[:100_000])
        cell = [n.value for n in submission.syntax_nodes(ran[1]) or () if isinstance(n, ast.Constant)] if ran else []
        lines = cell[0].split("\n") if cell else []
    line = lines[error.line - 1] if error.line and 0 < error.line <= len(lines) else ""
    return line.partition("  #")[0].strip()[:120]


def ended(said: str) -> str:
    """said with a full stop, unless it already ends a sentence ("Did you mean: 'sum'?")."""
    return said if said.endswith((".", "?", "!")) else said + "."


def _check(spec, planned, reply, source, changed, skipped) -> CheckResult:
    function, case = planned.call.function, planned.call.case
    if case.raises:
        return _verdict(planned, _raise_problem(function, case, reply, source))
    convention = getattr(spec.rules, "CONVENTIONS", {}).get(function.name)
    read = convention.read(reply.value, planned.call.expected) if convention and reply.ok else None
    if read:  # judged under this exercise's names, failing only the checks of the names it moved
        renamed, moved, explanation = read
        reply = Reply(True, renamed, mutated=reply.mutated)
    given_if = getattr(spec.rules, "GIVEN_IF", {}).get(function.name)  # its text, not a guess, says why
    if reply.ok:
        problems = problems_of(planned, reply, changed)
        message = _named_parts(function, _said(function, [p for _, p in problems]))
        off = any(p.stage == "values" for _, p in problems)
        if off and (narrow := _narrow(reply.value)) is not None:  # in the part judged, or only in another (a cache)
            message += (f"\n  what {function.name} returns holds {narrow} numbers, about "
                        f"{np.finfo(narrow).precision} digits: compute in float64, numpy's default")
        elif off and compare.same(reply.value, planned.call.expected, rtol=1e-4, atol=0) and not (  # after a float32
                given_if and given_if(planned.call.inputs, reply)):
            message += (f"\n  what {function.name} returns is off in its last digits only: is a float32 "
                        "(astype(np.float32)) or a small constant (+ 1e-8) in your computation?")
        if off and reply.mutated:  # dx_hat = dout; dx_hat *= gamma: a sum of dout after it reads the product
            message += f"\n  {function.name} changes an argument in place: what it reads of it later is the changed one"
        failed = {part for part, _ in problems}
        if "(inputs)" in failed:  # ZT = Z.T; ZT -= 1 changes Z, which the learner did not expect
            message += _view_note(function, source, reply.mutated or changed[1])
    else:
        problems, failed = [True], set()
        message = error_message(function, source, reply.error, skipped) + _one_example(planned, reply.error)
        message += _other_case(planned, reply.error)
    renamed = read and moved & set(planned.spec.outputs)
    if renamed and not problems:
        return _verdict(planned, f"{explanation}\nUnder those names your values are right.", (convention.id,), spec)
    if renamed:  # and wrong under them too: the values' own mistake, when one is known, is the one to name
        message = f"{explanation}\nUnder those names:\n{message}"
    elif not problems:
        return _verdict(planned)
    if "(inputs)" in failed and not reply.mutated:  # changed on another case: say which
        case = changed[0]
    known = mistakes.find(spec.rules.MISTAKES.get(function.name, ()), copy.deepcopy(planned.call.inputs), reply,
                          failed, lambda value: _parts(planned, value),
                          rtol=planned.spec.rtol, atol=planned.spec.atol)
    unexplained = reply.ok or not _not_run(reply.error)
    applies = given_if or (lambda inputs, reply: True)
    said = unexplained and not known and failed != {"(inputs)"} and applies(planned.call.inputs, reply)
    message += f"\n{function.given[said]}" if said in function.given else ""  # True: its one text, or a name
    return _verdict(planned, message, known or renamed and (convention.id,), spec, case)


# A slice's brackets are bounded: each of a line's A_prev[ starts a search, and one to the line's end is quadratic
_VIEW = (r"\b{0}\s*\.\s*(T\b|reshape|ravel|transpose|swapaxes)|np\.(transpose)\(\s*{0}\b"
         r"|\b{0}\s*\[[^]\n:]{{0,200}}:[^]\n]{{0,200}}]")


def _view_note(function, source, mutated) -> str:
    """Why an argument changed when the function changed a view of it (A_prev.T, a slice), if it takes one."""
    body = source.body(function.name)
    for name in (function.args[i] if isinstance(i, int) else i for i in mutated[:len(function.args)]):
        view = name in function.args and re.search(_VIEW.format(re.escape(name)), body)  # not made up
        if view:
            said = (f"{name}.T" if view[1] == "T" else f"{name}.{view[1]}(...)" if view[1]
                    else f"np.transpose({name})" if view[2] else view[0])
            return (f"\n  {said} is a view of {name}'s own memory, as np.transpose, .reshape and slices are: changing "
                    f"it in place (/=, -=, [...] =) changes {name}; use {said}.copy(), or write a new array "
                    "(x = x / m, not x /= m).")
    return ""


def _said(function, problems) -> str:
    """The problems' messages, one line for all the arrays whose every entry has the opposite sign (a
    sign flipped at the start of a backward pass flips every gradient after it): not one block each."""
    flipped = [p.path for p in problems if p.flipped]
    against = "the numerical gradient's" if function.numerical else "the expected one's"
    sign = flipped and (f"{submission.listed(flipped)}: every entry has the opposite sign to {against}, as if "
                        f"multiplied by -1{f' ({len(flipped)} arrays)' if len(flipped) > 3 else ''}.")
    return "\n".join(dict.fromkeys(sign if p.flipped else p.message for p in problems))


def _named_parts(function, message: str) -> str:
    """cache[3] said as cache[3] (var), caches[0][1] as caches[0][1] (Z of layer 1): the contract's names of
    a returned tuple's entries (specs' parts)."""
    for name, parts in function.parts.items():
        message = re.sub(rf"(?<![\w\]]){re.escape(name)}((?:\[\d+\])+)",
                         lambda m: m[0] + _part_name(parts, [int(i) for i in re.findall(r"\d+", m[1])]), message)
    return message


def _part_name(parts, indices: list) -> str:
    """" (W of layer 1)" for the entry at indices: parts lists a tuple's entries, each a name or {name: its
    own entries}; {"layers": parts} is a list of such tuples, one a layer from layer 1 (ex05's caches)."""
    layer = f"layer {indices.pop(0) + 1}" if isinstance(parts, dict) else ""
    name, parts = (layer, parts["layers"]) if layer else ("", parts)
    for i in indices:
        if not isinstance(parts, list) or i >= len(parts):
            return ""
        [(name, parts)] = parts[i].items() if isinstance(parts[i], dict) else [(parts[i], None)]
    return f" ({name} of {layer})" if layer and name != layer else f" ({name})" if name else ""


def _narrow(value):
    """A float dtype narrower than float64 anywhere in a returned value, or None."""
    dtypes = (getattr(leaf, "dtype", None) for leaf in compare.leaves(value))
    return next((d for d in dtypes if isinstance(d, np.dtype) and d.kind == "f" and d.itemsize < 8), None)


def _verdict(planned, message=None, known=None, spec=None, case=None) -> CheckResult:
    """Passed without a message; failed with one, which says the case and explains the known mistakes."""
    check, name, top = planned.spec, planned.call.function.name, planned.max_score
    if message is None:
        return CheckResult(check.name, name, True, check.hidden, top, top, "")
    about = (case or planned.call.case).about
    if about and not check.hidden:
        message = f"On {about}:\n{message}"
    message += "".join(known_mistake(mistake) + spec.mistakes[mistake].strip() for mistake in known or ())
    return CheckResult(check.name, name, False, check.hidden, 0.0, top, message, known[0] if known else None)


def _one_example(planned, error) -> str:
    """The inputs' shapes, when learner code raised on a case of one example that no "On ..." line describes
    (a hidden one): an `assert X.shape[1] > 1`, or a reshape that takes m > 1, refuses them."""
    case = planned.call.case
    if case.params.get("m") != 1 or not error.line or _not_run(error) or (case.about and not planned.spec.hidden) \
            or error.type == "NameError":  # a name unset (K of a skipped keras import) on every case, not m's doing
        return ""
    inputs = sorted(planned.call.inputs.items(), key=lambda item: not isinstance(item[1], np.ndarray))  # X first
    shapes = [f"{name} {' x '.join(map(str, value.shape))}" for name, value in _arrays(inputs)]
    shapes = ", ".join(shapes[:6]) + f" and {len(shapes) - 6} more" * (len(shapes) > 6)  # ex05's caches hold 16
    return f"\n  The checks passed it one example, m = 1 ({shapes}): does your code take m > 1 for granted?"


def _other_case(planned, error) -> str:
    """A KeyError of a key that a dict it was given holds in other letters' case (grads["dw1"], Ng's Week 2
    habit, where grads holds dW1): Python names the key alone."""
    key = error.type == "KeyError" and re.fullmatch(r"'(\w{1,100})'", error.message)
    held = key and next(((name, k) for name, value in planned.call.inputs.items() if isinstance(value, dict)
                         for k in value if isinstance(k, str) and k != key[1] and k.lower() == key[1].lower()), None)
    return f"\n  {held[0]} holds {held[1]}, not {key[1]}: a key's case counts." if held else ""


def _arrays(items):
    """(name, array) of the arrays among items' values, and in their dicts, lists and tuples: named as
    compare names them (a dict's by its key, W1; a list's by its index, caches[0][1])."""
    for name, value in items:
        if isinstance(value, np.ndarray):
            yield name, value
        elif isinstance(value, (dict, list, tuple)):
            yield from _arrays((key if isinstance(key, str) and isinstance(item, np.ndarray) else f"{name}[{key!r}]",
                                item) for key, item in (value.items() if isinstance(value, dict) else enumerate(value)))


def _not_run(error) -> bool:
    """Did the function not run, or not return? error_message then says all there is to say."""
    return error.timed_out or error.crashed or error.type in (
        "NotImplementedError", "MissingFunction", "MissingName", "NotCallable")


def _raise_problem(function, case, reply, source):
    """A case on which a right function raises case.raises: None when it does."""
    if not reply.ok and reply.error.type == case.raises:
        return None
    if not reply.ok and _not_run(reply.error):
        return error_message(function, source, reply.error)
    where = "" if reply.ok else source.where(reply.error.line, reply.error.cell)
    got = f"returned {compare.describe(reply.value)}" if reply.ok else reply.error.said() + f" ({where})" * bool(where)
    return ended(f"{function.name} must raise {case.raises} here; it {got}")


def problems_of(planned, reply, changed=None):
    """[(part, Problem)]: the returned value's part at fault ("" the whole, "(inputs)")."""
    check, function = planned.spec, planned.call.function
    judged = set(check.stages) - {"unchanged"}
    stages = check.stages if judged else specs.DEFAULT_STAGES  # the inputs' check needs right outputs too
    expected = dict(_parts(planned, planned.call.expected))
    found = [("", p) for p in _whole_problems(planned, reply.value)] or [
        (name, problem) for name, received in _parts(planned, reply.value)
        for problem in compare.compare(name, received, expected[name], stages=stages, rtol=check.rtol,
                                       atol=check.atol, numerical=function.numerical)]
    if found and not judged:
        found = [("", compare.Problem(
            "", "unchanged",
            f"This check counts once {function.name} also returns the right values on these inputs; "
            "it does not yet (its other checks say what is wrong)."))]
    mutated = reply.mutated or (changed[1] if changed else ())
    if "unchanged" in check.stages and mutated:
        names = [function.args[i] if isinstance(i, int) else i if i in function.args else "?"  # a name
                 for i in mutated[:len(function.args)]]  # made up by learner code that patches the worker
        kinds = {n: f" ({compare.describe(v)})" for n in names  # a list (caches.pop()) is said to be one
                 if (v := planned.call.inputs.get(n)) is not None and not isinstance(v, np.ndarray)}
        found.append(("(inputs)", compare.Problem(
            "(inputs)", "unchanged",
            f"{function.name} changed its argument {', '.join(n + kinds.get(n, '') for n in names)} in place. Return "
            f"new {'values' if kinds else 'arrays'} and leave the inputs as they were: the caller uses them again "
            "after the call.")))
    return found


def _whole_problems(planned, value):
    """Problems with the returned value as a whole (None, several returns all right in another
    order, a wrong tuple, missing keys: of a dict, only those of the check's outputs, so that
    each group of keys is judged alone)."""
    function, check, expected = planned.call.function, planned.spec, planned.call.expected
    name = function.returns[0] if len(function.returns) == 1 else f"{function.name}(...)"
    if value is None:
        return [compare.Problem("", "type", f"{function.name} returned None: is a `return` missing?")]
    order = compare.reordered(value, expected, function.returns, check.rtol, check.atol)
    if order:
        return [compare.Problem("", "type", f"{function.name} {order}")]
    if isinstance(expected, dict) and check.outputs:
        expected = {key: expected[key] for key in check.outputs}
        kept = {str(key).lower() for key in check.outputs}  # and a dw1 for dW1: said as one, keys' case counts
        value = {key: v for key, v in value.items() if key in check.outputs or str(key).lower() in kept
                 } if isinstance(value, dict) else value
    if len(function.returns) > 1 or isinstance(expected, dict):
        outer = [p for p in compare.compare(name, value, expected, stages=("type",), rtol=0, atol=0) if p.path == name]
        return [compare.Problem("", p.stage, p.message.replace(f"{name} must be", f"{function.name} must return")
                                if len(function.returns) > 1 else p.message) for p in outer]
    return []


def _parts(planned, value):
    """The (name, value) pairs of a returned value that the check judges."""
    function, outputs = planned.call.function, planned.spec.outputs
    if len(function.returns) > 1:
        pairs = list(zip(function.returns, value))
    elif isinstance(value, dict) and outputs:
        pairs = [(k, value.get(k, MISSING)) for k in outputs]
    else:
        pairs = [(function.returns[0], value)]
    return [(n, v) for n, v in pairs if not outputs or n in outputs or isinstance(value, dict)]
