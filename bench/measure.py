#!/usr/bin/env python3
"""The runner's helpers: a process's peak memory, a timing loop for machines without
hyperfine, and the results table. Python 3 standard library only.

    measure.py mem OUT.json -- CMD ARGS...     peak RSS (KiB) and wall time of one run
    measure.py time OUT.json --runs N --warmup W [--prepare CMD] -- CMD ARGS...
                                               hyperfine-shaped JSON with the median
    measure.py table RESULTS.jsonl             the markdown table (stdout)
    measure.py pgtable RESULTS.jsonl           the same for bench/run --engine postgres

Peak memory is GNU time's %M (the kernel's ru_maxrss of the process). Without
/usr/bin/time it falls back to wait4() on a child forked from Python, which
over-reports small processes: Linux keeps the high-water mark across exec, so the
child starts at Python's own ~15 MiB.
"""

import json
import os
import tempfile
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv, stdin=None):
    """Runs argv with stdout discarded; returns (seconds, peak KiB, exit code)."""
    inp = open(stdin, "rb") if stdin else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=inp, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdin:
        inp.close()
    return secs, ru.ru_maxrss, p.returncode


def cmd_mem(args):
    out = args[0]
    stdin = None
    rest = args[1:]
    if rest and rest[0].startswith("--stdin="):
        stdin = rest[0].split("=", 1)[1]
        rest = rest[1:]
    assert rest[0] == "--"
    if os.access("/usr/bin/time", os.X_OK):
        with tempfile.NamedTemporaryFile("r") as tf:
            secs, _, code = run_once(["/usr/bin/time", "-q", "-f", "%M", "-o", tf.name] + rest[1:], stdin)
            kib = int(tf.read().split()[-1])
    else:
        secs, kib, code = run_once(rest[1:], stdin)
    with open(out, "w") as f:
        json.dump({"seconds": secs, "max_rss_kib": kib, "exit_code": code}, f)
    if code != 0:
        sys.exit("measure: %s exited %d" % (shlex.join(rest[1:]), code))


def cmd_time(args):
    out = args[0]
    runs, warmup, prepare = 10, 1, None
    i = 1
    while args[i] != "--":
        if args[i] == "--runs":
            runs = int(args[i + 1])
        elif args[i] == "--warmup":
            warmup = int(args[i + 1])
        elif args[i] == "--prepare":
            prepare = args[i + 1]
        i += 2
    argv = args[i + 1:]
    times = []
    for n in range(warmup + runs):
        if prepare:
            subprocess.run(prepare, shell=True, check=True, stdout=subprocess.DEVNULL)
        secs, _, code = run_once(argv)
        if code != 0:
            sys.exit("measure: %s exited %d" % (shlex.join(argv), code))
        if n >= warmup:
            times.append(secs)
    with open(out, "w") as f:
        json.dump({"results": [{"command": shlex.join(argv), "median": statistics.median(times),
                                "mean": statistics.fmean(times), "min": min(times),
                                "max": max(times), "times": times}]}, f)


def ms(s):
    return "%.1f" % (s * 1000) if s is not None else "–"


# A row's verdict. The benchmark reports; it never fails on a target (only when a
# command fails), so a row that misses its target says so without shouting "FAIL".
PASS, OVER = "pass", "over target"


def ratio_limit(target, default):
    """The limit of a "ratio<=X" target, or `default` for rows written before it."""
    if target and target.startswith("ratio<="):
        return float(target.split("<=")[1])
    return default


