"""ex10: submissions that make each catalogued mistake, and correct ones written otherwise.

Each entry is source code appended to the reference solution: its definitions replace the
reference's, so the submission differs from a correct one in exactly that function.
"""

MISTAKES = {
    "ex10/batch-statistics-as-constants": '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ = dout * gamma / np.sqrt(var + eps)  # explain: here
    return dZ, dgamma, dbeta
''',
    "ex10/variance-path-missing": '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ = gamma / np.sqrt(var + eps) * (dout - np.mean(dout, axis=1, keepdims=True))  # explain: here
    return dZ, dgamma, dbeta
''',
    "ex10/unbiased-variance": '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, ddof=1, keepdims=True)  # explain: here
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
''',
    "ex10/normalised-wrong-axis": '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = np.mean(Z, axis=0, keepdims=True)  # explain: here
    var = np.var(Z, axis=0, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
''',
    "ex10/dgamma-from-Z": '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = dout.shape[1]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * Z).sum(axis=1, keepdims=True)  # explain: here
    dZ = gamma / (m * np.sqrt(var + eps)) * (m * dout - dbeta - Z_norm * np.sum(dout * Z_norm, axis=1, keepdims=True))
    return dZ, dgamma, dbeta
''',
    "ex10/eps-outside-sqrt": '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - mu) / (np.sqrt(var) + eps)  # explain: here
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
''',
}

CORRECT = {
    # the computational graph walked backwards one node at a time, as in CS231n's batchnorm
    "staged graph": '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    m = Z.shape[1]
    mu = np.sum(Z, axis=1, keepdims=True) / m
    centred = Z - mu
    squared = centred ** 2
    var = np.sum(squared, axis=1, keepdims=True) / m
    root = np.sqrt(var + eps)
    inverse = 1.0 / root
    Z_norm = centred * inverse
    scaled = gamma * Z_norm
    out = scaled + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)


def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    centred = Z - mu
    root = np.sqrt(var + eps)
    inverse = 1.0 / root
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dscaled = dout
    dgamma = np.sum(dscaled * Z_norm, axis=1, keepdims=True)
    dZ_norm = dscaled * gamma
    dinverse = np.sum(dZ_norm * centred, axis=1, keepdims=True)
    dcentred_direct = dZ_norm * inverse
    droot = -dinverse / root ** 2
    dvar = droot * 0.5 / np.sqrt(var + eps)
    dsquared = np.ones_like(Z) * dvar / m
    dcentred = dcentred_direct + 2 * centred * dsquared
    dmu = -np.sum(dcentred, axis=1, keepdims=True)
    dZ = dcentred + np.ones_like(Z) * dmu / m
    return dZ, dgamma, dbeta
''',
    # the compact formula with the sums written out, np.var for the variance, lists for tuples
    "compact, np.var, lists": '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return Z_norm * gamma + beta, [Z, Z_norm, mu, var, gamma, beta, eps]


def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = dout.shape[1]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * Z_norm).sum(axis=1, keepdims=True)
    dZ = (gamma / m) / np.sqrt(var + eps) * (m * dout - dbeta - Z_norm * dgamma)
    return [dZ, dgamma, dbeta]
''',
    # one example at a time: the Jacobian of a row, (1/s) (I - 1/m - x x^T / m), applied to dZ_norm
    "row by row, the Jacobian": '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    n, m = Z.shape
    dZ = np.zeros_like(Z)
    for i in range(n):
        x = Z_norm[i]
        jacobian = (np.eye(m) - 1.0 / m - np.outer(x, x) / m) / np.sqrt(var[i, 0] + eps)
        dZ[i] = jacobian.T @ (dout[i] * gamma[i, 0])
    dgamma = np.sum(dout * Z_norm, axis=1).reshape(n, 1)
    dbeta = np.sum(dout, axis=1).reshape(n, 1)
    return dZ, dgamma, dbeta
''',
}

# Wrong answers that match no catalogued mistake must name none.
UNKNOWN = {
    "eps forgotten": '''
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
''',
    "variance path kept, mean path lost": '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ = gamma / np.sqrt(var + eps) * (dout - Z_norm * np.mean(dout * Z_norm, axis=1, keepdims=True))
    return dZ, dgamma, dbeta
''',
    "dZ divided by m": '''
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ = gamma / np.sqrt(var + eps) * (dout - dbeta / m - Z_norm * dgamma / m) / m
    return dZ, dgamma, dbeta
''',
}
