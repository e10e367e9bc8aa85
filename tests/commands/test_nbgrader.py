"""A real nbgrader course: generate_assignment, autograde, generate_feedback, the gradebook."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import catalog, report
from autograder.render import points
from conftest import MISTAKE, ROOT, grade

# Wrong code, and a redefinition of the test cells' function: nbgrader runs both in one kernel.
CHEAT = "import autograder.notebook\nautograder.notebook.score = lambda exercise, points, **options: points\n"

nbgrader_api = pytest.importorskip("nbgrader.api", reason="the course extras are not installed")


def run(cmd, cwd, **variables):
    # nbgrader runs tools such as alembic from the environment's bin folder.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **variables}
    env.pop("BACKPROP_COURSE_SECRET", None)  # the course folder's own secret must be found
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def submit(course, student, *, override=None, assignment="backprop", answers=True, only=None):
    """The released notebooks, filled in from the source's solution cells (one overridden),
    or as released when answers is False; only the notebook named `only` when given (the
    others then count as not submitted: nbgrader scores them 0, the audit leaves them out)."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    filled = answers
    for released in sorted((course / "release" / assignment).glob(f"{only or '*'}.ipynb")):
        source = json.loads((course / "source" / assignment / released.name).read_text())
        answers = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in source["cells"]
                   if filled and c["metadata"].get("nbgrader", {}).get("solution")}
        nb = json.loads(released.read_text())
        for cell in nb["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell["source"] = answers[grade_id]
                if override and released.stem == override[0] and "def weight_gradients" in "".join(cell["source"]):
                    cell["source"] = override[1]
        (folder / released.name).write_text(json.dumps(nb))


def test_course_is_released_autograded_and_fed_back(tmp_path, chromium):
    course = tmp_path / "course"
    run([sys.executable, "-m", "autograder", "nbgrader", "init", course], tmp_path)
    assert (course / "nbgrader_config.py").is_file() and (course / "backprop-course.yaml").is_file()
    assert sorted(p.stem for p in (course / "source" / "backprop").glob("*.ipynb")) == \
        sorted(e.id for e in catalog.part(1))  # part 1's exercises, and no other
    run([sys.executable, "-m", "nbgrader", "generate_assignment", "backprop"], course)
    released = (course / "release" / "backprop" / "ex03_weight_gradients.ipynb").read_text()
    assert "BEGIN HIDDEN TESTS" not in released and "A_prev.T" not in released.split("Tests")[0].split("def weight")[1]
    # ada and zed hand in every notebook; the other four only ex03, all their assertions need
    # (the 24 notebooks left out took nbgrader and the audit about 33 s of the test's 99 s).
    ex03 = "ex03_weight_gradients"
    submit(course, "ada")
    # bob's own check in his answer's cell: `r = None` in what the test cells grade, r.score not his statement's error
    submit(course, "bob", override=(ex03, MISTAKE + "from autograder.notebook import check\nr = check('ex03')\n"
                                    "print(r.score)\n"), only=ex03)
    submit(course, "eve", override=(ex03, MISTAKE + CHEAT), only=ex03)
    submit(course, "zed", answers=False)  # the released notebooks, untouched
    for student in ("dan", "ro"):  # right answers, but dan deleted ex03's test cell, ro changed a read-only cell
        submit(course, student, only=ex03)
        path = course / "submitted" / student / "backprop" / "ex03_weight_gradients.ipynb"
        nb = json.loads(path.read_text())
        if student == "dan":
            nb["cells"] = [c for c in nb["cells"] if c["metadata"]["nbgrader"]["grade_id"] != "ex03-public"]
        for cell in nb["cells"] if student == "ro" else ():  # nbgrader restores the read-only cell
            cell["source"] = "".join(cell["source"]).replace("A_prev.shape[1]", "columns(A_prev)")
            if cell["metadata"]["nbgrader"]["grade_id"] == "ex03-01":
                cell["source"] += "\ndef columns(A):\n    return A.shape[1]\n"
        path.write_text(json.dumps(nb))
    run([sys.executable, "-m", "nbgrader", "autograde", "backprop", "--create"], course)
    run([sys.executable, "-m", "nbgrader", "generate_feedback", "backprop"], course)

    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        ada = gb.find_submission("backprop", "ada")
        assert ada.max_score == pytest.approx(100)
        assert ada.score == pytest.approx(100, abs=1e-4)
        assert gb.find_submission("backprop", "zed").score == pytest.approx(0, abs=1e-6)
        bob_ex03, ada_ex03 = (gb.find_submission_notebook(ex03, "backprop", s) for s in ("bob", "ada"))
        grades = {g.name: (g.score, g.max_score) for g in bob_ex03.grades}
        lost = {name for name, (score, top) in grades.items() if score < top - 1e-6}
        assert lost and lost <= {"ex03-public", "ex03-hidden"}
        bob_score, ada_score = bob_ex03.score, ada_ex03.score

    # Exactly the points of the checks the mistake fails, as the command-line grader counts them.
    folder = tmp_path / "bob_py"
    folder.mkdir()
    for name in ("ex03_weight_gradients",):
        solution = (ROOT / "solutions" / f"{name}.py").read_text()
        (folder / f"{name}.py").write_text(solution + "\n" + MISTAKE)
    secret = (course / "backprop-course.yaml").read_text().split("secret:")[1].strip()
    expected = grade(folder, [catalog.BY_ID["ex03_weight_gradients"]], checks="all", secret=secret)
    assert ada_score - bob_score == pytest.approx(15 - expected.score, abs=1e-4)

    # eve fooled nbgrader; the sandboxed audit, which runs no test cell, is not fooled.
    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        eve_ex03 = gb.find_submission_notebook(ex03, "backprop", "eve")
        assert eve_ex03.score == pytest.approx(15, abs=1e-4)  # all of ex03's points
    env = {**os.environ}
    env.pop("BACKPROP_COURSE_SECRET", None)
    audit = subprocess.run([sys.executable, "-m", "autograder", "nbgrader", "audit", course, "backprop"],
                           capture_output=True, text=True, env=env, timeout=600)
    assert audit.returncode == 1, audit.stdout + audit.stderr
    flagged = [line.split()[:2] for line in audit.stdout.splitlines() if ", sandbox " in line]
    assert flagged == [["eve", "ex03_weight_gradients"], ["dan", "ex03_weight_gradients"],
                       ["ro", "ex03_weight_gradients"]], audit.stdout  # higher in nbgrader, then lower
    assert "1 of 18 notebooks score higher in nbgrader than in the sandbox; 2 lower" in audit.stdout
    assert "the kernel died on a cell the sandbox refused?" in audit.stdout  # one of the causes it names
    # in points as every report writes them ("2.65"), not "sandbox 2.64706"
    assert f"nbgrader 15, sandbox {points(expected.score)}\n" in audit.stdout, audit.stdout

    feedback = (course / "feedback" / "bob" / "backprop" / "ex03_weight_gradients.html").read_text()
    assert "ex03/dW-transposed" in feedback and "known mistake" in feedback and "skipped" not in feedback
    # the hidden checks' messages, which tell their inputs and expected values, are not fed back
    assert report.HIDDEN_MESSAGE in feedback
    assert "Traceback (most recent call last)" not in feedback
    # Each report's table fits the output column it sits in: long message lines wrap.
    chromium.get((course / "feedback" / "zed" / "backprop" / "ex01_sigmoid_derivative.html").as_uri())
    right = chromium.execute_script("return Array.from(document.querySelectorAll('.output_subarea table')).map("
                                    "t => [t.getBoundingClientRect().right, t.parentElement.getBoundingClientRect().right])")
    assert right and all(table <= column + 1 for table, column in right), right
    # and a check's points stand apart from its name, which nbgrader's page gives no padding
    chromium.get((course / "feedback" / "ada" / "backprop" / "ex04_hidden_delta.html").as_uri())
    gaps = chromium.execute_script(
        "return Array.from(document.querySelectorAll('.output_subarea tr')).filter(r => r.cells.length == 3)"
        ".map(r => [r.cells[1].firstChild, r.cells[2]].map(n => {const s = document.createRange(); "
        "s.selectNodeContents(n); return s.getBoundingClientRect();})).map(([name, score]) => score.left - name.right)")
    assert gaps and min(gaps) >= 8, gaps
    for path in (course / "autograded").rglob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            for out in cell.get("outputs", []):
                assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), path


