# -*- coding: utf-8 -*-
# MOOC « Apprentissage profond » -- semaine 5 : régularisation L2 et dropout.
# Mes noms de variables sont en français, c'est plus clair pour moi.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def compute_cost(A3, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m)


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    nb_exemples = Y.shape[1]
    nb_couches = len(parameters) // 2
    somme_carres = 0.0
    for couche in range(1, nb_couches + 1):
        poids = parameters["W" + str(couche)]
        somme_carres += np.sum(poids * poids)
    penalite = lambd * somme_carres / (2 * nb_exemples)
    return compute_cost(A3, Y) + penalite


def backward_propagation_with_regularization(X, Y, cache, lambd):
    nb_exemples = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    grads = {}
    # couche de sortie
    erreur3 = A3 - Y
    grad_poids3 = erreur3 @ A2.T / nb_exemples
    grad_poids3 += lambd * W3            # terme de la pénalité
    grad_biais3 = erreur3.sum(axis=1, keepdims=True) / nb_exemples
    # couche cachée 2
    retour2 = W3.T @ erreur3
    erreur2 = retour2 * (Z2 > 0)
    grad_poids2 = erreur2 @ A1.T / nb_exemples
    grad_poids2 += lambd * W2
    grad_biais2 = erreur2.sum(axis=1, keepdims=True) / nb_exemples
    # couche cachée 1
    retour1 = W2.T @ erreur2
    erreur1 = retour1 * (Z1 > 0)
    grad_poids1 = erreur1 @ X.T / nb_exemples
    grad_poids1 += lambd * W1
    grad_biais1 = erreur1.sum(axis=1, keepdims=True) / nb_exemples
    grads["dZ3"], grads["dW3"], grads["db3"] = erreur3, grad_poids3, grad_biais3
    grads["dA2"], grads["dZ2"], grads["dW2"], grads["db2"] = retour2, erreur2, grad_poids2, grad_biais2
    grads["dA1"], grads["dZ1"], grads["dW1"], grads["db1"] = retour1, erreur1, grad_poids1, grad_biais1
    return grads


def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    masque1, masque2 = masks
    Z1 = W1 @ X + b1
    A1 = relu(Z1) * masque1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2) * masque2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, masque1, A1, W1, b1, Z2, masque2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    nb_exemples = X.shape[1]
    (Z1, masque1, A1, W1, b1, Z2, masque2, A2, W2, b2, Z3, A3, W3, b3) = cache
    erreur3 = A3 - Y
    grad_poids3 = erreur3 @ A2.T / nb_exemples
    grad_biais3 = np.sum(erreur3, axis=1, keepdims=True) / nb_exemples
    retour2 = W3.T @ erreur3
    retour2 *= masque2                  # on éteint les mêmes neurones qu'à l'aller
    erreur2 = retour2 * (A2 > 0)
    grad_poids2 = erreur2 @ A1.T / nb_exemples
    grad_biais2 = np.sum(erreur2, axis=1, keepdims=True) / nb_exemples
    retour1 = W2.T @ erreur2
    retour1 *= masque1
    erreur1 = retour1 * (A1 > 0)
    grad_poids1 = erreur1 @ X.T / nb_exemples
    grad_biais1 = np.sum(erreur1, axis=1, keepdims=True) / nb_exemples
    return {"dZ3": erreur3, "dW3": grad_poids3, "db3": grad_biais3,
            "dA2": retour2, "dZ2": erreur2, "dW2": grad_poids2, "db2": grad_biais2,
            "dA1": retour1, "dZ1": erreur1, "dW1": grad_poids1, "db1": grad_biais1}
