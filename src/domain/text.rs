//! Text from users: made safe for a terminal, folded for search, fitted to a width.
//! Users write in any language, so widths are display columns, not bytes or chars.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthChar;

/// Whether a character must not reach a terminal raw: C0/C1 controls, DEL, and the
/// bidirectional overrides that can make text read differently from what it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Escapes control and escape sequences (`\u{1b}` style). With `multiline`, newlines and
/// tabs pass (for bodies shown on their own lines); otherwise they are escaped too.
pub fn escape(s: &str, multiline: bool) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if multiline => out.push('\n'),
            '\t' if multiline => out.push('\t'),
            '\r' if multiline => {}
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// One line for a table cell or a TSV field: every control character escaped, and the
/// backslash too in TSV so the field can be read back unambiguously.
pub fn one_line(s: &str) -> String {
    escape(s, false)
}

/// Orders two strings as if both were lower case, in any alphabet (`Ääkköset` =
/// `ääkköset`, `ПЕЧАТЬ` = `печать`): the `DESK_NOCASE` collation of the name filters.
/// SQLite's own `NOCASE` folds ASCII only.
pub fn cmp_ignoring_case(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// Maps the letters that carry a stroke or ligature, and Cyrillic `ё`, to their plain
/// forms (`zgłoszenie` → `zgloszenie`, `ёлка` → `елка`), leaving case and the marks NFD
/// separates alone; `й` stays `й`. What search indexes held before `search::tokens`
/// (migration 0004), and the first step of [`plain`] and [`sort_key`].
pub fn fold(s: &str) -> String {
    folded(s).into_owned()
}

/// [`fold`], without a copy when there is nothing to fold (most text).
pub fn folded(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| fold_char(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Some(Folded::Char(plain)) => out.push(plain),
            Some(Folded::Str(plain)) => out.push_str(plain),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

enum Folded {
    Char(char),
    Str(&'static str),
}

fn fold_char(c: char) -> Option<Folded> {
    match c {
        // The tokenizer folds Latin diacritics only; Cyrillic ё is е with a diaeresis.
        'ё' | 'Ё' => Some(Folded::Char(without_marks(c))),
        c => not_decomposed(c).map(Folded::Str),
    }
}

/// The letters that carry a stroke, a ligature or no dot, which NFD does not
/// decompose into a base letter and a combining mark.
fn not_decomposed(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ø' => "o",
        'Ø' => "O",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ı' => "i",
        'þ' => "th",
        _ => return None,
    })
}

/// The base letter of a letter with diacritics (`ä` → `a`, `й` → `и`, `ё` → `е`):
/// its canonical decomposition (NFD) without the combining marks, when that leaves
/// one letter; any other character as it is (Hangul syllables, which decompose
/// into letters, not marks, stay whole).
fn without_marks(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // Catalan's l with a middle dot decomposes only by compatibility (NFKD).
    if c == 'ŀ' {
        return 'l';
    }
    let mut parts = std::iter::once(c).nfd();
    match parts.next() {
        Some(base) if parts.all(is_combining_mark) => base,
        _ => c,
    }
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The longest prefix of `s` at most `max` columns wide.
pub fn take_width(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > max {
            break;
        }
        used += cw;
        out.push(c);
    }
    out
}

/// Cut to at most `max` columns, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = take_width(s, max - 1);
    out.push('…');
    out
}

/// Cut or filled with spaces to exactly `w` columns, text on the left.
pub fn pad_right(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(fill))
}

/// Cut or filled with spaces to exactly `w` columns, text on the right.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(fill))
}

/// A sort key for names and titles in any language: letters compare without case and
/// without diacritics first (so `Ärrä` sorts among the a's as most readers expect in a
/// mixed-language list), with the exact lower-case text as the tie-breaker.
pub fn sort_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut base: String = fold(&lower).chars().map(without_marks).collect();
    base.push('\u{0}');
    base.push_str(&lower);
    base
}

