"""An independent judge of the learners' corpus: what each exercise's functions must return.

Written from /work/shared/curriculum.md (ex08-ex10: curriculum-part2.md) alone, without anything of `autograder/` or
`solutions/`: each forward computation comes from its definition, and each derivative is
the central difference of that forward computation, never a copy of a backward formula.
`decide` runs a submission's functions in this process (the corpus is our own, trusted
code) on random inputs of generic shapes, under several seeds, and says whether the
exercise is correct, wrong, or (ex05) correct but for the older notebooks' dA keys.
`shows_mistake` says whether a submission returns what a catalogued mistake returns, as
curriculum.md describes the mistake.

Loading a submission file (`load`):
  * a `.py` through importlib, so a byte-order mark or a coding line is read as Python reads it;
    one with magic or shell lines at its top level (VS Code's `# %%` cells) as a notebook, a
    cell from each `# %%` line, and a Databricks export so, a cell between `# COMMAND` lines, and
    nbconvert's script, a cell from each `# In[3]:` line, its get_ipython() calls run by _Kernel;
  * a `.ipynb` (nbformat 4, or 3 with its worksheets) code cell by code cell, in order, as `__main__`:
    IPython line magics and `!shell` lines are dropped (`%pylab` imports numpy's names, as IPython's does),
    a `%%time` or `%%capture` cell keeps its body, a `%%writefile name.py` cell makes module `name` of its body (`-a` or
    `--append` adds to it; `src/name.py` makes `src.name`), unless name is an exercise's (`ex03_weight_gradients`): that body is a cell
    of the notebook's; another cell magic drops its cell, and every top-level statement runs
    on its own, skipped when it raises or runs past STATEMENT_SECONDS (a training loop: the grader
    passes over such a statement too, and what it computes is no function's).
While a file loads, `dnn_utils`, `dnn_utils_v2` and `dnn_app_utils_v3` are stand-ins of
our own with Ng's conventions (`sigmoid(Z)` and `relu(Z)` return `(A, Z)`, the backward
helpers return `dZ`; any other name imports, and raises when called), so are
`planar_utils` and `reg_utils` (their `sigmoid` returns the activation
alone; reg_utils' `compute_cost` is the cross-entropy cost) and `marimo` (a marimo notebook's setup block
and `@app.function` defs are the module's, its `@app.cell` cells are not run, as importing it does) and
`numba` (its decorators leave a function as Python runs it; `@vectorize` applies it to each entry),
the course's data and plotting modules cannot be imported, sys.stdin is at its end, as a worker's
is (a debugger that `breakpoint()` starts quits), and no process may start, nor a multiprocessing lock.
sys.argv is the file's name alone, as `python ex03.py` gives it. What a file's top level replaces of numpy's
names (`np.dot = checked_dot`) is its own, as each notebook has a kernel of its own: undone once it has loaded,
and in place while its functions run.
"""
import __future__
import ast
import contextlib
import copy
import importlib.util
import io
import itertools
import json
import logging
import multiprocessing.process
import multiprocessing.synchronize
import pdb
import re
import signal
import sys
import types
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EXERCISES = ("ex01_sigmoid_derivative", "ex02_output_delta", "ex03_weight_gradients", "ex04_hidden_delta",
             "ex05_l_layer", "ex06_gradient_check", "ex07_row_major", "ex08_softmax_cross_entropy", "ex09_regularization",
             "ex10_batchnorm")
SEEDS = (11, 23, 47)
STEP = 1e-6  # of our central differences
RTOL, ATOL = 1e-5, 1e-7  # a derivative against our central difference
EXACT = dict(rtol=1e-9, atol=1e-12)  # a value computed from its definition


# ============================================================================ loading

def _ng_helpers(name: str) -> types.ModuleType:
    """A stand-in for Ng's dnn_utils: the activations return (A, cache), cache being Z; the rest of the
    Application notebook's dnn_app_utils_v3 (load_data, predict) can be imported, and raises when called."""
    module = types.ModuleType(name)

    def sigmoid(Z):
        return 1.0 / (1.0 + np.exp(-Z)), Z

    def relu(Z):
        return np.maximum(0.0, Z), Z

    def sigmoid_backward(dA, cache):
        s = 1.0 / (1.0 + np.exp(-cache))
        return dA * s * (1.0 - s)

    def relu_backward(dA, cache):
        return np.where(cache > 0, dA, 0.0)

    def other(name):  # the Application notebook's load_data, predict ...: imported, unusable
        if name.startswith("__"):
            raise AttributeError(name)

        def unavailable(*args, **kwargs):
            raise ImportError(f"{name} is not available here")
        return unavailable

    for function in (sigmoid, relu, sigmoid_backward, relu_backward):
        setattr(module, function.__name__, function)
    module.__getattr__ = other
    return module


def _planar_utils() -> types.ModuleType:
    """A stand-in for the Planar data notebook's planar_utils: its sigmoid returns the
    activation alone; its data and plots can be imported and do nothing."""
    module = types.ModuleType("planar_utils")
    module.sigmoid = lambda x: 1.0 / (1.0 + np.exp(-x))

    def other(name):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None
    module.__getattr__ = other
    return module


def _reg_utils() -> types.ModuleType:
    """A stand-in for the Regularization notebook's reg_utils: sigmoid and relu return the
    activation alone, compute_cost the cross-entropy cost; its data and plots do nothing."""
    module = _planar_utils()
    module.__name__ = "reg_utils"
    module.relu = lambda x: np.maximum(0.0, x)
    module.compute_cost = lambda a3, Y: float(np.sum(_losses(a3, Y)) / Y.shape[1])
    return module


def _marimo() -> types.ModuleType:
    """A stand-in for marimo, doing what importing a marimo notebook does: its `with app.setup:` block
    runs, an `@app.function` def (or `@app.class_definition` class) is the module's own, and an
    `@app.cell` function is marimo's to run in its editor, not the module's."""
    module = types.ModuleType("marimo")

    class Block:
        def __call__(self, **options):  # with app.setup(hide_code=True):
            return self

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            return False

    def decorator(made):
        def decorate(self, thing=None, **options):  # @app.cell and @app.cell(hide_code=True)
            return (lambda later: made(later)) if thing is None else made(thing)
        return decorate

    module.App = type("App", (), {"__init__": lambda self, **options: setattr(self, "setup", Block()),
                                  "function": decorator(lambda f: f), "class_definition": decorator(lambda c: c),
                                  "cell": decorator(lambda f: None)})
    return module


def _numba() -> types.ModuleType:
    """A stand-in for numba: a function under @jit or @njit is that function, one under @vectorize is applied
    to each entry of an array, and the types of a signature (float64(float64), float64[:]) mean nothing."""
    module = types.ModuleType("numba")

    def decorator(wrap):
        def decorate(first=None, *signatures, **options):
            return wrap(first) if callable(first) else lambda function: wrap(function)
        return decorate

    module.jit = module.njit = decorator(lambda f: f)
    module.vectorize = decorator(np.vectorize)
    module.prange = range

    class AnyType:
        def __call__(self, *types):
            return self

        def __getitem__(self, dimensions):
            return self

    def any_type(name):
        if name.startswith("__"):  # __path__, __all__: as the grader's stand-in, not a package, no star list
            raise AttributeError(name)
        return AnyType()

    module.__getattr__ = any_type
    return module


@contextlib.contextmanager
def _as_in_a_worker():
    """sys.stdin at its end, as a grading worker's is: input() raises EOFError, and a debugger that
    breakpoint() or pdb.set_trace() starts reads no command and quits (bdb.BdbQuit); and, as there,
    no process may start, nor multiprocessing make a lock (a Pool's or a ThreadPool's: PermissionError)."""
    def debugger(*args, **kwargs):  # pdb's own: pytest's turns its output capture off to show a banner
        pdb.Pdb().set_trace(sys._getframe(1))

    def refused(self, *args, **kwargs):
        raise PermissionError("neither a process nor a multiprocessing lock may be made where submissions are checked")

    lock = multiprocessing.synchronize.SemLock
    saved = sys.stdin, sys.breakpointhook, pdb.set_trace, multiprocessing.process.BaseProcess.start, lock.__init__
    sys.stdin, sys.breakpointhook, pdb.set_trace = io.StringIO(), debugger, debugger
    multiprocessing.process.BaseProcess.start = lock.__init__ = refused
    try:
        yield
    finally:
        sys.stdin, sys.breakpointhook, pdb.set_trace, multiprocessing.process.BaseProcess.start, lock.__init__ = saved


