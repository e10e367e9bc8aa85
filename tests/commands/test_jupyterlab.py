"""JupyterLab in a real browser, as a learner uses it: `backprop start`, `jupyter lab` in that
folder, an exercise notebook opened in headless Chromium, a mistake typed into the solution
cell, every cell run, the check's report read from the page; then the fix, and "passed".

Needs Chromium and its driver from the system (Debian: chromium, chromium-driver). .ci/run
installs them, and sets BACKPROP_REQUIRE_BROWSER so that the test fails rather than skips
without them. Set BACKPROP_SCREENSHOTS to a folder to keep the screenshots there
(docs/images holds the ones docs/learners.md shows); otherwise they go to the test's folder.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import reaper
from conftest import backprop, left_running

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
WAIT = 180  # seconds for anything the browser or the kernel does: generous, for a loaded machine
TOKEN = "backprop-test-token"
NOTEBOOK = "ex03_weight_gradients.ipynb"

# Skipped where the browser is missing, unless BACKPROP_REQUIRE_BROWSER is set (.ci/run sets
# it): then the test fails, so that CI never passes without running it.
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("BACKPROP_REQUIRE_BROWSER"),
                                reason="needs chromium and chromedriver (apt-get install chromium chromium-driver)")

# The catalogued mistake ex03/dW-transposed, then its fix, as a learner types them. The
# editor indents a line after `def ...:` and keeps that indentation, so the lines are typed
# without their leading spaces; what the cell holds afterwards is compared with the code.
MISTAKEN = """def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = A_prev @ dZ.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dW, db"""
FIXED = MISTAKEN.replace("dW = A_prev @ dZ.T / m", "dW = dZ @ A_prev.T / m")


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
    afterwards, even when a test failed, and nothing of theirs may be left running."""
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
        cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
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


@pytest.fixture
def browser(lab, tmp_path):
    """Headless Chromium driven by chromedriver, with a fresh profile and no network of its
    own; chromium and chromedriver are ended afterwards, even when the test failed."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM and CHROMEDRIVER, "no chromium or chromedriver on PATH: apt-get install chromium chromium-driver"

    before = reaper.children()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run",
                     "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER, log_output=str(tmp_path / "driver.log")))
    try:
        yield driver
    finally:
        driver.quit()
        left = left_running(before)
        assert not left, f"still running after the browser quit: {left}"


class Notebook:
    """An exercise notebook open in JupyterLab, driven as a learner drives it: the mouse
    and the keyboard, and reading what the page shows. Cells are named by their position
    among the code cells, and looked up again each time: JupyterLab redraws its elements."""

    def __init__(self, driver, url, name, folder):
        from selenium.webdriver.common.by import By

        self.driver, self.By, self.folder = driver, By, folder
        driver.get(f"{url}/lab/tree/{name}?token={TOKEN}")
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

    def code_cells(self):
        return self.driver.find_elements(self.By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")

    def source(self, cell: int) -> str:
        """The text in code cell number `cell`'s editor, as the page shows it."""
        return "\n".join(line.get_attribute("textContent")
                         for line in self.code_cells()[cell].find_elements(self.By.CSS_SELECTOR, ".cm-content .cm-line"))

    def cell_with(self, text) -> int:
        """The position of the code cell whose source holds text, once the page shows it."""
        return self.until(lambda d: next((i + 1 for i in range(len(self.code_cells())) if text in self.source(i)), None),
                          f"no code cell holds {text!r}") - 1

    def kernel_status(self):
        found = self.driver.find_elements(self.By.CSS_SELECTOR, ".jp-Notebook-ExecutionIndicator")
        return found[0].get_attribute("data-status") if found else None

    def type_into(self, cell: int, code: str):
        """Click into the cell's editor, select everything, and type code over it."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.code_cells()[cell].find_element(self.By.CSS_SELECTOR, ".cm-content").click()
        keys = ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL)
        keys.send_keys("\n".join(line.lstrip() for line in code.splitlines())).perform()
        self.until(lambda d: self.source(cell) == code, f"the cell does not hold what was typed:\n{code}")

    def run_all(self, cell: int) -> str:
        """Run every cell from the Run menu; the text of cell's output once the kernel is idle
        again and cell has a new execution count."""
        before = self.prompt(cell)
        self.driver.find_element(self.By.XPATH, "//div[contains(@class, 'lm-MenuBar-itemLabel') and text()='Run']").click()
        self.until(lambda d: d.find_elements(self.By.XPATH, "//li[contains(@class, 'lm-Menu-item')]"
                                                         "[.//div[contains(@class, 'lm-Menu-itemLabel') and text()='Run All Cells']]"),
                   "the Run menu has no Run All Cells")[0].click()
        self.until(lambda d: self.prompt(cell) not in (before, "[ ]:", "[*]:") and self.kernel_status() == "idle",
                   "the cells did not run")
        output = self.code_cells()[cell].find_element(self.By.CSS_SELECTOR, ".jp-OutputArea")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", output)
        return output.get_attribute("textContent")

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


def test_a_mistake_typed_into_a_notebook_is_named_and_its_fix_passes(lab, browser, tmp_path):
    notebook = Notebook(browser, lab["url"], NOTEBOOK, tmp_path)
    solution = notebook.cell_with("def weight_gradients")
    check = notebook.cell_with('check("ex03_weight_gradients")')
    assert "raise NotImplementedError" in notebook.source(solution)  # the fresh stub

    notebook.type_into(solution, MISTAKEN)
    report = notebook.run_all(check)
    notebook.screenshot("jupyterlab-mistake.png", top=solution)
    assert "ex03_weight_gradients: failed" in report and "This is a known mistake, ex03/dW-transposed" in report, report
    assert "Traceback" not in report and "Error" not in report

    notebook.type_into(solution, FIXED)
    report = notebook.run_all(check)
    notebook.screenshot("jupyterlab-passed.png", top=solution)
    assert "ex03_weight_gradients: passed 15 / 15" in report, report
    assert "\u2718" not in report and "dW-transposed" not in report  # no check marked failed
