"""The service catalogue, partners and programmes that services come from."""
