"""The lecture page in headless Chromium: metadata loads, captions have cues, chapters seek."""

from __future__ import annotations

import json

import pytest
import srt

pytestmark = pytest.mark.slow
ACTIVE_CUE = """() => { const t = Array.from(document.getElementById('lecture').textTracks).find(t => t.mode === 'showing');
  return t && t.activeCues && t.activeCues.length ? t.activeCues[0].text : null; }"""


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
