"""ex04: the hidden delta dZ1, and the backward pass of the two-layer network.

Oracles: dZ1 is the numerical gradient, with respect to Z1, of the summed loss whose
derivative with respect to Z2 is dZ2; the gradients of backward_propagation are numerical
gradients of the cost J of the network, its forward pass recomputed from X and the
parameters. Mistake outputs are exact, so that a submission making one matches it.

Sizes. Generic cases keep n_y, n_h, m (and n_x) apart, so that `W2 @ dZ2` and a matrix
product where the product is elementwise raise, each with its own matmul message; square
cases (n_h = n_y, and n_h = m) make the same code return values instead.
"""
import numpy as np

from ..mistakes import Mistake, applies_if, error_counts_if, unlike_right_transposed
from ..numeric import elementwise_derivative, gradient, relu, sigmoid, sums
from . import reply_of, size

FORWARD = {"tanh": np.tanh, "sigmoid": sigmoid, "relu": relu}


# ------------------------------------------------------------------------------ cases

def _sizes(rng, layout, **ranges):
    """Sizes drawn from `ranges` that fit `layout`; redrawn until they do.

    generic: n_h, n_y, m (and n_x) all different; square: n_h = n_y, m apart;
    square_m: n_h = n_y = m; square_z: n_h = m, n_y apart; free: no constraint.
    """
    for _ in range(1000):
        s = {name: size(rng, value) for name, value in ranges.items()}
        if layout in ("square", "square_m"):
            s["n_h"] = s["n_y"]
        if layout in ("square_m", "square_z"):
            s["m"] = s["n_h"]
        if _fits(layout, s):
            return s
    raise ValueError(f"no sizes in {ranges} fit the layout {layout!r}")


def _fits(layout, s):
    apart = {
        "generic": [("n_y", "n_h"), ("m", "n_y"), ("m", "n_h"), ("n_x", "n_h"), ("n_x", "m")],
        "square": [("m", "n_h"), ("n_x", "n_h")],
        "square_z": [("n_y", "n_h")],
        "square_m": [],
        "free": [],
    }[layout]
    return all(s[a] != s[b] for a, b in apart if a in s and b in s)


def _away_from_kink(z):
    """Moves entries within 1e-2 of 0 out to about 0.05: relu has a kink at 0."""
    return np.where(np.abs(z) < 1e-2, z + np.copysign(0.05, z), z)


def hidden_layer(rng, n_y, n_h, m, activation=None, layout="generic", extreme=False):
    """dZ2 (n_y, m), W2 (n_y, n_h), Z1 (n_h, m), and `activation` unless left to its default."""
    s = _sizes(rng, layout, n_y=n_y, n_h=n_h, m=m)
    n_y, n_h, m = s["n_y"], s["n_h"], s["m"]
    Z1 = _away_from_kink(2.0 * rng.standard_normal((n_h, m)))
    if activation == "relu" and Z1.size > 1 and np.all(Z1 > 0):  # relu kept every unit: its slope all 1, which
        Z1.flat[0] = -Z1.flat[0]  # leaving it out (W2.T @ dZ2) matched; a square Z1's off-diagonal is kept below
    if extreme:  # about half the entries far out in the flat tails, both signs
        far = rng.random((n_h, m)) < 0.5
        far.flat[0], far.flat[-1] = True, False
        Z1 = np.where(far, rng.choice([-1.0, 1.0], (n_h, m)) * rng.uniform(20.0, 800.0, (n_h, m)), Z1)
        Z1.flat[:2] = -750.0, 750.0  # past exp's overflow at 709.8 whatever the draw: exp(-Z1) is inf at -750
    inputs = {"dZ2": rng.standard_normal((n_y, m)), "W2": rng.standard_normal((n_y, n_h)), "Z1": Z1}
    if activation is not None:
        inputs["activation"] = activation
    return inputs


