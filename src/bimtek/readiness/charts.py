"""Charts as server-drawn SVG: readiness by region (stacked bars) and over time (three lines).

No JavaScript and no CDN: the page stays light on a phone, prints as it shows, and the numbers in
the SVG are the same ones in the table beside it. See docs/decisions/0003-charts.md. Labels are
escaped; the SVG is marked safe only after that.
"""

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from bimtek.readiness.models import ReadinessHistory
from bimtek.readiness.selectors import Child

COLORS = {"ready": "#1b7f3b", "at_risk": "#e0a100", "not_ready": "#b3261e"}
LABELS = {"ready": "Siap", "at_risk": "Berisiko", "not_ready": "Belum siap"}


def bars_svg(children: Sequence[Child], *, limit: int = 40) -> SafeString:
    """One bar per region: green, amber and red shares of its TPS, worst regions first.

    Drawn twice: beside its name for a desktop, and under its name for a phone (CSS shows one), so that
    the names stay readable (about 14 px) on a 390-px screen instead of shrinking with the whole chart.
    """
    rows = list(children)[:limit]
    return mark_safe(_bars(rows, narrow=False) + _bars(rows, narrow=True))  # noqa: S308 - labels escaped


def _bars(rows: Sequence[Child], *, narrow: bool) -> str:
    if narrow:  # name above its bar; drawn at the phone's own width so nothing is scaled down
        label_w, bar_w, row_h, font, bar_y, bar_h, text_y = 0, 300, 40, 14, 19, 14, 14
    else:
        label_w, bar_w, row_h, font, bar_y, bar_h, text_y = 210, 400, 22, 12, 3, 16, 15
    width = label_w + bar_w + 60
    height = row_h * len(rows) + 30
    parts = [
        f'<svg class="chart {"narrow" if narrow else "wide"}" role="img" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Kesiapan TPS per wilayah">'
    ]
    for i, child in enumerate(rows):
        y = i * row_h
        name = escape(child.name[:30])
        if narrow:
            parts.append(f'<text x="0" y="{y + text_y}" font-size="{font}">{name}</text>')
        else:
            parts.append(
                f'<text x="{label_w - 6}" y="{y + text_y}" text-anchor="end" font-size="{font}">{name}</text>'
            )
        x = float(label_w)
        for key, share in (
            ("ready", child.ready_share),
            ("at_risk", child.at_risk_share),
            ("not_ready", child.not_ready_share),
        ):
            w = share * bar_w
            if w > 0:
                title = f"{name}: {LABELS[key]} {share * 100:.1f}%"
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + bar_y}" width="{w:.1f}" height="{bar_h}" fill="{COLORS[key]}">'
                    f"<title>{title}</title></rect>"
                )
            x += w
        parts.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + bar_y + bar_h - 2}" font-size="{font}">'
            f"{child.ready_share * 100:.0f}%</text>"
        )
    parts.append(_legend(10, height - 10))
    parts.append("</svg>")
    return "".join(parts)


def trend_svg(history: Sequence[ReadinessHistory]) -> SafeString:
    """Shares of ready, at risk and not ready at each refresh."""
    width, height, pad = 600, 180, 30
    points: dict[str, list[str]] = {key: [] for key in COLORS}
    n = len(history)
    for i, h in enumerate(history):
        x = pad + (i * (width - 2 * pad) / (n - 1) if n > 1 else (width - 2 * pad) / 2)
        for key in COLORS:
            share = getattr(h, key) / h.total if h.total else 0.0
            points[key].append(f"{x:.1f},{height - pad - share * (height - 2 * pad):.1f}")
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="Kesiapan dari waktu ke waktu">',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#999"/>',
        f'<text x="2" y="{pad + 4}" font-size="11">100%</text><text x="8" y="{height - pad}" font-size="11">0%</text>',
    ]
    for key, pts in points.items():
        if pts:
            parts.append(
                f'<polyline fill="none" stroke="{COLORS[key]}" stroke-width="2" points="{" ".join(pts)}"/>'
            )
            for p in pts:
                cx, cy = p.split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{COLORS[key]}"/>')
    if history:
        first, last = history[0].computed_at, history[-1].computed_at
        parts.append(f'<text x="{pad}" y="{height - 8}" font-size="11">{first:%d/%m %H:%M}</text>')
        parts.append(
            f'<text x="{width - pad}" y="{height - 8}" font-size="11" text-anchor="end">{last:%d/%m %H:%M}</text>'
        )
    parts.append(_legend(width // 2 - 120, 14))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - no user text in this chart


def _legend(x: int, y: int) -> str:
    out = []
    for key in COLORS:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLORS[key]}"/>')
        out.append(f'<text x="{x + 14}" y="{y}" font-size="11">{LABELS[key]}</text>')
        x += 80
    return "".join(out)
