"""A headless Chromium driven by selenium, for pages opened from disk.

Debian's chromium and chromium-driver packages (.ci/run installs them). The browser is
told to make no request of its own (no updates, no sync, no background networking), so
that every request it records came from the page. conftest.py's `chromium` fixture and
benchmarks/class_report.py's screenshot use it.
"""
import contextlib
import shutil
import tempfile

BROWSER = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
QUIET = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--disable-extensions")


def missing() -> list:
    """What of the browser and its driver is not installed."""
    return [path for path in (BROWSER, DRIVER) if shutil.which(path) is None]


@contextlib.contextmanager
def chromium(width=1200, height=900):
    """A selenium driver of a fresh headless Chromium that keeps the console's and the
    network's logs; the browser and its driver end when the block does."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="backprop-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for argument in (*QUIET, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        yield driver
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
