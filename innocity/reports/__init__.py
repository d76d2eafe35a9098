"""Word and Excel builders used by the apps: pure functions from plain rows to documents."""
