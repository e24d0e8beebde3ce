"""The ExtensionApp: opens the one Store, builds the template environment, lists the handlers."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.utils import url_path_join

from palabre import labels, settings
from palabre.store import Store
from palabre.store.counters import SharedBuckets
from palabre.store.writer import GroupCommit

from . import guard
from .handlers import HANDLERS, KEYLESS_ROUTE, templates
from .limits import RateLimits, SharedLimits

HERE = Path(__file__).parent


def rate_limits(store: Store) -> RateLimits:
    """The settings' limits: in memory for SQLite's one server, in the store for the servers
    that share a PostgreSQL one (a phone's budget is one, whichever server it reaches)."""
    rates = {"device_per_min": int(settings.get("device_rate")),
             "session_per_min": int(settings.get("session_rate")),
             "identity_per_min": int(settings.get("identity_rate")),
             "kiosk_per_min": int(settings.get("kiosk_rate"))}
    if store.engine.dialect.name == "postgresql":
        return SharedLimits(SharedBuckets(store.engine), **rates)
    return RateLimits(**rates)


class PalabreApp(ExtensionApp):
    name = "palabre"
    load_other_extensions = True
    static_paths = [str(HERE / "static")]
    template_paths = [str(HERE / "templates")]

    def initialize_settings(self):
        store = Store.open(settings.db_url())
        lock = guard.hold_store(settings.db_url())  # a second server on this SQLite file exits
        guard.scrub_logs(self.serverapp.log, self.log)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.template_paths),
            autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined)
        # The words every page shares, from the one place the other surfaces read them too.
        env.globals.update(side_labels=labels.SIDE_LABELS)
        self.settings.update({
            "palabre_store": store,
            "palabre_writer": GroupCommit(store),
            "palabre_jinja": env,
            "palabre_lock": lock,
            "palabre_limits": rate_limits(store),
            "palabre_max_body": int(settings.get("max_body_bytes")),
            "palabre_body_timeout": float(settings.get("body_timeout")),
            "palabre_exercises_dir": settings.get("exercises"),
            # Whether jupyter_server records each request's metrics (the handlers' _log).
            "palabre_request_metrics": self.serverapp.record_http_request_metrics,
            # Where jupyter_server sends a browser without the key: palabre's own page, in
            # the person's language, instead of Jupyter's English token form.
            "login_url": url_path_join(self.serverapp.base_url, KEYLESS_ROUTE),
        })

    def initialize_handlers(self):
        self.handlers.extend(HANDLERS)
        # Voilà's template files, matched before Voilà's own route (a bad path is a 404).
        self.handlers.append((templates.ROUTE, templates.TemplateFilesHandler))

    async def stop_extension(self):
        writer = self.settings.get("palabre_writer")
        if writer is not None:
            writer.close()
        store = self.settings.get("palabre_store")
        if store is not None:
            store.close()
        lock = self.settings.get("palabre_lock")
        if lock is not None:
            lock.release()
