"""ex05: an L-layer network, [LINEAR -> RELU] * (L - 1) then LINEAR -> SIGMOID.

The oracles of the forward functions compute the forward pass from its definition; those of
the backward functions are central differences of that forward pass: dA[l] of the loss
summed over the examples, dW[l] and db[l] of the cost J. The catalogued mistakes are
written as what a submission making them returns, layer by layer, in the column
convention (examples are columns).
"""
import re

import numpy as np

from ..mistakes import Convention, Mistake, applies_if, same
from ..numeric import elementwise_derivative, gradient, relu, sigmoid, sums
from . import draw, labels, size

# No relu pre-activation this close to 0: the central differences (step 1e-5, amplified by
# at most a few layers of weights of order 1) never cross the kink.
MARGIN = 1e-2
ACTIVATIONS = {"relu": relu, "sigmoid": sigmoid}


# ----------------------------------------------------------------------------- cases

def _weights(rng, n_out, n_in):
    W = rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)
    b = 0.5 * rng.standard_normal((n_out, 1))
    return W, b


def _single_layer(rng, n_l, n_prev, m, z_max=None):
    """A_prev, W, b of one layer whose Z = W A_prev + b keeps MARGIN away from 0.

    With z_max, W and b are scaled so that the largest |Z| is z_max (a saturated sigmoid).
    """
    n_l, n_prev, m = size(rng, n_l), size(rng, n_prev), size(rng, m)
    W, b = _weights(rng, n_l, n_prev)
    A_prev = rng.standard_normal((n_prev, m))
    for j in range(m):  # one example at a time: its column is drawn again near the kink
        while np.min(np.abs(W @ A_prev[:, j] + b[:, 0])) < MARGIN:
            A_prev[:, j] = rng.standard_normal(n_prev)
    if z_max is not None:
        factor = draw(rng, z_max) / np.max(np.abs(W @ A_prev + b))
        W, b = W * factor, b * factor
    return A_prev, W, b


def linear(rng, n_l, n_prev, m):
    A, W, b = _single_layer(rng, n_l, n_prev, m)
    return {"A": A, "W": W, "b": b}


def activation_layer(rng, n_l, n_prev, m, activation, z_max=None):
    A_prev, W, b = _single_layer(rng, n_l, n_prev, m, z_max)
    return {"A_prev": A_prev, "W": W, "b": b, "activation": activation}


def linear_back(rng, n_l, n_prev, m):
    A_prev, W, b = _single_layer(rng, n_l, n_prev, m)
    dZ = rng.standard_normal((W.shape[0], A_prev.shape[1]))
    return {"dZ": dZ, "cache": (A_prev, W, b)}


def activation_back(rng, n_l, n_prev, m, activation, z_max=None):
    A_prev, W, b = _single_layer(rng, n_l, n_prev, m, z_max)
    Z = np.matmul(W, A_prev) + b
    if activation == "relu" and len(W) > 1 and np.all(Z > 0):  # relu keeps every unit: its derivative all 1, which
        W[0], b[0], Z[0] = -W[0], -b[0], -Z[0]  # a layer leaving it out (dZ = dA) matched; the first unit kept nowhere
    dA = rng.standard_normal(Z.shape)
    return {"dA": dA, "cache": ((A_prev, W, b), Z), "activation": activation}


def _layer_dims(rng, dims, layers, n_x, n_h, square, one_unit):
    """[n_x, n_1, ..., n_{L-1}, 1]: given, or drawn (L from `layers`, sizes from n_x, n_h)."""
    if dims is not None:
        return [int(n) for n in dims]
    depth = size(rng, layers)
    drawn = [size(rng, n_x)] + [size(rng, n_h) for _ in range(depth - 1)] + [1]
    if square:  # W2 of (n_2, n_1), square
        drawn[2] = drawn[1]
    if one_unit:  # one hidden layer of a single unit
        drawn[int(rng.integers(1, depth))] = 1
    return drawn


