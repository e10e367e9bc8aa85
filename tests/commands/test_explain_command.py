"""`backprop explain` as a learner runs it: its output, its exit status, nothing on stderr."""
import nbformat

from conftest import MISTAKE, ROOT, backprop, correct


def _mistaken(folder):
    folder.mkdir()
    solution = (ROOT / "solutions" / "ex03_weight_gradients.py").read_text(encoding="utf-8")
    (folder / "ex03_weight_gradients.py").write_text(solution + MISTAKE, encoding="utf-8")
    return folder


def test_a_mistake_is_explained_at_its_line(tmp_path):
    done = backprop("explain", "ex03", "--dir", _mistaken(tmp_path / "work"))
    assert done.returncode == 0 and done.stderr == ""
    assert "return A_prev @ dZ.T / m" in done.stdout and "\033[" not in done.stdout  # no colour into a pipe
    flat = " ".join(done.stdout.split())  # its sentences are wrapped at 80 columns
    assert "is the first that departs from the derivation: dW has the shape (3, 4) = (n_{l-1}, n_l)" in flat
    assert "The check recognised a known mistake, ex03/dW-transposed:\n" in done.stdout
    own = done.stdout.split("The check recognised")[0].splitlines()  # the catalogue's text is the check's
    prose = [line for line in own if not line.startswith((" ", ">"))]
    assert len(prose) > 3 and max(map(len, prose)) <= 80


def test_nothing_to_explain_exits_1_and_bad_usage_2(tmp_path):
    folder = correct(tmp_path / "work")
    done = backprop("explain", "ex03", "--dir", folder)
    assert done.returncode == 1 and "nothing to explain" in done.stdout and done.stderr == ""
    named = backprop("explain", "ex03", "--dir", folder, "--function", "weight_gradients")
    assert named.returncode == 0 and "Every quantity the derivation names came out right" in named.stdout
    for args, said in ((["ex03", "--dir", tmp_path / "nowhere"], "is not a folder"),
                       (["ex03", "--dir", tmp_path], "there is no ex03_weight_gradients.py"),
                       (["ex03", "--dir", folder, "--function", "dZ"], "has no function 'dZ'"),
                       (["ex99", "--dir", folder], "ex99")):
        done = backprop("explain", *args)
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr


def test_explain_in_a_real_kernel_shows_html_and_writes_nothing_to_stderr():
    from nbclient import NotebookClient

    solution = (ROOT / "solutions" / "ex03_weight_gradients.py").read_text(encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(solution[solution.index("import numpy"):] + "\n" + MISTAKE),
        nbformat.v4.new_code_cell("import autograder\nautograder.explain('ex03')")])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    outputs = nb.cells[-1].outputs
    assert not any(o.output_type == "stream" and o.name == "stderr" for o in outputs)
    html = "".join(o.data.get("text/html", "") for o in outputs if "data" in o)
    assert "first that departs from the derivation" in html and "return A_prev @ dZ.T / m" in html
    assert "ex03/dW-transposed" in html
    assert "<summary>The derivation, step by step: ex03_weight_gradients.md" in html  # its section, folded
    assert "You computed `A_prev @ dZ.T`, which is `dW.T`" in html
    assert str(ROOT / "docs" / "ex03_weight_gradients.md") in html


def test_in_a_terminal_the_departing_line_is_in_colour(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    reading, writing = pty.openpty()
    folder = _mistaken(tmp_path / "work")
    with subprocess.Popen([sys.executable, "-m", "autograder", "explain", "ex03", "--dir", str(folder)],
                          stdout=writing, stderr=subprocess.PIPE) as process:
        os.close(writing)
        chunks = []
        while True:
            try:
                chunk = os.read(reading, 65536)
            except OSError:  # the terminal's other end closed: the command has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0 and process.stderr.read() == b""
    os.close(reading)
    shown = b"".join(chunks).decode()
    departing = next(line for line in shown.splitlines() if "return A_prev @ dZ.T / m" in line)
    assert departing.startswith("\033[31m>") and "\033[1mLine " in shown


def _corpus(entry, exercise):
    """backprop explain on a corpus entry, as its learner runs it: its output, in one line a sentence."""
    done = backprop("explain", exercise, "--dir", ROOT / "tests" / "corpus" / entry)
    assert done.returncode == 0 and done.stderr == ""
    marked = [line for line in done.stdout.splitlines() if line.startswith(">")]
    return marked, " ".join(done.stdout.split())


def test_a_global_read_on_the_departing_line_is_said_to_be_the_files():
    marked, said = _corpus("unknown_ex03_global_m_from_data_cell_nb", "ex03")  # `global m`, 400 in a data cell
    assert marked == [">    3 |     dW = (1 / m) * np.dot(dZ, A_prev.T)                dW (4, 3) = (n_l, n_{l-1}) ✗"]
    assert "m is not one of weight_gradients's own variables but your file's, set outside the function" in said


def test_eps_added_after_the_square_root_departs_where_it_is_added():
    marked, said = _corpus("wrong_ex10_eps_outside_sqrt_cs231n_py", "ex10")
    assert len(marked) == 1 and "std = np.sqrt(sample_var) + eps" in marked[0]
    assert "Line 9 is the first that departs from the derivation: std is made with sqrt(var) + eps" in said
    assert "[[" not in said  # no array's repr in a sentence


def test_an_older_key_convention_is_explained_after_a_wrong_value():
    marked, said = _corpus("ng_older_dAL_sign_flipped", "ex05")  # older dA keys, and dAL's sign flipped
    assert len(marked) == 1 and "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)" in marked[0]
    assert "The check recognised a known mistake, ex05/dAL-sign-flipped:" in said
    assert "grads-keys-off-by-one" not in said.split("The check recognised")[1]
    _, older = _corpus("ng_older_notebook", "ex05")  # the older keys alone: they are what is explained
    assert "The check recognised a known mistake, ex05/grads-keys-off-by-one:" in older
    marked, _ = _corpus("wrong_ex09_reg_gradient_half_mask_forgotten_ng_nb", "ex09")  # a failing check naming none
    assert marked == ['>   18 |     W3 = parameters["W3"]']  # is still the first explained, where no convention is


def test_an_assert_without_a_message_is_not_followed_by_an_empty_one():
    _, said = _corpus("unknown_ex04_wrong_shape_assert_nb", "ex04")
    assert ("it raised AssertionError: your own assert failed on these inputs. "
            "dZ1 is (4, 7) = (n_h, m); W2 is (2, 4) = (n_y, n_h).") in said
