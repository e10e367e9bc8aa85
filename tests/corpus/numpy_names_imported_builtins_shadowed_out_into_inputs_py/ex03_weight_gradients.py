from numpy import dot, sum


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = dot(dZ, A_prev.T) / m
    db = sum(dZ, axis=1, keepdims=True) / m  # numpy's sum, imported by name above
    return dW, db
