"""The course secret, from which the hidden checks' random seeds derive.

Looked up in this order: the environment variable BACKPROP_COURSE_SECRET; the file named by
BACKPROP_COURSE_CONFIG; a `backprop-course.yaml` in the current folder or any above it.
The file holds one line, `secret: <text>`. Without a secret, hidden checks refuse to run,
so nobody grades with seeds that can be read off the package's source.
"""
import os
from pathlib import Path

CONFIG_NAME = "backprop-course.yaml"
SECRET_CHARACTERS = 32  # 128 random bits as hex, what `backprop nbgrader init` writes
ENV_SECRET = "BACKPROP_COURSE_SECRET"
ENV_CONFIG = "BACKPROP_COURSE_CONFIG"


class NoSecret(RuntimeError):
    """Hidden checks were asked for and no course secret is set."""


def config_file(start=None):
    if os.environ.get(ENV_CONFIG):  # made absolute: workers protect it from a folder of their own
        return Path(os.environ[ENV_CONFIG]).resolve()
    here = Path(start or Path.cwd()).resolve()
    candidates = (folder / CONFIG_NAME for folder in (here, *here.parents))
    return next((path for path in candidates if path.is_file()), None)


def secret(start=None, graded=()) -> str:
    """The secret; refused from a file found (not named in ENV_CONFIG) inside one of the folders
    graded, where its learner may have put it and chosen the hidden inputs (`grade .` run inside a
    learner's folder; nbgrader's test cells, run in the folder of the learner's files)."""
    if os.environ.get(ENV_SECRET):
        return os.environ[ENV_SECRET]
    path = config_file(start)
    found = path is not None and not os.environ.get(ENV_CONFIG)  # looked for, not named
    inside = next((f for f in graded if found and path.is_relative_to(Path(f).resolve())), None)
    if inside is not None:
        raise NoSecret(f"The course secret was found in {path}, inside {inside}, whose files are graded and may "
                       f"be a learner's: keep {CONFIG_NAME} in the course's folder and work there, or name it in "
                       f"{ENV_CONFIG}.")
    if path is not None:
        import yaml
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, ValueError, yaml.YAMLError) as exc:  # ValueError: not UTF-8
            raise NoSecret(f"The course secret's file {path} cannot be read: {' '.join(str(exc).split())[:300]}") from None
        value = data.get("secret") if isinstance(data, dict) else None
        if type(value) in (str, int) and str(value).strip():  # not `secret:` alone (None), not a yes or no
            return str(value).strip()
    raise NoSecret(
        f"The hidden checks need a course secret: set {ENV_SECRET}, or write `secret: <text>` "
        f"into {CONFIG_NAME} in the course folder (see docs/instructors.md)."
    )


def write_config(folder, secret_text: str) -> Path:
    path = Path(folder) / CONFIG_NAME
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
        out.write(f"# Keep this file out of anything learners see.\nsecret: {secret_text}\n")
    return path
