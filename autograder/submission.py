"""Reading a submission's files, as Python and Jupyter read them, and nothing else.

A submission is a folder holding any of `<id>.py` and `<id>.ipynb`. Only regular files
directly inside it are read: a symbolic link (to a classmate's file, or anywhere), a FIFO
or a device makes its exercise `error`, as does a file over MAX_FILE_BYTES. Files are
opened without following links and without blocking, relative to the folder opened once.

A notebook gives its code cells: IPython's line magics and shell lines become `pass` (%pylab
its numpy imports, `%run x.py` a call that the worker runs), a cell of one line such as `pwd` as
IPython's automagic reads it (`%pwd`), and a cell magic either keeps its body
(`%%time`, `%%capture`) or drops the cell (`%%bash`, ...; `%%writefile x.py` makes module x of
it, as nbconvert's script does). The worker runs a notebook, or a .py made of one (nbconvert,
Colab, VS Code, Databricks), cell by cell, statement by statement, going on past a failed
statement (autograder.execution.server).
"""
import ast
import builtins
import bisect
import codecs
import codeop
import contextlib
import errno
import functools
import io
import json
import os
import re
import stat
import sys
import textwrap
import tokenize
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from . import catalog, paths
from .execution.launch import STDLIB
from .execution.sandbox import MOVE_IMPORT, NUMPY_ONLY
from .sources import NOT_IMPLEMENTED

MAX_FILE_BYTES = 32 * 2**20  # a notebook with its plots; learner code is far smaller
MAX_CODE_CHARACTERS = 2 * 2**20  # of a .py, or of a notebook's code cells: what any learner writes, many times

_LINE_MAGIC = re.compile(r"^(\s*)(?:[%!]|\?+[\w.]+\s*$|[\w.]+\?+\s*$)")  # %magic, !shell, ?help, help?
# A Jupyter kernel's line magics (IPython 9.19, ipykernel 7.4, and the autoreload extension's), which its
# automagic runs without their % in a cell of that one line (`pip install x`, `pwd`, `timeit f(x)`); else Python
_AUTOMAGICS = frozenset("""
    aimport alias alias_magic autoawait autocall automagic autoreload autosave bookmark cat cd clear code_wrap colors
    conda config connect_info cp debug dhist dirs doctest_mode ed edit env gui hist history killbgscripts ldir less lf
    lk ll load load_ext loadpy logoff logon logstart logstate logstop ls lsmagic lx macro magic mamba man matplotlib
    micromamba mkdir more mv notebook page pastebin pdb pdef pdoc pfile pinfo pinfo2 pip popd pprint precision prun
    psearch psource pushd pwd pycat pylab qtconsole quickref recall rehashx reload_ext rep rerun reset reset_selective
    rm rmdir run save sc set_env store subshell sx system tb time timeit unalias unload_ext uv who who_ls whos xdel
    xmode""".split())
_ASSIGNED_MAGIC = re.compile(r"^(\s*[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*)[%!]")  # files = !ls
_PYTHON_CELL_MAGICS = ("time", "capture")  # cell magics that run their body as Python
# The numpy names %pylab gives a notebook (dot, exp, sum, randn, norm), which Welch's learners use bare;
# nbconvert's script writes it get_ipython().run_line_magic('pylab', 'inline'), IPython 2's .magic(u'pylab inline').
_PYLAB = "; ".join(["import numpy as np"] + [f"from numpy{sub} import *" for sub in ("", ".fft", ".random", ".linalg")])
_RESET = re.compile(r"(\s*)%reset(?:[ \t]+-s)*[ \t]+-s?fs?(?:[ \t]+-s)*[ \t]*$")  # -f: no question, the names gone
_STORE_R = re.compile(r"(\s*)%store[ \t]+(-r[ \t]+\w[\w \t]*)$")  # `%store -r W b`: from IPython's database
_TIME_LINE = re.compile(r"(\s*)(?:%time[ \t]+)+(?=\S)")  # `%time x = f()` runs and binds x, as %%time its cell
_PYLAB_LINE = re.compile(r"""(\s*)(?:%pylab\b|get_ipython\(\)\.(?:run_line_magic\(|magic\(u?)['"]pylab\b)""")
_RUN = re.compile(r"""(?:%run\s+|get_ipython\(\)\.run_line_magic\(['"]run['"],\s*['"])"""
                  r"((?:-\w+\s+)*)((?:[\w.-]*/)*[A-Za-z_]\w*\.(?:py|ipynb))\b")  # src/helpers.py; a notebook,
# which the worker has no module of, named in the note of skipped statements
# A line that calls the grader (the self-check, nbgrader's test cells) is passed over; the rest of its cell is the
# learner's (a def beside it). IPython's modules are the worker's stand-ins (execution.server), imported as they are.
_GRADER_LINE = re.compile(r"[ \t]*(?:from[ \t]+autograder(?:\.\w+)*[ \t]+import\b(?P<names>[\w \t,(]*)"
                          r"|import[ \t]+autograder\b(?P<module>(?:\.\w+)*(?:[ \t]+as[ \t]+\w+)?)"
                          r"|(?P<assigned>[\w.]+[ \t]*=[ \t]*)?"  # result = check(...)
                          r"(?:(?:print|display)[ \t]*\([ \t]*)?"  # print(score(...))
                          r"(?:autograder(?:\.\w+)*\.)?(?:check|score|explain)[ \t]*\()")
_GRADER_BOUND = "  # bound by the grader's line: "  # its names, whose use (r.score, r = None) Source.graders tells
_EXIT = re.compile(r"(?:(?:sys\.)?exit\((?:0|None)?\)|quit\(\)|raise[ \t]+SystemExit(?:\((?:0|None)?\))?)\s*(?:#.*)?")
# nbconvert's script of a notebook ("Download as .py") marks each code cell so, Databricks' export the second.
_EXPORTED_CELL = re.compile(r"^(?:# In\[[ \d]*\]:|# COMMAND -{10})[ \t]*$", re.M)
_COLAB_EXPORT = re.compile(r"^Automatically generated by Colab", re.M)  # Colab's "Download .py"
# A module the next cells import; an exercise's own file (to hand in a .py) holds the notebook's code, run as a cell.
# Characters that the search for a grader call's last line may compile in one file (each try counted 100 more):
# `check(` alone on 300,000 lines took 30 tries each, 400 s. A call over several lines takes a few hundred.
LOOKAHEAD_BUDGET = 500_000
RAN_CHARACTERS = 100_000  # of the cells above one-line cells that _Ran parses: the corpus's largest holds 12,000
_WRITEFILE = re.compile(r"\s*%%writefile[ \t]+(?:(?:-a|--append)[ \t]+)?"  # [-a] ['][./ or src/]acts.py[']
                        r"(['\"]?)(?:[\w.-]*/)*(ex\d\d_)?\w+\.py\1[ \t]*")  # one way to split a path: 2^n for ././
# Names of numpy 1 that numpy 2 removed, for which numpy's own message is a paragraph (np.float) or names no
# replacement, and Python's "Did you mean" a wrong one (np.asscalar: 'isscalar'); numpy's says the rest (np.NaN)
_NUMPY_1 = {"float": "float, or np.float64", "int": "int, or np.int64", "complex": "complex", "object": "object",
            "str": "str", "unicode": "str", "asscalar": "a.item()", "product": "np.prod", "cumproduct": "np.cumprod",
            "trapz": "np.trapezoid", "in1d": "np.isin", "msort": "np.sort(a, axis=0)"}
