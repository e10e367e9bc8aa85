"""Notebooks: graded as the same .py would be, and `check()` inside a real Jupyter kernel."""
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import build, catalog
from conftest import MISTAKE, ROOT, grade

IDS = [e.id for e in catalog.EXERCISES]


def solution(exercise_id):
    return (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")


def write_notebook(path, exercise_id, text, extra_cells=()):
    nb = build.notebook(exercise_id, text)
    nb.cells[-1:-1] = [nbformat.v4.new_code_cell(c) for c in extra_cells]
    path.write_text(build.notebook_json(nb), encoding="utf-8")


def summary(result):
    return [(e.id, e.status, e.score, [(c.name, c.passed, c.misconception) for c in e.checks])
            for e in result.exercises]


@pytest.mark.parametrize("mistake", [False, True], ids=["correct", "mistaken"])
def test_a_notebook_is_graded_as_the_same_py(tmp_path, mistake):
    as_py, as_nb = tmp_path / "py", tmp_path / "nb"
    as_py.mkdir(), as_nb.mkdir()
    for exercise_id in IDS:
        text = solution(exercise_id) + ("\n" + MISTAKE if mistake and exercise_id.startswith("ex03") else "")
        (as_py / f"{exercise_id}.py").write_text(text)
        write_notebook(as_nb / f"{exercise_id}.ipynb", exercise_id, text)
    py_result = grade(as_py, checks="all", secret="s")
    nb_result = grade(as_nb, checks="all", secret="s")
    assert summary(py_result) == summary(nb_result)
    assert (py_result.score < py_result.max_score) == mistake


def test_magics_and_shell_lines_are_skipped(tmp_path):
    extra = ["%matplotlib inline\nimport numpy as np", "!pip list", "%%time\nx = 1", "for i in range(2):\n    %time i"]
    write_notebook(tmp_path / "ex03_weight_gradients.ipynb", "ex03_weight_gradients",
                   solution("ex03_weight_gradients"), extra)
    result = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]])
    assert result.exercises[0].status == "passed", result.exercises[0]


def test_an_error_names_the_notebook_cell_and_line(tmp_path):
    text = solution("ex03_weight_gradients").replace("    m = A_prev.shape[1]\n", "    m = A_prev.shape[1]\n    1 / 0\n")
    write_notebook(tmp_path / "ex03_weight_gradients.ipynb", "ex03_weight_gradients", text)
    checks = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0].checks
    nb = json.loads((tmp_path / "ex03_weight_gradients.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    cell = next(i for i, c in enumerate(code) if "1 / 0" in "".join(c["source"]))
    line = "".join(code[cell]["source"]).splitlines().index("    1 / 0") + 1
    assert f"ZeroDivisionError: division by zero (line {line} of code cell {cell + 1} of" in checks[0].message


def test_the_notebook_is_graded_when_the_py_is_an_untouched_stub(tmp_path):
    exercise_id = "ex03_weight_gradients"
    shutil.copy(ROOT / "exercises" / f"{exercise_id}.py", tmp_path)
    write_notebook(tmp_path / f"{exercise_id}.ipynb", exercise_id, solution(exercise_id))
    notebook = json.loads((tmp_path / f"{exercise_id}.ipynb").read_text())
    notebook["cells"][-1]["outputs"] = [{"output_type": "error", "ename": "NotImplementedError", "evalue": "",
                                         "traceback": ["raise NotImplementedError()"]}]  # an old run's, kept
    (tmp_path / f"{exercise_id}.ipynb").write_text(json.dumps(notebook))
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]]).exercises[0]
    assert result.status == "passed" and "ipynb was graded" in result.message
    stub = tmp_path / f"{exercise_id}.py"
    stub.write_text("# I worked in the notebook\n" + stub.read_text())  # a stub touched, still a stub
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]]).exercises[0]
    assert result.status == "passed" and result.message.startswith(f"{exercise_id}.ipynb was graded: ")
    shutil.copy(ROOT / "exercises" / f"{exercise_id}.ipynb", tmp_path)  # both stubs, as `backprop start` left them
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]]).exercises[0]
    assert result.status == "failed" and "not implemented yet" in result.checks[0].message and not result.message
    (tmp_path / f"{exercise_id}.py").write_text(solution(exercise_id) + "\n" + MISTAKE)
    write_notebook(tmp_path / f"{exercise_id}.ipynb", exercise_id, solution(exercise_id))
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]]).exercises[0]
    assert result.status == "failed" and "py was graded" in result.message
    shutil.copy(ROOT / "exercises" / f"{exercise_id}.py", tmp_path)  # the notebook raises an error of its own
    own = solution(exercise_id).replace("    m = ", '    if dZ.ndim != 2:\n        raise NotImplementedError("2-d only")\n'
                                        "    m = ", 1)
    write_notebook(tmp_path / f"{exercise_id}.ipynb", exercise_id, own)
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]]).exercises[0]
    assert result.status == "passed" and "ipynb was graded" in result.message


