"""Instructors' workflows with real files and processes: batch grading, release, Gradescope."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from autograder import catalog, report
from conftest import MISTAKE, ROOT, SCHEMA, backprop, correct, solution_code_lines

SECRET = "course-secret-for-tests-4f9a"

# Gradescope's results.json, as its documentation specifies the fields we write.
GRADESCOPE_SCHEMA = {
    "type": "object",
    "required": ["score", "tests"],
    "properties": {
        "score": {"type": "number"},
        "output": {"type": "string"},
        "visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        "stdout_visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
        **dict.fromkeys(("output_format", "test_output_format", "test_name_format"),
                        {"enum": ["text", "html", "simple_format", "md", "ansi"]}),
        "tests": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "score", "max_score", "output", "visibility"],
            "properties": {
                "name": {"type": "string"}, "score": {"type": "number"}, "max_score": {"type": "number"},
                "output": {"type": "string"},
                "visibility": {"enum": ["hidden", "after_due_date", "after_published", "visible"]},
            }}},
    },
}


def mistaken(folder):
    correct(folder)
    path = folder / "ex03_weight_gradients.py"
    path.write_text(path.read_text() + "\n" + MISTAKE)
    return folder


@pytest.fixture
def secret_env(monkeypatch):
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", SECRET)


def test_hidden_checks_need_a_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKPROP_COURSE_SECRET", raising=False)
    monkeypatch.chdir(tmp_path)
    done = backprop("grade", correct(tmp_path / "ada"), "--hidden")
    assert done.returncode == 2 and "BACKPROP_COURSE_SECRET" in done.stderr


def test_a_class_is_graded_into_csv_json_and_a_summary(tmp_path, secret_env):
    class_dir = tmp_path / "class"
    correct(class_dir / "ada")
    mistaken(class_dir / "bob")
    (class_dir / "cy").mkdir()  # handed in nothing
    (class_dir / "dee").mkdir()
    (class_dir / "dee" / "ex01_sigmoid_derivative.ipynb").write_text("{not json")
    done = backprop("grade", class_dir, "--hidden", "--jobs", "2", "--json", tmp_path / "r.json",
                    "--csv", tmp_path / "r.csv")
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    jsonschema.validate(report, SCHEMA)
    by_name = {s["submission"]: s for s in report["submissions"]}
    assert list(by_name) == ["ada", "bob", "cy", "dee"]
    assert by_name["ada"]["score"] == 100
    assert any(c["hidden"] for e in by_name["ada"]["exercises"] for c in e["checks"])
    bob_ex03 = next(e for e in by_name["bob"]["exercises"] if e["id"] == "ex03_weight_gradients")
    assert bob_ex03["status"] == "failed"
    assert {c["misconception"] for c in bob_ex03["checks"] if not c["passed"]} == {"ex03/dW-transposed"}
    assert by_name["bob"]["score"] == pytest.approx(85 + bob_ex03["score"])
    assert {e["status"] for e in by_name["cy"]["exercises"]} == {"missing"}
    dee = {e["id"]: e for e in by_name["dee"]["exercises"]}
    assert dee["ex01_sigmoid_derivative"]["status"] == "error"
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert [r["student"] for r in rows] == ["ada", "bob", "cy", "dee"]
    assert float(rows[0]["total"]) == 100 and float(rows[1]["ex03_weight_gradients"]) < 15
    assert "ex01_sigmoid_derivative: error (ex01_sigmoid_derivative.ipynb is not a readable notebook" \
        in rows[3]["notes"]  # the reason, as the JSON report gives it
    assert "ex03/dW-transposed (1)" in done.stdout  # the class summary's frequent mistakes


def test_the_command_the_nbgrader_steps_give_for_every_message_gives_them(tmp_path, secret_env):
    """instructors.md said `backprop grade submitted --hidden` gives every message: over nbgrader's
    submitted/ of two learners it prints the class summary alone."""
    page = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    command = re.search(r"`backprop\s+(grade\s+submitted\b[^`]*)`\s+gives you every message", page).group(1)
    correct(tmp_path / "submitted" / "ada" / "backprop")
    mistaken(tmp_path / "submitted" / "bob" / "backprop")
    done = backprop(*command.split(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = "".join(json.dumps(json.loads(path.read_text(encoding="utf-8"))) for path in tmp_path.glob("*.json"))
    reference = backprop("grade", "submitted", "--hidden", "--json", tmp_path / "all.json", cwd=tmp_path)
    assert reference.returncode == 0, reference.stderr
    messages = {c["message"] for s in json.loads((tmp_path / "all.json").read_text())["submissions"]
                for e in s["exercises"] for c in e["checks"] if not c["passed"]}
    assert len(messages) > 2 and all(m in done.stdout or json.dumps(m)[1:-1] in written for m in messages)


def test_a_release_refuses_a_spec_the_grader_would(tmp_path, monkeypatch):
    """A misspelt `hidden` released the case to learners as a public one: the release loads the specs first."""
    from autograder import bundle, paths, spec

    text = (paths.specs() / "ex03_weight_gradients.yaml").read_text(encoding="utf-8")
    for path in paths.specs().glob("*.yaml"):
        shutil.copy(path, tmp_path)
    mistyped = tmp_path / "ex03_weight_gradients.yaml"
    mistyped.write_text(text.replace("m: [7, 20]}\n    hidden: true", "m: [7, 20]}\n    hiden: true"), encoding="utf-8")
    monkeypatch.setattr(paths, "specs", lambda: tmp_path)
    spec.load.cache_clear()
    try:
        with pytest.raises(spec.SpecError, match="case 'hidden_one_unit' has the key 'hiden'"):
            bundle.release(tmp_path / "bundle")
    finally:
        spec.load.cache_clear()
    assert not (tmp_path / "bundle").exists()


def test_release_holds_no_solution_no_secret_and_installs(tmp_path, secret_env):
    made = backprop("release", "bundle", cwd=tmp_path)  # named as the docs do, no slash; a new folder
    assert made.returncode == 0
    out = tmp_path / "bundle"
    solution_code = solution_code_lines()
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text, path
            if path.suffix != ".md":  # the docs derive every formula: that is their purpose
                shown = {l.strip() for l in text.splitlines()} & solution_code
                assert not shown, f"{path} shows solution code: {sorted(shown)}"
            if path.suffix == ".yaml" and path.name != "exercises.yaml":
                cases = yaml.safe_load(text)["cases"].values()
                assert not any(case.get("hidden") for case in cases), path
    assert not (out / "solutions").exists()
    readme = (out / "README.md").read_text(encoding="utf-8")  # what a learner given the bundle reads first
    assert "backprop start" in readme and "pytest" not in readme  # no tests ship
    for link in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (out / link).is_file(), link  # CONTRIBUTING.md, say, is not in it
    target = tmp_path / "site"
    told = made.stdout.split("Learners install it with: pip install ")[1].split()  # the command it prints
    assert told == ["./bundle"]  # pip reads a bare name as a project on an index
    (out / "notes.py").write_text("a file of the instructor's, beside the package\n")
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target,
                          *told], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr
    assert {p.name for p in (target / "autograder" / "content").iterdir()} == {"exercises", "docs", "README.md",
                                                                                "pyproject.toml"}  # no notes.py
    work = correct(tmp_path / "work")
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-m", "autograder", "check", "ex03", "ex07"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    probe = subprocess.run([sys.executable, "-c", "import autograder; print(autograder.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True)
    assert probe.stdout.startswith(str(target))  # the release's copy ran, not the checkout's
    templates = ROOT / "autograder" / "templates"  # the texts the instructors' commands write, read at import
    assert {p.name for p in (target / "autograder" / "templates").iterdir()} == {p.name for p in templates.iterdir()}
    hidden = subprocess.run([sys.executable, "-m", "autograder", "grade", work, "--hidden"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=300)  # the secret is set: secret_env
    assert hidden.returncode == 2 and "This installation has no hidden checks" in hidden.stderr
    assert "Traceback" not in hidden.stderr and not hidden.stdout
    for command, out in (("gradescope", "autograder.zip"), ("prairielearn", "pl")):  # they would grade nothing
        made = subprocess.run([sys.executable, "-m", "autograder", command, tmp_path / out], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        assert made.returncode == 2 and "This installation has no hidden checks" in made.stderr, made.stderr
        assert not (tmp_path / out).exists()
    init = subprocess.run([sys.executable, "-m", "autograder", "nbgrader", "init", tmp_path / "course"], cwd=work,
                          env=env, capture_output=True, text=True, timeout=300)  # it needs solutions/
    assert init.returncode == 2 and "Run this in the checkout, installed with `pip install -e .`" in init.stderr
    again = tmp_path / "again"  # a release (or zip, or image) made from a copy installed without -e
    assert subprocess.run([sys.executable, "-m", "autograder", "release", again], cwd=work, env=env).returncode == 0
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", tmp_path / "site2",
                          again], capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr


def zipped_by_macos(folder):
    """An upload of a folder zipped by macOS: the files one folder down, __MACOSX beside it."""
    correct(folder / "backprop-work")
    (folder / "__MACOSX" / "backprop-work").mkdir(parents=True)
    return folder


def split_in_folders(folder):
    """An upload of two folders (v1/ holds part of the files, v2/ the rest), an old copy
    deeper down and a folder of the learner's own notes: still one submission."""
    correct(folder / "v1")
    for path in sorted((folder / "v1").glob("ex0[4-7]*")):
        (folder / "v2").mkdir(exist_ok=True)
        path.rename(folder / "v2" / path.name)
    (folder / "v1" / "old").mkdir()
    (folder / "v1" / "old" / "ex03_weight_gradients.py").write_text("an old attempt (\n")
    (folder / "notes").mkdir()
    (folder / "notes" / "todo.txt").write_text("ask about 1/m\n")
    return folder


