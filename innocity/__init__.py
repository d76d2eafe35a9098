"""innocity: a city's innovation action plan, end to end.

`innocity.core` holds the pure engines (no Django); the other packages are the Django shell.
"""

__version__ = "0.1.0"
