"""What the worker process does to itself before any learner code runs.

``confine(settings)`` is the whole child-side setup, in one function so that it can run
in a freshly started worker as well as right after a fork.

The kernel's confinement is the boundary. The audit hook (PEP 578) is a tripwire before it
that turns the ordinary ways of reaching past the worker into a PermissionError that says
why, as learners should read it. It runs in the same process as the code it watches, so
code that patches what it relies on can get past it, and then meets the kernel's refusal
(EPERM or EACCES) instead. docs/security.md says what each layer and limit defends.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.machinery
import json
import math
import os
import posix
import re
import resource
import sys
from dataclasses import asdict, dataclass

from autograder.execution import kernel, launch

# The environment variables that hold or locate the course secret. The parent never
# passes them; dropping them here too keeps them out of a worker forked from a process
# that had them.
SECRET_VARIABLES = ("BACKPROP_COURSE_SECRET", "BACKPROP_COURSE_CONFIG")
_CPU_MARGIN = 10  # seconds of CPU beyond the submission's wall-time budget
_OPEN_FILES = 256  # descriptors: numpy needs a handful
_NEW_TASKS = 64  # threads a worker may start (as root, once kernel.own_real_uid has made it countable)
_QUEUED_SIGNALS = 64  # signals queued for it at once (a timer's SIGALRM, whatever the user's count, is not held to it)
_LOCKED_BYTES = 64 * 2**10  # memory it may lock, as old kernels allowed a user

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_ENVIRON = re.compile(r"/proc/[^/]+(/task/[^/]+)?/environ")
# Events refused whatever their arguments, by name or by module ("socket."): what they do.
_FORBIDDEN = {
    **dict.fromkeys(("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                     "os.fork", "os.forkpty", "pty.spawn"), "start other programs"),
    **dict.fromkeys(("os.kill", "os.killpg", "signal.pthread_kill"), "send signals to processes"),
    **dict.fromkeys(("resource.setrlimit", "resource.prlimit"), "change its resource limits"),
    "socket.": "use the network", "ctypes.": "call C code through ctypes",
}
# Of those, what can end a notebook's kernel, where nbgrader then scores 0: flagged on a passing exercise too
ENDS_A_KERNEL = ("start other programs", "send signals to processes", "change its resource limits",
                 "call C code through ctypes")
# Events that change the file system, with the positions of the paths they change.
_CHANGES = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1), "os.link": (0, 1),
    "os.chmod": (0,), "os.chown": (0,), "os.utime": (0,), "os.truncate": (0,), "os.chflags": (0,),
    "os.setxattr": (0,), "os.removexattr": (0,), "sqlite3.connect": (0,),
    "os.mkfifo": (0,), "os.mknod": (0,),  # events of our own: see _audit_unaudited
}
_LISTINGS = frozenset({"os.listdir", "os.scandir", "os.walk", "os.fwalk", "glob.glob"})


@dataclass(frozen=True)
class Settings:
    """How a worker confines itself; travels from the parent as one JSON argument."""

    folder: str  # its working folder, HOME and TMPDIR: the only place it may write
    max_output_bytes: int | None = None  # the largest file it may write, its output included
    max_disk_bytes: int | None = None  # all it may keep in its folder (a tmpfs), where the kernel allows it
    max_memory_bytes: int | None = None  # its address space
    max_cpu_seconds: float | None = None  # its CPU time: a backstop behind the parent's clock
    protected: tuple = ()  # paths it may neither read nor list
    require_kernel: bool = False  # refuse to serve unless the kernel confines it (autograder.execution.kernel)
    statement_seconds: float | None = None  # a notebook's statements outside functions, together (server._run_cells)

    def to_argument(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_argument(cls, text: str) -> Settings:
        fields = json.loads(text)
        fields["protected"] = tuple(fields.get("protected", ()))
        return cls(**fields)


def confine(settings: Settings) -> str:
    """Confine this process as settings say; what the kernel enforces, in words. Call it
    after the worker's own imports. KernelError when settings require the kernel's
    confinement and it is refused."""
    held = settings.max_disk_bytes is not None and kernel.own_folder(settings.folder, settings.max_disk_bytes)
    os.chdir(settings.folder)  # after the mount: into the tmpfs
    for name in SECRET_VARIABLES:
        os.environ.pop(name, None)
    os.environ["HOME"] = os.environ["TMPDIR"] = settings.folder  # where writing is allowed
    if "tempfile" in sys.modules:  # imported already (by a zygote): forget the folder it chose
        sys.modules["tempfile"].tempdir = None
    sys.dont_write_bytecode = True  # importing must not try to write __pycache__ anywhere
    _set_limits(settings)
    folder = os.path.realpath(settings.folder)
    enforced = kernel.confine(folder, excluded(settings), settings.require_kernel)
    _audit_unaudited()
    protected = tuple(os.path.realpath(p) for p in settings.protected)
    sys.addaudithook(_guard(_Policy(folder, protected)))
    sys.meta_path.insert(0, _Unreadable())
    return enforced + (f", a {limit_text('disk')} folder" if held else "")


def excluded(settings: Settings) -> tuple:
    """What no grant of the kernel's may hold: the grader's own files, and the protected."""
    return tuple(os.path.realpath(p) for p in (launch.PACKAGE_ROOT, *settings.protected))


# ------------------------------------------------------------------------ limits

def _set_limits(settings: Settings) -> None:
    _limit(resource.RLIMIT_CORE, 1)  # no dump: a core_pattern that pipes to a program ignores 0, not 1
    _limit(resource.RLIMIT_NOFILE, _OPEN_FILES)
    tasks = len(os.listdir("/proc/self/task")) if kernel.own_real_uid() else user_tasks()
    _limit(resource.RLIMIT_NPROC, tasks + _NEW_TASKS)  # threads; a fork bomb stops here too
    _limit(resource.RLIMIT_SIGPENDING, _QUEUED_SIGNALS)  # a count of the real user's: others' signals wait
    _limit(resource.RLIMIT_MEMLOCK, _LOCKED_BYTES)  # memory no other process can have back
    if settings.max_output_bytes is not None:
        _limit(resource.RLIMIT_FSIZE, settings.max_output_bytes)
    if settings.max_memory_bytes is not None:
        _limit(resource.RLIMIT_AS, settings.max_memory_bytes)
    if settings.max_cpu_seconds is not None:
        seconds = math.ceil(settings.max_cpu_seconds) + _CPU_MARGIN
        _limit(resource.RLIMIT_CPU, seconds, hard=seconds + 5)  # SIGXCPU first, then SIGKILL


def _limit(kind: int, soft: int, *, hard: int | None = None) -> None:
    """Lower a limit, soft and hard, never above what this process already has."""
    _, old_hard = resource.getrlimit(kind)
    hard = soft if hard is None else hard
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(kind, (soft, hard))


@functools.lru_cache(maxsize=1)
def user_tasks() -> int:
    """How many processes and threads this user runs (RLIMIT_NPROC counts them all),
    counted once per process: a zygote's workers start from its count."""
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc"):
        with contextlib.suppress(OSError):  # it ended meanwhile
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                count += len(os.listdir(f"/proc/{entry.name}/task"))
    return count


