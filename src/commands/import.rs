//! `desk import`: tickets and articles from JSONL, a JSON array or CSV, as one
//! transaction: a bad record anywhere rejects the whole file, naming its line and field.
//!
//! The file is streamed (a line, an array element, a CSV record at a time) and each
//! record is filed as it is read, so memory does not grow with the file. Ids are kept
//! where free; a ticket whose id is taken gets the next free one, and the links and
//! article references inside the file follow it. Links to tickets later in the file
//! wait in a scratch table until the end; a link, `kb_article` or `source_ticket` that
//! names nothing in the file nor in the database fails the import.
//!
//! The command is the glue: the file opened and its format told, the reading half
//! (`intake::records::reader`, on its own thread) handed to the filing half
//! (`store::importer`), the desk's settings and organisations from the file filed last,
//! and what was done said.

use super::tx::{Tx, write_as};
use crate::cli::{ImportArgs, InterchangeFormat};
use crate::context::Context;
use crate::domain::org::Org;
use crate::domain::ticket_sla::sla_cache;
use crate::error::DeskError;
use crate::intake::records::at_line;
use crate::intake::records::csv_file::open_csv;
use crate::intake::records::reader::{BATCHES_IN_FLIGHT, Parsed, Reading, Source};
use crate::store::importer::{Importer, Summary, db_error};
use crate::store::{SettingChange, WriteMode};
use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

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
        let (n, what) = match summary.renumbered_count {
            1 => (1, "imported ticket got a new id (its own was taken)"),
            n => (n, "imported tickets got new ids (theirs were taken)"),
        };
        ctx.out.warn(&format!(
            "{n} {what}: {}{}",
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
                        } => {
                            let id = imp.ticket(*line, record, *sla, text)?;
                            // Who imports is the actor of attachments the file names none for.
                            let (created, files, mail) =
                                (record.ticket.created_at, &record.attachments, &record.mail);
                            super::attach::import_extras(imp.db(), id, created, &user, files, mail)
                                .map_err(|e| at_line(*line, e))?;
                        }
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
        let change = SettingChange {
            org: None,
            key: k,
            value: Some(v),
        };
        tx.store()
            .change_setting(change)
            .map_err(|e| db_error(line, e))?;
        shaped |= change.starts_generation();
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