# What an input method for Chinese, Japanese or Korean types in its full-width mode: （ ， ： ＝ ［, 、 。, a space
_FULL_WIDTH = {0x3000: "a space", 0x3001: ",", 0x3002: ".", **{p: chr(p - 0xFEE0) for p in range(0xFF01, 0xFF5F)}}
# and the curly quotes it types, which in a file without its writing (_CJK) were pasted from a PDF more likely
_CURLY = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'}
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")  # kana, ideographs, hangul


@dataclass(frozen=True)
class Source:
    exercise: str
    path: Path
    text: str
    cells: tuple = ()  # for a notebook: the first line (1-based) of each code cell in `text`
    note: str = ""
    cell_names: tuple = ()  # a notebook's: how the learner knows each cell (code cell 3, a kernel's cell [7])
    kernel: bool = False  # the cells a Jupyter kernel ran (kernel_source), not a file

    def where(self, line, cell=None) -> str:
        """`line` of the source, in the learner's terms (a notebook's cell and line); with cell,
        line of the %%time cell that nbconvert's script runs from its line cell."""
        if line is None:
            return ""
        if cell:
            magic = re.search(r"run_cell_magic\(\s*['\"](\w+)", "".join(self.lines[cell - 1:cell]))
            return f"line {line} of the {f'%%{magic[1]} ' if magic else ''}cell at {self.where(cell)}"
        if not self.by_cell:
            return f"line {line} of {self.path.name}"
        cell = self.cell_of(line)
        return f"line {line - self.cells[cell] + 1} of {self.cell_names[cell]} of {self.path.name}"

    @functools.cached_property
    def bound(self) -> dict:
        """bindings of its text, read once: a notebook's 100 NameErrors each read 2 MiB again in
        40 s of the grading process (grading._skipped_note)."""
        return bindings(self.text)

    @functools.cached_property
    def graders(self) -> frozenset:
        """The names that the grader's lines bind in Jupyter, and not here: `r = check("ex03")`'s r is None."""
        names = " ".join(re.findall(f"{_GRADER_BOUND.strip()}(.*)$", self.text, re.M)).split()
        called = set(names)
        # `r = c("ex03")`, ag.check: looked up in a set, not an alternation of the names, which a learner's file may
        # hold thousands of (the marker typed out): each line tried each name, 37 s for 100,000 over 1.4 MB
        assigned = re.findall(r"^[ \t]*(\w+)[ \t]*=[ \t]*(\w+)(?:\.\w+)?[ \t]*\(", self.text, re.M) if names else ()
        return frozenset(names + [bound for bound, name in assigned if name in called])

    @functools.cached_property
    def starred(self) -> str:
        """The course's module that its `from ... import *` brings functions from ("" if none; Ng's Application
        notebook's, whose L_model_forward is no answer): searched once, not at each check (8 ms each over 2 MiB)."""
        found = re.search(r"^from[ \t]+(dnn_app_utils_v3|dnn_utils(?:_v2)?|reg_utils|planar_utils)[ \t]+import[ \t]+\*",
                          self.text, re.M)
        return found[1] if found else ""

    @functools.cached_property
    def nodes(self) -> tuple | None:
        """syntax_nodes of its text, walked once: explain asks of it again and again, and a 2 MiB
        function's walk takes 2 s."""
        return syntax_nodes(self.text)

    @functools.cached_property
    def lines(self) -> list:
        """Its lines as Python and the worker number them: str.splitlines also breaks at U+2028. Split
        once: worded and where read a line of a 2 MiB text at each failing check (0.24 s to 0.002 s)."""
        return self.text.split("\n")

    @property
    def by_cell(self) -> bool:
        """Are its lines numbered within cells? A notebook's are, each cell named; a .py's, not."""
        return bool(self.cell_names)

    def cell_of(self, line: int) -> int:
        """The index of the notebook cell that holds line."""
        return max(bisect.bisect_right(self.cells, line) - 1, 0)

    def def_lines(self, name: str) -> list:
        """The lines where a def of name starts at the top level of the source (of a cell), in one
        reading of the text: counted from its top for each, 55,000 defs took 30 s."""
        lines, line, at = [], 1, 0
        for match in re.finditer(rf"^def {re.escape(name)}\s*\(", self.text, re.M):
            line, at = line + self.text.count("\n", at, match.start()), match.start()
            starts = self.statement_lines(self.cell_of(line))  # none: a cell that does not parse, whose defs count
            lines += [line] if not starts or line in starts else []  # not a string's (a docstring's example)
        return lines

    def deleted(self, name: str) -> tuple | None:
        """A top-level `del` of name, or `%reset -f` (in a def too: Jupyter's clears the notebook's names), below its
        last top-level def: (its line, "del" or "%reset -f"); else None."""
        last, line, at = (self.def_lines(name) or [0])[-1], 1, 0  # one search of the text, lines counted as
        # def_lines counts them: a re.match of each line took 7 s a check for a def above 2 Mi newlines and a del
        deleting = rf"^(?:(del)\b[^#\n]*\b{re.escape(name)}\b|[ \t]*get_ipython\(\)\.run_line_magic\('reset')"
        for gone in re.finditer(deleting, self.text, re.M):
            line, at = line + self.text.count("\n", at, gone.start()), gone.start()
            if line > last and line in self.statement_lines(self.cell_of(line)):
                return line, gone[1] or "%reset -f"
        return None

    @functools.cached_property
    def _starts(self) -> dict:
        """{cell: its statement_lines}: each cell parsed once for every def and del searched (a check's each)."""
        return {}

    def _cell_text(self, cell: int) -> str:
        end = self.cells[cell + 1] if cell + 1 < len(self.cells) else len(self.lines) + 1
        return "\n".join(self.lines[self.cells[cell] - 1:end - 1]) if self.cells else self.text

    @functools.cached_property
    def _parsed_cells(self) -> frozenset:
        """The cells parsed for their statement lines: in order, each that fits in what is left of RAN_CHARACTERS
        (blanks aside: a blank makes no node) once the cells before it are counted. Three cells of 99,000 `a`
        lines each took 2.9 s and 243 MiB to parse; the budget is the file's, whichever function is checked."""
        parsed, left = set(), RAN_CHARACTERS
        for cell in range(max(len(self.cells), 1)):
            size = len("".join(self._cell_text(cell).split()))
            if size <= left:
                parsed.add(cell)
                left -= size
        return frozenset(parsed)

    def statement_lines(self, cell: int) -> set:
        """The lines where the cell's statements start (a .py's: the file's), not a string's line (a docstring's
        `del x`); none of a cell that does not parse, which did not run, or past RAN_CHARACTERS other than blanks of
        the cells parsed (a 2 MiB .py's parse took the grading process 5 s and 1.3 GiB, the worker's compile 1 s):
        its defs all count, no del."""
        if cell not in self._starts:
            first = self.cells[cell] if self.cells else 1
            # not self.nodes, kept: 74 MiB for 99,000 `a` lines
            nodes = syntax_nodes(self._cell_text(cell)) if cell in self._parsed_cells else None
            self._starts[cell] = {n.lineno + first - 1 for n in nodes or () if isinstance(n, ast.stmt)}
        return self._starts[cell]

    def bodies(self, name: str) -> list:
        """Each top-level def of name with its body: the lines after it up to the next at the left
        edge that is not a comment."""
        return re.findall(rf"^def {re.escape(name)}\s*\(.*(?:\n(?![^\s#]).*)*", self.text, re.M)

    def body(self, name: str) -> str:
        """The last top-level def of name and its body; "" when there is none."""
        return (self.bodies(name) or [""])[-1]

    def worded(self, message: str, line: int | None = None) -> str:
        """A worker's message for this file (of its line): a notebook runs `if __name__ == "__main__":` as any code."""
        line_text = "".join(self.lines[line - 1:line]) if line and self.cells else ""  # a notebook's
        magic = re.match(r"[ \t]*(\w+)[ \t]+[\w-]", line_text)  # `pip install x` in a longer cell: not automagic
        if message == "invalid syntax" and magic and magic[1] in _AUTOMAGICS:
            return message + (f": Jupyter runs `{magic[1]} ...` as the magic %{magic[1]} only in a cell of that one "
                              f"line; in a longer cell, write %{magic[1]}")
        after = message == "invalid decimal literal" and line and re.search(  # Python 3.10's, of `1，` and the like
            r"\d([^\x00-\x7f])", "".join(self.lines[line - 1:line]))
        message = f"invalid character '{after[1]}' (U+{ord(after[1]):04X})" if after else message  # as 3.11's
        # Python's words for a U+00A0, a “; hex digits only, as a learner's own exception may say U+ZZ
        odd = re.match(r"invalid (?:non-printable )?character.*U\+([0-9A-Fa-f]+)", message)
        point = int(odd[1], 16) if odd else 0
        typed = _FULL_WIDTH.get(point) or _CJK.search(self.text) and _CURLY.get(point)
        if typed:
            return message + (f": the {'curly' if point in _CURLY else 'full-width'} form of {typed}, which an input "
                              f"method for Chinese, Japanese or Korean types. Switch it to half-width (English) mode "
                              f"and type {typed} again")
        if odd:
            return message + (", pasted from a PDF or a web page perhaps: it looks like a space, a quote or a minus "
                              "sign, but is not one to Python; type it again")
        if message.startswith("(unicode error) 'unicodeescape'"):  # "C:\Users\me\train.csv": \U starts an escape
            return ('(unicode error) a backslash in a string starts an escape, as \\U does in "C:\\Users": write a '
                    'Windows path r"C:\\..." or with forward slashes, "C:/..."')  # Python's words: \UXXXXXXXX
        if line and re.fullmatch(r"(?:<{7}|>{7})(?: .*)?|={7}", "".join(self.lines[line - 1:line]).rstrip()):
            return ("a merge conflict's marker (<<<<<<<, =======, >>>>>>>), which git writes where your changes and "
                    "those pulled differ: keep the lines you want and delete the markers")  # not "invalid syntax"
        if line and "".join(self.lines[line - 1:line]).lstrip().startswith("```"):  # a chat answer pasted whole
            return ("a markdown fence (```), which a chat assistant's answer or a web page puts around its code: keep "
                    "the code, and delete the fences and the answer's words around them")
        if message.startswith("f-string") and sys.version_info < (3, 12):  # what Colab's Python 3.12 reads
            return message + (": an f-string {...} may hold its own quotes and backslashes from Python 3.12 on; the "
                              f"checks run Python 3.{sys.version_info[1]}: use the other quotes, or a variable")
        pep695 = message in ("invalid syntax", "expected '('", "expected ':'") and sys.version_info < (3, 12)
        if pep695 and re.search(  # `type` aliases and generics, as Colab's Python 3.12 reads them
                r"^[ \t]*(?:type[ \t]+\w+[ \t]*(?:\[[^\]\n]*\][ \t]*)?=|(?:def|class)[ \t]+\w+\[)", self.text, re.M):
            return message + (": `type X = ...` and generics such as `def f[T](...)` are Python 3.12's; the checks run "
                              f"Python 3.{sys.version_info[1]}: write `X = ...`, and `def f(...)`")
        if "null bytes" in message and "\x00" in self.text:  # a crash's or a sync's padding, often at the end
            line = self.text.count("\n", 0, self.text.index("\x00")) + 1
            return f"{message}: {self.where(line)} holds a NUL character (\\x00), which editors hide: delete it"
        # Python 3.13 words max's and min's: "max() got an unexpected keyword argument 'axis'"
        builtin = re.fullmatch(r"'\w+' is an invalid keyword argument for (sum|max|min)\(\)|(max|min)\(\) got an "
                               r"unexpected keyword argument '\w+'|(sum)\(\) takes at most 2 "
                               r"arguments \(\d+ given\)|(any|all)\(\) takes no keyword arguments|type numpy\.ndarray "
                               r"doesn't define __(round)__ method", message)  # `from numpy import dot`, then sum(...)
        if builtin:
            name = next(filter(None, builtin.groups()))
            return message + f"; the {name}() called is Python's built-in one, not numpy's: write np.{name}(...)"
        older = re.match(r"module 'numpy' has no attribute '(\w+)'", message)
        if older and older[1] in _NUMPY_1:
            return (f"module 'numpy' has no attribute '{older[1]}': the numpy your code is checked with no longer has "
                    f"np.{older[1]}, which older numpy (yours perhaps) has. Use {_NUMPY_1[older[1]]}")
        if message == "only 0-dimensional arrays can be converted to Python scalars":  # numpy 2.4's, of float(J)
            return message + (": float(), int() and math's functions take one number, and the numpy your code is "
                              "checked with no longer takes it from an array of shape (1, 1) or (1,), as older numpy "
                              "(yours perhaps) did with a warning. Write a.item() for an array a's one number, or use "
                              "np.log and the like on arrays")
        python = re.match(r"cannot import name '\w+' from '(\w+)'|module '(\w+)' has no attribute", message)
        named = python and (python[1] or python[2])  # Jupyter's sys.path: the notebook's folder after Python's
        # A path's parts, each ending in its /, one way only: `writefile\W+[^\n'"]*` took spaces two ways, quadratic
        written = named in STDLIB and rf"writefile[^\w/.-]+(?:(?:-a|--append)[ \t]+)?(?:[\w.-]*/)*{named}\.py\b"
        if written and re.search(written, self.text):
            return re.sub(r" \(/[^()]*\)$|\. Did you mean: .*", "", message) + (  # no path of ours, no _sum
                f": {named}.py has the name of Python's own module {named}, which `import {named}` gives, in Jupyter "
                f"too: rename it my_{named}.py")
        debugger = re.match(r"No module named '(ipdb|pudb|web_pdb|remote_pdb|pdbr)'", message)  # pdb's, installed
        if debugger:
            return (f"No module named '{debugger[1]}': {debugger[1]} is a debugger, not installed where your code is "
                    "checked, and no one could type its commands there: remove the lines that import and start it")
        own = re.fullmatch(r"No module named '(\w+)'", message)
        if own and os.path.isfile(self.path.parent / f"{own[1]}.py"):  # beside it (%%writefile); too long a name: False
            return message + (f" where your code is checked: only {self.path.name} is read there, not your "
                              f"{own[1]}.py. Copy what the checks need from it into {self.path.name}")
        beside = re.fullmatch(r"\[Errno 2\] No such file or directory: '(?:\./)?([^'/]+)'", message)
        if beside and os.path.isfile(self.path.parent / beside[1]):  # exec(open("helpers.py").read()), np.load(...)
            return message + f" where your code is checked: only {self.path.name} is read there, not files beside it"
        sizes = re.fullmatch(r"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                             r"[^ ]+ \(size (\d+) is different from (\d+)\)", message)  # numpy's, of (1, 4) @ (2, 7)
        if sizes:
            columns, rows = (f"{n} {word}{'s' * (n != '1')}" for n, word in ((sizes[2], "column"), (sizes[1], "row")))
            return (f"matmul (@) of a (..., {sizes[2]}) by a ({sizes[1]}, ...): the left factor's {columns} must be as "
                    f"many as the right factor's {rows}; a transpose left out or added, the factors swapped, or "
                    "another array than meant makes such shapes")
        # W2.T * dZ2 of (4, 2) and (2, 7): `*` where a matrix product was meant (with one output unit, (4, 1) *
        # (1, 7) broadcasts to the product's values and hides it); the shapes fit it in one order only
        pair = re.fullmatch(r"operands could not be broadcast together with shapes \((\d+),(\d+)\) \((\d+),(\d+)\) ?",
                            message)
        if pair and (pair[2] == pair[3]) != (pair[4] == pair[1]):  # (2, 3) and (3, 2): a transpose, not a product
            left, right = ((1, 2), (3, 4)) if pair[2] == pair[3] else ((3, 4), (1, 2))
            left, right = (f"({pair[i]}, {pair[j]})" for i, j in (left, right))
            return (message.rstrip() + f": *, + and - work entry by entry; {left} @ {right} is the matrix product "
                    "these shapes fit, which sums over the size they share: where the derivation multiplies matrices, "
                    "write @")
        if message == "[Errno 13] Permission denied" and re.search(r"\bmultiprocessing\b|ProcessPool", self.text):
            return message + (": multiprocessing's pools (Pool, ThreadPool) and a ProcessPoolExecutor cannot run "
                              "where your code is checked. Compute in the function itself: numpy's operations on "
                              "whole arrays already do every example at once")  # the kernel refuses their lock
        cached = message.startswith("unhashable type: 'numpy.") and re.search(r"@(?:functools\.)?(?:lru_)?cache\b",
                                                                               self.text)  # not read for others
        if cached:
            return message + (": a cache such as @functools.lru_cache keeps results by the arguments, and a numpy "
                              "array cannot be a key. Remove the decorator")  # it raised before a line of theirs ran
        # bound by no line; not _name, a tool's own (Deepnote's SQL blocks call _deepnote_execute_sql)
        helper = re.match(r"name '([^\W_]\w*)' is not defined(?:\. Did you mean: '(\w+)'\?)?$", message)
        typo = helper and (helper[2] in self.bound or helper[2] in dir(builtins))  # sigmod, pritn: Python's words
        if helper and not typo and (self.kernel or re.search(rf"\b{helper[1]}\s*\(", self.text)) \
                and helper[1] not in self.bound:  # a kernel's: a constant's cell not run again after a restart too
            ran = self.kernel and (f"no cell this kernel ran since it started defines {helper[1]}, and only those "
                                   "cells are read where your code is checked: run the cell that defines it, or "
                                   "write one")
            return (f"name '{helper[1]}' is not defined: " + (ran or f"no {'cell' if self.by_cell else 'line'} of "
                    f"{self.path.name} defines {helper[1]}, and only it is read where your code is checked: define "
                    f"{helper[1]} in it") + (f", or did you mean {helper[2]}?" if helper[2] else ""))
        missing = not self.cells and re.match(r"No module named '([\w.]+)'", message)  # not installed, or the sandbox's
        if missing and line and re.match(  # autograd's users, Colab's GPU notebooks (cupy): np is not numpy
                r"[ \t]*(?:import[ \t]+[\w.]+|from[ \t]+[\w.]+[ \t]+import[ \t]+numpy)[ \t]+as[ \t]+np\b",
                "".join(self.lines[line - 1:line])):
            return (f"{missing[0]} {NUMPY_ONLY}. Write `import numpy as np` for your functions, and keep what needs "
                    f'{missing[1]} under `if __name__ == "__main__":`')
        if missing and missing[0] == message:  # h5py: why, as for matplotlib
            return f"{message} {NUMPY_ONLY}. {MOVE_IMPORT}"
        if self.by_cell:  # the sandbox's advice, for a notebook, which may import a plotting module for its plots
            return message.replace(MOVE_IMPORT, "Your notebook may use it, but not the functions the checks call")
        return message


_TARGETS = r"[ \t(\[*]*\w+[ \t)\]]*(?:,[ \t(\[*]*\w+[ \t)\]]*)*"  # a, (b, *c): names, in brackets or starred
# The target lists of an assignment (x = a, (b, f) = ...), of a for statement (not of a comprehension's for,
# whose names are its own) and of an `as` (with ... as (a, b))
# (_TARGETS takes a line's indentation and the spaces after an `=`: a [ \t]* before it too split them
# two ways, quadratic in a line of spaces and letters)
_TARGET_LISTS = re.compile(rf"^((?:{_TARGETS}(?:,[ \t]*)?=(?!=))+)"
                           rf"|^[ \t]*(?:async[ \t]+)?for\b({_TARGETS})in\b|\bas\b({_TARGETS})", re.M)


_BINDING_LINES = re.compile(r"^[ \t]*(?:(?:def|class)[ \t]+(\w+)|(\w+)[ \t]*:(?!=)"
                            r"|(?:from[ \t]+[\w.]+[ \t]+)?import\b(.*))", re.M)  # any word of an import line


def bindings(text: str) -> dict:
    """The names lines of text bind (a def, a class, an annotation, an import, a target list), each
    with the lines that bind it, in order, found in one reading of the text."""
    found = [(line.start(), [line[1] or line[2]] if line[3] is None else re.findall(r"\w+", line[3]))
             for line in _BINDING_LINES.finditer(text)]
    found += [(targets.start(), re.findall(r"\w+", targets[targets.lastindex]))
              for targets in _TARGET_LISTS.finditer(text)]
    names, line, at = {}, 1, 0
    for start, words in sorted(found, key=lambda binding: binding[0]):  # each match lies on one line
        line, at = line + text.count("\n", at, start), start
        for word in words:
            names.setdefault(word, []).append(line)
    return names


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
           ast.GeneratorExp)  # whose names are their own, not the kernel's