def network(rng, n_x, n_h, n_y, m, layout="generic", saturated=False):
    """Parameters, a consistent cache (A1 = tanh(Z1), A2 = sigmoid(Z2)), X and labels Y."""
    s = _sizes(rng, layout, n_x=n_x, n_h=n_h, n_y=n_y, m=m)
    n_x, n_h, n_y, m = s["n_x"], s["n_h"], s["n_y"], s["m"]
    X = rng.standard_normal((n_x, m))
    W1, b1 = rng.standard_normal((n_h, n_x)), 0.5 * rng.standard_normal((n_h, 1))
    W2, b2 = rng.standard_normal((n_y, n_h)), 0.5 * rng.standard_normal((n_y, 1))
    if saturated:  # every other hidden unit pushed deep into tanh's flat tails, |Z1| > 10
        shift = rng.choice([-1.0, 1.0], (n_h, 1)) * rng.uniform(20.0, 40.0, (n_h, 1))
        b1 = np.where(np.arange(n_h)[:, None] % 2 == 0, shift, b1)
    Y = rng.integers(0, 2, (n_y, m)).astype(np.float64)
    if Y.size > 1 and Y.min() == Y.max():  # labels all 0 make dZ2 = A2: leaving Y out matched (one example: 1 in 5)
        Y.flat[int(rng.integers(Y.size))] = 1.0 - Y.flat[0]
    Z1 = W1 @ X + b1
    Z2 = W2 @ np.tanh(Z1) + b2
    return {
        "parameters": {"W1": W1, "b1": b1, "W2": W2, "b2": b2},
        "cache": {"Z1": Z1, "A1": np.tanh(Z1), "Z2": Z2, "A2": sigmoid(Z2)},
        "X": X,
        "Y": Y}


# ---------------------------------------------------------------------------- oracles

def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    """d/dZ1 of the summed loss sum(dZ2 * Z2), Z2 = W2 @ g1(Z1) + b2: its dL/dZ2 is dZ2."""
    g1 = FORWARD[activation]

    def summed_loss(Z):  # Z: stacked points (numeric.gradient)
        return sums(dZ2 * (W2 @ g1(Z)))

    return gradient(summed_loss, Z1, stacked=True)


def _cost(X, Y, W1, b1, W2, b2):
    """J of the network, forward from X: tanh hidden layer, sigmoid output, cross-entropy;
    one of the parameters holds stacked points (numeric.gradient), and J is given at each.

    1 - sigmoid(z) is computed as sigmoid(-z): the subtraction would lose the digits of a
    small 1 - A2, which central differences divide by the step.
    """
    z = W2 @ np.tanh(W1 @ X + b1) + b2
    return -sums(Y * np.log(sigmoid(z)) + (1 - Y) * np.log(sigmoid(-z))) / Y.shape[1]


def backward_propagation(parameters, cache, X, Y):
    """dJ/dW1, dJ/db1, dJ/dW2, dJ/db2 by central differences of J."""
    def cost_of(name):
        return lambda value: _cost(X, Y, **{**parameters, name: value})

    return {"d" + name: gradient(cost_of(name), parameters[name], stacked=True) for name in ("W1", "b1", "W2", "b2")}


# ----------------------------------------------------------- quantities, for explain

def hidden_quantities(dZ2, W2, Z1, activation="tanh"):
    """A1, dA1 (of the summed loss whose dL/dZ2 is dZ2) and g1'(Z1), numerically."""
    g1 = FORWARD[activation]
    A1 = g1(Z1)
    return {"m": Z1.shape[1], "A1": A1, "dA1": gradient(lambda A: sums(dZ2 * (W2 @ A)), A1, stacked=True),
            "g1'(Z1)": elementwise_derivative(g1, Z1)}


