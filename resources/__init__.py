"""Files the program ships with (seed catalogue, fonts, icons); read through app.resources."""
