"""numeric.gradient's stacked form: the same central differences, a few calls of f."""
import sys

import numpy as np
import pytest

from autograder import numeric, plan


def entry_by_entry(f, x, step=numeric.STEP):
    """The stacked f's differences the slow way: one point per call, in a fresh array each."""
    x = np.array(x, dtype=np.float64)
    grad = np.empty(x.size)
    for i in range(x.size):
        up, down = x.copy().reshape(-1), x.copy().reshape(-1)
        up[i] += step
        down[i] -= step
        grad[i] = (f(up.reshape(1, *x.shape))[0] - f(down.reshape(1, *x.shape))[0]) / (2 * step)
    return grad.reshape(x.shape)


def two_layers(W, A):
    """A stacked f: points of W (n, p), on a fixed A (p, m)."""
    return lambda W_: numeric.sums(np.tanh(W_ @ A) ** 2)


def test_stacked_gradient_matches_the_analytic_one_and_leaves_x_alone():
    rng = np.random.default_rng(0)
    W, A = rng.standard_normal((3, 4)), rng.standard_normal((4, 5))
    kept = W.copy()
    got = numeric.gradient(two_layers(W, A), W, stacked=True)
    T = np.tanh(W @ A)
    np.testing.assert_allclose(got, (2 * T * (1 - T ** 2)) @ A.T, rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(W, kept)


def test_stacked_gradient_in_many_calls_when_the_points_are_many(monkeypatch):
    rng = np.random.default_rng(1)
    W, A = rng.standard_normal((6, 7)), rng.standard_normal((7, 3))
    f, seen = two_layers(W, A), []

    def counted(points):
        seen.append(len(points))
        return f(points)

    whole = numeric.gradient(counted, W, stacked=True)
    assert seen == [2 * W.size]
    monkeypatch.setattr(numeric, "STACKED_FLOATS", 10 * W.size)  # 5 entries a call
    seen.clear()
    chunked = numeric.gradient(counted, W, stacked=True)
    assert seen == [10] * 8 + [4]
    np.testing.assert_array_equal(chunked, whole)
    np.testing.assert_allclose(whole, entry_by_entry(f, W), rtol=1e-9, atol=1e-12)


def test_a_stacked_f_must_give_one_value_a_point():
    with pytest.raises(ValueError, match="stacked f"):
        numeric.gradient(lambda points: points.sum(), np.ones((2, 2)), stacked=True)


def test_every_oracle_is_the_same_computed_one_point_at_a_time():
    """Every stacked gradient a case's expected output is made of, public and hidden, against
    the same f given one point a call: a mistake in where a point's row is, or an oracle that
    sums across points, changes it. Each is compared as gradient returns it (a profile hook
    sees its f, x and step then), with nothing of numeric replaced."""
    compared = []

    def compare(frame, event, returned):
        if event == "return" and frame.f_code is numeric.gradient.__code__ and frame.f_locals["stacked"]:
            f, x, step = (frame.f_locals[name] for name in ("f", "x", "step"))
            compared.append((x.shape, np.allclose(returned, entry_by_entry(f, x, step), rtol=1e-9, atol=1e-12)))

    sys.setprofile(compare)
    try:
        plan.make("all", "a secret")
    finally:
        sys.setprofile(None)
    assert len(compared) > 100 and all(same for _, same in compared), [shape for shape, same in compared if not same]
