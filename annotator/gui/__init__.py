"""The window: the only package that imports PySide6. Views, Qt models, actions and workers.

``annotator.gui.app.run`` is what the launcher calls; ``MainWindow`` composes the modules.
"""
