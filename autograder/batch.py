"""Grading a class: many submissions, each in a grading process of a small pool.

The plan is made once, before the grading processes are forked, and each grading process
forks its workers from a zygote of its own (autograder.execution.zygote): a submission
costs neither Python's start-up nor the oracle's computations. A grading process that
dies is replaced and its submission graded again; a result the grader, not the learner,
failed is reported but not saved, so that --resume grades it again.
"""
import contextlib
import hashlib
import itertools
import json
import multiprocessing
import multiprocessing.connection
import os
import re
import resource
import shutil
import signal
import stat
import sys
import time
import unicodedata
from collections import deque
from pathlib import Path

import yaml
from tqdm import tqdm

from . import catalog, paths, report
from .execution.client import remove_abandoned_folders
from .execution.launch import die_with_parent
from .execution.zygote import Zygote
from .report import SubmissionResult, unscored
from .submission import (ARCHIVES, MAX_FILE_BYTES, Source, Unreadable, handed_in, named_like, read, read_notebook,
                         stubs)

ATTEMPTS = 3  # times a submission is graded before its grading process's deaths are its result
_MEMORY = 2 * 2**30  # what a grading process may add to its size: a reply is at most wire.MAX_REPLY_BYTES


def _handed_in(folder) -> tuple:
    """The exercises folder holds a file of (submission.handed_in); none where it cannot be listed, or is a
    link, whose files are never read: a learner's linked to a folder of part 2's made their class graded on both."""
    with contextlib.suppress(OSError):
        return () if os.path.islink(folder) else handed_in(folder)
    return ()


class FolderError(ValueError):
    """Folders that cannot be read as one submission or a class of them."""


_IGNORED = ("__MACOSX",)  # what macOS adds beside the files of a folder it zips


def _subfolders(folder: Path) -> list:
    """Its folders but Moodle's of a learner's online text (..._assignsubmission_onlinetext_),
    beside the folder of their files and holding no exercise file: one learner, one row."""
    found = [p for p in sorted(folder.iterdir()) if (p.is_dir() or p.is_symlink() and not p.exists())  # a link to
             and not p.name.startswith(".") and p.name not in _IGNORED]  # nowhere, an archive's: a row, an error
    return [p for p in found if not (p.name.endswith("_assignsubmission_onlinetext_") and not _handed_in(p)
                                     and p.with_name(p.name[:-len("onlinetext_")] + "file_") in found)]


def _files_of(folder: Path) -> list:
    """The folders that hold a student's files: theirs, or those inside it that hold exercise
    files (nbgrader's submitted/<student>/<assignment>/, one a part; an upload zipped with its
    folder). A link is not followed: it is graded as an error; so is a folder that cannot be
    listed (unzip gives a folder the mode its archive says, 000 too)."""
    if folder.is_symlink() or _handed_in(folder):
        return [folder]
    with contextlib.suppress(OSError):
        return [p for p in _subfolders(folder) if not p.is_symlink() and _handed_in(p)] or [folder]
    return [folder]


# A file of a flat LMS download, whatever the learner named it: Canvas's smithjohn[_LATE]_<user>_<file>_backprop.zip,
# Blackboard's A1_jsmith_attempt_2024-03-01-10-20-30[_backprop.ipynb or .txt], Moodle's unfoldered
# Ada Lovelace_123456_assignsubmission_file_backprop.zip: once a class graded as one learner, at 0.
_LMS_FILE = re.compile(r"(?i)(?:[^\W_]+(?:_late)?_\d{3,}_\d{3,}_.+|.+_\d+_assignsubmission_[a-z]+_.+)\.(?:py|ipynb|txt|"
                       + "|".join(a[1:] for a in ARCHIVES) + r")|.+_attempt_\d{4}(?:-\d\d){5}(?:_.+|\.txt)")


