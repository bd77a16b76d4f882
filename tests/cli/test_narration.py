"""The narration on the command line: the script file round trip, voices, and every bad narration input."""

from __future__ import annotations

import subprocess
import tomllib

import pytest
from click.testing import CliRunner

from hessian_lecture.cli import cli
from hessian_lecture.inspection import dry_run
from hessian_lecture.jobs import Job
from scenes.cards import TitleCard
from scenes.catalogue import find, lecture

from .test_bad_input import _assert_clean_failure

SCRIPTS = {
    "bad_syntax": ("[title.welcome\ntext = 'x'", r"script .*: not valid TOML"),
    "unknown_scene": ("[titel.welcome]\ntext = 'Hello.'", r"scene 'titel' is unknown \(did you mean title\?\)"),
    "unknown_beat": ("[title.welcom]\ntext = 'Hello.'",
                     r"beat title.welcom is unknown \(did you mean title.welcome\?\): title has welcome$"),
    "empty_text": ("[title.welcome]\ntext = '   '", r"beat title.welcome needs a non-empty text"),
    "no_text": ("[title.welcome]\nseconds = 3.0", r"beat title.welcome needs a non-empty text"),
    "number_text": ("[title.welcome]\ntext = 3", r"beat title.welcome needs a non-empty text"),
    "extra_key": ("[title.welcome]\ntext = 'Hi.'\nvoice = 'me'", r"beat title.welcome has 'voice': allowed keys are"),
    "too_long": ("[title.welcome]\ntext = '" + "word " * 18 + "'", r"beat title.welcome: the sentence .* needs 3 caption"),
    "flat_scene": ("title = 'Hello.'", r"\[title\] must hold one table per beat"),
}


@pytest.mark.parametrize("text, pattern", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_bad_script_files(tmp_path, text, pattern):
    file = tmp_path / "narration.toml"
    file.write_text(text)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "title", "--voice", "none", "--script", str(file), "--output", str(out)])
    _assert_clean_failure(result, pattern, out)


BAD_VOICES = {
    "unknown": (["--voice", "robot"], r"voice = 'robot': unknown; use one of piper, espeak, none, recorded:DIR"),
    "empty_recorded": (["--voice", "recorded:"], r"voice = 'recorded:': unknown"),
    "missing_folder": (["--voice", "recorded:/no/such/dir"], r"voice recorded:/no/such/dir: no such folder"),
    "breath": (["--breath", "9"], r"breath = 9: must lie in \[0, 3\] seconds"),
    "missing_script": (["--script", "nope.toml"], r"script nope.toml: no such file"),
}


@pytest.mark.parametrize("args, pattern", BAD_VOICES.values(), ids=BAD_VOICES.keys())
def test_bad_voice_settings(tmp_path, monkeypatch, args, pattern):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "title", *args, "--output", str(out)])
    _assert_clean_failure(result, pattern, out)


def test_a_missing_recorded_take_is_named_before_anything_renders(tmp_path):
    takes = tmp_path / "takes"
    takes.mkdir()
    subprocess.run(["espeak-ng", "-w", str(takes / "slope.loss.wav"), "A loss of one input."], check=True)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "slope", "--voice", f"recorded:{takes}", "--output", str(out)])
    _assert_clean_failure(result, r"no take for beat slope.tangent \(expected a file slope.tangent.wav", out)


def test_script_writes_every_beat_with_its_text_and_length(tmp_path):
    file = tmp_path / "narration.toml"
    result = CliRunner().invoke(cli, ["script", "title", "chapter1", "--voice", "none", "--output", str(file)])
    assert result.exit_code == 0, result.output
    data = tomllib.loads(file.read_text())
    expected = {e: dry_run(find(e).cls, voice="none").beats for e in ("title", "chapter1")}
    assert set(data) == set(expected)
    for scene, beats in expected.items():
        assert list(data[scene]) == [b["id"].split(".", 1)[1] for b in beats]
        for b in beats:
            table = data[scene][b["id"].split(".", 1)[1]]
            assert table == {"text": b["text"], "seconds": b["seconds"]}
    assert file.read_text().startswith("# The narration of the lecture")


