"""ex10: batch normalization over the examples (axis 1), forward and backward.

Oracles. The forward one computes mu, the biased var, Z_norm and out from their definitions.
The backward one differentiates S = sum(dout * out) by central differences, out recomputed
from Z, gamma, beta and eps through the whole forward pass, batch statistics included: dout
is then the derivative of S with respect to out, and dZ, dgamma, dbeta are S's.

Steps. A row of Z whose variance is about 1e-4 has a spread of about 1e-2, and Z_norm bends
on that scale: with the usual step of 1e-5 the truncation error of dZ reaches 1e-5 there.
The derivatives with respect to Z, mu and var therefore step along each row by SCALED_STEP
times its spread (sqrt(var + eps); var + eps for var itself). Measured on 200 random
batches with such rows, dZ is then off by at most 3.3e-7 on entries of up to 500 (rounding,
which the step divides, and truncation balance there), against 2.5e-6 with a relative step of
1e-5 and 3e-6 with 3e-4: the spec's atol of 1e-6 keeps correct submissions clear of it.

Cases. Every other row, from row 0, has a variance of about 1e-4, where eps = 1e-5 moves sqrt(var + eps)
by 5%: there `sqrt(var) + eps`, a forgotten eps and the right answer are far apart. m >= 2
and n != m: with m = 1 the batch statistics say nothing, and with n = m a mean over the
wrong axis would have the right shape.
"""
import numpy as np

from ..mistakes import Mistake, applies_if
from ..numeric import gradient, sums
from . import size

EPS = 1e-5  # batchnorm_forward's default eps
SCALED_STEP = 1e-4  # of a central difference, in units of the row's spread (see above)


# ------------------------------------------------------------------------------ cases

def _draw(rng, value):
    """A float parameter: a fixed number, or [low, high] drawn uniformly."""
    if isinstance(value, (list, tuple)):
        return float(rng.uniform(*value))
    return float(value)


def _batch(rng, n, m, small_var):
    """Z (n, m), gamma and beta (n, 1). With small_var, the even rows 0, 2, ... have a variance
    of small_var times a factor in [0.5, 2], exactly; the others about 0.25 to 9. (Row 0 is
    one of them, so that a message's first differing entry shows how far an eps mistake is.)"""
    n, m = size(rng, n), size(rng, m)
    if m < 2:
        raise ValueError("batch normalization needs m >= 2 examples")
    Z = rng.uniform(-2.0, 2.0, (n, 1)) + rng.uniform(0.5, 3.0, (n, 1)) * rng.standard_normal((n, m))
    if small_var is not None:
        for i in range(0, n, 2):
            row = rng.standard_normal(m)
            row = (row - row.mean()) / row.std()  # variance 1 exactly (m = 2 gives -1, 1)
            Z[i] = rng.uniform(-1.0, 1.0) + row * np.sqrt(_draw(rng, small_var) * rng.uniform(0.5, 2.0))
    gamma = rng.choice([-1.0, 1.0], (n, 1)) * rng.uniform(0.5, 2.0, (n, 1))
    beta = rng.standard_normal((n, 1))
    return Z, gamma, beta


def batch(rng, n, m, small_var=None, eps=None):
    """The inputs of batchnorm_forward; eps only when given (else the default is used)."""
    Z, gamma, beta = _batch(rng, n, m, small_var)
    inputs = {"Z": Z, "gamma": gamma, "beta": beta}
    if eps is not None:
        inputs["eps"] = _draw(rng, eps)
    return inputs


def batch_back(rng, n, m, small_var=None, eps=None):
    """dout (n, m) and the cache the forward pass of a batch leaves."""
    Z, gamma, beta = _batch(rng, n, m, small_var)
    _, cache = batchnorm_forward(Z, gamma, beta, EPS if eps is None else _draw(rng, eps))
    return {"dout": rng.standard_normal(Z.shape), "cache": cache}


# ---------------------------------------------------------------------------- oracles

def _normalised(Z, mu, var, eps):
    return (Z - mu) / np.sqrt(var + eps)


