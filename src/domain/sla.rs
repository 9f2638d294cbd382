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
pub fn evaluate<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    targets: Targets,
    created: DateTime<Utc>,
    events: &[SlaEvent],
    now: DateTime<Utc>,
) -> SlaState {
    let tl = Timeline::build(created, events, now);
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
    let response_elapsed = response.num_seconds();
    let resolve_elapsed = resolve.num_seconds();
    let response_running = tl.first_response.is_none();
    let resolve_running = runs(tl.phase);

    let response_due = if response_running {
        cal.add_service(tz, created, targets.response)
    } else {
        None
    };
    let resolve_due = if !resolve_running {
        None
    } else if resolve_elapsed < targets.resolve {
        cal.add_service(tz, now, targets.resolve - resolve_elapsed)
    } else {
        // Already reached: the instant (in the past, or now) at which it was.
        reached_at(cal, tz, &tl, targets.resolve)
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
    }
}

/// The history as stretches for `desk sla ID`: from `created` to `now`, or, if the
/// ticket is resolved, closed or cancelled (and not reopened since), to the moment it
/// became so. Stretches split at every event that starts or stops a clock and, while
/// a clock runs, at service-hour boundaries; a stretch with both clocks standing still
/// is one `Paused` row whatever the calendar says.
pub fn explain<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    targets: Targets,
    created: DateTime<Utc>,
    events: &[SlaEvent],
    now: DateTime<Utc>,
) -> Vec<ExplainRow> {
    // The targets don't change the stretches; they are taken for symmetry with
    // `evaluate`, so that callers pass the same arguments to both.
    let _ = targets;
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
            let mut changes: Vec<&str> = Vec::new();
            let response_running = tl.first_response.is_none();
            if response_running && e.response {
                changes.push("first response");
            }
            let next = e.phase.unwrap_or(tl.phase);
            if runs(tl.phase) != runs(next) {
                changes.push(phase_note(tl.phase, next));
            }
            if !changes.is_empty() {
                if t > cursor {
                    tl.segments.push(Segment {
                        from: cursor,
                        to: t,
                        response: response_running,
                        resolve: runs(tl.phase),
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
            if response_running && e.response {
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
                response: tl.first_response.is_none(),
                resolve: runs(tl.phase),
                note,
            });
        }
        tl
    }
}

/// The earliest instant at which the resolution clock had run `target` service
/// seconds, walking the running segments of the history.
fn reached_at<Tz: TimeZone>(
    cal: &Calendar,
    tz: &Tz,
    tl: &Timeline,
    target: i64,
) -> Option<DateTime<Utc>> {
    if target <= 0 {
        return Some(tl.created);
    }
    let target = TimeDelta::try_seconds(target)?;
    let mut done = TimeDelta::zero();
    for seg in tl.segments.iter().filter(|s| s.resolve) {
        let t = cal.service_time(tz, seg.from, seg.to);
        if done + t >= target {
            return cal.add_service(tz, seg.from, (target - done).num_seconds());
        }
        done += t;
    }
    // Sub-second remainders aside, the clock reached it at the last running moment.
    tl.segments.iter().rev().find(|s| s.resolve).map(|s| s.to)
}
