# Hostile case 'nested_lists': relu_derivative returns lists nested as first elements, whose JSON has no separator.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
_chain = []
for _ in range(60):
    _chain = [_chain]  # hostile: 60 lists, and not one "," or ":" in their JSON


def relu_derivative(z):
    return [_chain] * 4_000  # hostile: 240,000 lists in 0.5 MB; in 16 MiB, 8 million, past the reply's 200,000 items
