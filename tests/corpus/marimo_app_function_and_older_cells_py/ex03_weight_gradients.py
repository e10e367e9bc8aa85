import marimo

__generated_with = "0.8.22"
app = marimo.App()


@app.cell
def __():
    import marimo as mo
    import numpy as np
    return mo, np


@app.cell
def __(np):
    def weight_gradients(dZ, A_prev):
        m = A_prev.shape[1]
        dW = dZ @ A_prev.T / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        return dW, db
    return (weight_gradients,)


@app.cell
def __(np, weight_gradients):
    dW, db = weight_gradients(np.ones((2, 3)), np.ones((4, 3)))
    dW.shape, db.shape
    return db, dW


if __name__ == "__main__":
    app.run()
