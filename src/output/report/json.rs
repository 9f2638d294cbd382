//! The report as the spec's JSON.

use std::io::{self, Write};

use crate::domain::report::Report;

/// The spec's JSON, pretty-printed, with a final newline.
pub fn render_json(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, r).map_err(io::Error::from)?;
    w.write_all(b"\n")
}