# Modules of the course's notebooks that do not exist where submissions are graded.
UNAVAILABLE = ("testCases", "testCases_v2", "public_tests", "h5py", "matplotlib", "matplotlib.pyplot",
               "google", "google.colab", "lr_utils", "IPython", "autograder", "scipy", "scipy.special", "cupy",
               "sympy")


@contextlib.contextmanager
def _graded_environment():
    """sys.modules as a grading worker offers it, restored afterwards; printing silenced."""
    replaced = {name: _ng_helpers(name) for name in ("dnn_utils", "dnn_utils_v2", "dnn_app_utils_v3")}
    replaced["planar_utils"] = _planar_utils()
    replaced["reg_utils"] = _reg_utils()
    replaced["marimo"] = _marimo()
    replaced["numba"] = _numba()
    replaced.update({name: None for name in UNAVAILABLE})  # None: `import name` raises ImportError
    saved = {name: sys.modules[name] for name in replaced if name in sys.modules}
    sys.modules.update(replaced)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in a case
    try:
        with contextlib.redirect_stdout(io.StringIO()), _as_in_a_worker(), np.errstate(all="ignore"), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)  # a learner's `activation is "relu"`
            yield
    finally:
        sys.dont_write_bytecode = writes_bytecode
        for name in replaced:
            sys.modules.pop(name, None)
        sys.modules.update(saved)


_loaded = itertools.count()


_GONE = object()  # a name of numpy's that a file deleted


def _set_numpy(values: dict) -> None:
    for key, value in values.items():
        if value is _GONE:
            vars(np).pop(key, None)
        else:
            vars(np)[key] = value


def load(path) -> types.ModuleType:
    """The module a submission file defines (see the module docstring for how). Its top level's
    replacements of numpy's names (`np.dot = checked_dot`) are its own: undone once it has loaded,
    kept for its calls, as each notebook has a kernel of its own."""
    before, argv, logs = dict(vars(np)), sys.argv, (logging.root.handlers[:], logging.root.level)  # basicConfig's
    sys.argv = [Path(path).name]  # `python ex03.py`'s: a file's argparse parses none of pytest's arguments
    try:
        module = _load(path)
    finally:
        sys.argv = argv
        logging.root.handlers[:], level = logs
        logging.root.setLevel(level)
        now = vars(np)
        patches = {key: now.get(key, _GONE) for key, value in before.items() if now.get(key, _GONE) is not value}
        _set_numpy({key: before[key] for key in patches})
    module.numpy_patches = patches
    return module


@contextlib.contextmanager
def _numpy_of(module):
    patches = getattr(module, "numpy_patches", {})
    saved = {key: vars(np).get(key, _GONE) for key in patches}
    _set_numpy(patches)
    try:
        yield
    finally:
        _set_numpy(saved)


def _load(path) -> types.ModuleType:
    path = Path(path)
    name = f"_corpus_{path.parent.name}_{path.stem}_{next(_loaded)}"
    with _graded_environment():
        cells = notebook_cells(path) if path.suffix == ".ipynb" else script_cells(path)
        if not cells:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # as an import does: a dataclass looks its module up there
            spec.loader.exec_module(module)
            return module
        module = types.ModuleType(name)
        module.__file__, module.__name__ = str(path), "__main__"  # Jupyter's name for a notebook's namespace
        module.get_ipython = lambda: _Kernel(module.__dict__)  # what nbconvert's script calls magics through
        sys.modules[name] = module  # as Jupyter's __main__ is
        module.skipped = []  # (cell number, statement's first line, exception), for diagnosis
        for number, code in enumerate(cells, 1):
            if isinstance(code, tuple):  # %%writefile name.py: a module that the next cells import
                name, append, code = code
                written = sys.modules.get(name) if append else None
                sys.modules[name] = written = written or types.ModuleType(name)
                written.skipped = []
                _run_cell(written, number, code)
            else:
                _run_cell(module, number, code)
        return module


KEPT_CELL_MAGICS = ("time", "capture")


class _Kernel:
    """get_ipython() in nbconvert's script of a notebook: a cell magic's body, a line magic's line, as the notebook
    would run them (a %%time cell's code runs, its own magic lines dropped; `%time x = f()` runs x = f()); shell
    lines and every other magic do nothing."""

    def __init__(self, namespace):
        self.namespace = namespace

    def run_cell_magic(self, magic, line, body):
        code = _cell_code([f"%%{magic} {line}", *body.splitlines()])
        if code is not None and not isinstance(code, tuple):
            exec(code, self.namespace)

    def run_line_magic(self, magic, line):
        exec(_without_magic(f"%{magic} {line}"), self.namespace)

    def __getattr__(self, name):  # system, getoutput
        return lambda *args, **kwargs: None


def notebook_cells(path) -> list:
    """The Python code of each code cell that runs, magic and shell lines made `pass`."""
    notebook = json.loads(Path(path).read_bytes())  # UTF-8, or UTF-16 as Windows tools may save it
    cells = []
    if notebook.get("nbformat", 4) < 4:  # version 3: the cells in worksheets, a code cell's lines as "input"
        notebook = {"cells": [{**c, "source": c.get("input", "")} for w in notebook["worksheets"] for c in w["cells"]]}
    for cell in notebook["cells"]:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        cells.append(_cell_code(("".join(source) if isinstance(source, list) else source).splitlines()))
    return [code for code in cells if code is not None]


def _cell_code(lines):
    """A cell's Python code, its magic and shell lines made `pass`; None for a cell magic's
    cell that is not Python (%%bash, %%writefile of a text file); (name, append, code) for
    a `%%writefile name.py` cell, when name is not an exercise's."""
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split()
        if magic[:1] == ["writefile"] and magic[-1].endswith(".py"):
            name, code = magic[-1].removeprefix("./")[:-3].replace("/", "."), "\n".join(lines[1:]) + "\n"
            return code if re.match(r"ex\d\d_", name) else (name, "-a" in magic or "--append" in magic, code)
        if not magic or magic[0] not in KEPT_CELL_MAGICS:
            return None
        lines = lines[1:]
    written = [line for line in lines if line.strip()]
    if len(written) == 1 and re.match(r"(pip|conda) +(un)?install\b", written[0]):
        return "pass\n"  # IPython's automagic runs a cell of this one line as %pip; in a longer cell, Python
    return "\n".join(_without_magic(line) for line in lines) + "\n"


def script_cells(path) -> list:
    """A .py's cells when it holds magics at its top level, as a Jupyter kernel runs them; else []."""
    text = Path(path).read_bytes().decode("utf-8", "replace")  # a latin-1 file has no magics
    if "\n# COMMAND ----------\n" in text:  # Databricks' export: its cells between these lines
        return [_cell_code(cell.splitlines()) for cell in text.split("\n# COMMAND ----------\n")]
    if re.search(r"^# In\[[ \d]*\]:$", text, re.M):  # nbconvert's script: a cell below each `# In[3]:` line
        return [_cell_code(cell.splitlines()) for cell in re.split(r"^# In\[[ \d]*\]:$", text, flags=re.M)]
    if not any(line.startswith(("%", "!")) for line in text.splitlines()):
        return []
    cells = [cell.split("\n", 1)[-1] if cell.startswith("# %%") else cell for cell in re.split(r"\n(?=# %%)", text)]
    return [code for code in (_cell_code(cell.strip("\n").splitlines()) for cell in cells) if code is not None]


