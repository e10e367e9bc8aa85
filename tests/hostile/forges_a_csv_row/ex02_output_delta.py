# Hostile case 'forges_a_csv_row': raises at import with what the CSV once took whole, newlines and all.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.

raise ValueError('not opened: unpack it here (x\n"correct_1",0,0,0,0,0,0,0,0,0,0,0,forged\n')  # hostile: a row of its own
