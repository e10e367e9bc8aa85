"""`check("ex03")` inside Jupyter: the public checks on what the notebook ran.

The cells the kernel ran, in order (its input history, the cell calling check() included),
go as source code to the same worker process as `backprop check`, which runs them as it runs
a notebook file, passing over the lines that call the grader: what the learner's functions
use (constants, helpers, classes, aliases, imports) is there as it was in the kernel, and the
verdict is the command line's. Nothing of the grader runs inside the learner's namespace.
Warnings are silenced and nothing is written to stderr: nbgrader scores a test cell zero
when it writes there.

A kernel has one worker, started from the kernel's own thread by its first check and kept
on its shell: a notebook's public and hidden test cells pay for one start-up, not two. It
ends with the kernel however the kernel ends (launch.die_with_parent), and runs only this
notebook's code, each check loading it afresh. Outside IPython, check(namespace=globals())
grades the script's own file, with a worker of its own each time.
"""
import atexit
import contextlib
import os
import re
import sys
import warnings
from pathlib import Path

# the rest of the grader is imported while its worker starts
from .execution.client import Worker, remove_abandoned_folders


@contextlib.contextmanager
def _worker(shell):
    """The kernel's worker (ready when a request first waits for it), or outside IPython one
    of the call's own, closed after it. A call interrupted (Kernel > Interrupt) drops the
    kernel's: it still runs the learner's endless loop, which the next check would wait for."""
    worker = getattr(shell, "backprop_worker", None)
    if worker is None:
        worker = Worker()
        if shell is not None:
            shell.backprop_worker = worker
            atexit.register(worker.close)  # kill it and remove its folder when the kernel ends
            remove_abandoned_folders()  # what kernels killed (an nbgrader run's) could not remove
    worker.restart_budget()  # each check or explain gets a submission's time
    worker.start()  # unless it runs: the first request waits until it is ready
    try:
        yield worker
    except KeyboardInterrupt:
        if shell is not None:
            shell.backprop_worker = None
        raise
    finally:
        if getattr(shell, "backprop_worker", None) is not worker:
            worker.close()


def _file(namespace, exercise) -> str | None:
    """The path of the exercise's own .py when the namespace's functions of it all come from it
    (`from ex03_... import *`, `%run [-i] ex03_....py`: their code's file), or it has none but imported
    that module (`import ex03_... as ex`); None when one is the notebook's own, or there is no such file."""
    functions = [f for name in exercise.functions if hasattr(f := namespace.get(name), "__code__")]
    module = sys.modules.get(exercise.id) if not functions else None
    paths = {f.__code__.co_filename for f in functions} or {str(getattr(module, "__file__", None))}
    path = paths.pop() if len(paths) == 1 else ""
    return path if os.path.basename(path) == f"{exercise.id}.py" else None


def _source(shell, namespace, exercise) -> "submission.Source":
    """What is checked: the cells the kernel ran, or the file of the namespace given, or the
    exercise's own .py that the kernel's functions come from (_file)."""
    from . import submission
    try:
        file = _file(namespace, exercise)
        if file is None and shell is not None and namespace is shell.user_ns:
            return submission.kernel_source(shell, exercise)
        return submission.script_source(file or namespace.get("__file__"), exercise)
    except submission.Unreadable as exc:
        return exc


def _elsewhere(source, exercise):
    """source, or the Unreadable that says it holds another exercise's functions and none of
    exercise's (check('ex04') run in ex03's notebook)."""
    from . import catalog, submission
    if not isinstance(source, submission.Source) or any(re.search(rf"\b{name}\b", source.text)
                                                        for name in exercise.functions):
        return source
    mine = [e.id for e in catalog.EXERCISES if any(source.def_lines(name) for name in e.functions)]
    return submission.Unreadable(f"{source.path.name} defines none of {exercise.id}'s functions ("
                                 f"{', '.join(exercise.functions)}), but those of {mine[0]}: check('{mine[0][:4]}') "
                                 f"checks them; {exercise.id}'s are written in its own notebook.") if mine else source


def _shell_and_namespace(namespace, function: str, example: str):
    """The running IPython shell (None outside one), and the namespace whose functions are
    checked: the one given, else the notebook's."""
    shell = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None  # none runs unimported
    if namespace is None and shell is None:
        raise RuntimeError(f"{function}() outside Jupyter grades the file of the namespace given: in a script, "
                           f"{function}('{example}', namespace=globals())")
    return shell, shell.user_ns if namespace is None else namespace


