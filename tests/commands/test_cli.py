"""The `backprop` command as a learner runs it: real processes, real files."""
import argparse
import html
import json
import re
import shutil
import subprocess

import jsonschema
import pytest

from autograder import catalog, cli, render
from conftest import MISTAKE, ROOT, SCHEMA, backprop, correct


@pytest.fixture
def workspace(tmp_path):
    done = backprop("start", tmp_path / "work")
    assert done.returncode == 0, done.stderr
    return tmp_path / "work"


def commands(parser, path=()):
    """(path, parser, help line, parent parser) of every subcommand under `parser`, nested
    ones such as `nbgrader init` too, found through argparse rather than a list of names."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            # argparse lists a subcommand in its parent's help only if add_parser had a help=
            lines = {listed.dest: listed.help for listed in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, lines.get(name), parser
                yield from commands(sub, (*path, name))


def _bare(text):
    """`text` without whitespace, so that the help formatter's line wrapping does not matter."""
    return "".join(text.split())


def undescribed_commands(parser):
    """The subcommands that their parent's --help does not list with a line of help."""
    return [" ".join(path) for path, _, line, parent in commands(parser)
            if not (line and line.strip()) or _bare(f"{path[-1]} {line}") not in _bare(parent.format_help())]


def undescribed_options(sub, shown):
    """The options and arguments of `sub` that its --help output `shown` does not describe
    with a help text (the subcommands of `sub` are checked as commands instead)."""
    formatter = sub._get_formatter()
    return [action.option_strings[-1] if action.option_strings else action.metavar or action.dest
            for action in sub._actions
            if action.help != argparse.SUPPRESS and not isinstance(action, argparse._SubParsersAction)
            and not (action.help and action.help.strip() and _bare(formatter._expand_help(action)) in _bare(shown))]


def test_the_help_checks_find_what_is_missing():
    parser = argparse.ArgumentParser(prog="x")
    sub = parser.add_subparsers(dest="command")
    told = sub.add_parser("told", help="does a thing")
    told.add_argument("--flag", action="store_true", help="a flag")
    silent = sub.add_parser("silent")  # no help=: missing from the list of commands
    silent.add_argument("--bare")
    silent.add_argument("--empty", help=" ")
    silent.add_argument("where", metavar="WHERE")
    assert undescribed_commands(parser) == ["silent"]
    assert undescribed_options(told, told.format_help()) == []
    assert undescribed_options(silent, silent.format_help()) == ["--bare", "--empty", "WHERE"]


def test_the_help_of_an_exercise_argument_names_the_forms_a_learner_types():
    """The README names ex03 by `ex3` or `3` too; the --help of check, explain and hint said "id or prefix"
    alone. Every form a help shows names its exercise, a bare number among them."""
    sub = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    for command in ("check", "explain", "hint"):
        shown = next(a.help for a in sub.choices[command]._actions if a.metavar == "EXERCISE")
        forms = re.findall(r"\b(?:ex)?\d+\b", shown)
        assert any(form.isdigit() for form in forms), shown
        assert len({catalog.find(form).id for form in forms}) == 1, shown


def test_every_command_is_listed_with_its_help_line():
    assert undescribed_commands(cli.parser()) == []


def test_every_command_help_exits_0_and_describes_every_option(capsys):
    found, undescribed = [], set()
    for path, sub, _, _ in commands(cli.parser()):
        with pytest.raises(SystemExit) as stopped:
            cli.parser().parse_args([*path, "--help"])
        shown = capsys.readouterr().out
        assert stopped.value.code == 0, path
        assert shown.startswith(f"usage: backprop {' '.join(path)}"), shown
        found.append(path)
        undescribed |= {(" ".join(path), option) for option in undescribed_options(sub, shown)}
    assert ("check",) in found and ("nbgrader", "init") in found  # the walk reaches nested commands
    assert undescribed == set(), "options without a help text"


def test_list_names_every_exercise_and_its_points():
    out = backprop("list").stdout
    for e in catalog.EXERCISES:
        assert e.id in out and ", ".join(e.functions) in out
    for part in catalog.PARTS:  # each part is 100 points, and says so above its exercises
        heading = out.index(f"Part {part}: 100 points")
        assert all(out.index(e.id) > heading for e in catalog.part(part))


