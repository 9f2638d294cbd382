//! The write transaction every writing command runs in, and a ticket's life inside
//! it: loaded with its history, moved (`domain::moves`), given its events, and saved
//! with the SLA cache worked out from that history, as one recording. The settings
//! are read inside the transaction, after the write lock is taken, so a `config set`
//! that lands while a write waits is the one that write sees.

use crate::context::Context;
use crate::domain::moves::{self, Change, Refusal};
use crate::domain::settings::Settings;
use crate::domain::sla::SlaStatus;
use crate::domain::ticket::{Event, Status, Ticket, action};
use crate::domain::ticket_sla::{RiskLines, sla_cache, sla_status};
use crate::domain::time::{local_short, parse_when};
use crate::domain::zone::Zone;
use crate::error::DeskError;
use crate::store::{ReadTxn, Recording, Storage, WriteMode, WriteTxn};
use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use std::io::Write;

/// Everything a writing command needs inside its transaction.
pub struct Tx<'a> {
    txn: Box<dyn WriteTxn + 'a>,
    /// The settings in force, read inside the transaction.
    pub settings: Settings,
    pub now: DateTime<Utc>,
    pub tz: Zone,
    pub user: String,
    /// The current SLA settings generation.
    pub generation: i64,
    /// `--dry-run`: what each id would do, gathered by [`Tx::each_ticket`]; the
    /// transaction is then rolled back ([`write_batch`]).
    dry_run: Option<DryRun>,
    /// The events saved in this transaction, with their tickets, in order: what the
    /// outbox tells about (notices and hooks).
    recorded: Vec<(i64, Event)>,
}

/// What a dry run found: a line per id, and the first refusal (the real run's error).
#[derive(Default)]
struct DryRun {
    lines: Vec<String>,
    refusal: Option<anyhow::Error>,
}

/// A ticket being worked on: its history as loaded (in the order things happened)
/// with the events made since, which the save writes.
pub struct Working {
    pub ticket: Ticket,
    history: Vec<Event>,
    new_events: Vec<Event>,
    /// The title and description as loaded (`None` for a ticket not yet stored).
    text: Option<(String, Option<String>)>,
}

impl Working {
    /// A ticket not yet stored (its id 0, or the id it is to get).
    pub fn new(ticket: Ticket) -> Working {
        Working {
            ticket,
            history: Vec::new(),
            new_events: Vec::new(),
            text: None,
        }
    }

    fn loaded(ticket: Ticket, history: Vec<Event>) -> Working {
        Working {
            text: Some((ticket.title.clone(), ticket.description.clone())),
            ticket,
            history,
            new_events: Vec::new(),
        }
    }

    /// The moment of the latest event that set a status.
    fn last_status_change(&self) -> Option<DateTime<Utc>> {
        self.history
            .iter()
            .filter(|e| e.status.is_some())
            .map(|e| e.at)
            .max()
    }
}

/// Runs `f` as the command's one IMMEDIATE transaction, after closing the resolved
/// tickets whose verification window has passed.
pub fn write<T>(ctx: &mut Context, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
    write_as(ctx, WriteMode::Command, f)
}

/// [`write`] for a command whose stdout is its result (`new` prints the id a script
/// keeps): the change is committed first, then `print` writes it (what `f` read in the
/// transaction, or what it reads through a snapshot taken after the commit) and it is
/// flushed, so an id on stdout always names a record that exists (killed between the
/// two, nothing was printed; printed, it is on disk). Should printing fail after the commit (a full disk behind stdout), the
/// command exits 1 with an error naming what was saved (`saved` says it: "ticket
/// #42"), so a script that reads the error does not file it twice. A reader that has
/// gone (a closed pipe) is not a failure.
pub fn write_and_print<T>(
    ctx: &mut Context,
    f: impl FnOnce(&mut Tx) -> Result<T>,
    print: impl FnOnce(&mut Printing, &T, &mut dyn Write) -> Result<()>,
    saved: impl FnOnce(&T) -> String,
) -> Result<T> {
    let v = write(ctx, f)?;
    let out = &mut ctx.out;
    let printed = (|| {
        let mut p = Printing {
            store: Some(&mut *ctx.store),
            read: None,
        };
        print(&mut p, &v, out.data())?;
        drop(p);
        Ok::<_, anyhow::Error>(out.flush()?)
    })();
    match printed {
        Err(e) if !crate::error::is_closed_pipe(&e) => Err(DeskError::runtime_hint(
            format!(
                "{} was saved, but writing it to stdout failed: {}",
                saved(&v),
                crate::error::chain_text(&e)
            ),
            "the change is in the database: do not run the command again",
        )
        .into()),
        _ => Ok(v),
    }
}

