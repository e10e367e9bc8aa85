"""The hostile corpus (tests/hostile/), graded in one batch with correct submissions.

Each folder of tests/hostile/ is a case: a snippet named after the exercise file it attacks.
A case's submission is the reference solution with that snippet appended (its definitions
replace the reference's), beside the solutions' other files. The batch adds correct
submissions, and grades them all at once through the real command line, with the hidden
checks, two jobs and a short per-call timeout. Then: every correct submission has exactly
100; each hostile one loses exactly what it attacked, with the reason in the message, and
nothing else; the reports are whole; no forged file appeared anywhere.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from autograder import catalog, spec as specs
from autograder.execution import kernel
import conftest
from conftest import ROOT, SCHEMA, correct

CORPUS = ROOT / "tests" / "hostile"
SECRET = "hostile-corpus-secret-5d2b"
CORRECT = ("correct_1", "correct_2", "correct_3")
# What forged_reports writes: a fake report's note, and the line it appends to classmates' files.
FORGED = ('"note": "FORGED-BY-A-SUBMISSION"', "raise SystemExit(MARK)")
BATCH_SECONDS = 120
# Which checks of the attacked function an attack costs, by the stages they judge
# (autograder.spec.STAGES); None: all of them. A wrong returned value also costs the checks
# of the inputs alone, which count only with right outputs (OUTPUTS_FIRST says so).
VALUES = ("type", "shape", "finite", "values")  # a returned value: the inputs were left alone
NUMBERS = ("finite", "values")  # the numbers in arrays of the right type and shape
UNCHANGED = ("unchanged",)
OUTPUTS_FIRST = "counts once"


@dataclass(frozen=True)
class Attack:
    """What one hostile submission must get for the exercise it attacks."""

    exercise: str
    status: str  # of the attacked exercise: "error" (not loaded), "stopped" (error, a call stopped) or "failed"
    reason: str | tuple  # in the exercise's message (error), or in every check it costs; a tuple: one of them
    function: str = None  # the function attacked; None: all of the exercise's functions
    costs: tuple = None  # the stages of the checks it costs; None: every check of the function


EXPECTED = {
    "syntax_error": Attack("ex05_l_layer", "error", "could not be loaded: it raised SyntaxError: expected ':'"),
    "missing_import": Attack("ex06_gradient_check", "failed", ("raised NameError: name 'np' is not defined",
                                                               "raised NameError inside numerical_gradient: name 'np'")),
    "loop_at_import": Attack("ex02_output_delta", "error", "could not be loaded: it was stopped (did not return "
                                                           "within 2 s"),
    "loop_in_function": Attack("ex03_weight_gradients", "stopped",
                               "weight_gradients did not return within 2 s", "weight_gradients"),
    "huge_allocation": Attack("ex04_hidden_delta", "stopped",
                              "ran out of memory (MemoryError): Unable to allocate 20.0 GiB", "backward_propagation"),
    "exit_at_import": Attack("ex06_gradient_check", "error", "could not be loaded: it raised SystemExit: 0"),
    "exit_in_function": Attack("ex02_output_delta", "failed", "loss_derivative stopped at `sys.exit(0)` (line ",
                               "loss_derivative"),
    "os_exit_in_function": Attack("ex07_row_major", "failed",
                                  "The process running your code stopped while calling cost "
                                  "(the worker process ended with exit status 1)", "cost"),
    "stdout_flood": Attack("ex01_sigmoid_derivative", "failed",
                           "relu_derivative printed more than the 8 MiB a submission may print",
                           "relu_derivative"),
    # its own subclass of np.ndarray travels as the plain array it views: its __eq__ never reaches the judge
    "numpy_monkeypatched": Attack("ex03_weight_gradients", "failed", ("must have the shape of W, (", "must have the "
                                  "shape of b, ("), "weight_gradients", costs=VALUES),
    # The kernel refuses these before the audit hook would: other processes' /proc is not theirs to read.
    "forged_reports": Attack("ex03_weight_gradients", "failed", "raised PermissionError inside _ancestors: [Errno 13] "
                             "Permission denied: '/proc/", "weight_gradients"),
    "reads_solutions": Attack("ex03_weight_gradients", "failed",
                              "raised PermissionError: the grader refused: a submission may not read the grader's "
                              f"protected files: {ROOT / 'solutions' / 'ex03_weight_gradients.py'}", "weight_gradients"),
    "steals_secret": Attack("ex02_output_delta", "failed",
                            "raised PermissionError: [Errno 13] Permission denied: '/proc/", "compute_cost"),
    "kills_grader": Attack("ex05_l_layer", "failed",
                           "raised PermissionError: the grader refused: a submission may not send signals to "
                           "processes (os.kill)", "update_parameters"),
    "returns_none": Attack("ex03_weight_gradients", "failed", "weight_gradients returned None: is a `return` missing?",
                           "weight_gradients", costs=VALUES),
    "returns_list": Attack("ex01_sigmoid_derivative", "failed",
                           "tanh_derivative(z) must be a numpy array; yours is a list", "tanh_derivative", costs=VALUES),
    "returns_nan": Attack("ex07_row_major", "failed", "entries that are nan or inf", "cost_prime", costs=NUMBERS),
    "mutates_inputs": Attack("ex03_weight_gradients", "failed", "weight_gradients changed its argument dZ in place",
                             "weight_gradients", costs=UNCHANGED),
    "raises": Attack("ex02_output_delta", "failed", "output_delta raised ValueError: no delta today", "output_delta"),
    "fills_the_disk": Attack("ex02_output_delta", "failed",
                             "output_delta wrote more than the 64 MiB a submission may keep in its "
                             "folder", "output_delta"),
    "missing_parameter": Attack("ex03_weight_gradients", "failed",
                                "raised TypeError: weight_gradients() takes 1 positional argument but 2 were given",
                                "weight_gradients"),
    "extra_parameter": Attack("ex03_weight_gradients", "failed",
                              "raised TypeError: weight_gradients() missing 1 required positional argument: 'm'",
                              "weight_gradients"),
    # What the audit hook did not stop (issue 13): the kernel refuses each, EPERM from seccomp,
    # EACCES from Landlock, and the grading process bounds what reaches it.
    "imports_the_oracle": Attack("ex03_weight_gradients", "failed",
                                 "weight_gradients raised PermissionError: [Errno 13] Permission denied", "weight_gradients"),
    "kills_by_pidfd": Attack("ex04_hidden_delta", "failed",
                             "backward_propagation raised PermissionError: [Errno 1] Operation not permitted",
                             "backward_propagation"),
    "starts_a_process": Attack("ex02_output_delta", "failed",
                               "output_delta raised PermissionError inside _spawn: [Errno 1] Operation not permitted",
                               "output_delta"),
    # Signals blocked and ignored, the group and session left, PR_SET_PDEATHSIG cleared, a thread left running: the
    # grader's clock and SIGKILL of its group end it, and the reaper finds nothing left.
    "holds_on_to_its_process": Attack("ex01_sigmoid_derivative", "stopped",
                                      "tanh_derivative did not return within 2 s", "tanh_derivative"),
    # Timers armed at import are ended after the load: only the call that arms one loses to it.
    "sets_timers_at_import": Attack("ex01_sigmoid_derivative", "failed", "stopped while calling tanh_derivative (the "
                                    "worker process was killed by signal SIGALRM: a timer the code set went off",
                                    "tanh_derivative"),
    # Past the hook: each primitive it never sees, as the C library calls it; the kernel refuses every one.
    "probes_the_kernel": Attack("ex05_l_layer", "failed", "update_parameters raised PermissionError: the kernel said: "
                                "memfd_create EPERM, io_uring_setup EPERM, userfaultfd EPERM, ptrace EPERM, migrate_pages "
                                "EPERM, personality EPERM, unshare EPERM, clone EPERM, PR_SET_MM EPERM, PR_SET_PDEATHSIG "
                                "EPERM, /proc/self/mem EACCES, its output reopened EACCES, /proc/self/root EACCES, fadvise64 EPERM, "
                                "membarrier EPERM, F_SET_RW_HINT EPERM, ext4's _IO('f') ioctl EPERM, "
                                "quotactl_fd EPERM, RENAME_WHITEOUT EPERM, preadv2's RWF_DONTCACHE EPERM, "
                                "pwritev2's RWF_DONTCACHE EPERM",
                                "update_parameters"),
    # The kernel's other system-call ABIs on x86_64, whose numbers differ: seccomp kills the worker (SIGSYS).
    "foreign_syscall_abi": Attack("ex01_sigmoid_derivative", "failed", "stopped while calling relu_derivative (the worker "
                                  "process was killed by signal SIGSYS: it made a system call the sandbox refuses",
                                  "relu_derivative"),
    "fork_bomb": Attack("ex01_sigmoid_derivative", "failed",
                        "sigmoid_derivative raised PermissionError inside _fork: [Errno 1] Operation not permitted",
                        "sigmoid_derivative"),
    "subinterpreter": Attack("ex06_gradient_check", "failed",  # a subinterpreter cannot even read its start-up files
                             ("stopped while calling gradient_check", "gradient_check raised InterpreterError",
                              "gradient_check raised RuntimeError: interpreter creation failed"),  # 3.12: pyvenv.cfg
                             "gradient_check"),
    "widens_the_hook": Attack("ex07_row_major", "failed",
                              "cost_prime raised PermissionError: [Errno 13] Permission denied", "cost_prime"),
    "fifo_for_output": Attack("ex05_l_layer", "failed", "stopped while calling update_parameters", "update_parameters"),
    "reads_grader_memory": Attack("ex02_output_delta", "failed",
                                  "loss_derivative raised PermissionError: [Errno 13] Permission denied: '/proc/",
                                  "loss_derivative"),
    "overflowing_reply": Attack("ex02_output_delta", "failed", "compute_cost returned a value that cannot be compared",
                                "compute_cost"),
    # Only the grading process may say the grader failed (a worker that did not start): a learner's exception of
    # that name is the learner's, and the attempt is graded and counted; its "could not be graded" is the learner's too.
    "claims_graders_failure": Attack("ex01_sigmoid_derivative", "failed",
                                     "relu_derivative raised NotStarted (your code's exception): the worker process "
                                     "did not start", "relu_derivative"),
    "complex_result": Attack("ex03_weight_gradients", "failed", "must hold real floats; yours has dtype complex128",
                             "weight_gradients", costs=VALUES),
    # JSON can carry it, UTF-8 cannot: writing the CSV, the batch ended in a traceback.
    "lone_surrogate": Attack("ex07_row_major", "error", "could not be loaded: it raised ValueError: a lone ? half"),
    # Its message, not a missing exercise's, read as "files not read" and went whole, newlines and all, into the CSV.
    "forges_a_csv_row": Attack("ex02_output_delta", "error", "could not be loaded: it raised ValueError: not "
                                                             "opened: unpack it"),
    # Where / is btrfs, a subvolume made in a folder the worker may only read: the folder's mode lets root by, and
    # Landlock sees no mkdir. seccomp refuses btrfs's ioctls (elsewhere, as here, the file system knows none: ENOTTY).
    "makes_a_subvolume": Attack("ex01_sigmoid_derivative", "failed",
                                "tanh_derivative raised PermissionError: [Errno 1] Operation not permitted",
                                "tanh_derivative"),
    "huge_reply": Attack("ex04_hidden_delta", "failed", f"a reply longer than {16 * 2**20} bytes",
                         "backward_propagation"),
    # Lists nested as first elements, which need no "," or ":" in JSON: 16 MiB of them took the grading process 12 s
    # and 930 MiB, under the reply's 200,000 items; each "[" is an item now.
    "nested_lists": Attack("ex01_sigmoid_derivative", "failed", "the worker sent a malformed reply (line holds more "
                           "than 200000 items)", "relu_derivative"),
    # Whether the file its error names sits beside the submission was asked of a name no file may have: the grading
    # process raised (ENAMETOOLONG), and the whole submission was the grader's failure, graded again by each --resume.
    # A load's reply that holds a value, not names: the grading process raised on it, the whole submission the grader's
    # failure, graded again by each --resume.
    # The grader's words for a submission out of time, in a learner's exception: its check read "output_delta was not
    # called", and its exercise an error, as if the grader had stopped it.
    "claims_out_of_time": Attack("ex02_output_delta", "failed", "output_delta raised ValueError: the submission's time "
                                                                "ran out", "output_delta"),
    "forges_a_load_reply": Attack("ex06_gradient_check", "error", "could not be loaded: it was stopped (the "
                                                                  "worker sent a malformed reply"),
    "long_module_name": Attack("ex05_l_layer", "error", "could not be loaded: it raised ModuleNotFoundError: No "
                                                        "module named 'dnn_helpers_aaa"),
}


def submission(folder: Path, *cases: str) -> Path:
    """Part 1's solutions, each corpus case's snippet appended to the solution it attacks."""
    correct(folder)
    for case in cases:
        for snippet in (CORPUS / case).glob("*.py"):
            solution = (ROOT / "solutions" / snippet.name).read_text(encoding="utf-8")
            hostile = solution + "\n" + snippet.read_text(encoding="utf-8")
            (folder / snippet.name).write_text(hostile, encoding="utf-8")
    return folder


def grade(*paths, cwd, jobs=2, extra=()):
    """Run `backprop grade` with the hidden checks; its process and the JSON report. It runs
    under tests/reaper.py, which finds any process that outlives it: none may."""
    stamp = time.monotonic_ns()
    report, reaped = Path(cwd) / f"report-{stamp}.json", Path(cwd) / f"reaped-{stamp}.json"
    command = [sys.executable, ROOT / "tests" / "reaper.py", reaped, "--",
               sys.executable, "-m", "autograder", "grade", *map(str, paths), "--hidden",
               "--jobs", str(jobs), "--timeout", "2", "--json", str(report), *extra]
    env = {**os.environ, "BACKPROP_COURSE_SECRET": SECRET}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    outcome = json.loads(reaped.read_text())
    assert outcome["returncode"] == 0, done.stderr
    assert outcome["left"] == [], f"processes outlived the batch: {outcome['left']}"
    return done, json.loads(report.read_text())


# A learner's files that are links, to a classmate's... here the solutions, to the course's
# secret file and to the grader's own environment: none is read (autograder.submission).
LINKS = {"ex03_weight_gradients.py": ROOT / "solutions" / "ex03_weight_gradients.py",
         "ex02_output_delta.py": "../../backprop-course.yaml", "ex01_sigmoid_derivative.ipynb": "/proc/self/environ"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The whole corpus and the correct submissions, graded together once."""
    work = tmp_path_factory.mktemp("hostile")
    folder = work / "class"
    for case in EXPECTED:
        submission(folder / case, case)
    for name in CORRECT:
        submission(folder / name)
    links = submission(folder / "links_out")
    (work / "backprop-course.yaml").write_text(f"secret: {SECRET}\n")
    for name, target in LINKS.items():
        (links / (name.split(".")[0] + ".py")).unlink()  # the link is the exercise's only file
        (links / name).symlink_to(target)
    copied = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}
    start = time.monotonic()
    done, report = grade(folder, cwd=work, extra=["--csv", work / "grades.csv"])
    seconds = time.monotonic() - start
    results = {s["submission"]: s for s in report["submissions"]}
    return {"work": work, "folder": folder, "copied": copied, "done": done, "seconds": seconds,
            "report": report, "results": results, "csv": (work / "grades.csv").read_text(encoding="utf-8-sig")}


