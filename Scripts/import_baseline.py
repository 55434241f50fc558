#!/usr/bin/env python3
"""The minimal Python import that qcode's import speed is compared with.

Reads every .txt in DIR, splits it into speaker turns ("[hh:mm:ss] Name: text" or
"Name: text" at a line start), and inserts documents and turns into a fresh SQLite file
with the sqlite3 module, in one transaction.

    python3 Scripts/import_baseline.py DIR
"""
import os
import re
import sqlite3
import sys
import tempfile
import time

LABEL = re.compile(r"^(?:\[(\d\d):(\d\d):(\d\d)\] )?([A-Z][\w .]{0,30}?):\s", re.M)


def main(directory):
    start = time.perf_counter()
    path = os.path.join(tempfile.mkdtemp(), "baseline.db")
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT, text TEXT)")
    db.execute("CREATE TABLE turns(document_id INTEGER, number INTEGER, speaker TEXT, start INTEGER, end INTEGER, time REAL)")
    files = sorted(f for f in os.listdir(directory) if f.endswith(".txt"))
    total = turns_total = 0
    with db:
        for name in files:
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                text = handle.read()
            total += len(text)
            cursor = db.execute("INSERT INTO documents(name, text) VALUES (?, ?)", (name, text))
            matches = list(LABEL.finditer(text))
            rows = []
            for number, match in enumerate(matches, 1):
                end = matches[number].start() if number < len(matches) else len(text)
                h, m, s = match.group(1, 2, 3)
                seconds = int(h) * 3600 + int(m) * 60 + int(s) if h else None
                rows.append((cursor.lastrowid, number, match.group(4), match.end(), end, seconds))
            db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?)", rows)
            turns_total += len(rows)
    elapsed = time.perf_counter() - start
    print(f"python baseline: {len(files)} files, {total / 1048576:.1f} M chars, {turns_total} turns in {elapsed:.3f} s")


if __name__ == "__main__":
    main(sys.argv[1])
