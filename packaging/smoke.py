"""Smoke check of the built application folder: ``make package-check``.

    python3 packaging/smoke.py [dist/annotator]

Every run of the built ``annotator`` gets an empty environment (``PATH=/usr/bin:/bin``, a
new ``HOME``, ``QT_QPA_PLATFORM=offscreen``; no virtual environment, no PYTHONPATH), in a
scratch folder. It checks, in order:

1. the bundle holds the fonts, translations, icon, hazm's word lists, tzdata and Qt's
   platform plugins; ``--version`` prints the version in pyproject.toml; ``--help`` names
   the commands;
2. ``import`` of a Persian text article and a JSONL record with spans into a new project file
   (the text article without the system's time zone database, so Asia/Tehran comes from the
   bundled tzdata), then ``export --format jsonl`` and ``--format conll`` and ``stats --json``
   give back those documents and spans;
3. bad input exits 1 with one line on standard error, no traceback, nothing added; a
   PostgreSQL URL to a server that is not there gives the one line of an unreachable server
   (the driver and its libpq are in the bundle and load), with no password shown;
4. ``train`` and ``suggest`` with the built-in models, each in a worker process;
5. the window, offscreen, on a new project file (``ANNOTATOR_EXIT_WHEN_SHOWN=1`` closes it
   once shown): it exits 0 and the file holds the bundled samples;
6. ``install.sh`` into a scratch prefix: the linked executable runs from its new place, the
   menu entry, metainfo and icon are where desktops look, and ``--uninstall`` removes them.

Standard library only: it needs no virtual environment either. Exit status 0 when every
check passes, 1 at the first that fails (the scratch folder is then kept for a look).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.annotator.Annotator"
TIMEOUT = 180  # seconds for one run of the application

ARTICLE = """\
دیدار وزیران خارجه ایران و عمان در مسقط

خبرگزاری مهر
دوشنبه 26 آبان 1404 - 14:19

