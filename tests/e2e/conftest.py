"""Browser tests: the real server (`innocity serve`: gunicorn, whitenoise, the demo database in a
temporary folder) driven by Playwright in headless Chromium.

Every page a test opens is watched: a request to any other server, a console error (a content
security policy violation is one) or an uncaught script error fails the test. Screenshots go to
test-artifacts/screenshots/.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _chromium() -> str:
    for candidate in (os.environ.get("INNOCITY_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("找不到 Chromium: 运行 scripts/ensure-chromium 或设置 INNOCITY_CHROMIUM")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(var: Path):
    """Start `innocity serve` on a free port with its own embedded database in `var`."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["INNOCITY_VAR_DIR"] = str(var)
    port = _free_port()
    log = (var / "server.log").open("w")
    command = [str(Path(sys.executable).with_name("innocity")), "serve", "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((var / "server.log").read_text()) from None
            time.sleep(0.3)
    return base, process


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    base, process = _serve(tmp_path_factory.mktemp("var"))
    yield base
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server of its own, for tests that change what the others see (a new published plan)."""
    base, process = _serve(tmp_path_factory.mktemp("var"))
    yield base
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def base_url(server):
    return server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class WatchedPage:
    """A page plus what went wrong on it, and a screenshot helper."""

    def __init__(self, page, base, name):
        self.page, self.base, self.name = page, base, name
        self.foreign, self.errors = [], []
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message):
        # A 422 is the answer to a correction with mistakes: the page shows them, it is no fault.
        if message.type == "error" and "status of 422" not in message.text:
            self.errors.append(message.text)

    def _request(self, request):
        if not request.url.startswith((self.base, "data:", "blob:")):
            self.foreign.append(request.url)

    def goto(self, path):
        return self.page.goto(self.base + path)

    def shot(self, label):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # caret="initial": hiding the caret injects an inline style, which the CSP (rightly) blocks.
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{label}.png"), full_page=True, caret="initial")

    def login(self, username, password="Xinxiang@2022"):
        self.goto("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()


@pytest.fixture
def watched(browser, base_url, request):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = WatchedPage(context.new_page(), base_url, request.node.name)
    yield page
    context.close()
    assert not page.foreign, f"requests to other servers: {page.foreign}"
    assert not page.errors, f"errors in the browser: {page.errors}"
