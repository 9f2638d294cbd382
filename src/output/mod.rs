//! Every output format lives here: tables for people, TSV/CSV/JSON for programs, and
//! the report's renderers. Data goes to stdout (through a buffered writer that commands
//! borrow as `&mut dyn Write`), messages to stderr.

pub mod articles;
pub mod document;
pub mod orgs;
pub mod report;
pub mod sla;
pub mod tickets;

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

pub struct Output {
    stdout: BufWriter<TerminalGuard<Stdout>>,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub color: bool,
    /// Columns available for tables.
    pub width: usize,
}

impl Output {
    pub fn new(color: bool) -> Output {
        let stdout_tty = io::stdout().is_terminal();
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|&w| w >= 20)
            .or_else(|| {
                if stdout_tty {
                    comfy_table::Table::new().width().map(usize::from)
                } else {
                    None
                }
            })
            .unwrap_or(100);
        Output {
            stdout: BufWriter::new(TerminalGuard::new(io::stdout(), stdout_tty)),
            stdout_tty,
            stderr_tty: io::stderr().is_terminal(),
            color,
            width,
        }
    }

    /// Where data goes.
    pub fn data(&mut self) -> &mut dyn Write {
        &mut self.stdout
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.stdout.flush()
    }

    /// A confirmation for a person at a terminal; silent in scripts.
    pub fn info(&self, msg: &str) {
        if self.stderr_tty {
            eprintln!("{}", crate::domain::text::escape(msg, true));
        }
    }

    /// A warning, always shown on stderr.
    pub fn warn(&self, msg: &str) {
        eprintln!("desk: warning: {}", crate::domain::text::escape(msg, true));
    }
}

/// The last line of defence between data and a terminal. Every format escapes what
/// it writes of users' text, but JSON's own escaping (serde_json's) leaves C1 controls
/// (U+009B is a one-character CSI), DEL and the bidirectional overrides raw. On a
/// terminal this writes each character `text::is_unsafe` names that is not ASCII
/// control as `\uXXXX`, which inside a JSON string is the same text and elsewhere reads
/// plainly; desk's own output (JSON's structure, tables, colour codes) is ASCII or safe
/// text and passes unchanged. Off a terminal it is a plain pass-through: files and
/// pipes get the exact bytes.
pub struct TerminalGuard<W: Write> {
    inner: W,
    on: bool,
    /// The start of a character whose other bytes are in the next write.
    carry: Vec<u8>,
}

impl<W: Write> TerminalGuard<W> {
    pub fn new(inner: W, on: bool) -> Self {
        TerminalGuard {
            inner,
            on,
            carry: Vec::new(),
        }
    }

    fn guarded(&mut self, text: &str) -> io::Result<()> {
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if (c == '\u{7f}' || !c.is_ascii()) && crate::domain::text::is_unsafe(c) {
                self.inner.write_all(&text.as_bytes()[from..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(self.inner, "\\u{:04x}", u)?;
                }
                from = i + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[from..])
    }
}

impl<W: Write> Write for TerminalGuard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on || (self.carry.is_empty() && !buf.iter().any(|&b| b >= 0x7f)) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(buf);
        let mut rest: &[u8] = &data;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.guarded(text)?;
                    rest = &[];
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    self.guarded(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // Not UTF-8: passed on as it is.
                        Some(n) => {
                            self.inner.write_all(&after[..n])?;
                            rest = &after[n..];
                        }
                        // A character cut at the end of this write.
                        None => {
                            self.carry = after.to_vec();
                            rest = &[];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.carry.is_empty() {
            let cut = std::mem::take(&mut self.carry);
            self.inner.write_all(&cut)?;
        }
        self.inner.flush()
    }
}

/// `bytes` as the whole content of `path`: a temporary file in the same folder,
/// synced, then renamed over `path`, so a reader never sees half a report and a
/// failed write leaves the old file as it was (and no temporary file behind).
pub fn write_whole(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.desk-tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // A new report reads as a shell's `>` would make it; an old one's
        // permissions carry over.
        let mode = std::fs::metadata(path).map_or(0o644, |m| {
            use std::os::unix::fs::PermissionsExt as _;
            m.permissions().mode() & 0o7777
        });
        options.mode(mode);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// ANSI colour, only when allowed: `code` is the SGR parameter (`1` bold, `31` red).
/// The one colour toolkit of every format; widths are `domain::text`'s.
pub fn paint(on: bool, code: &str, s: &str) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The looks a piece of human output can take, painted by [`paint`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    Plain,
    Bold,
    Dim,
    Bar,
    Alert,
}

impl Style {
    /// The SGR parameter, empty for plain text.
    pub fn code(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Bar => "36",
            Style::Alert => "31",
        }
    }

    /// `s` in this style when colour is on.
    pub fn paint(self, on: bool, s: &str) -> String {
        paint(on && self != Style::Plain && !s.is_empty(), self.code(), s)
    }
}

/// The CSV fields of a JSON object, in `columns` order: null as empty, arrays joined
/// with ", ", control characters escaped when the CSV goes to a terminal.
pub fn csv_fields(
    m: &serde_json::Map<String, serde_json::Value>,
    columns: &[&str],
    terminal: bool,
) -> Vec<String> {
    use serde_json::Value;
    columns
        .iter()
        .map(|c| {
            let s = match m.get(*c) {
                Some(Value::Null) | None => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(other) => other.to_string(),
            };
            if terminal {
                crate::domain::text::escape(&s, true)
            } else {
                s
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::TerminalGuard;
    use std::io::Write;

    fn through(on: bool, pieces: &[&[u8]]) -> Vec<u8> {
        let mut g = TerminalGuard::new(Vec::new(), on);
        for p in pieces {
            g.write_all(p).unwrap();
        }
        g.flush().unwrap();
        g.inner
    }

    #[test]
    fn a_terminal_gets_c1_del_and_bidi_overrides_escaped_and_the_rest_as_it_is() {
        let json = "{\"title\":\"A\u{9b}2JB\u{202e}C\u{7f}D äö Привет 😀\",\"x\":\"\\u001b\"}";
        let out = through(true, &[json.as_bytes()]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"title":"A\u009b2JB\u202eC\u007fD äö Привет 😀","x":"\u001b"}"#
        );
        // Still the same JSON.
        let back: serde_json::Value =
            serde_json::from_str(&String::from_utf8(through(true, &[json.as_bytes()])).unwrap())
                .unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
        // Off a terminal: the exact bytes.
        assert_eq!(through(false, &[json.as_bytes()]), json.as_bytes());
    }

    #[test]
    fn a_character_cut_between_two_writes_is_joined_again() {
        let csi = "\u{9b}".as_bytes();
        let ae = "ä".as_bytes();
        let out = through(
            true,
            &[b"a", &csi[..1], &csi[1..], &ae[..1], &ae[1..], b"z"],
        );
        assert_eq!(String::from_utf8(out).unwrap(), "a\\u009bäz");
    }
}
