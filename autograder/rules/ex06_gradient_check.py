"""ex06: centred differences of a test function, the relative difference, a gradient check.

The learner's functions take a callable f. A case puts a FunctionSpec (see
autograder.execution.testfunctions) into the inputs; the worker turns it into the callable the learner
receives, and the oracles here evaluate the same function with testfunctions.value.
"""
import numpy as np

from ..execution import testfunctions
from ..mistakes import Mistake, NotApplicable, same
from ..numeric import gradient, relative_error
from ..execution.wire import FunctionSpec
from . import size

DEFAULT_EPSILON = 1e-7  # the contract's defaults, used when a case leaves them out
DEFAULT_THRESHOLD = 2e-7
# gradient_check's whole (difference, ok): right within the loosest tolerance of its checks,
# a mistake's only within a tight one (at the default step a difference is rounding-sized)
RIGHT_RTOL, RIGHT_ATOL = 1e-5, 2e-8
MATCH_RTOL, MATCH_ATOL = 1e-5, 1e-12
# A one-sided quotient is off by about eps/2 * f''. At eps = 1e-7 that is no larger than the
# rounding of the centred one, and no better told apart from it than from other small slips:
# it is recognised with larger steps only (the cases use 1e-3 and 1e-2).
ONE_SIDED_FROM = 1e-5


# ------------------------------------------------------------------------------ cases

def _shape(rng, sizes):
    """A shape from a list of sizes, each an int or a [low, high] range; [] is 0-d."""
    return tuple(size(rng, d) for d in sizes)


def _test_function(rng, kind, shape):
    """A FunctionSpec of the given kind whose parameters have the shape of theta."""
    if kind == "quadratic":
        c = rng.uniform(0.5, 3.0, shape) * rng.choice([-1.0, 1.0], shape)
        return FunctionSpec("quadratic", {"c": c, "d": rng.standard_normal(shape)})
    if kind == "smooth":
        a = rng.uniform(1.0, 3.0, shape) * rng.choice([-1.0, 1.0], shape)
        return FunctionSpec("smooth", {"a": a, "b": rng.standard_normal(shape)})
    raise ValueError(f"unknown test function kind {kind!r}")


def _steps(epsilon, threshold=None):
    """The optional trailing arguments, left out (the learner's defaults apply) when None."""
    found = {}
    if epsilon is not None:
        found["epsilon"] = float(epsilon)
        if threshold is not None:
            found["threshold"] = float(threshold)
    return found


def point(rng, kind, shape, epsilon=None):
    """f and theta for numerical_gradient."""
    shape = _shape(rng, shape)
    f = _test_function(rng, kind, shape)
    theta = rng.uniform(-2.0, 2.0, shape)
    return {"f": f, "theta": theta, **_steps(epsilon)}


def pair(rng, shape, relation):
    """grad and grad_approx for relative_difference: close, unrelated, both zero, one zero."""
    shape = _shape(rng, shape)
    grad = 3.0 * rng.standard_normal(shape)
    if relation == "close":
        grad_approx = grad + 1e-3 * rng.standard_normal(shape)
    elif relation == "unrelated":
        grad_approx = 2.0 * rng.standard_normal(shape)
    elif relation == "both_zero":
        grad, grad_approx = np.zeros(shape), np.zeros(shape)
    elif relation == "one_zero":
        grad = np.zeros(shape)
        grad_approx = 3.0 * rng.standard_normal(shape)
    else:
        raise ValueError(f"unknown relation {relation!r}")
    # arrays even when 0-d (3.0 * a 0-d array is a numpy scalar)
    return {"grad": np.array(grad, dtype=np.float64), "grad_approx": np.array(grad_approx, dtype=np.float64)}


def check(rng, kind, shape, grad, epsilon=None, threshold=None):
    """f, theta and a correct or a wrong grad for gradient_check."""
    shape = _shape(rng, shape)
    f = _test_function(rng, kind, shape)
    theta = rng.uniform(-2.0, 2.0, shape)
    true_grad = testfunctions.gradient(f, theta)
    if grad == "true":
        given = true_grad
    elif grad == "wrong":  # its largest entry doubled, as a factor slip in a derivation would give
        # (not a sign flip: a reflection of the true gradient would make an estimate twice
        # too large and one half as large give the same difference, see _returns)
        given = true_grad.copy()
        flat = given.reshape(-1)
        k = int(np.argmax(np.abs(flat)))
        flat[k] = 2.0 * flat[k]
    else:
        raise ValueError(f"unknown grad {grad!r}")
    return {"f": f, "theta": theta, "grad": given, **_steps(epsilon, threshold)}


