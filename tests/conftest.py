import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's autograder, also when pytest runs uninstalled


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
