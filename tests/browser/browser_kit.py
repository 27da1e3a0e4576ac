"""What the browser tests share: Chromium driven by Selenium (Debian's python3-selenium and
chromium-driver), the real server started on a free loopback port, and waits that end."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
# Every wait has an end: the server's start, a page's load, the whole run (ctest's TIMEOUT).
START_SECONDS = 20
PAGE_SECONDS = 20


def driver_or_skip():
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    if not driver:
        print("SKIP: chromium-driver is not installed (scripts/deps.sh installs it)")
        sys.exit(SKIP)
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError:
        print("SKIP: python3-selenium is not installed (scripts/deps.sh installs it)")
        sys.exit(SKIP)
    return driver


def start_server(binary, folder, *more):
    """The demo server (`more`: further arguments) on its own database in `folder`, and its
    address (http://HOST:PORT) read from its "listening on" line."""
    server = subprocess.Popen(
        [binary, "--demo", "--listen", "127.0.0.1:0", "--db", os.path.join(folder, "motcua.db"),
         *more],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    import selectors
    lines = selectors.DefaultSelector()
    lines.register(server.stdout, selectors.EVENT_READ)
    import time
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if not lines.select(timeout=deadline - time.monotonic()):
            break
        line = server.stdout.readline()
        if not line:
            break
        found = re.search(r"listening on (\S+)", line)
        if found:
            return server, "http://" + found.group(1)
    server.kill()
    raise RuntimeError("the server did not say where it listens")


def browser(driver_path, width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=vi"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    b = webdriver.Chrome(service=Service(driver_path), options=options)
    b.set_page_load_timeout(PAGE_SECONDS)
    b.set_window_size(width, height)
    # The viewport, not the window, is what a phone shows: make it exactly width x height.
    inner = b.execute_script("return [window.innerWidth, window.innerHeight]")
    b.set_window_size(width + (width - inner[0]), height + (height - inner[1]))
    return b


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def settled(b, condition, what):
    """Waits (at most 15 s) until the page meets `condition`: a click returns before the next
    page has loaded, an event takes its time."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(b, 15).until(lambda d: condition())
    except TimeoutException:
        raise AssertionError(what) from None


def main(name, test):
    """The browser test `name`'s command line (SERVER_BINARY SCREENSHOT_DIR): the server
    started, test(driver_path, base, shots) run against it, one line saying what failed.
    Returns the exit code: 0 passed, 1 failed, 2 usage, 77 skipped."""
    if len(sys.argv) != 3:
        print(f"usage: {name}.py SERVER_BINARY SCREENSHOT_DIR", file=sys.stderr)
        return 2
    driver_path = driver_or_skip()
    binary, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server, base = start_server(binary, folder)
        try:
            test(driver_path, base, shots)
            return 0
        except Exception as e:
            print(f"{name}: failed: {e}", file=sys.stderr)
            return 1
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
