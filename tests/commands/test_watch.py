"""`backprop check --watch` as a learner runs it: a real process, files saved beside it, Ctrl-C."""
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

import reaper
from autograder import catalog
from conftest import ROOT, backprop, left_running
from variants import ex03_weight_gradients as ex03

WAIT = 120  # seconds: generous, for a loaded machine
EX03 = "ex03_weight_gradients.py"
LAST_FAILS = f"{catalog.EXERCISES[-1].id}: failed"  # the end of a run's report on fresh stubs
HANG = "\ndef weight_gradients(dZ, A_prev):\n    while True:\n        pass\n"


class Stream:
    """What a process writes to a file descriptor, gathered by a thread as it comes."""

    def __init__(self, fd):
        self.text, self._fd, self._lock = "", fd, threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except OSError:  # a terminal's reading side reports the writer's end as EIO
                chunk = b""
            if not chunk:
                return
            with self._lock:
                self.text += chunk.decode(errors="replace")

    def wait_for(self, pattern, after=0, timeout=WAIT) -> int:
        """The position just past the first match of the regular expression `pattern` in
        what was written after position `after`."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                found = re.compile(pattern).search(self.text, after)
            if found:
                return found.end()
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} after {timeout} s; the output was:\n{self.text}")

    def close(self) -> str:
        self._thread.join(timeout=WAIT)
        return self.text


def _as_a_terminal_runs_it():
    # A process group of its own, which Ctrl-C in a terminal signals as a whole; and SIGINT's
    # default disposition (a background job of a shell without job control inherits it ignored).
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watching:
    """`backprop check --watch --dir folder` running, its output gathered."""

    def __init__(self, folder, *args, terminal=False):
        command = [sys.executable, "-m", "autograder", "check", "--watch", "--dir", str(folder), *args]
        if terminal:
            reading, writing = pty.openpty()
            self.process = subprocess.Popen(command, stdout=writing, stderr=subprocess.PIPE,
                                            preexec_fn=_as_a_terminal_runs_it)
            os.close(writing)
        else:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            preexec_fn=_as_a_terminal_runs_it)
            reading = self.process.stdout.fileno()
        self.out, self.err = Stream(reading), Stream(self.process.stderr.fileno())

    def ctrl_c(self) -> int:
        """Press Ctrl-C; the exit status."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=WAIT)

    def end(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def workspace(tmp_path):
    done = backprop("start", tmp_path / "work")
    assert done.returncode == 0, done.stderr
    return tmp_path / "work"


@pytest.fixture
def watching():
    """A function that starts `backprop check --watch` on a folder; every process it
    started is ended after the test, passed or failed."""
    started = []

    def start(folder, *args, terminal=False):
        started.append(Watching(folder, *args, terminal=terminal))
        return started[-1]

    try:
        yield start
    finally:
        for w in started:
            w.end()


def save(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_each_save_is_checked_again_until_ctrl_c(workspace, watching):
    before = reaper.children()
    w = watching(workspace)
    at = w.out.wait_for(re.escape(f"watching {workspace}; Ctrl-C stops"))
    at = w.out.wait_for("not implemented yet", at)  # the first run, on the fresh stubs
    at = w.out.wait_for(LAST_FAILS, at)  # the run is over

    save(workspace / EX03, ex03.MISTAKES["ex03/dW-transposed"])
    at = w.out.wait_for(re.escape(f"{EX03} changed at"), at)
    at = w.out.wait_for("This is a known mistake, ex03/dW-transposed", at)
    at = w.out.wait_for(LAST_FAILS, at)

    save(workspace / EX03, ex03.CORRECT["loops"])
    at = w.out.wait_for(re.escape(f"{EX03} changed at"), at)
    w.out.wait_for(r"ex03_weight_gradients +passed +15 / 15", at)

    assert w.ctrl_c() == 0
    out, err = w.out.close(), w.err.close()
    assert out.count("Ctrl-C stops") == 1 and out.count("changed at") == 2
    assert "\033[" not in out  # not a terminal: no screen clearing, no colour
    assert err == ""  # no traceback, nothing else either
    assert left_running(before) == []


def test_a_folders_name_reaches_the_terminal_inert(tmp_path, watching):
    """A folder named with a terminal's escapes (set the title, clear the screen), as an archive
    may name it: the heading printed them as they were, to the terminal that ran check."""
    folder = tmp_path / "work\033]0;pwned\007\033[2J"
    folder.mkdir()
    shutil.copyfile(ROOT / "exercises" / "ex01_sigmoid_derivative.py", folder / "ex01_sigmoid_derivative.py")
    w = watching(folder)
    w.out.wait_for(re.escape("work?]0;pwned??[2J; Ctrl-C stops"))
    shutil.rmtree(folder)  # all deleted while it waits: said, with the folder's name
    w.out.wait_for(re.escape("work?]0;pwned??[2J holds no exercise files now."))
    assert w.ctrl_c() == 0
    assert "\033" not in w.out.close()


def test_ctrl_c_during_a_check_ends_it_and_its_worker(workspace, watching):
    before = reaper.children()
    w = watching(workspace, "ex03")
    at = w.out.wait_for("total")
    save(workspace / EX03, HANG)  # the check now waits on a call that never returns
    at = w.out.wait_for(re.escape(f"{EX03} changed at"), at)
    assert w.ctrl_c() == 0
    out, err = w.out.close(), w.err.close()
    assert "total" not in out[at:]  # the interrupted run printed no report
    assert "Traceback" not in err and err.strip() == ""
    assert left_running(before) == []


def test_in_a_terminal_each_run_has_a_cleared_screen(workspace, watching):
    before = reaper.children()
    w = watching(workspace, "ex03", terminal=True)
    at = w.out.wait_for("Ctrl-C stops")
    at = w.out.wait_for("total", at)
    assert "\033[2J" not in w.out.text  # the first run clears nothing
    save(workspace / EX03, ex03.MISTAKES["ex03/dW-transposed"])
    at = w.out.wait_for(re.escape("\033[2J"), at)
    at = w.out.wait_for("Ctrl-C stops", at)  # each screen says how to stop
    at = w.out.wait_for(re.escape(f"{EX03} changed at"), at)
    w.out.wait_for("ex03/dW-transposed", at)
    assert w.ctrl_c() == 0
    assert w.out.close().count("\033[2J") == 1 and w.err.close() == ""
    assert left_running(before) == []


def test_a_new_exercise_file_is_checked_when_it_appears(tmp_path, watching):
    assert backprop("start", tmp_path / "all").returncode == 0
    folder = tmp_path / "work"
    folder.mkdir()
    (tmp_path / "all" / EX03).rename(folder / EX03)  # only ex03 at first
    w = watching(folder)
    at = w.out.wait_for("total")
    assert "ex04_hidden_delta" not in w.out.text
    (tmp_path / "all" / "ex04_hidden_delta.py").rename(folder / "ex04_hidden_delta.py")
    at = w.out.wait_for(r"ex04_hidden_delta\.py changed at", at)
    w.out.wait_for(r"ex04_hidden_delta +failed", at)
    assert w.ctrl_c() == 0


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_watch_on_a_folder_without_exercises_is_bad_usage(tmp_path, where):
    folder = tmp_path / "nothing here"
    if where == "empty":
        folder.mkdir()
    done = backprop("check", "--watch", "--dir", folder)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr


def test_a_downloaded_copy_is_checked_again_when_saved(tmp_path, watching):
    # `backprop check` grades "ex03_weight_gradients (1).py", as a browser names a second
    # download, when no ex03_weight_gradients.py is there; --watch must see its saves too.
    assert backprop("start", tmp_path / "all").returncode == 0
    folder, copy = tmp_path / "work", "ex03_weight_gradients (1).py"
    folder.mkdir()
    (tmp_path / "all" / EX03).rename(folder / copy)
    w = watching(folder)
    at = w.out.wait_for(re.escape(f"{copy} was graded as ex03_weight_gradients"))
    save(folder / copy, ex03.MISTAKES["ex03/dW-transposed"])
    at = w.out.wait_for(re.escape(f"{copy} changed at"), at, timeout=20)
    at = w.out.wait_for("This is a known mistake, ex03/dW-transposed", at)
    notebook = "ex03_weight_gradients.ipynb"  # the exercise's own file: now the copy is not graded
    (tmp_path / "all" / notebook).rename(folder / notebook)
    at = w.out.wait_for(re.escape(f"{notebook} changed at"), at, timeout=20)
    at = w.out.wait_for("not implemented yet", at)
    assert w.ctrl_c() == 0 and w.err.close() == ""


def test_a_copy_worked_in_beside_a_stub_is_checked_again_when_saved(workspace, watching):
    # `backprop check` grades a download's copy that holds work when the exercise's own file
    # is still a stub; --watch must see the copy's saves then too.
    copy = "ex03_weight_gradients (1).py"
    (workspace / copy).write_text((ROOT / "solutions" / EX03).read_text(encoding="utf-8"), encoding="utf-8")
    w = watching(workspace)
    at = w.out.wait_for(re.escape(f"{copy} was graded"))
    save(workspace / copy, ex03.MISTAKES["ex03/dW-transposed"])
    at = w.out.wait_for(re.escape(f"{copy} changed at"), at, timeout=20)
    w.out.wait_for("This is a known mistake, ex03/dW-transposed", at)
    assert w.ctrl_c() == 0 and w.err.close() == ""


def test_the_folder_moved_away_and_back_is_no_error(workspace, watching):
    w = watching(workspace)
    at = w.out.wait_for(LAST_FAILS)
    workspace.rename(workspace.with_name("elsewhere"))  # a git checkout, a folder renamed by mistake
    at = w.out.wait_for("holds no exercise files now", at, timeout=20)
    workspace.with_name("elsewhere").rename(workspace)
    w.out.wait_for(LAST_FAILS, at)
    assert w.ctrl_c() == 0 and w.err.close() == ""
