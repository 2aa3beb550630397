"""The C.Hasil form, its checker, the drill generator and the scorer: pure Python, no Django."""
