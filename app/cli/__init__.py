"""The koordynator-admin command line and its Polish messages."""