def _out(Z, gamma, beta, eps):
    """out of the forward pass, the statistics over the last axis: Z (or gamma, or beta) may
    hold stacked points on a first axis (numeric.gradient)."""
    mu = np.mean(Z, axis=-1, keepdims=True)
    var = np.mean(np.square(Z - mu), axis=-1, keepdims=True)
    return gamma * _normalised(Z, mu, var, eps) + beta


def _scaled_gradient(f, x, scale):
    """d f / d x by central differences whose step along each entry is SCALED_STEP * scale
    (scale broadcasts to x): f's derivative in units of scale, divided by it."""
    return gradient(lambda u: f(u * scale), x / scale, SCALED_STEP, stacked=True) / scale


def batchnorm_forward(Z, gamma, beta, eps=EPS):
    mu = Z.mean(axis=1, keepdims=True)
    var = np.mean(np.square(Z - mu), axis=1, keepdims=True)
    Z_norm = _normalised(Z, mu, var, eps)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)


def _spread(Z, eps):
    """sqrt(var + eps) of each row: the scale on which Z_norm bends."""
    return np.sqrt(np.var(Z, axis=1, keepdims=True) + eps)


def batchnorm_backward(dout, cache):
    """dS/dZ, dS/dgamma, dS/dbeta for S = sum(dout * out), out from Z through mu and var."""
    Z, _, _, _, gamma, beta, eps = cache

    def S(Z_, gamma_, beta_):
        return sums(dout * _out(Z_, gamma_, beta_, eps))

    dZ = _scaled_gradient(lambda Z_: S(Z_, gamma, beta), Z, _spread(Z, eps))
    dgamma = gradient(lambda gamma_: S(Z, gamma_, beta), gamma, stacked=True)
    dbeta = gradient(lambda beta_: S(Z, gamma, beta_), beta, stacked=True)
    return (dZ, dgamma, dbeta)


# ----------------------------------------------------------- quantities, for explain

def forward_quantities(Z, gamma, beta, eps=EPS):
    _, (_, Z_norm, mu, var, *_) = batchnorm_forward(Z, gamma, beta, eps)
    return {"m": Z.shape[1], "mu": mu, "var": var, "Z_norm": Z_norm}


def backward_quantities(dout, cache):
    """The graph's last node, Z_norm = (Z - mu) / sqrt(var + eps), with mu and var as its
    inputs: S's derivatives with respect to Z_norm, var and mu, numerically. (The path from
    mu through var adds nothing: d var / d mu = -2 mean(Z - mu) = 0.)"""
    Z, Z_norm, mu, var, gamma, beta, eps = tuple(cache)

    def S_of(Z_norm_):
        return sums(dout * (gamma * Z_norm_ + beta))

    spread = np.sqrt(var + eps)
    return {"m": Z.shape[1], "mu": mu, "var": var, "Z_norm": Z_norm,
            "dZ_norm": gradient(S_of, Z_norm, stacked=True),
            "dvar": _scaled_gradient(lambda var_: S_of(_normalised(Z, mu, var_, eps)), var, var + eps),
            "dmu": _scaled_gradient(lambda mu_: S_of(_normalised(Z, mu_, var, eps)), mu, spread)}


# --------------------------------------------------------------------------- mistakes
# What a submission making each mistake returns, exact (the oracles use central differences).

def _forward_with(axis=1, ddof=0, keepdims=True, eps_outside=False):
    """batchnorm_forward with the statistics over `axis` (with `ddof`, kept as a column or
    not), and eps under the square root or added after it."""
    def mistaken(Z, gamma, beta, eps=EPS):
        mu = np.mean(Z, axis=axis, keepdims=keepdims)
        var = np.var(Z, axis=axis, ddof=ddof, keepdims=keepdims)
        Z_norm = (Z - mu) / (np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps))
        return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
    return mistaken


def _forward_mixed(mu_axis, about_mu):
    """batchnorm_forward with the mean over one axis and the variance over the other: np.var's,
    about its own mean, or the mean of (Z - mu)**2, about the mu of the other axis."""
    def mistaken(Z, gamma, beta, eps=EPS):
        mu = np.mean(Z, axis=mu_axis, keepdims=True)
        var = np.mean((Z - mu) ** 2, axis=1 - mu_axis, keepdims=True) if about_mu else \
            np.var(Z, axis=1 - mu_axis, keepdims=True)
        Z_norm = _normalised(Z, mu, var, eps)
        return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
    return mistaken