def test_every_case_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) == sorted(EXPECTED)
    for case, attack in EXPECTED.items():
        assert [p.name for p in (CORPUS / case).glob("*.py")] == [f"{attack.exercise}.py"]
        snippet = (CORPUS / case / f"{attack.exercise}.py").read_text(encoding="utf-8")
        assert snippet.startswith(f"# Hostile case '{case}': "), case
        assert "### BEGIN SOLUTION" not in snippet, f"{case}: the hostile part only, not a copy of the solution"


def test_the_batch_finishes_in_time_with_whole_reports(batch):
    assert batch["seconds"] < BATCH_SECONDS
    jsonschema.validate(batch["report"], SCHEMA)
    assert list(batch["results"]) == sorted(list(EXPECTED) + list(CORRECT) + ["links_out"])
    rows = list(csv.reader(io.StringIO(batch["csv"])))
    assert rows[0][0] == "student" and rows[0][-2:] == ["total", "notes"]
    assert {row[0]: float(row[-2]) for row in rows[1:]} == {
        name: result["score"] for name, result in batch["results"].items()}
    assert len(batch["csv"].splitlines()) == len(rows)  # no learner's text is a row of its own
    notes = dict((row[0], row[-1]) for row in rows)
    assert "files not read" not in notes["forges_a_csv_row"]
    assert "grader failed" not in notes["claims_graders_failure"]  # its message holds the grader's words
    # whatever the submissions printed stayed in their workers' files
    assert len(batch["done"].stdout) + len(batch["done"].stderr) < 20_000