def kernel_globals(code: str) -> set:
    """The names a cell's Python binds in the kernel's globals, which IPython's automagic leaves to Python: at its
    left edge and in its blocks (`try: import time`, `if ...: config = {}`), not in a def's or class's body or a
    comprehension (a method's `time = m`), nor `except E as time`, which Python unbinds; none when it does not
    parse, as IPython then runs none of it."""
    names, todo = set(), list((syntax_nodes(code) or ())[:1])  # its tree, walked from the top
    while todo:
        node = todo.pop()
        if isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[0])  # `import a.b` binds a, `import a.b as c` c
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, _SCOPES[:3]):  # a def or a class
            names.add(node.name)
        if not isinstance(node, _SCOPES):
            todo.extend(ast.iter_child_nodes(node))
    return names


class _Ran:
    """The cells run so far, as a kernel's namespace: `name in ran` when one of them binds name (kernel_globals).
    Each cell's Python is read once, when a one-line cell after it first asks: most notebooks have none (a 2 MiB
    notebook's cells take 0.3 s to read). Cells are read while RAN_CHARACTERS last, a cell too large for what is
    left passed over: 2 MiB of `[[...]]` took the grading process 11 s and 1.4 GiB to parse."""

    def __init__(self, *unread):
        self.unread, self.names, self.left = list(unread), set(), RAN_CHARACTERS

    def __contains__(self, name) -> bool:
        for code in self.unread:
            if len(code) + 100 <= self.left:  # each cell counted 100 more: 40,000 empty ones are no free read
                self.left -= len(code) + 100
                self.names.update(kernel_globals(code))
        self.unread.clear()
        return name in self.names


