//! Every output format lives here: tables for people, TSV/CSV/JSON for programs, and
//! the report's renderers. Data goes to stdout (through a buffered writer that commands
//! borrow as `&mut dyn Write`), messages to stderr.

pub mod articles;
pub mod report_render;
pub mod sla;
pub mod tickets;

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

pub struct Output {
    stdout: BufWriter<Stdout>,
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
            stdout: BufWriter::new(io::stdout()),
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

/// ANSI colour, only when allowed.
pub fn paint(on: bool, code: &str, s: &str) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
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
