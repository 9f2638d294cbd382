//! Stored settings: only the overrides of `desk config set` live in the table; the
//! defaults live in `domain::settings`. An internal key counts SLA-relevant changes so
//! cached deadlines can tell whether they are current.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// Internal: bumped whenever a setting that shapes SLA clocks changes.
pub const SLA_GENERATION: &str = "_sla_generation";

pub fn load_settings(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM settings WHERE key NOT LIKE '\\_%' ESCAPE '\\' ORDER BY key",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

pub fn unset_setting(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM settings WHERE key = ?1")?
        .execute([key])?
        > 0)
}

pub fn sla_generation(conn: &Connection) -> Result<i64> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([SLA_GENERATION], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
}

pub fn bump_sla_generation(conn: &Connection) -> Result<i64> {
    let next = sla_generation(conn)? + 1;
    set_setting(conn, SLA_GENERATION, &next.to_string())?;
    Ok(next)
}