def test_every_correct_submission_gets_full_marks(batch):
    for name in CORRECT:
        result = batch["results"][name]
        assert result["score"] == 100.0, name
        assert all(e["status"] == "passed" for e in result["exercises"])


@pytest.mark.parametrize("case", EXPECTED)
def test_a_hostile_submission_loses_exactly_what_it_attacked(batch, case):
    attack = EXPECTED[case]
    result = batch["results"][case]
    lost = 0.0
    for exercise in result["exercises"]:
        if exercise["id"] != attack.exercise:
            assert exercise["status"] == "passed", (exercise["id"], exercise)
            continue
        assert exercise["status"] == ("error" if attack.status == "stopped" else attack.status)
        if attack.status == "stopped":  # grading-contract.md: "the run was stopped: time, memory"; checks kept
            assert exercise["message"].startswith(f"The grader stopped {attack.function} (") and exercise["flag"]
        if attack.status == "error":
            assert exercise["score"] == 0.0 and exercise["checks"] == []
            assert any(r in exercise["message"] for r in _alternatives(attack.reason))
            lost += exercise["max_score"]
            continue
        stages = {c.name: c.stages for c in specs.load(exercise["id"]).checks}
        for check in exercise["checks"]:
            if attacked(attack, check, stages[check["name"]]):
                assert not check["passed"] and check["score"] == 0.0, check
                inputs_alone = stages[check["name"]] == UNCHANGED and attack.costs != UNCHANGED
                reason = OUTPUTS_FIRST if inputs_alone and attack.costs else attack.reason
                assert any(r in check["message"] for r in _alternatives(reason)), check["message"]
                lost += check["max_score"]
            else:
                assert check["passed"], check
    assert lost > 0
    assert result["score"] == pytest.approx(100.0 - lost, abs=1e-5)


