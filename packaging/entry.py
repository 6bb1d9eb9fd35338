"""The frozen application's entry point (PyInstaller runs this file as ``__main__``)."""

import multiprocessing
import sys

from annotator.launcher import main

if __name__ == "__main__":
    # A worker process of a large import (services.tokenizing) starts this executable too:
    # freeze_support runs the worker's task there, instead of the whole application.
    multiprocessing.freeze_support()
    sys.exit(main())
