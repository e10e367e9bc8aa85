"""Checks of the reference solutions in solutions/.

Every derivative is compared with a central-difference gradient of the forward computation
it is the derivative of, on random inputs of generic shapes (no square matrix, m different
from every layer size) for several seeds. The format the stub generator relies on (solution
regions, no solution line outside them, a stub that imports) is checked at the end.
"""
import copy
import importlib.util
import inspect
import math
import re
import warnings

import numpy as np
import pytest

from autograder import catalog, sources, spec as specs
from conftest import ROOT

SOLUTIONS = ROOT / "solutions"
STEMS = [e.id for e in catalog.EXERCISES]
SEEDS = [0, 1, 2]
EPS = 1e-6
TOL = 1e-7


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(stem):
    return load_module(SOLUTIONS / f"{stem}.py", f"solution_{stem}")


ex01 = load("ex01_sigmoid_derivative")
ex02 = load("ex02_output_delta")
ex03 = load("ex03_weight_gradients")
ex04 = load("ex04_hidden_delta")
ex05 = load("ex05_l_layer")
ex06 = load("ex06_gradient_check")
ex07 = load("ex07_row_major")
ex08 = load("ex08_softmax_cross_entropy")
ex09 = load("ex09_regularization")
ex10 = load("ex10_batchnorm")


# --------------------------------------------------------------------------- helpers

def ref_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def ref_relu(z):
    return np.maximum(z, 0.0)


def summed_loss(A, Y):
    return float(-np.sum(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A)))