عباس عراقچی وزیر امور خارجه روز دوشنبه در مسقط با همتای عمانی خود دیدار کرد.
دو طرف درباره همکاری‌های منطقه‌ای گفت‌وگو کردند.
"""

RECORD_TEXT = "نشست خبری سازمان هواشناسی در تبریز برگزار شد."
ACTOR, LOCATION = "سازمان هواشناسی", "تبریز"


class Failed(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(what)
    print(f"ok  {what}")


class App:
    """The built executable, run in an empty environment inside ``scratch``."""

    def __init__(self, executable: Path, scratch: Path) -> None:
        self.executable = executable
        self.scratch = scratch
        self.home = scratch / "home"
        self.home.mkdir()

    def run(self, *args: str | Path, env: dict[str, str] | None = None,
            executable: Path | None = None) -> subprocess.CompletedProcess[str]:
        environment = {"PATH": "/usr/bin:/bin", "HOME": str(self.home),
                       "QT_QPA_PLATFORM": "offscreen", **(env or {})}
        command = [str(executable or self.executable), *map(str, args)]
        done = subprocess.run(command, cwd=self.scratch, env=environment, capture_output=True,
                              text=True, encoding="utf-8", timeout=TIMEOUT, check=False)
        print(f"    $ annotator {' '.join(map(str, args))}  -> {done.returncode}")
        return done

    def ok(self, *args: str | Path, env: dict[str, str] | None = None,
           executable: Path | None = None) -> subprocess.CompletedProcess[str]:
        done = self.run(*args, env=env, executable=executable)
        if done.returncode != 0:
            raise Failed(f"annotator {' '.join(map(str, args))} exited {done.returncode}:\n"
                         f"{done.stdout}{done.stderr}")
        return done

    def stats(self, db: Path) -> dict[str, object]:
        stats: dict[str, object] = json.loads(self.ok("stats", "--json", "--db", db).stdout)
        return stats

    def export_jsonl(self, db: Path, name: str) -> list[dict[str, object]]:
        out = self.scratch / name
        self.ok("export", "--format", "jsonl", "--db", db, "-o", out)
        lines = out.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


def check_bundle(folder: Path) -> None:
    inside = folder / "_internal"
    wanted = ["annotator/resources/fonts/Vazirmatn-Regular.ttf",
              "annotator/resources/fonts/OFL.txt", "annotator/resources/i18n/annotator_fa.ts",
              "annotator/resources/icons/annotator.svg", "hazm/data/words.dat",
              "tzdata/zoneinfo/Asia/Tehran", "PySide6/Qt/translations/qtbase_fa.qm"]
    if sys.platform.startswith("linux"):
        wanted += ["PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/platforms/libqwayland.so",
                   "PySide6/Qt/plugins/iconengines/libqsvgicon.so"]
    missing = [name for name in wanted if not (inside / name).exists()]
    check(not missing, f"the bundle holds fonts, translations, icon, hazm's data, tzdata, "
                       f"Qt's plugins (missing: {missing or 'none'})")


def check_version(app: App) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = pyproject["project"]["version"]
    shown = app.ok("--version").stdout.strip()
    check(shown == f"annotator {version}", f"--version prints 'annotator {version}' ({shown!r})")
    usage = app.ok("--help").stdout
    check(all(command in usage for command in ("import", "export", "stats")),
          "--help names import, export and stats")


def check_commands(app: App) -> None:
    scratch = app.scratch
    (scratch / "article.txt").write_text(ARTICLE, encoding="utf-8")
    start = RECORD_TEXT.index(ACTOR)
    where = RECORD_TEXT.index(LOCATION)
    record = {"id": "record-1", "text": RECORD_TEXT, "status": "done", "spans": [
        {"start": start, "end": start + len(ACTOR), "label": "ACTOR"},
        {"start": where, "end": where + len(LOCATION), "label": "LOCATION"},
    ]}
    (scratch / "records.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    db = scratch / "commands.sqlite"
    # No system zone database: Asia/Tehran must come from the tzdata inside the bundle.
    app.ok("import", "article.txt", "--db", db, env={"PYTHONTZPATH": str(scratch / "no-tz")})
    app.ok("import", "records.jsonl", "--db", db)
    check(db.exists(), "import creates the project file")

    documents = {str(doc["id"]): doc for doc in app.export_jsonl(db, "out.jsonl")}
    check(sorted(documents) == ["article", "record-1"],
          f"export --format jsonl writes both documents ({sorted(documents)})")
    meta = documents["article"]["meta"]
    assert isinstance(meta, dict)
    check(meta.get("date") == "2025-11-17T14:19:00.000+03:30"
          and meta.get("date_jalali") == "1404/08/26 14:19",
          f"the article's Jalali header date, in Tehran time ({meta.get('date')})")
    spans = documents["record-1"]["spans"]
    assert isinstance(spans, list)
    check([(s["label"], s["text"]) for s in spans] == [("ACTOR", ACTOR), ("LOCATION", LOCATION)]
          and all(RECORD_TEXT[s["start"]:s["end"]] == s["text"] for s in spans),
          "the record's spans come back on the same words (code point offsets)")

    conll = scratch / "out.conll"
    app.ok("export", "--format", "conll", "--db", db, "-o", conll)
    lines = conll.read_text(encoding="utf-8").splitlines()
    tags = [line.split("\t") for line in lines if "\t" in line]
    check(sum(line.startswith("-DOCSTART-") for line in lines) == 2
          and ["سازمان", "B-ACTOR"] in tags and ["هواشناسی", "I-ACTOR"] in tags
          and ["تبریز", "B-LOCATION"] in tags,
          "export --format conll writes two documents, BIO tags on hazm's tokens")

    stats = app.stats(db)
    check(stats.get("documents") == 2
          and stats.get("spans_by_label") == {"ACTOR": 1, "EVENT": 0, "LOCATION": 1},
          f"stats --json counts 2 documents, 1 ACTOR and 1 LOCATION ({stats})")

    (scratch / "bad.jsonl").write_text('{"id": "bad", "text": "متن"\n', encoding="utf-8")
    bad = app.run("import", "bad.jsonl", "--db", db)
    err = bad.stderr.strip().splitlines()
    check(bad.returncode == 1 and len(err) == 1 and "bad.jsonl" in err[0]
          and "Traceback" not in bad.stderr,
          f"bad input: exit 1, one line naming the file ({err[:1]})")
    check(app.stats(db).get("documents") == 2, "bad input adds nothing")

    # Large enough for worker processes to tokenize (services.tokenizing): in the bundle they
    # start the executable itself, which must run their task rather than the application.
    many = scratch / "many.jsonl"
    many.write_text("".join(json.dumps({**record, "id": f"many-{n}"}, ensure_ascii=False) + "\n"
                            for n in range(600)), encoding="utf-8")
    crowded = scratch / "many.sqlite"
    result = app.run("import", many, "--db", crowded)
    check(result.returncode == 0 and "Traceback" not in result.stderr
          and app.stats(crowded).get("documents") == 600,
          f"a 600-record import (tokenized by a worker process) ({result.stderr.strip()[:200]})")
    app.ok("export", "--format", "conll", "--db", crowded, "-o", scratch / "many.conll")
    blocks = (scratch / "many.conll").read_text(encoding="utf-8").split("-DOCSTART-")
    one = [block for block in conll.read_text(encoding="utf-8").split("-DOCSTART-")
           if "B-LOCATION" in block]
    check(len(blocks) == 601 and all(block == one[0] for block in blocks[1:]),
          "each of the 600 records has the same tokens and tags as the one imported alone")


def check_postgres_driver(app: App) -> None:
    """The PostgreSQL driver loads from the bundle: a server that is not there is reported
    in one line, naming where it was looked for, without the URL's password."""
    url = "postgresql://analyst:secret-word@127.0.0.1:9/team"
    result = app.run("stats", "--db", url)
    err = result.stderr.strip().splitlines()
    check(result.returncode == 1 and len(err) == 1
          and err[0].startswith("annotator: cannot reach the project database at 127.0.0.1:9:")
          and "secret-word" not in result.stderr,
          f"a PostgreSQL project on a server that is not there: one line ({result.stderr!r})")


