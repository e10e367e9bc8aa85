"""Results rendered for people and platforms: a table, HTML, CSV, Gradescope, a summary."""
import csv
import html
import io
import re
import statistics
from collections import Counter, defaultdict

from . import attention, catalog
from .report import hidden_masked, known_mistake, submission_dict

_COLOURS = {"passed": "32", "failed": "31", "missing": "33", "error": "35"}


def paint(text, code, colour):
    return f"\033[{code}m{text}\033[0m" if colour else text


def points(x: float) -> str:
    """Points as people write them: 2, 0.25 (checks give quarters), a mean to two decimals."""
    return f"{round(x, 2) + 0.0:.2f}".rstrip("0").rstrip(".")  # + 0.0: a -0.0 rounded is said "0"


# What a terminal acts on (escapes, carriage returns, bidi overrides) or no UTF-8 text holds (lone surrogates:
# names' bytes that are not UTF-8): learners' messages reach an instructor's terminal too (`grade` of one folder).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_COLOUR_CODES = re.compile(r"\x1b\[[0-9;]*m")  # what a learner's coloured print adds


def inert(text):
    """text with what a terminal would act on shown as ?, colour codes left out."""
    return _CONTROLS.sub("?", _COLOUR_CODES.sub("", text))


def _indent(text, pad="    "):
    return "\n".join(pad + line for line in text.splitlines())


def text(result, *, verbose=False, colour=False) -> str:
    """The compact table, then, per exercise not passed, why (and a passed one's note); every
    check with verbose."""
    width = max(len(e.id) for e in result.exercises)
    lines = []
    parts = [catalog.part_of(e.id) for e in result.exercises]
    for index, (e, part) in enumerate(zip(result.exercises, parts)):
        status = paint(f"{e.status:<8}", _COLOURS[e.status], colour)
        lines.append(f"  {e.id:<{width}}  {status} {points(e.score):>5} / {points(e.max_score)}")
        if len(set(parts)) > 1 and parts[index + 1:index + 2] != [part]:  # the last of its part: a subtotal
            mine = [x for x, p in zip(result.exercises, parts) if p == part]
            score, top = round(sum(x.score for x in mine), 6), round(sum(x.max_score for x in mine), 6)
            lines.append(f"  {f'part {part}':<{width}}  {'':<8} {points(score):>5} / {points(top)}")
    lines.append(f"  {'total':<{width}}  {'':<8} {points(result.score):>5} / {points(result.max_score)}")
    for e in result.exercises:
        failed = [c for c in e.checks if not c.passed]
        if e.status == "passed" and not verbose and not e.message:  # a note (which file was graded) still shows
            continue
        lines += ["", paint(f"{e.id}: {e.status}", _COLOURS[e.status], colour)]
        if e.message:
            lines.append(_indent(inert(e.message), "  "))
        above = None  # the message of the row just above
        for c, message in _explained_once(e.checks if verbose else failed[:1]):
            mark = paint("ok  " if c.passed else "FAIL", _COLOURS["passed" if c.passed else "failed"], colour)
            lines.append(f"  {mark} {c.name}  ({points(c.score)}/{points(c.max_score)})")
            if message and message == above:  # a second check of the same call, failed for the same reason
                lines.append("    (the same as above)")
            elif message:
                lines.append(_indent(inert(message)))
            above = message
        rest = 0 if verbose else len(failed) - 1
        if rest > 0:
            lines.append(f"  {rest} more check{'s' if rest > 1 else ''} failed; -v shows every check.")
    if result.printed:
        lines += ["", _printed_heading(result.printed), *_printed_lines(result.printed, "    ")]
    return "\n".join(lines)


PRINTED_LINES = 15  # of what the learner's code printed, the lines a report shows


def _printed_lines(printed, pad=""):
    return [pad + inert(line) for line in printed.splitlines()[-PRINTED_LINES:]]


def _printed_heading(printed):
    cut = len(printed.splitlines()) > PRINTED_LINES
    return f"What your code printed while it was checked{f' (its last {PRINTED_LINES} lines)' if cut else ''}:"


