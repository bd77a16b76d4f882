"""A short lecture (three scenes, low quality) built once for the bundle tests; headless Chromium and a local static
server for the page tests."""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import threading

import pytest
from click.testing import CliRunner

from hessian_lecture.cli import cli

SCENES = ("title", "chapter1", "slope")


@pytest.fixture(scope="session")
def bundle_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("lecture")
    result = CliRunner().invoke(cli, ["lecture", *SCENES, "--quality", "low", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required"]


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (make test installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A quiet static server that answers byte-range requests, as real static servers do (video seeking needs them)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        header = self.headers.get("Range", "")
        path = self.translate_path(self.path)
        if not header.startswith("bytes=") or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, _, last = header[6:].partition("-")
        start = int(first) if first else size - int(last)
        end = int(last) if first and last else size - 1
        fh = open(path, "rb")
        fh.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(fh.read(end - start + 1))


@pytest.fixture(scope="session")
def served(bundle_dir):
    handler = functools.partial(RangeHandler, directory=str(bundle_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
