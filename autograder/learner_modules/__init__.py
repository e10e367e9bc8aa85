"""Modules that learners' code imports because their course provided them beside the
notebook: the worker can import them under their course names (see grading.helpers)."""
