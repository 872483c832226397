"""defection-search's web front end: an application factory and a mountable blueprint.

    flask --app web seed-index && flask --app web run  # development
    defection-search serve                            # production (waitress, web.serving)

Configuration is layered as in Flask's tutorial: the defaults below, then instance/config.py,
then DEFECTION_SEARCH_* environment variables (DEFECTION_SEARCH_INDEX_DIR,
DEFECTION_SEARCH_CORS_ORIGINS, DEFECTION_SEARCH_FRAME_ANCESTORS, DEFECTION_SEARCH_TRUSTED_PROXIES,
DEFECTION_SEARCH_URL_PREFIX; DEFECTION_SEARCH_INDEX is
read by Settings.from_env), then the dict given to create_app (tests). Another Flask app can
mount the search under a prefix:

    init_search(host_app); host_app.register_blueprint(bp, url_prefix="/research")
"""
from __future__ import annotations

import atexit
from collections.abc import Mapping

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from search import Engine, Settings
from web.serving import seed_if_empty
from web.proxy import behind_proxy, checked_prefix, checked_proxies
from web.security import add_security_headers, checked_frame_ancestors, checked_origins
from web.views import EXTENSION, bp, not_found

DEFAULTS: dict[str, object] = {
    "INDEX_DIR": None,  # None: DEFECTION_SEARCH_INDEX, else ./index
    "SEARCH_SETTINGS": None,  # a ready Settings, which wins over INDEX_DIR (web.serving passes one)
    "CORS_ORIGINS": (),  # origins allowed to read the JSON API, feeds and exports
    "FRAME_ANCESTORS": ("'self'",),  # sites allowed to frame /embed
    "TRUSTED_PROXIES": (),  # IP addresses of reverse proxies whose X-Forwarded-* headers are honoured
    "URL_PREFIX": "",  # the path the search is mounted under, e.g. /research
}

__all__ = ["bp", "create_app", "init_search"]


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.json.ensure_ascii = False  # Korean in the API as UTF-8 text, not \uXXXX escapes (JSON is UTF-8)
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("DEFECTION_SEARCH")
    if config:
        app.config.from_mapping(config)
    init_search(app)
    app.register_blueprint(bp)
    app.config["TRUSTED_PROXIES"] = checked_proxies(app.config["TRUSTED_PROXIES"], "TRUSTED_PROXIES")
    app.config["URL_PREFIX"] = checked_prefix(app.config["URL_PREFIX"], "URL_PREFIX")
    app.wsgi_app = behind_proxy(app.wsgi_app, app.config["TRUSTED_PROXIES"], app.config["URL_PREFIX"])
    app.after_request(add_security_headers)  # also for answers outside the blueprint (404s)
    app.register_error_handler(404, not_found)
    app.cli.add_command(seed_index_command)
    return app


@click.command("seed-index")
@with_appcontext
def seed_index_command() -> None:
    """Index the bundled seeds if the index folder is empty (for `flask --app web run`)."""
    settings = current_app.extensions[EXTENSION].settings
    click.echo("indexed the seeds" if seed_if_empty(settings) else f"{settings.index_dir} already holds an index")


def init_search(app: Flask) -> Engine:
    """Check the search's config keys and open one Engine for the app, closed at exit."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.config["CORS_ORIGINS"] = checked_origins(app.config["CORS_ORIGINS"], "CORS_ORIGINS")
    app.config["FRAME_ANCESTORS"] = checked_frame_ancestors(app.config["FRAME_ANCESTORS"], "FRAME_ANCESTORS")
    settings = app.config["SEARCH_SETTINGS"] or Settings.from_env(index_dir=app.config["INDEX_DIR"])
    engine = Engine(settings)
    app.extensions[EXTENSION] = engine
    atexit.register(engine.close)
    return engine
