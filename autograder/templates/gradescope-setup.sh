#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image. In tests, BACKPROP_SETUP_PYTHON
# names a Python to make the venv with instead of the system's (then nothing is installed with
# apt-get), and BACKPROP_VENV the venv to make instead of /autograder/venv.
set -euo pipefail
cd "$(dirname "$0")"
venv="${BACKPROP_VENV:-/autograder/venv}"
python="${BACKPROP_SETUP_PYTHON:-}"
if [ -z "$python" ]; then
  apt-get update -q && apt-get install -y -q python3 python3-pip python3-venv libseccomp2
  python=python3
fi
"$python" -m venv "$venv"
"$venv/bin/pip" install -q ./package
