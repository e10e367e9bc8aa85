"""Grading one submission: load its files in a worker, make the plan's calls, judge, score.

Inputs and expected outputs come from the plan (autograder.plan), made in the grading
process; the worker only loads the learner's files and calls their functions on the
plan's inputs, and every reply is judged here (autograder.judge).
"""
import ast
import difflib
import os
import re
import textwrap
from pathlib import Path

from . import attention, compare, judge, submission
from .execution.client import Worker
from .execution.protocol import LISTED_LIMIT, STOPPED, WORDED
from .execution.sandbox import ENDS_A_KERNEL, NUMPY_ONLY
from .execution.wire import Stored
from .report import ExerciseResult, SubmissionResult, unscored


PRINTED_KEPT = 4000  # characters of what learner code printed that its result keeps
_UNPARSED = ("SyntaxError", "IndentationError", "TabError")  # a cell's error at parsing (Python 2's print, a tab)


def grade(folder, plan, *, limits=None, label=None, zygote=None) -> SubmissionResult:
    """Grade the submission in folder on plan's exercises and checks.

    limits are keyword arguments of the worker (execution.client.Worker), its defaults
    otherwise; with a zygote (autograder.execution.zygote), the worker is forked from it.
    """
    found = submission.read(folder, [e.exercise.id for e in plan.exercises])
    missing = submission.missing_notes(folder, [i for i, source in found.items() if source is None])
    with Worker(**(limits or {}), zygote=zygote) as worker:
        return grade_sources(found, worker, plan, label=label or str(folder), missing=missing)


def grade_sources(found, worker, plan, *, label="", missing=None) -> SubmissionResult:
    """Grade {exercise id: Source, None when missing, or the error that made it unreadable}
    in worker (execution.client.Worker), which the caller owns; missing: {exercise id: what is
    said of its missing file}."""
    present = [e for e in plan.exercises if isinstance(found.get(e.exercise.id), submission.Source)]
    printed_before = worker.printed_bytes()  # a notebook's worker serves check after check
    # the public cases' inputs, before learner code; the hidden ones come after the public calls (_call)
    stored = worker.store(plan.stored({e.exercise.id for e in present})) if present else None
    loaded, replies = {}, {}
    if stored is not None and stored.ok:  # every file in one request, then every call in one
        sources = [found[e.exercise.id] for e in present]
        modules = helpers(sources) + [(s.exercise, s.text, s.path.name, s.cells or None) for s in sources]
        loaded = dict(zip(present, worker.loads(modules)[-len(present):]))
        if all(s.kernel for s in sources):  # what a kernel's cells printed shows below them: the calls' prints alone
            printed_before = worker.printed_bytes()
        replies = _call(worker, [e for e in present if loaded[e].ok])
    results = tuple(_guarded(planned, found.get(planned.exercise.id), stored, loaded.get(planned), replies,
                             (missing or {}).get(planned.exercise.id, "")) for planned in plan.exercises)
    isolation = worker.isolation or ("" if present else "none needed: no learner code ran")
    return SubmissionResult(label, results, isolation=isolation,  # incomplete: as _exercise found the grader failed
                            incomplete=any(r.flag == "grader failed" for r in results),
                            printed=worker.output(PRINTED_KEPT, since=printed_before))


def _call(worker, exercises) -> dict:
    """{plan.Call: Reply} of every call of the exercises (a constant is read on its own): the
    public cases' in one request, then the hidden cases' in another, their inputs stored in the
    worker only then. What learner code raises or returns on a public case reaches learners
    unmasked, so it must not have seen a hidden input: kept from a hidden call, or found in the
    worker's memory (docs/security.md)."""
    every = [call for planned in exercises for call in planned.calls]
    replies = {call: worker.get(call.exercise, call.function.name)
               for call in every if call.function.constant}
    for hidden in (False, True):
        calls = [call for call in every if not call.function.constant and call.case.hidden == hidden]
        if hidden and calls:
            worker.store({call.key: list(call.arguments) for call in calls})  # a failure: the calls' replies say it
        made = worker.calls([(call.exercise, call.function.name, Stored(call.key)) for call in calls]) if calls else []
        replies.update(zip(calls, made))
    return replies


