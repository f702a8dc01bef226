"""Screens of the service catalogue, partners and programmes."""
