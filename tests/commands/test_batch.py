"""Batch grading that loses nothing: results saved as they finish, --resume, interrupts."""
import contextlib
import fcntl
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pytest

from autograder import batch, catalog, plan
from conftest import ROOT, backprop, correct

HANG = "\ndef weight_gradients(dZ, A_prev):\n    while True:\n        pass\n"


def make_class(tmp_path, names):
    for name in names:
        correct(tmp_path / "class" / name)
    return tmp_path / "class"


def test_an_interrupt_in_a_terminal_is_told_on_a_line_of_its_own(tmp_path):
    """In a terminal the progress bar is drawn; interrupted, it ends its line first."""
    import pty
    class_dir = make_class(tmp_path, ["ada", "bob"])
    for name in ("ada", "bob"):
        path = class_dir / name / "ex03_weight_gradients.py"
        path.write_text(path.read_text() + HANG)
    reading, writing = pty.openpty()
    fcntl.ioctl(writing, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # else tqdm draws no bar
    process = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "1",
                                "--timeout", "3"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=writing,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(writing)
    seen = b""
    while b"1/2" not in seen:  # the bar is drawn, and a grading process is at bob's
        seen += os.read(reading, 4096)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    with contextlib.suppress(OSError):  # EIO: every writer has closed it
        while chunk := os.read(reading, 4096):
            seen += chunk
    os.close(reading)
    told = [line for line in seen.decode().replace("\r\n", "\n").split("\n") if "Interrupted." in line]
    assert told and told[0].startswith("Interrupted."), seen


def test_an_interrupt_while_a_grading_process_is_forked_is_not_lost(tmp_path):
    """A signal that arrives in the fork's at-fork hooks was raised there, where Python
    ignores it ("Exception ignored in ..."), and the batch went on to the end."""
    make_class(tmp_path, ["ada"])
    interrupted_at_fork = (
        "import os, signal, sys\n"
        "batch = os.getpid()\n"  # its grading processes fork too, and inherit the hook
        "os.register_at_fork(before=lambda: os.getpid() == batch and os.kill(batch, signal.SIGINT))\n"
        "from autograder import cli\n"
        "sys.exit(cli.main(['grade', 'class', '--json', 'r.json']))\n")
    done = subprocess.run([sys.executable, "-c", interrupted_at_fork], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (130, [
        "Interrupted. Finished results are kept: run the same command with --resume."]), done.stderr
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "a job's kill"])
def test_a_grading_process_forked_while_interrupts_are_held_is_interrupted_by_them(tmp_path, capfd, stop):
    """The batch holds Ctrl-C and SIGTERM back while it forks a grading process; the process
    has the batch's own handlers back, and either signal raises KeyboardInterrupt in it,
    which ends it (and its zygote), rather than being held for a fork that never comes."""
    with batch._interrupts_held() as kept:
        process, connection = batch._start(plan.make("public", "", catalog.EXERCISES[:1]), {}, kept)
    try:
        connection.send(("nobody", tmp_path))
        connection.recv()  # graded: the process waits for the next submission
        os.kill(process.pid, stop)
        process.join(timeout=60)
        assert process.exitcode == 1 and capfd.readouterr().err.rstrip().endswith("KeyboardInterrupt")
    finally:
        process.kill()  # one that has ended is not signalled
        process.join()
        connection.close()


def test_a_batch_that_ignores_ctrl_c_goes_on_in_its_grading_processes_too(tmp_path):
    """Started with SIGINT ignored (nohup, a background job), the batch goes on through a Ctrl-C to its process
    group; its grading processes set Python's own handler, died of KeyboardInterrupt, each with a traceback on the
    instructor's terminal, and their submissions were graded again by new ones."""
    class_dir = make_class(tmp_path, ["ada", "bob", "cy"])
    path = class_dir / "bob" / "ex03_weight_gradients.py"
    path.write_text(path.read_text() + HANG)  # slow: each call hangs until the per-call timeout
    process = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "1",
                                "--timeout", "3", "--json", str(tmp_path / "r.json")], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".backprop-grade/*/*.json")):
        time.sleep(0.1)
    time.sleep(1)  # at bob's
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0 and "Traceback" not in err.decode(), err.decode()
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"ada": 100, "bob": 85, "cy": 100}


