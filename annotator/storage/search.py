"""The text search index: every document's words (:func:`annotator.text.search.folded_words`),
indexed for phrases, and the document list's text filter over titles, ids and text.

Schema 2 holds the index (:mod:`annotator.storage.migrations`): on a project file a contentless
FTS5 table ``text_search(words)`` whose rowid is the document's id, on PostgreSQL a table
``text_search(id, words tsvector)`` with a GIN index. The words are written by this module
(folded and cut in Python, the same on both databases), so both find the same documents:
FTS5 is asked for the phrase ``"w1 w2" *``; PostgreSQL holds each pair of words in a row as
a lexeme of its own beside the words and their places (:func:`tsvector`), and is asked for
the pairs (``'_w1_w2':*``), with the words in a row when there are more than two.

**Filled in the background, not by imports** (an import keeps its speed): documents are
indexed in the order of their ids, which only grow, in batches of a few hundred, each written
in a short write transaction of its own; the index itself says how far it has got (the
largest id in it), so a restore, which replaces the documents, or a backup of a server project
(whose index is not copied) starts it again from nothing, and two indexers at once take turns
(each batch checks, under the write lock, what is in already). A document not yet indexed is
found by its title and id only; :meth:`TextSearch.text_index_state` says how many wait.

On PostgreSQL a word's places in a document are kept up to the 16,383rd word and its first
256 places (the limits of a tsvector): a phrase of three words or more further into a very
long article is not found there. Its index takes two to three times as long to fill as
without the pairs (100,000 articles of 1,500 characters: 2.5 to 4 minutes against 1.5, in the
background), for phrases answered in milliseconds rather than hundreds.
"""

from __future__ import annotations

import bisect
import itertools
import json
from array import array
from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

from annotator.storage.base import ProjectBase, guarded
from annotator.storage.postgres import PostgresBackend, title_matching
from annotator.storage.sqlite import SqliteBackend
from annotator.text.search import Phrase, folded_words, phrase

INDEX_BATCH = 500
# PostgreSQL: indexers take turns on this transaction-scoped advisory lock.
_INDEX_LOCK = 0x414E4E56
_TSVECTOR_LAST_POSITION = 16_383
_TSVECTOR_PLACES = 256
_TSVECTOR_LONGEST = 200  # characters of a word kept (a lexeme, a pair, may take 2,046 bytes)


def fts5_query(found: Phrase) -> str:
    """The phrase as an FTS5 query: ``"w1 w2" *`` (words hold no quotes)."""
    return '"' + " ".join(found.words) + '"' + (" *" if found.prefix else "")


def tsquery(found: Phrase) -> str:
    """The phrase as a tsquery literal (words hold no quotes): a word, ``'w1':*``; two, their
    pair, ``'_w1_w2':*``; more, their pairs and the words in a row,
    ``('_w1_w2' & '_w2_w3':*) & ('w1' <-> 'w2' <-> 'w3':*)``."""
    words, star = found.words, ":*" if found.prefix else ""
    if len(words) == 1:
        return f"'{words[0]}'{star}"
    pairs = " & ".join(f"'_{a}_{b}'" for a, b in itertools.pairwise(words)) + star
    if len(words) == 2:
        return pairs
    return f"({pairs}) & ({' <-> '.join(f"'{w}'" for w in words)}{star})"


def tsvector(words: Sequence[str]) -> str:
    """Words as a tsvector literal, each with its places (from 1), and each pair of words in
    a row as one lexeme without places (``_w1_w2``: ``_`` is in no word): ``'w1':1,3 'w2':2
    '_w1_w2' '_w2_w1'``.

    A phrase checked on places makes the server read every document holding all its words
    (a phrase of two common words: a third of the documents, 200 ms at 100,000); the pairs
    answer a phrase of two words from the index alone, and narrow a longer one to the few
    documents holding all its pairs before their places are read.
    """
    kept_words = [word[:_TSVECTOR_LONGEST] for word in words]
    places: dict[str, list[int]] = {}
    for n, word in enumerate(kept_words, 1):
        kept = places.setdefault(word, [])
        if len(kept) < _TSVECTOR_PLACES:
            kept.append(min(n, _TSVECTOR_LAST_POSITION))
    pairs = dict.fromkeys(f"'_{a}_{b}'" for a, b in itertools.pairwise(kept_words))
    return " ".join([*(f"'{w}':{','.join(map(str, dict.fromkeys(p)))}"
                       for w, p in places.items()), *pairs])


def _ids(text: str | None) -> list[int]:
    return list(map(int, text.split(","))) if text else []