def _guarded(planned, *found) -> ExerciseResult:
    """_exercise's result, or, when the grader's own code raised making it, an error it flags as its failure:
    the submission's other exercises keep their results, and --resume grades this one again."""
    try:
        return _exercise(planned, *found)
    except Exception as exc:  # noqa: BLE001 -- a bug of the grader's, not the learner's
        return unscored(planned.exercise, "error", f"{planned.exercise.id} could not be graded: the grader failed "
                        f"({type(exc).__name__}: {str(exc)[:200]}), not your code.", "grader failed")


def _exercise(planned, source, stored, loaded, replies, missing) -> ExerciseResult:
    """An exercise's result: source is its Source, None, or the error that made it unreadable."""
    exercise = planned.exercise
    if isinstance(source, Exception):
        return unscored(exercise, "error", str(source), getattr(source, "kind", "could not be loaded"))
    if source is None:
        return unscored(exercise, "missing", f"no {exercise.id}.py or {exercise.id}.ipynb here{missing}",
                        attention.UNREAD[0] if missing else "")
    if not stored.ok:
        return unscored(exercise, "error", f"{exercise.id} could not be graded: {stored.error.message}",
                        "grader failed")
    called = [(call, replies[call].error) for call in planned.calls if call in replies and not replies[call].ok]
    not_started = next((error for error in (loaded.error, *(e for _, e in called))
                        if error is not None and error.type == "NotStarted"), None)
    if not_started is not None:  # the grader's failure: --resume grades it again
        return unscored(exercise, "error", f"{exercise.id} could not be graded: {not_started.message}. The grader "
                                           "failed here, not your code.", "grader failed")
    if not loaded.ok and loaded.error.out_of_time:
        return unscored(exercise, "error", f"{source.path.name} was not loaded: {loaded.error.message}.", "timed out")
    if not loaded.ok:
        error = loaded.error
        where, said = source.where(error.line, error.cell), source.worded(error.message, error.line)
        reason = f"{source.path.name} could not be loaded: it {error.said(said)}{f' ({where})' if where else ''}."
        if not _learners(source, [error]):  # `print(r.score)` below `r = check("ex03", namespace=globals())`
            reason += (" Where it is graded, a line that calls check() is passed over and what it assigns is None: put "
                       "the lines that use its result under `if __name__ == \"__main__\":`.")
        line = "".join(source.lines[error.line - 1:error.line]) if error.line else ""
        argv = error.type == "IndexError" and "sys.argv" in line  # `data = sys.argv[1]`: `python ex03.py data.npz`'s
        if error.timed_out or argv or error.type in ("EOFError", "SystemExit", "FileNotFoundError", *WORDED):
            reason += (" Code outside the functions runs when the file is loaded, alone in a folder, with no "
                       "command-line arguments and no one to answer input(), and must finish in time: put data "
                       "files, training loops, plots, input() and sys.exit() under `if __name__ == \"__main__\":` "
                       "(which a notebook still runs), "
                       "or in a function.")
        return unscored(exercise, "error", reason, error.flag or "could not be loaded")
    changed = {call.function.name: (call.case, replies[call].mutated)  # its first call that changed an argument
               for call in reversed(planned.calls) if replies[call].mutated}
    results = tuple(judge.check(planned.spec, check, replies[check.call], source, changed.get(check.call.function.name),
                                loaded.skipped) for check in planned.checks)
    stopped, flag = _stopped(exercise, called)  # the contract's error; the checks that ran keep their points
    # a statement the sandbox refused that can end a kernel (ctypes, a signal), skipped: the exercise may pass where
    # nbgrader's kernel died on it, which the instructor is to see; not a Colab notebook's os.chdir or write to its
    # Drive, refused as harmlessly as `%cd` is passed over (a learner's own message so worded flags only its own)
    flag = flag or next((e.flag for e in loaded.skipped if e.flag == "refused by the sandbox"
                         and any(f"may not {what} (" in e.message for what in ENDS_A_KERNEL)), "")
    status = "error" if stopped else "passed" if all(r.passed for r in results) else "failed"
    failing = dict.fromkeys(r.function for r in results if not r.passed)
    notes = (stopped, source.note, *_misspelt_notes(source, loaded.value, exercise, failing),
             *_redefined_notes(source, failing, loaded.skipped),
             *_outside_notes(source, [f for f in failing if f in loaded.value]),  # a def skipped read nothing
             *_callee_notes(planned, replies, results), *_kept_notes(planned, replies, results),
             _skipped_note(source, loaded.skipped))
    return ExerciseResult(exercise.id, planned.score({r.name for r in results if r.passed}), exercise.points, status,
                          results, " ".join(filter(None, notes)), flag)


