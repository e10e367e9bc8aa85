"""ex09: the L2-regularized cost and its gradients, and inverted dropout forward and backward.

The network is Ng's Course 2 one, LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID
(the cost takes other depths too). Oracles: the costs and the forward pass are computed from
their definitions; every derivative is a central difference of the forward computation,
recomputed from X and the parameters the cache holds. dZ and dA are derivatives of the loss
summed over the examples, dW and db of the (regularized) cost. For dropout the masks are
inputs, fixed, so the forward pass with them is differentiable away from the relu kinks,
which the cases keep at least MARGIN away from every pre-activation. Mistake outputs are
exact, so that a submission making one matches it.
"""
import numpy as np

from ..mistakes import Mistake, applies_if, same
from ..numeric import gradient, relu, sigmoid, sums
from . import draw, labels, size

# No relu pre-activation this close to 0: a step of 1e-5, amplified by two layers of
# weights of order 1 and a rescaling by 1 / keep_prob <= 2, never crosses the kink.
MARGIN = 1e-2
KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


# ----------------------------------------------------------------------------- cases

def _parameters(rng, dims):
    """W1, b1, ..., WL, bL for layer sizes dims = [n_x, n_1, ..., n_L]; the biases nonzero."""
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = rng.standard_normal((dims[layer], dims[layer - 1])) * np.sqrt(2.0 / dims[layer - 1])
        parameters[f"b{layer}"] = 0.5 * rng.standard_normal((dims[layer], 1))
    return parameters


def _forward(X, parameters, keep_prob=1.0, masks=()):
    """Z[l] and A[l] of every layer (relu hidden layers, dropped and rescaled by masks[l-1]
    when given; a sigmoid output), as two lists, layer 1 first."""
    depth = len(parameters) // 2
    Zs, As, a = [], [], X
    for layer in range(1, depth + 1):
        z = parameters[f"W{layer}"] @ a + parameters[f"b{layer}"]
        if layer == depth:
            a = sigmoid(z)
        else:
            a = relu(z)
            if masks:
                a = a * masks[layer - 1] / keep_prob
        Zs.append(z)
        As.append(a)
    return Zs, As


def _clear_of_kinks(rng, X, parameters, keep_prob, masks):
    """Each example's column of X drawn again until every hidden pre-activation is at least
    MARGIN from 0; False when some column never gets there."""
    for j in range(X.shape[1]):
        column = (lambda D: [d[:, [j]] for d in D]) if masks else (lambda D: ())
        for _ in range(1000):
            Zs, _ = _forward(X[:, [j]], parameters, keep_prob, column(masks))
            if all(np.min(np.abs(z)) >= MARGIN for z in Zs[:-1]):
                break
            X[:, j] = rng.standard_normal(X.shape[0])
        else:
            return False
    return True


def _masks(rng, shapes, keep_prob):
    """0/1 float masks, each entry 1 with probability keep_prob, each with a 0 and a 1."""
    found = []
    for shape in shapes:
        D = (rng.random(shape) < keep_prob).astype(np.float64)
        D.flat[int(rng.integers(D.size))] = 0.0
        if D.max() == 0.0:
            D.flat[int(rng.integers(D.size))] = 1.0
        found.append(D)
    return tuple(found)


def _network(rng, n_x, n_1, n_2, m, keep_prob=None):
    """X, Y, parameters (and masks, with keep_prob) of the three-layer network, its relu
    kinks kept away. With masks, some unit of each hidden layer is dropped where its relu
    is active, so that a mask forgotten forward changes A1 and A2."""
    dims = [size(rng, n_x), size(rng, n_1), size(rng, n_2), 1]
    m = size(rng, m)
    for _ in range(200):
        parameters = _parameters(rng, dims)
        X = rng.standard_normal((dims[0], m))
        masks = _masks(rng, [(dims[1], m), (dims[2], m)], keep_prob) if keep_prob is not None else ()
        if not _clear_of_kinks(rng, X, parameters, keep_prob or 1.0, masks):
            continue
        Zs, _ = _forward(X, parameters, keep_prob or 1.0, masks)
        hidden = Zs[:-1]
        if not all(np.max(z) > 0 for z in hidden):
            continue
        if masks and not all(np.any((z > 0) & (D == 0)) and np.any((z > 0) & (D == 1))
                             for z, D in zip(hidden, masks)):
            continue
        if masks and not np.any((hidden[0] > 0) & (masks[0] == 0) & np.any((hidden[1] > 0) & (masks[1] == 1), axis=0)):
            continue  # layer 1's mask shows only at an example that layer 2 lets through: forgotten, it matched
        return X, labels(rng, m), parameters, masks
    raise RuntimeError(f"no network of sizes {dims} with m = {m} fits the case")