def syntax_nodes(text: str) -> tuple | None:
    """Every node of text's syntax tree, parsed, never run; None when it does not parse (a null
    byte is a ValueError; 1+1+...+1 and ----1 are too deep for ast)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Python 3.12's SyntaxWarning of each "\d" would reach stderr
            if sys.version_info < (3, 11):  # its ast.parse has no depth check: 1+ 200,000 times overflowed
                with contextlib.suppress(SyntaxError):  # the C stack (SIGSEGV); its compiler has one
                    compile(text, "<learner code>", "exec", dont_inherit=True)  # a top-level return: ast reads it
            return tuple(ast.walk(ast.parse(text)))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class Unreadable(ValueError):
    """A file that is not read: a link, not a regular file, too large, not a notebook or not text."""

    def __init__(self, message: str, kind: str = "could not be loaded"):  # kind: as autograder.attention's
        super().__init__(message)
        self.kind = kind


def read(folder, exercise_ids) -> dict:
    """{exercise id: its Source, None when the folder has no file for it, or the Unreadable
    that says why it is not read}. When both files exist, the one with fewer functions still
    raising the stub's NotImplementedError is graded, the .py on a tie."""
    try:
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        name = Path(folder).name or str(folder)
        if exc.errno == errno.ENOTDIR and os.path.islink(folder):  # O_NOFOLLOW met a link, to a folder or nowhere
            exc = OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        return dict.fromkeys(exercise_ids, _refusal(name, exc))
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
            script, data = _read(directory, py), _read(directory, ipynb)
            try:
                notebook = read_notebook(exercise_id, folder / ipynb, data)
            except Unreadable:  # the .py is graded
                notebook = None
            left, nb_left = stubs(script.decode("utf-8", "replace")), notebook and stubs(notebook.text)
            kept = paths.content("exercises") / py  # the .py as `backprop start` left it, the notebook not
            if left and nb_left == left and kept.is_file() and script == kept.read_bytes() and data != (
                    stub := kept.with_suffix(".ipynb").read_bytes()) and notebook.text != read_notebook(
                    exercise_id, kept, stub).text:  # its bytes first: a notebook never saved is not parsed
                found = replace(notebook, note=f"{ipynb} was graded: {py} is as `backprop start` left it.")
            elif notebook is not None and not script.strip():  # an export that failed, a file never saved
                found = replace(notebook, note=f"{ipynb} was graded: {py} is empty.")
            elif notebook is not None and nb_left < left:  # the file with fewer stubs is the one worked in
                found = replace(notebook, note=f"{ipynb} was graded: {py} has {left} function{'s' * (left > 1)} "
                                               f"still raising NotImplementedError, the notebook {nb_left or 'none'}.")
            else:  # said when the notebook holds work (or may)
                found = _python(exercise_id, folder / py, script, f"both {py} and {ipynb} are here; {py} was "
                                "graded." if notebook is None or not nb_left else "")
            if found.path == folder / ipynb:  # what reading the notebook said stays: its kernel, a def in markdown
                found = replace(found, note=f"{found.note} {notebook.note}".rstrip())
        elif present:
            found = _source(directory, folder, exercise_id, present[0])
        elif len(like) > 1:
            raise Unreadable(f"no {py} or {ipynb} here, and {len(like)} files named like them: "
                             f"{', '.join(like[:5])}. Keep one, named {py} or {ipynb}.")
        elif like:
            note = f"{like[0]} was graded as {exercise_id}: name it {py} or {ipynb}."
            return _source(directory, folder, exercise_id, like[0], note)
        else:
            return None
        stub = stubs(found.text)
        worked = _worked_copies(directory, folder, exercise_id, like) if stub else []
        if worked:  # a download worked in beside a stub: the last saved is the learner's latest
            found = replace(worked[-1], note=f"{worked[-1].path.name} was graded: {found.path.name} is "
                            "still a stub (it raises NotImplementedError), and it is "
                            + ("the newest of the copies that are not." if len(worked) > 1 else "not.")
                            + f" {worked[-1].note}".rstrip())
            like.remove(found.path.name)
        elif stub and (after := [(n, f) for n in names if (f := _function_named_by(n, catalog.BY_ID[exercise_id]))]):
            name, function = after[0]  # hidden_delta.py worked in beside the stub `backprop start` left
            found = replace(found, note=f"{found.note} {name} is not read: it is named after {function}; if your "
                            f"work is in it, name it {found.path.name}.".lstrip())
        return replace(found, note=f"{found.note} {', '.join(like)} {'is' if len(like) == 1 else 'are'} "
                                   "here too, not graded.".lstrip()) if like else found
    except Unreadable as exc:
        return exc


