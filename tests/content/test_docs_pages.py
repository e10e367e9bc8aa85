"""Each derivation page's "Mistakes the autograder recognises" lists the exercise's catalogue.

`backprop explain` sends a learner to the section of the mistake they made; a mistake added
to a spec without its section, or a section left after its mistake went, fails here."""
import re

from autograder import catalog, spec
from conftest import ROOT


def test_every_catalogued_mistake_has_its_section_on_the_derivation_page():
    for exercise in catalog.EXERCISES:
        page = (ROOT / "docs" / f"{exercise.id}.md").read_text(encoding="utf-8")
        sections = set(re.findall(r"^### `(ex\d\d/[\w-]+)`$", page, flags=re.M))
        assert sections == set(spec.load(exercise.id).mistakes), exercise.id
