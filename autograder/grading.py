"""The grading pipeline: load -> run in the worker -> judge -> score -> report.

Inputs are made and expected outputs computed here, in the grading process; the worker
only calls the learner's functions and sends back what they returned.
"""
import copy
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from . import catalog, judge, mistakes, spec as specs, submission
from .report import CheckResult, ExerciseResult, SubmissionResult
from .execution.launch import without
from .execution.client import Worker
from .execution.protocol import Reply
from .execution.template import Template
from .execution.wire import Stored

MISSING = object()


@dataclass(frozen=True)
class Call:
    inputs: dict
    expected: object
    reply: object
    case: tuple  # (exercise, function, case, secret): the arguments of _case_data


@functools.lru_cache(maxsize=1024)
def _case_inputs(exercise_id, case_name, secret):
    """A case's inputs: the same for every submission, so a batch makes them once per
    grading process. Callers never modify them."""
    spec = specs.load(exercise_id)
    case = spec.cases[case_name]
    rng = np.random.default_rng(specs.seed(exercise_id, case, secret))
    return spec.rules.CASES[case.build](rng, **case.params)


@functools.lru_cache(maxsize=1024)
def _case_data(exercise_id, function_name, case_name, secret):
    """A case's inputs and the oracle's expected output of function_name on them (None for
    a case that must raise), computed once per grading process. Never modified."""
    spec = specs.load(exercise_id)
    inputs = _case_inputs(exercise_id, case_name, secret)
    expected = None
    if not spec.cases[case_name].raises:
        with np.errstate(all="ignore"):
            expected = spec.rules.EXPECTED[function_name](**copy.deepcopy(inputs))
    return inputs, expected


@functools.lru_cache(maxsize=1024)
def _bounds(case: tuple, rtol: float, atol: float):
    """judge.bounds of a case's expected output, made once per grading process."""
    return judge.bounds(_case_data(*case)[1], rtol, atol)


@functools.lru_cache(maxsize=1024)
def _template(case: tuple) -> Template | None:
    """The Template of a case's expected output (None if it has none), made once."""
    return Template.of(_case_data(*case)[1])


@functools.lru_cache(maxsize=1024)
def _template_bounds(case: tuple, rtol: float, atol: float):
    """judge.bounds of the template's numbers, in the order a matching reply's come."""
    return judge.bounds(_template(case).flat, rtol, atol)


@functools.lru_cache(maxsize=1024)
def _arguments_key(exercise_id, function_name, case_name, secret) -> str:
    """The key a call's arguments are stored under in the worker; the case's seed in it
    tells one course's hidden inputs from another's."""
    seed = specs.seed(exercise_id, specs.load(exercise_id).cases[case_name], secret)
    return f"{exercise_id}/{case_name}/{function_name}/{seed}"


def _arguments(spec, function, case_name, secret) -> list:
    """The positional arguments of function on a case: its inputs in the function's
    order, stopping at the first the case leaves out."""
    inputs = _case_inputs(spec.exercise, case_name, secret)
    arguments = []
    for name in function.args:
        if name not in inputs:
            break
        arguments.append(inputs[name])
    return arguments


@functools.lru_cache(maxsize=64)
def stored_arguments(exercise_id, checks="public", secret="") -> dict:
    """{key: a call's arguments} of every call the checks make: what a worker (or zygote)
    stores once, so that a call travels as its function's name and one key. The same for
    every submission: computed once per grading process; never modified."""
    spec = specs.load(exercise_id)
    values = {}
    for check in spec.selected(checks):
        function = spec.functions[check.function]
        if not function.constant:
            key = _arguments_key(exercise_id, check.function, check.case, secret)
            values[key] = _arguments(spec, function, check.case, secret)
    return values


def arguments_of(exercises, checks="public", secret="") -> dict:
    """stored_arguments of each of exercises together: one store request's values."""
    return {key: value for exercise in exercises for key, value in stored_arguments(exercise.id, checks, secret).items()}


def prepare(checks="public", secret="", exercises=catalog.EXERCISES) -> None:
    """Compute now what grading the exercises needs: the arguments, expected outputs and
    bounds of every check (cached per process), e.g. before forking grading processes."""
    for exercise in exercises:
        spec = specs.load(exercise.id)
        stored_arguments(exercise.id, checks, secret)
        for check in spec.selected(checks):
            case = (exercise.id, check.function, check.case, secret)
            _case_data(*case)
            _bounds(case, check.rtol, check.atol)
            if _template(case) is not None:
                _template_bounds(case, check.rtol, check.atol)


