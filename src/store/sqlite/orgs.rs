//! Registered organisations: their names, mail domains and settings (migration 0005).
//! A ticket's `org` is matched to an organisation's name letter case aside
//! (`DESK_NOCASE`), as `list --org` matches it.

use crate::domain::org::Org;
use crate::domain::settings::{org_key, sort_org_settings};
use anyhow::{Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

/// Every organisation by name, with domains and settings (and ticket counts).
pub fn all(conn: &Connection, counts: bool) -> Result<Vec<Org>> {
    let mut out: Vec<(i64, Org)> = Vec::new();
    {
        let mut stmt = conn.prepare_cached("SELECT id, name FROM orgs ORDER BY name_key")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.push((
                r.get(0)?,
                Org {
                    name: r.get(1)?,
                    ..Org::default()
                },
            ));
        }
    }
    if counts && !out.is_empty() {
        // One pass over the tickets, their names folded here (letter case aside in any
        // alphabet, as DESK_NOCASE matches), rather than a scan per organisation.
        let mut by_key: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT org, COUNT(*) FROM tickets WHERE org IS NOT NULL GROUP BY org",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            *by_key.entry(org_key(&name)).or_default() += r.get::<_, i64>(1)?;
        }
        for (_, o) in &mut out {
            o.tickets = by_key.get(&org_key(&o.name)).copied().unwrap_or(0);
        }
    }
    let at: std::collections::HashMap<i64, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut stmt = conn.prepare_cached("SELECT org_id, domain FROM org_domains ORDER BY domain")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = at.get(&r.get(0)?) {
            out[i].1.domains.push(r.get(1)?);
        }
    }
    let mut stmt = conn.prepare_cached("SELECT org_id, key, value FROM org_settings")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = at.get(&r.get(0)?) {
            out[i].1.settings.push((r.get(1)?, r.get(2)?));
        }
    }
    Ok(out
        .into_iter()
        .map(|(_, mut o)| {
            sort_org_settings(&mut o.settings);
            o
        })
        .collect())
}

fn id_of(conn: &Connection, name: &str) -> Result<i64> {
    let id = conn
        .prepare_cached("SELECT id FROM orgs WHERE name_key = ?1")?
        .query_row([org_key(name)], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => Ok(id),
        None => bail!("no organisation {name:?} is registered"),
    }
}

fn insert_domains(conn: &Connection, id: i64, domains: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO org_domains (domain, org_id) VALUES (?1, ?2)")?;
    for d in domains {
        stmt.execute(params![d, id])?;
    }
    Ok(())
}

pub fn insert(conn: &Connection, org: &Org) -> Result<()> {
    conn.prepare_cached("INSERT INTO orgs (name, name_key) VALUES (?1, ?2)")?
        .execute(params![org.name, org_key(&org.name)])?;
    let id = conn.last_insert_rowid();
    insert_domains(conn, id, &org.domains)?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO org_settings (org_id, key, value) VALUES (?1, ?2, ?3)")?;
    for (k, v) in &org.settings {
        stmt.execute(params![id, k, v])?;
    }
    Ok(())
}

pub fn update(conn: &Connection, name: &str, org: &Org) -> Result<()> {
    let id = id_of(conn, name)?;
    conn.prepare_cached("UPDATE orgs SET name = ?2, name_key = ?3 WHERE id = ?1")?
        .execute(params![id, org.name, org_key(&org.name)])?;
    conn.prepare_cached("DELETE FROM org_domains WHERE org_id = ?1")?
        .execute([id])?;
    insert_domains(conn, id, &org.domains)
}

pub fn change_setting(conn: &Connection, org: &str, key: &str, value: Option<&str>) -> Result<()> {
    let id = id_of(conn, org)?;
    match value {
        Some(v) => conn
            .prepare_cached(
                "INSERT INTO org_settings (org_id, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![id, key, v])?,
        None => conn
            .prepare_cached("DELETE FROM org_settings WHERE org_id = ?1 AND key = ?2")?
            .execute(params![id, key])?,
    };
    Ok(())
}
