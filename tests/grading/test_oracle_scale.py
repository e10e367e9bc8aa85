"""The oracle at scale: numeric.spot_check on an L-layer network of a million parameters.

The network is ex05's, [LINEAR -> RELU] * 2 -> LINEAR -> SIGMOID with layer sizes
600, 1000, 400, 1 (1,001,801 parameters) and m = 64 examples; J is the cross-entropy cost
with its 1/m. The reference L_model_backward's gradients must pass; the gradients of every
catalogued ex05 mistake that changes dW or db must fail, in a few dozen forward passes
where per-coordinate central differences would take two million.

Two catalogued mistakes are not wrong gradient values, and are caught elsewhere:
ex05/grads-keys-off-by-one names the right arrays wrongly (spot_check refuses grads with
a missing name or a wrong shape, a ValueError; the grader's check of L_model_backward
compares keys and shapes before values), and ex05/update-adds-gradient is in
update_parameters, whose check compares W - learning_rate * dW exactly, no oracle needed.
Timing is in benchmarks/oracle_scale.py, not here.
"""
import types

import numpy as np
import pytest

from autograder import numeric
from conftest import ROOT
from variants.ex05_l_layer import MISTAKES

SIZES = (600, 1000, 400, 1)
EXAMPLES = 64
DIRECTIONS, SAMPLES = 4, 12

# The catalogued mistakes whose dW or db differ from the reference's, and the others.
WRONG_GRADIENTS = ["ex05/dAL-sign-flipped", "ex05/sigmoid-in-hidden-layers",
                   "ex05/relu-at-output", "ex05/missing-1-over-m"]
NOT_GRADIENT_VALUES = ["ex05/grads-keys-off-by-one", "ex05/update-adds-gradient"]


def _module(extra_code=""):
    """The reference solution as a fresh module, with a variant's definitions on top."""
    path = ROOT / "solutions" / "ex05_l_layer.py"
    module = types.ModuleType("_spot_check_ex05")
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
    exec(compile(extra_code, "<variant>", "exec"), module.__dict__)
    return module


def _grads(module, X, Y, parameters):
    AL, caches = module.L_model_forward(X, parameters)
    return module.L_model_backward(AL, Y, caches)


def cost(X, Y):
    """f(parameters) -> J of the network, from ZL (log(1 + e^z) - y z: no log of 0)."""
    def J(parameters):
        depth = len(parameters) // 2
        A = X
        for layer in range(1, depth):
            A = numeric.relu(parameters[f"W{layer}"] @ A + parameters[f"b{layer}"])
        ZL = parameters[f"W{depth}"] @ A + parameters[f"b{depth}"]
        return float(np.mean(np.logaddexp(0.0, ZL) - Y * ZL))
    return J


def build_network(seed=2024):
    """X, Y and the parameters of the million-parameter network, He-initialised."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(SIZES)):
        he = np.sqrt(2.0 / SIZES[layer - 1])
        parameters[f"W{layer}"] = rng.standard_normal((SIZES[layer], SIZES[layer - 1])) * he
        parameters[f"b{layer}"] = 0.5 * rng.standard_normal((SIZES[layer], 1))
    X = rng.standard_normal((SIZES[0], EXAMPLES))
    Y = rng.integers(0, 2, size=(1, EXAMPLES)).astype(np.float64)
    return X, Y, parameters


@pytest.fixture(scope="module")
def network():
    return build_network()


def _check(network, grads, seed=7):
    X, Y, parameters = network
    return numeric.spot_check(cost(X, Y), parameters, grads, rng=np.random.default_rng(seed),
                              directions=DIRECTIONS, samples=SAMPLES)


def test_the_network_has_a_million_parameters(network):
    assert sum(p.size for p in network[2].values()) >= 1_000_000


def test_reference_gradients_pass_in_a_few_forward_passes(network):
    result = _check(network, _grads(_module(), *network))
    assert result.passed, result
    assert result.error < numeric.SPOT_TOLERANCE / 100, result
    assert [name for name, _ in result.array_errors] == ["dW1", "db1", "dW2", "db2", "dW3", "db3"]
    assert result.forward_passes == 2 * (DIRECTIONS + SAMPLES) <= 40


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reference_gradients_pass_whatever_the_draw(network, seed):
    assert _check(network, _grads(_module(), *network), seed).passed


@pytest.mark.parametrize("mistake", WRONG_GRADIENTS)
def test_catalogued_mistake_fails(network, mistake):
    """Each changes the whole gradient: the directional derivatives alone see it."""
    result = _check(network, _grads(_module(MISTAKES[mistake]), *network))
    assert result.error > 10 * result.tolerance, result
    assert result.direction_error > result.tolerance, result


def _scaled(grads, group, factor):
    return {k: v * factor if k.startswith(group) else v for k, v in grads.items()}


@pytest.mark.parametrize("group", ["dW", "db"])
def test_missing_1_over_m_in_dW_or_db_alone_fails(network, group):
    """The rules catalogue both halves of ex05/missing-1-over-m; db is a 1,401st of the
    parameters, so the sampled coordinates of each bias catch what a direction may not."""
    result = _check(network, _scaled(_grads(_module(), *network), group, EXAMPLES))
    assert result.error > 10 * result.tolerance, result
    assert {name for name, error in result.array_errors if error > result.tolerance} == \
        {name for name, _ in result.array_errors if name.startswith(group)}


def test_sigmoid_slope_in_the_hidden_layers_of_the_backward_pass_fails(network):
    """ex05/sigmoid-in-hidden-layers as the rules also catalogue it: forward right, and
    the backward pass through the hidden layers with the sigmoid's slope."""
    module = _module()
    module.relu_backward = module.sigmoid_backward
    assert not _check(network, _grads(module, *network)).passed


