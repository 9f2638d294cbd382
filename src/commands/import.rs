//! `desk import`: tickets and articles from JSONL, a JSON array or CSV, as one
//! transaction: a bad record anywhere rejects the whole file, naming its line and field.
//!
//! The file is streamed (a line, an array element, a CSV record at a time) and each
//! record is filed as it is read, so memory does not grow with the file. Ids are kept
//! where free; a ticket whose id is taken gets the next free one, and the links and
//! article references inside the file follow it. Links to tickets later in the file
//! wait in a scratch table until the end; a link, `kb_article` or `source_ticket` that
//! names nothing in the file nor in the database fails the import.

use super::tx::{Tx, write_as};
use crate::cli::{ImportArgs, InterchangeFormat};
use crate::context::Context;
use crate::domain::article::Article;
use crate::domain::org::Org;
use crate::domain::search::indexed;
use crate::domain::settings::Settings;
use crate::domain::ticket::LinkKind;
use crate::domain::ticket_sla::{SlaCache, sla_cache};
use crate::domain::time::MemoZone;
use crate::domain::zone::Zone;
use crate::error::DeskError;
use crate::intake::records::{
    CsvMapping, Defaults, FieldError, Record, TicketRecord, record_from_bytes, ticket_from_csv,
};
use crate::store::{IdKind, Import, PendingLink, PendingSource, WriteMode};
use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Display;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};

const BUFFER: usize = 256 * 1024;