def test_grade_gradescope_of_a_class_holds_each_submissions_results(tmp_path):
    """One submission's --gradescope file is its results.json; a class's is {"submissions": [...]},
    each submission's results.json under its name, as --json holds each report."""
    correct(tmp_path / "class" / "ada")
    (tmp_path / "class" / "bob").mkdir()
    done = backprop("grade", tmp_path / "class", "--gradescope", tmp_path / "class.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "class.json").read_text())
    assert list(data) == ["submissions"] and [s["submission"] for s in data["submissions"]] == ["ada", "bob"]
    for item in data["submissions"]:
        assert list(item) == ["submission", "results"]
        jsonschema.validate(item["results"], GRADESCOPE_SCHEMA)
    assert data["submissions"][0]["results"]["score"] == 100 and data["submissions"][1]["results"]["score"] == 0
    done = backprop("grade", tmp_path / "class" / "ada", "--gradescope", tmp_path / "ada.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "ada.json").read_text()) == data["submissions"][0]["results"]

def test_gradescope_shows_a_learner_no_total_of_hidden_checks_before_publication():
    """Gradescope keeps after_published tests, and with them the total, from a learner until the
    grades are published; the results' visible output said "5 of 7 points" at once, telling a
    learner who passed the public checks how the hidden ones went."""
    from autograder.render import gradescope
    from autograder.report import CheckResult, ExerciseResult, SubmissionResult

    checks = (CheckResult("dW has the shape of W", "weight_gradients", True, False, 3.0, 3.0, "ok"),
              CheckResult("dW on a hidden case", "weight_gradients", False, True, 0.0, 2.0, "wrong"),
              CheckResult("db on a hidden case", "weight_gradients", True, True, 2.0, 2.0, "ok"))
    results = gradescope([SubmissionResult("ada", (ExerciseResult("ex03_weight_gradients", 5.0, 7.0, "failed",
                                                                  checks),))])
    assert results["score"] == 5.0 and results["visibility"] == "visible"
    assert re.findall(r"\d+", results["output"]) == ["3", "3", "4"], results["output"]  # shown now; hidden's points
    assert "published" in results["output"]
    assert "hidden checks, worth 4," in results["output"]  # what they are worth, not points already earned
    # Gradescope's default, simple_format, renders text as HTML: the indented lines of a message
    # (the first differing entry) lose their layout, and a learner's "<b>" in an exception is markup.
    assert {results[k] for k in ("output_format", "test_output_format", "test_name_format")} == {"text"}
    assert results["stdout_visibility"] == "hidden"  # the output only staff see (docs/instructors.md)
    assert [t["visibility"] for t in results["tests"]] == ["visible", "after_published", "after_published"]


@pytest.mark.parametrize("make, full", [(correct, True), (mistaken, False), (zipped_by_macos, True),
                                        (split_in_folders, True)])
def test_gradescope_bundle_grades_a_submission(tmp_path, secret_env, make, full):
    bundle = tmp_path / "autograder.zip"
    assert backprop("gradescope", bundle).returncode == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
        modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
    assert modes["run_autograder"] & 0o111 and modes["setup.sh"] & 0o111
    assert not any(name.startswith("package/solutions") for name in modes)
    make(root / "submission")
    env = {**os.environ, "BACKPROP_AUTOGRADER_ROOT": str(root), "BACKPROP_PYTHON": sys.executable}
    env.pop("BACKPROP_COURSE_SECRET")  # the bundle must carry its own
    done = subprocess.run(["bash", root / "source" / "run_autograder"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, GRADESCOPE_SCHEMA)
    assert any(t["visibility"] == "after_published" for t in results["tests"])
    if full:
        assert results["score"] == 100
    else:
        failed = [t for t in results["tests"] if t["score"] < t["max_score"]]
        assert failed and all(t["name"].startswith("ex03") for t in failed)
        assert all("ex03/dW-transposed" in t["output"] for t in failed)
        # a hidden check's inputs are the whole class's: learners read its verdict, staff its message
        hidden = [t for t in failed if t["visibility"] == "after_published"]
        assert hidden and all(t["output"].startswith(report.HIDDEN_MESSAGE) for t in hidden)
        assert all(f"FAIL {t['name'].split(': ', 1)[1]}" in done.stdout for t in hidden), done.stdout


def test_gradescope_run_autograder_run_in_the_upload_runs_the_grader_not_the_upload(tmp_path, secret_env):
    """Gradescope does not say which folder it runs run_autograder in. Run in the learner's upload,
    `python -m autograder` put that folder first on sys.path: the upload's own autograder/ package
    ran instead of the grader, unconfined, and wrote a results.json of full marks."""
    bundle = tmp_path / "autograder.zip"
    assert backprop("gradescope", bundle).returncode == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    upload = tmp_path / "autograder" / "submission"
    (upload / "autograder").mkdir(parents=True)
    (upload / "autograder" / "__init__.py").write_text("")
    target = str(root / "results" / "results.json")
    (upload / "autograder" / "__main__.py").write_text(
        f"import json\njson.dump({{'score': 100, 'tests': []}}, open({target!r}, 'w'))\n")
    env = {**os.environ, "BACKPROP_AUTOGRADER_ROOT": str(root), "BACKPROP_PYTHON": sys.executable}
    env.pop("BACKPROP_COURSE_SECRET")
    done = subprocess.run(["bash", root / "source" / "run_autograder"], cwd=upload, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == 0 and results["tests"], results


def test_gradescope_run_autograder_killed_leaves_no_grader_running(tmp_path, secret_env):
    """Gradescope ends run_autograder when its time is up: the grader and its workers end with
    it (bash ran the grader as a child, which went on grading after a SIGKILL of the script)."""
    bundle = tmp_path / "autograder.zip"
    assert backprop("gradescope", bundle).returncode == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    path = correct(root / "submission") / "ex03_weight_gradients.py"
    path.write_text(path.read_text() + "\ndef weight_gradients(dZ, A_prev):\n    while True:\n        pass\n")
    env = {**os.environ, "BACKPROP_AUTOGRADER_ROOT": str(root), "BACKPROP_PYTHON": sys.executable,
           "TMPDIR": str(tmp_path)}  # a killed grader leaves its copy of the upload there, not in /tmp
    env.pop("BACKPROP_COURSE_SECRET")
    watch = subprocess.run([sys.executable, ROOT / "tests" / "reaper.py", tmp_path / "reaped.json", "--kill-when",
                            root / "results", "--after", "2", "--", "bash", root / "source" / "run_autograder"],
                           env=env, capture_output=True, text=True, timeout=300)
    assert watch.returncode == 0, watch.stderr
    assert json.loads((tmp_path / "reaped.json").read_text())["left"] == []
    assert not (root / "results" / "results.json").exists()  # killed before it finished: no report


def test_gradescope_setup_installs_into_a_fresh_venv_that_grades(tmp_path, secret_env):
    """setup.sh as Gradescope runs it, but making a new venv from this Python instead of
    installing the system's: the package it installs, not the checkout, then grades."""
    bundle = tmp_path / "autograder.zip"
    assert backprop("gradescope", bundle).returncode == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    venv = tmp_path / "venv"
    env = {**os.environ, "BACKPROP_SETUP_PYTHON": sys.executable, "BACKPROP_VENV": str(venv)}
    env.pop("PYTHONPATH", None)
    setup = subprocess.run(["bash", root / "source" / "setup.sh"], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=900)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    python = venv / "bin" / "python"
    where = subprocess.run([python, "-c", "import autograder; print(autograder.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    correct(root / "submission")
    env = {**env, "BACKPROP_AUTOGRADER_ROOT": str(root), "BACKPROP_PYTHON": str(python)}
    env.pop("BACKPROP_COURSE_SECRET")  # the bundle carries its own
    done = subprocess.run(["bash", root / "source" / "run_autograder"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, GRADESCOPE_SCHEMA)
    assert results["score"] == 100 and any(t["visibility"] == "after_published" for t in results["tests"])


def test_course_secret_changes_hidden_inputs_only():
    from autograder import spec

    cases = spec.load("ex03_weight_gradients").cases
    public, hidden = cases["generic"], cases["hidden_random"]
    assert spec.seed("ex03_weight_gradients", public, "a") == spec.seed("ex03_weight_gradients", public, "b")
    assert spec.seed("ex03_weight_gradients", hidden, "a") != spec.seed("ex03_weight_gradients", hidden, "b")


def test_every_exercise_has_hidden_checks():
    from autograder import spec

    for e in catalog.EXERCISES:
        assert spec.load(e.id).selected("hidden"), e.id


def test_hidden_seeds_are_an_hmac_keyed_by_the_secret():
    """A seed that leaks is no unsalted hash of the secret, to be matched against guesses."""
    import hashlib
    import hmac

    from autograder import spec

    case = spec.load("ex03_weight_gradients").cases["hidden_random"]
    seed = spec.seed("ex03_weight_gradients", case, SECRET)
    unsalted = hashlib.sha256(f"ex03_weight_gradients/hidden_random/{SECRET}".encode()).digest()
    keyed = hmac.new(SECRET.encode(), b"ex03_weight_gradients/hidden_random", hashlib.sha256).digest()
    assert seed != int.from_bytes(unsalted[:8], "little")
    assert seed == int.from_bytes(keyed[:8], "little")


def _submitted(tmp_path):
    """nbgrader's tree, submitted/<student>/<assignment>/, ada with both parts' assignments."""
    root = tmp_path / "submitted"
    correct(root / "ada" / "backprop")
    correct(root / "ada" / "backprop-2", part=2)
    mistaken(root / "bob" / "backprop")
    (root / "bob" / "__MACOSX").mkdir()  # what macOS adds to a folder it zips
    return root


def test_an_upload_deeper_than_python_recurses_is_graded(tmp_path):
    """os.walk recurses a folder at a time: an upload 1,100 folders deep made `grade --upload`
    end in a RecursionError, and its learner got no grade."""
    upload = correct(tmp_path / "upload" / "work")
    folder = os.open(upload, os.O_RDONLY)
    for _ in range(1100):  # by descriptor: the whole path is longer than a system call takes
        os.mkdir("a", dir_fd=folder)
        folder, above = os.open("a", os.O_RDONLY, dir_fd=folder), folder
        os.close(above)
    os.close(folder)
    try:
        done = backprop("grade", "--upload", tmp_path / "upload", "--json", tmp_path / "report.json")
        assert done.returncode == 0, done.stderr
        assert json.loads((tmp_path / "report.json").read_text())["score"] == 100
    finally:
        subprocess.run(["rm", "-rf", upload / "a"], check=True)  # shutil.rmtree, pytest's, recurses too


def test_an_upload_names_the_archive_and_the_notebook_it_did_not_read(tmp_path):
    """On Gradescope, an upload of Coursera's notebook or of a .tar.gz had every exercise
    missing "here", saying nothing of them, where a class folder's grading names both."""
    (tmp_path / "upload" / "work").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "ex05_l_layer.ipynb", tmp_path / "upload" / "work" / "Step_by_Step_v8a.ipynb")
    shutil.make_archive(tmp_path / "upload" / "backprop-work", "gztar", correct(tmp_path / "work"))
    done = backprop("grade", "--upload", tmp_path / "upload", "--json", tmp_path / "report.json")
    assert done.returncode == 0, done.stderr
    ex05 = json.loads((tmp_path / "report.json").read_text())["exercises"][4]
    assert ex05["status"] == "missing" and "backprop-work.tar.gz is not opened" in ex05["message"]
    assert "Step_by_Step_v8a.ipynb is not read: only files named as the exercises are" in ex05["message"]


def test_an_upload_names_the_py_files_it_did_not_read(tmp_path):
    """On Gradescope, an upload of ex03.py, or of hidden_delta.py, had its exercise missing "here" and nothing
    more, where a class folder's grading tells the learner the name to give it."""
    (tmp_path / "upload" / "hw").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", tmp_path / "upload" / "hw" / "ex03.py")
    shutil.copy(ROOT / "solutions" / "ex04_hidden_delta.py", tmp_path / "upload" / "hidden_delta.py")
    done = backprop("grade", "--upload", tmp_path / "upload", "--json", tmp_path / "report.json")
    assert done.returncode == 0, done.stderr
    ex03, ex04 = json.loads((tmp_path / "report.json").read_text())["exercises"][2:4]
    assert ex03["status"] == "missing"
    assert "(ex03.py is not read: only files named as the exercises are" in ex03["message"]
    assert "hidden_delta.py is not read: it is named after hidden_delta, which ex04_hidden_delta asks for; name it " \
           "ex04_hidden_delta.py" in ex04["message"]


def test_an_upload_named_in_another_code_page_gets_a_results_json_of_unicode_text(tmp_path):
    """A zip made where names are not UTF-8 (Windows' code pages) unpacks its names' bytes as they are,
    which Python holds as lone surrogates: Gradescope's results.json said them as escapes (\\udcdc) of
    no Unicode character (jq read U+FFFD, JavaScript a string not well formed). They are ? there, as in
    the CSV and PrairieLearn's results."""
    upload = correct(tmp_path / "upload")
    (upload / "ex03_weight_gradients.py").unlink()
    Path(os.fsdecode(bytes(upload) + b"/\xdcbung.zip")).write_bytes(b"")  # "Übung.zip" in code page 1252
    done = backprop("grade", "--upload", upload, "--gradescope", tmp_path / "results.json")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert "?bung.zip is not opened" in text and "\\ud" not in text
    jsonschema.validate(json.loads(text), GRADESCOPE_SCHEMA)


def test_a_fifo_in_an_upload_is_an_error_of_its_exercise_not_of_the_upload(tmp_path):
    """A named pipe named as an exercise (mkfifo in a tar) stopped `grade --upload` with
    "Error: ... is a named pipe", grading nothing; it is refused as a link is, never opened."""
    upload = correct(tmp_path / "upload" / "work")
    (upload / "ex03_weight_gradients.py").unlink()
    os.mkfifo(upload / "ex03_weight_gradients.py")
    os.mkfifo(tmp_path / "upload" / "ex04_hidden_delta.py")  # beside work/'s own: that one is graded
    done = backprop("grade", "--upload", tmp_path / "upload", "--json", tmp_path / "report.json")
    assert done.returncode == 0, done.stderr
    graded = {e["id"]: e for e in json.loads((tmp_path / "report.json").read_text())["exercises"]}
    ex03 = graded["ex03_weight_gradients"]
    assert ex03["status"] == "error" and "ex03_weight_gradients.py is not a regular file" in ex03["message"]
    assert graded["ex04_hidden_delta"]["status"] == graded["ex05_l_layer"]["status"] == "passed"


def test_an_upload_of_part_2_files_a_browser_renamed_is_graded_on_part_2(tmp_path):
    """A browser's download of ex08 (1).py is graded as ex08, but the batch found the parts an
    upload holds by the exact names: a part 2 upload so named scored 0, its part 1 missing."""
    upload = tmp_path / "upload" / "work"
    for path in correct(tmp_path / "work", part=2).iterdir():
        upload.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, upload / f"{path.stem} (1){path.suffix}")
    done = backprop("grade", "--upload", tmp_path / "upload", "--json", tmp_path / "report.json")
    assert done.returncode == 0, done.stderr
    graded = json.loads((tmp_path / "report.json").read_text())
    assert [e["id"] for e in graded["exercises"]] == [e.id for e in catalog.part(2)]
    assert graded["score"] == graded["max_score"] == 100


@pytest.mark.parametrize("work, stubs", [("a", "b"), ("b", "a")])
def test_an_upload_of_a_whole_checkout_grades_the_copy_worked_in(tmp_path, work, stubs):
    """A learner zips their whole checkout: the exercises' stubs beside their own folder, at
    the same depth. The copy the folder listing met first was graded: the stub, at 0, in one
    of these two orders."""
    from autograder import batch, paths

    name = "ex03_weight_gradients.py"
    upload = tmp_path / "upload"
    correct(upload / "checkout" / work)
    (upload / "checkout" / stubs).mkdir()
    shutil.copy(paths.content("exercises") / name, upload / "checkout" / stubs)
    newer, older = correct(upload / "checkout" / f"{work}2"), correct(upload / "checkout" / f"{stubs}2")
    os.utime(older / "ex04_hidden_delta.py", (1, 1))
    (newer / "ex04_hidden_delta.py").write_text("# the learner's latest\n")
    into = tmp_path / "gathered"
    into.mkdir()
    batch.gather(upload, into)
    assert (into / name).read_text() == (upload / "checkout" / work / name).read_text()
    assert (into / "ex04_hidden_delta.py").read_text() == "# the learner's latest\n"


def test_an_upload_grades_the_learners_work_over_a_shallower_stub(tmp_path):
    """A learner uploads the stubs they downloaded beside the folder they worked in: the
    shallowest copy was graded: the untouched stub, at 0, on Gradescope."""
    from autograder import batch, paths

    name = "ex03_weight_gradients.py"
    upload = tmp_path / "upload"
    work = correct(upload / "final")
    shutil.copy(paths.content("exercises") / name, upload)
    old = correct(upload / "final" / "old")  # an older copy, deeper, as worked in: the shallower is taken
    (old / name).write_text((old / name).read_text() + "\n# the old one\n")
    into = tmp_path / "gathered"
    into.mkdir()
    batch.gather(upload, into)
    assert (into / name).read_text() == (work / name).read_text()


def test_an_upload_grades_the_notebook_worked_in_over_a_shallower_stub(tmp_path):
    """The stubs an upload's notebook has left were counted in its JSON, where a stub's quotes
    are escaped and never match: every notebook counted as worked in, the stub's too."""
    from autograder import batch, paths

    name = "ex03_weight_gradients.ipynb"
    upload = tmp_path / "upload"
    (upload / "work").mkdir(parents=True)
    shutil.copy(paths.content("exercises") / name, upload)
    code = (ROOT / "solutions" / "ex03_weight_gradients.py").read_text()
    worked = {"cells": [{"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (upload / "work" / name).write_text(json.dumps(worked))
    into = tmp_path / "gathered"
    into.mkdir()
    batch.gather(upload, into)
    assert json.loads((into / name).read_text()) == worked


def test_folders_are_found_as_nbgrader_and_uploads_nest_them(tmp_path):
    from autograder import batch

    root = _submitted(tmp_path)
    assert [label for label, _ in batch.discover([root])] == ["ada/backprop", "ada/backprop-2", "bob/backprop"]
    by_assignment = batch.discover(sorted(root.glob("*/backprop")))  # the same name: told apart by the student
    assert by_assignment == [("ada/backprop", root / "ada" / "backprop"), ("bob/backprop", root / "bob" / "backprop")]
    assert batch.discover([root / "bob"]) == [("bob/backprop", root / "bob" / "backprop")]  # an upload in a folder
    # one learner's assignment regraded alone, as docs/instructors.md's submitted/*/backprop: their row, not "backprop"
    assert batch.discover([root / "bob" / "backprop"]) == [("bob/backprop", root / "bob" / "backprop")]
    assert batch.discover([root / "bob", root / "bob" / "backprop"]) == batch.discover([root / "bob"])  # once
    correct(tmp_path / "class" / "ada")
    (tmp_path / "class" / "cy").mkdir()  # one learner of two handed in files: still a class of two
    assert [label for label, _ in batch.discover([tmp_path / "class"])] == ["ada", "cy"]


def test_two_students_of_one_name_are_two_rows(tmp_path, secret_env):
    correct(tmp_path / "section-a" / "ada")
    (tmp_path / "section-b" / "ada").mkdir(parents=True)
    done = backprop("grade", tmp_path / "section-a" / "ada", tmp_path / "section-b" / "ada", "--hidden",
                    "--csv", tmp_path / "r.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = {r["student"]: float(r["total"]) for r in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8-sig"))}
    assert rows == {"section-a/ada": 100, "section-b/ada": 0}
    assert not (tmp_path / ".backprop-grade").exists()  # each saved under its own label, then written


def test_a_class_folder_with_stray_exercise_files_is_refused_not_graded_as_one(tmp_path, secret_env):
    class_dir = tmp_path / "class"
    correct(class_dir / "ada")
    (class_dir / "ex01_sigmoid_derivative.py").write_text("# left here by mistake\n")
    done = backprop("grade", class_dir, "--hidden", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "holds exercise files of its own and folders that hold them (ada)" in done.stderr


def test_an_empty_folder_is_no_submission_but_an_empty_learner_is_a_row_at_0(tmp_path):
    """`grade` of a folder holding nothing was a submission graded 0; an empty folder in a
    class's is a learner who handed in nothing, the gradebook's row at 0."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".DS_Store").write_text("")  # what a Mac leaves in a folder it showed
    (tmp_path / "empty" / "__MACOSX").mkdir()  # and in a zip it made, unpacked: once a submission at 0
    (tmp_path / "empty" / "__MACOSX" / "._ex01_sigmoid_derivative.py").write_bytes(b"\0\5\x16\7")
    done = backprop("grade", tmp_path / "empty", "--csv", tmp_path / "r.csv", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr and not (tmp_path / "r.csv").exists()
    assert done.stderr == f"Error: {tmp_path / 'empty'} holds no files: nothing to grade.\n"
    (tmp_path / "class" / "cy").mkdir(parents=True)
    done = backprop("grade", tmp_path / "class", "--csv", tmp_path / "r.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert {r["student"]: float(r["total"]) for r in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8-sig"))} == {"cy": 0}


def test_a_canvas_download_is_refused_saying_how_to_lay_it_out(tmp_path):
    """Canvas's "Download submissions" is one flat folder, each file's name prefixed with its
    learner's: once graded as a single learner who handed in nothing, without a word."""
    canvas = tmp_path / "submissions"
    canvas.mkdir()
    for name in ("smithjohn_12345_67890_ex03_weight_gradients.py", "doejane_late_23456_78901_ex02_output_delta-1.py"):
        (canvas / name).write_text("import numpy as np\n")
    done = backprop("grade", canvas, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "holds no exercise files but files named as an LMS (Canvas, Blackboard, Moodle, Google Classroom) names a " \
           "class's, each with its learner's name (doejane_late_23456_78901_ex02_output_delta-1.py, " \
           "smithjohn_12345_67890_ex03_weight_gradients.py): put each learner's in a folder of their own" in done.stderr


def test_an_lms_download_of_files_named_by_the_exercise_number_is_refused_too(tmp_path):
    """Lastname_Firstname_12345_ex03_backprop.py, a learner's ex03_backprop.py as the LMS names
    it, was not taken for an LMS's name: the whole class was one learner, 0, every exercise missing."""
    from autograder import batch

    for name in ("Lovelace_Ada_12345_ex03_backprop.py", "Babbage_Charles_23456_ex01.ipynb"):
        (tmp_path / name).write_text("import numpy as np\n")
    with pytest.raises(batch.FolderError, match="names a class's, each with its learner's name.*Babbage_Charles"):
        batch.discover([tmp_path])


@pytest.mark.parametrize("names", [
    ("smithjohn_12345_67890_backprop.zip", "doejane_LATE_23456_78901_homework.ipynb"),  # Canvas, learners' own names
    ("A1_jsmith_attempt_2024-03-01-10-20-30.txt", "A1_jsmith_attempt_2024-03-01-10-20-30_backprop.py"),  # Blackboard
    ("Ada Lovelace_123456_assignsubmission_file_backprop.zip",),  # Moodle's download not in folders
    ("Ada Lovelace - ex03_weight_gradients.ipynb", "Bob Brown - ex03_weight_gradients.ipynb")])  # Google Classroom
def test_a_flat_lms_download_of_files_named_as_learners_like_is_refused(tmp_path, names):
    """A Canvas download of zips or notebooks the learners named as they liked (no exercise number
    in them), a Blackboard one, Moodle's unfoldered or Google Classroom's "Name - file" were
    graded as one learner, the folder, at 0 with "unpack it here": the class had no rows."""
    from autograder import batch

    for name in names:
        (tmp_path / name).write_text("import numpy as np\n")
    said = f"names a class's, each with its learner's name \\({re.escape(min(names))}"
    with pytest.raises(batch.FolderError, match=said):
        batch.discover([tmp_path])


def test_a_class_folder_beside_a_file_of_the_instructors_own_is_graded(tmp_path):
    """A class folder holding the instructor's grades_2024_10_final.csv is not an LMS's download."""
    from autograder import batch

    correct(tmp_path / "ada")
    correct(tmp_path / "bob")
    (tmp_path / "grades_2024_10_final.csv").write_text("student,total\n")
    assert [label for label, _ in batch.discover([tmp_path])] == ["ada", "bob"]


def test_an_archive_beside_learners_folders_is_refused_not_left_without_a_row(tmp_path):
    """A class folder holding bob.zip beside ada/ and cy/ was graded as ada and cy: bob had no
    row in the CSV, and nothing said so."""
    from autograder import batch

    for name in ("ada", "cy"):
        correct(tmp_path / "class" / name)
    (tmp_path / "class" / "bob.zip").write_bytes(b"PK\5\6" + bytes(18))  # an empty zip
    with pytest.raises(batch.FolderError, match="holds learners' folders and bob.zip, which grading does not read"):
        batch.discover([tmp_path / "class"])
    (tmp_path / "class" / "bob.zip").unlink()
    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", tmp_path / "class" / "Lovelace_Dee_123_ex03_backprop.py")
    with pytest.raises(batch.FolderError, match="holds learners' folders and Lovelace_Dee_123_ex03_backprop.py, which"):
        batch.discover([tmp_path / "class"])
    (tmp_path / "class" / "Lovelace_Dee_123_ex03_backprop.py").unlink()
    for folder in ("bob.zip", "Lovelace_Dee_123_ex03_backprop.py"):  # learners' folders so named, an archive unpacked
        correct(tmp_path / "class" / folder)
    assert [label for label, _ in batch.discover([tmp_path / "class"])] == [
        "Lovelace_Dee_123_ex03_backprop.py", "ada", "bob.zip", "cy"]


def test_an_archive_beside_one_learners_folder_is_refused_not_graded_as_that_learner(tmp_path):
    """A class of ada/ and bob.zip was graded as one submission, ada's (her folder taken for an
    upload zipped with its folder): bob had no row, and nothing said so. An archive named as
    the folder beside it is that folder zipped (ada/backprop/ and backprop.zip): no one is left out."""
    from autograder import batch

    correct(tmp_path / "class" / "ada")
    (tmp_path / "class" / "bob.zip").write_bytes(b"PK\5\6" + bytes(18))  # an empty zip
    with pytest.raises(batch.FolderError, match="holds learners' folders and bob.zip, which grading does not read"):
        batch.discover([tmp_path / "class"])
    (tmp_path / "class" / "bob.zip").rename(tmp_path / "class" / "ada.zip")
    assert [label for label, _ in batch.discover([tmp_path / "class"])] == ["class/ada"]
    (tmp_path / "class" / "bob").mkdir()  # bob's folder holds nothing, his work is in bob.zip
    (tmp_path / "class" / "ada.zip").rename(tmp_path / "class" / "bob.zip")
    with pytest.raises(batch.FolderError, match="holds learners' folders and bob.zip, which grading does not read"):
        batch.discover([tmp_path / "class"])


def test_a_moodle_download_is_a_row_a_learner_their_online_text_passed_over(tmp_path):
    """Moodle's "Download all submissions" puts a learner's online text in a folder beside
    the folder of their files: it was a second row, empty, scoring 0."""
    from autograder import batch

    moodle = tmp_path / "moodle"
    correct(moodle / "Ada Lovelace_123456_assignsubmission_file_")
    for name in ("Ada Lovelace_123456", "Cy Young_234567"):  # Cy wrote online text alone: a row, with nothing
        (moodle / f"{name}_assignsubmission_onlinetext_").mkdir(parents=True)
        (moodle / f"{name}_assignsubmission_onlinetext_" / "onlinetext.html").write_text("<p>Done.</p>")
    correct(moodle / "Ada Lovelace_345678_assignsubmission_file_")  # another Ada: her participant id tells her apart
    assert [label for label, _ in batch.discover([moodle])] == [  # as an instructor reads them, the id kept
        "Ada Lovelace (123456)", "Ada Lovelace (345678)", "Cy Young (234567)"]
    section = tmp_path / "section-a" / "Ada Lovelace_123456_assignsubmission_file_"
    assert batch.discover([moodle, correct(section).parent])[-1][0] == "section-a/Ada Lovelace (123456)"


def test_a_learners_name_stored_decomposed_is_labelled_composed(tmp_path):
    """macOS and its zips store "José" decomposed, "Jose" and a combining accent: the CSV's and the JSON's
    rows so named matched no name typed into an LMS (Canvas, Moodle), which is composed (NFC)."""
    decomposed = "Jose\u0301 Garci\u0301a"
    correct(tmp_path / "class" / decomposed)
    correct(tmp_path / "class" / "Ada")
    assert {p.name for p in (tmp_path / "class").iterdir()} == {decomposed, "Ada"}  # the file system kept it so
    done = backprop("grade", tmp_path / "class", "--json", tmp_path / "r.json", "--csv", tmp_path / "r.csv",
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [row[0] for row in csv.reader((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines())]
    named = [s["submission"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]]
    assert sorted(rows[1:]) == sorted(named) == ["Ada", "Jos\u00e9 Garc\u00eda"]


def test_a_folder_named_as_another_moodle_row_reads_is_a_row_of_its_own(tmp_path):
    """Beside Moodle's folder of Ada's files, one named "Ada Lovelace (123456)", as that folder's row reads
    (a late submission added by hand, or Ada's online text holding an exercise file): both rows were
    "Ada Lovelace (123456)", and both got the result graded last, the stubs' row 100 of 100."""
    moodle = tmp_path / "moodle"
    correct(moodle / "Ada Lovelace_123456_assignsubmission_file_")
    late = moodle / "Ada Lovelace (123456)"
    late.mkdir()
    for stub in (ROOT / "exercises").glob("ex0[1-7]*.py"):
        (late / stub.name).write_text(stub.read_text())
    done = backprop("grade", moodle, "--json", tmp_path / "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    scores = {s["submission"]: s["score"] for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert scores == {"Ada Lovelace (123456)": 0, "Ada Lovelace_123456_assignsubmission_file_": 100}


def test_a_gradescope_export_labels_each_row_with_its_students_names(tmp_path):
    """Gradescope's "Export Submissions" names a folder a submission, submission_<id>, and lists
    each one's students in submission_metadata.yml: a row named by the id alone is no one's."""
    from autograder import batch

    export = tmp_path / "assignment_123_export"
    correct(export / "submission_111")
    correct(export / "submission_222" / "backprop-work")  # an upload zipped with its folder
    (export / "submission_333").mkdir()
    (export / "submission_metadata.yml").write_text(
        "submission_111:\n  :submitters:\n  - :name: Ada Lovelace\n    :sid: '1'\n    :email: ada@example.edu\n"
        "  :created_at: 2026-11-30 12:00:00.000000000 -08:00\n  :score: 100.0\n"
        "submission_222:\n  :submitters:\n  - :name: Bob Ng\n    :sid: '2'\n  - :name: Cy Young\n    :sid: '3'\n")
    assert [label for label, _ in batch.discover([export])] == [
        "Ada Lovelace (submission_111)", "Bob Ng, Cy Young (submission_222/backprop-work)", "submission_333"]
    said = f"Rows named by {export / 'submission_metadata.yml'}, as a Gradescope export names them."
    assert said in backprop("grade", export, "--jobs", "1", cwd=tmp_path).stderr  # a learner's copy is told too
    (export / "submission_metadata.yml").write_text("submission_111: [not, a, record]\n")  # not Gradescope's
    assert [label for label, _ in batch.discover([export])][0] == "submission_111"
    assert "Rows named by" not in backprop("grade", export, "--jobs", "1", cwd=tmp_path).stderr


def test_a_learners_own_gradescope_metadata_names_no_row(tmp_path):
    """Learners' folders named one by one (`grade submissions/*`): one of them holds a
    submission_metadata.yml naming its own folder (".") and a classmate's (by its absolute path),
    which named both rows, swapped. Only the folders inside the folder that holds the file are named."""
    from autograder import batch

    ada, bob = correct(tmp_path / "ada"), correct(tmp_path / "bob")
    (ada / "submission_metadata.yml").write_text(
        '".":\n  ":submitters":\n  - ":name": Bob Ng\n'
        f'"{bob}":\n  ":submitters":\n  - ":name": Ada Lovelace\n')
    assert [label for label, _ in batch.discover([ada, bob])] == ["ada", "bob"]


def test_the_metadata_files_path_is_shown_without_its_folders_escapes(tmp_path):
    """`grade submissions/*` names each learner's folder, whose name the learner chose: the line that says which
    submission_metadata.yml named the rows printed it with its escape sequences (a title set, the screen cleared)."""
    ada = correct(tmp_path / "ada\x1b]0;pwned\x07\x1b[2J")
    (ada / "submission_1").mkdir()
    (ada / "submission_metadata.yml").write_text("submission_1:\n  :submitters:\n  - :name: Bob Ng\n")
    done = backprop("grade", ada, "--jobs", "1", cwd=tmp_path)
    assert "Rows named by" in done.stderr and "\x1b" not in done.stderr and "\x07" not in done.stderr, done.stderr


@pytest.mark.parametrize("kind", ["fifo", "link", "large"])
def test_a_learners_metadata_that_is_not_a_regular_file_of_a_sane_size_is_not_read(tmp_path, kind):
    """A learner's folder graded alone (`grade submissions/*`) may hold a submission_metadata.yml of any kind: a FIFO
    so named blocked the grader for good before anyone was graded, a link to /dev/zero took all its memory, and YAML
    of any size took its time. None is read, as a submission's own files are not."""
    ada = correct(tmp_path / "ada")
    (ada / "submission_1").mkdir()
    named = "submission_1:\n  :submitters:\n  - :name: Bob Ng\n"  # what would name a row
    metadata = ada / "submission_metadata.yml"
    if kind == "fifo":
        os.mkfifo(metadata)
    elif kind == "link":
        (tmp_path / "export.yml").write_text(named)
        metadata.symlink_to(tmp_path / "export.yml")
    else:
        metadata.write_text(named + "#" * 4 * 2**20 + "\n")
    done = backprop("grade", ada, "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0 and "Rows named by" not in done.stderr, done.stderr


def test_a_gradescope_export_whose_metadata_would_exhaust_the_grader_labels_by_folder(tmp_path):
    """Metadata nested past the YAML reader's recursion (RecursionError escaped), or whose names are
    aliases of lists of aliases: 366 bytes made 39 M characters of a name, 9 levels would take
    gigabytes; or one name repeated by aliases (1 MB, a megabyte's name 1,000 times, took 8 GB and
    87 s, and wrote a 1 GB CSV); or merge keys (<<), which copy the mapping merged at each use; or a scalar
    PyYAML raises ValueError on (a month 13, an int of 5,000 digits), which stopped `grade`. None is
    Gradescope's, and its rows are labelled by their folders."""
    from autograder import batch

    export = tmp_path / "export"
    correct(export / "submission_111")
    aliases = ['&x0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
        f"&x{i} [{', '.join([f'*x{i - 1}'] * 9)}]" for i in range(1, 9)]
    for text in ["a: " + "[" * 20_000 + "]" * 20_000 + "\n",
                 f'submission_111:\n  ":submitters":\n    - ":name": [{", ".join(aliases)}]\n',
                 'submission_111:\n  ":submitters": [&n {":name": "' + "lol" * 1000 + '"}' + ", *n" * 2000 + "]\n",
                 'submission_111: {<<: {":submitters": [{":name": lol}]}}\n',  # 20,000 such rows: 82 s, 1.5 GB
                 'submission_111:\n  ":submitters": [{":name": 2001-13-45}]\n',
                 'submission_111:\n  ":submitters": [{":name": ' + "1" * 5000 + "}]\n"]:
        (export / "submission_metadata.yml").write_text(text)
        [(label, _)] = batch.discover([export])
        assert label.endswith("submission_111") and "lol" not in label


@pytest.mark.parametrize("text, said", [
    ("secret:\n", "The hidden checks need a course secret"),  # YAML's null, once read as the secret "None"
    ("secret: false\n", "The hidden checks need a course secret"),
    ("secret: [unclosed\n", "backprop-course.yaml cannot be read: while parsing a flow sequence"),
])
def test_a_course_file_without_a_usable_secret_is_refused(tmp_path, monkeypatch, text, said):
    monkeypatch.delenv("BACKPROP_COURSE_SECRET", raising=False)
    (tmp_path / "backprop-course.yaml").write_text(text)
    done = backprop("grade", correct(tmp_path / "ada"), "--hidden", cwd=tmp_path)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr


def test_the_course_file_is_readable_by_its_owner_only(tmp_path):
    from autograder import course

    assert course.write_config(tmp_path, "x" * 32).stat().st_mode & 0o777 == 0o600


def test_outputs_that_cannot_be_written_are_refused_before_grading(tmp_path, secret_env):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("")
    ada = correct(tmp_path / "ada")
    for option, target, said in (("--csv", "a-folder", "a-folder is a folder"),
                                 ("--json", "a-file/r.json", "a-file is a file, not a folder"),
                                 ("--jobs", "0", "'0' is not a whole number of 1 or more"),
                                 ("--timeout", "-1", "'-1' is not a number of seconds above 0"),
                                 ("--submission-timeout", "0", "'0' is not a number of seconds above 0")):
        done = backprop("grade", ada, "--hidden", "--html", tmp_path / "page.html", option, target, cwd=tmp_path)
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
        assert not (tmp_path / "page.html").exists() and not list(tmp_path.glob(".backprop-grade/*/*"))


def test_a_gradescope_bundle_for_machines_without_the_kernels_confinement_says_so(tmp_path, secret_env):
    for options, weak in (((), False), (("--weak-isolation",), True)):
        bundle = tmp_path / f"autograder-{weak}.zip"
        assert backprop("gradescope", bundle, *options).returncode == 0
        with zipfile.ZipFile(bundle) as z:
            assert ("--weak-isolation" in z.read("run_autograder").decode()) == weak


def test_a_part_that_no_submission_holds_is_warned_of(tmp_path):
    done = backprop("grade", correct(tmp_path / "ada"), "--part", "2", cwd=tmp_path)
    assert done.returncode == 0 and "no submission holds a file of part 2's exercises" in done.stderr


def test_an_audit_of_nothing_says_so(tmp_path, secret_env):
    missing = backprop("nbgrader", "audit", tmp_path / "no-course", "backprop")
    assert missing.returncode == 2 and "no-course is not a folder" in missing.stderr
    (tmp_path / "course" / "submitted" / "ada" / "backprop").mkdir(parents=True)
    misnamed = backprop("nbgrader", "audit", tmp_path / "course", "backprop-1")
    assert misnamed.returncode == 2 and "holds no submission of backprop-1" in misnamed.stderr


def test_a_folder_named_as_a_formula_is_text_in_the_csv(tmp_path):
    from autograder import render
    from autograder.report import SubmissionResult

    rows = list(csv.reader(render.csv_text([SubmissionResult("=cmd|' /C calc'!A1", ()),
                                            SubmissionResult("ada", ()),
                                            SubmissionResult("eve\u202edab", ()),  # shows as "bad...eve"
                                            SubmissionResult('eve\n"bob",100', ()),  # a row of its own
                                            SubmissionResult("  =1+1", ())]).splitlines()))
    assert [row[0] for row in rows[1:]] == ["'=cmd|' /C calc'!A1", "ada", "eve?dab", 'eve?"bob",100', "'  =1+1"]


def test_grades_csv_starts_with_a_byte_order_mark_for_excel(tmp_path):
    """Excel reads a CSV as the system's code page unless a byte-order mark says UTF-8: a
    Moodle folder such as José Núñez's showed as "JosÃ© NÃºÃ±ez". Python reads it with utf-8-sig."""
    name = "José Núñez_123_assignsubmission_file_"
    correct(tmp_path / "class" / name)
    (tmp_path / "class" / "ada").mkdir()
    done = backprop("grade", tmp_path / "class", "--csv", tmp_path / "grades.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "grades.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstudent,") and "José Núñez (123)".encode() in data
    assert [row["student"] for row in csv.DictReader((tmp_path / "grades.csv").open(encoding="utf-8-sig"))] == [
        "José Núñez (123)", "ada"]


def test_every_option_of_the_instructors_commands_is_in_their_docs():
    """`grade --gradescope`, which the Gradescope zip's run_autograder runs, was in --help but
    not in docs/instructors.md."""
    import argparse

    from autograder import cli

    doc = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")

    def options(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                yield from (names for sub in action.choices.values() for names in options(sub))
            elif action.option_strings and action.help not in (argparse.SUPPRESS, "show this help message and exit"):
                yield action.option_strings

    commands = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    undocumented = [names for command in ("grade", "report", "release", "gradescope", "prairielearn", "nbgrader")
                    for names in options(commands[command])
                    if not any(re.search(rf"(?<![\w-]){name}(?![\w-])", doc) for name in names)]
    assert undocumented == []


def test_a_learners_folder_name_reaches_the_terminal_inert(tmp_path):
    """A folder that holds a stray file and folders: the refusal names them, as characters."""
    class_dir = tmp_path / "ada"
    correct(class_dir)
    correct(class_dir / "v2\x1b]0;owned\x07\x1b[2J")
    done = backprop("grade", class_dir, cwd=tmp_path)
    assert done.returncode == 2 and "v2?]0;owned??[2J" in done.stderr and "\x1b" not in done.stderr


def test_submissions_of_different_parts_are_warned_of(tmp_path):
    correct(tmp_path / "class" / "ada")
    correct(tmp_path / "class" / "bob", part=None)  # both parts
    done = backprop("grade", tmp_path / "class", cwd=tmp_path)
    assert done.returncode == 0
    assert "hold files of different parts (1 of part 1, 1 of parts 1 and 2)" in done.stderr
    alone = backprop("grade", tmp_path / "class", "--part", "1", cwd=tmp_path)
    assert "different parts" not in alone.stderr


def test_a_class_that_did_part_1_in_backprop_starts_folder_is_graded_on_part_1(tmp_path):
    """`backprop start` copies every part's stubs: a class that handed in that folder with
    part 1 done was graded out of 200, part 2's untouched stubs counting as handed in."""
    from autograder import batch

    for name in ("ada", "bob"):
        assert backprop("start", tmp_path / "class" / name).returncode == 0
        correct(tmp_path / "class" / name)
    (tmp_path / "class" / "cy").mkdir()  # handed in nothing
    found = batch.discover([tmp_path / "class"])
    assert batch.parts_held(found) == ((1,), "")
    for path in (tmp_path / "class" / "bob").glob("ex10_*"):  # bob has begun part 2
        path.write_text(path.read_text().replace("raise NotImplementedError", "return None  #", 1))
    assert batch.parts_held(found) == ((1, 2), "1 of part 1, 1 of parts 1 and 2")
    stubs = [(label, folder) for label, folder in found if label == "cy"]
    shutil.copy(ROOT / "exercises" / "ex08_softmax_cross_entropy.ipynb", tmp_path / "class" / "cy")
    assert batch.parts_held(stubs) == ((2,), "")  # only stubs: their part, not part 1's


def test_the_csv_tells_a_zip_and_a_timeout_from_work_not_done(tmp_path):
    """A 0 in grades.csv said "missing" for a zip that was not opened, and nothing for a call
    that ran out of time: read alone, the CSV showed both as work not done or wrong."""
    ex03 = ROOT / "solutions" / "ex03_weight_gradients.py"
    (tmp_path / "class" / "erin").mkdir(parents=True)
    with zipfile.ZipFile(tmp_path / "class" / "erin" / "erin.zip", "w") as archive:
        archive.write(ex03, "erin/ex03_weight_gradients.py")
    (tmp_path / "class" / "mia").mkdir()
    (tmp_path / "class" / "mia" / ex03.name).write_text(
        ex03.read_text() + "\ndef weight_gradients(dZ, A_prev):\n    while True:\n        pass\n")
    (tmp_path / "class" / "ned").mkdir()  # his own exception, in the grader's words: not a timeout
    (tmp_path / "class" / "ned" / ex03.name).write_text(ex03.read_text() + "\ndef weight_gradients(dZ, A_prev):\n"
        "    raise RuntimeError('did not return in time; time ran out: Timeout, SystemExit, PermissionError')\n")
    done = backprop("grade", tmp_path / "class", "--timeout", "1", "--csv", tmp_path / "grades.csv",
                    "--json", tmp_path / "grades.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    notes = {row["student"]: row["notes"] for row in csv.DictReader((tmp_path / "grades.csv").open(encoding="utf-8-sig"))}
    assert "files not read (erin.zip is not opened" in notes["erin"]
    # grading-contract.md: a run stopped for time is an error; its reason is the note's first line
    stopped = "ex03_weight_gradients: error (The grader stopped weight_gradients (did not return within 1 s)"
    assert stopped in notes["mia"]
    assert "timed out" not in notes["ned"] and "ex03" not in notes["ned"], notes["ned"]
    reports = {s["submission"]: s for s in json.loads((tmp_path / "grades.json").read_text())["submissions"]}
    jsonschema.validate(reports["mia"], SCHEMA)
    flagged = {c.get("flag") for e in reports["mia"]["exercises"] for c in e["checks"]}
    assert flagged == {"timed out"}  # set by the grader that timed the calls, on the checks they cost
    assert not any("flag" in c for e in reports["ned"]["exercises"] for c in e["checks"])
    assert "Submissions that need a look: files not read 1, timed out 1 (the CSV's notes" in done.stdout  # the summary


def test_a_learners_files_named_as_an_lms_names_them_are_named_where_work_is_missing(tmp_path):
    """A learner's folder of Petrova_Olga_12345_ex03_backprop.py files, an LMS's names moved in
    as they were, was a row at 0 whose every exercise said only that no file was there."""
    correct(tmp_path / "class" / "ada")
    (tmp_path / "class" / "olga").mkdir()
    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", tmp_path / "class" / "olga" / "Petrova_Olga_12345_ex03_backprop.py")
    done = backprop("grade", tmp_path / "class", "--json", tmp_path / "r.json", "--csv", tmp_path / "r.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    olga = json.loads((tmp_path / "r.json").read_text())["submissions"][1]["exercises"]
    assert "Petrova_Olga_12345_ex03_backprop.py is not read: only files named as the exercises are" in olga[2]["message"]
    assert "files not read (Petrova_Olga_12345_ex03_backprop.py is not read" in (tmp_path / "r.csv").read_text("utf-8-sig")


def test_an_empty_file_is_said_to_be_empty(tmp_path):
    """A file of 0 bytes (an upload that failed) failed every check with "defines no function
    sigmoid", as if the learner had written something else, and nothing flagged it."""
    from conftest import grade

    (tmp_path / "hank").mkdir()
    (tmp_path / "hank" / "ex01_sigmoid_derivative.py").write_bytes(b"")
    (tmp_path / "hank" / "ex02_output_delta.ipynb").write_bytes(b"\n")
    result = grade(tmp_path / "hank", [catalog.BY_ID["ex01_sigmoid_derivative"], catalog.BY_ID["ex02_output_delta"]])
    assert [(e.status, e.message) for e in result.exercises] == [
        ("error", "ex01_sigmoid_derivative.py is empty: there is nothing in it to grade"),
        ("error", "ex02_output_delta.ipynb is empty: there is nothing in it to grade")]


def test_an_empty_py_beside_a_worked_notebook_leaves_the_notebook_graded(tmp_path):
    """An empty ex03_weight_gradients.py (a "Download as .py" that failed) beside the notebook
    the learner worked in was graded instead of it: 0 of 15, "defines no function"."""
    from conftest import grade

    notebook = json.loads((ROOT / "exercises" / "ex03_weight_gradients.ipynb").read_text())
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                              "source": (ROOT / "solutions" / "ex03_weight_gradients.py").read_text()})
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "ex03_weight_gradients.ipynb").write_text(json.dumps(notebook))
    (tmp_path / "ada" / "ex03_weight_gradients.py").write_text("")
    [ex03] = grade(tmp_path / "ada", [catalog.BY_ID["ex03_weight_gradients"]]).exercises
    assert (ex03.status, ex03.message) == ("passed", "ex03_weight_gradients.ipynb was graded: ex03_weight_gradients.py is empty.")


def test_the_summary_counts_as_not_graded_only_what_the_grader_failed(tmp_path):
    """A learner whose every file failed to load (a Latin-1 comment in each) was counted among
    the submissions that "could not be graded", which --resume grades again: it grades the same."""
    from autograder import batch, plan, render
    from conftest import grade

    kim = correct(tmp_path / "kim")
    for path in kim.iterdir():
        path.write_bytes(b"# r\xe9sum\xe9\n" + path.read_bytes())
    failed = batch.error_result("bob", "its grading process ended each time it was graded",
                                plan.make("public", "", catalog.EXERCISES[:7]))
    assert render.summary([grade(kim, catalog.EXERCISES[:7]), failed]).splitlines()[:2] == [
        "2 submissions graded.", "Submissions that need a look: could not be loaded 1, grader failed 1 (the CSV's "
                                 "notes and the --html page name them)."]


def test_macos_resource_forks_beside_a_learners_files_are_passed_over(tmp_path):
    """A folder zipped on macOS and unzipped elsewhere holds ._ex03_weight_gradients.py beside the
    file, a resource fork of a few bytes: each missing exercise said it was "not read", and the
    class summary counted the learner as needing a look."""
    from conftest import grade

    (tmp_path / "eve").mkdir()
    for name in ("._ex03_weight_gradients.py", "._backprop.zip", "._ex05_l_layer.ipynb"):
        (tmp_path / "eve" / name).write_bytes(b"\0\5\26\7\0\2\0\0Mac OS X        ")
    missing = grade(tmp_path / "eve", [catalog.BY_ID["ex01_sigmoid_derivative"]]).exercises[0]
    assert (missing.status, missing.message, missing.flag) == (
        "missing", "no ex01_sigmoid_derivative.py or ex01_sigmoid_derivative.ipynb here", "")


def test_a_file_named_by_the_exercise_number_in_capitals_is_named_where_work_is_missing(tmp_path):
    """ex03.py was said not to be read, but EX03.PY, as Windows or an old phone saves it, was passed
    over without a word: the exercise read as not handed in, and nothing needed a look."""
    from conftest import grade

    (tmp_path / "jo").mkdir()
    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", tmp_path / "jo" / "EX03.PY")
    missing = grade(tmp_path / "jo", [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]
    assert missing.status == "missing" and missing.flag == "files not read"
    assert "(EX03.PY is not read: only files named as the exercises are" in missing.message


def test_a_link_to_a_folder_outside_a_learners_folder_is_not_listed(tmp_path):
    """A learner's folder holding `stuff`, a link to a classmate's folder, was listed through the
    link: the report said "stuff/ holds exercise files", as if the learner's work were there."""
    from conftest import grade

    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", (tmp_path / "ada").mkdir() or tmp_path / "ada")
    (tmp_path / "kim" / "own").mkdir(parents=True)
    (tmp_path / "kim" / "stuff").symlink_to(tmp_path / "ada")
    (tmp_path / "kim" / "own" / "inner").symlink_to(tmp_path / "ada")  # two folders down
    missing = grade(tmp_path / "kim", [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]
    assert (missing.status, missing.message, missing.flag) == (
        "missing", "no ex03_weight_gradients.py or ex03_weight_gradients.ipynb here", "")


def test_a_learners_folder_linked_elsewhere_does_not_choose_the_classs_parts(tmp_path):
    """A learner's folder that is a link to a folder of part 2's files: its files are not read, but
    the folder it points to was listed, and the whole class was graded on parts 1 and 2, out of 200."""
    from autograder import batch

    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", (tmp_path / "class" / "ada").mkdir(parents=True)
                or tmp_path / "class" / "ada")
    shutil.copy(ROOT / "solutions" / "ex08_softmax_cross_entropy.py", (tmp_path / "elsewhere").mkdir() or
                tmp_path / "elsewhere")
    (tmp_path / "class" / "mal").symlink_to(tmp_path / "elsewhere")
    found = batch.discover([tmp_path / "class"])
    assert [label for label, _ in found] == ["ada", "mal"]
    assert batch.parts_held(found) == ((1,), "")
