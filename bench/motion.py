"""Motion figures of a rendered video: where nothing on screen changes, and for how long.

Usage: python bench/motion.py VIDEO [--captions FILE.srt] [--manifest manifest.json] [--json]

ffmpeg's ``freezedetect`` (noise ``n=-60dB``) finds every stretch of at least ``MIN_STILL_S`` seconds in
which no pixel changes. Reported: the number of such stretches, their total as a share of the runtime
(bar: at most 20 %), the longest (bar: none over ``MAX_STILL_S`` while the voice speaks), and each stretch
with the caption spoken during it. With a lecture's ``manifest.json`` it also reports the cards' share of
the runtime (bar: at most 5 %). The captions default to the ``.srt`` beside the video.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import srt

MIN_STILL_S = 4.0  # a stretch this long without change counts
MAX_STILL_S = 6.0  # no stretch longer than this while the voice speaks
MAX_STILL_SHARE = 0.20
MAX_CARD_SHARE = 0.05
NOISE = "-60dB"


@dataclass(frozen=True)
class Still:
    start: float
    end: float
    spoken: str  # the captions spoken during the stretch ("" if none)

    @property
    def seconds(self) -> float:
        return self.end - self.start


def duration(video: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "format=duration",
                          "-of", "csv=p=0", str(video)], capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def stills(video: Path, min_seconds: float = MIN_STILL_S) -> list[tuple[float, float]]:
    """Every (start, end) of at least ``min_seconds`` in which no pixel of ``video`` changes (ffmpeg freezedetect)."""
    log = subprocess.run(["ffmpeg", "-nostdin", "-v", "info", "-i", str(video), "-map", "0:v:0",
                          "-vf", f"freezedetect=n={NOISE}:d={min_seconds}", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    starts = [float(x) for x in re.findall(r"freeze_start: ([\d.]+)", log)]
    ends = [float(x) for x in re.findall(r"freeze_end: ([\d.]+)", log)]
    if len(ends) < len(starts):  # a freeze running to the end of the video has no end line
        ends.append(duration(video))
    return list(zip(starts, ends))


def spoken_during(start: float, end: float, cues: list[srt.Subtitle]) -> str:
    return " / ".join(" ".join(c.content.split()) for c in cues
                      if c.start.total_seconds() < end and c.end.total_seconds() > start)


def card_share(manifest: dict) -> float:
    """The share of the lecture's runtime taken by its title and chapter cards."""
    cards = sum(s["duration"] for s in manifest["scenes"] if s["name"] == "title" or s["name"].startswith("chapter"))
    return cards / manifest["duration"]


def measure(video: Path, captions: Path | None = None, manifest: Path | None = None) -> dict:
    cues = list(srt.parse(captions.read_text())) if captions and captions.exists() else []
    found = [Still(a, b, spoken_during(a, b, cues)) for a, b in stills(video)]
    runtime = duration(video)
    figures = {
        "runtime_s": runtime,
        "stills": len(found),
        "still_s": sum(s.seconds for s in found),
        "still_share": sum(s.seconds for s in found) / runtime,
        "longest_still_s": max((s.seconds for s in found), default=0.0),
        "longest_spoken_still_s": max((s.seconds for s in found if s.spoken), default=0.0),
        "list": [{**asdict(s), "seconds": s.seconds} for s in found],
    }
    if manifest:
        figures["card_share"] = card_share(json.loads(manifest.read_text()))
    return figures


def report(f: dict) -> str:
    lines = [f"{'start':>8} {'seconds':>7}  spoken"]
    lines += [f"{s['start']:8.1f} {s['seconds']:7.1f}  {s['spoken'][:110]}" for s in f["list"]]
    lines += [
        "",
        f"stretches of {MIN_STILL_S:g} s or more without change: {f['stills']}, {f['still_s']:.1f} s of "
        f"{f['runtime_s']:.1f} s = {f['still_share']:.1%} (bar {MAX_STILL_SHARE:.0%})",
        f"longest while the voice speaks: {f['longest_spoken_still_s']:.1f} s (bar {MAX_STILL_S:g} s); "
        f"longest overall {f['longest_still_s']:.1f} s",
    ]
    if "card_share" in f:
        lines.append(f"cards: {f['card_share']:.1%} of the runtime (bar {MAX_CARD_SHARE:.0%})")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("video", type=Path)
    ap.add_argument("--captions", type=Path, help="the video's captions (default: the .srt beside it)")
    ap.add_argument("--manifest", type=Path, help="a lecture bundle's manifest.json, for the cards' share")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args()
    if not a.video.is_file():
        print(f"motion: video {a.video}: no such file", file=sys.stderr)
        sys.exit(2)
    f = measure(a.video, a.captions or a.video.with_suffix(".srt"), a.manifest)
    print(json.dumps(f, indent=2) if a.json else report(f))


if __name__ == "__main__":
    main()
