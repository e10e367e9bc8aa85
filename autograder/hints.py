"""Hints, drawn from the exercise's docs page: `## Hint 1..3`, then `## Derivation`."""
import re

from . import paths


def hint(exercise_id: str, level: int = 1) -> str:
    page = paths.derivation(exercise_id).read_text(encoding="utf-8")
    sections = [section.partition("\n") for section in re.split(r"^## ", page, flags=re.M)[1:]]
    # the page's hint sections in order, the full derivation last, as (title, text)
    found = [(title.strip(), body.strip()) for title, _, body in sections
             if re.match(r"Hint \d+", title) or title.strip() == "Derivation"]
    level = max(1, min(level, len(found)))
    title, body = found[level - 1]
    text = f"{exercise_id}, level {level} of {len(found)}: {title}\n\n{body}\n"
    if level < len(found):
        text += f"\nMore: backprop hint {exercise_id.split('_')[0]} --level {level + 1}\n"
    return text
