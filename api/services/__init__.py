"""Use cases: database session plus domain, no request objects."""
