"""The lecture page in headless Chromium: metadata loads, captions have cues, chapters seek."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import shutil
import threading

import pytest
import srt

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required"]
ACTIVE_CUE = """() => { const t = Array.from(document.getElementById('lecture').textTracks).find(t => t.mode === 'showing');
  return t && t.activeCues && t.activeCues.length ? t.activeCues[0].text : null; }"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (make test installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A quiet static server that answers byte-range requests, as real static servers do (video seeking needs them)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        header = self.headers.get("Range", "")
        path = self.translate_path(self.path)
        if not header.startswith("bytes=") or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, _, last = header[6:].partition("-")
        start = int(first) if first else size - int(last)
        end = int(last) if first and last else size - 1
        fh = open(path, "rb")
        fh.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(fh.read(end - start + 1))


@pytest.fixture(scope="module")
def served(bundle_dir):
    handler = functools.partial(RangeHandler, directory=str(bundle_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


def _check_page(browser, url, bundle_dir):
    m = json.loads((bundle_dir / "manifest.json").read_text())
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=20000)
    assert page.evaluate("document.getElementById('lecture').duration") == pytest.approx(m["duration"], abs=0.1)
    page.wait_for_function(
        "Array.from(document.getElementById('lecture').textTracks)"
        ".some(t => t.mode === 'showing' && t.cues && t.cues.length > 0)", timeout=10000)
    cues = page.evaluate("Array.from(document.getElementById('lecture').textTracks)"
                         ".filter(t => t.mode === 'showing')[0].cues.length")
    assert cues == len((bundle_dir / "lecture.srt").read_text().strip().split("\n\n"))
    # the narration plays: not muted, and the browser decodes its audio while the video runs
    assert page.evaluate("document.getElementById('lecture').muted") is False
    page.evaluate("document.getElementById('lecture').play()")
    page.wait_for_function("document.getElementById('lecture').webkitAudioDecodedByteCount > 0", timeout=10000)
    page.evaluate("document.getElementById('lecture').pause()")
    srt_cues = [(c.start.total_seconds(), c.end.total_seconds(), c.content)
                for c in srt.parse((bundle_dir / "lecture.srt").read_text())]
    buttons = page.locator("#chapters button")
    assert buttons.count() == len(m["chapters"])
    for i, chapter in enumerate(m["chapters"]):
        buttons.nth(i).click()
        page.wait_for_function(f"Math.abs(document.getElementById('lecture').currentTime - {chapter['start']}) < 0.05",
                               timeout=5000)
        # after the seek, sound and captions go on together: play a moment, the caption shown is the one spoken
        page.evaluate("document.getElementById('lecture').play()")
        page.wait_for_function(f"document.getElementById('lecture').currentTime > {chapter['start'] + 0.6}", timeout=10000)
        page.evaluate("document.getElementById('lecture').pause()")
        now = page.evaluate("document.getElementById('lecture').currentTime")
        expected = next((text for a, b, text in srt_cues if a <= now < b), None)
        assert page.evaluate(ACTIVE_CUE) == expected
    assert "<iframe" in page.locator("#embed textarea").input_value()
    assert page.locator("#transcript h2").count() == len(m["chapters"])
    outside = [r for r in requests if not r.startswith((url.rsplit("/", 1)[0], "data:", "blob:"))]
    assert not outside, f"the page loads nothing from elsewhere: {outside}"
    page.screenshot(path=str(bundle_dir.parent / f"page-{url.split(':')[0]}.png"))
    page.close()


def test_page_from_disk(browser, bundle_dir):
    _check_page(browser, (bundle_dir / "index.html").as_uri(), bundle_dir)


def test_page_from_a_static_server(browser, served, bundle_dir):
    _check_page(browser, served, bundle_dir)
