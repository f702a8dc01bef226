"""The hash-chained audit trail of every change and who made it."""
