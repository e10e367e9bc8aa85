# Hostile case 'loop_at_import': an infinite loop at import.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.
while True:  # hostile
    pass
