"""Specs are checked when they load: a spec and its rules module that do not fit raise
SpecError naming the exercise and what is wrong, before any submission is graded."""
import shutil

import numpy as np
import pytest
import yaml

from autograder import catalog, compare, paths, spec
from autograder.mistakes import Convention

EX03 = "ex03_weight_gradients"
RULES = "autograder/rules/ex03_weight_gradients.py"


@pytest.fixture
def specs(tmp_path, monkeypatch):
    """The shipped specs copied to a folder of the test's own, which spec.load reads."""
    for path in paths.specs().glob("*.yaml"):
        shutil.copy(path, tmp_path)
    monkeypatch.setattr(paths, "specs", lambda: tmp_path)
    spec.load.cache_clear()
    yield tmp_path
    spec.load.cache_clear()


def edit(folder, exercise_id, change):
    """Rewrite the copy of a spec with change(raw) applied to its YAML data."""
    path = folder / f"{exercise_id}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")


def error(exercise_id=EX03) -> str:
    with pytest.raises(spec.SpecError) as raised:
        spec.load(exercise_id)
    message, file = str(raised.value), f"{exercise_id}: specs/{exercise_id}.yaml"
    assert message.startswith(file), message  # the exercise and its file, whatever is wrong
    return message.replace(f"{file}, ", f"{exercise_id}: ", 1)


@pytest.mark.parametrize("exercise_id", [e.id for e in catalog.EXERCISES])
def test_every_shipped_spec_loads(exercise_id):
    loaded = spec.load(exercise_id)
    assert loaded.checks and loaded.selected("public") and loaded.mistakes
    assert catalog.BY_ID[exercise_id].functions == tuple(loaded.functions)  # the one list of them


def test_the_copied_specs_load(specs):
    for exercise in catalog.EXERCISES:
        assert spec.load(exercise.id).exercise == exercise.id


def test_a_case_whose_builder_does_not_exist(specs):
    edit(specs, EX03, lambda raw: raw["cases"]["generic"].update(build="layers"))
    assert error() == f"{EX03}: case 'generic' is built by 'layers', which is not in {RULES}'s CASES"


def test_a_function_without_an_oracle(specs, monkeypatch):
    rules = spec.load(EX03).rules
    spec.load.cache_clear()
    monkeypatch.delitem(rules.EXPECTED, "weight_gradients")
    assert error() == f"{EX03}: function 'weight_gradients' has no oracle in {RULES}'s EXPECTED"


def test_a_function_the_rules_do_not_know(specs):
    edit(specs, EX03, lambda raw: raw["functions"].update(bias_gradient={"args": ["dZ"], "returns": "db"}))
    assert error() == f"{EX03}: function 'bias_gradient' has no oracle in {RULES}'s EXPECTED"


def test_a_constant_needs_an_oracle_too(specs, monkeypatch):
    rules = spec.load("ex07_row_major").rules
    spec.load.cache_clear()
    monkeypatch.delitem(rules.EXPECTED, "SHAPES")
    assert error("ex07_row_major") == (
        "ex07_row_major: function 'SHAPES' has no oracle in autograder/rules/ex07_row_major.py's EXPECTED")


def test_rules_that_name_a_function_the_spec_does_not_list(specs, monkeypatch):
    rules = spec.load(EX03).rules
    spec.load.cache_clear()
    monkeypatch.setitem(rules.MISTAKES, "weight_gradient", [])
    assert error() == f"{EX03}: {RULES}'s MISTAKES names 'weight_gradient', which is not among the spec's functions"


def test_a_mistake_that_is_not_catalogued(specs):
    edit(specs, EX03, lambda raw: raw["mistakes"].pop("ex03/db-wrong-axis"))
    assert error() == f"{EX03}: mistake 'ex03/db-wrong-axis' of {RULES} is not catalogued in the spec's mistakes"


def test_a_convention_that_is_not_catalogued(specs, monkeypatch):
    rules = spec.load(EX03).rules
    spec.load.cache_clear()
    monkeypatch.setattr(rules, "CONVENTIONS", {"weight_gradients": Convention("ex03/older-names", lambda v, e: None)},
                        raising=False)
    assert error() == f"{EX03}: mistake 'ex03/older-names' of {RULES} is not catalogued in the spec's mistakes"