def _hidden_pre_activations(x, parameters, depth):
    """Z[1] .. Z[L-1] of one example x (a column), for the kink test."""
    found, a = [], x
    for layer in range(1, depth):
        z = parameters[f"W{layer}"] @ a + parameters[f"b{layer}"][:, 0]
        found.append(z)
        a = relu(z)
    return found


def _network(rng, dims=None, layers=3, n_x=4, n_h=4, m=8, square=False, one_unit=False, z_max=None):
    """X, Y and parameters of a network of len(dims) - 1 layers, relu kinks kept away.

    Every relu layer has an active unit somewhere, the output pre-activations ZL have a
    positive entry (so relu at the output never gives all zeros), and with z_max the output
    layer is scaled so that the largest |ZL| is z_max.
    """
    sizes = _layer_dims(rng, dims, layers, n_x, n_h, square, one_unit)
    depth, m = len(sizes) - 1, size(rng, m)
    for attempt in range(201):
        if attempt == 200:
            raise RuntimeError(f"no network of sizes {sizes} without relu kinks was found")
        parameters = {}
        for layer in range(1, depth + 1):
            parameters[f"W{layer}"], parameters[f"b{layer}"] = _weights(rng, sizes[layer], sizes[layer - 1])
        X = rng.standard_normal((sizes[0], m))
        for j in range(m):
            for _ in range(1000):
                pre = _hidden_pre_activations(X[:, j], parameters, depth)
                if all(np.min(np.abs(z)) >= MARGIN for z in pre):
                    break
                X[:, j] = rng.standard_normal(sizes[0])
        AL, caches = _forward(X, parameters)
        hidden_Z = [Z for _, Z in caches[:-1]]
        if all(np.min(np.abs(Z)) >= MARGIN and np.max(Z) > 0 for Z in hidden_Z):
            break
    out_W, out_b = f"W{depth}", f"b{depth}"
    ZL = caches[-1][1]
    if z_max is not None:
        factor = draw(rng, z_max) / np.max(np.abs(ZL))
        parameters[out_W], parameters[out_b] = parameters[out_W] * factor, parameters[out_b] * factor
        ZL = ZL * factor
    if np.max(ZL) <= 0:
        parameters[out_W], parameters[out_b] = -parameters[out_W], -parameters[out_b]
    return X, labels(rng, m), parameters


def network_forward(rng, **params):
    X, _, parameters = _network(rng, **params)
    return {"X": X, "parameters": parameters}


def network_backward(rng, **params):
    X, Y, parameters = _network(rng, **params)
    AL, caches = _forward(X, parameters)
    return {"AL": AL, "Y": Y, "caches": caches}


def network_update(rng, learning_rate, **params):
    X, _, parameters = _network(rng, **params)
    grads = {"d" + name: rng.standard_normal(value.shape) for name, value in parameters.items()}
    depth = len(parameters) // 2
    for layer in range(depth):  # dA0 .. dA{L-1}, as L_model_backward leaves them in grads
        grads[f"dA{layer}"] = rng.standard_normal((parameters[f"W{layer + 1}"].shape[1], X.shape[1]))
    return {"parameters": parameters, "grads": grads, "learning_rate": draw(rng, learning_rate)}


def prediction(rng, m, z_max=4.0):
    """AL = sigmoid(ZL) and Y, (1, m); one |ZL| equals z_max."""
    m = size(rng, m)
    z_max = draw(rng, z_max)
    ZL = rng.uniform(-z_max, z_max, size=(1, m))
    ZL[0, int(rng.integers(m))] = z_max * rng.choice([-1.0, 1.0])
    return {"AL": sigmoid(ZL), "Y": labels(rng, m)}


# --------------------------------------------------------------------------- forward

def _forward(X, parameters, hidden=relu, output=sigmoid):
    """AL and the caches ((A[l-1], W[l], b[l]), Z[l]), layer 1 first, of the whole network."""
    depth = len(parameters) // 2
    current, kept = X, []
    for layer in range(1, depth + 1):
        W_l, b_l = parameters[f"W{layer}"], parameters[f"b{layer}"]
        Z_l = np.matmul(W_l, current) + b_l
        kept.append(((current, W_l, b_l), Z_l))
        current = output(Z_l) if layer == depth else hidden(Z_l)
    return current, kept


