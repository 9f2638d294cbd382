//! A full-text query as a value: the words, whether all or any of them must occur,
//! and whether each matches as a prefix. Each engine renders it in its own syntax;
//! the words are letters and digits only (`text::query_terms`), so nothing a user
//! types can reach that syntax.

use crate::domain::text::query_terms;

/// Whether every word must occur, or any one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    All,
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    /// Folded, lower-case words of letters and digits.
    pub terms: Vec<String>,
    pub join: Join,
    /// Each word also matches the words it begins.
    pub prefix: bool,
}

impl TextQuery {
    /// The words of what a user typed, each as a prefix.
    pub fn words(q: &str, join: Join) -> TextQuery {
        TextQuery {
            terms: query_terms(q),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letters_and_digits_only() {
        let q = TextQuery::words("AND ( -x \"Sähkö-posti*", Join::All);
        assert_eq!(q.terms, ["and", "x", "sähkö", "posti"]);
        assert!(TextQuery::words("\" * -", Join::Any).is_empty());
        let parts: Vec<TextQuery> = q.each_term().collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1].terms, ["x"]);
    }
}
