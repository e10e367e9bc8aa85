"""The class report page: written by `grade --html` and `report`, read back in a real browser."""
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MISTAKE, ROOT, backprop, correct

SECRET = "course-secret-for-the-class-report-15"


def make_class(folder: Path) -> Path:
    """Nine learners: full marks, a catalogued mistake, the untouched stubs, a broken notebook
    and a link to a classmate's file, code the sandbox refuses, a function that never returns,
    an upload zipped whole, a GitHub zip unpacked as it is, and a notebook
    under another name."""
    correct(folder / "ada")
    bob = correct(folder / "bob") / "ex03_weight_gradients.py"
    bob.write_text(bob.read_text() + "\n" + MISTAKE)
    (folder / "cy").mkdir()
    for stub in (ROOT / "exercises").glob("*.py"):
        (folder / "cy" / stub.name).write_text(stub.read_text())
    dee = correct(folder / "dee")
    (dee / "ex01_sigmoid_derivative.py").unlink()
    (dee / "ex01_sigmoid_derivative.ipynb").write_text("{not json")
    (dee / "ex05_l_layer.py").unlink()
    (dee / "ex05_l_layer.py").symlink_to(folder / "ada" / "ex05_l_layer.py")
    eve = correct(folder / "eve") / "ex02_output_delta.py"
    eve.write_text(eve.read_text() + "\n\ndef output_delta(A2, Y):\n    import os\n    os.kill(1, 9)\n")
    fay = correct(folder / "fay") / "ex07_row_major.py"
    fay.write_text(fay.read_text() + "\n\ndef cost_prime(X, y, W1, W2):\n    while True:\n        pass\n")
    shutil.make_archive(folder / "abe" / "backprop-work", "zip", correct(folder.parent / "abe"))
    correct(folder / "ben" / "backprop-exercises-main" / "exercises")  # a GitHub zip, unpacked as it is
    (folder / "cal").mkdir()  # a notebook under its course's name
    shutil.copy(ROOT / "exercises" / "ex03_weight_gradients.ipynb", folder / "cal" / "Week4_Assignment.ipynb")
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """(folder, the --json report, the page) of the class graded with the hidden checks."""
    tmp = tmp_path_factory.mktemp("class-report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BACKPROP_COURSE_SECRET", SECRET)
        done = backprop("grade", make_class(tmp / "class"), "--hidden", "--jobs", "2", "--timeout", "2",
                        "--submission-timeout", "6", "--json",
                        tmp / "grades.json", "--html", tmp / "page.html", cwd=tmp)
    assert done.returncode == 0, done.stderr
    return tmp, json.loads((tmp / "grades.json").read_text())["submissions"], tmp / "page.html"


class Elements(HTMLParser):
    """Every start tag of a page as (tag, {attribute: value}), and its text."""

    def __init__(self, text):
        super().__init__()
        self.found, self.text = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def having(self, attribute):
        return [attrs for _, attrs in self.found if attribute in attrs]


def expected_checks(submissions) -> dict:
    """{(exercise, check): (passed, ran)} computed from the JSON report."""
    counts = {}
    for s in submissions:
        for e in s["exercises"]:
            for c in e["checks"]:
                passed, ran = counts.get((e["id"], c["name"]), (0, 0))
                counts[(e["id"], c["name"])] = (passed + c["passed"], ran + 1)
    return counts


def expected_mistakes(submissions) -> Counter:
    return Counter(m for s in submissions
                   for m in {c["misconception"] for e in s["exercises"] for c in e["checks"]
                             if c["misconception"] and not c["passed"]})