pub fn run(ctx: &mut Context, a: ImportArgs) -> Result<()> {
    let stdin = a.file.as_os_str() == "-";
    let format = match a.format {
        Some(f) => f,
        None if stdin => {
            return Err(DeskError::usage_hint(
                "reading stdin needs --format",
                "desk import - --format jsonl",
            )
            .into());
        }
        None => format_of(&a.file)?,
    };
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
        (Box::new(std::io::stdin()), None)
    } else {
        // An I/O failure (exit 1), as the spec counts it: no such file, no permission.
        let f = File::open(&a.file).with_context(|| format!("opening {}", a.file.display()))?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let bar = progress_bar(ctx.out.stderr_tty, size);
    let reader = BufReader::with_capacity(BUFFER, bar.wrap_read(input));

    // The CSV header is read (and its mapping shown) before the transaction begins.
    let source = match format {
        InterchangeFormat::Csv => {
            let (rdr, m) = open_csv(reader)?;
            for line in m.describe() {
                bar.suspend(|| eprintln!("desk: {}", crate::domain::text::escape(&line, false)));
            }
            Source::Csv(rdr, m)
        }
        InterchangeFormat::Json => Source::Json(reader),
        InterchangeFormat::Jsonl => Source::Jsonl(reader),
    };
    // An import moves a desk: its history is old news, nobody is mailed, no hook runs.
    ctx.telling = crate::notify::outbox::Telling::none();
    let result = write_as(ctx, WriteMode::Import, |tx| file_all(tx, source));
    bar.finish_and_clear();
    let summary = result?;
    for note in &summary.notes {
        ctx.out.warn(note);
    }
    if !summary.renumbered.is_empty() {
        let shown: Vec<String> = summary
            .renumbered
            .iter()
            .map(|(old, new)| format!("#{old} → #{new}"))
            .collect();
        let more = summary.renumbered_count - summary.renumbered.len() as u64;
        ctx.out.warn(&format!(
            "{} imported tickets got new ids (theirs were taken): {}{}",
            summary.renumbered_count,
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    let orgs = match summary.orgs {
        0 => String::new(),
        1 => ", 1 organisation".to_string(),
        n => format!(", {n} organisations"),
    };
    ctx.out.info(&format!(
        "Imported {} ticket{}{orgs} and {} article{}",
        summary.tickets,
        if summary.tickets == 1 { "" } else { "s" },
        summary.articles,
        if summary.articles == 1 { "" } else { "s" },
    ));
    Ok(())
}

enum Source<R: BufRead> {
    Jsonl(R),
    Json(R),
    Csv(csv::Reader<R>, CsvMapping),
}

/// Records go to the writer in batches (a hand-over per record costs the two threads
/// a wake-up each, a tenth of the import), and this many batches may wait: enough to
/// keep both threads busy, few enough that memory does not notice.
const BATCH: usize = 64;
const BATCHES_IN_FLIGHT: usize = 4;

/// Reads, validates and works out the SLA of the records on a second thread while
/// this one files them: the two halves of an import cost about the same. The records
/// come over in file order, and so does an error, so the first bad line is the one
/// reported, as before; when filing fails, reading stops.
fn file_all<R: BufRead + Send>(tx: &mut Tx, source: Source<R>) -> Result<Summary> {
    let (settings, user) = (tx.settings.clone(), tx.user.clone());
    let reading = Reading {
        settings: &settings,
        tz: tx.tz,
        now: tx.now,
        user: &user,
        recorded_by: tx.store().recorded_by(),
        generation: tx.generation,
    };
    let mut orgs: Vec<(u64, Org)> = Vec::new();
    let mut desk_settings: Option<(u64, Vec<(String, String)>)> = None;
    let mut imp = Importer::new(tx.store().import()?)?;
    // A desk that held nothing takes the file's settings: the file moves a desk here.
    let empty_before = imp.max_ticket_before == 0 && imp.max_article_before == 0;
    // A CSV file holds tickets only: the articles its tickets name can't be in it.
    imp.articles_in_file = !matches!(source, Source::Csv(..));
    imp.user = user.clone();
    std::thread::scope(|s| {
        let (send, records) = std::sync::mpsc::sync_channel(BATCHES_IN_FLIGHT);
        let (back, spent) = std::sync::mpsc::channel();
        let reader = s.spawn(move || reading.run(source, send, spent));
        let filed = (|| -> Result<()> {
            for batch in records.iter() {
                let mut batch = batch?;
                for r in &mut batch {
                    match r {
                        Parsed::Ticket {
                            line,
                            record,
                            sla,
                            text,
                        } => imp.ticket(*line, record, *sla, text)?,
                        Parsed::Article {
                            line,
                            article,
                            text,
                        } => imp.article(*line, article, text)?,
                        Parsed::Org { line, org } => {
                            orgs.push((*line, std::mem::take(org)));
                        }
                        Parsed::Settings { line, settings } => {
                            desk_settings = Some((*line, std::mem::take(settings)));
                        }
                    }
                }
                // The reader frees the records (its own allocations) and reuses the batch.
                let _ = back.send(batch);
            }
            Ok(())
        })();
        // A writer that stopped early stops the reader (its next send fails).
        drop(records);
        let read = reader.join();
        filed?;
        // The channel also closes when the reader panics: never file half a file.
        if read.is_err() {
            anyhow::bail!("reading the file failed");
        }
        imp.finish()
    })
    .and_then(|mut summary| {
        let mut shaped = false;
        if let Some((line, settings)) = desk_settings {
            shaped |= file_settings(tx, line, settings, empty_before, &mut summary)?;
        }
        let (filed, terms) = file_orgs(tx, orgs)?;
        summary.orgs = filed;
        if shaped || terms {
            // The records' deadlines were worked out before these terms were known.
            let stored = tx.store().settings()?;
            let settings = stored.in_force();
            let tz = settings.zone().unwrap_or(tx.tz);
            let (now, generation) = (tx.now, stored.generation);
            tx.tz = tz;
            tx.settings = settings.clone();
            tx.generation = generation;
            tx.store()
                .refresh_caches(crate::domain::ticket::Status::ALL, &mut |t, events| {
                    sla_cache(&settings, &tz, t, events, now, generation)
                })?;
        }
        Ok(summary)
    })
}

/// The desk's settings from the file (its `"type": "settings"` record). A desk that
/// held no tickets and no articles takes them (the file moves a desk here: its hours,
/// terms and zone come along); any other keeps its own, and a note names the keys
/// where the file differs. Returns whether a setting that shapes the SLA changed.
fn file_settings(
    tx: &mut Tx,
    line: u64,
    settings: Vec<(String, String)>,
    empty_before: bool,
    summary: &mut Summary,
) -> Result<bool> {
    let here = tx.store().settings()?.in_force();
    let differs: Vec<(String, String)> = settings
        .into_iter()
        .filter(|(k, v)| here.get(k) != Some(v.as_str()))
        .collect();
    if differs.is_empty() {
        return Ok(false);
    }
    if !empty_before {
        let keys: Vec<&str> = differs.iter().map(|(k, _)| k.as_str()).collect();
        summary.notes.push(format!(
            "the file's settings for {} were not applied: this desk has tickets or articles of its own (`desk config set` changes them)",
            keys.join(", ")
        ));
        return Ok(false);
    }
    let mut shaped = false;
    for (k, v) in &differs {
        let shapes = crate::domain::settings::affects_sla(k);
        tx.store()
            .change_setting(k, Some(v), shapes)
            .map_err(|e| db_error(line, e))?;
        shaped |= shapes;
    }
    Ok(shaped)
}

/// Registers the file's organisations. One registered here already under that name
/// (letter case aside) is left as it is when the file says the same of it, and
/// refused (exit 2) when it does not, as is a domain another organisation holds. When
/// any brings terms, the caller works every ticket's SLA cache out again under them
/// (the records' were worked out before the terms were known): returns how many were
/// filed and whether any brought terms.
fn file_orgs(tx: &mut Tx, orgs: Vec<(u64, Org)>) -> Result<(u64, bool)> {
    if orgs.is_empty() {
        return Ok((0, false));
    }
    let mut known = tx.store().orgs(false)?;
    let mut filed = 0;
    let mut terms = false;
    for (line, org) in orgs {
        if let Some(here) = crate::domain::org::find(&known, &org.name) {
            if here.name == org.name && here.domains == org.domains && here.settings == org.settings
            {
                continue;
            }
            return Err(at_line(
                line,
                DeskError::usage(format!(
                    "organisation {} is registered here already, with other domains or terms",
                    crate::domain::text::one_line(&here.name)
                )),
            ));
        }
        for d in &org.domains {
            if let Some(o) = crate::domain::org::holder(&known, d, None) {
                return Err(at_line(
                    line,
                    DeskError::usage(format!(
                        "{d} belongs to {} already",
                        crate::domain::text::one_line(&o.name)
                    )),
                ));
            }
        }
        tx.store().insert_org(&org).map_err(|e| db_error(line, e))?;
        terms |= !org.settings.is_empty();
        filed += 1;
        known.push(org);
    }
    Ok((filed, terms))
}

/// A record read and validated, ready to file, with its SLA figures and the text its
/// full-text index gets worked out by the reader.
enum Parsed {
    Ticket {
        line: u64,
        record: Box<TicketRecord>,
        sla: SlaCache,
        text: TicketText,
    },
    Article {
        line: u64,
        /// With the id the file gave it (0: none).
        article: Box<Article>,
        text: ArticleText,
    },
    /// Filed once the tickets are: see [`file_orgs`].
    Org { line: u64, org: Org },
    Settings {
        line: u64,
        settings: Vec<(String, String)>,
    },
}

/// The indexed text (`search::indexed`: the words joined by spaces) of a ticket and its
/// comments, where that differs from the text (None: as written).
struct TicketText {
    title: Option<String>,
    description: Option<String>,
    comments: Vec<Option<String>>,
}

struct ArticleText {
    title: Option<String>,
    body: Option<String>,
}

/// The indexed text, when it differs from the text.
fn fold_changed(s: &str) -> Option<String> {
    match indexed(s) {
        Cow::Owned(f) => Some(f),
        Cow::Borrowed(_) => None,
    }
}

/// What the reading thread needs of the transaction (not its connection).
struct Reading<'t> {
    settings: &'t Settings,
    tz: Zone,
    now: DateTime<Utc>,
    user: &'t str,
    /// Who is connected, for the events the import makes itself.
    recorded_by: Option<String>,
    generation: i64,
}

impl Reading<'_> {
    fn run<R: BufRead>(
        self,
        source: Source<R>,
        out: SyncSender<Result<Vec<Parsed>>>,
        spent: Receiver<Vec<Parsed>>,
    ) {
        let mut rd = Reader {
            zone: MemoZone::new(self.tz),
            reading: self,
            batch: Vec::with_capacity(BATCH),
            out,
            spent,
        };
        let read = match source {
            Source::Csv(rdr, m) => read_csv(rdr, &m, &mut rd),
            Source::Json(mut r) => read_json_array(&mut r, &mut rd),
            Source::Jsonl(mut r) => read_jsonl(&mut r, &mut rd),
        };
        // The records before a bad one go first: filing them may fail earlier.
        let read = read
            .and_then(|_| rd.flush())
            .or_else(|e| rd.flush().and(Err(e)));
        if let Err(e) = read {
            // Fails only when the writer has stopped already.
            let _ = rd.out.send(Err(e));
        }
    }
}

/// The reading thread's side: turns lines into records and hands them over.
struct Reader<'t> {
    reading: Reading<'t>,
    /// The SLA calendar asks for the same local times over and over.
    zone: MemoZone<Zone>,
    batch: Vec<Parsed>,
    out: SyncSender<Result<Vec<Parsed>>>,
    /// Batches the writer is done with, to free here.
    spent: Receiver<Vec<Parsed>>,
}

