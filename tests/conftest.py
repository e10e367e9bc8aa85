import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import reaper

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's autograder, also when pytest runs uninstalled
sys.path.insert(0, str(ROOT / "tests"))  # tests/variants and tests/reaper.py, from every layer's folder

# What the test modules share lives here, so that no test module imports another
# (tests/test_layout.py holds them to it).

# The schema every JSON report must validate against.
# A hang guard, not a timing target: the pathologies the bounded-work tests keep out (quadratic
# reads, exponential backtracking) took 40 s to hours on their inputs, which the bounded code reads
# in under 1.5 s on a quiet machine and under 6 s at a load of 8 on its 2 cores.
HANG_SECONDS = 20
SCHEMA = json.loads((ROOT / "autograder" / "report.schema.json").read_text())

# A wrong ex03 (dW transposed) that, appended to the solution, replaces its weight_gradients.
MISTAKE = "def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    return A_prev @ dZ.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n"


# ex03's right values returned in the other order, appended to the reference solution
RETURNS_SWAPPED = ("\n_reference = weight_gradients\n\n"
                   "def weight_gradients(dZ, A_prev):\n"
                   "    dW, db = _reference(dZ, A_prev)\n"
                   "    return db, dW  # explain: here\n")


TEST_RUN = os.getpid()


def _own_temporary_folder() -> Path:
    """This test run's temporary folder, for it and every process it starts (TMPDIR). A run's
    cleanup of abandoned worker folders (client.remove_abandoned_folders) then looks at its own
    alone, never at another run's still in use: CI runs two Pythons' tests at once. Those of
    runs that were killed are removed here."""
    from autograder.execution.launch import ended

    prefix = "backprop-tests-"
    for left in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
        if ended(left.name[len(prefix):].split("-")[0]):
            shutil.rmtree(left, ignore_errors=True)
    folder = tempfile.mkdtemp(prefix=f"{prefix}{TEST_RUN}-")
    os.environ["TMPDIR"] = tempfile.tempdir = folder
    return Path(folder)


RUN_TEMPORARY = _own_temporary_folder()


def ends_with_the_test_run():
    """A preexec_fn for a process that would otherwise run on (a server, `check --watch`): the
    kernel kills it when this test run ends, however it ends, a killed pytest too."""
    from autograder.execution.launch import die_with_parent
    die_with_parent(TEST_RUN)


def backprop(*args, cwd=None):
    """Run the `backprop` command in a real process, as a learner or an instructor does."""
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def grade(folder, exercises=None, *, checks="public", secret="", **options):
    """grading.grade of folder on a plan of exercises (catalog entries; all by default)."""
    from autograder import catalog, grading, plan

    return grading.grade(folder, plan.make(checks, secret, exercises or catalog.EXERCISES), **options)


def solutions(part=1) -> list:
    """The solution files of a part's exercises (None: of every part)."""
    from autograder import catalog

    return [ROOT / "solutions" / f"{e.id}.py" for e in catalog.EXERCISES if part is None or e.part == part]


def correct(folder, part=1):
    """`folder` holding a copy of every solution of a part (None: of every part): a
    submission that earns full marks, 100 points a part."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in solutions(part):
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="session", autouse=True)
def nothing_left_running():
    """A test run leaves no process behind: the orphans of every process the tests start
    become pytest's children (tests/reaper.py), and none may still run when the run ends."""
    reaper.adopt_orphans()
    yield
    try:
        left = reaper.survivors()
        assert not left, f"processes still running after the tests: {left}"
    finally:
        shutil.rmtree(RUN_TEMPORARY, ignore_errors=True)


def left_running(before: dict, grace: float = 10.0) -> list:
    """The command lines of the processes that became pytest's children (started by the
    test, or orphans adopted: tests/reaper.py) since `before` (reaper.children() then), and
    still run after up to grace seconds. They are killed then, so that none outlives the test."""
    end = time.monotonic() + grace
    while set(reaper.children()) - set(before) and time.monotonic() < end:
        time.sleep(0.1)
    left = {pid: command for pid, command in reaper.children().items() if pid not in before}
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return sorted(left.values())


def load_module(path: Path, name: str = None):
    """Import a file as a fresh module (stubs and solutions are not a package)."""
    name = name or f"_loaded_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def root():
    return ROOT


def region_lines(text: str) -> set:
    """The stripped, non-blank lines inside a solution's regions (their markers left out)."""
    from autograder import sources

    lines = text.splitlines()
    return {lines[k].strip() for r in sources.regions(text) for k in range(r.begin + 1, r.end) if lines[k].strip()}


def solution_code_lines(min_length=12) -> set:
    """The code lines of every solution region, less comments and generic short lines (`return 0.0`)."""
    from autograder import sources

    code = set()
    for path in (ROOT / "solutions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for region in sources.regions(text):
            if not region.in_string:
                code |= {l.strip() for l in lines[region.begin + 1:region.end]
                         if len(l.strip()) >= min_length and not l.strip().startswith("#")}
    return code


@pytest.fixture
def chromium():
    """A headless Chromium (tests/browser.py), ended with the test. Without one installed
    the test is skipped, unless BACKPROP_REQUIRE_BROWSER is set (.ci/run sets it): then
    it fails, so that CI never passes a browser test it did not run."""
    import os

    import browser

    lacking = browser.missing()
    if lacking:
        reason = f"no {', '.join(lacking)}: apt-get install chromium chromium-driver"
        if os.environ.get("BACKPROP_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    with browser.chromium() as driver:
        yield driver
