"""Issue 6: the four speed targets, measured side by side in one run.

    python benchmarks/run.py                 # the full run; writes docs/performance.md
    python benchmarks/run.py --quick         # a smaller, faster run; prints only

Run it with the Python of the environment the package is installed in (with the course
extras: nbgrader, nbclient, ipykernel); the commands it times are that environment's
`backprop` entry point and `python -m nbgrader`. Everything happens in a temporary folder.

1. Self-check: `backprop check` on a workspace holding every reference solution (both parts), median
   of --repeats runs, interleaved with `python -c "import numpy"`; goal: at most 5 times
   the latter. Also which modules the check path imports (`python -X importtime`): none of
   nbgrader, Jupyter, nbformat or jsonschema.
2. Batch: `backprop grade CLASS --hidden --jobs 2 --json FILE` over --submissions folders,
   once for a class of each part (part 1: the seven solutions, every tenth with a catalogued
   ex03 mistake appended; part 2: the three, every tenth with an ex08 mistake), median of
   --batch-runs runs; goal: 25 or more submissions a second for each.
3. The oracle: benchmarks/oracle_scale.py's measurement (numeric.spot_check on a network of
   a million parameters); goal: under a second, the reference gradients passing.
4. nbgrader: a course from `backprop nbgrader init`, one correct learner, `nbgrader
   autograde backprop --create`, against a copy of the course whose test cells' source is
   emptied (metadata kept), a fresh student a run, alternating the order, median of
   --nbgrader-runs runs (a warm-up run first); goal: at most 1.2 times the emptied course's time.

Prints a table (target, measured, reference, ratio, goal, met) and writes it, with the
machine and what dominates each time, to docs/performance.md (--output). The exit status
is 0 when every target is met, 1 otherwise. Not part of the test suite.
"""
import argparse
import cProfile
import datetime
import importlib.util
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # oracle_scale
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
BACKPROP = BIN / "backprop"
CATALOG = importlib.import_module("autograder.catalog")
SOLUTIONS = sorted((ROOT / "solutions").glob("*.py"))  # both parts: ex01-ex07, ex08-ex10
FULL = 100 * len(CATALOG.PARTS)  # the solutions' points: 100 a part
# The exercise whose catalogued mistakes every tenth learner of a part's class makes.
MISTAKEN = {1: "ex03_weight_gradients", 2: "ex08_softmax_cross_entropy"}
SECRET = "benchmark-course-secret-6"
JOBS = 2
ISSUE_NUMPY_S = 0.07  # `python -c "import numpy"` on the machine where issue 6 set its goals
# What the check path must not import: nbgrader, Jupyter's packages, nbformat, jsonschema.
HEAVY = ("nbgrader", "nbformat", "nbclient", "nbconvert", "jsonschema", "ipykernel", "IPython",
         "traitlets", "zmq")


def heavy(name):
    top = name.split(".")[0]
    return top in HEAVY or top.startswith("jupyter")


# ---------------------------------------------------------------------------- helpers

PYCACHE = None  # set by main: a folder in the run's temporary folder


def environment(**extra):
    """The environment of the timed commands: this venv's bin first, no course secret, and
    bytecode cached as on a learner's machine (an inherited PYTHONDONTWRITEBYTECODE would
    recompile the package at every start), in the temporary folder: nothing is written in
    the checkout or the environment."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', os.defpath)}"}
    for name in ("BACKPROP_COURSE_SECRET", "BACKPROP_COURSE_CONFIG", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    if PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.update(extra)
    return env


def run(cmd, cwd, env, timeout=1800):
    """Run cmd; its wall time in seconds and its CompletedProcess, with .cpu_seconds: the user and
    system time of cmd and of the processes it waited for. A failure stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.cpu_seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {done.returncode} in {cwd}:\n"
                           f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done


def median(values):
    return statistics.median(values)


def say(text):
    print(text, file=sys.stderr, flush=True)