def test_a_mistake_without_an_explanation(specs):
    edit(specs, EX03, lambda raw: raw["mistakes"].update({"ex03/db-wrong-axis": "  \n"}))
    assert error() == f"{EX03}: mistake 'ex03/db-wrong-axis' has no explanation"


def test_a_catalogued_mistake_that_no_rule_names(specs):
    edit(specs, EX03, lambda raw: raw["mistakes"].update({"ex03/db-squared": "db is squared.\nIt is not."}))
    assert error() == f"{EX03}: mistake 'ex03/db-squared' is catalogued, but {RULES} never names it"


def test_two_checks_of_one_name(specs):
    def change(raw):
        raw["checks"][1]["name"] = raw["checks"][0]["name"]
    edit(specs, EX03, change)
    name = yaml.safe_load((specs / f"{EX03}.yaml").read_text(encoding="utf-8"))["checks"][0]["name"]
    assert error() == f"{EX03}: check name {name!r} is given to 2 checks"


def test_every_problem_is_named_at_once(specs):
    def change(raw):
        raw["cases"]["generic"]["build"] = "layers"
        raw["mistakes"]["ex03/db-wrong-axis"] = ""
    edit(specs, EX03, change)
    message = error()
    assert "'layers', which is not in" in message and "'ex03/db-wrong-axis' has no explanation" in message


def test_a_check_of_an_unknown_function_names_the_exercise(specs):
    edit(specs, EX03, lambda raw: raw["checks"][0].update(function="weight_gradient"))
    assert error().endswith("unknown function 'weight_gradient'")


def test_a_spec_without_a_rules_module(specs):
    shutil.copy(specs / f"{EX03}.yaml", specs / "ex09_nowhere.yaml")
    assert error("ex09_nowhere") == "ex09_nowhere: there is no rules module autograder/rules/ex09_nowhere.py"


@pytest.mark.parametrize("change, key", [
    (lambda raw: raw["checks"][0].pop("points"), "points"),
    (lambda raw: raw["cases"]["generic"].pop("build"), "build"),
    (lambda raw: raw.pop("checks"), "checks"),
])
def test_a_key_a_spec_must_have_is_missing(specs, change, key):
    """Not a bare KeyError: the author is told the exercise, the file and the key."""
    edit(specs, EX03, change)
    assert error() == f"{EX03}: specs/{EX03}.yaml lacks the key {key!r}, which the grader needs"


# An instructor's edits of the text, as made in an editor: each refused at load with the file, the
# entry and the key, never passed over (a misspelt `hiden` made a hidden case public; an `outputs`
# typo judged nothing, for free points) nor a traceback (a range [40, 10], `rtol: loose`).
BAD_EDITS = [
    ("    points: 3\n", "    poinst: 3\n", "check 'dW and db have the shapes of W and b' has the key 'poinst', unknown "
     "there: did you mean 'points'?"),
    ("m: [7, 20]}\n    hidden: true", "m: [7, 20]}\n    hiden: true", "case 'hidden_one_unit' has the key 'hiden'"),
    ("    outputs: [dW]\n", "    outputs: [dw]\n", "outputs must be a list among weight_gradients's returns"),
    ("    outputs: [dW]\n", "    outputs: [dW]\n    tolerance: {rtl: 1.0e-3}\n", "tolerance has the key 'rtl'"),
    ("    points: 2\n", "    points: -2\n", "check 'dW and db of a square layer': points must be a number, 0 or more"),
    ("    outputs: [dW]\n", "    outputs: [dW]\n    tolerance: {rtol: '1e-3'}\n", "rtol must be a number, 0 or more, "
     "not '1e-3'"),
    ("    outputs: [dW]\n", "    outputs: [dW]\n    tolerance: 1.0e-3\n", "tolerance must be a mapping"),
    ("  hidden_as_generic:\n", "  hidden_random:\n", "line 17: the key 'hidden_random' is given twice"),
    ("m: [7, 20]}\n    hidden: true", "m: [7, 20]}\n    hidden: 'yes'", "hidden must be true or false, not 'yes'"),
    ("    params: {n_l: 4, n_prev: 3, m: 5}\n", "    params: {n_l: 4, n_prev: 3, m: 5\n", "line 12: did not find"),
    ("\nmistakes:\n", "\nmistake:\n", "the spec has the key 'mistake', unknown there: did you mean 'mistakes'?"),
]


