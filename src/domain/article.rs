//! Knowledge-base articles, and the pure half of finding them: turning a ticket's words
//! into the search terms that `kb suggest` asks the full-text index for.
//!
//! Tickets and articles describe the same fault in different words and, in Finnish,
//! Estonian, Russian and Polish, in different inflections of the same words
//! (`tulostin`, `tulostimen`, `tulostimessa`). There is no stemmer for all of these in
//! SQLite, so a term is cut to a stem-like prefix and matched as a prefix: crude, but
//! it is what makes `tulostimesta ei tule paperia` find `Tulostin ei tulosta`.

use super::search::tokens;
use super::text::plain;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub author: String,
    pub source_ticket: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Tickets resolved with this article (derived, not stored).
    pub uses: i64,
}

/// An article found by a search, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub article: Article,
    /// Higher is better (the negated bm25 rank).
    pub score: f64,
    /// A piece of the body around the matches, the matched words between
    /// [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
}

/// Marks around matched words in a snippet: private-use characters, which no tokenizer
/// treats as letters and which users do not type, so they cannot be confused with text.
pub const MARK_START: char = '\u{e000}';
pub const MARK_END: char = '\u{e001}';

/// A snippet as segments of text, each with whether it is a matched word.
pub fn snippet_segments(s: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut marked = false;
    for c in s.chars() {
        match c {
            MARK_START | MARK_END => {
                if !cur.is_empty() {
                    out.push((std::mem::take(&mut cur), marked));
                }
                marked = c == MARK_START;
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push((cur, marked));
    }
    out
}

/// A snippet without its marks.
pub fn snippet_plain(s: &str) -> String {
    s.chars()
        .filter(|&c| c != MARK_START && c != MARK_END)
        .collect()
}

/// Words that say nothing about which fault it is, in the languages the desk works in
/// (written plain: lower case, no diacritics). "Doesn't work", "please", "again" are in
/// every ticket and would only add noise to a suggestion.
const STOP_WORDS: &[&str] = &[
    // English
    "the",
    "and",
    "for",
    "with",
    "not",
    "does",
    "doesn",
    "don",
    "didn",
    "can",
    "cannot",
    "cant",
    "won",
    "isn",
    "aren",
    "when",
    "what",
    "this",
    "that",
    "from",
    "have",
    "has",
    "had",
    "was",
    "were",
    "are",
    "you",
    "your",
    "our",
    "but",
    "all",
    "any",
    "get",
    "got",
    "again",
    "after",
    "before",
    "please",
    "help",
    "hello",
    "thanks",
    "there",
    "into",
    "out",
    "its",
    "now",
    "today",
    "work",
    "works",
    "working",
    "problem",
    "issue",
    "still",
    "since",
    "some",
    "just",
    "any",
    "anymore",
    "who",
    "how",
    "why",
    "will",
    "would",
    "could",
    "should",
    "need",
    "needs",
    "been",
    "they",
    "them",
    "their",
    "his",
    "her",
    "she",
    "him",
    "here",
    "also",
    "very",
    "too",
    "yesterday",
    // Finnish
    "ja",
    "ei",
    "en",
    "et",
    "emme",
    "eivat",
    "eika",
    "on",
    "ole",
    "ovat",
    "oli",
    "olen",
    "ollut",
    "se",
    "ne",
    "tama",
    "tuo",
    "etta",
    "kun",
    "jos",
    "mutta",
    "tai",
    "myos",
    "nyt",
    "viela",
    "enaa",
    "voi",
    "voin",
    "pysty",
    "pystyn",
    "minun",
    "minulla",
    "minua",
    "meilla",
    "meidan",
    "hei",
    "moi",
    "kiitos",
    "apua",
    "toimi",
    "toimii",
    "toimu",
    "mikaan",
    "mitaan",
    "kaikki",
    "koko",
    "taas",
    "aina",
    "tanaan",
    "eilen",
    "sitten",
    "vaan",
    "kanssa",
    "mukaan",
    "ongelma",
    "ongelmia",
    "jostain",
    "syysta",
    "miksi",
    "mita",
    "mika",
    "joka",
    "jotka",
    "niin",
    "kuin",
    "vain",
    "yha",
    "edelleen",
    "heti",
    "saa",
    "saan",
    "tule",
    "tulee",
    "tuli",
    // Estonian
    "ja",
    "ei",
    "on",
    "see",
    "et",
    "kui",
    "ka",
    "aga",
    "voi",
    "mis",
    "ning",
    "oma",
    "mul",
    "minu",
    "meie",
    "tere",
    "palun",
    "aitah",
    "enam",
    "veel",
    "tana",
    "eile",
    "tootab",
    "toota",
    "probleem",
    "ole",
    "olen",
    "pole",
    "saa",
    "saan",
    "siis",
    "kas",
    "miks",
    "nagu",
    "juba",
    "jalle",
    "uuesti",
    "koik",
    "midagi",
    // Russian
    "и",
    "в",
    "не",
    "на",
    "что",
    "как",
    "это",
    "у",
    "с",
    "по",
    "но",
    "меня",
    "мне",
    "я",
    "мои",
    "мое",
    "моя",
    "мой",
    "есть",
    "нет",
    "уже",
    "еще",
    "при",
    "для",
    "или",
    "из",
    "от",
    "до",
    "так",
    "же",
    "бы",
    "то",
    "все",
    "всё",
    "здравствуите",
    "пожалуиста",
    "спасибо",
    "работает",
    "работают",
    "проблема",
    "сегодня",
    "вчера",
    "снова",
    "опять",
    "после",
    "когда",
    "могу",
    "можно",
    "очень",
    "почему",
    "ничего",
    "никак",
    "тоже",
    "также",
    "этот",
    "эта",
    "где",
    // Polish
    "i",
    "w",
    "nie",
    "na",
    "sie",
    "z",
    "ze",
    "to",
    "jest",
    "do",
    "jak",
    "ale",
    "czy",
    "mi",
    "mnie",
    "moj",
    "moja",
    "moje",
    "sa",
    "juz",
    "jeszcze",
    "po",
    "od",
    "dla",
    "przy",
    "tak",
    "bo",
    "dzien",
    "dobry",
    "prosze",
    "dziekuje",
    "dziala",
    "dzialaja",
    "problem",
    "dzisiaj",
    "dzis",
    "wczoraj",
    "znowu",
    "ponownie",
    "kiedy",
    "ktory",
    "ktora",
    "ktore",
    "mam",
    "moge",
    "bardzo",
    "cos",
    "nic",
    "wszystko",
    "tego",
    "tym",
    "dlaczego",
];

fn is_stop_word(plain_term: &str) -> bool {
    STOP_WORDS.contains(&plain_term)
}

/// The stem-like prefix a term is matched by: short words whole, `hasło`/`hasła` by
/// `hasl`, the long compound and inflected words of Finnish and Estonian by their first
/// 5–7 letters (`tulostimessa` → `tulosti`, which `tulostin` starts with).
pub fn stem_prefix(term: &str) -> String {
    let n = term.chars().count();
    let keep = match n {
        0..=4 => n,
        5..=6 => n - 1,
        _ => (n - 4).clamp(5, 7),
    };
    term.chars().take(keep).collect()
}

/// The search terms for suggesting articles for a ticket: its words without the
/// noise words, each cut to its stem prefix, each once, at most `max` of them (the
/// title's first, as the title says most about the fault). Stop words are compared in
/// their plain form; the stems are cut from the words as the index holds them
/// (`search::tokens`: `й` stays `й` there, so `мой` is not looked up as `мои`).
pub fn suggest_terms(texts: &[&str], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in texts {
        for term in tokens(text) {
            let p = plain(&term);
            if p.chars().count() < 3 || is_stop_word(&p) {
                continue;
            }
            let stem = stem_prefix(&term);
            if !out.contains(&stem) {
                out.push(stem);
            }
            if out.len() >= max {
                return out;
            }
        }
    }
    out
}

/// Splits what the editor returned: the first line is the title, the rest the body.
pub fn split_title_body(text: &str) -> (String, String) {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or("").trim().to_string();
    let body = lines.collect::<Vec<_>>().join("\n");
    (
        title,
        body.trim_matches(['\n', '\r']).trim_end().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_enough_to_match_inflections() {
        assert_eq!(stem_prefix("tulostimessa"), "tulosti");
        assert!("tulostin".starts_with(&stem_prefix("tulostimesta")));
        assert_eq!(stem_prefix("hasla"), "hasl");
        assert!("haslo".starts_with(&stem_prefix("hasla")));
        assert_eq!(stem_prefix("пароля"), "парол");
        assert_eq!(stem_prefix("принтер"), "принт");
        assert_eq!(stem_prefix("vpn"), "vpn");
        assert!("poczty".starts_with(&stem_prefix("pocztowej")));
    }

    #[test]
    fn suggest_terms_drop_noise_and_fold() {
        let t = suggest_terms(&["Sähköposti ei toimi taas!", "Outlook"], 20);
        assert_eq!(t, vec!["sahkop", "outlo"]);
        let t = suggest_terms(&["Принтер не печатает"], 20);
        assert_eq!(t, vec!["принт", "печат"]);
        let t = suggest_terms(&["Nie działa drukarka"], 20);
        assert_eq!(t, vec!["druka"]);
        assert!(suggest_terms(&["ei toimi", "\"*-"], 20).is_empty());
    }

    #[test]
    fn suggest_terms_are_capped() {
        let t = suggest_terms(&["alpha beta gamma delta epsilon"], 2);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn snippets_split_on_marks() {
        let s = format!("a {MARK_START}b{MARK_END} c");
        assert_eq!(
            snippet_segments(&s),
            vec![
                ("a ".into(), false),
                ("b".into(), true),
                (" c".into(), false)
            ]
        );
        assert_eq!(snippet_plain(&s), "a b c");
    }

    #[test]
    fn editor_text_splits_into_title_and_body() {
        assert_eq!(
            split_title_body("Title\n\nline 1\nline 2\n"),
            ("Title".into(), "line 1\nline 2".into())
        );
        assert_eq!(split_title_body(""), (String::new(), String::new()));
    }
}
