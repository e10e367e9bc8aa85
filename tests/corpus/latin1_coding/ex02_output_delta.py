# -*- coding: latin-1 -*-
# Exercice 2 : le coût et le delta de la couche de sortie (sigmoïde).
# Écrit sous Windows, enregistré en « Western (ISO 8859-1) ».
import numpy as np


def compute_cost(A2, Y):
    # J = -(1/m) * somme des pertes ; un float Python
    m = Y.shape[1]
    cost = -(1.0 / m) * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(cost)


def loss_derivative(A2, Y):
    # dérivée de L(a, y) par rapport à a
    return -(Y / A2) + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    # dL/dA2 * dA2/dZ2, après simplification : A2 - Y
    return A2 - Y
