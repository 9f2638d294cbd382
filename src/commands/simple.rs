//! The plain state moves: resolve, close, reopen, cancel, wait, resume. Each takes ids
//! (or `-` for stdin), checks the move against the state machine, and records it.

use super::tx::write_batch;
use super::tx::{Working, refused};
use super::{Tx, clean, read_ids};
use crate::cli::{Batch, CloseArgs, ReasonArgs, ResolveArgs, ResumeArgs};
use crate::context::Context;
use crate::domain::moves::{self, Change};
use crate::domain::ticket::{Move, action};
use anyhow::Result;
use chrono::{DateTime, Utc};

/// Applies one move to every id in one transaction. The move is checked first; then
/// `prepare` says what it carries and what the event records (it may write, as
/// `resolve --kb-new` writes the article).
///
/// With `dry_run`, `None`: nothing was done (see [`super::tx::write_batch`]).
fn apply_all(
    ctx: &mut Context,
    batch: &Batch,
    mv: Move,
    act: &str,
    mut prepare: impl FnMut(&mut Tx, &Working, DateTime<Utc>) -> Result<(Change, Option<String>)>,
) -> Result<Option<Vec<i64>>> {
    let ids = read_ids(&batch.ids)?;
    let at = batch.at.at.as_deref();
    write_batch(ctx, batch.dry_run.dry_run, |tx| {
        tx.each_ticket(&ids, at, true, |tx, w, when| {
            moves::check(&w.ticket, mv).map_err(refused)?;
            let (change, detail) = prepare(tx, w, when)?;
            let status = tx.perform(w, change)?;
            tx.event(w, when, act, detail, Some(status));
            Ok(())
        })?;
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
        &a.batch,
        Move::Resolve,
        action::RESOLVE,
        |tx, w, when| {
            let article = match (kb, kb_new) {
                (Some(k), _) => {
                    tx.store().article(k)?;
                    Some(k)
                }
                (None, true) => {
                    let k = super::kb::article_from_ticket(tx, &w.ticket, &solution, &user)?;
                    written.push((w.ticket.id, k));
                    Some(k)
                }
                (None, false) => None,
            };
            let detail = match article {
                Some(k) => format!("{solution} (kb {k})"),
                None => solution.clone(),
            };
            let change = Change::Resolve {
                solution: solution.clone(),
                at: when,
                article,
            };
            Ok((change, Some(detail)))
        },
    )?;
    let Some(ids) = ids else { return Ok(()) };
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
    plain_move(
        ctx,
        &a.batch,
        Move::Close,
        |when| Change::Close { at: when },
        None,
    )
}

pub fn reason_move(ctx: &mut Context, a: ReasonArgs, mv: Move) -> Result<()> {
    let change = match mv {
        Move::Reopen => Change::Reopen,
        Move::Cancel => Change::Cancel,
        _ => Change::Wait,
    };
    plain_move(
        ctx,
        &a.batch,
        mv,
        |_| change.clone(),
        clean(a.reason.clone()),
    )
}

pub fn resume(ctx: &mut Context, a: ResumeArgs) -> Result<()> {
    plain_move(ctx, &a.batch, Move::Resume, |_| Change::Resume, None)
}

/// A move whose change depends on nothing but when it happens, with `detail` for its
/// event: applied to every id, then said (`Closed #1, #2`) unless a dry run.
fn plain_move(
    ctx: &mut Context,
    batch: &Batch,
    mv: Move,
    change: impl Fn(DateTime<Utc>) -> Change,
    detail: Option<String>,
) -> Result<()> {
    let (act, verb) = match mv {
        Move::Close => (action::CLOSE, "Closed"),
        Move::Resume => (action::RESUME, "Resumed"),
        Move::Reopen => (action::REOPEN, "Reopened"),
        Move::Cancel => (action::CANCEL, "Cancelled"),
        _ => (action::WAIT, "Waiting on the customer:"),
    };
    let ids = apply_all(ctx, batch, mv, act, |_, _, when| {
        Ok((change(when), detail.clone()))
    })?;
    if let Some(ids) = ids {
        ctx.out.info(&format!("{verb} {}", list(&ids)));
    }
    Ok(())
}
