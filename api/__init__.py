"""The faces of Selaras: the ``selaras`` CLI and the HTTP app."""

__all__: list[str] = []
