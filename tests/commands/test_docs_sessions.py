"""The sessions docs/learners.md shows are what `backprop check` and `backprop explain` print.

Each `$ backprop check ex03` block of the page follows a learner's ex03: the stub as
`backprop start` copies it, then dW transposed, then fixed, then 0.5 too large. A change to
the checks or their cases that changes what a learner reads fails here until the page says
it too."""
import importlib
import re

from conftest import ROOT, backprop

BODIES = [
    None,  # the untouched stub
    "    m = A_prev.shape[1]\n    dW = A_prev @ dZ.T / m\n    db = np.sum(dZ, axis=1, keepdims=True) / m\n    return dW, db\n",
    "    m = A_prev.shape[1]\n    dW = dZ @ A_prev.T / m\n    db = np.sum(dZ, axis=1, keepdims=True) / m\n    return dW, db\n",
    "    m = A_prev.shape[1]\n    dW = dZ @ A_prev.T / m + 0.5\n    db = np.sum(dZ, axis=1, keepdims=True) / m\n"
    "    return dW, db\n",
]


def _sessions():
    """The output under each `$ backprop check ex03` of the page, unindented."""
    text = (ROOT / "docs" / "learners.md").read_text(encoding="utf-8")
    blocks = re.findall(r"\n    \$ backprop check ex03\n((?:    .*\n|\n)*?)(?=\n\S)", text)
    return [re.sub(r"^    ", "", block, flags=re.M).strip("\n") for block in blocks]


def test_every_session_on_the_learners_page_is_what_check_prints(tmp_path):
    stub = (ROOT / "exercises" / "ex03_weight_gradients.py").read_text(encoding="utf-8")
    region = re.search(r"    # YOUR CODE HERE\n    raise NotImplementedError\(.*\)\n", stub)
    sessions = _sessions()
    assert len(sessions) == len(BODIES)
    for body, shown in zip(BODIES, sessions):
        code = stub if body is None else stub[:region.start()] + body + stub[region.end():]
        (tmp_path / "ex03_weight_gradients.py").write_text(code, encoding="utf-8")
        printed = backprop("check", "ex03", cwd=tmp_path).stdout.strip("\n")
        assert printed == shown


# the body of the catalogued mistake the page explains (its variant's), without the variant's mark
HIDDEN_DELTA = importlib.import_module("variants.ex04_hidden_delta").MISTAKES["ex04/sigmoid-derivative-for-tanh"] \
    .split("\n", 2)[2].replace("  # explain: here", "")


def test_the_explain_session_on_the_learners_page_is_what_explain_prints(tmp_path):
    """The page's `backprop explain ex04` is that of the stub with the body above under its
    "# YOUR CODE HERE"; its `...` line stands for lines it leaves out, each other run of
    lines is printed as shown."""
    text = (ROOT / "docs" / "learners.md").read_text(encoding="utf-8")
    block = re.search(r"\n    \$ backprop explain ex04\n((?:    .*\n|\n)*?)(?=\n\S)", text).group(1)
    stub = (ROOT / "exercises" / "ex04_hidden_delta.py").read_text(encoding="utf-8")
    code = re.sub(r'(    # YOUR CODE HERE\n)    raise NotImplementedError\("hidden_delta .*\)\n',
                  lambda m: m.group(1) + HIDDEN_DELTA, stub)
    (tmp_path / "ex04_hidden_delta.py").write_text(code, encoding="utf-8")
    printed = backprop("explain", "ex04", cwd=tmp_path).stdout
    runs = re.split(r"\n *\.\.\. .*\n", re.sub(r"^    ", "", block, flags=re.M).strip("\n"))
    assert len(runs) == 2
    at = 0
    for run in runs:
        assert run in printed[at:], run
        at = printed.index(run, at) + len(run)
