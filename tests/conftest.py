import importlib.util
import sys
from pathlib import Path

import pytest

import reaper

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's autograder, also when pytest runs uninstalled


@pytest.fixture(scope="session", autouse=True)
def nothing_left_running():
    """A test run leaves no process behind: the orphans of every process the tests start
    become pytest's children (tests/reaper.py), and none may still run when the run ends."""
    reaper.adopt_orphans()
    yield
    left = reaper.survivors()
    assert not left, f"processes still running after the tests: {left}"


def load_module(path: Path, name: str = None):
    """Import a file as a fresh module (stubs and solutions are not a package)."""
    name = name or f"_loaded_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def root():
    return ROOT


def solution_code_lines(min_length=12) -> set:
    """The code lines of every solution region, less comments and generic short lines (`return 0.0`)."""
    from autograder import sources

    code = set()
    for path in (ROOT / "solutions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for region in sources.regions(text):
            if not region.in_string:
                code |= {l.strip() for l in lines[region.begin + 1:region.end]
                         if len(l.strip()) >= min_length and not l.strip().startswith("#")}
    return code