def _without_magic(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith("%pylab"):  # IPython's pylab puts numpy and these submodules' names in the namespace
        return line[: len(line) - len(stripped)] + "; ".join(
            f"from numpy{sub} import *" for sub in ("", ".fft", ".random", ".linalg")) + "; import numpy as np"
    if stripped.startswith("%time ") and stripped[6:].strip():  # `%time x = f()` runs x = f(), binding x
        return line[: len(line) - len(stripped)] + stripped[6:].lstrip()
    if stripped.startswith(("%", "!")):
        return line[: len(line) - len(stripped)] + "pass"
    return line


def _run_cell(module, number, code):
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        module.skipped.append((number, 0, exc))
        return
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":  # as IPython keeps them,
            for alias in statement.names:  # for the statements and cells after it
                feature = getattr(__future__, alias.name, None)
                module.future_flags = getattr(module, "future_flags", 0) | getattr(feature, "compiler_flag", 0)
        try:  # compiling refuses a top-level await, which IPython runs: that statement is skipped
            compiled = compile(ast.Module([statement], type_ignores=[]), f"<cell {number}>", "exec",
                               flags=getattr(module, "future_flags", 0), dont_inherit=True)
            _exec_briefly(compiled, module.__dict__)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 -- skipped; a cell's sys.exit() too, as Jupyter shows it
            module.skipped.append((number, statement.lineno, exc))


STATEMENT_SECONDS = 5  # a notebook's 2,500-iteration training on 12288 x 209 inputs ran 1-10 min here, by load


class TookLong(Exception):
    """A top-level statement ran past STATEMENT_SECONDS and was stopped."""


def _exec_briefly(compiled, namespace):
    def stop(signum, frame):
        raise TookLong(f"ran past {STATEMENT_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, STATEMENT_SECONDS)
    try:
        exec(compiled, namespace)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ============================================================================ judging

class Wrong(Exception):
    """The submission's answer is not what curriculum.md asks for; the message says how."""


@dataclass(frozen=True)
class Decision:
    verdict: str  # correct, wrong, older-dA-keys
    reason: str = ""


def _function(module, name):
    function = getattr(module, name, None)
    if not callable(function):
        raise Wrong(f"{name} is not defined")
    return function


def call(module, name, *args, may_change=False, **kwargs):
    """module.name(*args, **kwargs), Wrong when it raises or changes its arguments."""
    kept = copy.deepcopy((args, kwargs))
    try:
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()), _as_in_a_worker(), \
                _numpy_of(module):
            result = _closed(_function(module, name)(*args, **kwargs))
    except Wrong:
        raise
    except Exception as exc:  # noqa: BLE001 -- a learner's exception is a wrong answer
        raise Wrong(f"{name} raised {exc.__class__.__name__}: {exc}") from None
    if not may_change and not _same((args, kwargs), kept):
        raise Wrong(f"{name} changed one of its arguments")
    return result


def _closed(result):
    """result, closed if an async def made it: never awaited, it would make Python warn when collected."""
    if isinstance(result, types.CoroutineType):
        result.close()
    return result


def _same(a, b) -> bool:
    """Structural equality, arrays compared entry by entry (nan equal to nan)."""
    if isinstance(a, (np.ndarray, np.generic)) or isinstance(b, (np.ndarray, np.generic)):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def expect_array(name, got, want, rtol=RTOL, atol=ATOL):
    """got must be a float array of want's shape, finite and close to want."""
    want = np.asarray(want, dtype=np.float64)
    if want.ndim == 0 and isinstance(got, (float, np.floating)):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray) or np.ma.is_masked(got):  # a masked entry stands for no value
        raise Wrong(f"{name} is a {type(got).__name__}, not a numpy array")
    if got.shape != want.shape:
        raise Wrong(f"{name} has the shape {got.shape}, not {want.shape}")
    if got.dtype.kind != "f":
        raise Wrong(f"{name} has the dtype {got.dtype}, not a float type")
    if not np.all(np.isfinite(got)):
        raise Wrong(f"{name} has entries that are nan or inf")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        worst = np.unravel_index(np.argmax(np.abs(got - want) - rtol * np.abs(want)), want.shape)
        raise Wrong(f"{name} differs at {tuple(int(i) for i in worst)}: {got[worst]!r} instead of {want[worst]!r}")


def scalar(name, got) -> float:
    """A scalar result's one value: a Python or numpy number, or an array of size 1."""
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.number, np.ndarray)) \
            or np.ma.is_masked(got):
        raise Wrong(f"{name} is a {type(got).__name__}, not a number")
    if np.size(got) != 1:
        raise Wrong(f"{name} has {np.size(got)} entries, not one")
    return float(np.asarray(got).reshape(-1)[0])


def expect_scalar(name, got, want, rtol=1e-7, atol=1e-10):
    value = scalar(name, got)
    if not np.isclose(value, want, rtol=rtol, atol=atol):
        raise Wrong(f"{name} is {value!r}, not {want!r}")


def pair(name, got, length):
    """A returned tuple of `length` values (a list is taken as well)."""
    if not isinstance(got, (tuple, list)) or len(got) != length:
        raise Wrong(f"{name} must return a tuple of {length} values; it returned {type(got).__name__}")
    return tuple(got)


def central_difference(f, x, step=STEP):
    """d f / d x, entry by entry, for a scalar function f of the float array x (any shape)."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += step
        down[index] -= step
        grad[index] = (f(up) - f(down)) / (2.0 * step)
    return grad


def _sigmoid(z):
    """The logistic function from its definition, without overflow for any |z|."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _relu(z):
    return np.maximum(0.0, np.asarray(z, dtype=np.float64))


def _losses(A, Y):
    """The cross-entropy loss of each example (column)."""
    return -(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A))


def _labels(rng, m):
    """Y of shape (1, m), with both labels when m > 1."""
    Y = rng.integers(0, 2, (1, m)).astype(np.float64)
    if m > 1:
        Y[0, :2] = (0.0, 1.0)
        Y = Y[:, rng.permutation(m)]
    return Y


def _away_from_zero(rng, shape, low=0.05, high=3.0):
    """Entries of either sign, never within `low` of relu's kink."""
    return rng.uniform(low, high, shape) * rng.choice([-1.0, 1.0], shape)


# ------------------------------------------------------------------------------ ex01

def ex01_inputs(rng):
    yield _away_from_zero(rng, (3, 5), high=6.0)
    yield _away_from_zero(rng, (7,))
    yield np.array(_away_from_zero(rng, ()))
    yield np.float64(_away_from_zero(rng, ()))
    yield rng.permutation(np.array([-1000.0, -750.0, -35.0, -2.5, 0.3, 1.5, 40.0, 800.0, 1000.0]))


def _elementwise_derivative(f, z):
    z = np.asarray(z, dtype=np.float64)
    return (f(z + STEP) - f(z - STEP)) / (2.0 * STEP)


def judge_ex01(module, rng):
    for z in ex01_inputs(rng):
        expect_array("sigmoid(z)", call(module, "sigmoid", z), _sigmoid(z), **EXACT)
        expect_array("sigmoid_derivative(z)", call(module, "sigmoid_derivative", z),
                     _elementwise_derivative(_sigmoid, z))
        expect_array("tanh_derivative(z)", call(module, "tanh_derivative", z),
                     _elementwise_derivative(np.tanh, z))
        expect_array("relu_derivative(z)", call(module, "relu_derivative", z),
                     _elementwise_derivative(_relu, z))


# ------------------------------------------------------------------------------ ex02

def ex02_inputs(rng):
    for m in (7, 12, 1):
        yield rng.uniform(0.02, 0.98, (1, m)), _labels(rng, m)


def judge_ex02(module, rng):
    for A2, Y in ex02_inputs(rng):
        m = A2.shape[1]
        expect_scalar("compute_cost(A2, Y)", call(module, "compute_cost", A2, Y), np.sum(_losses(A2, Y)) / m)
        dA2 = central_difference(lambda A: np.sum(_losses(A, Y)), A2)
        expect_array("loss_derivative(A2, Y)", call(module, "loss_derivative", A2, Y), dA2)
        Z2 = np.log(A2 / (1.0 - A2))
        dZ2 = central_difference(lambda Z: np.sum(_losses(_sigmoid(Z), Y)), Z2)
        expect_array("output_delta(A2, Y)", call(module, "output_delta", A2, Y), dZ2)


# ------------------------------------------------------------------------------ ex03

def ex03_inputs(rng):
    for n_l, n_prev, m in ((3, 5, 7), (4, 2, 9), (1, 3, 6), (2, 4, 1)):  # m = 1: one example is an input too
        yield rng.standard_normal((n_l, m)), rng.standard_normal((n_prev, m))


def _weight_gradients(dZ, A_prev, rng):
    """dJ/dW and dJ/db of J = (1/m) * (summed loss), where the summed loss has the
    derivative dZ with respect to Z = W A_prev + b: locally it is sum(dZ * Z)."""
    m = A_prev.shape[1]
    W, b = rng.standard_normal((dZ.shape[0], A_prev.shape[0])), rng.standard_normal((dZ.shape[0], 1))
    dW = central_difference(lambda V: np.sum(dZ * (V @ A_prev + b)) / m, W)
    db = central_difference(lambda c: np.sum(dZ * (W @ A_prev + c)) / m, b)
    return dW, db


def judge_ex03(module, rng):
    for dZ, A_prev in ex03_inputs(rng):
        dW, db = pair("weight_gradients", call(module, "weight_gradients", dZ, A_prev), 2)
        want_dW, want_db = _weight_gradients(dZ, A_prev, rng)
        expect_array("dW", dW, want_dW)
        expect_array("db", db, want_db)


# ------------------------------------------------------------------------------ ex04

ACTIVATIONS = {"tanh": np.tanh, "sigmoid": _sigmoid, "relu": _relu}


