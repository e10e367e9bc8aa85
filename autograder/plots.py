"""Histograms of a class's scores, drawn by matplotlib as SVG text to put inside a page.

matplotlib is the `report` extra (pyproject.toml); only the class report imports this
module, so that grading never loads it. Figures are made with matplotlib's object API
(no pyplot, whose figures are global state), and rcParams change only inside rc_context.
"""
import io

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

BINS = 10
_STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller, and the page's font draws it
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def grid(panels, *, name: str, columns: int, width: float, height: float) -> str:
    """Histograms of [(title, scores, maximum)] in a grid of columns, as one <svg> element;
    name salts the SVG's element ids, so that two figures on one page never share one."""
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": name}):
        rows = -(-len(panels) // columns)
        figure = Figure(figsize=(width, height * rows))
        axes = figure.subplots(rows, columns, squeeze=False).ravel()
        # fixed margins, in inches: a layout engine would take most of the drawing's time
        figure.subplots_adjust(left=0.7 / width, right=1 - 0.2 / width, bottom=0.5 / (height * rows),
                               top=1 - 0.5 / (height * rows), wspace=0.25, hspace=1.4 / height)
        for ax, (title, scores, maximum) in zip(axes, panels):
            top = maximum if maximum > 0 else 1.0
            edges = [top * i / BINS for i in range(BINS + 1)]
            ax.hist(scores, bins=edges, color="#4c72b0", edgecolor="white")
            ax.set_title(title, loc="left")
            ax.set_xlim(0, top)
            ax.set_xlabel("points")
            ax.set_ylabel("submissions")
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.set_ylim(0, max(ax.get_ylim()[1], 1))  # nothing handed in: matplotlib drew -0.05 to 0.05
            if not len(scores):  # said, not an empty frame that reads as a plot failing to draw
                ax.text(0.5, 0.5, "no submission", transform=ax.transAxes, ha="center", va="center", color="#555")
        for ax in axes[len(panels):]:
            ax.set_visible(False)
        out = io.StringIO()
        FigureCanvasSVG(figure).print_svg(out, metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg"):]  # without the XML prolog and doctype, which HTML does not take
