//! One move of a ticket: the state check of the spec's move table, then what the move
//! does to the ticket's fields (the resets of a reopen, the tier and counter of an
//! escalation, the solution of a resolve). Every command that moves a ticket goes
//! through [`perform`], so a rule is written once.

use crate::domain::ticket::{Move, Status, Ticket, allowed_from, next_status};
use chrono::{DateTime, Utc};
use std::fmt;

/// A move with what it carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// To someone, or back to the queue (`None`).
    Assign {
        to: Option<String>,
    },
    /// To the next tier or a named higher one, and to someone or nobody.
    Escalate {
        tier: Option<u8>,
        to: Option<String>,
    },
    Resolve {
        solution: String,
        at: DateTime<Utc>,
        article: Option<i64>,
    },
    Close {
        at: DateTime<Utc>,
    },
    Reopen,
    Cancel,
    Wait,
    Resume,
}

impl Change {
    /// The move of the state machine this change makes.
    pub fn kind(&self) -> Move {
        match self {
            Change::Assign { to: Some(_) } => Move::Assign,
            Change::Assign { to: None } => Move::Unassign,
            Change::Escalate { to, .. } => Move::Escalate {
                to_someone: to.is_some(),
            },
            Change::Resolve { .. } => Move::Resolve,
            Change::Close { .. } => Move::Close,
            Change::Reopen => Move::Reopen,
            Change::Cancel => Move::Cancel,
            Change::Wait => Move::Wait,
            Change::Resume => Move::Resume,
        }
    }
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The ticket's state does not allow it (exit 4).
    NotAllowed(String),
    /// What was asked for is invalid for this ticket (exit 2).
    Invalid(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotAllowed(m) | Refusal::Invalid(m) => f.write_str(m),
        }
    }
}

/// The status `mv` leads to from the ticket's, or the refusal naming what is allowed.
pub fn check(t: &Ticket, mv: Move) -> Result<Status, Refusal> {
    next_status(t.status, mv, t.assignee.is_some()).ok_or_else(|| {
        Refusal::NotAllowed(format!(
            "cannot {} ticket #{}: it is {} ({} is allowed from {})",
            mv.verb(),
            t.id,
            t.status,
            mv.verb(),
            allowed_from(mv)
        ))
    })
}

/// Checks the move, then makes it: the fields it sets or resets, its counters, and
/// the new status. Nothing changes when it is refused.
pub fn perform(t: &mut Ticket, change: Change) -> Result<Status, Refusal> {
    let mv = change.kind();
    check(t, mv)?;
    match change {
        Change::Assign { to } => t.assignee = to,
        Change::Escalate { tier, to } => {
            let tier = match tier {
                Some(n) if n <= t.tier => {
                    return Err(Refusal::Invalid(format!(
                        "ticket #{} is already at tier {}: --tier must be higher",
                        t.id, t.tier
                    )));
                }
                Some(n) => n,
                None if t.tier >= 3 => {
                    return Err(Refusal::NotAllowed(format!(
                        "ticket #{} is already at tier 3, the highest",
                        t.id
                    )));
                }
                None => t.tier + 1,
            };
            t.tier = tier;
            t.max_tier = t.max_tier.max(tier);
            t.escalations += 1;
            t.assignee = to;
        }
        Change::Resolve {
            solution,
            at,
            article,
        } => {
            t.resolution = Some(solution);
            t.resolved_at = Some(at);
            t.closed_at = None;
            t.kb_article = article;
        }
        Change::Close { at } => t.closed_at = Some(at),
        Change::Reopen => {
            t.reopens += 1;
            t.resolved_at = None;
            t.closed_at = None;
            t.resolution = None;
            t.kb_article = None;
        }
        Change::Cancel | Change::Wait | Change::Resume => {}
    }
    // After the move's own change of assignee (resume and reopen ask who has it).
    let to = check(t, mv)?;
    t.status = to;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(status: Status) -> Ticket {
        let at = DateTime::parse_from_rfc3339("2026-01-05T06:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Ticket {
            id: 7,
            status,
            ..Ticket::new("VPN down".into(), at)
        }
    }

    #[test]
    fn a_refused_move_names_what_is_allowed_and_changes_nothing() {
        let mut t = ticket(Status::Closed);
        let before = t.clone();
        assert_eq!(
            perform(&mut t, Change::Cancel),
            Err(Refusal::NotAllowed(
                "cannot cancel ticket #7: it is closed (cancel is allowed from new, open or waiting)"
                    .into()
            ))
        );
        assert_eq!(t, before);
    }

    #[test]
    fn reopen_clears_the_resolution_and_counts() {
        let mut t = ticket(Status::Resolved);
        t.resolution = Some("restarted".into());
        t.resolved_at = Some(t.created_at);
        t.kb_article = Some(3);
        t.assignee = Some("ana".into());
        assert_eq!(perform(&mut t, Change::Reopen), Ok(Status::Open));
        assert_eq!((t.reopens, t.resolution.as_deref()), (1, None));
        assert_eq!((t.resolved_at, t.kb_article), (None, None));
        t.assignee = None;
        t.status = Status::Closed;
        assert_eq!(perform(&mut t, Change::Reopen), Ok(Status::New));
        assert_eq!(t.reopens, 2);
    }

    #[test]
    fn escalation_moves_up_a_tier_and_counts() {
        let mut t = ticket(Status::New);
        let to = Some("bo".to_string());
        let up = |tier| Change::Escalate {
            tier,
            to: to.clone(),
        };
        assert_eq!(perform(&mut t, up(None)), Ok(Status::Open));
        assert_eq!((t.tier, t.max_tier, t.escalations), (2, 2, 1));
        assert_eq!(t.assignee.as_deref(), Some("bo"));
        assert!(matches!(
            perform(&mut t, up(Some(2))),
            Err(Refusal::Invalid(_))
        ));
        assert_eq!(perform(&mut t, up(Some(3))), Ok(Status::Open));
        assert!(matches!(
            perform(&mut t, up(None)),
            Err(Refusal::NotAllowed(_))
        ));
        assert_eq!((t.tier, t.escalations), (3, 2));
        t.status = Status::Resolved;
        assert!(
            matches!(perform(&mut t, up(Some(3))), Err(Refusal::NotAllowed(m)) if m.starts_with("cannot escalate"))
        );
    }

    #[test]
    fn resolve_sets_the_solution_and_clears_a_close() {
        let mut t = ticket(Status::Waiting);
        t.closed_at = Some(t.created_at);
        let at = t.created_at;
        let done = Change::Resolve {
            solution: "new cable".into(),
            at,
            article: Some(4),
        };
        assert_eq!(perform(&mut t, done), Ok(Status::Resolved));
        assert_eq!(
            (
                t.resolution.as_deref(),
                t.resolved_at,
                t.closed_at,
                t.kb_article
            ),
            (Some("new cable"), Some(at), None, Some(4))
        );
    }
}
