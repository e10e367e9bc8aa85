"""An exercise's checks as data: read specs/<id>.yaml into plain frozen objects."""
import difflib
import hashlib
import hmac
import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from . import paths

STAGES = ("type", "shape", "finite", "values", "unchanged")
# Inputs left unchanged is a check of its own, so one in-place edit costs one check only.
DEFAULT_STAGES = ("type", "shape", "finite", "values")
DEFAULT_TOLERANCE = {"rtol": 1e-6, "atol": 1e-9}
# every key a spec's entry may have: a misspelt one (`hiden: true`) would otherwise be passed over unsaid
KEYS = {"spec": ("exercise", "functions", "cases", "checks", "mistakes", "tolerance"),
        "function": ("args", "returns", "numerical", "constant", "explain", "given", "parts"),
        "case": ("build", "params", "about", "hidden", "raises", "trivial"),
        "check": ("name", "function", "case", "outputs", "stages", "points", "tolerance"),
        "tolerance": ("rtol", "atol"), "exercise": ("id", "part", "points", "title")}


class SpecError(ValueError):
    """A spec file that does not say what the grader needs."""


class NoHiddenChecks(RuntimeError):
    """Hidden checks were asked for from an installation that holds none."""


def require_hidden(exercise_ids) -> None:
    """NoHiddenChecks unless the exercises have hidden checks here: the learners' release
    (`backprop release`) holds none, and grading with it must not pass for grading with them."""
    if not any(load(exercise_id).selected("hidden") for exercise_id in exercise_ids):
        raise NoHiddenChecks(
            "This installation has no hidden checks: it is the learners' release, made by "
            "`backprop release`. Grade with the instructors' package (see docs/instructors.md).")


@dataclass(frozen=True)
class Function:
    name: str
    args: tuple  # parameter names, in positional order
    returns: tuple  # names of the returned values; one name for a single value
    numerical: bool  # compared with central differences of the forward computation
    constant: bool = False  # a module-level value such as ex07's SHAPES, not called
    explain: str = ""  # the case `backprop explain` runs it on: small, its sizes all different
    given: dict = field(default_factory=dict)  # said when it fails: {True: a text}, or texts by GIVEN_IF's names
    parts: dict = field(default_factory=dict)  # a returned tuple's entries by name: {"cache": ["Z", "Z_norm", ...]}


@dataclass(frozen=True)
class Case:
    name: str
    build: str
    params: dict
    about: str
    hidden: bool
    raises: str = ""  # the exception a correct function raises on this case, e.g. ValueError
    trivial: bool = False  # its right answer is one a function without the formula returns, by design (plan._trivial)


@dataclass(frozen=True)
class Check:
    name: str
    function: str
    case: str
    outputs: tuple  # which returned values this check judges; empty means all
    stages: tuple
    points: float
    rtol: float
    atol: float
    hidden: bool


@dataclass(frozen=True)
class Spec:
    exercise: str
    functions: dict
    cases: dict
    checks: tuple
    mistakes: dict  # misconception id -> explanation
    rules: object = field(repr=False)  # the exercise's Python rules module

    def selected(self, checks: str = "public") -> tuple:
        """The checks of a run: "public" (a learner's), "hidden" only, or "all"."""
        if checks not in ("public", "hidden", "all"):
            raise ValueError(f"checks must be public, hidden or all, not {checks!r}")
        return tuple(c for c in self.checks if checks == "all" or c.hidden == (checks == "hidden"))


def _function(name, raw):
    entry(raw, "function", f"function {name!r}")
    returns = raw.get("returns", name)
    returns = tuple(returns) if isinstance(returns, list) else (returns,)
    given = raw.get("given") or {}  # what learners' own code often lays out otherwise: one text, or several
    given = {k: " ".join(str(t).split()) for k, t in (given.items() if isinstance(given, dict) else [(True, given)])}
    parts = raw.get("parts") or {}
    if not set(parts) <= set(returns):
        raise SpecError(f"function {name!r}: parts names a value it does not return")
    return Function(name, tuple(raw.get("args", ())), returns,
                    numerical=_flag(raw, "numerical", f"function {name!r}"),
                    constant=_flag(raw, "constant", f"function {name!r}"),
                    explain=str(raw.get("explain", "")), given=given, parts=parts)