def _mean(x, axis=1):
    return np.mean(x, axis=axis, keepdims=True)


def _right_dZ(dout, Z_norm, var, gamma, eps):
    return gamma / np.sqrt(var + eps) * (dout - _mean(dout) - Z_norm * _mean(dout * Z_norm))


def _backward_with(dZ=_right_dZ, dgamma=None, dbeta=None):
    """batchnorm_backward with one result computed otherwise: dZ(dout, Z_norm, var, gamma, eps)
    (the cache's Z_norm and var), dgamma(dout, Z) or dbeta(dout)."""
    def mistaken(dout, cache):
        Z, Z_norm, _, var, gamma, _, eps = cache
        return (dZ(dout, Z_norm, var, gamma, eps),
                np.sum(dout * Z_norm, axis=1, keepdims=True) if dgamma is None else dgamma(dout, Z),
                np.sum(dout, axis=1, keepdims=True) if dbeta is None else dbeta(dout))
    return mistaken


def _as_constants(dout, Z_norm, var, gamma, eps):
    """mu and var held fixed: only the direct path from Z to Z_norm."""
    return dout * gamma / np.sqrt(var + eps)


def _mean_path_only(dout, Z_norm, var, gamma, eps):
    return gamma / np.sqrt(var + eps) * (dout - _mean(dout))


def _unbiased(dout, Z_norm, var, gamma, eps):
    """The variance's path differentiated as if var divided by m - 1."""
    m = dout.shape[1]
    return gamma / np.sqrt(var + eps) * (dout - _mean(dout) - Z_norm * np.sum(dout * Z_norm, axis=1,
                                                                             keepdims=True) / (m - 1))


def _unbiased_everywhere(dout, Z_norm, var, gamma, eps):
    """Every m of the backward step made m - 1, the mean's path's too (CS231n's staged dx2 = dmu / (N - 1))."""
    sums = np.sum(dout, axis=1, keepdims=True) + Z_norm * np.sum(dout * Z_norm, axis=1, keepdims=True)
    return gamma / np.sqrt(var + eps) * (dout - sums / (dout.shape[1] - 1))


def _unbiased_recomputed(z_norm_too):
    """The compact backward step on a variance recomputed from Z with ddof=1, not the cache's
    (and on Z_norm recomputed from it too, when z_norm_too)."""
    def mistaken(dout, cache):
        Z, Z_norm, mu, _, gamma, _, eps = cache
        var = np.var(Z, axis=1, ddof=1, keepdims=True)
        Z_norm = _normalised(Z, mu, var, eps) if z_norm_too else Z_norm
        return (_right_dZ(dout, Z_norm, var, gamma, eps), np.sum(dout * Z_norm, axis=1, keepdims=True),
                np.sum(dout, axis=1, keepdims=True))
    return mistaken


def _features_axis(inside):
    """The means of the formula taken over the features, axis 0, gamma outside them or inside
    (CS231n's dx_hat = dout * gamma), where it no longer factors out."""
    def dZ(dout, Z_norm, var, gamma, eps):
        dx = dout * gamma if inside else dout
        return (1 if inside else gamma) / np.sqrt(var + eps) * (dx - _mean(dx, 0) - Z_norm * _mean(dx * Z_norm, 0))
    return dZ


def _row_major(keepdims, inside):
    """CS231n's backward step, written for rows of examples, on columns: every sum over axis 0
    (the features), gamma inside the means (its dx_hat = dout * gamma) or outside (its _alt)."""
    def mistaken(dout, cache):
        Z, Z_norm, _, var, gamma, _, eps = cache
        return (_features_axis(inside)(dout, Z_norm, var, gamma, eps),
                np.sum(dout * Z_norm, axis=0, keepdims=keepdims), np.sum(dout, axis=0, keepdims=keepdims))
    return mistaken


def _eps_outside(dout, Z_norm, var, gamma, eps):
    """The formula with sqrt(var) + eps in place of sqrt(var + eps)."""
    return gamma / (np.sqrt(var) + eps) * (dout - _mean(dout) - Z_norm * _mean(dout * Z_norm))