# ---------------------------------------------------------------------------- oracles

def _evaluate(f):
    return lambda theta: testfunctions.value(f, theta)


def numerical_gradient(f, theta, epsilon=DEFAULT_EPSILON):
    """The grader's own centred differences, with the learner's step epsilon."""
    return gradient(_evaluate(f), theta, step=epsilon)


def relative_difference(grad, grad_approx):
    """||grad - grad_approx|| / (||grad|| + ||grad_approx||), 0.0 when both are zero."""
    return relative_error(grad, grad_approx)


def _verdict(grad, estimate, threshold, measure=relative_error):
    value = float(measure(grad, estimate))
    return value, value < threshold  # a Python float compared: a Python bool


def gradient_check(f, theta, grad, epsilon=DEFAULT_EPSILON, threshold=DEFAULT_THRESHOLD):
    return _verdict(grad, numerical_gradient(f, theta, epsilon), threshold)


# ------------------------------------------------------------------ mistaken versions

def _one_sided(f, theta, epsilon, direction):
    """(f(theta + eps e_i) - f(theta)) / eps, or (f(theta) - f(theta - eps e_i)) / eps; not
    applicable below ONE_SIDED_FROM."""
    if epsilon < ONE_SIDED_FROM:
        raise NotApplicable(f"a one-sided difference is not recognised at epsilon = {epsilon:g}")
    value = _evaluate(f)
    theta = np.array(theta, dtype=np.float64)
    centre = value(theta)
    estimate = np.zeros(theta.shape)
    for index in np.ndindex(*theta.shape):
        moved = theta.copy()
        moved[index] = theta[index] + direction * epsilon
        estimate[index] = direction * (value(moved) - centre) / epsilon
    return estimate


def _forward_difference(f, theta, epsilon=DEFAULT_EPSILON):
    return _one_sided(f, theta, epsilon, +1.0)


def _backward_difference(f, theta, epsilon=DEFAULT_EPSILON):
    return _one_sided(f, theta, epsilon, -1.0)


def _double(f, theta, epsilon=DEFAULT_EPSILON):
    """The centred difference divided by eps alone: twice the gradient."""
    return 2.0 * numerical_gradient(f, theta, epsilon)


def _wide_step(f, theta, epsilon=DEFAULT_EPSILON):
    """Stepped by 2 eps each way, divided by 2 eps: twice the gradient too, the same factor 2 missing."""
    return 2.0 * numerical_gradient(f, theta, 2.0 * epsilon)


def _half(f, theta, epsilon=DEFAULT_EPSILON):
    """Divided by 4 eps: half the gradient (not a catalogued mistake, see _checked_with)."""
    return 0.5 * numerical_gradient(f, theta, epsilon)


def _norm_of_difference(grad, grad_approx):
    return float(np.linalg.norm(np.asarray(grad, dtype=np.float64) - np.asarray(grad_approx, dtype=np.float64)))


def _checked_with(estimator=numerical_gradient, measure=relative_error):
    """gradient_check built on a mistaken numerical gradient or a mistaken measure."""
    def mistaken(f, theta, grad, epsilon=DEFAULT_EPSILON, threshold=DEFAULT_THRESHOLD):
        return _verdict(grad, estimator(f, theta, epsilon), threshold, measure)
    return mistaken


def _returns(mistaken, unless=()):
    """A whole (difference, ok) equal to the mistaken version's, and to none of `unless`.

    gradient_check's two outputs are judged together: a check of ok alone would otherwise
    name a mistake from one boolean. For a grad proportional to the true gradient,
    ||g - k g|| / (||g|| + k ||g||) is the same for k and 1/k: an estimate twice too large
    and one half as large give the same difference, so the first is named only when the
    second would not give that answer too. A reply whose values are right (a check of the
    inputs left unchanged failed, or ok is of another type) names no mistake here.
    """
    def recognise(inputs, reply):
        if not reply.ok:
            return False
        with np.errstate(all="ignore"):
            if same(reply.value, gradient_check(**inputs), rtol=RIGHT_RTOL, atol=RIGHT_ATOL):
                return False  # right, as far as the values go: the check failed for another reason
            return (same(reply.value, mistaken(**inputs), rtol=MATCH_RTOL, atol=MATCH_ATOL)
                    and not any(same(reply.value, other(**inputs), rtol=MATCH_RTOL, atol=MATCH_ATOL)
                                for other in unless))
    return recognise


def _theta_changed(inputs, reply):
    return 1 in reply.mutated  # theta is the second positional argument


THETA_NOT_RESTORED = Mistake("ex06/theta-not-restored", recognise=_theta_changed)