@pytest.mark.parametrize("old, new, said", BAD_EDITS)
def test_an_edit_that_the_grader_cannot_mean_is_refused_with_its_key(specs, old, new, said):
    path = specs / f"{EX03}.yaml"
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert said in error()


def test_every_checks_points_at_0_are_refused(specs):
    edit(specs, EX03, lambda raw: [check.update(points=0) for check in raw["checks"]])
    assert error() == f"{EX03}: the public checks' points sum to 0: give one of them points"


def test_a_tolerance_written_1e_3_is_the_number(specs):
    """YAML 1.1 reads 1e-3 (no dot) as text: the spec reads it as the number an author means."""
    path = specs / f"{EX03}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    outputs: [dW]\n", "    outputs: [dW]\n    tolerance: {rtol: 1e-3}\n", 1), encoding="utf-8")
    assert {check.rtol for check in spec.load(EX03).checks if check.outputs == ("dW",)} == {1e-3}


@pytest.mark.parametrize("params, said", [({"n_l": 4, "nprev": 3, "m": 5}, "unexpected keyword argument 'nprev'"),
                                          ({"n_l": 4, "n_prev": 3, "m": [40, 10]}, "low >= high")])
def test_a_case_whose_builder_refuses_its_params_names_the_case(specs, params, said):
    from autograder import plan
    edit(specs, EX03, lambda raw: raw["cases"]["generic"].update(params=params))
    with pytest.raises(spec.SpecError) as raised:
        plan.make("public", "", (catalog.BY_ID[EX03],))
    assert str(raised.value).startswith(f"{EX03}: specs/{EX03}.yaml, case 'generic': its builder 'layer' refuses")
    assert said in str(raised.value)


@pytest.mark.parametrize("params, said", [({"n_l": 0, "n_prev": 3, "m": 5}, "n_l must be 1 or more, not 0"),
                                          ({"n_l": 4, "n_prev": 3, "m": [0, 5]}, "m must be 1 or more, not [0, 5]")])
def test_a_case_of_size_0_is_refused_with_its_key(specs, params, said):
    """n_l: 0 made empty arrays, on which dW times 7 passed the values checks."""
    edit(specs, EX03, lambda raw: raw["cases"]["generic"].update(params=params))
    assert error() == f"{EX03}: case 'generic': {said}: a check on an empty array passes any formula"


def test_outputs_that_are_not_keys_of_a_returned_dict_are_refused(specs):
    from autograder import plan
    def change(raw):
        next(c for c in raw["checks"] if c.get("outputs") == ["dW1", "db1"])["outputs"] = ["dw1", "db1"]
    edit(specs, "ex04_hidden_delta", change)
    with pytest.raises(spec.SpecError, match=r"outputs \['dw1', 'db1'\] are not all keys of what backward_propagation"):
        plan.make("public", "", (catalog.BY_ID["ex04_hidden_delta"],))


@pytest.mark.parametrize("row, said", [
    ({"id": "ex01_x", "part": 1, "points": 10, "titel": "t"}, "exercise 'ex01_x' has the key 'titel', unknown there"),
    ({"id": "ex01_x", "part": 1, "points": -10, "title": "t"}, "'ex01_x': points must be a number, 0 or more"),
    ({"id": "ex01_x", "part": "one", "points": 10, "title": "t"}, "part must be one of (1, 2), not 'one'"),
    ({"id": "ex01_x", "part": 1, "title": "t"}, "exercise 'ex01_x' lacks the key 'points'"),
])
def test_an_exercises_catalogue_entry_that_is_wrong_is_refused(row, said):
    with pytest.raises(spec.SpecError) as raised:
        catalog._read([row])
    assert str(raised.value).startswith("specs/exercises.yaml, exercise ") and said in str(raised.value)


def test_a_broken_catalogue_is_one_line_of_the_command_not_a_traceback(specs):
    """specs/exercises.yaml is read as the command's modules import: its error is said there, exit status 2."""
    import subprocess
    import sys

    path = specs / "exercises.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  points: 15", "  points: -15"), encoding="utf-8")
    run = (f"import pathlib, sys; from autograder import paths; paths.specs = lambda: pathlib.Path({str(specs)!r}); "
           "from autograder import cli; sys.exit(cli.main(['list']))")
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr == ("Error: specs/exercises.yaml, exercise 'ex03_weight_gradients': points must be a number, "
                           "0 or more, not -15\n")


