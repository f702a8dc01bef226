"""The daily work screens: 'Na dziś' and waiting applications."""