def run_notebook(nb):
    from nbclient import NotebookClient

    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return nb


@pytest.mark.parametrize("mistake", [False, True], ids=["correct", "mistaken"])
def test_check_in_a_real_kernel(mistake):
    nb = nbformat.read(ROOT / "exercises" / "ex03_weight_gradients.ipynb", as_version=4)
    text = solution("ex03_weight_gradients")
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("def weight_gradients"):
            cell.source = text[text.index("def weight_gradients"):] + ("\n" + MISTAKE if mistake else "")
    outputs = run_notebook(nb).cells[-1].outputs
    assert not any(o.output_type == "stream" and o.name == "stderr" for o in outputs)
    assert not any(o.output_type == "error" for o in outputs)
    html = "".join(o.data.get("text/html", "") for o in outputs if "data" in o)
    assert "ex03_weight_gradients" in html
    if mistake:
        assert "failed" in html and "ex03/dW-transposed" in html
    else:
        assert "passed" in html and "&#10008;" not in html


def test_a_kernels_check_shows_what_its_calls_printed_not_the_cells_again():
    """Every check in a kernel showed, under "What your code printed", all that the cells it ran had printed
    (a test cell's dW, a training loop's epochs), which the learner had read below those cells already."""
    text = solution("ex03_weight_gradients")
    code = text[text.index("def weight_gradients"):].replace("    m = ", "    print('called with', dZ.shape)\n"
                                                             "    m = ", 1)
    cells = ["import numpy as np\n" + code, "for epoch in range(3):\n    print('epoch', epoch)",
             "from autograder.notebook import check\ncheck('ex03')"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    html = "".join(o.data.get("text/html", "") for o in run_notebook(nb).cells[-1].outputs if "data" in o)
    assert "passed" in html and "called with (4, 5)" in html and "epoch" not in html, html


def test_check_in_a_script_grades_its_file_as_the_command_line_does(tmp_path):
    """Outside Jupyter, check(namespace=globals()) grades the script's own file; its lines
    that call the grader are passed over, and an import the worker cannot make is skipped."""
    text = solution("ex03_weight_gradients").replace("np.", "xp.")
    script = tmp_path / "my_work.py"
    script.write_text("from autograder.notebook import check\nimport numpy as xp\nimport matplotlib.pyplot as plt\n"
                      + text + "\nif __name__ == '__main__':\n    print(check('ex03', namespace=globals()).score)\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0 and float(done.stdout.split()[-1]) == catalog.BY_ID["ex03_weight_gradients"].points, \
        done.stdout + done.stderr



def test_explain_in_a_script_explains_its_own_function(tmp_path):
    """Outside Jupyter, explain(namespace=globals()) runs the script's function in a worker of
    its own, as check does, and ends it."""
    script = tmp_path / "my_work.py"
    script.write_text("import numpy as np\nfrom autograder.notebook import explain\n\n"
                      "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
                      "    dA1 = W2 @ dZ2\n"
                      "    return dA1 * (1 - np.tanh(Z1) ** 2)\n\n"
                      "if __name__ == '__main__':\n    print(repr(explain('ex04', 'hidden_delta', namespace=globals())))\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert "ex04_hidden_delta: hidden_delta" in done.stdout and "departs from the derivation" in done.stdout, done.stdout

KERNEL_CELLS = [
    "import numpy as np\nEPS = 0.0  # a constant of the notebook's",
    "import time as clock", "time HALF = 0.5",  # clock bound, not time: automagic %time, which binds HALF
    "%time SCALE = 1.0",  # a line magic that binds a name, in a cell of one line and in a longer one
    "%time OFFSET = 0.0\nEPS = EPS + OFFSET",
    "%%time\ndef _dw(dZ, A_prev, m):  # a helper defined under a cell magic, named as private\n"
    "    return 2 * HALF * SCALE * dZ @ A_prev.T / m + EPS",
    "class Helper:\n    def db(self, dZ, m):\n        time = m  # a local: not the kernel's, nor its automagic's\n"
    "        return np.sum(dZ, axis=1, keepdims=True) / time\nHELP = Helper()",
    "pwd", "timeit HELP.db(np.ones((2, 3)), 3)", "  cd .",  # automagic: a cell of one line runs %pwd, %timeit
    "%%capture cap\nprint('quiet')", "print(cap.stdout, cap)",  # the output %%capture kept, read in a later cell
    "import time  # bound after `time HALF = 0.5` ran: that cell stayed %time",
    "from autograder import check  # in the cell that defines the function, and checks it\n\n"
    "def my_weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    return _dw(dZ, A_prev, m), HELP.db(dZ, m)\n\n"
    "weight_gradients = my_weight_gradients  # an alias\ncheck('ex03')",
    "check('ex03')",  # again, from a cell of its own
    "%time result = check('ex03')",  # timed: was run in the worker, where check is not defined, and said to raise
]


def test_check_in_a_kernel_runs_the_cells_the_kernel_ran(tmp_path):
    """Constants, private helpers, a %%time cell, an instance and an alias: what the kernel
    holds is what the check sees, as backprop check sees it in the saved notebook. The cells
    `pwd` and `timeit ...` that IPython ran as magics were said to raise NameError and SyntaxError;
    `%time SCALE = 1.0` was passed over, SCALE left unset; `%time result = check('ex03')` was run,
    and the check said it raised NameError: "define check in it"; the saved notebook's automagic cells
    too; and `%%capture cap` bound no cap, its later use a NameError. `import time as clock` was read
    as binding time (and `import a.b` b), and `time HALF = 0.5` as Python: a SyntaxError, HALF unset;
    so was the local `time` of a method, and the `import time` of a later cell."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in KERNEL_CELLS])
    ran = run_notebook(nb)
    for cell in ran.cells[-2:]:
        html = "".join(o.data.get("text/html", "") for o in cell.outputs if "data" in o)
        assert "passed" in html and "15 / 15" in html and "raised" not in html, html
    nbformat.write(ran, tmp_path / "ex03_weight_gradients.ipynb")  # saved, as backprop check reads it
    result = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]
    assert result.status == "passed" and "raised" not in result.message, result.message


def test_check_in_a_kernel_imports_the_module_a_writefile_cell_wrote(tmp_path):
    """`%%writefile acts.py`, then `import acts`: the kernel imports the file, but the check's
    worker got the cells without it, and weight_gradients raised NameError there."""
    from nbclient import NotebookClient

    text = solution("ex03_weight_gradients").replace("np.sum(dZ, axis=1, keepdims=True)", "acts.col_sum(dZ)")
    cells = ["%%writefile acts.py\nimport numpy as np\n\ndef col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n",
             "import acts", text, "from autograder import check\ncheck('ex03')"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    html = "".join(o.data.get("text/html", "") for o in nb.cells[-1].outputs if "data" in o)
    assert "passed" in html and "15 / 15" in html, html


def test_check_shows_its_report_once_wherever_it_stands_in_its_cell():
    cells = [solution("ex03_weight_gradients"), "from autograder import check\ncheck('ex03')\nprint('after')",
             "result = check('ex03')\nresult", "result"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    shown = [[o for o in cell.outputs if "text/html" in o.get("data", {})] for cell in run_notebook(nb).cells[1:]]
    assert [len(reports) for reports in shown] == [1, 1, 1]  # the last: the report asked for again
    assert all("passed" in reports[0].data["text/html"] for reports in shown)


def test_check_with_no_exercise_named_checks_those_the_notebook_defines():
    cells = [solution("ex03_weight_gradients"), "from autograder import check\ncheck()"]
    ran = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    html = "".join(o.data.get("text/html", "") for o in ran.cells[-1].outputs if "data" in o)
    assert "ex03_weight_gradients" in html and "15 / 15" in html and "ex04_hidden_delta" not in html


def test_a_check_in_a_kernel_that_ran_no_definition_says_to_run_it():
    """A kernel restarted, then only the check cell run: the functions are in the notebook,
    not in what the kernel ran."""
    cells = ["from autograder import check\ncheck('ex03')", "from autograder.notebook import explain\nexplain('ex03')"]
    ran = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    html = "".join(o.data.get("text/html", "") for o in ran.cells[0].outputs if "data" in o)
    assert "defines no function weight_gradients in the cells this kernel ran: run the cell that defines it" in html
    explained = [o for o in ran.cells[1].outputs]
    assert not any(o.output_type == "error" for o in explained)
    assert "weight_gradients" in "".join(o.get("text", "") for o in explained)


def test_a_typo_in_the_exercise_id_is_a_sentence_not_a_traceback():
    cells = ["from autograder import check, explain\ncheck('ex3_weigth')", "check(33)", "explain('ex44')"]
    ran = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    outputs = [o for cell in ran.cells for o in cell.outputs]
    assert not any(o.output_type == "error" for o in outputs)
    printed = [o.text for o in outputs if o.output_type == "stream"]
    assert printed[0].startswith("No exercise is called 'ex3_weigth'.") and len(printed) == 3, printed


def _run_cells_allowing_errors(cells):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    return "".join(o.data.get("text/plain", "") for o in nb.cells[-1].outputs if "data" in o)


def test_a_def_that_did_not_parse_is_named_and_not_said_to_be_graded():
    """A cell the kernel ran that did not parse defined nothing: the check says the def is
    there but did not run, and counts as graded the last def that ran."""
    text = solution("ex03_weight_gradients")
    good = text[text.index("def weight_gradients"):]
    broken = good.replace("def weight_gradients(dZ, A_prev):", "def weight_gradients(dZ, A_prev)")
    report = _run_cells_allowing_errors(["import numpy as np\n" + broken, "from autograder import check\ncheck('ex03')"])
    assert "weight_gradients is written at line 2 of cell [1] of your notebook, but it did not run" in report, report
    assert "defined" not in report and "in the cells this kernel ran" not in report
    report = _run_cells_allowing_errors(["import numpy as np\n" + MISTAKE, broken,
                                         "from autograder import check\ncheck('ex03')"])
    assert "defined 2 times; the last one run, at line 2 of cell [1] of your notebook, was graded" in report, report


def test_a_check_of_another_exercise_says_which_one_the_kernel_ran():
    """check('ex04') in ex03's notebook told the learner, once for each of its 13 checks, to run
    the cell that defines hidden_delta, which that notebook does not have."""
    text = solution("ex03_weight_gradients")
    cells = [text, "from autograder import check, explain\ncheck('ex04')", "explain('ex04')"]
    ran = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    said = "your notebook defines none of ex04_hidden_delta's functions (hidden_delta, " \
           "backward_propagation), but those of ex03_weight_gradients: check('ex03') checks them"
    report = "".join(o.data.get("text/plain", "") for o in ran.cells[1].outputs if "data" in o)
    assert said in report and "error" in report and "run the cell" not in report, report
    assert said in "".join(o.get("text", "") for o in ran.cells[2].outputs)


def test_a_kernel_keeps_one_worker_for_its_checks_and_removes_it_when_it_ends():
    probe = ("import glob\n"
             "def children():\n"
             "    return sum(len(open(f).read().split()) for f in glob.glob('/proc/self/task/*/children'))\n"
             "before = children()\n"
             "from autograder import notebook\n"
             "started = children() - before\n"  # importing starts no process
             "first = notebook.check('ex03')\n"
             "worker = get_ipython().backprop_worker\n"
             "pid = worker._child.pid\n"
             "second = notebook.check('ex03')\n"
             "print(started, pid == get_ipython().backprop_worker._child.pid, first.score, second.score,\n"
             "      worker.directory)")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(solution("ex03_weight_gradients")),
                                         nbformat.v4.new_code_cell(probe)])
    output = "".join(o.text for o in run_notebook(nb).cells[-1].outputs if o.output_type == "stream")
    started, same_worker, first, second, folder = output.split()
    assert started == "0" and same_worker == "True" and float(first) == float(second) == catalog.BY_ID["ex03_weight_gradients"].points
    assert folder.startswith("/") and not Path(folder).exists()  # the kernel's exit removed it


def _kernel_text(kc, code):
    """Run code in the kernel kc is a client of; what it showed as text, and the reply's status."""
    shown = []
    hook = lambda msg: shown.append(msg["content"].get("data", {}).get("text/plain", "")
                                    + msg["content"].get("text", ""))
    reply = kc.execute_interactive(code, timeout=120, output_hook=hook)
    return "\n".join(shown), reply["content"]["status"]


def test_a_check_interrupted_in_an_endless_function_leaves_the_next_check_its_own_worker():
    """Kernel > Interrupt during a check of a function that never returns left the kernel's
    worker in that loop: the next check, of the fixed function, waited 10 s for it and then
    said the notebook could not be loaded (Timeout)."""
    from jupyter_client.manager import start_new_kernel

    text = solution("ex03_weight_gradients")
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        shown, _ = _kernel_text(kc, text + "\nfrom autograder import check\ncheck('ex03')\n"
                                "print(get_ipython().backprop_worker._child.pid)")
        stat = Path("/proc", shown.split()[-1], "stat")
        cpu = lambda: int(stat.read_text().rsplit(")", 1)[1].split()[11])  # the worker's user time, in ticks
        spent = cpu()
        _kernel_text(kc, "def weight_gradients(dZ, A_prev):\n    while True:\n        pass")
        kc.execute("check('ex03')")
        deadline = time.monotonic() + 120  # a guard, not a timing: a worker that never loops fails, not hangs
        while cpu() < spent + 50:  # until the worker has spun in the loop for half a second
            assert time.monotonic() < deadline, "the kernel's worker never ran the endless function"
            time.sleep(0.1)
        km.interrupt_kernel()
        while (msg := kc.get_shell_msg(timeout=120))["msg_type"] != "execute_reply":
            pass
        assert msg["content"]["ename"] == "KeyboardInterrupt"
        for _ in range(5):  # ipykernel aborts, unrun, a request that reaches it before it ends an error's abort
            report, status = _kernel_text(kc, text + "\ncheck('ex03')")
            if status != "aborted":
                break
        assert status == "ok" and "passed" in report and "15 / 15" in report and "Timeout" not in report, report
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_killed_kernels_worker_folder_is_removed_by_the_next_kernels_first_check():
    """A kernel killed while it graded (an nbgrader run stopped) cannot remove its worker's folder;
    it stayed in the temporary folder until the next `backprop grade`."""
    from jupyter_client.manager import start_new_kernel

    text = solution("ex03_weight_gradients") + "\nfrom autograder import check\ncheck('ex03')\n"
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        shown, _ = _kernel_text(kc, text + "print('FOLDER', get_ipython().backprop_worker.directory)")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)  # SIGKILL: no atexit
    folder = Path(shown.split("FOLDER ")[1].split()[0])
    assert folder.is_dir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(text)])
    run_notebook(nb)
    assert not folder.exists()