def ex04_delta_inputs(rng):
    for n1, n2, m in ((4, 3, 6), (5, 2, 7)):
        yield rng.standard_normal((n2, m)), rng.standard_normal((n2, n1)), _away_from_zero(rng, (n1, m))
    far = _away_from_zero(rng, (3, 8), low=20.0, high=800.0)  # about half of Z1 in the flat tails
    Z1 = np.where(rng.random((3, 8)) < 0.5, far, _away_from_zero(rng, (3, 8)))
    yield rng.standard_normal((2, 8)), rng.standard_normal((2, 3)), Z1


def ex04_network(rng, n_x, n_h, m):
    """Ng's planar network: parameters, a consistent cache, X and Y."""
    X, Y = rng.standard_normal((n_x, m)), _labels(rng, m)
    parameters = {"W1": rng.standard_normal((n_h, n_x)), "b1": 0.1 * rng.standard_normal((n_h, 1)),
                  "W2": rng.standard_normal((1, n_h)), "b2": 0.1 * rng.standard_normal((1, 1))}
    return parameters, _planar_forward(parameters, X), X, Y


def _planar_forward(p, X):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": _sigmoid(Z2)}


def _planar_cost(p, X, Y):
    return np.sum(_losses(_planar_forward(p, X)["A2"], Y)) / X.shape[1]


def _planar_gradients(parameters, X, Y):
    grads = {}
    for name, value in parameters.items():
        grads["d" + name] = central_difference(lambda v: _planar_cost({**parameters, name: v}, X, Y), value)
    return grads


def judge_ex04(module, rng):
    for dZ2, W2, Z1 in ex04_delta_inputs(rng):
        for activation, g in ACTIVATIONS.items():
            dZ1 = central_difference(lambda Z: np.sum(dZ2 * (W2 @ g(Z))), Z1)
            expect_array(f"hidden_delta(..., {activation!r})",
                         call(module, "hidden_delta", dZ2, W2, Z1, activation), dZ1)
        dZ1 = central_difference(lambda Z: np.sum(dZ2 * (W2 @ np.tanh(Z))), Z1)
        expect_array("hidden_delta without activation", call(module, "hidden_delta", dZ2, W2, Z1), dZ1)
        try:
            _function(module, "hidden_delta")(dZ2, W2, Z1, "softmax")
        except ValueError:
            pass
        except Exception as exc:  # noqa: BLE001
            raise Wrong(f"hidden_delta(..., 'softmax') raised {exc.__class__.__name__}, not ValueError") from None
        else:
            raise Wrong("hidden_delta(..., 'softmax') did not raise ValueError")
    for n_x, n_h, m in ((3, 4, 7), (5, 2, 9)):
        parameters, cache, X, Y = ex04_network(rng, n_x, n_h, m)
        grads = call(module, "backward_propagation", parameters, cache, X, Y)
        if not isinstance(grads, dict):
            raise Wrong(f"backward_propagation returned a {type(grads).__name__}, not a dict")
        for name, want in _planar_gradients(parameters, X, Y).items():
            if name not in grads:
                raise Wrong(f"backward_propagation's grads has no key {name}")
            expect_array(f"grads[{name!r}]", grads[name], want)


# ------------------------------------------------------------------------------ ex05

NETWORKS = (([5, 4, 3, 1], 7), ([3, 6, 2, 4, 1], 9), ([4, 3, 1], 8))


def ex05_parameters(rng, dims):
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((dims[l], 1))
    return parameters


def _layer(A_prev, W, b, activation):
    return ACTIVATIONS[activation](W @ A_prev + b)


def _network_forward(X, parameters, start=0, A=None):
    """AL, and the caches ((A_prev, W, b), Z) of the layers, from layer start + 1 on,
    A being A[start] (X when start is 0)."""
    L = len(parameters) // 2
    A = X if A is None else A
    caches = []
    for l in range(start + 1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z))
        A = _sigmoid(Z) if l == L else _relu(Z)
    return A, caches