def _summed_loss_of_z(ZL, Y):
    """The cross-entropy of AL = sigmoid(ZL), summed over the examples, from ZL, at each of
    the stacked points (numeric.gradient) ZL holds.

    -(y log s(z) + (1 - y) log(1 - s(z))) is log(1 + e^z) - y z: the same function,
    computed without the cancellation of 1 - s(z) when z is large.
    """
    return sums(np.logaddexp(0.0, ZL) - Y * ZL)


def linear_forward(A, W, b):
    cache = (A, W, b)
    return np.matmul(W, A) + b, cache


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.matmul(W, A_prev) + b
    return ACTIVATIONS[activation](Z), ((A_prev, W, b), Z)


def L_model_forward(X, parameters):
    return _forward(X, parameters)


def compute_cost(AL, Y):
    per_example = -(Y * np.log(AL) + (1.0 - Y) * np.log1p(-AL))
    return float(np.mean(per_example))


# -------------------------------------------------------------------------- backward

def linear_backward(dZ, cache):
    """dL/dA_prev of sum(dZ * Z) (summed loss), dJ/dW and dJ/db of the same over m."""
    A_in, W, b = cache
    count = A_in.shape[1]

    def summed(A_, W_, b_):  # the summed loss whose derivative with respect to Z is dZ,
        return sums(dZ * (np.matmul(W_, A_) + b_))  # at each stacked point one of them holds

    return (gradient(lambda A_: summed(A_, W, b), A_in, stacked=True),
            gradient(lambda W_: summed(A_in, W_, b) / count, W, stacked=True),
            gradient(lambda b_: summed(A_in, W, b_) / count, b, stacked=True))


def linear_activation_backward(dA, cache, activation):
    """The same for sum(dA * g(Z)): dA is the derivative of the summed loss with respect to A."""
    (A_in, W, b), _ = cache
    g = ACTIVATIONS[activation]
    count = A_in.shape[1]

    def summed(A_, W_, b_):
        return sums(dA * g(np.matmul(W_, A_) + b_))

    return (gradient(lambda A_: summed(A_, W, b), A_in, stacked=True),
            gradient(lambda W_: summed(A_in, W_, b) / count, W, stacked=True),
            gradient(lambda b_: summed(A_in, W, b_) / count, b, stacked=True))


def L_model_backward(AL, Y, caches):
    """dA0 .. dA{L-1} of the summed loss, dW1 .. dWL and db1 .. dbL of the cost J.

    The network is rebuilt from the caches: A[l-1], W[l], b[l] of layer l sit in
    caches[l - 1][0]; AL itself is not used (it is sigmoid(ZL) of these).
    """
    depth = len(caches)
    inputs = [c[0][0] for c in caches]  # A[0] = X, A[1], ..., A[L-1]
    weights = {layer: list(caches[layer - 1][0][1:]) for layer in range(1, depth + 1)}
    count = inputs[0].shape[1]

    def loss_from(start, A_start, changed=None):
        """The summed loss computed from A[start] through layers start + 1 .. L, at each
        stacked point that A_start or the changed layer's W or b holds."""
        current = A_start
        for layer in range(start + 1, depth + 1):
            W_l, b_l = weights[layer]
            if changed and changed[0] == layer:
                W_l, b_l = changed[1], changed[2]
            Z_l = np.matmul(W_l, current) + b_l
            if layer == depth:
                return _summed_loss_of_z(Z_l, Y)
            current = relu(Z_l)
        raise ValueError("start must be below L")

    out = {}
    for l in range(depth):
        out[f"dA{l}"] = gradient(lambda A_, l=l: loss_from(l, A_), inputs[l], stacked=True)
    for layer in range(1, depth + 1):
        W_l, b_l = weights[layer]
        out[f"dW{layer}"] = gradient(lambda W_, k=layer, b_=b_l: loss_from(0, inputs[0], (k, W_, b_)) / count,
                                     W_l, stacked=True)
        out[f"db{layer}"] = gradient(lambda b_, k=layer, W_=W_l: loss_from(0, inputs[0], (k, W_, b_)) / count,
                                     b_l, stacked=True)
    return out


