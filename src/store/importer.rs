//! Filing an import's records through any engine's [`Import`]: the file's ids kept
//! where free and the rest renumbered, links and article references following them,
//! what waits for the end kept in the engine's scratch tables.

use super::{IdKind, Import, ImportedTicket, IndexText, PendingLink, PendingSource};
use crate::domain::article::Article;
use crate::domain::ticket::LinkKind;
use crate::domain::ticket_sla::SlaCache;
use crate::intake::records::reader::{ArticleText, TicketText};
use crate::intake::records::{FieldError, TicketRecord, at_line};
use anyhow::Result;
use std::collections::BTreeMap;

/// A refusal by the database (a constraint the validation does not see, such as two
/// active tickets with one dedup key) is the record's fault: exit 2, with its line.
pub fn db_error(line: u64, e: anyhow::Error) -> anyhow::Error {
    if let Some(c) = crate::store::conflict(&e) {
        let msg = c.message;
        if c.dedup_key {
            return at_line(
                line,
                "field \"dedup_key\": another active ticket has the same key",
            );
        }
        return at_line(line, format!("the database refused the record ({msg})"));
    }
    e.context(format!("line {line}"))
}

/// Which ids the file's tickets carried, as runs: an export lists ids in order, so
/// this stays a handful of ranges whatever the file's size.
#[derive(Debug, Default)]
struct IdRanges(BTreeMap<i64, i64>);

impl IdRanges {
    fn contains(&self, id: i64) -> bool {
        self.0
            .range(..=id)
            .next_back()
            .is_some_and(|(_, &end)| end >= id)
    }

    fn insert(&mut self, id: i64) {
        if self.contains(id) {
            return;
        }
        let before = self
            .0
            .range(..id)
            .next_back()
            .filter(|(_, end)| **end == id - 1)
            .map(|(&s, _)| s);
        let after = self.0.get(&(id + 1)).copied();
        match (before, after) {
            (Some(s), Some(e)) => {
                self.0.remove(&(id + 1));
                self.0.insert(s, e);
            }
            (Some(s), None) => {
                self.0.insert(s, id);
            }
            (None, Some(e)) => {
                self.0.remove(&(id + 1));
                self.0.insert(id, e);
            }
            (None, None) => {
                self.0.insert(id, id);
            }
        }
    }
}

/// Notes of one kind shown one by one; the rest are counted.
const NOTES_SHOWN: u64 = 10;

/// What an import filed, for its closing message.
pub struct Summary {
    pub tickets: u64,
    pub articles: u64,
    pub orgs: u64,
    /// The first few renumbered tickets (file id, new id), for the message.
    pub renumbered: Vec<(i64, i64)>,
    pub renumbered_count: u64,
    /// Warnings for things imported differently from how the file had them.
    pub notes: Vec<String>,
}

/// Files records inside the import's transaction and remembers how the file's ids
/// map to this database's. Memory stays flat however big the file: the ids the file
/// carried are kept as ranges, and whatever waits for the end (links forward in the
/// file, articles' source tickets, the ids that had to change) in scratch tables.
pub struct Importer<'a> {
    db: Box<dyn Import + 'a>,
    /// Ids above these were given by this import.
    pub max_ticket_before: i64,
    pub max_article_before: i64,
    /// The ticket and article ids the file carried.
    seen: IdRanges,
    articles_seen: IdRanges,
    /// Whether the file can hold articles (not CSV). When it can't, a ticket naming an
    /// article this database lacks is filed without it, with a note, rather than refused.
    pub articles_in_file: bool,
    kb_dropped: u64,
    /// Resolved or closed tickets the file gave no time of resolution.
    undated: u64,
    /// How many of those got another id here (file id → id here in the scratch table).
    tickets_moved: u64,
    articles_moved: u64,
    summary: Summary,
}

impl<'a> Importer<'a> {
    pub fn new(mut db: Box<dyn Import + 'a>) -> Result<Self> {
        let (max_ticket_before, max_article_before) = db.max_ids()?;
        Ok(Importer {
            db,
            max_ticket_before,
            max_article_before,
            seen: IdRanges::default(),
            articles_seen: IdRanges::default(),
            articles_in_file: true,
            kb_dropped: 0,
            undated: 0,
            tickets_moved: 0,
            articles_moved: 0,
            summary: Summary {
                tickets: 0,
                articles: 0,
                orgs: 0,
                renumbered: Vec::new(),
                renumbered_count: 0,
                notes: Vec::new(),
            },
        })
    }

