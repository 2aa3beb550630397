from django import template

register = template.Library()


@register.filter
def pct(fraction: float | None, digits: int = 0) -> str:
    """A fraction (0.734) as a percentage ("73"); a dash when there is none."""
    if fraction is None:
        return "–"
    return f"{100 * fraction:.{int(digits)}f}"


@register.filter
def option_letter(index: int) -> str:
    """0 -> 'A': the letter of an answer option, as printed on the test."""
    return "ABCDEFGHIJ"[index] if 0 <= index < 10 else str(index + 1)
