"""The lecture's scenes.

Importing the package installs the project's changes to manim (see :mod:`scenes.manim_patches`), so that every
process that makes a scene, a component or a test picture writes and reads the shared Tex and text folders under
their locks: one process writing a text SVG unlocked (cairo creates the file empty, then fills it) was enough for
another to read an empty file.
"""

from scenes.manim_patches import encode_aac_fast, lock_shared_caches, share_glyph_paths

share_glyph_paths()
encode_aac_fast()
lock_shared_caches()
