"""The residents register: list, record form, household and cases of a person."""