/// What `print` of [`write_and_print`] reads through: a snapshot taken after the commit,
/// opened only when `print` reads something (an id printed for a script reads nothing,
/// so it costs no round trip on a server).
pub struct Printing<'a> {
    store: Option<&'a mut dyn Storage>,
    read: Option<Box<dyn ReadTxn + 'a>>,
}

impl<'a> Printing<'a> {
    /// The store, read-only: the snapshot, opened on first use.
    pub fn store(&mut self) -> Result<&mut (dyn ReadTxn + 'a)> {
        if let Some(store) = self.store.take() {
            self.read = Some(store.read()?);
        }
        match self.read.as_mut() {
            Some(read) => Ok(&mut **read),
            None => anyhow::bail!("the snapshot to print from could not be opened"),
        }
    }
}

/// [`write`] in the given mode (`import` files a whole file).
pub fn write_as<T>(
    ctx: &mut Context,
    mode: WriteMode,
    f: impl FnOnce(&mut Tx) -> Result<T>,
) -> Result<T> {
    let who = (ctx.now, ctx.tz, ctx.user.clone());
    let telling = ctx.telling;
    let mut tx = begin(&mut *ctx.store, who, mode, None)?;
    let v = f(&mut tx)?;
    // Notices and hooks for what changed, in the same transaction (the outbox).
    let outbox = crate::notify::outbox::queue_for_events(
        &mut *tx.txn,
        &tx.settings,
        tx.now,
        &tx.tz,
        &tx.recorded,
        telling,
    )?;
    let settings = tx.settings.clone();
    tx.txn.commit()?;
    // Delivered when the command is done, when mail or hooks are on.
    if outbox {
        ctx.outbox = Some(settings);
    }
    Ok(v)
}

/// Opens the write transaction, reads the settings inside it and closes what the
/// verification window let pass.
fn begin<'a>(
    store: &'a mut dyn Storage,
    (now, tz, user): (DateTime<Utc>, Zone, String),
    mode: WriteMode,
    dry_run: Option<DryRun>,
) -> Result<Tx<'a>> {
    let mut txn = store.write(mode)?;
    let stored = txn.settings()?;
    let settings = stored.in_force();
    let mut tx = Tx {
        txn,
        // The zone as the transaction finds it (a `config set timezone` may have landed
        // since the command started).
        tz: settings.zone().unwrap_or(tz),
        settings,
        now,
        user,
        generation: stored.generation,
        dry_run,
        recorded: Vec::new(),
    };
    autoclose(&mut tx)?;
    Ok(tx)
}

/// [`write`] for the commands that act on several ids and take `--dry-run`. With
/// `dry_run` the batch runs exactly as it would, in the same write transaction and
/// with the same checks ([`Tx::each_ticket`] goes on past a refusal to show the next),
/// and is then rolled back: stdout gets a line per id with what would change (`#3 new
/// -> open, assignee ana`) or the refusal it would get; the result is the real run's
/// first refusal, or `None`.
pub fn write_batch<T>(
    ctx: &mut Context,
    dry_run: bool,
    f: impl FnOnce(&mut Tx) -> Result<T>,
) -> Result<Option<T>> {
    if !dry_run {
        return write(ctx, f).map(Some);
    }
    let found = {
        let who = (ctx.now, ctx.tz, ctx.user.clone());
        let mut tx = begin(
            &mut *ctx.store,
            who,
            WriteMode::Command,
            Some(DryRun::default()),
        )?;
        f(&mut tx)?;
        // Dropped without a commit: rolled back.
        tx.dry_run.take().unwrap_or_default()
    };
    let w = ctx.out.data();
    for line in &found.lines {
        writeln!(w, "{}", crate::domain::text::one_line(line))?;
    }
    match found.refusal {
        Some(e) => Err(e),
        None => {
            ctx.out.info("Dry run: nothing changed.");
            Ok(None)
        }
    }
}