def update_parameters(parameters, grads, learning_rate):
    return {name: np.subtract(value, learning_rate * grads["d" + name]) for name, value in parameters.items()}


# ----------------------------------------------------------- quantities, for explain

def _activation_quantities(dA, cache, activation):
    """dZ, of the summed loss whose dL/dA is dA, and g'(Z), numerically."""
    (A_in, _, _), Z = cache
    g = ACTIVATIONS[activation]
    return {"m": A_in.shape[1], "Z": Z, "dZ": gradient(lambda Z_: sums(dA * g(Z_)), Z, stacked=True),
            "g'(Z)": elementwise_derivative(g, Z)}


def _network_quantities(AL, Y, caches):
    """L, m, dAL and every dZ{l} of the loss summed over the examples, numerically."""
    depth = len(caches)
    found = {"L": depth, "m": Y.shape[1], "dAL": elementwise_derivative(
        lambda a: -(Y * np.log(a) + (1.0 - Y) * np.log1p(-a)), AL)}
    for layer in range(1, depth + 1):
        found[f"A{layer - 1}"], found[f"Z{layer}"] = caches[layer - 1][0][0], caches[layer - 1][1]

        def loss_of_Z(Z, layer=layer):  # forward from Z[layer] to the summed loss
            for later in range(layer + 1, depth + 1):
                (_, W_l, b_l), _ = caches[later - 1]
                Z = np.matmul(W_l, relu(Z)) + b_l
            return _summed_loss_of_z(Z, Y)

        found[f"dZ{layer}"] = gradient(loss_of_Z, caches[layer - 1][1], stacked=True)
    return found


def _forward_quantities(X, parameters):
    AL, caches = _forward(X, parameters)
    found = {"L": len(caches), "AL": AL, f"A{len(caches)}": AL}
    for layer, ((A_in, _, _), Z) in enumerate(caches, start=1):
        found[f"A{layer - 1}"], found[f"Z{layer}"] = A_in, Z
    return found


# -------------------------------------------------------------------------- mistakes

def _relu_slope(Z):
    return (Z > 0).astype(np.float64)


def _sigmoid_slope(Z):
    a = sigmoid(Z)
    return a - a * a


def _layer_steps(dZ, A_in, W, average=True):
    """(dA_prev, dW, db) of one linear step from dZ, as a submission computes them.

    average: whether dW and db carry the 1/m, a bool for both or a pair (dW, db).
    """
    for_W, for_b = average if isinstance(average, tuple) else (average, average)
    count = A_in.shape[1]
    dW, db = np.dot(dZ, A_in.T), dZ.sum(axis=1, keepdims=True)
    return np.dot(W.T, dZ), dW / count if for_W else dW, db / count if for_b else db


def _backward(AL, Y, caches, *, hidden=_relu_slope, output=_sigmoid_slope, sign=1.0, average=True):
    """grads of a backward pass written with the given slopes, sign of dAL and 1/m."""
    depth = len(caches)
    upstream = sign * ((1.0 - Y) / (1.0 - AL) - Y / AL)  # dAL
    found = {}
    for layer in range(depth, 0, -1):
        (A_in, W_l, _), Z_l = caches[layer - 1]
        slope = output if layer == depth else hidden
        upstream, found[f"dW{layer}"], found[f"db{layer}"] = _layer_steps(upstream * slope(Z_l), A_in, W_l, average)
        found[f"dA{layer - 1}"] = upstream
    return found


_KEY = re.compile(r"(dA|dW|db)(\d+)")


