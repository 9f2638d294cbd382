#!/usr/bin/env python3
"""The crash harness: kill -9 of `desk new`, `desk import` and `desk resolve` at random
moments, then checks what the spec's "Data safety" promises. Python 3 standard
library only. See crash/README.md.

    crash.py --desk BIN --dir DIR [--new N] [--imports N] [--resolves N] [--seed S]
             [--full-disk]
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "TZ": "UTC",
    "DESK_NOW": "2026-11-20T12:00:00Z",
    "DESK_USER": "crash",
    "NO_COLOR": "1",
}

failures = []


def fail(msg):
    failures.append(msg)
    print(f"  FAIL: {msg}", file=sys.stderr)


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def desk(bin_, db, *args, stdin=None, check=True):
    p = subprocess.run(
        [bin_, "--db", db, *args],
        input=stdin,
        capture_output=True,
        env=ENV,
    )
    if check and p.returncode != 0:
        raise SystemExit(f"desk {' '.join(args)} failed ({p.returncode}): {p.stderr.decode()}")
    return p


def killed_run(bin_, db, args, delay, stdin_path=None):
    """Starts desk, sends SIGKILL after `delay` seconds (if still running); returns
    (exit code or None if killed, stdout bytes)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    p = subprocess.Popen(
        [bin_, "--db", db, *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    try:
        p.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
    out, err = p.communicate()
    if stdin_path:
        stdin.close()
    killed = p.returncode == -signal.SIGKILL
    return (None if killed else p.returncode), out, err


def timed(bin_, db, args, stdin=None):
    t0 = time.perf_counter()
    desk(bin_, db, *args, stdin=stdin)
    return time.perf_counter() - t0


def check_db(bin_, db, what):
    """desk db check finds nothing, and SQLite's own integrity check agrees."""
    p = desk(bin_, db, "db", "check", check=False)
    if p.returncode != 0:
        fail(f"{what}: desk db check: {p.stdout.decode()} {p.stderr.decode()}")
    c = sqlite3.connect(db)
    ok = c.execute("PRAGMA integrity_check").fetchall()
    c.close()
    if ok != [("ok",)]:
        fail(f"{what}: integrity_check: {ok}")


def query(db, sql, *params):
    c = sqlite3.connect(db)
    try:
        return c.execute(sql, params).fetchall()
    finally:
        c.close()


def crash_new(bin_, work, n, rng):
    """`desk new` killed at random moments: every id printed names the ticket that
    process made (so no printed id is lost or handed out again)."""
    db = os.path.join(work, "new.db")
    desk(bin_, db, "db", "migrate")
    typical = min(timed(bin_, db, ["new", "warm-up"]) for _ in range(3))
    printed = {}
    killed = 0
    for i in range(n):
        title = f"crash {i}"
        code, out, err = killed_run(bin_, db, ["new", title], rng.uniform(0, typical))
        killed += code is None
        text = out.decode().strip()
        if text:
            tid = int(text)
            if tid in printed:
                fail(f"new: id {tid} printed twice ({printed[tid]!r} and {title!r})")
            printed[tid] = title
        elif code not in (None, 0):
            fail(f"new: exit {code} without being killed: {err.decode()}")
    for tid, title in printed.items():
        row = query(db, "SELECT title FROM tickets WHERE id = ?", tid)
        if row != [(title,)]:
            fail(f"new: printed id {tid} ({title!r}) is {row}")
    # The history of each ticket came with it.
    orphans = query(db, "SELECT count(*) FROM tickets t WHERE NOT EXISTS "
                        "(SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.action = 'create')")
    if orphans != [(0,)]:
        fail(f"new: tickets without their create event: {orphans}")
    check_db(bin_, db, "new")
    say(f"  new: {n} runs, {killed} killed, {len(printed)} ids printed")
    return {"runs": n, "killed": killed, "printed": len(printed)}


def write_batch(path, batch, size):
    with open(path, "w") as f:
        for k in range(size):
            f.write(json.dumps({
                "title": f"import {batch} ticket {k}",
                "description": "Tulostin ei tulosta; paperi juuttuu lokeroon 2",
                "category": f"batch-{batch}",
                "requester": f"user{k % 37}",
                "tags": ["crash"],
                "events": [
                    {"at": "2026-11-02T08:00:00Z", "actor": "ana", "action": "create", "status": "new"},
                    {"at": "2026-11-02T09:00:00Z", "actor": "ana", "action": "assign",
                     "detail": "to ana", "status": "open"},
                ],
                "comments": [{"at": "2026-11-02T09:30:00Z", "actor": "ana", "text": f"kommentti {k}"}],
                "created_at": "2026-11-02T08:00:00Z",
                "status": "open",
                "assignee": "ana",
            }) + "\n")


def crash_import(bin_, work, n, size, rng):
    """`desk import` killed at random moments: each file is in whole or not at all,
    into a database with tickets and into an empty one."""
    db = os.path.join(work, "import.db")
    desk(bin_, db, "new", "already here")
    sample = os.path.join(work, "sample.jsonl")
    write_batch(sample, "warm-up", size)
    typical = timed(bin_, os.path.join(work, "warm-up.db"), ["import", sample])
    counts = {"whole": 0, "none": 0, "killed": 0}
    for i in range(n):
        # Every fifth into an empty database (the import's other path).
        empty = i % 5 == 4
        target = os.path.join(work, f"empty-{i}.db") if empty else db
        if empty:
            desk(bin_, target, "db", "migrate")
        path = os.path.join(work, f"batch-{i}.jsonl")
        write_batch(path, i, size)
        code, out, err = killed_run(bin_, target, ["import", path], rng.uniform(0, typical * 1.6))
        counts["killed"] += code is None
        if code not in (None, 0):
            fail(f"import {i}: exit {code} without being killed: {err.decode()}")
        (have,) = query(target, "SELECT count(*) FROM tickets WHERE category = ?", f"batch-{i}")[0]
        (comments,) = query(target, "SELECT count(*) FROM comments c JOIN tickets t ON t.id = c.ticket_id "
                                    "WHERE t.category = ?", f"batch-{i}")[0]
        if (have, comments) == (size, size):
            counts["whole"] += 1
        elif (have, comments) == (0, 0):
            counts["none"] += 1
            if code == 0:
                fail(f"import {i}: exit 0 but nothing imported")
        else:
            fail(f"import {i}: {have} of {size} tickets, {comments} comments (all or nothing)")
        if empty:
            check_db(bin_, target, f"import {i} (empty database)")
            os.remove(target)
        os.remove(path)
    check_db(bin_, db, "import")
    say(f"  import: {n} runs of {size} tickets, {counts['killed']} killed; "
        f"{counts['whole']} whole, {counts['none']} not at all, none in part")
    return {"runs": n, "size": size, **counts}


def crash_resolve(bin_, work, n, rng):
    """`desk resolve` killed at random moments: a ticket is resolved with its event,
    or not at all; a reported success is on disk."""
    db = os.path.join(work, "resolve.db")
    lines = b"".join(f'{{"title":"to resolve {i}"}}\n'.encode() for i in range(n))
    src = os.path.join(work, "to-resolve.jsonl")
    with open(src, "wb") as f:
        f.write(lines)
    desk(bin_, db, "import", src)
    desk(bin_, db, "new", "warm-up")
    typical = timed(bin_, db, ["resolve", str(n + 1), "--solution", "warm-up"])
    done = set()
    killed = 0
    for i in range(1, n + 1):
        code, out, err = killed_run(bin_, db, ["resolve", str(i), "--solution", f"fix {i}"],
                                    rng.uniform(0, typical))
        killed += code is None
        if code == 0:
            done.add(i)
        elif code is not None:
            fail(f"resolve {i}: exit {code} without being killed: {err.decode()}")
    rows = query(db, "SELECT t.id, t.status, t.resolution, "
                     "(SELECT count(*) FROM events e WHERE e.ticket_id = t.id AND e.action = 'resolve') "
                     "FROM tickets t WHERE t.id <= ?", n)
    resolved = 0
    for tid, status, resolution, events in rows:
        if status == "resolved":
            resolved += 1
            if events != 1 or resolution != f"fix {tid}":
                fail(f"resolve: #{tid} resolved with {events} resolve events, resolution {resolution!r}")
        elif events != 0 or resolution is not None:
            fail(f"resolve: #{tid} is {status} but has {events} resolve events, resolution {resolution!r}")
        if tid in done and status != "resolved":
            fail(f"resolve: #{tid} reported resolved (exit 0) but is {status}")
    check_db(bin_, db, "resolve")
    say(f"  resolve: {n} runs, {killed} killed, {resolved} resolved, each with its event")
    return {"runs": n, "killed": killed, "resolved": resolved}


def full_disk(bin_, work):
    """A database on a 3 MiB tmpfs filled to the brim: writes fail with exit 1 and
    change nothing, every id printed exists, the database stays sound."""
    if os.geteuid() != 0:
        say("  full disk: SKIPPED (mounting a small tmpfs needs root)")
        return {"skipped": "not root"}
    mnt = tempfile.mkdtemp(prefix="desk-full-", dir=work)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt], capture_output=True)
    if p.returncode != 0:
        say(f"  full disk: SKIPPED (mount failed: {p.stderr.decode().strip()})")
        return {"skipped": "mount failed"}
    try:
        db = os.path.join(mnt, "desk.db")
        desk(bin_, db, "db", "migrate")
        text = "x" * 20000
        printed, refused, other = [], 0, []
        for i in range(400):
            p = desk(bin_, db, "new", f"filling {i}", "-d", text, check=False)
            if p.returncode == 0:
                printed.append(int(p.stdout.decode().strip()))
            elif p.returncode == 1:
                refused += 1
            else:
                other.append((p.returncode, p.stderr.decode()))
            if refused >= 20:
                break
        if refused == 0:
            fail("full disk: the disk never filled")
        for code, err in other:
            fail(f"full disk: exit {code}: {err}")
        have = {r[0] for r in query(db, "SELECT id FROM tickets")}
        missing = [t for t in printed if t not in have]
        if missing:
            fail(f"full disk: printed ids missing: {missing}")
        # An import on the full disk: all or nothing.
        batch = os.path.join(work, "full-batch.jsonl")
        write_batch(batch, "full", 300)
        p = desk(bin_, db, "import", batch, check=False)
        imported = p.returncode
        (n,) = query(db, "SELECT count(*) FROM tickets WHERE category = 'batch-full'")[0]
        if (imported, n) not in ((0, 300), (1, 0)):
            fail(f"full disk: import exit {imported} left {n} of 300 tickets")
        check_db(bin_, db, "full disk")
        # Room again: desk writes again.
        os.remove(batch)
        subprocess.run(["mount", "-o", "remount,size=16m", mnt], check=True)
        p = desk(bin_, db, "new", "after the disk was freed", check=False)
        if p.returncode != 0:
            fail(f"full disk: after making room, new failed: {p.stderr.decode()}")
        check_db(bin_, db, "full disk, after")
        say(f"  full disk: {len(printed)} tickets written, {refused} writes refused with exit 1, "
            f"an import on the full disk exit {imported} with {n} of 300 tickets")
        return {"written": len(printed), "refused": refused, "import_exit": imported}
    finally:
        subprocess.run(["umount", mnt])
        os.rmdir(mnt)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--desk", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--new", type=int, default=300)
    ap.add_argument("--imports", type=int, default=100)
    ap.add_argument("--import-size", type=int, default=2000)
    ap.add_argument("--resolves", type=int, default=200)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--full-disk", action="store_true")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    say(f"crash harness: seed {seed}")
    os.makedirs(a.dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="run-", dir=a.dir)
    t0 = time.time()
    results = {"seed": seed}
    results["new"] = crash_new(a.desk, work, a.new, rng)
    results["import"] = crash_import(a.desk, work, a.imports, a.import_size, rng)
    results["resolve"] = crash_resolve(a.desk, work, a.resolves, rng)
    if a.full_disk:
        results["full_disk"] = full_disk(a.desk, work)
    results["seconds"] = round(time.time() - t0, 1)
    results["failures"] = failures
    print(json.dumps(results))
    if failures:
        say(f"{len(failures)} failures (seed {seed}); the databases are in {work}")
        sys.exit(1)
    subprocess.run(["rm", "-rf", work])
    say(f"all checks passed in {results['seconds']} s")


if __name__ == "__main__":
    main()
