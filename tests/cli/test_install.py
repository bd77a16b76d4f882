"""The project as a user installs it: a wheel in a fresh virtual environment, run from an unrelated folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import av
import numpy as np
import pytest

from hessian_lecture.media_info import has_audio, probe
from scenes import theme

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
PACKAGES = [name.rstrip("*") for name in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]]


def build_wheel(work: Path) -> Path:
    """The project's wheel, built from a copy of its sources (the build writes build/ and egg-info beside them)."""
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    for package in PACKAGES:
        shutil.copytree(REPO / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"),
                            str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("hessian_lecture-*.whl")
    return wheel


def fresh_venv(work: Path, wheel: Path) -> Path:
    """A new virtual environment holding the wheel alone, its dependencies reached through a .pth naming this
    environment's site-packages (a plain path: that folder's own .pth files, the editable install among them, are
    not read, so the project comes from the wheel only). Returns its bin folder."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                                str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv / "bin"


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: relative path -> (size, mtime)."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_a_wheel_in_a_fresh_venv_renders_a_card_from_another_folder(tmp_path):
    binaries = fresh_venv(tmp_path, build_wheel(tmp_path))
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    where = subprocess.run([binaries / "python", "-c", "import sys, hessian_lecture, scenes, speech, mathcore, "
                            "formula_losses as f; print(*(m.__file__ for m in (hessian_lecture, scenes, speech, mathcore, f)))"
                            "; print(*sys.path)"], cwd=elsewhere, capture_output=True, text=True, check=True).stdout
    modules, path = where.splitlines()
    assert all(m.startswith(str(tmp_path / "venv")) for m in modules.split()), "the project comes from the wheel"
    assert str(REPO) not in path.split(), "the repository is not on the installed copy's path"
    installed = snapshot(tmp_path / "venv")

    # a manim.cfg in the folder a command runs from changes nothing in its renders
    (elsewhere / "manim.cfg").write_text("[CLI]\nbackground_color = #FF0000\nmedia_dir = stray\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HESSIAN_LECTURE", "XDG_"))}
    env.update(HOME=str(home), PATH=f"{binaries}{os.pathsep}{env['PATH']}")
    done = subprocess.run(["hessian-lecture", "render", "title", "--quality", "low", "--output", "out"], cwd=elsewhere,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr

    (video,) = (elsewhere / "out").glob("title-*.mp4")
    assert video.resolve() in {(elsewhere / line).resolve() for line in done.stdout.splitlines()}, done.stdout
    info = probe(video)
    assert (info.width, info.height) == (854, 480) and info.duration > 5 and has_audio(video)
    with av.open(str(video)) as container:
        corner = next(container.decode(video=0)).to_ndarray(format="rgb24")[:8, :8].reshape(-1, 3)
    expected = np.array([int(theme.BACKGROUND[i:i + 2], 16) for i in (1, 3, 5)])
    assert np.abs(corner.astype(int) - expected).max() <= 4, "the package's background, not the folder's manim.cfg"

    cache = home / ".cache" / "hessian-lecture"  # platformdirs' user cache folder on Linux
    assert list((cache / "voice").glob("*.wav")), "the card's spoken takes are cached there"
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()} - {
        p.relative_to(tmp_path) for p in (tmp_path / "venv").rglob("*") if p.is_file()}
    outside = sorted(str(p) for p in written if p.parts[:2] not in {("elsewhere", "out"), ("home", ".cache")}
                     and p.parts[0] not in {"source", "dist"} and p != Path("elsewhere", "manim.cfg"))
    assert not outside, "a render writes under --output and the user cache folder only"
    assert snapshot(tmp_path / "venv") == installed, "nothing is written into the installed package"
