"""Package data shared across stages (the built-in demo corpus)."""
