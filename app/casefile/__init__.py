"""A case's file: its number, resident, current step and unsaved step drafts."""
