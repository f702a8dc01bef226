"""Residents, their households, search and the restriction of processing."""