@pytest.mark.parametrize("bring_in", ["from ex03_weight_gradients import *", "import ex03_weight_gradients as ex3",
                                       "%run ex03_weight_gradients.py", "%run -i ex03_weight_gradients.py"])
def test_a_check_of_functions_imported_from_the_exercise_file_grades_that_file(tmp_path, bring_in):
    """Working in the .py and importing it into the notebook (with %autoreload), the check said
    0 / 15 and 'run the cell that defines it', where `backprop check` gave 15 / 15; so it did
    for the module imported under a name of its own (ex3.weight_gradients), and for %run; %run -i,
    which runs the file in the notebook's namespace, said the notebook defined no weight_gradients.
    check() with no exercise named checked all ten, nine of them failed with 0 points."""
    from nbclient import NotebookClient

    (tmp_path / "ex03_weight_gradients.py").write_text(solution("ex03_weight_gradients") + "\n" + MISTAKE)
    cells = ["%load_ext autoreload\n%autoreload 2", bring_in, "from autograder import check\ncheck('ex03')", "check()"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    named, unnamed = ("".join(o.data.get("text/plain", "") for o in cell.outputs if "data" in o)
                      for cell in nb.cells[-2:])
    assert "3.46 / 15" in named and "ex03/dW-transposed" in named and "run the cell" not in named, named
    assert "3.46 / 15" in unnamed and "ex04_hidden_delta" not in unnamed, unnamed  # not every exercise, failed


def test_a_grader_call_written_over_several_lines_is_passed_over_whole():
    """`explain(\\n    "ex03",\\n)` under the def, in the cell Jupyter ran: the grader passed over its
    first line only, so the cell no longer parsed ("IndentationError ... line 9"), and explain
    said the notebook has no function weight_gradients."""
    cell = ("import numpy as np\nfrom autograder import (\n    check,\n    explain,\n)\n\n" + MISTAKE
            + '\nexplain(\n    "ex03",\n)')
    ran = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)]))
    shown = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in ran.cells[0].outputs)
    assert "Line 9 of cell [1] is the first that departs" in shown and "ex03/dW-transposed" in shown, shown