def _check(raw, cases, functions, tolerance):
    where = f"check {raw.get('name') if isinstance(raw, dict) else None!r}"
    entry(raw, "check", where)
    for key, known in (("function", functions), ("case", cases)):
        if raw[key] not in known:
            raise SpecError(f"{where}: unknown {key} {raw[key]!r}")
    stages = raw.get("stages", DEFAULT_STAGES)
    if not isinstance(stages, (list, tuple)) or not set(stages) <= set(STAGES):
        raise SpecError(f"{where}: stages must be a list among {STAGES}")
    outputs, returns = raw.get("outputs", []), functions[raw["function"]].returns
    # one returned value's outputs are keys of the dict it is, which plan.py checks on the expected one
    if not isinstance(outputs, list) or len(returns) > 1 and not set(outputs) <= set(returns):
        raise SpecError(f"{where}: outputs must be a list among {raw['function']}'s returns, "
                        f"{list(returns)}, not {outputs!r}")
    tol = {**tolerance, **entry(raw.get("tolerance", {}), "tolerance", f"{where}: tolerance")}
    return Check(raw["name"], raw["function"], raw["case"], outputs=tuple(outputs), stages=tuple(stages),
                 points=number(raw["points"], f"{where}: points"), rtol=number(tol["rtol"], f"{where}: rtol"),
                 atol=number(tol["atol"], f"{where}: atol"), hidden=cases[raw["case"]].hidden)


def _case(name, raw):
    where = f"case {name!r}"
    entry(raw, "case", where)
    if not isinstance(raw.get("params", {}), dict):
        raise SpecError(f"{where}: params must be a mapping of the builder's parameters to values")
    if empty := [key for key, value in raw.get("params", {}).items() if _below_one(value)]:
        raise SpecError(f"{where}: {empty[0]} must be 1 or more, not {raw['params'][empty[0]]!r}: a check on "
                        "an empty array passes any formula")
    return Case(name, raw["build"], raw.get("params", {}), raw.get("about", ""), _flag(raw, "hidden", where),
                raw.get("raises", ""), _flag(raw, "trivial", where))


def _below_one(value) -> bool:
    """A size under 1 among a case's params: an int, or one in a list (a range, dims, a shape)."""
    return type(value) is int and value < 1 or type(value) is list and any(map(_below_one, value))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML as an author means it: a key given twice is refused (PyYAML keeps the last, losing a case),
    and 1e-3 is a number (YAML 1.1 reads it as text, wanting 1.0e-3)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        for (key, _), value in zip(node.value, keys):
            if keys.count(value) > 1:
                raise yaml.constructor.ConstructorError(problem=f"the key {value!r} is given twice",
                                                        problem_mark=key.start_mark)
        return super().construct_mapping(node, deep)


_Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                              re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"), list("-+0123456789"))


