//! Tickets: their enumerations, the state machine of the spec's move table, and the
//! priority matrix of impact × urgency.

use chrono::{DateTime, Utc};
use std::fmt;

/// Enumerations spelled as text: each with its `ALL`, `as_str`, `parse`, `names` and
/// `Display`. One invocation may define several.
macro_rules! string_enum {
    ($($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? })+) => { $(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }

            /// Parses the canonical name, case-insensitively.
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $(if s.eq_ignore_ascii_case($s) { return Some($name::$variant); })+
                None
            }

            /// The value spelled exactly so (JSON keys are case-sensitive): a match on
            /// the names, as fast as the hand-written matches it replaces.
            pub fn named(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }

            /// The valid names, for error messages.
            pub fn names() -> String {
                [$($s),+].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+ };
}

string_enum! {
    /// What kind of ticket.
    Kind { Incident => "incident", Request => "request", Problem => "problem" }
    /// Where a ticket is in its life.
    Status {
        New => "new", Open => "open", Waiting => "waiting", Resolved => "resolved",
        Closed => "closed", Cancelled => "cancelled",
    }
    /// P1 is the most urgent.
    Priority { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" }
    /// Impact and urgency levels.
    Level { High => "high", Medium => "medium", Low => "low" }
    /// How a request came in.
    Channel {
        Phone => "phone", Email => "email", WalkIn => "walk-in", Portal => "portal",
        Chat => "chat", Monitoring => "monitoring",
    }
    /// How two tickets relate. `Child` and `DuplicatedBy` are the other ends of
    /// `Parent` and `Duplicate`, as seen from the linked ticket.
    LinkKind {
        Related => "related", Duplicate => "duplicate", Parent => "parent",
        Child => "child", DuplicatedBy => "duplicated_by",
    }
}

string_enum!(
    /// A ticket's field, as the spec's "Tickets" table lists them and in its order: the
    /// keys of a ticket's JSON object, the CSV columns of `list` and `export`, and the
    /// keys `import` reads. Each format matches on every variant, so a field added here
    /// does not compile until each of them says what it does with it.
    TicketField {
        Id => "id",
        Kind => "kind",
        Title => "title",
        Description => "description",
        Status => "status",
        Priority => "priority",
        Impact => "impact",
        Urgency => "urgency",
        Tier => "tier",
        Assignee => "assignee",
        Requester => "requester",
        Email => "email",
        Phone => "phone",
        Org => "org",
        Location => "location",
        Category => "category",
        Ci => "ci",
        Channel => "channel",
        Tags => "tags",
        CreatedAt => "created_at",
        UpdatedAt => "updated_at",
        FirstResponseAt => "first_response_at",
        ResolvedAt => "resolved_at",
        ClosedAt => "closed_at",
        ResponseDue => "response_due",
        ResolveDue => "resolve_due",
        Sla => "sla",
        Resolution => "resolution",
        KbArticle => "kb_article",
        TimeSpent => "time_spent",
        DedupKey => "dedup_key",
        Occurrences => "occurrences",
        Escalations => "escalations",
        Reopens => "reopens",
    }
);

/// The ticket's field names, in the spec's order ([`TicketField::ALL`] as text).
pub const TICKET_FIELDS: [&str; TicketField::ALL.len()] = {
    let mut names = [""; TicketField::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = TicketField::ALL[i].as_str();
        i += 1;
    }
    names
};

impl Status {
    /// new, open, waiting: the queue.
    pub fn is_active(self) -> bool {
        matches!(self, Status::New | Status::Open | Status::Waiting)
    }
}

impl LinkKind {
    /// The same link seen from the other ticket.
    pub fn inverse(self) -> LinkKind {
        match self {
            LinkKind::Related => LinkKind::Related,
            LinkKind::Duplicate => LinkKind::DuplicatedBy,
            LinkKind::DuplicatedBy => LinkKind::Duplicate,
            LinkKind::Parent => LinkKind::Child,
            LinkKind::Child => LinkKind::Parent,
        }
    }
}

/// The spec's matrix; with neither given a ticket is P3. With only one given, the other
/// counts as medium.
pub fn priority_from(impact: Option<Level>, urgency: Option<Level>) -> Priority {
    use Level::*;
    if impact.is_none() && urgency.is_none() {
        return Priority::P3;
    }
    match (impact.unwrap_or(Medium), urgency.unwrap_or(Medium)) {
        (High, High) => Priority::P1,
        (Medium, High) | (High, Medium) => Priority::P2,
        (Low, High) | (Medium, Medium) | (High, Low) => Priority::P3,
        (Low, Medium) | (Medium, Low) | (Low, Low) => Priority::P4,
    }
}

/// A move of the state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Assign,
    Unassign,
    /// Escalate; `to_someone` when `--to` names who takes it.
    Escalate {
        to_someone: bool,
    },
    Wait,
    Resume,
    Resolve,
    Close,
    Reopen,
    Cancel,
}

