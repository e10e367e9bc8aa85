"""`backprop explain`: the learner's own function, line by line, with the shapes it made.

The first failing check's function (or one named, on its spec's `explain` case, whose sizes
all differ) runs again in a worker on that check's case, every line watched (protocol.Trace).
Here, in the grading process, each value a line made is set beside the quantity the exercise
names (dA1, dW1, m, ...: the rules modules' QUANTITIES and EXPECTED, from the forward pass and
central differences), within the failing check's tolerance. A quantity is judged at the last
line that changes it, so a sum built up in a loop is judged whole; the first line whose value
has the wrong shape or values, or that raises, is explained. Never the reference code.
"""
from __future__ import annotations

import ast
import math
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from . import catalog, compare, grading, judge as judges, paths, plan as plans, submission
from .execution.client import Worker
from .execution.protocol import TRACE_EVENTS, Reply
from .execution.wire import Unsupported
from .render import inert, paint  # inert: the learner's code and messages, which an instructor may read

TOLERANCE = (1e-5, 1e-7)  # rtol, atol, with no check to take them from: central differences are good to 1e-9
_FAMILY = re.compile(r"(.*?)(\d+)")  # A1, dW2: a quantity of layer l


class NothingToExplain(Exception):
    """Every public check of the exercise passes, and no function was named."""


@dataclass(frozen=True)
class Note:
    """What a line did to one variable: its shape (or value), and the derivation's."""

    name: str  # the learner's name: dA1, grads['dW2'], or "returned"
    shown: str  # "(3, 5) = (n_h, m)", or a number
    expected: str = ""  # the derivation's shape, for a quantity it names
    verdict: str = ""  # "right", "wrong", or "" when the value is not judged
    quantity: str = ""  # the quantity it is, when it is one
    values: object = None  # a small array's values, for the HTML page


@dataclass(frozen=True)
class Line:
    number: int  # as the learner sees it: in its notebook cell
    code: str
    notes: tuple = ()
    departs: bool = False  # the line marked: a number may recur in another cell


@dataclass(frozen=True)
class Explanation:
    exercise: str
    function: str
    check: str  # the failing check's name and message, or "" for a function named
    case: str  # the case, in words, with its sizes
    where: str  # the learner's file, or a notebook's cell
    lines: tuple  # of Line, the function's whole source
    departure: int | None  # the line that departs, if one does
    message: str  # what departs there, and why it cannot be right
    mistake: str = ""  # the catalogued mistake the check named, with its explanation
    page: Path | None = None  # the derivation's page (docs/<id>.md), if this copy has it
    section: str = ""  # the section of it to read
    reading: str = ""  # that section's text, which a notebook shows folded (it cannot open a file:// link)
    given: str = ""  # the spec's text on how the checks give the inputs, when the failing check said it

    @property
    def derivation(self) -> str:
        return f"{self.page}, section \u201c{self.section}\u201d" if self.page else ""


def explain(folder, exercise_name: str, function: str | None = None) -> Explanation:
    """The explanation of the first failing public check of an exercise in folder (or of
    function); NothingToExplain when everything passes, ValueError for a file that is
    missing or cannot be loaded."""
    exercise = catalog.find(exercise_name)
    source = submission.read(folder, [exercise.id])[exercise.id]
    if source is None:
        raise ValueError(f"there is no {exercise.id}.py or {exercise.id}.ipynb in {folder}")
    if isinstance(source, Exception):
        raise ValueError(str(source))
    with Worker() as worker:
        return explain_source(source, exercise, function, worker)


def explain_source(source, exercise, function: str | None, worker: Worker) -> Explanation:
    """As explain, for a Source already read (a notebook's functions, in Jupyter), in
    worker (a Jupyter kernel's), which the caller owns."""
    made = plans.make("public", "", (exercise,))
    result = grading.grade_sources({exercise.id: source}, worker, made).exercises[0]
    if result.status == "error" and not result.checks:  # not loaded; with checks, a call was stopped (time, memory)
        raise ValueError(result.message)
    spec = made.exercises[0].spec
    older = {name: c.id for name, c in getattr(spec.rules, "CONVENTIONS", {}).items()}  # its keys: after a wrong value
    failing = min((c for c in result.checks if not c.passed and function in (None, c.function)
                   and not spec.functions[c.function].constant), default=None,  # a value (SHAPES) has no lines
                  key=lambda c: c.function in older and c.misconception == older[c.function])
    if function is None and failing is None:
        wrong = [c.function for c in result.checks if not c.passed]
        raise NothingToExplain(f"only {wrong[0]} fails, a value, not a function: it has no lines to explain; "
                               "backprop check says what is wrong." if wrong
                               else f"every check of {exercise.id} passes: there is nothing to explain.")
    name = function or failing.function
    if name not in spec.functions or spec.functions[name].constant:
        raise ValueError(f"{exercise.id} has no function {name!r} to explain; its functions: "
                         + ", ".join(f for f, d in spec.functions.items() if not d.constant))
    planned = next((p for p in made.exercises[0].checks if p.spec.name == failing.name), None) if failing else None
    inputs_changed = planned is not None and set(planned.spec.stages) == {"unchanged"}
    # a function named: its own case to explain, or the first public one it returns on
    cases = [planned.spec.case] if planned else [spec.functions[name].explain or next(
        c.case for c in spec.selected("public") if c.function == name and not spec.cases[c.case].raises)]
    if inputs_changed:  # the change may have been made on another of the function's cases
        cases += [c.case for c in spec.selected("public") if c.function == name]
    for case in dict.fromkeys(cases):
        call = plans.make_call(spec, spec.functions[name], spec.cases[case])
        reply = worker.trace(exercise.id, name, call.arguments)
        if not reply.ok and reply.error.type == "MissingFunction" and source.deleted(name):  # as check says it
            raise ValueError(f"{name} could not be explained: "
                             + judges.error_message(spec.functions[name], source, reply.error))
        if not reply.ok:
            # why, when a load note knows (a def in markdown); a call that hung was loaded, and its note says it hung
            note = f". {result.message}" if result.message and not reply.error.timed_out else ""
            # a def that raised (a default read from a skipped line) or whose cell did not parse, as check says it
            written = reply.error.type == "MissingFunction" and source.cells and source.def_lines(name)
            said = (f"it is written at {source.where(written[0])}, but it did not run" if written
                    else reply.error.message)
            raise ValueError(f"{name} could not be explained: {said}{note}")
        trace = reply.value
        first = trace.events[0][0] if trace.events else None
        source = _magic_cell(source, first, name)
        lines = _function_lines(source, first)
        ran = [line for line, _ in trace.events] + [trace.ended_at or 1]  # learner code can send any
        if trace.events and not lines or not 0 < min(ran) <= max(ran) <= len(source.lines):
            # another module's (dnn_utils' sigmoid imported), or a forged trace
            raise ValueError(f"{name} could not be explained: the lines it ran are not those of a def in "
                             f"{source.path.name}; backprop check says what is wrong with it")
        left = _changed_in_place(lines, trace.events)
        if not inputs_changed or left[0] is not None:
            break
    return _explained(spec, call, source, trace, lines, left, failing, inputs_changed, planned)


