//! The report's classification of tickets, as the spec defines it: the response and
//! resolution clocks read at the moment that matters (from the report cache on the
//! ticket row where it serves, else by replaying the ticket's history), met or
//! breached against the targets, first contact and escalation. The store hands over
//! the rows ([`TicketRow`], [`HistoryEvent`]); this folds them into `report`'s maths.

use crate::domain::report::{
    ClockSample, CreatedTally, CreatedTicket, Report, ReportInput, ResolutionSample, WorkEntry,
};
use crate::domain::settings::Settings;
use crate::domain::sla::{self as slad, SlaEvent};
use crate::domain::ticket::{Priority, Status, action};
use crate::domain::ticket_sla::{ReportCache, phase};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// What the report asks for: `[from, to)`, the moment it is made, and one org or all.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub org: Option<&'a str>,
}

/// A ticket the report counts: created in the period, first answered in it, or
/// resolved in it. Its breakdown fields, and the report cache the SLA cache keeps with
/// it (see the tickets table), valid when `generation` is the current one.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub kind: String,
    pub category: Option<String>,
    pub channel: Option<String>,
    pub priority: Priority,
    pub org: Option<String>,
    pub ci: Option<String>,
    pub requester: Option<String>,
    pub max_tier: u8,
    pub cancelled: bool,
    pub has_article: bool,
    pub generation: i64,
    pub first_response_at: Option<DateTime<Utc>>,
    pub report: ReportCache,
}

/// One event of a history, reduced to what the report replays.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    /// The status after the event, when it set one.
    pub status: Option<Status>,
    /// Who did it: read for resolve events only (the report credits resolvers), empty
    /// for the rest.
    pub actor: String,
}

/// The last resolve event of a ticket in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct LastResolve {
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// The classification under way.
pub struct Gather<'a, Tz: TimeZone> {
    settings: &'a Settings,
    tz: &'a Tz,
    w: Window<'a>,
    generation: i64,
    fcr_window: i64,
    /// Tickets resolved in the period, ascending, with their last resolve in it until
    /// the ticket is seen.
    resolves: Vec<(i64, Option<LastResolve>)>,
    from: NaiveDate,
    to: NaiveDate,
    created: CreatedTally,
    responses: Vec<ClockSample>,
    resolutions: Vec<ResolutionSample>,
    /// Tickets whose cache cannot serve, to replay.
    replay: Vec<(TicketRow, Option<LastResolve>)>,
}

impl<'a, Tz: TimeZone> Gather<'a, Tz> {
    /// A classification of the period `[from, to)` (local dates; `w` holds them as
    /// instants), under `settings` of `generation`, with the tickets resolved in the
    /// period and their last resolve there, ascending by ticket.
    pub fn new(
        settings: &'a Settings,
        tz: &'a Tz,
        generation: i64,
        w: Window<'a>,
        from: NaiveDate,
        to: NaiveDate,
        resolves: Vec<(i64, LastResolve)>,
    ) -> Self {
        Gather {
            settings,
            tz,
            w,
            generation,
            fcr_window: settings.fcr_window(),
            resolves: resolves
                .into_iter()
                .map(|(id, lr)| (id, Some(lr)))
                .collect(),
            from,
            to,
            created: CreatedTally::new(from, to),
            responses: Vec::new(),
            resolutions: Vec::new(),
            replay: Vec::new(),
        }
    }

    /// Tickets resolved in the period that were neither created nor first answered
    /// in it (not seen yet), ascending.
    pub fn unseen_resolved(&self) -> Vec<i64> {
        self.resolves
            .iter()
            .filter(|(_, lr)| lr.is_some())
            .map(|(id, _)| *id)
            .collect()
    }

    /// The tickets whose cache could not serve, ascending by id: their histories are
    /// replayed with [`Gather::replay`].
    pub fn take_replays(&mut self) -> Vec<TicketRow> {
        let mut replay = std::mem::take(&mut self.replay);
        replay.sort_by_key(|(t, _)| t.id);
        replay.into_iter().map(|(t, _)| t).collect()
    }

    /// The report, with the counts that need no classification.
    pub fn finish(self, counts: PeriodCounts) -> Report {
        let input = ReportInput {
            from: self.from,
            to: self.to,
            created: Vec::new(),
            reopened: counts.reopened,
            backlog_start: counts.backlog_start,
            backlog_end: counts.backlog_end,
            responses: self.responses,
            resolutions: self.resolutions,
            work: counts.work,
            articles_created: counts.articles_created,
        };
        self.created.finish(&input)
    }
}

/// What the report counts straight from the store.
#[derive(Debug, Clone, Default)]
pub struct PeriodCounts {
    pub reopened: u64,
    pub backlog_start: u64,
    pub backlog_end: u64,
    pub work: Vec<WorkEntry>,
    pub articles_created: u64,
}