def test_the_page_holds_the_reports_numbers(graded):
    _, submissions, page = graded
    text = page.read_text(encoding="utf-8")
    elements = Elements(text)
    rows = [a for a in elements.having("data-total")]
    by_total = sorted(submissions, key=lambda s: (-s["score"], s["submission"]))
    assert [r["data-learner"] for r in rows] == [s["submission"] for s in by_total]
    assert [float(r["data-total"]) for r in rows] == [s["score"] for s in by_total]
    assert [r["data-learner"] for r in rows][0] == "ada" and rows[-1]["data-learner"] == "cy"
    checks = {(a["data-exercise"], a["data-check"]): (int(a["data-passed"]), int(a["data-ran"]))
              for a in elements.having("data-ran")}
    assert checks == expected_checks(submissions)
    assert checks[("ex03_weight_gradients", "dW and db on random sizes")] == (4, 6)  # all but bob and cy
    mistakes = {a["data-mistake"]: int(a["data-count"]) for a in elements.having("data-mistake")}
    assert mistakes == dict(expected_mistakes(submissions)) and mistakes["ex03/dW-transposed"] == 1
    assert "dW has the shape of A_prev @ dZ.T" in text  # the mistake's explanation, from the spec
    exercises = {e["id"] for r in submissions for e in r["exercises"]}
    assert len(re.findall(r"<svg\b", text)) == 1 + len(exercises)  # the totals, and a figure an exercise
    fay = re.search(r"<tr class='learner' data-learner='fay'.*?</tr>", text).group(0)
    ex07 = next(e for s in submissions if s["submission"] == "fay"
                for e in s["exercises"] if e["id"] == "ex07_row_major")
    assert ex07["status"] == "error" and 0 < ex07["score"] < ex07["max_score"]  # cost_prime stopped, the rest counted
    assert re.findall(r"<td class='n[^']*'>([^<]*)</td>", fay)[-1] == f"{ex07['score']:.2f}".rstrip("0").rstrip(".")


def test_the_page_links_the_derivation_and_shows_hidden_messages(graded):
    _, submissions, page = graded
    text = page.read_text(encoding="utf-8")
    # The page holds each derivation it links to, so that its links work once it is mailed or hosted.
    elements = Elements(text)
    links = {a["href"] for a in elements.having("href")}
    ids = {a["id"] for a in elements.having("id")}
    assert "#derivation-ex03_weight_gradients" in links
    assert all(link.startswith("#") and link[1:] in ids for link in links if link != "data:,")
    derivation = (ROOT / "docs" / "ex03_weight_gradients.md").read_text(encoding="utf-8")
    assert all(line in text for line in escape_lines(derivation))
    bob = next(s for s in submissions if s["submission"] == "bob")
    hidden = [c["message"] for e in bob["exercises"] for c in e["checks"] if c["hidden"] and not c["passed"]]
    section = text[text.index("data-learner='bob'>"):]
    section = section[:section.index("</section>")]
    assert hidden and all(line in section for line in escape_lines(hidden[0]))  # the first of its function's


def escape_lines(message):
    import html

    return [html.escape(line, quote=True) for line in message.splitlines() if line.strip()]


def test_the_page_names_the_submissions_that_need_a_look(graded):
    _, _, page = graded
    flags = {(a["data-learner"], a["data-kind"]) for a in Elements(page.read_text()).having("data-kind")}
    assert flags == {("dee", "could not be loaded"), ("dee", "link refused"), ("eve", "refused by the sandbox"),
                     ("fay", "timed out"), ("abe", "files not read"), ("ben", "files not read"),
                     ("cal", "files not read")}


def bar_heights(svg: str) -> list:
    """The heights of a histogram figure's bars, in the order matplotlib draws them."""
    return [round(float(bottom) - float(top), 3) for bottom, top in re.findall(
        r'<path d="M [\d.]+ ([\d.]+) \nL [\d.]+ [\d.]+ \nL [\d.]+ ([\d.]+) [^"]*"[^>]*fill: #4c72b0', svg)]


