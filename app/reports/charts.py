"""One drawing of a chart for the PDF and the screen: ReportLab's bar chart, placed in the
PDF as it is and shown on screen as SVG (renderSVG), so both show the same bars."""

from __future__ import annotations

from app.documents import fonts
from app.reports.model import Chart

BAR_COLOURS = ("#3b6ea5", "#c9792b", "#5a9e6f")


def sideways(chart: Chart) -> bool:
    """Long labels (areas, partners' names) read best beside horizontal bars."""
    return max((len(label) for label in chart.labels), default=0) > 12


def height(chart: Chart, usual: float) -> float:
    """Points a chart needs: horizontal bars take a line each."""
    return max(usual, 40 + 15 * len(chart.labels)) if sideways(chart) else usual


def drawing(chart: Chart, width: float = 450, height: float = 190):
    """A ReportLab Drawing of ``chart`` (points): bars with their values beside them, labels
    under them (turned when there are many) or, when they are long, horizontal bars with
    the labels on their left, in the program's font."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))  # SVG: no black
    d.add(String(0, height - 12, chart.title, fontName=fonts.SANS_BOLD, fontSize=10))
    bars: HorizontalBarChart | VerticalBarChart
    if sideways(chart):
        room = min(width / 2, 8 + max(stringWidth(label, fonts.SANS, 7)
                                      for label in chart.labels))
        bars = HorizontalBarChart()
        bars.x, bars.y = room, 10
        bars.width, bars.height = width - room - 25, height - 35
        bars.categoryAxis.reverseDirection = 1  # the first label on top, as in the table
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dx = -4
        bars.barLabels.boxAnchor = "w"
        bars.valueAxis.visible = False  # each bar has its figure beside it
    else:
        # labels that would not fit side by side are turned (months)
        many = len(chart.labels) > 8 or sum(len(label) for label in chart.labels) > 60
        bars = VerticalBarChart()
        bars.x, bars.y = 30, 60 if many else 25
        bars.width, bars.height = width - 40, height - bars.y - 25
        if many:
            bars.categoryAxis.labels.angle = 45
            bars.categoryAxis.labels.boxAnchor = "ne"
    bars.data = [values or [0] for _, values in chart.series] or [[0]]
    bars.categoryAxis.categoryNames = chart.labels or [""]
    top = max([v for _, values in chart.series for v in values] + [1])
    bars.valueAxis.valueMin, bars.valueAxis.valueMax = 0, top + max(1, top // 8)
    bars.valueAxis.valueStep = max(1, round(top / 5))
    for axis in (bars.categoryAxis.labels, bars.valueAxis.labels):
        axis.fontName, axis.fontSize = fonts.SANS, 7
    for n in range(len(bars.data)):
        bars.bars[n].fillColor = colors.HexColor(BAR_COLOURS[n % len(BAR_COLOURS)])
        bars.bars[n].strokeColor = None
    bars.barLabelFormat = "%d"
    bars.barLabels.fontName, bars.barLabels.fontSize = fonts.SANS, 6.5
    bars.barLabels.nudge = 5
    d.add(bars)
    return d


def svg(chart: Chart, width: float = 450, height: float = 190) -> bytes:
    """The same drawing as SVG, for the screen."""
    from reportlab.graphics import renderSVG

    return renderSVG.drawToString(drawing(chart, width, height)).encode("utf-8")
