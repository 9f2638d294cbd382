//! The reading half of an import: a file's records read (a JSON line, an array
//! element, a CSV row at a time), validated, with their SLA figures and indexed text
//! worked out, and handed in batches to the thread that files them.

use super::array::ArrayElements;
use super::csv_file::csv_error;
use super::{CsvMapping, Defaults, Record, TicketRecord, record_from_bytes, ticket_from_csv};
use crate::domain::article::Article;
use crate::domain::org::Org;
use crate::domain::search::indexed;
use crate::domain::settings::Settings;
use crate::domain::ticket_sla::{SlaCache, sla_cache};
use crate::domain::time::MemoZone;
use crate::domain::zone::Zone;
use crate::error::DeskError;
use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use std::borrow::Cow;
use std::fmt::Display;
use std::io::{BufRead, Read};
use std::sync::mpsc::{Receiver, SyncSender};

/// A file to read, in its format (a CSV file with its header mapped).
pub enum Source<R: BufRead> {
    Jsonl(R),
    Json(R),
    Csv(csv::Reader<R>, CsvMapping),
}

/// Records go to the writer in batches (a hand-over per record costs the two threads
/// a wake-up each, a tenth of the import), and this many batches may wait: enough to
/// keep both threads busy, few enough that memory does not notice.
pub const BATCH: usize = 64;
pub const BATCHES_IN_FLIGHT: usize = 4;

/// A record read and validated, ready to file, with its SLA figures and the text its
/// full-text index gets worked out by the reader.
pub enum Parsed {
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
pub struct TicketText {
    pub title: Option<String>,
    pub description: Option<String>,
    pub comments: Vec<Option<String>>,
}

pub struct ArticleText {
    pub title: Option<String>,
    pub body: Option<String>,
}

/// The indexed text, when it differs from the text.
fn fold_changed(s: &str) -> Option<String> {
    match indexed(s) {
        Cow::Owned(f) => Some(f),
        Cow::Borrowed(_) => None,
    }
}

/// What the reading thread needs of the transaction (not its connection).
pub struct Reading<'t> {
    pub settings: &'t Settings,
    pub tz: Zone,
    pub now: DateTime<Utc>,
    pub user: &'t str,
    /// Who is connected, for the events the import makes itself.
    pub recorded_by: Option<String>,
    pub generation: i64,
}

impl Reading<'_> {
    /// Reads `source` to its end or its first bad record, handing the records over
    /// `out` in batches (and an error last); `spent` brings batches back to reuse.
    pub fn run<R: BufRead>(
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

/// An error in the file's line `line` (exit 2).
pub fn at_line(line: u64, e: impl Display) -> anyhow::Error {
    DeskError::usage(format!("line {line}: {e}")).into()
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
        let mut s = buf.trim_ascii();
        if line == 1 {
            s = s.strip_prefix(b"\xef\xbb\xbf").unwrap_or(s);
        }
        if s.is_empty() {
            continue;
        }
        rd.json(line, s)?;
    }
}

fn read_json_array(r: &mut impl BufRead, rd: &mut Reader) -> Result<()> {
    let mut elements = ArrayElements::new(r);
    let mut buf = Vec::with_capacity(64 * 1024);
    while let Some(line) = elements.next(&mut buf)? {
        rd.json(line, &buf)?;
    }
    Ok(())
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
