#!/usr/bin/env python3
"""The SQL a desk command ran on PostgreSQL, from the server's log, as a psql script.

    pglog.py size LOG                      the log's size now (where a capture starts)
    pglog.py extract LOG OFFSET DB OUT.sql the statements logged for database DB after
                                           OFFSET (log_statement = 'all'), parameters
                                           filled in, one per line ending in ';'

bench/run --engine postgres sets log_statement = 'all' on the benchmark's database for
one run of each desk command, and psql replays what this extracts: the same SQL on the
same database, in one process and one connection, as the floor under desk, with one
round trip for each of desk's: the statements desk sent as one simple query are joined
by psql's `\;`, so psql sends them together too. The log is the default stderr format
of scripts/pg-cluster (log_line_prefix '%m [%p] %q%d ').
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


def split_top(sql):
    """The statements of a simple query (several, separated by ';' outside quotes,
    dollar quotes and comments), each stripped."""
    out, cur, i, n = [], [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            j = sql.find(c, i + 1)
            while j != -1 and sql[j + 1:j + 2] == c:  # '' or "" inside
                j = sql.find(c, j + 2)
            j = n if j == -1 else j + 1
            cur.append(sql[i:j])
            i = j
        elif c == "$" and re.match(r"\$\w*\$", sql[i:]) and not (i and (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            tag = re.match(r"\$\w*\$", sql[i:]).group(0)
            j = sql.find(tag, i + len(tag))
            j = n if j == -1 else j + len(tag)
            cur.append(sql[i:j])
            i = j
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j == -1 else j
            cur.append(sql[i:j])
            i = j
        elif c == ";":
            out.append("".join(cur).strip())
            cur = []
            i += 1
        else:
            cur.append(c)
            i += 1
    out.append("".join(cur).strip())
    return [s for s in out if s]


def extract(log, offset, db, out):
    with open(log, "rb") as f:
        f.seek(int(offset))
        text = f.read().decode("utf-8", "replace")
    stmts = []
    for pid, database, level, msg in messages(text):
        if database != db:
            continue
        if level == "LOG":
            m = re.match(r"(statement|execute [^:]*): (.*)$", msg, re.S)
            if m and m.group(1) == "statement":
                # One simple query, one round trip, however many statements it holds:
                # psql sends statements joined by \; as one query too.
                parts = split_top(m.group(2))
                if parts:
                    stmts.append(" \\;\n".join(parts))
            elif m:
                stmts.append(m.group(2).strip())
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