def _expect_cache(name, got, want):
    """A cache is nested tuples of arrays; lists are taken for tuples."""
    if isinstance(want, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            raise Wrong(f"{name} is not a tuple of {len(want)}")
        for i, (g, w) in enumerate(zip(got, want)):
            _expect_cache(f"{name}[{i}]", g, w)
    else:
        expect_array(name, got, want, **EXACT)


LAYERS = ((3, 5, 7), (2, 4, 9))  # n_l, n_prev, m


def _layer_inputs(rng, n_l, n_prev, m):
    """A_prev, W and b of one layer."""
    return rng.standard_normal((n_prev, m)), rng.standard_normal((n_l, n_prev)), rng.standard_normal((n_l, 1))


def _judge_forward(module, rng):
    for n_l, n_prev, m in LAYERS:
        A, W, b = _layer_inputs(rng, n_l, n_prev, m)
        Z, cache = pair("linear_forward", call(module, "linear_forward", A, W, b), 2)
        expect_array("linear_forward's Z", Z, W @ A + b, **EXACT)
        _expect_cache("linear_forward's cache", cache, (A, W, b))
        for activation in ("relu", "sigmoid"):
            got = call(module, "linear_activation_forward", A, W, b, activation)
            A_next, cache = pair("linear_activation_forward", got, 2)
            expect_array(f"A of a {activation} layer", A_next, _layer(A, W, b, activation), **EXACT)
            _expect_cache(f"cache of a {activation} layer", cache, ((A, W, b), W @ A + b))
    for dims, m in NETWORKS:
        parameters, X = ex05_parameters(rng, dims), rng.standard_normal((dims[0], m))
        AL, caches = pair("L_model_forward", call(module, "L_model_forward", X, parameters), 2)
        want_AL, want_caches = _network_forward(X, parameters)
        expect_array("AL", AL, want_AL, **EXACT)
        _expect_cache("caches", tuple(caches) if isinstance(caches, list) else caches, tuple(want_caches))
        Y = _labels(rng, m)
        expect_scalar("compute_cost(AL, Y)", call(module, "compute_cost", want_AL, Y),
                      np.sum(_losses(want_AL, Y)) / m)


def _judge_layers_backward(module, rng):
    for n_l, n_prev, m in LAYERS:
        A_prev, W, b = _layer_inputs(rng, n_l, n_prev, m)
        dZ = rng.standard_normal((n_l, m))
        got = pair("linear_backward", call(module, "linear_backward", dZ, (A_prev, W, b)), 3)
        want = (central_difference(lambda A: np.sum(dZ * (W @ A + b)), A_prev),
                central_difference(lambda V: np.sum(dZ * (V @ A_prev + b)), W) / m,
                central_difference(lambda c: np.sum(dZ * (W @ A_prev + c)), b) / m)
        for name, g, w in zip(("dA_prev", "dW", "db"), got, want):
            expect_array(f"linear_backward's {name}", g, w)
        dA = rng.standard_normal((n_l, m))
        for activation in ("relu", "sigmoid"):
            cache = ((A_prev, W, b), W @ A_prev + b)
            got = call(module, "linear_activation_backward", dA, cache, activation)
            got = pair("linear_activation_backward", got, 3)

            def summed(A, V, c):  # the summed loss, locally sum(dA * A) with A the layer's output
                return np.sum(dA * _layer(A, V, c, activation))

            want = (central_difference(lambda A: summed(A, W, b), A_prev),
                    central_difference(lambda V: summed(A_prev, V, b), W) / m,
                    central_difference(lambda c: summed(A_prev, W, c), b) / m)
            for name, g, w in zip(("dA_prev", "dW", "db"), got, want):
                expect_array(f"linear_activation_backward's {name} ({activation})", g, w)


def ex05_backward_case(rng, dims, m):
    """AL, Y, caches of a network, and the gradients grads must hold (dA0 .. dA{L-1} keys)."""
    parameters, X, Y = ex05_parameters(rng, dims), rng.standard_normal((dims[0], m)), _labels(rng, m)
    AL, caches = _network_forward(X, parameters)
    L = len(caches)

    def summed_loss(params=parameters, start=0, A=None):
        return np.sum(_losses(_network_forward(X, params, start, A)[0], Y))

    grads = {}
    for l in range(L):
        A_l = caches[l][0][0]
        grads[f"dA{l}"] = central_difference(lambda A: summed_loss(start=l, A=A), A_l)
    for name, value in parameters.items():
        grads["d" + name] = central_difference(lambda v: summed_loss({**parameters, name: v}), value) / m
    return AL, Y, caches, grads


def older_keys(grads: dict) -> dict:
    """The same gradients under the older notebooks' keys: dA{l} holds the gradient of A[l-1]."""
    return {(f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k): v for k, v in grads.items()}


def _expect_grads(got, want):
    if not isinstance(got, dict):
        raise Wrong(f"grads is a {type(got).__name__}, not a dict")
    if set(got) != set(want):
        raise Wrong(f"grads has the keys {sorted(got)}, not {sorted(want)}")
    for key in want:
        expect_array(f"grads[{key!r}]", got[key], want[key])


def _judge_L_model_backward(module, rng) -> str:
    """'correct' or 'older-dA-keys' (the same on every network), else Wrong."""
    found = set()
    for dims, m in NETWORKS:
        AL, Y, caches, want = ex05_backward_case(rng, dims, m)
        got = call(module, "L_model_backward", AL, Y, caches)
        try:
            _expect_grads(got, want)
            found.add("correct")
        except Wrong as newer:
            try:
                _expect_grads(got, older_keys(want))
            except Wrong:
                raise newer from None
            found.add("older-dA-keys")
    if len(found) > 1:
        raise Wrong("L_model_backward uses the newer dA keys on some networks and the older on others")
    return found.pop()


def _judge_update(module, rng):
    for dims, _ in NETWORKS:
        parameters, learning_rate = ex05_parameters(rng, dims), float(rng.uniform(0.01, 1.0))
        grads = {"d" + k: rng.standard_normal(v.shape) for k, v in parameters.items()}
        grads.update({f"dA{l}": rng.standard_normal((dims[l], 4)) for l in range(len(dims) - 1)})
        want = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
        got = call(module, "update_parameters", copy.deepcopy(parameters), grads, learning_rate, may_change=True)
        if not isinstance(got, dict) or set(got) != set(want):
            raise Wrong("update_parameters must return the dict of W1 .. WL, b1 .. bL")
        for key in want:
            expect_array(f"updated {key}", got[key], want[key], **EXACT)


def judge_ex05(module, rng) -> str:
    _judge_forward(module, rng)
    _judge_layers_backward(module, rng)
    _judge_update(module, rng)
    return _judge_L_model_backward(module, rng)


# ------------------------------------------------------------------------------ ex06

def _test_function(rng, shape, returns):
    """A smooth f of every entry of theta, returning a float, a numpy float or a 0-d array."""
    C = rng.uniform(0.5, 2.0, shape)

    def f(theta):
        theta = np.asarray(theta, dtype=np.float64)
        value = np.sum(np.sin(C * theta)) + 0.5 * np.sum(theta) ** 2 + np.sum(theta ** 3) / 6.0
        return {"float": float, "numpy": np.float64, "array": np.array}[returns](value)
    return f


EX06_POINTS = (((3, 4), 1e-7, "float"), ((5,), 1e-3, "numpy"), ((), 1e-2, "array"), ((2, 3, 2), None, "float"))


def _central(f, theta, epsilon):
    """The central differences of curriculum.md, with its epsilon."""
    return central_difference(lambda t: float(f(t)), theta, step=epsilon)


def _relative(g, h):
    norms = np.linalg.norm(g) + np.linalg.norm(h)
    return 0.0 if norms == 0 else float(np.linalg.norm(g - h) / norms)


def ex06_pairs(rng):
    g = rng.standard_normal((4, 3))
    yield g, g * (1.0 + 1e-3 * rng.standard_normal(g.shape))
    yield rng.standard_normal(6), rng.standard_normal(6)
    yield np.zeros((3, 2)), np.zeros((3, 2))
    yield np.zeros((2, 5)), rng.standard_normal((2, 5))


def ex06_checks(rng):
    """(f, theta, grad, epsilon, threshold): a true gradient, a wrong one, a large step."""
    f, theta = _test_function(rng, (3, 2), "float"), rng.standard_normal((3, 2))
    yield f, theta, central_difference(f, theta), None, None
    f, theta = _test_function(rng, (4,), "numpy"), rng.standard_normal(4)
    wrong = central_difference(f, theta)
    wrong[np.argmax(np.abs(wrong))] *= 2.0
    yield f, theta, wrong, 1e-7, 2e-7
    f, theta = _test_function(rng, (2, 3), "array"), rng.standard_normal((2, 3))
    yield f, theta, central_difference(f, theta), 1e-3, 1e-5


def judge_ex06(module, rng):
    for shape, epsilon, returns in EX06_POINTS:
        f, theta = _test_function(rng, shape, returns), rng.standard_normal(shape)
        extra = () if epsilon is None else (epsilon,)
        got = call(module, "numerical_gradient", f, theta, *extra)
        tolerance = dict(rtol=1e-6, atol=1e-6 if epsilon in (None, 1e-7) else 1e-9)
        expect_array(f"numerical_gradient (theta of shape {shape})", got,
                     _central(f, theta, 1e-7 if epsilon is None else epsilon), **tolerance)
    for g, h in ex06_pairs(rng):
        expect_scalar("relative_difference", call(module, "relative_difference", g, h), _relative(g, h))
    for f, theta, grad, epsilon, threshold in ex06_checks(rng):
        extra = () if epsilon is None else (epsilon, threshold)
        difference, ok = pair("gradient_check", call(module, "gradient_check", f, theta, grad, *extra), 2)
        want = _relative(grad, _central(f, theta, epsilon or 1e-7))
        expect_scalar("gradient_check's difference", difference, want, rtol=1e-3, atol=1e-8)
        if np.asarray(ok).dtype != bool or np.size(ok) != 1 or bool(np.asarray(ok).reshape(-1)[0]) != (
                want < (threshold or 2e-7)):
            raise Wrong(f"gradient_check's ok is {ok!r} for a difference of {want:.3g}")


# ------------------------------------------------------------------------------ ex07

EX07_SIZES = ((7, 4, 5, 2), (9, 2, 3, 1), (6, 3, 4, 3), (5, 2, 3, 3))  # numExamples, input, hidden, output


def ex07_inputs(rng):
    for m, n_in, n_hidden, n_out in EX07_SIZES:
        yield (rng.uniform(0.0, 1.0, (m, n_in)), rng.uniform(0.05, 0.95, (m, n_out)),
               rng.standard_normal((n_in, n_hidden)), rng.standard_normal((n_hidden, n_out)))


def _row_forward(X, W1, W2):
    return _sigmoid(_sigmoid(X @ W1) @ W2)


def _row_costs(X, y, W1, W2):
    """J of each output column: 0.5 * sum over the examples of (y - yHat)**2."""
    return 0.5 * np.sum((y - _row_forward(X, W1, W2)) ** 2, axis=0)


def expect_cost(name, got, columns):
    """J as one number, or J per output column, shape (outputLayerSize,) or (1, outputLayerSize)."""
    if np.size(got) == 1:
        expect_scalar(name, got, float(np.sum(columns)))
    elif isinstance(got, np.ndarray) and got.shape in ((columns.size,), (1, columns.size)):
        expect_array(name, got.reshape(-1), columns, **EXACT)
    else:
        raise Wrong(f"{name} has the shape {np.shape(got)}: neither one number nor one per output")


def ex07_shapes():
    """The worksheet's shapes, read off a forward pass at its sizes: a gradient has the shape
    of what it is the gradient of (delta3 = dJ/dz3, delta2 = dJ/dz2)."""
    X, W1, W2 = np.zeros((3, 2)), np.zeros((2, 3)), np.zeros((3, 1))
    z2 = X @ W1
    a2 = _sigmoid(z2)
    z3 = a2 @ W2
    return {"dJdW1": W1.shape, "dJdW2": W2.shape, "delta3": z3.shape, "delta2": z2.shape,
            "a2": a2.shape, "z3": z3.shape}


def judge_ex07(module, rng):
    for X, y, W1, W2 in ex07_inputs(rng):
        expect_array("yHat", call(module, "forward", X, W1, W2), _row_forward(X, W1, W2), **EXACT)
        expect_cost("J", call(module, "cost", X, y, W1, W2), _row_costs(X, y, W1, W2))
        dJdW1, dJdW2 = pair("cost_prime", call(module, "cost_prime", X, y, W1, W2), 2)
        expect_array("dJdW1", dJdW1, central_difference(lambda W: np.sum(_row_costs(X, y, W, W2)), W1))
        expect_array("dJdW2", dJdW2, central_difference(lambda W: np.sum(_row_costs(X, y, W1, W)), W2))
    shapes = getattr(module, "SHAPES", None)  # a shape may be written as a tuple or a list
    if not isinstance(shapes, dict) or {k: tuple(v) if isinstance(v, (tuple, list)) else v
                                         for k, v in shapes.items()} != ex07_shapes():
        raise Wrong(f"SHAPES is {shapes!r}")


# ------------------------------------------------------------------------------ ex08 (curriculum-part2.md)

def _softmax(Z):
    """Column-wise softmax from its definition (each column's max taken out, which changes nothing)."""
    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _classes(rng, C, m):
    """Labels (m,) with every class present when m >= C."""
    labels = rng.integers(0, C, m)
    labels[: min(C, m)] = np.arange(min(C, m))
    return rng.permutation(labels)


def _one_hot(labels, C):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


EX08_SIZES = ((4, 7), (3, 5), (5, 2))  # C, m


def ex08_inputs(rng):
    for C, m in EX08_SIZES:
        Z = rng.standard_normal((C, m)) * 2.0
        yield Z, _classes(rng, C, m), rng.standard_normal((C, m))


def judge_ex08(module, rng):
    big = rng.uniform(-1000.0, 1000.0, (4, 6))
    expect_array("softmax of entries up to 1000", call(module, "softmax", big), _softmax(big), **EXACT)
    for Z, labels, dA in ex08_inputs(rng):
        C, m = Z.shape
        expect_array("softmax(Z)", call(module, "softmax", Z), _softmax(Z), **EXACT)
        for given in (labels, labels.reshape(1, -1)):
            expect_array(f"one_hot(labels of shape {given.shape}, C)", call(module, "one_hot", given, C),
                         _one_hot(labels, C), **EXACT)
        A, Y = _softmax(Z), _one_hot(labels, C)
        expect_scalar("compute_cost(A, Y)", call(module, "compute_cost", A, Y), -np.sum(Y * np.log(A)) / m)
        expect_array("softmax_backward(dA, Z)", call(module, "softmax_backward", dA, Z),
                     central_difference(lambda V: np.sum(dA * _softmax(V)), Z))
        expect_array("output_delta(A, Y)", call(module, "output_delta", A, Y),
                     central_difference(lambda V: -np.sum(Y * np.log(_softmax(V))), Z))


def _ex08(kind):
    def matches(module, rng):
        for Z, labels, dA in ex08_inputs(rng):
            C, m = Z.shape
            A, Y = _softmax(Z), _one_hot(labels, C)
            if kind == "softmax-wrong-axis":
                e = np.exp(Z - Z.max())
                if any(_close(_output(module, "softmax", Z), w) for w in (e / e.sum(axis=1, keepdims=True), e / e.sum())):
                    return True
            elif kind == "one-hot-transposed" and _close(_output(module, "one_hot", labels, C), Y.T):
                return True
            elif kind == "cost-missing-1-over-m" and m > 1:
                cost = _output(module, "compute_cost", A, Y)
                if cost is not None and np.size(cost) == 1 and _close(scalar("", cost), -np.sum(Y * np.log(A))):
                    return True
            elif kind == "dZ-divided-by-m" and m > 1 and _close(_output(module, "output_delta", A, Y), (A - Y) / m):
                return True
            elif kind == "diagonal-jacobian-only" and m > 1 and _close(_output(module, "softmax_backward", dA, Z),
                                                                       dA * A * (1 - A)):
                return True
        return False
    return matches


# ------------------------------------------------------------------------------ ex09

def _reg_parameters(rng, dims):
    return {**{f"W{l}": rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1]) for l in range(1, len(dims))},
            **{f"b{l}": 0.5 * rng.standard_normal((dims[l], 1)) for l in range(1, len(dims))}}


