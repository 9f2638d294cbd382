//! The two SLA clocks of a ticket, derived from its event history.
//!
//! Both clocks run in service time of the ticket's [`Calendar`] from the moment the
//! ticket was created. The response clock stops at the first event that counts as a
//! response; the resolution clock runs while the ticket is `new` or `open` and stands
//! still in `waiting`, `resolved`, `closed` and `cancelled`, resuming where it stood on
//! a return to `new`/`open`. [`evaluate`] reads both clocks as they stand at `now`
//! (events after `now` are ignored, so a report can read them at a past moment) and
//! derives the deadlines and the `sla` status; [`explain`] lays the same history out as
//! stretches with running totals for `desk sla ID`. Pure logic: no I/O, no clock reads.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::calendar::{Calendar, StretchKind};

/// A ticket's status, as far as the SLA is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    New,
    Open,
    Waiting,
    Resolved,
    Closed,
    Cancelled,
}

/// Targets in service seconds.
#[derive(Debug, Clone, Copy)]
pub struct Targets {
    pub response: i64,
    pub resolve: i64,
}

/// One event of a ticket's history, reduced to what the clocks need.
#[derive(Debug, Clone)]
pub struct SlaEvent {
    /// When it happened (the back-dated time, not when it was typed in).
    pub at: DateTime<Utc>,
    /// Counts as a first response (assign, escalate, wait, resolve, public comment).
    pub response: bool,
    /// The status after the event, if the event changed or set it.
    pub phase: Option<Phase>,
}

/// The `sla` field of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaStatus {
    Ok,
    AtRisk,
    Breached,
    Paused,
    Met,
    None,
}

impl SlaStatus {
    /// `ok`, `at_risk`, `breached`, `paused`, `met`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            SlaStatus::Ok => "ok",
            SlaStatus::AtRisk => "at_risk",
            SlaStatus::Breached => "breached",
            SlaStatus::Paused => "paused",
            SlaStatus::Met => "met",
            SlaStatus::None => "none",
        }
    }
}

/// Both clocks as they stand at `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaState {
    pub first_response_at: Option<DateTime<Utc>>,
    /// Service seconds from creation to the first response (or to now while running).
    pub response_elapsed: i64,
    /// Service seconds the resolution clock has run, up to now.
    pub resolve_elapsed: i64,
    /// When the response clock reaches its target; null once the clock stopped.
    pub response_due: Option<DateTime<Utc>>,
    /// When the resolution clock reaches (or reached) its target; null while it
    /// stands still.
    pub resolve_due: Option<DateTime<Utc>>,
    /// The response clock passed its target (strictly).
    pub response_breached: bool,
    /// The resolution clock passed its target (strictly).
    pub resolve_breached: bool,
    pub status: SlaStatus,
    /// Resolved or closed at `now`: the resolution clock stands still at its value.
    pub resolved: bool,
}

/// What a row of [`explain`] was, for the clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExplainKind {
    /// In service hours with at least one clock running.
    Counted,
    /// Outside service hours (a clock would run, but the calendar has no service).
    Outside,
    /// A holiday (a clock would run, but the calendar has no service).
    Holiday,
    /// Neither clock running (waiting, resolved, …), whatever the calendar says.
    Paused,
}

impl ExplainKind {
    /// `counted`, `outside`, `holiday`, `paused`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExplainKind::Counted => "counted",
            ExplainKind::Outside => "outside",
            ExplainKind::Holiday => "holiday",
            ExplainKind::Paused => "paused",
        }
    }
}

/// One stretch of `desk sla ID`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainRow {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub kind: ExplainKind,
    /// The response clock's service seconds after this stretch.
    pub response_total: i64,
    /// The resolution clock's service seconds after this stretch.
    pub resolve_total: i64,
    /// The event(s) that start this stretch, e.g. `created`, `first response`,
    /// `waiting`, `resumed`, `resolved`, `reopened`; None at a service-hour boundary.
    pub note: Option<String>,
}