    /// A ticket id as the file numbers it → the id here, if the file had that ticket.
    fn mapped(&mut self, file_id: i64) -> Result<Option<i64>> {
        if !self.seen.contains(file_id) {
            return Ok(None);
        }
        if self.tickets_moved == 0 {
            return Ok(Some(file_id));
        }
        Ok(Some(
            self.db
                .remembered_id(IdKind::Ticket, file_id)?
                .unwrap_or(file_id),
        ))
    }

    /// An article id as the file numbers it → the id here, if the file had that article.
    fn mapped_article(&mut self, file_id: i64) -> Result<Option<i64>> {
        if !self.articles_seen.contains(file_id) {
            return Ok(None);
        }
        if self.articles_moved == 0 {
            return Ok(Some(file_id));
        }
        Ok(Some(
            self.db
                .remembered_id(IdKind::Article, file_id)?
                .unwrap_or(file_id),
        ))
    }

    /// A ticket the file does not hold: only one that was here before the import.
    fn existing_ticket(&mut self, id: i64) -> Result<bool> {
        Ok(id <= self.max_ticket_before && self.db.ticket_exists(id)?)
    }

    /// Files a ticket with its history, comments, work log and links (those to tickets
    /// not yet filed wait); returns its id here.
    pub fn ticket(
        &mut self,
        line: u64,
        r: &mut TicketRecord,
        cache: SlaCache,
        text: &TicketText,
    ) -> Result<i64> {
        if let Some(k) = r.ticket.kb_article {
            let here = match self.mapped_article(k)? {
                Some(here) => Some(here),
                None if k <= self.max_article_before && self.db.article_exists(k)? => Some(k),
                None if !self.articles_in_file => {
                    if self.kb_dropped < NOTES_SHOWN {
                        self.summary.notes.push(format!(
                            "line {line}: kb_article {k} is not in this database (a CSV file holds tickets only); left empty"
                        ));
                    }
                    self.kb_dropped += 1;
                    None
                }
                None => {
                    return Err(at_line(
                        line,
                        FieldError {
                            field: "kb_article".into(),
                            msg: format!(
                                "no article {k} earlier in the file or in the database (articles go before the tickets that name them)"
                            ),
                        },
                    ));
                }
            };
            r.ticket.kb_article = here;
        }
        r.ticket.id = r.id.unwrap_or(0);
        let index = IndexText {
            title: text.title.as_deref().unwrap_or(&r.ticket.title),
            body: text
                .description
                .as_deref()
                .or(r.ticket.description.as_deref()),
        };
        let filed = ImportedTicket {
            ticket: &r.ticket,
            status_at: r.status_at,
            cache: &cache,
            text: index,
        };
        let id = self
            .db
            .insert_ticket(&filed)
            .map_err(|e| db_error(line, e))?;
        if let Some(file_id) = r.id {
            if !self.seen.contains(file_id) {
                self.seen.insert(file_id);
                if id != file_id {
                    self.db.remember_id(IdKind::Ticket, file_id, id)?;
                    self.tickets_moved += 1;
                }
            }
            if id != file_id {
                self.summary.renumbered_count += 1;
                if self.summary.renumbered.len() < 10 {
                    self.summary.renumbered.push((file_id, id));
                }
            }
        }
        for e in &r.events {
            self.db.insert_event(id, e)?;
        }
        for (c, folded) in r.comments.iter().zip(&text.comments) {
            self.db
                .insert_comment(id, c, folded.as_deref().unwrap_or(&c.text))?;
        }
        for w in &r.worklog {
            self.db.insert_work(id, w)?;
        }
        for l in &r.links {
            match self.mapped(l.id)? {
                Some(other) if other != id => link(&mut *self.db, id, other, l.kind)?,
                Some(_) => {}
                None => self.db.insert_pending_link(&PendingLink {
                    line,
                    ticket: id,
                    other: l.id,
                    kind: l.kind,
                })?,
            }
        }
        if r.undated_resolution {
            self.undated += 1;
        }
        self.summary.tickets += 1;
        Ok(id)
    }

    /// The engine it files through (for a ticket's attachments and mail).
    pub fn db(&mut self) -> &mut dyn Import {
        &mut *self.db
    }

