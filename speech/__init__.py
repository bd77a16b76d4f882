"""Speech for the lecture: voices that speak a beat's caption cues, the cache of their takes, loudness.

Numpy, the standard library and ffmpeg only (never manim): a voice turns a beat's cues into
timed sound files, and the scene framework places them on its timeline.
"""
