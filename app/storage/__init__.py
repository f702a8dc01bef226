"""The database file: connections, opening, migrations, backups, encryption, locks and paths."""