def _alternatives(reason) -> tuple:
    return reason if isinstance(reason, tuple) else (reason,)


def attacked(attack: Attack, check: dict, stages: tuple) -> bool:
    if attack.function is not None and check["function"] != attack.function:
        return False
    return attack.costs is None or bool(set(stages) & set(attack.costs)) or stages == UNCHANGED


def test_a_worker_that_ended_is_blamed_on_what_ended_it(batch):
    """sys.exit raises SystemExit, which never ends a worker: a subinterpreter's crash (its exit
    status), a reply too long or a kill is not put on sys.exit; os._exit is named where it can be."""
    def messages(case):
        return [c["message"] for e in batch["results"][case]["exercises"] for c in e["checks"] if not c["passed"]]
    for case in ("subinterpreter", "huge_reply", "os_exit_in_function", "fifo_for_output"):
        assert messages(case) and not any("sys.exit" in m for m in messages(case)), case
    assert all(m.endswith("Does your code call os._exit?") for m in messages("os_exit_in_function"))
    assert not any("os._exit" in m for m in messages("huge_reply"))


def test_every_worker_of_the_batch_was_confined_by_the_kernel(batch):
    isolation = {result["isolation"] for result in batch["results"].values()}
    assert isolation == {f"Landlock {kernel.landlock_abi()}, seccomp, PID namespace, a 64 MiB folder"}