def _keys_off_by_one(inputs, reply):
    """grads holds the right arrays, but the keys of dA, dW or db are shifted by one."""
    if not reply.ok or not isinstance(reply.value, dict):
        return False
    expected = _backward(**inputs)
    renamed, shifted = {}, False
    for group in ("dA", "dW", "db"):
        wanted = {int(_KEY.fullmatch(k)[2]) for k in expected if k.startswith(group)}
        given = {}
        for key, value in reply.value.items():
            match = _KEY.fullmatch(key) if isinstance(key, str) else None
            if match and match[1] == group:
                given[int(match[2])] = value
        shifts = [d for d in (0, 1, -1) if {i + d for i in given} == wanted]
        if not shifts:
            return False
        renamed.update({f"{group}{i + shifts[0]}": v for i, v in given.items()})
        shifted = shifted or shifts[0] != 0
    return shifted and same(renamed, expected, rtol=1e-6, atol=1e-8)


def _older_dA_keys(value, expected):
    """grads as older versions of the notebook name it: dA1 .. dAL, dA{l} holding the
    gradient with respect to A[l-1] (see mistakes.Convention)."""
    depth = sum(1 for key in expected if key.startswith("dA"))
    older = {f"dA{layer}" for layer in range(1, depth + 1)}
    if not isinstance(value, dict) or older != {k for k in value if isinstance(k, str) and k.startswith("dA")}:
        return None
    renamed = {key: item for key, item in value.items() if key not in older}
    renamed.update((f"dA{layer - 1}", value[f"dA{layer}"]) for layer in range(1, depth + 1))
    explanation = (
        f"Your grads names the dA's as older versions of the notebook do: dA1 .. dA{depth}, where dA{{l}} "
        f"holds the gradient with respect to A[l-1]. This exercise names each by the activation it is the "
        f"gradient of: dA0 (of A0 = X) .. dA{depth - 1}, as linear_backward's dA_prev of layer l is dA{{l-1}}.")
    return renamed, {f"dA{layer}" for layer in range(depth)}, explanation


def _backward_with(**slip):
    return lambda AL, Y, caches: _backward(AL, Y, caches, **slip)


def _update_with(sign_W, sign_b):
    """The update's step along (+1) or against (-1) the gradient, for W and b apart."""
    def update(parameters, grads, learning_rate):
        steps = {"W": learning_rate * sign_W, "b": learning_rate * sign_b}
        return {name: value + steps[name[0]] * grads["d" + name] for name, value in parameters.items()}
    return update


CASES = {
    "linear": linear,
    "activation_layer": activation_layer,
    "linear_back": linear_back,
    "activation_back": activation_back,
    "network_forward": network_forward,
    "network_backward": network_backward,
    "network_update": network_update,
    "prediction": prediction}
EXPECTED = {
    "linear_forward": linear_forward,
    "linear_activation_forward": linear_activation_forward,
    "L_model_forward": L_model_forward,
    "compute_cost": compute_cost,
    "linear_backward": linear_backward,
    "linear_activation_backward": linear_activation_backward,
    "L_model_backward": L_model_backward,
    "update_parameters": update_parameters}
