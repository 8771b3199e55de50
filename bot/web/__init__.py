"""The web server: calendar feeds, health check, and the routes other parts add."""
