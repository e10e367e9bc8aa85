"""The class report: one self-contained HTML page of a class's results, for the instructor.

The page makes no request of its own: no script, no stylesheet or font from elsewhere, its
plots inline SVG (autograder.plots). Its numbers sit in data- attributes too, so that a
browser test reads them back. It shows hidden checks' messages: it is not for learners.
It reads the dicts of grading-contract.md, so that `backprop report` (report.read_json)
and `backprop grade --html` (submission_dict of its results) make the same page.
"""
import html
import statistics
from collections import Counter, defaultdict

from . import attention, catalog, paths, plots, spec
from .render import exercise_rows, handed_in, inert, mistakes_made, points, statuses

MISTAKES_SHOWN = 15


def _e(text) -> str:
    """text as the page's text: markup escaped, and bidi overrides (a name shown as another's) inert."""
    return html.escape(inert(str(text)), quote=True)


def page(results, *, source: str = "") -> str:
    """The class report of submissions' report dicts as one HTML document."""
    results = list(results)
    by_id = exercise_rows(results)  # an exercise's max points: its first dict's
    ranked = sorted(range(len(results)), key=lambda i: (-results[i]["score"], results[i]["submission"]))
    anchors = {i: f"learner-{n}" for n, i in enumerate(ranked, 1)}
    head = paths.template("class-report-head.html")  # the page's head, its style, and the opening of its body
    return "".join([head, _summary(results, source), _NAV, _plots(results, by_id), _mistakes(results),
                    _attention(results, anchors), _checks(by_id), _table(results, by_id, ranked, anchors),
                    _learners(results, ranked, anchors), "</main></body></html>\n"])


_NAV = ("<nav><a href='#distribution'>Scores</a> &middot; <a href='#mistakes'>Mistakes</a> &middot; "
        "<a href='#attention'>Needs a look</a> &middot; <a href='#checks'>Checks</a> &middot; "
        "<a href='#learners'>Learners</a></nav>")


def _summary(results, source) -> str:
    totals = [r["score"] for r in results]
    top = max((r["max_score"] for r in results), default=0.0)
    mean, median = (statistics.mean(totals), statistics.median(totals)) if totals else (0.0, 0.0)
    sent = [(r["score"], "missing" if all(e["status"] == "missing" for e in r["exercises"]) else "") for r in results]
    origin = f" from <code>{_e(source)}</code>" if source else ""
    return (f"<h1>Class report</h1><p class='note'>For the instructor: it shows the hidden checks' "
            f"messages, so do not share it with learners. Made{origin} by <code>backprop</code>.</p>"
            f"<p><span id='submission-count' data-value='{len(results)}'>{len(results)}</span> "
            f"submission{'s' * (len(results) != 1)}; "
            f"mean total <span id='mean-total' data-value='{mean:.4f}'>{points(mean)}</span>, "
            f"median <span id='median-total' data-value='{median:.4f}'>{points(median)}</span> "
            f"of {points(top)} points{handed_in(sent)}.</p>")


def _plots(results, by_id) -> str:
    if not results:
        return ""
    top = max(r["max_score"] for r in results)
    sent = [r for r in results if any(e["status"] != "missing" for e in r["exercises"])]
    unsent = [any(map(attention.not_read, r["exercises"])) for r in results if r not in sent]
    totals = plots.grid([(_unsent("Totals", unsent), [r["score"] for r in sent], top)], name="totals", columns=1,
                        width=6.0, height=2.4)
    panels = [(_unsent(i, [attention.not_read(e) for e in rows if e["status"] == "missing"]),
               [e["score"] for e in rows if e["status"] != "missing"], rows[0]["max_score"])
              for i, rows in by_id.items()]
    # a figure each, side by side where they fit: one grid of them shrank to unreadable text on a phone
    each = "".join(plots.grid([panel], name=f"exercise-{i}", columns=1, width=4.5, height=2.2)
                   for i, panel in zip(by_id, panels))
    return (f"<h2 id='distribution'>How the class did</h2><figure id='totals-plot'>{totals}</figure>"
            f"<h3>Each exercise's score</h3><figure id='exercise-plots'>{each}</figure>")