def test_an_exercise_listed_without_its_spec_names_the_exercise_and_the_file(specs):
    """An id added to specs/exercises.yaml before its spec was: "[Errno 2] No such file or directory: '/...'"."""
    import subprocess
    import sys

    (specs / f"{EX03}.yaml").unlink()
    said = f"specs/{EX03}.yaml does not exist: specs/exercises.yaml lists the exercise {EX03!r}, whose checks it holds"
    assert error() == f"{EX03}: {said}"
    run = (f"import pathlib, sys; from autograder import paths; paths.specs = lambda: pathlib.Path({str(specs)!r}); "
           "from autograder import cli; sys.exit(cli.main(['list']))")
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True)
    assert done.stderr == f"Error: {said}\n"


def test_a_broken_spec_is_one_line_of_the_command_not_a_traceback(specs, capsys, monkeypatch, tmp_path):
    from autograder import cli
    path = specs / f"{EX03}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    points: 2\n", "    points: -2\n"), encoding="utf-8")
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", "a course secret of thirty-two characters")
    assert cli.main(["grade", str(tmp_path), "--hidden"]) == cli.USAGE_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {EX03}: specs/{EX03}.yaml, check 'dW and db of a square layer': points") and (
        "Traceback" not in err)


def test_the_names_of_a_returned_tuples_entries_fit_what_the_oracles_return():
    from autograder import plan

    def fits(value, parts):  # a tuple of the entries parts lists, each a name or {name: its entries}; or layers'
        if isinstance(parts, dict):
            return isinstance(value, list) and all(fits(v, parts["layers"]) for v in value)
        return isinstance(value, tuple) and len(value) == len(parts) and all(
            fits(v, p) for v, entry in zip(value, parts) if isinstance(entry, dict) for p in entry.values())

    named = 0
    for planned in plan.make("public", "", catalog.EXERCISES).exercises:
        for call in (c for c in planned.calls if c.function.parts and not c.case.raises):
            for name, parts in call.function.parts.items():
                value = call.expected[call.function.returns.index(name)]
                assert fits(value, parts), (call.function.name, name)
                named += 1
    assert named


def test_parts_of_a_value_the_function_does_not_return(specs):
    edit(specs, EX03, lambda raw: raw["functions"]["weight_gradients"].update(parts={"dZ": ["a"]}))
    assert "weight_gradients" in error() and "parts names a value it does not return" in error()


def _sizes(value):
    """What a cache keyed by the inputs' shapes tells apart: an array's shape, a dict's or a sequence's
    entries' sizes, a test function's parameters' (ex06's f), a string or a number as it is."""
    from autograder.execution.wire import FunctionSpec

    if isinstance(value, (np.ndarray, np.generic)):
        return np.shape(value)
    if isinstance(value, FunctionSpec):
        return value.name, _sizes(value.params)
    if isinstance(value, dict):
        return tuple((key, _sizes(v)) for key, v in value.items())
    if isinstance(value, (tuple, list)):
        return tuple(_sizes(v) for v in value)
    return value


@pytest.mark.parametrize("secret", ["a course secret of thirty-two characters", ""])
def test_every_function_has_a_hidden_check_on_a_public_checks_sizes_with_other_values(secret):
    """A function that keeps its results under its inputs' shapes (a dict keyed by (dZ.shape,
    A_prev.shape)), right on the first inputs of each shape, passes every check made on inputs of
    new shapes: a hidden check of each function gives it a public check's sizes, other values."""
    from autograder import plan
    from autograder.compare import same

    lacking = []
    for planned in plan.make("all", secret, catalog.EXERCISES).exercises:
        calls = [c.call for c in planned.checks if not c.call.function.constant and not c.call.case.raises]
        for name in dict.fromkeys(c.function.name for c in calls):
            public = [c for c in calls if c.function.name == name and not c.case.hidden]
            if not any(_sizes(h.arguments) == _sizes(p.arguments)
                       and not same(h.expected, p.expected, rtol=1e-6, atol=1e-9)
                       for h in calls if h.function.name == name and h.case.hidden for p in public):
                lacking.append(f"{planned.exercise.id}: {name}")
    assert not lacking


