# Hostile case 'missing_import': numpy is never imported: NameError at every call.
# Appended to solutions/ex06_gradient_check.py by tests/security/test_hostile.py, which says what it must get.
del np  # hostile: as if `import numpy as np` were missing