def test_a_function_the_notebook_defines_is_checked_beside_those_it_imports_from_the_stub(tmp_path):
    """`from ex04_hidden_delta import *` (the stub), then hidden_delta written in a cell: the check
    graded the stub's file, saying hidden_delta is not implemented yet, which the kernel had run."""
    from nbclient import NotebookClient

    shutil.copy(ROOT / "exercises" / "ex04_hidden_delta.py", tmp_path)
    text = solution("ex04_hidden_delta")
    own = text[text.index("def hidden_delta"):text.index("# %%", text.index("def hidden_delta"))]
    cells = ["from ex04_hidden_delta import *", "import numpy as np\n" + own,
             "from autograder import check\ncheck('ex04')"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    report = "".join(o.data.get("text/plain", "") for o in nb.cells[-1].outputs if "data" in o)
    assert "ok   dZ1 has the shape of Z1" in report and "hidden_delta is not implemented" not in report, report


def test_a_kernels_check_speaks_of_the_defs_it_holds_not_of_those_it_ran_before(tmp_path):
    """A def whose call raised (a typo), then its cell fixed and run again: every later check said, even when it
    passed, that a statement raised inside weight_gradients, naming the typo gone. Then `del weight_gradients`:
    the check said the last def run was graded, and that the first def, in cell [1], did not run. `%reset -f`
    was passed over: the check said 15 / 15 of a kernel that had no weight_gradients, as backprop check did of the
    saved notebook, which Jupyter's Run All and nbgrader run with the reset. A cell holding 1 MiB of data, run
    twice: "your notebook's code cells hold more than 2 Mi characters", of a notebook that backprop check reads."""
    from nbclient import NotebookClient

    good = "import numpy as np\n" + solution("ex03_weight_gradients").split("import numpy as np\n", 1)[1]
    call = "\nweight_gradients(np.ones((2, 3)), np.ones((4, 3)))"
    data = good + f"\ndata = '{'0' * 2**20}'"
    cells = [good.replace("np.sum(", "np.summ(") + call, good + call, "from autograder import check\ncheck('ex03')",
             "del weight_gradients", "check('ex03')", good, "%reset -f", "from autograder import check\ncheck('ex03')",
             data, data, "check('ex03')"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    fixed, deleted, reset, long = ("".join(o.data.get("text/plain", "") for o in nb.cells[i].outputs if "data" in o)
                                   for i in (2, 4, 7, 10))
    assert "15 / 15" in fixed and "summ" not in fixed and "raised" not in fixed, fixed
    line = good.splitlines().index("def weight_gradients(dZ, A_prev):") + 1
    assert (f"weight_gradients is defined at line {line} of cell [2] of your notebook, but the del at line 1 of "
            "cell [4] of your notebook deletes it: run its def again") in deleted and "graded" not in deleted, deleted
    assert "0 / 15" in reset and "the %reset -f at line 1 of cell [7] of your notebook deletes it" in reset, reset
    assert "restart the kernel, run the notebook's cells once" in long, long
    for cut, said in ((5, "the del at line 1 of code cell 4"), (8, "the %reset -f at line 1 of code cell 7")):
        nbformat.write(nbformat.v4.new_notebook(cells=nb.cells[:cut]), tmp_path / "ex03_weight_gradients.ipynb")
        result = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]  # as backprop check reads it
        assert f"{said} of ex03_weight_gradients.ipynb deletes it: remove that" in result.checks[0].message \
            and "summ" in result.message and "graded" not in result.message, result  # the typo stays in the file


def test_a_reset_inside_a_def_the_notebook_calls_is_named(tmp_path):
    """`%reset -f` in a def that a cell calls clears the notebook's names, in Jupyter as in the worker: the check
    said the def "did not run: the note above names what was skipped", and showed no note."""
    cells = [solution("ex03_weight_gradients"), "def clean():\n    %reset -f\n\nclean()"]
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]),
                   tmp_path / "ex03_weight_gradients.ipynb")
    message = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0].checks[0].message
    assert "the %reset -f at line 2 of code cell 2 of ex03_weight_gradients.ipynb deletes it" in message, message


