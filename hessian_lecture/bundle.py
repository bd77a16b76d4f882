"""The course bundle: one joined, captioned, chaptered lecture video with its page and manifest.

``build`` renders (or reuses) every scene, then writes into the output folder:
``lecture.mp4`` (the scenes' pictures joined by ffmpeg's concat demuxer with stream copy, their
soundtracks joined sample by sample, each cut to its picture's length, so no scene drifts; one chapter
marker per chapter), ``lecture.srt``/``lecture.vtt`` (each scene's captions shifted onto the joined timeline),
``chapters.vtt``, ``transcript.md``, ``scenes/`` (each scene's video, ``.vtt`` and poster),
``poster.png``, ``manifest.json`` and ``index.html`` (with its presenter mode); ``handout.pdf`` and ``deck.pptx``
(each beat's last frame beside its narration; each beat's clip, cut by stream copy). ``formats`` chooses among
``video`` (the video, its captions and page), ``handout`` and ``deck``; each is remade only when its inputs changed.
Every file is written under a temporary name and renamed when complete. Durations are read back from the files.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import srt
import webvtt

from hessian_lecture import deck, handout, keyframes, page, records, runner, timeline
from hessian_lecture.progress import silent
from hessian_lecture.jobs import Job, code_fingerprint
from hessian_lecture.media_info import has_audio, probe
from mathcore.errors import ValidationError
from scenes.catalogue import Entry
from scenes.titles import CHAPTER_TITLES, LECTURE_TITLE
from scenes.params import SceneParams

FORMATS = ("video", "handout", "deck")
FORMAT_FILES = {  # the manifest's "files" that each format writes
    "video": {"video": "lecture.mp4", "captions_vtt": "lecture.vtt", "captions_srt": "lecture.srt",
              "chapters": "chapters.vtt", "transcript": "transcript.md", "poster": "poster.png", "page": "index.html"},
    "handout": {"handout": "handout.pdf"},
    "deck": {"deck": "deck.pptx"},
}
POSTER_AT = 0.6  # a scene's poster is its frame at this fraction of its length
LECTURE_RATE = 24_000  # Hz: the lecture's sound, encoded once (speech needs no more; piper speaks at 22.05 kHz)


@dataclass(frozen=True)
class Placed:
    """A rendered scene placed on the lecture's timeline."""

    entry: Entry
    job: Job
    start: float
    duration: float
    cues: list  # srt.Subtitle, already shifted to the lecture's timeline


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _ffmpeg(*args: str) -> None:
    done = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise runner.RenderError(f"ffmpeg failed: {done.stderr.strip()[-500:]}")


def _shift(cue: srt.Subtitle, start: float, end: float) -> srt.Subtitle:
    """``cue`` moved by ``start`` seconds and clipped to the scene's interval [start, end]."""
    s = min(start + cue.start.total_seconds(), end)
    e = min(start + cue.end.total_seconds(), end)
    return srt.Subtitle(index=0, start=datetime.timedelta(seconds=s), end=datetime.timedelta(seconds=e), content=cue.content)


def place(entries: list[Entry], jobs: list[Job]) -> list[Placed]:
    """Scenes on the joined timeline: each starts where the previous one ends (durations from the files)."""
    placed, t = [], 0.0
    for entry, job in zip(entries, jobs):
        duration = probe(job.path).duration
        raw = list(srt.parse(job.captions.read_text(encoding="utf-8"))) if job.captions and job.captions.exists() else []
        placed.append(Placed(entry, job, t, duration, [_shift(c, t, t + duration) for c in raw]))
        t += duration
    return placed


def chapters(placed: list[Placed]) -> list[dict]:
    """One chapter per chapter number: its title and [start, end) on the timeline."""
    result: list[dict] = []
    for p in placed:
        if result and result[-1]["number"] == p.entry.chapter:
            result[-1]["end"] = p.start + p.duration
        else:
            result.append({"number": p.entry.chapter, "title": CHAPTER_TITLES[p.entry.chapter],
                           "start": p.start, "end": p.start + p.duration})
    return result


def _ffmetadata(chapter_list: list[dict]) -> str:
    lines = [";FFMETADATA1", f"title={LECTURE_TITLE}"]
    for c in chapter_list:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(c['start'] * 1000)}",
                  f"END={round(c['end'] * 1000)}", f"title={_chapter_label(c)}"]
    return "\n".join(lines) + "\n"


def _chapter_label(c: dict) -> str:
    return c["title"] if c["number"] == 0 else f"{c['number']}. {c['title']}"


