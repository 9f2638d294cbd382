//! COPY for the PostgreSQL import: the rows in COPY's text format, the thread that
//! sends them with the connection lent to it, and the trace of where the time went.

use super::Db;
use anyhow::Result;
use chrono::{DateTime, Utc};
use std::io::Write as _;

/// One table's buffered rows: the COPY's target and its text.
pub(super) type Chunk = (&'static str, String);

/// Sends the COPYs on a thread of its own, with the connection lent to it: the rows
/// of the next batch are made while the server files the last. Everything goes over
/// one channel, in order, so the tables are filled in the order `flush` gives. The
/// first error stops the thread; it comes back with the connection.
pub(super) struct Sender {
    chunks: Option<std::sync::mpsc::SyncSender<Chunk>>,
    thread: Option<std::thread::JoinHandle<Sent>>,
}

pub(super) type Spent = (String, std::time::Duration, u64);

/// What the COPY thread gives back: the connection, how sending went, and (traced)
/// the time each COPY took.
pub(super) type Sent = (postgres::Client, Result<()>, Vec<Spent>);

/// How many tables' buffers may wait for the COPY thread.
pub(super) const CHUNKS_IN_FLIGHT: usize = 5;

impl Sender {
    /// `freeze`: the tables were made by this very transaction, so their rows may be
    /// written frozen (`COPY ... WITH (FREEZE)`, see `PgImport::frozen`).
    pub(super) fn start(mut client: postgres::Client, trace: bool, freeze: bool) -> Sender {
        let (chunks, queue) = std::sync::mpsc::sync_channel::<Chunk>(CHUNKS_IN_FLIGHT);
        let with = if freeze { " WITH (FREEZE)" } else { "" };
        let thread = std::thread::spawn(move || {
            let mut spent: Vec<Spent> = Vec::new();
            let result = (|| -> Result<()> {
                for (table_cols, data) in queue.iter() {
                    let t0 = std::time::Instant::now();
                    let mut w = client.copy_in(&format!("COPY {table_cols} FROM STDIN{with}"))?;
                    w.write_all(data.as_bytes())?;
                    w.finish()?;
                    if trace {
                        let table = table_cols.split_whitespace().next().unwrap_or("");
                        spent.push((format!("COPY {table}"), t0.elapsed(), data.len() as u64));
                    }
                }
                Ok(())
            })();
            (client, result, spent)
        });
        Sender {
            chunks: Some(chunks),
            thread: Some(thread),
        }
    }

    /// Hands a table's rows over; false when the thread has stopped (on an error,
    /// which `stop` returns).
    pub(super) fn send(&mut self, chunk: Chunk) -> bool {
        self.chunks.as_ref().is_some_and(|c| c.send(chunk).is_ok())
    }

    /// Waits for what was sent, and gives the connection back.
    pub(super) fn stop(&mut self, db: &mut Db, trace: Option<&mut Trace>) -> Result<()> {
        self.chunks = None;
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        match thread.join() {
            Ok((client, result, spent)) => {
                db.client = Some(client);
                if let Some(t) = trace {
                    for (what, d, bytes) in spent {
                        t.add(&what, d, bytes);
                    }
                }
                result
            }
            // The connection went down with the thread: nothing more can be sent.
            Err(_) => anyhow::bail!("sending the rows to PostgreSQL failed"),
        }
    }
}

/// The time spent in each kind of statement, for `DESK_TRACE_IMPORT`.
pub(super) struct Trace {
    pub(super) start: std::time::Instant,
    pub(super) spent: Vec<(String, std::time::Duration, u64)>,
}

impl Trace {
    pub(super) fn add(&mut self, what: &str, d: std::time::Duration, bytes: u64) {
        match self.spent.iter_mut().find(|(w, _, _)| w == what) {
            Some(e) => {
                e.1 += d;
                e.2 += bytes;
            }
            None => self.spent.push((what.to_string(), d, bytes)),
        }
    }

    pub(super) fn report(&self) {
        for (what, d, bytes) in &self.spent {
            eprintln!(
                "desk: trace: import {what}: {:.3} s, {:.1} MB",
                d.as_secs_f64(),
                *bytes as f64 / 1e6
            );
        }
        eprintln!(
            "desk: trace: import total since begin: {:.3} s",
            self.start.elapsed().as_secs_f64()
        );
    }
}

/// A value in COPY's text format.
pub(super) fn put(buf: &mut String, v: Option<&str>) {
    match v {
        None => buf.push_str("\\N"),
        Some(s) => escape_into(buf, s, false),
    }
}

/// `s` with COPY's escapes (and, for a lexeme in a tsvector literal, that literal's
/// own: a quote doubled, a backslash escaped once more). The text between the
/// characters to escape, all of them ASCII, is copied as it is, a run at a time: a
/// character at a time this was a tenth of an import's work.
fn escape_into(buf: &mut String, s: &str, lexeme: bool) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'\\' if lexeme => "\\\\\\\\",
            b'\\' => "\\\\",
            b'\'' if lexeme => "''",
            b'\t' => "\\t",
            b'\n' => "\\n",
            b'\r' => "\\r",
            _ => continue,
        };
        // `i` is at an ASCII byte: a character boundary.
        buf.push_str(&s[start..i]);
        buf.push_str(escaped);
        start = i + 1;
    }
    buf.push_str(&s[start..]);
}