def test_start_copies_stubs_and_never_overwrites(workspace):
    names = sorted(p.name for p in workspace.iterdir())
    assert names == sorted(f"{e.id}{s}" for e in catalog.EXERCISES for s in (".py", ".ipynb"))
    mine = workspace / "ex03_weight_gradients.py"
    mine.write_text("# my work\n")
    (workspace / "ex01_sigmoid_derivative.ipynb").unlink()
    again = backprop("start", workspace)
    assert again.returncode == 2
    assert mine.read_text() == "# my work\n"
    assert (workspace / "ex01_sigmoid_derivative.ipynb").is_file()  # what was missing comes back
    assert "Copied into" in again.stdout and "ex01_sigmoid_derivative.ipynb" in again.stdout  # and says so


def test_start_writes_nothing_through_a_link(tmp_path):
    """An unpacked archive's link named as a stub, dangling: start wrote the stub where it pointed,
    outside the folder (a file of the learner's made or replaced), and called it copied."""
    work, outside = tmp_path / "work", tmp_path / "elsewhere.py"
    work.mkdir()
    (work / "ex01_sigmoid_derivative.py").symlink_to(outside)
    done = backprop("start", work)
    assert done.returncode == 2 and "ex01_sigmoid_derivative.py" in done.stderr
    assert not outside.exists() and (work / "ex01_sigmoid_derivative.py").is_symlink()


def test_check_on_fresh_stubs_says_not_implemented(workspace):
    done = backprop("check", "--json", workspace / "report.json", cwd=workspace)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "not implemented yet" in done.stdout
    report = json.loads((workspace / "report.json").read_text())
    jsonschema.validate(report, SCHEMA)
    assert report["score"] == 0 and report["max_score"] == 100 * len(catalog.PARTS)  # every part's stubs
    assert {e["status"] for e in report["exercises"]} == {"failed"}
    table = [line.split() for line in done.stdout.split("\n\n")[0].splitlines()]
    for part in catalog.PARTS:  # each part's subtotal, after its last exercise
        last = catalog.part(part)[-1].id
        row = next(i for i, cells in enumerate(table) if cells[0] == last)
        assert table[row + 1] == ["part", str(part), "0", "/", "100"]
    assert table[-1] == ["total", "0", "/", str(100 * len(catalog.PARTS))]


def test_check_on_the_solutions_passes_and_validates(tmp_path):
    correct(tmp_path, part=None)
    done = backprop("check", "--dir", tmp_path, "--json", tmp_path / "r.json")
    assert done.returncode == 0, done.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    jsonschema.validate(report, SCHEMA)
    assert report["score"] == report["max_score"] == 100 * len(catalog.PARTS)
    assert {e["id"]: e["part"] for e in report["exercises"]} == {e.id: e.part for e in catalog.EXERCISES}


def test_check_given_a_files_path_as_a_shell_completes_it(workspace):
    """`backprop check ./ex03_weight_gradients.ipynb` (Tab completes so) was "No exercise is
    called './ex03_weight_gradients'. Did you mean ex03_weight_gradients?"; a file in another
    folder was said the same, and not how to name that folder."""
    done = backprop("check", "./ex03_weight_gradients.ipynb", cwd=workspace)
    assert done.returncode == 1 and "ex03_weight_gradients" in done.stdout and "ex01" not in done.stdout
    other = backprop("check", "work/ex03_weight_gradients.py", cwd=workspace.parent)
    assert other.returncode == 2 and "'work/ex03_weight_gradients.py' is a file's path: name its exercise, " \
        "and its folder with --dir (--dir work ex03)." in other.stderr, other.stderr


@pytest.mark.parametrize("name", ["ex03_weight_gradients.ipynb", "ex03_weight_gradients.py",
                                  "ex03_weight_gradients.py.txt"])