# --------------------------------------------------------------------- judging lines

def _explained(spec, call, source, trace, lines, left, failing, inputs_changed, planned) -> Explanation:
    mistake = failing.misconception if failing is not None and failing.misconception in spec.mistakes else ""
    check = f"{failing.name}\n{failing.message}" if failing is not None else ""
    function = call.function
    tolerance = (planned.spec.rtol, planned.spec.atol) if planned is not None else TOLERANCE
    sizes = _sizes(call.case.params, call.inputs)
    quantities = {} if call.case.raises else {  # on a case where a right function raises, nothing to compute
        **getattr(spec.rules, "QUANTITIES", {}).get(function.name, lambda **_: {})(**call.inputs),
        **_outputs(function, call.expected)}
    changes, state, last, seen_at = [], {}, {}, {}  # each change: (event, line, label, value, key), a variable's or a dict entry's
    making = (0, None, None)  # (event, line, variable) that last took the value returned, not as an argument (event 0)
    for index, (at, changed) in enumerate(trace.events):
        for name, value in changed.items():  # past a cut, told at the return: at the line that last changed it
            line = seen_at.get(name, at) if trace.cut and at == trace.ended_at else at
            seen_at[name] = line
            if making[0] < index and _same_value(value, trace.returned):  # an event's first such variable
                making = (index, line, name)
            before = state.get(name)
            last[name] = index  # a label's last change
            if isinstance(value, dict):  # its entries that are new or differ from before's
                old = before if isinstance(before, dict) else {}
                entries = [(key, item) for key, item in value.items()
                           if not (key in old and _same_value(item, old[key]))]
                last.update((f"{name}[{key!r}]", index) for key, _ in entries)
                changes += [(index, line, f"{name}[{key!r}]", item, key)
                            for key, item in entries if isinstance(key, str)]
            elif not (isinstance(value, Unsupported) and value == before):  # not self with new attributes
                changes.append((index, line, name, value, name))
            state[name] = value
    judge, notes = _Judge(quantities, sizes, _arrays(call.inputs), tolerance), {}  # line -> {label: note}
    if trace.error is None:  # outputs returned in the derivation's shape: before, the learner's layout (rows, (n,))
        judge.settled = {name for name, value in _outputs(function, trace.returned).items()
                         if isinstance(value, np.ndarray) and value.shape == np.shape(quantities.get(name))}
    for index, line, label, value, key in changes:  # judged at its last change, but for the arguments, given, not made
        judge.line = line
        notes.setdefault(line, {}).update((n.name, n) for n in judge.note(label, value, 0 < index == last[label], key))
    notes = {line: list(found.values()) for line, found in notes.items()}  # a loop's line: its last pass
    def place(n):  # (its number, its cell's name or ""): a line as the learner sees it, in its notebook cell
        cell = source.cell_of(n) if source.by_cell and n else None
        return (n, "") if cell is None else (n - source.cells[cell] + 1, source.cell_names[cell])
    # no end seen: a debugger that breakpoint() started took the trace over and quit, raising where it stopped
    end = trace.ended_at or trace.error and trace.error.function == function.name and trace.error.line or None
    if call.case.raises:
        said = (_raised(source, end, trace.error, state, sizes, function.name) if trace.error is not None
                else "yours returned instead.")
        judge.first_wrong = (end, f"on this case a right {function.name} raises {call.case.raises}; {said}")
    elif trace.error is None:
        _, made, by = making  # an array filled in a loop is made there, not at `return grad`; None: at the return
        judge.line = made or end  # before the judging: a wrong value departs there
        returned = judge.returned(call, trace.returned, by)
        if not (by and isinstance(trace.returned, dict)):  # a dict's entries are noted where each was made
            notes[judge.line] = [n for n in notes.get(judge.line, ()) if n.name not in {r.name for r in returned}] + returned
        if not any(note.verdict == "wrong" for note in returned):  # a variable that meant something
            judge.first_wrong = (None, "")  # else (dW before its 1/m) made no wrong output: not judged
            notes = {n: [replace(note, verdict="") if note.verdict == "wrong" else note for note in found]
                     for n, found in notes.items()}
    departure, message = judge.first_wrong
    first_run = {line: i for i, (line, _) in reversed(list(enumerate(trace.events)))}.get
    mistaken = _made_by(spec, mistake, call, [c for c in changes if c[0] == last[c[2]]], tolerance)
    if mistaken and first_run(mistaken[0]) < first_run(departure, len(trace.events)):
        departure, message = mistaken  # the learner's values depart there, before the value judged
    judged_at = departure  # a value's line, not a raise's nor an argument's
    if inputs_changed or left[0] is not None and first_run(left[0]) < first_run(departure, len(trace.events)) and any(
            "unchanged" in c.stages for c in spec.selected("public") if c.function == function.name):
        departure, message = left  # an argument left changed: before the values it spoils
    beyond = next((n for n, _ in trace.events if lines and n not in dict(lines)), None)  # in a callee, followed
    if trace.error is not None and departure is None:  # raised in the function it calls, where that one is shown
        departure = beyond and trace.error.function != function.name and trace.error.line or end
        message = _raised(source, departure, trace.error, state, sizes, function.name,
                          departure != end and place(end)[0])
        message += f" {judges.signature_hint(function, trace.error.message)}".rstrip()
    if departure is None and check and trace.error is None:  # never "all right" beside a failing check: say what it
        # finds; an error raised before a line ran (its arguments not bound) is said by _raised, not as None returned
        try:  # a run on another case finds nothing; a value compare cannot take is left to the check's name
            found = (judges.problems_of(planned, Reply(True, trace.returned))
                     if call.case is planned.call.case else [])
        except Exception:  # noqa: BLE001
            found = []
        at = end if isinstance(trace.returned, dict) else judge.line or end  # a dict lacking keys: its return
        departure, message = (at, found[0][1].message) if found else (
            None, f"No line above departs from the derivation on this run, yet the check fails: "
                  f"{planned.spec.name}.")
        said = Note(function.returns[0] if len(function.returns) == 1 else "returned",
                    compare.describe(trace.returned), verdict="wrong")  # in place of its note unjudged
        notes[departure] = [n for n in notes.get(departure, ()) if n.name != said.name] + [said]
    cell = place(lines[0][0] if lines else 1)[1]
    where = f"{cell} of {source.path.name}" if cell else source.path.name
    # a callee's def line, its arguments departing; a line of the file (a forged trace's error may be on any)
    handed = (0 < (departure or 0) <= len(source.lines) and end in dict(lines) and departure not in dict(lines)
              and re.match(r"[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)", source.lines[departure - 1]))
    if beyond:
        cell = place(beyond)[1]
        what = "the error is raised" if trace.error else "what it returns is made"
        lines += [("", f"# {what} here{f', in {cell}' if cell else ''}:"),
                  *_function_lines(source, beyond, delegate=True)]
    if departure is not None:
        number, cell = place(departure)
        message = f"Line {f'{number} of {cell}' if cell else number} is the first that departs from the derivation: {message}"
    if handed:
        message += (f" That value is an argument of {handed[1]}, passed down from line {place(end)[0]} of "
                    f"{function.name}: look at what that line passes.")
    departing = source.lines[departure - 1] if departure is not None and departure == judged_at else ""
    nodes = submission.syntax_nodes(departing.strip().removeprefix("return ") or "None")  # a line of several: None
    stored = {id(n.value) for n in nodes or () if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store)}
    read = nodes and {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                      and id(n) not in stored}  # grads["dW3"] = ...: a dict written, not what dW3 comes from
    unnamed = sorted({name: (seen_at[name], name, np.ndim(value) == 0) for _, name, value in _names_in(departing, state)
                      if trace.error is None and isinstance(value, (np.ndarray, np.generic))  # np.float64: np.sum's
                      and seen_at[name] != departure and (read is None or name in read)
                      and not any(_same_value(g, value) for g in judge.given)  # made, not given nor unpacked
                      and not any(n.name == name and n.verdict for x in notes.values() for n in x)}.values())
    # A_prev = A at a loop's top: what this line made on an earlier pass, so it departed there already
    carried = [(n, name) for n, name, _ in unnamed if any(line == departure and index < last[name] and label != name
                                                          and _same_value(value, state[name])
                                                          for index, line, label, value, _ in changes)]
    unnamed = [u for u in unnamed if u[:2] not in carried]
    if carried:
        message += (" It is computed from " + " and ".join(f"{name} (line {place(n)[0]})" for n, name in carried)
                    + ", which holds what this line made on an earlier pass of its loop: it departs there already, "
                      "and the values shown are its last pass's.")
    if unnamed and not (mistake and judge.factor and judged_at == judge.first_wrong[0]):  # else its factor says why
        # std_eps = std + eps, np.sum(A * dA): a value the derivation does not name, not judged where made
        message += (" It is computed from " + " and ".join(f"{name} (line {place(n)[0]}{', one number' * one})"
                                                          for n, name, one in unnamed)
                    + ", which the derivation does not name and explain cannot judge: if this line is right, look there.")
    spoilt = next(((line, label, "nan" if np.isnan(value).any() else "inf") for _, line, label, value, _ in changes
                   if _non_finite(value)), None)  # an overflow's nan, passed along to what it returns; not an inf
    if departing and trace.error is None and spoilt and spoilt[0] != departure and any(  # that 1 / (1 + inf) made 0
            map(_non_finite, compare.leaves(trace.returned))):
        message += f" {spoilt[1]} (line {place(spoilt[0])[0]}) is the first value with {spoilt[2]} in it."
    if departing and trace.error is None:  # `global m`: the 400 of a data cell, not this case's m
        used = _names_in(departing, state)
        message += "".join(f" {said}." for said in _outside(source, used, state, function.name))
    aliased = _aliased(lines, trace.events[:-1] if trace.cut else trace.events)  # a cut's last event: lines merged
    if aliased and message:
        line, written, others = aliased
        names = {written, *others}  # the line that named it again: one pattern, as a forged trace's names are any text
        named = next(((n, *m.groups()) for n, code in lines
                      if (m := re.fullmatch(r"[ \t]*(\w+)[ \t]*=[ \t]*(\w+)[ \t]*(?:#.*)?", code))
                      and m[1] != m[2] and {m[1], m[2]} <= names), None)
        a, b = named[1:] if named else (written, others[0])
        message += (f" Line {place(line)[0]} changed {submission.listed(others)} as well as {written}: they are one "
                    f"array under {'two names' if len(others) == 1 else 'several names'} "
                    + (f"(line {place(named[0])[0]}'s {a} = {b} gives {b}'s array a second name" if named else
                       f"(an assignment such as {a} = {b} gives an array a second name")
                    + f"; {a} = {b}.copy() makes a new one).")
    if trace.cut and message:  # the lines past the cut are not shown: what they made is, at the return
        message += (f" (explain watches the first {TRACE_EVENTS} lines a function runs, and yours ran more: a value made "
                    "after those is shown at the line that last changed it before, or else at the line it returns from.)")
    named = ", ".join(f"{name} = {value}" for name, value in sizes.items())
    case = (call.case.about or call.case.name) + (f"; its sizes: {named}" if named else "")
    return Explanation(
        spec.exercise, function.name, check, case,
        where, tuple(Line(place(n)[0], code, tuple(notes.get(n, ())), n == departure) for n, code in lines),
        None if departure is None else place(departure)[0], message,
        f"{mistake}: {spec.mistakes[mistake].strip()}" if mistake else "", *_derivation(spec.exercise, mistake),
        given=next((t for t in function.given.values() if t in check), ""))  # as check says it (masks given, ...)


