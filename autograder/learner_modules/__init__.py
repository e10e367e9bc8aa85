"""The helper modules that learners' courses put beside their notebooks.

Learners' code imports them; the worker can import them under their course names (see
grading.helpers)."""