impl Move {
    pub fn verb(self) -> &'static str {
        match self {
            Move::Assign => "assign",
            Move::Unassign => "unassign",
            Move::Escalate { .. } => "escalate",
            Move::Wait => "wait",
            Move::Resume => "resume",
            Move::Resolve => "resolve",
            Move::Close => "close",
            Move::Reopen => "reopen",
            Move::Cancel => "cancel",
        }
    }
}

/// The status after `mv` from `from`, or `None` when the spec's table forbids it.
/// `has_assignee` is whether somebody has the ticket after the move's own change of
/// assignee (for resume and reopen: "open, or new if nobody has it").
pub fn next_status(from: Status, mv: Move, has_assignee: bool) -> Option<Status> {
    use Status::*;
    let active = from.is_active();
    match mv {
        Move::Assign if active => Some(if from == Waiting { Waiting } else { Open }),
        Move::Unassign if matches!(from, Open | Waiting) => {
            Some(if from == Waiting { Waiting } else { New })
        }
        Move::Escalate { to_someone } if active => Some(if to_someone { Open } else { New }),
        Move::Wait if matches!(from, New | Open) => Some(Waiting),
        Move::Resume if from == Waiting => Some(if has_assignee { Open } else { New }),
        Move::Resolve if active => Some(Resolved),
        Move::Close if from == Resolved => Some(Closed),
        Move::Reopen if matches!(from, Resolved | Closed) => {
            Some(if has_assignee { Open } else { New })
        }
        Move::Cancel if active => Some(Cancelled),
        _ => None,
    }
}

/// The statuses a move is allowed from, for the error message.
pub fn allowed_from(mv: Move) -> &'static str {
    match mv {
        Move::Assign | Move::Escalate { .. } | Move::Resolve | Move::Cancel => {
            "new, open or waiting"
        }
        Move::Unassign => "open or waiting",
        Move::Wait => "new or open",
        Move::Resume => "waiting",
        Move::Close => "resolved",
        Move::Reopen => "resolved or closed",
    }
}

/// What an event records; the names are stable (they are in `show --format json`).
pub mod action {
    pub const CREATE: &str = "create";
    pub const ASSIGN: &str = "assign";
    pub const UNASSIGN: &str = "unassign";
    pub const ESCALATE: &str = "escalate";
    pub const WAIT: &str = "wait";
    pub const RESUME: &str = "resume";
    pub const RESOLVE: &str = "resolve";
    pub const CLOSE: &str = "close";
    pub const REOPEN: &str = "reopen";
    pub const CANCEL: &str = "cancel";
    pub const COMMENT: &str = "comment";
    pub const NOTE: &str = "note";
    pub const REPLY: &str = "reply";
    pub const LOG: &str = "log";
    pub const LINK: &str = "link";
    pub const EDIT: &str = "edit";
    pub const OCCURRENCE: &str = "occurrence";

    /// Every action, as the events table's CHECK lists them.
    pub const ALL: &[&str] = &[
        CREATE, ASSIGN, UNASSIGN, ESCALATE, WAIT, RESUME, RESOLVE, CLOSE, REOPEN, CANCEL, COMMENT,
        NOTE, REPLY, LOG, LINK, EDIT, OCCURRENCE,
    ];

    /// Whether an event with this action is the desk's first response (the SLA's
    /// response clock stops at the first one).
    pub fn is_response(action: &str) -> bool {
        matches!(action, ASSIGN | ESCALATE | WAIT | RESOLVE | COMMENT)
    }
}

/// One ticket, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub id: i64,
    pub kind: Kind,
    pub title: String,
    pub description: Option<String>,
    pub status: Status,
    pub priority: Priority,
    pub impact: Option<Level>,
    pub urgency: Option<Level>,
    pub tier: u8,
    pub max_tier: u8,
    pub assignee: Option<String>,
    pub requester: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub org: Option<String>,
    pub location: Option<String>,
    pub category: Option<String>,
    pub ci: Option<String>,
    pub channel: Option<Channel>,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub response_due: Option<DateTime<Utc>>,
    pub resolve_due: Option<DateTime<Utc>>,
    /// A clock that has stopped passed its target (breaches never heal).
    pub sla_breached: bool,
    pub resolution: Option<String>,
    pub kb_article: Option<i64>,
    pub time_spent: i64,
    pub dedup_key: Option<String>,
    pub occurrences: i64,
    pub escalations: i64,
    pub reopens: i64,
    /// Which settings the cached SLA figures were computed under.
    pub sla_generation: i64,
}

impl Ticket {
    /// A ticket as `desk new` makes it with no options: an incident, new, P3, tier 1.
    pub fn new(title: String, created_at: DateTime<Utc>) -> Ticket {
        Ticket {
            id: 0,
            kind: Kind::Incident,
            title,
            description: None,
            status: Status::New,
            priority: Priority::P3,
            impact: None,
            urgency: None,
            tier: 1,
            max_tier: 1,
            assignee: None,
            requester: None,
            email: None,
            phone: None,
            org: None,
            location: None,
            category: None,
            ci: None,
            channel: None,
            tags: Vec::new(),
            created_at,
            updated_at: created_at,
            first_response_at: None,
            resolved_at: None,
            closed_at: None,
            response_due: None,
            resolve_due: None,
            sla_breached: false,
            resolution: None,
            kb_article: None,
            time_spent: 0,
            dedup_key: None,
            occurrences: 1,
            escalations: 0,
            reopens: 0,
            sla_generation: 0,
        }
    }
}

