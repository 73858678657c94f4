"""Defaults shared by the library and the CLI; imports nothing, so the CLI can show them cheaply."""

DEFAULT_TIMEOUT = 10.0  # seconds to wait for another writer
