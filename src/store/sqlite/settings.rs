//! Stored settings: only the overrides of `desk config set` live in the table; the
//! defaults live in `domain::settings`. An internal key counts SLA-relevant changes so
//! cached deadlines can tell whether they are current.

use crate::store::{SLA_GENERATION, SettingChange, StoredSettings};
use anyhow::Result;
use rusqlite::{Connection, params};

/// The overrides (internal keys, which start with `_`, left out), the registered
/// organisations' own settings and the generation, in one query.
pub fn load(conn: &Connection) -> Result<StoredSettings> {
    let mut stmt = conn.prepare_cached(
        "SELECT NULL, NULL, key, value FROM settings
         UNION ALL
         SELECT o.name_key, o.name, s.key, s.value
           FROM org_settings s JOIN orgs o ON o.id = s.org_id
         ORDER BY 1, 3",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StoredSettings::from_rows(rows))
}

/// Sets or removes a setting, the desk's or an organisation's, and starts a new
/// generation when the change asks for one; returns the settings now stored.
pub fn change(conn: &Connection, c: SettingChange) -> Result<StoredSettings> {
    match (c.org, c.value) {
        (Some(org), value) => super::orgs::change_setting(conn, org, c.key, value)?,
        (None, Some(v)) => set_setting(conn, c.key, v)?,
        (None, None) => {
            unset_setting(conn, c.key)?;
        }
    }
    if c.starts_generation() {
        bump_sla_generation(conn)?;
    }
    load(conn)
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

/// Starts a new generation of SLA-shaping settings, in one statement.
pub fn bump_sla_generation(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
    )?
    .execute([SLA_GENERATION])?;
    Ok(())
}

/// The `timezone` setting, in one statement.
pub fn zone(conn: &Connection) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = 'timezone'")?
        .query_row([], |r| r.get(0))
        .optional()?)
}
