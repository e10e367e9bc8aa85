"""Smooth scalar test functions of an array theta, for the gradient-check exercise.

The grader cannot send a Python callable to the worker, so it sends a description,
``FunctionSpec(name, params)``; the worker calls ``build`` to get ``f(theta) -> float``
and the grader, in its own process, computes the true ``value`` and analytic ``gradient``.

    quadratic  params c, d:  f = 0.5 * sum(c * theta**2) + sum(d * theta)
                             grad = c * theta + d
    smooth     params a, b:  f = sum(a * sin(theta)) + 0.25 * sum(b * theta)**2
                             grad = a * cos(theta) + 0.5 * sum(b * theta) * b

``smooth`` is not separable: through ``sum(b * theta)`` every component of the gradient
depends on every component of theta. Every parameter array has the shape of theta, which
may be any shape, 0-d included; shapes are checked strictly, never broadcast.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from autograder.execution.wire import FunctionSpec


@dataclass(frozen=True)
class Formula:
    """One registered test function: its parameter names, value and analytic gradient."""

    params: tuple[str, ...]
    value: Callable[..., float]
    gradient: Callable[..., np.ndarray]


# Sums as np.vdot (one call in C, any shape): a learner's numerical gradient calls f twice
# per entry of theta, so f's own cost is most of the gradient-check exercise's time.
FORMULAS: dict[str, Formula] = {
    "quadratic": Formula(("c", "d"),
                         lambda theta, c, d: 0.5 * np.vdot(c, theta * theta) + np.vdot(d, theta),
                         lambda theta, c, d: c * theta + d),
    "smooth": Formula(("a", "b"),
                      lambda theta, a, b: np.vdot(a, np.sin(theta)) + 0.25 * np.vdot(b, theta) ** 2,
                      lambda theta, a, b: a * np.cos(theta) + 0.5 * np.vdot(b, theta) * b),
}


def build(spec: FunctionSpec) -> Callable[[np.ndarray], float]:
    """The callable f(theta) -> float that spec describes; f reads theta at each call."""
    formula, params = _resolve(spec)

    def f(theta):
        return float(formula.value(_theta(theta, params), **params))

    f.__name__ = f.__qualname__ = spec.name
    return f


def value(spec: FunctionSpec, theta) -> float:
    return build(spec)(theta)


def gradient(spec: FunctionSpec, theta) -> np.ndarray:
    """The analytic gradient of f at theta, a float64 array of theta's shape."""
    formula, params = _resolve(spec)
    theta = _theta(theta, params)
    return np.asarray(formula.gradient(theta, **params), dtype=np.float64).reshape(theta.shape)


def _resolve(spec: FunctionSpec) -> tuple[Formula, dict[str, np.ndarray]]:
    formula = FORMULAS.get(spec.name)
    if formula is None:
        raise ValueError(f"unknown test function {spec.name!r}; known: {sorted(FORMULAS)}")
    if set(spec.params) != set(formula.params):
        raise ValueError(f"{spec.name} takes params {list(formula.params)}, got {sorted(spec.params)}")
    params = {name: np.asarray(spec.params[name], dtype=np.float64) for name in formula.params}
    shapes = {array.shape for array in params.values()}
    if len(shapes) != 1:
        raise ValueError(f"{spec.name}: params have different shapes {sorted(shapes)}")
    return formula, params


def _theta(theta, params: dict[str, np.ndarray]) -> np.ndarray:
    theta = np.asarray(theta, dtype=np.float64)
    expected = next(iter(params.values())).shape
    if theta.shape != expected:
        raise ValueError(f"theta has shape {theta.shape}, expected {expected}")
    return theta