/// Reads both clocks of a ticket as they stand at `now`.
///
/// `events` should be sorted by `at` (they are sorted again, stably, to be safe);
/// those after `now` are ignored and those before `created` act at `created`. The
/// phase starts as `New`; an event at `created` can set another. The response clock
/// also stands still while the ticket is resolved, closed or cancelled without a
/// response (it records no first response then). Status: `None` when cancelled, else
/// `Breached` when either clock ran past its target, else `Met` when resolved or
/// closed, `Paused` when waiting, `AtRisk` when a running clock has strictly less than
/// a quarter of its target left, else `Ok`.
pub fn evaluate<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    targets: Targets,
    created: DateTime<Utc>,
    events: &[SlaEvent],
    now: DateTime<Utc>,
) -> SlaState {
    let tl = Timeline::build(created, events, now);
    let (response, resolve) = elapsed(cal, tz, &tl);
    let response_elapsed = response.num_seconds();
    let resolve_elapsed = resolve.num_seconds();
    let response_running = tl.response_runs();
    let resolve_running = runs(tl.phase);
    // Deadlines count on from now (or from creation, if asked about an earlier
    // moment); a target already reached gives the instant it was reached.
    let start = now.max(created);
    let response_due = if response_running {
        due(
            cal,
            tz,
            &tl,
            |s| s.response,
            response,
            targets.response,
            start,
        )
    } else {
        None
    };
    let resolve_due = if resolve_running {
        due(cal, tz, &tl, |s| s.resolve, resolve, targets.resolve, start)
    } else {
        None
    };

    let response_breached = response_elapsed > targets.response;
    let resolve_breached = resolve_elapsed > targets.resolve;
    let at_risk = |elapsed: i64, target: i64| {
        4 * (i128::from(target) - i128::from(elapsed)) < i128::from(target)
    };
    let status = match tl.phase {
        Phase::Cancelled => SlaStatus::None,
        _ if response_breached || resolve_breached => SlaStatus::Breached,
        Phase::Resolved | Phase::Closed => SlaStatus::Met,
        Phase::Waiting => SlaStatus::Paused,
        _ if (response_running && at_risk(response_elapsed, targets.response))
            || (resolve_running && at_risk(resolve_elapsed, targets.resolve)) =>
        {
            SlaStatus::AtRisk
        }
        _ => SlaStatus::Ok,
    };
    SlaState {
        first_response_at: tl.first_response,
        response_elapsed,
        resolve_elapsed,
        response_due,
        resolve_due,
        response_breached,
        resolve_breached,
        status,
        resolved: matches!(tl.phase, Phase::Resolved | Phase::Closed),
    }
}

/// Both clocks as they stood at `now`, without the deadlines and status that
/// [`evaluate`] derives from them: what a report reading thousands of clocks needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    pub first_response_at: Option<DateTime<Utc>>,
    /// Service seconds from creation to the first response (or to now while running).
    pub response_elapsed: i64,
    /// Service seconds the resolution clock has run, up to now.
    pub resolve_elapsed: i64,
}

/// Reads both clocks as they stand at `now`, as [`evaluate`] does.
pub fn clocks<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    created: DateTime<Utc>,
    events: &[SlaEvent],
    now: DateTime<Utc>,
) -> Clocks {
    let tl = Timeline::build(created, events, now);
    let (response, resolve) = elapsed(cal, tz, &tl);
    Clocks {
        first_response_at: tl.first_response,
        response_elapsed: response.num_seconds(),
        resolve_elapsed: resolve.num_seconds(),
    }
}

/// The service time each clock ran over the timeline: (response, resolution).
fn elapsed<Tz: TimeZone>(cal: &Calendar, tz: &Tz, tl: &Timeline) -> (TimeDelta, TimeDelta) {
    let mut response = TimeDelta::zero();
    let mut resolve = TimeDelta::zero();
    for seg in &tl.segments {
        if seg.response || seg.resolve {
            let t = cal.service_time(tz, seg.from, seg.to);
            if seg.response {
                response += t;
            }
            if seg.resolve {
                resolve += t;
            }
        }
    }
    (response, resolve)
}

/// The history as stretches for `desk sla ID`: from `created` to `now`, or, if the
/// ticket is resolved, closed or cancelled (and not reopened since), to the moment it
/// became so. Stretches split at every event that starts or stops a clock and, while
/// a clock runs, at service-hour boundaries; a stretch with both clocks standing still
/// is one `Paused` row whatever the calendar says.
pub fn explain<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    created: DateTime<Utc>,
    events: &[SlaEvent],
    now: DateTime<Utc>,
) -> Vec<ExplainRow> {
    let tl = Timeline::build(created, events, now);
    let end = if is_final(tl.phase) {
        tl.final_since.unwrap_or(created)
    } else {
        now
    };
    let mut rows: Vec<ExplainRow> = Vec::new();
    let mut response = TimeDelta::zero();
    let mut resolve = TimeDelta::zero();
    for seg in &tl.segments {
        if seg.from >= end {
            break;
        }
        let to = seg.to.min(end);
        let mut note = Some(seg.note.clone()).filter(|n| !n.is_empty());
        if !seg.response && !seg.resolve {
            rows.push(ExplainRow {
                from: seg.from,
                to,
                kind: ExplainKind::Paused,
                response_total: response.num_seconds(),
                resolve_total: resolve.num_seconds(),
                note,
            });
            continue;
        }
        for st in cal.stretches(tz, seg.from, to) {
            let kind = match st.kind {
                StretchKind::InService => {
                    let len = st.to - st.from;
                    if seg.response {
                        response += len;
                    }
                    if seg.resolve {
                        resolve += len;
                    }
                    ExplainKind::Counted
                }
                StretchKind::Outside => ExplainKind::Outside,
                StretchKind::Holiday => ExplainKind::Holiday,
            };
            rows.push(ExplainRow {
                from: st.from,
                to: st.to,
                kind,
                response_total: response.num_seconds(),
                resolve_total: resolve.num_seconds(),
                note: note.take(),
            });
        }
    }
    rows
}

/// The resolution clock runs in these phases.
fn runs(phase: Phase) -> bool {
    matches!(phase, Phase::New | Phase::Open)
}

/// Resolved, closed or cancelled: the ticket is done unless reopened.
fn is_final(phase: Phase) -> bool {
    matches!(phase, Phase::Resolved | Phase::Closed | Phase::Cancelled)
}