@pytest.mark.parametrize("part", catalog.PARTS[1:])  # part 1's round trip is the test above
def test_each_part_is_an_assignment_that_gives_the_solutions_full_marks_and_the_stubs_none(tmp_path, part):
    from autograder import nbgrader_course

    course = tmp_path / "course"
    run([sys.executable, "-m", "autograder", "nbgrader", "init", course], tmp_path)
    names = {nbgrader_course.assignment_name("backprop", p) for p in catalog.PARTS}
    assert {p.name for p in (course / "source").iterdir()} == names  # one assignment a part
    assignment = nbgrader_course.assignment_name("backprop", part)
    source = course / "source" / assignment
    assert sorted(p.stem for p in source.glob("*.ipynb")) == sorted(e.id for e in catalog.part(part))
    run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment], course)
    submit(course, "ada", assignment=assignment)
    submit(course, "zed", assignment=assignment, answers=False)  # the released notebooks, untouched
    run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--create"], course)
    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        ada, zed = gb.find_submission(assignment, "ada"), gb.find_submission(assignment, "zed")
        assert ada.max_score == pytest.approx(100) and ada.score == pytest.approx(100, abs=1e-4)
        assert zed.score == pytest.approx(0, abs=1e-6)


def test_a_learners_cell_of_another_metadata_schema_stops_no_one_elses_autograde(tmp_path):
    """nbgrader stops autograding the whole class at a cell whose nbgrader metadata has another
    schema than its own ("use an old version of the nbgrader metadata format"), and its
    DeduplicateIds leaves such a cell of a test cell a learner copied (Jupyter's copy keeps the
    metadata): amy's copy, and bea's forged schema_version, left cy graded by no one. The course's
    config makes such a cell an ordinary cell, and nobody gains a point by it."""
    course = tmp_path / "course"
    run([sys.executable, "-m", "autograder", "nbgrader", "init", course], tmp_path)
    run([sys.executable, "-m", "nbgrader", "generate_assignment", "backprop"], course)
    ex01 = "ex01_sigmoid_derivative"
    for student in ("amy", "bea", "cy"):
        submit(course, student, only=ex01)
    for student, grade_id, version in (("amy", "ex01-public", 3), ("bea", "ex01-mine", 4)):
        path = course / "submitted" / student / "backprop" / f"{ex01}.ipynb"
        nb = json.loads(path.read_text())
        public = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex01-public")
        copy = json.loads(json.dumps(public))
        copy["id"], copy["source"] = "copied", "7.87234"
        copy["metadata"]["nbgrader"].update(grade_id=grade_id, schema_version=version)
        nb["cells"].insert(0, copy)  # before the functions are defined: its score() would find none
        path.write_text(json.dumps(nb))
    run([sys.executable, "-m", "nbgrader", "autograde", "backprop", "--create"], course)
    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in ("amy", "bea", "cy"):  # right answers: full marks, each from its own test cells
            assert gb.find_submission_notebook(ex01, "backprop", student).score == pytest.approx(10, abs=1e-4)


