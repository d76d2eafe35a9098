"""The security log: logins (django-axes) and every change to data (django-simple-history)."""
