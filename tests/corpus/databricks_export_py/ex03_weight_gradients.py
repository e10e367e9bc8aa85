# Databricks notebook source
# MAGIC %md
# MAGIC # Gradients of one layer's weights
# MAGIC The examples are the columns of `A_prev` and `dZ`.

# COMMAND ----------

# MAGIC %pip install matplotlib

# COMMAND ----------

import numpy as np

planar = spark.read.format("csv").option("header", "true").load("/FileStore/tables/planar.csv")
display(planar)

# COMMAND ----------

def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    # the average over the m examples (the columns) of dZ times A_prev's column, turned on its side
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dW, db

# COMMAND ----------

X = planar.toPandas().values.T
dbutils.fs.ls("/FileStore/tables")
