"""Take the README's screenshots from the real app: `make screenshots`.

Serves the app on a free loopback port over a fresh store (corpus/ ingested), drives Debian's
chromium with Playwright and writes docs/screenshots/*.png: the chat on a desktop (1366x768) and
a phone (390x844), a comparison answer with a passage revealed, and the library.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
WAIT_MS = 120_000
QUESTION = "Which role pays more?"
COMPARISON = "Compare AI engineers and ML engineers"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise SystemExit(f"the server did not start within {timeout:.0f} s")


def ask(page, question: str) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "q => { const s = document.querySelector('#sources .sources');"
        " return s && s.dataset.question === q; }",
        arg=question,
        timeout=WAIT_MS,
    )
    page.wait_for_timeout(400)


def shoot(page, name: str) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"{path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)", flush=True)


def take(url: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(viewport=DESKTOP).new_page()
            page.goto(url)
            page.locator("#question textarea").wait_for(timeout=WAIT_MS)
            ask(page, QUESTION)
            shoot(page, "chat-desktop")
            ask(page, COMPARISON)
            links = page.locator('#chat [data-testid="bot"]').last.locator('a[href^="#cite-"]')
            links.last.click()
            page.wait_for_timeout(300)
            shoot(page, "comparison-desktop")
            page.locator("button[role=tab]", has_text="Library").click()
            page.locator("#library-table").wait_for(timeout=WAIT_MS)
            page.wait_for_timeout(500)
            shoot(page, "library")

            phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
            phone.goto(url)
            phone.locator("#question textarea").wait_for(timeout=WAIT_MS)
            phone.evaluate("() => localStorage.clear()")
            phone.reload()
            phone.locator("#question textarea").wait_for(timeout=WAIT_MS)
            ask(phone, QUESTION)
            phone.locator('#chat [data-testid="bot"]').last.scroll_into_view_if_needed()
            shoot(phone, "chat-phone")
        finally:
            browser.close()


def main() -> int:
    if len(sys.argv) > 1:  # an app that is already running
        take(sys.argv[1].rstrip("/"))
        return 0
    port = free_port()
    with tempfile.TemporaryDirectory() as work:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
        env.update(GRADIO_ANALYTICS_ENABLED="False", GRADIO_TEMP_DIR=str(Path(work) / "tmp"))
        cmd = [sys.executable, "-m", "assistant", "serve", "--ingest-if-empty"]
        cmd += ["--port", str(port), "--store", str(Path(work) / "store")]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        try:
            wait_for(port, proc)
            take(f"http://127.0.0.1:{port}")
        finally:
            proc.terminate()
            proc.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
