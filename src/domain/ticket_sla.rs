//! A ticket's SLA from its history: the clocks' events, the full state, what the
//! tickets table caches of it (the deadlines and the report's clocks and facts), and
//! the `sla` a list shows, read from that cache. Pure: `now` is an argument.

use crate::domain::settings::{Settings, Terms};
use crate::domain::sla::{self as slad, Phase, SlaEvent, SlaState, SlaStatus};
use crate::domain::ticket::{Event, Priority, Status, Ticket, action};
use chrono::{DateTime, TimeZone, Utc};

/// The cached SLA figures of one ticket, with what the report reads of its history
/// (see the tickets table).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SlaCache {
    pub first_response_at: Option<DateTime<Utc>>,
    pub response_due: Option<DateTime<Utc>>,
    pub resolve_due: Option<DateTime<Utc>>,
    pub breached: bool,
    pub generation: i64,
    pub report: ReportCache,
}

/// What the report reads of a ticket's history, cached with its SLA figures (and
/// handed to the report with its row, [`crate::domain::classify::TicketRow`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReportCache {
    /// Service seconds of the response clock, once it stopped.
    pub response_secs: Option<i64>,
    /// Service seconds of the resolution clock, while resolved or closed.
    pub resolve_secs: Option<i64>,
    pub first_resolved_at: Option<DateTime<Utc>>,
    pub last_resolved_at: Option<DateTime<Utc>>,
    pub ever_escalated: bool,
    pub ever_reopened: bool,
}

/// The `next_due` of a ticket with no running clock: sorts after every real deadline.
pub const NO_DUE: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

impl SlaCache {
    /// The queue's sort key: the nearest running deadline (unix seconds), or `NO_DUE`.
    pub fn next_due(&self) -> i64 {
        [self.response_due, self.resolve_due]
            .iter()
            .flatten()
            .map(|t| t.timestamp())
            .min()
            .unwrap_or(NO_DUE)
    }
}

pub fn phase(s: Status) -> Phase {
    match s {
        Status::New => Phase::New,
        Status::Open => Phase::Open,
        Status::Waiting => Phase::Waiting,
        Status::Resolved => Phase::Resolved,
        Status::Closed => Phase::Closed,
        Status::Cancelled => Phase::Cancelled,
    }
}

/// The events that matter to the SLA clocks.
pub fn sla_events(events: &[Event]) -> Vec<SlaEvent> {
    events
        .iter()
        .map(|e| SlaEvent {
            at: e.at,
            response: action::is_response(&e.action),
            phase: e.status.map(phase),
        })
        .collect()
}

/// The full SLA state of a ticket from its history, as of `now`.
pub fn evaluate_sla<Tz: TimeZone>(
    settings: &Settings,
    tz: &Tz,
    t: &Ticket,
    events: &[Event],
    now: DateTime<Utc>,
) -> SlaState {
    let terms = settings.terms(t.org.as_deref());
    slad::evaluate(
        terms.calendar(t.priority),
        tz,
        terms.targets(t.priority),
        t.created_at,
        &sla_events(events),
        now,
    )
}

/// What the tickets table caches of a ticket's history: the SLA deadlines as of `now`
/// and the report's clocks and facts (see the tickets table in the schema).
pub fn sla_cache<Tz: TimeZone>(
    settings: &Settings,
    tz: &Tz,
    t: &Ticket,
    events: &[Event],
    now: DateTime<Utc>,
    generation: i64,
) -> SlaCache {
    let s = evaluate_sla(settings, tz, t, events, now);
    // The history is in the order things happened: the first and last resolve bound it.
    let is_resolve = |e: &&Event| e.action == action::RESOLVE;
    let first_resolved_at = events.iter().find(is_resolve).map(|e| e.at);
    let last = events.iter().rposition(|e| e.action == action::RESOLVE);
    let last_resolved_at = last.map(|i| events[i].at);
    let did = |what: &str| events.iter().any(|e| e.action == what);
    // The clock read now is the clock at the last resolve only if the ticket stayed
    // resolved or closed since (an imported history may move it otherwise).
    let stayed = last.is_some_and(|i| {
        events[i + 1..].iter().all(|e| {
            e.status
                .is_none_or(|st| matches!(st, Status::Resolved | Status::Closed))
        })
    });
    SlaCache {
        first_response_at: s.first_response_at,
        response_due: s.response_due,
        resolve_due: s.resolve_due,
        breached: s.response_breached || s.resolve_breached,
        generation,
        report: ReportCache {
            // A stopped clock read at `now` is the clock at the moment it stopped.
            response_secs: s.first_response_at.map(|_| s.response_elapsed),
            // Only when no resolve lies after `now`: the evaluation saw the last one.
            resolve_secs: (s.resolved && stayed && last_resolved_at.is_some_and(|at| at <= now))
                .then_some(s.resolve_elapsed),
            first_resolved_at,
            last_resolved_at,
            ever_escalated: did(action::ESCALATE),
            ever_reopened: did(action::REOPEN),
        },
    }
}