def _stopped(exercise, called) -> tuple[str, str]:
    """(why, flag) when the run of an exercise was stopped, for time or memory, else ("", ""):
    the submission's time ran out, or a call did not return in time or ran out of memory
    (grading-contract.md's error; an exception of the learner's own fails its check alone).
    called: (plan.Call, CallError) of each call that failed."""
    stopping = [(call, error) for call, error in called if error.timed_out or error.type == "MemoryError"]
    flag = "timed out" if any(error.timed_out for _, error in stopping) else "stopped" if stopping else ""
    spent = next((error.message for _, error in stopping if error.out_of_time), "")
    if spent:
        return f"Not every check of {exercise.id} could run: {spent}.", flag
    why = {}  # function name: why its first stopped call was stopped
    for call, error in stopping:
        why.setdefault(call.function.name, error.message if error.timed_out else "out of memory")
    return ("The grader stopped " + " and ".join(f"{name} ({said})" for name, said in why.items())
            + "; the checks that ran keep their points." if why else ""), flag


def _plain(name: str) -> str:
    return name.lower().replace("_", "").replace("function", "")  # Welch's costFunctionPrime: cost_prime


def _misspelt_notes(source, names, exercise, failing):
    """A missing function's namesake that the file defines (sigmoid_derivitive, costFunction),
    or defines only in a class or a function, unseen by the checks. Among the file's last
    1,000 names, each under 100 characters: difflib took seconds over 190,000, and a 9 MB one a note of 18."""
    missing = [name for name in failing if name not in names]  # the file is searched only for these
    unexpected, as_methods = [n for n in names[-1000:] if n not in exercise.functions and len(n) < 100], {}
    methods = re.findall(r"^[ \t]+def (\w{1,99})[ \t]*\(", source.text, re.M) if missing else []  # a main()'s
    for name in missing:
        defined = [n for n in unexpected if _plain(n) == _plain(name)] or difflib.get_close_matches(
            name, unexpected, n=1, cutoff=0.8)
        if defined:
            yield (f"{source.path.name} defines {defined[0]} but no {name}: the checks call each function "
                   f"by the name the exercise gives it, so rename {defined[0]} to {name}.")
        else:
            as_methods.update((name, m) for m in methods if _plain(m) == _plain(name))
    if as_methods:
        guard = None if source.cells else re.search(r"^if __name__ *== *['\"]__main__['\"] *:", source.text, re.M)
        below = re.findall(r"^[ \t]+def (\w+)", source.text[guard.end():], re.M) if guard else ()
        guarded = guard and set(as_methods.values()) <= set(below)
        marimo = not guarded and re.search(r"^@app\.cell\b", source.text, re.M)  # a marimo notebook's cells
        one = len(as_methods) == 1
        if guarded:
            where = 'under `if __name__ == "__main__":`, which runs when you run the file, not when it is checked'
            fix = f"write {'it' if one else 'them'} at its top level, above that line."
        elif marimo:
            where = "inside a marimo cell, which importing the file does not run"
            fix = (f"move your imports to marimo's setup cell and give {'it' if one else 'each'} a cell of its own, "
                   "which marimo saves at the file's top level as @app.function.")
        else:
            where = "inside a class or a function"
            fix = (f"write {'it' if one else 'them'} at its top level ({'it' if one else 'they'} may make the class "
                   "and call its methods).")
        yield (f"{source.path.name} defines {', '.join(as_methods.values())} only {where}, and the checks "
               f"call {', '.join(as_methods)} as {'a function' if one else 'functions'} of the file: {fix}")