def test_the_histograms_draw_the_files_handed_in_and_count_the_others():
    """A learner who handed in no file for an exercise was drawn as a 0, beside the files that
    scored 0: the histograms draw the files handed in, and their titles count the others."""
    from autograder import catalog, classpage, plots, report

    ex01 = catalog.BY_ID["ex01_sigmoid_derivative"]
    handed_in = [report.ExerciseResult(ex01.id, 10.0, 10.0, "passed"), report.ExerciseResult(ex01.id, 0.0, 10.0, "failed")]
    results = [report.submission_dict(report.SubmissionResult(name, (e,))) for name, e in zip(
        ("ada", "bob", "cy", "dee", "eve"), handed_in + [report.unscored(ex01, "missing", "no file")] * 3)]
    text = classpage.page(results)
    for figure, title in (("totals-plot", "Totals"), ("exercise-plots", ex01.id)):
        svg = text[text.index(f"<figure id='{figure}'>"):]
        svg = svg[:svg.index("</figure>")]
        assert f">{title}</text>" in svg and ">(3 not handed in)</text>" in svg
        assert ">no submission</text>" not in svg  # files were handed in: bars, not the words
        heights = bar_heights(svg)
        assert len(heights) == plots.BINS and heights[0] == heights[-1] > 0 and set(heights[1:-1]) == {0}


def test_a_histogram_of_no_files_counts_from_0_and_one_submission_is_said_so():
    """An exercise nobody handed in was drawn with matplotlib's empty axis, -0.05 to 0.05
    submissions; and a class of one read "1 submissions"."""
    from autograder import catalog, classpage, report

    ex01 = catalog.BY_ID["ex01_sigmoid_derivative"]
    result = report.submission_dict(report.SubmissionResult("ada", (report.unscored(ex01, "missing", "no file"),)))
    text = classpage.page([result])
    svg = text[text.index("<figure id='exercise-plots'>"):]
    labels = re.findall(r">([^<>]+)</text>", svg[:svg.index("</figure>")])
    assert "(1 not handed in)" in labels and "1" in labels
    assert "no submission" in labels  # said in the empty frame, which read as a plot that failed to draw
    assert not [label for label in labels if label.startswith(("\u2212", "-")) or "." in label]
    assert ">1</span> submission; mean total" in text


def test_the_histograms_count_a_learner_whose_zip_was_not_opened_apart_from_those_who_handed_in_nothing():
    """A learner who handed in only bob.zip was counted as "not handed in" under the histograms:
    the instructor read it as no work, where there is work to unpack."""
    from autograder import attention, catalog, classpage, report

    ex01 = catalog.BY_ID["ex01_sigmoid_derivative"]
    nothing = report.unscored(ex01, "missing", f"no {ex01.id}.py or {ex01.id}.ipynb here")
    zipped = report.unscored(ex01, "missing", f"no {ex01.id}.py or {ex01.id}.ipynb here (bob.zip is not opened: "
                                              "unpack it here)", attention.UNREAD[0])
    results = [report.submission_dict(report.SubmissionResult(name, (e,))) for name, e in zip(
        ("ada", "bob", "cy", "dee"), (report.ExerciseResult(ex01.id, 10.0, 10.0, "passed"), zipped, zipped, nothing))]
    text = classpage.page(results)
    for figure, title in (("totals-plot", "Totals"), ("exercise-plots", ex01.id)):
        svg = text[text.index(f"<figure id='{figure}'>"):]
        counts = ">(1 not handed in, 2 with files not read)</text>"
        assert f">{title}</text>" in svg and counts in svg[:svg.index("</figure>")]


def test_names_from_the_report_are_escaped(graded, tmp_path):
    from autograder import classpage, report

    tmp, _, _ = graded
    submissions = report.read_json(tmp / "grades.json")
    hostile = "<script>alert(1)</script>' onclick='x"
    submissions[0]["submission"] = hostile
    text = classpage.page(submissions)
    assert "<script" not in text and "onclick='x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#x27; onclick=&#x27;x" in text


