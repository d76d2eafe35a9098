"""Organisations, named groups, users and their roles, and the one permission module."""
