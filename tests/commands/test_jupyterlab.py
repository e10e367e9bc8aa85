"""JupyterLab in a real browser, as a learner uses it: `backprop start`, `jupyter lab` in that
folder, an exercise notebook opened in headless Chromium, a mistake typed into the solution
cell, every cell run, the check's report read from the page; then the fix, and "passed".

The same with `explain("ex04")` in a cell of its own: the line that departs is marked, and
once fixed there is nothing to explain.

The browser is conftest's `chromium` fixture (tests/browser.py): skipped without Chromium,
failed instead where BACKPROP_REQUIRE_BROWSER is set, as .ci/run does. Set
BACKPROP_SCREENSHOTS to a folder to keep the screenshots there (docs/images holds the ones
docs/learners.md shows); otherwise they go to the test's folder.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import reaper
from conftest import backprop, ends_with_the_test_run, left_running

SHOWN = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the tab shown
WAIT = 180  # seconds for anything the browser or the kernel does: generous, for a loaded machine
TOKEN = "backprop-test-token"

# The catalogued mistake ex03/dW-transposed, then its fix, as a learner types them. The
# editor indents a line after `def ...:` and keeps that indentation, so the lines are typed
# without their leading spaces; what the cell holds afterwards is compared with the code.
MISTAKEN = """def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = A_prev @ dZ.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dW, db"""
FIXED = MISTAKEN.replace("dW = A_prev @ dZ.T / m", "dW = dZ @ A_prev.T / m")

# ex04: the catalogued mistake ex04/W2-not-transposed in hidden_delta, then its fix; and a
# correct backward_propagation, so that once hidden_delta is fixed every check passes.
HIDDEN_MISTAKEN = """def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    slopes = {"tanh": lambda z: 1 - np.tanh(z) ** 2, "sigmoid": lambda z: 0.25 * (1 - np.tanh(z / 2) ** 2), "relu": lambda z: (z > 0) * 1.0}
    if activation not in slopes: raise ValueError(activation)
    dA1 = W2 @ dZ2
    return dA1 * slopes[activation](Z1)"""
HIDDEN_FIXED = HIDDEN_MISTAKEN.replace("dA1 = W2 @ dZ2", "dA1 = W2.T @ dZ2")
BACKWARD = """def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = hidden_delta(dZ2, parameters["W2"], cache["Z1"], "tanh")
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_jupyter_config(folder: Path) -> dict:
    """Environment variables for a Jupyter whose configuration and state are in folder: no
    news prompt, and none of the instructors' nbgrader menus, which learners do not install."""
    (folder / "config" / "labconfig").mkdir(parents=True)
    (folder / "config" / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {
        "@jupyterlab/apputils-extension:announcements": True, "@jupyter/nbgrader": True}}))
    (folder / "config" / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {
        f"nbgrader.server_extensions.{name}": False
        for name in ("formgrader", "validate_assignment", "assignment_list", "course_list")}}}))
    return {"JUPYTER_CONFIG_DIR": str(folder / "config"), "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
            "IPYTHONDIR": str(folder / "ipython")}


def stop_group(process, grace: float = 30.0):
    """End process and its process group: SIGTERM (Jupyter then shuts its kernels down), and
    SIGKILL for what is left after grace seconds."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`backprop start` and `jupyter lab` in that folder, on a free localhost port with a known
    token; its URL and work folder. The server, its kernels and all they started are ended
    afterwards, even when a test failed, and nothing of theirs (nor of the browsers the
    module's tests started, which end before) may be left running."""
    before = reaper.children()
    home = tmp_path_factory.mktemp("jupyterlab")
    work = home / "work"
    assert backprop("start", work).returncode == 0
    port = free_port()
    log = (home / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={work}", "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=ends_with_the_test_run,
        env={**os.environ, **quiet_jupyter_config(home)})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while True:
            assert server.poll() is None, f"jupyter lab ended: {(home / 'server.log').read_text()}"
            assert time.monotonic() < deadline, f"jupyter lab did not answer: {(home / 'server.log').read_text()}"
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        yield {"url": url, "work": work, "home": home}
    finally:
        stop_group(server)
        log.close()
        left = left_running(before)
        assert not left, f"still running after jupyter lab ended: {left}"


