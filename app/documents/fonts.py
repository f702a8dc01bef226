"""The Unicode fonts shipped in resources/fonts, registered with ReportLab once, so Polish
letters print right and are embedded in every PDF."""

from __future__ import annotations

from importlib import resources as _res

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
MONO = "DejaVuSansMono"
_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = _res.files("resources").joinpath("fonts")
    faces = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf",
             "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf", MONO: "DejaVuSansMono.ttf"}
    for name, file in faces.items():
        with _res.as_file(folder.joinpath(file)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, "DejaVuSans-Oblique")
    addMapping(SANS, 1, 1, "DejaVuSans-BoldOblique")
    _registered = True