def _eps_outside_graph(dout, Z_norm, var, gamma, eps):
    """The exact derivative of a forward pass whose s is sqrt(var) + eps, step by step through
    its graph (the variance's path meets ds/dvar = 1 / (2 sqrt(var)))."""
    s, root = np.sqrt(var) + eps, np.sqrt(var)
    centred = Z_norm * np.sqrt(var + eps)  # Z - mu
    dx = dout * gamma
    return (dx - _mean(dx)) / s - centred * _mean(dx * centred) / (s * s * root)


def _eps_outside_staged(dout, Z_norm, var, gamma, eps):
    """CS231n's staged backward step (dvar, dmu, then dx) with s = sqrt(var) + eps wherever
    sqrt(var + eps) goes, dvar's -0.5 * s**-3 too."""
    s, centred = np.sqrt(var) + eps, Z_norm * np.sqrt(var + eps)  # Z - mu
    dx = dout * gamma
    return (dx - _mean(dx)) / s - centred * _mean(dx * centred) / s ** 3


def _eps_added_outside(Z=None, cache=None, eps=EPS, **_others):
    """sqrt(var) + eps, its inverse and Z - mu divided by it: what a forward step (given Z) or a
    backward one (given its cache) makes with eps added after the square root."""
    if cache is not None:
        Z, _Z_norm, mu, var, *_rest, eps = tuple(cache)
    else:
        mu, var = np.mean(Z, axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True)
    spread = np.sqrt(var) + eps
    return [spread, 1 / spread, (Z - mu) / spread]


# explain: the variable that holds one of these departs where it is made, before Z_norm and out
MADE_BY = {"ex10/eps-outside-sqrt": (
    "made with sqrt(var) + eps, where the definition divides by sqrt(var + eps), eps under the square root",
    _eps_added_outside)}


def _laid_out_otherwise(inputs, reply):
    """The cache returned is not the contract's tuple: one of Z, mu, var, gamma, beta and eps
    (all but Z_norm, which a slip of the formula changes) is not in its place. A forward pass
    that raised or returned None made no cache, so its layout is not the cause. mu and var of a
    slip of the learner's own (over all entries, ddof=1) are in their places when the cache's
    Z_norm is made of them."""
    if not reply.ok or reply.value is None:
        return False
    try:
        cache, Z, eps = reply.value[1], inputs["Z"], inputs.get("eps", EPS)
        given = (Z, np.mean(Z, axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True), inputs["gamma"],
                 inputs["beta"], eps)
        if len(cache) != 7:
            return True
        # each entry of Z's shape at most: a mu of shape (K, 1, 1) made K copies of Z (600 MiB at a million K)
        fits = [np.broadcast_shapes(np.shape(entry), Z.shape) == Z.shape for entry in cache]
        own = all(fits[1:4]) and any(np.allclose(cache[1], (Z - cache[2]) / s)
                                     for s in (np.sqrt(cache[3] + eps), np.sqrt(cache[3]) + eps))
        return not all(fits[i] and np.allclose(cache[i], v) for i, v in zip((0, 2, 3, 4, 5, 6), given)
                       if (i or 0 not in reply.mutated)  # Z -= mu: the inputs' check says
                       and not (own and i in (2, 3)))
    except Exception:
        return True


def _cache_misread(inputs, reply):
    """The cache unpacked in another order: the call raised on the tuple or on eps read as an
    array (a shape error is a line's own: every other entry broadcasts with every other), or its
    dgamma is dout times mu, var, gamma or beta summed over the examples, read for Z_norm (a
    dgamma of a slip of its own, a Z_norm recomputed without eps, is none of these). Or var read
    as CS231n's cached std = sqrt(var + eps): Z_norm recomputed as (Z - mu) / var, or dZ divided
    by var rather than by sqrt(var + eps)."""
    if not reply.ok:
        return any(word in reply.error.message for word in ("tuple", "unpack", "'float'"))
    try:
        dgamma, (dout, cache) = np.ravel(reply.value[1]), (inputs["dout"], inputs["cache"])
        Z, Z_norm, mu, var, gamma, _, eps = cache
        read = [np.sum(dout * cache[k], axis=1) for k in (2, 3, 4, 5)] + [np.sum(dout * (Z - mu) / var, axis=1)]
        std_read = _right_dZ(dout, Z_norm, var, gamma, eps) * np.sqrt(var + eps) / var
        return any(r.shape == dgamma.shape and np.allclose(dgamma, r) for r in read) or (
            np.shape(reply.value[0]) == std_read.shape and bool(np.allclose(reply.value[0], std_read))) or (
            _Z_read_for_Z_norm(inputs, reply))
    except Exception:  # no dgamma of numbers (None, a return missing): that is said instead
        return False


