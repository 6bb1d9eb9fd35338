"""``annotator search QUERY [--json]``: the documents whose text holds QUERY, with the lines
that hold it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from annotator.services.progress import counted
from annotator.services.projects import Project
from annotator.services.search import Hit, catch_up, parse_query, search

Opener = Callable[..., Project]
SHOWN = 120  # characters of a long line shown around the match


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             db: argparse.ArgumentParser) -> None:
    sea = commands.add_parser(
        "search", parents=[db], help="documents whose text holds QUERY",
        description="The documents whose text holds QUERY, with the lines holding it: its "
                    "words in a row, the last one the beginning of a word (two letters or "
                    "more), blind to Persian spelling variants (ي/ی, ك/ک, kashida, "
                    "diacritics, hamza, digits, a ZWNJ or a space between a word's parts). "
                    "The text index is brought up to date first.")
    sea.add_argument("query", metavar="QUERY")
    sea.add_argument("--json", action="store_true",
                     help="one JSON object: the query and each document with its lines")


def shortened(hit_line: str, start: int, end: int) -> str:
    """A line cut to about SHOWN characters around ``start..end`` (offsets in the line)."""
    if len(hit_line) <= SHOWN:
        return hit_line
    begin = max(0, min(start - SHOWN // 3, len(hit_line) - SHOWN))
    cut = hit_line[begin:begin + SHOWN]
    return ("…" if begin else "") + cut + ("…" if begin + SHOWN < len(hit_line) else "")


def _as_json(hit: Hit) -> dict[str, object]:
    return {"id": hit.key, "title": hit.title, "lines": [
        {"line": line.number, "text": line.text,
         "matches": [{"start": a, "end": b} for a, b in line.matches]} for line in hit.lines]}


def run(args: argparse.Namespace, open_project: Opener) -> int:
    from annotator.cli.progress import TerminalProgress

    parse_query(args.query)  # a query of no word is refused before anything is done
    with open_project(args, create=False) as project:
        if not project.read_only:  # a read-only one is searched as far as it is indexed
            progress = TerminalProgress("indexing article text")
            try:
                catch_up(project, progress)
            finally:
                progress.close()
        found = search(project, args.query)
        if args.json:
            print(json.dumps({"query": args.query, "words": list(found.phrase.words),
                              "prefix": found.phrase.prefix, "documents": len(found.ids),
                              "results": [_as_json(hit) for hit in found.hits()]},
                             ensure_ascii=False, indent=2))
        else:
            for hit in found.hits():
                print(f"{hit.key}\t{hit.title}")
                for line in hit.lines:
                    a, b = line.matches[0]
                    print(f"  {line.number}: "
                          f"{shortened(line.text, a - line.start, b - line.start)}")
        if found.unsearched:
            print(f"annotator: warning: {counted(found.unsearched, 'document')} not searched "
                  "(not indexed yet)", file=sys.stderr)
    if not args.json:
        print(f"«{found.phrase}»: {counted(len(found.ids), 'document')}", file=sys.stderr)
    return 0
