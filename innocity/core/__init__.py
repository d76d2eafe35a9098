"""Pure domain engines: plain Python and numpy, no Django, no database.

Each engine is usable from a notebook, the command line and the web app alike. An import-linter
contract (pyproject.toml) keeps Django and the apps out of this package.
"""