/// What a change of phase did to the resolution clock, in words.
fn phase_note(from: Phase, to: Phase) -> &'static str {
    match to {
        Phase::New | Phase::Open if from == Phase::Waiting => "resumed",
        Phase::New | Phase::Open => "reopened",
        Phase::Waiting => "waiting",
        Phase::Resolved => "resolved",
        Phase::Closed => "closed",
        Phase::Cancelled => "cancelled",
    }
}

/// A piece of the history with both clocks in one state.
struct Segment {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    response: bool,
    resolve: bool,
    /// The events that started it (comma-separated), or empty.
    note: String,
}

/// The history up to `now` cut where a clock starts or stops.
struct Timeline {
    created: DateTime<Utc>,
    segments: Vec<Segment>,
    first_response: Option<DateTime<Utc>>,
    /// The phase at `now`.
    phase: Phase,
    /// When the ticket last became resolved/closed/cancelled from an active phase.
    final_since: Option<DateTime<Utc>>,
}

impl Timeline {
    /// The response clock runs until the first response, and stands still while
    /// the ticket is resolved, closed or cancelled without one.
    fn response_runs(&self) -> bool {
        self.first_response.is_none() && !is_final(self.phase)
    }

    fn build(created: DateTime<Utc>, events: &[SlaEvent], now: DateTime<Utc>) -> Timeline {
        let mut tl = Timeline {
            created,
            segments: Vec::new(),
            first_response: None,
            phase: Phase::New,
            final_since: None,
        };
        if now < created {
            return tl;
        }
        let mut sorted: Vec<&SlaEvent> = events.iter().filter(|e| e.at <= now).collect();
        sorted.sort_by_key(|e| e.at); // stable: same-instant events keep their order
        let mut cursor = created;
        let mut note = String::from("created");
        for e in sorted {
            // An event dated before the ticket existed acts at its creation.
            let t = e.at.max(created);
            let next = e.phase.unwrap_or(tl.phase);
            let first = tl.first_response.is_none() && e.response;
            let response_before = tl.response_runs();
            let response_after = tl.first_response.is_none() && !first && !is_final(next);
            let (resolve_before, resolve_after) = (runs(tl.phase), runs(next));
            let mut changes: Vec<&str> = Vec::new();
            if first {
                changes.push("first response");
            }
            let phase_moved_a_clock =
                resolve_before != resolve_after || (!first && response_before != response_after);
            if next != tl.phase && phase_moved_a_clock {
                changes.push(phase_note(tl.phase, next));
            }
            if !changes.is_empty() {
                if t > cursor {
                    tl.segments.push(Segment {
                        from: cursor,
                        to: t,
                        response: response_before,
                        resolve: resolve_before,
                        note: std::mem::take(&mut note),
                    });
                    cursor = t;
                }
                for c in changes {
                    if !note.is_empty() {
                        note.push_str(", ");
                    }
                    note.push_str(c);
                }
            }
            if first {
                tl.first_response = Some(e.at);
            }
            if is_final(next) && !is_final(tl.phase) {
                tl.final_since = Some(t);
            } else if !is_final(next) {
                tl.final_since = None;
            }
            tl.phase = next;
        }
        if now > cursor {
            tl.segments.push(Segment {
                from: cursor,
                to: now,
                response: tl.response_runs(),
                resolve: runs(tl.phase),
                note,
            });
        }
        tl
    }
}

/// When a running clock reaches `target`: counted on from `start` if it is still
/// ahead, else the earliest instant at which the clock's running segments (those
/// `runs` picks) had added up to it.
fn due<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    tl: &Timeline,
    runs: impl Fn(&Segment) -> bool,
    elapsed: TimeDelta,
    target: i64,
    start: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let target = TimeDelta::try_seconds(target.max(0))?;
    if elapsed < target {
        return cal.add_service_time(tz, start, target - elapsed);
    }
    let mut done = TimeDelta::zero();
    for seg in tl.segments.iter().filter(|s| runs(s)) {
        let t = cal.service_time(tz, seg.from, seg.to);
        if done + t >= target {
            return cal.add_service_time(tz, seg.from, target - done);
        }
        done += t;
    }
    Some(tl.created)
}

#[cfg(test)]
mod tests {
    use super::super::calendar::hel;
    use super::super::duration::Span;
    use super::*;
    use chrono_tz::Europe::Helsinki;

    const H: i64 = 3600;
    const M: i64 = 60;
    /// P3 defaults: 4h response, 24h resolution.
    const P3: Targets = Targets {
        response: 4 * H,
        resolve: 24 * H,
    };

    /// January 2026, Helsinki: Fri 16, Sat 17, Sun 18, Mon 19, Tue 20, Wed 21, Thu 22.
    fn jan(d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        hel(2026, 1, d, h, mi)
    }

    fn workday() -> Calendar {
        Calendar::parse("mon-fri 07:30-16:00", "").unwrap()
    }