def _make_calls(exercises, worker, checks, secret) -> dict:
    """{(exercise, function, case, secret): Call} of every check of the exercises: their
    calls travel to the worker together, in one request (a constant is read on its own)."""
    made, calls = {}, []
    for exercise in exercises:
        spec = specs.load(exercise.id)
        for function_name, case_name in dict.fromkeys((c.function, c.case) for c in spec.selected(checks)):
            case = (exercise.id, function_name, case_name, secret)
            function = spec.functions[function_name]
            if function.constant:
                made[case] = worker.get(exercise.id, function.name)
            else:
                calls.append((case, (exercise.id, function.name, Stored(_arguments_key(*case)))))
    templates = None if without("templates") else [_template(case) for case, _ in calls]
    replies = worker.calls([call for _, call in calls], templates) if calls else []
    made.update((case, reply) for (case, _), reply in zip(calls, replies))
    return {case: Call(*_case_data(*case), reply, case) for case, reply in made.items()}


def _parts(function, check, value):
    """The (name, value) pairs of a returned value that the check judges."""
    if len(function.returns) > 1:
        pairs = list(zip(function.returns, value))
    elif isinstance(value, dict) and check.outputs:
        pairs = [(k, value.get(k, MISSING)) for k in check.outputs]
    else:
        pairs = [(function.returns[0], value)]
    return [(n, v) for n, v in pairs if not check.outputs or n in check.outputs or isinstance(value, dict)]


def _shape_problems(function, check, call):
    """Problems with the returned value as a whole (None, a wrong tuple, missing keys: of
    a dict, only those of the check's outputs, so that each group of keys is judged alone)."""
    value, expected = call.reply.value, call.expected
    name = function.returns[0] if len(function.returns) == 1 else f"{function.name}(...)"
    if value is None:
        return [judge.Problem("", "type", f"{function.name} returned None: is a `return` missing?")]
    if isinstance(expected, dict) and check.outputs:
        expected = {key: expected[key] for key in check.outputs}
        value = {key: value[key] for key in check.outputs if key in value} if isinstance(value, dict) else value
    if len(function.returns) > 1 or isinstance(expected, dict):
        whole = judge.compare(name, value, expected, stages=("type",), rtol=0, atol=0)
        outer = [p for p in whole if p.path == name]
        if outer:
            return [judge.Problem("", p.stage, p.message.replace(f"{name} must", f"{function.name} must return")
                                  if len(function.returns) > 1 else p.message) for p in outer]
    return []


def _problems(function, check, call):
    """[(part, Problem)]: the returned value's part at fault ("" the whole, "(inputs)")."""
    found = []
    judged = set(check.stages) - {"unchanged"}
    stages = check.stages if judged else specs.DEFAULT_STAGES  # the inputs' check needs right outputs too
    if not _passes(call, check):
        found = ([("", p) for p in _shape_problems(function, check, call)]
                 or _value_problems(function, check, call, stages))
    if found and not judged:
        found = [("", judge.Problem(
            "", "unchanged",
            f"This check counts once {function.name} also returns the right values on these inputs; "
            "it does not yet (its other checks say what is wrong)."))]
    if "unchanged" in check.stages and call.reply.mutated:
        changed = ", ".join(str(function.args[i]) if isinstance(i, int) else str(i) for i in call.reply.mutated)
        found.append(("(inputs)", judge.Problem(
            "(inputs)", "unchanged",
            f"{function.name} changed its argument {changed} in place. Return new arrays and leave "
            "the inputs as they were: the caller uses them again after the call.")))
    return found


def _passes(call, check) -> bool:
    """Quickly: does the returned value pass every stage? False means "look closer"."""
    reply = call.reply
    if reply.matched is not None:  # the expected structure: compare all the numbers at once
        return judge.within(reply.numbers, reply.matched.flat, _template_bounds(call.case, check.rtol, check.atol))
    return judge.passes(reply.value, call.expected, _bounds(call.case, check.rtol, check.atol))


def _value_problems(function, check, call, stages):
    found = []
    expected_parts = dict(_parts(function, check, call.expected))
    for name, received in _parts(function, check, call.reply.value):
        found += [(name, p) for p in judge.compare(name, received, expected_parts[name], stages=stages,
                                                   rtol=check.rtol, atol=check.atol, numerical=function.numerical)]
    return found


