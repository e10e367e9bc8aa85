"""Exercise 2: python ex02_output_delta.py predictions.npz"""
import logging
import sys

import numpy as np

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("ex02")

if len(sys.argv) > 1:                   # python ex02_output_delta.py predictions.npz
    saved = np.load(sys.argv[1])        # the npz with A2 and Y
    log.info("loaded %s", sys.argv[1])
else:
    log.warning("usage: python %s predictions.npz", sys.argv[0])
    saved = None


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)).sum() / m)


def loss_derivative(A2, Y):
    return -Y / A2 + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    return A2 - Y


if saved is not None:
    print("cost", compute_cost(saved["A2"], saved["Y"]))
