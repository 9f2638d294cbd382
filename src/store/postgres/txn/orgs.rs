//! Organisations and their settings.

use super::*;

// Organisations

pub(super) fn orgs(db: &mut Db, counts: bool) -> Result<Vec<Org>> {
    use crate::domain::settings::org_key;
    let rows = db.query(
        "SELECT o.id, o.name,
            ARRAY(SELECT d.domain FROM org_domains d WHERE d.org_id = o.id ORDER BY d.domain),
            ARRAY(SELECT s.key FROM org_settings s WHERE s.org_id = o.id ORDER BY s.key),
            ARRAY(SELECT s.value FROM org_settings s WHERE s.org_id = o.id ORDER BY s.key)
         FROM orgs o ORDER BY o.name_key",
        &[],
    )?;
    let mut out = Vec::new();
    for r in &rows {
        let keys: Vec<String> = r.try_get(3)?;
        let values: Vec<String> = r.try_get(4)?;
        let mut settings: Vec<(String, String)> = keys.into_iter().zip(values).collect();
        crate::domain::settings::sort_org_settings(&mut settings);
        out.push(Org {
            name: r.try_get(1)?,
            domains: r.try_get(2)?,
            settings,
            tickets: 0,
        });
    }
    if counts && !out.is_empty() {
        let mut by_key: HashMap<String, i64> = HashMap::new();
        for r in db.query(
            "SELECT org, count(*) FROM tickets WHERE org IS NOT NULL GROUP BY org",
            &[],
        )? {
            let name: String = r.try_get(0)?;
            *by_key.entry(org_key(&name)).or_default() += r.try_get::<_, i64>(1)?;
        }
        for o in &mut out {
            o.tickets = by_key.get(&org_key(&o.name)).copied().unwrap_or(0);
        }
    }
    Ok(out)
}

pub(super) fn org_id(db: &mut Db, name: &str) -> Result<i64> {
    let key = crate::domain::settings::org_key(name);
    let rows = db.query(
        "SELECT id FROM orgs WHERE name_key = $1",
        &[(&key, T::TEXT)],
    )?;
    match rows.first() {
        Some(r) => Ok(r.try_get(0)?),
        None => anyhow::bail!("no organisation {name:?} is registered"),
    }
}

pub(super) fn insert_org(db: &mut Db, org: &Org) -> Result<()> {
    let key = crate::domain::settings::org_key(&org.name);
    let keys: Vec<String> = org.settings.iter().map(|(k, _)| k.clone()).collect();
    let values: Vec<String> = org.settings.iter().map(|(_, v)| v.clone()).collect();
    db.execute(
        "WITH o AS (INSERT INTO orgs (id, name, name_key)
                    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM orgs), $1, $2) RETURNING id),
              d AS (INSERT INTO org_domains (domain, org_id) SELECT x, o.id FROM o, unnest($3::text[]) x)
         INSERT INTO org_settings (org_id, key, value)
         SELECT o.id, k, v FROM o, unnest($4::text[], $5::text[]) AS s(k, v)",
        &[
            (&org.name, T::TEXT),
            (&key, T::TEXT),
            (&org.domains, T::TEXT_ARRAY),
            (&keys, T::TEXT_ARRAY),
            (&values, T::TEXT_ARRAY),
        ],
    )?;
    Ok(())
}

pub(super) fn update_org(db: &mut Db, name: &str, org: &Org) -> Result<()> {
    let id = org_id(db, name)?;
    let key = crate::domain::settings::org_key(&org.name);
    db.execute(
        "WITH u AS (UPDATE orgs SET name = $2, name_key = $3 WHERE id = $1),
              d AS (DELETE FROM org_domains WHERE org_id = $1)
         SELECT 1",
        &[(&id, T::INT8), (&org.name, T::TEXT), (&key, T::TEXT)],
    )?;
    db.execute(
        "INSERT INTO org_domains (domain, org_id) SELECT x, $1 FROM unnest($2::text[]) x",
        &[(&id, T::INT8), (&org.domains, T::TEXT_ARRAY)],
    )?;
    Ok(())
}

/// Sets or removes a setting, the desk's in one statement with the generation it
/// may start, or an organisation's.
pub(super) fn change_setting(db: &mut Db, c: SettingChange) -> Result<()> {
    let Some(org) = c.org else {
        db.execute(
            "WITH s AS (INSERT INTO settings (key, value) SELECT $1, $2 WHERE $2::text IS NOT NULL
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value),
                  d AS (DELETE FROM settings WHERE key = $1 AND $2::text IS NULL)
             INSERT INTO settings (key, value) SELECT $3, '1' WHERE $4
             ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text",
            &[
                (&c.key, T::TEXT),
                (&c.value, T::TEXT),
                (&SLA_GENERATION, T::TEXT),
                (&c.starts_generation(), T::BOOL),
            ],
        )?;
        return Ok(());
    };
    let (key, value) = (c.key, c.value);
    let id = org_id(db, org)?;
    match value {
        Some(v) => db.execute(
            "INSERT INTO org_settings (org_id, key, value) VALUES ($1, $2, $3)
             ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
            &[(&id, T::INT8), (&key, T::TEXT), (&v, T::TEXT)],
        )?,
        None => db.execute(
            "DELETE FROM org_settings WHERE org_id = $1 AND key = $2",
            &[(&id, T::INT8), (&key, T::TEXT)],
        )?,
    };
    db.execute(
        "INSERT INTO settings (key, value) VALUES ($1, '1')
         ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text",
        &[(&SLA_GENERATION, T::TEXT)],
    )?;
    Ok(())
}
