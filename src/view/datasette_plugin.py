"""zhaoshang's Datasette metadata for every catalogue Datasette serves, whatever its file is called.

Written by `zhaoshang metadata --plugins-dir DIR`. Use it with:

    datasette any-name.db --plugins-dir DIR

A database is given the metadata (descriptions of every table and column, the hidden internal
tables, the search box, the bundled reports as canned queries) when its `PRAGMA application_id`
is zhaoshang's, so renaming or copying the file keeps it. Metadata given with `-m FILE` still
takes precedence.
"""

import json
import pathlib
import sqlite3

from datasette import hookimpl

APPLICATION_ID = __APPLICATION_ID__
TOP = json.loads(r'''__TOP__''')
DATABASE = json.loads(r'''__DATABASE__''')

_catalogues = {}


def _is_catalogue(path):
    """True when the file at `path` is a zhaoshang catalogue (read-only look, once per file)."""
    try:
        uri = pathlib.Path(path).resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True)
        try:
            return connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return False


@hookimpl
def get_metadata(datasette, key, database, table):
    databases = {}
    for name, db in datasette.databases.items():
        path = getattr(db, "path", None)
        if not path:
            continue
        if path not in _catalogues:
            _catalogues[path] = _is_catalogue(path)
        if _catalogues[path]:
            databases[name] = DATABASE
    return dict(TOP, databases=databases)
