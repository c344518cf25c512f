"""Corroboration: copies counted once, one incident from many reports, claims side by side."""