def _non_finite(value) -> bool:
    """Does value, an array or a number of floats, hold nan or inf?"""
    return isinstance(value, (np.ndarray, np.generic, float)) and np.asarray(value).dtype.kind in "fc" and not (
        np.isfinite(value).all())


def _made_by(spec, mistake, call, changes, tolerance) -> tuple | None:
    """(line, why) of the first variable holding what the mistake the check named computes, where
    the rules module says what that is (ex06's one-sided difference): no quantity names it."""
    what, made = getattr(spec.rules, "MADE_BY", {}).get(mistake, ("", None))
    values = made(**call.inputs) if made else []
    return next(((line, f"{label} is {what}" + f": on the last pass, {_number(value)}" * (np.size(value) == 1)
                  + ".") for _, line, label, value, _ in changes  # an array's values are not said
                 if any(_verdict(value, v, tolerance)[0] == "right" for v in values)), None)


def _changed_in_place(lines, events) -> tuple:
    """(line, why) of the line that left an argument changed, not named anew (dZ = dA, then
    dZ[Z <= 0] = 0, changes dA too): after the last line that left every argument as given,
    the first to change one, or the last to change the entries of an array that it changed
    (theta[i] += eps, then -= 2 * eps, never put back); (None, "") if none was left changed."""
    own, given = dict(lines), dict(events[0][1]) if events else {}
    now, at, renamed = dict(given), None, set()  # each argument's values as the lines leave them; at: (line, name, mask)
    for line, changed in events[1:]:
        if line not in own:  # the lines of a function it calls, followed, come last
            break
        for name in set(now).intersection(changed) - renamed:
            if re.match(rf"{re.escape(name)}\s*=[^=]", own[line].strip()):  # `dA = ...`: no longer the caller's
                renamed.add(name)
                continue
            before, now[name] = now[name], changed[name]
            moved = before != now[name] if isinstance(before, np.ndarray) and np.shape(before) == np.shape(now[name]) else None
            if at is None:
                at = (line, name, moved)
            elif at[1] == name and np.shape(at[2]) == np.shape(moved) != () and np.any(moved[at[2]]):  # z.shape = ...
                at = (line, *at[1:])  # the same entries changed again: the last such line leaves them
        if at is not None and all(_same_value(now[n], given[n]) for n in now):
            at = None  # every argument is as given again: put back
    kind = "array" if at is None or isinstance(given[at[1]], np.ndarray) else type(given[at[1]]).__name__  # a list
    return (None, "") if at is None else (at[0], (
        f"it changes the argument {at[1]} in place and leaves it changed when the function returns, and with it "
        f"the caller's {kind}: put back what you change, or work on a copy ({at[1]}.copy()) or a new {kind}."))


