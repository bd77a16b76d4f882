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

# Roles: what a colour means, so the same idea has the same colour in every scene. Scenes name roles,
# never the palette above (a test holds this); the README shows the table.
TEXT = INK  # words, numbers, formulas
LOSS = SKY  # a loss curve or surface, its level sets
TANGENT = ORANGE  # slopes, gradients, tangents
CURVATURE = VERMILION  # second derivatives, Hessian entries
EIGEN_1 = GREEN  # the first direction: x1 in chapter 1, then v1, the eigen-direction of l_min
EIGEN_2 = PURPLE  # the second direction: x2 in chapter 1, then v2, the eigen-direction of l_max
ITERATE = YELLOW  # optimiser iterates and descent paths
MOMENTUM = BLUE  # heavy-ball momentum paths (lines only: too dark for text)
MODEL = INK  # a model or prediction: Taylor models, predicted curves
STABLE = GREEN  # the stable range of a step (|1 - a l| < 1) and the runs inside it
UNSTABLE = VERMILION  # what diverges or fails
HIGHLIGHT = INK  # a frame around what the narration points at
DATA = INK  # samples of data
ACCENT = SKY  # the chapter line and subtitle of title and chapter cards
SURFACE_SCALE = (BLUE, SKY, YELLOW)  # a loss surface's height, low to high
MUTED = GREY  # axes, guides
BAND_OPACITY = 0.22  # a shaded range (the stable band) and its key
MIN_TEXT_CONTRAST = 4.5  # WCAG AA: every text colour against BACKGROUND

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
FLASH = 2 * STROKE  # a flash of light along a curve or an arrow the narration points at
HEADING_GAP = 0.4  # between a scene's heading and the content under it
FIT_MARGIN = 0.97  # a plane's outer contour reaches this fraction of the way to the plane's edge
FADE_SHIFT = 0.2  # how far a mobject slides while it fades in or out, scene units
