"""Presenter mode in headless Chromium, from disk and from a static server: one beat per key press, with sound,
stopping on the beat's last frame; back, home, end and chapter keys; the speaker view follows."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow
VIDEO = "document.getElementById('lecture')"
RATE = 2  # the test plays at double speed; the page stops beats by the video's own clock either way


def _at(page, time: float, frame: float) -> None:
    """Wait until the video is paused within one frame of ``time``."""
    page.wait_for_function(f"{VIDEO}.paused && Math.abs({VIDEO}.currentTime - {time}) <= {frame}", timeout=20000)


def _present(browser, url, bundle_dir):
    m = json.loads((bundle_dir / "manifest.json").read_text())
    beats, frame = m["beats"], 1 / m["fps"]
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url + "#present")
    page.wait_for_function(f"{VIDEO}.readyState >= 1", timeout=20000)
    assert page.evaluate("document.body.classList.contains('presenting')")
    page.evaluate(f"{VIDEO}.playbackRate = {RATE}")
    for beat in beats[:3]:
        heard = page.evaluate(f"{VIDEO}.webkitAudioDecodedByteCount")
        page.keyboard.press("ArrowRight")
        _at(page, beat["end"], frame)
        assert page.evaluate(f"{VIDEO}.webkitAudioDecodedByteCount") > heard, "the beat plays with its sound"
        assert page.evaluate(f"{VIDEO}.muted") is False
    page.screenshot(path=str(bundle_dir.parent / f"presenter-{url.split(':')[0]}.png"))

    page.keyboard.press("ArrowLeft")  # after beat 3: back to the start of beat 2
    _at(page, beats[1]["start"], frame)
    with page.expect_popup() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_function(f"document.getElementById('speaker-next').textContent === {json.dumps(beats[2]['text'])}",
                              timeout=10000)
    assert speaker.locator("#speaker-now").text_content() == beats[1]["text"]
    assert speaker.locator("#speaker-chapter").text_content() == m["chapters"][1]["label"]
    assert speaker.locator("#speaker-clock").text_content()
    speaker.screenshot(path=str(bundle_dir.parent / f"speaker-{url.split(':')[0]}.png"))
    speaker.keyboard.press("PageDown")  # a clicker aimed at the speaker window plays the cued beat in the main one
    _at(page, beats[1]["end"], frame)
    speaker.wait_for_function(f"document.getElementById('speaker-now').textContent === {json.dumps(beats[1]['text'])}")

    page.keyboard.press("End")
    _at(page, beats[-1]["start"], frame)
    page.keyboard.press("Home")
    _at(page, beats[0]["start"], frame)
    page.keyboard.press(str(m["chapters"][1]["number"]))
    _at(page, m["chapters"][1]["start"], frame)
    showing = f"Array.from({VIDEO}.textTracks).filter(t => t.mode === 'showing').length"
    page.wait_for_function(f"{showing} === 1", timeout=10000)
    page.keyboard.press("c")
    assert page.evaluate(showing) == 0
    page.keyboard.press("c")
    assert page.evaluate(showing) == 1
    outside = [r for r in requests if not r.startswith((url.rsplit("/", 1)[0], "data:", "blob:"))]
    assert not outside, f"the page loads nothing from elsewhere: {outside}"
    speaker.close()
    page.close()


def test_presenter_from_disk(browser, bundle_dir):
    _present(browser, (bundle_dir / "index.html").as_uri(), bundle_dir)


def test_presenter_from_a_static_server(browser, served, bundle_dir):
    _present(browser, served, bundle_dir)
