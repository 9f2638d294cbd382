//! The plain state moves: resolve, close, reopen, cancel, wait, resume. Each takes ids
//! (or `-` for stdin), checks the move against the state machine, and records it.

use super::{Tx, clean, read_ids, write};
use crate::cli::{CloseArgs, ReasonArgs, ResolveArgs, ResumeArgs};
use crate::context::Context;
use crate::domain::ticket::{Move, Ticket, action};
use anyhow::Result;
use chrono::{DateTime, Utc};

/// Applies one move to every id in one transaction; `prepare` adjusts the ticket before
/// the move, `detail` says what the event records.
fn apply_all(
    ctx: &mut Context,
    ids: &[String],
    at: Option<String>,
    mv: Move,
    act: &str,
    mut prepare: impl FnMut(&Tx, &mut Ticket, DateTime<Utc>) -> Result<Option<String>>,
) -> Result<Vec<i64>> {
    let ids = read_ids(ids)?;
    write(ctx, |tx| {
        for &id in &ids {
            let mut t = tx.ticket(id)?;
            let when = tx.when(at.as_deref(), &t, true)?;
            if crate::domain::ticket::next_status(t.status, mv, t.assignee.is_some()).is_none() {
                return Err(super::not_allowed(&t, mv));
            }
            let detail = prepare(tx, &mut t, when)?;
            let status = tx.apply_move(&mut t, mv)?;
            tx.event(&t, when, act, detail, Some(status))?;
            tx.save(&mut t)?;
        }
        Ok(ids.clone())
    })
}

fn list(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn resolve(ctx: &mut Context, a: ResolveArgs) -> Result<()> {
    let solution = clean(Some(a.solution.clone()))
        .ok_or_else(|| crate::error::DeskError::usage("the solution is empty"))?;
    let kb = a.kb.as_deref().map(super::kb::article_id).transpose()?;
    let kb_new = a.kb_new;
    let user = ctx.user.clone();
    let mut written: Vec<(i64, i64)> = Vec::new();
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        Move::Resolve,
        action::RESOLVE,
        |tx, t, when| {
            let article = match (kb, kb_new) {
                (Some(k), _) => {
                    crate::store::kb::get_article(tx.conn, k)?;
                    Some(k)
                }
                (None, true) => {
                    let k = super::kb::article_from_ticket(tx, t, &solution, &user)?;
                    written.push((t.id, k));
                    Some(k)
                }
                (None, false) => None,
            };
            t.resolution = Some(solution.clone());
            t.resolved_at = Some(when);
            t.closed_at = None;
            t.kb_article = article;
            Ok(Some(match article {
                Some(k) => format!("{solution} (kb {k})"),
                None => solution.clone(),
            }))
        },
    )?;
    // Which article each got: the one written for it, or the one named.
    let resolved = ids
        .iter()
        .map(|i| match written.iter().find(|(t, _)| t == i) {
            Some((_, k)) => format!("#{i} (article {k} written)"),
            None => format!("#{i}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let named = kb.map(|k| format!(" (article {k})")).unwrap_or_default();
    ctx.out.info(&format!("Resolved {resolved}{named}"));
    Ok(())
}

pub fn close(ctx: &mut Context, a: CloseArgs) -> Result<()> {
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        Move::Close,
        action::CLOSE,
        |_, t, when| {
            t.closed_at = Some(when);
            Ok(None)
        },
    )?;
    ctx.out.info(&format!("Closed {}", list(&ids)));
    Ok(())
}

pub fn reason_move(ctx: &mut Context, a: ReasonArgs, mv: Move) -> Result<()> {
    let reason = clean(a.reason.clone());
    let act = match mv {
        Move::Reopen => action::REOPEN,
        Move::Cancel => action::CANCEL,
        _ => action::WAIT,
    };
    let ids = apply_all(ctx, &a.ids, a.at.at.clone(), mv, act, |_, t, _| {
        if mv == Move::Reopen {
            t.reopens += 1;
            t.resolved_at = None;
            t.closed_at = None;
            t.resolution = None;
            t.kb_article = None;
        }
        Ok(reason.clone())
    })?;
    let verb = match mv {
        Move::Reopen => "Reopened",
        Move::Cancel => "Cancelled",
        _ => "Waiting on the customer:",
    };
    ctx.out.info(&format!("{verb} {}", list(&ids)));
    Ok(())
}

pub fn resume(ctx: &mut Context, a: ResumeArgs) -> Result<()> {
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        Move::Resume,
        action::RESUME,
        |_, _, _| Ok(None),
    )?;
    ctx.out.info(&format!("Resumed {}", list(&ids)));
    Ok(())
}