def _worked_copies(directory: int, folder: Path, exercise_id: str, names: list) -> list:
    """The Sources of the files of names (downloads' copies) that raise no stub's NotImplementedError,
    the last saved last; a copy that cannot be read is passed over."""
    worked = []
    for name in names:
        with contextlib.suppress(Unreadable):
            copy = _source(directory, folder, exercise_id, name)
            if not stubs(copy.text):
                worked.append((os.stat(name, dir_fd=directory, follow_symlinks=False).st_mtime_ns, name, copy))
    return [copy for *_, copy in sorted(worked)]


def _source(directory: int, folder: Path, exercise_id: str, name: str, note: str = "") -> Source:
    make, data = _python if name.lower().removesuffix(".txt").endswith(".py") else read_notebook, _read(directory, name)
    if not data.strip():  # a file never saved, or an upload that failed: no code that went wrong
        raise Unreadable(f"{name} is empty: there is nothing in it to grade")
    return make(exercise_id, folder / name, data, note)


ARCHIVES = (".zip", ".tar", ".gz", ".tgz", ".7z", ".rar")


def missing_notes(folder, exercise_ids=(None,)) -> dict:
    """{exercise id: what its missing file's message adds} when the folder holds what is not read:
    archives (an upload zipped whole), .py and .ipynb files named after an exercise's function or
    its name alone (hidden_delta.py: only on the lines of the exercises it may hold; None, every
    exercise), other notebooks (Coursera's), .py files named by an exercise's number (ex03.py, an
    LMS's Lastname_..._ex03_...py), an exercise as a text notebook (jupytext's .md, Quarto's .qmd),
    or, two folders down at most, exercise files (a GitHub zip's backprop-exercises-main/exercises/).
    The folder is read once, whatever the number of ids."""
    if not exercise_ids:  # nothing missing: nothing to read
        return {}
    try:
        listed = sorted(n for n in os.listdir(folder) if not n.startswith("._"))  # macOS's resource forks: no work
        names = [n for n in listed if n.lower().endswith(ARCHIVES)]
        after = named_after(listed)
        others = [n for n in listed if (n.lower().endswith(".ipynb") or n.lower().endswith(".py")  # EX03.PY too
                                        and re.search(r"(?i)(?:^|_)ex\d", n))
                  and n not in after and not any(named_like(n, e.id) for e in catalog.EXERCISES)]
        texts = [n for n in listed if re.fullmatch(r"(?i)ex\d\d_\w+\.(?:md|qmd|rmd)", n)]  # jupytext's, Quarto's
        inner = sorted({p.parent.relative_to(folder).as_posix() + "/" for depth in (1, 2)
                        for p in Path(folder).glob("[!._]*/" * depth + "[eE][xX][0-9][0-9]_*")  # not .ipynb_checkpoints/
                        if _COPY.fullmatch(p.name) and not any(q.is_symlink() for q in p.parents[:depth])})
    except OSError:
        return dict.fromkeys(exercise_ids, "")
    said = [f"{', '.join(found[:3])} {verbs[len(found) > 1]} {why.format(('it', 'them')[len(found) > 1])}"
            for found, verbs, why in (
        (names, ("is", "are"), "not opened: unpack {} here"),
        (others, ("is", "are"), "not read: only files named as the exercises are, which `backprop start .` "
                                "copies here; copy your functions into them"),
        (inner, ("holds", "hold"), "exercise files, and only a folder's own are read")) if found]
    notes = {}
    for exercise_id in exercise_ids:
        mine = [_named_after_note(name, what, ids) for name, (what, ids) in after.items()
                if exercise_id in (None, *ids)]
        own = [n for n in texts if exercise_id is None or n[:4].lower() == exercise_id[:4]]  # its number's only
        mine = mine[:3]
        if own:
            mine.append(f"{', '.join(own[:3])} {('is', 'are')[len(own) > 1]} not read: only a .py or an .ipynb is; "
                        "`jupytext --to ipynb` or `quarto convert` makes the notebook")
        notes[exercise_id] = f" ({'; '.join(mine + said)})" if said or mine else ""
    return notes