class Result:
    """Shows itself as HTML in Jupyter and as text elsewhere."""

    def __init__(self, result):
        self.result = result
        self.shown_in = None  # the kernel's execution count of the cell check() showed it in

    def _ipython_display_(self):
        """Show it, unless check() did in this same cell (it is that cell's last expression)."""
        from IPython import get_ipython
        from IPython.display import display

        shell = get_ipython()
        if shell is None or self.shown_in != shell.execution_count:
            display({"text/html": self._repr_html_(), "text/plain": repr(self)}, raw=True)

    @property
    def score(self):
        return self.result.score

    def _repr_html_(self):
        from .render import html_report
        return html_report(self.result)

    def __repr__(self):
        from .render import text
        return text(self.result, verbose=True)


def _grade(names, shell, namespace, checks):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with _worker(shell) as worker:  # started first: the rest of the grader is imported while it starts
            import numpy as np

            from . import catalog, course, grading, plan, spec
            if checks != "public":
                spec.require_hidden(catalog.find(name).id for name in names)
            secret = course.secret(graded=[Path.cwd()]) if checks != "public" else ""  # nbgrader: the learner's folder
            with np.errstate(all="ignore"):
                exercises = catalog.select(names) if names else _defined(shell, namespace)
                found = {e.id: _elsewhere(_source(shell, namespace, e), e) for e in exercises}
                return grading.grade_sources(found, worker, plan.make(checks, secret, exercises), label="notebook")


def _defined(shell, namespace) -> tuple:
    """check() with no exercise named: those the notebook (or script) defines a function of, or
    whose own .py it imported or ran; every exercise when there is none, each then saying what is missing."""
    from . import catalog
    text = getattr(_source(shell, namespace, catalog.EXERCISES[0]), "text", "")  # none when unreadable
    found = tuple(e for e in catalog.EXERCISES if _file(namespace, e) is not None
                  or any(re.search(rf"^[^\S\n]*def {name}\s*\(", text, re.M) for name in e.functions))  # not \s*: n^2
    return found or catalog.EXERCISES


def check(*names, namespace=None, checks="public"):
    """Run the checks of the exercises named (ids or prefixes) on the notebook's functions.
    In Jupyter the report shows at once, wherever the call stands in its cell."""
    shell, namespace = _shell_and_namespace(namespace, "check", "ex03")
    from . import catalog  # for its UnknownExercise
    try:
        result = Result(_grade(names, shell, namespace, checks))
    except catalog.UnknownExercise as exc:  # a typo: its sentence, not a traceback through the grader
        print(exc)
        return None
    if shell is not None:
        result._ipython_display_()
        result.shown_in = shell.execution_count
    return result


def score(exercise, points, *, checks="public", namespace=None) -> float:
    """An nbgrader test cell: show the checks' report, and return the points earned (nbgrader
    takes a test cell's numeric result as partial credit, out of the cell's points)."""
    shell, namespace = _shell_and_namespace(namespace, "check", "ex03")
    graded = _grade([exercise], shell, namespace, checks)
    from . import render, report
    cell = report.scaled(graded.exercises[0], points)
    with contextlib.suppress(ImportError):  # outside IPython nothing is shown
        from IPython.display import HTML, display

        shown = report.SubmissionResult("notebook", (report.hidden_masked(cell),))
        display(HTML(render.html_report(shown)))  # nbgrader's feedback
    return cell.score


class Explained:
    """An explanation (autograder.explanation), shown as HTML in Jupyter and as text elsewhere."""

    def __init__(self, explanation):
        self.explanation = explanation

    def _repr_html_(self):
        from .explanation import html

        return html(self.explanation)

    def __repr__(self):
        from .explanation import text

        return text(self.explanation)


def explain(exercise, function=None, *, namespace=None):
    """`backprop explain` on the notebook's functions: the first failing public check's
    function (or the one named) run line by line, with the shapes each line made."""
    from . import catalog, explanation, submission

    shell, namespace = _shell_and_namespace(namespace, "explain", "ex04")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = catalog.find(exercise)
            source = _elsewhere(_source(shell, namespace, found), found)
            if isinstance(source, submission.Unreadable):
                raise source
            with _worker(shell) as worker:
                return Explained(explanation.explain_source(source, found, function, worker))
        except (explanation.NothingToExplain, ValueError) as exc:  # no such exercise, nothing (right) to run
            print(exc)  # a sentence on the page, not a quoted string or a traceback
            return None
