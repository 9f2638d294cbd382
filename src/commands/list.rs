//! `desk list`: the queue and every filter over it. The SQL narrows and orders by the
//! SLA index; text sorts are redone here with a Unicode-aware key.

use super::{channel, kind};
use crate::cli::{ListArgs, ListFormat};
use crate::context::Context;
use crate::domain::duration::Span;
use crate::domain::queue::{Fields, Filter, Query, SortKey};
use crate::domain::search::{Join, TextQuery};
use crate::domain::text::sort_key;
use crate::domain::ticket::{Event, Priority, Status, Ticket};
use crate::domain::ticket_sla::{NO_DUE, RiskLines, sla_status};
use crate::domain::time::{MemoZone, parse_date};
use crate::error::DeskError;
use crate::output::tickets::{
    CSV_COLUMNS, ListView, next_due, write_list, write_tsv_fields_row, write_tsv_header,
    write_tsv_row,
};
use anyhow::Result;
use chrono::{DateTime, Duration, Utc};

pub fn parse_statuses(s: &str) -> Result<Vec<Status>> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.to_lowercase().as_str() {
            "all" => return Ok(Vec::new()),
            "active" => out.extend([Status::New, Status::Open, Status::Waiting]),
            other => out.push(Status::parse(other).ok_or_else(|| {
                DeskError::usage(format!(
                    "invalid status {other:?}: use {}, active or all",
                    Status::names()
                ))
            })?),
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn parse_priorities(s: &str) -> Result<Vec<Priority>> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            Priority::parse(p).ok_or_else(|| {
                DeskError::usage(format!("invalid priority {p:?}: use P1, P2, P3 or P4")).into()
            })
        })
        .collect()
}

/// `--fields a,b,c`: JSON field names, in the order given.
fn parse_fields(s: &str) -> Result<Vec<String>> {
    let fields: Vec<String> = s
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    if fields.is_empty() {
        return Err(DeskError::usage_hint(
            "--fields names no field",
            format!("fields: {}", CSV_COLUMNS.join(", ")),
        )
        .into());
    }
    if let Some(bad) = fields.iter().find(|f| !CSV_COLUMNS.contains(&f.as_str())) {
        return Err(DeskError::usage_hint(
            format!("unknown field {bad:?} in --fields"),
            format!("fields: {}", CSV_COLUMNS.join(", ")),
        )
        .into());
    }
    Ok(fields)
}

