"""Finding a submission's files and turning each into Python source.

A submission is a folder holding any of `<id>.py` and `<id>.ipynb`. A notebook gives its
code cells in order, less IPython magics, shell lines and the cell that calls `check`.
"""
import json
import re
from dataclasses import dataclass
from pathlib import Path

_SKIPPED_LINE = re.compile(r"^\s*[%!]")
# The self-check cell and nbgrader's test cells: they call the grader, not the learner's code.
_CHECK_CELL = re.compile(r"^\s*(from\s+autograder(\.\w+)*\s+import|import\s+autograder)\b", re.M)


@dataclass(frozen=True)
class Source:
    exercise: str
    path: Path
    text: str
    cells: tuple = ()  # for a notebook: the first line (1-based) of each code cell in `text`
    note: str = ""
    numbered: bool = True  # False when the text was rebuilt, so its line numbers mean nothing

    def where(self, line) -> str:
        """`line` of the source, in the learner's terms (a notebook's cell and line)."""
        if line is None or not self.numbered:
            return ""
        if not self.cells:
            return f"line {line} of {self.path.name}"
        cell = max(i for i, start in enumerate(self.cells) if start <= line)
        return f"line {line - self.cells[cell] + 1} of code cell {cell + 1} of {self.path.name}"


class Unreadable(ValueError):
    """A file that is not a notebook or not text."""


def _blank_magic(line: str) -> str:
    if not _SKIPPED_LINE.match(line):
        return line
    return line[: len(line) - len(line.lstrip())] + "pass"


def notebook_code(path: Path):
    """The notebook's code as one module, and the line where each of its code cells starts."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        raw_cells = [c for c in nb["cells"] if c.get("cell_type") == "code"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise Unreadable(f"{path.name} is not a readable notebook ({exc.__class__.__name__})") from None
    lines, starts = [], []
    for cell in raw_cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if _CHECK_CELL.search(source) or source.lstrip().startswith("%%"):
            continue  # the self-check cell, and cell magics, are not the learner's functions
        starts.append(len(lines) + 1)
        # Magics and shell lines become `pass`, so line numbers keep matching the cell.
        lines += [_blank_magic(l) for l in source.splitlines()]
        lines.append("")
    return "\n".join(lines) + "\n", tuple(starts)


def _untouched(path: Path) -> bool:
    """Is `path` still the stub `backprop start` copied?"""
    from . import paths

    stub = paths.content("exercises") / path.name
    return stub.is_file() and stub.read_bytes() == path.read_bytes()


def find(folder, exercise_id: str):
    """The Source of one exercise in `folder`, or None when it has no file for it.

    When both files exist the .py is graded, unless it is the untouched stub and the
    notebook is not: then the learner works in the notebook, and the notebook is graded.
    """
    folder = Path(folder)
    py, ipynb = folder / f"{exercise_id}.py", folder / f"{exercise_id}.ipynb"
    if py.is_file() and ipynb.is_file() and _untouched(py) and not _untouched(ipynb):
        text, starts = notebook_code(ipynb)
        note = f"{ipynb.name} was graded: {py.name} is still the untouched stub."
        return Source(exercise_id, ipynb, text, cells=starts, note=note)
    if py.is_file():
        note = f"both {py.name} and {ipynb.name} are here; {py.name} was graded." if ipynb.is_file() else ""
        try:
            return Source(exercise_id, py, py.read_text(encoding="utf-8"), note=note)
        except UnicodeDecodeError:
            raise Unreadable(f"{py.name} is not UTF-8 text") from None
    if ipynb.is_file():
        text, starts = notebook_code(ipynb)
        return Source(exercise_id, ipynb, text, cells=starts)
    return None