/// What a move changed on a ticket: `#3 new -> open, assignee ana`.
fn describe_move(before: &Ticket, after: &Ticket) -> String {
    let mut out = format!("#{} ", after.id);
    if before.status == after.status {
        out.push_str(&format!("{} (stays)", after.status));
    } else {
        out.push_str(&format!("{} -> {}", before.status, after.status));
    }
    if before.assignee != after.assignee {
        out.push_str(&format!(
            ", assignee {}",
            after.assignee.as_deref().unwrap_or("nobody")
        ));
    }
    if before.tier != after.tier {
        out.push_str(&format!(", tier {} -> {}", before.tier, after.tier));
    }
    if before.kb_article != after.kb_article
        && let Some(k) = after.kb_article
    {
        out.push_str(&format!(", kb article {k}"));
    }
    out
}

/// Resolved → closed (actor `desk`) once the verification window has passed; the close
/// is dated when the window ended.
fn autoclose(tx: &mut Tx) -> Result<()> {
    let window = tx.settings.verify_window();
    let cutoff = tx.now - Duration::seconds(window);
    for (id, resolved_at) in tx.txn.resolved_before(cutoff)? {
        let mut w = tx.load(id)?;
        let at = resolved_at + Duration::seconds(window);
        w.ticket.status = Status::Closed;
        w.ticket.closed_at = Some(at);
        tx.event_by(
            &mut w,
            "desk",
            at,
            action::CLOSE,
            Some("verification window passed".into()),
            Some(Status::Closed),
        );
        tx.save(w)?;
    }
    Ok(())
}

impl<'a> Tx<'a> {
    /// The store, for what is not a ticket's move (comments, articles, links...).
    pub fn store(&mut self) -> &mut (dyn WriteTxn + 'a) {
        &mut *self.txn
    }

    /// A ticket with its history, to work on (exit 3 when there is none).
    pub fn load(&mut self, id: i64) -> Result<Working> {
        let (t, history) = self.txn.ticket_with_history(id)?;
        Ok(Working::loaded(t, history))
    }

    /// A ticket as it stands in this transaction, with its `sla` as of `now`.
    pub fn ticket_with_sla(&mut self, id: i64) -> Result<(Ticket, SlaStatus)> {
        let t = self.txn.ticket(id)?;
        let history = if t.sla_generation != self.generation {
            Some(self.txn.ticket_with_history(id)?.1)
        } else {
            None
        };
        let sla = sla_status(
            &self.settings,
            self.generation,
            &self.tz,
            &t,
            history.as_deref(),
            self.now,
            &mut RiskLines::default(),
        );
        Ok((t, sla))
    }

    /// The active ticket carrying a monitoring key, loaded as [`Tx::load`] does.
    pub fn load_by_dedup_key(&mut self, key: &str) -> Result<Option<Working>> {
        let found = self.txn.active_by_dedup_key_with_history(key)?;
        Ok(found.map(|(t, history)| Working::loaded(t, history)))
    }

