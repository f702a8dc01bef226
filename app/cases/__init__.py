"""Work on a case: applications, the nine steps, closing, service card, 'Na dziś'."""
