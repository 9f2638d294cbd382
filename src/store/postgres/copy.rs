//! COPY for the PostgreSQL import: the rows in COPY's binary format, the thread that
//! sends them with the connection lent to it, and the trace of where the time went.

use super::Db;
use anyhow::Result;
use chrono::{DateTime, Utc};
use std::io::Write as _;

/// One table's buffered rows: the COPY's target and its rows.
pub(super) type Chunk = (&'static str, Vec<u8>);

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
        let thread = std::thread::spawn(move || {
            let mut spent: Vec<Spent> = Vec::new();
            let result = (|| -> Result<()> {
                for (table_cols, data) in queue.iter() {
                    let t0 = std::time::Instant::now();
                    copy_in(&mut client, table_cols, &data, freeze)?;
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

/// The start of a COPY in binary format: its signature, no flags, no extension.
const HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

/// Its end: a row of -1 fields.
const TRAILER: &[u8] = &(-1i16).to_be_bytes();

/// Sends one table's rows (COPY's binary format, as `row` and the rest write them)
/// with `COPY table (columns) FROM STDIN`.
pub(super) fn copy_in(
    client: &mut postgres::Client,
    table_cols: &str,
    rows: &[u8],
    freeze: bool,
) -> Result<()> {
    let with = if freeze {
        "FORMAT binary, FREEZE"
    } else {
        "FORMAT binary"
    };
    let mut w = client.copy_in(&format!("COPY {table_cols} FROM STDIN WITH ({with})"))?;
    w.write_all(HEADER)?;
    w.write_all(rows)?;
    w.write_all(TRAILER)?;
    w.finish()?;
    Ok(())
}

/// A COPY's target, `table (column, ...)`, and so how many fields each of its rows has.
pub(super) struct Target {
    pub cols: &'static str,
    fields: i16,
}

impl Target {
    pub(super) const fn new(cols: &'static str) -> Target {
        let (bytes, mut i, mut fields) = (cols.as_bytes(), 0, 1);
        while i < bytes.len() {
            if bytes[i] == b',' {
                fields += 1;
            }
            i += 1;
        }
        Target { cols, fields }
    }
}

/// A row of `to`'s fields follows, each written by one of the functions below in the
/// order of its columns. COPY's binary format is used rather than its text: the
/// server reads no digits, no escapes and no tsvector syntax (the tickets' COPY took a
/// third less of its time), and desk escapes nothing.
pub(super) fn row(buf: &mut Vec<u8>, to: &Target) {
    buf.extend_from_slice(&to.fields.to_be_bytes());
}

/// A value's length. Nothing desk files comes near 2 GiB (PostgreSQL refuses a value
/// over 1 GiB); a longer one is said to be 2 GiB long, which the server rejects
/// rather than reading the bytes after it as other values.
fn len(buf: &mut Vec<u8>, n: usize) {
    buf.extend_from_slice(&i32::try_from(n).unwrap_or(i32::MAX).to_be_bytes());
}

fn null(buf: &mut Vec<u8>) {
    buf.extend_from_slice(&(-1i32).to_be_bytes());
}

/// A `text` value.
pub(super) fn col(buf: &mut Vec<u8>, v: Option<&str>) {
    match v {
        Some(s) => {
            len(buf, s.len());
            buf.extend_from_slice(s.as_bytes());
        }
        None => null(buf),
    }
}

/// A `bigint` value.
pub(super) fn num(buf: &mut Vec<u8>, v: Option<i64>) {
    match v {
        Some(n) => {
            len(buf, 8);
            buf.extend_from_slice(&n.to_be_bytes());
        }
        None => null(buf),
    }
}

/// A `boolean` value.
pub(super) fn boolean(buf: &mut Vec<u8>, v: bool) {
    len(buf, 1);
    buf.push(u8::from(v));
}

/// A `tsvector` of lexemes without positions, in the order PostgreSQL keeps them (by
/// their bytes, each once: the caller sorts them; the server sorts what is not): how
/// many, then each as a C string and its number of positions, 0.
pub(super) fn tsv(buf: &mut Vec<u8>, lexemes: &[&str]) {
    len(buf, 4 + lexemes.iter().map(|l| l.len() + 3).sum::<usize>());
    buf.extend_from_slice(
        &i32::try_from(lexemes.len())
            .unwrap_or(i32::MAX)
            .to_be_bytes(),
    );
    for l in lexemes {
        buf.extend_from_slice(l.as_bytes());
        buf.extend_from_slice(&[0, 0, 0]);
    }
}

pub(super) fn ut(v: Option<DateTime<Utc>>) -> Option<i64> {
    v.map(|x| x.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_as_copys_binary_format_has_them() {
        let mut b = Vec::new();
        row(&mut b, &Target::new("t (a, b, c, d, e)"));
        num(&mut b, Some(-2));
        num(&mut b, None);
        col(&mut b, Some("ёлка\t'"));
        boolean(&mut b, true);
        tsv(&mut b, &["ab", "ё"]);
        let mut want: Vec<u8> = vec![0, 5];
        want.extend([0, 0, 0, 8, 255, 255, 255, 255, 255, 255, 255, 254]);
        want.extend([255, 255, 255, 255]);
        want.extend([0, 0, 0, 10]);
        want.extend("ёлка\t'".as_bytes());
        want.extend([0, 0, 0, 1, 1]);
        // 4 (count) + "ab" 2+1+2 + "ё" 2+1+2.
        want.extend([
            0, 0, 0, 14, 0, 0, 0, 2, b'a', b'b', 0, 0, 0, 0xd1, 0x91, 0, 0, 0,
        ]);
        assert_eq!(b, want);
        assert_eq!(HEADER.len(), 19);
        assert_eq!(TRAILER, [255, 255]);
    }
}