def html_report(result) -> str:
    """An HTML table for Jupyter: one row a check, the failures' messages preformatted."""
    rows = []
    for e in result.exercises:
        rows.append(f"<tr><th colspan='3' style='text-align:left'>{html.escape(e.id)}: {e.status} "  # theme's colour
                    f"{points(e.score)} / {points(e.max_score)}</th></tr>")
        if e.message:
            rows.append(f"<tr><td colspan='3'>{html.escape(e.message)}</td></tr>")
        for c, message in _explained_once(e.checks):
            mark = "&#10004;" if c.passed else "&#10008;"
            detail = f"<pre style='margin:0;white-space:pre-wrap'>{html.escape(message)}</pre>" if message else ""
            rows.append(f"<tr><td>{mark}</td><td style='text-align:left'>{html.escape(c.name)}"
                        f"{detail}</td><td style='padding-left:1em'>{points(c.score)}/{points(c.max_score)}</td></tr>")
    if result.printed:
        shown = html.escape("\n".join(_printed_lines(result.printed)))
        rows.append(f"<tr><td colspan='3' style='text-align:left'>{html.escape(_printed_heading(result.printed))}"
                    f"<pre style='margin:0;white-space:pre-wrap'>{shown}</pre></td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _explained_once(checks):
    """(check, message) of each check, a known mistake explained at its first check only:
    the checks after it that found the same mistake point back to it."""
    explained = set()
    for c in checks:
        message, cut = c.message, c.message.find(known_mistake(c.misconception)) if c.misconception else -1
        if cut >= 0 and c.misconception in explained:
            message = message[:cut] + f"\nThis is the known mistake {c.misconception} again, explained above."
        explained.add(c.misconception)
        yield c, message


def csv_text(results) -> str:
    """A row a student: the score of each exercise graded (a column each), the total, notes."""
    graded = {e.id for r in results for e in r.exercises}
    columns = [e.id for e in catalog.EXERCISES if e.id in graded]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["student", *columns, "total", "notes"])
    for r in results:
        scores = {e.id: e.score for e in r.exercises}
        writer.writerow([_cell(r.submission), *(scores.get(column, "") for column in columns), r.score,
                         _cell("; ".join(_notes(r)))])
    return "\ufeff" + out.getvalue()  # a byte-order mark: Excel reads UTF-8 by it, not by default


def _notes(r) -> list:
    """Each exercise missing, or in error with the first line of why; then what else needs a look
    (attention.flags): files not read (a zip: "missing" alone would read as not handed in), calls
    that timed out or were refused, so that a 0 in the CSV is not taken for wrong values."""
    errors = {e.id for e in r.exercises if e.status == "error"}
    notes = [f"{e.id}: {e.status}" + (f" ({e.message.splitlines()[0]})" if e.id in errors and e.message.strip() else "")
             for e in r.exercises if e.status in ("missing", "error")]
    return notes + [f"{f.kind} ({f.message.partition(' here (')[2][:-1]})" if f.kind == attention.UNREAD[0]  # once
                    else f"{f.exercise}: {f.kind} ({f.message})" for f in attention.flags(submission_dict(r))
                    if f.kind == attention.UNREAD[0] or f.exercise and f.exercise not in errors]


def _cell(text: str) -> str:
    """A text cell that a spreadsheet shows as text: a folder named =cmd|... is no formula, and
    one named with a bidi override or a newline cannot show as another learner's name or row."""
    text = inert(text).replace("\n", "?")
    return "'" + text if text.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t") else text  # " =1+1": some read it too