/// The `sla` of a ticket as of `now`: from its cached deadlines, or, when the cache was
/// made under other settings than `generation`, from its `history` (which the store
/// hands over for exactly those tickets; `None` reads as no history). `lines`
/// remembers, per priority and clock, from which deadline on a running clock is no
/// longer at risk, for many tickets at the same `now`.
pub fn sla_status<Tz: TimeZone>(
    settings: &Settings,
    generation: i64,
    tz: &Tz,
    t: &Ticket,
    history: Option<&[Event]>,
    now: DateTime<Utc>,
    lines: &mut RiskLines,
) -> SlaStatus {
    if t.sla_generation != generation {
        return evaluate_sla(settings, tz, t, history.unwrap_or_default(), now).status;
    }
    status_from_cache(settings, tz, t, now, lines)
}

/// A running clock is at risk when less than a quarter of its target is left in
/// service time: `4 × service_seconds(now, due) < target`. Service time from `now`
/// only grows with the deadline, so that holds exactly for the deadlines before the
/// instant at which `ceil(target / 4)` service seconds have passed since `now`: one
/// calendar walk per set of terms, priority and clock instead of one per ticket.
/// `None` inside: the calendar has no service ahead, and every running clock is at risk.
#[derive(Debug, Default)]
pub struct RiskLines {
    /// By [`Terms::index`].
    lines: Vec<Lines>,
}

/// Per priority and clock, the line once worked out.
type Lines = [[Option<Option<DateTime<Utc>>>; 2]; 4];

impl RiskLines {
    /// Whether the clock (`0` response, `1` resolution) of a ticket of priority `p`
    /// held to `terms`, running towards `due`, is at risk at `now`.
    pub fn at_risk<Tz: TimeZone>(
        &mut self,
        terms: &Terms,
        tz: &Tz,
        p: Priority,
        clock: usize,
        now: DateTime<Utc>,
        due: DateTime<Utc>,
    ) -> bool {
        if self.lines.len() <= terms.index {
            self.lines.resize(terms.index + 1, Default::default());
        }
        let line = *self.lines[terms.index][p as usize][clock].get_or_insert_with(|| {
            let targets = terms.targets(p);
            let target = if clock == 0 {
                targets.response
            } else {
                targets.resolve
            };
            let quarter = if target > 0 { (target + 3) / 4 } else { 0 };
            terms.calendar(p).add_service(tz, now, quarter)
        });
        line.is_none_or(|line| due < line)
    }
}