_ALIASED_MOST = 32  # names one line changes, past which _aliased passes it over


def _aliased(lines, events) -> tuple | None:
    """(line, name, others) of the first of the function's own lines that changed a variable it names and, to the
    same values, others it does not name: one array under several names (theta_plus = theta, then
    theta_plus[i] += eps, changes theta); None if none did."""
    own = {line: set(re.findall(r"[A-Za-z_]\w*", code)) for line, code in lines}  # the names of each, read once
    seen = set(events[0][1]) if events else set()
    for line, changed in events[1:]:
        if line not in own:  # the lines of a function it calls, followed, come last
            break
        named = own[line]  # a line changes a few names: a forged event's 6,000 made 9 million pairs to compare (21 s)
        unnamed = [n for n in changed if len(changed) <= _ALIASED_MOST and n in seen and n not in named
                   and isinstance(changed[n], (np.ndarray, dict, list))]
        for name in (n for n in changed if n in seen and n in named):
            others = [n for n in unnamed if _same_value(changed[n], changed[name])]
            if others:
                return line, name, others
        seen.update(changed)
    return None


def _derivation(exercise_id: str, mistake: str) -> tuple:
    """The derivation's page, its section on the mistake the check named if it has one (else the
    derivation), and that section's text."""
    page = paths.derivation(exercise_id)
    if not page.is_file():
        return None, "", ""
    text = page.read_text(encoding="utf-8")
    named = mistake and f"### `{mistake}`\n" in text
    heading = f"### `{mistake}`" if named else "## Derivation"
    reading = re.split(r"^#{1,3} ", text.partition(heading + "\n")[2], flags=re.M)[0].strip()
    return page, f"Mistakes the autograder recognises: {mistake}" if named else "Derivation", reading


