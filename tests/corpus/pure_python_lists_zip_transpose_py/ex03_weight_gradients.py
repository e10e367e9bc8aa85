# Exercise 3 by hand: lists of lists, sums written out, zip(*M) for the transpose.


def transpose(M):
    return [list(column) for column in zip(*M)]


def weight_gradients(dZ, A_prev):
    m = len(A_prev[0])                 # examples are the columns
    examples = transpose(A_prev)       # one row per example: the inputs it fed to the layer
    dW = []
    for dz_row in dZ:                  # one unit of the layer
        # dW[i][k] = (1/m) * sum over examples j of dZ[i][j] * A_prev[k][j]
        dW.append([sum(dz * x[k] for dz, x in zip(dz_row, examples)) / m for k in range(len(A_prev))])
    db = [[sum(dz_row) / m] for dz_row in dZ]
    return dW, db


if __name__ == "__main__":
    dZ = [[1.0, -1.0, 0.5], [0.0, 2.0, 1.0]]
    A_prev = [[1.0, 2.0, 3.0], [0.5, 0.5, 0.5], [-1.0, 0.0, 1.0], [2.0, 2.0, 2.0]]
    dW, db = weight_gradients(dZ, A_prev)
    print(dW)
    print(db)
