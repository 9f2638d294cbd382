//! `desk export`: the desk's settings (`"type": "settings"`), every registered
//! organisation (with `"type": "org"`), every article,
//! then every ticket in id order with its history,
//! comments, work log and links, as JSONL, one JSON array, or CSV (tickets only).
//! Rows are read and written one at a time, so memory stays flat at a million
//! tickets. The SLA figures are evaluated from the history as of now (as `show` does),
//! which is what `import` recomputes: export → import → export gives the same bytes.

use crate::cli::{ExportArgs, InterchangeFormat};
use crate::context::Context;
use crate::domain::article::Article;
use crate::domain::ticket_sla::evaluate_sla;
use crate::output::tickets::{CSV_COLUMNS, ShowView, csv_record, show_json};
use crate::store::{ReadTxn, TicketInFull};
use anyhow::Result;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::{Map, Value, json};

pub fn run(ctx: &mut Context, a: ExportArgs) -> Result<()> {
    let (now, tz) = (ctx.now, ctx.tz);
    let terminal = ctx.out.stdout_tty;
    let mut rd = ctx.store.read()?;
    let settings = rd.settings()?.in_force();
    let (desk, orgs): (Option<Value>, Vec<Value>) = if a.format == InterchangeFormat::Csv {
        (None, Vec::new())
    } else {
        let stored = rd.settings()?.overrides;
        let left: Vec<&str> = stored
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !crate::domain::settings::travels(k))
            .collect();
        if !left.is_empty() {
            ctx.out.warn(&format!(
                "{} not exported: {} this machine's commands or servers; set {} again where the file is imported",
                left.join(", "),
                if left.len() == 1 { "it names" } else { "they name" },
                if left.len() == 1 { "it" } else { "them" },
            ));
        }
        (
            settings_json(&stored),
            rd.orgs(false)?.iter().map(org_json).collect(),
        )
    };
    let w = ctx.out.data();

    // Each ticket as `show --format json` prints it, with the SLA from its history.
    let each_ticket = |rd: &mut dyn ReadTxn, f: &mut dyn FnMut(Value) -> Result<()>| {
        rd.for_each_ticket(false, &mut |full: TicketInFull| {
            let mut t = full.ticket;
            let s = evaluate_sla(&settings, &tz, &t, &full.events, now);
            t.first_response_at = s.first_response_at;
            t.response_due = s.response_due;
            t.resolve_due = s.resolve_due;
            let mut v = show_json(&ShowView {
                ticket: &t,
                sla: s.status,
                events: &full.events,
                comments: &full.comments,
                worklog: &full.worklog,
                links: &full.links,
                now,
                tz: &tz,
                color: false,
            });
            // Attachments (with their bytes, base64) and mail go along.
            if let Value::Object(m) = &mut v {
                crate::output::document::add_attachments_and_mail(m, &full.attachments, &full.mail);
            }
            f(v)
        })
    };

    match a.format {
        InterchangeFormat::Jsonl => {
            let mut line = |v: Value| -> Result<()> {
                serde_json::to_writer(&mut *w, &v)?;
                w.write_all(b"\n")?;
                Ok(())
            };
            for o in desk.into_iter().chain(orgs) {
                line(o)?;
            }
            rd.for_each_article(&mut |a| line(article_json(&a)))?;
            each_ticket(&mut *rd, &mut line)?;
        }
        InterchangeFormat::Json => {
            // One pretty array, written element by element.
            let mut ser = serde_json::Serializer::pretty(&mut *w);
            let mut seq = ser.serialize_seq(None)?;
            for o in desk.iter().chain(&orgs) {
                seq.serialize_element(o)?;
            }
            rd.for_each_article(&mut |a| Ok(seq.serialize_element(&article_json(&a))?))?;
            each_ticket(&mut *rd, &mut |v| Ok(seq.serialize_element(&v)?))?;
            seq.end()?;
            w.write_all(b"\n")?;
        }
        InterchangeFormat::Csv => {
            let mut cw = csv::Writer::from_writer(&mut *w);
            cw.write_record(CSV_COLUMNS)?;
            rd.for_each_ticket(true, &mut |full| {
                let mut t = full.ticket;
                let s = evaluate_sla(&settings, &tz, &t, &full.events, now);
                t.first_response_at = s.first_response_at;
                t.response_due = s.response_due;
                t.resolve_due = s.resolve_due;
                cw.write_record(csv_record(&t, s.status, terminal))?;
                Ok(())
            })?;
            cw.flush()?;
        }
    }
    Ok(())
}

/// An article as the interchange file carries it: the article JSON of the spec, marked
/// with `"type": "article"` so `import` tells it from a ticket.
pub fn article_json(a: &Article) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("article"));
    m.extend(crate::output::articles::article_json(a));
    Value::Object(m)
}

/// The desk's own settings as the interchange file carries them (those `config set`
/// stored, but for the ones that name this machine's commands and servers), marked with
/// `"type": "settings"`; none when there are none.
pub fn settings_json(stored: &[(String, String)]) -> Option<Value> {
    let order = crate::domain::settings::defaults();
    let mut kept: Vec<&(String, String)> = stored
        .iter()
        .filter(|(k, _)| crate::domain::settings::travels(k))
        .collect();
    if kept.is_empty() {
        return None;
    }
    kept.sort_by_key(|(k, _)| order.iter().position(|(o, _)| o == k));
    let settings: Map<String, Value> = kept
        .into_iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    Some(json!({ "type": "settings", "settings": settings }))
}

/// An organisation as the interchange file carries it: `org show`'s object without its
/// ticket count (derived), marked with `"type": "org"`.
pub fn org_json(o: &crate::domain::org::Org) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("org"));
    let mut shown = crate::output::orgs::org_json(o);
    shown.remove("tickets");
    m.extend(shown);
    Value::Object(m)
}
