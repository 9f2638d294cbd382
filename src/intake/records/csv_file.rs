//! A CSV file opened: its delimiter and line ends sniffed from the first line, its
//! header row mapped to ticket fields.

use super::{CsvMapping, at_line};
use anyhow::{Context as _, Result};
use std::io::BufRead;

/// Reads the header row (the delimiter guessed from it: spreadsheets in many locales
/// save with `;`) and maps the columns.
pub fn open_csv<R: BufRead>(r: R) -> Result<(csv::Reader<R>, CsvMapping)> {
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
    // `reader::read_csv`. The csv crate's own CRLF handling numbers every row after a CRLF one
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

/// A CSV reading error: its line, or an I/O failure.
pub fn csv_error(e: csv::Error) -> anyhow::Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => at_line(line, "not UTF-8 text (save the file as CSV UTF-8)"),
        csv::ErrorKind::Io(_) => anyhow::Error::new(e).context("reading the file"),
        _ => at_line(line, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_first_lines_most_common() {
        let (mut rdr, m) = open_csv("Subject;Status\nPrinter, jammed;new\n".as_bytes()).unwrap();
        assert_eq!(m.columns, [Some("title"), Some("status")]);
        let row = rdr.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "Printer, jammed");
        let (_, m) = open_csv("title\tstatus\n".as_bytes()).unwrap();
        assert_eq!(m.columns, [Some("title"), Some("status")]);
        // A tie goes to the comma.
        let (_, m) = open_csv("title,x;y\n".as_bytes()).unwrap();
        assert_eq!(m.headers, ["title", "x;y"]);
    }

    #[test]
    fn a_header_without_a_title_is_refused_on_line_1() {
        let e = open_csv("a,b\n".as_bytes()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 1: no column holds the title"),
            "{e}"
        );
    }
}