impl Reader<'_> {
    fn defaults(&self) -> Defaults<'_> {
        Defaults {
            now: self.reading.now,
            user: self.reading.user,
            recorded_by: self.reading.recorded_by.as_deref(),
        }
    }

    fn send(&mut self, p: Parsed) -> Result<()> {
        self.batch.push(p);
        if self.batch.len() < BATCH {
            return Ok(());
        }
        self.flush()
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let mut next = None;
        while let Ok(mut done) = self.spent.try_recv() {
            done.clear();
            next = Some(done);
        }
        let next = next.unwrap_or_else(|| Vec::with_capacity(BATCH));
        let batch = std::mem::replace(&mut self.batch, next);
        self.out
            .send(Ok(batch))
            .map_err(|_| anyhow::anyhow!("the import stopped"))
    }

    fn json(&mut self, line: u64, bytes: &[u8]) -> Result<()> {
        match record_from_bytes(bytes, self.defaults()).map_err(|e| at_line(line, e))? {
            Record::Ticket(t) => self.ticket(line, t),
            Record::Org(org) => self.send(Parsed::Org { line, org }),
            Record::Settings(settings) => self.send(Parsed::Settings { line, settings }),
            Record::Article(a) => {
                let text = ArticleText {
                    title: fold_changed(&a.title),
                    body: fold_changed(&a.body),
                };
                let article = Box::new(a.article);
                self.send(Parsed::Article {
                    line,
                    article,
                    text,
                })
            }
        }
    }

    /// A ticket with its SLA figures, from its history (as filing it would give).
    fn ticket(&mut self, line: u64, record: Box<TicketRecord>) -> Result<()> {
        let r = &self.reading;
        let sla = sla_cache(
            r.settings,
            &self.zone,
            &record.ticket,
            &record.events,
            r.now,
            r.generation,
        );
        let text = TicketText {
            title: fold_changed(&record.ticket.title),
            description: record.ticket.description.as_deref().and_then(fold_changed),
            comments: record
                .comments
                .iter()
                .map(|c| fold_changed(&c.text))
                .collect(),
        };
        self.send(Parsed::Ticket {
            line,
            record,
            sla,
            text,
        })
    }
}