def _penalty(parameters, lambd, m):
    L = len(parameters) // 2
    return lambd / (2 * m) * sum(np.sum(parameters[f"W{l}"] ** 2) for l in range(1, L + 1))


EX09_COSTS = (([2, 5, 3, 1], 8, 0.7), ([3, 4, 1], 5, 0.3), ([4, 6, 3, 2, 1], 6, 1.2))
EX09_NETWORKS = ((2, 5, 3, 8, 0.7, 0.86), (3, 6, 4, 5, 1.3, 0.5))  # n_x, n_1, n_2, m, lambd, keep_prob


def _three_layers(p, X, masks=None, keep_prob=1.0, start=0, value=None):
    """Z1, A1, Z2, A2, Z3, A3 of the course's network, A1 and A2 after dropout when masks are
    given; from `start` on, the quantity number `start` (0 Z1, 1 a1 before dropout, 2 Z2, 3 a2, 4 Z3) being value."""
    D1, D2 = masks if masks is not None else (1.0, 1.0)
    Z1 = value if start == 0 and value is not None else p["W1"] @ X + p["b1"]
    a1 = value if start == 1 else _relu(Z1)
    A1 = a1 * D1 / keep_prob
    Z2 = value if start == 2 else p["W2"] @ A1 + p["b2"]
    a2 = value if start == 3 else _relu(Z2)
    A2 = a2 * D2 / keep_prob
    Z3 = value if start == 4 else p["W3"] @ A2 + p["b3"]
    return Z1, A1, Z2, A2, Z3, _sigmoid(Z3)


def ex09_network(rng, n_x, n_1, n_2, m, masked):
    p = _reg_parameters(rng, [n_x, n_1, n_2, 1])
    X, Y = rng.standard_normal((n_x, m)), _labels(rng, m)
    masks = None
    if masked:
        masks = tuple((rng.random((n, m)) < 0.6).astype(np.float64) for n in (n_1, n_2))
        for D in masks:
            D[0, 0], D[-1, -1] = 0.0, 1.0
    return p, X, Y, masks


def _ex09_gradients(p, X, Y, lambd=0.0, masks=None, keep_prob=1.0):
    """The course's dict: dZ, dA of the summed loss (dA with respect to relu(Z), before dropout), dW, db of J."""
    m = X.shape[1]
    forward = _three_layers(p, X, masks, keep_prob)

    def summed(start, value):
        return np.sum(_losses(_three_layers(p, X, masks, keep_prob, start, value)[5], Y))

    grads = {}
    for key, start, at in (("dZ1", 0, forward[0]), ("dA1", 1, _relu(forward[0])), ("dZ2", 2, forward[2]),
                           ("dA2", 3, _relu(forward[2])), ("dZ3", 4, forward[4])):
        grads[key] = central_difference(lambda v: summed(start, v), at)
    for name, value in p.items():
        def cost(v, name=name):
            q = {**p, name: v}
            return np.sum(_losses(_three_layers(q, X, masks, keep_prob)[5], Y)) / m + _penalty(q, lambd, m)
        grads["d" + name] = central_difference(cost, value)
    return grads, forward


def _expect_dict(name, got, want):
    if not isinstance(got, dict):
        raise Wrong(f"{name} returned a {type(got).__name__}, not a dict")
    for key in want:
        if key not in got:
            raise Wrong(f"{name}'s dict has no key {key}")
        expect_array(f"{name}[{key!r}]", got[key], want[key])


def judge_ex09(module, rng):
    for dims, m, lambd in EX09_COSTS:
        p, A3, Y = _reg_parameters(rng, dims), rng.uniform(0.02, 0.98, (1, m)), _labels(rng, m)
        expect_scalar(f"compute_cost_with_regularization ({len(dims) - 1} layers)",
                      call(module, "compute_cost_with_regularization", A3, Y, p, lambd),
                      np.sum(_losses(A3, Y)) / m + _penalty(p, lambd, m))
    for n_x, n_1, n_2, m, lambd, keep_prob in EX09_NETWORKS:
        p, X, Y, _ = ex09_network(rng, n_x, n_1, n_2, m, masked=False)
        want, (Z1, A1, Z2, A2, Z3, A3) = _ex09_gradients(p, X, Y, lambd)
        cache = (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])
        _expect_dict("backward_propagation_with_regularization",
                     call(module, "backward_propagation_with_regularization", X, Y, cache, lambd), want)
        p, X, Y, masks = ex09_network(rng, n_x, n_1, n_2, m, masked=True)
        want, (Z1, A1, Z2, A2, Z3, A3) = _ex09_gradients(p, X, Y, masks=masks, keep_prob=keep_prob)
        got = pair("forward_propagation_with_dropout",
                   call(module, "forward_propagation_with_dropout", X, p, keep_prob, masks), 2)
        expect_array("A3 with dropout", got[0], A3, **EXACT)
        D1, D2 = masks
        cache = (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])
        got_cache = got[1]
        if isinstance(got_cache, (tuple, list)) and len(got_cache) == len(cache):  # bool or int masks are the same masks
            got_cache = tuple(np.asarray(v, dtype=np.float64) if i in (1, 6) else v for i, v in enumerate(got_cache))
        _expect_cache("the dropout cache", got_cache, cache)
        _expect_dict("backward_propagation_with_dropout",
                     call(module, "backward_propagation_with_dropout", X, Y, cache, keep_prob), want)


