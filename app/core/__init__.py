"""Plain building blocks every layer may use: errors, ids, clock, text checks, resources."""