QUANTITIES = {
    "linear_activation_forward": lambda A_prev, W, b, activation: {"Z": np.matmul(W, A_prev) + b},
    "L_model_forward": _forward_quantities,
    "compute_cost": lambda AL, Y: {"m": Y.shape[1]},
    "linear_backward": lambda dZ, cache: {"m": cache[0].shape[1]},
    "linear_activation_backward": _activation_quantities,
    "L_model_backward": _network_quantities,
    "update_parameters": lambda parameters, grads, learning_rate: {"L": len(parameters) // 2}}
def _unpacks_a_cache_from_the_helpers(inputs, reply):
    """Ng's `A, activation_cache = relu(Z)` under the stub's helpers, which return A alone: the
    unpacking fails, or (a layer of 2 units) A is the first row of the right A."""
    if not reply.ok:
        return reply.error.type == "ValueError" and "values to unpack (expected 2" in reply.error.message
    right = linear_activation_forward(**inputs)[0]
    A = reply.value[0] if type(reply.value) is tuple and reply.value else None
    return len(right) == 2 and isinstance(A, np.ndarray) and same(A, right[0], rtol=1e-6, atol=1e-9)


def _dA_masked_in_place(inputs, reply):
    """dA1 .. dA{L-1} right but zero where their layer's Z <= 0: `dZ = dA; dZ[Z <= 0] = 0` in
    the relu step masked the array grads had stored, not a copy of it."""
    if not reply.ok or not isinstance(reply.value, dict) or len(inputs["caches"]) < 2:
        return False
    right, caches = _backward(**inputs), inputs["caches"]

    def holds(l, value):
        return same(reply.value.get(f"dA{l}"), value, rtol=1e-6, atol=1e-8)
    hidden = range(1, len(caches))
    return (all(holds(l, right[f"dA{l}"] * (caches[l - 1][1] > 0)) for l in hidden)
            and not all(holds(l, right[f"dA{l}"]) for l in hidden))


def _cost_of_float32_AL(inputs, reply):
    """The cost of AL rounded to float32, returned as a Python float (which hides its dtype): with AL
    within 1e-6 of 0 and 1 the rounding alone moves the cost in its 4th digit, past the last digits."""
    rounded = inputs["AL"].astype(np.float32).astype(np.float64)
    return reply.ok and same(reply.value, compute_cost(rounded, inputs["Y"]), rtol=1e-5, atol=1e-9)


# The failures a function's `given:` text (its spec) explains; without an entry, every one no mistake names.
GIVEN_IF = {"linear_activation_forward": _unpacks_a_cache_from_the_helpers,
            "compute_cost": _cost_of_float32_AL,
            "L_model_backward": _dA_masked_in_place}
CONVENTIONS = {"L_model_backward": Convention("ex05/grads-keys-off-by-one", _older_dA_keys)}
MISTAKES = {
    "L_model_forward": [
        Mistake("ex05/sigmoid-in-hidden-layers", lambda X, parameters: _forward(X, parameters, hidden=sigmoid),
                whole=True),
        Mistake("ex05/relu-at-output", lambda X, parameters: _forward(X, parameters, output=relu), whole=True),
    ],
    # not on a layer of one unit (or fed by one), where an m read from dZ's rows (A_prev's) is 1
    "linear_backward": [
        Mistake("ex05/missing-1-over-m", applies_if(lambda i: 1 not in i["cache"][1].shape, lambda dZ, cache:
                                                    _layer_steps(dZ, cache[0], cache[1], average=False))),
    ],
    "linear_activation_backward": [
        Mistake("ex05/missing-1-over-m", applies_if(
            lambda i: 1 not in i["cache"][0][1].shape, lambda dA, cache, activation: _layer_steps(
                dA * {"relu": _relu_slope, "sigmoid": _sigmoid_slope}[activation](cache[1]),
                cache[0][0], cache[0][1], average=False))),
    ],
    "L_model_backward": [
        Mistake("ex05/grads-keys-off-by-one", recognise=_keys_off_by_one),
        # where every label is 0 (1), dAL's second (first) term alone flipped gives minus the right dAL too
        Mistake("ex05/dAL-sign-flipped", applies_if(lambda inputs: 0 < np.mean(inputs["Y"]) < 1,
                                                    _backward_with(sign=-1.0)), whole=True),
        Mistake("ex05/sigmoid-in-hidden-layers", _backward_with(hidden=_sigmoid_slope), whole=True),
        Mistake("ex05/relu-at-output", _backward_with(output=_relu_slope), whole=True),
        *(Mistake("ex05/missing-1-over-m", _backward_with(average=average), whole=True)  # dW and db, dW, db
          for average in ((False, False), (False, True), (True, False))),
    ],
    "update_parameters": [  # the gradient added to W and b, to W alone, to b alone
        *(Mistake("ex05/update-adds-gradient", _update_with(sign_W, sign_b), whole=True)
          for sign_W, sign_b in ((1.0, 1.0), (1.0, -1.0), (-1.0, 1.0))),
    ]}