def named_after(names) -> dict:
    """{file name: (what it is named after, the ids of the exercises it may hold)} of the .py and
    .ipynb files of names (a folder's listing) named after a function of an exercise that no file
    of names is named as (hidden_delta.py, L_model_backward (1).ipynb), or after its name alone."""
    held = {e: [name for name in names if named_like(name, e.id)] for e in catalog.EXERCISES}
    lacking, named_as = [e for e, files in held.items() if not files], sum(held.values(), [])
    found = {}
    for name in [name for name in names if name not in named_as]:  # most often none: no spec read
        stem = (_COPY.fullmatch(name) or [None, ""])[1].lower()
        asks = [(f, e.id) for e in lacking if (f := _function_named_by(name, e))]
        asks = asks or [(e.id, e.id) for e in lacking if e.id[5:] == stem]
        if asks:
            found[name] = (asks[0][0], [i for _, i in asks])
    return found


def _function_named_by(name: str, exercise) -> str:
    """The function of exercise that a .py or .ipynb file's name (a copy's too) names, else ""."""
    stem = (_COPY.fullmatch(name) or [None, ""])[1]
    return exercise.function_named(stem) if stem else ""


def _named_after_note(name: str, what: str, ids: list) -> str:
    suffix = ".ipynb" if ".ipynb" in name.lower() else ".py"
    asked = "" if what == ids[0] else f", which {listed(ids)} ask{'s' * (len(ids) == 1)} for"
    to_be = ids[0] + suffix if len(ids) == 1 else "as the exercise it holds, " + listed([i + suffix for i in ids], "or")
    return f"{name} is not read: it is named after {what}{asked}; name it {to_be}"


def listed(words: list, last: str = "and", shown: int | None = None) -> str:
    """words as a sentence lists them: a, b and c (or c); past shown of them, a, b, c and 4 more."""
    if shown is not None and len(words) > shown:
        return f"{', '.join(words[:shown])} and {len(words) - shown} more"
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else words[0]


# A browser's or a system's changes to a file's name: another case, a copy's number or word (Colab's
# "Copy of", Windows' " - Copy", Jupyter's "-Copy1" and "-checkpoint", GNOME's " (copy)"), a ".txt" that a "Save
# as" added.
_COPY = re.compile(r"(?:Copy of )?(.+?)(?: ?\(\d+\)|-\d+|-copy\d+|-checkpoint|(?: -)? copy(?: \d+| \(\d+\))?"
                   r"| \((?:another |\d+\w\w )?copy(?: \d+)?\))?\.(?:py|ipynb)(?:\.txt)?", re.IGNORECASE)


def named_like(name: str, exercise_id: str) -> bool:
    """Is name the exercise's file name with such changes (EX03_weight_gradients (1).py)?"""
    match = _COPY.fullmatch(name)
    return match is not None and match[1].lower() == exercise_id


def handed_in(folder, misnamed: bool = False) -> tuple:
    """The exercises (catalog.Exercise) that folder holds a file of, named as they are or as a
    download renames them: the files read finds (a link too, which it refuses). With misnamed,
    also each that a file is named after and may hold alone (hidden_delta.py), to be graded as
    missing with the name to give it (missing_notes)."""
    names = os.listdir(folder)
    alone = {ids[0] for _, ids in named_after(names).values() if len(ids) == 1} if misnamed else set()
    return tuple(e for e in catalog.EXERCISES if e.id in alone or any(named_like(name, e.id) for name in names))


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
        why = ": its outputs make it so; clear them (Edit > Clear Outputs of All Cells) and save" if ".ipynb" in name else ""
        raise Unreadable(f"{name} is larger than {MAX_FILE_BYTES // 2**20} MiB, the most a file may be{why}")
    return data


def _refusal(name: str, exc: OSError) -> Unreadable:
    if exc.errno == errno.ELOOP:
        return Unreadable(f"{name} is a symbolic link: only regular files inside a submission's own "
                          f"folder are read, never what a link points to", "link refused")
    return Unreadable(f"{name} could not be read ({exc.strerror})")


def stubs(code: str) -> int:
    """How many of its functions are still stubs, raising NotImplementedError as those `backprop
    start` copies do (a comment added or not), or as nbgrader's do; not a learner's own `raise
    NotImplementedError("only relu and sigmoid")`, nor one commented out or under a return. A
    notebook's by its code cells, not by an old run's saved traceback."""
    if "raise NotImplementedError(" not in code:  # which every match holds: a worked file is not scanned
        return 0
    said = re.escape(NOT_IMPLEMENTED).replace(re.escape("{}"), r"\w+")
    raises = rf'raise NotImplementedError\((?:"{said}")?\)'
    dead = r"^([ \t]*)return\b.*\n(?:[ \t]*(?:#.*)?\n)*\1" + raises  # never run
    return len(re.findall(r"^[^#\n]*" + raises, code, re.M)) - len(re.findall(dead, code, re.M))


