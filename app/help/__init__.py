"""The program's own help: its pages and their search."""
