"""Fixtures live in tests/fixtures/, one module per kind of real component."""

pytest_plugins = [
    "tests.fixtures.databases",
    "tests.fixtures.server",
    "tests.fixtures.browser",
    "tests.fixtures.office",
]
