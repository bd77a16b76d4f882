"""piper in a process of its own, its network run by onnxruntime on one thread.

``python -m speech.piper_process MODEL CONFIG LENGTH_SCALE OUT_DIR`` reads one text per line and writes each take
to a WAV file in ``OUT_DIR``, saying ``Wrote <path>`` on stderr, as ``python -m piper --output-dir`` does.
piper's own command leaves onnxruntime at its default: one thread per core, each spinning while it waits for
work, which costs processor time and scales worse than one process per core
(:class:`speech.voices.Piper` runs several).

This is the only module of the project that imports piper (GPL-3.0-or-later): the rest talks to it through
this process's input and output.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import wave
from pathlib import Path

import onnxruntime
from piper import PiperConfig, PiperVoice, SynthesisConfig


def load(model: Path, config: Path) -> PiperVoice:
    """The voice of ``model`` and ``config``, its network on one onnxruntime thread."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(session=session, config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))))


def main() -> None:
    model, config, length_scale, out_dir = sys.argv[1:5]
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    voice = load(Path(model), Path(config))
    settings = SynthesisConfig(length_scale=float(length_scale))
    for line in sys.stdin:
        if line.strip():
            path = Path(out_dir) / f"{os.getpid()}-{time.monotonic_ns()}.wav"
            with wave.open(str(path), "wb") as take:
                voice.synthesize_wav(line.strip(), take, settings)
            logging.info("Wrote %s", path)


if __name__ == "__main__":
    main()
