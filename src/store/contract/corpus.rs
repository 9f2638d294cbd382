//! The search corpus every engine files, and the check that its scores are
//! `domain::search::bm25`'s to the last bit.

/// Real text in Finnish, Estonian, Russian and Polish (`tests/fixtures/search_corpus.txt`),
/// one article a line, its first six words the title, with a few lines of ids and
/// addresses: (title, body).
pub(crate) fn search_corpus() -> Vec<(String, String)> {
    let mut lines: Vec<String> = include_str!("../../../tests/fixtures/search_corpus.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    lines.extend(
        [
            "Kone PC-0423 ei käynnisty. Käyttäjä anna.kask@firma.ee soitti: näyttö pimeä, PC-0424 toimii.",
            "Tulostin PC-0423 vieressä jumittaa. Ota yhteyttä: it-tuki@firma.fi tai soita. Tulostin tulostaa tyhjää.",
            "Zgłoszenie: drukarka nie działa. Łódź, biuro 12. Ёлка и йогурт: учётной записи нет.",
        ]
        .map(str::to_string),
    );
    lines
        .iter()
        .map(|l| {
            let words: Vec<&str> = l.split(' ').collect();
            let cut = words.len().min(6);
            (words[..cut].join(" "), words[cut..].join(" "))
        })
        .collect()
}

/// Queries over [`search_corpus`]: one word and several, all and any, prefixes and
/// whole words, in every language, ids and addresses, a word twice, and a suggestion's
/// many words.
pub(crate) fn search_queries() -> Vec<crate::domain::search::TextQuery> {
    use crate::domain::search::{Join, TextQuery};
    let mut out: Vec<TextQuery> = [
        ("palvelu", Join::All),
        ("asiakas", Join::All),
        ("palvelupyyntö käsittely", Join::All),
        ("palvelupyynto kasittely", Join::Any),
        ("tuki", Join::Any),
        ("klient töö", Join::All),
        ("tööd ülesan", Join::Any),
        ("intsident lahendus", Join::Any),
        ("пользовател", Join::All),
        ("ЗАЯВК обслуживан", Join::Any),
        ("учетной", Join::All),
        ("ёлка й", Join::Any),
        ("zgłoszenie", Join::Any),
        ("zgloszen klient obsług", Join::Any),
        ("PC-0423", Join::All),
        ("anna.kask@firma.ee", Join::All),
        ("it-tuki@firma.fi", Join::Any),
        ("firma", Join::Any),
        ("tulostin tulostin", Join::Any),
        ("sla itil", Join::Any),
        ("ja", Join::All),
        ("и на", Join::Any),
        ("w", Join::All),
        ("on ka", Join::Any),
        ("palvelu asiakas tuki ja", Join::Any),
        ("palvelu asiakas tuki ja on", Join::Any),
    ]
    .into_iter()
    .map(|(text, join)| TextQuery::words(text, join))
    .collect();
    for (text, join) in [
        ("tulostin", Join::Any),
        ("ja on", Join::Any),
        ("pc 0423", Join::All),
    ] {
        out.push(TextQuery {
            prefix: false,
            ..TextQuery::words(text, join)
        });
    }
    let many = "palvelu asiakas tuki klient töö intsident пользовател заявк zgłoszen \
                klient obsług firma tulostin sla itil ja";
    out.push(TextQuery::any_of(&crate::domain::search::tokens(many)));
    out
}

/// The category of the `i`-th article of [`search_corpus`] (0-based): every third has one.
fn corpus_category(i: usize) -> Option<&'static str> {
    i.is_multiple_of(3)
        .then(|| ["Printing", "email", "ВПН"][i % 9 / 3])
}

/// Files [`search_corpus`] as articles (every third with a category; the first half
/// one at a time, the rest through an import).
pub(crate) fn file_search_corpus(store: &mut dyn crate::store::Storage) {
    use crate::domain::article::Article;
    use crate::domain::search::index_text;
    use crate::store::WriteMode;
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-05T06:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let corpus = search_corpus();
    let article = |i: usize, (title, body): &(String, String)| Article {
        id: i as i64 + 1,
        title: title.clone(),
        body: body.clone(),
        tags: Vec::new(),
        category: corpus_category(i).map(str::to_string),
        author: "ana".into(),
        source_ticket: None,
        created_at: at,
        updated_at: at,
        uses: 0,
    };
    let half = corpus.len() / 2;
    let mut w = store.write(WriteMode::Command).unwrap();
    for (i, tb) in corpus[..half].iter().enumerate() {
        w.insert_article(&article(i, tb)).unwrap();
    }
    w.commit().unwrap();
    let mut w = store.write(WriteMode::Import).unwrap();
    {
        let mut imp = w.import().unwrap();
        for (i, tb) in corpus.iter().enumerate().skip(half) {
            let a = article(i, tb);
            let (title, body) = (index_text(&a.title), index_text(&a.body));
            let text = crate::store::IndexText {
                title: &title,
                body: Some(&body),
            };
            imp.insert_article(&a, text).unwrap();
        }
        imp.finish().unwrap();
    }
    w.commit().unwrap();
}

/// Each of [`search_queries`] over the filed [`search_corpus`]: the engine answers
/// exactly the articles the query matches, each with its category and
/// `domain::search::bm25` over all the articles, to the last bit.
pub(crate) fn check_search_scores(store: &mut dyn crate::store::Storage) {
    use crate::domain::search::{CorpusStats, bm25, token_count, tokens};
    let corpus = search_corpus();
    let words: Vec<(Vec<String>, Vec<String>)> =
        corpus.iter().map(|(t, b)| (tokens(t), tokens(b))).collect();
    let mut rd = store.read().unwrap();
    let mut compared = 0;
    for q in search_queries() {
        let all = |(t, b): &(Vec<String>, Vec<String>)| [t.as_slice(), b].concat();
        let stats = CorpusStats {
            rows: corpus.len() as u64,
            tokens: corpus
                .iter()
                .map(|(t, b)| (token_count(t) + token_count(b)) as u64)
                .sum(),
            matching: q
                .each_term()
                .map(|t| words.iter().filter(|w| t.matches(&all(w))).count() as u64)
                .collect(),
        };
        let want: Vec<(i64, u64)> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| q.matches(&all(w)))
            .map(|(i, (t, b))| (i as i64 + 1, bm25(&q, &stats, t, b).to_bits()))
            .collect();
        let mut got = rd.article_candidates(&q).unwrap();
        got.sort_by_key(|s| s.id);
        assert!(!want.is_empty(), "{q:?}: nothing to compare");
        assert_eq!(
            got.iter()
                .map(|s| (s.id, s.score.to_bits()))
                .collect::<Vec<_>>(),
            want,
            "{q:?}"
        );
        for s in &got {
            let category = corpus_category(s.id as usize - 1);
            assert_eq!(
                s.category.as_deref(),
                category,
                "{q:?}: category of {}",
                s.id
            );
        }
        compared += got.len();
    }
    assert!(compared > 200, "{compared}");
    let none = crate::domain::search::TextQuery::words("\" * -", crate::domain::search::Join::All);
    assert!(rd.article_candidates(&none).unwrap().is_empty());
}
