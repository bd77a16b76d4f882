"""piper in a process of its own, its network run by onnxruntime on a set number of threads that never spin.

``python -m speech.piper_process MODEL CONFIG LENGTH_SCALE THREADS OUT_DIR`` reads one text per line and writes
each take to a WAV file in ``OUT_DIR``, saying ``Wrote <path>`` on stderr, as ``python -m piper --output-dir``
does. piper's own command leaves onnxruntime at its default: one thread per core, each spinning while it waits
for work. Beside two renders on two cores that spinning takes processor time the renders need, so the takes
made ahead of renders use one thread (:class:`hessian_lecture.speaking.Takes`).

This is the only module of the project that imports piper (GPL-3.0-or-later): the rest talks to it through
this process's input and output.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import wave
from pathlib import Path

import onnxruntime
from piper import PiperConfig, PiperVoice, SynthesisConfig


def load(model: Path, config: Path, threads: int) -> PiperVoice:
    """The voice of ``model`` and ``config`` on ``threads`` onnxruntime threads (0: one per core), none spinning."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(session=session, config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))))


def main() -> None:
    model, config, length_scale, threads, out_dir = sys.argv[1:6]
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    voice = load(Path(model), Path(config), int(threads))
    settings = SynthesisConfig(length_scale=float(length_scale))
    for line in sys.stdin:
        if line.strip():
            path = Path(out_dir) / f"{time.monotonic_ns()}.wav"
            with wave.open(str(path), "wb") as take:
                voice.synthesize_wav(line.strip(), take, settings)
            logging.info("Wrote %s", path)


if __name__ == "__main__":
    main()