def _outputs(function, expected) -> dict:
    """The function's returned values, by the names the derivation gives them."""
    if isinstance(expected, dict):
        return {key: value for key, value in expected.items() if isinstance(key, str)}
    if len(function.returns) > 1 and isinstance(expected, (tuple, list)):
        return dict(zip(function.returns, expected))
    return {function.returns[0]: expected}


def _arrays(value) -> list:
    """Every array among a case's inputs: a learner's value equal to one was given, not made."""
    return [leaf for leaf in compare.leaves(value) if isinstance(leaf, np.ndarray)]


class _Judge:
    """Sets each value a line made beside the quantity it is, and keeps the first that departs."""

    def __init__(self, quantities: dict, sizes: dict, given: list, tolerance=TOLERANCE):
        self.quantities, self.given = quantities, given
        self.tolerance = tolerance  # the failing check's: a value it found wrong is wrong here too
        counts = Counter(sizes.values())  # {size: its name}, of a size only one name has: a 3 that is m and n_h is 3
        self.names = {size: symbol for symbol, size in sizes.items() if counts[size] == 1}
        self.first_wrong, self.factor = (None, ""), None  # factor: of the first wrong value's to the derivation's
        self.line = self.float32 = None  # float32: (line, label) of the first value made float32
        self.settled = set()  # outputs whose returned value has their shape: a slip of it before was undone

    def returned(self, call, value, by) -> list:
        """Notes on what call's function returned, judged under the names of its returns (and
        by the learner's name for it, by, when it has one)."""
        returns = call.function.returns
        if len(returns) > 1:
            order = compare.reordered(value, call.expected, returns, *self.tolerance)
            if order:
                if self.first_wrong[0] is None:  # no line before it departs
                    self.first_wrong = (self.line, f"it {order}")
                return [Note("returned", compare.describe(value), verdict="wrong")]
            if isinstance(value, (tuple, list)) and len(value) == len(returns):
                return [n for name, item in zip(returns, value) for n in self.note(name, item, True, name)]
            return []  # None, or no tuple of that length: the failing check's words say it (_explained)
        if isinstance(value, dict):  # keys it lacks: the check's words too
            return [note for key, item in value.items() if isinstance(key, str)
                    for note in self.note(f"{returns[0]}[{key!r}]", item, True, key)]
        return self.note(by or returns[0], value, True, returns[0])

    def note(self, label, value, judged, key) -> list:
        """Notes on a value labelled so, the quantity key (a dict's entry: its key), judged or only shown."""
        if isinstance(value, Unsupported):
            return [Note(label, value.type_name)]
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (np.ndarray, int, float, np.number)):
            return [Note(label, compare.describe(value))] if isinstance(value, (list, tuple)) else []
        if isinstance(value, np.ndarray) and any(_same_value(g, value) for g in self.given):
            return [Note(label, self.shape_text(value))]  # given, not made: nothing to judge
        if self.float32 is None and getattr(value, "dtype", None) == np.float32 and np.any(value != np.round(value)):
            self.float32 = (self.line, label)  # not a 0/1 mask, which float32 holds exactly
        quantity = self._quantity(key, value)
        shown = self.shape_text(value)
        small = value if isinstance(value, np.ndarray) and value.size <= 64 else None  # for the HTML page
        if quantity is None:
            return [Note(label, shown, values=small)]  # _quantity found it equal to none
        expected = self.quantities[quantity]
        if quantity in self.settled and isinstance(value, np.ndarray) and compare.shape_slip(value, expected):
            expected = expected.T if value.ndim == 2 else expected.reshape(value.shape)  # judged in its layout
        must = self.shape_text(expected)
        if isinstance(value, np.ndarray) and not isinstance(expected, np.ndarray):  # beside J's number, like with like:
            shown, must = (_number(value), must) if value.size == 1 else (shown, "one number")  # a (1, 1) cost's number
        verdict, why = _verdict(value, expected, self.tolerance)
        note = Note(label, shown, must, verdict if judged else "", quantity, small)
        if judged and verdict == "wrong" and self.first_wrong[0] is None:
            self.first_wrong = (self.line, self._why(label, quantity, value, expected, why))
            if self.float32 and why == "values" and np.allclose(value, expected, rtol=1e-3):  # float32's drift
                self.first_wrong = (self.float32[0], f"{self.float32[1]} holds float32 numbers from here on, about 7 "
                                    f"digits, too few for the check; compute in float64. {self.first_wrong[1]}")
        return [note]

    def _quantity(self, key, value):
        """The quantity a learner's name stands for: itself, or the member of its family
        (A for A0 .. AL) of the value's shape; None for a name the derivation does not give."""
        if key in self.quantities:
            return key
        same_shape = [m for m, q in self.quantities.items() if (family := _FAMILY.fullmatch(m))
                      and family[1] == key and np.shape(q) == np.shape(value)]
        if not same_shape:  # a name reused for another quantity (A for AL, after the loop)
            return self._equal_to(value) or None
        return next((m for m in same_shape if _verdict(value, self.quantities[m], self.tolerance)[0] == "right"),
                    same_shape[0])

    def _equal_to(self, value) -> str:
        """The quantity an unnamed variable's value is, if any: of its shape (a cost of one example
        is not the cost), never a size that is not the case's only size of that value, nor a zero."""
        return next((name for name, expected in self.quantities.items()
                     if _verdict(value, expected, self.tolerance)[0] == "right" and np.shape(value) == np.shape(expected)
                     and (type(expected) is not int or expected in self.names) and np.any(expected)), "")

    def _why(self, label, quantity, value, expected, why) -> str:
        named = "" if label == quantity or label.endswith(f"[{quantity!r}]") else f" (it stands for {quantity})"
        other = self._equal_to(value)  # grads['dW2'] holding dW3: a name off by one
        also = f" Its values are those of {other}." if other and other != quantity else ""
        if why == "shape":
            has = f"has the shape {self.shape_text(value)}" if isinstance(value, np.ndarray) \
                else f"is the number {self.shape_text(value)}"
            must = (f"have the shape {self.shape_text(expected)}" if isinstance(expected, np.ndarray)
                    else "be one number")
            must += {"transposed": ": yours is its transpose", "column": ": a column keeps its second axis "
                     "(keepdims=True)"}.get(compare.shape_slip(value, expected), "")
            summed = compare.summed_whole(quantity, value, expected)
            return f"{label}{named} {has}; {quantity} must {must}.{also}{summed}"
        if np.iscomplexobj(value):  # as floats, its imaginary parts would go unseen
            return (f"{label}{named} holds complex numbers ({np.asarray(value).dtype}); the derivation's {quantity} "
                    "is real.")
        if np.ndim(expected) == 0:
            return (f"{label}{named} is {self.size_text(value)}; the derivation's {quantity} is "
                    f"{self.size_text(expected)} here.{also}")
        diff = ~np.isclose(np.asarray(value, dtype=float), expected, *self.tolerance)
        first = tuple(int(i) for i in np.argwhere(diff)[0])
        mine, theirs = float(np.asarray(value)[first]) + 0.0, float(expected[first])  # -0 is 0; digits to differ:
        d = next((d for d in range(6, 17) if f"{mine:.{d}g}" != f"{theirs:.{d}g}"), 6)  # a float32's last ones
        which = "its one value differs" if diff.size == 1 else f"{int(diff.sum())} of its {diff.size} values differ"
        shape = ("has the right shape, but" if np.shape(value) == np.shape(self.quantities[quantity]) else
                 f"is {self.shape_text(value)} as you lay it out, and")
        self.factor = value.shape == expected.shape and compare.factor_of(np.asarray(value, float), expected)
        times = (f" Each of yours is {self.size_text(float(f'{self.factor:.3g}'))} times {quantity}'s."
                 if self.factor else "")
        return (f"{label}{named} {shape} {which} from the derivation's {quantity}: "
                f"{f'at {first}, ' * (diff.size > 1)}yours is {mine:.{d}g}, {quantity} is {theirs:.{d}g}.{times}{also}")

    def size_text(self, value) -> str:
        """A number, and the size it is when it is one: 3 (n_{l-1})."""
        text = _number(value)
        symbol = next((name for size, name in self.names.items() if text == str(size)), "")
        return f"{text} ({symbol})" if symbol else text

    def shape_text(self, value) -> str:
        if not isinstance(value, np.ndarray) or value.ndim == 0:
            return _number(value)
        symbols = [self.names.get(n, str(n)) if n != 1 else "1" for n in value.shape]
        text = str(tuple(value.shape))
        return text if all(s.isdigit() for s in symbols) else f"{text} = ({', '.join(symbols)}{',' * (len(symbols) == 1)})"


