"""Charts of the cascade analytics, drawn as inline SVG by the app (no chart library, no CDN)."""

from django.utils.safestring import SafeString, mark_safe


def interval_svg(
    low: float | None, high: float | None, point: float | None, reference: float | None
) -> SafeString:
    """A small bar for one 95% interval on a 0-100% axis: the interval, the point, the region's rate."""
    if low is None or high is None or point is None:
        return mark_safe("")  # noqa: S308 - empty
    width, height = 160, 14
    parts = [
        f'<svg class="ci" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{low * 100:.0f}-{high * 100:.0f}%">',
        f'<line x1="0" y1="7" x2="{width}" y2="7" stroke="#ddd"/>',
        f'<rect x="{low * width:.1f}" y="3" width="{max((high - low) * width, 1):.1f}" height="8" fill="#9bb7d4"/>',
        f'<circle cx="{point * width:.1f}" cy="7" r="3" fill="#1f4e79"/>',
    ]
    if reference is not None:
        parts.append(
            f'<line x1="{reference * width:.1f}" y1="0" x2="{reference * width:.1f}" y2="14" stroke="#b3261e"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers only