def num_grad(f, x, eps=EPS):
    """Central differences of the scalar function f at a copy of x, entry by entry."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        f_plus = float(f(x))
        x[i] = old - eps
        f_minus = float(f(x))
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def rel_err(a, b):
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


def assert_gradient(analytic, numeric, tol=TOL):
    """Shape and dtype first (no broadcasting), then the relative error."""
    assert isinstance(analytic, np.ndarray)
    assert analytic.dtype == np.float64
    assert analytic.shape == numeric.shape, (analytic.shape, numeric.shape)
    err = rel_err(analytic, numeric)
    assert err < tol, f"relative error {err:.3e}"


def assert_same(a, b):
    """a and b are equal containers of equal arrays (same dtype, shape and values)."""
    if isinstance(b, np.ndarray):
        assert isinstance(a, np.ndarray)
        assert a.dtype == b.dtype and a.shape == b.shape
        assert np.array_equal(a, b, equal_nan=True)
    elif isinstance(b, dict):
        assert isinstance(a, dict) and a.keys() == b.keys()
        for key in b:
            assert_same(a[key], b[key])
    elif isinstance(b, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    else:
        assert a == b


def call_unchanged(fn, *args):
    """Call fn(*args) and check that none of the arguments was modified."""
    before = copy.deepcopy(args)
    result = fn(*args)
    assert_same(args, before)
    return result


def away_from_zero(rng, shape, gap=0.1):
    return rng.choice([-1.0, 1.0], size=shape) * (gap + np.abs(rng.normal(size=shape)))


def labels(rng, shape):
    Y = rng.integers(0, 2, size=shape).astype(np.float64)
    Y.flat[0], Y.flat[-1] = 0.0, 1.0  # both classes present
    return Y


def elementwise_derivative(g, z, h=EPS):
    return (g(z + h) - g(z - h)) / (2.0 * h)


# --------------------------------------------------------------------------- ex01

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    "derivative, function",
    [
        (ex01.sigmoid_derivative, ref_sigmoid),
        (ex01.tanh_derivative, np.tanh),
        (ex01.relu_derivative, ref_relu),
    ],
    ids=["sigmoid", "tanh", "relu"],
)
def test_ex01_derivatives_match_numerical(seed, derivative, function):
    rng = np.random.default_rng(seed)
    z = 3.0 * away_from_zero(rng, (3, 4, 2), gap=0.01)
    got = call_unchanged(derivative, z)
    assert_gradient(got, elementwise_derivative(function, z))


@pytest.mark.parametrize("seed", SEEDS)
def test_ex01_sigmoid_matches_definition(seed):
    z = np.random.default_rng(seed).normal(scale=5.0, size=(2, 5))
    got = call_unchanged(ex01.sigmoid, z)
    assert got.dtype == np.float64 and got.shape == z.shape
    np.testing.assert_allclose(got, ref_sigmoid(z), rtol=1e-14, atol=0)


def test_ex01_sigmoid_large_z_finite_and_warning_free():
    z = np.concatenate([np.linspace(-1000.0, 1000.0, 4001), [-745.5, -710.0, -40.0, 40.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            s = ex01.sigmoid(z)
            ds = ex01.sigmoid_derivative(z)
            dt = ex01.tanh_derivative(z)
            dr = ex01.relu_derivative(z)
    for out in (s, ds, dt, dr):
        assert out.shape == z.shape and out.dtype == np.float64
        assert np.all(np.isfinite(out))
    assert np.all((s >= 0.0) & (s <= 1.0))
    assert s[0] == 0.0 and s[4000] == 1.0  # z = -1000 and z = 1000
    assert np.all(np.diff(s[:4001]) >= 0.0)
    np.testing.assert_allclose(s[:4001] + s[4000::-1], 1.0, rtol=0, atol=1e-15)
    # relative accuracy on the small side, where 1 + exp(-z) would lose it
    expected = math.exp(-40.0) / (1.0 + math.exp(-40.0))
    assert abs(s[-2] - expected) <= 1e-14 * expected  # z = -40
    assert ds[0] == 0.0 and ds[4000] == 0.0


def test_ex01_zero_dimensional_input():
    z = np.array(0.3)
    expected_s = 1.0 / (1.0 + math.exp(-0.3))
    for fn, expected in [
        (ex01.sigmoid, expected_s),
        (ex01.sigmoid_derivative, expected_s * (1.0 - expected_s)),
        (ex01.tanh_derivative, 1.0 - math.tanh(0.3) ** 2),
        (ex01.relu_derivative, 1.0),
    ]:
        out = call_unchanged(fn, z)
        assert np.shape(out) == () and np.asarray(out).dtype == np.float64
        assert abs(float(out) - expected) < 1e-15
    assert float(ex01.sigmoid(np.float64(-1000.0))) == 0.0
    assert float(ex01.relu_derivative(np.array(-2.0))) == 0.0


def test_ex01_relu_derivative_values():
    z = np.array([[-2.0, -1e-300, 0.0, 1e-300, 3.0]])
    out = ex01.relu_derivative(z)
    assert out.dtype == np.float64
    assert out.tolist() == [[0.0, 0.0, 0.0, 1.0, 1.0]]


# --------------------------------------------------------------------------- ex02

def ex02_inputs(seed, m=7):
    rng = np.random.default_rng(seed)
    return rng.uniform(0.05, 0.95, size=(1, m)), labels(rng, (1, m))


@pytest.mark.parametrize("seed", SEEDS)
def test_ex02_compute_cost(seed):
    A2, Y = ex02_inputs(seed)
    cost = call_unchanged(ex02.compute_cost, A2, Y)
    assert type(cost) is float
    m = Y.shape[1]
    expected = -sum(
        y * math.log(a) + (1 - y) * math.log(1 - a) for a, y in zip(A2[0], Y[0])
    ) / m
    assert abs(cost - expected) < 1e-12 * abs(expected)
    assert cost > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_ex02_loss_derivative_matches_numerical(seed):
    A2, Y = ex02_inputs(seed)
    got = call_unchanged(ex02.loss_derivative, A2, Y)
    assert_gradient(got, num_grad(lambda A: summed_loss(A, Y), A2))


@pytest.mark.parametrize("seed", SEEDS)
def test_ex02_output_delta_matches_numerical(seed):
    A2, Y = ex02_inputs(seed)
    Z2 = np.log(A2 / (1.0 - A2))  # logit: sigmoid(Z2) = A2
    got = call_unchanged(ex02.output_delta, A2, Y)
    assert_gradient(got, num_grad(lambda Z: summed_loss(ref_sigmoid(Z), Y), Z2))


# --------------------------------------------------------------------------- ex03

@pytest.mark.parametrize("seed", SEEDS)
def test_ex03_weight_gradients_match_numerical(seed):
    rng = np.random.default_rng(seed)
    n_l, n_prev, m = 3, 4, 5
    dZ = rng.normal(size=(n_l, m))
    A_prev = rng.normal(size=(n_prev, m))
    W = rng.normal(size=(n_l, n_prev))
    b = rng.normal(size=(n_l, 1))

    def J(W, b):  # a cost whose derivative with respect to Z is dZ / m
        return np.sum(dZ * (W @ A_prev + b)) / m

    dW, db = call_unchanged(ex03.weight_gradients, dZ, A_prev)
    assert_gradient(dW, num_grad(lambda W_: J(W_, b), W))
    assert_gradient(db, num_grad(lambda b_: J(W, b_), b))


# --------------------------------------------------------------------------- ex04

HIDDEN = {"tanh": np.tanh, "sigmoid": ref_sigmoid, "relu": ref_relu}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_y", [1, 3])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_ex04_hidden_delta_matches_numerical(seed, n_y, activation):
    rng = np.random.default_rng(seed)
    n_h, m = 4, 5
    dZ2 = rng.normal(size=(n_y, m))
    W2 = rng.normal(size=(n_y, n_h))
    Z1 = 2.0 * away_from_zero(rng, (n_h, m))
    g = HIDDEN[activation]
    got = call_unchanged(ex04.hidden_delta, dZ2, W2, Z1, activation)
    assert_gradient(got, num_grad(lambda Z: np.sum(dZ2 * (W2 @ g(Z))), Z1))


def test_ex04_hidden_delta_default_is_tanh_and_unknown_raises():
    rng = np.random.default_rng(0)
    dZ2, W2, Z1 = rng.normal(size=(1, 5)), rng.normal(size=(1, 4)), rng.normal(size=(4, 5))
    np.testing.assert_array_equal(
        ex04.hidden_delta(dZ2, W2, Z1), ex04.hidden_delta(dZ2, W2, Z1, "tanh")
    )
    with pytest.raises(ValueError):
        ex04.hidden_delta(dZ2, W2, Z1, "softplus")


def test_ex04_hidden_delta_sigmoid_large_z_warning_free():
    Z1 = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            out = ex04.hidden_delta(np.ones((1, 5)), np.ones((1, 1)), Z1, "sigmoid")
    assert np.all(np.isfinite(out)) and out[0, 2] == 0.25


def two_layer_cost(X, Y, W1, b1, W2, b2):
    A1 = np.tanh(W1 @ X + b1)
    A2 = ref_sigmoid(W2 @ A1 + b2)
    return summed_loss(A2, Y) / X.shape[1]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_y", [1, 2])
def test_ex04_backward_propagation_matches_numerical(seed, n_y):
    rng = np.random.default_rng(seed)
    n_x, n_h, m = 3, 4, 5
    X = rng.normal(size=(n_x, m))
    Y = labels(rng, (n_y, m))
    parameters = {
        "W1": rng.normal(size=(n_h, n_x)),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(n_y, n_h)),
        "b2": rng.normal(size=(n_y, 1)),
    }
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": ref_sigmoid(Z2)}

    grads = call_unchanged(ex04.backward_propagation, parameters, cache, X, Y)
    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    for name in ["W1", "b1", "W2", "b2"]:

        def J(value, name=name):
            return two_layer_cost(X, Y, **{**parameters, name: value})

        assert_gradient(grads["d" + name], num_grad(J, parameters[name]))


# --------------------------------------------------------------------------- ex05

ACTIVATIONS = {"relu": ref_relu, "sigmoid": ref_sigmoid}
LAYER_DIMS = [4, 5, 3, 1]  # n_x = 4, two relu layers, one sigmoid unit
M5 = 6


def deep_parameters(rng, dims=LAYER_DIMS):
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(scale=0.5, size=(dims[l], 1))
    return parameters


def forward_from(parameters, A, start):
    """A[L] computed from A[start] by layers start + 1 .. L, independently of ex05."""
    L = len(parameters) // 2
    for l in range(start + 1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        A = ref_sigmoid(Z) if l == L else ref_relu(Z)
    return A


def hidden_activations(parameters, X):
    """[A[0], ..., A[L-1]]: X, then the relu layers 1 .. L-1, independently of ex05."""
    L = len(parameters) // 2
    activations = [X]
    for l in range(1, L):
        activations.append(ref_relu(parameters[f"W{l}"] @ activations[-1] + parameters[f"b{l}"]))
    return activations


def deep_inputs(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(LAYER_DIMS[0], M5))
    Y = labels(rng, (1, M5))
    return X, Y, deep_parameters(rng)


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_given_helpers(seed):
    rng = np.random.default_rng(seed)
    Z = 2.0 * away_from_zero(rng, (3, 5))
    dA = rng.normal(size=(3, 5))
    np.testing.assert_allclose(ex05.sigmoid(Z), ref_sigmoid(Z), rtol=1e-14)
    np.testing.assert_array_equal(ex05.relu(Z), ref_relu(Z))
    for backward, g in [(ex05.sigmoid_backward, ref_sigmoid), (ex05.relu_backward, ref_relu)]:
        dZ = call_unchanged(backward, dA, Z)
        assert_gradient(dZ, num_grad(lambda Z_: np.sum(dA * g(Z_)), Z))


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_linear_forward(seed):
    rng = np.random.default_rng(seed)
    A, W, b = rng.normal(size=(4, 6)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    Z, cache = call_unchanged(ex05.linear_forward, A, W, b)
    assert Z.shape == (3, 6) and Z.dtype == np.float64
    np.testing.assert_allclose(Z, W @ A + b, rtol=1e-14)
    assert isinstance(cache, tuple) and len(cache) == 3
    for kept, given in zip(cache, (A, W, b)):
        np.testing.assert_array_equal(kept, given)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_ex05_linear_activation_forward(seed, activation):
    rng = np.random.default_rng(seed)
    A_prev, W, b = rng.normal(size=(4, 6)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    A, cache = call_unchanged(ex05.linear_activation_forward, A_prev, W, b, activation)
    Z = W @ A_prev + b
    assert A.shape == (3, 6) and A.dtype == np.float64
    np.testing.assert_allclose(A, ACTIVATIONS[activation](Z), rtol=1e-13)
    linear_cache, Z_kept = cache
    assert len(linear_cache) == 3
    np.testing.assert_allclose(Z_kept, Z, rtol=1e-14)
    with pytest.raises(ValueError):
        ex05.linear_activation_forward(A_prev, W, b, "tanh")


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_L_model_forward(seed):
    X, Y, parameters = deep_inputs(seed)
    AL, caches = call_unchanged(ex05.L_model_forward, X, parameters)
    assert AL.shape == (1, M5) and AL.dtype == np.float64
    np.testing.assert_allclose(AL, forward_from(parameters, X, 0), rtol=1e-13)
    L = len(LAYER_DIMS) - 1
    assert isinstance(caches, list) and len(caches) == L
    for l, ((A_prev, W, b), Z) in enumerate(caches, start=1):
        assert A_prev.shape == (LAYER_DIMS[l - 1], M5)
        assert W.shape == (LAYER_DIMS[l], LAYER_DIMS[l - 1]) and b.shape == (LAYER_DIMS[l], 1)
        assert Z.shape == (LAYER_DIMS[l], M5)


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_compute_cost(seed):
    A, Y = ex02_inputs(seed, m=M5)
    cost = call_unchanged(ex05.compute_cost, A, Y)
    assert type(cost) is float
    assert abs(cost - summed_loss(A, Y) / M5) < 1e-12 * cost


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_linear_backward_matches_numerical(seed):
    rng = np.random.default_rng(seed)
    n_l, n_prev, m = 3, 4, 6
    dZ = rng.normal(size=(n_l, m))
    A_prev = rng.normal(size=(n_prev, m))
    W, b = rng.normal(size=(n_l, n_prev)), rng.normal(size=(n_l, 1))

    def summed(A_prev, W, b):  # its derivative with respect to Z is dZ
        return np.sum(dZ * (W @ A_prev + b))

    dA_prev, dW, db = call_unchanged(ex05.linear_backward, dZ, (A_prev, W, b))
    # dA_prev: derivative of the summed loss, no 1/m
    assert_gradient(dA_prev, num_grad(lambda A_: summed(A_, W, b), A_prev))
    # dW, db: derivatives of the cost, with 1/m
    assert_gradient(dW, num_grad(lambda W_: summed(A_prev, W_, b) / m, W))
    assert_gradient(db, num_grad(lambda b_: summed(A_prev, W, b_) / m, b))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_ex05_linear_activation_backward_matches_numerical(seed, activation):
    rng = np.random.default_rng(seed)
    n_l, n_prev, m = 3, 4, 6
    dA = rng.normal(size=(n_l, m))
    A_prev = rng.normal(size=(n_prev, m))
    W, b = rng.normal(size=(n_l, n_prev)), rng.normal(size=(n_l, 1))
    Z = W @ A_prev + b
    assert np.min(np.abs(Z)) > 1e-4  # no relu kink within reach of the differences
    g = ACTIVATIONS[activation]

    def summed(A_prev, W, b):  # its derivative with respect to A is dA
        return np.sum(dA * g(W @ A_prev + b))

    cache = ((A_prev, W, b), Z)
    dA_prev, dW, db = call_unchanged(ex05.linear_activation_backward, dA, cache, activation)
    assert_gradient(dA_prev, num_grad(lambda A_: summed(A_, W, b), A_prev))
    assert_gradient(dW, num_grad(lambda W_: summed(A_prev, W_, b) / m, W))
    assert_gradient(db, num_grad(lambda b_: summed(A_prev, W, b_) / m, b))


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_L_model_backward_matches_numerical(seed):
    X, Y, parameters = deep_inputs(seed)
    L = len(LAYER_DIMS) - 1
    AL, caches = ex05.L_model_forward(X, parameters)
    for _, Z in caches[:-1]:
        assert np.min(np.abs(Z)) > 1e-4  # no relu kink within reach of the differences
    grads = call_unchanged(ex05.L_model_backward, AL, Y, caches)
    expected_keys = {f"dA{l}" for l in range(L)}
    expected_keys |= {f"dW{l}" for l in range(1, L + 1)} | {f"db{l}" for l in range(1, L + 1)}
    assert set(grads) == expected_keys

    # dA[l]: derivative of the summed loss with respect to the activations of layer l
    for l, A in enumerate(hidden_activations(parameters, X)):
        numeric = num_grad(lambda A_, l=l: summed_loss(forward_from(parameters, A_, l), Y), A)
        assert_gradient(grads[f"dA{l}"], numeric)

    # dW[l], db[l]: derivatives of the cost J
    for name in parameters:

        def J(value, name=name):
            return summed_loss(forward_from({**parameters, name: value}, X, 0), Y) / M5

        assert_gradient(grads["d" + name], num_grad(J, parameters[name]))


@pytest.mark.parametrize("seed", SEEDS)
def test_ex05_update_parameters(seed):
    rng = np.random.default_rng(seed)
    parameters = deep_parameters(rng)
    grads = {"d" + name: rng.normal(size=value.shape) for name, value in parameters.items()}
    grads["dA0"] = rng.normal(size=(LAYER_DIMS[0], M5))
    new = call_unchanged(ex05.update_parameters, parameters, grads, 0.1)
    assert new is not parameters and set(new) == set(parameters)
    for name, value in parameters.items():
        assert new[name].shape == value.shape and new[name].dtype == np.float64
        np.testing.assert_allclose(new[name], value - 0.1 * grads["d" + name], rtol=1e-14)


def test_ex05_update_parameters_lowers_the_cost():
    X, Y, parameters = deep_inputs(1)
    AL, caches = ex05.L_model_forward(X, parameters)
    grads = ex05.L_model_backward(AL, Y, caches)
    new = ex05.update_parameters(parameters, grads, 1e-3)
    assert ex05.compute_cost(ex05.L_model_forward(X, new)[0], Y) < ex05.compute_cost(AL, Y)


# --------------------------------------------------------------------------- ex06

def smooth_problem(seed, shape):
    rng = np.random.default_rng(seed)
    C = rng.normal(size=shape)
    D = rng.uniform(0.5, 2.0, size=shape)
    theta = rng.normal(size=shape)

    def f(t):
        return np.sum(C * np.sin(t)) + 0.5 * np.sum(D * t**2) + np.sum(t) ** 2 / 4.0

    def grad(t):
        return C * np.cos(t) + D * t + np.sum(t) / 2.0 * np.ones(shape)

    return f, grad, theta


SHAPES_06 = [(5,), (3, 4), ()]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", SHAPES_06, ids=str)
@pytest.mark.parametrize("epsilon", [None, 1e-5])
def test_ex06_numerical_gradient(seed, shape, epsilon):
    f, grad, theta = smooth_problem(seed, shape)
    before = theta.copy()
    args = (f, theta) if epsilon is None else (f, theta, epsilon)
    approx = ex06.numerical_gradient(*args)
    assert_same(theta, before)
    assert approx.shape == shape and approx.dtype == np.float64
    assert rel_err(approx, grad(theta)) < 1e-8


def test_ex06_numerical_gradient_restores_theta_when_f_raises():
    f, _, theta = smooth_problem(0, (3, 4))
    before = theta.copy()
    calls = []

    def failing(t):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("boom")
        return f(t)

    with pytest.raises(RuntimeError):
        ex06.numerical_gradient(failing, theta)
    assert_same(theta, before)


def test_ex06_numerical_gradient_sees_nudges_through_the_given_array():
    # the cs231n pattern: f ignores its argument and reads the array it closes over
    f, grad, theta = smooth_problem(1, (2, 3))
    approx = ex06.numerical_gradient(lambda _: f(theta), theta)
    assert rel_err(approx, grad(theta)) < 1e-8


def test_ex06_numerical_gradient_accepts_numpy_scalars_and_int_theta():
    theta = np.array([1, 2, 3])
    approx = ex06.numerical_gradient(lambda t: np.array(np.sum(t**3)), theta)
    np.testing.assert_allclose(approx, 3.0 * theta.astype(float) ** 2, rtol=1e-6)
    assert theta.dtype.kind == "i"
    np.testing.assert_array_equal(theta, [1, 2, 3])


def test_ex06_relative_difference():
    rd = ex06.relative_difference
    assert rd(np.zeros((2, 3)), np.zeros((2, 3))) == 0.0
    assert type(rd(np.zeros((2, 3)), np.zeros((2, 3)))) is float
    assert rd(np.array([3.0, 4.0]), np.zeros(2)) == 1.0
    assert rd(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert rd(np.array([1.0, 2.0]), -np.array([1.0, 2.0])) == 1.0
    assert abs(rd(np.array([1.0, 0.0]), np.array([0.0, 1.0])) - math.sqrt(2) / 2) < 1e-15
    # norms over all entries: [[3, 0], [0, 4]] against zeros -> 5 / 5
    assert rd(np.array([[3.0, 0.0], [0.0, 4.0]]), np.zeros((2, 2))) == 1.0
    g = np.array([[1.0, 2.0], [3.0, 4.0]])
    h = g + np.array([[0.0, 0.0], [0.0, 1e-3]])
    expected = 1e-3 / (np.linalg.norm(g) + np.linalg.norm(h))
    assert abs(rd(g, h) - expected) < 1e-15
    before = (g.copy(), h.copy())
    rd(g, h)
    assert_same((g, h), before)
    with pytest.raises(ValueError):
        rd(np.zeros((5,)), np.zeros((5, 1)))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", [(5,), (3, 4)], ids=str)
def test_ex06_gradient_check(seed, shape):
    f, grad, theta = smooth_problem(seed, shape)
    before = theta.copy()
    difference, ok = ex06.gradient_check(f, theta, grad(theta))
    assert type(difference) is float and ok is True and difference < 2e-7
    for wrong in (1.01 * grad(theta), -grad(theta), grad(theta) + 1e-3):
        difference, ok = ex06.gradient_check(f, theta, wrong)
        assert ok is False and difference >= 2e-7
    # the threshold is the one given
    difference, ok = ex06.gradient_check(f, theta, 1.01 * grad(theta), threshold=0.1)
    assert ok is True
    assert_same(theta, before)


# --------------------------------------------------------------------------- ex07

def ex07_inputs(seed, n, sizes):
    rng = np.random.default_rng(seed)
    n_in, n_hidden, n_out = sizes
    X = rng.uniform(0.0, 1.0, size=(n, n_in))
    y = rng.uniform(0.0, 1.0, size=(n, n_out))
    return X, y, rng.normal(size=(n_in, n_hidden)), rng.normal(size=(n_hidden, n_out))


def row_forward(X, W1, W2):
    return ref_sigmoid(ref_sigmoid(X @ W1) @ W2)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, sizes", [(5, (2, 4, 3)), (7, (3, 4, 1)), (3, (2, 3, 1))])
def test_ex07_forward_and_cost(seed, n, sizes):
    X, y, W1, W2 = ex07_inputs(seed, n, sizes)
    yHat = call_unchanged(ex07.forward, X, W1, W2)
    assert yHat.shape == (n, sizes[2]) and yHat.dtype == np.float64
    np.testing.assert_allclose(yHat, row_forward(X, W1, W2), rtol=1e-14)
    J = call_unchanged(ex07.cost, X, y, W1, W2)
    assert type(J) is float
    assert abs(J - 0.5 * np.sum((y - row_forward(X, W1, W2)) ** 2)) < 1e-14


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, sizes", [(5, (2, 4, 3)), (7, (3, 4, 1)), (3, (2, 3, 1))])
def test_ex07_cost_prime_matches_numerical(seed, n, sizes):
    X, y, W1, W2 = ex07_inputs(seed, n, sizes)

    def J(W1, W2):
        return 0.5 * np.sum((y - row_forward(X, W1, W2)) ** 2)

    dJdW1, dJdW2 = call_unchanged(ex07.cost_prime, X, y, W1, W2)
    assert_gradient(dJdW1, num_grad(lambda W: J(W, W2), W1))
    assert_gradient(dJdW2, num_grad(lambda W: J(W1, W), W2))


def test_ex07_shapes_match_computed_shapes():
    X, y, W1, W2 = ex07_inputs(0, 3, (2, 3, 1))
    z2 = X @ W1
    a2 = ref_sigmoid(z2)
    z3 = a2 @ W2
    dJdW1, dJdW2 = ex07.cost_prime(X, y, W1, W2)
    computed = {
        "dJdW1": dJdW1.shape,
        "dJdW2": dJdW2.shape,
        "delta3": z3.shape,  # delta3 = dJ/dz3
        "delta2": z2.shape,  # delta2 = dJ/dz2
        "a2": a2.shape,
        "z3": z3.shape,
    }
    assert set(ex07.SHAPES) == set(computed)
    for key, value in ex07.SHAPES.items():
        assert isinstance(value, tuple) and all(type(d) is int for d in value), key
        assert value == computed[key], key


def math_sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def worked_example_by_hand(X, y):
    """The notes' example, W1 = ones((2, 3)), W2 = ones((3, 1)), in plain Python floats."""
    n, n_in, n_hidden = len(X), 2, 3
    a2 = [[math_sigmoid(sum(X[j][l] for l in range(n_in)))] * n_hidden for j in range(n)]
    z3 = [sum(a2[j]) for j in range(n)]
    yHat = [math_sigmoid(z) for z in z3]
    J = sum(0.5 * (y[j][0] - yHat[j]) ** 2 for j in range(n))
    delta3 = [-(y[j][0] - yHat[j]) * yHat[j] * (1.0 - yHat[j]) for j in range(n)]
    dJdW2 = [sum(a2[j][k] * delta3[j] for j in range(n)) for k in range(n_hidden)]
    delta2 = [[delta3[j] * a2[j][k] * (1.0 - a2[j][k]) for k in range(n_hidden)] for j in range(n)]
    dJdW1 = [[sum(X[j][l] * delta2[j][k] for j in range(n)) for k in range(n_hidden)]
             for l in range(n_in)]
    return {"a2": a2, "z3": z3, "yHat": yHat, "J": J, "dJdW2": dJdW2, "dJdW1": dJdW1}


