"""manim's settings for every render and dry run, the same from any folder and any install.

A render starts from manim's library defaults, reads the package's own ``manim.cfg`` (package data,
covered by the code fingerprint of :mod:`hessian_lecture.jobs`), points manim at the Tex cache in
the user cache folder (:mod:`hessian_lecture.user_cache`: a formula costs about 0.3 s to typeset, so
every render shares it; texts are cheap and each render or process keeps its own), then applies its
own settings. The user's manim.cfg and one in the current folder, which manim reads when it is
imported, change nothing: the files a render makes depend on the job and the code alone.
"""

from __future__ import annotations

import configparser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from manim import config, tempconfig
from manim._config.utils import config_file_paths

from hessian_lecture import user_cache
from scenes.manim_patches import lock_shared_caches

MANIM_CFG = Path(__file__).resolve().with_name("manim.cfg")


def package_settings() -> configparser.ConfigParser:
    """manim's library defaults overlaid with the package's ``manim.cfg``, and no other file."""
    parser = configparser.ConfigParser()
    library_defaults = config_file_paths()[0]
    for path in (library_defaults, MANIM_CFG):
        with open(path, encoding="utf-8") as f:
            parser.read_file(f)
    return parser


@contextmanager
def manim_config(settings: dict[str, Any]) -> Iterator[None]:
    """manim's config for one render or dry run, restored afterwards: :func:`package_settings`, the shared Tex
    cache (with its locked steps installed), then ``settings``."""
    lock_shared_caches()
    with tempconfig({}):
        config.digest_parser(package_settings())
        config.update({"tex_dir": str(user_cache.folder("Tex")), **settings})
        yield