def join(placed: list[Placed], chapter_list: list[dict], target: Path, work: Path) -> None:
    """Concatenate the scene videos without re-encoding the picture, join their sound sample by sample, and
    embed the chapters."""
    listing = work / "scenes.txt"
    # each scene's length is its picture's: the demuxer would otherwise place the next scene after the longer
    # of its streams (manim's sound ends up to an AAC frame later), and the picture would drift behind the sound
    listing.write_text("".join(f"file '{p.job.path.resolve()}'\nduration {p.duration:.6f}\n" for p in placed))
    meta = work / "chapters.txt"
    meta.write_text(_ffmetadata(chapter_list))
    tmp = work / "lecture.mp4"
    _ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-i", str(meta), *_sound_inputs(placed), "-map", "0:v",
            "-map_metadata", "1", "-map_chapters", "1", "-c:v", "copy", "-movflags", "+faststart", str(tmp))
    os.replace(tmp, target)


def _sound_inputs(placed: list[Placed]) -> list[str]:
    """ffmpeg arguments that join the scenes' soundtracks, each padded or cut to its picture's length, and
    encode them once, with the fast AAC coder as the scenes are (see scenes.manim_patches), at ``LECTURE_RATE`` (none
    when the scenes are silent)."""
    if not all(has_audio(p.job.path) for p in placed):
        return []
    inputs, chain = [], ""
    for k, p in enumerate(placed):
        inputs += ["-i", str(p.job.path)]
        chain += f"[{k + 2}:a]apad=whole_dur={p.duration:.6f},atrim=end={p.duration:.6f}[a{k}];"
    chain += "".join(f"[a{k}]" for k in range(len(placed))) + f"concat=n={len(placed)}:v=0:a=1[sound]"
    return [*inputs, "-filter_complex", chain, "-map", "[sound]", "-c:a", "aac", "-aac_coder", "fast", "-b:a", "160k",
            "-ar", str(LECTURE_RATE)]


def _vtt_from_cues(cues: list, target: Path) -> None:
    vtt = webvtt.WebVTT()
    for c in cues:
        vtt.captions.append(webvtt.Caption(_stamp(c.start.total_seconds()), _stamp(c.end.total_seconds()), c.content))
    tmp = target.with_name(f".tmp-{target.name}")  # keeps the .vtt ending, which webvtt-py insists on
    vtt.save(str(tmp))
    os.replace(tmp, target)


def _stamp(seconds: float) -> str:
    """A WebVTT time stamp, whole milliseconds cut as srt writes them, so both caption files agree."""
    ms = int(seconds * 1000 + 1e-6)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def poster(video: Path, at: float, target: Path) -> None:
    """The frame of ``video`` at ``at`` seconds, as PNG."""
    tmp = target.with_name(f".tmp-{target.name}")
    _ffmpeg("-ss", f"{at:.3f}", "-i", str(video), "-frames:v", "1", str(tmp))
    os.replace(tmp, target)


def transcript(placed: list[Placed], chapter_list: list[dict]) -> str:
    """The narration as Markdown: a section per chapter, a paragraph per scene."""
    out = [f"# {LECTURE_TITLE}: transcript", ""]
    for c in chapter_list:
        out += [f"## {_chapter_label(c)}", ""]
        for p in placed:
            if p.entry.chapter == c["number"]:
                out += [f"**{p.entry.title}** ({_clock(p.start)})", "",
                        " ".join(" ".join(cue.content.split()) for cue in p.cues), ""]
    return "\n".join(out)


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def manifest(placed: list[Placed], chapter_list: list[dict], quality: str, output: Path) -> dict:
    """What the bundle holds, with durations read back from the scene files (the lecture joins them frame for
    frame); ``beats`` tile the timeline (see :mod:`hessian_lecture.timeline`)."""
    first = probe(placed[0].job.path)
    return {
        "title": LECTURE_TITLE,
        "version": version("hessian-lecture"),
        "quality": quality,
        "width": first.width,
        "height": first.height,
        "fps": float(first.fps),
        "duration": placed[-1].start + placed[-1].duration,
        "code": code_fingerprint()[:12],
        "voice": placed[0].job.voice,
        "breath": placed[0].job.breath,
        "chapters": [{**c, "label": _chapter_label(c)} for c in chapter_list],
        "beats": timeline.beats(placed, float(first.fps)),
        "scenes": [
            {
                "name": p.entry.name,
                "title": p.entry.title,
                "chapter": p.entry.chapter,
                "start": p.start,
                "duration": p.duration,
                "params": p.job.params.as_dict(),
                "params_hash": p.job.params_digest,
                "scripted_beats": [beat_id for beat_id, _ in p.job.script],
                "files": {
                    "video": _relative(p.job.path, output),
                    "captions": _relative(p.job.path.with_suffix(".vtt"), output),
                    "poster": _relative(p.job.path.with_suffix(".png"), output),
                },
            }
            for p in placed
        ],
    }


