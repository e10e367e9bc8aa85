"""Run a command, SIGKILL it once a file appears, and say which processes it left behind.

    python tests/reaper.py GLOB SECONDS -- COMMAND ...

This process makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so that every
process the command started, however deep, becomes its child when its own parent dies.
Once a file matching GLOB exists (and SECONDS more have passed), it kills the command with
SIGKILL, gives what is left a few seconds to end, and prints a JSON list of the command
lines of the processes still running; then it kills those too, so nothing outlives it.
conftest.py uses the same functions to hold the whole test run to it.
"""
import ctypes
import glob
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
GRACE = 5.0


def children() -> dict:
    """{pid: command line} of this process's children that still run (zombies are reaped)."""
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found[int(entry)] = command
    return found


def adopt_orphans() -> None:
    """Become the parent of every orphan among this process's descendants."""
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def survivors(grace: float = GRACE) -> list:
    """The command lines of the children still running after grace seconds; they are
    killed then, so that nothing outlives this process."""
    end = time.monotonic() + grace
    while children() and time.monotonic() < end:
        time.sleep(0.1)
    left = children()
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return sorted(left.values())


def main() -> None:
    pattern, seconds, command = sys.argv[1], float(sys.argv[2]), sys.argv[4:]
    adopt_orphans()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not glob.glob(pattern) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    time.sleep(seconds)
    process.kill()
    process.wait()
    print(json.dumps(survivors()))


if __name__ == "__main__":
    main()