def _Z_read_for_Z_norm(inputs, reply):
    """dZ is the right formula with Z in Z_norm's place: a cache unpacked (Z_norm, Z, ...), as the learner's own
    forward pass lays it out. Its dgamma, dout * Z summed, is that misreading's, not ex10/dgamma-from-Z."""
    try:
        dout, (Z, _, _, var, gamma, _, eps) = inputs["dout"], inputs["cache"]
        # of Z's shape: a dZ of shape (K, 1, 1) was broadcast to (K, n, m), 11 s and 190 MiB at each of a million K
        return reply.ok and np.shape(reply.value[0]) == np.shape(Z) and bool(
            np.allclose(reply.value[0], _right_dZ(dout, Z, var, gamma, eps)))
    except Exception:  # a reply without a dZ of the shape of Z
        return False


def _dgamma_from_Z(dout, Z):
    return np.sum(dout * Z, axis=1, keepdims=True)


# (mistake, dZ) of the slips of dZ alone whose output holds on every case
DZ_SLIPS = [("ex10/batch-statistics-as-constants", _as_constants), ("ex10/variance-path-missing", _mean_path_only),
            *(("ex10/normalised-wrong-axis", _features_axis(inside)) for inside in (False, True)),
            *(("ex10/eps-outside-sqrt", dZ) for dZ in (_eps_outside, _eps_outside_graph, _eps_outside_staged))]


def _out_at_default_eps(inputs):
    return batchnorm_forward(inputs["Z"], inputs["gamma"], inputs["beta"])[0]


def _dZ_at_default_eps(inputs):
    _, Z_norm, _, var, gamma, _, _ = inputs["cache"]
    return _right_dZ(inputs["dout"], Z_norm, var, gamma, EPS)


def _first_value_of(oracle, applies=lambda inputs: True):
    """Is the reply's first value oracle's, on a case where applies(inputs)?"""
    def matches(inputs, reply):
        if not reply.ok or not applies(inputs):
            return False
        try:
            want = oracle(inputs)  # of its shape: one (K, 1, 1) broadcast to K copies of it
            return np.shape(reply.value[0]) == np.shape(want) and bool(
                np.allclose(reply.value[0], want, rtol=1e-6, atol=1e-6))
        except Exception:  # a reply of any kind: the learner's
            return False
    return matches


def _out_over_rows(inputs):
    """out with the rows' count n = Z.shape[0] taken for m (CS231n's `N, D = x.shape` on columns)."""
    Z, n = inputs["Z"], inputs["Z"].shape[0]
    mu = np.sum(Z, axis=1, keepdims=True) / n
    var = np.sum(np.square(Z - mu), axis=1, keepdims=True) / n
    return inputs["gamma"] * _normalised(Z, mu, var, inputs.get("eps", EPS)) + inputs["beta"]


def _dZ_over_rows(inputs):
    """dZ with the means of the formula divided by n = dout.shape[0] in place of m."""
    dout, (_, Z_norm, _, var, gamma, _, eps) = inputs["dout"], inputs["cache"]
    n = dout.shape[0]
    return gamma / np.sqrt(var + eps) * (dout - np.sum(dout, axis=1, keepdims=True) / n
                                         - Z_norm * np.sum(dout * Z_norm, axis=1, keepdims=True) / n)


def _given(eps_fixed, rows_as_examples, laid_out_otherwise):
    """The name of the given text that says why a call failed: eps fixed at 1e-5, the rows
    counted as the examples, or the cache's layout."""
    return lambda inputs, reply: ("eps" if eps_fixed(inputs, reply)
                                  else "examples" if rows_as_examples(inputs, reply)
                                  else "layout" if laid_out_otherwise(inputs, reply) else False)


