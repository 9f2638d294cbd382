//! Full-text search, the same on every engine: the words of a text ([`tokens`]), what
//! a query matches ([`TextQuery::matches`]), how hits are ranked ([`rank`], FTS5's
//! bm25 reproduced) and the passage shown with each hit ([`snippet`], FTS5's snippet
//! reproduced). An engine only indexes the tokens this module makes and answers which
//! rows hold a query's words, each with its [`bm25`] score ([`Scored`]): worked out
//! from counts it keeps, so that ranking never reads the rows' text; the boost, the
//! order and the limit are [`rank`]'s.
//!
//! # Words
//!
//! A word is a run of letters and digits (Unicode `Alphabetic` or `Numeric`); combining
//! marks inside a word belong to it. Everything else separates words: `PC-0423` is `pc`
//! and `0423`, `anna.kask@firma.ee` is `anna`, `kask`, `firma`, `ee`, `don't` is `don`
//! and `t`. Each word is folded:
//!
//! - to lower case, in every alphabet (`ПРИНТЕР` → `принтер`);
//! - Latin letters lose their diacritics (`ä`, `ö`, `õ`, `ü`, `š`, `ž`, `ą`, `ę`, `ó`,
//!   `ś`, `ż`...: `sähköposti` → `sahkoposti`, `ühendus` → `uhendus`), and the Latin
//!   letters with a stroke or ligature become their plain spelling (`ł` → `l`, `ø` →
//!   `o`, `ß` → `ss`, `æ` → `ae`): a Finn, an Estonian or a Pole typing on a US keyboard
//!   finds the text written with them;
//! - Cyrillic `ё` is `е` (Russian writes it as `е` most of the time), but `й` stays `й`:
//!   it is a letter of its own, not `и` with a mark, and a Russian keyboard has it.
//!   Other scripts keep their marks;
//! - a word written with combining marks (`a` + U+0308) is the same as the composed one.
//!
//! This is what SQLite's `unicode61 remove_diacritics 2` tokenizer over
//! `text::fold`ed text found before desk tokenized itself, so existing searches find
//! what they found.
//!
//! # Matching
//!
//! A query is words in the same form. A query word matches a word of the text it
//! begins (`tulost` matches `tulostin`), or, without `prefix`, only the same word. All
//! of the query's words must occur in a row ([`Join::All`]) or any one ([`Join::Any`]).
//! A query with no words matches nothing.

use crate::domain::text::cmp_ignoring_case;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Whether every word must occur, or any one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    All,
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    /// Words as [`tokens`] makes them: folded, lower case, letters and digits only.
    pub terms: Vec<String>,
    pub join: Join,
    /// Each word also matches the words it begins.
    pub prefix: bool,
}

impl TextQuery {
    /// The words of what a user typed, each as a prefix.
    pub fn words(q: &str, join: Join) -> TextQuery {
        TextQuery {
            terms: tokens(q),
            join,
            prefix: true,
        }
    }

    /// Prepared words (from `article::suggest_terms`), any of them, each as a prefix.
    pub fn any_of(terms: &[String]) -> TextQuery {
        TextQuery {
            terms: terms.to_vec(),
            join: Join::Any,
            prefix: true,
        }
    }

    /// The same words joined the other way.
    pub fn with_join(&self, join: Join) -> TextQuery {
        TextQuery {
            join,
            ..self.clone()
        }
    }

