"""Every catalogued mistake is recognised by its id; correct variants get full marks.

The submissions are the reference solution with one function redefined (tests/variants/).
"""
import importlib

import pytest

from autograder import catalog, spec
from autograder.report import known_mistake
from conftest import RETURNS_SWAPPED, ROOT, SCHEMA, grade

IDS = [e.id for e in catalog.EXERCISES]


def _variants(kind):
    return list(_each_variant(kind))


def _each_variant(kind):
    for exercise_id in IDS:
        try:
            module = importlib.import_module(f"variants.{exercise_id}")
        except ModuleNotFoundError:
            continue
        for name, code in getattr(module, kind, {}).items():
            yield pytest.param(exercise_id, name, code, id=f"{exercise_id}:{name}")


def _grade(tmp_path, exercise_id, extra_code, hidden=False, secret="test-secret"):
    solution = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")
    (tmp_path / f"{exercise_id}.py").write_text(solution + "\n" + extra_code, encoding="utf-8")
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]], checks="all" if hidden else "public",
                           secret=secret)
    return result.exercises[0]


def test_every_catalogued_mistake_has_a_variant_and_an_explanation():
    contract = [ROOT.parent / "shared" / name for name in ("curriculum.md", "curriculum-part2.md")]
    for exercise_id in IDS:
        module = importlib.import_module(f"variants.{exercise_id}")
        explained = spec.load(exercise_id).mistakes
        assert set(module.MISTAKES) == set(explained), exercise_id
        for text in explained.values():
            assert 2 <= len(text.strip().splitlines()) <= 4
    if contract[0].is_file():  # the contract sits beside the checkout in the project's layout
        import re

        texts = [path.read_text(encoding="utf-8") for path in contract if path.is_file()]
        catalogued = {m for text in texts for m in re.findall(r"`(ex\d\d/[\w-]+)`", text)}
        covered = {m for e in IDS for m in spec.load(e).mistakes}
        # each exercise of the catalogue names exactly the mistakes the contract lists for it
        assert {m for m in catalogued if any(m.startswith(e.prefix + "/") for e in catalog.EXERCISES)} == covered


def test_every_catalogued_mistake_fits_the_report_schema():
    """A report names its exercises and mistakes under the schema's patterns: an id the
    pattern does not know makes every report that names it invalid."""
    import re

    named = SCHEMA["$defs"]["exercise"]["properties"]["id"]["pattern"]
    known = SCHEMA["$defs"]["check"]["properties"]["misconception"]["pattern"]
    for exercise_id in IDS:
        assert re.search(named, exercise_id), exercise_id
        for mistake in spec.load(exercise_id).mistakes:
            assert re.search(known, mistake), mistake


@pytest.mark.parametrize("exercise_id, mistake, code", _variants("MISTAKES"))
@pytest.mark.parametrize("hidden", [False, True], ids=["public", "hidden"])
def test_mistake_is_named(tmp_path, exercise_id, mistake, code, hidden):
    result = _grade(tmp_path, exercise_id, code, hidden)
    assert result.status == "failed"
    named = {c.misconception for c in result.checks if not c.passed}
    assert mistake in named, [c.message for c in result.checks if not c.passed]
    assert named <= {mistake, None}, f"other mistakes named too: {named}"


@pytest.mark.parametrize("exercise_id, name, code", _variants("CORRECT"))
def test_correct_variant_gets_full_marks(tmp_path, exercise_id, name, code):
    result = _grade(tmp_path, exercise_id, code, hidden=True)
    assert result.score == result.max_score, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("exercise_id, name, code", _variants("UNKNOWN"))
def test_unknown_wrong_answer_names_no_mistake(tmp_path, exercise_id, name, code):
    result = _grade(tmp_path, exercise_id, code, hidden=True)  # one example or two may mimic a mistake
    assert result.status == "failed"
    assert {c.misconception for c in result.checks} == {None}


def test_outputs_of_the_wrong_shape_earn_nothing(tmp_path):
    """A check of the inputs alone counts only when the outputs are right too: functions
    that return zeros of a wrong shape, and leave their inputs alone, earn no point."""
    for exercise in catalog.EXERCISES:
        functions = spec.load(exercise.id).functions.values()
        code = "\n".join(f"SHAPES = {{}}" if f.constant else f"def {f.name}(*args, **kwargs):\n"
                         "    return np.zeros((7, 9))\n" for f in functions)
        folder = tmp_path / exercise.id
        folder.mkdir()
        result = _grade(folder, exercise.id, code, hidden=True)
        assert result.score == 0, [c.name for c in result.checks if c.passed]


# Every graded function of the solution wrapped in a cache keyed by its arguments' shapes (a number
# or a string as it is, a callable by its type), an AI assistant's "speed-up", a training loop's;
# the functions' calls of each other reach the right ones, so that only the checks' calls are kept.
KEPT_BY_SHAPES = """
_inside = []

def _shapes(value):
    if isinstance(value, dict):
        return tuple((k, _shapes(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_shapes(v) for v in value)
    if hasattr(value, "shape"):
        return value.shape
    return value if isinstance(value, (str, int, float)) else type(value).__name__

def _remembering(function):
    kept = {{}}
    def remembered(*args, **kwargs):
        key = _shapes((args, kwargs))
        if _inside:
            return function(*args, **kwargs)
        if key not in kept:
            _inside.append(key)
            try:
                kept[key] = function(*args, **kwargs)
            finally:
                _inside.pop()
        return kept[key]
    return remembered

for _name in {names}:
    globals()[_name] = _remembering(globals()[_name])
"""


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("checks", ["all", "hidden"])
def test_results_kept_by_the_inputs_shapes_lose_the_checks_of_a_public_checks_sizes(tmp_path, exercise_id, checks):
    """Right on the first inputs of each shape, a function keeping its results by their shapes passed every
    check: each case had shapes of its own. It keeps every public point, and loses each hidden check made on
    a case built as a public case is (its sizes), with other values; also where the hidden checks run alone
    (nbgrader's hidden test cell), which loads the file afresh."""
    loaded = spec.load(exercise_id)
    names = [f.name for f in loaded.functions.values() if not f.constant]
    solution = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")
    (tmp_path / f"{exercise_id}.py").write_text(solution + KEPT_BY_SHAPES.format(names=names), encoding="utf-8")
    result = grade(tmp_path, [catalog.BY_ID[exercise_id]], checks=checks, secret="test-secret").exercises[0]
    built = {c.name: (c.build, repr(c.params)) for c in loaded.cases.values()}
    public = {(c.function, built[c.case]) for c in loaded.checks if not c.hidden}
    checks = {c.name: c for c in result.checks}
    assert all(c.passed for c in result.checks if not c.hidden), [c.message for c in result.checks if not c.passed]
    lost = [checks[c.name] for c in loaded.checks if c.hidden and (c.function, built[c.case]) in public]
    assert {c.function for c in lost} == set(names)
    assert lost and not any(c.passed for c in lost), [c.name for c in lost if c.passed]
    assert result.score <= result.max_score - sum(c.max_score for c in lost) + 1e-4  # each rounded

OLDER_KEYS = '''
def L_model_backward(AL, Y, caches):
    grads = {{}}
    L = len(caches)
    dAL = {sign}(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 2)], caches[l], "relu")
        grads["dA" + str(l + 1)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads
'''


def _dA_checks():
    """The checks of L_model_backward that judge the dA keys alone."""
    checks = spec.load("ex05_l_layer").checks
    return [c.name for c in checks if c.function == "L_model_backward" and c.outputs
            and all(k.startswith("dA") for k in c.outputs)]


def test_older_dA_keys_cost_the_dA_check_alone(tmp_path):
    result = _grade(tmp_path, "ex05_l_layer", OLDER_KEYS.format(sign="-"), hidden=True)
    failed = [c for c in result.checks if not c.passed]
    assert [c.name for c in failed] == _dA_checks() and len(failed) == 1
    assert failed[0].misconception == "ex05/grads-keys-off-by-one"
    assert "dA1 .. dA3, where dA{l} holds the gradient with respect to A[l-1]" in failed[0].message
    assert "Under those names your values are right." in failed[0].message


def test_older_dA_keys_do_not_hide_a_mistake_in_the_values(tmp_path):
    """The dA check explains the older keys, then names the values' own mistake, not the keys'
    (whose text says the arrays are right); the keys' id where the values' mistake is not known."""
    result = _grade(tmp_path, "ex05_l_layer", OLDER_KEYS.format(sign=""), hidden=True)
    failed = {c.name: c for c in result.checks if not c.passed}
    dA = failed[_dA_checks()[0]]
    assert "dA1 .. dA3, where dA{l} holds" in dA.message and "Under those names:\n" in dA.message
    assert "counts once L_model_backward also returns" in failed["AL, Y and caches are left unchanged"].message
    # on labels of one kind (one example) a flip of one term of dAL gives the same grads: none named there
    alike = _checks_where("ex05_l_layer", "test-secret", "L_model_backward", lambda i: i["Y"].min() == i["Y"].max())
    backward = {c.name: c.misconception for c in failed.values() if c.function == "L_model_backward"}
    unknown = {name: "ex05/grads-keys-off-by-one" if name == dA.name else None for name in alike}
    assert alike and backward == {name: unknown.get(name, "ex05/dAL-sign-flipped") for name in backward}
    assert dA.name not in alike and dA.misconception == "ex05/dAL-sign-flipped"


def test_each_group_of_keys_is_judged_alone(tmp_path):
    """grads without dA0 (a loop that stops one layer early) fails the dA checks only."""
    code = OLDER_KEYS.format(sign="-").replace("    return grads", "    return {k: v for k, v in {"
                                               "**grads, **{'dA%d' % (l - 1): grads['dA%d' % l] for l in "
                                               "range(1, L + 1)}}.items() if k != 'dA0' and k != 'dA%d' % L}")
    result = _grade(tmp_path, "ex05_l_layer", code)
    failed = [c for c in result.checks if not c.passed]
    assert {c.function for c in failed} == {"L_model_backward"}
    assert all("lacks the keys dA0" in c.message or "counts once" in c.message for c in failed), \
        [c.message for c in failed]
    assert {"dW1, dW2, dW3 are the numerical gradients of the cost J with respect to W1, W2, W3",
            "db1, db2, db3 are the numerical gradients of the cost J with respect to b1, b2, b3"} <= {
        c.name for c in result.checks if c.passed}