def _ex09(kind):
    def matches(module, rng):
        for dims, m, lambd in EX09_COSTS if kind == "reg-cost-missing-1-over-m" else ():
            p, A3, Y = _reg_parameters(rng, dims), rng.uniform(0.02, 0.98, (1, m)), _labels(rng, m)
            cost = _output(module, "compute_cost_with_regularization", A3, Y, p, lambd)
            if cost is not None and np.size(cost) == 1 and _close(scalar("", cost),
                                                                  np.sum(_losses(A3, Y)) / m + _penalty(p, lambd, 1)):
                return True
        for n_x, n_1, n_2, m, lambd, keep_prob in EX09_NETWORKS:
            if kind == "reg-gradient-half":
                p, X, Y, _ = ex09_network(rng, n_x, n_1, n_2, m, masked=False)
                want, (Z1, A1, Z2, A2, Z3, A3) = _ex09_gradients(p, X, Y, lambd)
                cache = (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])
                got = _output(module, "backward_propagation_with_regularization", X, Y, cache, lambd)
                if isinstance(got, dict) and all(k in got and _close(got[k], want[k] - lambd / (2 * m) * p[k[1:]],
                                                                     1e-5, 1e-7) for k in ("dW1", "dW2", "dW3")):
                    return True
            elif kind == "mask-not-applied-backward":
                p, X, Y, masks = ex09_network(rng, n_x, n_1, n_2, m, masked=True)
                Z1, A1, Z2, A2, Z3, A3 = _three_layers(p, X, masks, keep_prob)
                D1, D2 = masks
                cache = (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])
                got = _output(module, "backward_propagation_with_dropout", X, Y, cache, keep_prob)
                dA2 = p["W3"].T @ (A3 - Y) * D2 / keep_prob
                dA1 = p["W2"].T @ (dA2 * (Z2 > 0)) / keep_prob  # D1 forgotten
                if isinstance(got, dict) and _close(got.get("dA1"), dA1, 1e-5, 1e-7):
                    return True
        return False
    return matches


# ------------------------------------------------------------------------------ ex10

def _batchnorm(Z, gamma, beta, eps=1e-5):
    mu = np.sum(Z, axis=1, keepdims=True) / Z.shape[1]
    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / Z.shape[1]
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)


EX10_SIZES = ((3, 5), (4, 8), (2, 3))  # n, m


def ex10_inputs(rng):
    for n, m in EX10_SIZES:
        Z = rng.uniform(-2.0, 2.0, (n, 1)) + rng.uniform(0.5, 3.0, (n, 1)) * rng.standard_normal((n, m))
        Z[0] = rng.uniform(-1.0, 1.0) + 1e-2 * rng.standard_normal(m)  # a variance of about 1e-4: eps shows
        gamma = rng.uniform(0.5, 2.0, (n, 1)) * rng.choice([-1.0, 1.0], (n, 1))
        yield Z, gamma, rng.standard_normal((n, 1)), rng.standard_normal((n, m))


def judge_ex10(module, rng):
    for Z, gamma, beta, dout in ex10_inputs(rng):
        for extra in ((), (1e-3,)):
            eps = extra[0] if extra else 1e-5
            out, cache = _batchnorm(Z, gamma, beta, eps)
            got = pair("batchnorm_forward", call(module, "batchnorm_forward", Z, gamma, beta, *extra), 2)
            expect_array(f"out (eps {eps})", got[0], out, rtol=1e-7, atol=1e-9)
            _expect_cache_close("batchnorm_forward's cache", got[1], cache)
            dZ, dgamma, dbeta = pair("batchnorm_backward", call(module, "batchnorm_backward", dout, cache), 3)
            S = lambda z, g, b: np.sum(dout * _batchnorm(z, g, b, eps)[0])  # noqa: E731
            # a step of 1e-8, small against the 1e-2 spread of row 0, where Z_norm bends
            expect_array("dZ", dZ, central_difference(lambda z: S(z, gamma, beta), Z, step=1e-8), rtol=1e-5, atol=1e-5)
            expect_array("dgamma", dgamma, central_difference(lambda g: S(Z, g, beta), gamma))
            expect_array("dbeta", dbeta, central_difference(lambda b: S(Z, gamma, b), beta))


def _expect_cache_close(name, got, want):
    if not isinstance(got, (tuple, list)) or len(got) != len(want):
        raise Wrong(f"{name} is not a tuple of {len(want)}")
    for i, (g, w) in enumerate(zip(got, want)):
        if np.ndim(w) == 0:
            expect_scalar(f"{name}[{i}]", g, w)
        else:
            expect_array(f"{name}[{i}]", g, w, rtol=1e-7, atol=1e-9)


def _ex10(kind):
    def matches(module, rng):
        for Z, gamma, beta, dout in ex10_inputs(rng):
            n, m = Z.shape
            mu = Z.mean(axis=1, keepdims=True)
            var = Z.var(axis=1, keepdims=True, ddof=1 if kind == "unbiased-variance" else 0)
            s = np.sqrt(var) + 1e-5 if kind == "eps-outside-sqrt" else np.sqrt(var + 1e-5)
            got = _as_pair(_output(module, "batchnorm_forward", Z, gamma, beta))[0]
            if kind in ("unbiased-variance", "eps-outside-sqrt") and m > 2 and _close(got, gamma * (Z - mu) / s + beta,
                                                                                      1e-7, 1e-9):
                return True
            if kind in ("batch-statistics-as-constants", "variance-path-missing", "dgamma-from-Z"):
                _, cache = _batchnorm(Z, gamma, beta)
                got = _as_pair(_output(module, "batchnorm_backward", dout, cache), 3)
                scale = gamma / np.sqrt(var + 1e-5)
                want = {"batch-statistics-as-constants": (0, dout * scale),  # mu and var held fixed
                        "variance-path-missing": (0, scale * (dout - dout.mean(axis=1, keepdims=True))),
                        "dgamma-from-Z": (1, np.sum(dout * Z, axis=1, keepdims=True))}[kind]
                mean = lambda x: x.mean(axis=1, keepdims=True)  # noqa: E731
                if kind == "dgamma-from-Z" and _close(got[0], scale * (dout - mean(dout) - Z * mean(dout * Z))):
                    continue  # Z read for Z_norm in dZ too: the cache unpacked in another order, not this slip
                if _close(got[want[0]], want[1], 1e-6, 1e-8):
                    return True
            if kind == "eps-outside-sqrt":
                _, cache = _batchnorm(Z, gamma, beta)
                Z_norm = cache[1]
                dZ = gamma / s * (dout - dout.mean(axis=1, keepdims=True)
                                  - Z_norm * (dout * Z_norm).mean(axis=1, keepdims=True))
                if _close(_as_pair(_output(module, "batchnorm_backward", dout, cache), 3)[0], dZ, 1e-6, 1e-8):
                    return True
        return False
    return matches


# ============================================================================ deciding

JUDGES = {"ex01_sigmoid_derivative": judge_ex01, "ex02_output_delta": judge_ex02,
          "ex03_weight_gradients": judge_ex03, "ex04_hidden_delta": judge_ex04, "ex05_l_layer": judge_ex05,
          "ex06_gradient_check": judge_ex06, "ex07_row_major": judge_ex07,
          "ex08_softmax_cross_entropy": judge_ex08, "ex09_regularization": judge_ex09, "ex10_batchnorm": judge_ex10}


def decide(exercise: str, module) -> Decision:
    """correct, wrong or older-dA-keys, on the inputs of every seed."""
    verdicts = set()
    for seed in SEEDS:
        try:
            verdicts.add(JUDGES[exercise](module, np.random.default_rng(seed)) or "correct")
        except Wrong as exc:
            return Decision("wrong", f"seed {seed}: {exc}")
    if len(verdicts) > 1:
        return Decision("wrong", f"the verdict changes with the seed: {sorted(verdicts)}")
    return Decision(verdicts.pop())


# ============================================================================ mistakes
# What a submission making each mistake returns, as curriculum.md describes it. A matcher
# takes the loaded module and a seeded rng, and says whether the submission's output is the
# mistaken one on some input.

def _close(got, want, rtol=1e-6, atol=1e-9) -> bool:
    try:
        got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rtol, atol=atol))


def _output(module, name, *args, **kwargs):
    """What module.name returns, or None when it raises."""
    try:
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()), _as_in_a_worker():
            return _closed(getattr(module, name)(*copy.deepcopy(args), **copy.deepcopy(kwargs)))
    except Exception:  # noqa: BLE001
        return None


def _as_pair(value, length=2):
    return tuple(value) if isinstance(value, (tuple, list)) and len(value) == length else (None,) * length


