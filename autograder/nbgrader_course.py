"""`backprop nbgrader init COURSE`: an nbgrader course made from the same solutions.

Each part is an assignment: part 1 is source/<assignment>/ (`backprop` by default), part 2
source/<assignment>-2/. Each exercise becomes <id>.ipynb there: the solution module's cells with
nbgrader's metadata (schema 3) — solution cells where the reference code is marked,
read-only cells elsewhere — then a read-only test cell running the public checks and a
test cell whose hidden-tests region runs the hidden ones. Each test cell returns the points
it earned, which nbgrader takes as partial credit.
"""
import secrets
from dataclasses import dataclass
from pathlib import Path

from . import build, bundle, catalog, course, sources, spec as specs

CONFIG = '''# nbgrader configuration written by `backprop nbgrader init`.
c = get_config()
c.CourseDirectory.course_id = "backprop-exercises"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}
c.Execute.timeout = 300
# A learner's cell with nbgrader metadata of another schema stopped autograding the whole class:
# drop_foreign_metadata makes it an ordinary cell (nbgrader's DeduplicateIds leaves such a cell too).
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
    "autograder.nbgrader_course.drop_foreign_metadata", "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells", "nbgrader.preprocessors.CheckCellMetadata"]
# A kernel that died (os._exit, a crash, memory) failed the learner's whole assignment, every notebook of it
# ungraded: the course's Execute fails that cell alone and runs the rest in a new kernel.
c.Autograde.autograde_preprocessors = [
    "autograder.nbgrader_course.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata"]
# A kernel ends with the nbgrader that started it, killed or not, as the grader's workers do: ipykernel's
# own check missed a parent killed while the kernel started, under a process that adopts orphans (systemd).
c.Execute.extra_arguments = ["--IPKernelApp.exec_lines=import os; "
                             "from autograder.execution.launch import die_with_parent as die; "
                             "die(int(os.environ['JPY_PARENT_PID'])); del os, die"]
'''

TEST_CELL = 'from autograder.notebook import score\nscore("{id}", points={points})'
HIDDEN_CELL = (
    "from autograder.notebook import score\n### BEGIN HIDDEN TESTS\n"
    'score("{id}", points={points}, checks="hidden")\n### END HIDDEN TESTS'
)


SCHEMA_VERSION = 3  # of the nbgrader metadata the course's notebooks hold


def _meta(grade_id, **fields):
    """A cell's nbgrader metadata: fields (solution, grade, locked, points) over the defaults."""
    return {"nbgrader": {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": SCHEMA_VERSION,
                         "solution": False, "task": False, **fields}}


def source_notebook(exercise):
    """The nbgrader source notebook of one exercise."""
    text = sources.clear(build.solution_text(exercise.id), strings_only=True)
    spec = specs.load(exercise.id)
    weight = sum(c.points for c in spec.checks)
    public = round(exercise.points * sum(c.points for c in spec.selected("public")) / weight, 6)
    hidden = round(exercise.points - public, 6)
    prefix = exercise.prefix
    nb = build.notebook(exercise.id, text)
    nb.cells = nb.cells[:-2]  # the learners' self-check cell gives way to nbgrader's test cells
    for index, cell in enumerate(nb.cells):
        solution = cell.cell_type == "code" and sources.BEGIN in cell.source
        cell.metadata.update(_meta(f"{prefix}-{index:02d}", solution=solution, locked=not solution))
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


def drop_foreign_metadata(nb, resources):
    """An autograde step, after nbgrader's DeduplicateIds (CONFIG): a cell's nbgrader metadata of
    another schema than the course's is no cell of the course, and nbgrader stopped autograding
    every learner after it ("use an old version of the nbgrader metadata format"): a learner's
    notebook that copied a test cell, whose second copy DeduplicateIds empties, or wrote any other
    schema_version. Such a cell becomes an ordinary cell; the course's cells are left as they are."""
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        if "nbgrader" in meta and not (isinstance(meta["nbgrader"], dict)
                                       and meta["nbgrader"].get("schema_version") == SCHEMA_VERSION):
            del meta["nbgrader"]
    return nb, resources


