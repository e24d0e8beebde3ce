"""Voilà's template files (/voila/templates/<template>/static/<file>), with every address its
own handler cannot read answered 404 instead of a 500 and a traceback.

Voilà splits the path into three parts and asserts the middle one is "static"; any other
shape (a file at the template's root such as conf.json, a "..") raised. This handler is
registered by palabre's extension on the same route, which is matched before Voilà's.
"""

from __future__ import annotations

from tornado import web
from voila.static_file_handler import TemplateStaticFileHandler

ROUTE = r"/voila/templates/(.*)"


class TemplateFilesHandler(TemplateStaticFileHandler):
    def parse_url_path(self, path: str) -> str:
        parts = path.split("/")
        if (len(parts) < 3 or parts[1] != "static" or "\\" in path
                or any(part in ("", ".", "..") for part in parts)):
            raise web.HTTPError(404)
        return super().parse_url_path(path)
