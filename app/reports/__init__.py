"""Figures over a period for the director, the rada gminy and the ocena zasobów."""
