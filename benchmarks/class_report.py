"""Issue 15: the class report of 1,000 submissions renders in under 5 s to under 5 MB.

    python benchmarks/class_report.py                   # measure; exit 0 when both goals are met
    python benchmarks/class_report.py --screenshot docs/images/class-report.png --learners 40

Run it with the Python of an environment that has the package with its report extra. A
pool of real submissions is graded first, in a temporary folder, with the hidden checks:
the seven solutions, the stubs, every catalogued mistake of tests/variants (appended to
the solutions, as the tests do), a broken notebook, a link to a classmate's file and code
the sandbox refuses. The class of --learners is made from the pool's reports: each
learner takes each exercise's result from a pool submission drawn at random (seeded), so
that totals spread as a real class's do; the stubs and the correct files are drawn more
often, as in a class. Then `backprop report CLASS.json --html OUT.html` is timed, the
whole command as an instructor runs it, median of --repeats runs. With --screenshot, the
page is opened in headless Chromium (tests/browser.py) and its top saved as a PNG.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SECRET = "benchmark-course-secret-15-0123456789"
GOAL_SECONDS, GOAL_BYTES = 5.0, 5 * 10**6


def environment():
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
           "BACKPROP_COURSE_SECRET": SECRET}
    env.pop("BACKPROP_COURSE_CONFIG", None)
    return env


def pool(folder: Path) -> dict:
    """{name: weight} of the pool's submissions, written under folder."""
    sys.path.insert(0, str(ROOT / "tests"))
    import importlib

    solutions = sorted((ROOT / "solutions").glob("*.py"))

    def submission(name, change=None):
        (folder / name).mkdir(parents=True)
        for path in solutions:
            (folder / name / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        if change:
            change(folder / name)
        return name

    weights = {submission("correct"): 30}
    weights[submission("stubs", lambda f: [(f / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
                                           for p in (ROOT / "exercises").glob("*.py")])] = 10
    for path in solutions:
        variants = importlib.import_module(f"variants.{path.stem}")
        for n, code in enumerate(variants.MISTAKES.values()):
            weights[submission(f"{path.stem[:4]}-mistake-{n}",
                               lambda f, p=path, c=code: (f / p.name).write_text(p.read_text() + "\n" + c))] = 1

    def broken(f):
        (f / "ex01_sigmoid_derivative.py").unlink()
        (f / "ex01_sigmoid_derivative.ipynb").write_text("{not json")
        (f / "ex05_l_layer.py").unlink()
        (f / "ex05_l_layer.py").symlink_to(folder / "correct" / "ex05_l_layer.py")

    def hostile(f):
        path = f / "ex02_output_delta.py"
        path.write_text(path.read_text() + "\n\ndef output_delta(A2, Y):\n    import os\n    os.kill(1, 9)\n")

    weights[submission("broken", broken)] = 1
    weights[submission("hostile", hostile)] = 1
    return weights


def make_class(tmp: Path, learners: int, seed: int = 15) -> Path:
    """The --json report of a synthetic class of learners, made from the pool's real reports."""
    weights = pool(tmp / "pool")
    graded = tmp / "pool.json"
    done = subprocess.run([BIN / "backprop", "grade", tmp / "pool", "--hidden", "--jobs", "2", "--json", graded],
                          cwd=tmp, env=environment(), capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"grading the pool failed: {done.stderr}")
    reports = {s["submission"]: s for s in json.loads(graded.read_text())["submissions"]}
    names = sorted(reports)
    rng = random.Random(seed)
    made = []
    for n in range(learners):
        exercises = []
        for i in range(len(reports["correct"]["exercises"])):
            source = rng.choices(names, weights=[weights[name] for name in names])[0]
            exercises.append(reports[source]["exercises"][i])
        made.append({"submission": f"learner{n:04d}", "score": round(sum(e["score"] for e in exercises), 6),
                     "max_score": round(sum(e["max_score"] for e in exercises), 6), "exercises": exercises,
                     "isolation": reports["correct"].get("isolation", "")})
    path = tmp / "grades.json"
    path.write_text(json.dumps({"submissions": made}), encoding="utf-8")
    return path


def measure(report: Path, out: Path, repeats: int) -> dict:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run([BIN / "backprop", "report", report.name, "--html", out], cwd=report.parent,
                              env=environment(), capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"backprop report failed: {done.stderr}")
    return {"seconds": statistics.median(times), "all": times, "bytes": out.stat().st_size,
            "json_bytes": report.stat().st_size}


def screenshot(page: Path, png: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import browser

    with browser.chromium(width=1100, height=1500) as driver:
        driver.get(page.resolve().as_uri())
        driver.save_screenshot(str(png))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--learners", type=int, default=1000, help="the class's size (default 1000)")
    p.add_argument("--repeats", type=int, default=3, help="timed runs of `backprop report` (default 3)")
    p.add_argument("--screenshot", metavar="PNG", help="also save a screenshot of the page's top")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backprop-class-report-") as tmp:
        tmp = Path(tmp)
        report = make_class(tmp, args.learners)
        measured = measure(report, tmp / "class.html", args.repeats)
        if args.screenshot:
            screenshot(tmp / "class.html", Path(args.screenshot))
    met = measured["seconds"] < GOAL_SECONDS and measured["bytes"] < GOAL_BYTES
    print(f"class report of {args.learners} submissions ({measured['json_bytes'] / 1e6:.1f} MB of JSON): "
          f"{measured['seconds']:.2f} s (runs: {', '.join(f'{t:.2f}' for t in measured['all'])}; goal < "
          f"{GOAL_SECONDS:g} s), {measured['bytes'] / 1e6:.2f} MB (goal < {GOAL_BYTES / 1e6:g} MB): "
          + ("met" if met else "NOT met"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
