"""PrairieLearn questions for the exercises, and the files of the image that grades them.

`backprop prairielearn OUTDIR` writes a question an exercise, externally graded (info.json's
externalGradingOptions), the course secret where those questions mount it, and a folder
holding the grader image's Dockerfile, this package and the entry point; autograder.plgrade
grades each job, and OUTDIR/README.md tells the instructor what goes where.
"""
import json
import uuid
from pathlib import Path

from . import bundle, catalog, course, paths
from .plgrade import SECRET_FOLDER

IMAGE = "backprop-exercises-grader"  # the image's default name; the instructor pushes it under theirs
ENTRY_POINT = "/usr/local/bin/backprop-grade"
TIMEOUT = 120  # seconds PrairieLearn gives a job: the worker's start, loading, and 60 s of calls (plgrade.LIMITS)
TOPIC = "Backpropagation"
_UUIDS = uuid.UUID("6c1f3e0a-15b0-4d5e-9a4c-70726169726c")  # the namespace of the questions' stable uuids


def info(exercise, *, image: str) -> dict:
    return {
        "uuid": str(uuid.uuid5(_UUIDS, exercise.id)),  # stable: the same questions, written again
        "title": f"{exercise.id}: {exercise.title}",
        "topic": TOPIC,
        "tags": ["backprop-exercises", exercise.prefix, f"part{exercise.part}"],
        "type": "v3",
        "singleVariant": True,
        "gradingMethod": "External",
        "externalGradingOptions": {
            "enabled": True,
            "image": image,
            "entrypoint": [ENTRY_POINT, exercise.id],
            "serverFilesCourse": [SECRET_FOLDER.name + "/"],
            "timeout": TIMEOUT,
        },
    }


def write(out_dir, *, secret: str, image: str = IMAGE) -> Path:
    """Write OUTDIR (new or empty): questions/, serverFilesCourse/, grader/ and README.md."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give a new folder.")
    # README.md says what goes where, the image named as the questions name it
    zone = ",\n".join(f'        {{"id": "backprop/{e.id}", "autoPoints": {e.points:g}}}'
                      for e in catalog.EXERCISES)
    files = {"README.md": paths.template("prairielearn-README.md", image=image, topic=TOPIC, zone=zone),
             "grader/Dockerfile": paths.template("prairielearn-Dockerfile", entry_point=ENTRY_POINT),
             "grader/backprop-grade": paths.template("prairielearn-backprop-grade")}
    for e in catalog.EXERCISES:
        folder = f"questions/backprop/{e.id}"
        files[f"{folder}/info.json"] = json.dumps(info(e, image=image), indent=2) + "\n"
        files[f"{folder}/question.html"] = paths.template("prairielearn-question.html", title=e.title,
                                                           points=f"{e.points:g}", id=e.id)
        stub = paths.content("exercises") / f"{e.id}.py"
        files[f"{folder}/tests/initial_code.py"] = stub.read_text(encoding="utf-8")
    bundle.write_files(out, files)
    (out / SECRET_FOLDER).mkdir(parents=True)
    course.write_config(out / SECRET_FOLDER, secret)
    bundle.copy_package(out / "grader" / "package", hidden=True)
    return out