pub(super) fn col(buf: &mut String, v: Option<&str>) {
    put(buf, v);
    buf.push('\t');
}

pub(super) fn num(buf: &mut String, v: Option<i64>) {
    match v {
        Some(n) => buf.push_str(itoa::Buffer::new().format(n)),
        None => buf.push_str("\\N"),
    }
    buf.push('\t');
}

pub(super) fn boolean(buf: &mut String, v: bool) {
    buf.push_str(if v { "t\t" } else { "f\t" });
}

/// A tsvector literal of lexemes (quoted, so nothing in them is syntax), in COPY's
/// text format.
pub(super) fn tsv(buf: &mut String, lexemes: &[&str]) {
    for (i, l) in lexemes.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push('\'');
        escape_into(buf, l, true);
        buf.push('\'');
    }
}

pub(super) fn end_row(buf: &mut String) {
    // The last column's tab becomes the row's newline.
    if buf.ends_with('\t') {
        buf.pop();
    }
    buf.push('\n');
}

pub(super) fn ut(v: Option<DateTime<Utc>>) -> Option<i64> {
    v.map(|x| x.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The COPY text as it was made a character at a time, and the tsvector literal
    /// made whole, then escaped for COPY.
    fn put_slow(buf: &mut String, v: Option<&str>) {
        match v {
            None => buf.push_str("\\N"),
            Some(s) => {
                for c in s.chars() {
                    match c {
                        '\\' => buf.push_str("\\\\"),
                        '\t' => buf.push_str("\\t"),
                        '\n' => buf.push_str("\\n"),
                        '\r' => buf.push_str("\\r"),
                        c => buf.push(c),
                    }
                }
            }
        }
    }

    fn tsv_slow(buf: &mut String, lexemes: &[&str]) {
        let mut s = String::new();
        for (i, l) in lexemes.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push('\'');
            for c in l.chars() {
                if c == '\'' || c == '\\' {
                    s.push(c);
                }
                s.push(c);
            }
            s.push('\'');
        }
        put_slow(buf, Some(&s));
    }

    #[test]
    fn values_and_lexemes_are_escaped_as_a_character_at_a_time_would() {
        let texts = [
            "",
            "plain",
            "a\\b",
            "\\",
            "tab\there\nnew\r\n",
            "it's",
            "''",
            "Zgłoszenie: 'drukarka' \\ nie działa\t\u{1F642}",
            "ёлка\\\nй",
            "\\\\\t\t'",
        ];
        for t in texts {
            let (mut fast, mut slow) = (String::new(), String::new());
            put(&mut fast, Some(t));
            put_slow(&mut slow, Some(t));
            assert_eq!(fast, slow, "{t:?}");
        }
        let (mut fast, mut slow) = (String::new(), String::new());
        put(&mut fast, None);
        put_slow(&mut slow, None);
        assert_eq!(fast, slow);
        let lexemes: Vec<&str> = texts.to_vec();
        for n in 0..=lexemes.len() {
            let (mut fast, mut slow) = (String::new(), String::new());
            tsv(&mut fast, &lexemes[..n]);
            tsv_slow(&mut slow, &lexemes[..n]);
            assert_eq!(fast, slow, "{:?}", &lexemes[..n]);
        }
    }
}
