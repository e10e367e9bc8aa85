"""Reading a submission's files, as Python and Jupyter read them, and nothing else.

A submission is a folder holding any of `<id>.py` and `<id>.ipynb`. Only regular files
directly inside it are read: a symbolic link (to a classmate's file, or anywhere), a FIFO
or a device makes its exercise `error`, as does a file over MAX_FILE_BYTES. Files are
opened without following links and without blocking, relative to the folder opened once.

A notebook gives its code cells: IPython's line magics and shell lines become `pass`, and a
cell magic either keeps its body (`%%time`, `%%capture`) or drops the cell (`%%bash`, ...).
The worker runs a notebook, or a .py nbconvert made of one, cell by cell, statement by
statement, going on past a failed statement (autograder.execution.server).
"""
import bisect
import errno
import io
import json
import os
import re
import stat
import tokenize
from dataclasses import dataclass, replace
from pathlib import Path

MAX_FILE_BYTES = 32 * 2**20  # a notebook with its plots; learner code is far smaller
MAX_CODE_CHARACTERS = 2 * 2**20  # of a .py, or of a notebook's code cells: what any learner writes, many times

_LINE_MAGIC = re.compile(r"^(\s*)(?:[%!]|\?+[\w.]+\s*$|[\w.]+\?+\s*$)")  # %magic, !shell, ?help, help?
_ASSIGNED_MAGIC = re.compile(r"^(\s*[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*)[%!]")  # files = !ls
_PYTHON_CELL_MAGICS = ("time", "capture")  # cell magics that run their body as Python
# A line of the self-check or of nbgrader's test cells: it calls the grader, not the learner's
# code, and is passed over; the rest of its cell is the learner's (a def beside the import).
_GRADER_LINE = re.compile(r"[ \t]*(?:from[ \t]+autograder(?:\.\w+)*[ \t]+import\b|import[ \t]+autograder\b"
                          r"|(?P<assigned>[\w.]+[ \t]*=[ \t]*)?"  # result = check(...)
                          r"(?:(?:print|display)[ \t]*\([ \t]*)?"  # print(score(...))
                          r"(?:autograder(?:\.\w+)*\.)?(?:check|score|explain)[ \t]*\()")
# nbconvert's script of a notebook ("Download as .py") marks each code cell so.
_EXPORTED_CELL = re.compile(r"^# In\[[ \d]*\]:[ \t]*$", re.M)


@dataclass(frozen=True)
class Source:
    exercise: str
    path: Path
    text: str
    cells: tuple = ()  # for a notebook: the first line (1-based) of each code cell in `text`
    note: str = ""
    cell_names: tuple = ()  # how the learner knows each cell, when not as "code cell N"

    def where(self, line) -> str:
        """`line` of the source, in the learner's terms (a notebook's cell and line)."""
        if line is None:
            return ""
        if not self.by_cell:
            return f"line {line} of {self.path.name}"
        cell = self.cell_of(line)
        return f"line {line - self.cells[cell] + 1} of {self.cell_name(cell)} of {self.path.name}"

    @property
    def by_cell(self) -> bool:
        """Are its lines numbered within cells? A notebook's are; a .py's, cells or not, not."""
        return bool(self.cells) and self.path.suffix != ".py"

    def cell_of(self, line: int) -> int:
        """The index of the notebook cell that holds line."""
        return max(bisect.bisect_right(self.cells, line) - 1, 0)

    def cell_name(self, index: int) -> str:
        return self.cell_names[index] if self.cell_names else f"code cell {index + 1}"


class Unreadable(ValueError):
    """A file that is not read: a link, not a regular file, too large, not a notebook or not text."""


def read(folder, exercise_ids) -> dict:
    """{exercise id: its Source, None when the folder has no file for it, or the Unreadable
    that says why it is not read}. When both files exist the .py is graded, unless it is still
    a stub (it raises NotImplementedError) and the notebook is not: then the learner works in
    the notebook."""
    try:
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        name = Path(folder).name or str(folder)
        if exc.errno == errno.ENOTDIR and os.path.isdir(folder):  # O_NOFOLLOW met a link
            exc = OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        why = _refusal(name, exc)
        return {exercise_id: why for exercise_id in exercise_ids}
    try:
        return {exercise_id: _find(directory, Path(folder), exercise_id) for exercise_id in exercise_ids}
    finally:
        os.close(directory)