def _error_message(function, source, error) -> str:
    if error.type == "NotImplementedError":
        return f"{function.name} is not implemented yet (it raises NotImplementedError)."
    if error.timed_out:
        return f"{function.name} did not return in time ({error.message}): is there a loop that never ends?"
    if error.crashed:
        return (f"The process running your code stopped while calling {function.name} ({error.message}). "
                "Does your code call sys.exit or os._exit?")
    if error.type in ("MissingFunction", "MissingName", "NotCallable"):
        kind = "value" if function.constant else "function"
        return f"{source.path.name} defines no {kind} {function.name}."
    where = source.where(error.line)
    return f"{function.name} raised {error.type}: {error.message}" + (f" ({where})." if where else "")


def _raise_problem(function, case, reply, source):
    """A case on which a correct function raises `case.raises`: None when it does."""
    if not reply.ok and reply.error.type == case.raises:
        return None
    if reply.ok:
        got = f"it returned {judge.describe(reply.value)}"
    elif reply.error.timed_out or reply.error.crashed or reply.error.type == "NotImplementedError":
        return _error_message(function, source, reply.error)
    else:
        got = f"it raised {reply.error.type}: {reply.error.message}"
    return f"{function.name} must raise {case.raises} here; {got}."


def _judge(spec, check, call, source, max_score) -> CheckResult:
    function = spec.functions[check.function]
    reply = call.reply
    case = spec.cases[check.case]
    if case.raises:
        message = _raise_problem(function, case, reply, source)
        passed = message is None
        if not passed and case.about and not check.hidden:
            message = f"On {case.about}:\n{message}"
        return CheckResult(check.name, function.name, passed, check.hidden, max_score if passed else 0.0,
                           max_score, message or "")
    convention = getattr(spec.rules, "CONVENTIONS", {}).get(function.name)
    read = convention.read(reply.value, call.expected) if convention and reply.ok else None
    if read:  # judged under this exercise's names, failing only the checks of the names it moved
        renamed, moved, explanation = read
        call = replace(call, reply=Reply(True, renamed, mutated=reply.mutated))
        reply = call.reply
    if reply.ok:
        problems = _problems(function, check, call)
        message = "\n".join(p.message for _, p in problems)
        failed = {part for part, _ in problems}
    else:
        problems, failed = [True], set()
        message = _error_message(function, source, reply.error)
    if read and moved & set(check.outputs):
        right = "Under those names your values are right." if not problems else f"Under those names:\n{message}"
        return _failed(spec, check, function, f"{explanation}\n{right}", max_score, convention.id)
    if not problems:
        return CheckResult(check.name, function.name, True, check.hidden, max_score, max_score, "")
    known = mistakes.find(spec.rules.MISTAKES.get(function.name, ()), copy.deepcopy(call.inputs), reply,
                          failed, lambda v: _parts(function, check, v), rtol=check.rtol, atol=check.atol)
    return _failed(spec, check, function, message, max_score, known)


def _judged(spec, check, call, source, max_score) -> CheckResult:
    """_judge, which nothing a reply holds can make raise: a value that cannot be compared
    (10**400, which no float holds) fails its own check, and every other check is judged."""
    try:
        with np.errstate(all="ignore"):
            return _judge(spec, check, call, source, max_score)
    except Exception as exc:  # noqa: BLE001 -- one bad value fails one check
        function = spec.functions[check.function]
        message = (f"{function.name} returned a value that cannot be compared with the expected one "
                   f"({type(exc).__name__}: {str(exc)[:200]}).")
        return _failed(spec, check, function, message, max_score, None)


def _failed(spec, check, function, message, max_score, known) -> CheckResult:
    about = spec.cases[check.case].about
    if about and not check.hidden:
        message = f"On {about}:\n{message}"
    if known:
        message += f"\nThis is a known mistake, {known}:\n{spec.mistakes[known].strip()}"
    return CheckResult(check.name, function.name, False, check.hidden, 0.0, max_score, message, known)


def grade_exercise(exercise, source, loaded, calls, *, checks="public", secret="") -> ExerciseResult:
    """Grade one exercise from the Reply of loading its source and its checks' calls (see
    _make_calls)."""
    spec = specs.load(exercise.id)
    checks = spec.selected(checks)
    if not loaded.ok:
        error = loaded.error
        where = source.where(error.line)
        reason = f"{source.path.name} could not be loaded: {error.type}: {error.message}" + (f" ({where})" if where else "")
        return ExerciseResult(exercise.id, 0.0, exercise.points, "error", (), reason)
    total = sum(c.points for c in checks)
    results = [_judged(spec, check, calls[exercise.id, check.function, check.case, secret], source,
                       round(exercise.points * check.points / total, 6)) for check in checks]
    # From the weights, not the rounded per-check scores: full marks are exactly the points.
    passed = sum(c.points for c, r in zip(checks, results) if r.passed)
    score = round(exercise.points * passed / total, 6)
    status = "passed" if all(r.passed for r in results) else "failed"
    return ExerciseResult(exercise.id, score, exercise.points, status, tuple(results),
                          " ".join(filter(None, (source.note, _skipped_note(source, loaded.skipped)))))


