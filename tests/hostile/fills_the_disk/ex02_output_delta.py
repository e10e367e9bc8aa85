# Hostile case 'fills_the_disk': output_delta writes files just under the size limit, one after another.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.
_reference = output_delta


def output_delta(A2, Y):
    block = b"x" * 2**20
    for n in range(256):  # 2 GiB at most, should the folder not hold it back  # hostile
        with open(f"filler-{n}", "wb") as out:  # hostile
            for _ in range(7):  # hostile
                out.write(block)  # hostile
    return _reference(A2, Y)
