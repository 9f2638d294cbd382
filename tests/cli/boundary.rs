//! Issue 13, the store as a boundary: what a write sees is read inside its transaction.

use crate::support::Desk;
use std::process::Stdio;
use std::time::Duration;

/// A `config set` that commits while a write waits for the lock is the one that write
/// sees: its deadlines are worked out under the settings its generation names, not
/// under the settings read before it waited (which were trusted afterwards).
#[test]
fn a_write_that_waits_for_the_lock_sees_the_settings_committed_meanwhile() {
    let d = Desk::fresh();
    // PostgreSQL counterpart: tests/cli/postgres.rs::a_write_that_waits_for_the_lock_sees_the_settings_committed_meanwhile
    if d.skip_on_postgres("holds SQLite's write lock and writes the settings through a rusqlite connection into the file") {
        return;
    }
    // Hold the write lock, as a `config set` under way does.
    let holder = rusqlite::Connection::open(d.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let waiting = d
        .std_cmd(&["new", "Printer jams"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    // What `desk config set hours 24x7` writes, landing first.
    holder
        .execute_batch(
            "INSERT INTO settings (key, value) VALUES ('hours', '24x7');
             INSERT INTO settings (key, value) VALUES ('_sla_generation', '1')
               ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);
             COMMIT;",
        )
        .unwrap();
    let out = waiting.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let (resolve_due, generation): (i64, i64) = holder
        .query_row(
            "SELECT resolve_due, sla_gen FROM tickets WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // Created Friday 2026-11-20 15:00 in Helsinki (13:00Z), P3: 24 hours round the
    // clock, where office hours would give Wednesday.
    let due = chrono::DateTime::from_timestamp(resolve_due, 0).unwrap();
    assert_eq!(
        (due.to_rfc3339(), generation),
        ("2026-11-21T13:00:00+00:00".to_string(), 1)
    );
}
