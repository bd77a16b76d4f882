"""Render-speed benchmark: every figure is a ratio measured in the same run.

Usage: python bench/run.py [--repeat N] [--repeat-high N] [--qualities low,high] [--scenes a,b] [--high-scenes a,b]

- floor ratio: wall time of a scene's render over that of an empty scene of the same length
  at the same quality and encoder settings (process start-up included in both), per scene and
  for the whole lecture (sum over scenes), medians of the repeats;
- jobs speed-up: ``render --all --jobs 1`` over ``--jobs <cores>`` (low quality);
- cluster ratio (``--cluster-only`` measures just this and keeps the other figures): the silent lecture at low
  quality with ``--jobs <cores>`` over the same through ``--cluster local:<cores>`` (only the transport differs);
- re-render: an unchanged ``lecture`` re-run over the full build; a one-parameter change of one
  scene (joining included) over rendering that scene alone;
- size: megabytes per minute of video at each quality;
- voice (``--voice-only`` measures just these and keeps the other figures of bench/results.json):
  piper's synthesis seconds per minute of speech (every take of the lecture made afresh in an empty
  cache), the cold lecture at medium quality (what ``make lecture`` renders) spoken by piper over the
  same lecture with ``--voice none`` (the means of two runs each, made spoken, silent, silent, spoken: one
  silent lecture took 238 to 293 s on the same machine and code),
  and the unchanged re-run of the spoken lecture over its full build;
- motion (with the voice figures, on that spoken lecture; see bench/motion.py): the share of the runtime in
  stretches of 4 s or more without change, the longest such stretch while the voice speaks, and the
  cards' share of the runtime.
Prints a table and writes bench/results.json. ``--estimate`` prints the expected time of the lecture at high
quality on 1, 4 and 16 cluster workers from the measured per-scene times (longest-first schedule).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import motion
from hessian_lecture.inspection import default_durations, defaults_file
from hessian_lecture.jobs import PROJECT, Job
from scenes.catalogue import find, lecture

BENCH = PROJECT / "bench"
CLI = [sys.executable, "-c", "from hessian_lecture.cli import main; main()"]
ONE_PARAM = ("slope", "x_min=-2.1")  # the change measured by the re-render figure
VOICE_ORDER = ("piper", "none", "none", "piper")  # cold lectures, spoken and silent: a drift of the machine cancels


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def scene_time(name: str, quality: str, out: Path) -> tuple[float, Path]:
    """Render one scene in a fresh worker process (as the CLI does); returns (seconds, video)."""
    entry = find(name)
    job = Job(name, entry.cls.Params(), quality, "mp4", out)
    if job.path.exists():
        job.path.unlink()
    return timed([sys.executable, "-m", "hessian_lecture.worker", job.to_json(), str(os.getpid())]), job.path


def floor_time(seconds: float, quality: str, out: Path) -> float:
    return timed([sys.executable, str(BENCH / "floor.py"), f"{seconds}", quality, str(out)])


def per_scene(names: list[str], durations: dict, quality: str, repeat: int, out: Path) -> dict:
    rows = {}
    for name in names:
        scene, floor, size = [], [], 0
        for _ in range(repeat):
            t, video = scene_time(name, quality, out)
            scene.append(t)
            floor.append(floor_time(durations[name], quality, out))
            size = video.stat().st_size
        rows[name] = {
            "duration": durations[name],
            "scene_s": statistics.median(scene),
            "floor_s": statistics.median(floor),
            "floor_ratio": statistics.median(scene) / statistics.median(floor),
            "bytes": size,
        }
        print(f"  {quality:<5} {name:<14} {rows[name]['scene_s']:7.1f} s  floor {rows[name]['floor_s']:6.1f} s"
              f"  ratio {rows[name]['floor_ratio']:.2f}", flush=True)
    return rows


def cli_time(*args: str) -> float:
    return timed([*CLI, *args])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure at low quality (median reported)")
    ap.add_argument("--repeat-high", type=int, default=2, help="runs per figure at high quality")
    ap.add_argument("--qualities", default="low,high")
    ap.add_argument("--scenes", default="", help="comma-separated scene names (default: the whole lecture)")
    ap.add_argument("--high-scenes", default="", help="scenes measured at high quality (default: as --scenes)")
    ap.add_argument("--table", action="store_true", help="only print the table of the last bench/results.json")
    ap.add_argument("--voice-only", action="store_true", help="measure only the voice figures")
    ap.add_argument("--cluster-only", action="store_true", help="measure only the cluster ratio")
    ap.add_argument("--keep-lecture", type=Path, help="with --voice-only: keep the spoken lecture's bundle here")
    ap.add_argument("--estimate", action="store_true", help="only print the cluster estimate of bench/results.json")
    args = ap.parse_args()
    if args.table:
        print_table(json.loads((BENCH / "results.json").read_text()))
        return
    if args.estimate:
        print_estimate(json.loads((BENCH / "results.json").read_text()))
        return
    if args.cluster_only:
        results = {**json.loads((BENCH / "results.json").read_text()), **cluster_figures(args.repeat)}
        (BENCH / "results.json").write_text(json.dumps(results, indent=2))
        print_table(results)
        return
    if args.voice_only:
        results = {**json.loads((BENCH / "results.json").read_text()), **voice_figures(args.keep_lecture)}
        (BENCH / "results.json").write_text(json.dumps(results, indent=2))
        print_table(results)
        return

    entries = lecture()
    names = [n for n in args.scenes.split(",") if n] or [e.name for e in entries]
    durations = default_durations(entries)
    cores = os.cpu_count() or 1
    results: dict = {"cores": cores, "scenes": {}}
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=PROJECT / "media"))
    try:
        for quality in args.qualities.split(","):
            high = quality in ("high", "production", "fourk")
            repeat = args.repeat_high if high else args.repeat
            chosen = [n for n in args.high_scenes.split(",") if n] if high and args.high_scenes else names
            print(f"per-scene renders at {quality} quality, {repeat} run(s) each", flush=True)
            rows = per_scene(chosen, durations, quality, repeat, work / quality)
            results[f"scenes_measured_{quality}"] = chosen
            for name, row in rows.items():
                results["scenes"].setdefault(name, {})[quality] = row
            total_scene = sum(r["scene_s"] for r in rows.values())
            total_floor = sum(r["floor_s"] for r in rows.values())
            minutes = sum(r["duration"] for r in rows.values()) / 60
            results[f"floor_ratio_{quality}"] = total_scene / total_floor
            results[f"max_scene_floor_ratio_{quality}"] = max(r["floor_ratio"] for r in rows.values())
            results[f"mb_per_min_{quality}"] = sum(r["bytes"] for r in rows.values()) / 1e6 / minutes

        print("parallel speed-up (low quality, whole selection)", flush=True)
        scene_args = names if args.scenes else ["--all"]
        seq = [cli_time("render", *scene_args, "--quality", "low", "--jobs", "1", "--force", "--output", str(work / "j1"))
               for _ in range(args.repeat)]
        par = [cli_time("render", *scene_args, "--quality", "low", "--jobs", str(cores), "--force", "--output", str(work / "jn"))
               for _ in range(args.repeat)]
        results["jobs_speedup"] = statistics.median(seq) / statistics.median(par)
        results.update(cluster_figures(args.repeat))

        print("re-render (low quality lecture bundle)", flush=True)
        lecture_args = names if args.scenes else []
        out = str(work / "lecture")
        full = cli_time("lecture", *lecture_args, "--quality", "low", "--force", "--output", out)
        unchanged = statistics.median(cli_time("lecture", *lecture_args, "--quality", "low", "--output", out)
                                      for _ in range(args.repeat))
        scene, setting = ONE_PARAM
        changed = cli_time("lecture", *lecture_args, "--quality", "low", "--set", f"{scene}.{setting}", "--output", out)
        alone = statistics.median(scene_time(scene, "low", work / "alone")[0] for _ in range(args.repeat))
        results.update({
            "lecture_full_s": full,
            "rerun_unchanged_s": unchanged,
            "rerun_unchanged_fraction": unchanged / full,
            "rerun_one_param_s": changed,
            "scene_alone_s": alone,
            "rerun_one_param_ratio": changed / alone,
        })
    finally:
        shutil.rmtree(work, ignore_errors=True)

    (BENCH / "results.json").write_text(json.dumps(results, indent=2))
    print_table(results)


def cluster_figures(repeat: int) -> dict:
    """The silent lecture at low quality on ``--jobs <cores>`` over the same on ``--cluster local:<cores>``."""
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-", dir=PROJECT / "media"))
    print(f"cluster: the lecture on --jobs {cores}, then on --cluster local:{cores}", flush=True)
    try:
        cli_time("list", "--voice", "none")  # the dry runs and TeX, cached for both: neither pays for them
        common = ["lecture", "--quality", "low", "--voice", "none", "--force", "--output"]
        jobs, cluster = [], []
        for _ in range(repeat):  # alternated, so a change in the machine's load reaches both
            jobs.append(cli_time(*common, str(work / "jobs"), "--jobs", str(cores)))
            cluster.append(cli_time(*common, str(work / "cluster"), "--cluster", f"local:{cores}"))
        jobs, cluster = statistics.median(jobs), statistics.median(cluster)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"lecture_jobs_s": jobs, "lecture_cluster_s": cluster, "cluster_speed_ratio": jobs / cluster}


def longest_first(seconds: list[float], workers: int) -> float:
    """The end of the longest-first schedule: each job, longest first, starts on the worker that is free first;
    at least max(longest job, sum / workers)."""
    free = [0.0] * workers
    for s in sorted(seconds, reverse=True):
        free[free.index(min(free))] += s
    return max(free)


def print_estimate(r: dict, quality: str = "high") -> None:
    seconds = [row[quality]["scene_s"] for row in r["scenes"].values() if quality in row]
    print(f"{len(seconds)} scenes at {quality} quality, {sum(seconds):.0f} s of renders, the longest {max(seconds):.0f} s")
    for workers in (1, 4, 16):
        print(f"{workers:>3} workers  {longest_first(seconds, workers):6.0f} s")


def voice_figures(keep: Path | None = None) -> dict:
    """Synthesis cost and what the voice adds to a cold lecture, each take made afresh in an empty cache; the spoken
    lecture's bundle is moved to ``keep`` when given (for a contact sheet of the very video measured)."""
    work = Path(tempfile.mkdtemp(prefix="bench-voice-", dir=PROJECT / "media"))
    env = {**os.environ, "HESSIAN_LECTURE_VOICE_CACHE": str(work / "takes")}

    def run(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run([*CLI, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        return time.perf_counter() - start

    try:
        print("voice: synthesis of every take, cold then warm", flush=True)
        script = str(work / "narration.toml")
        defaults_file().unlink(missing_ok=True)
        run("list", "--voice", "none")  # the silent dry runs, as any render of several scenes makes them first
        cold = run("script", "--voice", "piper", "--output", script)
        _forget_spoken_defaults()  # so that the warm run, too, dry-runs every scene with the voice
        warm = run("script", "--voice", "piper", "--output", script)
        speech_s = sum(b["seconds"] for beats in tomllib.loads(Path(script).read_text()).values() for b in beats.values())
        print("voice: cold lecture spoken by piper and silent, in the order " + " ".join(VOICE_ORDER)
              + ", then the unchanged re-run", flush=True)
        runs = []
        for voice in VOICE_ORDER:
            shutil.rmtree(work / "takes", ignore_errors=True)
            runs.append((voice, run("lecture", "--quality", "medium", "--force", "--voice", voice,
                                    "--output", str(work / ("voiced" if voice == "piper" else "silent")))))
        voiced, silent = (statistics.mean(s for v, s in runs if v == voice) for voice in ("piper", "none"))
        unchanged = statistics.median(run("lecture", "--quality", "medium", "--output", str(work / "voiced")) for _ in range(3))
        print("motion: stretches without change in the spoken lecture", flush=True)
        bundle = work / "voiced"
        still = motion.measure(bundle / "lecture.mp4", bundle / "lecture.srt", bundle / "manifest.json")
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.move(bundle, keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "synthesis_s_per_speech_min": (cold - warm) / (speech_s / 60),
        "speech_min": speech_s / 60,
        "lecture_voiced_s": voiced,
        "lecture_silent_s": silent,
        "voice_cold_ratio": voiced / silent,
        "lecture_runs_s": [[voice, round(seconds, 1)] for voice, seconds in runs],
        "voice_rerun_unchanged_fraction": unchanged / voiced,
        "still_share": still["still_share"],
        "longest_spoken_still_s": still["longest_spoken_still_s"],
        "card_share": still["card_share"],
    }


def _forget_spoken_defaults() -> None:
    """Drop the cached dry runs of every voice but ``none`` from the defaults cache."""
    cache = json.loads(defaults_file().read_text())
    defaults_file().write_text(json.dumps({k: v for k, v in cache.items() if k.endswith(" none")}))


def print_table(r: dict) -> None:
    print()
    print(f"{'figure':<30} {'value':>8}  bar")
    bars = [
        ("floor_ratio_high", "<= 1.5"), ("floor_ratio_low", "<= 3"), ("max_scene_floor_ratio_high", "<= 3"),
        ("jobs_speedup", ">= 1.5"), ("rerun_unchanged_fraction", "< 0.05"), ("rerun_one_param_ratio", "< 1.3"),
        ("cluster_speed_ratio", ">= 0.9"),
        ("mb_per_min_low", ""), ("mb_per_min_high", ""),
        ("synthesis_s_per_speech_min", ""), ("voice_cold_ratio", "<= 1.2"), ("voice_rerun_unchanged_fraction", "< 0.05"),
        ("still_share", f"<= {motion.MAX_STILL_SHARE}"), ("longest_spoken_still_s", f"<= {motion.MAX_STILL_S:g}"),
        ("card_share", f"<= {motion.MAX_CARD_SHARE}"),
    ]
    for key, bar in bars:
        if key in r:
            print(f"{key:<30} {r[key]:8.3f}  {bar}")
    print()
    qualities = sorted({q for s in r["scenes"].values() for q in s})
    print(f"{'scene':<18} {'length':>7} " + " ".join(f"{q + ' ratio':>11}" for q in qualities))
    for entry in lecture():
        per_q = r["scenes"].get(entry.name)
        if per_q is None:
            print(f"{entry.name:<18} not measured yet")
            continue
        length = next(iter(per_q.values()))["duration"]
        print(f"{entry.name:<18} {length:6.1f}s "
              + " ".join(f"{per_q[q]['floor_ratio']:11.2f}" if q in per_q else f"{'-':>11}" for q in qualities))


if __name__ == "__main__":
    main()