    fn ev(at: DateTime<Utc>, response: bool, phase: Option<Phase>) -> SlaEvent {
        SlaEvent {
            at,
            response,
            phase,
        }
    }
    fn assign(at: DateTime<Utc>) -> SlaEvent {
        ev(at, true, Some(Phase::Open))
    }
    fn wait(at: DateTime<Utc>) -> SlaEvent {
        ev(at, true, Some(Phase::Waiting))
    }
    fn resume(at: DateTime<Utc>) -> SlaEvent {
        ev(at, false, Some(Phase::Open))
    }
    fn resolve(at: DateTime<Utc>) -> SlaEvent {
        ev(at, true, Some(Phase::Resolved))
    }
    fn reopen(at: DateTime<Utc>) -> SlaEvent {
        ev(at, false, Some(Phase::Open))
    }
    fn comment(at: DateTime<Utc>) -> SlaEvent {
        ev(at, true, None)
    }

    /// Explain rows as lines: from and to (day of the month and Helsinki time), the
    /// kind, the response and resolution totals, the note.
    fn lines(rows: &[ExplainRow]) -> Vec<String> {
        let when = |t: DateTime<Utc>| t.with_timezone(&Helsinki).format("%d %H:%M:%S");
        let mins = |s: i64| match s % 60 {
            0 => format!("{}m", s / 60),
            _ => format!("{s}s"),
        };
        rows.iter()
            .map(|r| {
                let line = format!(
                    "{} - {} {} {} {}",
                    when(r.from),
                    when(r.to),
                    r.kind.as_str(),
                    mins(r.response_total),
                    mins(r.resolve_total),
                );
                match &r.note {
                    Some(n) => format!("{line} ({n})"),
                    None => line,
                }
            })
            .collect()
    }

    fn eval(
        cal: &Calendar,
        created: DateTime<Utc>,
        events: &[SlaEvent],
        now: DateTime<Utc>,
    ) -> SlaState {
        evaluate(cal, &Helsinki, P3, created, events, now)
    }

    #[test]
    fn friday_afternoon_ticket_is_due_monday_morning() {
        // Created Fri 15:00, nothing done yet, read at 15:30.
        let s = eval(&workday(), jan(16, 15, 0), &[], jan(16, 15, 30));
        // response: 1h Friday (15:00-16:00) + 3h Monday from 07:30 → Mon 10:30
        assert_eq!(s.response_due, Some(jan(19, 10, 30)));
        assert_eq!(s.response_elapsed, 30 * M);
        // resolution 24h: Fri 1h + Mon 8h30 + Tue 8h30 = 18h, + 6h Wed → Wed 13:30
        assert_eq!(s.resolve_due, Some(jan(21, 13, 30)));
        assert_eq!(s.resolve_elapsed, 30 * M);
        assert_eq!(s.first_response_at, None);
        assert_eq!(s.status, SlaStatus::Ok);

        // Monday a holiday: the 3h land on Tuesday → Tue 10:30; resolution:
        // Fri 1h + Tue 8h30 + Wed 8h30 = 18h, + 6h Thu → Thu 13:30
        let cal = Calendar::parse("mon-fri 07:30-16:00", "2026-01-19").unwrap();
        let s = eval(&cal, jan(16, 15, 0), &[], jan(16, 15, 30));
        assert_eq!(s.response_due, Some(jan(20, 10, 30)));
        assert_eq!(s.resolve_due, Some(jan(22, 13, 30)));
    }

    #[test]
    fn waiting_two_service_hours_moves_resolve_due_by_two_service_hours() {
        let cal = workday();
        let created = jan(19, 8, 0); // Mon 08:00, assigned at once
        let now = jan(19, 12, 0);
        // Without waiting: 4h run by 12:00; 20h more: Mon 4h (→16:00), Tue 8h30,
        // Wed 7h30 from 07:30 → Wed 15:00.
        let plain = eval(&cal, created, &[assign(created)], now);
        assert_eq!(plain.resolve_elapsed, 4 * H);
        assert_eq!(plain.resolve_due, Some(jan(21, 15, 0)));
        // Waiting on the customer 09:00-11:00: 1h + 1h = 2h run by 12:00; 22h more:
        // Mon 4h, Tue 8h30, Wed 8h30 (= 21h), Thu 1h → Thu 08:30.
        let events = [assign(created), wait(jan(19, 9, 0)), resume(jan(19, 11, 0))];
        let waited = eval(&cal, created, &events, now);
        assert_eq!(waited.resolve_elapsed, 2 * H);
        assert_eq!(waited.resolve_due, Some(jan(22, 8, 30)));
        // ... which is exactly two service hours after the plain deadline
        // (Wed 15:00 + 1h → 16:00, + 1h Thu from 07:30 → 08:30).
        assert_eq!(
            waited.resolve_due,
            cal.add_service(&Helsinki, plain.resolve_due.unwrap(), 2 * H)
        );
        // While waiting (10:00): paused, no resolve deadline, the clock stood at 1h.
        let paused = eval(&cal, created, &events, jan(19, 10, 0));
        assert_eq!(paused.status, SlaStatus::Paused);
        assert_eq!(paused.resolve_due, None);
        assert_eq!(paused.resolve_elapsed, H);
        assert_eq!(paused.response_due, None);
    }

