"""The stubs and notebooks are generated from the solutions, and nothing of a solution leaks."""
import ast
import json

import nbformat
import pytest

from autograder import build, catalog, sources
from conftest import ROOT, load_module, region_lines, solution_code_lines

IDS = [e.id for e in catalog.EXERCISES]


@pytest.mark.parametrize("exercise_id", IDS)
def test_committed_stubs_match_the_generator(exercise_id):
    for name, text in build.stub_files(exercise_id).items():
        committed = ROOT / "exercises" / name
        assert committed.is_file(), f"{name} is missing: run `python -m autograder build`"
        assert committed.read_text(encoding="utf-8") == text, f"{name} drifted: run `python -m autograder build`"


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_solution_line_in_the_stub(exercise_id):
    solution = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")
    secret = region_lines(solution)
    assert secret, "a solution must mark its reference code"
    for name in (f"{exercise_id}.py", f"{exercise_id}.ipynb"):
        stub = (ROOT / "exercises" / name).read_text(encoding="utf-8")
        if name.endswith(".ipynb"):
            stub = "\n".join(c["source"] for c in json.loads(stub)["cells"])
        leaked = {line.strip() for line in stub.splitlines()} & secret
        assert not leaked, f"{name} shows solution lines: {sorted(leaked)}"


def test_no_exercise_gives_away_another_ones_code():
    code = solution_code_lines()
    for path in sorted((ROOT / "exercises").iterdir()):
        shown = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()} & code
        assert not shown, f"{path.name} shows solution code: {sorted(shown)}"


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_graded_function_of_the_stub_raises_not_implemented(exercise_id):
    stub = load_module(ROOT / "exercises" / f"{exercise_id}.py")
    exercise = catalog.BY_ID[exercise_id]
    tree = ast.parse((ROOT / "exercises" / f"{exercise_id}.py").read_text(encoding="utf-8"))
    defined = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for name in exercise.functions:
        if name not in defined:  # a constant such as SHAPES: left for the learner to fill in
            assert all(v is None for v in getattr(stub, name).values())
            continue
        body = defined[name].body
        assert isinstance(body[-1], ast.Raise) and "NotImplementedError" in ast.unparse(body[-1])
        assert ast.get_docstring(defined[name]), f"{name} needs a docstring for the learner"
        assert len(body) == 2, f"{name}'s stub must be its docstring and the raise only"


@pytest.mark.parametrize("exercise_id", IDS)
def test_stub_keeps_the_solution_signatures(exercise_id):
    def signatures(path):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        return {n.name: ast.unparse(n.args) for n in tree.body if isinstance(n, ast.FunctionDef)}

    assert signatures(ROOT / "exercises" / f"{exercise_id}.py") == signatures(ROOT / "solutions" / f"{exercise_id}.py")


@pytest.mark.parametrize("exercise_id", IDS)
def test_notebook_is_valid_and_ends_with_the_check(exercise_id):
    nb = nbformat.read(ROOT / "exercises" / f"{exercise_id}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown"
    assert any(c.cell_type == "code" and c.source.startswith("def ") for c in nb.cells)
    assert nb.cells[-1].source == f'from autograder import check\ncheck("{exercise_id}")'


def test_clear_handles_every_kind_of_region():
    text = (
        "# %%\n"
        '"""Doc.\n\n### BEGIN SOLUTION\nsecret derivation\n### END SOLUTION\n"""\n'
        "def f(x):\n    \"\"\"Say what.\"\"\"\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"
        "VALUE = None\n### BEGIN SOLUTION\nVALUE = 3\n### END SOLUTION\n"
    )
    stub = sources.clear(text)
    assert "secret" not in stub and "return x" not in stub and "VALUE = 3" not in stub
    assert '    raise NotImplementedError("f is not implemented yet")' in stub
    namespace = {}
    exec(compile(stub, "stub", "exec"), namespace)  # a module-level region leaves it importable
    assert namespace["VALUE"] is None


def test_unbalanced_regions_are_refused():
    with pytest.raises(sources.SourceError):
        sources.regions("### BEGIN SOLUTION\nx = 1\n")
    with pytest.raises(sources.SourceError):
        sources.regions("x = 1\n### END SOLUTION\n")
