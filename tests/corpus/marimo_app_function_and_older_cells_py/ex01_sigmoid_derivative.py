import marimo

__generated_with = "0.14.10"
app = marimo.App(width="medium")

with app.setup:
    import marimo as mo
    import numpy as np


@app.cell
def _():
    mo.md(
        r"""
    # Exercise 1: derivatives of the activations

    Each derivative below is written in terms of the activation itself.
    """
    )
    return


@app.function
def sigmoid(z):
    # split on the sign so exp never sees a large positive number
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


@app.function
def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


@app.function
def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


@app.function
def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


@app.cell
def _():
    zs = np.linspace(-6, 6, 13)
    slider = mo.ui.slider(-6, 6, value=0, label="z")
    slider
    return (zs, slider)


@app.cell
def _(slider, zs):
    # check against a finite difference, as in lecture
    h = 1e-5
    approx = (sigmoid(zs + h) - sigmoid(zs - h)) / (2 * h)
    mo.md(f"max error: {np.max(np.abs(approx - sigmoid_derivative(zs))):.2e}, "
          f"sigmoid'({slider.value}) = {sigmoid_derivative(slider.value):.4f}")
    return


if __name__ == "__main__":
    app.run()