def _unsent(title, unread) -> str:
    """A histogram's title, counting those who handed in no file (unread: for each, whether its folder
    holds files not read, a zip): they are not drawn, beside the 0s. Those with files not read apart:
    work not yet seen."""
    counts = [f"{n} {what}" for n, what in ((len(unread) - sum(unread), "not handed in"),
                                             (sum(unread), "with files not read")) if n]
    return f"{title}\n({', '.join(counts)})" if counts else title  # a line of its own: one ran into the next title


def _checks(by_id) -> str:
    """Per exercise: its statuses, then each check with the share of the class passing it."""
    out = ["<h2 id='checks'>Each exercise's checks</h2>"]
    for exercise_id, rows in by_id.items():
        full = sum(1 for e in rows if e["score"] >= e["max_score"] > 0)
        known = catalog.BY_ID.get(exercise_id)
        part = f"part {known.part}, " if known else ""
        out.append(f"<h3 id='ex-{_e(exercise_id)}'>{_e(exercise_id)} <span class='note'>"
                   f"({part}{points(rows[0]['max_score'])} points; "
                   f"mean {points(statistics.mean(e['score'] for e in rows))}"
                   f"{handed_in([(e['score'], e['status']) for e in rows])}; full marks "
                   f"<span data-full='{full}'>{full}</span>; {_e(statuses(rows))})</span></h3>")
        if known:  # held in the page: a link to this machine's file would fail once the page is mailed
            doc = paths.derivation(exercise_id).read_text(encoding="utf-8")
            out.append(f"<details><summary>The derivation, docs/{_e(exercise_id)}.md</summary><pre "  # the id inside:
                       f"id='derivation-{_e(exercise_id)}'>{_e(doc)}</pre></details>")  # a link to it unfolds it
        checks = [c for e in rows for c in e["checks"]]
        ran, passed = Counter(c["name"] for c in checks), Counter(c["name"] for c in checks if c["passed"])
        hidden = {c["name"]: c["hidden"] for c in checks}
        if not ran:
            out.append("<p class='note'>No submission's file for it could be run.</p>")
            continue
        out.append("<table class='checks'><tr><th>check</th><th class='n'>passed</th><th class='n'>of</th>"
                   "<th class='n'>share</th><th></th></tr>")
        for name in ran:
            share = passed[name] / ran[name]
            tag = " <span class='tag'>hidden</span>" if hidden[name] else ""
            low = " class='n low'" if share < 0.5 else " class='n'"
            out.append(f"<tr class='check' data-exercise='{_e(exercise_id)}' data-check='{_e(name)}' "
                       f"data-passed='{passed[name]}' data-ran='{ran[name]}'><td>{_e(name)}{tag}</td>"
                       f"<td class='n'>{passed[name]}</td><td class='n'>{ran[name]}</td>"
                       f"<td{low}>{share:.0%}</td><td><span class='bar' style='width:{share * 8:.2f}rem'></span>"
                       f"</td></tr>")
        out.append("</table>")
    return "".join(out)


def _mistakes(results) -> str:
    counts = mistakes_made([c for e in r["exercises"] for c in e["checks"]] for r in results)
    out = ["<h2 id='mistakes'>The most frequent catalogued mistakes</h2>"]
    if not counts:
        return out[0] + "<p>No submission makes a catalogued mistake.</p>"
    explanations = {m: text for e in catalog.EXERCISES for m, text in spec.load(e.id).mistakes.items()}
    out.append("<ol class='mistakes'>")
    for mistake, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MISTAKES_SHOWN]:
        exercise = next((e.id for e in catalog.EXERCISES if mistake.startswith(e.prefix + "/")), None)
        link = f" <a href='#derivation-{_e(exercise)}'>the derivation</a>" if exercise else ""  # held below
        explanation = explanations.get(mistake, "")
        out.append(f"<li class='mistake' data-mistake='{_e(mistake)}' data-count='{count}'><b>{_e(mistake)}</b>: "
                   f"{count} submission{'s' if count != 1 else ''}{link}"
                   + (f"<pre>{_e(explanation.strip())}</pre>" if explanation else "") + "</li>")
    out.append("</ol>")
    if len(counts) > MISTAKES_SHOWN:
        out.append(f"<p class='note'>and {len(counts) - MISTAKES_SHOWN} less frequent ones.</p>")
    return "".join(out)