def test_a_kernel_ends_with_nbgrader_killed_as_it_starts_it(tmp_path):
    """nbgrader killed (kill -9) while its kernel starts, under a process that adopts orphans
    (systemd's user session, tini -s, docker --init, CI runners; tests/reaper.py here): the kernel
    ends with it. ipykernel's own check gave up on a parent already gone: the kernel ran on after 9
    of 10 such kills, 0.05 to 0.5 s after its connection file appeared, and after none at 2 s."""
    course = tmp_path / "course"
    run([sys.executable, "-m", "autograder", "nbgrader", "init", course], tmp_path)
    run([sys.executable, "-m", "nbgrader", "generate_assignment", "backprop"], course)
    submit(course, "ada", only="ex01_sigmoid_derivative")
    for seconds in ("0.1", "0.2", "0.3"):
        scratch = tmp_path / f"tmp-{seconds}"  # where the kernel's connection file, tmp*.json, appears as it starts
        scratch.mkdir()
        run([sys.executable, ROOT / "tests" / "reaper.py", tmp_path / "reaped.json", "--kill-when",
             scratch / "tmp*.json", "--after", seconds, "--",
             sys.executable, "-m", "nbgrader", "autograde", "backprop", "--create", "--force"],
            course, TMPDIR=str(scratch))
        reaped = json.loads((tmp_path / "reaped.json").read_text())
        assert reaped["returncode"] == -9 and reaped["left"] == [], reaped  # killed before it was done; nothing left


def test_a_notebook_whose_kernel_dies_fails_alone_and_its_feedback_says_why(tmp_path):
    """A learner's cell that ends the kernel (os._exit, a crash, memory): nbgrader's own Execute
    raised DeadKernelError and removed the learner's whole assignment ("Removing failed assignment"):
    cat, right in six notebooks of seven and whose ex02 killed the kernel, got 10 of 100 (ex01, graded
    before it) and no feedback, where `backprop grade` gave 90. The course's Execute fails that cell
    and runs the rest in a new kernel: that notebook scores 0, its feedback saying why; the others count."""
    from autograder import nbgrader_course

    course = tmp_path / "course"
    run([sys.executable, "-m", "autograder", "nbgrader", "init", course], tmp_path)
    run([sys.executable, "-m", "nbgrader", "generate_assignment", "backprop"], course)
    ex01, ex02 = "ex01_sigmoid_derivative", "ex02_output_delta"
    submit(course, "cat", only="ex0[12]_*")
    path = course / "submitted" / "cat" / "backprop" / f"{ex01}.ipynb"  # graded first: the death comes before ex02
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if "def sigmoid_derivative" in "".join(c["source"]))
    cell["source"] = "".join(cell["source"]) + "\nimport os\nos._exit(1)\n"
    path.write_text(json.dumps(nb))
    run([sys.executable, "-m", "nbgrader", "autograde", "backprop", "--create"], course)
    run([sys.executable, "-m", "nbgrader", "generate_feedback", "backprop"], course)
    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {nb.name: nb.score for nb in gb.find_submission("backprop", "cat").notebooks}
    assert scores[ex02] == pytest.approx(10, abs=1e-4) and scores[ex01] == pytest.approx(0, abs=1e-6), scores
    feedback = (course / "feedback" / "cat" / "backprop" / f"{ex01}.html").read_text()
    assert " ".join(nbgrader_course.DIED) in " ".join(feedback.split())
    assert "Traceback (most recent call last)" not in feedback
