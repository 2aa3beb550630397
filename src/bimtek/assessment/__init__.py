"""Assessment: curriculum, question banks, pre/post tests and item analysis. Item analysis lives in `assessment.core`, free of Django."""