def network_quantities(parameters, cache, X, Y):
    """The forward pass, and the deltas of the loss summed over the examples, numerically."""
    W1, b1, W2, b2 = (parameters[name] for name in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2

    def loss_of_Z2(Z):  # the cross-entropy of sigmoid(Z) summed over the examples, stable
        return sums(np.logaddexp(0.0, Z) - Y * Z)

    return {"m": X.shape[1], "Z1": Z1, "A1": A1, "Z2": Z2, "A2": sigmoid(Z2),
            "dZ2": gradient(loss_of_Z2, Z2, stacked=True),
            "dA1": gradient(lambda A: loss_of_Z2(W2 @ A + b2), A1, stacked=True),
            "g1'(Z1)": elementwise_derivative(np.tanh, Z1),
            "dZ1": gradient(lambda Z: loss_of_Z2(W2 @ np.tanh(Z) + b2), Z1, stacked=True)}


# --------------------------------------------------------------------------- mistakes

def _slope(Z1, activation):
    """g1'(Z1), exact, for the mistakes' outputs (the oracles use central differences)."""
    s = sigmoid(Z1)
    exact = {"tanh": lambda: 1.0 - np.square(np.tanh(Z1)), "sigmoid": lambda: s - s * s,
             "relu": lambda: (Z1 > 0).astype(np.float64)}
    return exact[activation]()


def _W2_not_square(inputs):
    n_y, n_h = np.shape(inputs["W2"] if "W2" in inputs else inputs["parameters"]["W2"])
    return n_y != n_h


def _W1_apart_from_W2(inputs):
    """Where n_x = n_y, W1.T has the shape of W2: np.dot(W1.T, dZ2) raises np.dot(W2, dZ2)'s message."""
    return np.shape(inputs["parameters"]["W1"])[1] != np.shape(inputs["parameters"]["W2"])[0]


def _some_Z1_not_positive(inputs):
    """Where every Z1 is positive, relu's slope (Z1 > 0) is 1 everywhere: dA1 times it is dA1."""
    return bool((inputs["Z1"] if "Z1" in inputs else inputs["cache"]["Z1"]).min() <= 0)


def _tanh(inputs):
    return inputs.get("activation", "tanh") == "tanh"


# the learner's step, for each mistake: dA1 from dZ2 and W2, or dZ1 from dA1 and g1'
TRANSPOSED = lambda d, W: np.transpose(W).dot(d)  # noqa: E731  (right)
NOT_TRANSPOSED = lambda d, W: W @ d  # noqa: E731
NOT_TRANSPOSED_DOT = lambda d, W: np.dot(W, d)  # noqa: E731
ROWS_ORDER = lambda d, W: d.T @ W  # noqa: E731  (m, n_h): transposed
COLUMNS_ORDER = lambda d, W: d @ W  # noqa: E731  fits only when m = n_y
MATRIX_PRODUCT = lambda a, g: a @ g  # noqa: E731
MATRIX_PRODUCT_DOT = lambda a, g: np.dot(a, g)  # noqa: E731
NO_SLOPE = lambda a, g: a  # noqa: E731


def _hd(back=TRANSPOSED, chain=np.multiply, slope=_slope):
    """hidden_delta with one step replaced: back (dZ2, W2) -> dA1, chain (dA1, g1') -> dZ1,
    slope (Z1, activation) -> g1'; exact."""
    return lambda dZ2, W2, Z1, activation="tanh": chain(back(dZ2, W2), slope(Z1, activation))


def _bp(back=TRANSPOSED, chain=np.multiply, slope=lambda cache: 1.0 - np.square(cache["A1"]), dW1_from="X"):
    """backward_propagation with one step replaced (see _hd; slope from the cache); exact."""
    def mistaken(parameters, cache, X, Y):
        count = Y.shape[1]
        A1, delta2 = cache["A1"], cache["A2"] - Y
        grads = {"dW2": delta2.dot(A1.T) / count, "db2": delta2.sum(axis=1, keepdims=True) / count}
        step = (lambda d, W: grads["dW2"].T @ d) if back == "dW2" else back  # the weight's gradient for W2
        g = slope(cache)
        delta1 = chain(step(delta2, parameters["W2"]), g)
        grads["dW1"] = delta1.dot((X if dW1_from == "X" else A1).T) / count
        grads["db1"] = delta1.sum(axis=1, keepdims=True) / count
        return {key: grads[key] for key in ("dW1", "db1", "dW2", "db2")}
    return mistaken


# 1 - a**2 and a * (1 - a), the derivatives written with the activation's output a, taken of Z1
ON_Z1 = {"tanh": lambda Z1: 1 - Z1 ** 2, "sigmoid": lambda Z1: Z1 * (1 - Z1)}
GIVEN_IF = {
    "hidden_delta": reply_of(applies_if(lambda inputs: inputs.get("activation", "tanh") in ON_Z1, _hd(
        slope=lambda Z1, activation: ON_Z1[activation](Z1)))),
    "backward_propagation": reply_of(_bp(slope=lambda cache: ON_Z1["tanh"](cache["Z1"])))}
CASES = {"hidden_layer": hidden_layer, "network": network}
EXPECTED = {"hidden_delta": hidden_delta, "backward_propagation": backward_propagation}
QUANTITIES = {"hidden_delta": hidden_quantities, "backward_propagation": network_quantities}
# In backward_propagation `dA1 @ g1'(Z1)` raises the matmul message of `dZ2 @ A1` (dW2
# without its transpose): only an error from hidden_delta tells which it is.
MISTAKES = {
    "hidden_delta": [
        Mistake("ex04/W2-not-transposed", unlike_right_transposed(_hd(back=NOT_TRANSPOSED), _hd())),
        Mistake("ex04/W2-not-transposed", unlike_right_transposed(_hd(back=NOT_TRANSPOSED_DOT), _hd())),
        Mistake("ex04/W2-not-transposed", unlike_right_transposed(_hd(back=ROWS_ORDER), _hd())),
        Mistake("ex04/W2-not-transposed", error_counts_if(_hd(back=COLUMNS_ORDER), _W2_not_square)),
        Mistake("ex04/matmul-for-elementwise", error_counts_if(_hd(chain=MATRIX_PRODUCT), _W2_not_square)),
        Mistake("ex04/matmul-for-elementwise", _hd(chain=MATRIX_PRODUCT_DOT)),
        Mistake("ex04/sigmoid-derivative-for-tanh",
                applies_if(_tanh, _hd(slope=lambda Z1, activation: np.tanh(Z1) * (1 - np.tanh(Z1))))),
        Mistake("ex04/sigmoid-derivative-for-tanh",
                applies_if(_tanh, _hd(slope=lambda Z1, activation: _slope(Z1, "sigmoid")))),
        Mistake("ex04/missing-activation-derivative", applies_if(_some_Z1_not_positive, _hd(chain=NO_SLOPE))),
    ],
    "backward_propagation": [
        # W1.T @ dZ2 raises the matmul message of W2 @ dZ2 (both name n_y and n_h), and np.dot's where
        # n_x = n_y: only an error from hidden_delta, which is not given W1, tells W2 untransposed
        Mistake("ex04/W2-not-transposed", _bp(back=NOT_TRANSPOSED), raised_in="hidden_delta"),
        Mistake("ex04/W2-not-transposed", error_counts_if(_bp(back=NOT_TRANSPOSED_DOT), _W1_apart_from_W2)),
        Mistake("ex04/W2-not-transposed",
                error_counts_if(_bp(back=ROWS_ORDER), prefix="operands could not be broadcast")),
        Mistake("ex04/W2-not-transposed", error_counts_if(_bp(back=COLUMNS_ORDER), _W2_not_square),
                raised_in="hidden_delta"),
        Mistake("ex04/matmul-for-elementwise", error_counts_if(_bp(chain=MATRIX_PRODUCT), _W2_not_square),
                raised_in="hidden_delta"),
        Mistake("ex04/matmul-for-elementwise", _bp(chain=MATRIX_PRODUCT_DOT)),
        Mistake("ex04/dW2-instead-of-W2", _bp(back="dW2")),
        Mistake("ex04/derivative-of-A-not-Z", _bp(slope=lambda c: 1.0 - np.square(np.tanh(c["A1"])))),
        Mistake("ex04/sigmoid-derivative-for-tanh", _bp(slope=lambda c: c["A1"] * (1 - c["A1"]))),
        Mistake("ex04/sigmoid-derivative-for-tanh", _bp(slope=lambda c: _slope(c["Z1"], "sigmoid"))),
        Mistake("ex04/missing-activation-derivative", applies_if(_some_Z1_not_positive, _bp(chain=NO_SLOPE))),
        Mistake("ex04/dW1-from-A1", _bp(dW1_from="A1")),
        Mistake("ex04/missing-activation-derivative", applies_if(_some_Z1_not_positive, _bp(
            chain=NO_SLOPE, dW1_from="A1")), also=("ex04/dW1-from-A1",)),
    ]}