def _verdict(value, expected, tolerance) -> tuple:
    """("right" or "wrong", "shape" or "values") of a value against the derivation's."""
    rtol, atol = tolerance
    if isinstance(expected, np.ndarray):
        if not isinstance(value, np.ndarray) or value.shape != expected.shape:
            return "wrong", "shape"
        with np.errstate(all="ignore"):
            close = value.dtype.kind in "biuf" and np.allclose(value, expected, rtol=rtol, atol=atol)
        return ("right" if close else "wrong"), "values"
    if isinstance(expected, (int, float, np.number)) and not isinstance(expected, bool):
        if isinstance(value, np.ndarray) and value.size != 1:
            return "wrong", "shape"
        try:
            right = abs(float(np.asarray(value).reshape(())) - float(expected)) <= atol + rtol * abs(float(expected))
        except (TypeError, ValueError, OverflowError):  # not a number, or one no float holds (10**400)
            right = False
        return ("right" if right else "wrong"), "values"
    return "", ""


def _same_value(a, b) -> bool:
    """a and b hold the same values, containers entry by entry."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same_value, a, b))
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # noqa: BLE001 -- values of any type: unequal when they will not say
        return False


def _number(value) -> str:
    number = np.asarray(value).reshape(()).item() if np.size(value) == 1 else value
    if type(number) is int and abs(number) >= 10**15:  # 10**400: no float holds it, nor a line its digits
        return f"an integer of {int(math.log10(abs(number))) + 1} digits"
    return f"{number:.6g}" if isinstance(number, float) else str(number)


def _sizes(params: dict, inputs) -> dict:
    """The case's sizes by the names the derivation gives them (n[l] for layer_dims); none when
    an input has a size the case leaves unnamed, which a named size of its value could be taken for."""
    sizes = {}
    for name, value in params.items():
        if name == "dims" and isinstance(value, list):
            sizes.update((f"n[{layer}]", n) for layer, n in enumerate(value) if n != 1)
        elif type(value) is int and value > 1:
            sizes["n_{l-1}" if name == "n_prev" else name] = value  # the builders' keyword, as the exercises write it
    return {} if {n for array in _arrays(inputs) for n in array.shape if n > 1} - set(sizes.values()) else sizes


# ------------------------------------------------------------------------ the source

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _function_lines(source, first: int | None, delegate: bool = False) -> list:
    """(number, code) of each line of the function the trace ran, whatever its name: the one whose def
    (or decorator) is at line first; delegate: the innermost that holds line first, one it returns from."""
    lines, nodes = source.lines, source.nodes
    if nodes is None and first and source.cells:  # a notebook's cell that does not parse: first's cell alone
        cell = source.cell_of(first)
        end = source.cells[cell + 1] - 1 if cell + 1 < len(source.cells) else len(lines)
        nodes = submission.syntax_nodes("\n" * (source.cells[cell] - 1) + "\n".join(lines[source.cells[cell] - 1:end]))
    node = max((n for n in nodes or () if isinstance(n, (*_DEFS, ast.Lambda)) and (
        n.lineno <= first <= n.end_lineno if delegate else first in _def_lines(n))), key=lambda n: n.lineno, default=None)
    return [] if node is None else [(n, lines[n - 1].rstrip("\r")) for n in range(min(_def_lines(node)), node.end_lineno + 1)]


def _magic_cell(source, first, name):
    """source, or the last cell that defines name at line first when that is a %%time or %%capture
    cell of nbconvert's script, run_cell_magic('time', '', '<the cell>'): the worker runs the
    cell's string, so the trace numbers its lines within it."""
    def defines(nodes):
        return any(isinstance(n, _DEFS) and n.name == name and first in _def_lines(n) for n in nodes or ())
    cells = [(n.lineno, *(a.value for a in n.args)) for n in (() if defines(source.nodes) else source.nodes or ())
             if getattr(getattr(n, "func", None), "attr", "") == "run_cell_magic"
             and [type(getattr(a, "value", None)) for a in n.args] == [str] * 3]
    return next((replace(source, text=cell, cells=(1,), cell_names=(f"the %%{magic} cell at line {line}",))
                 for line, magic, _, cell in reversed(cells)
                 if magic in ("time", "capture") and defines(submission.syntax_nodes(cell))), source)