def load_file(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workspace(folder, mistake=None, part=None):
    """The reference solutions of a part (None: every one) in folder; `mistake` appended to
    the part's mistaken exercise as the tests do."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SOLUTIONS:
        if part is None or CATALOG.BY_ID[path.stem].part == part:
            shutil.copy(path, folder)
    if mistake:
        path = folder / f"{MISTAKEN[part or 1]}.py"
        path.write_text(path.read_text() + "\n" + mistake)
    return folder


# ------------------------------------------------------------------- 1. the self-check

def parse_importtime(stderr):
    """[(name, depth, cumulative seconds)] from `python -X importtime`'s lines."""
    found = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|", 2)
        stripped = name.lstrip(" ")
        depth = (len(name) - len(stripped) - 1) // 2
        found.append((stripped.strip(), depth, int(cumulative) / 1e6))
    return found


def self_check(tmp, repeats):
    say(f"1. self-check: backprop check vs python -c 'import numpy', {repeats} runs each, interleaved")
    work = workspace(tmp / "workspace")
    env = environment()
    commands = {"check": [BACKPROP, "check"], "numpy": [PYTHON, "-c", "import numpy"]}
    _, done = run(commands["check"], work, env)  # warm-up: byte-compiles, fills the page cache
    if f"{FULL} / {FULL}" not in done.stdout:
        raise RuntimeError(f"backprop check did not give the reference solutions {FULL} / {FULL}:\n" + done.stdout)
    run(commands["numpy"], work, env)
    times = {"check": [], "numpy": []}
    for i in range(repeats):
        for key in (("check", "numpy") if i % 2 == 0 else ("numpy", "check")):
            times[key].append(run(commands[key], work, env)[0])
    _, traced = run([PYTHON, "-X", "importtime", "-m", "autograder", "check"], work, env)
    imports = parse_importtime(traced.stderr)
    names = [name for name, _, _ in imports]
    top = sorted(((c, n) for n, d, c in imports if d == 0), reverse=True)
    numpy_cumulative = next((c for n, d, c in imports if n == "numpy"), 0.0)
    return {
        "check_s": median(times["check"]), "numpy_s": median(times["numpy"]),
        "check_all": times["check"], "numpy_all": times["numpy"],
        "modules": len(names),
        "heavy": sorted({n.split(".")[0] for n in names if heavy(n)}),
        "import_s": sum(c for c, _ in top), "numpy_import_s": numpy_cumulative,
        "top_imports": [(n, c) for c, n in top[:4]],
    }


# ------------------------------------------------------------------------- 2. the batch

def make_class(tmp, submissions, part):
    """A class folder of a part's solutions, every tenth with a catalogued mistake of the
    part's MISTAKEN exercise, and {learner: the mistake, or None}."""
    variants = load_file(f"_{MISTAKEN[part]}_variants", ROOT / "tests" / "variants" / f"{MISTAKEN[part]}.py")
    mistakes = sorted(variants.MISTAKES.items())
    class_dir = tmp / f"class-{part}"
    expected = {}
    if class_dir.exists():
        shutil.rmtree(class_dir)
    for i in range(submissions):
        label = f"learner{i:03d}"
        name, code = mistakes[(i // 10) % len(mistakes)] if i % 10 == 9 else (None, None)
        workspace(class_dir / label, code, part)
        expected[label] = name
    return class_dir, expected


def batch(tmp, submissions, runs, part=1):
    say(f"2. batch, part {part}: backprop grade --hidden --jobs {JOBS} over {submissions} submissions, {runs} run(s)")
    class_dir, expected = make_class(tmp, submissions, part)
    env = environment(BACKPROP_COURSE_SECRET=SECRET)
    times, cpu = [], []
    for r in range(runs):
        cwd = tmp / f"batch-{part}-run-{r}"  # a fresh folder: no .backprop-grade/ state of an earlier run
        cwd.mkdir()
        seconds, done = run([BACKPROP, "grade", class_dir, "--hidden", "--jobs", JOBS, "--json", cwd / "out.json"],
                            cwd, env)
        times.append(seconds)
        cpu.append(done.cpu_seconds)
        say(f"   run {r + 1}: {seconds:.1f} s, {submissions / seconds:.1f} submissions a second")
    report = json.loads((cwd / "out.json").read_text())["submissions"]
    wrong = []
    for entry in report:
        mistake = expected[entry["submission"]]
        if mistake is None:
            ok = entry["score"] == 100
        else:
            mistaken = next(e for e in entry["exercises"] if e["id"] == MISTAKEN[part])
            ok = mistaken["status"] == "failed" and entry["score"] < 100
        if not ok:
            wrong.append(entry["submission"])
    if len(report) != submissions or wrong:
        raise RuntimeError(f"the batch's grades are not the expected ones: {len(report)} reports, wrong: {wrong[:10]}")
    seconds = median(times)
    return {"seconds": seconds, "all": times, "submissions": submissions,
            "mistaken": sum(1 for m in expected.values() if m), "rate": submissions / seconds,
            "per_submission_s": seconds / submissions, "cpu_per_submission_s": median(cpu) / submissions,
            "part": part, **(profile_submission(tmp) if part == 1 else {})}


def profile_submission(tmp, repeats=5):
    """Where one submission's time goes, in this process, as in one of the batch's grading
    processes: a worker's start-up, started (spawn, interpreter, numpy, the sandbox) and
    forked from a zygote, and grade() with the hidden checks in a forked worker."""
    # No try/except here: a profile that fails quietly went unreported for days once the API it calls changed
    sys.path.insert(0, str(ROOT))
    from autograder import grading, plan
    from autograder.execution.client import Worker
    from autograder.execution.zygote import Zygote
    folder = tmp / "class-1" / "learner000"
    made = plan.make("all", SECRET, CATALOG.part(1))
    zygote = Zygote()
    zygote.store(made.stored())  # as a batch does: the hidden calls' arguments go with each submission

    def startup(**how):
        with Worker(**how) as worker:
            worker.ping()

    def grade():
        result = grading.grade(folder, made, zygote=zygote)
        assert result.score == 100, result.score

    calls = {"startup": startup, "fork": lambda: startup(zygote=zygote), "grade": grade}
    with zygote:
        for call in calls.values():  # warm-up
            call()
        times = {key: [] for key in calls}
        for _ in range(repeats):
            for key, call in calls.items():
                start = time.perf_counter()
                call()
                times[key].append(time.perf_counter() - start)
        # how many requests one submission makes of its worker, and the time spent waiting for replies
        profiler = cProfile.Profile()
        profiler.runcall(grade)
    stats = pstats.Stats(profiler).stats
    requests = [nc for (file, _, name), (_, nc, _, _, _) in stats.items()
                if file.endswith("client.py") and name == "_request"]
    waiting = [ct for (_, _, name), (_, _, _, ct, _) in stats.items() if "select.poll" in name]
    return {"worker_startup_s": median(times["startup"]), "worker_fork_s": median(times["fork"]),
            "grade_in_process_s": median(times["grade"]), "requests": sum(requests), "waiting_s": sum(waiting)}


# ------------------------------------------------------------------------ 3. the oracle

def oracle(repeats):
    say(f"3. oracle: benchmarks/oracle_scale.py, {repeats} runs of the spot check")
    import oracle_scale

    measured = oracle_scale.measure(repeats)
    text, met = oracle_scale.table(measured)
    return {**measured, "text": text, "met": met, "target_s": oracle_scale.TARGET_SECONDS}


# ------------------------------------------------------------------------ 4. nbgrader

def nbgrader_command():
    script = BIN / "nbgrader"
    return [script] if script.exists() else [PYTHON, "-m", "nbgrader"]


def empty_test_cells(course):
    """The course's source notebooks with every test cell's source emptied, metadata kept."""
    emptied = 0
    for path in sorted((course / "source" / "backprop").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution") and cell["cell_type"] == "code":
                cell["source"] = ""
                emptied += 1
        path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return emptied


def submit(course, student):
    """The released notebooks with their solution cells filled from the source notebooks."""
    folder = course / "submitted" / student / "backprop"
    folder.mkdir(parents=True)
    for released in sorted((course / "release" / "backprop").glob("*.ipynb")):
        source = json.loads((course / "source" / "backprop" / released.name).read_text(encoding="utf-8"))
        answers = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in source["cells"]
                   if c["metadata"].get("nbgrader", {}).get("solution")}
        nb = json.loads(released.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell["source"] = answers[grade_id]
        (folder / released.name).write_text(json.dumps(nb), encoding="utf-8")


def cell_seconds(course, student):
    """From the autograded notebooks' execution records: (seconds in test cells, seconds from
    each notebook's first cell to its last, summed, seconds in the public test cells).
    A cell's time runs from the kernel going busy to its going idle again."""
    def stamp(text):
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))

    tests = span = public = 0.0
    for path in (course / "autograded" / student / "backprop").glob("*.ipynb"):
        first = last = None
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            execution = cell.get("metadata", {}).get("execution", {})
            if "iopub.status.busy" not in execution or "iopub.status.idle" not in execution:
                continue
            busy, idle = stamp(execution["iopub.status.busy"]), stamp(execution["iopub.status.idle"])
            first, last = first or busy, idle
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                tests += (idle - busy).total_seconds()
                if str(meta.get("grade_id", "")).endswith("-public"):
                    public += (idle - busy).total_seconds()
        if first is not None:
            span += (last - first).total_seconds()
    return tests, span, public


def scores(course, students):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return [gradebook.find_submission("backprop", s).score for s in students]


def nbgrader_path(tmp, runs):
    say(f"4. nbgrader: autograde with our test cells vs the test cells emptied, {runs} run(s) each, alternating")
    env = environment()
    nbgrader = nbgrader_command()
    ours, emptied = tmp / "nbgrader" / "ours", tmp / "nbgrader" / "emptied"
    run([BACKPROP, "nbgrader", "init", ours], tmp, env)
    shutil.copytree(ours, emptied)
    cells = empty_test_cells(emptied)
    courses = {"ours": ours, "emptied": emptied}
    for course in courses.values():
        run([*nbgrader, "generate_assignment", "backprop"], course, env)
    notebooks = len(list((ours / "release" / "backprop").glob("*.ipynb")))
    students = ["warmup"] + [f"run{i}" for i in range(runs)]
    times = {"ours": [], "emptied": []}
    kernel = {"ours": [], "emptied": []}
    for i, student in enumerate(students):
        order = ("ours", "emptied") if i % 2 == 0 else ("emptied", "ours")
        for key in order:
            course = courses[key]
            submit(course, student)
            seconds, _ = run([*nbgrader, "autograde", "backprop", "--create", "--student", student], course, env)
            if student != "warmup":
                times[key].append(seconds)
                kernel[key].append(cell_seconds(course, student))
        if student != "warmup":
            say(f"   run {i}: ours {times['ours'][-1]:.1f} s, emptied {times['emptied'][-1]:.1f} s")
    graded = {key: scores(course, students[1:]) for key, course in courses.items()}
    if any(abs(s - 100) > 1e-4 for s in graded["ours"]):
        raise RuntimeError(f"nbgrader did not give the correct learner 100 points: {graded['ours']}")
    return {
        "ours_s": median(times["ours"]), "emptied_s": median(times["emptied"]),
        "ours_all": times["ours"], "emptied_all": times["emptied"],
        "notebooks": notebooks, "emptied_cells": cells, "emptied_scores": graded["emptied"],
        "ours_tests_s": median(k[0] for k in kernel["ours"]), "ours_span_s": median(k[1] for k in kernel["ours"]),
        "ours_public_s": median(k[2] for k in kernel["ours"]),
        "emptied_tests_s": median(k[0] for k in kernel["emptied"]),
        "emptied_span_s": median(k[1] for k in kernel["emptied"]),
    }


# ------------------------------------------------------------------------ the report

def machine():
    import numpy

    return {"cores": os.cpu_count(), "python": platform.python_version(), "numpy": numpy.__version__,
            "platform": platform.platform(), "load": os.getloadavg(),
            "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS") or "default",
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}


def rows(r):
    """[(target, measured, reference, ratio, goal, met)]"""
    out = []
    c = r.get("check")
    if c:
        ratio = c["check_s"] / c["numpy_s"]
        out.append((f"1. self-check, `backprop check` ({len(SOLUTIONS)} exercises, both parts)", f"{c['check_s']:.3f} s",
                    f"{c['numpy_s']:.3f} s `python -c \"import numpy\"`", f"{ratio:.2f}", "ratio <= 5", ratio <= 5))
        out.append(("1. check path imports nothing of nbgrader, Jupyter, nbformat, jsonschema",
                    ", ".join(c["heavy"]) or f"none of them ({c['modules']} modules)", "", "", "none", not c["heavy"]))
    for b in (r.get("batch"), r.get("batch2")):
        if b and c:
            ceiling = JOBS / c["numpy_s"]
            out.append((f"2. batch, part {b['part']}, `backprop grade --hidden --jobs {JOBS}`, "
                        f"{b['submissions']} submissions", f"{b['rate']:.1f} /s ({b['per_submission_s'] * 1e3:.0f} ms each)",
                        f"{ceiling:.1f} /s: {JOBS} processes that only import numpy", f"{b['rate'] / ceiling:.2f}",
                        ">= 25 /s", b["rate"] >= 25))
    o = r.get("oracle")
    if o:
        out.append(("3. oracle, spot_check on 1,001,801 parameters", f"{o['check_s']:.3f} s",
                    f"{o['forward_s'] * 1e3:.1f} ms one forward pass", f"{o['check_s'] / o['forward_s']:.1f}",
                    f"< {o['target_s']:g} s, reference passes", o["met"]))
    n = r.get("nbgrader")
    if n:
        ratio = n["ours_s"] / n["emptied_s"]
        out.append((f"4. nbgrader autograde, one learner, {n['notebooks']} notebooks", f"{n['ours_s']:.2f} s",
                    f"{n['emptied_s']:.2f} s test cells emptied", f"{ratio:.2f}", "ratio <= 1.2", ratio <= 1.2))
        added = n["ours_span_s"] - n["emptied_span_s"]
        estimate = (n["emptied_s"] + added) / n["emptied_s"]
        out.append(("4. the same, the kernels' added time from their execution records",
                    f"{n['emptied_s'] + added:.2f} s ({added:+.2f} s in the kernels)",
                    f"{n['emptied_s']:.2f} s test cells emptied", f"{estimate:.2f}", "ratio <= 1.2", estimate <= 1.2))
    return out


HEADER = ("target", "measured (median)", "reference (median, same run)", "ratio", "goal", "met")


def text_table(table):
    cells = [HEADER] + [(*row[:5], "yes" if row[5] else "NO") for row in table]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    return "\n".join("  ".join(value.ljust(w) for value, w in zip(row, widths)).rstrip() for row in cells)


def markdown_table(table):
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join((*row[:5], "yes" if row[5] else "**no**")) + " |" for row in table]
    return "\n".join(lines)


