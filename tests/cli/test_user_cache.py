"""Where a command keeps what it caches (the per-user cache folder), and manim's settings from the package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from manim import config, tempconfig

import hessian_lecture
from hessian_lecture import jobs, user_cache
from hessian_lecture.cli import cli
from hessian_lecture.manim_setup import MANIM_CFG, manim_config, package_settings
from mathcore.errors import ValidationError
from scenes import theme
from speech import voices


@pytest.fixture
def no_cache_env(monkeypatch):
    for name in (user_cache.ENV, voices.CACHE_ENV):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_cache_folder_is_the_users_platform_cache_unless_the_environment_names_one(no_cache_env, tmp_path):
    no_cache_env.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache.folder() == tmp_path / "xdg" / "hessian-lecture"
    no_cache_env.setenv(user_cache.ENV, "")  # empty: not set
    assert user_cache.folder("Tex") == tmp_path / "xdg" / "hessian-lecture" / "Tex"
    no_cache_env.setenv(user_cache.ENV, str(tmp_path / "mine"))
    assert user_cache.folder("voice") == tmp_path / "mine" / "voice"
    no_cache_env.chdir(tmp_path)
    no_cache_env.setenv(user_cache.ENV, "relative")
    assert user_cache.folder() == tmp_path / "relative", "a relative folder is fixed when read, for every worker"


def test_takes_live_in_the_cache_folder_unless_their_own_variable_moves_them(no_cache_env, tmp_path):
    no_cache_env.setenv(user_cache.ENV, str(tmp_path / "cache"))
    assert voices.takes_folder() == tmp_path / "cache" / "voice"
    no_cache_env.setenv(voices.CACHE_ENV, str(tmp_path / "takes"))
    assert voices.takes_folder() == tmp_path / "takes"


def test_a_cache_folder_that_cannot_be_a_folder_is_refused(no_cache_env, tmp_path):
    (tmp_path / "file").write_text("")
    for bad in (tmp_path / "file", tmp_path / "file" / "under"):
        no_cache_env.setenv(user_cache.ENV, str(bad))
        with pytest.raises(ValidationError, match=rf"cache folder {bad}: {tmp_path / 'file'} is not a folder; "
                                                  rf"set HESSIAN_LECTURE_CACHE to a folder you can write"):
            user_cache.check()
    no_cache_env.setenv(user_cache.ENV, str(tmp_path / "new" / "deeper"))
    user_cache.check()
    assert not (tmp_path / "new").exists(), "checking creates nothing"


@pytest.mark.parametrize("command", [["list"], ["render", "title", "--quality", "low"], ["params", "slope"]])
def test_every_command_refuses_a_bad_cache_folder_in_one_line(no_cache_env, tmp_path, command):
    (tmp_path / "file").write_text("")
    no_cache_env.chdir(tmp_path)
    result = CliRunner().invoke(cli, command, env={user_cache.ENV: str(tmp_path / "file")})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"hessian-lecture: error: cache folder {tmp_path / 'file'}: "
                                          f"{tmp_path / 'file'} is not a folder; set HESSIAN_LECTURE_CACHE to a "
                                          f"folder you can write"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"], "nothing written"


def test_manims_settings_travel_inside_the_package():
    assert MANIM_CFG.parent == Path(hessian_lecture.__file__).resolve().parent
    assert package_settings()["CLI"]["background_color"] == theme.BACKGROUND, "one background: the theme's"


def test_a_render_config_ignores_settings_read_before_it_and_restores_them(no_cache_env, tmp_path):
    no_cache_env.setenv(user_cache.ENV, str(tmp_path / "cache"))
    with tempconfig({"background_color": "#FF0000", "frame_rate": 7}):  # as a folder's manim.cfg would set them
        with manim_config({"quality": "low_quality"}):
            assert config.background_color.to_hex().upper() == theme.BACKGROUND.upper()
            assert config.frame_rate == 15 and config.pixel_height == 480
            assert Path(config.tex_dir) == tmp_path / "cache" / "Tex"
        assert config.background_color.to_hex().upper() == "#FF0000" and config.frame_rate == 7


def test_a_dry_run_keeps_its_files_in_the_cache_and_its_texts_only_while_it_runs(no_cache_env, tmp_path):
    env = {**os.environ, user_cache.ENV: str(tmp_path / "cache")}
    code = ("from hessian_lecture.inspection import dry_run; from scenes.cards import TitleCard; "
            "import os; from hessian_lecture import user_cache; dry_run(TitleCard, voice='none'); "
            "print(sorted(os.listdir(user_cache.folder('texts', str(os.getpid())))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert any(name.endswith(".svg") for name in eval(done.stdout.splitlines()[-1])), "texts while it ran"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"], "nothing in the folder it ran from"
    assert not list((tmp_path / "cache" / "texts").iterdir()), "its text folder and lock are gone"


def test_the_code_fingerprint_covers_the_packages_manim_settings(monkeypatch, tmp_path):
    settings = tmp_path / "hessian_lecture" / "manim.cfg"
    settings.parent.mkdir()
    monkeypatch.setattr(jobs, "PROJECT", tmp_path)
    monkeypatch.setattr(jobs, "MANIM_CFG", settings)
    prints = []
    for colour in ("#16181D", "#16181E"):
        settings.write_text(f"[CLI]\nbackground_color = {colour}\n")
        prints.append(jobs.code_fingerprint.__wrapped__())
    assert prints[0] != prints[1]