def test_a_finished_batch_keeps_no_results_once_its_reports_are_written(tmp_path):
    class_dir = make_class(tmp_path, ["ada", "bob", "cy"])
    done = backprop("grade", class_dir, "--json", tmp_path / "a.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(tmp_path.iterdir()) == [tmp_path / "a.json", class_dir]  # no .backprop-grade/ left behind
    (class_dir / "ada" / "ex03_weight_gradients.py").write_text("syntax error(\n")
    again = backprop("grade", class_dir, "--resume", "--json", tmp_path / "b.json", cwd=tmp_path)
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "b.json").read_text())["submissions"]}
    assert again.returncode == 0 and scores == {"ada": 85, "bob": 100, "cy": 100}  # nothing was left to reuse


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "a job's kill"])
def test_an_interrupted_batch_leaves_whole_files_and_resumes(tmp_path, stop):
    class_dir = make_class(tmp_path, ["ada", "bob", "cy", "dee"])
    for name in ("cy", "dee"):  # slow ones: each call hangs until the per-call timeout
        path = class_dir / name / "ex03_weight_gradients.py"
        path.write_text(path.read_text() + HANG)
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "1", "--timeout", "3",
           "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "r.csv")]
    # A background job of a shell without job control inherits SIGINT ignored, and Python
    # then keeps it so: give the batch the default disposition, as a terminal's Ctrl-C finds.
    process = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".backprop-grade/*/*.json")):
        time.sleep(0.1)
    time.sleep(1)
    process.send_signal(stop)
    process.wait(timeout=60)
    assert "Interrupted. Finished results are kept: run the same command with --resume." in process.stderr.read().decode()
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.csv").exists()
    saved = list(tmp_path.glob(".backprop-grade/*/*.json"))
    assert saved and len(saved) < 4
    assert "ada" in [json.loads(path.read_text())["submission"] for path in saved]  # whole, the first graded
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    ada = next(path for path in saved if json.loads(path.read_text())["submission"] == "ada")
    ada.write_text(ada.read_text().replace('"isolation": "', '"isolation": "kept: '))  # seen if her result is kept
    done = subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    scores = {s["submission"]: s["score"] for s in report["submissions"]}
    assert list(scores) == ["ada", "bob", "cy", "dee"] and scores["ada"] == 100 and scores["dee"] == 85
    assert report["submissions"][0]["isolation"].startswith("kept: ")
    assert not (tmp_path / ".backprop-grade").exists()  # every result is in r.json now


def test_a_result_a_learner_planted_for_resume_is_not_trusted(tmp_path):
    """An instructor grades a learner's folder from inside it, with --resume and without --hidden.
    The learner's files hold a result of full marks where that run keeps its results, at the name
    the learner can work out: from their label, the absolute path they guess for their folder, the
    checks and no secret. It was trusted: stubs got 100 of 100."""
    import hashlib
    ada = tmp_path / "ada"
    correct(ada)
    done = backprop("grade", ".", "--json", tmp_path / "full.json", cwd=ada)
    assert done.returncode == 0, done.stderr
    forged = json.loads((tmp_path / "full.json").read_text())
    for path in ada.iterdir():  # stubs, and the forged result
        path.write_text((ROOT / "exercises" / path.name).read_text())
    key = json.dumps([["ada", str(ada.resolve())], "public, part (1,)"]) + hashlib.sha256(b"").hexdigest()
    planted = ada / ".backprop-grade" / hashlib.sha256(key.encode()).hexdigest()[:16]
    planted.mkdir(parents=True)
    (planted / f"{hashlib.sha256(b'ada').hexdigest()[:16]}.json").write_text(json.dumps(forged))
    done = backprop("grade", ".", "--resume", "--json", tmp_path / "r.json", cwd=ada)
    assert done.returncode == 0, done.stderr
    assert forged["score"] == 100 and json.loads((tmp_path / "r.json").read_text())["score"] == 0