class Notebook:
    """An exercise notebook open in JupyterLab, driven as a learner drives it: the mouse
    and the keyboard, and reading what the page shows. Cells are named by their position
    among the code cells, and looked up again each time: JupyterLab redraws its elements."""

    def __init__(self, driver, url, name, folder):
        from selenium.webdriver.common.by import By

        self.driver, self.By, self.folder = driver, By, folder
        driver.set_window_size(1400, 1000)  # room for a cell and its report in one screenshot
        driver.get(f"{url}/lab/tree/{name}?reset&token={TOKEN}")  # reset: no tabs left from before
        self.until(lambda d: self.code_cells() and self.kernel_status() == "idle",
                   "the notebook did not open with an idle kernel")
        # The file browser folded away, as its tab does when clicked: the notebook gets the width.
        for tab in driver.find_elements(By.CSS_SELECTOR, ".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current"):
            tab.click()

    def until(self, condition, message):
        """condition(driver)'s first true value; after WAIT seconds, a screenshot of the page
        (failed.png in the test's folder) and an AssertionError with the message."""
        from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        wait = WebDriverWait(self.driver, WAIT, poll_frequency=0.2,
                             ignored_exceptions=(NoSuchElementException, StaleElementReferenceException, IndexError))
        try:
            return wait.until(condition)
        except TimeoutException:
            self.driver.save_screenshot(str(self.folder / "failed.png"))
            raise AssertionError(f"{message} (after {WAIT} s; the page: {self.folder / 'failed.png'})") from None

    def shown(self, css: str) -> list:
        """The elements matching css in the notebook shown (not in other tabs, which JupyterLab
        keeps in the page, hidden)."""
        return self.driver.find_elements(self.By.CSS_SELECTOR, f"{SHOWN} {css}")

    def code_cells(self):
        return self.shown(".jp-Notebook .jp-CodeCell")

    def source(self, cell: int) -> str:
        """The text in code cell number `cell`'s editor, as the page shows it."""
        return "\n".join(line.get_attribute("textContent")
                         for line in self.code_cells()[cell].find_elements(self.By.CSS_SELECTOR, ".cm-content .cm-line"))

    def cell_with(self, text) -> int:
        """The position of the code cell whose source holds text, once the page shows it."""
        return self.until(lambda d: next((i + 1 for i in range(len(self.code_cells())) if text in self.source(i)), None),
                          f"no code cell holds {text!r}") - 1

    def add_cell(self, code: str) -> int:
        """A code cell added at the end (the notebook's "Click to add a cell." footer) with
        code typed into it; its position."""
        count = len(self.code_cells())
        footer = self.shown(".jp-Notebook-footer")[0]
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", footer)
        self.until(lambda d: footer.is_displayed() and footer.is_enabled(), "the footer is not shown")
        footer.click()
        self.until(lambda d: len(self.code_cells()) == count + 1, "no cell was added")
        self.type_into(count, code)
        return count

    def kernel_status(self):
        found = self.shown(".jp-Notebook-ExecutionIndicator")
        return found[0].get_attribute("data-status") if found else None

    def type_into(self, cell: int, code: str):
        """Click into the cell's editor, select everything, and type code over it."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.code_cells()[cell].find_element(self.By.CSS_SELECTOR, ".cm-content").click()
        keys = ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL)
        keys.send_keys("\n".join(line.lstrip() for line in code.splitlines())).perform()
        self.until(lambda d: self.source(cell) == code, f"the cell does not hold what was typed:\n{code}")

    def run_all(self, cell: int):
        """Run every cell from the Run menu; cell's output (a selenium element) once the
        kernel is idle again and cell has a new execution count."""
        before = self.prompt(cell)
        self.driver.find_element(self.By.XPATH, "//div[contains(@class, 'lm-MenuBar-itemLabel') and text()='Run']").click()
        self.until(lambda d: d.find_elements(self.By.XPATH, "//li[contains(@class, 'lm-Menu-item')]"
                                                         "[.//div[contains(@class, 'lm-Menu-itemLabel') and text()='Run All Cells']]"),
                   "the Run menu has no Run All Cells")[0].click()
        self.until(lambda d: self.prompt(cell) not in (before, "[ ]:", "[*]:") and self.kernel_status() == "idle",
                   "the cells did not run")
        output = self.code_cells()[cell].find_element(self.By.CSS_SELECTOR, ".jp-OutputArea")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", output)
        return output

    def prompt(self, cell: int) -> str:
        """The cell's execution count as shown beside it: [ ]: not run, [*]: running, [3]: run third."""
        return self.code_cells()[cell].find_element(self.By.CSS_SELECTOR, ".jp-InputPrompt").get_attribute("textContent").strip()

    def screenshot(self, name, top: int) -> Path:
        """The page, scrolled to show code cell number `top` first, as a PNG file in
        $BACKPROP_SCREENSHOTS, or else in the test's folder."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", self.code_cells()[top])
        folder = Path(os.environ.get("BACKPROP_SCREENSHOTS") or self.folder)
        folder.mkdir(parents=True, exist_ok=True)
        assert self.driver.save_screenshot(str(folder / name))
        return folder / name


def test_a_mistake_typed_into_a_notebook_is_named_and_its_fix_passes(lab, chromium, tmp_path):
    notebook = Notebook(chromium, lab["url"], "ex03_weight_gradients.ipynb", tmp_path)
    solution = notebook.cell_with("def weight_gradients")
    check = notebook.cell_with('check("ex03_weight_gradients")')
    assert "raise NotImplementedError" in notebook.source(solution)  # the fresh stub

    notebook.type_into(solution, MISTAKEN)
    report = notebook.run_all(check).get_attribute("textContent")
    notebook.screenshot("jupyterlab-mistake.png", top=solution)
    assert "ex03_weight_gradients: failed" in report and "This is a known mistake, ex03/dW-transposed" in report, report
    assert "Traceback" not in report and "Error" not in report

    notebook.type_into(solution, FIXED)
    report = notebook.run_all(check).get_attribute("textContent")
    notebook.screenshot("jupyterlab-passed.png", top=solution)
    assert "ex03_weight_gradients: passed 15 / 15" in report, report
    assert "\u2718" not in report and "dW-transposed" not in report  # no check marked failed


def test_explain_in_a_notebook_marks_the_line_that_departs(lab, chromium, tmp_path):
    notebook = Notebook(chromium, lab["url"], "ex04_hidden_delta.ipynb", tmp_path)
    hidden = notebook.cell_with("def hidden_delta")
    backward = notebook.cell_with("def backward_propagation")
    check = notebook.cell_with('check("ex04_hidden_delta")')
    notebook.type_into(backward, BACKWARD)
    notebook.type_into(hidden, HIDDEN_MISTAKEN)
    explain = notebook.add_cell('from autograder import explain\nexplain("ex04")')

    shown = notebook.run_all(explain)
    notebook.screenshot("jupyterlab-explain.png", top=explain)
    text = shown.get_attribute("textContent")
    assert "first that departs from the derivation" in text and "ex04/W2-not-transposed" in text, text
    marked = [row.get_attribute("textContent") for row in shown.find_elements(notebook.By.CSS_SELECTOR, "tr[style]")]
    assert len(marked) == 1 and "dA1 = W2 @ dZ2" in marked[0], marked  # the one line marked is the learner's
    assert "W2 is (2, 4) = (n_y, n_h); dZ2 is (2, 7) = (n_y, m)" in text  # the operands' shapes, where it raised
    assert "Traceback" not in text

    notebook.type_into(hidden, HIDDEN_FIXED)
    text = notebook.run_all(explain).get_attribute("textContent")
    assert "nothing to explain" in text, text
    report = notebook.code_cells()[check].find_element(notebook.By.CSS_SELECTOR, ".jp-OutputArea").get_attribute("textContent")
    assert "ex04_hidden_delta: passed 20 / 20" in report, report


# WCAG's contrast ratio of an element's text against the background it is drawn on, as the
# browser computes them: the colours of the element and of its first ancestor with a background.
CONTRAST = """
const rgb = s => s.match(/[\\d.]+/g).map(Number);
const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
let e = arguments[0], back = null;
for (let a = e; a && !back; a = a.parentElement) {
  const c = rgb(getComputedStyle(a).backgroundColor); if (c.length < 4 || c[3] > 0) back = c; }
