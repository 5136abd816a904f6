"""Vaktaal's domain core: plain Python, no Flask, SQLAlchemy or marshmallow."""