def _def_lines(node) -> tuple:
    """The lines a function's code may start at, its def's and its decorators'."""
    return (node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ())))  # a lambda has none


def _raised(source, line, error, state, sizes, function, reached=None) -> str:
    """A line of source that raised, with the shapes of the learner's variables it uses; reached:
    function's line whose call led there, when it raised in a function it calls."""
    judge, lines = _Judge({}, sizes, []), source.lines
    used = _names_in(lines[line - 1] if line and 0 < line <= len(lines) else "", state)
    unset = error.type == "NameError" and re.match(r"name '(\w+)' is not defined", error.message)
    operands = _outside(source, used, state, function, unset and unset[1])
    operands += [f"{label} is {judge.shape_text(value)}" for label, _, value in used if isinstance(value, np.ndarray)]
    inside = f" inside {error.function}" if error.function and error.function != function else ""
    inside += f", reached from line {reached} of {function}" if reached else ""
    said = source.worded(error.message).rstrip()  # numpy's broadcast error ends in a space; Ng's assert(...) none
    said = said or "your own assert failed on these inputs" * (error.type == "AssertionError")
    return judges.ended(f"it {error.said(said, inside)}") + (" " + "; ".join(operands) + "." if operands else "")


def _outside(source, used, state, function, unset=None) -> list:
    """What to say of the names a line uses that are set at the file's top level, not in function;
    unset: the name it raised NameError for, whose assignment did not run (sympy's, its import skipped)."""
    lines = source.lines
    top_level = {m.group(1) for m in map(re.compile(r"([A-Za-z_]\w*)[ \t]*=[^=]").match, lines) if m}
    setter = unset and next((n for n, line in enumerate(lines, 1) if unset in line and not line[:1].isspace()
                             and unset in submission.kernel_globals(line[:1000])), None)  # `from keras import
    top_level |= {unset} if setter else set()  # backend as K` at the top, skipped: K, not backend
    outside = {name for _, name, _ in used if name not in state and name in top_level}
    # a name called through a subscript, DERIVATIVES[activation](Z1), is a table of functions, not an input: found in
    # one search of the text, not one a name (a line of 1,000 of the file's names took 30 s over 2 MiB); its code only
    code = re.sub(r"#[^\n]*", "", source.text) if outside else ""  # `# m[k](x) was my first try` calls nothing
    tables = set(re.findall(r"\b(\w+)(?=\s*\[[^]\n]{0,200}\]\s*\()", code))
    return [f"{name} is set outside the function{f', at {source.where(setter)},' if setter else ''} by a statement "
            "that did not run when your file was loaded (backprop check says why)" if name == unset else
            f"{name} is not one of {function}'s own variables but your file's, set outside the function: "
            f"use the arguments {function} is given" for name in sorted(outside - tables)]