const [x, y] = [lum(rgb(getComputedStyle(e).color)), lum(back)];
return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);"""


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_check_and_explain_are_readable_in_the_theme_and_the_derivation_opens(lab, chromium, tmp_path, theme):
    """In the light theme and the dark one, every text of the check's report and of explain's
    is readable (WCAG AA, 4.5:1), the departing line too; and clicking the derivation shows
    its section on the mistake (a file:// link, from a page served over http, opens nothing)."""
    settings = lab["home"] / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "themes.jupyterlab-settings").write_text(json.dumps({"theme": theme}))
    notebook = Notebook(chromium, lab["url"], "ex03_weight_gradients.ipynb", tmp_path)
    notebook.until(lambda d: d.find_element(notebook.By.TAG_NAME, "body").get_attribute("data-jp-theme-name") == theme,
                   f"the page is not in {theme}")
    solution = notebook.cell_with("def weight_gradients")
    check = notebook.cell_with('check("ex03_weight_gradients")')
    notebook.type_into(solution, MISTAKEN)
    explain = notebook.add_cell('from autograder import explain\nexplain("ex03")')
    shown = notebook.run_all(explain)
    name = theme.split()[-1].lower()
    notebook.screenshot(f"jupyterlab-{name}-check.png", top=check)
    notebook.screenshot(f"jupyterlab-{name}-explain.png", top=explain)
    report = notebook.code_cells()[check].find_element(notebook.By.CSS_SELECTOR, ".jp-OutputArea")
    marked = shown.find_elements(notebook.By.CSS_SELECTOR, "tr[style] td")
    assert marked and "dW = A_prev @ dZ.T / m" in marked[1].get_attribute("textContent")
    texts = [*marked, *shown.find_elements(notebook.By.CSS_SELECTOR, "p, span, pre"),
             *report.find_elements(notebook.By.CSS_SELECTOR, "th, td, span, pre")]
    ratios = {f"{t.tag_name} {t.get_attribute('textContent')[:40]!r}": chromium.execute_script(CONTRAST, t)
              for t in texts if t.get_attribute("textContent").strip()}
    assert min(ratios.values()) >= 4.5, {k: round(v, 2) for k, v in ratios.items() if v < 4.5}

    # The derivation: what its link opens shows the section on the mistake named.
    tabs = set(chromium.window_handles)
    link = shown.find_element(notebook.By.XPATH,
                              ".//*[self::a or self::summary][contains(., 'ex03_weight_gradients.md')]")
    link.click()
    time.sleep(2)
    opened = [h for h in chromium.window_handles if h not in tabs]  # a link may open a tab of its own
    if opened:
        chromium.switch_to.window(opened[0])
    else:
        notebook.screenshot(f"jupyterlab-{name}-derivation.png", top=explain)
    page = chromium.find_element(notebook.By.TAG_NAME, "body").get_attribute("innerText")
    refused = [m["message"] for m in chromium.get_log("browser") if "Not allowed to load" in m["message"]]
    assert "`A_prev @ dZ.T`, which is `dW.T`" in page, (refused, page[-400:])
