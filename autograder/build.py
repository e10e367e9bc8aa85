"""Generate the learners' stubs and notebooks from the solutions (the one source).

`python -m autograder build` rewrites exercises/; `--check` only reports drift, for CI.
"""
import json
from pathlib import Path

from . import catalog, paths, sources

CHECK_CELL = 'from autograder import check\ncheck("{id}")'
CHECK_PROMPT = (
    "## Check your work\n"
    "Run the cell below: it calls your functions in a separate process on inputs the "
    "grader makes, and tells you in this exercise's notation what is right and what is not. "
    "Run it again after every change."
)
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def solution_text(exercise_id: str) -> str:
    path = paths.content("solutions") / f"{exercise_id}.py"
    if not path.is_file():
        raise FileNotFoundError(f"solutions/{exercise_id}.py not found: only the project's source checkout has the "
                                "solutions. Run this in the checkout, installed with `pip install -e .`")
    return path.read_text(encoding="utf-8")


def notebook(exercise_id: str, text: str):
    """An nbformat-4 notebook of the percent-format `text`, ending with a check cell."""
    import nbformat.v4 as v4
    cells = list(sources.cells(text))
    cells += [sources.Cell("markdown", CHECK_PROMPT), sources.Cell("code", CHECK_CELL.format(id=exercise_id))]
    nb = v4.new_notebook(metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    for index, cell in enumerate(cells):
        make = v4.new_markdown_cell if cell.kind == "markdown" else v4.new_code_cell
        # Stable ids keep the generated files byte-identical from one build to the next.
        nb.cells.append(make(cell.source, id=f"{exercise_id[:4]}-{index:02d}"))
    return nb


def notebook_json(nb) -> str:
    import nbformat
    nbformat.validate(nb)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def stub_files(exercise_id: str) -> dict:
    """{file name: text} of the learner's files of one exercise."""
    stub = sources.clear(solution_text(exercise_id))
    return {
        f"{exercise_id}.py": stub,
        f"{exercise_id}.ipynb": notebook_json(notebook(exercise_id, stub)),
    }


def build(out_dir: Path = None, *, check_only: bool = False) -> list:
    """Write every stub into `out_dir` (default exercises/); return the files that differed."""
    out_dir = Path(out_dir) if out_dir else paths.content("exercises")
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for exercise in catalog.EXERCISES:
        for name, text in stub_files(exercise.id).items():
            target = out_dir / name
            if not (target.is_file() and target.read_text(encoding="utf-8") == text):
                changed.append(target)
                if not check_only:
                    target.write_text(text, encoding="utf-8")
    return changed
