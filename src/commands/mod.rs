//! One module per verb, each with a single `run`. This file dispatches, and holds the
//! glue every writing command shares: the transaction with auto-close, reading ids
//! (also from stdin), validating `--at`, recording events, applying state moves and
//! keeping the SLA cache in step with the history.

pub mod assign;
pub mod attach;
pub mod comment;
pub mod config;
pub mod edit;
pub mod escalate;
pub mod export;
pub mod import;
pub mod ingest;
pub mod kb;
pub mod link;
pub mod list;
pub mod log;
pub mod meta;
pub mod new;
pub mod outbox;
pub mod reply;
pub mod report;
pub mod show;
pub mod simple;
pub mod sla;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::domain::settings::Settings;
use crate::domain::sla::{self as slad, Phase, SlaEvent, SlaState, SlaStatus};
use crate::domain::ticket::{
    Event, Move, Priority, Status, Ticket, action, allowed_from, next_status, parse_id,
};
use crate::domain::time::{local_short, parse_when};
use crate::error::DeskError;
use crate::store::tickets::{self as st, SlaCache};
use anyhow::{Context as _, Result};
use chrono::{DateTime, Duration, Local, TimeZone, Utc};
use rusqlite::Connection;
use std::io::{BufRead, Read, Write};

pub fn run(cli: Cli) -> Result<()> {
    // Commands that need no database.
    match &cli.command {
        Command::Completions(a) => return meta::completions(a),
        Command::Man(a) => return meta::man(a),
        _ => {}
    }
    let mut ctx = Context::new(&cli.global)?;
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
        Command::Completions(_) | Command::Man(_) => Ok(()),
        Command::Reply(a) => reply::run(&mut ctx, a),
        Command::Attach(a) => attach::run(&mut ctx, a),
        Command::Attachment(c) => attach::attachment(&mut ctx, c),
        Command::Outbox(a) => outbox::run(&mut ctx, a),
    };
    // Flush even after an error so partial data output is not lost; a closed pipe is fine.
    let flushed = ctx.out.flush();
    if result.is_ok()
        && ctx.wrote
        && let Err(e) = deliver_outbox(&mut ctx)
    {
        ctx.out
            .warn(&format!("the outbox was not delivered: {e:#}"));
    }
    result?;
    flushed.map_err(Into::into)
}

/// Everything a writing command needs inside its transaction.
pub struct Tx<'a> {
    pub conn: &'a Connection,
    pub settings: &'a Settings,
    pub now: DateTime<Utc>,
    pub tz: &'a Local,
    pub user: &'a str,
    /// The current SLA settings generation.
    pub generation: i64,
}

/// Runs `f` as the command's one IMMEDIATE transaction, after closing the resolved
/// tickets whose verification window has passed.
pub fn write<T>(ctx: &mut Context, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
    write_and_print(ctx, f, |_, _, _| Ok(()))
}

/// [`write`] for a command whose stdout is its result (`new` prints the id a script
/// keeps): `print` writes it, and it is flushed, before the commit. A write that fails
/// (a full disk) then undoes the change, so a script that retries on failure makes no
/// duplicate; a reader that has gone (a closed pipe) is not a failure and undoes nothing.
pub fn write_and_print<T>(
    ctx: &mut Context,
    f: impl FnOnce(&Tx) -> Result<T>,
    print: impl FnOnce(&Tx, &T, &mut dyn Write) -> Result<()>,
) -> Result<T> {
    let settings = ctx.settings()?.clone();
    let (now, tz, user) = (ctx.now, ctx.tz, ctx.user.clone());
    let telling = ctx.telling;
    let out = &mut ctx.out;
    let result = ctx.store.write(|conn| {
        let since = crate::store::outbox::last_event_id(conn)?;
        let generation = crate::store::settings::sla_generation(conn)?;
        let tx = Tx {
            conn,
            settings: &settings,
            now,
            tz: &tz,
            user: &user,
            generation,
        };
        autoclose(&tx)?;
        let v = f(&tx)?;
        // Notices and hooks for what changed, in the same transaction (the outbox).
        crate::notify::outbox::queue_for_events(conn, &settings, now, since, telling, &|id| {
            show::document(conn, &settings, &tz, id, now)
        })?;
        let printed = print(&tx, &v, out.data()).and_then(|()| Ok(out.flush()?));
        match printed {
            Err(e) if !crate::error::is_closed_pipe(&e) => Err(e),
            _ => Ok(v),
        }
    });
    if result.is_ok() {
        ctx.wrote = true;
    }
    result
}

