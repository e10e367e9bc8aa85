"""Per exercise: how its cases are built, what the oracle expects, and its mistakes.

Each module has three registries that the exercise's YAML spec refers to by name:
CASES (builder(rng, **params) -> inputs by argument name), EXPECTED (function name ->
oracle(**inputs)) and MISTAKES (function name -> Mistake list, most specific first).
"""


def size(rng, value) -> int:
    """A size from a case's parameters: a fixed int, or [low, high] drawn with the case's rng."""
    if isinstance(value, (list, tuple)):
        low, high = value
        return int(rng.integers(low, high + 1))
    return int(value)