    /// One query per word (all of them must match, each anywhere).
    pub fn each_term(&self) -> impl Iterator<Item = TextQuery> + '_ {
        self.terms.iter().map(move |t| TextQuery {
            terms: vec![t.clone()],
            join: self.join,
            prefix: self.prefix,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether query word `term` matches the text's word `token`.
    pub fn term_matches(&self, term: &str, token: &str) -> bool {
        if self.prefix {
            token.starts_with(term)
        } else {
            token == term
        }
    }

    /// Whether a row whose words (over all its fields) are `words` matches.
    pub fn matches<S: AsRef<str>>(&self, words: &[S]) -> bool {
        let has = |t: &String| words.iter().any(|w| self.term_matches(t, w.as_ref()));
        match self.join {
            _ if self.terms.is_empty() => false,
            Join::All => self.terms.iter().all(has),
            Join::Any => self.terms.iter().any(has),
        }
    }

    /// The query as a PostgreSQL `tsquery` literal, to cast with `::tsquery` (never
    /// through `to_tsquery`, whose parser would split and stem the words again):
    /// `'pc':* & '0423':*`, `|` for any. Words are letters and digits, so quoting
    /// them needs no escapes. None when the query has no words.
    pub fn ts_query(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let star = if self.prefix { ":*" } else { "" };
        let op = match self.join {
            Join::All => " & ",
            Join::Any => " | ",
        };
        Some(
            self.terms
                .iter()
                .map(|t| format!("'{}'{star}", lexeme(t).replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(op),
        )
    }
}

/// The longest word PostgreSQL's `tsvector` and `tsquery` hold, in bytes: a longer one
/// is refused by their input ("word is too long") and silently garbled by
/// `array_to_tsvector`.
pub const LEXEME_MAX: usize = 2046;

/// A word as a PostgreSQL search index holds it and a query looks it up: its first
/// [`LEXEME_MAX`] bytes, cut at a character boundary. A longer word (a pasted key, a
/// run of base64 in a mail) is found by its beginning, as a prefix finds it anyway;
/// two such words that differ only beyond that are one word to the index. Counting
/// and snippets use the whole word.
pub fn lexeme(word: &str) -> &str {
    &word[..word.floor_char_boundary(LEXEME_MAX)]
}

// --- words ----------------------------------------------------------------------------

/// A word of a text: its folded form, and where it stands in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
}

/// The words of a text, folded, in order (see the module's notes).
pub fn tokens(text: &str) -> Vec<String> {
    token_spans(text).into_iter().map(|t| t.word).collect()
}

/// The words of a text with where each stands in it.
pub fn token_spans(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_span(text, |start, end| {
        out.push(Token {
            word: fold_word(&text[start..end]),
            start,
            end,
        })
    });
    out
}

/// How many words a text has (`tokens(text).len()`, without folding them).
pub fn token_count(text: &str) -> usize {
    let mut n = 0;
    for_each_span(text, |_, _| n += 1);
    n
}

/// What an index holds for a text: its words joined by single spaces. An engine that
/// splits on spaces only (FTS5's `ascii` tokenizer: every byte outside ASCII belongs
/// to a word) sees exactly [`tokens`].
pub fn index_text(text: &str) -> String {
    indexed(text).into_owned()
}

/// [`index_text`], without a copy when the text already is its words joined by spaces.
pub fn indexed(text: &str) -> Cow<'_, str> {
    let plain = !text.is_empty()
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .bytes()
            .all(|b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit());
    if plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for_each_span(text, |start, end| {
        if !out.is_empty() {
            out.push(' ');
        }
        push_folded(&text[start..end], &mut out);
    });
    Cow::Owned(out)
}

/// Calls `f` with the byte range of each word.
fn for_each_span(text: &str, mut f: impl FnMut(usize, usize)) {
    let mut start: Option<usize> = None;
    let table = fold_table();
    for (i, c) in text.char_indices() {
        let word = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            let (word, mark) = word_or_mark(table, c);
            word || (start.is_some() && mark)
        };
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        f(s, text.len());
    }
}

fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_folded(word, &mut out);
    out
}

fn push_folded(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    // Most letters are in the table: their folded form looked up, not worked out; a
    // word with a combining mark is composed first, the long way.
    let table = fold_table();
    let from = out.len();
    for c in word.chars() {
        match table.get(c as usize) {
            Some(f) if f.mark => {
                out.truncate(from);
                push_folded_slow(word, out);
                return;
            }
            Some(f) => out.push_str(&f.folded),
            None if is_combining_mark(c) => {
                out.truncate(from);
                push_folded_slow(word, out);
                return;
            }
            None => c.to_lowercase().for_each(|l| fold_char(l, out)),
        }
    }
}

/// [`push_folded`] worked out a character at a time (what the table is made of).
fn push_folded_slow(word: &str, out: &mut String) {
    let composed: Cow<str> = if word.chars().any(is_combining_mark) {
        Cow::Owned(word.nfc().collect())
    } else {
        Cow::Borrowed(word)
    };
    for c in composed.chars().flat_map(char::to_lowercase) {
        fold_char(c, out);
    }
}

/// What [`push_folded`] and [`count_hits`] need to know of a character.
struct Folding {
    /// Its folded form, alone in a word without combining marks.
    folded: Box<str>,
    /// `char::is_alphanumeric`.
    word: bool,
    /// `is_combining_mark`.
    mark: bool,
}

/// The characters below U+0500 (Latin, Greek, Cyrillic), each folded as
/// [`push_folded_slow`] folds it, indexed by code point.
fn fold_table() -> &'static [Folding] {
    static TABLE: std::sync::OnceLock<Vec<Folding>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0u32..0x500)
            .map(|n| {
                let c = char::from_u32(n).unwrap_or('\0');
                let mut folded = String::new();
                push_folded_slow(c.encode_utf8(&mut [0; 4]), &mut folded);
                Folding {
                    folded: folded.into_boxed_str(),
                    word: c.is_alphanumeric(),
                    mark: is_combining_mark(c),
                }
            })
            .collect()
    })
}

/// Whether `c` is a letter or digit (`char::is_alphanumeric`), and whether it is a
/// combining mark: from the table for Latin, Greek and Cyrillic (Unicode's own lookup
/// was a twentieth of a PostgreSQL import's work), from Unicode for the rest.
fn word_or_mark(table: &[Folding], c: char) -> (bool, bool) {
    match table.get(c as usize) {
        Some(f) => (f.word, f.mark),
        None => (c.is_alphanumeric(), is_combining_mark(c)),
    }
}