impl<Tz: TimeZone> Gather<'_, Tz> {
    fn in_period(&self, at: DateTime<Utc>) -> bool {
        at >= self.w.from && at < self.w.to
    }

    /// Classifies a ticket from its report cache, or keeps it for replay when the cache
    /// was made under other settings or does not hold the clock the report reads (a
    /// ticket resolved in the period and again after it).
    pub fn take(&mut self, t: TicketRow) {
        let last = self
            .resolves
            .binary_search_by_key(&t.id, |(id, _)| *id)
            .ok()
            .and_then(|i| self.resolves[i].1.take());
        let cache = t.report;
        let serves = t.generation == self.generation
            && (t.first_response_at.is_none() || cache.response_secs.is_some())
            && last.as_ref().is_none_or(|lr| {
                cache.resolve_secs.is_some() && cache.last_resolved_at == Some(lr.at)
            });
        if !serves {
            self.replay.push((t, last));
            return;
        }
        // Each ticket against its own organisation's terms.
        let target = self.settings.terms(t.org.as_deref()).targets(t.priority);
        if let (Some(at), Some(secs)) = (t.first_response_at, cache.response_secs)
            && self.in_period(at)
        {
            self.responses.push(ClockSample {
                id: t.id,
                minutes: secs as f64 / 60.0,
                met: secs <= target.response,
            });
        }
        if let (Some(lr), Some(secs)) = (last, cache.resolve_secs) {
            self.resolutions.push(ResolutionSample {
                id: t.id,
                minutes: secs as f64 / 60.0,
                met: secs <= target.resolve,
                agent: lr.actor,
                has_article: t.has_article,
            });
        }
        self.push_created(
            t,
            cache.ever_escalated,
            cache.ever_reopened,
            cache.first_resolved_at,
        );
    }

    /// Classifies a ticket by replaying its history.
    pub fn replay(&mut self, t: TicketRow, events: &[HistoryEvent]) {
        let first_response = events
            .iter()
            .find(|e| action::is_response(&e.action))
            .filter(|e| self.in_period(e.at));
        let last_resolve = events
            .iter()
            .rev()
            .find(|e| e.action == action::RESOLVE && self.in_period(e.at));
        // One reading serves both: the response clock stood still from the first
        // response on, and a resolve is a response, so it comes no earlier.
        if let Some(moment) = last_resolve.or(first_response).map(|e| e.at) {
            let sla: Vec<SlaEvent> = events
                .iter()
                .map(|e| SlaEvent {
                    at: e.at,
                    response: action::is_response(&e.action),
                    phase: e.status.map(phase),
                })
                .collect();
            let terms = self.settings.terms(t.org.as_deref());
            let c = slad::clocks(
                terms.calendar(t.priority),
                self.tz,
                t.created_at,
                &sla,
                moment,
            );
            let target = terms.targets(t.priority);
            // Response: tickets whose first response fell in the period.
            if first_response.is_some() && c.first_response_at.is_some_and(|at| self.in_period(at))
            {
                self.responses.push(ClockSample {
                    id: t.id,
                    minutes: c.response_elapsed as f64 / 60.0,
                    met: c.response_elapsed <= target.response,
                });
            }
            // Resolution: tickets resolved in the period, read at their last resolve in it.
            if let Some(last) = last_resolve {
                self.resolutions.push(ResolutionSample {
                    id: t.id,
                    minutes: c.resolve_elapsed as f64 / 60.0,
                    met: c.resolve_elapsed <= target.resolve,
                    agent: last.actor.clone(),
                    has_article: t.has_article,
                });
            }
        }
        let did = |what: &str| events.iter().any(|e| e.action == what);
        let first_resolve = events
            .iter()
            .find(|e| e.action == action::RESOLVE)
            .map(|e| e.at);
        let (escalated, reopened) = (did(action::ESCALATE), did(action::REOPEN));
        self.push_created(t, escalated, reopened, first_resolve);
    }

    /// Counts a ticket created in the period. First contact: the first resolve within
    /// the window (wall clock) of creation, and never escalated nor reopened.
    fn push_created(
        &mut self,
        t: TicketRow,
        escalated: bool,
        reopened: bool,
        first_resolve: Option<DateTime<Utc>>,
    ) {
        if !self.in_period(t.created_at) {
            return;
        }
        let first_contact = first_resolve
            .is_some_and(|at| (at - t.created_at).num_seconds() <= self.fcr_window)
            && !escalated
            && !reopened;
        self.created.add(&CreatedTicket {
            id: t.id,
            created_local: t.created_at.with_timezone(self.tz).naive_local(),
            kind: t.kind,
            category: t.category,
            channel: t.channel,
            priority: t.priority.as_str().to_string(),
            org: t.org,
            ci: t.ci,
            requester: t.requester,
            max_tier: t.max_tier,
            cancelled: t.cancelled,
            first_contact,
            escalated,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Helsinki;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// January 2026 in Helsinki.
    fn window() -> Window<'static> {
        Window {
            from: utc("2025-12-31T22:00:00Z"),
            to: utc("2026-01-31T22:00:00Z"),
            now: utc("2026-02-10T10:00:00Z"),
            org: None,
        }
    }

    /// A P3 ticket created Mon 5 Jan 08:00 local, answered after 30 service minutes
    /// and resolved after 5 service hours, its cache made under generation 1.
    fn row(id: i64) -> TicketRow {
        TicketRow {
            id,
            created_at: utc("2026-01-05T06:00:00Z"),
            kind: "incident".into(),
            category: None,
            channel: None,
            priority: Priority::P3,
            org: None,
            ci: None,
            requester: None,
            max_tier: 1,
            cancelled: false,
            has_article: false,
            generation: 1,
            first_response_at: Some(utc("2026-01-05T06:30:00Z")),
            report: ReportCache {
                response_secs: Some(30 * 60),
                resolve_secs: Some(5 * 3600),
                first_resolved_at: Some(utc("2026-01-05T06:20:00Z")),
                last_resolved_at: Some(utc("2026-01-05T11:00:00Z")),
                ever_escalated: false,
                ever_reopened: false,
            },
        }
    }

    /// January 2026 gathered under `settings` in Helsinki, the caches current at
    /// `generation`, with one ticket last resolved in it.
    fn january(
        settings: &Settings,
        generation: i64,
        last: (i64, LastResolve),
    ) -> Gather<'_, chrono_tz::Tz> {
        let (from, to) = (d("2026-01-01"), d("2026-02-01"));
        Gather::new(
            settings,
            &Helsinki,
            generation,
            window(),
            from,
            to,
            vec![last],
        )
    }

    fn resolved(id: i64) -> (i64, LastResolve) {
        let at = utc("2026-01-05T11:00:00Z");
        let actor = "ana".to_string();
        (id, LastResolve { at, actor })
    }

    #[test]
    fn a_current_cache_is_classified_without_its_history() {
        let settings = Settings::new(&[]);
        let mut g = january(&settings, 1, resolved(1));
        g.take(row(1));
        assert!(g.take_replays().is_empty());
        assert!(g.unseen_resolved().is_empty());
        assert_eq!(g.responses.len(), 1);
        assert!(g.responses[0].met && (g.responses[0].minutes - 30.0).abs() < 1e-9);
        let r = &g.resolutions[0];
        assert_eq!((r.id, r.agent.as_str(), r.met), (1, "ana", true));
        // Resolved within the 30 minutes of first contact, never escalated: counted so.
        let report = g.finish(PeriodCounts::default());
        assert_eq!((report.first_contact.count, report.escalated.count), (1, 0));
    }

    #[test]
    fn escalated_is_not_first_contact_and_a_breach_is_not_met() {
        let settings = Settings::new(&[]);
        let mut g = january(&settings, 1, resolved(2));
        let mut t = row(2);
        t.report.ever_escalated = true;
        t.report.resolve_secs = Some(25 * 3600);
        g.take(t);
        assert!(!g.resolutions[0].met);
        let report = g.finish(PeriodCounts::default());
        assert_eq!((report.first_contact.count, report.escalated.count), (0, 1));
    }

    #[test]
    fn a_stale_cache_is_replayed_from_the_history() {
        let settings = Settings::new(&[]);
        let mut g = january(&settings, 2, resolved(3));
        g.take(row(3));
        assert!(g.responses.is_empty() && g.resolutions.is_empty());
        let replay = g.take_replays();
        assert_eq!(replay.len(), 1);
        let ev = |at: &str, action: &str, status: Option<Status>| HistoryEvent {
            at: utc(at),
            action: action.into(),
            status,
            actor: if action == "resolve" {
                "bo".into()
            } else {
                String::new()
            },
        };
        let history = [
            ev("2026-01-05T06:00:00Z", "create", Some(Status::New)),
            ev("2026-01-05T07:00:00Z", "assign", Some(Status::Open)),
            ev("2026-01-05T11:00:00Z", "resolve", Some(Status::Resolved)),
        ];
        for t in replay {
            g.replay(t, &history);
        }
        // 08:00–09:00 local to the answer, 08:00–13:00 to the resolve.
        assert!((g.responses[0].minutes - 60.0).abs() < 1e-9);
        let r = &g.resolutions[0];
        assert_eq!((r.agent.as_str(), r.met), ("bo", true));
        assert!((r.minutes - 300.0).abs() < 1e-9);
        // Resolved five hours after creation: not a first-contact resolution.
        assert_eq!(g.finish(PeriodCounts::default()).first_contact.count, 0);
    }
}