def test_a_result_of_check_used_in_the_notebook_is_not_said_to_be_skipped(tmp_path):
    """`r = check("ex03")` is `r = None` where the notebook is graded: `print(r.score)` below it, and what used a name
    it was to set, were listed as skipped statements, in the kernel's later checks and in backprop check of the saved
    notebook, though they are the grader's line's doing; and `check("ex03").score` under the grader's import, said to
    use a check that no cell defines. The learner's own errors are still listed."""
    cells = [solution("ex03_weight_gradients"),
             "from autograder.notebook import check\nr = check('ex03')\nprint(r.score)",
             "assert r.score == 15\nx = r.score + 1\nprint(x)\nassert check('ex03').score == x - 1", "check('ex03')"]
    ran = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    html = "".join(o.data.get("text/html", "") for o in ran.cells[-1].outputs if "data" in o)
    assert "15 / 15" in html and "skipped" not in html, html
    ran.cells.insert(-1, nbformat.v4.new_code_cell("y = None\ny.score"))  # a None of the learner's own
    nbformat.write(ran, tmp_path / "ex03_weight_gradients.ipynb")
    result = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]
    assert result.status == "passed" and result.message.startswith("1 statement of ex03_weight_gradients.ipynb") \
        and "line 2 of code cell 4 of ex03_weight_gradients.ipynb raised AttributeError" in result.message, result


