"""The search page in headless Chromium (Debian's chromium + chromium-driver, via selenium):
type a query, pick a year, see the one sample highlighted, click a facet, open the report.

Skipped only outside CI when /usr/bin/chromium is missing; `scripts/test` installs it.
Screenshots of each page go to the test's tmp dir and to /tmp/serve-shots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = Path("/tmp/serve-shots")

pytestmark = pytest.mark.skipif(
    not os.environ.get("CI") and not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="no /usr/bin/chromium (scripts/test installs it; in CI this test never skips)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_index):
    import uvicorn

    from govsearch.web import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(built_index), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def screenshot(driver, tmp_path: Path, name: str) -> Path:
    """The whole page as PNG under tmp_path, copied to /tmp/serve-shots/."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 600), 5000))
    path = tmp_path / f"{name}.png"
    assert driver.save_screenshot(str(path))
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    driver.set_window_size(1280, 900)
    return path


def arrive(browser, fragment: str, seconds: float = 10) -> None:
    """Wait until a click's navigation has reached a URL holding `fragment`."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, seconds).until(lambda b: fragment in b.current_url)
    WebDriverWait(browser, seconds).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def test_search_facet_report(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/")
    box = browser.find_element(By.ID, "q")
    assert box.get_attribute("placeholder").startswith("例如：政策解读")
    box.send_keys("政策解读")
    Select(browser.find_element(By.ID, "year-from")).select_by_visible_text("2021")
    Select(browser.find_element(By.ID, "year-to")).select_by_visible_text("2021")
    browser.find_element(By.ID, "go").click()
    arrive(browser, "q=")  # the click navigates: read the new page, not the landing page

    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert len(hits) == 1
    assert hits[0].find_element(By.CLASS_NAME, "agency").text == "盘锦市商务局"
    assert [m.text for m in hits[0].find_elements(By.TAG_NAME, "mark")] == ["政策解读"] * 2
    assert "q=%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB" in browser.current_url
    assert screenshot(browser, tmp_path, "1-search").stat().st_size > 10_000

    facet = browser.find_element(By.CSS_SELECTOR, '[data-facet="province"] a.facet-value')
    assert facet.text == "辽宁省"
    facet.click()
    arrive(browser, "province=")
    assert "province=%E8%BE%BD%E5%AE%81%E7%9C%81" in browser.current_url
    assert browser.find_element(By.ID, "province").get_attribute("value") == "辽宁省"
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert [h.find_element(By.CLASS_NAME, "agency").text for h in hits] == ["盘锦市商务局"]
    screenshot(browser, tmp_path, "2-facet")

    hits[0].find_element(By.CLASS_NAME, "agency").click()
    arrive(browser, "/reports/")
    assert browser.current_url.endswith("/reports/2358508584629988")
    assert browser.find_element(By.ID, "agency").text == "盘锦市商务局"
    cell = browser.find_element(By.CSS_SELECTOR, 'td[data-key="pd_license_decisions"]')
    assert cell.text == "152"
    blank = browser.find_element(By.CSS_SELECTOR, 'td[data-key="pd_rules_in_force"]')
    assert blank.text == ""
    assert browser.find_element(By.ID, "quality-score").text == "65.1"
    parts = browser.find_elements(By.CSS_SELECTOR, "table.quality-parts tbody tr")
    assert [p.get_attribute("data-part") for p in parts][-1] == "specific"
    screenshot(browser, tmp_path, "3-report")
