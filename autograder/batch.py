"""Grading a class: many submissions, in parallel, into CSV, JSON and Gradescope files."""
import csv
import dataclasses
import hashlib
import io
import json
import multiprocessing.util
import os
import resource
import shutil
import statistics
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import catalog, paths, report
from .report import ExerciseResult, SubmissionResult
from .execution.launch import die_with_parent, without
from .execution.zygote import Zygote


def _has_exercises(folder: Path) -> bool:
    return any(os.path.lexists(folder / f"{e.id}{s}") for e in catalog.EXERCISES for s in (".py", ".ipynb"))


def discover(paths) -> list:
    """[(label, folder)]: a folder of exercise files is one submission; else each subfolder is.

    A folder with neither exercise files nor subfolders is one (empty) submission: on
    Gradescope that is a learner who uploaded nothing gradable.
    A folder named on the command line is the instructor's, and may be reached through a
    link; a subfolder that is a link is a submission whose files are not read (its every
    exercise is `error`, see autograder.submission).
    """
    found = []
    for path in map(Path, paths):
        if not path.is_dir():
            raise FileNotFoundError(f"{path} is not a folder")
        folder = path.resolve()
        subfolders = [p for p in sorted(folder.iterdir()) if p.is_dir() and not p.name.startswith(".")]
        if _has_exercises(folder) or not subfolders:
            found.append((path.name or str(path), folder))
        else:
            found += [(p.name, p) for p in subfolders]
    return found


def error_result(label, reason) -> SubmissionResult:
    """A submission that could not be graded at all: every exercise `error`, with the reason."""
    return SubmissionResult(label, tuple(
        ExerciseResult(e.id, 0.0, e.points, "error", (), reason) for e in catalog.EXERCISES))


# The zygote of this grading process (see autograder.execution.zygote): each submission gets a
# worker forked from it instead of starting Python again. grade_many starts one for each
# grading process before forking them (_grading_process gives each its own); a grading process
# that has none, or whose zygote died, starts one, closed when the process ends.
_zygote = None
_MEMORY = 2 * 2**30  # what a grading process may add to its size: a reply is at most wire.MAX_REPLY_BYTES


def _arguments(checks, secret) -> dict:
    from . import grading

    return grading.arguments_of(catalog.EXERCISES, checks, secret)


def _process_zygote(checks, secret):
    global _zygote
    if _zygote is None or not _zygote.alive:
        try:
            _zygote = Zygote()
            multiprocessing.util.Finalize(_zygote, _zygote.close, exitpriority=10)
            _zygote.store(_arguments(checks, secret))
        except Exception:  # noqa: BLE001 -- without a zygote, workers are started one by one
            if _zygote is not None:
                _zygote.close()
            _zygote = None
    return _zygote


def _start_zygotes(count, checks, secret) -> list:
    """count zygotes holding every call's arguments. They start while this process computes
    what grading needs (grading.prepare), which the grading processes forked next inherit."""
    zygotes, started = [], []
    try:
        zygotes += [Zygote() for _ in range(count)]
        from . import grading  # numpy and the rest: imported while the zygotes start

        grading.prepare(checks, secret)
        arguments = _arguments(checks, secret)
        for zygote in zygotes:
            zygote.store(arguments)
            started.append(zygote)
    except Exception:  # noqa: BLE001 -- a grading process without a zygote starts its own
        pass
    for zygote in zygotes:
        if zygote not in started:
            zygote.close()
    return started


def _grading_process(parent, zygotes, taken):
    """A grading process's initializer: it ends with the batch (launch.die_with_parent), may
    use _MEMORY more than it has now, and takes the next of the zygotes grade_many started."""
    global _zygote
    die_with_parent(parent)
    with open("/proc/self/statm") as statm:  # its size in pages, first
        size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (size + _MEMORY, resource.getrlimit(resource.RLIMIT_AS)[1]))
    with taken.get_lock():
        index, taken.value = taken.value, taken.value + 1
    _zygote = zygotes[index] if index < len(zygotes) else None


def grade_one(label, folder, checks, secret, limits) -> tuple:
    """Grade one submission in a worker forked from this process's zygote: its report as a
    line of JSON (report.as_text), made here in the grading process, and whether it is the
    learner's result to keep (False when the grader failed it: --resume grades it again)."""
    from . import grading

    try:
        zygote = _process_zygote(checks, secret)
        result = grading.grade(folder, checks=checks, secret=secret, limits=limits, label=label, zygote=zygote)
    except Exception as exc:  # one submission never stops the batch
        return report.as_text(error_result(label, f"could not be graded: {exc.__class__.__name__}: {exc}")).text, False
    return report.as_text(result).text, not result.incomplete


def _progress(total):
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="submission", file=sys.stderr)


def state_folder(submissions, checks, secret) -> Path:
    """Where a batch keeps each finished submission's report, so that --resume can skip it.

    Keyed by the submissions' folders, the checks and the secret: another batch, or the
    same one graded differently, never reuses these results.
    """
    key = json.dumps([[label, str(Path(folder).resolve())] for label, folder in submissions] + [checks])
    key += hashlib.sha256(secret.encode()).hexdigest()
    return Path.cwd() / paths.GRADE_STATE / hashlib.sha256(key.encode()).hexdigest()[:16]


def _earlier(state: Path, submissions) -> dict:
    done = {}
    for label, _ in submissions:
        path = state / f"{label}.json"
        if path.is_file():  # written whole, so a file here is a finished result
            done[label] = report.from_text(path.read_text(encoding="utf-8"))
    return done


