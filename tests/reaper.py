"""Run a command, and say which of the processes it started outlived it.

    python tests/reaper.py REPORT [--kill-when GLOB --after SECONDS] -- COMMAND ...

This process makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so that every
process the command started, however deep, becomes its child when its own parent dies.
It runs the command (its output is this process's); with --kill-when, it kills the command
with SIGKILL once a file matching GLOB exists and SECONDS more have passed. Then it gives
what is left a few seconds to end, writes {"returncode", "left": the command lines of the
processes still running} to REPORT as JSON, and kills those, so that nothing outlives it.
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
    report, options, command = sys.argv[1], sys.argv[2:sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1:]
    adopt_orphans()
    process = subprocess.Popen(command)
    if options:
        pattern, seconds = options[options.index("--kill-when") + 1], float(options[options.index("--after") + 1])
        deadline = time.monotonic() + 120
        while not glob.glob(pattern) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        time.sleep(seconds)
        process.kill()
    returncode = process.wait()
    with open(report, "w") as out:
        json.dump({"returncode": returncode, "left": survivors()}, out)


if __name__ == "__main__":
    main()