def test_a_batch_resumed_with_another_timeout_grades_again(tmp_path):
    """A batch stopped (SIGKILL) after ada's result was saved, resumed with --timeout 2 instead of 4: her
    result, graded with the limits of the batch stopped, was kept; the saved results' key held no limit. Once the
    new batch wrote its reports, the old one's saved results stayed in .backprop-grade/ for good."""
    class_dir = make_class(tmp_path, ["ada", "bob"])
    path = class_dir / "bob" / "ex03_weight_gradients.py"
    path.write_text(path.read_text() + HANG)
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "1",
           "--json", str(tmp_path / "r.json")]
    watch = subprocess.run([sys.executable, ROOT / "tests" / "reaper.py", tmp_path / "reaped.json", "--kill-when",
                            tmp_path / ".backprop-grade/*/*.json", "--after", "1", "--", *cmd, "--timeout", "4"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert watch.returncode == 0, watch.stderr
    [ada] = tmp_path.glob(".backprop-grade/*/*.json")  # ada's alone: bob's calls hang
    ada.write_text(ada.read_text().replace('"isolation": "', '"isolation": "kept: '))  # seen if kept
    other = tmp_path / ".backprop-grade" / "0badcafe-0123456789abcdef"  # another class's, or part's: kept
    other.mkdir()
    done = subprocess.run(cmd + ["--timeout", "2", "--resume"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text())["submissions"]
    assert {s["submission"]: s["score"] for s in report} == {"ada": 100, "bob": 85}
    assert "kept" not in report[0]["isolation"]
    assert list((tmp_path / ".backprop-grade").iterdir()) == [other]  # not those of --timeout 4, which nothing reads


def test_a_batch_resumed_after_a_learners_file_was_written_over_grades_it_again(tmp_path):
    """A batch stopped after ada's result was saved; the instructor then replaced her file with the one she
    meant to hand in, written over in place (cp, an editor's save), which leaves her folder's time as it was.
    --resume kept the result of the file replaced."""
    class_dir = make_class(tmp_path, ["ada", "bob"])
    path = class_dir / "bob" / "ex03_weight_gradients.py"
    path.write_text(path.read_text() + HANG)
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "1", "--timeout", "2",
           "--json", str(tmp_path / "r.json")]
    watch = subprocess.run([sys.executable, ROOT / "tests" / "reaper.py", tmp_path / "reaped.json", "--kill-when",
                            tmp_path / ".backprop-grade/*/*.json", "--after", "1", "--", *cmd],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert watch.returncode == 0, watch.stderr
    assert len(list(tmp_path.glob(".backprop-grade/*/*.json"))) == 1  # ada's alone: bob's calls hang
    folder_changed = os.stat(class_dir / "ada").st_ctime_ns
    with open(class_dir / "ada" / "ex03_weight_gradients.py", "r+") as file:  # the same file, written anew
        file.truncate()
        file.write("syntax error(\n")
    assert os.stat(class_dir / "ada").st_ctime_ns == folder_changed
    done = subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"ada": 85, "bob": 85}


def test_another_version_of_the_grader_keeps_its_results_apart(tmp_path):
    """An instructor stops a batch, upgrades the grader (a fix of its judging, a spec's tolerance) and runs
    the same command with --resume: the old grader's saved results were found, and kept, as the new one's."""
    ada = correct(tmp_path / "class" / "ada")
    upgraded = tmp_path / "upgraded"
    shutil.copytree(ROOT / "autograder", upgraded / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    judge = upgraded / "autograder" / "judge.py"
    judge.write_text(judge.read_text() + "\n# the upgrade's fix\n")
    where = ("from autograder import batch; "
             f"print(batch.__file__, batch.state_folder([('ada', {str(ada)!r})], 'all, part (1,)', 'secret'))")
    found = [subprocess.run([sys.executable, "-c", where], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(package)}).stdout.split()
             for package in (ROOT, upgraded)]
    assert [Path(module).parent.parent for module, _ in found] == [ROOT, upgraded]
    assert found[0][1] != found[1][1]


def test_a_submission_has_a_time_budget(tmp_path):
    class_dir = make_class(tmp_path, ["slow"])
    hangs = {"ex03_weight_gradients": "weight_gradients(dZ, A_prev)", "ex04_hidden_delta": "hidden_delta(dZ2, W2, Z1, "
             "activation='tanh')", "ex05_l_layer": "linear_forward(A, W, b)"}  # a hung function's next cases are not made
    for name, function in hangs.items():
        path = class_dir / "slow" / f"{name}.py"
        path.write_text(path.read_text() + f"\ndef {function}:\n    while True:\n        pass\n")
    done = backprop("grade", class_dir, "--timeout", "1", "--submission-timeout", "4",
                    "--json", tmp_path / "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exercises = {e["id"]: e for e in json.loads((tmp_path / "r.json").read_text())["exercises"]}
    messages = " ".join(c["message"] for e in exercises.values() for c in e["checks"])
    assert "time ran out" in messages
    assert exercises["ex03_weight_gradients"]["score"] == 0
    assert exercises["ex01_sigmoid_derivative"]["status"] == "passed"  # graded before the budget ran out
    # the run was stopped (grading-contract.md's `error`); a function it never called is not blamed
    later = exercises["ex06_gradient_check"]
    assert later["status"] == "error" and later["message"].startswith(
        "Not every check of ex06_gradient_check could run: the submission's time ran out")
    assert all("was not called: the submission's time ran out" in c["message"] and "loop" not in c["message"]
               for c in later["checks"])


def test_kill_9_of_a_batch_leaves_no_process_and_resume_completes_the_class(tmp_path):
    """Every process a batch starts (grading processes, zygotes, workers, one of them in a
    learner's endless loop) ends within seconds of a SIGKILL of the batch."""
    class_dir = make_class(tmp_path, ["ada", "bob", "cy", "dee", "eve", "fay"])
    for name in ("cy", "dee", "eve"):
        path = class_dir / name / "ex03_weight_gradients.py"
        path.write_text(path.read_text() + HANG)
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "2", "--timeout", "4",
           "--json", str(tmp_path / "r.json")]
    before = set(Path(tempfile.gettempdir()).glob("backprop-worker-*"))
    watch = subprocess.run([sys.executable, ROOT / "tests" / "reaper.py", tmp_path / "reaped.json", "--kill-when",
                            tmp_path / ".backprop-grade/*/*.json", "--after", "1", "--", *cmd],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert watch.returncode == 0, watch.stderr
    assert json.loads((tmp_path / "reaped.json").read_text())["left"] == []  # nothing outlived the batch
    assert not (tmp_path / "r.json").exists()
    saved = list(tmp_path.glob(".backprop-grade/*/*.json"))
    assert 0 < len(saved) < 6
    abandoned = {folder for folder in set(Path(tempfile.gettempdir()).glob("backprop-worker-*")) - before
                 if not Path("/proc", folder.name.split("-")[2]).exists()}  # the killed workers', not another batch's
    assert abandoned
    done = subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not any(folder.exists() for folder in abandoned)  # the next batch removed them
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"ada": 100, "bob": 100, "cy": 85, "dee": 85, "eve": 85, "fay": 100}


def test_a_report_written_again_removes_what_a_writer_killed_as_it_wrote_it_left(tmp_path):
    """A report is written whole: a temp file beside it, `.<name>.<pid>.tmp`, then a rename. A
    writer killed (SIGKILL) between the two left that file; the next write of the report removes
    it, and leaves alone the temp file of a writer that still runs."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".r.json.{int(gone.stdout)}.tmp"
    dead.write_text('{"submission": "ada", "sco')  # cut short
    running = tmp_path / f".r.json.{os.getpid()}.tmp"
    running.write_text("{")
    done = backprop("grade", correct(tmp_path / "ada"), "--json", tmp_path / "r.json")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "r.json").read_text())["score"] == 100
    assert not dead.exists() and running.exists()


def test_the_copy_a_killed_grade_upload_left_is_removed_by_the_next_batch(tmp_path):
    """`grade --upload` grades a copy of the upload's files, which a SIGKILL left in the temporary
    folder for good; the copy is named for its grading process now, as a worker's folder is."""
    upload = correct(tmp_path / "upload" / "v2")
    path = upload / "ex03_weight_gradients.py"
    path.write_text(path.read_text() + HANG)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    cmd = [sys.executable, "-m", "autograder", "grade", "--upload", str(tmp_path / "upload"), "--timeout", "4"]
    watch = subprocess.run([sys.executable, ROOT / "tests" / "reaper.py", tmp_path / "reaped.json", "--kill-when",
                            scratch / "*" / "ex03_weight_gradients.py", "--after", "1", "--", *cmd],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert watch.returncode == 0, watch.stderr
    reaped = json.loads((tmp_path / "reaped.json").read_text())
    assert reaped["returncode"] == -9 and reaped["left"] == [], reaped  # killed while it graded
    copies = [p.parent for p in scratch.glob("*/ex03_weight_gradients.py")]
    assert copies  # what the killed grader could not remove
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", correct(tmp_path / "ada")], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not any(copy.exists() for copy in copies)


def _grading_processes(batch: subprocess.Popen) -> list:
    """The pids of a batch's grading processes: its children forked from it, which run its
    command, and still do a moment later (a zygote being started runs it until its exec)."""
    def children():
        with open(f"/proc/{batch.pid}/cmdline", "rb") as own:
            command = own.read()
        found = set()
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == batch.pid and cmdline.read() == command:
                        found.add(int(entry))
            except (OSError, ValueError):
                continue
        return found

    first = children()
    time.sleep(0.05)
    return sorted(first & children())


def _slow_class(tmp_path, names):
    class_dir = make_class(tmp_path, names)
    for name in names:  # every submission takes at least the per-call timeout
        path = class_dir / name / "ex03_weight_gradients.py"
        path.write_text(path.read_text() + HANG)
    return class_dir


def test_a_killed_grading_process_is_replaced_and_its_submissions_graded_again(tmp_path):
    class_dir = _slow_class(tmp_path, ["ada", "bob", "cy", "dee"])
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "2", "--timeout", "2",
           "--json", str(tmp_path / "r.json")]
    batch = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    found = []
    while not found and time.monotonic() < deadline:
        found = _grading_processes(batch)
    os.kill(found[0], signal.SIGKILL)  # as the kernel's OOM killer might
    assert batch.wait(timeout=300) == 0, batch.stderr.read()
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"ada": 85, "bob": 85, "cy": 85, "dee": 85}
    assert not (tmp_path / ".backprop-grade").exists()  # each result saved, then written in r.json


def test_what_the_grader_failed_is_not_kept_and_resume_grades_it(tmp_path):
    class_dir = _slow_class(tmp_path, ["ada", "bob", "cy"])
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "2", "--timeout", "2",
           "--json", str(tmp_path / "r.json")]
    batch = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = 0
    while batch.poll() is None:  # every grading process it starts, as soon as it appears
        for pid in _grading_processes(batch):
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except ProcessLookupError:
                pass
        time.sleep(0.005)
    assert batch.returncode == 0 and killed >= 3
    report = json.loads((tmp_path / "r.json").read_text())["submissions"]
    assert all(e["status"] == "error" and e["message"] == "could not be graded: its grading process ended each time "
               "it was graded (--resume grades it again)" for s in report for e in s["exercises"])
    assert not list(tmp_path.glob(".backprop-grade/*/*.json"))  # nothing the grader failed is kept
    done = subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"ada": 85, "bob": 85, "cy": 85}
    assert not (tmp_path / ".backprop-grade").exists()  # every result is in r.json now


