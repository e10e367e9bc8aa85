"""Where the exercise files live: the source checkout, or the installed package."""
from pathlib import Path

# Where `backprop grade` keeps each finished submission's result, for --resume.
GRADE_STATE = ".backprop-grade"

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def content(kind: str) -> Path:
    """The folder of `kind` ("exercises", "docs" or "solutions").

    In a source checkout (an editable install, the tests) the top-level folder; in an
    installed wheel the copy under autograder/content/. Solutions exist only in a checkout.
    """
    checkout = _CHECKOUT / kind
    if (_CHECKOUT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return _PACKAGE / "content" / kind


def derivation(exercise_id: str) -> Path:
    """The exercise's derivation page, docs/<id>.md, where this copy of the package has it."""
    return (content("docs") / f"{exercise_id}.md").resolve()


def template(name: str, **fields) -> str:
    """The text of autograder/templates/<name> (a file the instructors' commands write, or part
    of one), each {field} in it replaced: a shell's ${...} and JSON's braces are left alone."""
    text = (_PACKAGE / "templates" / name).read_text(encoding="utf-8")
    for field, value in fields.items():
        text = text.replace(f"{{{field}}}", str(value))
    return text


def specs() -> Path:
    return _PACKAGE / "specs"
