"""How a worker process, or a zygote, is launched (its command line and its environment),
and how a worker is killed.

Standard library only, so that a batch can start its zygotes before it imports numpy.
"""
import os
import signal
from pathlib import Path

PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
# -I ignores PYTHONPATH, the user site and the current directory; the worker code that
# belongs with this parent is put on sys.path just long enough to import it.
BOOTSTRAP = (
    "import sys; sys.path.insert(0, {root!r}); "
    "from autograder.worker import main; sys.path.remove({root!r}); main()"
)
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_FIXED_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def worker_environment(home, extra: dict | None = None) -> dict:
    """A worker's environment: a few variables passed on, BLAS on one thread, no secret."""
    env = {key: os.environ[key] for key in _PASSED_ENV if key in os.environ}
    env.setdefault("PATH", os.defpath)
    env.update(_FIXED_ENV, HOME=str(home))
    env.update(extra or {})
    return env


def kill_worker(pid: int) -> None:
    """SIGKILL a worker process (or a zygote) and its whole process group."""
    for kill, target in ((os.killpg, pid), (os.kill, pid)):
        try:  # a worker just forked may not have made its own group yet
            kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