    #[test]
    fn ticket_spanning_spring_forward() {
        // Helsinki moves from EET (+02) to EEST (+03) on Sun 2026-03-29.
        let cal = workday();
        let created = hel(2026, 3, 27, 14, 0); // Fri 14:00 EET = 12:00 UTC
        let events = [assign(hel(2026, 3, 27, 14, 20))];
        let now = hel(2026, 3, 30, 9, 0); // Mon 09:00 EEST = 06:00 UTC
        let s = eval(&cal, created, &events, now);
        assert_eq!(s.response_elapsed, 20 * M);
        assert_eq!(s.response_due, None);
        // Fri 14:00-16:00 (2h) + Mon 07:30-09:00 (1h30): the lost hour was at night
        assert_eq!(s.resolve_elapsed, 3 * H + 30 * M);
        // 20h30 to go: Mon 7h (→16:00), Tue 8h30 (15h30), Wed 5h → 12:30 EEST
        assert_eq!(s.resolve_due, Some(hel(2026, 4, 1, 12, 30)));
        assert_eq!(
            s.resolve_due,
            Some(Utc.with_ymd_and_hms(2026, 4, 1, 9, 30, 0).unwrap())
        );
    }

    #[test]
    fn ticket_spanning_fall_back() {
        // Helsinki moves from EEST (+03) back to EET (+02) on Sun 2026-10-25.
        let cal = workday();
        let created = hel(2026, 10, 23, 15, 0); // Fri 15:00 EEST = 12:00 UTC
        let now = hel(2026, 10, 26, 9, 0); // Mon 09:00 EET = 07:00 UTC
        let s = eval(&cal, created, &[], now);
        // Fri 1h + Mon 07:30-09:00 1h30 = 2h30 (the extra night hour doesn't count)
        assert_eq!(s.response_elapsed, 2 * H + 30 * M);
        // 1h Friday + 3h Monday from 07:30 EET → 10:30 EET = 08:30 UTC
        assert_eq!(
            s.response_due,
            Some(Utc.with_ymd_and_hms(2026, 10, 26, 8, 30, 0).unwrap())
        );
        // 1h30 of 4h left: more than a quarter
        assert_eq!(s.status, SlaStatus::Ok);
    }

    #[test]
    fn short_friday_and_service_days() {
        let cal = Calendar::parse("mon-thu 08:00-16:00; fri 08:00-14:00", "").unwrap();
        // a service day here is 8h, so a "3d" target is 24h of service
        let resolve = Span::parse("3d").unwrap().service_seconds(&cal);
        assert_eq!(resolve, 24 * H);
        let targets = Targets {
            response: Span::parse("4h").unwrap().service_seconds(&cal),
            resolve,
        };
        let created = jan(22, 12, 0); // Thu 12:00
        let s = evaluate(&cal, &Helsinki, targets, created, &[], created);
        // response 4h: Thu 12:00-16:00 → Thu 16:00
        assert_eq!(s.response_due, Some(jan(22, 16, 0)));
        // resolve 24h: Thu 4h + Fri 6h (short Friday) + Mon 8h = 18h, Tue 6h → 14:00
        assert_eq!(s.resolve_due, Some(jan(27, 14, 0)));
    }

    #[test]
    fn three_service_days_under_the_default_hours() {
        let cal = workday();
        // 3d = 3 × 8h30 = 25h30 of service
        let targets = Targets {
            response: 4 * H,
            resolve: Span::parse("3d").unwrap().service_seconds(&cal),
        };
        assert_eq!(targets.resolve, 25 * H + 30 * M);
        // from Mon 07:30 that is the end of Wednesday's service
        let created = jan(19, 7, 30);
        let s = evaluate(&cal, &Helsinki, targets, created, &[], created);
        assert_eq!(s.resolve_due, Some(jan(21, 16, 0)));
    }

    #[test]
    fn p1_around_the_clock_across_saturday_midnight() {
        let p1 = Targets {
            response: 30 * M,
            resolve: 4 * H,
        };
        let cal = Calendar::parse("24x7", "").unwrap();
        let created = jan(17, 23, 45); // Sat 23:45
        let s = evaluate(&cal, &Helsinki, p1, created, &[], jan(18, 0, 10));
        // 30m from Sat 23:45 → Sun 00:15; 4h → Sun 03:45
        assert_eq!(s.response_due, Some(jan(18, 0, 15)));
        assert_eq!(s.resolve_due, Some(jan(18, 3, 45)));
        // 25m run, 5m left of 30m: less than a quarter (7m30) → at risk
        assert_eq!(s.response_elapsed, 25 * M);
        assert_eq!(s.status, SlaStatus::AtRisk);
    }

    #[test]
    fn back_dated_creation_starts_the_clocks_when_it_happened() {
        let cal = workday();
        // Caught in the corridor at Mon 09:10, typed in at 10:00, assigned back-dated
        // to 09:30.
        let created = jan(19, 9, 10);
        let s = eval(&cal, created, &[assign(jan(19, 9, 30))], jan(19, 10, 0));
        assert_eq!(s.first_response_at, Some(jan(19, 9, 30)));
        assert_eq!(s.response_elapsed, 20 * M); // 09:10 → 09:30
        assert_eq!(s.resolve_elapsed, 50 * M); // 09:10 → 10:00
        // 24h from 09:10 Mon: Mon 6h50, Tue 8h30 (15h20), Wed 8h30 (23h50),
        // Thu 10m → Thu 07:40
        assert_eq!(s.resolve_due, Some(jan(22, 7, 40)));
        assert_eq!(s.resolve_due, cal.add_service(&Helsinki, created, 24 * H));
    }

