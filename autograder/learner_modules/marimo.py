"""marimo, as far as importing a marimo notebook saved as .py needs it.

Importing such a notebook runs its setup cell (`with app.setup:`) and defines its
`@app.function` functions and `@app.class_definition` classes at the top level, as marimo
does; its `@app.cell` cells run only in marimo's editor or `app.run()`, never on import."""


class _Setup:
    """`with app.setup:` and `with app.setup(hide_code=True):` both run their block."""

    def __call__(self, **config):
        return self

    def __enter__(self):
        return None

    def __exit__(self, *raised):
        return False


class App:
    def __init__(self, **config):
        self.setup = _Setup()

    def function(self, func=None, **config):  # @app.function and @app.function(hide_code=True)
        return self.function if func is None else func

    class_definition = function

    def cell(self, func=None, **config):  # a cell is not a function of the module
        return self.cell if func is None else None

    def _unparsable_cell(self, code, **config):
        return None
