"""Pure statistics for the session evaluation: no Django, typed data in and out."""

from bimtek.feedback.core.stats import SMALL_N, TOP, Summary, Tally, summarize, t_quantile_975, wilson

__all__ = ["SMALL_N", "TOP", "Summary", "Tally", "summarize", "t_quantile_975", "wilson"]