def _skipped_note(source, skipped, shown=3) -> str:
    """What a notebook's load went on past, as Jupyter goes on to the next cell."""
    if not skipped:
        return ""
    listed = "; ".join(f"{source.where(e.line) or source.path.name}: {e.type}: {(e.message.splitlines() or [''])[0][:200]}"
                       for e in skipped[:shown])
    more = f"; and {len(skipped) - shown} more" if len(skipped) > shown else ""
    return (f"{len(skipped)} statement{'s' if len(skipped) > 1 else ''} of {source.path.name} raised and "
            f"{'were' if len(skipped) > 1 else 'was'} skipped, as Jupyter goes on to the next cell: {listed}{more}.")


def grade(folder, exercises=None, *, checks="public", secret="", limits=None, label=None,
          zygote=None) -> SubmissionResult:
    """Grade the submission in `folder`: every exercise of the catalogue, or those given.

    `limits` are the worker's (runner.Worker's keyword arguments: call_timeout,
    submission_timeout, max_memory_bytes, max_output_bytes); its defaults otherwise.
    With a `zygote` (autograder.execution.zygote), the worker is forked from it.
    """
    exercises = exercises or catalog.EXERCISES
    found = dict(zip(exercises, submission.read(folder, [e.id for e in exercises]).values()))
    with Worker(**(limits or {}), zygote=zygote) as worker:
        if zygote is None:  # a started worker takes a while to import numpy: compute meanwhile
            prepare(checks, secret, [e for e, source in found.items() if isinstance(source, submission.Source)])
        return grade_sources(found, worker, checks=checks, secret=secret, label=label or str(folder))


def grade_sources(found, worker, *, checks="public", secret="", label="") -> SubmissionResult:
    """Grade {exercise: Source, None when missing, or the error that made it unreadable}
    in worker (runner.Worker), which the caller owns."""
    present = {exercise: source for exercise, source in found.items() if isinstance(source, submission.Source)}
    stored = worker.store(arguments_of(present, checks, secret)) if present else None  # before any learner code
    loaded, calls = {}, {}
    if stored is not None and stored.ok:  # every file in one request, then every call in one
        modules = helpers(present.values()) + [(e.id, s.text, s.path.name, s.cells or None)
                                               for e, s in present.items()]
        loaded = dict(zip(present, worker.loads(modules)[-len(present):]))
        calls = _make_calls([exercise for exercise, reply in loaded.items() if reply.ok], worker, checks, secret)
    results = []
    for exercise, source in found.items():
        if isinstance(source, Exception):
            results.append(ExerciseResult(exercise.id, 0.0, exercise.points, "error", (), str(source)))
        elif source is None:
            results.append(ExerciseResult(exercise.id, 0.0, exercise.points, "missing", (),
                                          f"no {exercise.id}.py or {exercise.id}.ipynb here"))
        elif not stored.ok:
            results.append(ExerciseResult(exercise.id, 0.0, exercise.points, "error", (),
                                          f"{exercise.id} could not be graded: {stored.error.message}"))
        else:
            results.append(grade_exercise(exercise, source, loaded[exercise], calls, checks=checks, secret=secret))
    return SubmissionResult(label, tuple(results), isolation=worker.isolation,
                            incomplete=stored is not None and not stored.ok)


# The modules a course gave learners beside its notebooks, by the names their code imports.
_LEARNER_MODULES = {"dnn_utils": "dnn_utils.py", "dnn_utils_v2": "dnn_utils.py"}


def helpers(sources) -> list:
    """(module, source, filename) of each of _LEARNER_MODULES that sources mention: loaded
    first, they can be imported by the learner's code."""
    wanted = [name for name in _LEARNER_MODULES if any(re.search(rf"\b{name}\b", s.text) for s in sources)]
    folder = Path(__file__).with_name("learner_modules")
    return [(name, (folder / _LEARNER_MODULES[name]).read_text(encoding="utf-8"), f"{name}.py") for name in wanted]