/// Lower case, folded and without diacritics (`Sähköposti` → `sahkoposti`): the form in
/// which word lists (stop words) are written and compared.
pub fn plain(s: &str) -> String {
    fold(&s.to_lowercase()).chars().map(without_marks).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ignored_in_every_alphabet() {
        use std::cmp::Ordering::*;
        for (a, b) in [
            ("Ääkköset Oy", "ääkköset oy"),
            ("ПЕЧАТЬ", "печать"),
            ("Łódź", "łÓDŹ"),
            ("Õun", "õUN"),
            ("Acme", "ACME"),
        ] {
            assert_eq!(cmp_ignoring_case(a, b), Equal, "{a} {b}");
        }
        assert_eq!(cmp_ignoring_case("Ääkköset", "aakkoset"), Greater);
        assert_eq!(cmp_ignoring_case("acme", "Acme Oy"), Less);
        assert_eq!(cmp_ignoring_case("Б", "а"), Greater);
    }

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(escape("a\u{1b}[31mred", false), "a\\u{1b}[31mred");
        assert_eq!(escape("two\nlines", false), "two\\nlines");
        assert_eq!(escape("two\nlines", true), "two\nlines");
        assert_eq!(escape("x\u{202e}y", true), "x\\u{202e}y");
        assert_eq!(escape("Sähköposti ei toimi", false), "Sähköposti ei toimi");
    }

    #[test]
    fn folds_letters_the_tokenizer_keeps() {
        assert_eq!(fold("zgłoszenie"), "zgloszenie");
        assert_eq!(fold("Ёлка"), "Елка");
        assert_eq!(fold("Straße"), "Strasse");
        assert!(matches!(folded("Sähköposti"), Cow::Borrowed("Sähköposti")));
        assert!(matches!(folded("mail"), Cow::Borrowed("mail")));
        assert_eq!(folded("Łódź"), "Lódź");
    }

    #[test]
    fn plain_drops_case_and_diacritics() {
        assert_eq!(plain("Sähköposti"), "sahkoposti");
        assert_eq!(plain("ZGŁOSZENIE"), "zgloszenie");
        assert_eq!(plain("Учётной"), "учетнои");
        assert_eq!(plain("Õhtu"), "ohtu");
    }

    #[test]
    fn finnish_and_estonian_letters_lose_their_marks_only_in_plain() {
        assert_eq!(
            plain("Äänenvoimakkuus ÖLJY Åland"),
            "aanenvoimakkuus oljy aland"
        );
        assert_eq!(plain("Õhtu Üle Šokk Žürii"), "ohtu ule sokk zurii");
        // The tokenizer folds Latin diacritics itself: fold leaves them.
        assert!(matches!(
            folded("Äänenvoimakkuus õhtu šokk"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn polish_letters_fold_the_stroked_l_and_plain_drops_the_rest() {
        assert_eq!(fold("Zażółć gęślą jaźń ŁÓDŹ"), "Zażólć gęślą jaźń LÓDŹ");
        assert_eq!(plain("Zażółć gęślą jaźń ŁÓDŹ"), "zazolc gesla jazn lodz");
    }

    #[test]
    fn russian_yo_folds_and_short_i_stays_in_search() {
        // As before the letter tables went: ё is е everywhere; й stays й for search
        // (the FTS index holds it so) and is и only in the plain form.
        assert_eq!(fold("Ёлка ещё"), "Елка еще");
        assert_eq!(fold("Учётной записи й Й"), "Учетной записи й Й");
        assert!(matches!(folded("Войти в систему"), Cow::Borrowed(_)));
        assert_eq!(plain("Учётной Й"), "учетнои и");
        assert_eq!(crate::domain::search::tokens("Ёлка-й"), ["елка", "й"]);
    }

    #[test]
    fn the_letters_nfd_does_not_decompose_fold_by_the_short_list() {
        assert_eq!(fold("łŁđĐøØßæÆœŒıþ"), "lLdDoOssaeAEoeOEith");
        assert_eq!(plain("Søren Þór Straße"), "soren thor strasse");
        // Not letters with marks: left whole.
        assert_eq!(plain("한국 東京"), "한국 東京");
    }

    #[test]
    fn widths_count_columns() {
        assert_eq!(width("принтер"), 7);
        assert_eq!(width("日本"), 4);
        assert_eq!(truncate("Sähköposti ei toimi", 8), "Sähköpo…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(truncate("東京 office", 4), "東…");
        assert_eq!(truncate("x", 0), "");
        assert_eq!(take_width("東京", 3), "東");
        assert_eq!(pad_right("東京", 6), "東京  ");
        assert_eq!(pad_left("7", 3), "  7");
    }
}
