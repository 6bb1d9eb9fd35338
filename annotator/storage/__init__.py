"""The project file: the only package that imports peewee or writes SQL. Returns core objects."""

from annotator.storage.project import DocumentFilter, DocumentRow, Project

__all__ = ["DocumentFilter", "DocumentRow", "Project"]