def _find(directory: int, folder: Path, exercise_id: str):
    py, ipynb = f"{exercise_id}.py", f"{exercise_id}.ipynb"
    try:
        names = sorted(os.listdir(directory))  # links too, which are refused when read
        present = [name for name in (py, ipynb) if name in names]
        like = [name for name in names if named_like(name, exercise_id) and name not in present]
        if len(present) == 2:  # each file read once, whichever is graded
            script = _read(directory, py)
            try:
                notebook = _notebook(exercise_id, folder / ipynb, _read(directory, ipynb))
            except Unreadable:  # the .py is graded
                notebook = None
            worked = notebook is None or not _stub(notebook.text)  # the notebook holds work (or may)
            if notebook is not None and worked and _stub(script.decode("utf-8", "replace")):
                found = replace(notebook, note=f"{ipynb} was graded: {py} is still a stub (it raises "
                                               "NotImplementedError), and the notebook is not.")
            else:
                found = _python(exercise_id, folder / py, script, f"both {py} and {ipynb} are here; {py} was "
                                "graded." if worked else "")
        elif present:
            found = _source(directory, folder, exercise_id, present[0])
        if present and len(like) == 1 and _stub(found.text):  # a second download, the one worked in?
            copy = _source(directory, folder, exercise_id, like[0])
            if not _stub(copy.text):
                return replace(copy, note=f"{like[0]} was graded: {found.path.name} is still a stub (it raises "
                                          "NotImplementedError), and it is not.")
        if present:
            return replace(found, note=f"{found.note} {', '.join(like)} {'is' if len(like) == 1 else 'are'} "
                                       "here too, not graded.".lstrip()) if like else found
        if len(like) > 1:
            raise Unreadable(f"no {py} or {ipynb} here, and {len(like)} files named like them: "
                             f"{', '.join(like[:5])}. Keep one, named {py} or {ipynb}.")
        if like:
            note = f"{like[0]} was graded as {exercise_id}: name it {py} or {ipynb}."
            return _source(directory, folder, exercise_id, like[0], note)
    except Unreadable as exc:
        return exc
    return None


def _source(directory: int, folder: Path, exercise_id: str, name: str, note: str = "") -> Source:
    make = _python if name.lower().endswith(".py") else _notebook
    return make(exercise_id, folder / name, _read(directory, name), note)


_ARCHIVES = (".zip", ".tar", ".gz", ".tgz", ".7z", ".rar")


def archives_note(folder) -> str:
    """What a missing exercise's message adds when the folder holds archives, which are never
    opened: an upload zipped whole, say."""
    try:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith(_ARCHIVES))
    except OSError:
        return ""
    return f" ({', '.join(names[:3])} {'is' if len(names) == 1 else 'are'} not opened: unpack it here)" if names else ""


# A browser's or a system's changes to a file's name: another case, a copy's number or word.
_COPY = re.compile(r"(.+?)(?: ?\(\d+\)|-\d+| copy(?: \d+)?)?\.(?:py|ipynb)", re.IGNORECASE)


def named_like(name: str, exercise_id: str) -> bool:
    """Is name the exercise's file name with such changes (EX03_weight_gradients (1).py)?"""
    match = _COPY.fullmatch(name)
    return match is not None and match[1].lower() == exercise_id


def _read(directory: int, name: str) -> bytes:
    """The bytes of a regular file in directory, refusing links and what could block."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=directory)
    except OSError as exc:
        raise _refusal(name, exc) from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable(f"{name} is not a regular file, and only regular files are read")
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"{name} is larger than {MAX_FILE_BYTES // 2**20} MiB, the most a file may be")
    return data


def _refusal(name: str, exc: OSError) -> Unreadable:
    if exc.errno == errno.ELOOP:
        return Unreadable(f"{name} is a symbolic link: only regular files inside a submission's own "
                          f"folder are read, never what a link points to")
    return Unreadable(f"{name} could not be read ({exc.strerror})")


def _stub(code: str) -> bool:
    """Is this code still a stub: does it raise NotImplementedError, as every stub
    `backprop start` copies does (a comment added or not)? A notebook's by its code cells,
    not by an old run's saved traceback."""
    return "raise NotImplementedError" in code


