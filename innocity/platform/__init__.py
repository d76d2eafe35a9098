"""The Django project: settings, URLs, the API router, the page layout and site-wide middleware."""
