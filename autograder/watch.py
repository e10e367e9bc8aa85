"""`backprop check --watch`: the check again each time an exercise file is saved.

The folder is polled: every half second the exercise files' modification times and sizes
are compared with the last ones seen. Polling needs nothing beyond the standard library,
works the same on every file system (network folders and containers' mounts too, where
change notifications are unreliable), and costs a listing and a few stat calls a second.
"""
import contextlib
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from .render import inert  # the folder's name: an unpacked archive's may hold escapes
from .submission import named_like

INTERVAL = 0.5  # seconds between two looks at the folder
CLEAR = "\033[H\033[2J\033[3J"  # cursor home, clear the screen, clear the scrollback


def snapshot(folder: Path, exercises) -> dict:
    """{file name: (modification time in ns, size)} of the files in folder that check may read for the
    exercises: every file submission.named_like calls theirs (ex03_weight_gradients (1).py too), since
    which of them check grades depends on what they hold (a stub, or a copy worked in)."""
    seen = {}
    with contextlib.suppress(OSError):  # the folder moved away
        for name in [n for n in os.listdir(folder) if any(named_like(n, e.id) for e in exercises)]:
            with contextlib.suppress(OSError):  # gone since the listing
                status = (folder / name).stat()
                seen[name] = (status.st_mtime_ns, status.st_size)
    return seen


def saves(folder: Path, exercises, *, since: dict):
    """Yield the changed file names each time the files change, once they have held still
    for one interval (an editor that writes a file in several steps is read when done)."""
    last = previous = since
    while True:
        time.sleep(INTERVAL)
        now = snapshot(folder, exercises)
        if now == previous and now != last:  # changed, then held still for one interval
            yield sorted(name for name in last.keys() | now.keys() if last.get(name) != now.get(name))
            last = now
        previous = now


def watch(folder: Path, exercises, check) -> int:
    """Run check() now and again after each save of an exercise's file, until Ctrl-C,
    then return 0. The screen is cleared between runs in a terminal."""
    terminal = sys.stdout.isatty()
    heading = f"watching {inert(str(folder.resolve()))}; Ctrl-C stops"
    try:
        seen = snapshot(folder, exercises)  # before the first run: a save during it counts
        print(heading, flush=True)
        check()
        sys.stdout.flush()
        for changed in saves(folder, exercises, since=seen):
            # In a terminal each run has a screen of its own, headed as the first was.
            print(CLEAR + heading if terminal else "", flush=True)
            print(f"{', '.join(changed)} changed at {datetime.now():%H:%M:%S}; checking again", flush=True)
            check()
            sys.stdout.flush()
    except KeyboardInterrupt:
        print()
        return 0
