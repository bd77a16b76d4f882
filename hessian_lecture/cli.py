"""The command line: ``hessian-lecture list | params | inspect | script | render | lecture``.

A thin click layer over the scene catalogue, the parameter resolver and the job runner. Bad input
of any kind ends with one line on stderr and exit code 2 before anything is written.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import click
import numpy as np

from hessian_lecture import overrides, runner, speaking, user_cache
from hessian_lecture.cluster import ENV as CLUSTER_ENV, session as cluster_session
from hessian_lecture.bundle import FORMATS as LECTURE_FORMATS
from hessian_lecture.handout import PAPERS
from hessian_lecture.jobs import FORMATS, QUALITIES, Job
from hessian_lecture.outputs import output_folder
from hessian_lecture.progress import reporter
from mathcore.errors import ValidationError
from scenes.base import BREATH_S
from scenes import losses
from scenes.catalogue import find, lecture
from scenes.titles import CHAPTER_TITLES
from speech import voices


def _fail(message: str, code: int) -> None:
    first, *rest = message.splitlines() or [""]
    click.echo(f"hessian-lecture: error: {first}", err=True)
    for line in rest:
        click.echo(f"  {line}", err=True)
    sys.exit(code)


class LectureGroup(click.Group):
    """Turns every error into one line on stderr: exit 2 for bad input, 1 for a failed render.

    ``--debug`` shows the traceback instead.
    """

    def main(self, args=None, prog_name=None, **extra):
        args = list(sys.argv[1:] if args is None else args)
        try:
            return super().main(args, prog_name or "hessian-lecture", standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as e:
            click.echo(e.ctx.get_help())
            sys.exit(0)
        except click.UsageError as e:
            _fail(e.format_message(), 2)
        except click.exceptions.Abort:
            _fail("interrupted; no unfinished file was kept", 130)
        except (ValidationError, runner.RenderError) as e:
            if "--debug" in args:
                raise
            _fail(str(e), 2 if isinstance(e, ValidationError) else 1)
        except KeyboardInterrupt:
            _fail("interrupted; no unfinished file was kept", 130)
        except Exception as e:  # anything unexpected (a file changed or gone under a run): one line, as a failed render
            if "--debug" in args:
                raise
            _fail(f"{type(e).__name__}: {' '.join(str(e).split())} (--debug shows the traceback)", 1)


def _to_plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot show {type(value).__name__}")


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=_to_plain))


def parameter_options(f):
    """--set and --params, shared by inspect and render."""
    f = click.option(
        "--params", "params_file", type=click.Path(dir_okay=False, path_type=Path),
        help="TOML parameter file: one table per scene, plus [shared].",
    )(f)
    f = click.option(
        "--set", "settings", multiple=True, metavar="KEY=VALUE",
        help="Override a parameter (SCENE.KEY=VALUE for one scene; a,b,c sweeps).",
    )(f)
    return f


def voice_option(f):
    """--voice, shared by every command that speaks or times the narration."""
    return click.option(
        "--voice", default=voices.DEFAULT, show_default=True, metavar="VOICE",
        help="piper (neural, offline), espeak (espeak-ng), none (captions only, no sound), or recorded:DIR "
             "(your takes, DIR/<beat id>.<ext>).",
    )(f)


def cluster_option(f):
    """--cluster, shared by render and lecture."""
    return click.option(
        "--cluster", envvar=CLUSTER_ENV, metavar="ADDRESS",
        help=f"Render on a Dask cluster instead of --jobs: a scheduler's tcp://HOST:PORT, or local:N for N worker "
             f"processes on this machine (default: ${CLUSTER_ENV}).",
    )(f)


def quiet_option(f):
    """--quiet, shared by render and lecture."""
    return click.option("--quiet", is_flag=True, help="Show no progress on stderr (errors still show).")(f)


def narration_options(f):
    """--voice, --breath and --script, shared by inspect, render and lecture."""
    f = click.option("--script", "script_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Narration file (from 'hessian-lecture script') whose texts replace the lecture's words.")(f)
    f = click.option("--breath", type=float, default=BREATH_S, show_default=True,
                     help="Seconds of silence after each beat's speech, from 0 to 3.")(f)
    return voice_option(f)


@click.group(cls=LectureGroup)
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def cli(debug: bool) -> None:
    """Render the Hessian lecture, or any scene of it with your own numbers."""
    user_cache.check()


@cli.command("list")
@voice_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_scenes(voice: str, as_json: bool) -> None:
    """The scenes in lecture order, with their length at default parameters, spoken by VOICE."""
    from hessian_lecture.inspection import default_durations

    entries = lecture()
    durations = default_durations(entries, voice)
    rows = [
        {"name": e.name, "chapter": e.chapter, "chapter_title": CHAPTER_TITLES[e.chapter], "title": e.title,
         "summary": e.summary, "duration": durations[e.name], "class": e.cls.__name__}
        for e in entries
    ]
    if as_json:
        _dump(rows)
        return
    for r in rows:
        click.echo(f"{r['chapter']}  {r['name']:<14} {r['duration']:5.1f} s  {r['title']}: {r['summary']}")
    click.echo(f"total {sum(r['duration'] for r in rows) / 60:.1f} min")


@cli.command()
@click.argument("scene")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def params(scene: str, as_json: bool) -> None:
    """Each parameter of SCENE with its type, default, allowed range and meaning."""
    entry = find(scene)
    rows = []
    for i in entry.cls.Params.describe():
        row = {"name": i.name, "type": i.type, "default": list(i.default) if isinstance(i.default, tuple) else i.default, "help": i.help}
        if i.min is not None:
            row["min"] = i.min
        if i.max is not None:
            row["max"] = i.max
        if i.choices:
            row["choices"] = list(i.choices)
        if i.length:
            row["length"] = i.length
        if i.formula:
            row["formula_inputs"] = list(losses.INPUTS[i.formula])
        rows.append(row)
    if as_json:
        _dump(rows)
        return
    for r in rows:
        allowed = ", ".join(r["choices"]) if "choices" in r else f"[{r.get('min', '-inf')}, {r.get('max', 'inf')}]"
        if "formula_inputs" in r:
            allowed += f", or a formula in {' and '.join(r['formula_inputs'])}"
        click.echo(f"{r['name']:<14} {r['type']:<13} default {r['default']!s:<18} allowed {allowed}\n    {r['help']}")


def _resolve(entries, params_file, settings) -> dict:
    data = overrides.read_params_file(params_file) if params_file else None
    return overrides.resolve(entries, data, settings)


def _one_variant_each(scenes, params_file, settings, what: str) -> tuple[list, dict]:
    """The named scenes (default: all) in lecture order with their parameters; a sweep is refused for ``what``."""
    chosen = {find(s).name for s in scenes}
    entries = [e for e in lecture() if not chosen or e.name in chosen]
    variants = _resolve(entries, params_file, settings)
    swept = [name for name, v in variants.items() if len(v) > 1]
    if swept:
        raise ValidationError(f"scene {swept[0]}: {what} takes one value per key, not a sweep (use render for sweeps)")
    return entries, variants


@cli.command()
@click.argument("scene")
@parameter_options
@narration_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def inspect(scene, settings, params_file, voice, breath, script_path, as_json) -> None:
    """The resolved parameters, every number SCENE will show and its beats as VOICE speaks them, without rendering."""
    from hessian_lecture.inspection import dry_run

    entry = find(scene)
    variants = _resolve([entry], params_file, settings)[entry.name]
    narration = speaking.settings([entry], {entry.name: variants}, voice, breath, script_path)[entry.name]
    reports = [{"scene": entry.name, "params": p.as_dict(), "formulas": losses.formulas_of(p),
                "values": entry.cls.values(p).as_dict(),
                "beats": dry_run(entry.cls, p, **{**narration, "script": dict(narration["script"])}).beats}
               for p in variants]
    if as_json:
        _dump(reports[0] if len(reports) == 1 else reports)
        return
    for r in reports:
        click.echo(f"{r['scene']}")
        for k, v in r["params"].items():
            click.echo(f"  param  {k} = {v}")
        for k, v in r["formulas"].items():
            click.echo(f"  formula {k}: {json.dumps(v)}")
        for k, v in r["values"].items():
            click.echo(f"  value  {k} = {json.dumps(v, default=_to_plain)}")
        for b in r["beats"]:
            click.echo(f"  beat   {b['id']:<24} {b['start']:6.2f} s + {b['seconds']:5.2f} s  {b['text']}")


@cli.command()
@click.argument("scenes", nargs=-1)
@parameter_options
@voice_option
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("narration.toml"),
              show_default=True, help="The file to write.")
def script(scenes, settings, params_file, voice, output) -> None:
    """Write the narration of SCENES (default: the whole lecture) as an editable file: beat id, text, seconds."""
    from hessian_lecture import script as script_file
    from hessian_lecture.inspection import defaults, dry_run

    entries, variants = _one_variant_each(scenes, params_file, settings, "a script")
    known = defaults(entries, voice)  # the texts at default parameters, cached; other parameters need a dry run
    beats = {e.name: known[e.name]["beats"] if variants[e.name][0] == e.cls.Params()
             else dry_run(e.cls, variants[e.name][0], voice=voice).beats for e in entries}
    script_file.dump(beats, voice, output)
    click.echo(f"wrote     {sum(len(b) for b in beats.values())} beats of {len(beats)} scenes", err=True)
    click.echo(str(output))


@cli.command()
@click.argument("scenes", nargs=-1)
@click.option("--all", "all_scenes", is_flag=True, help="Render every scene of the lecture.")
@click.option("--quality", type=click.Choice(list(QUALITIES), case_sensitive=False), default="medium", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="mp4", show_default=True)
@parameter_options
@narration_options
@click.option("--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="the machine's cores")
@click.option("--output", type=click.Path(), default="media/render", show_default=True, metavar="FOLDER",
              help="The folder to write into (created if missing).")
@click.option("--force", is_flag=True, help="Render again even if a finished file exists.")
@cluster_option
@quiet_option
def render(scenes, all_scenes, quality, fmt, settings, params_file, voice, breath, script_path, jobs, output,
           force, cluster, quiet) -> None:
    """Render SCENES (or --all) and print the path of each file written."""
    if all_scenes and scenes:
        raise ValidationError("give scene names or --all, not both")
    if not all_scenes and not scenes:
        raise ValidationError(f"name at least one scene or use --all: known scenes are {', '.join(e.name for e in lecture())}")
    entries = lecture() if all_scenes else list({find(s).name: find(s) for s in scenes}.values())
    variants = _resolve(entries, params_file, settings)
    narration = speaking.settings(entries, variants, voice, breath, script_path)
    folder = output_folder(output)
    job_list = [Job(e.name, p, quality, fmt, folder, **narration[e.name]) for e in entries for p in variants[e.name]]
    order = {e.name: i for i, e in enumerate(lecture())}
    with cluster_session(cluster) as on, reporter(quiet) as report:
        outcomes = runner.run(job_list, jobs, force, report=report, order=_longest_first(entries), cluster=on)
    for o in sorted(outcomes, key=lambda o: order[o.job.scene]):
        for path in o.files:
            click.echo(str(path))


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@cli.command("lecture")
@click.argument("scenes", nargs=-1)
@click.option("--quality", type=click.Choice(list(QUALITIES), case_sensitive=False), default="medium", show_default=True)
@parameter_options
@narration_options
@click.option("--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="the machine's cores")
@click.option("--output", type=click.Path(), default="media/lecture", show_default=True, metavar="FOLDER",
              help="The folder to write into (created if missing).")
@click.option("--force", is_flag=True, help="Render every scene again.")
@cluster_option
@quiet_option
@click.option("--formats", "format_list", default=",".join(LECTURE_FORMATS), show_default=True, metavar="LIST",
              help="What to write, comma-separated: video (lecture.mp4 and its page), handout (handout.pdf), "
                   "deck (deck.pptx).")
@click.option("--paper", type=click.Choice(PAPERS), default=PAPERS[0], show_default=True,
              help="The handout's paper size.")
def lecture_command(scenes, quality, settings, params_file, voice, breath, script_path, jobs, output, force,
                    cluster, quiet, format_list, paper) -> None:
    """Render the lecture (or only SCENES, in lecture order) as one captioned, chaptered video with its page
    (and presenter mode), a PDF handout and a slide deck."""
    from hessian_lecture import bundle

    formats = bundle.chosen_formats(format_list)
    entries, variants = _one_variant_each(scenes, params_file, settings, "the lecture")
    narration = speaking.settings(entries, variants, voice, breath, script_path)
    output = output_folder(output)
    with cluster_session(cluster) as on, reporter(quiet) as report:
        data = bundle.build(entries, {name: v[0] for name, v in variants.items()}, quality, output, jobs, force,
                            report=report, order=_longest_first(entries), narration=narration, cluster=on,
                            formats=formats, paper=paper)
        report(f"lecture   {output}: {data['duration'] / 60:.1f} min, {len(data['chapters'])} chapters, "
               f"{len(data['beats'])} beats")
    for name in data["files"].values():
        if name in ("lecture.mp4", "index.html", "handout.pdf", "deck.pptx"):
            click.echo(str(output / name))


def _longest_first(entries) -> Any:
    """Sort key for jobs: the scene's length at default parameters (dry runs, cached; only if something renders)."""
    from hessian_lecture.inspection import default_durations

    durations: dict[str, float] = {}

    def key(job: Job) -> float:
        if not durations:
            durations.update(default_durations(entries, "none"))  # silent timing: no synthesis just to sort
        return durations.get(job.scene, 0.0)

    return key


def main() -> None:
    signal.signal(signal.SIGTERM, _interrupt)  # a killed render stops its workers as Ctrl-C does
    cli.main()