def test_a_function_that_returns_one_of_its_two_values_is_told_what_to_return(tmp_path):
    code = ("_both = gradient_check\n\n"
            "def gradient_check(f, theta, grad, epsilon=1e-7, threshold=1e-6):\n"
            "    return _both(f, theta, grad, epsilon, threshold)[0]\n")
    result = _grade(tmp_path, "ex06_gradient_check", code)
    messages = [c.message for c in result.checks if c.function == "gradient_check" and "counts once" not in c.message]
    assert len(messages) == 6 and all(m.endswith("\ngradient_check must return a tuple of 2; yours is a float.")
                                      for m in messages), messages


def test_an_input_changed_in_place_on_any_case_fails_the_inputs_check(tmp_path):
    """The inputs' check has a case of its own (tanh); a relu branch that overwrites Z1
    changes it on another case, and fails that check all the same, saying on which."""
    code = ("_reference = hidden_delta\n\n"
            "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
            "    if activation == 'relu':\n"
            "        Z1[Z1 <= 0] = 0\n"
            "        Z1[Z1 > 0] = 1\n"
            "        return (W2.T @ dZ2) * Z1\n"
            "    return _reference(dZ2, W2, Z1, activation)\n")
    result = _grade(tmp_path, "ex04_hidden_delta", code)
    [inputs] = [c for c in result.checks if c.name == "dZ2, W2 and Z1 are left unchanged"]
    assert not inputs.passed and inputs.message.startswith("On a relu hidden layer")
    assert "hidden_delta changed its argument Z1 in place." in inputs.message
    assert all(c.passed for c in result.checks if c.function == "hidden_delta" and c is not inputs)


def test_values_returned_in_another_order_are_said_to_be(tmp_path):
    result = _grade(tmp_path, "ex03_weight_gradients", RETURNS_SWAPPED)
    said = "weight_gradients returns the right values in another order: yours are (db, dW); return (dW, db)."
    failed = [c for c in result.checks if not c.passed]
    assert failed and all(said in c.message or "counts once" in c.message for c in failed)


def test_shapes_written_as_text_are_told_what_a_shape_is(tmp_path):
    result = _grade(tmp_path, "ex07_row_major", "SHAPES = {key: 'rows x columns' for key in SHAPES}\n")
    [check] = [c for c in result.checks if c.function == "SHAPES"]
    assert "must be a shape, a tuple of whole numbers such as (rows, columns); yours is 'rows x columns'." \
        in check.message


def _weight_gradients_returning(returned):
    """ex03's reference wrapped to return `returned`, an expression of its dW, db and inputs."""
    return ("_reference = weight_gradients\n\n"
            "def weight_gradients(dZ, A_prev):\n"
            "    dW, db = _reference(dZ, A_prev)\n"
            f"    return {returned}\n")


def test_a_mean_over_the_wrong_axis_is_the_wrong_axis_too(tmp_path):
    code = _weight_gradients_returning("dW, np.mean(dZ, axis=0, keepdims=True)")
    result = _grade(tmp_path, "ex03_weight_gradients", code)
    assert {c.misconception for c in result.checks if not c.passed} == {"ex03/db-wrong-axis"}


OWN_CACHE = '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, {"Z_norm": Z_norm, "gamma": gamma, "ivar": 1 / np.sqrt(var + eps)}


def batchnorm_backward(dout, cache):
    Z_norm, gamma, ivar = cache["Z_norm"], cache["gamma"], cache["ivar"]
    dZ_norm = dout * gamma
    dZ = ivar * (dZ_norm - dZ_norm.mean(axis=1, keepdims=True)
                 - Z_norm * (dZ_norm * Z_norm).mean(axis=1, keepdims=True))
    return dZ, np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
'''


def test_a_cache_unpacked_in_another_order_is_told_how_the_checks_lay_it_out(tmp_path):
    code = ("_right = batchnorm_backward\n\ndef batchnorm_backward(dout, cache):\n"
            "    Z, mu, var, Z_norm, gamma, beta, eps = cache\n"
            "    return _right(dout, (Z, Z_norm, mu, var, gamma, beta, eps))\n")
    failed = [c for c in _grade(tmp_path, "ex10_batchnorm", code).checks if not c.passed]
    assert failed and "unpack it so" in failed[0].message, failed[0].message


def _graded_with_peak(tmp_path, exercise_id, code):
    """The result of grading code, and the most memory the grading process (this one) held meanwhile."""
    import tracemalloc
    tracemalloc.start()
    try:
        return _grade(tmp_path, exercise_id, code), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_dz_that_broadcasts_to_many_copies_of_a_case_is_not_compared_as_them(tmp_path):
    """A dZ of shape (K, 1, 1) broadcasts against a case's (n, m): ex10's matchers of a dZ (the cache read in
    another order, eps fixed) compared K copies of each, 12 s and 190 MiB at a time of the grading process for a
    million K, ten times a check; the reply's bound lets K be 11 million. A dZ of another shape is none of them."""
    code = ("_right = batchnorm_backward\n\ndef batchnorm_backward(dout, cache):\n"
            "    return (np.zeros((1_000_000, 1, 1), dtype=np.uint8), *_right(dout, cache)[1:])\n")
    result, peak = _graded_with_peak(tmp_path, "ex10_batchnorm", code)
    assert not [c for c in result.checks if c.name.startswith("dZ is") and c.passed], result.checks
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MiB"  # broadcast: 190 MiB and more


def test_a_forward_cache_entry_that_broadcasts_to_many_copies_of_z_is_not_compared_as_them(tmp_path):
    """The forward pass's cache, whose layout a failing check's text tells, is the learner's: a mu and var of
    shape (K, 1, 1) made (Z - mu) / sqrt(var + eps) K copies of Z in the grading process (8 s and 600 MiB at
    a million K on the public checks; a hidden Z of 9 x 40 is 15 times that). It is not the contract's layout."""
    code = ("_right = batchnorm_forward\n\ndef batchnorm_forward(Z, gamma, beta, eps=1e-5):\n"
            "    out, cache = _right(Z, gamma, beta, eps)\n    big = np.zeros((1_000_000, 1, 1), dtype=np.uint8)\n"
            "    return out + 1.0, (Z, cache[1], big, big, gamma, beta, eps)\n")
    result, peak = _graded_with_peak(tmp_path, "ex10_batchnorm", code)
    forward = [c for c in result.checks if c.function == "batchnorm_forward" and not c.passed]
    assert forward and all("The contract lays the cache out as the tuple" in c.message for c in forward)
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MiB"  # broadcast: 600 MiB


def test_a_cache_laid_out_otherwise_is_told_how_the_checks_lay_it_out(tmp_path):
    """CS231n leaves the cache's layout to the learner; the contract fixes it."""
    result = _grade(tmp_path, "ex10_batchnorm", OWN_CACHE)
    backward = [c for c in result.checks if c.function == "batchnorm_backward"]
    assert backward and not any(c.passed for c in backward)
    assert all("raised TypeError" in c.message and "the tuple (Z, Z_norm, mu, var, gamma, beta, eps) in that "
               "order, whatever your batchnorm_forward returns" in c.message for c in backward)
    forward = next(c for c in result.checks if c.function == "batchnorm_forward" and not c.passed)
    assert "cache must be a tuple of 7; yours is a dict." in forward.message \
        and "The contract lays the cache out as the tuple (Z, Z_norm" in forward.message



UNPACKED = "    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache\n"
REG_BACKWARD = ("\ndef backward_propagation_with_regularization(X, Y, cache, lambd):\n" + UNPACKED
                + "    m, dZ3 = X.shape[1], A3 - Y\n    dW3 = dZ3 @ A2 / m + lambd / m * W3\n")


@pytest.mark.parametrize("code", [
    REG_BACKWARD,  # A2 not transposed: a shape error that a misread cache could raise as well
    REG_BACKWARD.replace("A3, W3, b3) =", "Z3, W3, b3) =").replace("Z3, A3,", "A3, Z3,"),
    REG_BACKWARD.replace("W3, b3) =", "W3) ="),
], ids=["a shape error", "Z3 read as A3", "an unpacking error"])
def test_ex09s_advice_on_the_cache_holds_whichever_the_error_is(tmp_path, code):
    """A shape error may be a misread cache's or a slip of the learner's own: the layout is told
    in words true of both, not as the learner's fault."""
    failed = [c for c in _grade(tmp_path, "ex09_regularization", code).checks if not c.passed]
    assert failed and all("the tuple (Z1, A1, W1, b1," in c.message and "unpack it so" not in c.message
                          for c in failed if c.function == "backward_propagation_with_regularization")


# Each reads its cache, or applies its masks, as the contract lays them out, and slips elsewhere
PENALTY_FORGOTTEN_IN_DW1 = '''
_right = backward_propagation_with_regularization

def backward_propagation_with_regularization(X, Y, cache, lambd):
    gradients = _right(X, Y, cache, lambd)
    gradients["dW1"] = gradients["dW1"] - lambd / X.shape[1] * cache[2]
    return gradients
'''
DZ3_OVER_M = '''
_right = backward_propagation_with_regularization

def backward_propagation_with_regularization(X, Y, cache, lambd):
    gradients = _right(X, Y, cache, lambd)
    gradients["dZ3"] = gradients["dZ3"] / X.shape[1]
    return gradients
'''
OWN_DROPOUT_CACHE = '''
_right = forward_propagation_with_dropout

def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, _, W3, b3) = _right(X, parameters, keep_prob, masks)
    return A3, (Z1, A1, D1, W1, b1, Z2, A2, D2, W2, b2, Z3, A3, W3, b3)
'''
B2_FORGOTTEN = '''
_right = forward_propagation_with_dropout

