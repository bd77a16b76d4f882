#!/usr/bin/env bash
# Idempotent set-up: system packages manim needs, a .venv, and the project installed into it.
# Usage: tools/setup.sh [--test]   (--test also installs the test extras and the test browser)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

PY=${PYTHON:-python3}
DEB_PACKAGES=(libcairo2-dev libpango1.0-dev pkg-config ffmpeg espeak-ng fonts-dejavu-core
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended dvisvgm)
[ "$want_test" = 1 ] && DEB_PACKAGES+=(chromium)

missing_debs() {
  local pkg
  for pkg in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

if command -v dpkg-query >/dev/null 2>&1; then
  missing=$(missing_debs | tr '\n' ' ')
  if [ -n "${missing// /}" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: installing system packages: $missing"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      # shellcheck disable=SC2086
      apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "setup: missing system packages. Run:" >&2
      echo "  sudo apt-get install --no-install-recommends $missing" >&2
      exit 1
    fi
  fi
else
  for tool in pkg-config latex dvisvgm ffmpeg; do
    command -v "$tool" >/dev/null 2>&1 || {
      echo "setup: '$tool' not found; install cairo, pango, pkg-config, ffmpeg, a LaTeX and dvisvgm (see README)" >&2
      exit 1
    }
  done
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi

extras="[voice]"  # the default voice, piper (a separate program: see pyproject.toml)
[ "$want_test" = 1 ] && extras="[voice,test]"
stamp=.venv/.installed-voice
[ "$want_test" = 1 ] && stamp=.venv/.installed-voice-test
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the project into .venv with extras ${extras}"
  quiet() { grep -v -E "is ignored: it is neither|BuildBackendWarning|^ *(return|with strategy|!!|\*+|Please be careful|name as your package)|^ *$" || true; }
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | quiet
  .venv/bin/python -m pip install -q -e ".${extras}" 2>&1 | quiet
  touch "$stamp"
fi