pub fn run(ctx: &mut Context, a: ListArgs) -> Result<()> {
    let now = ctx.now;
    let chosen = a.fields.as_deref().map(parse_fields).transpose()?;
    let tz = ctx.tz;
    let date = |s: &Option<String>| -> Result<_> {
        s.as_deref()
            .map(|d| parse_date(d, now, &tz).map_err(|e| DeskError::usage(e).into()))
            .transpose()
    };
    let mut f = Filter {
        now: Some(now),
        statuses: parse_statuses(&a.status)?,
        assignee: if a.mine {
            Some(ctx.user.clone())
        } else {
            a.assignee.clone()
        },
        unassigned: a.unassigned,
        priorities: a
            .priority
            .as_deref()
            .map(parse_priorities)
            .transpose()?
            .unwrap_or_default(),
        tier: a.tier,
        kind: a.kind.map(kind),
        category: a.category.clone(),
        org: a.org.clone(),
        requester: a.requester.clone(),
        ci: a.ci.clone(),
        channel: a.channel.map(channel),
        tag: a.tag.clone(),
        due_before: None,
        created_since: date(&a.since)?,
        created_until: date(&a.until)?,
        search: a.search.as_deref().map(|q| TextQuery::words(q, Join::All)),
    };
    // Overdue: a running clock passed its target, as `breached` counts it (strictly
    // after the due moment). Due within: the due moment at most that far away.
    if a.overdue {
        f.due_before = Some(now);
    }
    let mut rd = ctx.store.read()?;
    let stored = rd.settings()?;
    let settings = stored.in_force();
    let generation = stored.generation;
    // Due within: at most that much *service* time left, as the SLA counts it, in the
    // calendar of the ticket's priority: the deadline at or before that priority's
    // horizon. The query takes the furthest horizon; should the priorities' calendars
    // differ, each ticket is held to its own afterwards.
    // Each organisation with terms of its own has its calendars too: a horizon per
    // set of terms and priority.
    type Horizons = Vec<(usize, Priority, Option<DateTime<Utc>>)>;
    let mut horizons: Option<Horizons> = None;
    if let Some(d) = &a.due_within {
        let span = Span::parse(d).map_err(DeskError::usage)?;
        let per: Horizons = settings
            .all_terms()
            .flat_map(|terms| {
                Priority::ALL.iter().map(|&p| {
                    let cal = terms.calendar(p);
                    let h = cal.service_horizon(&tz, now, span.service_seconds(cal));
                    (terms.index, p, h)
                })
            })
            .collect();
        // No horizon: no service ahead, every running clock is that near.
        let furthest = per
            .iter()
            .map(|(_, _, h)| *h)
            .try_fold(now, |acc, h| h.map(|h| acc.max(h)));
        let until = furthest
            .map(|h| h + Duration::seconds(1))
            .or(DateTime::from_timestamp(NO_DUE, 0))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        f.due_before = Some(f.due_before.map_or(until, |x| x.max(until)));
        if per.iter().any(|(_, _, h)| *h != per[0].2) {
            horizons = Some(per);
        }
    }
    let per_priority = horizons.is_some();
    let (sort, descending) = match a.sort.as_deref() {
        None => (SortKey::Due, false),
        Some(s) => {
            let (name, desc) = match s.strip_prefix('-') {
                Some(rest) => (rest, true),
                None => (s, false),
            };
            let key = SortKey::parse(name.trim()).ok_or_else(|| {
                DeskError::usage(format!(
                    "cannot sort by {name:?}: use due, priority, id, created, updated, status, assignee, requester or title"
                ))
            })?;
            (key, desc)
        }
    };
    let text_sort = matches!(
        sort,
        SortKey::Title | SortKey::Requester | SortKey::Assignee
    );
    let sql_limit = if text_sort || per_priority {
        None
    } else {
        a.limit
    };
    let quiet = a.output.quiet;
    let format = a.output.format.unwrap_or(if ctx.out.stdout_tty {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    });
    // The table and TSV show a few fields: read only those (JSON and CSV show all), and
    // ids alone need no ticket row at all, unless they are ordered by a text.
    let fields = if quiet && !text_sort && !per_priority {
        Fields::Id
    } else if chosen.is_some() && !quiet {
        Fields::All
    } else if quiet || matches!(format, ListFormat::Table | ListFormat::Tsv) {
        Fields::Brief
    } else {
        Fields::All
    };
    // Ids alone need no SLA, so no history for stale caches either.
    let needs_sla = !(quiet && fields == Fields::Id);
    let query = Query {
        filter: f,
        sort,
        descending,
        limit: sql_limit,
        fields,
        generation: needs_sla.then_some(generation),
    };
    // The queue's deadlines fall on a handful of days: remember the zone's answers.
    let zone = MemoZone::new(tz);
    let mut lines = RiskLines::default();
    let mut status = |t: &Ticket, history: Option<&[Event]>| {
        sla_status(&settings, generation, &zone, t, history, now, &mut lines)
    };
    if !text_sort && !per_priority && (quiet || format == ListFormat::Tsv) {
        // What a pipeline reads: written as it is read, in constant memory.
        let w = ctx.out.data();
        match &chosen {
            _ if quiet => {}
            Some(names) => writeln!(w, "{}", names.join("\t"))?,
            None => write_tsv_header(w)?,
        }
        rd.queue(&query, &mut |t, history| {
            if quiet {
                writeln!(w, "{}", t.id)?;
            } else {
                let s = status(&t, history.as_deref());
                match &chosen {
                    Some(names) => write_tsv_fields_row(w, &t, s, names)?,
                    None => write_tsv_row(w, &t, s)?,
                }
            }
            Ok(())
        })?;
        return Ok(());
    }
    let mut tickets = Vec::new();
    rd.queue(&query, &mut |t, history| {
        tickets.push((t, history));
        Ok(())
    })?;
    drop(rd);
    if let Some(horizons) = &horizons {
        tickets.retain(|(t, _)| {
            let index = settings.terms(t.org.as_deref()).index;
            let horizon = horizons
                .iter()
                .find(|(i, p, _)| *i == index && *p == t.priority)
                .and_then(|(_, _, h)| *h);
            match (next_due(t), horizon) {
                (Some(due), Some(h)) => due <= h,
                (due, None) => due.is_some(),
                (None, _) => false,
            }
        });
        if !text_sort && let Some(n) = a.limit {
            tickets.truncate(n as usize);
        }
    }
    if text_sort {
        let key = |t: &Ticket| -> String {
            match sort {
                SortKey::Title => sort_key(&t.title),
                SortKey::Requester => t.requester.as_deref().map(sort_key).unwrap_or_default(),
                _ => t.assignee.as_deref().map(sort_key).unwrap_or_default(),
            }
        };
        tickets.sort_by_cached_key(|(t, _)| (key(t), t.id));
        if descending {
            tickets.reverse();
        }
        if let Some(n) = a.limit {
            tickets.truncate(n as usize);
        }
    }
    let mut rows = Vec::with_capacity(tickets.len());
    for (t, history) in tickets {
        let s = status(&t, history.as_deref());
        rows.push((t, s));
    }
    if quiet {
        let w = ctx.out.data();
        for (t, _) in &rows {
            writeln!(w, "{}", t.id)?;
        }
        return Ok(());
    }
    if format == ListFormat::Table && rows.is_empty() {
        ctx.out.info("No tickets match.");
        return Ok(());
    }
    let view = ListView {
        rows: &rows,
        now,
        tz: &tz,
        color: ctx.out.color,
        width: ctx.out.width,
        terminal: ctx.out.stdout_tty,
        fields: chosen.as_deref(),
    };
    write_list(ctx.out.data(), &view, format)?;
    Ok(())
}
