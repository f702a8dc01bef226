"""RODO duties: export of a person's data, restriction and retention."""