/// One entry of a ticket's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
    /// The status after the event, when the event set one.
    pub status: Option<Status>,
    /// Who was really connected when it was written (the OS account on SQLite, the
    /// login on PostgreSQL), beside `actor` (whom `--user` names). The store fills it
    /// in as it writes a command's events; `None` for events written before desk kept
    /// it, and for imported ones whose file did not say.
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub text: String,
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub minutes: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub id: i64,
    pub kind: LinkKind,
}

/// A ticket id as users type it: `42` or `#42`.
pub fn parse_id(s: &str) -> Option<i64> {
    let t = s.trim();
    let t = t.strip_prefix('#').unwrap_or(t);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<i64>().ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_matrix_matches_the_spec() {
        use Level::*;
        let table = [
            (High, High, Priority::P1),
            (Medium, High, Priority::P2),
            (Low, High, Priority::P3),
            (High, Medium, Priority::P2),
            (Medium, Medium, Priority::P3),
            (Low, Medium, Priority::P4),
            (High, Low, Priority::P3),
            (Medium, Low, Priority::P4),
            (Low, Low, Priority::P4),
        ];
        for (impact, urgency, p) in table {
            assert_eq!(
                priority_from(Some(impact), Some(urgency)),
                p,
                "{impact} × {urgency}"
            );
        }
        assert_eq!(priority_from(None, None), Priority::P3);
        assert_eq!(priority_from(Some(High), None), Priority::P2);
        assert_eq!(priority_from(None, Some(Low)), Priority::P4);
    }

    #[test]
    fn moves_follow_the_spec_table() {
        use Status::*;
        let all = Status::ALL;
        let esc = Move::Escalate { to_someone: false };
        let esc_to = Move::Escalate { to_someone: true };
        for &s in all {
            let a = s.is_active();
            assert_eq!(next_status(s, Move::Assign, true).is_some(), a);
            assert_eq!(next_status(s, esc, false).is_some(), a);
            assert_eq!(next_status(s, Move::Resolve, false).is_some(), a);
            assert_eq!(next_status(s, Move::Cancel, false).is_some(), a);
            assert_eq!(next_status(s, Move::Close, false).is_some(), s == Resolved);
            assert_eq!(next_status(s, Move::Resume, false).is_some(), s == Waiting);
            assert_eq!(
                next_status(s, Move::Wait, false).is_some(),
                matches!(s, New | Open)
            );
            assert_eq!(
                next_status(s, Move::Unassign, false).is_some(),
                matches!(s, Open | Waiting)
            );
            assert_eq!(
                next_status(s, Move::Reopen, false).is_some(),
                matches!(s, Resolved | Closed)
            );
        }
        assert_eq!(next_status(New, Move::Assign, true), Some(Open));
        assert_eq!(next_status(Waiting, Move::Assign, true), Some(Waiting));
        assert_eq!(next_status(Open, Move::Unassign, false), Some(New));
        assert_eq!(next_status(Waiting, Move::Unassign, false), Some(Waiting));
        assert_eq!(next_status(Open, esc, false), Some(New));
        assert_eq!(next_status(Waiting, esc_to, true), Some(Open));
        assert_eq!(next_status(Waiting, Move::Resume, true), Some(Open));
        assert_eq!(next_status(Waiting, Move::Resume, false), Some(New));
        assert_eq!(next_status(Closed, Move::Reopen, false), Some(New));
        assert_eq!(next_status(Resolved, Move::Reopen, true), Some(Open));
    }

    #[test]
    fn ids_accept_hash_and_reject_junk() {
        assert_eq!(parse_id("42"), Some(42));
        assert_eq!(parse_id("#42"), Some(42));
        assert_eq!(parse_id(" 7 "), Some(7));
        for bad in ["", "#", "0", "-1", "4x", "##4", "99999999999999999999"] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn link_kinds_invert() {
        for &k in LinkKind::ALL {
            assert_eq!(k.inverse().inverse(), k);
        }
    }
}

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn the_ticket_fields_are_the_specs_in_its_order() {
        assert_eq!(
            TICKET_FIELDS.join(" "),
            "id kind title description status priority impact urgency tier assignee \
             requester email phone org location category ci channel tags created_at \
             updated_at first_response_at resolved_at closed_at response_due resolve_due \
             sla resolution kb_article time_spent dedup_key occurrences escalations reopens"
        );
    }

    #[test]
    fn a_field_is_named_exactly_as_the_spec_spells_it() {
        assert_eq!(
            TicketField::named("kb_article"),
            Some(TicketField::KbArticle)
        );
        assert_eq!(TicketField::named("Title"), None);
        assert_eq!(TicketField::named(" title"), None);
        assert_eq!(TicketField::named("events"), None);
    }
}