def read(name: str):
    """The data of specs/<name>.yaml: an exercise's spec, or "exercises" for the catalogue."""
    try:
        return yaml.load(text(name), Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise SpecError(f"specs/{name}.yaml{line}: {getattr(exc, 'problem', None) or exc}") from None


def entry(raw, kind: str, where: str) -> dict:
    """raw, a mapping of KEYS[kind] only, else SpecError naming where and the key."""
    if not isinstance(raw, dict):
        raise SpecError(f"{where} must be a mapping of keys to values, not {raw!r}")
    for key in raw:
        if key not in KEYS[kind]:
            close = difflib.get_close_matches(str(key), KEYS[kind], n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"it takes {', '.join(KEYS[kind])}"
            raise SpecError(f"{where} has the key {key!r}, unknown there: {hint}")
    return raw


def number(value, where: str) -> float:
    """A points' or tolerance's value: a finite number, 0 or more (not text, which float() would take)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
        raise SpecError(f"{where} must be a number, 0 or more, not {value!r}")
    return float(value)


def _flag(raw, key: str, where: str) -> bool:
    if not isinstance(raw.get(key, False), bool):
        raise SpecError(f"{where}: {key} must be true or false, not {raw[key]!r}")
    return raw.get(key, False)


def text(name: str) -> str:
    """The text of specs/<name>.yaml, not parsed."""
    try:
        return (paths.specs() / f"{name}.yaml").read_text(encoding="utf-8")
    except FileNotFoundError:  # an exercise listed in specs/exercises.yaml before its spec was written
        raise SpecError(f"specs/{name}.yaml does not exist" + (name != "exercises") * (
            f": specs/exercises.yaml lists the exercise {name!r}, whose checks it holds")) from None


@lru_cache(maxsize=None)
def load(exercise_id: str) -> Spec:
    """The exercise's spec, checked against its rules module (SpecError names what is wrong)."""
    try:
        raw = entry(read(exercise_id), "spec", "the spec")
        functions = {n: _function(n, r or {}) for n, r in raw["functions"].items()}
        cases = {n: _case(n, r) for n, r in raw["cases"].items()}
        tolerance = {**DEFAULT_TOLERANCE, **entry(raw.get("tolerance", {}), "tolerance", "the spec's tolerance")}
        checks = tuple(_check(c, cases, functions, tolerance) for c in raw["checks"])
        for run, counted in (("public checks'", [c for c in checks if not c.hidden]), ("checks'", checks)):
            if counted and not sum(c.points for c in counted):  # they share the exercise's points by weight
                raise SpecError(f"the {run} points sum to 0: give one of them points")
        name = f"autograder.rules.{exercise_id}"
        if importlib.util.find_spec(name) is None:
            raise SpecError(f"there is no rules module autograder/rules/{exercise_id}.py")
        spec = Spec(exercise_id, functions, cases, checks, raw.get("mistakes") or {}, importlib.import_module(name))
        if problems := _misfits(spec):
            raise SpecError("; ".join(problems))
    except SpecError as exc:  # named by the file, unless read's message named it with the line
        file = "" if str(exc).startswith("specs/") else f"specs/{exercise_id}.yaml, "
        raise SpecError(f"{exercise_id}: {file}{exc}") from None
    except KeyError as exc:  # a section, or a function's, case's or check's entry, left out
        raise SpecError(f"{exercise_id}: specs/{exercise_id}.yaml lacks the key {exc.args[0]!r}, "
                        "which the grader needs") from None
    return spec


def _misfits(spec) -> list:
    """What grading would miss in the rules module, or find there that the spec does not
    name. A constant needs an oracle too: its expected value is computed from its case."""
    where = f"autograder/rules/{spec.exercise}.py"
    registries = {name: getattr(spec.rules, name, {} if name in ("CONVENTIONS", "QUANTITIES") else None)
                  for name in ("CASES", "EXPECTED", "MISTAKES", "CONVENTIONS", "QUANTITIES")}
    if wrong := [name for name, registry in registries.items() if not isinstance(registry, dict)]:
        return [f"{where} must define {name} as a dict" for name in wrong]
    problems = [f"case {c.name!r} is built by {c.build!r}, which is not in {where}'s CASES"
                for c in spec.cases.values() if c.build not in registries["CASES"]]
    problems += [f"function {name!r} has no oracle in {where}'s EXPECTED"
                 for name in spec.functions if name not in registries["EXPECTED"]]
    problems += [f"{where}'s {registry} names {name!r}, which is not among the spec's functions"
                 for registry in ("EXPECTED", "MISTAKES", "CONVENTIONS", "QUANTITIES")
                 for name in registries[registry] if name not in spec.functions]
    problems += [f"function {f.name!r} is explained on {f.explain!r}, which is not a public case"
                 for f in spec.functions.values() if f.explain and (f.explain not in spec.cases
                                                                    or spec.cases[f.explain].hidden)]
    named = ({i for found in registries["MISTAKES"].values() for m in found for i in (m.id, *m.also)}
             | {c.id for c in registries["CONVENTIONS"].values()})
    problems += [f"mistake {m!r} of {where} is not catalogued in the spec's mistakes"
                 for m in sorted(named - set(spec.mistakes))]
    problems += [f"mistake {m!r} has no explanation" for m, text in spec.mistakes.items()
                 if not isinstance(text, str) or not text.strip()]
    problems += [f"mistake {m!r} is catalogued, but {where} never names it" for m in spec.mistakes if m not in named]
    names = [c.name for c in spec.checks]  # reports, explain and the class page tell checks apart by name
    problems += [f"check name {n!r} is given to {names.count(n)} checks"
                 for n in sorted(set(names)) if names.count(n) > 1]
    return problems


def seed(exercise_id: str, case: Case, secret: str = "") -> int:
    """The case's random seed: fixed for public cases, for hidden ones an HMAC of the case
    keyed by the course secret, so that a seed that leaks tells nothing of the secret."""
    key = (secret if case.hidden else "").encode()
    digest = hmac.new(key, f"{exercise_id}/{case.name}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "little")
