"""Reading a solution module: its notebook cells and its solution regions.

A solution file is the one source of its exercise. It is written in the "percent" cell
format (`# %%` starts a code cell, `# %% [markdown]` a markdown cell of `# ` comment lines)
and marks its reference code as nbgrader does, between `### BEGIN SOLUTION` and
`### END SOLUTION`. Clearing a region depends on where it stands:
  * inside a function body: replaced by a line that raises NotImplementedError;
  * at module level: replaced by a comment, so the rest of the module still imports;
  * inside a string (the module docstring's derivation): removed.
"""
import io
import re
import tokenize
from dataclasses import dataclass

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
NOT_IMPLEMENTED = "{} is not implemented yet"  # a stub's function raises it; submission.stubs finds it so
_CELL = re.compile(r"^# %%(?P<markdown>\s*\[markdown\])?\s*$")
_DEF = re.compile(r"^(?P<indent>\s*)def\s+(?P<name>\w+)\s*\(")


class SourceError(ValueError):
    """A solution file whose regions or cells are malformed."""


@dataclass(frozen=True)
class Region:
    begin: int  # index of the BEGIN line (0-based)
    end: int  # index of the END line
    indent: str
    in_string: bool


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown" or "code"
    source: str


def regions(text: str) -> list:
    """The solution regions of `text`, in order; SourceError when unbalanced."""
    # the lines (1-based) of multi-line strings: a region there is part of a docstring
    in_string = {row for tok in tokenize.generate_tokens(io.StringIO(text).readline)
                 if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]
                 for row in range(tok.start[0], tok.end[0] + 1)}
    found, begin = [], None
    for i, line in enumerate(text.splitlines()):
        marker = line.strip()
        if marker == BEGIN:
            if begin is not None:
                raise SourceError(f"line {i + 1}: {BEGIN} inside another region")
            begin = i
        elif marker == END:
            if begin is None:
                raise SourceError(f"line {i + 1}: {END} without {BEGIN}")
            indent = line[: len(line) - len(line.lstrip())]
            found.append(Region(begin, i, indent, (begin + 1) in in_string))
            begin = None
    if begin is not None:
        raise SourceError(f"line {begin + 1}: {BEGIN} is never closed")
    return found


def _enclosing_function(lines, index, indent):
    for k in range(index - 1, -1, -1):
        match = _DEF.match(lines[k])
        if match and len(match["indent"]) < len(indent):
            return match["name"]
    raise SourceError(f"line {index + 1}: an indented region outside any function")


def clear(text: str, *, strings_only: bool = False) -> str:
    """The learner's stub: `text` with every solution region cleared.

    With `strings_only`, code regions stay (markers too) for nbgrader to clear; only the
    derivations inside docstrings go.
    """
    lines = text.splitlines()
    out, cursor = [], 0
    for r in regions(text):
        out.extend(lines[cursor : r.begin])
        if strings_only and not r.in_string:
            out.extend(lines[r.begin : r.end + 1])
        elif r.in_string:
            while out and not out[-1].strip():  # no blank tail left in the docstring
                out.pop()
        elif r.indent:
            name = _enclosing_function(lines, r.begin, r.indent)
            out.append(f"{r.indent}# YOUR CODE HERE")
            out.append(f'{r.indent}raise NotImplementedError("{NOT_IMPLEMENTED.format(name)}")')
        else:
            out.append("# YOUR CODE HERE")
        cursor = r.end + 1
    out.extend(lines[cursor:])
    return "\n".join(out) + "\n"


def cells(text: str) -> list:
    """The notebook cells of a percent-format module."""
    found = []  # (kind, lines) of each cell, in order
    for line in text.splitlines():
        match = _CELL.match(line)
        if match:
            found.append(("markdown" if match["markdown"] else "code", []))
        elif not found:
            if line.strip():
                raise SourceError("the file must start with a `# %%` cell marker")
        elif found[-1][0] == "markdown":
            if line.strip() and not line.startswith("#"):
                raise SourceError(f"markdown cell line is not a comment: {line!r}")
            found[-1][1].append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        else:
            found[-1][1].append(line)
    sources = [(kind, "\n".join(lines).strip("\n")) for kind, lines in found]
    return [Cell(kind, source) for kind, source in sources if source.strip()]