/// One lower-case character in its folded form.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    let plain = match c {
        'ё' => "е",
        'ł' => "l",
        'đ' => "d",
        'ø' => "o",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        'þ' => "th",
        'ŀ' => "l",
        // Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional.
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => {
            let mut parts = std::iter::once(c).nfd();
            match parts.next() {
                Some(base) if parts.all(is_combining_mark) => out.push(base),
                _ => out.push(c),
            }
            return;
        }
        // A mark no letter took in (none is precomposed with it): a diacritic, dropped.
        c if is_combining_mark(c) && !c.is_alphanumeric() => return,
        c => {
            out.push(c);
            return;
        }
    };
    out.push_str(plain);
}

// --- ranking --------------------------------------------------------------------------

/// How much more a word in the title counts than one in the body.
pub const TITLE_WEIGHT: f64 = 10.0;
/// bm25's term-frequency saturation and length normalisation (FTS5's values).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// What the ranking needs to know about the whole indexed table, for a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusStats {
    /// Every row of the table (articles), matching or not.
    pub rows: u64,
    /// The words of every row: `token_count(title) + token_count(body)`, summed.
    pub tokens: u64,
    /// Per query word, in the query's order (a repeated word counted again): how many
    /// rows match that word alone, anywhere in the row.
    pub matching: Vec<u64>,
}

/// A row a query matched, as an engine answers it: its [`bm25`] score over the engine's
/// whole table (not boosted, not rounded) and its category, for the boost.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub id: i64,
    pub category: Option<String>,
    pub score: f64,
}

/// A ranked row: its id and score (higher is better, not rounded).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: i64,
    pub score: f64,
}

/// The bm25 score of a row (higher is better), as SQLite's FTS5 `bm25(t, 10.0, 1.0)`
/// computes it, negated: per query word, its hits in the title count
/// [`TITLE_WEIGHT`] each and in the body 1; the row's length is all its words;
/// idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6.
pub fn bm25(q: &TextQuery, stats: &CorpusStats, title: &[String], body: &[String]) -> f64 {
    let count = |words: &[String]| -> Vec<u32> {
        q.terms
            .iter()
            .map(|t| words.iter().filter(|w| q.term_matches(t, w)).count() as u32)
            .collect()
    };
    let len = (title.len() + body.len()) as u64;
    bm25_of_counts(q, stats, &count(title), &count(body), len)
}

/// [`bm25`] from a row's hits per query word in its title and body (in the query's
/// order, as [`count_hits`] counts them) and its length (all its words).
pub fn bm25_of_counts(
    q: &TextQuery,
    stats: &CorpusStats,
    title_hits: &[u32],
    body_hits: &[u32],
    len: u64,
) -> f64 {
    if stats.rows == 0 {
        return 0.0;
    }
    let avgdl = stats.tokens as f64 / stats.rows as f64;
    let d = len as f64;
    let mut score = 0.0;
    for i in 0..q.terms.len() {
        let f = TITLE_WEIGHT * f64::from(title_hits[i]) + f64::from(body_hits[i]);
        let n = stats.matching.get(i).copied().unwrap_or(0) as f64;
        let mut idf = ((stats.rows as f64 - n + 0.5) / (n + 0.5)).ln();
        if idf <= 0.0 {
            idf = 1e-6;
        }
        score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * d / avgdl)));
    }
    score
}

/// Counts, per query word, the words of `text` it matches (added into `hits`, one per
/// query word), and returns how many words the text has: [`tokens`] without a string
/// per word, for an engine that counts a text's hits when it has no counts kept.
/// `word` is room to fold a word in, kept between calls. The words are found as
/// [`for_each_span`] finds them, a byte at a time while the text is ASCII; a word of
/// ASCII letters and digits is compared with the query's words as it stands,
/// lower-cased a byte at a time (its folded form), and only a word with other letters
/// is folded into `word` first.
pub fn count_hits(q: &TextQuery, text: &str, hits: &mut [u32], word: &mut String) -> u64 {
    let bytes = text.as_bytes();
    let table = fold_table();
    let mut n = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        // Between words: a mark no letter took in separates, as any other non-word.
        let b = bytes[i];
        if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let Some(c) = char_at(text, i) else {
                break;
            };
            if !word_or_mark(table, c).0 {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        // A word with other letters is folded into `word` as it is read; one with a
        // combining mark is folded again the long way at its end.
        let mut ascii = true;
        let mut marked = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                if !ascii {
                    word.push(b.to_ascii_lowercase() as char);
                }
                i += 1;
            } else {
                let Some(c) = char_at(text, i) else {
                    break;
                };
                let f = table.get(c as usize);
                let is_word = match f {
                    Some(f) => f.word || f.mark,
                    None => c.is_alphanumeric() || is_combining_mark(c),
                };
                if !is_word {
                    break;
                }
                if ascii {
                    ascii = false;
                    word.clear();
                    word.extend(
                        bytes[start..i]
                            .iter()
                            .map(|b| b.to_ascii_lowercase() as char),
                    );
                }
                match f {
                    Some(f) if f.mark => marked = true,
                    Some(f) => word.push_str(&f.folded),
                    None if is_combining_mark(c) => marked = true,
                    None => c.to_lowercase().for_each(|l| fold_char(l, word)),
                }
                i += c.len_utf8();
            }
        }
        if marked {
            word.clear();
            push_folded_slow(&text[start..i], word);
        }
        n += 1;
        if ascii {
            let w = &bytes[start..i];
            for (h, t) in hits.iter_mut().zip(&q.terms) {
                if ascii_word_matches(t.as_bytes(), w, q.prefix) {
                    *h += 1;
                }
            }
        } else {
            for (h, t) in hits.iter_mut().zip(&q.terms) {
                if q.term_matches(t, word) {
                    *h += 1;
                }
            }
        }
    }
    n
}