def __getattr__(name):
    """The course's Execute (CONFIG), made where nbgrader names it: only autograde needs nbgrader."""
    if name != "Execute":
        raise AttributeError(name)
    from jupyter_core.utils import run_sync
    from nbclient.exceptions import DeadKernelError
    from nbformat.v4 import new_output
    from nbgrader.preprocessors import Execute as NbgraderExecute

    class Execute(NbgraderExecute):
        """nbgrader's Execute, but a cell whose kernel dies fails alone, its error said, and the cells
        below run in a new kernel (where the test cells find none of the learner's functions)."""

        def preprocess_cell(self, cell, resources, index):
            try:
                return super().preprocess_cell(cell, resources, index)
            except DeadKernelError:
                cell.outputs.append(new_output("error", ename="DeadKernelError", evalue=DIED[0], traceback=list(DIED)))
                self.kc.stop_channels()
                run_sync(self.km.restart_kernel)(now=True)
                run_sync(self.async_start_new_kernel_client)()
                return cell, self.resources

    return Execute


DIED = ("The kernel died running this cell (os._exit, a crash, or out of memory):",  # lines: the feedback's
        "what this cell and the cells above defined was lost, and the cells below ran in a new kernel.")  # <pre>


def assignment_name(assignment: str, part: int) -> str:
    """The nbgrader assignment of a part: part 1 keeps the name given, part 2 adds "-2"."""
    return assignment if part == 1 else f"{assignment}-{part}"


def init(course_dir, *, assignment="backprop") -> list:
    """Write the course folder, an assignment a part; the assignments' source folders.
    Refuses to overwrite an existing nbgrader_config.py."""
    course_dir = Path(course_dir)
    if (course_dir / "nbgrader_config.py").exists():
        raise FileExistsError(f"{course_dir / 'nbgrader_config.py'} exists already; choose a new folder.")
    notebooks = {f"source/{assignment_name(assignment, e.part)}/{e.id}.ipynb": build.notebook_json(source_notebook(e))
                 for e in catalog.EXERCISES}
    bundle.write_files(course_dir, notebooks | {"nbgrader_config.py": CONFIG})  # last: init refuses a folder holding it
    if not (course_dir / course.CONFIG_NAME).exists():
        course.write_config(course_dir, secrets.token_hex(16))
    return [course_dir / "source" / assignment_name(assignment, part) for part in catalog.PARTS]


@dataclass(frozen=True)
class AuditRow:
    student: str
    exercise: str
    nbgrader_score: float | None  # None when nbgrader has not autograded it
    sandbox_score: float


def audit(course_dir, assignment) -> list:
    """Grade submitted/*/<assignment>/ in the sandbox and set it beside nbgrader's scores:
    nbgrader runs learner code in the kernel that runs its test cells, where the code can
    subvert them (redefine `score`, patch numpy); the sandboxed grader runs no test cell."""
    from nbgrader.api import Gradebook, MissingEntry
    from . import grading, plan
    course_dir = Path(course_dir).resolve()
    if not course_dir.is_dir():
        raise FileNotFoundError(f"{course_dir} is not a folder")
    folders = sorted((course_dir / "submitted").glob(f"*/{assignment}"))
    if not folders:
        raise FileNotFoundError(f"{course_dir / 'submitted'} holds no submission of {assignment}: "
                                f"nothing to audit (is {assignment!r} the assignment's name?)")
    made = plan.make("all", course.secret(course_dir))
    rows = []
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        for folder in folders:
            student = folder.parent.name
            result = grading.grade(folder, made, label=student)
            for e in result.exercises:
                if e.status == "missing":
                    continue
                try:
                    graded = gradebook.find_submission_notebook(e.id, assignment, student).score
                except MissingEntry:
                    graded = None
                rows.append(AuditRow(student, e.id, graded, e.score))
    return rows
