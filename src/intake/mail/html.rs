//! HTML bodies as readable text. The WHATWG tokenizer (html5gum) reads tags,
//! attributes, comments and character references as a browser does; desk's own
//! policy decides what the text looks like: block elements end lines, lists get
//! markers, blockquotes `> `, links `text (url)`, hidden elements are dropped.

use html5gum::{State, Token, Tokenizer};

/// Elements whose content is never shown as text.
const HIDDEN_ELEMENTS: &[&str] = &["script", "style", "title", "template", "xml"];

/// Elements that end a line.
const LINE_ELEMENTS: &[&str] = &[
    "div",
    "li",
    "tr",
    "dt",
    "dd",
    "address",
    "article",
    "aside",
    "center",
    "details",
    "fieldset",
    "figcaption",
    "footer",
    "form",
    "header",
    "legend",
    "main",
    "nav",
    "section",
    "summary",
    "caption",
    "tbody",
    "thead",
    "tfoot",
];

/// Elements set off by a blank line.
const PARAGRAPH_ELEMENTS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "figure",
];

/// Deeper quotes and lists are not indented further (keeps the output linear).
pub(super) const MAX_NESTING: usize = 8;

#[derive(Default)]
struct TextWriter {
    out: String,
    /// Nothing (not even a quote prefix) has been written on the current line.
    line_empty: bool,
    pending_space: bool,
    pre: usize,
    quote: usize,
    /// One entry per open list: `None` for `<ul>`, the next number for `<ol>`.
    lists: Vec<Option<u32>>,
    /// An open `<a href>`: the target and where its text starts in `out`.
    link: Option<(String, usize)>,
}

impl TextWriter {
    fn new() -> Self {
        Self {
            line_empty: true,
            ..Self::default()
        }
    }

    fn put_char(&mut self, c: char) {
        if self.line_empty {
            for _ in 0..self.quote.min(MAX_NESTING) {
                self.out.push_str("> ");
            }
            self.line_empty = false;
        }
        self.out.push(c);
    }

    fn put_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.put_char(c));
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 {
                match c {
                    '\n' => self.newline(),
                    '\r' => {}
                    _ => self.put_char(c),
                }
            } else if c.is_ascii_whitespace() {
                self.pending_space = true;
            } else if matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{34f}') {
                // invisible characters marketing mail is full of
            } else {
                if self.pending_space && !self.line_empty {
                    self.out.push(' ');
                }
                self.pending_space = false;
                self.put_char(c);
            }
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.line_empty = true;
        self.pending_space = false;
    }

    /// Ends the current line and makes sure `n` line breaks precede what follows.
    fn block(&mut self, n: usize) {
        self.pending_space = false;
        if self.out.is_empty() {
            return;
        }
        let mut have = if self.line_empty {
            self.out
                .chars()
                .rev()
                .take(n)
                .take_while(|&c| c == '\n')
                .count()
        } else {
            0
        };
        while have < n {
            self.newline();
            have += 1;
        }
    }

    fn open(&mut self, name: &str, href: Option<String>) {
        match name {
            "br" => self.newline(),
            "a" => {
                self.close_link();
                if let Some(href) = href {
                    self.link = Some((href, self.out.len()));
                }
            }
            "ul" | "ol" => {
                self.block(if self.lists.is_empty() { 2 } else { 1 });
                self.lists.push((name == "ol").then_some(1));
            }
            "li" => {
                self.block(1);
                let depth = self.lists.len().saturating_sub(1).min(MAX_NESTING);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => "- ".to_string(),
                };
                self.put_str(&"  ".repeat(depth));
                self.put_str(&marker);
            }
            "td" | "th" if !self.line_empty => self.pending_space = true,
            "blockquote" => {
                self.block(2);
                self.quote += 1;
            }
            "pre" => {
                self.block(2);
                self.pre += 1;
            }
            _ if PARAGRAPH_ELEMENTS.contains(&name) => self.block(2),
            _ if LINE_ELEMENTS.contains(&name) => self.block(1),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "a" => self.close_link(),
            "ul" | "ol" => {
                self.lists.pop();
                self.block(if self.lists.is_empty() { 2 } else { 1 });
            }
            "blockquote" => {
                self.block(2);
                self.quote = self.quote.saturating_sub(1);
            }
            "pre" => {
                self.block(2);
                self.pre = self.pre.saturating_sub(1);
            }
            _ if PARAGRAPH_ELEMENTS.contains(&name) => self.block(2),
            _ if LINE_ELEMENTS.contains(&name) => self.block(1),
            _ => {}
        }
    }

    /// Writes the target of a link after its text: `text (url)`, unless the text
    /// already says it.
    fn close_link(&mut self) {
        let Some((href, start)) = self.link.take() else {
            return;
        };
        let href = href.trim();
        let lower = href.to_ascii_lowercase();
        if href.is_empty()
            || href.starts_with('#')
            || lower.starts_with("javascript:")
            || lower.starts_with("cid:")
        {
            return;
        }
        let shown = self.out.get(start..).unwrap_or_default().trim().to_string();
        let bare = |s: &str| {
            let s = s.to_ascii_lowercase();
            let s = s.trim_end_matches('/');
            ["mailto:", "https://", "http://", "tel:"]
                .iter()
                .find_map(|scheme| s.strip_prefix(scheme))
                .unwrap_or(s)
                .trim_start_matches("www.")
                .to_string()
        };
        if shown.is_empty() {
            self.text(href);
        } else if bare(&shown) != bare(href) {
            let target = match lower.strip_prefix("mailto:") {
                Some(_) => href.get("mailto:".len()..).unwrap_or(href),
                None => href,
            };
            self.put_str(" (");
            self.put_str(target);
            self.put_char(')');
        }
    }

    fn finish(mut self) -> String {
        self.close_link();
        let text = self.out.replace('\u{a0}', " ");
        let mut out = String::with_capacity(text.len());
        let mut blank_run = 0;
        for line in text.split('\n') {
            let line = line.trim_end();
            if line.is_empty() {
                blank_run += 1;
                if blank_run > 1 || out.is_empty() {
                    continue;
                }
            } else {
                blank_run = 0;
            }
            out.push_str(line);
            out.push('\n');
        }
        out.trim_end().to_string()
    }
}

