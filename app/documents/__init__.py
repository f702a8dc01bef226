"""Printed documents (ReportLab). Imported lazily: ReportLab costs 0.2–0.4 s at start."""
