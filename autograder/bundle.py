"""Installable copies of the package: the learners' release, and the Gradescope autograder.

Both hold the package, the stubs and the docs, and never solutions/. The release also
drops every hidden case and check from the specs; the Gradescope bundle keeps them and
carries the course secret, since it runs on the instructor's Gradescope account only.
"""
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml

from . import catalog, course, paths, spec as specs

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


def _public_spec(text: str) -> str:
    """A spec without its hidden cases and the checks that use them."""
    raw = yaml.safe_load(text)
    raw["cases"] = {name: case for name, case in raw["cases"].items() if not case.get("hidden")}
    raw["checks"] = [check for check in raw["checks"] if check["case"] in raw["cases"]]
    return "# The public checks only: this copy was made by `backprop release`.\n" + yaml.safe_dump(
        raw, sort_keys=False, allow_unicode=True, width=100)


def copy_package(dest, *, hidden: bool) -> Path:
    """Copy what `pip install` needs into `dest`; with hidden=False, public checks only."""
    dest = Path(dest)
    package = Path(__file__).resolve().parent
    shutil.copytree(package, dest / "autograder", ignore=_IGNORE, dirs_exist_ok=True)
    shutil.rmtree(dest / "autograder" / "content", ignore_errors=True)  # an installed copy's data
    for kind in ("exercises", "docs"):
        shutil.copytree(paths.content(kind), dest / kind, ignore=_IGNORE, dirs_exist_ok=True)
    for name in ("pyproject.toml", "README.md"):  # the checkout's, or an installed copy's in content/
        shutil.copyfile(paths.content("exercises").parent / name, dest / name)
    if not hidden:
        for spec in (dest / "autograder" / "specs").glob("ex[0-9]*.yaml"):
            spec.write_text(_public_spec(spec.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def write_files(folder, files: dict) -> None:
    """Write {path under folder: text}, making the folders; a script (#!) is made executable."""
    for name, text in files.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if text.startswith("#!"):
            path.chmod(0o755)


def release(out_dir) -> Path:
    """The learners' bundle: install it with `pip install OUTDIR`."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty; give a new folder.")
    for exercise in catalog.EXERCISES:  # SpecError first: a misspelt `hidden` would release a hidden case
        specs.load(exercise.id)
    copy_package(out_dir, hidden=False)
    # Its README is the learners' part of the checkout's: the developers' test command, and the sections
    # for instructors and developers, name what a release does not hold (tests, hidden checks, solutions/).
    readme = out_dir / "README.md"
    text = re.sub(r"\nDeveloper —.*?(?=\n## )", "", readme.read_text(encoding="utf-8"), flags=re.S)
    readme.write_text(text.split("\n## Instructors")[0], encoding="utf-8")
    return out_dir


def gradescope(zip_path, *, secret: str, part: int | None = None, weak_isolation: bool = False) -> Path:
    """A Gradescope autograder zip: setup.sh, run_autograder, the package, the secret. part and
    weak_isolation are passed on as `backprop grade`'s --part and --weak-isolation."""
    zip_path = Path(zip_path)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        copy_package(Path(tmp) / "package", hidden=True)
        course.write_config(tmp, secret)
        options = (f"--part {part} " if part else "") + ("--weak-isolation " if weak_isolation else "")
        run = paths.template("gradescope-run_autograder", part=options)
        # Gradescope runs setup.sh once, to build its image, and run_autograder for every submission.
        write_files(tmp, {"setup.sh": paths.template("gradescope-setup.sh"), "run_autograder": run})
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(Path(tmp).rglob("*")):
                if path.is_file():  # with its mode: the scripts executable, as Gradescope requires
                    z.write(path, path.relative_to(tmp).as_posix())
    return zip_path
