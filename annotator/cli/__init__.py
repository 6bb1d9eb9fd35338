"""The ``annotator`` command line: argparse over the services, no Qt."""
