"""Plain-Python domain: documents, spans, labels, offsets, tokens and undoable commands."""