/// After a command that wrote: delivers the outbox (this command's notices and hooks,
/// and whatever earlier runs left queued). A delivery that fails is a warning, never
/// the command's failure: its change is committed.
fn deliver_outbox(ctx: &mut Context) -> Result<()> {
    let settings = ctx.settings()?.clone();
    let report = crate::notify::outbox::deliver(&mut ctx.store, &settings, ctx.now, false)?;
    for (d, e) in &report.failed {
        ctx.out.warn(&crate::notify::outbox::warning(d, e));
    }
    Ok(())
}

/// Resolved → closed (actor `desk`) once the verification window has passed; the close
/// is dated when the window ended.
fn autoclose(tx: &Tx) -> Result<()> {
    let window = tx.settings.verify_window();
    let cutoff = tx.now - Duration::seconds(window);
    for (id, resolved_at) in st::resolved_before(tx.conn, cutoff)? {
        let mut t = st::get_ticket(tx.conn, id)?;
        let at = resolved_at + Duration::seconds(window);
        t.status = Status::Closed;
        t.closed_at = Some(at);
        t.updated_at = tx.now;
        st::update_ticket(tx.conn, &t)?;
        st::insert_event(
            tx.conn,
            id,
            &Event {
                at,
                recorded_at: tx.now,
                actor: "desk".into(),
                action: action::CLOSE.into(),
                detail: Some("verification window passed".into()),
                status: Some(Status::Closed),
            },
        )?;
        tx.refresh_sla(&t)?;
    }
    Ok(())
}

impl Tx<'_> {
    pub fn ticket(&self, id: i64) -> Result<Ticket> {
        st::get_ticket(self.conn, id)
    }

    /// When an event happened: now, or `--at` checked against now and the ticket.
    /// `moves` is whether the event changes the status: such an event may not go back
    /// before the ticket's last change of status, or the history would contradict itself.
    pub fn when(&self, at: Option<&str>, t: &Ticket, moves: bool) -> Result<DateTime<Utc>> {
        let Some(s) = at else { return Ok(self.now) };
        let when = checked_when(s, self.now, self.tz)?;
        if when < t.created_at {
            return Err(DeskError::usage(format!(
                "--at {s} is before ticket #{} existed (created {})",
                t.id,
                local_short(t.created_at, self.tz)
            ))
            .into());
        }
        if moves
            && let Some(last) = st::last_status_change(self.conn, t.id)?
            && when < last
        {
            return Err(DeskError::usage_hint(
                format!(
                    "--at {s} is before ticket #{}'s last change of status ({})",
                    t.id,
                    local_short(last, self.tz)
                ),
                "moves are recorded in the order they happened",
            )
            .into());
        }
        Ok(when)
    }

    /// Appends an event to a ticket's history.
    pub fn event(
        &self,
        t: &Ticket,
        at: DateTime<Utc>,
        action: &str,
        detail: Option<String>,
        status: Option<Status>,
    ) -> Result<()> {
        st::insert_event(
            self.conn,
            t.id,
            &Event {
                at,
                recorded_at: self.now,
                actor: self.user.to_string(),
                action: action.to_string(),
                detail,
                status,
            },
        )
    }

    /// Writes the ticket's fields and refreshes its SLA cache from the history.
    pub fn save(&self, t: &mut Ticket) -> Result<()> {
        t.updated_at = self.now;
        st::update_ticket(self.conn, t)?;
        self.refresh_sla(t)
    }

    /// Recomputes the cached SLA figures of a ticket from its events.
    pub fn refresh_sla(&self, t: &Ticket) -> Result<()> {
        let events = st::events(self.conn, t.id)?;
        let cache = sla_cache(
            self.settings,
            self.tz,
            t,
            &events,
            self.now,
            self.generation,
        );
        st::set_sla_cache(self.conn, t.id, &cache)
    }

    /// Applies a state move, or fails with exit 4 naming what is allowed.
    pub fn apply_move(&self, t: &mut Ticket, mv: Move) -> Result<Status> {
        let to =
            next_status(t.status, mv, t.assignee.is_some()).ok_or_else(|| not_allowed(t, mv))?;
        t.status = to;
        Ok(to)
    }
}

pub fn not_allowed(t: &Ticket, mv: Move) -> anyhow::Error {
    DeskError::not_allowed(format!(
        "cannot {} ticket #{}: it is {} ({} is allowed from {})",
        mv.verb(),
        t.id,
        t.status,
        mv.verb(),
        allowed_from(mv)
    ))
    .into()
}