def test_every_catalogued_mistake_is_accounted_for():
    assert sorted(MISTAKES) == sorted(WRONG_GRADIENTS + NOT_GRADIENT_VALUES)


def test_grads_keys_off_by_one_are_refused(network):
    grads = _grads(_module(MISTAKES["ex05/grads-keys-off-by-one"]), *network)
    with pytest.raises(ValueError, match="grads has no dW3, db3"):
        _check(network, grads)


# ------------------------------------------------------------------ the API, small

def _small(seed=0):
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((5, 8)), rng.integers(0, 2, size=(1, 8)).astype(np.float64)
    parameters = {"W1": rng.standard_normal((4, 5)), "b1": rng.standard_normal((4, 1)),
                  "W2": rng.standard_normal((1, 4)), "b2": rng.standard_normal((1, 1))}
    return X, Y, parameters


def test_same_seed_same_result_and_the_parameters_are_left_alone():
    X, Y, parameters = _small()
    kept = {k: v.copy() for k, v in parameters.items()}
    grads = _grads(_module(), X, Y, parameters)
    first, second = (numeric.spot_check(cost(X, Y), parameters, grads, rng=np.random.default_rng(3))
                     for _ in range(2))
    assert first == second and first.passed
    assert all(np.array_equal(parameters[k], kept[k]) for k in kept)


def test_an_error_in_f_leaves_the_parameters_alone():
    X, Y, parameters = _small()
    kept = {k: v.copy() for k, v in parameters.items()}
    grads = _grads(_module(), X, Y, parameters)
    calls = []

    def failing(p):
        calls.append(1)
        if len(calls) == 3:
            raise FloatingPointError("third pass")
        return cost(X, Y)(p)

    with pytest.raises(FloatingPointError):
        numeric.spot_check(failing, parameters, grads, rng=np.random.default_rng(0))
    assert all(np.array_equal(parameters[k], kept[k]) for k in kept)


def test_lists_of_arrays_and_strict_shapes():
    X, Y, parameters = _small()
    grads = _grads(_module(), X, Y, parameters)
    names = list(parameters)

    def f(arrays):
        return cost(X, Y)(dict(zip(names, arrays)))

    result = numeric.spot_check(f, [parameters[k] for k in names], [grads["d" + k] for k in names],
                                rng=np.random.default_rng(0), directions=2, samples=4)
    assert result.passed and result.forward_passes == 12
    assert [name for name, _ in result.array_errors] == [f"grads[{i}]" for i in range(4)]
    with pytest.raises(ValueError, match="shape"):
        numeric.spot_check(f, [parameters[k] for k in names], [grads["d" + k].T for k in names],
                           rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="unchecked"):
        numeric.spot_check(f, [parameters[k] for k in names], [grads["d" + k] for k in names],
                           rng=np.random.default_rng(0), samples=3)


def test_a_zero_gradient_where_f_is_flat_passes_and_a_nan_fails():
    parameters = {"w": np.zeros(3)}
    flat = numeric.spot_check(lambda p: 1.0, parameters, {"dw": np.zeros(3)}, rng=np.random.default_rng(0),
                              samples=3)
    assert flat.error == 0.0 and flat.passed
    broken = numeric.spot_check(lambda p: 1.0, parameters, {"dw": np.full(3, np.nan)},
                                rng=np.random.default_rng(0), samples=3)
    assert broken.error == np.inf and not broken.passed