def test_links_in_a_submission_are_not_read(batch):
    exercises = {e["id"]: e for e in batch["results"]["links_out"]["exercises"]}
    linked = {name.split(".")[0] for name in LINKS}
    for exercise_id, exercise in exercises.items():
        if exercise_id in linked:
            assert exercise["status"] == "error" and exercise["score"] == 0
            assert "is a symbolic link" in exercise["message"], exercise["message"]
        else:
            assert exercise["status"] == "passed", exercise


def test_the_course_secret_appears_nowhere(batch):
    for text in (json.dumps(batch["report"]), batch["csv"], batch["done"].stdout, batch["done"].stderr):
        assert SECRET not in text


def test_no_forged_file_appeared_anywhere(batch):
    folder = batch["folder"]
    now = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}
    assert now == batch["copied"]  # no classmate's file changed, none was added
    places = [batch["work"], Path("/tmp"), Path.home(), ROOT, Path.cwd()]
    candidates = [p / name for p in places for name in ("report.json", "results.json", "grades.csv")]
    candidates += [p for p in batch["work"].rglob("*") if p.is_file() and folder not in p.parents]
    candidates += list((batch["work"] / ".backprop-grade").rglob("*.json"))
    assert not list(Path("/tmp").glob("backprop-forged*"))  # what a subinterpreter would have written
    for path in candidates:
        if path.is_file():
            text = path.read_text(errors="replace")
            assert not any(mark in text for mark in FORGED), path