def _inputs_digest(jobs: list[Job]) -> str:
    return hashlib.sha256("".join(j.digest for j in jobs).encode()).hexdigest()[:16]


def build(
    entries: list[Entry],
    params: dict[str, SceneParams],
    quality: str,
    output: Path,
    workers: int,
    force: bool = False,
    report: Callable[[str], None] = print,
    order: Callable[[Job], float] = lambda job: 0.0,
    narration: dict[str, dict] | None = None,
    cluster=None,
    formats: tuple[str, ...] = FORMATS,
    paper: str = handout.PAPERS[0],
) -> dict:
    """Render or reuse the scenes, then write the bundle into ``output``; returns the manifest.

    ``narration`` gives each scene's ``voice``, ``breath`` and ``script`` (see :mod:`hessian_lecture.speaking`);
    ``cluster`` renders the scenes on a Dask cluster (see :func:`hessian_lecture.runner.run`); ``formats`` are the
    parts of :data:`FORMATS` to write (or reuse), ``paper`` the handout's paper size."""
    scene_dir = output / "scenes"
    narration = narration or {}
    jobs = [Job(e.name, params[e.name], quality, "mp4", scene_dir, **narration.get(e.name, {})) for e in entries]
    runner.run(jobs, workers, force, report, order, cluster)
    digest = _inputs_digest(jobs)
    manifest_path = output / "manifest.json"
    old = _old_manifest(manifest_path, report)
    recorded = {} if force else old.get("records", {})
    made = {} if force else _still_made(old, output, digest, paper, formats, report)
    scene_files = [_relative(j.path.with_suffix(suffix), output) for j in jobs for suffix in (".vtt", ".png")]
    scenes_whole = not force and _whole(output, recorded, scene_files, "the scenes' captions and posters",
                                        report if old.get("inputs") == digest else silent)
    reused = [f for f in formats if f in made]
    if reused:
        report(f"reused    lecture: {output} ({', '.join(reused)})")
    todo = [f for f in FORMATS if f in formats and f not in made]
    if not todo and scenes_whole and made == old.get("made"):
        return old

    placed = place(entries, jobs)
    chapter_list = chapters(placed)
    for p in placed:
        local = [_shift(c, -p.start, p.duration) for c in p.cues]
        _vtt_from_cues(local, p.job.path.with_suffix(".vtt"))
        scene_poster = p.job.path.with_suffix(".png")
        if records.mismatch(scene_poster, recorded.get(_relative(scene_poster, output))):
            poster(p.job.path, POSTER_AT * p.duration, scene_poster)
    data = {**manifest(placed, chapter_list, quality, output), "inputs": digest}
    with ThreadPoolExecutor(max_workers=1) as aside:  # the join (its sound encoded on one core) beside the stills
        video = aside.submit(_write_video, placed, chapter_list, data, output, report) if "video" in todo else None
        if "handout" in todo or "deck" in todo:
            report("taking    the last frame of every beat")
            stills = beat_stills(placed, data["beats"], data["fps"], recorded, output)
        if "handout" in todo:
            report("writing   handout.pdf")
            handout.write(data, stills, output / "handout.pdf", paper)
        if "deck" in todo:
            report("writing   deck.pptx")
            deck.write(data, stills, {p.entry.name: p for p in placed}, output / "deck.pptx")
        if video is not None:
            video.result()
    made.update({f: _made_key(f, digest, paper) for f in todo})
    data["made"] = made
    data["files"] = {key: name for f in FORMATS if f in made for key, name in FORMAT_FILES[f].items()}
    kept = [*scene_files, *(name for f in FORMATS if f in made for name in FORMAT_FILES[f].values()),
            *(_relative(path, output) for path in (stills.values() if "handout" in todo or "deck" in todo else ()))]
    data["records"] = records.of([output / name for name in kept], output)  # each one checked or made above
    _write_atomic(manifest_path, json.dumps(data, indent=2))
    _prune(scene_dir, {p.job.stem for p in placed})
    return data


