"""Use cases over the project file (import, export, predictions, stats).

Each takes a progress callback and a cancel token."""
