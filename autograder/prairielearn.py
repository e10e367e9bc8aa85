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

ENTRY = """#!/bin/sh
# PrairieLearn runs this in the grader image for each submission: info.json's entrypoint,
# followed by the exercise's id. BACKPROP_PYTHON stands in for the image's Python in tests.
exec "${BACKPROP_PYTHON:-/opt/backprop/venv/bin/python}" -m autograder.plgrade "$@"
"""

DOCKERFILE = f"""# The image that grades the backprop-exercises questions (README.md says how to build it).
FROM python:3.11-slim
# The workers' seccomp filters need the system's libseccomp.
RUN apt-get update && apt-get install -y --no-install-recommends libseccomp2 && rm -rf /var/lib/apt/lists/*
COPY package /opt/backprop/package
RUN python -m venv /opt/backprop/venv && /opt/backprop/venv/bin/pip install --no-cache-dir /opt/backprop/package
COPY backprop-grade {ENTRY_POINT}
RUN chmod 755 {ENTRY_POINT}
"""

QUESTION = """<pl-question-panel>
  <p><b>{title}</b> ({points} points).</p>
  <p>Work the derivation out from the prompts in the file below, fill in the function bodies, and
  submit. Your code is run on inputs of the grader's, public and hidden ones, and every result is
  checked against a numerical gradient; the results name the known mistakes.</p>
  <pl-file-editor file-name="{id}.py" ace-mode="ace/mode/python" source-file-name="tests/initial_code.py">
  </pl-file-editor>
</pl-question-panel>

<pl-submission-panel>
  <pl-external-grader-results></pl-external-grader-results>
  <pl-file-preview></pl-file-preview>
</pl-submission-panel>
"""


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
    files = {"README.md": readme(image), "grader/Dockerfile": DOCKERFILE, "grader/backprop-grade": ENTRY}
    for e in catalog.EXERCISES:
        folder = f"questions/backprop/{e.id}"
        files[f"{folder}/info.json"] = json.dumps(info(e, image=image), indent=2) + "\n"
        files[f"{folder}/question.html"] = QUESTION.format(title=e.title, points=f"{e.points:g}", id=e.id)
        stub = paths.content("exercises") / f"{e.id}.py"
        files[f"{folder}/tests/initial_code.py"] = stub.read_text(encoding="utf-8")
    bundle.write_files(out, files)
    (out / SECRET_FOLDER).mkdir(parents=True)
    course.write_config(out / SECRET_FOLDER, secret)
    bundle.copy_package(out / "grader" / "package", hidden=True)
    return out


def readme(image: str) -> str:
    zone = ",\n".join(f'        {{"id": "backprop/{e.id}", "autoPoints": {e.points:g}}}' for e in catalog.EXERCISES)
    return f"""# backprop-exercises on PrairieLearn

Written by `backprop prairielearn`. Three things go into your course, and one image into a
registry that PrairieLearn can pull from.

## 1. The grader image
`grader/` holds its Dockerfile, this package (with the hidden checks, without the solutions)
and the entry point, `backprop-grade`. Build it and push it under the name the questions'
`info.json` give, `{image}`:

    docker build -t {image} grader
    docker push {image}

To push it under another name (yours on a registry), write this folder again with
`backprop prairielearn OUTDIR --image THAT/NAME`, which puts that name in every `info.json`.
The image holds no secret, so it may be public.

## 2. The questions
Copy `questions/backprop/` into your course's `questions/`. Each exercise is a question whose
editor starts from the exercise's stub; PrairieLearn grades it in the image above, which
writes every check as a test. Hidden checks show their points but not their messages. The
questions' topic is "{TOPIC}": add it to `infoCourse.json`'s topics if your course lacks it.
Their uuids stay the same each time you write them. Add them to an assessment, for example:

    "zones": [{{"questions": [
{zone}
    ]}}]

## 3. The course secret
`serverFilesCourse/backprop/backprop-course.yaml` holds the course secret from which the
hidden checks' inputs are drawn. Copy `serverFilesCourse/backprop/` into your course's
`serverFilesCourse/`: each question's info.json mounts it into the grading job (its
`serverFilesCourse` entry), where the entry point reads it. PrairieLearn never serves
`serverFilesCourse` to students, but anyone who can read your course repository can read
the secret: keep the repository private, and keep the secret for the whole term so that
regrades match.

## Confinement
The entry point grades only where the kernel confines learner code (Landlock and seccomp,
docs/security.md); elsewhere it answers "not gradable", so that no learner loses an
attempt. If your graders' kernel lacks them, you may rely on PrairieLearn's container alone
by adding `"environment": {{"BACKPROP_WEAK_ISOLATION": "1"}}` to `externalGradingOptions`;
learner code could then read the secret mounted beside it.
"""
