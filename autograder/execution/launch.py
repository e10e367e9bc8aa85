"""Starting and ending the grader's processes: a worker's command line and environment.

Standard library only, so that a batch can start its zygotes before it imports numpy.
"""
import contextlib
import functools
import os
import signal
import subprocess
import sys
from pathlib import Path

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
# -I ignores PYTHONPATH, the user site and the current directory; the worker code that
# belongs with this parent is put on sys.path just long enough to import it. Its first act
# is to tie its life to the parent's (die_with_parent), whose pid fills in {parent}.
BOOTSTRAP = (
    "import sys; sys.path.insert(0, {root!r}); "
    "from autograder.execution.launch import die_with_parent; die_with_parent({parent}); "
    "from autograder.execution.server import main; sys.path.remove({root!r}); main()"
)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_FIXED_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# Python's own modules, found before a module of the same name in a notebook's folder (IPython 7.2's sys.path)
STDLIB = sys.stdlib_module_names | {"test"}


def start(arguments: list, folder, pass_fds: tuple, output=subprocess.DEVNULL, python: str = sys.executable,
          extra_env: dict | None = None) -> subprocess.Popen:
    """Start a worker (or, with arguments ["zygote", fd], a zygote) in folder, its HOME, in a
    session of its own, printing to output. Its environment: a few variables passed on, BLAS
    on one thread, no secret; then extra_env."""
    env = {key: os.environ[key] for key in _PASSED_ENV if key in os.environ}
    env.setdefault("PATH", os.defpath)
    env.update(_FIXED_ENV, HOME=str(folder))
    env.update(extra_env or {})
    program = BOOTSTRAP.format(root=PACKAGE_ROOT, parent=os.getpid())
    return subprocess.Popen([python, "-I", "-c", program, *arguments], stdin=subprocess.DEVNULL, stdout=output,
                            stderr=output, cwd=folder, env=env, start_new_session=True, pass_fds=pass_fds)


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent ends, however the parent ends
    (kill -9 included): every process the grader starts ends with the one that started it.
    The parent is the thread that forked this process, so a parent forks its workers from a
    thread that lives as long as it does. Linux only: elsewhere this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    if libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if os.getppid() not in (parent, 0):  # it ended before this process could ask (0: a parent
        os._exit(1)  # outside this process's PID namespace, which ends with that parent anyway)


@functools.lru_cache(maxsize=1)
def libc():
    """The C library, for the calls Python does not wrap (prctl, capset, unshare)."""
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def ended(pid: str) -> bool:
    """Whether the process of `pid`, as a file named for it writes it, no longer runs (in this PID
    namespace): what a process killed with SIGKILL left can then be removed. Anything else is not
    known to have ended: another user's process, or a name no process of ours could have written."""
    if not (pid.isascii() and pid.isdigit()):
        return False
    try:
        os.kill(int(pid), 0)  # signal 0 only asks whether it runs
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        pass
    return False


def kill_worker(pid: int) -> None:
    """SIGKILL a worker process (or a zygote) and its whole process group."""
    for kill in (os.killpg, os.kill):  # a worker just forked may not have made its own group yet
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)