def _redefined_notes(source, failing, skipped):
    """Which def was graded, of a failing function a notebook defines more than once (a cell
    run again, another exercise's helper of the same name): a file's last, a kernel's last run."""
    unparsed = {source.cell_of(e.line) for e in skipped if e.line and e.type in _UNPARSED and e.function is None}
    cut = len(skipped) >= LISTED_LIMIT  # the worker lists the first: a cell past them may not have parsed either
    for name in failing if source.cells and not cut else ():
        found = source.def_lines(name)
        ran = [line for line in found if source.cell_of(line) not in unparsed]  # a cell that did not parse defined none
        # none was graded after a `del`; of the same def run again (a kernel's cell), any one was
        if len(found) > 1 and ran and not source.deleted(name) and len({b.rstrip() for b in source.bodies(name)}) > 1:
            # `f = f_that_passed` below the last def: the function it names was graded, whichever def that is
            bound = [line for m in re.finditer(rf"^{re.escape(name)}[ \t]*=(?!=)", source.text, re.M)  # a statement,
                     if (line := source.text.count("\n", 0, m.start()) + 1)  # not a docstring's line
                     in source.statement_lines(source.cell_of(line))]
            if bound and bound[-1] > found[-1]:
                yield (f"{name} is defined {len(found)} times, and {source.where(bound[-1])} assigns it again "
                       "below the last: what that line assigns was graded.")
                continue
            order = "." if source.kernel else (": the cells run in their order in the file, as Restart "
                                               "& Run All runs them, whichever your kernel ran last.")
            yield (f"{name} is defined {len(found)} times; the last one{' run' * source.kernel}, "
                   f"at {source.where(ran[-1])}, was graded{order}")


def _outside_notes(source, failing):
    """What a failing function reads but never sets, which the file's top level sets (Ng's
    notebooks' `m = X.shape[1]`): the checks call it on inputs of other sizes than the file's."""
    top = {n: i + 1 for i, text in enumerate(source.lines if failing else [])  # a passing file's: no work
           # not a logger (`log = logging.getLogger(__name__)`), which a function writes to and no input changes
           for n in re.findall(r"^([A-Za-z_]\w{0,98})[ \t]*=(?!=|\s*logging\.getLogger\()", text)}
    names, defined = list(failing), set(re.findall(r"^def (\w+)\s*\(", source.text, re.M)) if failing else ()
    for name in names:  # and what of the file's they call: gradient_check's numerical_gradient reading EPSILON
        body = source.body(name)
        # a learner's function is a few lines, so a huge one is passed over
        nodes = (submission.syntax_nodes(body) if len(body) < 100_000 else None) or ()
        # not a name it binds: numerical_gradient's f(plus) calls its argument, not the learner's own f of the file
        bound = {n.arg for n in nodes if isinstance(n, ast.arg)} | {
            n.id for n in nodes if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        # a few of them, each a search of the text: a chain of 12,000 defs took 40 s (a 2 MiB file's, half an hour)
        names += [*dict.fromkeys(n.func.id for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                 and n.func.id in defined - bound and n.func.id not in names)][
                                     :len(failing) + 20 - len(names)]
        # a default (epsilon=EPSILON) is read once, at the def, and a type hint (A: FloatArray) by no computation
        passive = [*(d for f in nodes if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                     for d in (*f.args.defaults, *f.args.kw_defaults))] + [
            getattr(n, "annotation", None) or getattr(n, "returns", None) for n in nodes]
        defaults = {id(d) for d in ast.walk(ast.Tuple([n for n in passive if n is not None]))}
        own = bound | {  # and what it calls: a lambda is a function
            n.func.id for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)} | {
            n.value.id for n in nodes if isinstance(n, (ast.Subscript, ast.Attribute))  # bn_param["running_mean"] =
            and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name)} | {  # ...: state it keeps, not an input
            n.test.id for n in nodes if isinstance(n, ast.If) and isinstance(n.test, ast.Name)} | {  # `if DEBUG:`
            n.func.value.id for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Subscript)
            and isinstance(n.func.value, ast.Name)}  # DERIVATIVES[activation](Z1): a table of functions, no input
        read = sorted({n.id: (n.lineno, n.col_offset) for n in nodes if isinstance(n, ast.Name)
                       and n.id in top and n.id not in own and id(n) not in defaults}.items(), key=lambda item: item[1])
        if read:
            said = ", ".join(f"{n} (set at {source.where(top[n])})" for n, _ in read[:3])
            yield (f"{name} reads {said} from outside it: the checks call it on their own inputs, not your "
                   "file's, so what depends on the inputs must come from its arguments.")


