"""backprop-exercises: derive the backpropagation formulas, and be told what went wrong.

Kept light on purpose: `backprop check` imports this package on every run.
"""

__version__ = "0.1.0"


def check(*exercises, **options):
    """Check the functions defined in a notebook; see autograder.notebook.check."""
    from .notebook import check as _check
    return _check(*exercises, **options)


def explain(exercise, function=None, **options):
    """Show a notebook's function line by line with the shapes it made; see autograder.notebook.explain."""
    from .notebook import explain as _explain
    return _explain(exercise, function, **options)
