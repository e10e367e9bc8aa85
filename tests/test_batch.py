"""Batch grading that loses nothing: results saved as they finish, --resume, interrupts."""
import json
import signal
import subprocess
import sys
import time

from conftest import ROOT
from test_cli import backprop
from test_instructors import correct

HANG = "\ndef weight_gradients(dZ, A_prev):\n    while True:\n        pass\n"


def make_class(tmp_path, names):
    for name in names:
        correct(tmp_path / "class" / name)
    return tmp_path / "class"


def test_resume_grades_only_what_has_no_result(tmp_path):
    class_dir = make_class(tmp_path, ["ada", "bob", "cy"])
    first = backprop("grade", class_dir, "--json", tmp_path / "a.json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    state = next((tmp_path / ".backprop-grade").iterdir())
    assert sorted(p.name for p in state.iterdir()) == ["ada.json", "bob.json", "cy.json"]
    # ada's files change, but her result exists: --resume keeps it; bob's was lost: regraded.
    (class_dir / "ada" / "ex03_weight_gradients.py").write_text("syntax error(\n")
    (class_dir / "bob" / "ex03_weight_gradients.py").write_text("syntax error(\n")
    (state / "bob.json").unlink()
    again = backprop("grade", class_dir, "--resume", "--json", tmp_path / "b.json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "b.json").read_text())["submissions"]}
    assert scores == {"ada": 100, "bob": 85, "cy": 100}
    fresh = backprop("grade", class_dir, "--json", tmp_path / "c.json", cwd=tmp_path)  # no --resume: all regraded
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "c.json").read_text())["submissions"]}
    assert fresh.returncode == 0 and scores == {"ada": 85, "bob": 85, "cy": 100}


def test_an_interrupted_batch_leaves_whole_files_and_resumes(tmp_path):
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
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.csv").exists()
    saved = list(tmp_path.glob(".backprop-grade/*/*.json"))
    assert saved and len(saved) < 4
    for path in saved:
        json.loads(path.read_text())  # whole
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    done = subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert [s["submission"] for s in report["submissions"]] == ["ada", "bob", "cy", "dee"]
    assert report["submissions"][0]["score"] == 100


def test_a_submission_has_a_time_budget(tmp_path):
    class_dir = make_class(tmp_path, ["slow"])
    for name in ("ex03_weight_gradients", "ex04_hidden_delta"):
        path = class_dir / "slow" / f"{name}.py"
        function = "weight_gradients(dZ, A_prev)" if name.startswith("ex03") else "hidden_delta(dZ2, W2, Z1, activation='tanh')"
        path.write_text(path.read_text() + f"\ndef {function}:\n    while True:\n        pass\n")
    done = backprop("grade", class_dir, "--timeout", "1", "--submission-timeout", "4",
                    "--json", tmp_path / "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exercises = {e["id"]: e for e in json.loads((tmp_path / "r.json").read_text())["exercises"]}
    messages = " ".join(c["message"] for e in exercises.values() for c in e["checks"])
    assert "time ran out" in messages
    assert exercises["ex03_weight_gradients"]["score"] == 0
    assert exercises["ex01_sigmoid_derivative"]["status"] == "passed"  # graded before the budget ran out


def test_kill_9_of_a_batch_leaves_no_process_and_resume_completes_the_class(tmp_path):
    """Every process a batch starts (grading processes, zygotes, workers, one of them in a
    learner's endless loop) ends within seconds of a SIGKILL of the batch."""
    class_dir = make_class(tmp_path, ["ada", "bob", "cy", "dee", "eve", "fay"])
    for name in ("cy", "dee", "eve"):
        path = class_dir / name / "ex03_weight_gradients.py"
        path.write_text(path.read_text() + HANG)
    cmd = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--jobs", "2", "--timeout", "4",
           "--json", str(tmp_path / "r.json")]
    watch = subprocess.run([sys.executable, ROOT / "tests" / "reaper.py", str(tmp_path / ".backprop-grade/*/*.json"),
                            "1", "--", *cmd], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert watch.returncode == 0, watch.stderr
    assert json.loads(watch.stdout) == []  # nothing outlived the batch
    assert not (tmp_path / "r.json").exists()
    saved = list(tmp_path.glob(".backprop-grade/*/*.json"))
    assert 0 < len(saved) < 6
    done = subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"ada": 100, "bob": 100, "cy": 85, "dee": 85, "eve": 85, "fay": 100}
