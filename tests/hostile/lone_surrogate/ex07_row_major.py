# Hostile case 'lone_surrogate': raises at import with half a UTF-16 pair alone in its message.
# Appended to solutions/ex07_row_major.py by tests/security/test_hostile.py, which says what it must get.

raise ValueError("a lone \ud800 half, which no UTF-8 file or terminal takes")  # hostile: the CSV's notes hold it
