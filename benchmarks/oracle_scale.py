"""Issue 6, target 3: the oracle scales.

    python benchmarks/oracle_scale.py [--repeats 7]

Builds ex05's network with layer sizes 600, 1000, 400, 1 (1,001,801 parameters) and
m = 64 examples, takes the reference L_model_backward's gradients, and measures in one
run: one forward pass of the cost J (median of 21), the reference backward pass, and
numeric.spot_check with its default directions and samples (median of --repeats runs, a
new seed each). Per-coordinate central differences are estimated, not run: two forward
passes per parameter. Prints a table; the exit status is 0 when the check takes under a
second (the target), 1 otherwise.

The matrix products use every core by default. When other processes are busy too, two
BLAS threads on two cores fight them and a forward pass slows three to five times;
OPENBLAS_NUM_THREADS=1 (set before the run) is then the faster setting. The table shows
the load average and the setting it was measured with.
"""
import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's autograder

from autograder import numeric  # noqa: E402

SIZES = (600, 1000, 400, 1)
EXAMPLES = 64
TARGET_SECONDS = 1.0


def build_network(seed=2024):
    """X, Y and the He-initialised parameters of the network of SIZES."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(SIZES)):
        he = np.sqrt(2.0 / SIZES[layer - 1])
        parameters[f"W{layer}"] = rng.standard_normal((SIZES[layer], SIZES[layer - 1])) * he
        parameters[f"b{layer}"] = 0.5 * rng.standard_normal((SIZES[layer], 1))
    X = rng.standard_normal((SIZES[0], EXAMPLES))
    Y = rng.integers(0, 2, size=(1, EXAMPLES)).astype(np.float64)
    return X, Y, parameters


def cost(X, Y):
    """f(parameters) -> J, the cross-entropy cost with its 1/m, from ZL."""
    def J(parameters):
        depth = len(parameters) // 2
        A = X
        for layer in range(1, depth):
            A = numeric.relu(parameters[f"W{layer}"] @ A + parameters[f"b{layer}"])
        ZL = parameters[f"W{depth}"] @ A + parameters[f"b{depth}"]
        return float(np.mean(np.logaddexp(0.0, ZL) - Y * ZL))
    return J


def _reference():
    spec = importlib.util.spec_from_file_location("_reference_ex05", ROOT / "solutions" / "ex05_l_layer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _median_seconds(run, repeats):
    run()  # warm up: first-call costs are not the steady state
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(repeats=7):
    """The measurements, as a dict of plain numbers."""
    load = os.getloadavg()[0]  # before this process adds to it
    X, Y, parameters = build_network()
    f = cost(X, Y)
    reference = _reference()

    def backward(_=0):
        AL, caches = reference.L_model_forward(X, parameters)
        return reference.L_model_backward(AL, Y, caches)

    grads = backward()
    results = []

    def check(seed=0):
        results.append(numeric.spot_check(f, parameters, grads, rng=np.random.default_rng(seed)))

    count = sum(p.size for p in parameters.values())
    forward = _median_seconds(lambda _=0: f(parameters), 3 * repeats)
    spot = _median_seconds(check, repeats)
    return {
        "load": load,
        "parameters": count,
        "forward_s": forward,
        "backward_s": _median_seconds(backward, repeats),
        "check_s": spot,
        "forward_passes": results[-1].forward_passes,
        "worst_error": max(r.error for r in results),
        "passed": all(r.passed for r in results),
        "naive_s": 2 * count * forward,
    }


def table(m):
    rows = [
        ("parameters", f"{m['parameters']:,}", ""),
        ("one forward pass of J (median)", f"{m['forward_s'] * 1e3:.1f} ms", "1"),
        ("reference forward + backward (median)", f"{m['backward_s'] * 1e3:.1f} ms",
         f"{m['backward_s'] / m['forward_s']:.1f}"),
        (f"spot_check, {m['forward_passes']} forward passes (median)", f"{m['check_s'] * 1e3:.0f} ms",
         f"{m['check_s'] / m['forward_s']:.1f}"),
        ("per-coordinate central differences (estimate)", f"{m['naive_s'] / 3600:.1f} h",
         f"{m['naive_s'] / m['forward_s']:,.0f}"),
    ]
    width = max(len(r[0]) for r in rows)
    threads = os.environ.get("OPENBLAS_NUM_THREADS") or "default"
    lines = [f"{os.cpu_count()} cores, load average {m['load']:.2f} at the start, OPENBLAS_NUM_THREADS {threads}",
             f"{'':{width}}  {'time':>10}  {'x forward':>10}"]
    lines += [f"{name:{width}}  {value:>10}  {ratio:>10}" for name, value, ratio in rows]
    met = m["check_s"] < TARGET_SECONDS and m["passed"]
    lines.append(f"spot_check is {m['naive_s'] / m['check_s']:,.0f} times faster than per-coordinate differences; "
                 f"reference gradients {'pass' if m['passed'] else 'FAIL'} (worst error {m['worst_error']:.1e})")
    lines.append(f"target 3, the check under {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'}")
    return "\n".join(lines), met


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs of the check, a median is taken (default 7)")
    args = parser.parse_args(argv)
    text, met = table(measure(args.repeats))
    print(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
