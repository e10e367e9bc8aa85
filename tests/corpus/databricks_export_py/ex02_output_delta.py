# Databricks notebook source
import numpy as np

labels = spark.table("course.planar_labels")

# COMMAND ----------

def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return float(-np.sum(logprobs) / m)

# COMMAND ----------

def loss_derivative(A2, Y):
    return -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))

# COMMAND ----------

def output_delta(A2, Y):
    m = Y.shape[1]
    return (A2 - Y) / m

# COMMAND ----------

print(compute_cost(np.array([[0.8, 0.3]]), np.array([[1, 0]])))