def _dims(rng, dims, layers, n_x, n_h):
    """[n_x, n_1, ..., n_{L-1}, 1]: given, or drawn (L from layers, sizes from n_x and n_h)."""
    if dims is not None:
        return [int(n) for n in dims]
    depth = size(rng, layers)
    return [size(rng, n_x)] + [size(rng, n_h) for _ in range(depth - 1)] + [1]


def regularized_cost(rng, m, lambd, dims=None, layers=3, n_x=4, n_h=4):
    """A3 (the output of a forward pass, whatever the depth), Y, parameters and lambd."""
    sizes = _dims(rng, dims, layers, n_x, n_h)
    m = size(rng, m)
    parameters = _parameters(rng, sizes)
    X = rng.standard_normal((sizes[0], m))
    _, As = _forward(X, parameters)
    return {"A3": As[-1], "Y": labels(rng, m), "parameters": parameters, "lambd": draw(rng, lambd)}


def regularized_network(rng, n_x, n_1, n_2, m, lambd):
    """X, Y, the cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) and lambd."""
    X, Y, p, _ = _network(rng, n_x, n_1, n_2, m)
    Zs, As = _forward(X, p)
    cache = (Zs[0], As[0], p["W1"], p["b1"], Zs[1], As[1], p["W2"], p["b2"], Zs[2], As[2], p["W3"], p["b3"])
    return {"X": X, "Y": Y, "cache": cache, "lambd": draw(rng, lambd)}


def dropout_forward(rng, n_x, n_1, n_2, m, keep_prob):
    """X, parameters, keep_prob and masks (D1, D2) that drop some active units."""
    keep_prob = draw(rng, keep_prob)
    X, _, parameters, masks = _network(rng, n_x, n_1, n_2, m, keep_prob)
    return {"X": X, "parameters": parameters, "keep_prob": keep_prob, "masks": masks}


def dropout_network(rng, n_x, n_1, n_2, m, keep_prob):
    """X, Y, the cache of the forward pass with dropout, and keep_prob."""
    keep_prob = draw(rng, keep_prob)
    X, Y, parameters, masks = _network(rng, n_x, n_1, n_2, m, keep_prob)
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob, masks)
    return {"X": X, "Y": Y, "cache": cache, "keep_prob": keep_prob}


# ---------------------------------------------------------------------------- oracles

def _cross_entropy(A3, Y):
    return float(-np.mean(Y * np.log(A3) + (1.0 - Y) * np.log1p(-A3)))


def _penalty(parameters, lambd, m):
    """(lambd / (2m)) * the sum of the squares of every W[l]."""
    depth = len(parameters) // 2
    return lambd / (2 * m) * sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in range(1, depth + 1))


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    return _cross_entropy(A3, Y) + _penalty(parameters, lambd, Y.shape[1])


def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    Zs, As = _forward(X, parameters, keep_prob, masks)
    p = parameters
    cache = (Zs[0], masks[0], As[0], p["W1"], p["b1"], Zs[1], masks[1], As[1], p["W2"], p["b2"],
             Zs[2], As[2], p["W3"], p["b3"])
    return As[2], cache