def _prefixed(folder: Path) -> list:
    """Files named as an LMS names a class's, the learner's first: Canvas's
    smithjohn_12345_67890_ex03_weight_gradients.py, Lastname_Firstname_12345_ex03_backprop.py
    of a learner who named theirs by the exercise's number alone, Google Classroom's
    "Ada Lovelace - ex03_weight_gradients.ipynb", or any file so named (_LMS_FILE)."""
    hits = [(re.fullmatch(r"(?i).+(?:_| - )(ex\d\d)(?:[_ -].*)?\.(?:py|ipynb)(?:\.txt)?", p.name), p.name)
            for p in sorted(folder.iterdir()) if not p.is_dir()]  # a learner's folder so named is theirs
    return [name for m, name in hits if m and m[1].lower() in {e.prefix for e in catalog.EXERCISES}
            or _LMS_FILE.fullmatch(name)]


def discover(paths) -> list:
    """[(label, folder)]: a folder of exercise files is one submission; else each subfolder is
    a student's (their files in it, or in the folders inside it that hold them). A folder with
    neither is a submission that handed in nothing (a row at 0), but FolderError when every folder
    named holds no file at all (what macOS adds aside): there is nothing to grade. A folder named
    on the command line is the instructor's, and may be reached through a link; a subfolder that
    is a link is a submission whose files are not read (its every exercise is `error`, see
    autograder.submission). A folder named twice is graded once; submissions of the same name
    are told apart by the folders above them (ada/backprop, bob/backprop)."""
    found = []
    for path in map(Path, paths):
        if not path.is_dir():
            raise FileNotFoundError(f"{path} is not a folder")
        folder = path.resolve()
        subfolders = _subfolders(folder)
        inside = _files_of(folder)
        stray = [p.name for p in sorted(folder.iterdir()) if p.name.lower().endswith(ARCHIVES) and not p.is_dir()
                 and Path(Path(p.name).stem).stem not in {d.name for d in inside}] + _prefixed(folder)
        if _handed_in(folder) or not subfolders or len(subfolders) == 1 and inside == subfolders and not stray:
            students = [p.name for p in subfolders if _handed_in(_files_of(p)[0])]
            if _handed_in(folder) and students:
                raise FolderError(
                    f"{path} holds exercise files of its own and folders that hold them ({', '.join(students[:5])}): "
                    "is it one submission or a class? Move the stray files out of it, or name each folder to grade.")
            if not subfolders and not _handed_in(folder) and _prefixed(folder):
                raise FolderError(f"{path} holds no exercise files but files named as an LMS (Canvas, Blackboard, "
                                  "Moodle, Google Classroom) names a class's, each with its learner's name "
                                  f"({', '.join(_prefixed(folder)[:3])}): put each learner's in a folder of their own, "
                                  "named as the exercises' files are.")
            found += [(files, folder) for files in inside]
        else:  # a class: an archive or an LMS's file (stray) beside its learners' folders is a learner without a row
            if stray:
                raise FolderError(f"{path} holds learners' folders and {', '.join(stray[:3])}, which grading does not "
                                  "read: put each in its learner's folder (an archive unpacked), or move it out.")
            found += [(files, student) for student in subfolders for files in _files_of(student)]
    if not any(not p.name.startswith(".") and p.name not in _IGNORED for path in paths for p in Path(path).iterdir()):
        raise FolderError(f"{', '.join(map(str, paths))} hold{'s' * (len(paths) == 1)} no files: nothing to grade.")
    named = {}  # {folder: how many of its path's last parts name it, from the student's folder on}
    for files, student in found:  # a folder named twice is graded once, where first named
        # nbgrader's submitted/<learner>/<assignment> named alone (a regrade): its learner's row, not "backprop"
        named.setdefault(files, max(len(files.parts) - len(student.parts) + 1,
                                    2 if files.parent.parent.name in ("submitted", "autograded") else 1))
    names = {Path(path).resolve() / folder: who for path in paths for folder, who in gradescope_names(path).items()}
    labelled = _labelled(named)
    # composed (NFC), as an LMS's names are typed: macOS and its zips store "José" as "Jose" and an accent
    read = [unicodedata.normalize("NFC", next((f"{names[p]} ({label})" for p in (folder, folder.parent) if p in names),
                                              _MOODLE.sub(r"\1 (\2)", label))) for label, folder in labelled]
    # results are found by label: where a row so read is another's ("Ada (1)" beside Ada_1_assignsubmission_file_,
    # "José" beside its decomposed twin), the folders' own names, which differ
    return list(zip(read, (f for _, f in labelled))) if len(set(read)) == len(read) else labelled