def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    return _right(X, {**parameters, "b2": 0 * parameters["b2"]}, keep_prob, masks)
'''
EPS_FORGOTTEN = '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu, var = np.mean(Z, axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
'''
STATS_AS_ROWS = '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu, var = np.mean(Z, axis=1), np.var(Z, axis=1)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
'''
STAGED_EPS_OUTSIDE = '''
def batchnorm_backward(dout, cache):
    x, x_hat, mu, var, gamma, beta, eps = cache
    N, dx_hat, std = x.shape[1], dout * gamma, np.sqrt(var) + eps
    dvar = np.sum(dx_hat * (x - mu), axis=1, keepdims=True) * -0.5 / std ** 3
    dmu = np.sum(-dx_hat / std, axis=1, keepdims=True)
    dx = dx_hat / std + dvar * 2 * (x - mu) / N + dmu / N
    return dx, np.sum(dout * x_hat, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
'''
ROW_MAJOR_BACKWARD = '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    N, dZ_norm = dout.shape[0], dout * gamma
    dZ = (N * dZ_norm - dZ_norm.sum(axis=0) - Z_norm * np.sum(dZ_norm * Z_norm, axis=0)) / N / np.sqrt(var + eps)
    return dZ, np.sum(dout * Z_norm, axis=0), dout.sum(axis=0)
'''

ROW_MAJOR_ALT = '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    N = dout.shape[0]
    dbeta, dgamma = dout.sum(axis=0), np.sum(dout * Z_norm, axis=0)
    dZ = (1. / N) * gamma * (var + eps) ** -0.5 * (N * dout - dbeta - Z_norm * dgamma)
    return dZ, dgamma, dbeta
'''


@pytest.mark.parametrize("code", [ROW_MAJOR_BACKWARD, ROW_MAJOR_ALT], ids=["gamma inside", "gamma outside (_alt)"])
def test_cs231ns_row_major_batchnorm_backward_is_named_on_every_check(tmp_path, code):
    """Its sums over axis 0 make dgamma and dbeta wrong too: a check of any of them names it."""
    failed = [c for c in _grade(tmp_path, "ex10_batchnorm", code, hidden=True).checks if not c.passed]
    assert failed and all(c.misconception == "ex10/normalised-wrong-axis" for c in failed), \
        [c.name for c in failed if c.misconception is None]


MATMUL_FOR_ELEMENTWISE = '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    dZ_norm = dout * gamma
    dZ = (dZ_norm - dZ_norm.mean(axis=1, keepdims=True)
          - Z_norm @ (dZ_norm * Z_norm).mean(axis=1, keepdims=True)) / np.sqrt(var + eps)
    return dZ, np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
'''


@pytest.mark.parametrize("exercise_id, code, function, given", [
    ("ex09_regularization", PENALTY_FORGOTTEN_IN_DW1, "backward_propagation_with_regularization", "lays it out"),
    ("ex09_regularization", DZ3_OVER_M, "backward_propagation_with_regularization", "lays it out"),
    ("ex09_regularization", B2_FORGOTTEN, "forward_propagation_with_dropout", "D1, D2 = masks"),
    ("ex09_regularization", "def compute_cost_with_regularization(A3, Y, parameters, lambd):\n"
     "    squares = sum(np.sum(np.square(parameters['W' + str(l)])) for l in range(len(parameters) // 2))\n"
     "    return compute_cost(A3, Y) + lambd / (2 * Y.shape[1]) * squares\n", "compute_cost_with_regularization",
     "other depths"),
    ("ex09_regularization", OWN_DROPOUT_CACHE, "forward_propagation_with_dropout", "D1, D2 = masks"),
    *(("ex09_regularization", "def forward_propagation_with_dropout(X, parameters, keep_prob, masks):\n" + body,
       "forward_propagation_with_dropout", "D1, D2 = masks")
      for body in ("    return parameters['W1'].T @ X, ()\n", "    pass\n",
                   "    return relu(parameters['W1'] @ X + parameters['b1']) * masks[0] / keep_prob\n")),
    ("ex10_batchnorm", EPS_FORGOTTEN, "batchnorm_forward", "The contract lays the cache out"),
    ("ex10_batchnorm", STATS_AS_ROWS, "batchnorm_forward", "The contract lays the cache out"),
    ("ex10_batchnorm", EPS_FORGOTTEN.replace("axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True)",
                                             "), np.var(Z, ddof=1)").replace("np.sqrt(var)", "(np.sqrt(var) + eps)"),
     "batchnorm_forward", "The contract lays the cache out"),
    ("ex10_batchnorm", EPS_FORGOTTEN.replace("Z_norm = (Z - mu) / np.sqrt(var)", "Z -= mu\n    Z_norm = Z / np.sqrt(var + eps)"),
     "batchnorm_forward", "The contract lays the cache out"),
    ("ex10_batchnorm", ROW_MAJOR_BACKWARD, "batchnorm_backward", "unpack it so"),
    ("ex10_batchnorm", "def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    out = gamma * Z + beta\n",
     "batchnorm_forward", "The contract lays the cache out"),
    ("ex10_batchnorm", "def batchnorm_backward(dout, cache):\n    dbeta = dout.sum(axis=1, keepdims=True)\n",
     "batchnorm_backward", "unpack it so"),
    ("ex10_batchnorm", "_right = batchnorm_backward\n\ndef batchnorm_backward(dout, cache):\n"
     "    Z, Z_norm, mu, var, gamma, beta, eps = cache\n"
     "    return _right(dout, (Z, (Z - mu) / np.sqrt(var), mu, var, gamma, beta, eps))\n", "batchnorm_backward",
     "unpack it so"),
    ("ex10_batchnorm", MATMUL_FOR_ELEMENTWISE, "batchnorm_backward", "unpack it so"),
], ids=["dW1 without its penalty", "dZ3 divided by m", "b2 left out", "the penalty's loop from W0", "masks applied, the cache laid out otherwise",
        "a shape error of its own, masks untouched", "no return", "an A1 for the pair (A3, cache)", "eps left out", "mu without keepdims raises",
        "statistics of all entries, ddof=1 and eps outside the root", "Z centred in place",
        "CS231n's sums over axis 0", "forward, no return", "backward, no return", "Z_norm recomputed without eps", "a product of the learner's own that raises"])
def test_a_cache_read_as_laid_out_is_not_told_how_it_is_laid_out(tmp_path, exercise_id, code, function, given):
    failed = [c for c in _grade(tmp_path, exercise_id, code).checks if c.function == function and not c.passed]
    assert failed and not any(given in c.message for c in failed), failed[0].message

DA_STORED_BEFORE_MASK = '''
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    m, dZ3 = X.shape[1], A3 - Y
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * D2 / keep_prob * (A2 > 0)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * D1 / keep_prob * (A1 > 0)
    grads = {"dZ3": dZ3, "dA2": dA2, "dZ2": dZ2, "dA1": dA1, "dZ1": dZ1}
    for l, A_prev in ((3, A2), (2, A1), (1, X)):
        grads[f"dW{l}"] = grads[f"dZ{l}"] @ A_prev.T / m
        grads[f"db{l}"] = np.sum(grads[f"dZ{l}"], axis=1, keepdims=True) / m
    return grads
'''


@pytest.mark.parametrize("exercise_id, code, named", [
    ("ex03_weight_gradients", "def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
     "    return dZ @ A_prev.T / m, (1 / m) * np.sum(dZ, axis=0, keepdims=True).T\n", {"ex03/db-wrong-axis"}),
    ("ex03_weight_gradients", "def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
     "    return dZ @ A_prev.T / m, np.sum(dZ, axis=0) / m\n", {"ex03/db-wrong-axis"}),
    ("ex03_weight_gradients", "def weight_gradients(dZ, A_prev):\n"
     "    return A_prev @ dZ.T, np.sum(dZ, axis=1, keepdims=True)\n",
     {"ex03/dW-transposed", "ex03/missing-1-over-m"}),
    ("ex03_weight_gradients", "def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
     "    return np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1)\n", {"ex03/db-lost-keepdims"}),
    ("ex02_output_delta", "def compute_cost(A2, Y):\n"
     "    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))\n", {"ex02/cost-sign-flipped"}),
    ("ex10_batchnorm", ROW_MAJOR_BACKWARD, {"ex10/normalised-wrong-axis"}),
    ("ex10_batchnorm", STAGED_EPS_OUTSIDE, {"ex10/eps-outside-sqrt"}),
    ("ex10_batchnorm", ROW_MAJOR_BACKWARD.replace("np.sum(dout * Z_norm, axis=0), dout.sum(axis=0)",
                                                  "np.sum(dout * Z_norm, axis=1, keepdims=True), dout.sum(axis=1, keepdims=True)"),
     {"ex10/normalised-wrong-axis"}),
    ("ex08_softmax_cross_entropy", "def softmax(Z):\n    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))\n"
     "    return e / np.sum(e, axis=0, keepdims=True)\n", {"ex08/softmax-wrong-axis"}),
    ("ex08_softmax_cross_entropy", "def softmax(Z):\n    probs = np.exp(Z - np.max(Z, axis=0, keepdims=True))\n"
     "    probs /= np.sum(probs)\n    return probs\n", {"ex08/softmax-wrong-axis"}),
    ("ex08_softmax_cross_entropy", "def softmax(Z):\n    probs = np.exp(Z - np.max(Z, axis=0, keepdims=True))\n"
     "    return probs / np.sum(probs, axis=1, keepdims=True)\n", {"ex08/softmax-wrong-axis"}),
    ("ex08_softmax_cross_entropy", "def softmax(Z):\n    log_sum = np.log(np.sum(np.exp(Z), axis=0))\n"
     "    return np.exp(Z - log_sum)\n", {"ex08/unstable-softmax"}),
    ("ex08_softmax_cross_entropy", "def softmax(Z):\n    e = np.exp(Z - np.mean(Z, axis=0, keepdims=True))\n"
     "    return e / np.sum(e, axis=0, keepdims=True)\n", {"ex08/unstable-softmax"}),
    ("ex08_softmax_cross_entropy", "def softmax(Z):\n    e = np.exp(Z)\n"
     "    return e / (np.sum(e, axis=0, keepdims=True) + 1e-8)\n", {"ex08/unstable-softmax"}),
    ("ex09_regularization", DA_STORED_BEFORE_MASK, {"ex09/mask-not-applied-backward"}),
    ("ex10_batchnorm", "def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    mu = np.mean(Z, axis=0, keepdims=True)\n"
     "    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)\n    Z_norm = (Z - mu) / np.sqrt(var + eps)\n"
     "    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)\n", {"ex10/normalised-wrong-axis"}),
    ("ex10_batchnorm", "def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    mu = np.mean(Z, axis=1, keepdims=True)\n"
     "    var = np.var(Z, axis=0, keepdims=True)\n    Z_norm = (Z - mu) / np.sqrt(var + eps)\n"
     "    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)\n", {"ex10/normalised-wrong-axis"}),
], ids=["db over axis 0 made a column", "db over axis 0 without keepdims", "dW transposed without 1/m",
        "db flat without 1/m", "cost without its sign or 1/m",
        "CS231n's batchnorm backward, its sums over axis 0", "staged batchnorm backward, sqrt(var) + eps",
        "CS231n's means over axis 0 in dZ alone",
        "softmax shifted by each row's max", "softmax summed over all entries", "softmax summed over the examples",
        "softmax as exp(Z - log-sum-exp) without the shift", "softmax shifted by each column's mean",
        "the textbook softmax guarded by + 1e-8: 0 / 1e-8 where every exp underflows",
        "dA2 and dA1 kept before their masks", "batchnorm's mean over the features, its variance about it",
        "batchnorm's variance over the features"])
def test_a_mistake_written_otherwise_or_with_another_is_still_named(tmp_path, exercise_id, code, named):
    result = _grade(tmp_path, exercise_id, code)
    assert {c.misconception for c in result.checks if not c.passed} - {None} == named


def test_a_hidden_check_shown_to_a_learner_keeps_its_mistake_but_not_its_inputs(tmp_path):
    from autograder import report

    code = importlib.import_module("variants.ex03_weight_gradients").MISTAKES["ex03/dW-transposed"]
    result = _grade(tmp_path, "ex03_weight_gradients", code, hidden=True)
    hidden = [c for c in report.hidden_masked(result).checks if c.hidden and not c.passed]
    assert hidden and all(c.message.startswith(report.HIDDEN_MESSAGE + "\nThis is a known mistake, "
                                               "ex03/dW-transposed:\n") for c in hidden if c.misconception)
    assert any(c.misconception for c in hidden)
    assert not any("yours is" in c.message or "On " in c.message for c in hidden)  # no shape, input or value


DROPOUT_LEFT_OUT = '''
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.sum(axis=1, keepdims=True) / m, "dA2": dA2,
            "dZ2": dZ2, "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m, "dA1": dA1,
            "dZ1": dZ1, "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}
'''
VARIANCE_SUMMED = '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    dZ_norm = dout * gamma
    dZ = (dZ_norm - np.mean(dZ_norm, axis=1, keepdims=True)
          - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / np.sqrt(var + eps)
    return dZ, np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
'''


@pytest.mark.parametrize("exercise_id, code, named", [
    ("ex09_regularization", DROPOUT_LEFT_OUT, {"ex09/mask-not-applied-backward", "ex09/not-rescaled-by-keep-prob"}),
    ("ex10_batchnorm", VARIANCE_SUMMED, set()),  # a sum for the mean: with m = 2 it is m / (m - 1)
    ("ex10_batchnorm", "def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    mu = np.mean(Z, axis=1, keepdims=True)\n"
     "    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True)\n    Z_norm = (Z - mu) / np.sqrt(var + eps)\n"
     "    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)\n", set()),  # with m = 2, m - 1 is 1
    # CS231n's sums for dgamma and dbeta, over axis 0, beside a dZ and statistics of the right axis
    ("ex10_batchnorm", "_right = batchnorm_backward\n\ndef batchnorm_backward(dout, cache):\n"
     "    dZ = _right(dout, cache)[0]\n    return dZ, np.sum(dout * cache[1], axis=0), np.sum(dout, axis=0)\n", set()),
], ids=["dropout left out of the backward pass: both of its steps", "the variance's path summed, not averaged",
        "the variance summed over the examples, not averaged",
        "dgamma and dbeta summed over the features"])
def test_a_slip_is_named_as_what_it_leaves_out_and_not_as_what_it_resembles(tmp_path, exercise_id, code, named):
    result = _grade(tmp_path, exercise_id, code, hidden=True)
    failed = [c for c in result.checks if not c.passed]
    assert failed and {c.misconception for c in failed} - {None} == named
    if exercise_id == "ex09_regularization":  # the first check shown names it
        assert next(c for c in result.checks if not c.passed).misconception == "ex09/mask-not-applied-backward"


def test_an_output_delta_through_a_softmax_of_another_axis_is_named_there_too(tmp_path):
    """output_delta as softmax_backward(-Y / A, log(A)), as the variants do, inherits the
    softmax's slip: its checks name it, as softmax_backward's do."""
    code = ("def softmax(Z):\n    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))\n"
            "    return e / np.sum(e, axis=1, keepdims=True)\n\n"
            "def output_delta(A, Y):\n    return softmax_backward(-Y / A, np.log(A))\n")
    failed = [c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", code, hidden=True).checks
              if c.function == "output_delta" and not c.passed and "counts once" not in c.message]
    assert failed and {c.misconception for c in failed} == {"ex08/softmax-wrong-axis"}, [c.name for c in failed]


def test_a_check_that_names_its_mistake_is_not_told_about_the_cache_too(tmp_path):
    code = importlib.import_module("variants.ex10_batchnorm").MISTAKES["ex10/dgamma-from-Z"]
    named = [c for c in _grade(tmp_path, "ex10_batchnorm", code).checks if c.misconception]
    assert named and not any("The checks give batchnorm_backward the cache" in c.message for c in named)


ROW_THINKER = '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):  # right values, in rows: the transpose of dZ1
    slope = {"tanh": lambda: 1 - np.tanh(Z1) ** 2, "relu": lambda: (Z1 > 0) * 1.0,
             "sigmoid": lambda: 1 / (1 + np.exp(-Z1)) * (1 - 1 / (1 + np.exp(-Z1)))}
    if activation not in slope:
        raise ValueError(activation)
    return (dZ2.T @ W2) * slope[activation]().T
'''


def test_right_values_returned_transposed_are_said_so_and_named_no_mistake(tmp_path):
    """On a square case whose relu mask is symmetric (under this secret, a hidden one), the
    transpose of dZ1 equals what `dZ2.T @ W2` without the mask's transpose gives."""
    (tmp_path / "ex04_hidden_delta.py").write_text(
        (ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8") + ROW_THINKER, encoding="utf-8")
    result = grade(tmp_path, [catalog.BY_ID["ex04_hidden_delta"]], checks="all", secret="probe3-secret")
    failed = [c for c in result.exercises[0].checks if not c.passed]
    assert failed and not any(c.misconception for c in failed)
    square = [c for c in failed if "square" in c.name and c.function == "hidden_delta" and not c.hidden]
    assert square and all("its values are those of dZ1's transpose" in c.message for c in square)


def test_a_numpy_matrix_is_told_how_to_become_an_array(tmp_path):
    result = _grade(tmp_path, "ex03_weight_gradients", _weight_gradients_returning("np.asmatrix(dW), db"))
    assert any("dW must be a numpy array; yours is a matrix. Return np.asarray(dW): a np.matrix is not one."
               in c.message for c in result.checks)


def test_a_learners_subclass_of_np_matrix_is_told_as_a_matrix_is(tmp_path):
    """`class M(np.matrix)` was "yours is a M", without the hint np.matrix gets."""
    code = "class M(np.matrix):\n    pass\n\n" + _weight_gradients_returning("M(dW), db")
    result = _grade(tmp_path, "ex03_weight_gradients", code)
    assert any("dW must be a numpy array; yours is a matrix. Return np.asarray(dW): a np.matrix is not one."
               in c.message for c in result.checks), result.checks


def test_a_masked_array_is_told_how_to_become_an_array(tmp_path):
    """relu's mask as np.ma: "dW must be a numpy array; yours is a MaskedArray" said nothing of how to be one."""
    result = _grade(tmp_path, "ex03_weight_gradients", _weight_gradients_returning("np.ma.masked_less(dW, 0), db"))
    assert any("dW must be a numpy array; yours is a MaskedArray. Return dW.filled(x), x what its masked entries "
               "stand for: a masked array (np.ma) is not one." in c.message for c in result.checks), result.checks


def test_an_error_raised_in_a_function_called_names_that_function(tmp_path):
    stubbed = ('def linear_activation_forward(A_prev, W, b, activation):\n'
               '    raise NotImplementedError("write linear_activation_forward")\n')
    forward = [c for c in _grade(tmp_path, "ex05_l_layer", stubbed).checks
               if c.function == "L_model_forward" and not c.passed]
    assert forward and all("L_model_forward calls linear_activation_forward, which is not implemented yet"
                           in c.message for c in forward)
    helper = ("def _slope(Z):\n    return undefined_name * Z\n\n"
              "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
              "    if activation not in ('tanh', 'sigmoid', 'relu'):\n        raise ValueError(activation)\n"
              "    return (W2.T @ dZ2) * _slope(Z1)\n")
    checks = _grade(tmp_path, "ex04_hidden_delta", helper).checks
    assert any("hidden_delta raised NameError inside _slope: name 'undefined_name' is not defined" in c.message
               for c in checks)


def test_a_bare_assert_of_the_learners_own_is_quoted(tmp_path):
    """Ng's notebooks teach `assert(dW.shape == W.shape)`, which fails with no message: the learner
    is shown their own assert, not a bare "AssertionError: "."""
    asserted = ("def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
                "    dZ1 = (W2.T @ dZ2) * (1 - np.tanh(Z1) ** 2)\n"
                "    assert dZ1.shape == W2.shape   # dZ1 has the shape of W2?\n"
                "    return dZ1\n")
    said = [c.message for c in _grade(tmp_path, "ex04_hidden_delta", asserted).checks
            if c.function == "hidden_delta" and not c.passed]
    assert said and any("hidden_delta raised AssertionError: your own `assert dZ1.shape == W2.shape` failed "
                        "on these inputs (line " in m for m in said), said[0]


def test_a_misspelt_name_gets_pythons_did_you_mean(tmp_path):
    """str(exc) leaves out the suggestion Python's own traceback gives; the learner needs it most."""
    misspelt = "def sigmoid_derivative(z):\n    return sigmod(z) * (1 - sigmoid(z))\n"
    checks = _grade(tmp_path, "ex01_sigmoid_derivative", misspelt).checks
    said = [c.message for c in checks if c.function == "sigmoid_derivative" and not c.passed]
    assert said and all("name 'sigmod' is not defined. Did you mean: 'sigmoid'?" in m for m in said)


def test_a_missing_function_is_said_so_on_a_case_where_it_must_raise(tmp_path):
    result = _grade(tmp_path, "ex04_hidden_delta", "del hidden_delta\n")
    hidden_delta = [c for c in result.checks if c.function == "hidden_delta"]
    assert hidden_delta and all("the del at line" in c.message and "deletes it: remove that del" in c.message
                                and "MissingFunction" not in c.message for c in hidden_delta)


@pytest.mark.parametrize("masks, said", [
    ("(np.random.rand(*D.shape) < keep_prob).astype(int) for D in masks", "draw new ones with np.random.rand"),
    ("(D < keep_prob).astype(int) for D in masks", "compare them with keep_prob"),  # the course's line kept
], ids=["drawn anew", "the given ones thresholded"])
def test_masks_drawn_anew_are_still_told_to_apply_the_given_ones(tmp_path, masks, said):
    """Seeded, so that each run draws the same masks: unseeded, it failed once in CI, a failed check
    without the hint, which the rules leave out where the masks drawn gave the right A3 (only the
    cache's D1 and D2 off)."""
    code = ("np.random.seed(0)\n_right = forward_propagation_with_dropout\n\n"
            "def forward_propagation_with_dropout(X, parameters, keep_prob, masks):\n"
            f"    D1, D2 = ({masks})\n"
            "    return _right(X, parameters, keep_prob, (D1, D2))\n")
    failed = [c for c in _grade(tmp_path, "ex09_regularization", code).checks
              if c.function == "forward_propagation_with_dropout" and not c.passed]
    assert failed and all("D1, D2 = masks" in c.message and said in c.message for c in failed)


def test_the_courses_penalty_of_w1_w2_w3_by_name_is_told_to_sum_over_every_layer(tmp_path):
    code = '''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    penalty = np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3))
    return compute_cost(A3, Y) + lambd / (2 * m) * penalty
'''
    checks = _grade(tmp_path, "ex09_regularization", code, hidden=True).checks
    failed = [c for c in checks if c.function == "compute_cost_with_regularization" and not c.passed]
    told = "rather than over W1, W2, W3 by name"
    assert {c.name for c in failed} >= {"the penalty sums over every W[l] of a two-layer network",
                                        "the penalty sums over every W[l] of a four-layer network"}
    assert all(told in c.message for c in failed)
    doubled = code.replace("lambd / (2 * m)", "lambd / m")  # the three layers' cost wrong too: not this alone
    course = next(c for c in _grade(tmp_path, "ex09_regularization", doubled).checks if c.name.startswith("cost is"))
    assert not course.passed and told not in course.message


def test_a_cache_holding_the_std_where_var_goes_is_told_the_layout(tmp_path):
    code = ("_right = batchnorm_forward\n\n"
            "def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n"
            "    out, (Z, Z_norm, mu, var, gamma, beta, eps) = _right(Z, gamma, beta, eps)\n"
            "    return out, (Z, Z_norm, mu, np.sqrt(var + eps), gamma, beta, eps)\n")
    failed = [c for c in _grade(tmp_path, "ex10_batchnorm", code).checks if not c.passed]
    assert failed and all("The contract lays the cache out" in c.message for c in failed)



STD_READ_BACK = ("def batchnorm_backward(dout, cache):\n"
                 "    Z, x_hat, mu, std, gamma, beta, eps = cache\n    m = Z.shape[1]\n"
                 "    x_hat = (Z - mu) / std\n"
                 "    dbeta, dgamma = dout.sum(axis=1, keepdims=True), (dout * x_hat).sum(axis=1, keepdims=True)\n"
                 "    dx_hat = dout * gamma\n    dZ = m * dx_hat - dx_hat.sum(axis=1, keepdims=True)\n"
                 "    dZ = dZ - x_hat * (dx_hat * x_hat).sum(axis=1, keepdims=True)\n"
                 "    return dZ / (m * std), dgamma, dbeta\n")


@pytest.mark.parametrize("code", [STD_READ_BACK, STD_READ_BACK.replace("    x_hat = (Z - mu) / std\n", "")],
                         ids=["Z_norm recomputed with it", "Z_norm read from the cache"])
def test_a_backward_pass_reading_the_std_where_var_goes_is_told_the_layout(tmp_path, code):
    """CS231n learners cache std = np.sqrt(var + eps) and divide by it backward; given the
    contract's cache, that divides by var: the layout is what to tell them."""
    failed = [c for c in _grade(tmp_path, "ex10_batchnorm", code).checks if not c.passed]
    assert failed and all("the tuple (Z, Z_norm, mu, var, gamma, beta, eps) in that order" in c.message
                          for c in failed), [c.message for c in failed]

# Frequent slips that are no catalogued mistake: the first failing check names the step they break
DVAR_WITHOUT_HALF = STAGED_EPS_OUTSIDE.replace("np.sqrt(var) + eps", "np.sqrt(var + eps)").replace("-0.5 / ", "1 / ")
DW_PENALTY_DOUBLED = importlib.import_module("variants.ex09_regularization").UNKNOWN[
    "the penalty's derivative doubled, 2 * lambd / m"]


@pytest.mark.parametrize("exercise_id, code, function, step", [
    ("ex08_softmax_cross_entropy", "def compute_cost(A, Y):\n    return float(-np.mean(Y * np.log(A)))\n",
     "compute_cost", "the sum runs over the classes and the examples, m the columns of Y"),
    ("ex08_softmax_cross_entropy", "def compute_cost(A, Y):\n    m = Y.shape[0]\n"
     "    return float(-np.sum(Y * np.log(A)) / m)\n", "compute_cost",
     "the sum runs over the classes and the examples, m the columns of Y"),
    ("ex09_regularization", "def compute_cost_with_regularization(A3, Y, parameters, lambd):\n"
     "    m = Y.shape[1]\n    squares = sum(np.sum(W ** 2) for name, W in parameters.items() if name[0] == 'W')\n"
     "    return compute_cost(A3, Y) + lambd / m * squares\n",
     "compute_cost_with_regularization", "(lambd / (2m)) * sum(W[l]**2)"),
    ("ex09_regularization", DW_PENALTY_DOUBLED, "backward_propagation_with_regularization",
     "(lambd / (2m)) * sum(W[l]**2)"),
    ("ex10_batchnorm", EPS_FORGOTTEN, "batchnorm_forward", "(Z - mu) / sqrt(var + eps)"),
    ("ex10_batchnorm", DVAR_WITHOUT_HALF, "batchnorm_backward", "(var + eps)**-0.5"),
], ids=["cost as -np.mean", "m read as Y.shape[0]", "penalty without its 1/2", "penalty's derivative doubled",
        "eps left out", "dvar without -0.5"])
def test_a_frequent_uncatalogued_slip_is_told_the_step_it_breaks(tmp_path, exercise_id, code, function, step):
    failed = [c for c in _grade(tmp_path, exercise_id, code).checks if c.function == function and not c.passed]
    assert failed and not failed[0].misconception and step in failed[0].name, failed[0].name


@pytest.mark.parametrize("exercise_id, code, function", [
    ("ex08_softmax_cross_entropy", "_right = softmax_backward\n\ndef softmax_backward(dA, Z):\n"
     "    return _right(dA.astype(np.float32), Z.astype(np.float32))\n", "softmax_backward"),
    ("ex10_batchnorm", "_right = batchnorm_forward\n\ndef batchnorm_forward(Z, gamma, beta, eps=1e-5):\n"
     "    return _right(Z.astype(np.float32), gamma, beta, eps)\n", "batchnorm_forward"),
], ids=["dZ of float32", "an out of float64 beside a cache of float32"])
def test_values_off_by_float32_rounding_say_so(tmp_path, exercise_id, code, function):
    result = _grade(tmp_path, exercise_id, code)
    first = next(c for c in result.checks if c.function == function and not c.passed)
    assert first.message.endswith(f"what {function} returns holds float32 numbers, about 6 digits: compute in "
                                  "float64, numpy's default"), first.message
    assert not any("float32" in c.message for c in _grade(tmp_path, exercise_id, "").checks)


def test_values_right_to_float32s_digits_in_float64_say_so(tmp_path):
    """Z alone cast: softmax(Z) is float32, A * (dA - ...) float64 again, off in its 7th digit."""
    code = ("_right = softmax_backward\n\ndef softmax_backward(dA, Z):\n"
            "    return _right(dA, Z.astype(np.float32))\n")
    first = next(c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", code).checks if not c.passed)
    assert first.message.endswith("what softmax_backward returns is off in its last digits only: is a float32 "
                                  "(astype(np.float32)) or a small constant (+ 1e-8) in your computation?")
    slips = [c for c in _grade(tmp_path, "ex10_batchnorm", EPS_FORGOTTEN + DVAR_WITHOUT_HALF).checks if not c.passed]
    assert slips and not any("last digits" in c.message for c in slips)
    # a one-sided difference off by 4e-8 on a difference of 1e-9: small, but not the last digits of it
    one_sided = ("_right = relative_difference\n\ndef relative_difference(grad, grad_approx):\n"
                 "    return _right(grad, grad_approx) + 4e-8\n")
    slips = [c for c in _grade(tmp_path, "ex06_gradient_check", one_sided).checks if not c.passed]
    assert slips and not any("last digits" in c.message for c in slips)


@pytest.mark.parametrize("code, function", [
    ("def compute_cost(A, Y):\n    m = A.shape[1]\n    return -np.sum(np.log(A[Y, range(m)])) / m\n", "compute_cost"),
    ("def output_delta(A, Y):\n    dscores = A.copy()\n    dscores[Y, range(A.shape[1])] -= 1\n    return dscores\n",
     "output_delta"),
], ids=["cost", "dscores"])
def test_one_hot_Y_used_as_cs231ns_labels_is_told_what_Y_is(tmp_path, code, function):
    failed = [c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", code).checks if not c.passed]
    assert failed and all(c.function == function and "raised IndexError" in c.message
                          and "np.argmax(Y, axis=0)" in c.message for c in failed if "unchanged" not in c.name)
    right = "def compute_cost(A, Y):\n    return -np.sum(Y * np.log(A))\n"  # 1/m forgotten: Y used as it is
    assert not any("argmax" in c.message for c in _grade(tmp_path, "ex08_softmax_cross_entropy", right).checks)


def test_values_wrong_after_an_argument_changed_in_place_say_so(tmp_path):
    """dx_hat is a view of dout, so dbeta = sum(dout) sums dout * gamma: right code, a changed input."""
    code = ("_right = batchnorm_backward\n\ndef batchnorm_backward(dout, cache):\n"
            "    dx_hat = dout\n    dx_hat *= cache[4]\n    dZ = _right(dx_hat / cache[4], cache)[0]\n"
            "    return dZ, np.sum(dout * cache[1], axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)\n")
    first = next(c for c in _grade(tmp_path, "ex10_batchnorm", code).checks if not c.passed)
    assert first.message.endswith("batchnorm_backward changes an argument in place: what it reads of it "
                                  "later is the changed one"), first.message
    right_but_changing = ("_right = output_delta\n\ndef output_delta(A, Y):\n"
                          "    dZ = A\n    dZ -= Y\n    return dZ\n")  # right values: only the inputs' check fails
    failed = [c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", right_but_changing).checks if not c.passed]
    assert [c.name for c in failed] == ["output_delta leaves A and Y unchanged"]
    assert "is the changed one" not in failed[0].message


@pytest.mark.parametrize("secret", ["secret-1", "secret-2", "secret-3", "secret-4"])
def test_relu_returned_for_its_derivative_fails_on_a_single_number_under_every_secret(tmp_path, secret):
    """At a negative z, relu(z) is 0 as its derivative is: the single-number checks draw z above 1."""
    code = "def relu_derivative(z):\n    return np.maximum(0, z)\n"
    failed = {c.name: c.misconception for c in _grade(tmp_path, "ex01_sigmoid_derivative", code, hidden=True,
                                                       secret=secret).checks if not c.passed}
    single = [n for n in failed if n.startswith("relu_derivative(z) of a") and ("number" in n or "scalar" in n)]
    assert len(single) == 2 and {failed[n] for n in single} == {"ex01/relu-returned-z"}, failed


def _checks_where(exercise_id, secret, function, condition):
    """The names of the checks of function whose inputs meet condition, under secret."""
    from autograder import plan

    checks = plan.make("all", secret, [catalog.BY_ID[exercise_id]]).exercises[0].checks
    return [c.spec.name for c in checks if c.call.function.name == function and condition(c.call.inputs)]


@pytest.mark.parametrize("exercise_id, secret, function, condition, code", [
    # dJdW1 = X @ delta2 raises the matmul message of delta3 @ W2 where X has W2's shape
    ("ex07_row_major", "secret-285", "cost_prime", lambda i: i["X"].shape == i["W2"].shape,
     "def cost_prime(X, y, W1, W2):\n    z2 = X @ W1\n    a2 = sigmoid(z2)\n    z3 = a2 @ W2\n"
     "    delta3 = -(y - sigmoid(z3)) * sigmoid_prime(z3)\n    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)\n"
     "    return X @ delta2, a2.T @ delta3\n"),
    # relu's slope in the tanh layer: where every Z1 is positive it is 1, as if left out
    ("ex04_hidden_delta", "secret-9", "backward_propagation", lambda i: bool((i["cache"]["Z1"] > 0).all()),
     "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    return (W2.T @ dZ2) * (Z1 > 0)\n"),
    # dAL's second term's sign flipped: where every label is 0 it is minus the right dAL
    ("ex05_l_layer", "course-a", "L_model_backward", lambda i: not i["Y"].any(),
     "def L_model_backward(AL, Y, caches):\n    grads = {}\n    L = len(caches)\n"
     "    dAL = -(np.divide(Y, AL) + np.divide(1 - Y, 1 - AL))\n"
     "    grads['dA%d' % (L - 1)], grads['dW%d' % L], grads['db%d' % L] = "
     "linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
     "    for l in reversed(range(1, L)):\n        grads['dA%d' % (l - 1)], grads['dW%d' % l], grads['db%d' % l] = "
     "linear_activation_backward(grads['dA%d' % l], caches[l - 1], 'relu')\n    return grads\n"),
    # its first term's sign flipped: where every label is 1 it is minus the right dAL
    ("ex05_l_layer", "s1", "L_model_backward", lambda i: bool(i["Y"].all()),
     "def L_model_backward(AL, Y, caches):\n    grads = {}\n    L = len(caches)\n"
     "    dAL = np.divide(Y, AL) + np.divide(1 - Y, 1 - AL)\n"
     "    grads['dA%d' % (L - 1)], grads['dW%d' % L], grads['db%d' % L] = "
     "linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
     "    for l in reversed(range(1, L)):\n        grads['dA%d' % (l - 1)], grads['dW%d' % l], grads['db%d' % l] = "
     "linear_activation_backward(grads['dA%d' % l], caches[l - 1], 'relu')\n    return grads\n"),
    # the second term's sign flipped, in dA2 and in the cost: on one example of label 0, minus the right one (dZ2
    # is not drawn there: it is A2, which returning A2 matched, and plan.make_call draws that case again)
    ("ex02_output_delta", "course-a", "loss_derivative", lambda i: i["Y"].shape == (1, 1) and not i["Y"].any(),
     "def loss_derivative(A2, Y):\n    return -Y / A2 - (1 - Y) / (1 - A2)\n"),
    ("ex02_output_delta", "course-a", "compute_cost", lambda i: i["Y"].shape == (1, 1) and not i["Y"].any(),
     "def compute_cost(A2, Y):\n    return float(-np.mean(Y * np.log(A2) - (1 - Y) * np.log(1 - A2)))\n"),
    # m read from dZ's rows: where the layer has one unit, m = 1, as if 1/m were left out
    ("ex05_l_layer", "test-secret", "linear_backward", lambda i: i["dZ"].shape[0] == 1,
     "def linear_backward(dZ, cache):\n    A_prev, W, b = cache\n    m = dZ.shape[0]\n"
     "    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n"),
], ids=["X @ delta2 beside a W2 of X's shape", "relu's slope in a tanh layer whose Z1 is all positive",
        "dAL's second term flipped on labels all 0", "dAL's first term flipped on labels all 1",
        "dA2's second term flipped on one example of label 0", "the cost's second term flipped there",
        "linear_backward's m from dZ's rows on a layer of one unit"])
def test_a_slip_where_a_mistake_gives_its_answer_too_names_none(tmp_path, exercise_id, secret, function, condition,
                                                              code):
    alike = _checks_where(exercise_id, secret, function, condition)
    result = _grade(tmp_path, exercise_id, code, hidden=True, secret=secret)
    failed = {c.name: c.misconception for c in result.checks if not c.passed}
    assert alike and set(alike) <= set(failed)
    assert set(failed.values()) == {None}, failed


@pytest.mark.parametrize("m, named", [("dZ.shape[0]", "ex03/m-from-wrong-axis"),
                                      ("1", "ex03/missing-1-over-m")], ids=["m from dZ's rows", "no 1/m"])
def test_two_mistakes_of_one_answer_on_a_layer_of_one_unit_are_neither_named(tmp_path, m, named):
    """With one unit, m = dZ.shape[0] is 1: its answer is that of a 1/m left out, and the
    check of that layer cannot tell which of the two the learner made."""
    code = (f"def weight_gradients(dZ, A_prev):\n    m = {m}\n"
            "    return np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m\n")
    result = _grade(tmp_path, "ex03_weight_gradients", code, hidden=True)
    failed = {c.name: c.misconception for c in result.checks if not c.passed}
    assert failed.pop("dW and db of a layer with one unit") is None
    assert set(failed.values()) - {None} == {named}, failed


@pytest.mark.parametrize("step", ["1e-7", "1e-4"], ids=["Ng's step", "Welch's step"])
def test_a_fixed_step_in_place_of_epsilon_is_told_to_use_epsilon(tmp_path, step):
    """A numerical_gradient that ignores its epsilon is right at the default step and off by
    the centred difference's error at the others: that is no float32, it is the step."""
    code = ("def numerical_gradient(f, theta, epsilon=1e-7):\n    grad = np.zeros(theta.shape)\n"
            "    for i in np.ndindex(theta.shape):\n        plus, minus = np.copy(theta), np.copy(theta)\n"
            f"        plus[i] += {step}\n        minus[i] -= {step}\n"
            f"        grad[i] = (f(plus) - f(minus)) / (2 * {step})\n    return grad\n")
    failed = [c for c in _grade(tmp_path, "ex06_gradient_check", code, hidden=True).checks
              if not c.passed and c.function == "numerical_gradient" and "counts once" not in c.message]
    assert failed and all("the epsilon it was given" in c.message and "float32" not in c.message
                          for c in failed), [c.message for c in failed]
    # a public check at epsilon = 1e-2 on a curved f tells it, whatever the course's secret
    public = [c.name for c in _grade(tmp_path, "ex06_gradient_check", code).checks
              if not c.passed and c.function == "numerical_gradient"]
    assert any("epsilon = 1e-2" in name for name in public), public
    unknown = importlib.import_module("variants.ex06_gradient_check").UNKNOWN
    for wrong in (unknown["divided by 4 epsilon"], unknown["squared norms"]):
        result = _grade(tmp_path, "ex06_gradient_check", wrong, hidden=True)
        assert not any("the epsilon it was given" in c.message for c in result.checks)


def test_a_dA_masked_in_place_after_grads_stored_it_is_told_so(tmp_path):
    """Ng's relu_backward copies dA before `dZ[Z <= 0] = 0`; without the copy the mask falls on
    grads['dA1'] .. itself, which L_model_backward has stored: those keys hold zeros where Z <= 0."""
    code = "def relu_backward(dA, Z):\n    dZ = dA\n    dZ[Z <= 0] = 0\n    return dZ\n"
    failed = [c for c in _grade(tmp_path, "ex05_l_layer", code, hidden=True).checks
              if not c.passed and c.function == "L_model_backward" and "counts once" not in c.message]
    assert failed and all("dZ[Z <= 0] = 0" in c.message and not c.misconception for c in failed), failed
    wrong = importlib.import_module("variants.ex05_l_layer").MISTAKES["ex05/relu-at-output"]
    result = _grade(tmp_path, "ex05_l_layer", wrong, hidden=True)
    assert not any("dZ[Z <= 0] = 0" in c.message for c in result.checks)


def test_welchs_averaged_gradients_with_delta3s_minus_lost_name_the_sign_on_every_check(tmp_path):
    """Welch's part 7 divides the gradients by X.shape[0]; with delta3's minus lost as well, the
    checks of several examples named nothing, that of one example the sign."""
    code = ("def cost_prime(X, y, W1, W2):\n    z2 = np.dot(X, W1)\n    a2 = sigmoid(z2)\n"
            "    z3 = np.dot(a2, W2)\n    delta3 = np.multiply(y - sigmoid(z3), sigmoid_prime(z3))\n"
            "    delta2 = np.dot(delta3, W2.T) * sigmoid_prime(z2)\n"
            "    return np.dot(X.T, delta2) / X.shape[0], np.dot(a2.T, delta3) / X.shape[0]\n")
    failed = [c for c in _grade(tmp_path, "ex07_row_major", code, hidden=True).checks if not c.passed]
    assert failed and {c.misconception for c in failed} == {"ex07/missing-minus"}, [c.name for c in failed]


COLUMN_ORDER = '''
def cost_prime(X, y, W1, W2):
    z2 = np.dot(X, W1)
    a2 = sigmoid(z2)
    z3 = np.dot(a2, W2)
    yHat = sigmoid(z3)
    delta3 = np.multiply(-(y - yHat), sigmoid_prime(z3))
    dJdW2 = np.dot(a2.T, delta3)
    delta2 = {product} * sigmoid_prime(z2)
    return np.dot(X.T, delta2), dJdW2
'''


def test_delta2_in_the_column_order_is_told_the_order_of_the_rows(tmp_path):
    """Ng's W2.T @ dZ2 written in Welch's rows: W2 is transposed, so no missing transpose is
    named; the message says the product's order. np.dot names its operands' shapes, so every
    check can tell; a matmul error names two sizes, which `a2 @ delta3` gives too: only values do."""
    told = "delta2 multiplies W2.T by delta3 in the order of the column convention"
    for product, telling in [("np.dot(W2.T, delta3)", None), ("(W2.T @ delta3)", "on the notes' three examples")]:
        folder = tmp_path / str(len(product))
        folder.mkdir()
        failed = [c for c in _grade(folder, "ex07_row_major", COLUMN_ORDER.format(product=product), True).checks
                  if not c.passed]
        assert failed and {c.misconception for c in failed} == {None}
        said = {c.name for c in failed if told in c.message}
        assert said == {c.name for c in failed if telling is None or telling in c.name}, product


NG_TWO_SLIPS = '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2)
    dW1 = (1 / m) * np.dot(dZ1, A1.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''


def _named(tmp_path, exercise_id, code, hidden=False):
    """{check name: (misconception, the ids whose explanations its message gives)} of the failed checks."""
    catalogued = spec.load(exercise_id).mistakes
    return {c.name: (c.misconception, frozenset(m for m in catalogued if known_mistake(m) in c.message))
            for c in _grade(tmp_path, exercise_id, code, hidden).checks if not c.passed}


def test_two_slips_in_one_function_are_both_named(tmp_path):
    """The missing g1'(Z1) and dW1 from A1 together match neither alone: both are named and explained."""
    first, second = "ex04/missing-activation-derivative", "ex04/dW1-from-A1"
    both = (first, frozenset({first, second}))
    named = _named(tmp_path, "ex04_hidden_delta", NG_TWO_SLIPS, hidden=True)
    assert len(named) == 12 and set(named.values()) == {both}, named


def test_m_from_the_wrong_axis_and_a_flat_db_are_both_named(tmp_path):
    code = ("def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[0]\n"
            "    return 1 / m * np.dot(dZ, A_prev.T), 1 / m * np.sum(dZ, axis=1)\n")
    named = _named(tmp_path, "ex03_weight_gradients", code)
    m, flat = "ex03/m-from-wrong-axis", "ex03/db-lost-keepdims"
    assert named["dW is dJ/dW, the numerical gradient of the cost"] == (m, {m})
    for check in ("dW and db have the shapes of W and b", "db is dJ/db, the numerical gradient of the cost"):
        assert named[check] == (flat, {flat, m}), check
    # W of 3 x 3 on 6 examples: A_prev.shape[0] is m / 2, what a 2 too many gives as well
    assert named["dW and db of a square layer"] == (None, set())


NG_HIDDEN_DELTA = '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W1, W2 = parameters["W1"], parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = {product} * (1 - np.power(A1, 2))
    return {{"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": np.dot(dZ2, A1.T) / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}}
'''


@pytest.mark.parametrize("exercise_id, code, product", [
    ("ex04_hidden_delta", NG_HIDDEN_DELTA, "(W1.T @ dZ2)"),
    ("ex04_hidden_delta", NG_HIDDEN_DELTA, "np.dot(W1.T, dZ2)"),
    ("ex07_row_major", COLUMN_ORDER, "(delta3 @ W1.T)"),
    ("ex07_row_major", COLUMN_ORDER, "np.dot(delta3, W1.T)")])
def test_the_wrong_weight_transposed_is_no_missing_transpose(tmp_path, exercise_id, code, product):
    """W1.T in place of W2.T: a matmul error names the sizes that W2 untransposed would, but
    the learner transposed; where nothing tells the two apart, no mistake is named."""
    result = _grade(tmp_path, exercise_id, code.format(product=product), hidden=True)
    assert {c.misconception for c in result.checks if not c.passed} == {None}


def test_the_right_code_of_the_wrong_weight_tests_is_right(tmp_path):
    """The templates above, with W2.T, earn full marks: only the product is wrong."""
    for exercise_id, code, product in [("ex04_hidden_delta", NG_HIDDEN_DELTA, "(W2.T @ dZ2)"),
                                       ("ex07_row_major", COLUMN_ORDER, "(delta3 @ W2.T)")]:
        folder = tmp_path / exercise_id
        folder.mkdir()
        result = _grade(folder, exercise_id, code.format(product=product), hidden=True)
        assert result.score == result.max_score, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("exercise_id, code, product, square", [
    ("ex04_hidden_delta", NG_HIDDEN_DELTA, "(W2 @ dZ2)",
     "dW1, db1, dW2, db2 with a square W2 and a square Z1 (n_h = n_y = m)"),
    ("ex07_row_major", COLUMN_ORDER, "(delta3 @ W2)", "dJdW1 and dJdW2 with a square W2")])
def test_W2_untransposed_by_matmul_is_named_where_it_returns_values(tmp_path, exercise_id, code, product, square):
    result = _grade(tmp_path, exercise_id, code.format(product=product))
    named = {c.name: c.misconception for c in result.checks if not c.passed}
    assert named[square] == f"{exercise_id[:4]}/W2-not-transposed" and set(named.values()) <= {named[square], None}


def test_tanh_derivative_from_Z1_is_told_to_use_the_activation_output(tmp_path):
    """Ng's 1 - np.power(A1, 2) with Z1 in place of A1 is no catalogued mistake of ex04: named
    none, it is told that the identity is written with the activation's output."""
    told = "written with the activation's output"
    hidden = ("def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
              "    slopes = {'tanh': 1 - np.power(Z1, 2), 'sigmoid': Z1 * (1 - Z1), 'relu': Z1 > 0}\n"
              "    if activation not in slopes:\n"
              "        raise ValueError(activation)\n"
              "    return np.dot(W2.T, dZ2) * slopes[activation]\n")
    code = NG_HIDDEN_DELTA.format(product="np.dot(W2.T, dZ2)").replace("A1 ** 2", "Z1 ** 2").replace(
        "np.power(A1, 2)", "np.power(cache['Z1'], 2)")
    result = _grade(tmp_path, "ex04_hidden_delta", code + hidden)
    failed = [c for c in result.checks if not c.passed]
    assert {c.misconception for c in failed} == {None}
    assert failed and all(told in c.message for c in failed), [c.message for c in failed if told not in c.message]
    assert {c.function for c in failed} == {"hidden_delta", "backward_propagation"}


def test_math_exp_overflowing_in_a_sigmoid_is_unstable_at_large_z(tmp_path):
    """math.exp raises OverflowError ("math range error") where np.exp gives inf: the same mistake."""
    code = ("import math\n\n\ndef sigmoid(z):\n"
            "    return np.vectorize(lambda v: 1 / (1 + math.exp(-v)))(z)\n")
    failed = [c for c in _grade(tmp_path, "ex01_sigmoid_derivative", code).checks if not c.passed]
    assert failed and all("OverflowError" in c.message for c in failed)
    assert {c.misconception for c in failed} == {"ex01/unstable-at-large-z"}


@pytest.mark.parametrize("secret", ["s208", "s390"])
def test_a_cost_guarded_by_log_of_a_plus_1e_8_earns_full_marks(tmp_path, secret):
    """np.log(A + 1e-8), a common guard, moves the cost by about 1e-8 / A: 1.1e-6 of it on one
    example whose label has a probability of 1.4e-3 (these secrets draw such an example)."""
    code = "def compute_cost(A, Y):\n    m = Y.shape[1]\n    return -np.sum(Y * np.log(A + 1e-8)) / m\n"
    result = _grade(tmp_path, "ex08_softmax_cross_entropy", code, hidden=True, secret=secret)
    assert result.score == result.max_score, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("code", ["def one_hot(labels, C):\n    return np.eye(C)[labels]\n",
                                  "def one_hot(labels, C):\n    return np.eye(C)[labels].T\n"],
                         ids=["np.eye(C)[labels]", "np.eye(C)[labels].T"])
def test_labels_of_shape_1_m_indexed_as_they_are_are_told_to_flatten_them(tmp_path, code):
    """Labels of shape (1, m) index np.eye(C) into (1, m, C), or (C, m, 1) transposed: the
    learner is told where the extra axis came from, and no mistake is named for it."""
    told = "labels of shape (1, m)"
    failed = [c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", code, hidden=True).checks if not c.passed]
    rows = [c for c in failed if "of shape (1, m)" in c.name]
    assert len(rows) == 2 and all(told in c.message and "Flatten the labels" in c.message and not c.misconception
                                  for c in rows), [c.message for c in rows]
    assert not any(told in c.message for c in failed if c not in rows)
    transposed = importlib.import_module("variants.ex08_softmax_cross_entropy").MISTAKES["ex08/one-hot-transposed"]
    assert not any(told in c.message for c in _grade(tmp_path, "ex08_softmax_cross_entropy", transposed).checks)


BATCHNORM_BACKWARD_WITH = '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * {normalised}, axis=1, keepdims=True)
    dZ = {dZ}
    return dZ, dgamma, dbeta
'''


@pytest.mark.parametrize("dZ, first", [
    ("dout * gamma / np.sqrt(var + eps)", "ex10/batch-statistics-as-constants"),
    ("gamma / np.sqrt(var + eps) * (dout - np.mean(dout, axis=1, keepdims=True))", "ex10/variance-path-missing"),
    ("gamma / (m * (np.sqrt(var) + eps)) * (m * dout - dbeta - Z_norm * np.sum(dout * Z_norm, axis=1, keepdims=True))",
     "ex10/eps-outside-sqrt"),
], ids=["statistics as constants", "variance path missing", "eps outside the square root"])
def test_a_batchnorm_backward_with_dgamma_from_Z_and_a_slip_of_dZ_names_both(tmp_path, dZ, first):
    """Each of the two outputs' own checks names its own mistake; the checks of all three name both."""
    second = "ex10/dgamma-from-Z"
    named = _named(tmp_path, "ex10_batchnorm", BATCHNORM_BACKWARD_WITH.format(normalised="Z", dZ=dZ), hidden=True)
    assert named.pop("dgamma is the numerical gradient with respect to gamma") == (second, {second})
    assert named.pop(next(name for name in named if name.startswith("dZ is"))) == (first, {first})
    assert len(named) == 8 and set(named.values()) == {(first, frozenset({first, second}))}, named


def test_a_batchnorm_forward_with_ddof_1_and_eps_outside_the_square_root_names_both(tmp_path):
    """With m = 2, ddof=1 doubles the variance as a sum over the examples would: that check names none."""
    first, second = "ex10/unbiased-variance", "ex10/eps-outside-sqrt"
    code = ("def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    mu = np.mean(Z, axis=1, keepdims=True)\n"
            "    var = np.var(Z, axis=1, ddof=1, keepdims=True)\n    Z_norm = (Z - mu) / (np.sqrt(var) + eps)\n"
            "    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)\n")
    named = _named(tmp_path, "ex10_batchnorm", code, hidden=True)
    assert named.pop("out and cache of a batch of two examples") == (None, set())
    assert len(named) == 8 and set(named.values()) == {(first, frozenset({first, second}))}, named


@pytest.mark.parametrize("setup", [
    "m = dout.shape[1]\n    var = np.var(Z, axis=1, ddof=1, keepdims=True)",
    "m = dout.shape[1]\n    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (m - 1)\n"
    "    Z_norm = (Z - mu) / np.sqrt(var + eps)",
    "m = dout.shape[1] - 1",  # every m made m - 1, the mean's path's too: CS231n's staged dx2 = dmu / (N - 1)
], ids=["var recomputed", "var and Z_norm recomputed", "every m made m - 1"])
def test_ddof_1_in_the_backward_step_is_named(tmp_path, setup):
    """With m = 2, m / (m - 1) doubles the variance, as other slips do: those checks name none.
    Every m made m - 1 failed every check on a bare numerical difference."""
    code = ("def batchnorm_backward(dout, cache):\n    Z, Z_norm, mu, var, gamma, beta, eps = cache\n"
            f"    {setup}\n    dbeta = np.sum(dout, axis=1, keepdims=True)\n"
            "    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)\n"
            "    dZ = gamma / (m * np.sqrt(var + eps)) * (m * dout - dbeta - Z_norm * dgamma)\n"
            "    return dZ, dgamma, dbeta\n")
    named = _named(tmp_path, "ex10_batchnorm", code, hidden=True)
    two = {name for name in named if "two examples" in name}
    assert len(two) == 2 and {named.pop(name) for name in two} == {(None, frozenset())}
    unbiased = "ex10/unbiased-variance"
    assert named and set(named.values()) == {(unbiased, frozenset({unbiased}))}, named


EPS_FIXED_FORWARD = '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + 1e-5)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, {cached})
'''
EPS_FIXED_BACKWARD = BATCHNORM_BACKWARD_WITH.format(  # the cache's eps left unused
    normalised="Z_norm", dZ="gamma / (m * np.sqrt(var + 1e-5)) * (m * dout - dbeta - Z_norm * dgamma)")


@pytest.mark.parametrize("code, function", [
    (EPS_FIXED_FORWARD.format(cached="eps"), "batchnorm_forward"),
    (EPS_FIXED_FORWARD.format(cached="1e-5"), "batchnorm_forward"),
    (EPS_FIXED_BACKWARD, "batchnorm_backward"),
], ids=["forward, eps cached", "forward, 1e-5 cached", "backward"])
def test_eps_fixed_at_its_default_is_told_to_use_the_one_given(tmp_path, code, function):
    """Right at the default eps, wrong at another: only the checks of another eps fail, and they say why."""
    told = "is 1e-5 fixed in your code?"
    failed = [c for c in _grade(tmp_path, "ex10_batchnorm", code, hidden=True).checks if not c.passed]
    assert len(failed) == 2 and all(told in c.message and "The contract lays" not in c.message
                                    and not c.misconception for c in failed), [c.message for c in failed]
    forgotten = importlib.import_module("variants.ex10_batchnorm").UNKNOWN["eps forgotten"]  # wrong at every eps
    assert not any(told in c.message for c in _grade(tmp_path, "ex10_batchnorm", forgotten, hidden=True).checks)


def test_a_ragged_list_from_one_hot_is_told_to_be_an_array(tmp_path):
    """The predicate of one_hot's given text reads the reply's shape: a ragged list has none."""
    code = "def one_hot(labels, C):\n    return [[1.0, 0.0], [1.0]]\n"
    failed = [c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", code).checks
              if c.function == "one_hot" and "unchanged" not in c.name]
    assert failed and all("must be a numpy array" in c.message for c in failed), [c.message for c in failed]


NG_COLUMN_GRADAPPROX = '''
def numerical_gradient(f, theta, epsilon=1e-7):
    n = theta.size
    gradapprox = np.zeros((n, 1))
    for i in range(n):
        thetaplus = np.copy(theta).reshape(-1)
        thetaplus[i] += epsilon
        thetaminus = np.copy(theta).reshape(-1)
        thetaminus[i] -= epsilon
        gradapprox[i] = (f(thetaplus.reshape(theta.shape)) - f(thetaminus.reshape(theta.shape))) / (2 * epsilon)
    return gradapprox


def relative_difference(grad, grad_approx):
    numerator = np.linalg.norm(grad - grad_approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    return 0.0 if denominator == 0 else float(numerator / denominator)
'''


def test_a_difference_of_a_vector_and_a_column_broadcast_is_told_in_shapes(tmp_path):
    """Ng's notebook keeps gradapprox as a column (n, 1): beside a grad of shape (n,), grad - gradapprox
    broadcasts silently to (n, n), and the difference is of n * n pairs of entries."""
    result = _grade(tmp_path, "ex06_gradient_check", NG_COLUMN_GRADAPPROX, hidden=True)
    off = [c for c in result.checks if c.function == "gradient_check" and not c.passed and "is 1." in c.message]
    assert len(off) == 3 and all("(n, 1)" in c.message and "(n, n)" in c.message and not c.misconception
                                 for c in off), [c.message for c in off]
    unknown = importlib.import_module("variants.ex06_gradient_check").UNKNOWN
    for wrong in unknown.values():
        assert not any("(n, n)" in c.message for c in _grade(tmp_path, "ex06_gradient_check", wrong, True).checks)


def test_a_centred_difference_stepped_2_eps_each_way_is_told_its_step(tmp_path):
    """(f(theta + 2 eps e_i) - f(theta - 2 eps e_i)) / (2 eps) is twice the gradient, as a quotient
    divided by eps is: the same factor 2 is missing, and its explanation speaks of the step too."""
    code = ("def numerical_gradient(f, theta, epsilon=1e-7):\n    grad = np.zeros(theta.shape)\n"
            "    for i in np.ndindex(theta.shape):\n        plus, minus = theta.copy(), theta.copy()\n"
            "        plus[i] += 2 * epsilon\n        minus[i] -= 2 * epsilon\n"
            "        grad[i] = (f(plus) - f(minus)) / (2 * epsilon)\n    return grad\n")
    failed = [c for c in _grade(tmp_path, "ex06_gradient_check", code, hidden=True).checks
              if not c.passed and c.function == "numerical_gradient" and "counts once" not in c.message]
    assert failed and all(c.misconception == "ex06/missing-factor-2" and "step by epsilon each way" in c.message
                          for c in failed), [(c.name, c.misconception) for c in failed]


def test_a_cost_computed_in_float32_is_told_so_though_it_returns_a_python_float(tmp_path):
    """float(cost) hides the float32 it was computed in, and with AL within 1e-6 of 0 and 1 the rounding
    of AL alone moves the cost in its 4th digit: more than the last digits a float32 slip is said to move."""
    code = ("def compute_cost(AL, Y):\n    AL, Y = AL.astype(np.float32), Y.astype(np.float32)\n"
            "    m = Y.shape[1]\n    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m\n"
            "    return float(np.squeeze(cost))\n")
    failed = [c for c in _grade(tmp_path, "ex05_l_layer", code, hidden=True).checks if not c.passed]
    assert failed and all("float32" in c.message and not c.misconception for c in failed), [c.message for c in failed]
    halved = code.replace("/ m", "/ (2 * m)")
    failed = [c for c in _grade(tmp_path, "ex05_l_layer", halved, hidden=True).checks if not c.passed]
    assert failed and not any("float32" in c.message for c in failed)


def test_a_stable_softmax_guarded_by_1e_8_passes_softmax_backward_on_wide_scores(tmp_path):
    """sum + 1e-8 after the max is subtracted scales A by at most 1 - 1e-8, as np.log(A + 1e-8) moves the
    cost: a guard the cost's checks let pass. With scores up to 12 one class takes all, the sum is near 1,
    and dZ moves by up to about 3e-8 * |dA|: past atol 1e-8, on a softmax_backward that is right."""
    code = ("def softmax(Z):\n    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))\n"
            "    return e / (np.sum(e, axis=0, keepdims=True) + 1e-8)\n")
    for secret in ("test-secret", "secret-1", "secret-2"):
        result = _grade(tmp_path, "ex08_softmax_cross_entropy", code, hidden=True, secret=secret)
        assert result.score == result.max_score, [c.message for c in result.checks if not c.passed]
    diagonal = importlib.import_module("variants.ex08_softmax_cross_entropy").MISTAKES["ex08/diagonal-jacobian-only"]
    wide = next(c for c in _grade(tmp_path, "ex08_softmax_cross_entropy", diagonal, hidden=True).checks
                if c.name == "softmax_backward with scores up to 12 in size")
    assert not wide.passed and wide.misconception == "ex08/diagonal-jacobian-only"


ROWS_AS_EXAMPLES_FORWARD = '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    N, D = Z.shape
    mu = 1. / N * np.sum(Z, axis=1, keepdims=True)
    xmu = Z - mu
    var = 1. / N * np.sum(xmu ** 2, axis=1, keepdims=True)
    xhat = xmu / np.sqrt(var + eps)
    return gamma * xhat + beta, (Z, xhat, mu, var, gamma, beta, eps)
'''
ROWS_AS_EXAMPLES_BACKWARD = '''
def batchnorm_backward(dout, cache):
    x, x_hat, mu, var, gamma, beta, eps = cache
    N, D = dout.shape
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = np.sum(dout * x_hat, axis=1, keepdims=True)
    dx_hat = dout * gamma
    dx = (1. / N) / np.sqrt(var + eps) * (N * dx_hat - dx_hat.sum(axis=1, keepdims=True)
                                          - x_hat * np.sum(dx_hat * x_hat, axis=1, keepdims=True))
    return dx, dgamma, dbeta
'''


@pytest.mark.parametrize("code", [ROWS_AS_EXAMPLES_FORWARD, ROWS_AS_EXAMPLES_BACKWARD], ids=["forward", "backward"])
def test_cs231n_rows_count_taken_for_the_examples_is_told_the_columns_are(tmp_path, code):
    """CS231n's `N, D = x.shape` kept on columns: N is the number of features, and every check of
    values fails naming no mistake; each says that an example is a column here."""
    failed = [c for c in _grade(tmp_path, "ex10_batchnorm", code, hidden=True).checks if not c.passed]
    values = [c for c in failed if "unchanged" not in c.name and "two examples" not in c.name]
    assert values and all("an example is a column" in c.message and not c.misconception for c in values), \
        [c.message for c in failed]
