"""The workforce: people (PPK, PPS, KPPS, Linmas), their appointments and replacements (PAW)."""
