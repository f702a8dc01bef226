"""The case window: the nine step pages, the plan editor and the timeline."""