class TextSearch(ProjectBase):
    # The list's text filter last asked for, and the documents it lets through:
    # ((text, latest document, indexed up to), ids in order).
    _filter_cache: tuple[tuple[str, int, int], array[int]] | None = None

    @property
    def _postgres(self) -> bool:
        return isinstance(self.backend, PostgresBackend)

    def _indexed_up_to(self) -> int:
        """The largest document id in the index (0: none)."""
        sql = ("SELECT coalesce(max(id), 0) FROM text_search" if self._postgres
               else "SELECT coalesce(max(rowid), 0) FROM text_search")
        return int(self.db.execute_sql(sql).fetchone()[0])

    def _latest_document(self) -> int:
        doc = self.models.Document
        return int(self._rows(doc.select(pw.fn.COALESCE(pw.fn.MAX(doc.id), 0)))[0][0])

    @guarded
    def text_index_state(self) -> tuple[int, int]:
        """``(documents indexed up to this id, documents waiting to be indexed)``."""
        mark = self._indexed_up_to()
        if self._latest_document() <= mark:
            return mark, 0
        # A project file counts them in the small status index (``+id``: not by a range of
        # the table, whose rows hold the texts: 1.6 s rather than 5 ms at 100,000).
        sql = ("SELECT count(*) FROM document WHERE id > %s" if self._postgres
               else "SELECT count(*) FROM document WHERE +id > ?")
        return mark, int(self.db.execute_sql(sql, (mark,)).fetchone()[0])

    @guarded
    def index_text(self, batch: int = INDEX_BATCH,
                   on_batch: Callable[[int, int], None] | None = None) -> int:
        """Index the documents not indexed yet, a batch at a time, each in a short write
        transaction; returns how many this call indexed. ``on_batch(done, waiting)`` is
        called after each batch (progress; raising there stops, keeping what was written)."""
        _, waiting = self.text_index_state()
        done = 0
        doc = self.models.Document
        while True:
            mark = self._indexed_up_to()
            rows = self._rows(doc.select(doc.id, doc.text).where(doc.id > mark)
                              .order_by(doc.id).limit(batch))
            if not rows:
                return done
            entries = [(doc_id, folded_words(text)) for doc_id, text in rows]
            with self.transaction():
                if self._postgres:
                    self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_INDEX_LOCK,))
                mark = self._indexed_up_to()  # another indexer may have been quicker
                fresh = [(doc_id, words) for doc_id, words in entries if doc_id > mark]
                self._write_index(fresh)
            done += len(fresh)
            if on_batch is not None:
                on_batch(done, max(waiting, done))

    def _write_index(self, entries: Sequence[tuple[int, list[str]]]) -> None:
        if not entries:
            return
        if isinstance(self.backend, PostgresBackend):
            with self.backend.conn.cursor().copy(
                    "COPY text_search (id, words) FROM STDIN") as copy:
                for doc_id, words in entries:
                    copy.write_row((doc_id, tsvector(words)))
            return
        assert isinstance(self.backend, SqliteBackend)
        self.backend.conn.executemany(
            "INSERT INTO text_search (rowid, words) VALUES (?, ?)",
            [(doc_id, " ".join(words)) for doc_id, words in entries])

    # -- searching -------------------------------------------------------------------------

    def _id_list(self, column: Any) -> Any:
        """An aggregate of ids as one text ``1,2,3`` (read back far faster than rows)."""
        if self._postgres:
            return pw.fn.string_agg(pw.Cast(column, "text"), ",")
        return pw.fn.group_concat(column)

    @guarded
    def search_ids(self, found: Phrase) -> list[int]:
        """The indexed documents whose text holds the phrase, in id order."""
        if self._postgres:
            # The table's rows are small (their words are stored apart, TOAST): the planner
            # would read every document's words rather than ask the GIN index.
            with self.db.atomic():
                self.db.execute_sql("SET LOCAL enable_seqscan = off")
                found_ids = self.db.execute_sql(
                    "SELECT string_agg(id::text, ',') FROM text_search WHERE words @@"
                    " %s::tsquery", (tsquery(found),)).fetchone()[0]
        else:
            found_ids = self.db.execute_sql(
                "SELECT group_concat(rowid) FROM text_search WHERE text_search MATCH ?",
                (fts5_query(found),)).fetchone()[0]
        return sorted(_ids(found_ids))

    @guarded
    def texts_of(self, ids: Sequence[int]) -> list[tuple[int, str, str, str]]:
        """``(id, key, title, text)`` of the documents ``ids``, in id order."""
        doc = self.models.Document
        if not ids:
            return []
        return [(int(i), k, t, x) for i, k, t, x in self._rows(
            doc.select(doc.id, doc.key, doc.title, doc.text).where(doc.id.in_(list(ids)))
            .order_by(doc.id))]

    def _title_ids(self, text: str) -> list[int]:
        """Documents whose title or id holds ``text`` (the list's filter as it was before
        text search), from the database's own index of titles and ids alone."""
        if self._postgres:
            ident, holds = title_matching(text)
            query = ident.source.select(self._id_list(ident)).where(holds)
        elif len(text) >= 3:  # the trigram index hands back ids without the documents
            search = pw.Table("document_search")
            query = search.select(self._id_list(pw.Column(search, "rowid"))).where(
                pw.Expression(pw.Column(search, "document_search"), "MATCH",
                              '"' + text.replace('"', '""') + '"'))
        else:
            doc = self.models.Document
            query, _ = self.backend.filter_text(doc.select(self._id_list(doc.id)), doc, text)
        return sorted(_ids(self._rows(query)[0][0]))

    def _filter_ids(self, text: str) -> array[int]:
        """The documents the list's text filter lets through, in id order: those whose title
        or id holds ``text``, and those whose indexed text holds it as a phrase. Kept for the
        next call while the project has no new documents or index entries (paging, counting
        and finding a row of one filter ask it again and again)."""
        key = (text, self._latest_document(), self._indexed_up_to())
        if self._filter_cache is not None and self._filter_cache[0] == key:
            return self._filter_cache[1]
        found = self._title_ids(text)
        asked = phrase(text)
        if asked is not None:  # two runs in order: sorted merges them in one pass
            found = list(dict.fromkeys(sorted(found + self.search_ids(asked))))
        ids = array("q", found)
        self._filter_cache = (key, ids)
        return ids

    def _in_ids(self, column: Any, ids: Sequence[int]) -> Any:
        """``column`` is one of ``ids`` (any number of them, as one parameter)."""
        if self._postgres:
            return column == pw.fn.ANY(pw.Value(list(ids), unpack=False))
        return column.in_(pw.SQL("(SELECT value FROM json_each(?))", [json.dumps(list(ids))]))

    @staticmethod
    def _position(ids: array[int], doc_id: int) -> int | None:
        """The place of ``doc_id`` among ``ids`` (sorted), or None."""
        at = bisect.bisect_left(ids, doc_id)
        return at if at < len(ids) and ids[at] == doc_id else None