/// Parses `--at` and refuses the future.
pub fn checked_when(s: &str, now: DateTime<Utc>, tz: &Local) -> Result<DateTime<Utc>> {
    let when = parse_when(s, now, tz).map_err(DeskError::usage)?;
    if when > now {
        return Err(DeskError::usage(format!(
            "--at {s} is in the future ({})",
            local_short(when, tz)
        ))
        .into());
    }
    Ok(when)
}

pub fn phase(s: Status) -> Phase {
    match s {
        Status::New => Phase::New,
        Status::Open => Phase::Open,
        Status::Waiting => Phase::Waiting,
        Status::Resolved => Phase::Resolved,
        Status::Closed => Phase::Closed,
        Status::Cancelled => Phase::Cancelled,
    }
}

/// The events that matter to the SLA clocks.
pub fn sla_events(events: &[Event]) -> Vec<SlaEvent> {
    events
        .iter()
        .map(|e| SlaEvent {
            at: e.at,
            response: action::is_response(&e.action),
            phase: e.status.map(phase),
        })
        .collect()
}

/// The full SLA state of a ticket from its history, as of `now`.
pub fn evaluate_sla<Tz: TimeZone>(
    settings: &Settings,
    tz: &Tz,
    t: &Ticket,
    events: &[Event],
    now: DateTime<Utc>,
) -> SlaState {
    slad::evaluate(
        settings.calendar(t.priority),
        tz,
        settings.targets(t.priority),
        t.created_at,
        &sla_events(events),
        now,
    )
}

/// What the tickets table caches of a ticket's history: the SLA deadlines as of `now`
/// and the report's clocks and facts (see the tickets table in the schema).
pub fn sla_cache<Tz: TimeZone>(
    settings: &Settings,
    tz: &Tz,
    t: &Ticket,
    events: &[Event],
    now: DateTime<Utc>,
    generation: i64,
) -> SlaCache {
    let s = evaluate_sla(settings, tz, t, events, now);
    // The history is in the order things happened: the first and last resolve bound it.
    let is_resolve = |e: &&Event| e.action == action::RESOLVE;
    let first_resolved_at = events.iter().find(is_resolve).map(|e| e.at);
    let last = events.iter().rposition(|e| e.action == action::RESOLVE);
    let last_resolved_at = last.map(|i| events[i].at);
    let did = |what: &str| events.iter().any(|e| e.action == what);
    // The clock read now is the clock at the last resolve only if the ticket stayed
    // resolved or closed since (an imported history may move it otherwise).
    let stayed = last.is_some_and(|i| {
        events[i + 1..].iter().all(|e| {
            e.status
                .is_none_or(|st| matches!(st, Status::Resolved | Status::Closed))
        })
    });
    SlaCache {
        first_response_at: s.first_response_at,
        response_due: s.response_due,
        resolve_due: s.resolve_due,
        breached: s.response_breached || s.resolve_breached,
        generation,
        // A stopped clock read at `now` is the clock at the moment it stopped.
        response_secs: s.first_response_at.map(|_| s.response_elapsed),
        // Only when no resolve lies after `now`: the evaluation saw the last one.
        resolve_secs: (s.resolved && stayed && last_resolved_at.is_some_and(|at| at <= now))
            .then_some(s.resolve_elapsed),
        first_resolved_at,
        last_resolved_at,
        ever_escalated: did(action::ESCALATE),
        ever_reopened: did(action::REOPEN),
    }
}