def _names_in(code: str, state: dict) -> list:
    """(label, variable, its value in state) of the variables (and constant-key subscripts such
    as parameters["W2"], a dict's entry) a line uses."""
    nodes = submission.syntax_nodes(code.strip().removeprefix("return ").rstrip(":") or "None")
    if nodes is None:
        return [(name, name, state.get(name)) for name in dict.fromkeys(re.findall(r"[A-Za-z_]\w*", code))]
    found = {}
    for node in nodes:
        if isinstance(node, ast.Subscript) and type(node.value) is ast.Name and type(node.slice) is ast.Constant:
            entries = state.get(node.value.id) if isinstance(state.get(node.value.id), dict) else {}
            found.setdefault(f"{node.value.id}[{node.slice.value!r}]", (node.value.id, entries.get(node.slice.value)))
        elif isinstance(node, ast.Name):
            found.setdefault(node.id, (node.id, state.get(node.id)))
    return [(label, name, value) for label, (name, value) in found.items()]


# ------------------------------------------------------------------------- rendering

NOTES_WIDTH = 72  # characters of notes on a terminal's line, beside the code
PROSE_WIDTH = 80  # characters of a line of the explanation's sentences
_ALL_RIGHT = "Every quantity the derivation names came out right on this case."
_MARKS = {"right": "\N{CHECK MARK}", "wrong": "\N{BALLOT X}", "": ""}


def _note_text(note: Note) -> str:
    text = f"{note.name} {note.shown}"
    if note.verdict == "wrong" and note.expected and note.expected != note.shown:
        text += f", must be {note.expected}"
    if note.quantity and note.quantity != note.name and not note.name.endswith(f"[{note.quantity!r}]"):
        text += f" = {note.quantity}" if note.verdict != "wrong" else f" (for {note.quantity})"
    return f"{text} {_MARKS[note.verdict]}".rstrip()


def text(explanation: Explanation, *, colour: bool = False) -> str:
    """The explanation for a terminal: the learner's lines with what each made beside them."""
    e = explanation
    out = [_prose(f"{e.exercise}: {e.function}, run on {e.case}")]
    if e.check:
        out.append(_prose("The check that failed: " + inert(e.check.splitlines()[0])))
    out += ["", f"  {inert(e.where)}"]
    width = min(64, max((len(line.code) for line in e.lines), default=0))
    for line in e.lines:
        rows = _packed([_note_text(n) for n in line.notes])
        mark = ">" if line.departs else " "
        for n, noted in enumerate(rows):
            code = f"{mark} {line.number:>4} | {line.code:<{width}}" if n == 0 else f"{'':>6} | {'':<{width}}"
            row = inert(code + (f"   {noted}" if noted else "")).rstrip()
            out.append(paint(row, "31", colour) if line.departs else row)
    out += ["", paint(_prose(inert(e.message)), "1", colour) if e.message else _prose(_ALL_RIGHT)]
    out += ["", _prose(inert(e.given))] if e.given else []
    if e.mistake:
        named, _, said = e.mistake.partition(": ")
        out += ["", f"The check recognised a known mistake, {named}:", said]
    if e.derivation:
        out += ["", _prose(f"The derivation, step by step: {e.derivation}")]
    return "\n".join(out)


def _prose(text: str) -> str:
    """A paragraph of the explanation's own words, in lines that fit a terminal of 80 columns."""
    return textwrap.fill(text, PROSE_WIDTH, break_long_words=False, break_on_hyphens=False)


def _packed(notes: list) -> list:
    """Notes as rows of NOTES_WIDTH characters or so, whole notes each: the notes of a cache
    of 14 names go on under the notes' column rather than off the screen."""
    rows = [""]
    for note in notes:
        if rows[-1] and len(rows[-1]) + 2 + len(note) > NOTES_WIDTH:
            rows[-1] += ";"
            rows.append(note)
        else:
            rows[-1] = f"{rows[-1]}; {note}" if rows[-1] else note
    return rows


def html(explanation: Explanation) -> str:
    """The same for Jupyter: a table of the lines; a small array's values show on hover."""
    import html as markup

    e = explanation
    rows = []
    for line in e.lines:
        notes = []
        for note in line.notes:
            shown = "" if note.values is None else np.array2string(note.values, precision=3)
            values = f" title='{markup.escape(shown)}'" if shown else ""
            notes.append(f"<span{values}>{markup.escape(_note_text(note))}</span>")  # the theme's colour; ✓ or ✗
        style = " style='font-weight:bold;outline:2px solid'" if line.departs else ""  # a frame: no colour of its own
        rows.append(f"<tr{style}><td>{line.number}</td><td style='text-align:left'><pre style='margin:0'>"
                    f"{markup.escape(line.code)}</pre></td><td style='text-align:left'>{'; '.join(notes)}</td></tr>")
    parts = [f"<p><b>{markup.escape(e.exercise)}: {markup.escape(e.function)}</b>, run on {markup.escape(e.case)}</p>"]
    if e.check:
        parts.append(f"<p>The check that failed: {markup.escape(e.check.splitlines()[0])}</p>")
    parts.append(f"<p>{markup.escape(e.where)}</p><table>{''.join(rows)}</table>")
    parts.append(f"<p><b>{markup.escape(e.message or _ALL_RIGHT)}</b></p>")
    parts += [f"<p>{markup.escape(e.given)}</p>"] if e.given else []
    if e.mistake:
        named, _, said = e.mistake.partition(": ")  # the id on a line of its own, as text() puts it
        parts.append(f"<p>The check recognised a known mistake, {markup.escape(named)}:</p>"
                     f"<pre>{markup.escape(said)}</pre>")
    if e.page:
        # folded in, not linked: a file:// link opens nothing in a page served over http
        parts.append(f"<details><summary>The derivation, step by step: {markup.escape(e.page.name)}, section \u201c"
                     f"{markup.escape(e.section)}\u201d</summary><pre style='white-space:pre-wrap'>"
                     f"{markup.escape(e.reading)}</pre>{markup.escape(str(e.page))}</details>")
    return "".join(parts)
