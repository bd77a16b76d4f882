"""The shared text folder survives a render killed while it wrote an SVG."""

from pathlib import Path

from manim import MathTex, Text, tempconfig

from hessian_lecture.tex_cache import use_shared_caches


def test_a_cut_text_svg_is_written_again(tmp_path):
    use_shared_caches()
    with tempconfig({"text_dir": str(tmp_path)}):
        whole = Text("cut short").height
        (svg,) = tmp_path.glob("*.svg")
        text = svg.read_bytes()
        svg.write_bytes(text[: len(text) // 2])  # what a render killed mid-write leaves
        assert Text("cut short").height == whole
        assert svg.read_bytes().rstrip().endswith(b"</svg>")
        svg.write_bytes(b"")
        assert Text("cut short").height == whole


def test_a_cut_tex_svg_is_typeset_again(tmp_path):
    use_shared_caches()
    with tempconfig({"tex_dir": str(tmp_path)}):
        whole = MathTex(r"\lambda_{cut}").height
        (svg,) = tmp_path.glob("*.svg")
        svg.write_bytes(svg.read_bytes()[:100])
        svg.with_suffix(".dvi").write_bytes(b"")  # a compile killed before dvisvgm ran
        assert MathTex(r"\lambda_{cut}").height == whole
        assert svg.read_bytes().rstrip().endswith(b"</svg>")