class _Net:
    """The three-layer network of a cache, its forward pass computed again from X with one
    quantity replaced, at each of the stacked points (numeric.gradient) it holds."""

    def __init__(self, X, Y, weights, keep_prob=1.0, masks=None, lambd=0.0):
        self.X, self.Y, self.weights, self.lambd = X, Y, weights, lambd
        self.drop = (lambda a, layer: a * masks[layer - 1] / keep_prob) if masks else (lambda a, layer: a)
        self.m = X.shape[1]

    def summed_loss(self, at, value):
        """The loss summed over the examples, with `at` (W2, b1, Z3, or A1: the relu output
        before dropout) replaced by value."""
        a = self.X
        for layer in (1, 2, 3):
            W = value if at == f"W{layer}" else self.weights[f"W{layer}"]
            b = value if at == f"b{layer}" else self.weights[f"b{layer}"]
            z = value if at == f"Z{layer}" else W @ a + b
            if layer == 3:  # cross-entropy of sigmoid(z), without the cancellation of 1 - A3
                return sums(np.logaddexp(0.0, z) - self.Y * z)
            h = value if at == f"A{layer}" else relu(z)
            a = self.drop(h, layer)
        raise AssertionError("unreachable")

    def cost(self, at, value):
        """J plus the L2 penalty of W1, W2, W3 (the replaced one at each point)."""
        squares = sum(np.sum(np.square(value if at == f"W{l}" else self.weights[f"W{l}"]), axis=(-2, -1))
                      for l in (1, 2, 3))
        return self.summed_loss(at, value) / self.m + self.lambd / (2 * self.m) * squares

    def gradients(self):
        at, a = {}, self.X  # Z1, Z2, Z3 and the relu outputs before dropout, A1 and A2
        for layer in (1, 2):
            at[f"Z{layer}"] = self.weights[f"W{layer}"] @ a + self.weights[f"b{layer}"]
            at[f"A{layer}"] = relu(at[f"Z{layer}"])
            a = self.drop(at[f"A{layer}"], layer)
        at["Z3"] = self.weights["W3"] @ a + self.weights["b3"]
        found = {}
        for key in KEYS:
            name = key[1:]
            if name[0] in "Wb":
                found[key] = gradient(lambda v, n=name: self.cost(n, v), self.weights[name], stacked=True)
            else:
                found[key] = gradient(lambda v, n=name: self.summed_loss(n, v), at[name], stacked=True)
        return found


def _weights(cache, names):
    return {name: value for name, value in zip(names, cache) if name[0] in "Wb"}