/// The character at byte `i` of `text` (a character's first byte), two-byte ones
/// (Latin, Greek, Cyrillic) read directly.
fn char_at(text: &str, i: usize) -> Option<char> {
    let bytes = text.as_bytes();
    match bytes.get(i..i + 2) {
        Some(&[b0, b1]) if (0xc0..0xe0).contains(&b0) => {
            char::from_u32((u32::from(b0 & 0x1f) << 6) | u32::from(b1 & 0x3f))
        }
        _ => text.get(i..)?.chars().next(),
    }
}

/// [`TextQuery::term_matches`] for a word of ASCII letters and digits not yet folded:
/// its folded form is its bytes lower-cased, of the same length.
fn ascii_word_matches(term: &[u8], word: &[u8], prefix: bool) -> bool {
    let fits = if prefix {
        term.len() <= word.len()
    } else {
        term.len() == word.len()
    };
    fits && term
        .iter()
        .zip(word)
        .all(|(t, w)| *t == w.to_ascii_lowercase())
}

/// The rows best first, at most `limit`: by score, multiplied by the boost's factor
/// for rows in its category (compared ignoring case), ties by id.
pub fn rank(scored: Vec<Scored>, boost: Option<(&str, f64)>, limit: u64) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = scored
        .into_iter()
        .map(|d| {
            let mut score = d.score;
            if let (Some((category, factor)), Some(c)) = (boost, &d.category)
                && cmp_ignoring_case(c, category).is_eq()
            {
                score *= factor;
            }
            Ranked { id: d.id, score }
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    ranked.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    ranked
}

/// A score as printed: four decimals, so output is stable.
pub fn shown_score(score: f64) -> f64 {
    (score * 10_000.0).round() / 10_000.0
}

// --- snippets -------------------------------------------------------------------------

/// How many words a snippet holds.
pub const SNIPPET_WORDS: usize = 12;
/// What stands for the text left out before or after a snippet.
pub const ELLIPSIS: &str = "…";

/// The passage of `text` to show with a hit: [`SNIPPET_WORDS`] words around the
/// matches, each matched word between `open` and `close`, [`ELLIPSIS`] where text is
/// cut. FTS5's `snippet()` reproduced: every window starting at a match (centred on
/// the matches it holds) or at the start of its sentence is scored (1000 per
/// distinct query word in it, 1 per repeat, +120 for the text's first sentence and
/// +100 for another), and the best, first, wins. A text without matches gives its
/// first words.
pub fn snippet(q: &TextQuery, text: &str, open: &str, close: &str) -> String {
    let words = token_spans(text);
    let n = SNIPPET_WORDS as i64;
    let size = words.len() as i64;
    // Matches: (position, query word), by position then word.
    let mut inst: Vec<(i64, usize)> = Vec::new();
    for (pos, w) in words.iter().enumerate() {
        for (i, term) in q.terms.iter().enumerate() {
            if q.term_matches(term, &w.word) {
                inst.push((pos as i64, i));
            }
        }
    }
    let score_at = |from: i64| -> (i64, i64) {
        let mut seen = vec![false; q.terms.len()];
        let (mut score, mut first, mut last) = (0i64, -1i64, 0i64);
        for &(pos, i) in &inst {
            if pos >= from && pos < from + n {
                score += if seen[i] { 1 } else { 1000 };
                seen[i] = true;
                if first < 0 {
                    first = pos;
                }
                last = pos + 1;
            }
        }
        // C's division truncates toward zero, as Rust's does.
        let mut adj = first - (n - (last - first)) / 2;
        if adj + n > size {
            adj = size - n;
        }
        (score, adj.max(0))
    };
    let firsts = sentence_starts(text, &words);
    let (mut best, mut start) = (0i64, 0i64);
    for &(pos, _) in &inst {
        let (score, adj) = score_at(pos);
        if score > best {
            best = score;
            start = adj;
        }
        if !firsts.is_empty() && size > n {
            let mut jj = 0;
            while jj + 1 < firsts.len() && firsts[jj + 1] <= pos {
                jj += 1;
            }
            let sentence = firsts[jj];
            if sentence < pos {
                let (score, _) = score_at(sentence);
                let score = score + if sentence == 0 { 120 } else { 100 };
                if score > best {
                    best = score;
                    start = sentence;
                }
            }
        }
    }
    highlight(text, &words, &inst, start, n, open, close)
}

/// The positions of the words that begin a sentence: the first, and each one after
/// whitespace that follows a `.` or `:`.
fn sentence_starts(text: &str, words: &[Token]) -> Vec<i64> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (pos, w) in words.iter().enumerate() {
        if pos == 0 {
            out.push(0);
            continue;
        }
        let before = &bytes[..w.start];
        let trimmed = before
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        let skipped = trimmed.map_or(before.len(), |i| before.len() - 1 - i);
        if skipped > 0 && matches!(trimmed.map(|i| before[i]), Some(b'.' | b':')) {
            out.push(pos as i64);
        }
    }
    out
}

