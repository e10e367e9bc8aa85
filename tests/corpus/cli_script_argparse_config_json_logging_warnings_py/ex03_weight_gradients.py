#!/usr/bin/env python3
"""Exercise 3 as a command-line tool.

    python ex03_weight_gradients.py --data data.npz --config config.json -v

Reads dZ and A_prev from data.npz (when it is there), prints dW and db, and logs shapes.
"""
import argparse
import json
import logging
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent

parser = argparse.ArgumentParser(description="dW and db for one layer")
parser.add_argument("--data", default=str(HERE / "data.npz"), help="npz file with dZ and A_prev")
parser.add_argument("--config", default=str(HERE / "config.json"))
parser.add_argument("-v", "--verbose", action="store_true")
args = parser.parse_args()

logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                    format="%(asctime)s %(name)s %(levelname)s: %(message)s")
logger = logging.getLogger(__name__)

config = {"print_precision": 4}
if Path(args.config).exists():
    config.update(json.loads(Path(args.config).read_text()))
else:
    warnings.warn(f"{args.config} not found, using defaults {config}")
np.set_printoptions(precision=config["print_precision"])


def weight_gradients(dZ, A_prev):
    """dW = (1/m) dZ A_prev^T, db = (1/m) sum of dZ over the examples."""
    m = A_prev.shape[1]
    logger.debug("dZ %s, A_prev %s, m = %d", dZ.shape, A_prev.shape, m)
    if dZ.shape[1] != m:
        warnings.warn(f"dZ has {dZ.shape[1]} examples but A_prev has {m}")
    dW = (dZ @ A_prev.T) / m
    db = dZ.sum(axis=1, keepdims=True) / m
    logger.debug("dW %s, db %s", dW.shape, db.shape)
    return dW, db


if Path(args.data).exists():
    with np.load(args.data) as data:
        dW, db = weight_gradients(data["dZ"], data["A_prev"])
    logger.info("dW =\n%s\ndb =\n%s", dW, db)
else:
    logger.warning("no %s: nothing to compute", args.data)
