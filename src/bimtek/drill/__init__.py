"""The TPS counting drill and the C.Hasil form checker. The checker lives in `drill.core`, free of Django."""