/// The `sla` of a ticket from its cached deadlines, as of `now`. A cache made under
/// older settings is recomputed from the history instead.
pub fn sla_status<Tz: TimeZone>(
    conn: &Connection,
    settings: &Settings,
    generation: i64,
    tz: &Tz,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<SlaStatus> {
    sla_status_with(
        conn,
        settings,
        generation,
        tz,
        t,
        now,
        &mut RiskLines::default(),
    )
}

/// [`sla_status`] for many tickets at the same `now`: `lines` remembers, per priority
/// and clock, from which deadline on a running clock is no longer at risk.
pub fn sla_status_with<Tz: TimeZone>(
    conn: &Connection,
    settings: &Settings,
    generation: i64,
    tz: &Tz,
    t: &Ticket,
    now: DateTime<Utc>,
    lines: &mut RiskLines,
) -> Result<SlaStatus> {
    if t.sla_generation != generation {
        let events = st::events(conn, t.id)?;
        return Ok(evaluate_sla(settings, tz, t, &events, now).status);
    }
    Ok(status_from_cache(settings, tz, t, now, lines))
}

/// A running clock is at risk when less than a quarter of its target is left in
/// service time: `4 × service_seconds(now, due) < target`. Service time from `now`
/// only grows with the deadline, so that holds exactly for the deadlines before the
/// instant at which `ceil(target / 4)` service seconds have passed since `now`: one
/// calendar walk per priority and clock instead of one per ticket. `None` inside: the
/// calendar has no service ahead, and every running clock is at risk.
#[derive(Debug, Default)]
pub struct RiskLines {
    lines: [[Option<Option<DateTime<Utc>>>; 2]; 4],
}

impl RiskLines {
    /// Whether the clock (`0` response, `1` resolution) of a ticket of priority `p`,
    /// running towards `due`, is at risk at `now`.
    fn at_risk<Tz: TimeZone>(
        &mut self,
        settings: &Settings,
        tz: &Tz,
        p: Priority,
        clock: usize,
        now: DateTime<Utc>,
        due: DateTime<Utc>,
    ) -> bool {
        let line = *self.lines[p as usize][clock].get_or_insert_with(|| {
            let targets = settings.targets(p);
            let target = if clock == 0 {
                targets.response
            } else {
                targets.resolve
            };
            let quarter = if target > 0 { (target + 3) / 4 } else { 0 };
            settings.calendar(p).add_service(tz, now, quarter)
        });
        line.is_none_or(|line| due < line)
    }
}

fn status_from_cache<Tz: TimeZone>(
    settings: &Settings,
    tz: &Tz,
    t: &Ticket,
    now: DateTime<Utc>,
    lines: &mut RiskLines,
) -> SlaStatus {
    if t.status == Status::Cancelled {
        return SlaStatus::None;
    }
    let overdue = |d: Option<DateTime<Utc>>| d.is_some_and(|d| d < now);
    if t.sla_breached || overdue(t.response_due) || overdue(t.resolve_due) {
        return SlaStatus::Breached;
    }
    match t.status {
        Status::Resolved | Status::Closed => return SlaStatus::Met,
        Status::Waiting => return SlaStatus::Paused,
        _ => {}
    }
    let mut at_risk = |due: Option<DateTime<Utc>>, clock: usize| {
        due.is_some_and(|d| lines.at_risk(settings, tz, t.priority, clock, now, d))
    };
    if at_risk(t.response_due, 0) || at_risk(t.resolve_due, 1) {
        SlaStatus::AtRisk
    } else {
        SlaStatus::Ok
    }
}

/// Ticket ids from arguments; `-` reads them from stdin, one per line (the first field
/// of each line, so `desk list` TSV without its header works too). Duplicates are
/// dropped, order kept.
pub fn read_ids(args: &[String]) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::new();
    let mut push = |id: i64| {
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for a in args {
        if a == "-" {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = match line {
                    Ok(line) => line,
                    Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                        return Err(DeskError::usage(format!(
                            "stdin line {}: not UTF-8 text",
                            n + 1
                        ))
                        .into());
                    }
                    Err(e) => return Err(anyhow::Error::new(e).context("reading ids from stdin")),
                };
                let Some(first) = line.split_whitespace().next() else {
                    continue;
                };
                let id = parse_id(first).ok_or_else(|| {
                    DeskError::usage(format!(
                        "stdin line {}: {first:?} is not a ticket id",
                        n + 1
                    ))
                })?;
                push(id);
            }
        } else {
            push(parse_id(a).ok_or_else(|| {
                DeskError::usage_hint(
                    format!("{a:?} is not a ticket id"),
                    "ids look like 42 or #42",
                )
            })?);
        }
    }
    // An empty stdin is an empty batch: `desk list -q ... | desk assign -` with nothing
    // to assign does nothing and succeeds, like xargs -r.
    Ok(ids)
}

/// One id argument.
pub fn one_id(s: &str) -> Result<i64> {
    parse_id(s).ok_or_else(|| {
        DeskError::usage_hint(
            format!("{s:?} is not a ticket id"),
            "ids look like 42 or #42",
        )
        .into()
    })
}