def test_check_never_writes_its_report_over_an_exercise_file(workspace, name):
    """`backprop check --json ex03_weight_gradients.ipynb`, read as "check this file, as JSON",
    wrote the report over the learner's notebook: their work gone, the exercise then `error`.
    So did a .py that a "Save as" named .py.txt, which check grades as the learner's file."""
    if not (workspace / name).exists():
        (workspace / "ex03_weight_gradients.py").rename(workspace / name)
    before = (workspace / name).read_bytes()
    done = backprop("check", "--json", name, cwd=workspace)
    assert done.returncode == 2 and f"--json: {name} is code, which a report never replaces: give the name of a " \
        "file to write, such as report.json" in done.stderr, done.stderr
    assert (workspace / name).read_bytes() == before


def test_check_selects_by_prefix_and_suggests_names(workspace):
    done = backprop("check", "ex03", "--dir", workspace)
    assert done.returncode == 1 and "ex03_weight_gradients" in done.stdout and "ex01" not in done.stdout
    wrong = backprop("check", "ex3_weight", "--dir", workspace)
    assert wrong.returncode == 2 and "Did you mean ex03_weight_gradients?" in wrong.stderr
    by_number = backprop("check", "ex3", "3", "EX03", "--dir", workspace)  # as learners type it: ex03, not ex10's ex1
    assert by_number.returncode == 1 and by_number.stdout == done.stdout
    assert catalog.find("ex1").id == "ex01_sigmoid_derivative" and catalog.find(10).id.startswith("ex10_")
    begun = backprop("check", "ex0", "--dir", workspace)  # a prefix of nine: none is guessed
    assert begun.returncode == 2 and "9 exercises begin so (ex01, ex02, ex03, ex04, ex05, ex06, ex07, ex08, ex09): " \
        "give more of the name." in begun.stderr


def test_check_on_a_folder_without_exercises_is_bad_usage(tmp_path):
    done = backprop("check", "--dir", tmp_path)
    assert done.returncode == 2 and "backprop start" in done.stderr


def test_check_above_the_exercises_folder_says_where_they_are(tmp_path):
    """A GitHub zip unpacked: `backprop check` at its top was told to run `backprop start`."""
    inner = tmp_path / "backprop-exercises-main" / "exercises"
    inner.mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "ex03_weight_gradients.py", inner)
    done = backprop("check", "--dir", tmp_path)
    assert done.returncode == 2 and "backprop start" not in done.stderr
    assert "holds no exercise files (backprop-exercises-main/exercises/ holds exercise files, and only a " \
           "folder's own are read)." in done.stderr


