//! The plain state moves: resolve, close, reopen, cancel, wait, resume. Each takes ids
//! (or `-` for stdin), checks the move against the state machine, and records it.

use super::{Tx, clean, for_each_id, read_ids};
use crate::cli::{CloseArgs, ReasonArgs, ResolveArgs, ResumeArgs};
use crate::context::Context;
use crate::domain::ticket::{Move, Ticket, action};
use anyhow::Result;
use chrono::{DateTime, Utc};

/// Applies one move to every id in one transaction; `prepare` adjusts the ticket before
/// the move, `detail` says what the event records.
/// With `dry_run`, `None`: nothing was done (see [`for_each_id`]).
fn apply_all(
    ctx: &mut Context,
    ids: &[String],
    at: Option<String>,
    dry_run: bool,
    mv: Move,
    act: &str,
    mut prepare: impl FnMut(&Tx, &mut Ticket, DateTime<Utc>) -> Result<Option<String>>,
) -> Result<Option<Vec<i64>>> {
    let ids = read_ids(ids)?;
    let done = for_each_id(ctx, &ids, dry_run, |tx, id| {
        let mut t = tx.ticket(id)?;
        let when = tx.when(at.as_deref(), &t, true)?;
        if crate::domain::ticket::next_status(t.status, mv, t.assignee.is_some()).is_none() {
            return Err(super::not_allowed(&t, mv));
        }
        let detail = prepare(tx, &mut t, when)?;
        let status = tx.apply_move(&mut t, mv)?;
        tx.event(&t, when, act, detail, Some(status))?;
        tx.save(&mut t)?;
        Ok(String::new())
    })?;
    Ok(done.map(|_| ids))
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
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        a.dry_run.dry_run,
        Move::Resolve,
        action::RESOLVE,
        |tx, t, when| {
            let article = match (kb, kb_new) {
                (Some(k), _) => {
                    crate::store::kb::get_article(tx.conn, k)?;
                    Some(k)
                }
                (None, true) => Some(super::kb::article_from_ticket(tx, t, &solution, &user)?),
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
    if let Some(ids) = ids {
        ctx.out.info(&format!("Resolved {}", list(&ids)));
    }
    Ok(())
}

pub fn close(ctx: &mut Context, a: CloseArgs) -> Result<()> {
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        a.dry_run.dry_run,
        Move::Close,
        action::CLOSE,
        |_, t, when| {
            t.closed_at = Some(when);
            Ok(None)
        },
    )?;
    if let Some(ids) = ids {
        ctx.out.info(&format!("Closed {}", list(&ids)));
    }
    Ok(())
}

pub fn reason_move(ctx: &mut Context, a: ReasonArgs, mv: Move) -> Result<()> {
    let reason = clean(a.reason.clone());
    let act = match mv {
        Move::Reopen => action::REOPEN,
        Move::Cancel => action::CANCEL,
        _ => action::WAIT,
    };
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        a.dry_run.dry_run,
        mv,
        act,
        |_, t, _| {
            if mv == Move::Reopen {
                t.reopens += 1;
                t.resolved_at = None;
                t.closed_at = None;
                t.resolution = None;
                t.kb_article = None;
            }
            Ok(reason.clone())
        },
    )?;
    let verb = match mv {
        Move::Reopen => "Reopened",
        Move::Cancel => "Cancelled",
        _ => "Waiting on the customer:",
    };
    if let Some(ids) = ids {
        ctx.out.info(&format!("{verb} {}", list(&ids)));
    }
    Ok(())
}

pub fn resume(ctx: &mut Context, a: ResumeArgs) -> Result<()> {
    let ids = apply_all(
        ctx,
        &a.ids,
        a.at.at.clone(),
        a.dry_run.dry_run,
        Move::Resume,
        action::RESUME,
        |_, _, _| Ok(None),
    )?;
    if let Some(ids) = ids {
        ctx.out.info(&format!("Resumed {}", list(&ids)));
    }
    Ok(())
}