    #[test]
    fn reopen_continues_the_resolution_clock() {
        let cal = workday();
        let created = jan(19, 8, 0);
        let events = [
            assign(created),
            resolve(jan(19, 10, 0)),
            reopen(jan(20, 8, 0)),
        ];
        // While resolved (Mon 12:00): the clock stands at 2h, met.
        let s = eval(&cal, created, &events, jan(19, 12, 0));
        assert_eq!(s.resolve_elapsed, 2 * H);
        assert_eq!(s.status, SlaStatus::Met);
        assert_eq!((s.response_due, s.resolve_due), (None, None));
        // Reopened Tue 08:00, read at 09:00: 2h + 1h = 3h; 21h to go: Tue 7h (→16:00),
        // Wed 8h30 (15h30), Thu 5h30 → Thu 13:00.
        let s = eval(&cal, created, &events, jan(20, 9, 0));
        assert_eq!(s.resolve_elapsed, 3 * H);
        assert_eq!(s.resolve_due, Some(jan(22, 13, 0)));
        assert_eq!(s.status, SlaStatus::Ok);
        assert_eq!(s.first_response_at, Some(created));
        assert_eq!(s.response_elapsed, 0);
    }

    #[test]
    fn at_risk_exactly_at_the_quarter_boundary() {
        let cal = workday();
        let created = jan(19, 8, 0);
        // 3h run of a 4h response target: exactly a quarter (1h) left → still ok
        let s = eval(&cal, created, &[], jan(19, 11, 0));
        assert_eq!(s.response_elapsed, 3 * H);
        assert_eq!(s.status, SlaStatus::Ok);
        // one second later less than a quarter is left → at risk
        let later = jan(19, 11, 0) + TimeDelta::seconds(1);
        assert_eq!(eval(&cal, created, &[], later).status, SlaStatus::AtRisk);

        // The resolution clock the same way: 24h target, quarter = 6h, so 18h run.
        // Created Mon 07:30 and answered at once: Mon 8h30 + Tue 8h30 + Wed 1h = 18h
        // at Wed 08:30.
        let created = jan(19, 7, 30);
        let events = [assign(created)];
        assert_eq!(
            eval(&cal, created, &events, jan(21, 8, 30)).status,
            SlaStatus::Ok
        );
        let later = jan(21, 8, 30) + TimeDelta::seconds(1);
        let s = eval(&cal, created, &events, later);
        assert_eq!(s.resolve_elapsed, 18 * H + 1);
        assert_eq!(s.status, SlaStatus::AtRisk);
    }

    #[test]
    fn breached() {
        let cal = workday();
        let created = jan(19, 8, 0);
        // exactly at the 4h target: not past it (strictly), but nothing left
        let s = eval(&cal, created, &[], jan(19, 12, 0));
        assert!(!s.response_breached);
        assert_eq!(s.status, SlaStatus::AtRisk);
        // a second later it is breached; the deadline stays where it was
        let s = eval(&cal, created, &[], jan(19, 12, 0) + TimeDelta::seconds(1));
        assert!(s.response_breached);
        assert_eq!(s.status, SlaStatus::Breached);
        assert_eq!(s.response_due, Some(jan(19, 12, 0)));

        // A response that came late (13:00, 5h in) keeps the ticket breached.
        let s = eval(&cal, created, &[assign(jan(19, 13, 0))], jan(20, 10, 0));
        assert_eq!(s.response_elapsed, 5 * H);
        assert!(s.response_breached);
        assert_eq!(s.response_due, None);
        assert_eq!(s.status, SlaStatus::Breached);

        // Resolution past its target: a 2h target, answered at 08:30, waiting
        // 09:00-11:00. The clock ran 08:00-09:00 (1h) and from 11:00, reaching 2h at
        // 12:00 Monday; read Tue 10:00 it has run 1h + 5h (Mon 11-16) + 2h30 (Tue).
        let p = Targets {
            response: 4 * H,
            resolve: 2 * H,
        };
        let events = [
            assign(jan(19, 8, 30)),
            wait(jan(19, 9, 0)),
            resume(jan(19, 11, 0)),
        ];
        let s = evaluate(&cal, &Helsinki, p, created, &events, jan(20, 10, 0));
        assert_eq!(s.resolve_elapsed, 8 * H + 30 * M);
        assert!(s.resolve_breached);
        assert_eq!(s.resolve_due, Some(jan(19, 12, 0)));
        assert_eq!(s.status, SlaStatus::Breached);
        // resolved late is still breached, not met
        let mut late = events.to_vec();
        late.push(resolve(jan(20, 9, 0)));
        let s = evaluate(&cal, &Helsinki, p, created, &late, jan(20, 10, 0));
        assert_eq!(s.status, SlaStatus::Breached);
        assert_eq!(s.resolve_due, None);
    }