def _python(exercise_id: str, path: Path, data: bytes, note: str = "") -> Source:
    """A .py, decoded as Python reads it (a BOM or a coding line says its encoding), its calls
    of the grader doing nothing; one nbconvert or Colab made of a notebook is run as the
    notebook, its magics (get_ipython() calls, Colab's !shell lines) doing nothing."""
    json_text = data.decode(json.detect_encoding(data), "replace")  # UTF-8, -16 or -32, as a notebook may be
    if json_text.lstrip("\ufeff \t\r\n")[:1] == "{" and '"nbformat"' in json_text:  # a notebook renamed .py
        return read_notebook(exercise_id, path, data, f"{path.name} holds a notebook, run as one: name it "
                             f"{exercise_id}.ipynb. {note}".strip())
    encoding = "utf-8"  # unless a coding line says otherwise
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        if codecs.lookup(encoding).name == "punycode":  # its decoder takes quadratic time: 1.2 M characters, 30 s
            raise LookupError(encoding)
        text = data.decode(encoding)
    except (SyntaxError, UnicodeError, LookupError) as exc:  # LookupError: a coding line may name rot13, no text
        if isinstance(exc, SyntaxError) and "invalid or missing" not in exc.msg:  # unknown, or not the BOM's
            raise Unreadable(f"{path.name} cannot be decoded: {exc.msg}") from None
        utf16 = ': it is UTF-16, Notepad\'s "Unicode"' * (data[:2] in (b"\xff\xfe", b"\xfe\xff"))
        raise Unreadable(f"{path.name} is not {encoding} text{utf16} (save it as UTF-8)") from None
    if len(text) > MAX_CODE_CHARACTERS:
        raise Unreadable(f"{path.name} holds more than {MAX_CODE_CHARACTERS // 2**20} Mi "
                         "characters, more than any exercise needs")
    lines = text.split("\n")
    # Lines Python cannot read: Colab's !shell lines, the magics of VS Code's and jupytext's `# %%` cells
    # (a `Ready?` alone is a help line only in a `# %%` script: a plain one's is a docstring's)
    percent = any(line.startswith("# %%") for line in lines)
    magics = any(_LINE_MAGIC.match(line) and (percent or line[0] in "%!") for line in lines if line[:1] not in " \t")
    marks = [n for n, line in enumerate(lines, 1) if _EXPORTED_CELL.match(line) or magics and line.startswith("# %%")]
    notebook = bool(marks or magics or _COLAB_EXPORT.search(text, 0, 1000))
    budget = [LOOKAHEAD_BUDGET]  # the file's, shared by its cells
    head = marks[0] if marks else len(lines)  # the lines above the first cell's mark; a cell's are _cell_code's
    lines[:head] = _python_lines(lines[:head], notebook, budget)
    ran = _Ran("\n".join(lines[:head]))
    for start, end in zip(marks, marks[1:] + [len(lines) + 1]):  # a cell's %%bash is not Python: dropped
        code = _cell_code(lines[start:end - 1], budget, ran)
        code = code and [_kept_cell(line, budget, ran) if "run_cell_magic(" in line else line for line in code]
        lines[start:end - 1] = [""] * (end - 1 - start) if code is None else code
        ran.unread.append("\n".join(code or []))
    last = next((n for n in range(len(lines) - 1, -1, -1) if lines[n].strip() and lines[n][0] != "#"), None)
    if last is not None and _EXIT.fullmatch(lines[last]):  # `python ex03.py` ends there, every def made: loading too
        lines[last] = "pass"
    text = "\n".join(lines)
    return Source(exercise_id, path, text, cells=tuple(sorted({1, *marks})) if notebook else (), note=note)


def read_notebook(exercise_id: str, path: Path, data: bytes, note: str = "") -> Source:
    """A notebook's code cells as one text, cells the line where each starts in it."""
    try:
        nb = json.loads(data)  # UTF-8, with a BOM or not, UTF-16 or UTF-32, as JSON may be
        v3 = nb.get("nbformat", 4) < 4  # version 3 keeps its cells in worksheets, a code cell's text as "input"
        raw = [(c.get("input" if v3 and c.get("cell_type") == "code" else "source", ""), c.get("cell_type"))
               for c in ([c for w in nb["worksheets"] for c in w["cells"]] if v3 else nb["cells"])]
        raw = [("".join(source) if isinstance(source, list) else str(source), kind) for source, kind in raw]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, MemoryError) as exc:  # a line not text too
        why = _unreadable(exc, data)
        raise Unreadable(f"{path.name} is not a readable notebook: {why}") from None
    text, starts, kept = cells_code(path.name, [source for source, kind in raw if kind == "code"])
    unrun = {name for source, kind in raw if kind in ("markdown", "raw")  # a code cell turned markdown by a key
             for name in re.findall(r"^def (\w{1,99})\s*\(", source, re.M) if f"def {name}(" not in text}
    if unrun:
        note = (f"{path.name} writes {', '.join(sorted(unrun)[:3])} in a markdown or raw cell, which does not run: "
                f"make it a code cell (press Y in Jupyter). {note}").strip()
    loads = [(n, m[1]) for n, source in enumerate(s for s, kind in raw if kind == "code")
             if (m := re.fullmatch(r"%load[ \t]+([^\n]{1,200})", source.strip()))]  # Jupyter fills it when run
    if loads:
        n, loaded = loads[0]
        note = (f"Code cell {n + 1} of {path.name} holds `%load {loaded}` alone: Jupyter puts that file's code in the "
                f"cell only when you run it. Run the cell, then save the notebook and hand it in. {note}").strip()
    try:
        language = str(nb["metadata"]["kernelspec"]["language"])[:40]  # a name, however long the file makes it
    except (KeyError, TypeError):  # Colab writes none; a notebook's metadata may be anything
        language = "python"
    if "python" not in language.lower():  # R's cells, run as Python, are SyntaxErrors and nothing else
        note = (f"{path.name}'s kernel is {language}, and the grader runs its code as Python: open the exercise's "
                f"notebook, {exercise_id}.ipynb, which is Python, and write your answers there. {note}").strip()
    return Source(exercise_id, path, text, cells=starts, note=note,  # counting the cells not run: the learner sees them
                  cell_names=tuple(f"code cell {index + 1}" for index in kept))


def cells_code(name: str, cells: list, too_many: str = "more than any exercise needs") -> tuple:
    """Code cells' sources as one text, the line where each cell kept starts in it, and
    the index of each cell kept (not the self-check, nbgrader's tests, %%bash ...)."""
    if sum(len(source) for source in cells) > MAX_CODE_CHARACTERS:
        raise Unreadable(f"{name}'s code cells hold more than {MAX_CODE_CHARACTERS // 2**20} Mi characters, {too_many}")
    lines, starts, kept, budget, ran = [], [], [], [LOOKAHEAD_BUDGET], _Ran()
    for index, source in enumerate(cells):
        code = _cell_code(re.split(r"\r\n?|\n", source.lstrip("\ufeff").rstrip("\r\n")), budget, ran)  # not U+2028
        if code is None:
            continue
        ran.unread.append("\n".join(code))
        starts.append(len(lines) + 1)
        kept.append(index)
        lines += code + [""]
    return "\n".join(lines) + "\n", tuple(starts), kept


def script_source(path, exercise) -> Source:
    """The file at path (a script's __file__), as `backprop check` reads it, its lines that call
    the grader passed over as in a notebook."""
    if not isinstance(path, str) or not os.path.isfile(path):
        raise Unreadable("check(namespace=...) grades the file whose globals() it is given, and this "
                         "namespace has none: run `backprop check` in your work folder instead")
    try:
        with tokenize.open(path) as script:  # as Python reads it: a byte-order mark, a coding line
            code = script.read()
    except (OSError, SyntaxError, UnicodeDecodeError) as exc:  # a coding line that is wrong, say
        raise Unreadable(f"{Path(path).name} could not be read: {exc}") from None
    text, starts, _ = cells_code(Path(path).name, [code])
    return Source(exercise.id, Path(path), text, cells=starts)


def kernel_source(shell, exercise) -> Source:
    """The cells the kernel ran, this one included, as one notebook, each named by its
    execution count, read as a notebook file's are (automagic included)."""
    ran = [(n, source) for n, source in enumerate(shell.history_manager.input_hist_raw) if source.strip()]
    text, starts, kept = cells_code("your notebook", [source for _, source in ran], "each run of a cell counted "
                                    "again: restart the kernel, run the notebook's cells once, then check again")
    return Source(exercise.id, Path("your notebook"), text, cells=starts,
                  cell_names=tuple(f"cell [{ran[i][0]}]" for i in kept), kernel=True)


