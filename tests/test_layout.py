"""How the tests are laid out: what test modules share lives in conftest.py.

A test module that imports another runs the other's module-level code, ties the two
together, and breaks when the other is moved or split; so no test module imports one.
"""
import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imports_of_test_modules(source: str) -> list:
    """The test_ modules that `source` imports, at any depth (inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                found.append(node.module)
            if node.level or not node.module:  # from . import test_x
                found += [alias.name for alias in node.names]
    return [name for name in found if name.split(".")[0].startswith("test_")]


def test_the_check_sees_every_form_of_import():
    source = (
        "import test_a\nimport os, test_b as b\nfrom test_c import x\nfrom . import test_d\n"
        "def f():\n    from test_e import y\n"
        "import unittest, conftest\nfrom conftest import ROOT\nfrom latest_x import z\n"
    )
    assert imports_of_test_modules(source) == ["test_a", "test_b", "test_c", "test_d", "test_e"]


# The layers of the package, in the order the data passes through them (CONTRIBUTING.md):
# each holds the tests of its part, and nothing else holds a test module.
LAYERS = {
    "content": "the exercises: solutions, the stubs made from them, the specs",
    "execution": "autograder/execution: the worker, its protocol, its confinement",
    "grading": "reading a submission, the plan, the oracle, judging, the mistakes",
    "commands": "what learners and instructors run: backprop, Jupyter, nbgrader, batches",
    "security": "the attack suite: hostile submissions graded beside correct classmates",
}


def python_files():
    """The tests' Python files, conftest.py and helpers such as reaper.py, but not the
    corpora of submissions (tests/corpus, tests/hostile, tests/variants)."""
    return [path for path in sorted(TESTS.rglob("*.py"))
            if path.relative_to(TESTS).parts[0] not in ("corpus", "hostile", "variants")]


def test_no_test_module_imports_another():
    offenders = {}
    for path in python_files():
        imported = imports_of_test_modules(path.read_text(encoding="utf-8"))
        if imported:
            offenders[str(path.relative_to(TESTS))] = imported
    assert not offenders, f"move what they share into tests/conftest.py: {offenders}"


def test_every_test_module_is_in_a_layer_and_every_layer_has_tests():
    modules = [path.relative_to(TESTS) for path in python_files() if path.name.startswith("test_")]
    outside = [str(path) for path in modules if len(path.parts) != 2 and str(path) != "test_layout.py"]
    assert not outside, f"put these in one of {sorted(LAYERS)}: {outside}"
    assert {path.parts[0] for path in modules if len(path.parts) == 2} == set(LAYERS)


def test_the_map_in_contributing_names_every_module_of_the_package():
    """A newcomer finds each module's place in the pipeline on CONTRIBUTING.md's first
    screen: a module added without a line there fails here."""
    text = (TESTS.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    the_map = text.split("## The map", 1)[1].split("\n## ", 1)[0]
    package = TESTS.parent / "autograder"
    modules = [path for path in package.rglob("*.py")
               if path.name not in ("__init__.py", "__main__.py") and "rules" not in path.relative_to(package).parts]
    unnamed = [str(path.relative_to(package)) for path in modules  # course.py is not nbgrader_course.py
               if not re.search(rf"(?<![\w/]){re.escape(path.name)}", the_map)]
    assert modules and not unnamed, f"add a line for each to CONTRIBUTING.md's map: {unnamed}"


def test_every_module_of_the_package_says_its_one_job_in_its_first_line():
    package = TESTS.parent / "autograder"
    vague = {}
    for path in package.rglob("*.py"):
        if path.name == "__main__.py":
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        first, *rest = docstring.split("\n") or [""]
        if not first.endswith(".") or (rest and rest[0].strip()):  # a sentence, then a blank line
            vague[str(path.relative_to(package))] = first
    assert not vague, f"open each module's docstring with a one-line sentence of its job: {vague}"


_CONTAINERS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
_MAKERS = ("list", "dict", "set", "defaultdict", "OrderedDict", "Counter", "deque")
_CHANGES = ("append", "extend", "insert", "update", "setdefault", "pop", "popitem", "clear", "add", "discard",
            "remove", "appendleft")


def module_state_changed(source: str) -> list:
    """The global statements of source, and each change its functions make to a list, dict or
    set that the module binds at its top level: state that outlives a call, kept by a module."""
    tree = ast.parse(source)
    containers = set()
    for node in tree.body:
        value = getattr(node, "value", None)
        made = isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) in _MAKERS
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and (isinstance(value, _CONTAINERS) or made):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            containers |= {target.id for target in targets if isinstance(target, ast.Name)}
    found = [f"global {', '.join(node.names)}" for node in ast.walk(tree) if isinstance(node, ast.Global)]
    for function in [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        for node in ast.walk(function):
            stored = isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del))
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CHANGES
            changed = node.value if stored else node.func.value if called else None
            if isinstance(changed, ast.Name) and changed.id in containers:
                found.append(f"{function.name} changes {changed.id}")
    return found


def test_the_state_check_sees_globals_and_module_containers_changed():
    source = ("A = {}\nB: list = []\nC = dict(x=1)\nD = (1,)\nE = {}\nglobal_ = 0\n"
              "def f():\n    global global_\n    A['k'] = 1\n    B.append(1)\n    del C['x']\n    D.count(1)\n"
              "    print(E['k'])\n    local = {}\n    local['k'] = 1\n")
    assert module_state_changed(source) == ["global global_", "f changes A", "f changes B", "f changes C"]


def test_no_module_of_the_package_keeps_state_of_its_own():
    """Issue 14: no global statement and no module-level mutable state in autograder/, so that
    what a function does depends on its arguments (caches of pure functions aside)."""
    package = TESTS.parent / "autograder"
    kept = {str(path.relative_to(package)): found for path in package.rglob("*.py")
            if (found := module_state_changed(path.read_text(encoding="utf-8")))}
    assert not kept, f"pass this state as an argument, or keep it in an object: {kept}"