    /// For every id in order: load the ticket, check `--at` against it (see
    /// [`Tx::when`]), let `f` move it, and save it. The first failure undoes them all;
    /// a dry run notes it and goes on to the next id.
    pub fn each_ticket(
        &mut self,
        ids: &[i64],
        at: Option<&str>,
        moves: bool,
        mut f: impl FnMut(&mut Tx, &mut Working, DateTime<Utc>) -> Result<()>,
    ) -> Result<()> {
        for &id in ids {
            let done = self.move_one(id, at, moves, &mut f);
            let Some(dry) = self.dry_run.as_mut() else {
                done?;
                continue;
            };
            match done {
                Ok((before, after)) => dry.lines.push(describe_move(&before, &after)),
                // A refusal (a bad value, no such ticket, a move not allowed) is shown
                // and the next id tried; anything else ends the run as it would.
                Err(e) if matches!(crate::error::classify(&e).code, 2..=4) => {
                    let why = crate::error::classify(&e).message.unwrap_or_default();
                    dry.lines.push(format!("#{id} refused: {why}"));
                    dry.refusal.get_or_insert(e);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// One id of [`Tx::each_ticket`]: the ticket as it was and as it is saved.
    fn move_one(
        &mut self,
        id: i64,
        at: Option<&str>,
        moves: bool,
        f: &mut impl FnMut(&mut Tx, &mut Working, DateTime<Utc>) -> Result<()>,
    ) -> Result<(Ticket, Ticket)> {
        let mut w = self.load(id)?;
        let before = w.ticket.clone();
        let when = self.when(at, &w, moves)?;
        f(self, &mut w, when)?;
        let after = w.ticket.clone();
        self.save(w)?;
        Ok((before, after))
    }

    /// When an event happened: now, or `--at` checked against now and the ticket.
    /// `moves` is whether the event changes the status: such an event may not go back
    /// before the ticket's last change of status, or the history would contradict itself.
    pub fn when(&self, at: Option<&str>, w: &Working, moves: bool) -> Result<DateTime<Utc>> {
        let Some(s) = at else { return Ok(self.now) };
        let t = &w.ticket;
        let when = checked_when(s, self.now, &self.tz)?;
        if when < t.created_at {
            return Err(DeskError::usage(format!(
                "--at {s} is before ticket #{} existed (created {})",
                t.id,
                local_short(t.created_at, &self.tz)
            ))
            .into());
        }
        if moves
            && let Some(last) = w.last_status_change()
            && when < last
        {
            return Err(DeskError::usage_hint(
                format!(
                    "--at {s} is before ticket #{}'s last change of status ({})",
                    t.id,
                    local_short(last, &self.tz)
                ),
                "moves are recorded in the order they happened",
            )
            .into());
        }
        Ok(when)
    }

    /// Appends an event by the acting user to a ticket's history.
    pub fn event(
        &self,
        w: &mut Working,
        at: DateTime<Utc>,
        action: &str,
        detail: Option<String>,
        status: Option<Status>,
    ) {
        let user = self.user.clone();
        self.event_by(w, &user, at, action, detail, status);
    }

    fn event_by(
        &self,
        w: &mut Working,
        actor: &str,
        at: DateTime<Utc>,
        action: &str,
        detail: Option<String>,
        status: Option<Status>,
    ) {
        let e = Event {
            at,
            recorded_at: self.now,
            actor: actor.to_string(),
            action: action.to_string(),
            detail,
            status,
            // Filled in by the store as it writes: who is connected.
            recorded_by: None,
        };
        // In the order things happened; a later-made event after the others of its moment.
        let i = w.history.partition_point(|h| h.at <= at);
        w.history.insert(i, e.clone());
        w.new_events.push(e);
    }

    /// Makes a move of the state machine (`domain::moves::perform`), or fails with
    /// exit 4 naming what is allowed (exit 2 for an invalid request).
    pub fn perform(&self, w: &mut Working, change: Change) -> Result<Status> {
        moves::perform(&mut w.ticket, change).map_err(refused)
    }

    /// Writes the ticket (a new one is inserted), its new events and its SLA cache
    /// worked out from its whole history; returns its id.
    pub fn save(&mut self, mut w: Working) -> Result<i64> {
        w.ticket.updated_at = self.now;
        let cache = sla_cache(
            &self.settings,
            &self.tz,
            &w.ticket,
            &w.history,
            self.now,
            self.generation,
        );
        let text_changed = w
            .text
            .as_ref()
            .is_some_and(|(title, desc)| *title != w.ticket.title || *desc != w.ticket.description);
        let r = Recording {
            ticket: &w.ticket,
            text_changed,
            events: &w.new_events,
            cache: &cache,
        };
        let id = if w.text.is_none() {
            self.txn.insert_ticket(r)?
        } else {
            self.txn.record(r)?;
            w.ticket.id
        };
        self.recorded
            .extend(w.new_events.into_iter().map(|e| (id, e)));
        Ok(id)
    }
}

/// A refused move as the error a user sees.
pub fn refused(r: Refusal) -> anyhow::Error {
    match r {
        Refusal::NotAllowed(m) => DeskError::not_allowed(m).into(),
        Refusal::Invalid(m) => DeskError::usage(m).into(),
    }
}

/// Parses `--at` and refuses the future.
pub fn checked_when(s: &str, now: DateTime<Utc>, tz: &Zone) -> Result<DateTime<Utc>> {
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
