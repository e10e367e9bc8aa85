"""How the tests are laid out: what test modules share lives in conftest.py.

A test module that imports another runs the other's module-level code, ties the two
together, and breaks when the other is moved or split; so no test module imports one.
"""
import ast
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


def test_no_test_module_imports_another():
    offenders = {}
    for path in sorted(TESTS.glob("*.py")):  # the test modules, conftest.py and helpers such as reaper.py
        imported = imports_of_test_modules(path.read_text(encoding="utf-8"))
        if imported:
            offenders[path.name] = imported
    assert not offenders, f"move what they share into tests/conftest.py: {offenders}"
