"""`backprop nbgrader init COURSE`: an nbgrader course made from the same solutions.

Each exercise becomes source/<assignment>/<id>.ipynb: the solution module's cells with
nbgrader's metadata (schema 3) — solution cells where the reference code is marked,
read-only cells elsewhere — then a read-only test cell running the public checks and a
test cell whose hidden-tests region runs the hidden ones. Each test cell returns the points
it earned, which nbgrader takes as partial credit.
"""
import secrets
from pathlib import Path

from . import build, catalog, course, sources, spec as specs

CONFIG = '''# nbgrader configuration written by `backprop nbgrader init`.
c = get_config()
c.CourseDirectory.course_id = "backprop-exercises"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}
c.Execute.timeout = 300
'''

TEST_CELL = 'from autograder.notebook import score\nscore("{id}", points={points})'
HIDDEN_CELL = (
    "from autograder.notebook import score\n### BEGIN HIDDEN TESTS\n"
    'score("{id}", points={points}, checks="hidden")\n### END HIDDEN TESTS'
)


def _meta(grade_id, *, solution=False, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def source_notebook(exercise):
    """The nbgrader source notebook of one exercise."""
    text = sources.clear(build.solution_text(exercise.id), strings_only=True)
    spec = specs.load(exercise.id)
    public = round(spec.points("public", exercise.points), 6)
    hidden = round(exercise.points - public, 6)
    prefix = exercise.prefix

    def metadata(index, cell):
        grade_id = f"{prefix}-{index:02d}"
        if cell.kind == "code" and sources.BEGIN in cell.source:
            return _meta(grade_id, solution=True)
        return _meta(grade_id, locked=True)

    nb = build.notebook(exercise.id, text, cell_metadata=metadata)
    nb.cells = nb.cells[:-2]  # the learners' self-check cell gives way to nbgrader's test cells
    import nbformat.v4 as v4

    nb.cells.append(v4.new_markdown_cell(
        "## Tests\nThe cell below runs the public checks on your functions; a further cell runs "
        "checks you cannot see, on other inputs, when your work is graded.",
        id=f"{prefix}-tests", metadata=_meta(f"{prefix}-tests-intro", locked=True)))
    nb.cells.append(v4.new_code_cell(TEST_CELL.format(id=exercise.id, points=public), id=f"{prefix}-public",
                                     metadata=_meta(f"{prefix}-public", grade=True, locked=True, points=public)))
    if hidden > 0:
        nb.cells.append(v4.new_code_cell(HIDDEN_CELL.format(id=exercise.id, points=hidden), id=f"{prefix}-hidden",
                                         metadata=_meta(f"{prefix}-hidden", grade=True, locked=True, points=hidden)))
    return nb


def init(course_dir, *, assignment="backprop", secret=None) -> Path:
    """Write the course folder; refuses to overwrite an existing nbgrader_config.py."""
    course_dir = Path(course_dir)
    if (course_dir / "nbgrader_config.py").exists():
        raise FileExistsError(f"{course_dir / 'nbgrader_config.py'} exists already; choose a new folder.")
    folder = course_dir / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    if not (course_dir / course.CONFIG_NAME).exists():
        course.write_config(course_dir, secret or secrets.token_hex(16))
    for exercise in catalog.EXERCISES:
        (folder / f"{exercise.id}.ipynb").write_text(build.notebook_json(source_notebook(exercise)), encoding="utf-8")
    return folder