def chosen_formats(text: str) -> tuple[str, ...]:
    """The formats named in the comma-separated ``text``, in :data:`FORMATS` order; an unknown or missing name is
    refused."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise ValidationError(f"--formats {text!r}: name at least one of {', '.join(FORMATS)}")
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValidationError(f"--formats: unknown format {unknown[0]!r}: allowed are {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in names)


def _made_key(fmt: str, digest: str, paper: str) -> str:
    """What a format's files were made from: the scenes' digest, and for the handout its paper."""
    return f"{digest} {paper}" if fmt == "handout" else digest


def _old_manifest(path: Path, report: Callable[[str], None]) -> dict:
    """The manifest an earlier run wrote, {} if there is none; one that cannot be read is reported and counts as
    none."""
    if not os.path.lexists(path):
        return {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        why = "is not a manifest" if not isinstance(old, dict) or not all(
            isinstance(old.get(key, {}), dict) for key in ("made", "records")) else ""
    except (OSError, ValueError) as e:
        why = f"cannot be read ({e})"
    if why:
        report(f"stale     lecture: manifest.json {why}; making everything again")
        return {}
    return old


def _whole(output: Path, recorded: dict, names: list[str], what: str, report: Callable[[str], None]) -> bool:
    """Whether every file of ``names`` (relative to ``output``) matches its record in ``recorded``; if not, the
    line says which file and why, and that ``what`` is made again."""
    try:
        records.check(output, recorded, names)
    except records.Stale as why:
        report(f"stale     lecture: {why}; making {what} again")
        return False
    return True


def _still_made(old: dict, output: Path, digest: str, paper: str, formats: tuple[str, ...],
                report: Callable[[str], None]) -> dict[str, str]:
    """The formats that an earlier run made from the same inputs and whose files all still match the manifest's
    records (see :mod:`hessian_lecture.records`); for a format in ``formats`` that was made from the same inputs
    but whose files do not, the line says why it is made again."""
    recorded = old.get("records", {})
    return {f: key for f, key in old.get("made", {}).items()
            if f in FORMAT_FILES and key == _made_key(f, digest, paper)
            and _whole(output, recorded, list(FORMAT_FILES[f].values()), f, report if f in formats else silent)}


def _write_video(placed: list[Placed], chapter_list: list[dict], data: dict, output: Path,
                 report: Callable[[str], None]) -> None:
    """lecture.mp4 (a key frame at every beat start), its captions, chapters, poster, transcript and page."""
    report("joining   scenes into lecture.mp4")
    with tempfile.TemporaryDirectory(prefix=".join-", dir=output) as work:
        join(placed, chapter_list, Path(work) / "joined.mp4", Path(work))
        if keyframes.ensure(Path(work) / "joined.mp4", [b["start"] for b in data["beats"]], data["fps"]):
            report("encoded   lecture.mp4 again with a key frame at every beat start")
        os.replace(Path(work) / "joined.mp4", output / "lecture.mp4")
    lecture_cues = [c for p in placed for c in p.cues]
    _write_atomic(output / "lecture.srt", srt.compose(lecture_cues, reindex=True))
    _vtt_from_cues(lecture_cues, output / "lecture.vtt")
    chapter_cues = [srt.Subtitle(0, datetime.timedelta(seconds=c["start"]), datetime.timedelta(seconds=c["end"]), _chapter_label(c))
                    for c in chapter_list]
    _vtt_from_cues(chapter_cues, output / "chapters.vtt")
    report("writing   captions, poster, transcript and page")
    shutil.copyfile(placed[0].job.path.with_suffix(".png"), output / ".poster.png")
    os.replace(output / ".poster.png", output / "poster.png")
    _write_atomic(output / "transcript.md", transcript(placed, chapter_list))
    _write_atomic(output / "index.html", page.render(data, lecture_cues, transcript(placed, chapter_list)))


def beat_stills(placed: list[Placed], beat_list: list[dict], fps: float, recorded: dict, output: Path) -> dict[str, Path]:
    """Each beat's last frame (frame n = round((end - scene start) * fps) - 1 of its scene) as a PNG beside its
    scene's video, ``<scene file>.frame-<n>.png``, taken once per scene file (again when one of them does not match
    its record in ``recorded``, names relative to ``output``); by beat id."""
    result = {}
    for p in placed:
        own = [b for b in beat_list if b["scene"] == p.entry.name]
        numbers = [round((b["end"] - p.start) * fps) - 1 for b in own]
        paths = [p.job.path.with_name(f"{p.job.stem}.frame-{n}.png") for n in numbers]
        if any(records.mismatch(path, recorded.get(_relative(path, output))) for path in paths):
            keyframes.stills(p.job.path, numbers, paths)
        result.update({b["id"]: path for b, path in zip(own, paths)})
    return result


def _prune(scene_dir: Path, keep: set[str]) -> None:
    """Remove scene files of earlier parameter sets that the new manifest no longer names."""
    for f in scene_dir.iterdir():
        if f.is_file() and not f.name.startswith(".") and f.name.split(".")[0] not in keep:
            f.unlink()
