"""Use cases over the project file (import, export, predictions, stats), taking progress + cancel."""