def limit_text(kind: str) -> str | None:
    """The current limit on "memory", "output" or "disk" (the folder), in words; None when
    there is none."""
    if kind == "disk":  # the size of the folder's tmpfs, when the folder is one (a mount)
        mounted, folder = os.stat(".").st_dev != os.stat("..").st_dev, os.statvfs(".")
        soft = folder.f_blocks * folder.f_frsize if mounted else resource.RLIM_INFINITY
    else:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS if kind == "memory" else resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY:
        return None
    return f"{soft / 2**30:g} GiB" if soft >= 2**30 else f"{soft / 2**20:g} MiB"


# Why an import fails where learner code runs, said by the worker (_Unreadable) and by the grading
# process (autograder.submission, autograder.grading) alike.
NUMPY_ONLY = "where your code is checked: it runs with numpy and Python's standard library only"
MOVE_IMPORT = 'Remove the import, or move what needs it under `if __name__ == "__main__":`'


class _Unreadable:
    """An importer that imports nothing: it makes a package the worker may not read (all
    but numpy's and the standard library's, where the kernel confines it) a missing module,
    which `except ImportError` catches and whose message says why, rather than a
    PermissionError that names a file of the grader's machine."""

    def find_spec(self, name, path=None, target=None):
        if path is not None:  # a submodule, of a package that could be read
            return None
        found = importlib.machinery.PathFinder.find_spec(name)
        try:
            if found is not None and found.has_location:
                open(found.origin, "rb").close()
        except PermissionError:
            raise ModuleNotFoundError(f"No module named {name!r} {NUMPY_ONLY}. {MOVE_IMPORT}", name=name) from None
        return None  # the importers after this one import it