def _unreadable(exc: Exception, data: bytes) -> str:
    """Why a notebook's JSON could not be read, and where, for its author to mend it."""
    if b"\n<<<<<<< " in data or data.startswith(b"<<<<<<< "):
        return "it holds a merge conflict's markers (<<<<<<<, =======, >>>>>>>); keep one side and delete them"
    if isinstance(exc, json.JSONDecodeError) and not exc.doc[:exc.pos].strip():  # no JSON at all: a page, a script
        return ("it is a web page, as a browser saves one: download the notebook's own file (on GitHub, Download raw "
                "file)" if exc.doc.lstrip().startswith("<") else "it is not JSON, as a notebook is: if it holds your "
                "Python code, name the file .py")
    if isinstance(exc, json.JSONDecodeError):
        return f"its JSON breaks off at line {exc.lineno}, column {exc.colno} ({exc.msg})"
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return f"it is not the JSON of a notebook ({exc.__class__.__name__})"


def _cell_code(lines: list, budget: list, ran: _Ran):
    """A code cell's lines as Python, line for line, the grader's own lines passed over;
    None for a cell that is not Python (%%bash and other cell magics). ran: the cells before it, whose
    names IPython's automagic leaves to Python (`history = fit(...)`, then `history`)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first][:1] in " \t":  # IPython takes an indented cell's common indentation off
        lines = textwrap.dedent("\n".join(lines)).split("\n")
    word = first is not None and re.match(r"\s*([\w.*]*)\s*(.?)", lines[first])  # as IPython splits a line
    if word and word[1] in _AUTOMAGICS and word[2] not in ("=", ",") and not any(map(str.strip, lines[first + 1:])) \
            and word[1] not in ran:  # `ls = 1`, `pwd, x = ...`: Python
        lines[first] = "%" + lines[first]  # the magic IPython ran, read as a line magic
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].lstrip()[2:].split(maxsplit=1)
        written = _WRITEFILE.fullmatch(lines[first])  # a module; ex03_weight_gradients.py: the notebook's own code
        if written and not written[2]:  # the worker's get_ipython() makes the module, as in nbconvert's script
            body = "\n".join(lines[first + 1:])
            return lines[:first] + [f"get_ipython().run_cell_magic('writefile', {magic[1]!r}, {body!r})"] + [""] * (
                len(lines) - first - 1)
        if not magic or magic[0] not in _PYTHON_CELL_MAGICS and not written:
            return None
        kept = magic[0] == "capture" and f"get_ipython().run_cell_magic('capture', {''.join(magic[1:])!r}, '')"
        lines[first] = kept or ""  # `%%capture cap`: cap bound, for the cells that read it; the body runs here
    return _python_lines(lines, True, budget)


def _kept_cell(line: str, budget: list, ran: _Ran) -> str:
    """nbconvert's line for a %%time or %%capture cell, whose body, a string the worker runs, is
    made Python as the cell's code would be (`!pip install x` under %%capture was a SyntaxError).
    Parsed while budget lasts, as _complete compiles: a 2 MiB `f(a, a, ...)` took 3 s and 1 GiB."""
    budget[0] -= 100 + len(line)
    try:
        with warnings.catch_warnings():  # as syntax_nodes: Python 3.12 printed each "\<ESC>" on the grader's stderr
            warnings.simplefilter("ignore")
            statements = ast.parse(line).body if budget[0] >= 0 else ()
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return line
    match statements:
        case [ast.Expr(ast.Call(ast.Attribute(attr="run_cell_magic"), [ast.Constant(str(magic)),
                                ast.Constant(str(options)), ast.Constant(str(body))], []))] \
                if magic in _PYTHON_CELL_MAGICS:
            body = "\n".join(_cell_code([f"%%{magic} {options}", *body.split("\n")], budget, ran)[1:])
            return f"get_ipython().run_cell_magic({magic!r}, {options!r}, {body!r})"
    return line


def _python_lines(lines: list, ipython: bool, budget: list) -> list:
    """_python_line of each line; the lines a call of the grader goes on over (`explain(`, then
    `"ex03",` and `)`) left blank, so that the cell still parses, its lines numbered as before.
    budget: [the characters its search for those lines may still compile], shared by a file's cells."""
    out, n = list(lines), 0
    while n < len(lines):
        out[n], end = _python_line(lines[n], ipython), n
        if out[n] != lines[n] and _GRADER_LINE.match(lines[n]):
            end = next((e for e in range(n, min(n + 30, len(lines)))
                        if _complete([lines[n].lstrip(), *lines[n + 1:e + 1]], budget)), n)
        out[n + 1:end + 1] = [""] * (end - n)
        n = end + 1
    return out


def _complete(lines: list, budget: list) -> bool:
    """The lines make a whole statement, or one that no more lines can mend; True, not compiled, once
    budget is spent."""
    budget[0] -= 100 + sum(map(len, lines))
    if budget[0] < 0:
        return True
    try:
        return codeop.compile_command("\n".join(lines)) is not None
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):  # too deep: check(----1)
        return True


def _python_line(line: str, ipython: bool = True) -> str:
    """A line that calls the grader (in a plain .py, at its top level), or (ipython) a line
    with IPython's syntax, made Python that does nothing, indentation kept."""
    grader = _GRADER_LINE.match(line)
    if grader and (ipython or line[:1] not in " \t"):
        kept = f"{grader['assigned'].strip()} None" if grader["assigned"] else "pass"  # result = None
        aliases = re.findall(r"\bas[ \t]+(\w+)", grader["names"] or grader["module"] or "")  # c() and ag.check(): None
        kept = f"{' = '.join(aliases)} = get_ipython(){'.check' * bool(grader['names'])}" if aliases else kept
        bound = aliases or re.findall(r"\w+", grader["names"] or "") or re.findall(r"[\w.]+", grader["assigned"] or "")
        return line[:len(line) - len(line.lstrip())] + kept + f"{_GRADER_BOUND}{' '.join(bound)}" * bool(bound)
    if not ipython:
        return line
    if run := _RUN.match(line):  # `%run -i helpers.py`: run by the worker's get_ipython() in the notebook's globals
        return f"get_ipython().run_line_magic('run', {' '.join([*run[1].split(), run[2]])!r}, globals())"
    if cell_magic := re.match(r"(\s*)%%(\w*)", line):  # not the cell's first line: as IPython reads it, a UsageError
        return f"{cell_magic[1]}get_ipython().run_line_magic('%{cell_magic[2]}', '')"
    if timed := _TIME_LINE.match(line):
        return timed[1] + _python_line(line[timed.end():])  # `%time check("ex03")`: the grader's line too
    if assigned := _ASSIGNED_MAGIC.match(line):
        return assigned[1] + "None"
    if reset := _RESET.match(line):  # Jupyter, and nbgrader's run, forget every name set above it
        return f"{reset[1]}get_ipython().run_line_magic('reset', '-f', globals())"
    if store := _STORE_R.match(line):  # said where it leaves a name unset: the worker has no such database
        return f"{store[1]}get_ipython().run_line_magic('store', {' '.join(store[2].split())!r}, globals())"
    if magic := _PYLAB_LINE.match(line) or _LINE_MAGIC.match(line):
        return magic[1] + (_PYLAB if magic.re is _PYLAB_LINE else "pass")
    return line
