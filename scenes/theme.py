"""Colours, font sizes and spacing for every scene, in one place.

The palette is Okabe and Ito's colour-blind-safe set. Sizes are chosen so that the smallest
text stays readable at 854x480 (manim's low quality): nothing below ``SMALL``.
"""

from __future__ import annotations

# Okabe-Ito palette.
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#9A9A9A"
INK = "#F2F2F2"  # text on the dark background
BACKGROUND = "#16181D"

# Roles: what a colour means, so the same idea has the same colour in every scene.
LOSS = SKY  # a loss curve or surface
TANGENT = ORANGE  # slopes, gradients, tangents
CURVATURE = VERMILION  # second derivatives, Hessian entries
EIGEN_1 = GREEN  # the first (smallest-eigenvalue) eigen-direction
EIGEN_2 = PURPLE  # the second (largest-eigenvalue) eigen-direction
ITERATE = YELLOW  # optimiser iterates and trajectories
MOMENTUM = BLUE  # heavy-ball momentum
MODEL = ORANGE  # a Taylor model
MUTED = GREY  # axes, guides

# Font sizes (manim units: points at 1080p; low quality keeps the same proportions).
TITLE = 48
HEADING = 38
BODY = 30
LABEL = 26
SMALL = 22

# Spacing (scene units; the frame is 14.2 x 8 units).
BUFF = 0.3
EDGE = 0.45
STROKE = 4
THIN = 2