def _part_two(b):
    """A sentence on part 2's class, graded the same way."""
    if not b:
        return ""
    return (f" Part 2: {b['submissions']} submissions of ex08-ex10 ({b['mistaken']} with a catalogued ex08 "
            f"mistake) took {b['seconds']:.1f} s (runs: {', '.join(f'{s:.1f}' for s in b['all'])} s), "
            f"{b['per_submission_s'] * 1e3:.0f} ms a submission, {b['cpu_per_submission_s'] * 1e3:.0f} ms of CPU.")


def discussion(r):
    """A paragraph per target on what dominates its time, with this run's numbers."""
    parts = []
    c, b, o, n = r.get("check"), r.get("batch"), r.get("oracle"), r.get("nbgrader")
    if c:
        tops = ", ".join(f"`{name}` {s * 1e3:.0f} ms" for name, s in c["top_imports"])
        startup = f" A fresh worker's start-up, measured alone, takes {b['worker_startup_s'] * 1e3:.0f} ms." \
            if b and "worker_startup_s" in b else ""
        parts.append(
            f"**1. Self-check.** `backprop check` is two Python start-ups that each import numpy: the "
            f"command itself ({c['modules']} modules, {c['import_s'] * 1e3:.0f} ms of imports under "
            f"`-X importtime`, numpy {c['numpy_import_s'] * 1e3:.0f} ms of it; the largest: {tops}) and the "
            f"worker process that runs the learner's code.{startup} Computing the inputs, the expected "
            f"outputs and judging every exercise's public checks is the rest. The floor is about twice "
            f"`import numpy`; the runs' spread: check {min(c['check_all']):.3f}–{max(c['check_all']):.3f} s, "
            f"numpy {min(c['numpy_all']):.3f}–{max(c['numpy_all']):.3f} s.")
    if b:
        profile = ""
        if "worker_startup_s" in b:
            profile = (f" Before forking its {JOBS} grading processes, `grade` makes the grading plan (every "
                       f"case's inputs and expected outputs) once; each grading process starts a zygote (a worker "
                       f"process that has imported numpy and holds every call's arguments) and forks from it "
                       f"a fresh worker for each submission: "
                       f"{b['worker_fork_s'] * 1e3:.0f} ms from fork to first reply to closing, against "
                       f"{b['worker_startup_s'] * 1e3:.0f} ms to start one. In one process, grading one "
                       f"submission with the hidden checks in a forked worker takes "
                       f"{b['grade_in_process_s'] * 1e3:.0f} ms of wall time: the learner's code, and on the "
                       f"grading side decoding the replies and judging them.")
            profile += (f" Under cProfile one submission made {b['requests']} requests of its worker (a "
                        f"submission's files travel together, and its calls too) and waited "
                        f"{b['waiting_s'] * 1e3:.0f} ms for replies.")
        scaled = b["rate"] * c["numpy_s"] / ISSUE_NUMPY_S if c else None
        machine = (f" This machine takes {c['numpy_s']:.3f} s to import numpy where the issue's took "
                   f"{ISSUE_NUMPY_S:g} s, {c['numpy_s'] / ISSUE_NUMPY_S:.1f} times as long; were the batch's work "
                   f"to scale as that does, the rate there would be about {scaled:.0f} a second. The goal is "
                   f"judged on the rate measured here." if c else "")
        parts.append(
            f"**2. Batch.** Part 1: {b['submissions']} submissions ({b['mistaken']} with a catalogued ex03 mistake) took "
            f"{b['seconds']:.1f} s (runs: {', '.join(f'{s:.1f}' for s in b['all'])} s), "
            f"{b['per_submission_s'] * 1e3:.0f} ms a submission with {JOBS} jobs, so "
            f"{b['per_submission_s'] * JOBS * 1e3:.0f} ms of one job's time each, and "
            f"{b['cpu_per_submission_s'] * 1e3:.0f} ms of CPU (user and system, every process of the "
            f"batch) each.{profile} "
            f"The reference column is the rate of starting a process per submission that only imports "
            f"numpy, {JOBS} at a time; 25 a second leaves {JOBS / 25 * 1e3:.0f} ms of one job per "
            f"submission.{machine}" + _part_two(r.get("batch2")))
    if o:
        parts.append(
            f"**3. The oracle.** The spot check's {o['forward_passes']} forward passes of J, at "
            f"{o['forward_s'] * 1e3:.1f} ms each (products of 1000×600 and 400×1000 matrices by 64 columns), "
            f"are {o['forward_passes'] * o['forward_s'] * 1e3:.0f} ms of its {o['check_s'] * 1e3:.0f} ms; the "
            f"rest is array work over all the parameters at once: drawing the random directions, moving "
            f"the working copies and restoring them. Per-coordinate central differences would "
            f"need {2 * o['parameters']:,} passes, about {o['naive_s'] / 3600:.1f} h. BLAS threads: "
            f"{os.environ.get('OPENBLAS_NUM_THREADS') or 'default'} (oracle_scale.py's docstring says when "
            f"OPENBLAS_NUM_THREADS=1 is faster).")
    if n:
        added = n["ours_span_s"] - n["emptied_span_s"]
        estimate = (n["emptied_s"] + added) / n["emptied_s"]
        parts.append(
            f"**4. nbgrader.** Autograde starts a kernel for each of the {n['notebooks']} notebooks and runs "
            f"every cell. With the test cells emptied ({n['emptied_cells']} cells) it took {n['emptied_s']:.2f} s, "
            f"of which the kernels spent {n['emptied_span_s']:.2f} s from each notebook's first cell to its last: "
            f"the rest is starting and stopping kernels and nbgrader's own work (reading, checksums, the "
            f"gradebook, writing). With our test cells, the kernels' execution records put "
            f"{n['ours_span_s']:.2f} s from first cell to last, {added:+.2f} s; of it {n['ours_tests_s']:.2f} s "
            f"in the test cells ({n['ours_tests_s'] / n['emptied_cells'] * 1e3:.0f} ms a cell; the public "
            f"cells, the first in each kernel and importing the grader there, {n['ours_public_s']:.2f} s). "
            f"The first test cell of a kernel starts the kernel's one worker process and imports the rest "
            f"of the grader while the worker starts; both test cells load the notebook's functions into it, "
            f"call them and judge the replies. The emptied course's time plus those "
            f"{added:.2f} s gives a ratio of {estimate:.2f}, less noisy than the ratio of wall times (kernel "
            f"start-ups on a busy machine vary by about as much as our cells take); the difference of the "
            f"medians is {n['ours_s'] - n['emptied_s']:+.2f} s. Runs: ours "
            f"{', '.join(f'{s:.1f}' for s in n['ours_all'])} s, emptied "
            f"{', '.join(f'{s:.1f}' for s in n['emptied_all'])} s.")
    return "\n\n".join(parts)