# ------------------------------------------------------------------------ the hook

def _audit_unaudited() -> None:
    """Make os.mkfifo and os.mknod raise an audit event, as Python 3.11's do not, so that the hook sees them."""
    for name in ("mkfifo", "mknod"):
        original = getattr(posix, name, None)
        if original is not None:
            setattr(posix, name, _announcing(original, f"os.{name}"))
            setattr(os, name, getattr(posix, name))


def _announcing(original, event: str):
    def announced(path, *args, **kwargs):
        sys.audit(event, path)
        return original(path, *args, **kwargs)

    announced.__name__, announced.__doc__ = original.__name__, original.__doc__
    return announced


@dataclass(frozen=True)
class _Policy:
    folder: str  # real path
    protected: tuple  # real paths

    def refusal(self, event: str, args: tuple) -> str | None:
        """Why event must not happen, or None to let it."""
        if event == "open":
            return self._open(*args[:3])
        if event in _CHANGES:
            return self._change(event, [args[i] for i in _CHANGES[event] if i < len(args)])
        if event in _LISTINGS:
            return self._read(_real(args[0])) if args else None
        if event == "os.chdir":
            return "a submission may not change its working folder"
        if event == "os.symlink":  # a link inside the folder could lead a dir_fd path outside
            return "a submission may not make symbolic links"
        module, dot, _ = event.partition(".")
        what = _FORBIDDEN.get(event) or _FORBIDDEN.get(module + dot)
        return None if what is None else f"a submission may not {what} ({event})"

    def _open(self, path, mode, flags) -> str | None:
        real = _real(path)
        if real is None or real == os.devnull:  # an open descriptor, or /dev/null
            return None
        writing = bool(flags & _WRITE_FLAGS) if type(flags) is int else False
        writing = writing or (type(mode) is str and any(c in mode for c in "wax+"))
        if writing and not kernel.within(real, self.folder):
            return f"a submission may not write outside its own folder: {real}"
        if not kernel.within(real, self.folder) and os.path.isdir(real):
            return f"a submission may not open folders outside its own: {real}"
        return self._read(real)

    def _change(self, event: str, paths: list) -> str | None:
        for path in paths:
            real = _real(path)
            if real is None:
                return f"a submission may not change files through descriptors ({event})"
            if not kernel.within(real, self.folder):
                return f"a submission may not change anything outside its own folder: {real} ({event})"
        return None

    def _read(self, real: str | None) -> str | None:
        if real is None:
            return None
        if _ENVIRON.fullmatch(real):
            return f"a submission may not read the environment of a process: {real}"
        if any(kernel.within(real, p) for p in self.protected):
            return f"a submission may not read the grader's protected files: {real}"
        return None


def _guard(policy: _Policy):
    def guard(event: str, args: tuple) -> None:
        if event in ("object.__setattr__", "object.__delattr__") and args and args[0] is guard:
            raise PermissionError("the grader refused: a submission may not change its audit hook")
        reason = policy.refusal(event, args)
        if reason is not None:
            raise PermissionError(f"the grader refused: {reason}")

    return guard


def _real(path) -> str | None:
    """The absolute path, symbolic links resolved; None for a file descriptor."""
    try:
        path = os.fsdecode(os.fspath(path))
    except TypeError:  # a descriptor: fspath takes no int
        return None
    try:
        return os.path.realpath(path)  # relative to the working folder, which cannot change
    except (OSError, ValueError):  # a link it may not read (/proc/1/cwd), a NUL in the name
        return os.path.abspath(path)
