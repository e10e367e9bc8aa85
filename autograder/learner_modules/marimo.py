"""marimo, as far as importing a marimo notebook saved as .py needs it.

Importing such a notebook runs its setup cell (`with app.setup:`) and defines its
`@app.function` functions and `@app.class_definition` classes at the top level, as marimo
does; its `@app.cell` cells run only in marimo's editor or `app.run()`, never on import.
What marimo shows (mo.md, mo.ui.slider, mo.hstack, ...), in a setup cell or a script that
`marimo export` made, does nothing here: no one sees it, and the functions are still graded."""


class MarimoStandIn:  # its name is in a learner's TypeError: slider.value + 1
    """mo.md(...), mo.ui.slider(...).value, `with app.setup:` and `with mo.status.spinner():`
    (its block runs): any use of what marimo shows, doing nothing."""

    def __call__(self, *args, **config):
        return self

    def __getattr__(self, name):
        if name.startswith("__"):  # copy's and pickle's questions: no such method
            raise AttributeError(name)
        return self

    def __enter__(self):
        return None

    def __exit__(self, *raised):
        return False


class App:
    def __init__(self, **config):
        self.setup = MarimoStandIn()

    def function(self, func=None, **config):  # @app.function and @app.function(hide_code=True)
        return self.function if func is None else func

    class_definition = function

    def cell(self, func=None, **config):  # a cell is not a function of the module
        return self.cell if func is None else None

    def _unparsable_cell(self, code, **config):
        return None


def __getattr__(name):  # mo.md, mo.ui, ...; not __path__: `import marimo.x` is no import of a package
    if name.startswith("__"):
        raise AttributeError(name)
    return MarimoStandIn()