def _callee_notes(planned, replies, results):
    """A function that raised inside another of the exercise's, whose own checks all pass (Ng's caches[l] where
    caches[l - 1] belongs, raising in linear_backward): what it passes is at fault, or the callee is wrong on
    inputs its checks do not try (np.squeeze(dZ) in linear_backward, fed a layer of one unit)."""
    passing = {r.function for r in results} - {r.function for r in results if not r.passed}
    raised = {r.function: replies[c.call].error.function for c, r in zip(planned.checks, results)
              if not r.passed and not replies[c.call].ok and replies[c.call].error.function in passing - {r.function}}
    for caller, callee in raised.items():
        yield (f"{caller} raised inside {callee}, whose own checks pass: compare the arguments {caller} passes down "
               f"to it with those of {callee}'s checks; either they are wrong, or {callee} fails on inputs its "
               "checks do not try.")


def _kept_notes(planned, replies, results):
    """A failing call that returned exactly what an earlier call of the function returned, which passed, on
    another case of the same shapes: a result kept between calls (a dict keyed by the inputs' shapes), right
    once. Calls are made public first, in the plan's order (_call); one no check judges (a public call of a
    run of the hidden checks) is neither the failing call nor the earlier one."""
    passed = {}
    for check, result in zip(planned.checks, results):
        passed[check.call] = passed.get(check.call, True) and result.passed
    made = sorted((c for c in planned.calls if c in replies and replies[c].ok), key=lambda c: c.case.hidden)
    shapes = {c: [getattr(x, "shape", None) for x in compare.leaves(c.arguments)] for c in made}
    kept = {}  # {function's name: (call, earlier call)}, the first of each function
    for i, call in enumerate(made):
        earlier = not passed.get(call, True) and call.function.name not in kept and next((
            e for e in made[:i] if e.function == call.function and passed.get(e) and shapes[e] == shapes[call]
            and _same(replies[call].value, replies[e].value)), None)
        if earlier:
            kept[call.function.name] = (call, earlier)
    if kept:
        name, (call, earlier) = next(iter(kept.items()))
        others = f" ({submission.listed(list(kept)[1:])} too)" if len(kept) > 1 else ""
        yield (f"{name} returned on \"{_named(planned, call)}\" exactly what it returned on "
               f"\"{_named(planned, earlier)}\", other inputs of the same shapes{others}: does it keep a result "
               "between calls (a cache keyed by the shapes)? Compute each result from its call's arguments.")


def _same(received, earlier) -> bool:
    """Whether a reply is exactly an earlier one; False for one no comparison takes (10**400, which no float holds),
    as judging fails such a reply's own check only."""
    try:
        return compare.same(received, earlier, rtol=0, atol=0)
    except Exception:  # noqa: BLE001 -- what a reply holds never stops the grading of the rest
        return False


def _named(planned, call) -> str:
    """The name of call's first check, as the learner reads it in the report."""
    return next((check.spec.name for check in planned.checks if check.call is call), call.case.name)