fn status_from_cache<Tz: TimeZone>(
    settings: &Settings,
    tz: &Tz,
    t: &Ticket,
    now: DateTime<Utc>,
    lines: &mut RiskLines,
) -> SlaStatus {
    if t.status == Status::Cancelled {
        return SlaStatus::None;
    }
    let overdue = |d: Option<DateTime<Utc>>| d.is_some_and(|d| d < now);
    if t.sla_breached || overdue(t.response_due) || overdue(t.resolve_due) {
        return SlaStatus::Breached;
    }
    match t.status {
        Status::Resolved | Status::Closed => return SlaStatus::Met,
        Status::Waiting => return SlaStatus::Paused,
        _ => {}
    }
    let terms = settings.terms(t.org.as_deref());
    let mut at_risk = |due: Option<DateTime<Utc>>, clock: usize| {
        due.is_some_and(|d| lines.at_risk(terms, tz, t.priority, clock, now, d))
    };
    if at_risk(t.response_due, 0) || at_risk(t.resolve_due, 1) {
        SlaStatus::AtRisk
    } else {
        SlaStatus::Ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use chrono_tz::Europe::Helsinki;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ev(at: &str, action: &str, status: Option<Status>) -> Event {
        Event {
            at: utc(at),
            recorded_at: utc(at),
            actor: "ana".into(),
            action: action.into(),
            detail: None,
            status,
            recorded_by: None,
        }
    }

    /// Mon 5 Jan 2026, 08:00 local (06:00Z): a P3 ticket, default calendar
    /// (mon–fri 07:30–16:00 Helsinki).
    fn ticket() -> Ticket {
        Ticket::new("Printer jams".into(), utc("2026-01-05T06:00:00Z"))
    }

    #[test]
    fn risk_lines_decide_as_the_calendar_walk_does() {
        let settings = Settings::new(&[("holidays".into(), "2026-01-06".into())]);
        // The zone as desk's own commands wrap it (the same answers, remembered).
        let tz = crate::domain::time::MemoZone::new(Helsinki);
        // Friday afternoon before a weekend and a holiday Tuesday, with a fraction of
        // a second as a real clock has; and a Monday morning before service starts.
        for now in [utc("2026-01-02T13:17:42.250Z"), utc("2026-01-05T04:00:00Z")] {
            let mut lines = RiskLines::default();
            for &p in Priority::ALL.iter() {
                let cal = settings.calendar(p);
                let targets = settings.targets(p);
                for (clock, target) in [(0, targets.response), (1, targets.resolve)] {
                    // Every 7 minutes for ten days, and a second either side of each:
                    // past the line of every priority (the last one, P4's resolve,
                    // lies 20 service hours out: Thursday, from either clock).
                    let mut lined_last = true;
                    for step in 0..(10 * 24 * 60 / 7) {
                        for nudge in [-1, 0, 1] {
                            let due = now + Duration::seconds(step * 420 + nudge);
                            let walked = cal.service_seconds(&tz, now, due) * 4 < target;
                            let lined =
                                lines.at_risk(settings.terms(None), &tz, p, clock, now, due);
                            assert_eq!(lined, walked, "{p:?} clock {clock} now {now} due {due}");
                            lined_last = lined;
                        }
                    }
                    assert!(
                        !lined_last,
                        "{p:?} clock {clock}: the line lies past ten days"
                    );
                }
            }
        }
    }

    #[test]
    fn the_report_cache_holds_the_stopped_clocks_and_the_facts() {
        let settings = Settings::new(&[]);
        let t = ticket();
        let now = utc("2026-01-20T12:00:00Z");
        let events = [
            ev("2026-01-05T06:00:00Z", action::CREATE, Some(Status::New)),
            ev("2026-01-05T06:30:00Z", action::ESCALATE, Some(Status::New)),
            ev("2026-01-05T07:00:00Z", action::ASSIGN, Some(Status::Open)),
            // 08:00–10:00 local on Monday: the response clock stopped at 30 min.
            ev(
                "2026-01-05T08:00:00Z",
                action::RESOLVE,
                Some(Status::Resolved),
            ),
            ev("2026-01-06T08:00:00Z", action::CLOSE, Some(Status::Closed)),
        ];
        let c = sla_cache(&settings, &Helsinki, &t, &events, now, 7);
        assert_eq!(c.generation, 7);
        assert_eq!(c.first_response_at, Some(utc("2026-01-05T06:30:00Z")));
        assert_eq!(c.report.response_secs, Some(30 * 60));
        assert_eq!(c.report.resolve_secs, Some(2 * 3600));
        assert_eq!(
            c.report.first_resolved_at,
            Some(utc("2026-01-05T08:00:00Z"))
        );
        assert_eq!(c.report.last_resolved_at, c.report.first_resolved_at);
        assert!(c.report.ever_escalated && !c.report.ever_reopened);

        // Still open: no resolution clock to keep, no response yet.
        let c = sla_cache(&settings, &Helsinki, &t, &events[..1], now, 7);
        assert_eq!(
            (c.report.response_secs, c.report.resolve_secs),
            (None, None)
        );
        assert_eq!(
            (c.report.first_resolved_at, c.report.ever_escalated),
            (None, false)
        );

        // An imported history that moves the ticket back to open without a reopen
        // and closes it again: the clock ran after the resolve, so the cache holds
        // none (the report replays the history).
        let mut odd = events[..4].to_vec();
        odd.push(ev("2026-01-06T08:00:00Z", action::EDIT, Some(Status::Open)));
        odd.push(ev(
            "2026-01-06T09:00:00Z",
            action::CLOSE,
            Some(Status::Closed),
        ));
        let c = sla_cache(&settings, &Helsinki, &t, &odd, now, 7);
        assert_eq!(c.report.resolve_secs, None);
        assert_eq!(c.report.response_secs, Some(30 * 60));

        // A resolve after `now` is not seen by the clocks: no cached resolution.
        let early = utc("2026-01-05T07:30:00Z");
        let c = sla_cache(&settings, &Helsinki, &t, &events[..4], early, 7);
        assert_eq!(c.report.resolve_secs, None);
    }
}
