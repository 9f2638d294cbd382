//! One module per verb, each with a single `run`; this file dispatches. What the verbs
//! share lives beside them: `tx` (the write transaction and a ticket's moves in it),
//! `input` (ids, stdin, $EDITOR) and `convert` (clap's types to the domain's).

pub mod assign;
pub mod attach;
pub mod comment;
pub mod config;
pub mod convert;
pub mod db;
pub mod edit;
pub mod escalate;
pub mod export;
pub mod import;
pub mod ingest;
pub mod input;
pub mod kb;
pub mod link;
pub mod list;
pub mod log;
pub mod meta;
pub mod new;
pub mod org;
pub mod outbox;
pub mod reply;
pub mod report;
pub mod show;
pub mod simple;
pub mod sla;
pub mod tx;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::domain::ticket::Move;
use crate::store::Access;
use anyhow::Result;

pub use convert::{channel, kind, level, priority};
pub use input::{clean, clean_tags, edit_text, one_id, read_ids, settle_edit, text_arg};
pub use tx::{Printing, Tx, write, write_and_print};

pub fn run(cli: Cli) -> Result<()> {
    // Commands that need no database.
    match &cli.command {
        Command::Completions(a) => return meta::completions(a),
        Command::Man(a) => return meta::man(a),
        _ => {}
    }
    let mut ctx = Context::new(&cli.global, access(&cli.command, &cli.global))?;
    let result = match cli.command {
        Command::New(a) => new::run(&mut ctx, a),
        Command::List(a) => list::run(&mut ctx, a),
        Command::Show(a) => show::run(&mut ctx, a),
        Command::Assign(a) => assign::run(&mut ctx, a),
        Command::Escalate(a) => escalate::run(&mut ctx, a),
        Command::Resolve(a) => simple::resolve(&mut ctx, a),
        Command::Close(a) => simple::close(&mut ctx, a),
        Command::Reopen(a) => simple::reason_move(&mut ctx, a, Move::Reopen),
        Command::Cancel(a) => simple::reason_move(&mut ctx, a, Move::Cancel),
        Command::Wait(a) => simple::reason_move(&mut ctx, a, Move::Wait),
        Command::Resume(a) => simple::resume(&mut ctx, a),
        Command::Comment(a) => comment::run(&mut ctx, a),
        Command::Edit(a) => edit::run(&mut ctx, a),
        Command::Log(a) => log::run(&mut ctx, a),
        Command::Sla(a) => sla::run(&mut ctx, a),
        Command::Link(a) => link::run(&mut ctx, a),
        Command::Kb(c) => kb::run(&mut ctx, c),
        Command::Report(a) => report::run(&mut ctx, a),
        Command::Config(c) => config::run(&mut ctx, c),
        Command::Import(a) => import::run(&mut ctx, a),
        Command::Export(a) => export::run(&mut ctx, a),
        Command::Ingest(c) => ingest::run(&mut ctx, c),
        Command::Db(c) => db::run(&mut ctx, c),
        Command::Completions(_) | Command::Man(_) => Ok(()),
        Command::Reply(a) => reply::run(&mut ctx, a),
        Command::Attach(a) => attach::run(&mut ctx, a),
        Command::Attachment(c) => attach::attachment(&mut ctx, c),
        Command::Outbox(a) => outbox::run(&mut ctx, a),
        Command::Org(c) => org::run(&mut ctx, c),
    };
    // Flush even after an error so partial data output is not lost; a closed pipe is fine.
    let flushed = ctx.out.flush();
    if result.is_ok()
        && let Some(settings) = ctx.outbox.take()
        && let Err(e) = deliver_outbox(&mut ctx, &settings)
    {
        ctx.out
            .warn(&format!("the outbox was not delivered: {e:#}"));
    }
    // Not after a usage error: the command never looked.
    if let Some(note) = ctx.missing_note()
        && result
            .as_ref()
            .err()
            .is_none_or(|e| crate::error::classify(e).code != 2)
    {
        eprintln!("{note}");
    }
    result?;
    flushed.map_err(Into::into)
}

/// After a command that wrote: delivers the outbox (this command's notices and hooks,
/// and whatever earlier runs left queued). A delivery that fails is a warning, never
/// the command's failure: its change is committed.
fn deliver_outbox(ctx: &mut Context, settings: &crate::domain::settings::Settings) -> Result<()> {
    let report = crate::notify::outbox::deliver(&mut *ctx.store, settings, ctx.now, false)?;
    for (d, e) in &report.failed {
        ctx.out.warn(&crate::notify::outbox::warning(d, e));
    }
    Ok(())
}

/// Whether a command writes. One that only reads opens the database read-only (so it
/// works where the user may not write) and never creates it. A dry run writes in a
/// transaction it rolls back; where there is no database yet it runs on an empty desk
/// in memory instead, so that it creates nothing either.
fn access(command: &Command, global: &crate::cli::GlobalArgs) -> Access {
    use crate::cli::{ConfigCommand, DbCommand, KbCommand};
    let dry_run = match command {
        Command::Assign(a) => a.dry_run.dry_run,
        Command::Escalate(a) => a.moved.batch.dry_run.dry_run,
        Command::Resolve(a) => a.batch.dry_run.dry_run,
        Command::Close(a) => a.batch.dry_run.dry_run,
        Command::Reopen(a) | Command::Cancel(a) | Command::Wait(a) => a.batch.dry_run.dry_run,
        Command::Resume(a) => a.batch.dry_run.dry_run,
        _ => false,
    };
    if dry_run && crate::context::database_path(global).is_ok_and(|p| std::fs::metadata(p).is_err())
    {
        return Access::Read;
    }
    match command {
        Command::List(_)
        | Command::Show(_)
        | Command::Sla(_)
        | Command::Report(_)
        | Command::Export(_)
        | Command::Kb(
            KbCommand::List(_) | KbCommand::Show(_) | KbCommand::Search(_) | KbCommand::Suggest(_),
        )
        | Command::Config(ConfigCommand::List(_) | ConfigCommand::Get { .. })
        | Command::Org(crate::cli::OrgCommand::List(_) | crate::cli::OrgCommand::Show(_))
        | Command::Db(DbCommand::Status(_) | DbCommand::Check(_) | DbCommand::Backup(_))
        | Command::Attachment(_)
        | Command::Outbox(crate::cli::OutboxArgs { command: None, .. }) => Access::Read,
        Command::Import(_) => Access::Import,
        _ => Access::Write,
    }
}