# Moodle's folder of a learner's files: "Ada Lovelace_123456_assignsubmission_file_", its number the
# participant's (two Adas stay apart), read "Ada Lovelace (123456)" as Gradescope's rows are.
_MOODLE = re.compile(r"([^/]+)_(\d+)_assignsubmission_[a-z]+_(?=/|$)")


# Gradescope's metadata of 10,000 submissions is 1.8 MB; PyYAML took 64 s to read 4 MB of a list of numbers
_METADATA_BYTES = 4 * 2**20


class _Metadata(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml, as the specs are read
    """YAML but for merge keys (<<), which copy the mapping merged at each use (Gradescope writes none): 20,000 rows
    merging one of 2,000 keys, 348 KB, took 82 s and 1.5 GB."""

    def flatten_mapping(self, node):
        if any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
            raise yaml.YAMLError("a merge key")
        super().flatten_mapping(node)


def gradescope_names(export) -> dict:
    """{a submission's folder name: its students' names} of a Gradescope export's
    submission_metadata.yml (rows "Ada Lovelace (submission_123456)"), {} where there is
    none or it is not as Gradescope writes it. Only the folders in it are named: a learner's folder
    graded alone, holding such a file, named its own row (".") and a classmate's (an absolute path).
    Read as a submission's files are, as a regular file only: a FIFO so named blocked the grader, and
    a link to /dev/zero took its memory, before anyone was graded."""
    with contextlib.suppress(OSError, ValueError, yaml.YAMLError, AttributeError, KeyError, TypeError,
                             RecursionError):  # nested past the YAML composer's recursion; ValueError: not UTF-8,
        # a date of month 13, an int of 5,000 digits (which PyYAML's constructors raise, not as YAMLError)
        path = Path(export) / "submission_metadata.yml"
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(fd, "rb") as stream:
            data = stream.read(_METADATA_BYTES + 1) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        listed = (yaml.load(data.decode("utf-8"), Loader=_Metadata)  # libyaml: 2 MB of numbers in 3.1 s, not 14 s
                  if len(data) <= _METADATA_BYTES else None)
        rows = {str(folder): record[":submitters"] for folder, record in listed.items()
                if (Path(export) / str(folder)).parent == Path(export)}
        # no more characters of names than the file holds: an alias repeats a name unwritten (1 MB of them, 1 GB)
        if all(size <= _METADATA_BYTES for size in itertools.accumulate(
                len(_scalar(s[":name"])) + 2 for row in rows.values() for s in row)):
            return {folder: ", ".join(_scalar(s[":name"]) for s in row) for folder, row in rows.items()}
    return {}


def _scalar(value) -> str:
    """A YAML scalar as text; TypeError for a list or a mapping: str() of one that YAML's aliases
    make of lists of lists, 366 bytes of a file, was 39 M characters."""
    if isinstance(value, (list, dict)):
        raise TypeError("not a scalar")
    return str(value)


def gather(upload: Path, into: Path) -> None:
    """Copy into the folder `into` the exercise files of one learner's upload, wherever
    they sit in it: Gradescope keeps the folders an upload was zipped with (v1/, v2/, an
    old/ copy). Of the files of one name, the one with the fewest stubs left is taken (not
    the stubs a learner uploaded beside their folder, nor a checkout's exercises/), then the
    shallowest, then the newest. Hidden folders, __MACOSX and what lies over 32 folders
    down (os.walk recurses) are passed over; a link is copied as a link, and graded as an
    error, and so is a FIFO."""
    found, unread = [], set()
    for folder, subfolders, files in os.walk(upload):
        depth = len(Path(folder).relative_to(upload).parts)
        subfolders[:] = [d for d in subfolders if depth < 32 and not d.startswith(".") and d not in _IGNORED]
        found += [(*_worked(Path(folder) / name, depth), Path(folder) / name) for name in sorted(files)
                  if any(named_like(name, e.id) for e in catalog.EXERCISES)]
        unread |= {n for n in files if n.lower().endswith((*ARCHIVES, ".ipynb", ".py")) and not n.startswith(".")}
    for *_, path in sorted(found):
        if os.path.lexists(into / path.name):
            continue
        if stat.S_ISREG(mode := os.lstat(path).st_mode) or stat.S_ISLNK(mode):
            shutil.copy2(path, into / path.name, follow_symlinks=False)
        else:  # a FIFO (or a socket, a device): never opened, made again as a FIFO, which read() refuses
            os.mkfifo(into / path.name)
    for name in unread - set(os.listdir(into)):  # empty, for a missing exercise's message to name (missing_notes)
        (into / name).touch()


def _worked(path: Path, depth: int) -> tuple:
    """gather's sort key (a link or a FIFO last); only a regular file of a sane size is read."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        return (1, 0, depth, 0.0)
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    with contextlib.suppress(Unreadable):  # a notebook's stubs are in its code cells, not its JSON's escapes
        text = read_notebook("", path, data).text if path.name.lower().endswith(".ipynb") else text
    return (0, stubs(text), depth, -info.st_mtime)


def _labelled(depth: dict) -> list:
    """[(label, folder)] of {folder: how many parts of its path name it, at least}: with as
    many of the folders above it as tell it apart from the others."""
    while True:
        labels = {folder: "/".join(folder.parts[-depth[folder]:]) for folder in depth}
        clashing = [folder for folder in depth if list(labels.values()).count(labels[folder]) > 1
                    and depth[folder] < len(folder.parts) - 1]
        if not clashing:
            return [(label, folder) for folder, label in labels.items()]
        for folder in clashing:
            depth[folder] += 1


def parts_held(submissions) -> tuple:
    """The parts any of [(label, folder)] holds a file of that is more than the stub (`backprop start`
    copies every part's): what a class handed in (else its stubs' parts, else part 1, as an empty
    upload was graded before part 2); and how many hold which, when they differ, else ""."""
    handed = [(folder, _handed_in(folder)) for _, folder in submissions]
    left = {e.id: stubs((paths.content("exercises") / e.files[0]).read_text(encoding="utf-8"))
            for e in catalog.EXERCISES}  # the stubs each exercise's own file starts with, read once
    held = []
    for folder, es in handed:  # worked in: fewer stubs left than its stub, or a file not read
        found = read(folder, [e.id for e in es])
        held.append(tuple(sorted({e.part for e in es if not isinstance(found[e.id], Source)
                                  or stubs(found[e.id].text) < left[e.id]})))
    kinds = {parts: held.count(parts) for parts in held if parts}
    mixed = ", ".join(f"{n} of part{'s' if len(parts) > 1 else ''} {' and '.join(map(str, parts))}"
                      for parts, n in sorted(kinds.items())) if len(kinds) > 1 else ""
    return tuple(sorted({part for parts in kinds for part in parts} or {e.part for _, es in handed for e in es})
                 ) or catalog.PARTS[:1], mixed


def error_result(label, reason, plan) -> SubmissionResult:
    """A submission that could not be graded at all: every exercise of plan `error`, with the reason."""
    return SubmissionResult(label, tuple(unscored(e.exercise, "error", f"could not be graded: {reason}",
                                                  "grader failed")
                                         for e in plan.exercises))


def state_folder(submissions, checks, secret, limits=None) -> Path:
    """Where a batch keeps each finished submission's report, so that --resume can skip it;
    keyed by the submissions' folders, the checks (and limits) and the secret, so that another
    batch, or the same one graded differently, never reuses these results; by the grader's own
    code and specs, which an upgrade between a batch and its --resume changes; and by when each
    entry of a folder last changed, which no learner knows before it is unpacked: without the secret (no
    --hidden), a learner's files held a result for a run inside their folder to trust, keyed by guessable paths.
    Not the folder's own time: a file written over in place (a learner's file replaced) leaves it as it was,
    and --resume kept that learner's result of the file before; a file added, removed or renamed is an entry.
    Its name starts with the folders' and checks' own key, which the same batch with other limits shares (forget)."""
    folders = [[label, os.path.realpath(folder)] for label, folder in submissions]  # a looped link: its own path
    batch = hashlib.sha256(json.dumps(folders + [checks]).encode()).hexdigest()[:8]
    key = json.dumps([[*named, _changed(folder)] for named, (_, folder) in zip(folders, submissions)]
                     + [checks, str(limits)])
    key += hashlib.sha256(secret.encode()).hexdigest()
    for path in sorted(Path(__file__).resolve().parent.rglob("*")):  # 5 ms: 70 files, 700 kB
        key += hashlib.sha256(path.read_bytes()).hexdigest() if path.suffix in (".py", ".yaml") else ""
    return Path.cwd() / paths.GRADE_STATE / f"{batch}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def _changed(folder) -> list:
    """[(name, when it last changed)] of the entries of folder, not followed through a link: its ctime, which
    every write sets, and which unzip, unlike the mtime, cannot set to the archive's."""
    with contextlib.suppress(OSError):
        if not os.path.islink(folder):
            return sorted((e.name, e.stat(follow_symlinks=False).st_ctime_ns) for e in os.scandir(folder))
    return []