REG_CACHE = ("Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
DROP_CACHE = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """dZ, dA of the summed loss and dW, db of the regularized cost, by central differences."""
    return _Net(X, Y, _weights(cache, REG_CACHE), lambd=lambd).gradients()


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """The same for the cost of the forward pass with the cache's masks, fixed."""
    named = dict(zip(DROP_CACHE, cache))
    return _Net(X, Y, _weights(cache, DROP_CACHE), keep_prob, (named["D1"], named["D2"])).gradients()


# ----------------------------------------------------------- quantities, for explain

def _cost_quantities(A3, Y, parameters, lambd):
    count = Y.shape[1]
    return {"m": count, "L": len(parameters) // 2, "cross_entropy_cost": _cross_entropy(A3, Y),
            "L2_regularization_cost": _penalty(parameters, lambd, count)}


def _forward_quantities(X, parameters, keep_prob, masks):
    Zs, As = _forward(X, parameters, keep_prob, masks)
    return {"Z1": Zs[0], "D1": masks[0], "A1": As[0], "Z2": Zs[1], "D2": masks[1], "A2": As[1], "Z3": Zs[2],
            "A3": As[2]}  # D1, D2: a mask drawn anew departs where it is drawn


# --------------------------------------------------------------------------- mistakes

def _backward(X, Y, cache, names, *, reg=lambda lambd, m: 0.0, bias_reg=lambda lambd, m: 0.0, lambd=0.0,
              keep_prob=1.0, masked=(1, 2), rescaled=(1, 2), slope="Z", stored_early=False):
    """The gradients as a submission computes them: dW[l] gains reg(lambd, m) * W[l], db[l]
    gains bias_reg(lambd, m) * b[l]; with dropout, the layers in masked apply the mask to dA,
    those in rescaled divide it by keep_prob, and with stored_early the dict keeps dA as it was
    before; relu' is read from Z > 0 or from the cache's A > 0 (the dropped A, with dropout)."""
    c = dict(zip(names, cache))
    count = X.shape[1]
    dZ = c["A3"] - Y
    found = {}
    inputs = {1: X, 2: c["A1"], 3: c["A2"]}
    for layer in (3, 2, 1):
        if layer < 3:
            dA = found[f"dA{layer}"] = c[f"W{layer + 1}"].T @ dZ
            if "D1" in c and layer in masked:
                dA = dA * c[f"D{layer}"]
            if "D1" in c and layer in rescaled:
                dA = dA / keep_prob
            found[f"dA{layer}"] = found[f"dA{layer}"] if stored_early else dA
            dZ = dA * ((c[f"{slope}{layer}"] > 0).astype(np.float64))
        found[f"dZ{layer}"] = dZ
        found[f"dW{layer}"] = dZ @ inputs[layer].T / count + reg(lambd, count) * c[f"W{layer}"]
        found[f"db{layer}"] = np.sum(dZ, axis=1, keepdims=True) / count + bias_reg(lambd, count) * c[f"b{layer}"]
    return {key: found[key] for key in KEYS}


RIGHT = lambda lambd, m: lambd / m  # noqa: E731
HALF = lambda lambd, m: lambd / (2 * m)  # noqa: E731
NO_M = lambda lambd, m: lambd  # noqa: E731


def _regularized_with(**slip):
    return lambda X, Y, cache, lambd: _backward(X, Y, cache, REG_CACHE, lambd=lambd, **{"reg": RIGHT, **slip})


def _dropout_with(**slip):
    return lambda X, Y, cache, keep_prob: _backward(X, Y, cache, DROP_CACHE, keep_prob=keep_prob, **slip)


def _forward_with(rescaled):
    """forward_propagation_with_dropout that divides by keep_prob in the layers rescaled only."""
    def mistaken(X, parameters, keep_prob, masks):
        scale = {layer: keep_prob if layer in rescaled else 1.0 for layer in (1, 2)}
        p, a, Zs, As = parameters, X, [], []
        for layer in (1, 2):
            z = p[f"W{layer}"] @ a + p[f"b{layer}"]
            a = relu(z) * masks[layer - 1] / scale[layer]
            Zs.append(z)
            As.append(a)
        z3 = p["W3"] @ a + p["b3"]
        a3 = sigmoid(z3)
        return a3, (Zs[0], masks[0], As[0], p["W1"], p["b1"], Zs[1], masks[1], As[1], p["W2"], p["b2"],
                    z3, a3, p["W3"], p["b3"])
    return mistaken


def _cost_with(factor, biases=False):
    """The cost with the penalty factor(lambd, m) * the squares of the W's (and b's)."""
    def mistaken(A3, Y, parameters, lambd):
        count = Y.shape[1]
        squared = [name for name in parameters if name[0] == "W" or biases]
        return _cross_entropy(A3, Y) + factor(lambd, count) * sum(float(np.sum(np.square(parameters[n]))) for n in squared)
    return mistaken


def _three_layers_only(inputs, reply):
    """The course's penalty of W1, W2 and W3 by name: a KeyError of W2 or W3 on fewer layers (not
    of W0, a loop from 0), on more a cost without the deeper W's."""
    if not reply.ok:
        return reply.error.type == "KeyError" and reply.error.message in ("'W2'", "'W3'")
    first = {name: W for name, W in inputs["parameters"].items() if name in ("W1", "W2", "W3")}
    try:
        return bool(np.isclose(float(np.squeeze(reply.value)), _cost_with(HALF)(**{**inputs, "parameters": first})))
    except (TypeError, ValueError):
        return False


def _cache_misread(names):
    """The cache perhaps unpacked in another order than the contract's: the call raised (a
    misread and a slip of the learner's own raise the same shape errors, which the text allows
    for), or its dZ3 is another entry of the cache minus Y (a dZ3 of its own slip is not)."""
    def misread(inputs, reply):
        dZ3 = reply.value.get("dZ3") if reply.ok and isinstance(reply.value, dict) else None
        Y = inputs["Y"]
        return not reply.ok or any(same(dZ3, entry - Y, rtol=1e-6, atol=1e-8) for name, entry
                                   in zip(names, inputs["cache"]) if name != "A3" and entry.shape in (Y.shape, (1, 1)))
    return misread


def _masks_drawn_anew(inputs, reply):
    """The masks given not applied: A3 is not that of the masks given (which drop active
    units), nor does the cache hold them as its D1 and D2 (a slip elsewhere leaves them). A call
    that raised or returned no (A3, cache) pair has that said instead, the masks untold."""
    right = forward_propagation_with_dropout(**inputs)[0]
    value = reply.value if reply.ok and isinstance(reply.value, (tuple, list)) else ()
    if len(value) != 2 or getattr(value[0], "shape", None) != right.shape:
        return False
    try:
        A3, cache = value
        if same(A3, right, rtol=1e-6, atol=1e-8):
            return False  # applied as given, in a cache laid out otherwise
        return not all(np.array_equal(cache[DROP_CACHE.index(f"D{k}")], inputs["masks"][k - 1]) for k in (1, 2))
    except Exception:  # no cache laid out as the contract's to tell by
        return True


# The layers where a step that a slip leaves out is still done: neither, layer 1, layer 2.
DONE_IN = ((), (1,), (2,))

CASES = {
    "regularized_cost": regularized_cost,
    "regularized_network": regularized_network,
    "dropout_forward": dropout_forward,
    "dropout_network": dropout_network}
EXPECTED = {
    "compute_cost_with_regularization": compute_cost_with_regularization,
    "backward_propagation_with_regularization": backward_propagation_with_regularization,
    "forward_propagation_with_dropout": forward_propagation_with_dropout,
    "backward_propagation_with_dropout": backward_propagation_with_dropout}
QUANTITIES = {
    "compute_cost_with_regularization": _cost_quantities,
    "backward_propagation_with_regularization": lambda X, Y, cache, lambd: {"m": X.shape[1]},
    "forward_propagation_with_dropout": _forward_quantities,
    "backward_propagation_with_dropout": lambda X, Y, cache, keep_prob: {"m": X.shape[1]}}
# The failures a function's `given:` text (its spec) explains.
GIVEN_IF = {
    "compute_cost_with_regularization": _three_layers_only,
    "backward_propagation_with_regularization": _cache_misread(REG_CACHE),
    "forward_propagation_with_dropout": _masks_drawn_anew,
    "backward_propagation_with_dropout": _cache_misread(DROP_CACHE)}
MISTAKES = {
    "compute_cost_with_regularization": [
        Mistake("ex09/reg-cost-missing-1-over-m", _cost_with(lambda lambd, m: lambd / 2)),
        Mistake("ex09/biases-regularized", _cost_with(HALF, biases=True)),
    ],
    "backward_propagation_with_regularization": [
        # the checks judge dW, db, and dZ with dA apart: each slip shows in its own group
        Mistake("ex09/reg-gradient-half", _regularized_with(reg=HALF)),
        # with m = 2, lambd is also 2 * lambd / m, the penalty's derivative doubled
        Mistake("ex09/reg-gradient-missing-1-over-m",
                applies_if(lambda inputs: inputs["X"].shape[1] > 2, _regularized_with(reg=NO_M))),
        *(Mistake("ex09/biases-regularized", _regularized_with(bias_reg=factor)) for factor in (RIGHT, HALF, NO_M)),
    ],
    "forward_propagation_with_dropout": [
        *(Mistake("ex09/not-rescaled-by-keep-prob", _forward_with(rescaled), whole=True) for rescaled in DONE_IN),
    ],
    "backward_propagation_with_dropout": [
        # relu' read from Z > 0 or from the dropped A > 0 of the cache (which hides a mask
        # forgotten in dA from every key but dA2 and dA1); the slip in both layers or one
        *(Mistake("ex09/mask-not-applied-backward", _dropout_with(masked=kept, slope=slope))
          for slope in ("Z", "A") for kept in DONE_IN),
        *(Mistake("ex09/not-rescaled-by-keep-prob", _dropout_with(rescaled=kept, slope=slope))
          for slope in ("Z", "A") for kept in DONE_IN),
        # dropout left out of the backward pass altogether: the mask first, whose text tells the scale too
        *(Mistake("ex09/mask-not-applied-backward", _dropout_with(masked=kept, rescaled=kept, slope=slope))
          for slope in ("Z", "A") for kept in DONE_IN),
        # the mask applied on the way to dZ, but dA stored before it: the dict's dA2 and dA1 miss it
        Mistake("ex09/mask-not-applied-backward", _dropout_with(stored_early=True)),
    ]}
