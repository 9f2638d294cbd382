//! `desk outbox`: the mail and hook deliveries, what went out and what waits, and
//! `desk outbox send`, which delivers what is queued or failed now.

use crate::cli::{ListFormat, OutboxArgs, OutboxCommand};
use crate::context::Context;
use crate::domain::outbox::Delivery;
use crate::domain::text::one_line;
use crate::domain::time::{local_short, rfc3339};
use crate::error::DeskError;
use crate::notify::outbox::{deliver, warning};
use anyhow::Result;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

pub fn run(ctx: &mut Context, a: OutboxArgs) -> Result<()> {
    match a.command {
        Some(OutboxCommand::Send) => send(ctx),
        None => list(ctx, a.state.map(|s| s.as_str()), a.format),
    }
}

fn send(ctx: &mut Context) -> Result<()> {
    let settings = super::attach::settings_now(ctx)?;
    let report = deliver(&mut *ctx.store, &settings, ctx.now, true)?;
    for (d, e) in &report.failed {
        ctx.out.warn(&warning(d, e));
    }
    if report.failed.is_empty() {
        ctx.out.info(&match report.sent {
            0 => "Nothing to deliver".to_string(),
            1 => "Delivered 1".to_string(),
            n => format!("Delivered {n}"),
        });
        return Ok(());
    }
    Err(DeskError::runtime_hint(
        format!(
            "{} of {} deliveries failed",
            report.failed.len(),
            report.failed.len() + report.sent
        ),
        "`desk outbox --state queued` and `--state failed` list them with the last error",
    )
    .into())
}

fn list(ctx: &mut Context, state: Option<&str>, format: Option<ListFormat>) -> Result<()> {
    let rows = ctx.store.read()?.deliveries(state)?;
    let format = format.unwrap_or(if ctx.out.stdout_tty {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    });
    let tz = ctx.tz;
    let w = ctx.out.data();
    let json_of = |d: &Delivery| {
        json!({
            "id": d.id,
            "kind": d.kind,
            "state": d.state,
            "ticket": d.ticket,
            "to": d.recipient,
            "subject": d.subject,
            "message_id": d.message_id,
            "attempts": d.attempts,
            "created_at": rfc3339(d.created_at),
            "last_attempt_at": d.last_attempt_at.map(rfc3339),
            "sent_at": d.sent_at.map(rfc3339),
            "last_error": d.last_error,
        })
    };
    match format {
        ListFormat::Json => {
            let all: Vec<_> = rows.iter().map(json_of).collect();
            serde_json::to_writer_pretty(&mut *w, &all)?;
            writeln!(w)?;
        }
        ListFormat::Jsonl => {
            for d in &rows {
                serde_json::to_writer(&mut *w, &json_of(d))?;
                writeln!(w)?;
            }
        }
        ListFormat::Tsv | ListFormat::Csv => {
            let header = [
                "id",
                "kind",
                "state",
                "ticket",
                "to",
                "subject",
                "message_id",
                "attempts",
                "created_at",
                "sent_at",
                "last_error",
            ];
            let records: Vec<Vec<String>> = rows
                .iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        d.kind.clone(),
                        d.state.clone(),
                        d.ticket.map(|t| t.to_string()).unwrap_or_default(),
                        d.recipient.clone(),
                        d.subject.clone().unwrap_or_default(),
                        d.message_id.clone().unwrap_or_default(),
                        d.attempts.to_string(),
                        rfc3339(d.created_at),
                        d.sent_at.map(rfc3339).unwrap_or_default(),
                        d.last_error.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            if format == ListFormat::Csv {
                let mut cw = csv::Writer::from_writer(w);
                cw.write_record(header)?;
                for r in &records {
                    cw.write_record(r)?;
                }
                cw.flush()?;
            } else {
                writeln!(w, "{}", header.join("\t"))?;
                for r in &records {
                    let fields: Vec<String> = r.iter().map(|f| one_line(f)).collect();
                    writeln!(w, "{}", fields.join("\t"))?;
                }
            }
        }
        ListFormat::Table => {
            if rows.is_empty() {
                ctx.out.info(
                    match state {
                        Some(s) => format!("No {s} deliveries"),
                        None => "The outbox is empty".to_string(),
                    }
                    .as_str(),
                );
                return Ok(());
            }
            let header = [
                "ID",
                "STATE",
                "KIND",
                "TICKET",
                "TO",
                "WHAT",
                "TRIES",
                "WHEN / LAST ERROR",
            ];
            let records: Vec<Vec<String>> = rows
                .iter()
                .map(|d| {
                    let note = match d.state.as_str() {
                        "sent" => d
                            .sent_at
                            .map(|t| format!("sent {}", local_short(t, &tz)))
                            .unwrap_or_default(),
                        _ => d.last_error.clone().unwrap_or_else(|| {
                            format!("queued {}", local_short(d.created_at, &tz))
                        }),
                    };
                    vec![
                        d.id.to_string(),
                        d.state.clone(),
                        d.kind.clone(),
                        d.ticket.map(|t| format!("#{t}")).unwrap_or_default(),
                        one_line(&d.recipient),
                        one_line(d.subject.as_deref().unwrap_or("")),
                        d.attempts.to_string(),
                        one_line(&note),
                    ]
                })
                .collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
            for r in &records {
                for (i, f) in r.iter().enumerate() {
                    widths[i] = widths[i].max(f.width());
                }
            }
            let line = |fields: Vec<String>| {
                let last = fields.len() - 1;
                fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        if i == last {
                            f.clone()
                        } else {
                            format!("{f}{}", " ".repeat(widths[i] - f.width()))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            writeln!(
                w,
                "{}",
                line(header.iter().map(|h| h.to_string()).collect())
            )?;
            for r in records {
                writeln!(w, "{}", line(r).trim_end())?;
            }
        }
    }
    Ok(())
}
