"""Reports on screen and lists out to spreadsheets."""
