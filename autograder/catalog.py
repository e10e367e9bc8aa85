"""The exercises: their ids, points and functions, and finding one by name."""
import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

from . import spec


class UnknownExercise(ValueError):
    """A name that is no exercise id nor a prefix of exactly one."""


@dataclass(frozen=True)
class Exercise:
    id: str
    points: float
    title: str
    part: int = 1  # part 1 (ex01-ex07) or part 2 (ex08-ex10), each 100 points

    @cached_property
    def functions(self) -> tuple:
        """The graded functions and constants, in spec order, read without the rules module."""
        return tuple(spec.read(self.id)["functions"])

    def function_named(self, name: str) -> str:
        """Its function or constant called name, letter case aside, else "". The spec is parsed only
        when its text holds name: most names asked about (a folder's dnn_utils.py) are in none, and
        parsing every spec took 30 ms of a `backprop check`."""
        if "functions" not in self.__dict__ and name.lower() not in spec.text(self.id).lower():
            return ""
        return next((f for f in self.functions if f.lower() == name.lower()), "")

    @property
    def prefix(self) -> str:
        return self.id.split("_", 1)[0]

    @property
    def files(self) -> tuple:
        """The names a learner's work on it may have: the Python file, then the notebook."""
        return f"{self.id}.py", f"{self.id}.ipynb"


def _read(rows) -> tuple:
    """specs/exercises.yaml's exercises, else SpecError naming the exercise and the key an edit got wrong."""
    found = []
    for row in rows if isinstance(rows, list) else [rows]:
        where = f"specs/exercises.yaml, exercise {row.get('id') if isinstance(row, dict) else row!r}"
        spec.entry(row, "exercise", where)
        if missing := [key for key in spec.KEYS["exercise"] if key not in row]:
            raise spec.SpecError(f"{where} lacks the key {missing[0]!r}")
        if row["part"] not in PARTS_KNOWN:
            raise spec.SpecError(f"{where}: part must be one of {PARTS_KNOWN}, not {row['part']!r}")
        found.append(Exercise(str(row["id"]), spec.number(row["points"], f"{where}: points"), str(row["title"]),
                              row["part"]))
    return tuple(found)


PARTS_KNOWN = (1, 2)  # curriculum.md's and curriculum-part2.md's
EXERCISES = _read(spec.read("exercises"))
BY_ID = {e.id: e for e in EXERCISES}


def part(number: int) -> tuple:
    """The exercises of a part, in teaching order."""
    return tuple(e for e in EXERCISES if e.part == number)


PARTS = tuple(sorted({e.part for e in EXERCISES}))


def part_of(exercise_id: str) -> int:
    """The part of the exercise with this id; 1 for an id the catalogue does not know (a
    report read back from before part 2)."""
    return BY_ID[exercise_id].part if exercise_id in BY_ID else 1


def find(name: str) -> Exercise:
    """The exercise named by its full id, its prefix (`ex03`) or its number (`ex3`, `3`),
    else UnknownExercise."""
    path = PurePath(str(name).strip())  # ./ex03_weight_gradients.py, as a shell completes it
    name = path.name.removesuffix(".py").removesuffix(".ipynb")
    if len(path.parts) > 1:
        raise UnknownExercise(f"{str(path)!r} is a file's path: name its exercise, and its folder with --dir "
                              f"(--dir {path.parent} {find(name).prefix}).")
    number = re.fullmatch(r"(?:ex)?0*([1-9][0-9]?)", name, re.IGNORECASE)  # ex3, EX3 or 3: as learners type it
    name = f"ex{int(number[1]):02d}" if number else name
    if name in BY_ID:
        return BY_ID[name]
    matches = [e for e in EXERCISES if e.prefix == name or e.id.startswith(name + "_")]
    if len(matches) == 1:
        return matches[0]
    begun = [e.prefix for e in EXERCISES if name and e.id.startswith(name)]
    close = difflib.get_close_matches(name, [e.id for e in EXERCISES] + [e.prefix for e in EXERCISES], n=1)
    hint = (f" {len(begun)} exercises begin so ({', '.join(begun)}): give more of the name." if len(begun) > 1
            else f" Did you mean {close[0]}?" if close else "")
    raise UnknownExercise(f"No exercise is called {name!r}.{hint} `backprop list` shows them all.")


def select(names) -> tuple:
    """The exercises named, in catalogue order."""
    chosen = {find(n).id for n in names}
    return tuple(e for e in EXERCISES if e.id in chosen)