def _skipped_note(source, skipped, shown=3) -> str:
    """What a notebook's load went on past: statements that raised, and cells that did not parse,
    skipped. Imports of modules the checks lack, and statements that then used a name not set,
    are told together (Ng's notebooks skip 60 for h5py, matplotlib and their plots); the rest
    one by one, each where it is and why."""
    listed = len(skipped) >= LISTED_LIMIT  # the worker's list is cut there: so many or more raised
    if source.kernel:  # raised inside a def a later cell redefines (a typo fixed, the cell run again): seen, and gone
        skipped = [e for e in skipped if not (e.line and any(d > e.line for d in source.def_lines(e.function or "")))]
    skipped = _learners(source, skipped)
    if not skipped:
        return ""
    cells = sum(e.type in _UNPARSED and e.function is None for e in skipped)  # so none of that cell ran
    counted = "at least " * listed + " and ".join(
        f"{n} {w}{'s' * (n > 1)}" for n, w in ((len(skipped) - cells, "statement"), (cells, "cell")) if n)
    lines = source.lines
    named = {i: m[1] or m[2] for i, e in enumerate(skipped)  # two on a line: two
             if e.type in ("ModuleNotFoundError", "ImportError") and (m := re.match(  # Python's, or a stand-in's
                 r"No module named '([\w.]{1,100})'|([\w.]{1,100}) is not available where", e.message))}
    # the lines of those imports, where `from testCases import *` and `import cupy as np` are, in their first
    # 1,000 characters: searching the file for each of 100 modules took 3 s, and a 2 MiB line 2.5 s
    heads = {i: "".join(lines[e.line - 1:e.line])[:1000] if (e := skipped[i]).line else "" for i in named}
    missing = {i: _as_written(heads[i], module) for i, module in named.items()}
    written = "\n".join(heads.values())
    starred = any(re.search(rf"^[ \t]*from[ \t]+{re.escape(m)}[ \t]+import[ \t]*\*", written, re.M)
                  for m in set(missing.values()))  # from testCases import *: names not bound in the file
    unset = {i: n[1] for i, e in enumerate(skipped) if e.type == "NameError" and (n := re.match(
        r"name '(\w+)' is not defined", e.message)) and (starred or n[1] in source.bound)}
    said = []
    if missing:
        modules, first = list(dict.fromkeys(missing.values())), skipped[next(iter(missing))]
        where, them = source.where(first.line, first.cell) or source.path.name, "it" if len(modules) == 1 else "them"
        use = f"Your {'notebook' if source.by_cell else 'file'} may use {them}, but not the functions the checks call"
        as_np = next((m for m in modules if re.search(  # Colab's GPU notebooks: cupy; jax's, autograd's numpy
            rf"^[ \t]*(?:import[ \t]+{re.escape(m)}|from[ \t]+{re.escape(m)}[ \t]+import[ \t]+numpy)[ \t]+as[ \t]+np\b",
            written, re.M)), None)
        use += f": write `import numpy as np` for them, not {as_np}" * bool(as_np)
        # its own helpers.py (or helpers.ipynb, which %run runs and `from ipynb.fs.full.helpers import *` imports),
        # or the course's testCases_v4a.py, beside it: not read (the checks need neither)
        files = [f"{m}{suffix}" for m in named.values() for suffix in (".py", ".ipynb")]
        files += [f"{n}.ipynb" for i in named for n in re.findall(r"\bipynb\.fs\.(?:full|defs)\.(\w+)", heads[i])]
        beside = [f for f in dict.fromkeys(files) if os.path.isfile(source.path.parent / f)]
        said.append((f"an import of {modules[0]} ({where}), a module" if len(modules) == 1 else
                     f"imports of {submission.listed(modules, shown=shown)} (the first at {where}), modules")
                    + f" missing {NUMPY_ONLY}" + (f", and only {source.path.name} is read there, not your "
                                                  f"{submission.listed(beside, shown=shown)}" if beside else "")
                    + ". " + use)
    if unset:
        names = list(dict.fromkeys(unset.values()))
        said.append(f"{len(unset)} statement{'s' * (len(unset) > 1)} that used "
                    f"{'a name' if len(names) == 1 else 'names'} not set when {'it' if len(unset) == 1 else 'they'} "
                    f"ran ({submission.listed(names, shown=shown)})")
        first = {n: skipped[i].line for i, n in reversed(unset.items())}  # the first statement that used each
        used = sorted((first[n], n) for n in names[:shown] if source.by_cell and not source.kernel and first[n]
                      and n in source.bound)  # bound somewhere: above its first use, or only below (Jupyter ran it so)
        below = [name for line, name in used if source.bound[name][0] >= line]  # no line above its use binds it
        # set at a cell's left edge below the first use's cell, in the kernel: not a def's own z, nor a line of the
        # same cell below the use (which ran before it when the learner ran the cell again)
        after = source.cells[source.cell_of(first[below[0]]) + 1:][:1] if below else []  # the next cell's line
        below = [n for n in below if after and any(b >= after[0] and lines[b - 1][:1] not in " \t"
                                                   for b in source.bound[n])]
        if below:
            one = len(below) == 1
            said[-1] += (f"; {submission.listed(below)} {'is' if one else 'are'} set only in "
                         f"{'a cell' if one else 'cells'} below {'its' if one else 'their'} first use: the cells run "
                         "from the top, as Restart & Run All runs them, whatever order you ran them in, so move "
                         f"{'that cell' if one else 'those cells'} up")
    # IPython runs a cell's top-level await (JupyterLite's `await micropip.install(...)`); Python, only in an async def
    awaits = [i for i, e in enumerate(skipped)
              if re.fullmatch(r"'(await|async \w+)' outside (async )?function", e.message)]
    if awaits:
        said.append(f"{len(awaits)} statement{'s' * (len(awaits) > 1)} with await outside an async def (the first at "
                    f"{source.where(skipped[awaits[0]].line)}), which Jupyter runs and Python refuses: the checks run "
                    "your code as Python")
    rest = [e for i, e in enumerate(skipped) if i not in missing and i not in unset and i not in awaits]
    said += [f"{source.where(e.line, e.cell) or source.path.name} "
             + e.said(text and textwrap.shorten(text.splitlines()[0], 200, placeholder=" ..."),
                      f" inside {e.function}" * (e.function not in (None, "<module>")))
             + (f" at `{judge.line_of(source, e)}`" if not text and judge.line_of(source, e) else "")  # a bare assert
             for e in rest[:shown] for text in [source.worded(e.message, e.line).strip()]]
    more = f"; and {'at least ' * listed}{len(rest) - shown} more" if len(rest) > shown else ""
    were, stopped = "were" if len(skipped) > 1 else "was", sum(e.type == STOPPED for e in skipped)
    did = (f"raised and {were}" if not stopped else f"{were} stopped and" if stopped == len(skipped)
           else "raised or were stopped, and were")  # stopped for its time: no error of the learner's
    return judge.ended(f"{counted} of {source.path.name} {did} skipped, and the rest still ran: "
                       f"{'; '.join(said)}{more}")