def grade_many(submissions, plan, *, jobs, limits, state: Path, resume=False) -> list:
    """Grade [(label, folder)] on plan with jobs grading processes; results in the given order.
    Each finished result is saved in state at once; with resume, the submissions that have a
    saved result there are not graded again."""
    remove_abandoned_folders()  # those of an earlier batch that was killed
    if not resume:
        shutil.rmtree(state, ignore_errors=True)
    results = {}
    for label, _ in submissions:
        if resume and _saved(state, label).is_file():  # written whole: finished
            with contextlib.suppress(OSError, ValueError, RecursionError):  # changed since, or damaged: graded again
                results[label] = report.from_dict(json.loads(_saved(state, label).read_text(encoding="utf-8")))
    state.mkdir(parents=True, exist_ok=True)
    todo = [(label, folder) for label, folder in submissions if label not in results]
    # closed when interrupted too, so that "Interrupted." starts a line of its own
    with _Progress(total=len(todo), unit="submission", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
        for label, result, kept in _graded(todo, plan, limits, min(jobs or os.cpu_count() or 1, len(todo))):
            results[label] = result
            if kept:
                report.write_whole(_saved(state, label), json.dumps(report.submission_dict(result)))
            bar.update()
    return [results[label] for label, _ in submissions]


class _Progress(tqdm):
    """tqdm without its monitor thread, which it starts even when disabled: this process forks
    the grading processes, and a thread running at a fork may hold a lock the child then waits on."""

    monitor_interval = 0


def _graded(todo, plan, limits, size):
    """(label, SubmissionResult, whether to save it) of each of todo, as they finish, from at
    most size grading processes forked from this one, each grading one submission at a time."""
    # A grading process that takes twice the submission's time, and 10 s more, is stuck
    # in the grader's own work: killed, its submission reported, the batch goes on.
    patience = 2 * limits["submission_timeout"] + 10
    waiting, attempts, busy, idle = deque(todo), {label: 0 for label, _ in todo}, {}, []
    try:
        while waiting or busy:
            while waiting and (idle or len(busy) < size):  # a process started when there is work
                with _interrupts_held() as kept:
                    process, connection = idle.pop() if idle else _start(plan, limits, kept)
                    connection.send(waiting[0])
                    busy[connection] = (process, waiting.popleft(), time.monotonic())
            now = time.monotonic()
            for connection, (process, (label, _), started) in list(busy.items()):
                if now - started > patience:
                    del busy[connection]
                    process.kill()
                    process.join()
                    connection.close()
                    yield label, error_result(label, f"its grading process was still at it after {patience:g} s "
                                                     "and was ended (--resume grades it again)", plan), False
            if not busy:  # every one was stuck: start others, or end
                continue
            stuck_at = min(started for *_, started in busy.values()) + patience  # when the first would be stuck
            for connection in multiprocessing.connection.wait(list(busy), max(0.0, stuck_at - time.monotonic())):
                process, (label, folder), _ = busy.pop(connection)
                try:
                    result, kept = connection.recv()
                    idle.append((process, connection))
                except (EOFError, OSError):  # it died: its submission goes again, to a new process
                    process.join()
                    connection.close()
                    attempts[label] += 1
                    if attempts[label] < ATTEMPTS:
                        waiting.appendleft((label, folder))
                        continue
                    result, kept = error_result(label, "its grading process ended each time it was graded "
                                                       "(--resume grades it again)", plan), False
                yield label, result, kept
    finally:  # interrupted too: the idle processes are told to end, the busy ones killed
        for process, connection in idle:
            with contextlib.suppress(OSError):  # it has ended already
                connection.send(None)
        for process, *_ in busy.values():
            process.kill()
        for process, connection in idle + [(process, c) for c, (process, *_) in busy.items()]:
            process.join(timeout=5)
            process.kill()  # one that has ended is not signalled
            process.join()
            connection.close()


@contextlib.contextmanager
def _interrupts_held():
    """Ctrl-C and SIGTERM held back until a grading process is forked and counted: at the fork
    one is raised in an at-fork hook, where Python ignores it, and the batch would go on.
    Blocking them would not do: the kernel then hands them to another thread (numpy's BLAS has some)."""
    held = []
    kept = {s: signal.signal(s, lambda number, _: held.append(number)) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield kept
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)
        for number in held[:1]:
            signal.raise_signal(number)


def _start(plan, limits, kept):
    """A grading process that grades what it is sent; kept: the batch's handlers of Ctrl-C and SIGTERM."""
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_grading_process, args=(theirs, ours, plan, limits, os.getpid(), kept))
    process.start()
    theirs.close()  # now only the process holds it: its end closes when the process dies
    return process, ours