def grade_many(submissions, *, checks="public", secret="", jobs=None, limits=None,
               state: Path = None, resume=False) -> list:
    """Grade [(label, folder)] with `jobs` parallel processes; results in the given order.

    With `state`, each finished result is saved there at once; with `resume` too, the
    submissions that have a saved result are not graded again. A grading process that dies
    is replaced and what it was grading is graded again, up to _ROUNDS times; a result the
    grader failed is reported but not saved, so that --resume grades it again.
    """
    jobs = jobs or os.cpu_count() or 1
    results = {}
    if state is not None:
        if resume:
            results = _earlier(state, submissions)
        else:
            shutil.rmtree(state, ignore_errors=True)
        state.mkdir(parents=True, exist_ok=True)
    todo = [(label, folder) for label, folder in submissions if label not in results]
    bar = _progress(len(todo))
    context = multiprocessing.get_context("fork")  # processes that inherit the zygotes, on Linux
    zygotes = _start_zygotes(min(jobs, len(todo)), checks, secret)
    try:
        for round_ in range(_ROUNDS):
            if not todo:
                break
            # a dead process's zygote may be in any state: the next rounds' processes start their own
            initargs = (os.getpid(), zygotes if round_ == 0 else [], context.Value("i", 0))
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_grading_process,
                                     initargs=initargs) as pool:
                todo = _collect(pool, todo, checks, secret, limits, results, state, bar)
        for label, _ in todo:
            results[label] = report.as_text(error_result(
                label, "could not be graded: its grading process ended each time it was graded "
                       "(--resume grades it again)"))
    finally:
        for zygote in zygotes:
            zygote.close()
    if bar:
        bar.close()
    return [results[label] for label, _ in submissions]


_ROUNDS = 3


def _collect(pool, todo, checks, secret, limits, results, state, bar) -> list:
    """Grade todo in pool; put each result in results, and in state when it is the
    learner's, as it comes. What is left when a grading process dies, to grade again."""
    futures = {pool.submit(grade_one, label, folder, checks, secret, limits): (label, folder)
               for label, folder in todo}
    left = []
    try:
        for future in as_completed(futures):
            label, folder = futures[future]
            try:
                text, kept = future.result()
            except BrokenProcessPool:  # a grading process died: this submission goes again
                left.append((label, folder))
                continue
            results[label] = report.from_text(text)
            if without("report-text"):  # made again from the result wherever it is written
                results[label] = dataclasses.replace(results[label], text="")
            if state is not None and kept:
                report.write_whole(state / f"{label}.json", report.as_text(results[label]).text)
            if bar:
                bar.update()
    except KeyboardInterrupt:  # end with the submissions being graded, not with all of them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return left


def csv_text(results) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["student", *(e.id for e in catalog.EXERCISES), "total", "notes"])
    for r in results:
        scores = {e.id: e for e in r.exercises}
        notes = "; ".join(f"{e.id}: {e.status}" for e in r.exercises if e.status in ("missing", "error"))
        writer.writerow([r.submission, *(_cell(scores.get(e.id)) for e in catalog.EXERCISES), r.score, notes])
    return out.getvalue()


def _cell(e):
    return "" if e is None else e.score


def gradescope(result: SubmissionResult) -> dict:
    """Gradescope's results.json: one test a check; hidden checks shown once published."""
    tests = []
    for e in result.exercises:
        if not e.checks:
            tests.append({"name": f"{e.id}: {e.status}", "score": 0.0, "max_score": e.max_score,
                          "output": e.message, "visibility": "visible"})
        for c in e.checks:
            tests.append({
                "name": f"{e.id}: {c.name}",
                "score": c.score,
                "max_score": c.max_score,
                "output": c.message + (f"\n[{c.misconception}]" if c.misconception else ""),
                "visibility": "after_published" if c.hidden else "visible",
            })
    return {"score": result.score, "output": f"{result.score:g} of {result.max_score:g} points",
            "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}


def gradescope_file(results) -> dict:
    """One submission: its results.json; several: {"submissions": [...]}, as --json does."""
    if len(results) == 1:
        return gradescope(results[0])
    return {"submissions": [{"submission": r.submission, "results": gradescope(r)} for r in results]}


def summary(results) -> str:
    """Per exercise: the score distribution and the most frequent catalogued mistakes."""
    lines = [f"{len(results)} submissions graded; "
             f"{sum(1 for r in results if all(e.status == 'error' for e in r.exercises))} could not be graded."]
    weak = Counter(r.isolation for r in results if r.isolation.startswith("weak"))
    if weak:
        lines.append(f"Warning: {sum(weak.values())} graded with weak isolation ({'; '.join(weak)}): "
                     "learner code was not confined by the kernel (docs/security.md).")
    for e in catalog.EXERCISES:
        rows = [x for r in results for x in r.exercises if x.id == e.id]
        scores = [x.score for x in rows]
        statuses = Counter(x.status for x in rows)
        seen = Counter()
        for x in rows:  # count each mistake once per submission
            seen.update({c.misconception for c in x.checks if c.misconception and not c.passed})
        if not scores:
            continue
        lines.append(
            f"{e.id:<26} mean {statistics.mean(scores):5.1f} median {statistics.median(scores):5.1f} "
            f"of {e.points:g}; full marks {sum(1 for s in scores if s == e.points)}, "
            + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        if seen:
            lines.append("    most frequent mistakes: " + ", ".join(f"{k} ({v})" for k, v in seen.most_common(3)))
    return "\n".join(lines)
