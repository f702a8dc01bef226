"""Made-up demo data and crash drills for tests and benchmarks."""