def gradescope(results) -> dict:
    """Gradescope's results.json: one test a check; hidden checks shown once published, their
    messages masked as nbgrader's and PrairieLearn's are (staff read them in the stdout).
    Of several submissions, {"submissions": [...]}, as --json does."""
    if len(results) > 1:
        return {"submissions": [{"submission": r.submission, "results": gradescope([r])} for r in results]}
    result, tests = results[0], []
    for e in result.exercises:
        if not e.checks:
            tests.append({"name": f"{e.id}: {e.status}", "score": 0.0, "max_score": e.max_score,
                          "output": inert(e.message), "visibility": "visible"})  # names not UTF-8: ?, not \udcff
        for c in hidden_masked(e).checks:
            tests.append({"name": f"{e.id}: {c.name}", "score": c.score, "max_score": c.max_score,
                          "output": inert(c.message) + (f"\n[{c.misconception}]" if c.misconception else ""),
                          "visibility": "after_published" if c.hidden else "visible"})
    shown = [t for t in tests if t["visibility"] == "visible"]  # Gradescope holds back the rest, and the total
    said = f"{points(sum(t['score'] for t in shown))} of {points(sum(t['max_score'] for t in shown))} points"
    later = [t["max_score"] for t in tests if t not in shown]  # until the grades are published: not told sooner
    if later:
        said += f" in the checks shown now; the hidden checks, worth {points(sum(later))}, are scored once published"
    # Plain text, as written: Gradescope's default (simple_format) renders it as HTML, which
    # loses a message's indented lines and would read a learner's "<b>" in an exception as markup.
    formats = dict.fromkeys(("output_format", "test_output_format", "test_name_format"), "text")
    return {"score": result.score, "output": said, "visibility": "visible", "stdout_visibility": "hidden",
            **formats, "tests": tests}


def handed_in(rows) -> str:
    """What a mean of [(score, status)] that counts a missing one as 0, as a grade book does, adds: the
    mean of those handed in, which says how the material went (the histograms draw only those)."""
    sent = [score for score, status in rows if status != "missing"]
    return (f" (missing counting 0; mean {points(statistics.mean(sent))} of the {len(sent)} handed in)"
            if sent and len(sent) < len(rows) else "")


def exercise_rows(reports) -> dict:
    """{exercise id: its dict in each of the submissions' report dicts that has it}, the
    catalogue's exercises first, in its order."""
    by_id = defaultdict(list)
    for r in reports:
        for e in r["exercises"]:
            by_id[e["id"]].append(e)
    return {i: by_id[i] for i in [e.id for e in catalog.EXERCISES if e.id in by_id] + list(by_id)}


def statuses(rows) -> str:
    """How many of an exercise's dicts have each status, "failed 2, passed 9"."""
    return ", ".join(f"{k} {v}" for k, v in sorted(Counter(e["status"] for e in rows).items()))


def mistakes_made(groups) -> Counter:
    """{mistake: in how many of groups (each a list of check dicts) a failing check found it}."""
    counts = Counter()
    for checks in groups:
        counts.update({c["misconception"] for c in checks if c.get("misconception") and not c["passed"]})
    return counts


def summary(results) -> str:
    """Per exercise: the score distribution and the most frequent catalogued mistakes."""
    reports = [submission_dict(r) for r in results]
    lines = [f"{len(results)} submission{'s' if len(results) != 1 else ''} graded."]
    weak = Counter(r.isolation for r in results if r.isolation.startswith("weak"))
    if weak:
        lines.append(f"Warning: {sum(weak.values())} graded with weak isolation ({'; '.join(weak)}): "
                     "learner code was not confined by the kernel (docs/security.md).")
    look = attention.kinds(map(attention.flags, reports))
    del look[attention.WEAK[0]]  # warned of above
    if look:  # the grader's failures (--resume), and what reads as "missing" or "failed" below but is not
        lines.append("Submissions that need a look: " + ", ".join(f"{kind} {n}" for kind, n in look.most_common())
                     + " (the CSV's notes and the --html page name them).")
    by_id = exercise_rows(reports)
    for e in (e for e in catalog.EXERCISES if e.id in by_id):
        rows = by_id[e.id]
        scores = [x["score"] for x in rows]
        seen = mistakes_made(x["checks"] for x in rows)  # each mistake once per submission
        lines.append(
            f"{e.id:<26} mean {statistics.mean(scores):5.1f} median {statistics.median(scores):5.1f} "
            f"of {e.points:g}{handed_in([(x['score'], x['status']) for x in rows])}; "
            f"full marks {scores.count(e.points)}, {statuses(rows)}")
        if seen:
            lines.append("    most frequent mistakes: " + ", ".join(f"{k} ({v})" for k, v in seen.most_common(3)))
    return "\n".join(lines)