/// Converts an HTML body to readable text: block elements and `<br>` become line
/// breaks, lists get `-`/`1.` markers, blockquotes `> `, links `text (url)`;
/// character references are decoded; head, script and style content is dropped.
pub(super) fn html_to_text(html: &str) -> String {
    let mut w = TextWriter::new();
    write_html(&mut w, html, 0);
    w.finish()
}

/// How deep the text of unclosed scripts and styles is read again as markup.
const MAX_REREAD: usize = 8;

/// The tokenizer state the content of `name` is read in, as a browser reads it: a
/// script's or a style sheet's text is not markup (`if (a<b)` opens no tag).
fn content_state(name: &[u8]) -> Option<State> {
    match name {
        b"script" => Some(State::ScriptData),
        b"style" => Some(State::RawText),
        b"title" => Some(State::RcData),
        _ => None,
    }
}

fn write_html(w: &mut TextWriter, html: &str, depth: usize) {
    let lossy = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
    // Tokens first, so a hidden element can look ahead for its end tag.
    let mut tokenizer = Tokenizer::new(html);
    let mut tokens: Vec<Token> = Vec::new();
    while let Some(Ok(token)) = tokenizer.next() {
        if let Token::StartTag(tag) = &token
            && !tag.self_closing
            && let Some(state) = content_state(&tag.name)
        {
            tokenizer.set_state(state);
        }
        tokens.push(token);
    }
    // Hidden elements found never closed: their later start tags need no search,
    // so a flood of open tags stays linear.
    let mut unclosed: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        match token {
            Token::String(text) => w.text(&lossy(&text.value)),
            Token::EndTag(tag) => w.close(&lossy(&tag.name)),
            Token::StartTag(tag) => {
                let name = lossy(&tag.name);
                if HIDDEN_ELEMENTS.contains(&name.as_str()) && !tag.self_closing {
                    // Skip to the end of the element; if it is never closed, only
                    // the tag goes.
                    let end = if unclosed.contains(&tag.name.0) {
                        None
                    } else {
                        tokens
                            .iter()
                            .skip(i)
                            .position(|t| matches!(t, Token::EndTag(end) if end.name == tag.name))
                    };
                    match end {
                        Some(offset) => i += offset + 1,
                        None => unclosed.push(tag.name.0.clone()),
                    }
                    // An unclosed script or style took the rest as its text: that
                    // text is read as markup again, as if the tag were not there.
                    if end.is_none()
                        && content_state(&tag.name).is_some()
                        && let Some(Token::String(rest)) = tokens.get(i)
                    {
                        i += 1;
                        let rest = lossy(&rest.value);
                        if depth < MAX_REREAD {
                            write_html(w, &rest, depth + 1);
                        } else {
                            w.text(&rest);
                        }
                    }
                } else {
                    let href = (name == "a")
                        .then(|| tag.attributes.get(b"href".as_slice()))
                        .flatten()
                        .map(|v| lossy(&v.value));
                    w.open(&name, href);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
}