def _learners(source, skipped) -> list:
    """skipped, less the statements that failed only for using a name the grader's line bound in Jupyter and not
    here (`print(r.score)` below `r = check("ex03")`, r None), and those then using the names they were to set."""
    graders, kept = set(source.graders), []
    lines = source.lines if graders else []
    for e in skipped if graders else ():
        # a statement's first 1,000 characters, its indented lines too (`x = (\n    r.score)`), as heads' in
        # _skipped_note: 100 statements on a 2 MiB line took 110 s; and those of the def it raised in
        head = "\n".join(line[:1000] for line in lines[e.line - 1:e.line + 30]) if e.line and not e.cell else ""
        statement = re.match(r".*(?:\n(?![^\s#]).*)*", head)[0][:1000]
        read = statement if e.function == "<module>" else source.body(e.function or "")[:1000]
        unset = re.match(r"name '(\w+)' is not defined", e.message) if e.type == "NameError" else None
        if unset and unset[1] in graders or e.type in ("AttributeError", "TypeError") and "'NoneType'" in e.message \
                and graders & {w[:m.start()] for w in re.findall(r"(?<![\w.])\w+(?:\.\w+)*", read)
                               for m in re.finditer(r"\.|$", w)}:  # r, and self.r of self.r.score
            graders |= set(submission.bindings(statement))  # `x = r.score + 1`: x unset for the statements after it
        else:
            kept.append(e)
    return kept if graders else skipped


def _as_written(head, module) -> str:
    """The module as the import in head, its line's start, names it: Python says 'google' is missing for
    `from google.colab`."""
    return (re.search(rf"\b{re.escape(module)}(?!\w)(?:\.\w+)*", head) or [module])[0]


# The modules a course gave learners beside its notebooks, by the names their code imports, marimo's,
# which a marimo notebook saved as .py imports, and numba's decorators, which learners add for speed.
_LEARNER_MODULES = {"dnn_utils": "dnn_utils.py", "dnn_utils_v2": "dnn_utils.py", "dnn_app_utils_v3": "dnn_utils.py",
                    "planar_utils": "course_utils.py", "reg_utils": "course_utils.py", "marimo": "marimo.py",
                    "numba": "numba.py"}


def helpers(sources) -> list:
    """(module, source, filename) of each of _LEARNER_MODULES that sources mention: loaded
    first, they can be imported by the learner's code."""
    wanted = [name for name in _LEARNER_MODULES  # `in` first: a regex search is 50 times slower
              if any(name in s.text and re.search(rf"\b{name}\b", s.text) for s in sources)]
    folder = Path(__file__).with_name("learner_modules")
    return [(name, (folder / _LEARNER_MODULES[name]).read_text(encoding="utf-8"), f"{name}.py") for name in wanted]