fn format_of(path: &Path) -> Result<InterchangeFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl") | Some("ndjson") => Ok(InterchangeFormat::Jsonl),
        Some("json") => Ok(InterchangeFormat::Json),
        Some("csv") => Ok(InterchangeFormat::Csv),
        _ => Err(DeskError::usage_hint(
            format!("cannot tell the format of {} from its name", path.display()),
            "name it .jsonl, .json or .csv, or give --format",
        )
        .into()),
    }
}

/// A bar by bytes read, on stderr, only for a person at a terminal.
fn progress_bar(terminal: bool, size: Option<u64>) -> ProgressBar {
    if !terminal {
        return ProgressBar::hidden();
    }
    let bar = match size {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("importing {wide_bar} {bytes}/{total_bytes} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("importing {spinner} {bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}

fn at_line(line: u64, e: impl Display) -> anyhow::Error {
    DeskError::usage(format!("line {line}: {e}")).into()
}

/// A refusal by the database (a constraint the validation does not see, such as two
/// active tickets with one dedup key) is the record's fault: exit 2, with its line.
fn db_error(line: u64, e: anyhow::Error) -> anyhow::Error {
    if let Some(c) = crate::store::conflict(&e) {
        let msg = c.message;
        if c.dedup_key {
            return at_line(
                line,
                "field \"dedup_key\": another active ticket has the same key",
            );
        }
        return at_line(line, format!("the database refused the record ({msg})"));
    }
    e.context(format!("line {line}"))
}

/// Which ids the file's tickets carried, as runs: an export lists ids in order, so
/// this stays a handful of ranges whatever the file's size.
#[derive(Default)]
struct IdRanges(BTreeMap<i64, i64>);

impl IdRanges {
    fn contains(&self, id: i64) -> bool {
        self.0
            .range(..=id)
            .next_back()
            .is_some_and(|(_, &end)| end >= id)
    }

    fn insert(&mut self, id: i64) {
        if self.contains(id) {
            return;
        }
        let before = self
            .0
            .range(..id)
            .next_back()
            .filter(|(_, end)| **end == id - 1)
            .map(|(&s, _)| s);
        let after = self.0.get(&(id + 1)).copied();
        match (before, after) {
            (Some(s), Some(e)) => {
                self.0.remove(&(id + 1));
                self.0.insert(s, e);
            }
            (Some(s), None) => {
                self.0.insert(s, id);
            }
            (None, Some(e)) => {
                self.0.remove(&(id + 1));
                self.0.insert(id, e);
            }
            (None, None) => {
                self.0.insert(id, id);
            }
        }
    }
}

/// Notes of one kind shown one by one; the rest are counted.
const NOTES_SHOWN: u64 = 10;

struct Summary {
    tickets: u64,
    articles: u64,
    orgs: u64,
    /// The first few renumbered tickets (file id, new id), for the message.
    renumbered: Vec<(i64, i64)>,
    renumbered_count: u64,
    /// Warnings for things imported differently from how the file had them.
    notes: Vec<String>,
}

/// Files records inside the import's transaction and remembers how the file's ids
/// map to this database's. Memory stays flat however big the file: the ids the file
/// carried are kept as ranges, and whatever waits for the end (links forward in the
/// file, articles' source tickets, the ids that had to change) in scratch tables.
struct Importer<'a> {
    db: Box<dyn Import + 'a>,
    /// Who imports: the actor of attachments the file names none for.
    user: String,
    /// Ids above these were given by this import.
    max_ticket_before: i64,
    max_article_before: i64,
    /// The ticket and article ids the file carried.
    seen: IdRanges,
    articles_seen: IdRanges,
    /// Whether the file can hold articles (not CSV). When it can't, a ticket naming an
    /// article this database lacks is filed without it, with a note, rather than refused.
    articles_in_file: bool,
    kb_dropped: u64,
    /// Resolved or closed tickets the file gave no time of resolution.
    undated: u64,
    /// How many of those got another id here (file id → id here in the scratch table).
    tickets_moved: u64,
    articles_moved: u64,
    summary: Summary,
}

impl<'a> Importer<'a> {
    fn new(mut db: Box<dyn Import + 'a>) -> Result<Self> {
        let (max_ticket_before, max_article_before) = db.max_ids()?;
        Ok(Importer {
            db,
            user: String::new(),
            max_ticket_before,
            max_article_before,
            seen: IdRanges::default(),
            articles_seen: IdRanges::default(),
            articles_in_file: true,
            kb_dropped: 0,
            undated: 0,
            tickets_moved: 0,
            articles_moved: 0,
            summary: Summary {
                tickets: 0,
                articles: 0,
                orgs: 0,
                renumbered: Vec::new(),
                renumbered_count: 0,
                notes: Vec::new(),
            },
        })
    }

    /// A ticket id as the file numbers it → the id here, if the file had that ticket.
    fn mapped(&mut self, file_id: i64) -> Result<Option<i64>> {
        if !self.seen.contains(file_id) {
            return Ok(None);
        }
        if self.tickets_moved == 0 {
            return Ok(Some(file_id));
        }
        Ok(Some(
            self.db
                .remembered_id(IdKind::Ticket, file_id)?
                .unwrap_or(file_id),
        ))
    }

    /// An article id as the file numbers it → the id here, if the file had that article.
    fn mapped_article(&mut self, file_id: i64) -> Result<Option<i64>> {
        if !self.articles_seen.contains(file_id) {
            return Ok(None);
        }
        if self.articles_moved == 0 {
            return Ok(Some(file_id));
        }
        Ok(Some(
            self.db
                .remembered_id(IdKind::Article, file_id)?
                .unwrap_or(file_id),
        ))
    }

    /// A ticket the file does not hold: only one that was here before the import.
    fn existing_ticket(&mut self, id: i64) -> Result<bool> {
        Ok(id <= self.max_ticket_before && self.db.ticket_exists(id)?)
    }

    fn ticket(
        &mut self,
        line: u64,
        r: &mut TicketRecord,
        cache: SlaCache,
        text: &TicketText,
    ) -> Result<()> {
        if let Some(k) = r.ticket.kb_article {
            let here = match self.mapped_article(k)? {
                Some(here) => Some(here),
                None if k <= self.max_article_before && self.db.article_exists(k)? => Some(k),
                None if !self.articles_in_file => {
                    if self.kb_dropped < NOTES_SHOWN {
                        self.summary.notes.push(format!(
                            "line {line}: kb_article {k} is not in this database (a CSV file holds tickets only); left empty"
                        ));
                    }
                    self.kb_dropped += 1;
                    None
                }
                None => {
                    return Err(at_line(
                        line,
                        FieldError {
                            field: "kb_article".into(),
                            msg: format!(
                                "no article {k} earlier in the file or in the database (articles go before the tickets that name them)"
                            ),
                        },
                    ));
                }
            };
            r.ticket.kb_article = here;
        }
        r.ticket.id = r.id.unwrap_or(0);
        let fts_title = text.title.as_deref().unwrap_or(&r.ticket.title);
        let fts_description = text
            .description
            .as_deref()
            .or(r.ticket.description.as_deref());
        let id = self
            .db
            .insert_ticket(&r.ticket, r.status_at, &cache, fts_title, fts_description)
            .map_err(|e| db_error(line, e))?;
        if let Some(file_id) = r.id {
            if !self.seen.contains(file_id) {
                self.seen.insert(file_id);
                if id != file_id {
                    self.db.remember_id(IdKind::Ticket, file_id, id)?;
                    self.tickets_moved += 1;
                }
            }
            if id != file_id {
                self.summary.renumbered_count += 1;
                if self.summary.renumbered.len() < 10 {
                    self.summary.renumbered.push((file_id, id));
                }
            }
        }
        for e in &r.events {
            self.db.insert_event(id, e)?;
        }
        for (c, folded) in r.comments.iter().zip(&text.comments) {
            self.db
                .insert_comment(id, c, folded.as_deref().unwrap_or(&c.text))?;
        }
        for w in &r.worklog {
            self.db.insert_work(id, w)?;
        }
        for l in &r.links {
            match self.mapped(l.id)? {
                Some(other) if other != id => link(&mut *self.db, id, other, l.kind)?,
                Some(_) => {}
                None => self.db.insert_pending_link(&PendingLink {
                    line,
                    ticket: id,
                    other: l.id,
                    kind: l.kind,
                })?,
            }
        }
        super::attach::import_extras(
            &mut *self.db,
            id,
            r.ticket.created_at,
            &self.user,
            &r.attachments,
            &r.mail,
        )
        .map_err(|e| at_line(line, e))?;
        if r.undated_resolution {
            self.undated += 1;
        }
        self.summary.tickets += 1;
        Ok(())
    }

    /// An article (`a.id` as the file numbers it, 0 for none).
    fn article(&mut self, line: u64, a: &Article, text: &ArticleText) -> Result<()> {
        let fts_title = text.title.as_deref().unwrap_or(&a.title);
        let fts_body = text.body.as_deref().unwrap_or(&a.body);
        let id = self
            .db
            .insert_article(a, fts_title, fts_body)
            .map_err(|e| db_error(line, e))?;
        if let Some(file_id) = (a.id > 0).then_some(a.id)
            && !self.articles_seen.contains(file_id)
        {
            self.articles_seen.insert(file_id);
            if id != file_id {
                self.db.remember_id(IdKind::Article, file_id, id)?;
                self.articles_moved += 1;
            }
        }
        if let Some(src) = a.source_ticket {
            self.db.remember_source(PendingSource {
                line,
                article: id,
                ticket: src,
            })?;
        }
        self.summary.articles += 1;
        Ok(())
    }

    /// Files the links that waited for their other end, and points articles at their
    /// source tickets' ids here.
    fn finish(mut self) -> Result<Summary> {
        // A page at a time, so memory stays flat however many waited.
        const PAGE: usize = 1000;
        let mut after = 0;
        loop {
            let page = self.db.pending_links(after, PAGE)?;
            let Some(&(last, _)) = page.last() else {
                break;
            };
            after = last;
            for (_, p) in page {
                let other = match self.mapped(p.other)? {
                    Some(o) => o,
                    None if self.existing_ticket(p.other)? => p.other,
                    None => {
                        return Err(at_line(
                            p.line,
                            format!(
                                "field \"links\": no ticket #{} in the file or the database",
                                p.other
                            ),
                        ));
                    }
                };
                if other != p.ticket {
                    link(&mut *self.db, p.ticket, other, p.kind)?;
                }
            }
        }
        let mut notes = Vec::new();
        let mut after = 0;
        loop {
            let page = self.db.pending_sources(after, PAGE)?;
            let Some(&(last, _)) = page.last() else {
                break;
            };
            after = last;
            for (_, s) in page {
                let (line, article, src) = (s.line, s.article, s.ticket);
                match self.mapped(src)? {
                    Some(here) if here != src => self.db.set_article_source(article, Some(here))?,
                    Some(_) => {}
                    None if self.existing_ticket(src)? => {}
                    None => {
                        // Only a note on where the article came from: dropped, not fatal.
                        self.db.set_article_source(article, None)?;
                        notes.push(format!(
                            "line {line}: source_ticket #{src} is in neither the file nor the database; left empty"
                        ));
                    }
                }
            }
        }
        self.summary.notes.append(&mut notes);
        if self.undated > 0 {
            self.summary.notes.push(format!(
                "{} resolved or closed ticket{} gave no time of resolution (resolved_at, closed_at, updated_at or events): dated when created, so reports count them as resolved at once",
                self.undated,
                if self.undated == 1 { "" } else { "s" }
            ));
        }
        if self.kb_dropped > NOTES_SHOWN {
            self.summary.notes.push(format!(
                "and {} more tickets named articles not in this database; left empty",
                self.kb_dropped - NOTES_SHOWN
            ));
        }
        self.db.finish()?;
        Ok(self.summary)
    }
}

/// A link as seen from `ticket`, stored the way `desk link` stores it.
fn link(db: &mut dyn Import, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
    match kind {
        LinkKind::Child => db.insert_link(other, ticket, LinkKind::Parent),
        LinkKind::DuplicatedBy => db.insert_link(other, ticket, LinkKind::Duplicate),
        k => db.insert_link(ticket, other, k),
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

fn read_jsonl(r: &mut impl BufRead, rd: &mut Reader) -> Result<()> {
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut line = 0u64;
    loop {
        buf.clear();
        if r.read_until(b'\n', &mut buf).context("reading the file")? == 0 {
            return Ok(());
        }
        line += 1;
        let mut s = trim_ascii(&buf);
        if line == 1 {
            s = s.strip_prefix(b"\xef\xbb\xbf").unwrap_or(s);
        }
        if s.is_empty() {
            continue;
        }
        rd.json(line, s)?;
    }
}

/// Splits one JSON array into its elements without holding more than one of them.
struct ArrayElements<R> {
    r: R,
    line: u64,
    started: bool,
    done: bool,
}

impl<R: BufRead> ArrayElements<R> {
    fn peek(&mut self) -> Result<Option<u8>> {
        Ok(self
            .r
            .fill_buf()
            .context("reading the file")?
            .first()
            .copied())
    }

    fn skip_ws(&mut self) -> Result<()> {
        loop {
            let chunk = self.r.fill_buf().context("reading the file")?;
            if chunk.is_empty() {
                return Ok(());
            }
            let n = chunk
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            self.line += chunk[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            let whole = n == chunk.len();
            self.r.consume(n);
            if !whole {
                return Ok(());
            }
        }
    }

    fn end(&mut self) -> Result<Option<u64>> {
        self.done = true;
        self.skip_ws()?;
        if self.peek()?.is_some() {
            return Err(at_line(self.line, "text after the end of the JSON array"));
        }
        Ok(None)
    }

    /// The next element's bytes into `buf`; returns the line it starts on.
    fn next(&mut self, buf: &mut Vec<u8>) -> Result<Option<u64>> {
        buf.clear();
        if self.done {
            return Ok(None);
        }
        if !self.started {
            if self.r.fill_buf()?.starts_with(b"\xef\xbb\xbf") {
                self.r.consume(3);
            }
            self.skip_ws()?;
            if self.peek()? != Some(b'[') {
                return Err(at_line(
                    self.line,
                    "a .json file must be one JSON array of tickets and articles (use .jsonl for one object a line)",
                ));
            }
            self.r.consume(1);
            self.started = true;
            self.skip_ws()?;
            if self.peek()? == Some(b']') {
                self.r.consume(1);
                return self.end();
            }
        } else {
            self.skip_ws()?;
            match self.peek()? {
                Some(b',') => self.r.consume(1),
                Some(b']') => {
                    self.r.consume(1);
                    return self.end();
                }
                Some(_) => return Err(at_line(self.line, "expected , or ] after an element")),
                None => return Err(at_line(self.line, "the file ends inside the JSON array")),
            }
            self.skip_ws()?;
        }
        let start = self.line;
        if self.peek()? != Some(b'{') {
            return Err(at_line(start, "expected a JSON object"));
        }
        let (mut depth, mut in_str, mut esc) = (0usize, false, false);
        loop {
            let chunk = self.r.fill_buf().context("reading the file")?;
            if chunk.is_empty() {
                return Err(at_line(start, "the file ends inside this object"));
            }
            let mut end = None;
            for (i, &b) in chunk.iter().enumerate() {
                if b == b'\n' {
                    self.line += 1;
                }
                if in_str {
                    if esc {
                        esc = false;
                    } else if b == b'\\' {
                        esc = true;
                    } else if b == b'"' {
                        in_str = false;
                    }
                    continue;
                }
                match b {
                    b'"' => in_str = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let n = end.unwrap_or(chunk.len());
            buf.extend_from_slice(&chunk[..n]);
            self.r.consume(n);
            if end.is_some() {
                return Ok(Some(start));
            }
        }
    }
}

fn read_json_array(r: &mut impl BufRead, rd: &mut Reader) -> Result<()> {
    let mut elements = ArrayElements {
        r,
        line: 1,
        started: false,
        done: false,
    };
    let mut buf = Vec::with_capacity(64 * 1024);
    while let Some(line) = elements.next(&mut buf)? {
        rd.json(line, &buf)?;
    }
    Ok(())
}

/// Reads the header row (the delimiter guessed from it: spreadsheets in many locales
/// save with `;`) and maps the columns.
fn open_csv<R: BufRead>(r: R) -> Result<(csv::Reader<R>, CsvMapping)> {
    let mut r = r;
    let head = r.fill_buf().context("reading the file")?;
    let first = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            (
                first.iter().filter(|b| *b == d).count(),
                // Ties go to the comma.
                *d == b',',
            )
        })
        .unwrap_or(b',');
    // Rows end at "\n", and a "\r" before it is taken off the row's last field in
    // `read_csv`. The csv crate's own CRLF handling numbers every row after a CRLF one
    // line too low (it counts the "\n" only when it reads the next row), and spreadsheets
    // write CRLF: an error would name the row above the bad one. Files with "\r" alone
    // (classic Mac) keep the crate's handling.
    let terminator = if !head.contains(&b'\n') && head.contains(&b'\r') {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .flexible(true)
        .from_reader(r);
    let headers = rdr.headers().map_err(csv_error)?.clone();
    let mapping =
        CsvMapping::from_headers(headers.iter().map(|h| h.trim_start_matches('\u{feff}')))
            .map_err(|e| at_line(1, e))?;
    Ok((rdr, mapping))
}

fn csv_error(e: csv::Error) -> anyhow::Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => at_line(line, "not UTF-8 text (save the file as CSV UTF-8)"),
        csv::ErrorKind::Io(_) => anyhow::Error::new(e).context("reading the file"),
        _ => at_line(line, e),
    }
}

fn read_csv<R: Read>(mut rdr: csv::Reader<R>, m: &CsvMapping, rd: &mut Reader) -> Result<()> {
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec).map_err(csv_error)? {
        let line = rec.position().map_or(0, |p| p.line());
        let mut row: Vec<&str> = rec.iter().collect();
        // The "\r" of a CRLF line ending (see `open_csv`).
        if let Some(last) = row.last_mut() {
            *last = last.strip_suffix('\r').unwrap_or(last);
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let r = ticket_from_csv(m, &row, &rd.reading.tz, rd.defaults()).map_err(|e| {
            match m.column_of(&e.field) {
                Some(col) if col != e.field => at_line(
                    line,
                    format!("column {col:?} (field {:?}): {}", e.field, e.msg),
                ),
                _ => at_line(line, e),
            }
        })?;
        rd.ticket(line, Box::new(r))?;
    }
    Ok(())
}