def test_check_from_the_parent_of_the_work_folder_gives_the_command(tmp_path):
    """The exercises in ./week 3/ and `backprop check` run beside it: it named the folder, not what to type."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "week 3").mkdir()
    shutil.copy(ROOT / "exercises" / "ex03_weight_gradients.py", tmp_path / "week 3")
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 2 and "backprop start" not in done.stderr
    assert "holds no exercise files: run `backprop check --dir 'week 3'`." in done.stderr, done.stderr
    assert backprop("check", "--dir", "week 3", cwd=tmp_path).returncode == 1  # it runs: the stub fails
    (tmp_path / "week 4").mkdir()  # two: which one is the learner's to say
    shutil.copy(ROOT / "exercises" / "ex04_hidden_delta.py", tmp_path / "week 4")
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 2 and "--dir" not in done.stderr and "week 3/, week 4/ hold" in done.stderr
    done = backprop("check", "ex03", cwd=tmp_path)  # named: ex03 is in week 3 alone
    assert done.returncode == 2 and "holds no ex03_weight_gradients file: run `backprop check --dir 'week 3' " \
        "ex03`." in done.stderr, done.stderr
    done = backprop("check", "ex05", cwd=tmp_path)  # in no folder: graded as missing, where the note says
    assert done.returncode == 1 and "ex05_l_layer: missing" in done.stdout and "--dir" not in done.stdout + done.stderr


def test_a_broken_file_is_an_error_and_the_rest_is_graded(tmp_path):
    (tmp_path / "ex01_sigmoid_derivative.py").write_text("def sigmoid(z):\n    return 1 / (1 +\n")
    shutil.copy(ROOT / "solutions" / "ex03_weight_gradients.py", tmp_path)
    done = backprop("check", "--dir", tmp_path, "--json", tmp_path / "r.json", "-v")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    report = {e["id"]: e for e in json.loads((tmp_path / "r.json").read_text())["exercises"]}
    assert report["ex01_sigmoid_derivative"]["status"] == "error"
    assert "SyntaxError" in report["ex01_sigmoid_derivative"]["message"]
    assert "line 2 of ex01_sigmoid_derivative.py" in report["ex01_sigmoid_derivative"]["message"]
    assert report["ex03_weight_gradients"]["status"] == "passed"


def test_a_known_mistake_is_explained_once_however_many_checks_find_it(tmp_path):
    from autograder.spec import load
    from conftest import grade

    (tmp_path / "ex03_weight_gradients.py").write_text(
        (ROOT / "solutions" / "ex03_weight_gradients.py").read_text() + "\n" + MISTAKE)
    explanation = load("ex03_weight_gradients").mistakes["ex03/dW-transposed"].strip()
    again = "This is the known mistake ex03/dW-transposed again, explained above."
    result = grade(tmp_path, [catalog.find("ex03")])
    found = [c for c in result.exercises[0].checks if c.misconception == "ex03/dW-transposed"]
    assert len(found) >= 3 and all(explanation in c.message for c in found)  # the report keeps each whole
    done = backprop("check", "--dir", tmp_path, "-v")
    for shown in (done.stdout, html.unescape(render.html_report(result))):
        flat = " ".join(shown.split())
        assert flat.count(" ".join(explanation.split())) == 1 and flat.count(again) == len(found) - 1, shown


def test_a_check_failed_for_the_reason_shown_above_says_so(tmp_path):
    """Two checks of one call that fail alike: the message once, then "the same as above"."""
    (tmp_path / "ex06_gradient_check.py").write_text(
        (ROOT / "solutions" / "ex06_gradient_check.py").read_text() + "\n_both = gradient_check\n\n"
        "def gradient_check(f, theta, grad, epsilon=1e-7, threshold=1e-6):\n"
        "    return _both(f, theta, grad, epsilon, threshold)[0]\n")
    lines = backprop("check", "--dir", tmp_path, "-v").stdout.splitlines()
    shown = "  FAIL ok is True for the true gradient, with the default epsilon and threshold  (0/"
    ok_check = next(n for n, line in enumerate(lines) if line.startswith(shown))  # its points move with ex06's checks
    assert lines[ok_check - 1] == "    gradient_check must return a tuple of 2; yours is a float."
    assert lines[ok_check + 1] == "    (the same as above)"


def test_the_same_as_above_means_the_row_just_above():
    from autograder.report import CheckResult, ExerciseResult, SubmissionResult

    def failed(name, message):
        return CheckResult(name, "f", False, False, 0.0, 1.0, message)

    checks = (failed("a", "On case 1:\nwrong"), failed("b", "On case 2:\nwrong"), failed("c", "On case 1:\nwrong"),
              failed("d", "On case 1:\nwrong"))
    shown = render.text(SubmissionResult("s", (ExerciseResult("ex01_sigmoid_derivative", 0, 3, "failed", checks),)),
                        verbose=True).splitlines()
    assert shown[shown.index("  FAIL c  (0/1)") + 1] == "    On case 1:"  # shown again: b's is between
    assert shown[shown.index("  FAIL d  (0/1)") + 1] == "    (the same as above)"


def test_quarter_points_are_shown_as_they_are_given():
    from autograder.report import CheckResult, ExerciseResult, SubmissionResult

    checks = (CheckResult("a", "f", True, False, 0.25, 0.25, ""), CheckResult("b", "f", False, False, 0.0, 0.25, "x"))
    exercise = ExerciseResult("ex01_sigmoid_derivative", 0.25, 0.5, "failed", checks)
    shown = render.text(SubmissionResult("s", (exercise,)), verbose=True)
    assert "ok   a  (0.25/0.25)" in shown and "FAIL b  (0/0.25)" in shown
    assert [line.split() for line in shown.splitlines() if line.strip().startswith("total")] == [
        ["total", "0.25", "/", "0.5"]]


PRINTING = """
def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = A_prev @ dZ.T / m
    print("my dW has shape", dW.shape)
    return dW, np.sum(dZ, axis=1, keepdims=True) / m