    #[test]
    fn met() {
        let cal = workday();
        let created = jan(19, 8, 0);
        let mut events = vec![assign(jan(19, 8, 10)), resolve(jan(19, 10, 0))];
        let s = eval(&cal, created, &events, jan(19, 12, 0));
        assert_eq!(s.status, SlaStatus::Met);
        assert_eq!(s.response_elapsed, 10 * M);
        assert_eq!(s.resolve_elapsed, 2 * H);
        assert_eq!((s.response_due, s.resolve_due), (None, None));
        // closed after verification: still met
        events.push(ev(jan(20, 10, 0), false, Some(Phase::Closed)));
        assert_eq!(
            eval(&cal, created, &events, jan(21, 12, 0)).status,
            SlaStatus::Met
        );
        // resolved on first contact (the resolve event at creation)
        let s = eval(&cal, created, &[resolve(created)], jan(19, 9, 0));
        assert_eq!(s.status, SlaStatus::Met);
        assert_eq!((s.response_elapsed, s.resolve_elapsed), (0, 0));
    }

    #[test]
    fn paused_while_waiting() {
        let cal = workday();
        let created = jan(19, 8, 0);
        let s = eval(&cal, created, &[wait(jan(19, 9, 0))], jan(20, 12, 0));
        assert_eq!(s.status, SlaStatus::Paused);
        assert_eq!(s.first_response_at, Some(jan(19, 9, 0)));
        assert_eq!((s.response_elapsed, s.resolve_elapsed), (H, H));
        assert_eq!((s.response_due, s.resolve_due), (None, None));
    }

    #[test]
    fn cancelled_is_none() {
        let cal = workday();
        let created = jan(19, 8, 0);
        // cancelled at 09:00 without any response: both clocks stand still
        let events = [ev(jan(19, 9, 0), false, Some(Phase::Cancelled))];
        let s = eval(&cal, created, &events, jan(20, 16, 0));
        assert_eq!(s.status, SlaStatus::None);
        assert_eq!((s.response_elapsed, s.resolve_elapsed), (H, H));
        assert_eq!((s.response_due, s.resolve_due), (None, None));
        assert_eq!(s.first_response_at, None);
        // even when a clock had passed its target before
        let events = [ev(jan(19, 15, 0), false, Some(Phase::Cancelled))];
        let s = eval(&cal, created, &events, jan(20, 16, 0));
        assert!(s.response_breached);
        assert_eq!(s.status, SlaStatus::None);
        assert_eq!(s.status.as_str(), "none");
    }

    #[test]
    fn events_after_now_are_ignored() {
        let cal = workday();
        let created = jan(19, 8, 0);
        let events = [assign(jan(19, 9, 0)), resolve(jan(19, 10, 0))];
        // read at 08:30, before anything happened
        let s = eval(&cal, created, &events, jan(19, 8, 30));
        assert_eq!(s.first_response_at, None);
        assert_eq!(s.response_elapsed, 30 * M);
        assert_eq!(s.response_due, Some(jan(19, 12, 0)));
        assert_eq!(s.status, SlaStatus::Ok);
        // read at 09:30: answered, not yet resolved
        let s = eval(&cal, created, &events, jan(19, 9, 30));
        assert_eq!(s.first_response_at, Some(jan(19, 9, 0)));
        assert_eq!(s.resolve_elapsed, 90 * M);
        assert!(s.resolve_due.is_some());
        // read before the ticket existed: clocks at zero, deadlines from creation
        let s = eval(&cal, created, &events, jan(19, 7, 0));
        assert_eq!((s.response_elapsed, s.resolve_elapsed), (0, 0));
        assert_eq!(s.response_due, Some(jan(19, 12, 0)));
        assert_eq!(s.status, SlaStatus::Ok);
    }

    #[test]
    fn odd_histories() {
        let cal = workday();
        let created = jan(19, 8, 0);
        // unsorted events are read in time order
        let events = [resume(jan(19, 11, 0)), wait(jan(19, 9, 0))];
        let s = eval(&cal, created, &events, jan(19, 12, 0));
        assert_eq!((s.response_elapsed, s.resolve_elapsed), (H, 2 * H));
        // an event dated before creation acts at creation
        let s = eval(&cal, created, &[comment(jan(19, 7, 0))], jan(19, 12, 0));
        assert_eq!(s.response_elapsed, 0);
        // the first event at creation sets the initial phase: created waiting
        let s = eval(
            &cal,
            created,
            &[ev(created, false, Some(Phase::Waiting))],
            jan(19, 12, 0),
        );
        assert_eq!(s.status, SlaStatus::Paused);
        assert_eq!(s.resolve_elapsed, 0);
        assert_eq!(s.response_elapsed, 4 * H); // no response yet: still counting
        // only the first response counts
        let events = [comment(jan(19, 9, 0)), comment(jan(19, 10, 0))];
        let s = eval(&cal, created, &events, jan(19, 12, 0));
        assert_eq!(s.first_response_at, Some(jan(19, 9, 0)));
        // zero targets: ok at creation (nothing left is not less than a quarter of
        // nothing), breached as soon as a clock has run at all
        let zero = Targets {
            response: 0,
            resolve: 0,
        };
        let s = evaluate(&cal, &Helsinki, zero, created, &[], created);
        assert_eq!(s.status, SlaStatus::Ok);
        assert_eq!(s.resolve_due, Some(created));
        let s = evaluate(&cal, &Helsinki, zero, created, &[], jan(19, 8, 1));
        assert_eq!(s.status, SlaStatus::Breached);
        // huge targets don't overflow
        let huge = Targets {
            response: i64::MAX,
            resolve: i64::MAX,
        };
        let s = evaluate(&cal, &Helsinki, huge, created, &[], jan(19, 12, 0));
        assert_eq!(s.status, SlaStatus::Ok);
        assert_eq!(s.response_due, None);
        // extreme instants don't panic
        let min = DateTime::<Utc>::MIN_UTC;
        let max = DateTime::<Utc>::MAX_UTC;
        let _ = evaluate(&cal, &Helsinki, P3, min, &[assign(max)], max);
        let _ = evaluate(&cal, &Helsinki, P3, max, &[], min);
        let _ = explain(&cal, &Helsinki, max - TimeDelta::days(3), &[], max);
    }