def _ex02(kind):
    def matches(module, rng):
        for A2, Y in ex02_inputs(rng):
            m = A2.shape[1]
            if m == 1 and kind in ("divided-by-m", "cost-missing-1-over-m"):
                continue
            J = np.sum(_losses(A2, Y)) / m
            dA2, dZ2 = -Y / A2 + (1 - Y) / (1 - A2), A2 - Y
            cost, ld, od = (_output(module, n, A2, Y) for n in ("compute_cost", "loss_derivative", "output_delta"))
            if {"sign-flipped": _close(ld, -dA2) or _close(od, -dZ2),
                "divided-by-m": _close(ld, dA2 / m) or _close(od, dZ2 / m),
                "extra-sigmoid-derivative": _close(od, dZ2 * A2 * (1 - A2)),
                # a cost as the learner returned it, a Decimal too (np.reshape: (1, 1) and 0-d alike)
                "cost-missing-1-over-m": cost is not None and np.size(cost) == 1 and _close(np.reshape(cost, ()), m*J),
                "cost-sign-flipped": cost is not None and np.size(cost) == 1 and _close(np.reshape(cost, ()), -J),
                }[kind]:
                return True
        return False
    return matches


def _ex03(kind):
    def matches(module, rng):
        for dZ, A_prev in ex03_inputs(rng):
            (n_l, m), n_prev = dZ.shape, A_prev.shape[0]
            if m == 1 and kind == "missing-1-over-m":  # the same as the right answer
                continue
            dW, db = dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
            got_dW, got_db = _as_pair(_output(module, "weight_gradients", dZ, A_prev))
            if {"missing-1-over-m": _close(got_dW, m * dW) or _close(got_db, m * db),
                "dW-transposed": _close(got_dW, A_prev @ dZ.T / m),
                "db-lost-keepdims": _close(got_db, db.reshape(-1)),
                "db-wrong-axis": _close(got_db, dZ.sum(axis=0, keepdims=True) / m),
                "m-from-wrong-axis": any(_close(got_dW, dW * m / k) for k in (n_prev, n_l) if k != m),
                }[kind]:
                return True
        return False
    return matches


def _planar_by_formula(p, cache, X, Y, slope):
    """Ng's backward_propagation written with another g'(Z1), for the mistake matchers."""
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (p["W2"].T @ dZ2) * slope(cache)
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}


def _ex04(slope):
    def matches(module, rng):
        for n_x, n_h, m in ((3, 4, 7), (5, 2, 9)):
            parameters, cache, X, Y = ex04_network(rng, n_x, n_h, m)
            got = _output(module, "backward_propagation", parameters, cache, X, Y)
            want = _planar_by_formula(parameters, cache, X, Y, slope)
            if isinstance(got, dict) and all(k in got and _close(got[k], v) for k, v in want.items()):
                return True
        return False
    return matches


def _ex05_dAL_sign_flipped(module, rng):
    for dims, m in NETWORKS:
        AL, Y, caches, grads = ex05_backward_case(rng, dims, m)
        got = _output(module, "L_model_backward", AL, Y, caches)
        for want in (grads, older_keys(grads)):
            if isinstance(got, dict) and set(got) == set(want) and all(
                    _close(got[k], -v, rtol=1e-5, atol=1e-7) for k, v in want.items()):
                return True
    return False


def _ex06(kind):
    def matches(module, rng):
        for shape, epsilon, returns in EX06_POINTS:
            f, theta = _test_function(rng, shape, returns), rng.standard_normal(shape)
            step = 1e-7 if epsilon is None else epsilon
            extra = () if epsilon is None else (epsilon,)
            if kind == "theta-not-restored":
                given = theta.copy()
                _output_in_place(module, "numerical_gradient", f, given, *extra)
                if not np.array_equal(given, theta):
                    return True
                continue
            if step < 1e-4:
                continue  # a one-sided difference only shows with a large step
            got = _output(module, "numerical_gradient", f, theta, *extra)
            forward = _one_sided(f, theta, step, +1)
            backward = _one_sided(f, theta, step, -1)
            if {"one-sided-difference": _close(got, forward) or _close(got, backward),
                "missing-factor-2": _close(got, 2.0 * _central(f, theta, step)),
                }.get(kind, False):
                return True
        if kind == "no-denominator":
            for g, h in ex06_pairs(rng):
                got = _output(module, "relative_difference", g, h)
                if got is not None and np.size(got) == 1 and np.linalg.norm(g - h) > 0 and _close(
                        scalar("", got), np.linalg.norm(g - h)):
                    return True
        return False
    return matches


def _output_in_place(module, name, *args):
    """module.name(*args) on the very arrays given (to see whether it restores them)."""
    try:
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()), _as_in_a_worker():
            _closed(getattr(module, name)(*args))
    except Exception:  # noqa: BLE001
        pass


def _one_sided(f, theta, step, sign):
    """(f(theta + step e_i) - f(theta)) / step, or the backward difference for sign -1."""
    theta = np.array(theta, dtype=np.float64)
    grad = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        moved = theta.copy()
        moved[index] += sign * step
        grad[index] = sign * (float(f(moved)) - float(f(theta))) / step
    return grad


def _ex07(kind):
    def matches(module, rng):
        for X, y, W1, W2 in ex07_inputs(rng):
            m = X.shape[0]
            columns = _row_costs(X, y, W1, W2)
            dW1 = central_difference(lambda W: np.sum(_row_costs(X, y, W, W2)), W1)
            dW2 = central_difference(lambda W: np.sum(_row_costs(X, y, W1, W)), W2)
            cost = _output(module, "cost", X, y, W1, W2)
            got_dW1, got_dW2 = _as_pair(_output(module, "cost_prime", X, y, W1, W2))
            z2 = X @ W1
            a2 = _sigmoid(z2)
            yHat = _row_forward(X, W1, W2)
            delta3 = -(y - yHat) * yHat * (1 - yHat)
            if kind == "averaged":
                for n in (m, y.size):
                    if _close(got_dW1, dW1 / n, 1e-5, 1e-8) and _close(got_dW2, dW2 / n, 1e-5, 1e-8):
                        return True
                    flat = np.reshape(np.asarray(cost, dtype=object), -1)
                    if _close(flat, columns / n) or _close(flat, [np.sum(columns) / n]):
                        return True
            elif kind == "missing-minus":
                if _close(got_dW1, -dW1, 1e-5, 1e-8) and _close(got_dW2, -dW2, 1e-5, 1e-8):
                    return True
            elif kind == "missing-delta3":
                if _close(got_dW2, a2.T):
                    return True
            elif kind == "W2-not-transposed" and W2.shape[0] == W2.shape[1]:
                if _close(got_dW1, X.T @ ((delta3 @ W2) * a2 * (1 - a2))):
                    return True
        return False
    return matches


MISTAKES = {
    **{f"ex02/{k}": _ex02(k) for k in ("sign-flipped", "divided-by-m", "extra-sigmoid-derivative",
                                        "cost-missing-1-over-m", "cost-sign-flipped")},
    **{f"ex03/{k}": _ex03(k) for k in ("missing-1-over-m", "dW-transposed", "db-lost-keepdims", "db-wrong-axis",
                                        "m-from-wrong-axis")},
    "ex04/derivative-of-A-not-Z": _ex04(lambda c: 1.0 - np.tanh(c["A1"]) ** 2),
    "ex04/sigmoid-derivative-for-tanh": _ex04(lambda c: c["A1"] * (1.0 - c["A1"])),
    "ex04/missing-activation-derivative": _ex04(lambda c: np.ones_like(c["A1"])),
    "ex05/dAL-sign-flipped": _ex05_dAL_sign_flipped,
    **{f"ex06/{k}": _ex06(k) for k in ("one-sided-difference", "missing-factor-2", "theta-not-restored",
                                        "no-denominator")},
    **{f"ex07/{k}": _ex07(k) for k in ("averaged", "missing-minus", "missing-delta3", "W2-not-transposed")},
    **{f"ex08/{k}": _ex08(k) for k in ("softmax-wrong-axis", "one-hot-transposed", "cost-missing-1-over-m",
                                        "dZ-divided-by-m", "diagonal-jacobian-only")},
    **{f"ex09/{k}": _ex09(k) for k in ("reg-gradient-half", "mask-not-applied-backward", "reg-cost-missing-1-over-m")},
    **{f"ex10/{k}": _ex10(k) for k in ("unbiased-variance", "eps-outside-sqrt", "batch-statistics-as-constants",
                                        "variance-path-missing", "dgamma-from-Z")},
}


def shows_mistake(mistake: str, module) -> bool:
    """Does the submission return what `mistake` returns, on the inputs of some seed?"""
    return any(MISTAKES[mistake](module, np.random.default_rng(seed)) for seed in SEEDS)


def known_mistakes(exercise: str) -> list:
    """The catalogued mistakes of `exercise` that this module can recognise."""
    prefix = exercise[:4] + "/"
    return [m for m in MISTAKES if m.startswith(prefix)]
