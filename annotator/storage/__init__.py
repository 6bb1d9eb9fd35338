"""The project, on a file or a server: the only package that imports peewee, sqlite3 or psycopg,
or writes SQL. Returns core objects."""

from annotator.storage.base import check_project
from annotator.storage.documents import EVERYONE, ImportSummary, Viewer
from annotator.storage.listing import DocumentFilter, DocumentRow
from annotator.storage.location import DatabaseUrl, Location, parse_location
from annotator.storage.project import Project

__all__ = ["EVERYONE", "DatabaseUrl", "DocumentFilter", "DocumentRow", "ImportSummary",
           "Location", "Project", "Viewer", "check_project", "parse_location"]