def _python(exercise_id: str, path: Path, data: bytes, note: str = "") -> Source:
    """A .py, decoded as Python reads it (a BOM or a coding line says its encoding); one
    nbconvert made of a notebook is run as the notebook, its magics (get_ipython() calls)
    doing nothing."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except SyntaxError as exc:  # an unknown encoding, or one that disagrees with a BOM
        raise Unreadable(f"{path.name} cannot be decoded: {exc.msg}") from None
    except UnicodeDecodeError:
        raise Unreadable(f"{path.name} is not {encoding} text (save it as UTF-8)") from None
    if len(text) > MAX_CODE_CHARACTERS:
        raise Unreadable(f"{path.name} holds more than {MAX_CODE_CHARACTERS // 2**20} Mi "
                         "characters, more than any exercise needs")
    marks = [text.count("\n", 0, found.start()) + 1 for found in _EXPORTED_CELL.finditer(text)]
    return Source(exercise_id, path, text, cells=tuple(sorted({1, *marks})) if marks else (), note=note)


def _notebook(exercise_id: str, path: Path, data: bytes, note: str = "") -> Source:
    """A notebook's code cells as one text, cells the line where each starts in it."""
    try:
        nb = json.loads(data.decode("utf-8-sig"))
        if nb.get("nbformat", 4) < 4:  # version 3 keeps its cells in worksheets, as "input"
            raw = [(c.get("input", ""), c.get("cell_type")) for w in nb["worksheets"] for c in w["cells"]]
        else:
            raw = [(c.get("source", ""), c.get("cell_type")) for c in nb["cells"]]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, MemoryError) as exc:
        why = _unreadable(exc, data)
        raise Unreadable(f"{path.name} is not a readable notebook: {why}") from None
    code = ["".join(source) if isinstance(source, list) else str(source) for source, kind in raw if kind == "code"]
    text, starts, _ = cells_code(path.name, code)
    return Source(exercise_id, path, text, cells=starts, note=note)


def cells_code(name: str, cells: list) -> tuple:
    """Code cells' sources as one text, the line where each cell kept starts in it, and
    the index of each cell kept (not the self-check, nbgrader's tests, %%bash ...)."""
    if sum(len(source) for source in cells) > MAX_CODE_CHARACTERS:
        raise Unreadable(f"{name}'s code cells hold more than {MAX_CODE_CHARACTERS // 2**20} Mi characters, "
                         "more than any exercise needs")
    lines, starts, kept = [], [], []
    for index, source in enumerate(cells):
        code = _cell_code(source.lstrip("\ufeff"))
        if code is None:
            continue
        starts.append(len(lines) + 1)
        kept.append(index)
        lines += code
        lines.append("")
    return "\n".join(lines) + "\n", tuple(starts), kept


def _unreadable(exc: Exception, data: bytes) -> str:
    """Why a notebook's JSON could not be read, and where, for its author to mend it."""
    if b"\n<<<<<<< " in data or data.startswith(b"<<<<<<< "):
        return "it holds a merge conflict's markers (<<<<<<<, =======, >>>>>>>); keep one side and delete them"
    if isinstance(exc, json.JSONDecodeError):
        return f"its JSON breaks off at line {exc.lineno}, column {exc.colno} ({exc.msg})"
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return f"it is not the JSON of a notebook ({exc.__class__.__name__})"


def _cell_code(source: str):
    """A code cell's lines as Python, line for line, the grader's own lines passed over;
    None for a cell that is not Python (%%bash and other cell magics)."""
    lines = source.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].lstrip()[2:].split(maxsplit=1)
        if not magic or magic[0] not in _PYTHON_CELL_MAGICS:
            return None
        lines[first] = ""
    return [_python_line(line) for line in lines]


def _python_line(line: str) -> str:
    """A line with IPython's syntax, or a line that calls the grader, made Python that does
    nothing, indentation kept."""
    grader = _GRADER_LINE.match(line)
    if grader:
        kept = f"{grader['assigned'].strip()} None" if grader["assigned"] else "pass"  # result = None
        return line[:len(line) - len(line.lstrip())] + kept
    assigned = _ASSIGNED_MAGIC.match(line)
    if assigned:
        return assigned[1] + "None"
    magic = _LINE_MAGIC.match(line)
    if magic:
        return magic[1] + "pass"
    return line
