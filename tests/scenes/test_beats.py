"""The beat interface: speech sets the time, captions follow the cues, ids are unique and scripts replace words."""

from __future__ import annotations

import pytest
from manim import Dot, FadeIn

from hessian_lecture.inspection import dry_run
from mathcore.errors import ValidationError
from scenes.base import BREATH_S, LectureScene
from scenes.beats import frames
from scenes.narration import reading_seconds

FPS = 15  # dry runs use low quality
FIRST, SECOND = "The first sentence has six words.", "A second one follows it."


class Demo(LectureScene):
    """Two beats; it records the scene's clock at the moments the tests look at."""

    name = "demo"

    def construct(self) -> None:
        self.clock: dict[str, float] = {}
        with self.beat("two_cues", f"{FIRST} {SECOND}") as b:
            self.clock["start"] = self.time
            self.clock["part"] = b.part(0.5)
            self.play(FadeIn(Dot()), run_time=b.part(0.5))
            self.clock["until_second"] = b.until(1)
            self.wait(b.until(1))
            self.clock["second_starts"] = self.time
            self.clock["left"] = b.left
        self.clock["after_first"] = self.time
        with self.beat("long_picture", "Short.") as b:
            self.play(FadeIn(Dot()), run_time=b.duration + 2.0)  # the picture outlasts the speech
        self.clock["after_second"] = self.time


def run(**narration):
    scene_cls = Demo.with_params(**narration)
    result = dry_run(scene_cls)
    return result, scene_cls


def test_durations_come_from_the_speech():
    result, _ = run(voice="none")
    first, second = result.beats
    a, b = reading_seconds(FIRST), reading_seconds(SECOND)
    assert [first["id"], second["id"]] == ["demo.two_cues", "demo.long_picture"]
    assert first["seconds"] == pytest.approx(a + b)
    assert [c["start"] for c in first["cues"]] == [0.0, pytest.approx(a)]
    # the next beat starts when the speech has ended, plus a breath, on a whole frame
    assert second["start"] == pytest.approx(frames(a + b + BREATH_S), abs=1e-9)
    # a picture longer than its speech delays the next beat instead of being cut
    assert result.duration == pytest.approx(second["start"] + frames(reading_seconds("Short.") + 2.0), abs=1 / FPS)


def test_timing_helpers_inside_a_beat():
    result, _ = run(voice="none")
    a, b = reading_seconds(FIRST), reading_seconds(SECOND)
    scene = _scene(voice="none")
    c = scene.clock
    assert c["part"] == pytest.approx(frames(0.5 * (a + b)))
    assert c["until_second"] == pytest.approx(frames(a - c["part"]), abs=1e-9)
    assert c["second_starts"] == pytest.approx(a, abs=1 / FPS)
    assert c["left"] == pytest.approx(a + b - c["second_starts"], abs=1e-9)


def _scene(**narration):
    from manim import tempconfig

    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
        scene = Demo.with_params(**narration)()
        scene.render()
    return scene


def test_captions_are_the_cues_timed_to_their_speech_and_held_until_the_next():
    result, _ = run(voice="espeak", breath=0.7)
    cues = result.captions
    assert [c.content.replace("\n", " ") for c in cues] == [FIRST, SECOND, "Short."]
    captions = iter(cues)
    for beat in result.beats:
        holds = [c["start"] for c in beat["cues"][1:]] + [beat["start"] + beat["seconds"] + 0.7]
        for cue, until in zip(beat["cues"], holds):  # within a beat, up to the next cue; the last, for the breath
            caption = next(captions)
            assert caption.start.total_seconds() == pytest.approx(cue["start"], abs=1e-3)
            assert caption.end.total_seconds() == pytest.approx(until, abs=1e-3)
            assert caption.end.total_seconds() >= cue["end"], "a caption stays up while its words are spoken"


def test_a_script_replaces_the_words_of_one_beat():
    result, _ = run(voice="none", script={"demo.long_picture": "Other words here. And a second sentence."})
    texts = [c.content.replace("\n", " ") for c in result.captions]
    assert texts == [FIRST, SECOND, "Other words here.", "And a second sentence."]
    assert result.beats[1]["seconds"] == pytest.approx(reading_seconds("Other words here.")
                                                       + reading_seconds("And a second sentence."))


def test_a_sentence_too_long_for_two_caption_lines_is_named_with_its_beat():
    long = "This sentence is much too long to fit on the two lines of forty-two characters that a caption has."
    with pytest.raises(ValidationError, match=r"beat demo\.two_cues: the sentence .* needs 3 caption lines"):
        run(voice="none", script={"demo.two_cues": long})


def test_a_beat_id_is_used_once():
    class Twice(LectureScene):
        name = "twice"

        def construct(self) -> None:
            for _ in range(2):
                with self.beat("same", "Again."):
                    pass

    with pytest.raises(ValueError, match="beat id twice.same is used twice"):
        dry_run(Twice, voice="none")
