"""Data in and out of the program: lists and reports to CSV and Excel, and (later) imports."""