def test_a_result_of_an_aliased_check_read_below_a_statements_first_line_or_in_a_def_is_not_skipped(tmp_path):
    """`r = c("ex03")` under `check as c` (or ag.check), `x = (\n    r.score)` and a def reading r, called: each was
    listed among the skipped statements, though r is None only where the notebook is graded. The learner's own None
    still is."""
    cells = [solution("ex03_weight_gradients"),
             "from autograder.notebook import check as c\nimport autograder as ag\nr = c('ex03')\ns = ag.check('ex03')",
             "print(s.score)", "x = (\n    r.score)", "def f():\n    return r.score\n\nf()", "y = None\ny.score"]
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]),
                   tmp_path / "ex03_weight_gradients.ipynb")
    result = grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]
    assert result.status == "passed" and result.message.startswith("1 statement of ex03_weight_gradients.ipynb") \
        and "line 2 of code cell 6 of ex03_weight_gradients.ipynb raised AttributeError" in result.message, result


def test_a_name_set_in_no_cell_the_kernel_ran_is_said_to_need_its_cell_run():
    """A kernel restarted, then only the def's cell run again: its constant, or a helper, set in a cell not run
    since, was told as a bare NameError, or as "no cell of your notebook defines col_sum ...: define col_sum in it",
    of a notebook that defines it."""
    text = solution("ex03_weight_gradients")
    for name, code in (("SCALE", text.replace("A_prev.shape[1]", "A_prev.shape[1] * SCALE")),
                       ("col_sum", text.replace("np.sum(dZ, axis=1, keepdims=True)", "col_sum(dZ)"))):
        report = _run_cells_allowing_errors([code, "from autograder import check\ncheck('ex03')"])
        assert f"name '{name}' is not defined: no cell this kernel ran since it started defines {name}, and only " \
               "those cells are read where your code is checked: run the cell that defines it, or write one" in report