def _map(value, leaf):
    """value with leaf(array or number) applied to each of its arrays and numbers, its structure kept."""
    if isinstance(value, dict):
        return {key: _map(item, leaf) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(_map(item, leaf) for item in value)
    return leaf(value) if isinstance(value, (np.ndarray, float)) else value


def _square_transposed(value):
    """value with its square arrays transposed, or None when it has none."""
    square = [a for a in compare.leaves(value) if np.ndim(a) == 2 and np.shape(a)[0] == np.shape(a)[1] > 1]
    return _map(value, lambda a: a.T if any(a is s for s in square) else a) if square else None


# A function that knows nothing of the formula: zeros, ones, its answer's square arrays transposed, an input.
_TRIVIAL = {"zeros": lambda call: _map(call.expected, np.zeros_like),
            "ones": lambda call: _map(call.expected, np.ones_like),
            "the answer transposed": lambda call: _square_transposed(call.expected),
            **{f"input {i}": lambda call, i=i: list(call.inputs.values())[i] for i in range(5)}}
# Secrets under which a hidden case's first draw had a right answer that one of _TRIVIAL returned (until
# plan.make_call drew it again): all zeros (ex01 relu_derivative, ex05's relu layer on one example that relu keeps
# no unit of), all ones (ex01 relu_derivative of a positive z), its own transpose (ex04 square Z1 that relu keeps
# the diagonal of; ex09's small dropout masks), 1.0 (ex06 unrelated 0-d gradients of opposite signs), A2 (ex02's
# one example labelled 0).
_DEGENERATE = ["a course secret 0012 of thirty-two chars", "a course secret 0022 of thirty-two chars",
               "09ed0b4b2323bba574339fed87695c83af542b32", "c6bf4d092ff4945714b3d9fed3f3cd9b85e6545d", ""] + [
              f"a course secret {n} of thirty-two chars" for n in ("0000", "0001", "0004", "0006", "0007", "0187")]


@pytest.mark.parametrize("secret", _DEGENERATE)
def test_no_function_that_knows_no_formula_passes_a_check(secret):
    """Zeros pass a check whose right answer is all zeros, and so does every wrong formula that vanishes where
    the right one does (under some secrets, the reference solution of ex05 even failed one, as its three zero
    arrays matched in another order too); ones, a transposed answer, an input returned pass in the same way."""
    from autograder import plan

    passed = set()
    for planned in plan.make("all", secret, catalog.EXERCISES).exercises:
        for c in planned.checks:
            if c.call.case.raises or c.call.function.constant or c.call.case.trivial:
                continue
            for name, trivial in _TRIVIAL.items():
                with np.errstate(all="ignore"):
                    answer = trivial(c.call) if name[:5] != "input" or len(c.call.inputs) > int(name[6:]) else None
                if answer is not None and compare.same(answer, c.call.expected, rtol=c.spec.rtol, atol=c.spec.atol):
                    passed.add(f"{planned.exercise.id}: {c.spec.name} by {name}")
    assert not passed


@pytest.mark.parametrize("secret", [f"a course secret {n} of thirty-two chars" for n in ("0009", "0010", "0033")])
def test_no_relu_layer_is_passed_by_leaving_out_relus_derivative(secret):
    """Under these secrets the hidden relu layer on one example kept every unit (relu's derivative all 1), and a
    linear_activation_backward that took dZ = dA, leaving the derivative out, passed it."""
    from autograder import compare, plan
    exercises = [e for e in catalog.EXERCISES if e.id == "ex05_l_layer"]
    passed = []
    for c in plan.make("all", secret, exercises).exercises[0].checks:
        if c.call.function.name == "linear_activation_backward" and c.call.inputs["activation"] == "relu":
            (A_prev, W, b), dZ = c.call.inputs["cache"][0], c.call.inputs["dA"]
            left_out = (W.T @ dZ, dZ @ A_prev.T / A_prev.shape[1], dZ.mean(axis=1, keepdims=True))
            if compare.same(left_out, tuple(c.call.expected), rtol=c.spec.rtol, atol=c.spec.atol):
                passed.append(c.spec.name)
    assert not passed


@pytest.mark.parametrize("secret", [f"a course secret {n} of thirty-two chars" for n in ("0083", "0212")])
def test_no_relu_hidden_delta_is_passed_by_leaving_out_relus_slope(secret):
    """Under these secrets ex04's hidden square Z1 of a relu layer was all positive (relu's slope all 1), and a
    hidden_delta returning W2.T @ dZ2, the slope left out, passed it."""
    from autograder import compare, plan
    exercises = [e for e in catalog.EXERCISES if e.id == "ex04_hidden_delta"]
    passed = [c.spec.name for c in plan.make("all", secret, exercises).exercises[0].checks
              for i in [c.call.inputs] if c.call.function.name == "hidden_delta" and i.get("activation") == "relu"
              and compare.same(i["W2"].T @ i["dZ2"], c.call.expected, rtol=c.spec.rtol, atol=c.spec.atol)]
    assert not passed


@pytest.mark.parametrize("secret", [f"a course secret {n} of thirty-two chars" for n in ("0002", "0014")])
def test_no_hidden_network_is_passed_by_leaving_the_labels_out(secret):
    """Under these secrets ex04's hidden network on one example had labels all 0 (Y of 2 or 3 rows), so that
    dZ2 = A2 - Y was A2, and a backward_propagation leaving Y out returned every gradient right."""
    import copy

    from autograder import plan
    exercises = [e for e in catalog.EXERCISES if e.id == "ex04_hidden_delta"]
    planned = plan.make("hidden", secret, exercises).exercises[0]
    passed = []
    for c in planned.checks:
        if c.call.function.name == "backward_propagation":
            inputs = copy.deepcopy(c.call.inputs)
            inputs["Y"] = np.zeros_like(inputs["Y"])
            left_out = planned.spec.rules.EXPECTED["backward_propagation"](**inputs)
            keys = c.spec.outputs or tuple(c.call.expected)
            if compare.same({k: left_out[k] for k in keys}, {k: c.call.expected[k] for k in keys},
                            rtol=c.spec.rtol, atol=c.spec.atol):
                passed.append(c.spec.name)
    assert not passed


@pytest.mark.parametrize("secret", [f"a course secret {n} of thirty-two chars" for n in ("0052", "0066", "0134",
                                                                                              "0243")])
def test_no_hidden_check_expects_an_array_of_zeros_among_others(secret):
    """Under these secrets ex09's small networks gave layer 1 no gradient (dZ1, dW1, db1 all zeros, dropout's dW2
    too): each check of them passed zeros there, and every wrong formula of layer 1 that vanishes where the right
    one does, though the answer as a whole was not zeros."""
    from autograder import plan
    zeros = [f"{planned.exercise.id}: {c.spec.name}: {key}"
             for planned in plan.make("hidden", secret, catalog.EXERCISES).exercises for c in planned.checks
             if isinstance(c.call.expected, dict) and not c.call.case.trivial
             for key in c.spec.outputs or c.call.expected for value in [c.call.expected[key]]
             if np.size(value) > 1 and compare.same(np.zeros_like(value), value, rtol=c.spec.rtol, atol=c.spec.atol)]
    assert not zeros


def test_no_catalogued_mistake_passes_a_hidden_check_under_some_secrets_only():
    """A case on which a catalogued mistake returns the right answer cannot tell them apart. Where that holds on
    every draw it is by design (one example, where 1/m is 1); where under some secrets only, those courses' hidden
    check is blind to it: ex09's layer-1 dropout mask, forgotten, matched where layer 2 let no example through
    (secrets 0002, 0011, 0018, 0025, of 31)."""
    import collections
    import copy

    from autograder import plan

    secrets = [f"a course secret {n:04d} of thirty-two chars" for n in (*range(12), 18, 25)]
    matched = collections.defaultdict(set)
    for secret in secrets:
        for planned in plan.make("hidden", secret, catalog.EXERCISES).exercises:
            for c in planned.checks:
                for mistake in planned.spec.rules.MISTAKES.get(c.call.function.name, ()):
                    if mistake.output is None:  # recognised by a test of the reply, not by an output to match
                        continue
                    try:
                        with np.errstate(all="ignore"):
                            output = mistake.output(**copy.deepcopy(c.call.inputs))
                    except Exception:  # NotApplicable, or the mistake's own error: it matches no right answer
                        continue
                    if compare.same(output, c.call.expected, rtol=c.spec.rtol, atol=c.spec.atol):
                        matched[planned.exercise.id, c.spec.name, mistake.id].add(secret)
    assert not {key: len(found) for key, found in matched.items() if len(found) < len(secrets)}