# Mechanisms that benchmarks/run.py measured on their own (issue 14), each turned off in
# turn by a switch, and removed because none saved 3 ms a submission: their figures, which
# this script can no longer measure, as they were measured.
REMOVED = (
    "Issue 14 asked for each speed mechanism of the batch to be measured on its own, and kept only if it "
    "saved 3 ms a submission. At commit fd5fdfa, `benchmarks/run.py --only mechanisms` graded the batch of "
    "200 submissions (--hidden, 2 jobs) with everything on and with each mechanism turned off in turn, the "
    "four interleaved, 5 runs each, on this 2-core machine with nothing else running. With all on, a "
    "submission took 27.8 ms of wall time. Turning one off cost, per submission, in wall time (and in CPU "
    "time of every process of the batch):\n\n"
    "| mechanism | wall time | CPU time |\n|---|---|---|\n"
    "| reply batching: the worker held a submission's replies and sent them together, a SIGALRM timer "
    "announcing a call that ran long, and the grading process asked again when a crash left in doubt "
    "which call caused it | +2.1 ms | +4.6 ms |\n"
    "| the template fast path: a reply with the expected output's structure was compared as one vector "
    "without being decoded | +1.2 ms | +2.1 ms |\n"
    "| cached report text: each result's JSON line made once in its grading process | +1.5 ms | +1.8 ms |\n\n"
    "None saved 3 ms of wall time, the time an instructor waits (with 2 jobs on 2 cores, CPU time is "
    "shared between them), so all three were removed, with about 400 lines of the package and its "
    "tests. The batch's rate above is measured without them.\n\n"
    "Measured the same way and removed later: the zygote ending a finished worker for the grading "
    "process (closing a forked worker took 0.9-1.6 ms handed over, 1.3-1.5 ms killed and reaped in "
    "place); the bounds of the fast path made once a check, before grading (computed in the check, "
    "they cost about 0.4 ms of a grading process's CPU a submission, measured in one process, 25 "
    "gradings of each part alternating); compare.passes, the fast path that judged a right reply without "
    "compare (at commit 5418931, the batch of 200 with and without it alternating, 3 runs each on a quiet "
    "machine: part 1 34.1 and 33.3 ms a submission, CPU 55.5 and 56.2 ms; part 2 20.3 and 20.5 ms, CPU 31.2 "
    "and 33.7 ms; in one process it saved 3.5 ms of a grading process's CPU on a part 1 submission, 2.4 ms on "
    "part 2). Measured and kept: the arguments a zygote stores, which calls name by key, save 9 to 27 ms a "
    "submission over sending them with each call; the zygote itself saves a worker's start-up (see 2. above); "
    "the recursive walk for changed arguments and the report's hand-written dicts (with the bounds fast path, "
    "since removed, they saved about 7 ms: without the three the batch fell to 21.3 a second); the stub count "
    "that passes over a file holding no `raise NotImplementedError(` (a batch counts each file's stubs three "
    "times: parts_held over 100 submissions took 470 ms before it and 240 ms after, before grading starts, and "
    "a grading process's reading of one 3.1 and 2.1 ms; the batch of 100 with and without it, 8 pairs "
    "interleaved on a loaded machine, a median 3.0 ms of CPU a submission less)."
)