    #[test]
    fn status_names() {
        let all = [
            (SlaStatus::Ok, "ok"),
            (SlaStatus::AtRisk, "at_risk"),
            (SlaStatus::Breached, "breached"),
            (SlaStatus::Paused, "paused"),
            (SlaStatus::Met, "met"),
            (SlaStatus::None, "none"),
        ];
        for (s, name) in all {
            assert_eq!(s.as_str(), name);
        }
    }

    #[test]
    fn explain_lays_out_the_history() {
        let cal = workday();
        let created = jan(19, 15, 0); // Mon 15:00
        let events = [
            assign(jan(19, 15, 30)),
            comment(jan(19, 15, 45)), // changes no clock: no new row
            wait(jan(20, 8, 0)),
            resume(jan(20, 10, 0)),
            resolve(jan(20, 11, 0)),
            ev(jan(21, 11, 0), false, Some(Phase::Closed)),
        ];
        let rows = explain(&cal, &Helsinki, created, &events, jan(22, 12, 0));
        let want = [
            // both clocks: 30m
            "19 15:00:00 - 19 15:30:00 counted 30m 30m (created)",
            // the response clock stopped at 30m; resolution 30m + 30m
            "19 15:30:00 - 19 16:00:00 counted 30m 60m (first response)",
            "19 16:00:00 - 20 07:30:00 outside 30m 60m",
            // Tue 07:30-08:00: 1h + 30m
            "20 07:30:00 - 20 08:00:00 counted 30m 90m",
            "20 08:00:00 - 20 10:00:00 paused 30m 90m (waiting)",
            // 10:00-11:00: 1h30 + 1h
            "20 10:00:00 - 20 11:00:00 counted 30m 150m (resumed)",
            // ends at the resolve: the rest is the customer's verification
        ];
        assert_eq!(lines(&rows), want);
        // the totals agree with evaluate
        let s = eval(&cal, created, &events, jan(22, 12, 0));
        assert_eq!(s.resolve_elapsed, 150 * M);
        assert_eq!(s.response_elapsed, 30 * M);
    }

    #[test]
    fn explain_reopen_holiday_and_open_tickets() {
        let cal = Calendar::parse("mon-fri 07:30-16:00", "2026-01-20").unwrap(); // Tue off
        let created = jan(19, 15, 0); // Mon 15:00, answered at once
        let events = [
            assign(created),
            resolve(jan(19, 15, 30)),
            reopen(jan(19, 17, 0)),
        ];
        let now = jan(21, 8, 0); // Wed 08:00, still open
        let rows = explain(&cal, &Helsinki, created, &events, now);
        let want = [
            "19 15:00:00 - 19 15:30:00 counted 0m 30m (created, first response)",
            // resolved, then reopened outside hours: the pause is one row
            "19 15:30:00 - 19 17:00:00 paused 0m 30m (resolved)",
            "19 17:00:00 - 20 00:00:00 outside 0m 30m (reopened)",
            "20 00:00:00 - 21 00:00:00 holiday 0m 30m",
            "21 00:00:00 - 21 07:30:00 outside 0m 30m",
            "21 07:30:00 - 21 08:00:00 counted 0m 60m",
        ];
        assert_eq!(lines(&rows), want);
        let s = evaluate(&cal, &Helsinki, P3, created, &events, now);
        assert_eq!(s.resolve_elapsed, H);

        // resolved at creation: nothing to lay out
        let rows = explain(&cal, &Helsinki, created, &[resolve(created)], now);
        assert!(rows.is_empty());
        // cancelled: up to the cancel
        let cancel = ev(jan(19, 15, 20), false, Some(Phase::Cancelled));
        let rows = explain(&cal, &Helsinki, created, &[cancel], now);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].to, jan(19, 15, 20));
        assert_eq!(
            (rows[0].response_total, rows[0].resolve_total),
            (20 * M, 20 * M)
        );
        assert_eq!(ExplainKind::Paused.as_str(), "paused");
    }
}