/// The words `start..start + n` of `text` with what lies between them, the matched
/// ones marked.
fn highlight(
    text: &str,
    words: &[Token],
    inst: &[(i64, usize)],
    start: i64,
    n: i64,
    open: &str,
    close: &str,
) -> String {
    let end = start + n - 1;
    let mut out = String::new();
    if start > 0 {
        out.push_str(ELLIPSIS);
    }
    // Matched positions, each once, from the window on.
    let mut matched: Vec<i64> = inst.iter().map(|&(p, _)| p).collect();
    matched.dedup();
    let mut next = matched.into_iter().filter(|&p| p >= start).peekable();
    let mut off = 0usize;
    let mut is_open = false;
    for (pos, w) in words.iter().enumerate() {
        let pos = pos as i64;
        if pos < start || pos > end {
            continue;
        }
        if start > 0 && pos == start {
            off = w.start;
        }
        let at = next.peek().copied();
        if is_open && at.is_none_or(|m| pos <= m) && w.start > off {
            out.push_str(close);
            is_open = false;
        }
        if at == Some(pos) {
            if !is_open {
                out.push_str(&text[off..w.start]);
                out.push_str(open);
                off = w.start;
                is_open = true;
            }
            out.push_str(&text[off..w.end]);
            off = w.end;
            next.next();
        }
        if pos == end {
            if is_open {
                out.push_str(close);
                is_open = false;
            }
            out.push_str(&text[off..w.end]);
            off = w.end;
        }
    }
    if is_open {
        out.push_str(close);
    }
    if end >= words.len() as i64 - 1 {
        out.push_str(&text[off..]);
    } else {
        out.push_str(ELLIPSIS);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letters_and_digits_only() {
        let q = TextQuery::words("AND ( -x \"Sähkö-posti*", Join::All);
        assert_eq!(q.terms, ["and", "x", "sahko", "posti"]);
        assert!(TextQuery::words("\" * -", Join::Any).is_empty());
        let parts: Vec<TextQuery> = q.each_term().collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1].terms, ["x"]);
    }

    #[test]
    fn a_lexeme_is_a_words_first_2046_bytes_cut_between_letters() {
        assert_eq!(lexeme("posti"), "posti");
        let at_limit = "a".repeat(LEXEME_MAX);
        assert_eq!(lexeme(&at_limit), at_limit);
        assert_eq!(lexeme(&format!("{at_limit}b")), at_limit);
        // "x" then two-byte letters: byte 2,046 is inside one, so 2,045 are kept.
        let long = format!("x{}", "ж".repeat(1500));
        assert_eq!(lexeme(&long).len(), 2045);
        assert!(long.starts_with(lexeme(&long)));
        let q = TextQuery::words(&format!("{long} posti"), Join::All);
        let want = format!("'{}':* & 'posti':*", lexeme(&long));
        assert_eq!(q.ts_query().as_deref(), Some(want.as_str()));
    }

    #[test]
    fn ids_and_addresses_are_their_parts() {
        assert_eq!(tokens("PC-0423"), ["pc", "0423"]);
        assert_eq!(
            tokens("Mail anna.kask@firma.ee, <IT-tuki@Firma.fi>"),
            [
                "mail", "anna", "kask", "firma", "ee", "it", "tuki", "firma", "fi"
            ]
        );
        let q = TextQuery::words("PC-0423", Join::All);
        assert_eq!(q.terms, ["pc", "0423"]);
        assert!(q.matches(&tokens("Kone PC-0423 ei käynnisty")));
        assert!(q.matches(&tokens("pc 04231")), "each word a prefix");
        assert!(!q.matches(&tokens("PC-0424")));
        let q = TextQuery::words("anna.kask@firma", Join::All);
        assert!(q.matches(&tokens("soitti: anna.kask@firma.ee")));
        assert!(!q.matches(&tokens("anna.tamm@firma.ee")));
    }

    #[test]
    fn finnish_estonian_and_polish_letters_lose_their_marks() {
        assert_eq!(
            tokens("Sähköposti ÄÄNI Öljy"),
            ["sahkoposti", "aani", "oljy"]
        );
        assert_eq!(tokens("Võrguühendus töötab"), ["vorguuhendus", "tootab"]);
        assert_eq!(tokens("Šokk Žürii"), ["sokk", "zurii"]);
        assert_eq!(
            tokens("Zgłoszenie ŁÓDŹ zażółć gęślą jaźń"),
            ["zgloszenie", "lodz", "zazolc", "gesla", "jazn"]
        );
        assert_eq!(tokens("Straße Søren Æble"), ["strasse", "soren", "aeble"]);
        // Typed without the marks, or with them: the same words.
        let q = TextQuery::words("sahkoposti uhendus", Join::Any);
        assert!(q.matches(&tokens("Sähköposti")) && q.matches(&tokens("Ühendus")));
        assert!(TextQuery::words("Outlöök", Join::All).matches(&tokens("Outlook")));
    }

    #[test]
    fn russian_yo_is_ye_and_short_i_stays() {
        assert_eq!(tokens("Учётной записи"), ["учетной", "записи"]);
        assert_eq!(tokens("ЁЛКА ЙОГУРТ"), ["елка", "йогурт"]);
        assert!(TextQuery::words("учетн", Join::All).matches(&tokens("Учётной")));
        // й is a letter of its own: и does not find it, nor it и.
        assert!(!TextQuery::words("мои", Join::All).matches(&tokens("мой")));
        assert!(!TextQuery::words("мой", Join::All).matches(&tokens("мои")));
    }

    #[test]
    fn combining_marks_belong_to_their_word() {
        // a + U+0308 is ä; й written as и + U+0306 is й.
        assert_eq!(tokens("Sa\u{308}hko\u{308}posti"), ["sahkoposti"]);
        assert_eq!(tokens("мои\u{306}"), ["мой"]);
        assert_eq!(tokens("x \u{301} y"), ["x", "y"], "a mark alone is no word");
        // Spans are in the text as written.
        let t = token_spans("  Hyvä, PC-1!");
        assert_eq!(
            t.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(),
            [(2, 7), (9, 11), (12, 13)]
        );
    }

    #[test]
    fn the_index_text_is_the_words_joined_by_spaces() {
        assert_eq!(index_text("Kone PC-0423: ei!"), "kone pc 0423 ei");
        assert_eq!(index_text("  "), "");
        assert!(matches!(indexed("kone pc 0423"), Cow::Borrowed(_)));
        assert!(matches!(indexed("kone  pc"), Cow::Owned(_)));
        assert_eq!(token_count("Kone PC-0423: ei! Ёлка"), 5);
        for text in [
            "Sähkö-posti",
            "a.b@c.d e",
            "Учётной Й",
            "x\u{301}y",
            "한국 東京",
        ] {
            assert_eq!(token_count(text), tokens(text).len(), "{text}");
            assert_eq!(index_text(text), tokens(text).join(" "), "{text}");
            // Every byte of a word is a letter or digit or outside ASCII: FTS5's
            // `ascii` tokenizer splits the index text at the spaces only.
            assert!(tokens(text).iter().all(|w| {
                w.bytes()
                    .all(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
            }));
        }
    }

    #[test]
    fn matching_needs_every_word_or_any_and_prefixes_only_when_asked() {
        let words = tokens("Tulostin ei tulosta, paperi jumissa");
        assert!(TextQuery::words("tulost paperi", Join::All).matches(&words));
        assert!(!TextQuery::words("tulost näyttö", Join::All).matches(&words));
        assert!(TextQuery::words("tulost näyttö", Join::Any).matches(&words));
        assert!(
            !TextQuery::words("ulost", Join::Any).matches(&words),
            "not inside a word"
        );
        let exact = TextQuery {
            prefix: false,
            ..TextQuery::words("tulost", Join::All)
        };
        assert!(!exact.matches(&words));
        assert!(!TextQuery::words("", Join::Any).matches(&words));
    }

    #[test]
    fn queries_render_as_postgresql_tsqueries() {
        let q = TextQuery::words("PC-0423", Join::All);
        assert_eq!(q.ts_query().unwrap(), "'pc':* & '0423':*");
        let q = TextQuery::words("Sähkö ёлка", Join::Any);
        assert_eq!(q.ts_query().unwrap(), "'sahko':* | 'елка':*");
        let exact = TextQuery {
            prefix: false,
            ..TextQuery::words("vpn", Join::All)
        };
        assert_eq!(exact.ts_query().unwrap(), "'vpn'");
        assert_eq!(TextQuery::words("\"*' -", Join::All).ts_query(), None);
        // Nothing a user types reaches tsquery syntax.
        let q = TextQuery::words("a'b & !c | (d:*)", Join::All);
        assert_eq!(q.ts_query().unwrap(), "'a':* & 'b':* & 'c':* & 'd':*");
    }

    /// A row of a table to search: id, title, body, category.
    type Doc<'a> = (i64, &'a str, &'a str, Option<&'a str>);

    fn stats_for(q: &TextQuery, docs: &[Doc]) -> CorpusStats {
        let words: Vec<Vec<String>> = docs
            .iter()
            .map(|d| {
                let mut w = tokens(d.1);
                w.extend(tokens(d.2));
                w
            })
            .collect();
        CorpusStats {
            rows: docs.len() as u64,
            tokens: words.iter().map(|w| w.len() as u64).sum(),
            matching: q
                .each_term()
                .map(|t| words.iter().filter(|w| t.matches(w)).count() as u64)
                .collect(),
        }
    }

    /// What an engine answers for `docs`: each scored by [`bm25`] over `stats`.
    fn scored(q: &TextQuery, stats: &CorpusStats, docs: &[Doc]) -> Vec<Scored> {
        docs.iter()
            .map(|&(id, title, body, category)| Scored {
                id,
                category: category.map(str::to_string),
                score: bm25(q, stats, &tokens(title), &tokens(body)),
            })
            .collect()
    }

    #[test]
    fn titles_weigh_more_boosts_multiply_and_ties_go_by_id() {
        let docs: [Doc; 5] = [
            (
                1,
                "Sähköposti ei toimi",
                "Outlook outlook outlook outlook",
                None,
            ),
            (2, "Outlook kaatuu", "Käynnistä uudelleen", None),
            (3, "Tulostin", "Paperi jumissa", Some("Printer")),
            (4, "Näyttö", "Kaapeli irti", None),
            (5, "VPN", "Yhteys katkeaa", None),
        ];
        let q = TextQuery::words("outlook", Join::All);
        let st = stats_for(&q, &docs);
        let r = rank(scored(&q, &st, &docs[..2]), None, 10);
        assert_eq!(r.iter().map(|r| r.id).collect::<Vec<_>>(), [2, 1]);
        assert!(r[0].score > r[1].score && r[1].score > 0.0);
        // The same score for the same words: the lower id first.
        let twins: [Doc; 2] = [(7, "Tulostin", "x", None), (6, "Tulostin", "x", None)];
        let q = TextQuery::words("tulostin", Join::All);
        let r = rank(scored(&q, &stats_for(&q, &twins), &twins), None, 10);
        assert_eq!(r.iter().map(|r| r.id).collect::<Vec<_>>(), [6, 7]);
        assert_eq!(r[0].score, r[1].score);
        // A boost lifts its category (named in any case) over an equal hit.
        let pair: [Doc; 2] = [
            (1, "Paperi", "x", None),
            (2, "Paperi", "x", Some("Printer")),
        ];
        let q = TextQuery::words("paperi", Join::Any);
        let st = CorpusStats {
            rows: 10,
            tokens: 20,
            matching: vec![2],
        };
        let r = rank(scored(&q, &st, &pair), Some(("printer", 1.5)), 10);
        assert_eq!(r.iter().map(|r| r.id).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(r[0].score, r[1].score * 1.5);
        assert_eq!(rank(scored(&q, &st, &pair), None, 1).len(), 1);
        assert!(rank(scored(&q, &st, &pair), None, 0).is_empty());
    }

    #[test]
    fn bm25_is_fts5s_formula() {
        // One word, in the title once and the body twice; 4 rows of 20 words, 1 matching.
        let q = TextQuery::words("vpn", Join::All);
        let st = CorpusStats {
            rows: 4,
            tokens: 20,
            matching: vec![1],
        };
        let title = tokens("VPN ei toimi");
        let body = tokens("vpn yhteys vpn");
        let f = 10.0 + 2.0;
        let idf = ((4.0 - 1.0 + 0.5) / (1.0 + 0.5f64)).ln();
        let want = idf * ((f * (1.2 + 1.0)) / (f + 1.2 * (1.0 - 0.75 + 0.75 * 6.0 / 5.0)));
        assert_eq!(bm25(&q, &st, &title, &body), want);
        // A word in more than half the rows: idf is floored, not negative.
        let st = CorpusStats {
            matching: vec![3],
            ..st
        };
        assert!(bm25(&q, &st, &title, &body) > 0.0);
        assert_eq!(shown_score(bm25(&q, &st, &title, &body)), 0.0);
        assert_eq!(shown_score(1.234_56), 1.2346);
    }

    /// [`tokens`], each word folded the long way, without the table.
    fn tokens_slow(text: &str) -> Vec<String> {
        let mut words = Vec::new();
        for_each_span(text, |start, end| {
            let mut w = String::new();
            push_folded_slow(&text[start..end], &mut w);
            words.push(w);
        });
        words
    }

    /// What [`count_hits`] must count: the words as [`tokens`] made them before the table, each
    /// compared with [`TextQuery::term_matches`] (the slow path, a string per word).
    fn count_hits_slow(q: &TextQuery, text: &str, hits: &mut [u32]) -> u64 {
        let words = tokens_slow(text);
        for (h, t) in hits.iter_mut().zip(&q.terms) {
            *h += words.iter().filter(|w| q.term_matches(t, w)).count() as u32;
        }
        words.len() as u64
    }

    #[test]
    fn counting_hits_byte_by_byte_counts_what_the_words_count() {
        let mut texts: Vec<String> = include_str!("../../tests/fixtures/search_corpus.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        texts.extend(
            [
                "Kone PC-0423 ei käynnisty. anna.kask@firma.ee, PC-0424 toimii.",
                "Zgłoszenie: drukarka nie działa. Łódź, ĘĄŚ. Ёлка и йогурт: УЧЁТНОЙ записи.",
                "\u{308}alku a\u{308}iti KA\u{308}YTTA\u{308}JA abcä äbc ab\u{301}c straße ÆBLE œuvre",
                "İstanbul ǅemal ﬁle ½ ² ٣ 東京タワー 🙂x🙂 x\u{200d}y e\u{301}\u{301}  -- ",
                "",
                "a",
                "Ä",
            ]
            .map(str::to_string),
        );
        // Every character the table holds and some past it, alone and inside words.
        for c in (0u32..0x600).filter_map(char::from_u32) {
            let t = format!("{c} x{c}y Ä{c}\u{308} {c}{c}");
            assert_eq!(tokens(&t), tokens_slow(&t), "{t:?}");
        }
        // Query words: every word of the texts, whole and cut short, and a few that are
        // not folded (a caller's mistake the slow path also answers).
        let mut terms: Vec<String> = Vec::new();
        for t in &texts {
            for w in tokens(t) {
                let cut: String = w.chars().take(3).collect();
                terms.push(cut);
                terms.push(w);
            }
        }
        terms.extend(["PC", "Käy", "ÄITI", "x", "0423", "é"].map(str::to_string));
        terms.sort();
        terms.dedup();
        let mut word = String::new();
        for chunk in terms.chunks(32) {
            for prefix in [true, false] {
                let q = TextQuery {
                    terms: chunk.to_vec(),
                    join: Join::Any,
                    prefix,
                };
                for text in &texts {
                    let mut fast = vec![0u32; chunk.len()];
                    let mut slow = vec![0u32; chunk.len()];
                    let n_fast = count_hits(&q, text, &mut fast, &mut word);
                    let n_slow = count_hits_slow(&q, text, &mut slow);
                    assert_eq!((n_fast, &fast), (n_slow, &slow), "{q:?} in {text:?}");
                    assert_eq!(n_fast, token_count(text) as u64);
                }
            }
        }
        // The words themselves do not depend on the query: once per text.
        for text in &texts {
            assert_eq!(tokens(text), tokens_slow(text), "{text:?}");
        }
    }

    #[test]
    fn snippets_mark_the_words_and_cut_with_an_ellipsis() {
        let q = TextQuery::words("zgloszenie", Join::All);
        assert_eq!(
            snippet(&q, "Każde zgłoszenie rejestrujemy.", "[", "]"),
            "Każde [zgłoszenie] rejestrujemy."
        );
        // No match in the text: its first words.
        let q = TextQuery::words("sahkoposti", Join::All);
        assert_eq!(
            snippet(
                &q,
                "1. Avaa https://mail.example.fi\n2. Valitse Asetukset",
                "[",
                "]"
            ),
            "1. Avaa https://mail.example.fi\n2. Valitse Asetukset"
        );
        assert_eq!(snippet(&q, "", "[", "]"), "");
        // A long text: twelve words around the match, cut on both sides.
        let before: Vec<String> = (1..=20).map(|i| format!("sana{i}")).collect();
        let after: Vec<String> = (1..=8).map(|i| format!("jälkeen{i}")).collect();
        let long = format!("{} PC-0423 {}", before.join(" "), after.join(" "));
        let q = TextQuery::words("pc-0423", Join::All);
        assert_eq!(
            snippet(&q, &long, "[", "]"),
            "…sana16 sana17 sana18 sana19 sana20 [PC]-[0423] jälkeen1 jälkeen2 jälkeen3 \
             jälkeen4 jälkeen5…"
        );
        // Within the first twelve words, the text's start wins (a sentence's start
        // scores a bonus).
        let q = TextQuery::words("sana10", Join::All);
        assert_eq!(
            snippet(&q, &long, "[", "]"),
            "sana1 sana2 sana3 sana4 sana5 sana6 sana7 sana8 sana9 [sana10] sana11 sana12…"
        );
        // A sentence that starts near the match is preferred as the start.
        let text = "Alku on pitkä ja turha teksti jossa ei ole mitään. Учётной записи нет, \
                    войти нельзя и всё тут совсем никак вообще больше нет";
        let q = TextQuery::words("учетной", Join::All);
        assert_eq!(
            snippet(&q, text, "[", "]"),
            "…teksti jossa ei ole mitään. [Учётной] записи нет, войти нельзя и всё…"
        );
        let q = TextQuery::words("войти", Join::All);
        assert_eq!(
            snippet(&q, text, "[", "]"),
            "…Учётной записи нет, [войти] нельзя и всё тут совсем никак вообще больше…"
        );
    }
}