CASES = {"batch": batch, "batch_back": batch_back}
EXPECTED = {"batchnorm_forward": batchnorm_forward, "batchnorm_backward": batchnorm_backward}
QUANTITIES = {"batchnorm_forward": forward_quantities, "batchnorm_backward": backward_quantities}
# The failures a function's `given:` text (its spec) explains.
GIVEN_IF = {
    # eps fixed at 1e-5: what the default gives, on a case of another eps
    "batchnorm_forward": _given(_first_value_of(_out_at_default_eps, lambda inputs: inputs.get("eps", EPS) != EPS),
                                _first_value_of(_out_over_rows), _laid_out_otherwise),
    "batchnorm_backward": _given(_first_value_of(_dZ_at_default_eps, lambda inputs: inputs["cache"][6] != EPS),
                                 _first_value_of(_dZ_over_rows), _cache_misread),
}
MISTAKES = {
    "batchnorm_forward": [
        # with m = 2, m - 1 is 1: a variance summed over the examples, not averaged, would match
        Mistake("ex10/unbiased-variance", applies_if(lambda inputs: inputs["Z"].shape[1] > 2, _forward_with(ddof=1))),
        Mistake("ex10/normalised-wrong-axis", _forward_with(axis=0)),
        Mistake("ex10/normalised-wrong-axis", _forward_with(axis=0, keepdims=False)),
        # one of the two statistics over the features, the other over the examples
        *(Mistake("ex10/normalised-wrong-axis", _forward_mixed(mu_axis, about_mu))
          for mu_axis in (0, 1) for about_mu in (False, True)),
        Mistake("ex10/eps-outside-sqrt", _forward_with(eps_outside=True)),
        Mistake("ex10/unbiased-variance", applies_if(lambda inputs: inputs["Z"].shape[1] > 2,
                                                     _forward_with(ddof=1, eps_outside=True)),
                also=("ex10/eps-outside-sqrt",)),
    ],
    "batchnorm_backward": [
        Mistake("ex10/dgamma-from-Z", _backward_with(dgamma=_dgamma_from_Z), unless=_Z_read_for_Z_norm),
        Mistake("ex10/batch-statistics-as-constants", _backward_with(dZ=_as_constants)),
        Mistake("ex10/variance-path-missing", _backward_with(dZ=_mean_path_only)),
        # with m = 2, m / (m - 1) is 2: any slip that doubles the variance's path would match
        *(Mistake("ex10/unbiased-variance", applies_if(lambda inputs: inputs["dout"].shape[1] > 2,
                                                       _backward_with(dZ=dZ)))
          for dZ in (_unbiased, _unbiased_everywhere)),
        *(Mistake("ex10/unbiased-variance", applies_if(lambda inputs: inputs["dout"].shape[1] > 2,
                                                       _unbiased_recomputed(z_norm_too)))
          for z_norm_too in (False, True)),
        *(Mistake("ex10/normalised-wrong-axis", _backward_with(dZ=_features_axis(inside))) for inside in (False, True)),
        # whole: dgamma and dbeta summed over axis 0 beside a right dZ are sums, not statistics, of a wrong axis
        *(Mistake("ex10/normalised-wrong-axis", _row_major(keepdims, inside), whole=True)
          for keepdims in (False, True) for inside in (False, True)),
        Mistake("ex10/eps-outside-sqrt", _backward_with(dZ=_eps_outside)),
        Mistake("ex10/eps-outside-sqrt", _backward_with(dZ=_eps_outside_graph)),
        Mistake("ex10/eps-outside-sqrt", _backward_with(dZ=_eps_outside_staged)),
        # a slip of dZ beside dgamma from Z: after the mistakes of each alone, which the checks of one output name
        *(Mistake(mistake, _backward_with(dZ=dZ, dgamma=_dgamma_from_Z), also=("ex10/dgamma-from-Z",),
                  unless=_Z_read_for_Z_norm) for mistake, dZ in DZ_SLIPS),
        Mistake("ex10/unbiased-variance", applies_if(lambda inputs: inputs["dout"].shape[1] > 2, _backward_with(
            dZ=_unbiased, dgamma=_dgamma_from_Z)), also=("ex10/dgamma-from-Z",), unless=_Z_read_for_Z_norm),
    ]}