def test_a_grading_process_that_is_stuck_is_ended_and_the_batch_goes_on(tmp_path):
    """A grading process stopped (as one stuck in the grader's own work would be) is killed
    once it has taken twice the submission's time and 10 s; its submission is reported,
    not kept, and the others are graded."""
    class_dir = _slow_class(tmp_path, ["ada", "bob", "cy"])
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "2", "--timeout", "1",
           "--submission-timeout", "2", "--json", str(tmp_path / "r.json")]
    batch = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    found = []
    while not found and time.monotonic() < deadline:
        found = _grading_processes(batch)
    os.kill(found[0], signal.SIGSTOP)
    assert batch.wait(timeout=120) == 0, batch.stderr.read()
    report = {s["submission"]: s for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    stuck = [name for name, s in report.items() if s["score"] == 0]
    graded = {s["score"] for name, s in report.items() if name not in stuck}  # what the 2 s allowed
    assert len(stuck) == 1 and len(graded) == 1 and graded.pop() > 0
    assert all(e["message"] == "could not be graded: its grading process was still at it after 14 s and was ended "
               "(--resume grades it again)" for e in report[stuck[0]]["exercises"])
    assert len(list(tmp_path.glob(".backprop-grade/*/*.json"))) == 2  # the stuck one is graded again by --resume


def test_names_that_are_not_utf8_reach_every_report_as_question_marks(tmp_path):
    """Python holds a name's bytes that are not UTF-8 as lone surrogates, which no UTF-8
    file or terminal takes: a learner's folder so named made the batch raise saving its
    result, and an archive so named (said in a missing exercise's message) its class page."""
    class_dir = make_class(tmp_path, ["ada"])
    correct(Path(os.fsdecode(bytes(class_dir) + b"/bob\xff")))
    (class_dir / "ada" / "ex03_weight_gradients.py").unlink()
    Path(os.fsdecode(bytes(class_dir) + b"/ada/work\xfe.zip")).write_bytes(b"")
    done = backprop("grade", class_dir, "--csv", tmp_path / "grades.csv", "--html", tmp_path / "page.html",
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = (tmp_path / "grades.csv").read_text(encoding="utf-8")
    assert rows.endswith("\nbob?,10.0,10.0,15.0,20.0,25.0,10.0,10.0,100.0,\n")
    assert "work?.zip is not opened" in (tmp_path / "page.html").read_text(encoding="utf-8")
    alone = subprocess.run([sys.executable, "-m", "autograder", "grade", class_dir / "ada"], capture_output=True,
                           env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=300)  # strict, as most terminals
    assert alone.returncode == 0 and b"(work?.zip is not opened: unpack it here)" in alone.stdout, alone.stderr


def test_a_learners_folder_that_cannot_be_listed_is_their_error_not_the_batchs(tmp_path):
    """unzip gives a folder it makes the mode its archive says, 000 too: a learner's upload
    unzipped by an instructor who is not root was a folder the grader could not list, and the
    whole batch stopped ("Error: ... Permission denied"), grading no one. Root may list any
    folder, so run as root the grader is left without the capabilities that allow it."""
    import shutil
    class_dir = make_class(tmp_path, ["ada", "bob"])
    command = [sys.executable, "-m", "autograder", "grade", class_dir, "--csv", tmp_path / "grades.csv"]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("no setpriv (util-linux) to grade as root without the right to list any folder")
        dropped = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={dropped}", f"--inh-caps={dropped}", *command]
    (class_dir / "bob").chmod(0)
    try:
        done = subprocess.run(list(map(str, command)), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    finally:
        (class_dir / "bob").chmod(0o755)  # for pytest to remove it
    assert done.returncode == 0, done.stderr
    rows = (tmp_path / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1] == "ada,10.0,10.0,15.0,20.0,25.0,10.0,10.0,100.0,"
    assert rows[2].startswith("bob,0.0,") and "ex01_sigmoid_derivative: error (bob could not be read (Permission " \
                                                 "denied))" in rows[2], rows[2]


def test_a_batch_runs_no_thread_beside_the_grading_processes_it_forks(tmp_path):
    """A thread alive at a fork may hold a lock that the child then waits on for ever (Python
    3.12 warns of it); the progress bar's monitor thread was one, started even when hidden."""
    class_dir = make_class(tmp_path, ["ada", "bob"])
    code = ("import sys, threading; from autograder import cli\n"
            "code = cli.main(['grade', sys.argv[1], '--jobs', '2'])\n"
            "print(code, sorted(t.name for t in threading.enumerate()))\n")
    done = subprocess.run([sys.executable, "-c", code, str(class_dir)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.stdout.splitlines()[-1] == "0 ['MainThread']", done.stdout + done.stderr
