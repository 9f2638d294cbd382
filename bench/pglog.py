#!/usr/bin/env python3
"""The SQL a desk command ran on PostgreSQL, from the server's log, as a psql script.

    pglog.py size LOG                      the log's size now (where a capture starts)
    pglog.py extract LOG OFFSET DB OUT.sql the statements logged for database DB after
                                           OFFSET (log_statement = 'all'), parameters
                                           filled in, one per line ending in ';'

bench/run --engine postgres sets log_statement = 'all' on the benchmark's database for
one run of each desk command, and psql replays what this extracts: the same SQL on the
same database, in one process and one connection, as the floor under desk. The log is
the default stderr format of scripts/pg-cluster (log_line_prefix '%m [%p] %q%d ').
Standard library only.
"""

import re
import sys

LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] (?:(\S*) )?(\w+):  (.*)$")
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def messages(text):
    """(pid, database, level, message) for each log entry; continuation lines joined."""
    cur = None
    for line in text.split("\n"):
        m = LINE.match(line)
        if m:
            if cur:
                yield cur
            cur = [m.group(1), m.group(2) or "", m.group(3), m.group(4)]
        elif cur is not None:
            cur[3] += "\n" + line.lstrip("\t")
    if cur:
        yield cur


def extract(log, offset, db, out):
    with open(log, "rb") as f:
        f.seek(int(offset))
        text = f.read().decode("utf-8", "replace")
    stmts = []
    for pid, database, level, msg in messages(text):
        if database != db:
            continue
        if level == "LOG":
            m = re.match(r"(?:statement|execute [^:]*): (.*)$", msg, re.S)
            if m:
                stmts.append(m.group(1).strip())
        elif level == "DETAIL" and msg.startswith("parameters: ") and stmts:
            params = {int(n): v for n, v in PARAM.findall(msg)}
            stmts[-1] = re.sub(r"\$(\d+)\b",
                               lambda p: params.get(int(p.group(1)), p.group(0)), stmts[-1])
    with open(out, "w") as f:
        for s in stmts:
            s = s.rstrip().rstrip(";")
            if s:
                f.write(s + ";\n")
    if not stmts:
        sys.exit("pglog.py: no statement for database %s in %s after byte %s" % (db, log, offset))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "size":
        with open(args[0], "rb") as f:
            f.seek(0, 2)
            print(f.tell())
    elif cmd == "extract":
        extract(*args)
    else:
        sys.exit("pglog.py: size LOG | extract LOG OFFSET DB OUT.sql")


if __name__ == "__main__":
    main()
