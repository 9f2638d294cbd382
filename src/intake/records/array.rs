//! A JSON array read one element at a time: the elements' bytes handed over as they
//! are read, so a file of a million tickets needs memory for one.

use super::at_line;
use anyhow::{Context as _, Result};
use std::io::BufRead;

/// Splits one JSON array into its elements without holding more than one of them.
pub struct ArrayElements<R> {
    r: R,
    line: u64,
    started: bool,
    done: bool,
}

impl<R: BufRead> ArrayElements<R> {
    /// The elements of the array `r` holds (after any byte-order mark and whitespace).
    pub fn new(r: R) -> Self {
        ArrayElements {
            r,
            line: 1,
            started: false,
            done: false,
        }
    }

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
    pub fn next(&mut self, buf: &mut Vec<u8>) -> Result<Option<u64>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each element's text and the line it starts on, or the error's message.
    fn elements(file: &str) -> Result<Vec<(u64, String)>, String> {
        let mut a = ArrayElements::new(file.as_bytes());
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(line) = a.next(&mut buf).map_err(|e| e.to_string())? {
            out.push((line, String::from_utf8_lossy(&buf).into_owned()));
        }
        Ok(out)
    }

    #[test]
    fn elements_come_whole_with_the_line_they_start_on() {
        let file = "\u{feff}[\n  {\"title\": \"a ] } [ {\", \"tags\": [\"x\"]},\n  {\"title\": \"b \\\" }\"}\n]\n";
        assert_eq!(
            elements(file).unwrap(),
            [
                (2, r#"{"title": "a ] } [ {", "tags": ["x"]}"#.to_string()),
                (3, r#"{"title": "b \" }"}"#.to_string()),
            ]
        );
        assert_eq!(elements(" [ ] ").unwrap(), []);
    }

    #[test]
    fn a_broken_array_names_its_line() {
        assert_eq!(
            elements("{}").unwrap_err(),
            "line 1: a .json file must be one JSON array of tickets and articles (use .jsonl for one object a line)"
        );
        assert_eq!(
            elements("[{},\n\n3]").unwrap_err(),
            "line 3: expected a JSON object"
        );
        assert_eq!(
            elements("[{}] x").unwrap_err(),
            "line 1: text after the end of the JSON array"
        );
        assert_eq!(
            elements("[{}\n").unwrap_err(),
            "line 2: the file ends inside the JSON array"
        );
        assert_eq!(
            elements("[\n{\"a\": 1").unwrap_err(),
            "line 2: the file ends inside this object"
        );
    }
}
