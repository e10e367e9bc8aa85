"""`python -m autograder`: the `backprop` command."""
from .cli import run

run()
