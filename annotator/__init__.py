"""annotator: label Persian news articles and export training data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("annotator")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