def _fixed_step(value, oracle):
    """GIVEN_IF's predicate: the reply's value(reply) is that of oracle(inputs, step) at the
    default step, ten times nearer to it than to oracle's at the larger epsilon given (a step
    fixed in the code, the epsilon argument left unused; 1e-4, Welch's, is as near)."""
    def applies(inputs, reply):
        step = inputs.get("epsilon", DEFAULT_EPSILON)
        if not reply.ok or step == DEFAULT_EPSILON:
            return False
        try:
            with np.errstate(all="ignore"):
                fixed, given = oracle(inputs, DEFAULT_EPSILON), oracle(inputs, step)
                mine = np.asarray(value(reply.value), dtype=np.float64)
                return bool(mine.shape == np.shape(fixed)
                            and np.linalg.norm(mine - fixed) < 0.1 * np.linalg.norm(np.subtract(given, fixed)))
        except (TypeError, ValueError, IndexError, KeyError):  # a reply of another kind: its checks say so
            return False
    return applies


def _broadcast_column(inputs, reply):
    """GIVEN_IF's predicate: the reply's difference is that of a vector grad, (n,), and the numerical
    gradient as a column, (n, 1), as Ng's notebook lays out gradapprox: their difference broadcasts to (n, n)."""
    grad = np.asarray(inputs["grad"], dtype=np.float64)
    if not reply.ok or grad.ndim != 1 or grad.size < 2 or not isinstance(reply.value, (tuple, list)) or not reply.value:
        return False
    column = numerical_gradient(inputs["f"], inputs["theta"], inputs.get("epsilon", DEFAULT_EPSILON)).reshape(-1, 1)
    broadcast = _norm_of_difference(grad, column) / (np.linalg.norm(grad) + np.linalg.norm(column))
    return same(reply.value[0], broadcast, rtol=MATCH_RTOL, atol=MATCH_ATOL)


# A fixed step is not told at gradient_check: the difference of a right gradient at a small step is
# rounding, and a measure squared (no square roots) gives one as small.
GIVEN_IF = {
    "numerical_gradient": _fixed_step(lambda value: value,
                                      lambda i, step: numerical_gradient(i["f"], i["theta"], step)),
    "gradient_check": _broadcast_column,
}

CASES = {"point": point, "pair": pair, "check": check}
EXPECTED = {
    "numerical_gradient": numerical_gradient,
    "relative_difference": relative_difference,
    "gradient_check": gradient_check,
}
# theta changed is certain, from the worker: it comes first. Its drift of about eps per
# entry could otherwise pass for another small slip at the default step.
def _one_sided_numerators(f, theta, epsilon=DEFAULT_EPSILON):
    """f(theta + eps e_i) - f(theta) and f(theta) - f(theta - eps e_i) at theta's last entry, a loop's last pass."""
    value, theta = _evaluate(f), np.array(theta, dtype=np.float64)
    if theta.size == 0:
        return []
    plus, minus, last = theta.copy(), theta.copy(), tuple(n - 1 for n in theta.shape)
    plus[last] += epsilon
    minus[last] -= epsilon
    return [value(plus) - value(theta), value(theta) - value(minus)]


# explain: a variable that holds what the mistake the check named computes departs where it is made
MADE_BY = {"ex06/one-sided-difference": (
    "the one-sided difference, f(theta + eps e_i) - f(theta) or f(theta) - f(theta - eps e_i), where the "
    "centred quotient takes f(theta + eps e_i) - f(theta - eps e_i)", _one_sided_numerators)}
MISTAKES = {
    "numerical_gradient": [
        THETA_NOT_RESTORED,
        Mistake("ex06/one-sided-difference", _forward_difference),
        Mistake("ex06/one-sided-difference", _backward_difference),
        Mistake("ex06/missing-factor-2", _double),
        Mistake("ex06/missing-factor-2", _wide_step),
    ],
    "relative_difference": [
        Mistake("ex06/no-denominator", _norm_of_difference),
    ],
    "gradient_check": [
        THETA_NOT_RESTORED,
        Mistake("ex06/one-sided-difference", recognise=_returns(_checked_with(_forward_difference))),
        Mistake("ex06/one-sided-difference", recognise=_returns(_checked_with(_backward_difference))),
        Mistake("ex06/missing-factor-2", recognise=_returns(_checked_with(_double), unless=[_checked_with(_half)])),
        Mistake("ex06/missing-factor-2", recognise=_returns(_checked_with(_wide_step), unless=[_checked_with(_half)])),
        Mistake("ex06/no-denominator", recognise=_returns(_checked_with(measure=_norm_of_difference))),
    ],
}