"""


def test_check_shows_what_the_learners_code_printed_and_the_json_does_not(tmp_path):
    correct(tmp_path)
    quiet = backprop("check", "--dir", tmp_path)
    assert quiet.returncode == 0 and "printed" not in quiet.stdout
    with open(tmp_path / "ex03_weight_gradients.py", "a") as f:
        f.write(PRINTING)
    done = backprop("check", "ex03", "--dir", tmp_path, "--json", tmp_path / "r.json")
    shown = done.stdout.split("What your code printed while it was checked:\n")[1].splitlines()
    assert done.returncode == 1 and shown[0] == "    my dW has shape (3, 4)"  # the first public case's
    assert all(line.startswith("    my dW has shape (") for line in shown), shown
    assert "printed" not in (tmp_path / "r.json").read_text()


def test_a_kept_worker_shows_each_check_only_what_it_printed(tmp_path):
    from autograder import grading, plan, submission
    from autograder.execution.client import Worker

    (tmp_path / "ex03_weight_gradients.py").write_text(
        (ROOT / "solutions" / "ex03_weight_gradients.py").read_text() + PRINTING)
    made = plan.make("public", "", [catalog.find("ex03")])
    with Worker() as worker:  # as a notebook's kernel keeps one for every check
        first, second = (grading.grade_sources(submission.read(tmp_path, [made.exercises[0].exercise.id]),
                                               worker, made) for _ in range(2))
    assert first.printed.count("my dW has shape") >= 2 and first.printed == second.printed


def test_hint_levels_go_from_a_nudge_to_the_derivation():
    first = backprop("hint", "ex03")
    assert first.returncode == 0 and "level 1 of" in first.stdout and "--level 2" in first.stdout
    last = backprop("hint", "ex03", "--level", "99")
    assert "Derivation" in last.stdout and "--level" not in last.stdout.split("\n", 1)[1]


def test_build_check_finds_no_drift():
    assert backprop("build", "--check").returncode == 0


def test_build_check_of_another_folder_says_how_to_rebuild_that_folder(tmp_path):
    """build --check --out DIR told to run `build` alone, which rewrites exercises/, not DIR."""
    drifted = backprop("build", "--check", "--out", tmp_path / "my stubs")
    assert drifted.returncode == 1
    assert f"run `python -m autograder build --out '{tmp_path / 'my stubs'}'`" in drifted.stderr, drifted.stderr


def test_check_finds_a_file_a_download_renamed(tmp_path):
    shutil.copy(ROOT / "solutions" / "ex01_sigmoid_derivative.py", tmp_path / "ex01_sigmoid_derivative (1).py")
    for verbose in ((), ("-v",)):  # a passed exercise's note shows without -v too
        done = backprop("check", "--dir", tmp_path, *verbose)
        assert done.returncode == 0 and "ex01_sigmoid_derivative (1).py was graded as ex01_sigmoid_derivative" \
            in done.stdout


def test_start_in_a_folder_with_spaces_says_a_cd_that_works(tmp_path):
    done = backprop("start", tmp_path / "my work")
    assert done.returncode == 0 and f'  cd "{tmp_path / "my work"}"\n' in done.stdout, done.stdout
    assert subprocess.run(["bash", "-c", done.stdout.splitlines()[1]]).returncode == 0


@pytest.mark.parametrize("command", [["grade", ".", "--weak-isolation"], ["check"], ["explain", "ex01"],
                                     ["hint", "ex03", "--level", "3"], ["list"]])
def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(tmp_path, command):
    """On a strict ASCII terminal, `grade` of one folder wrote its reports, then died of a
    UnicodeEncodeError printing a learner's "naïve" (check and explain too, hint on a σ)."""
    import os
    import sys

    code = (ROOT / "solutions" / "ex01_sigmoid_derivative.py").read_text()
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(
        code + "\n\ndef sigmoid_derivative(z):\n    raise ValueError('naïve ∂σ/∂z')\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "autograder", *command], cwd=tmp_path, capture_output=True,
                          text=True, encoding="ascii", errors="strict", timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "ascii:strict"})
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == (1 if command[0] == "check" else 0), done.stdout[-2000:]
    assert "na?ve" in done.stdout if command[0] in ("grade", "check", "explain") else done.stdout
