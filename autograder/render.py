"""Results rendered for people: a terminal table, and HTML for a notebook."""
import html

_COLOURS = {"passed": "32", "failed": "31", "missing": "33", "error": "35"}


def _paint(text, status, colour):
    return f"\033[{_COLOURS[status]}m{text}\033[0m" if colour else text


def _points(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _indent(text, pad="    "):
    return "\n".join(pad + line for line in text.splitlines())


def text(result, *, verbose=False, colour=False) -> str:
    """The compact table, then, per exercise not passed, why; every check with verbose."""
    width = max(len(e.id) for e in result.exercises)
    lines = []
    for e in result.exercises:
        status = _paint(f"{e.status:<8}", e.status, colour)
        lines.append(f"  {e.id:<{width}}  {status} {_points(e.score):>5} / {_points(e.max_score)}")
    lines.append(f"  {'total':<{width}}  {'':<8} {_points(result.score):>5} / {_points(result.max_score)}")
    for e in result.exercises:
        failed = [c for c in e.checks if not c.passed]
        if e.status == "passed" and not verbose:
            continue
        lines.append("")
        lines.append(_paint(f"{e.id}: {e.status}", e.status, colour))
        if e.message:
            lines.append(_indent(e.message, "  "))
        shown = e.checks if verbose else failed[:1]
        seen = set()
        for c in shown:
            mark = _paint("ok  " if c.passed else "FAIL", "passed" if c.passed else "failed", colour)
            lines.append(f"  {mark} {c.name}  ({_points(c.score)}/{_points(c.max_score)})")
            if c.message and c.message not in seen:
                lines.append(_indent(c.message))
                seen.add(c.message)
        rest = len(failed) - (1 if failed and not verbose else len(failed))
        if rest > 0:
            lines.append(f"  {rest} more check{'s' if rest > 1 else ''} failed; -v shows every check.")
    return "\n".join(lines)


def html_report(result) -> str:
    """An HTML table for Jupyter: one row a check, the failures' messages preformatted."""
    rows = []
    for e in result.exercises:
        colour = {"passed": "#1a7f37", "failed": "#cf222e"}.get(e.status, "#9a6700")
        rows.append(
            f"<tr><th colspan='3' style='text-align:left'>{html.escape(e.id)}: "
            f"<span style='color:{colour}'>{e.status}</span> "
            f"{_points(e.score)} / {_points(e.max_score)}</th></tr>"
        )
        if e.message:
            rows.append(f"<tr><td colspan='3'>{html.escape(e.message)}</td></tr>")
        for c in e.checks:
            mark = "&#10004;" if c.passed else "&#10008;"
            detail = f"<pre style='margin:0'>{html.escape(c.message)}</pre>" if c.message else ""
            rows.append(
                f"<tr><td>{mark}</td><td style='text-align:left'>{html.escape(c.name)}{detail}</td>"
                f"<td>{_points(c.score)}/{_points(c.max_score)}</td></tr>"
            )
    return "<table>" + "".join(rows) + "</table>"