def test_the_page_makes_no_request_of_its_own(graded):
    _, _, page = graded
    text = page.read_text(encoding="utf-8")
    elements = Elements(text)
    assert not [tag for tag, _ in elements.found if tag in ("script", "img", "iframe", "object", "embed")]
    assert all(a["src"].startswith("data:") for a in elements.having("src"))
    links = [value for _, attrs in elements.found for name, value in attrs.items() if name.endswith("href")]
    assert links and all(link.startswith(("#", "data:")) for link in links)
    assert all(target.startswith("#") for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", text))
    assert "@import" not in text


def test_report_from_the_saved_json_is_the_same_page(graded):
    tmp, _, page = graded
    done = backprop("report", tmp / "grades.json", "--html", tmp / "again.html")
    assert done.returncode == 0, done.stderr
    made_from = re.compile(r"Made from <code>[^<]*</code>")
    assert made_from.sub("", (tmp / "again.html").read_text()) == made_from.sub("", page.read_text())


@pytest.mark.parametrize("content, said", [
    (None, "does not exist"),
    ("{not json", "is not a JSON report"),
    ('{"submissions": [{"submission": "ada"}]}', "submission 1 is not a report"),
    ('{"submission": "ada", "exercises": [{"id": "ex01", "score": "ten", "max_score": 10, '
     '"status": "passed", "checks": []}]}', "wrong type"),
    ('{"submissions": {"ada": 1}}', "must be a list"),
])
def test_report_refuses_what_is_not_a_report_in_one_line(tmp_path, content, said):
    path = tmp_path / "grades.json"
    if content is not None:
        path.write_text(content)
    out = tmp_path / "page.html"
    out.write_text("the earlier page")
    done = backprop("report", path, "--html", out)
    assert done.returncode == 2
    assert done.stderr.startswith("Error: ") and said in done.stderr and "Traceback" not in done.stderr
    assert out.read_text() == "the earlier page"


def test_a_page_that_fails_is_not_written(tmp_path):
    from autograder import classpage, report

    out = tmp_path / "page.html"
    out.write_text("the earlier page")
    with pytest.raises(TypeError):  # the page is made whole before anything is written, as the commands do
        report.write_whole(out, classpage.page([object()]))  # not a report: the page fails as it is made
    assert out.read_text() == "the earlier page" and [p.name for p in tmp_path.iterdir()] == ["page.html"]


PROBE = """
import sys
from autograder import cli
code = cli.main(sys.argv[1:])
print(code, "matplotlib" in sys.modules)
"""


def test_grade_imports_matplotlib_only_for_the_page(tmp_path):
    work = correct(tmp_path / "ada")
    runs = {}
    for name, extra in (("plain", ()), ("html", ("--html", tmp_path / "page.html"))):
        done = subprocess.run([sys.executable, "-c", PROBE, "grade", work, "--json", tmp_path / f"{name}.json", *extra],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
        runs[name] = done.stdout.splitlines()[-1]
    assert runs == {"plain": "0 False", "html": "0 True"}  # the second shows the probe can see the import


def test_the_means_say_that_a_missing_exercise_counts_0_and_give_the_mean_of_those_handed_in():
    """The page's and the summary's means counted a learner who handed in nothing as a 0 and
    did not say so, beside histograms that leave them out: 2 of 10 read as a class that failed."""
    from autograder import catalog, classpage, render, report

    ex01 = catalog.BY_ID["ex01_sigmoid_derivative"]
    results = [report.SubmissionResult(name, (e,)) for name, e in zip(
        ("ada", "bob", "cy", "dee", "eve"), [report.ExerciseResult(ex01.id, 10.0, 10.0, "passed"),
                                             report.ExerciseResult(ex01.id, 0.0, 10.0, "failed")]
        + [report.unscored(ex01, "missing", "no file")] * 3)]
    text = classpage.page([report.submission_dict(r) for r in results])
    assert "data-value='2.0000'>2</span>, median" in text
    assert "of 10 points (missing counting 0; mean 5 of the 2 handed in).</p>" in text
    assert "mean 2 (missing counting 0; mean 5 of the 2 handed in); full marks" in text  # ex01's heading
    assert "of 10 (missing counting 0; mean 5 of the 2 handed in); full marks 1" in render.summary(results)


def test_the_page_in_a_browser_makes_no_request_logs_no_error_and_shows_the_numbers(graded, chromium):
    _, submissions, page = graded
    url = page.resolve().as_uri()
    chromium.get("about:blank")
    chromium.get_log("performance")  # the browser's own start, drained: what follows is the page's
    chromium.get_log("browser")
    chromium.get(url)
    from selenium.webdriver.support.ui import WebDriverWait  # get() can return at "interactive" on a busy machine
    WebDriverWait(chromium, 60).until(lambda driver: driver.execute_script("return document.readyState") == "complete")
    errors = [entry for entry in chromium.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    requested = [json.loads(entry["message"])["message"] for entry in chromium.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"]
    assert urls == [url]
    assert chromium.execute_script("return performance.getEntriesByType('resource').length") == 0
    count = chromium.find_element("id", "submission-count")
    assert int(count.get_attribute("data-value")) == int(count.text) == len(submissions)
    shown = {row.get_attribute("data-learner"): float(row.find_elements("tag name", "td")[2].text)
             for row in chromium.find_elements("css selector", "tr.learner")}
    assert shown == {s["submission"]: pytest.approx(s["score"], abs=0.01) for s in submissions}
    rows = chromium.find_elements("css selector", "tr.check")
    assert {(r.get_attribute("data-exercise"), r.get_attribute("data-check")):
            tuple(int(td.text) for td in r.find_elements("tag name", "td")[1:3]) for r in rows} == expected_checks(submissions)
    visible = chromium.find_element("id", "totals-plot").find_element("tag name", "svg")
    assert visible.size["width"] > 200 and visible.size["height"] > 100  # the plot is drawn, not empty
    chromium.find_element("css selector", "tr.learner a").click()  # the table's links reach the learners' sections
    assert chromium.execute_script("return location.hash") == "#learner-1"
    shot = Path(os.environ.get("BACKPROP_SCREENSHOT", "")) if os.environ.get("BACKPROP_SCREENSHOT") else None
    if shot:  # docs/images/class-report.png is made so (docs/instructors.md)
        chromium.execute_script("window.scrollTo(0, 0)")
        assert chromium.save_screenshot(str(shot))


def test_following_a_link_to_a_derivation_unfolds_it(graded, chromium):
    """The derivations are folded; a mistake's link to one scrolled to its fold and left it shut."""
    _, _, page = graded
    chromium.get(page.resolve().as_uri())
    link = chromium.find_element("css selector", "li.mistake a[href^='#derivation-']")
    target = chromium.find_element("id", link.get_attribute("href").split("#")[1])
    folded = target.find_element("xpath", "ancestor-or-self::details")
    assert folded.get_attribute("open") is None
    link.click()
    assert folded.get_attribute("open") is not None and target.is_displayed()
    top = chromium.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert 0 < top < chromium.execute_script("return innerHeight") / 2  # scrolled to, its summary above it


def test_the_page_counts_the_submissions_that_need_a_look_as_the_summary_does():
    """A learner's folder that is a link flags each of its exercises: the page's list counted
    7 "link refused" for that one learner, where the summary printed 1."""
    from autograder import catalog, classpage, render, report

    link = "ada is a symbolic link: only regular files inside a submission's own folder are read"
    refused = tuple(report.unscored(e, "error", link, "link refused") for e in catalog.part(1))
    results = [report.SubmissionResult("ada", refused),
               report.SubmissionResult("bob", tuple(report.unscored(e, "missing", "no file") for e in catalog.part(1)))]
    assert "Submissions that need a look: link refused 1 " in render.summary(results)
    text = classpage.page([report.submission_dict(r) for r in results])
    assert "<li><b>link refused</b> (1 submission):" in text
    assert text.count("<tr class='flag' data-learner='ada' data-kind='link refused'>") == 7


@pytest.mark.parametrize("message, kind", [
    ("relu_derivative printed more than the 8 MiB a submission may print; its output was cut off.",
     "printed or wrote too much"),
    ("output_delta wrote more than the 64 MiB a submission may keep in its folder.",
     "printed or wrote too much"),
    ("The process running your code stopped while calling cost (the worker process ended with exit status 1).",
     "stopped")])
def test_a_submission_over_its_output_or_folder_limit_is_flagged_for_that(message, kind):
    """A flood of prints read "stopped" in the summary, as if the worker had ended."""
    from autograder import attention

    check = {"name": "values", "passed": False, "message": message, "flag": kind}  # as the grader sets it
    report = {"submission": "ada", "exercises": [{"id": "ex01_sigmoid_derivative", "status": "failed", "checks": [check]}]}
    assert [(f.kind, f.message) for f in attention.flags(report)] == [(kind, message)]


def test_a_class_of_both_parts_from_moodle_fits_the_page_in_a_browser(tmp_path, chromium):
    """Moodle's folders name its rows ("Ada Lovelace_123456_assignsubmission_file_"): the table
    of ten exercises and that name ran 100 pixels past the page's right edge; and an exercise's
    histogram title counting a zip not opened ran into its neighbour's, and past the figure."""
    from autograder import catalog, classpage, report

    def learner(name, handed_in, note=""):
        return report.submission_dict(report.SubmissionResult(name, tuple(
            report.ExerciseResult(e.id, e.points, e.points, "passed") if e.id in handed_in
            else report.unscored(e, "missing", f"no {e.id}.py or {e.id}.ipynb here{note}") for e in catalog.EXERCISES)))
    part1 = [e.id for e in catalog.EXERCISES if e.part == 1]
    results = [learner("Ada Lovelace_123456_assignsubmission_file_", part1),
               learner("Zoë Ångström", ["ex08_softmax_cross_entropy"]),
               learner("bob", [], " (bob.zip is not opened: unpack it here)"), learner("cy", [])]
    page = tmp_path / "report.html"
    page.write_text(classpage.page(results), encoding="utf-8")
    chromium.set_window_size(1200, 900)
    chromium.get(page.resolve().as_uri())
    sideways = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert chromium.execute_script(sideways) <= 0
    titles = []
    for figure in chromium.find_element("id", "exercise-plots").find_elements("tag name", "svg"):
        box = figure.rect
        for t in figure.find_elements("tag name", "text"):
            if re.match(r"ex\d\d|\(", t.text):
                titles.append(t.rect)
                assert t.rect["x"] + t.rect["width"] <= box["x"] + box["width"] + 1, t.rect
    assert len(titles) >= len(catalog.EXERCISES)
    for i, a in enumerate(titles):
        for b in titles[i + 1:]:  # two boxes overlap when they do both across and down
            apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or \
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
            assert apart, (a, b)


def test_a_long_folder_name_and_an_unbroken_message_do_not_widen_the_page(tmp_path, chromium):
    """A learner's folder named with 200 letters and an exception of 5,000 letters without a space, which the
    page shows (cut to 2,000) in its section and in the submissions that need a look: the page ran 14,865 pixels
    past its right edge, every section scrolling sideways for one learner's message."""
    name = "L" * 200
    source = correct(tmp_path / "class" / name) / "ex01_sigmoid_derivative.py"
    source.write_text(source.read_text() + "\ndef relu_derivative(z):\n    raise ValueError('A' * 5000)\n")
    correct(tmp_path / "class" / "bob")
    done = backprop("grade", tmp_path / "class", "--html", tmp_path / "report.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "A" * 1000 in (tmp_path / "report.html").read_text() and name in (tmp_path / "report.html").read_text()
    chromium.set_window_size(1200, 900)
    chromium.get((tmp_path / "report.html").resolve().as_uri())
    assert chromium.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_the_page_on_a_phone_scrolls_no_sideways_and_draws_its_plots_legible(graded, chromium):
    """At a phone's width the learners' table (a column an exercise) and each exercise's checks ran
    the whole page 170 pixels past its right edge, and the exercises' histograms, one figure of two
    columns, shrank to labels 4 pixels tall. A wide table now scrolls by itself, and each exercise's
    histogram is a figure of its own, one a row where two do not fit."""
    _, _, page = graded
    chromium.set_window_size(390, 844)  # Chromium keeps a window at least 500 pixels wide
    chromium.get(page.resolve().as_uri())
    assert chromium.execute_script("return document.documentElement.clientWidth") < 520
    assert chromium.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    for table in chromium.find_elements("css selector", "#learner-table, table.checks"):  # each reachable, scrolling
        assert table.rect["x"] + table.rect["width"] <= chromium.execute_script(
            "return document.documentElement.clientWidth") + 1
    labels = [t.rect["height"] for t in chromium.find_elements("css selector", "#exercise-plots text") if t.text]
    assert labels and min(labels) >= 8, sorted(labels)[:5]
