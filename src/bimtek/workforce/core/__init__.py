"""The registry's pure rules, free of Django: worker welfare and eligibility (`welfare`)."""