def test_monkeypatching_numpy_and_the_grader_in_the_worker_changes_no_verdict(tmp_path):
    """Verdicts are computed in the grading process, on decoded data, never in the worker."""
    folder = submission(tmp_path / "patched", "numpy_monkeypatched")
    result = conftest.grade(folder, catalog.part(1), checks="public", limits={"call_timeout": 10.0})
    ex03 = next(e for e in result.exercises if e.id == "ex03_weight_gradients")
    assert ex03.checks and not any(c.passed for c in ex03.checks)
    assert all(e.status == "passed" for e in result.exercises if e.id != "ex03_weight_gradients")


def test_the_same_submission_gets_the_same_result_however_it_is_graded(tmp_path):
    """Alone, in a batch, with one job or two, first or last: the same report."""
    folder = tmp_path / "class"
    # three attacks, in three exercises
    mixed = submission(folder / "mixed", "mutates_inputs", "returns_nan", "exit_in_function")
    submission(folder / "aa_correct")
    submission(folder / "zz_crashes", "os_exit_in_function")
    submission(folder / "zz_floods", "stdout_flood")

    def mixed_result(report):
        found = [s for s in report.get("submissions", [report]) if s["submission"] == "mixed"]
        assert len(found) == 1
        return {k: v for k, v in found[0].items() if k != "submission"}

    runs = [
        grade(mixed, cwd=tmp_path, jobs=1),
        grade(folder, cwd=tmp_path, jobs=1),
        grade(folder, cwd=tmp_path, jobs=2),
        grade(folder / "zz_floods", mixed, folder / "zz_crashes", folder / "aa_correct", cwd=tmp_path, jobs=2),
    ]
    results = [mixed_result(report) for _, report in runs]
    assert 0 < results[0]["score"] < 100
    for other in results[1:]:
        assert other == results[0]


def test_what_a_learner_prints_or_raises_reaches_a_terminal_inert(tmp_path):
    """Escape sequences, a bell and a bidi override in a learner's prints and error
    message (and half a UTF-16 pair, which no terminal takes) are shown as characters, not acted on, when `grade` prints one submission's
    table in the instructor's terminal, or `explain` the learner's lines."""
    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", tmp_path)
    with open(tmp_path / "ex03_weight_gradients.py", "a") as f:
        f.write('\ndef weight_gradients(dZ, A_prev):\n'
                '    print("\\x1b[2J\\x1b]0;title\\x07 cleared \\u202e")  # \x1b[2J in the code itself\n'
                '    print("\\x1b[92mgreen\\x1b[0m, as learners colour their prints")\n'
                '    raise ValueError("\\x1b]8;;http://example.com\\x07link\\x1b]8;;\\x07 \\ud800")\n')
    done = conftest.backprop("grade", tmp_path)
    assert done.returncode == 0 and "ValueError" in done.stdout and "cleared" in done.stdout
    assert "    green, as learners colour their prints" in done.stdout  # colour codes left out, not ?[92m
    explained = conftest.backprop("explain", "ex03", "--dir", tmp_path)  # as an instructor helping
    assert explained.returncode == 0 and "ValueError" in explained.stdout
    for shown in (done.stdout, explained.stdout):
        assert not {"\x1b", "\x07", "\u202e"} & set(shown), shown
