"""Built-in models: suggestions learnt from the project's own labels.

Two models, by name: ``strings`` (:mod:`.strings`, the string matcher) and ``crf``
(:mod:`.crf`, a sequence model). Both learn from documents (their stored tokens and their
labels) and make suggestions on whole tokens, never over a document's labels; both are kept
as bytes with their :class:`~.info.ModelInfo` (:mod:`.models` trains and loads either).
Pure Python over core objects: the services choose the documents and store the bytes.
"""