def _grading_process(connection, parents_end, plan, limits, parent, kept) -> None:
    """Grade each (label, folder) received, until None. The process ends with the batch
    (launch.die_with_parent) and may use _MEMORY more than it has now."""
    from . import grading
    for number, handler in kept.items():  # as cli.run has them (or nohup: ignored), not as held at the fork
        signal.signal(number, signal.SIG_IGN if handler == signal.SIG_IGN else signal.default_int_handler)
    die_with_parent(parent)
    parents_end.close()
    size = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")  # in pages, first
    resource.setrlimit(resource.RLIMIT_AS, (size + _MEMORY, resource.getrlimit(resource.RLIMIT_AS)[1]))
    with contextlib.ExitStack() as zygotes:  # the zygote is closed however the process ends
        try:
            zygote = zygotes.enter_context(Zygote())
            zygote.store(plan.stored())  # the hidden ones reach a worker after its public calls
        except Exception:  # noqa: BLE001 -- without a zygote, workers are started one by one
            zygotes.close()
            zygote = None
        with contextlib.suppress(EOFError):  # the batch has gone
            for label, folder in iter(connection.recv, None):
                try:
                    result = grading.grade(folder, plan, limits=limits, label=label, zygote=zygote)
                    if result.incomplete:  # the grader failed it (a worker that did not start): once more
                        result = grading.grade(folder, plan, limits=limits, label=label, zygote=zygote)
                    connection.send((result, not result.incomplete))
                except Exception as exc:  # noqa: BLE001 -- one submission never stops the batch
                    failed = error_result(label, f"{exc.__class__.__name__}: {exc}", plan)
                    connection.send((failed, False))


def forget(state: Path, submissions) -> None:
    """Remove a batch's saved results once its reports are written, when each submission has
    one: nothing is left for --resume (a result the grader failed is never saved). The same batch's results of
    another --timeout, secret or grader go in any case: no --resume of this command reads them, and they hold
    hidden checks' messages."""
    for other in state.parent.glob(f"{state.name.partition('-')[0]}-*"):
        if other != state:
            shutil.rmtree(other, ignore_errors=True)
    if all(_saved(state, label).is_file() for label, _ in submissions):
        shutil.rmtree(state, ignore_errors=True)
        with contextlib.suppress(OSError):  # another batch's results are still there
            state.parent.rmdir()


def _saved(state: Path, label: str) -> Path:
    """Where a submission's result is kept: a file name of its own, whatever its label holds."""
    return state / f"{hashlib.sha256(os.fsencode(label)).hexdigest()[:16]}.json"