def document(r, table, command):
    m = r["machine"]
    load = ", ".join(f"{x:.2f}" for x in m["load"])
    met = sum(1 for row in table if row[5])
    text = [
        "# Performance",
        "",
        "Issue 6's four speed targets, measured side by side in one run of `benchmarks/run.py`",
        "(medians of several runs; each reference command measured in the same run, interleaved",
        "with the command it is compared with). This page is written by that script: rerun it",
        "rather than editing the numbers.",
        "",
        "## Reproduce",
        "",
        "From a fresh clone, with the course extras (nbgrader, nbclient, ipykernel):",
        "",
        "    python3 -m venv .venv && . .venv/bin/activate && pip install -e \".[course]\"",
        f"    {command}",
        "",
        "`--quick` runs a smaller version (40 submissions, fewer repetitions) and only prints;",
        "`--help` lists the options. The exit status is 0 when every target is met.",
        "",
        "## This run",
        "",
        f"{m['date']}: {m['cores']} cores, {m['platform']}, Python {m['python']}, numpy {m['numpy']}, "
        f"load average {load} at the start, OPENBLAS_NUM_THREADS {m['blas_threads']}. "
        f"{met} of {len(table)} rows met; the run took {r['elapsed']:.0f} s. The timed commands cache "
        "bytecode as a learner's machine does (in the run's temporary folder; an inherited "
        "PYTHONDONTWRITEBYTECODE is dropped).",
        "",
        markdown_table(table),
        "",
        "## What the time goes to",
        "",
        discussion(r),
    ]
    text += ["", "## Speed mechanisms measured and removed", "", REMOVED]
    if r.get("oracle"):
        text += ["", "benchmarks/oracle_scale.py's table in this run:", "",
                 *("    " + line for line in r["oracle"]["text"].splitlines())]
    return "\n".join(text) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, help="runs of the self-check and of the oracle (default 7; quick 3)")
    parser.add_argument("--submissions", type=int, help="submissions in the batch (default 200; quick 40)")
    parser.add_argument("--batch-runs", type=int, help="runs of the batch (default 5; quick 1)")
    parser.add_argument("--nbgrader-runs", type=int, help="autograde runs of each course (default 5; quick 1)")
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run that writes no file by default")
    parser.add_argument("--output", type=Path, help="where to write the report (default docs/performance.md; "
                                                    "with --quick, nowhere)")
    parser.add_argument("--only", nargs="+", choices=["check", "batch", "oracle", "nbgrader"],
                        help="run only these targets")
    args = parser.parse_args(argv)
    quick = args.quick
    repeats = args.repeats or (3 if quick else 7)
    submissions = args.submissions or (40 if quick else 200)
    batch_runs = args.batch_runs or (1 if quick else 5)
    nbgrader_runs = args.nbgrader_runs or (1 if quick else 5)
    output = args.output or (None if quick else ROOT / "docs" / "performance.md")
    only = set(args.only or ["check", "batch", "oracle", "nbgrader"])
    if not BACKPROP.exists():
        parser.error(f"{BACKPROP} does not exist: run this script with the Python of the environment "
                     "where the package is installed (pip install -e \".[course]\").")

    started = time.perf_counter()
    results = {"machine": machine()}
    global PYCACHE
    with tempfile.TemporaryDirectory(prefix="backprop-bench-") as tmp:
        tmp = Path(tmp)
        PYCACHE = tmp / "pycache"
        if "check" in only or "batch" in only:  # the batch's reference is the check's numpy time
            results["check"] = self_check(tmp, repeats)
        if "batch" in only:
            results["batch"] = batch(tmp, submissions, batch_runs, part=1)
            results["batch2"] = batch(tmp, submissions, batch_runs, part=2)
        if "oracle" in only:
            results["oracle"] = oracle(repeats)
        if "nbgrader" in only:
            results["nbgrader"] = nbgrader_path(tmp, nbgrader_runs)
    results["elapsed"] = time.perf_counter() - started

    table = rows(results)
    print(text_table(table))
    print()
    print(discussion(results))
    command = "python benchmarks/run.py" + (" --quick" if quick else "") + "".join(
        f" --{name.replace('_', '-')} {value}" for name, value in vars(args).items()
        if name not in ("quick", "output", "only") and value is not None)
    if args.only:
        command += " --only " + " ".join(args.only)
    if output:
        output.write_text(document(results, table, command), encoding="utf-8")
        print(f"\nwrote {output}")
    return 0 if all(row[5] for row in table) else 1


if __name__ == "__main__":
    sys.exit(main())
