"""palabre's jupyter_server extension: the phone pages and the JSON API.

Loaded by name ("palabre.server") from the ServerApp's config, beside Voilà; see
palabre.launcher. Participant routes are public, everything else needs the server's token.
"""

from .extension import PalabreApp


def _jupyter_server_extension_points():
    return [{"module": "palabre.server", "app": PalabreApp}]


__all__ = ["PalabreApp"]
