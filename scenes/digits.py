"""The 8x8 handwritten digits that scikit-learn ships, and the network runs on them that chapter 4 shows.

The digits (1,797 images of 64 pixels valued 0..16, with their labels; the UCI optical recognition test set) are read
with numpy straight from scikit-learn's installed copy, ``sklearn/datasets/data/digits.csv.gz``, found without
importing scikit-learn. Every run here is computed by ``mathcore`` with BLAS held to one thread (on a busy machine a
pool of threads fighting over the cores made each small product twenty times slower), and kept for the process, so
that both scenes and the tests share it.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from mathcore import network, spectrum, training

PIXELS = 64
CLASSES = 10
MAX_SAMPLES = 1797  # the images in the file
PIXEL_MAX = 16.0


def digits_file() -> Path:
    """Where scikit-learn keeps the digits: ``<sklearn>/datasets/data/digits.csv.gz``."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("scikit-learn is not installed: the digits come with it (pip install scikit-learn)")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "data" / "digits.csv.gz"


@functools.lru_cache(maxsize=1)
def _table() -> np.ndarray:
    return np.loadtxt(digits_file(), delimiter=",")


def digits(samples: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``samples`` images as inputs x / 16 with each pixel's mean over them subtracted (centred), shape
    (samples, 64), and their labels."""
    table = _table()[:samples]
    x = table[:, :PIXELS] / PIXEL_MAX
    return x - x.mean(axis=0), table[:, PIXELS].astype(int)


@functools.lru_cache(maxsize=4)
def problem(samples: int, width: int, depth: int) -> network.Problem:
    """A tanh network 64-width-...-width-10 (``depth`` hidden layers) fitted to the first ``samples`` digits by
    mean-squared error on one-hot targets."""
    x, labels = digits(samples)
    return network.Problem(network.layer_sizes(PIXELS, width, depth, CLASSES), x, network.one_hot(labels, CLASSES))


@functools.lru_cache(maxsize=16)
def run(samples: int, width: int, depth: int, seed: int, step: float, steps: int, every: int,
        lanczos_steps: int) -> training.Run:
    """Full-batch descent with step ``step`` from the weights drawn from ``seed``, the sharpness every ``every`` steps."""
    p = problem(samples, width, depth)
    with threadpool_limits(1):
        return training.full_batch_descent(p, network.initial_weights(p.sizes, seed), step, steps, every,
                                           lanczos_steps, seed)


@functools.lru_cache(maxsize=4)
def spectrum_after(samples: int, width: int, depth: int, seed: int, step: float, steps: int, every: int,
                   lanczos_steps: int, top: int, top_steps: int, density_steps: int,
                   starts: int) -> tuple[np.ndarray, spectrum.SpectralDensity]:
    """The ``top`` largest eigenvalues (``top_steps`` Lanczos steps) and the spectral density (``starts`` runs of
    ``density_steps``) of the Hessian at the end of :func:`run` with the same arguments."""
    p = problem(samples, width, depth)
    theta = run(samples, width, depth, seed, step, steps, every, lanczos_steps).weights

    def matvec(v: np.ndarray) -> np.ndarray:
        return p.hessian_vector_product(theta, v)

    with threadpool_limits(1):
        return (spectrum.top_eigenvalues(matvec, p.dim, top, top_steps, seed),
                spectrum.spectral_density(matvec, p.dim, density_steps, starts, seed))