def cmd_table(args):
    rows = [json.loads(l) for l in open(args[0]) if l.strip()]
    sizes = []
    for r in rows:
        if r.get("kind") != "import" and r["size"] not in sizes:
            sizes.append(r["size"])
    print("| tickets | command | desk ms | sqlite3 ms | desk / sqlite3 | desk peak MiB | target | |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | --- | --- |")
    fails = 0
    for r in rows:
        if r.get("kind") == "import":
            continue
        d, s = r["desk"], r.get("sqlite3")
        ratio = d / s if s else None
        mib = r["desk_kib"] / 1024
        ok = mib <= 20
        t = r["target"]
        if t.startswith("ratio<="):
            lim = float(t.split("<=")[1])
            ok = ok and ratio is not None and ratio <= lim
            target = "≤ %g× sqlite3" % lim
        elif t.startswith("ms<="):
            lim = float(t.split("<=")[1])
            ok = ok and d * 1000 <= lim
            target = "≤ %g ms" % lim
        else:
            target = "–"
        target += ", ≤ 20 MiB"
        fails += not ok
        print("| %s | `%s` | %s | %s | %s | %.1f | %s | %s |" % (
            "{:,}".format(r["size"]), r["name"], ms(d), ms(s),
            "%.2f" % ratio if ratio else "–", mib, target, PASS if ok else OVER))
    imports = [r for r in rows if r.get("kind") == "import"]
    if imports:
        print()
        print("| tickets | articles | JSONL MiB | import s | tickets/s | sqlite3 copy s | desk / sqlite3 | peak MiB | db MiB | target | |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        for r in imports:
            rate = r["size"] / r["seconds"]
            mib = r["kib"] / 1024
            # At most 1.3x the floor: the sqlite3 shell copying the same rows into the
            # same schema (an absolute rate would be a target SQLite itself misses).
            lim = ratio_limit(r.get("target"), 1.3)
            floor = r.get("sqlite3_seconds")
            ratio = r["seconds"] / floor if floor else None
            ok = ratio is not None and ratio <= lim and mib <= 20
            fails += not ok
            print("| {:,} | {:,} | {:.0f} | {:.1f} | {:,.0f} | {} | {} | {:.1f} | {:.0f} | ≤ {:g}× sqlite3 copy, ≤ 20 MiB | {} |".format(
                r["size"], r["articles"], r["jsonl_bytes"] / 2**20, r["seconds"], rate,
                "%.1f" % floor if floor else "–", "%.2f" % ratio if ratio else "–",
                mib, r["db_bytes"] / 2**20, lim, PASS if ok else OVER))
    if len(sizes) > 1:
        print()
        lo, hi = sizes[0], sizes[-1]
        print("Growth, desk median at {:,} / at {:,} tickets (flat is 1.0):".format(hi, lo))
        print()
        print("| command | growth | sqlite3 growth |")
        print("| --- | ---: | ---: |")
        by = {(r["size"], r["name"]): r for r in rows if r.get("kind") != "import"}
        for r in rows:
            if r["size"] != lo or r.get("kind") == "import":
                continue
            h = by.get((hi, r["name"]))
            if not h:
                continue
            sg = "%.2f" % (h["sqlite3"] / r["sqlite3"]) if r.get("sqlite3") and h.get("sqlite3") else "–"
            print("| `%s` | %.2f | %s |" % (r["name"], h["desk"] / r["desk"], sg))
    print()
    if fails:
        print("%d row%s over target (reported; the run itself passed)." % (fails, "" if fails == 1 else "s"))
    else:
        print("Every row within its target.")


def cmd_pgtable(args):
    """The PostgreSQL benchmark's table: desk against psql running the same SQL on the
    same database (one process and one connection per operation, as desk), the report
    against 250 ms, the import against 20,000 tickets/s at 100,000 tickets."""
    rows = [json.loads(l) for l in open(args[0]) if l.strip()]
    print("| tickets | command | desk ms | psql ms | desk / psql | desk peak MiB | target | |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | --- | --- |")
    fails = 0
    for r in rows:
        if r.get("kind") == "import":
            continue
        d, s = r["desk"], r.get("psql")
        ratio = d / s if s else None
        t = r["target"]
        ok = True
        if t.startswith("ratio<="):
            lim = float(t.split("<=")[1])
            ok = ratio is not None and ratio <= lim
            target = "≤ %g× psql" % lim
        elif t.startswith("ms<="):
            lim = float(t.split("<=")[1])
            ok = d * 1000 <= lim
            target = "≤ %g ms" % lim
        else:
            target = "–"
        fails += not ok
        print("| %s | `%s` | %s | %s | %s | %.1f | %s | %s |" % (
            "{:,}".format(r["size"]), r["name"], ms(d), ms(s),
            "%.2f" % ratio if ratio else "–", r["desk_kib"] / 1024, target,
            PASS if ok else OVER))
    imports = [r for r in rows if r.get("kind") == "import"]
    if imports:
        print()
        print("| tickets | articles | JSONL MiB | import s | tickets/s | peak MiB | database MiB | target | |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        for r in imports:
            rate = r["size"] / r["seconds"]
            # The target holds from 100,000 tickets on; smaller imports are reported.
            judged = r["size"] >= 100000
            ok = rate >= 20000 or not judged
            fails += not ok
            print("| {:,} | {:,} | {:.0f} | {:.1f} | {:,.0f} | {:.1f} | {:.0f} | {} | {} |".format(
                r["size"], r["articles"], r["jsonl_bytes"] / 2**20, r["seconds"], rate,
                r["kib"] / 1024, r["db_bytes"] / 2**20,
                "≥ 20,000 tickets/s" if judged else "– (judged at 100,000)",
                PASS if ok else OVER))
    print()
    if fails:
        print("%d row%s over target (reported; the run itself passed)." % (fails, "" if fails == 1 else "s"))
    else:
        print("Every row within its target.")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"mem": cmd_mem, "time": cmd_time, "table": cmd_table, "pgtable": cmd_pgtable}[cmd](args)


if __name__ == "__main__":
    main()