/// Text from an argument; `-` reads all of stdin.
pub fn text_arg(s: &str) -> Result<String> {
    if s != "-" {
        return Ok(s.to_string());
    }
    let mut raw = Vec::new();
    std::io::stdin()
        .read_to_end(&mut raw)
        .context("reading stdin")?;
    // Bytes that are not UTF-8 are an invalid value, as they are in an argument.
    let buf = String::from_utf8(raw).map_err(|e| {
        DeskError::usage(format!(
            "stdin is not UTF-8 text (byte {} of it is not); nothing changed",
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    Ok(buf.trim_end_matches(['\n', '\r']).to_string())
}

/// Opens $EDITOR (then $VISUAL, then vi) on `initial`, returns what was saved.
/// No transaction is open while the editor runs.
pub fn edit_text(initial: &str, suffix: &str) -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    // A new file with a name nobody can guess, readable by this user only (what a
    // ticket says may be private).
    let file = tempfile::Builder::new()
        .prefix("desk-")
        .suffix(suffix)
        .tempfile()
        .context("making the file for the editor")?;
    std::fs::write(file.path(), initial).context("writing the file for the editor")?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .with_context(|| format!("starting the editor {editor:?}"))?;
    if !status.success() {
        return Err(DeskError::runtime_hint(
            format!("the editor {editor:?} failed ({status}); nothing changed"),
            "set $VISUAL or $EDITOR to an editor that exits 0 when it saves, or give the text with flags",
        )
        .into());
    }
    // From here on what was written is kept until the command succeeds: should it fail
    // (text that is not UTF-8, an empty title, a lock held too long), `main` names the
    // file instead of losing the typing.
    let (_, path) = file.keep().context("keeping the edited file")?;
    let text = std::fs::read(&path).context("reading the edited file");
    keep_edit(path);
    String::from_utf8(text?).map_err(|e| {
        DeskError::usage(format!(
            "what the editor saved is not UTF-8 text (byte {} is not); nothing changed",
            e.utf8_error().valid_up_to() + 1
        ))
        .into()
    })
}

/// The file of the last edit, while the command that asked for it has not succeeded.
static KEPT_EDIT: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

fn keep_edit(path: std::path::PathBuf) {
    if let Ok(mut kept) = KEPT_EDIT.lock()
        && let Some(older) = kept.replace(path)
    {
        let _ = std::fs::remove_file(older);
    }
}

/// When the command ended: on success the edited file goes; on failure its path, so
/// the user can take the text from it.
pub fn settle_edit(succeeded: bool) -> Option<std::path::PathBuf> {
    let path = KEPT_EDIT.lock().ok()?.take()?;
    if succeeded {
        let _ = std::fs::remove_file(&path);
        None
    } else {
        Some(path)
    }
}

/// An optional text: trimmed, empty as None.
pub fn clean(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

use crate::cli::{ChannelArg, KindArg, LevelArg, PriorityArg};
use crate::domain::ticket::{Channel, Kind, Level};

pub fn kind(k: KindArg) -> Kind {
    match k {
        KindArg::Incident => Kind::Incident,
        KindArg::Request => Kind::Request,
        KindArg::Problem => Kind::Problem,
    }
}

pub fn level(l: LevelArg) -> Level {
    match l {
        LevelArg::High => Level::High,
        LevelArg::Medium => Level::Medium,
        LevelArg::Low => Level::Low,
    }
}

pub fn channel(c: ChannelArg) -> Channel {
    match c {
        ChannelArg::Phone => Channel::Phone,
        ChannelArg::Email => Channel::Email,
        ChannelArg::WalkIn => Channel::WalkIn,
        ChannelArg::Portal => Channel::Portal,
        ChannelArg::Chat => Channel::Chat,
        ChannelArg::Monitoring => Channel::Monitoring,
    }
}

pub fn priority(p: PriorityArg) -> Priority {
    match p {
        PriorityArg::P1 => Priority::P1,
        PriorityArg::P2 => Priority::P2,
        PriorityArg::P3 => Priority::P3,
        PriorityArg::P4 => Priority::P4,
    }
}

/// Tags as given: trimmed, no empties, no commas (CSV joins them with commas), each once.
pub fn clean_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().to_string();
        if t.is_empty() {
            continue;
        }
        if t.contains(',') {
            return Err(DeskError::usage_hint(
                format!("tag {t:?} contains a comma"),
                "repeat --tag for several tags",
            )
            .into());
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// A ticket as stored, with its `sla` as of the transaction's `now`: what `new
/// --format json` prints before the commit.
pub fn ticket_with_sla_in(tx: &Tx, id: i64) -> Result<(Ticket, SlaStatus)> {
    let t = st::get_ticket(tx.conn, id)?;
    let s = sla_status(tx.conn, tx.settings, tx.generation, tx.tz, &t, tx.now)?;
    Ok((t, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Helsinki;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ev(at: &str, action: &str, status: Option<Status>) -> Event {
        Event {
            at: utc(at),
            recorded_at: utc(at),
            actor: "ana".into(),
            action: action.into(),
            detail: None,
            status,
        }
    }

    /// Mon 5 Jan 2026, 08:00 local (06:00Z): a P3 ticket, default calendar
    /// (mon–fri 07:30–16:00 Helsinki).
    fn ticket() -> Ticket {
        Ticket::new("Printer jams".into(), utc("2026-01-05T06:00:00Z"))
    }

    #[test]
    fn risk_lines_decide_as_the_calendar_walk_does() {
        let settings = Settings::new(&[("holidays".into(), "2026-01-06".into())]);
        // Friday afternoon before a weekend and a holiday Tuesday, with a fraction of
        // a second as a real clock has; and a Monday morning before service starts.
        for now in [utc("2026-01-02T13:17:42.250Z"), utc("2026-01-05T04:00:00Z")] {
            let mut lines = RiskLines::default();
            for &p in Priority::ALL.iter() {
                let cal = settings.calendar(p);
                let targets = settings.targets(p);
                for (clock, target) in [(0, targets.response), (1, targets.resolve)] {
                    // Every 7 minutes for three weeks, and a second either side of each.
                    for step in 0..(21 * 24 * 60 / 7) {
                        for nudge in [-1, 0, 1] {
                            let due = now + Duration::seconds(step * 420 + nudge);
                            let walked = cal.service_seconds(&Helsinki, now, due) * 4 < target;
                            let lined = lines.at_risk(&settings, &Helsinki, p, clock, now, due);
                            assert_eq!(lined, walked, "{p:?} clock {clock} now {now} due {due}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_report_cache_holds_the_stopped_clocks_and_the_facts() {
        let settings = Settings::new(&[]);
        let t = ticket();
        let now = utc("2026-01-20T12:00:00Z");
        let events = [
            ev("2026-01-05T06:00:00Z", action::CREATE, Some(Status::New)),
            ev("2026-01-05T06:30:00Z", action::ESCALATE, Some(Status::New)),
            ev("2026-01-05T07:00:00Z", action::ASSIGN, Some(Status::Open)),
            // 08:00–10:00 local on Monday: the response clock stopped at 30 min.
            ev(
                "2026-01-05T08:00:00Z",
                action::RESOLVE,
                Some(Status::Resolved),
            ),
            ev("2026-01-06T08:00:00Z", action::CLOSE, Some(Status::Closed)),
        ];
        let c = sla_cache(&settings, &Helsinki, &t, &events, now, 7);
        assert_eq!(c.generation, 7);
        assert_eq!(c.first_response_at, Some(utc("2026-01-05T06:30:00Z")));
        assert_eq!(c.response_secs, Some(30 * 60));
        assert_eq!(c.resolve_secs, Some(2 * 3600));
        assert_eq!(c.first_resolved_at, Some(utc("2026-01-05T08:00:00Z")));
        assert_eq!(c.last_resolved_at, c.first_resolved_at);
        assert!(c.ever_escalated && !c.ever_reopened);

        // Still open: no resolution clock to keep, no response yet.
        let c = sla_cache(&settings, &Helsinki, &t, &events[..1], now, 7);
        assert_eq!((c.response_secs, c.resolve_secs), (None, None));
        assert_eq!((c.first_resolved_at, c.ever_escalated), (None, false));

        // An imported history that moves the ticket back to open without a reopen
        // and closes it again: the clock ran after the resolve, so the cache holds
        // none (the report replays the history).
        let mut odd = events[..4].to_vec();
        odd.push(ev("2026-01-06T08:00:00Z", action::EDIT, Some(Status::Open)));
        odd.push(ev(
            "2026-01-06T09:00:00Z",
            action::CLOSE,
            Some(Status::Closed),
        ));
        let c = sla_cache(&settings, &Helsinki, &t, &odd, now, 7);
        assert_eq!(c.resolve_secs, None);
        assert_eq!(c.response_secs, Some(30 * 60));

        // A resolve after `now` is not seen by the clocks: no cached resolution.
        let early = utc("2026-01-05T07:30:00Z");
        let c = sla_cache(&settings, &Helsinki, &t, &events[..4], early, 7);
        assert_eq!(c.resolve_secs, None);
    }
}
