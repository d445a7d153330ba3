"""Plain helpers the tests import by name (fixtures live in tests/conftest.py
and are used by name, never imported)."""