    /// An article (`a.id` as the file numbers it, 0 for none).
    pub fn article(&mut self, line: u64, a: &Article, text: &ArticleText) -> Result<()> {
        let index = IndexText {
            title: text.title.as_deref().unwrap_or(&a.title),
            body: Some(text.body.as_deref().unwrap_or(&a.body)),
        };
        let id = self
            .db
            .insert_article(a, index)
            .map_err(|e| db_error(line, e))?;
        if let Some(file_id) = (a.id > 0).then_some(a.id)
            && !self.articles_seen.contains(file_id)
        {
            self.articles_seen.insert(file_id);
            if id != file_id {
                self.db.remember_id(IdKind::Article, file_id, id)?;
                self.articles_moved += 1;
            }
        }
        if let Some(src) = a.source_ticket {
            self.db.remember_source(PendingSource {
                line,
                article: id,
                ticket: src,
            })?;
        }
        self.summary.articles += 1;
        Ok(())
    }

    /// Files the links that waited for their other end, and points articles at their
    /// source tickets' ids here.
    pub fn finish(mut self) -> Result<Summary> {
        // A page at a time, so memory stays flat however many waited.
        const PAGE: usize = 1000;
        let mut after = 0;
        loop {
            let page = self.db.pending_links(after, PAGE)?;
            let Some(&(last, _)) = page.last() else {
                break;
            };
            after = last;
            for (_, p) in page {
                let other = match self.mapped(p.other)? {
                    Some(o) => o,
                    None if self.existing_ticket(p.other)? => p.other,
                    None => {
                        return Err(at_line(
                            p.line,
                            format!(
                                "field \"links\": no ticket #{} in the file or the database",
                                p.other
                            ),
                        ));
                    }
                };
                if other != p.ticket {
                    link(&mut *self.db, p.ticket, other, p.kind)?;
                }
            }
        }
        let mut notes = Vec::new();
        let mut after = 0;
        loop {
            let page = self.db.pending_sources(after, PAGE)?;
            let Some(&(last, _)) = page.last() else {
                break;
            };
            after = last;
            for (_, s) in page {
                let (line, article, src) = (s.line, s.article, s.ticket);
                match self.mapped(src)? {
                    Some(here) if here != src => self.db.set_article_source(article, Some(here))?,
                    Some(_) => {}
                    None if self.existing_ticket(src)? => {}
                    None => {
                        // Only a note on where the article came from: dropped, not fatal.
                        self.db.set_article_source(article, None)?;
                        notes.push(format!(
                            "line {line}: source_ticket #{src} is in neither the file nor the database; left empty"
                        ));
                    }
                }
            }
        }
        self.summary.notes.append(&mut notes);
        if self.undated > 0 {
            self.summary.notes.push(format!(
                "{} resolved or closed ticket{} gave no time of resolution (resolved_at, closed_at, updated_at or events): dated when created, so reports count them as resolved at once",
                self.undated,
                if self.undated == 1 { "" } else { "s" }
            ));
        }
        if self.kb_dropped > NOTES_SHOWN {
            self.summary.notes.push(format!(
                "and {} more tickets named articles not in this database; left empty",
                self.kb_dropped - NOTES_SHOWN
            ));
        }
        self.db.finish()?;
        Ok(self.summary)
    }
}

/// A link as seen from `ticket`, stored the way `desk link` stores it.
fn link(db: &mut dyn Import, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
    match kind {
        LinkKind::Child => db.insert_link(other, ticket, LinkKind::Parent),
        LinkKind::DuplicatedBy => db.insert_link(other, ticket, LinkKind::Duplicate),
        k => db.insert_link(ticket, other, k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_merge_neighbours_and_know_their_members() {
        let mut r = IdRanges::default();
        for id in [5, 7, 6, 1, 2, 10, 9, 9] {
            r.insert(id);
        }
        assert_eq!(
            r.0.iter().map(|(&s, &e)| (s, e)).collect::<Vec<_>>(),
            [(1, 2), (5, 7), (9, 10)]
        );
        for (id, member) in [
            (0, false),
            (1, true),
            (3, false),
            (6, true),
            (8, false),
            (10, true),
            (11, false),
        ] {
            assert_eq!(r.contains(id), member, "{id}");
        }
    }
}