CITIES = ("تبریز", "مشهد", "شیراز", "اصفهان", "کرمان", "یزد")
ORGANISATIONS = ("سازمان هواشناسی", "شهرداری", "دانشگاه تهران", "وزارت نیرو", "هلال احمر")


def check_models(app: App) -> None:
    """The built-in models from the bundle: ``train`` (the CRF, whose features read the string
    matcher's hits) and ``suggest``, each in a worker process that is the executable itself."""
    scratch = app.scratch
    records = []
    for n in range(40):
        actor, city = ORGANISATIONS[n % len(ORGANISATIONS)], CITIES[n % len(CITIES)]
        text = f"نشست خبری {actor} در {city} برگزار شد و گزارش {n + 1} منتشر شد."
        records.append({"id": f"done-{n}", "text": text, "status": "done", "spans": [
            {"start": text.index(actor), "end": text.index(actor) + len(actor),
             "label": "ACTOR"},
            {"start": text.index(city), "end": text.index(city) + len(city),
             "label": "LOCATION"}]})
    fresh = f"گزارش {ORGANISATIONS[0]} در {CITIES[1]} امروز منتشر شد."
    records.append({"id": "new-1", "text": fresh})
    corpus = scratch / "labelled.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    db = scratch / "models.sqlite"
    app.ok("import", corpus, "--db", db)
    trained = app.run("train", "--db", db)
    check(trained.returncode == 0 and "Traceback" not in trained.stderr
          and "crf trained on 40 documents" in trained.stdout,
          f"train: the CRF learns the 40 documents done ({trained.stdout.strip()[:120]!r})")
    suggested = app.run("suggest", "--db", db)
    pending = app.stats(db).get("pending")
    check(suggested.returncode == 0 and "Traceback" not in suggested.stderr
          and isinstance(pending, int) and pending >= 1,
          f"suggest: the model's suggestions for the new document ({pending} pending; "
          f"{suggested.stdout.strip()[:120]!r})")


def check_window(app: App, executable: Path | None = None, name: str = "window") -> None:
    db = app.scratch / f"{name}.sqlite"
    started = time.monotonic()
    app.ok("--db", db, env={"ANNOTATOR_EXIT_WHEN_SHOWN": "1"}, executable=executable)
    seconds = time.monotonic() - started
    samples = sorted(p.stem for p in (ROOT / "resources" / "samples").glob("*.txt"))
    ids = sorted(str(doc["id"]) for doc in app.export_jsonl(db, f"{name}.jsonl"))
    check(ids == samples and len(ids) == 6,
          f"the window opens a new project file with the {len(samples)} samples "
          f"(shown and closed in {seconds:.1f} s)")


def check_install(app: App) -> None:
    prefix = app.scratch / "prefix"
    installer = app.executable.parent / "install.sh"
    check(installer.is_file(), "install.sh is in the built folder")
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(app.home), "PREFIX": str(prefix)}
    subprocess.run(["sh", str(installer)], env=environment, check=True, timeout=TIMEOUT,
                   capture_output=True)
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    installed = [prefix / "bin" / "annotator", desktop,
                 prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml",
                 prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"]
    check(all(path.exists() for path in installed),
          "install.sh: executable link, menu entry, metainfo, icon")
    exec_line = next(line for line in desktop.read_text(encoding="utf-8").splitlines()
                     if line.startswith("Exec="))
    check(exec_line == f'Exec="{prefix}/lib/annotator/annotator"',
          f"the menu entry runs the installed executable ({exec_line})")
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                              text=True, check=False)
        check(done.returncode == 0 and not done.stdout.strip(),
              f"desktop-file-validate accepts the installed entry{done.stdout.rstrip()}")
    # Moved out of the build folder: nothing points back into it.
    check_window(app, prefix / "bin" / "annotator", "installed")
    subprocess.run(["sh", str(installer), "--uninstall"], env=environment, check=True,
                   timeout=TIMEOUT, capture_output=True)
    check(not any(path.exists() for path in installed)
          and not (prefix / "lib" / "annotator").exists(), "install.sh --uninstall removes it")


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "annotator").resolve()
    executable = folder / ("annotator.exe" if os.name == "nt" else "annotator")
    if not executable.is_file():
        print(f"smoke: no {executable}; build it first with `make package`", file=sys.stderr)
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="annotator-smoke-"))
    app = App(executable, scratch)
    started = time.monotonic()
    try:
        check_bundle(folder)
        check_version(app)
        check_commands(app)
        check_postgres_driver(app)
        check_models(app)
        check_window(app)
        if sys.platform.startswith("linux"):
            check_install(app)
    except (Failed, subprocess.SubprocessError, OSError) as exc:
        print(f"FAIL {exc}\n(scratch folder kept: {scratch})", file=sys.stderr)
        return 1
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"smoke check passed in {time.monotonic() - started:.0f} s: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