def test_an_edited_script_changes_the_words_and_only_its_scene(tmp_path):
    file = tmp_path / "narration.toml"
    made = CliRunner().invoke(cli, ["script", "--voice", "none", "--output", str(file)])
    assert made.exit_code == 0, made.output
    data = tomllib.loads(file.read_text())
    assert set(data) == {e.name for e in lecture()}
    text = file.read_text().replace(data["title"]["welcome"]["text"], "Wir beginnen mit Steigungen. Dann kommt die Krümmung.")
    file.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", "title", "--voice", "none", "--script", str(file), "--json"])
    assert result.exit_code == 0, result.output
    import json

    beats = json.loads(result.stdout)["beats"]
    assert [c["text"] for c in beats[0]["cues"]] == ["Wir beginnen mit Steigungen.", "Dann kommt die Krümmung."]
    # the cache key of the edited scene changes; the others keep theirs
    from hessian_lecture import speaking

    entries = [find("title"), find("slope")]
    settings = speaking.settings(entries, {e.name: [e.cls.Params()] for e in entries}, "none", 0.4, file)
    plain = {e.name: Job(e.name, e.cls.Params(), voice="none").digest for e in entries}
    edited = {e.name: Job(e.name, e.cls.Params(), **settings[e.name]).digest for e in entries}
    assert edited["title"] != plain["title"] and edited["slope"] == plain["slope"]


def test_inspect_lists_the_beats_as_the_voice_speaks_them():
    result = CliRunner().invoke(cli, ["inspect", "title", "--voice", "piper", "--json"])
    assert result.exit_code == 0, result.output
    import json

    beats = json.loads(result.stdout)["beats"]
    assert beats == dry_run(TitleCard, voice="piper").beats
    assert [b["id"] for b in beats] == ["title.welcome"]
    assert all(b["seconds"] > 2 for b in beats)



def _cues(job: Job) -> set[str]:
    return {c["text"] for b in dry_run(find(job.scene).cls, voice="none", script=dict(job.script)).beats for c in b["cues"]}


def test_the_takes_of_the_scenes_to_render_are_made_ahead_of_them(tmp_path, monkeypatch):
    from hessian_lecture.speaking import make_takes
    from speech import voices

    monkeypatch.setenv("HESSIAN_LECTURE_VOICE_CACHE", str(tmp_path / "takes"))
    scripted = {"title.welcome": "Welcome, in the teacher's own words."}
    jobs = [Job("title", TitleCard.Params(), voice="espeak", script=tuple(scripted.items())),
            Job("chapter1", find("chapter1").cls.Params(), voice="espeak"),
            Job("slope", find("slope").cls.Params(x_min=-2.5), voice="espeak")]  # other parameters, other words
    expected = _cues(jobs[0]) | _cues(jobs[1])
    assert scripted["title.welcome"] in expected
    lines = []
    assert make_takes(jobs, report=lines.append) == len(expected)
    assert lines[0] == f"speaking  {len(expected)} takes of 2 scenes (espeak)" and lines[1].startswith("spoken    ")
    speaker = voices.voice("espeak")
    for job in jobs[:2]:
        dry_run(find(job.scene).cls, voice="espeak", script=dict(job.script))
    assert speaker.made == len(expected), "the scenes' own dry runs found every take made"
    lines.clear()
    assert make_takes(jobs, report=lines.append) == 0 and lines == [], "nothing to make, nothing said"


def _espeak_jobs() -> list[Job]:
    return [Job("title", TitleCard.Params(), voice="espeak"), Job("chapter1", find("chapter1").cls.Params(), voice="espeak")]


def test_every_take_is_made_before_the_first_render_starts(tmp_path, monkeypatch):
    from hessian_lecture import runner
    from speech import voices

    monkeypatch.setenv("HESSIAN_LECTURE_VOICE_CACHE", str(tmp_path / "takes"))
    speaker, jobs = voices.voice("espeak"), _espeak_jobs()
    every_cue = set().union(*map(_cues, jobs))
    ready = []

    def render(job):
        ready.append(all(speaker.path(text).exists() for text in every_cue))
        return runner.Outcome(job, [tmp_path / f"{job.scene}.mp4"], 0.0, reused=False)

    monkeypatch.setattr(runner, "_run_one", render)
    runner.run(jobs, workers=2, force=True, report=lambda s: None)
    assert ready == [True, True]


def test_a_voice_that_fails_ahead_of_the_renders_stops_them_with_its_error(tmp_path, monkeypatch):
    from hessian_lecture import runner
    from mathcore.errors import ValidationError
    from speech import voices

    monkeypatch.setenv("HESSIAN_LECTURE_VOICE_CACHE", str(tmp_path / "takes"))

    def broken(self, text, work):
        raise ValidationError("voice espeak: broken on purpose")

    monkeypatch.setattr(voices.Espeak, "synthesise", broken)
    monkeypatch.setattr(runner, "_run_one", lambda job: pytest.fail(f"{job.scene} rendered"))
    with pytest.raises(ValidationError, match="broken on purpose"):
        runner.run(_espeak_jobs(), workers=2, force=True, report=lambda s: None)
    assert not list((tmp_path / "takes").glob("*.wav"))