def _attention(results, anchors) -> str:
    out = ["<h2 id='attention'>Submissions that need a look</h2>"]
    flagged = [attention.flags(r) for r in results]
    found = [(i, flag) for i, flags in enumerate(flagged) for flag in flags]
    if not found:
        return out[0] + "<p>None: every file was read and ran within its limits.</p>"
    kinds = attention.kinds(flagged)  # as the summary counts
    out.append("<ul>" + "".join(f"<li><b>{_e(k)}</b> ({v} submission{'s' * (v > 1)}): {_e(attention.EXPLANATIONS[k])}</li>"
                                for k, v in kinds.most_common()) + "</ul>")
    out.append("<table id='needs-look'><tr><th>submission</th><th>exercise</th><th>why</th><th>message</th></tr>")
    for i, flag in found:
        out.append(f"<tr class='flag' data-learner='{_e(flag.submission)}' data-kind='{_e(flag.kind)}'>"
                   f"<td><a href='#{anchors[i]}'>{_e(flag.submission)}</a></td><td>{_e(flag.exercise)}</td>"
                   f"<td>{_e(flag.kind)}</td><td>{_e(flag.message[:300])}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _table(results, by_id, ranked, anchors) -> str:
    head = "".join(f"<th class='n'>{_e(i.split('_')[0])}</th>" for i in by_id)
    out = [f"<h2 id='learners'>Learners by total</h2><table id='learner-table'><tr><th class='n'>#</th>"
           f"<th>submission</th><th class='n'>total</th>{head}</tr>"]
    for n, i in enumerate(ranked, 1):
        r = results[i]
        scores = {e["id"]: e for e in r["exercises"]}
        cells = "".join(_score_cell(scores.get(exercise_id)) for exercise_id in by_id)
        out.append(f"<tr class='learner' data-learner='{_e(r['submission'])}' data-total='{r['score']}'>"
                   f"<td class='n'>{n}</td><td><a href='#{anchors[i]}'>{_e(r['submission'])}</a></td>"
                   f"<td class='n'>{points(r['score'])}</td>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _score_cell(e) -> str:
    if e is None:
        return "<td></td>"
    text = points(e["score"]) if e["checks"] else e["status"]  # an error with checks: a call stopped, points kept
    low = " low" if e["status"] != "passed" else ""
    return f"<td class='n{low}'>{_e(text)}</td>"


def _learners(results, ranked, anchors) -> str:
    """A section a learner: each exercise not passed, with its failing checks' messages."""
    out = ["<h2>Each learner's failing checks</h2>"]
    for i in ranked:
        r = results[i]
        out.append(f"<section class='learner' id='{anchors[i]}' data-learner='{_e(r['submission'])}'>"
                   f"<h3>{_e(r['submission'])}: {points(r['score'])} of {points(r['max_score'])}</h3>")
        isolation = r.get("isolation", "")
        if isolation.startswith("weak"):
            out.append(f"<p class='low'>Graded with {_e(isolation)}.</p>")
        failing = [e for e in r["exercises"] if e["status"] != "passed"]
        if not failing:
            out.append("<p>Every check passed.</p>")
        for e in failing:
            out.append(f"<h4>{_e(e['id'])}: {_e(e['status'])}, {points(e['score'])} of {points(e['max_score'])}</h4>")
            if e.get("message"):
                out.append(f"<pre>{_e(e['message'])}</pre>")
            _failing_checks(out, e)
        out.append("</section>")
    return "".join(out)


def _failing_checks(out, e) -> None:
    """Each function's failing checks by name, and the messages of its first failing public
    check and its first failing hidden one: the others' mostly say the same on other inputs,
    and a class's page would run to many megabytes with them (they are in the --json report)."""
    by_function, counts = defaultdict(list), Counter(c["function"] for c in e["checks"])
    for c in e["checks"]:
        if not c["passed"]:
            by_function[c["function"]].append(c)
    for function, checks in by_function.items():
        if len(checks) == counts[function] > 1:
            names = f"all {len(checks)} checks of {_e(function)}"
        else:
            names = "; ".join(_e(c["name"]) + (" <span class='tag'>hidden</span>" if c["hidden"] else "") for c in checks)
        out.append(f"<p class='failed' data-checks='{len(checks)}'>&#10008; {names}</p>")
        shown = []
        for hidden in (False, True):
            first = next((c["message"] for c in checks if c["hidden"] == hidden and c["message"]), None)
            if first and first not in shown:
                shown.append(first)
                label = "<span class='tag'>hidden</span> " if hidden else ""
                out.append(f"<pre>{label}{_e(first)}</pre>")