ONES_W1, ONES_W2 = np.ones((2, 3)), np.ones((3, 1))
X_ONE, Y_ONE = [[0.3, 1.0]], [[0.75]]
X_THREE, Y_THREE = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]], [[0.75], [0.82], [0.93]]


def test_ex07_worked_example_one_example():
    X, y = np.array(X_ONE), np.array(Y_ONE)
    hand = worked_example_by_hand(X_ONE, Y_ONE)
    a2 = ex07.sigmoid(X @ ONES_W1)
    z3 = a2 @ ONES_W2
    yHat = ex07.forward(X, ONES_W1, ONES_W2)
    J = ex07.cost(X, y, ONES_W1, ONES_W2)
    dJdW1, dJdW2 = ex07.cost_prime(X, y, ONES_W1, ONES_W2)
    np.testing.assert_allclose(a2, hand["a2"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(z3[:, 0], hand["z3"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(yHat[:, 0], hand["yHat"], rtol=0, atol=1e-6)
    assert abs(J - hand["J"]) < 1e-6
    np.testing.assert_allclose(dJdW2[:, 0], hand["dJdW2"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(dJdW1, hand["dJdW1"], rtol=1e-6, atol=1e-9)
    # the numbers themselves, as a learner would find them by hand
    np.testing.assert_allclose(a2, [[0.785835, 0.785835, 0.785835]], atol=1e-6)
    np.testing.assert_allclose(z3, [[2.357505]], atol=1e-6)
    np.testing.assert_allclose(yHat, [[0.913529]], atol=1e-6)
    assert abs(J - 0.0133709) < 1e-6
    np.testing.assert_allclose(dJdW2, [[0.0101512]] * 3, atol=1e-6)
    np.testing.assert_allclose(dJdW1, [[0.000652212] * 3, [0.00217404] * 3], atol=1e-8)


def test_ex07_worked_example_three_examples():
    X, y = np.array(X_THREE), np.array(Y_THREE)
    hand = worked_example_by_hand(X_THREE, Y_THREE)
    yHat = ex07.forward(X, ONES_W1, ONES_W2)
    J = ex07.cost(X, y, ONES_W1, ONES_W2)
    dJdW1, dJdW2 = ex07.cost_prime(X, y, ONES_W1, ONES_W2)
    np.testing.assert_allclose(yHat[:, 0], hand["yHat"], rtol=0, atol=1e-6)
    assert abs(J - hand["J"]) < 1e-6
    np.testing.assert_allclose(dJdW2[:, 0], hand["dJdW2"], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(dJdW1, hand["dJdW1"], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(yHat, [[0.913529], [0.881275], [0.917326]], atol=1e-6)
    assert abs(J - 0.0153285) < 1e-6
    np.testing.assert_allclose(dJdW2, [[0.0136640]] * 3, atol=1e-7)
    np.testing.assert_allclose(dJdW1, [[0.00121040] * 3, [0.00239732] * 3], atol=1e-8)


# --------------------------------------------------------------------------- ex08

def column_softmax(Z):
    """The softmax of each column, one column at a time, with Python's math (exact here)."""
    out = np.empty_like(Z)
    for j in range(Z.shape[1]):
        exps = [math.exp(z - max(Z[:, j])) for z in Z[:, j]]
        out[:, j] = [e / sum(exps) for e in exps]
    return out


def ex08_inputs(seed, C, m):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(-3, 3, (C, m))
    classes = rng.integers(0, C, m)
    Y = np.zeros((C, m))
    Y[classes, np.arange(m)] = 1.0
    return rng, Z, classes, Y


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("C, m", [(4, 6), (2, 5), (5, 1)])
def test_ex08_softmax_one_hot_and_cost(seed, C, m):
    _, Z, classes, Y = ex08_inputs(seed, C, m)
    A = call_unchanged(ex08.softmax, Z)
    np.testing.assert_allclose(A, column_softmax(Z), rtol=1e-12, atol=0)
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-12)
    for labels in (classes, classes.reshape(1, m)):
        assert_same(call_unchanged(ex08.one_hot, labels, C), Y)
    cost = call_unchanged(ex08.compute_cost, A, Y)
    assert isinstance(cost, float)
    assert abs(cost - np.mean([-math.log(A[k, j]) for j, k in enumerate(classes)])) < 1e-12


def test_ex08_softmax_of_large_entries_is_finite_and_a_shift_changes_nothing():
    Z = np.array([[2.0, 1000.0, -1000.0, 1000.0], [1.0, 999.0, -1001.0, -1000.0], [0.0, 998.0, -1002.0, 3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A = ex08.softmax(Z)
    np.testing.assert_allclose(A[:, 1], A[:, 0], rtol=1e-12)
    np.testing.assert_allclose(A[:, 2], A[:, 0], rtol=1e-12)
    np.testing.assert_allclose(A[:, 3], [1.0, 0.0, 0.0], atol=1e-300)


def test_ex08_one_hot_keeps_a_row_for_a_class_no_example_has():
    Y = ex08.one_hot(np.array([0, 2, 1, 0]), 5)
    assert Y.shape == (5, 4) and Y.dtype == np.float64 and not Y[3:].any()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("C, m", [(4, 6), (2, 5), (3, 1)])
def test_ex08_derivatives_match_numerical(seed, C, m):
    rng, Z, _, Y = ex08_inputs(seed, C, m)
    dA = rng.standard_normal((C, m))
    dZ = call_unchanged(ex08.softmax_backward, dA, Z)
    assert_gradient(dZ, num_grad(lambda z: np.sum(dA * column_softmax(z)), Z))
    A = column_softmax(Z)
    delta = call_unchanged(ex08.output_delta, A, Y)
    assert_gradient(delta, num_grad(lambda z: -np.sum(Y * np.log(column_softmax(z))), Z))
    # the output delta is softmax_backward of dL/dA = -Y / A, simplified
    np.testing.assert_allclose(delta, ex08.softmax_backward(-Y / A, Z), rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------- ex09

EX09_DIMS = [3, 5, 4, 1]  # the course's three layers, sizes apart
M9 = 6


def ex09_network(seed, keep_prob=None):
    """X, Y, parameters and, with keep_prob, masks that drop some units of each hidden layer."""
    rng = np.random.default_rng(seed)
    parameters = {name: 0.5 * value for name, value in deep_parameters(rng, EX09_DIMS).items()}
    X = rng.normal(size=(EX09_DIMS[0], M9))
    Y = labels(rng, (1, M9))
    masks = None
    if keep_prob is not None:
        masks = tuple((rng.random((n, M9)) < keep_prob).astype(np.float64) for n in EX09_DIMS[1:3])
        for D in masks:
            D[0, 0], D[-1, -1] = 0.0, 1.0
    return X, Y, parameters, masks


def ex09_summed_loss(X, Y, parameters, keep_prob=1.0, masks=None, at=None, value=None):
    """The loss of the three-layer network summed over the examples, with one quantity
    replaced (W2, b1, Z3, or H1: relu(Z1) before dropout), independently of ex09."""
    A = X
    for l in (1, 2, 3):
        W = value if at == f"W{l}" else parameters[f"W{l}"]
        b = value if at == f"b{l}" else parameters[f"b{l}"]
        Z = value if at == f"Z{l}" else W @ A + b
        if l == 3:  # the cross-entropy of sigmoid(Z), written so that it never takes log(0)
            return float(np.sum(np.logaddexp(0.0, Z) - Y * Z))
        H = value if at == f"H{l}" else ref_relu(Z)
        A = H * masks[l - 1] / keep_prob if masks is not None else H


def ex09_quantities(X, parameters, keep_prob=1.0, masks=None):
    """Z1, H1 = relu(Z1), A1, Z2, H2, A2, Z3, A3 of the forward pass, independently of ex09."""
    found, A = {}, X
    for l in (1, 2):
        found[f"Z{l}"] = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        found[f"H{l}"] = ref_relu(found[f"Z{l}"])
        A = found[f"A{l}"] = found[f"H{l}"] * masks[l - 1] / keep_prob if masks is not None else found[f"H{l}"]
    found["Z3"] = parameters["W3"] @ A + parameters["b3"]
    found["A3"] = ref_sigmoid(found["Z3"])
    return found


def assert_ex09_gradients(grads, X, Y, parameters, lambd=0.0, keep_prob=1.0, masks=None):
    m = X.shape[1]
    q = ex09_quantities(X, parameters, keep_prob, masks)
    assert set(grads) >= {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}
    for name in ("Z3", "Z2", "Z1"):
        assert_gradient(grads["d" + name], num_grad(
            lambda v, n=name: ex09_summed_loss(X, Y, parameters, keep_prob, masks, n, v), q[name]))
    for name in ("A2", "A1"):  # the relu output before dropout, as the course's dA2 and dA1
        assert_gradient(grads["d" + name], num_grad(
            lambda v, n=name: ex09_summed_loss(X, Y, parameters, keep_prob, masks, "H" + n[1], v), q["H" + name[1]]))
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        def J(v, n=name):
            penalty = sum(np.sum((v if n == f"W{l}" else parameters[f"W{l}"]) ** 2) for l in (1, 2, 3))
            return ex09_summed_loss(X, Y, parameters, keep_prob, masks, n, v) / m + lambd / (2 * m) * penalty
        assert_gradient(grads["d" + name], num_grad(J, parameters[name]))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("dims", [[3, 4, 1], EX09_DIMS, [4, 6, 3, 2, 1]], ids=["L=2", "L=3", "L=4"])
def test_ex09_cost_with_regularization(seed, dims):
    rng = np.random.default_rng(seed)
    parameters = deep_parameters(rng, dims)
    A3 = ref_sigmoid(rng.normal(size=(1, M9)))
    Y = labels(rng, (1, M9))
    cost = call_unchanged(ex09.compute_cost_with_regularization, A3, Y, parameters, 0.7)
    squares = sum(float(np.sum(W * W)) for name, W in parameters.items() if name.startswith("W"))
    assert isinstance(cost, float)
    assert abs(cost - (summed_loss(A3, Y) / M9 + 0.7 / (2 * M9) * squares)) < 1e-12
    assert ex09.compute_cost_with_regularization(A3, Y, parameters, 0.0) == pytest.approx(summed_loss(A3, Y) / M9)


@pytest.mark.parametrize("seed", SEEDS)
def test_ex09_backward_with_regularization_matches_numerical(seed):
    X, Y, parameters, _ = ex09_network(seed)
    q = ex09_quantities(X, parameters)
    p = parameters
    cache = (q["Z1"], q["A1"], p["W1"], p["b1"], q["Z2"], q["A2"], p["W2"], p["b2"], q["Z3"], q["A3"], p["W3"], p["b3"])
    grads = call_unchanged(ex09.backward_propagation_with_regularization, X, Y, cache, 0.7)
    assert_ex09_gradients(grads, X, Y, parameters, lambd=0.7)


@pytest.mark.parametrize("seed", SEEDS)
def test_ex09_forward_with_dropout(seed):
    X, _, parameters, masks = ex09_network(seed, keep_prob=0.7)
    A3, cache = call_unchanged(ex09.forward_propagation_with_dropout, X, parameters, 0.7, masks)
    q = ex09_quantities(X, parameters, 0.7, masks)
    p = parameters
    expected = (q["Z1"], masks[0], q["A1"], p["W1"], p["b1"], q["Z2"], masks[1], q["A2"], p["W2"], p["b2"],
                q["Z3"], q["A3"], p["W3"], p["b3"])
    assert isinstance(cache, tuple) and len(cache) == 14
    for got, want in zip(cache, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(A3, q["A3"], rtol=1e-12, atol=0)
    assert np.all(cache[2][masks[0] == 0] == 0.0) and np.all(cache[7][masks[1] == 0] == 0.0)


def test_ex09_inverted_dropout_keeps_the_expected_activation():
    """Averaged over many masks, each entry 1 with probability keep_prob, A1 is relu(Z1)."""
    X, _, parameters, _ = ex09_network(0)
    rng = np.random.default_rng(9)
    H1 = ex09_quantities(X, parameters)["H1"]
    draws = [ex09.forward_propagation_with_dropout(
        X, parameters, 0.6, tuple((rng.random((n, M9)) < 0.6).astype(np.float64) for n in EX09_DIMS[1:3]))[1][2]
        for _ in range(4000)]
    np.testing.assert_allclose(np.mean(draws, axis=0), H1, rtol=0.1, atol=0.05)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("keep_prob", [0.5, 0.86])
def test_ex09_backward_with_dropout_matches_numerical(seed, keep_prob):
    X, Y, parameters, masks = ex09_network(seed, keep_prob)
    _, cache = ex09.forward_propagation_with_dropout(X, parameters, keep_prob, masks)
    grads = call_unchanged(ex09.backward_propagation_with_dropout, X, Y, cache, keep_prob)
    assert_ex09_gradients(grads, X, Y, parameters, keep_prob=keep_prob, masks=masks)
    assert np.all(grads["dA2"][masks[1] == 0] == 0.0) and np.all(grads["dA1"][masks[0] == 0] == 0.0)


# --------------------------------------------------------------------------- ex10

def batchnorm_inputs(seed, n=4, m=6):
    """Z (n, m) whose odd rows have variances near 1e-4, where eps = 1e-5 matters; gamma, beta."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, m)) * rng.uniform(0.5, 3.0, size=(n, 1)) + rng.normal(size=(n, 1))
    Z[1::2] = 0.3 + 1e-2 * rng.normal(size=Z[1::2].shape)
    return Z, rng.uniform(0.5, 2.0, size=(n, 1)), rng.normal(size=(n, 1)), rng.normal(size=(n, m))


def batchnorm_out(Z, gamma, beta, eps):
    mu = Z.sum(axis=1, keepdims=True) / Z.shape[1]
    var = ((Z - mu) ** 2).sum(axis=1, keepdims=True) / Z.shape[1]
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("eps", [None, 1e-3])
def test_ex10_batchnorm_forward_matches_definition(seed, eps):
    Z, gamma, beta, _ = batchnorm_inputs(seed)
    args = (Z, gamma, beta) if eps is None else (Z, gamma, beta, eps)
    out, cache = call_unchanged(ex10.batchnorm_forward, *args)
    eps = 1e-5 if eps is None else eps
    np.testing.assert_allclose(out, batchnorm_out(Z, gamma, beta, eps), rtol=1e-12, atol=1e-12)
    assert isinstance(cache, tuple) and len(cache) == 7 and cache[6] == eps
    Z_kept, Z_norm, mu, var, gamma_kept, beta_kept, _ = cache
    assert mu.shape == var.shape == (4, 1) and Z_norm.shape == Z.shape
    np.testing.assert_allclose(var, np.var(Z, axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(Z_norm.mean(axis=1), 0.0, atol=1e-12)
    for kept, given in zip((Z_kept, gamma_kept, beta_kept), (Z, gamma, beta)):
        np.testing.assert_array_equal(kept, given)


@pytest.mark.parametrize("seed", SEEDS)
def test_ex10_batchnorm_backward_matches_numerical(seed):
    Z, gamma, beta, dout = batchnorm_inputs(seed)
    eps = 1e-5
    _, cache = ex10.batchnorm_forward(Z, gamma, beta, eps)
    dZ, dgamma, dbeta = call_unchanged(ex10.batchnorm_backward, dout, cache)

    def S(Z_=Z, gamma_=gamma, beta_=beta):  # the scalar whose derivative with respect to out is dout
        return np.sum(dout * batchnorm_out(Z_, gamma_, beta_, eps))

    # a step of 1e-8 on rows that vary by 1e-2: the truncation error stays below TOL
    assert_gradient(dZ, num_grad(lambda Z_: S(Z_=Z_), Z, eps=1e-8), tol=1e-6)
    assert_gradient(dgamma, num_grad(lambda g: S(gamma_=g), gamma))
    assert_gradient(dbeta, num_grad(lambda b: S(beta_=b), beta))
    # no 1/m beyond the batch statistics': the same scalar on both sides
    assert abs(np.sum(dbeta) - np.sum(dout)) < 1e-12


# --------------------------------------------------------------------------- format

# The parameters of each graded function: its spec's args, with the defaults the contract
# gives some of them.
DEFAULTS = {"ex04_hidden_delta": {"activation": "'tanh'"},
            "ex06_gradient_check": {"epsilon": "1e-07", "threshold": "2e-07"},
            "ex10_batchnorm": {"eps": "1e-05"}}
CONTRACT = {stem: {name: [f"{a}={DEFAULTS[stem][a]}" if a in DEFAULTS.get(stem, {}) else a for a in function.args]
                   for name, function in specs.load(stem).functions.items() if not function.constant}
            for stem in STEMS}
GIVEN_HELPERS = {
    "ex05_l_layer": ["sigmoid", "relu", "sigmoid_backward", "relu_backward"],
    "ex07_row_major": ["sigmoid", "sigmoid_prime"],
    "ex09_regularization": ["sigmoid", "relu"],
}
# answer formulas that must stay inside the solution regions (compared without spaces)
ANSWERS = {
    "ex01_sigmoid_derivative": ["s*(1-s)", "s*(1.0-s)", "1-tanh(z)**2", "1.0-t*t", "z>0,1.0"],
    "ex02_output_delta": ["A2-Y", "-Y/A2", "(1-Y)/(1-A2)"],
    "ex03_weight_gradients": ["dZ@A_prev.T", "A_prev.T)/m"],
    "ex04_hidden_delta": ["W2.T@dZ2", "A2-Y", "1-A1**2", "dZ1@X.T", "dZ2@A1.T"],
    "ex05_l_layer": ["W.T@dZ", "dZ@A_prev.T", "-(Y/AL", "-learning_rate*", "W@A+b"],
    "ex06_gradient_check": ["(f_plus-f_minus)", "point[i]=old", "ifdenominator==0"],
    "ex07_row_major": ["a2.T@delta3", "X.T@delta2", "delta3@W2.T", "-(y-yHat)*"],
    "ex08_softmax_cross_entropy": ["axis=0,keepdims=True)", "returnA-Y", "A*(dA-", "np.arange(count)]=1.0",
                                   "-np.sum(Y*np.log(A))/m"],
    "ex09_regularization": ["(lambd/m)*W", "lambd/(2*m)", "*D1/keep_prob", "*D2/keep_prob", "W3.T@dZ3"],
    "ex10_batchnorm": ["(Z-mu)/np.sqrt(var+eps)", "np.sum(dout*Z_norm", "dZ_norm*Z_norm", "dout*gamma"],
}
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def split_regions(text):
    """Lines outside the regions, and the regions as (begin, indent, lines, in_docstring)."""
    outside, regions, current = [], [], None
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped == BEGIN:
            assert current is None, f"nested region at line {index + 1}"
            before = "\n".join(lines[:index])
            in_docstring = before.count('"""') % 2 == 1
            current = (index, len(line) - len(line.lstrip()), [], in_docstring)
        elif stripped == END:
            assert current is not None, f"unmatched END at line {index + 1}"
            assert len(line) - len(line.lstrip()) == current[1]
            regions.append(current)
            current = None
        elif current is not None:
            current[2].append(line)
        else:
            outside.append(line)
    assert current is None, "unterminated region"
    return outside, regions


@pytest.mark.parametrize("stem", STEMS)
def test_format_no_solution_line_outside_regions(stem):
    text = (SOLUTIONS / f"{stem}.py").read_text()
    outside, regions = split_regions(text)
    assert regions, "no solution region"
    assert any(in_doc for *_, in_doc in regions), "no derivation region in the module docstring"
    outside_set = {line.strip() for line in outside}
    for _, _, region_lines, _ in regions:
        for line in region_lines:
            if line.strip():
                assert line.strip() not in outside_set, f"leaks into the stub: {line.strip()!r}"
    squeezed = re.sub(r"\s+", "", "\n".join(outside))
    for answer in ANSWERS[stem]:
        assert answer not in squeezed, f"answer {answer!r} outside the solution regions"


@pytest.mark.parametrize("stem", STEMS)
def test_format_cells_and_signatures(stem):
    text = (SOLUTIONS / f"{stem}.py").read_text()
    assert text.startswith("# %% [markdown]\n")
    module = load(stem)
    for name, params in CONTRACT[stem].items():
        fn = getattr(module, name)
        assert [str(p) for p in inspect.signature(fn).parameters.values()] == params
        doc = inspect.getdoc(fn)
        assert doc and "Returns" in doc, name
        # a markdown cell, then a code cell holding the function
        pattern = r"# %% \[markdown\]\n(# .*\n|#\n)+\n# %%\ndef " + name + r"\("
        assert re.search(pattern, text), f"{name}: no markdown cell right before its code cell"
        source = inspect.getsource(fn)
        assert source.count(BEGIN) == 1 and source.count(END) == 1, name
        body_end = source.rstrip().splitlines()[-1].strip()
        assert body_end == END, f"{name}: the region must end the body"


@pytest.mark.parametrize("stem", STEMS)
def test_format_stub_imports_and_raises(stem, tmp_path):
    text = (SOLUTIONS / f"{stem}.py").read_text()
    # the package's own stub generator, the one `python -m autograder build` writes exercises/ with
    stub_text = sources.clear(text)
    assert BEGIN not in stub_text and END not in stub_text
    shown = {line.strip() for line in stub_text.splitlines()}
    for _, _, region_lines, _ in split_regions(text)[1]:
        leaked = {line.strip() for line in region_lines if line.strip()} & shown
        assert not leaked, f"the stub shows solution lines: {sorted(leaked)}"
    squeezed = re.sub(r"\s+", "", stub_text)
    assert not [answer for answer in ANSWERS[stem] if answer in squeezed], "an answer is in the stub"
    stub_path = tmp_path / f"{stem}.py"
    stub_path.write_text(stub_text)
    stub = load_module(stub_path, f"stub_{stem}")
    for name, params in CONTRACT[stem].items():
        fn = getattr(stub, name)
        n_required = sum(1 for p in params if "=" not in p)
        with pytest.raises(NotImplementedError):
            fn(*([None] * n_required))
    for name in GIVEN_HELPERS.get(stem, []):
        z = np.array([[-1.0, 2.0]])
        args = (z,) if name in ("sigmoid", "relu", "sigmoid_prime") else (np.ones_like(z), z)
        np.testing.assert_array_equal(getattr(stub, name)(*args), getattr(load(stem), name)(*args))
    if stem == "ex07_row_major":
        assert stub.SHAPES == dict.fromkeys(["dJdW1", "dJdW2", "delta3", "delta2", "a2", "z3"])
