//! CSV rows: spreadsheet column names, dates, statuses and priorities mapped to
//! the JSON tree, so one validator serves both formats.

use crate::domain::duration::Span;
use crate::domain::ticket::TicketField;
use crate::domain::time::{local_to_utc, rfc3339};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use std::borrow::Cow;

use super::*;

/// The spreadsheet names that mean a ticket field in a CSV column. Names are compared
/// folded: lower case, letters and digits only.
pub(super) fn csv_names(f: TicketField) -> &'static [&'static str] {
    use TicketField as F;
    match f {
        F::Id => &[
            "id",
            "ticket",
            "ticketid",
            "ticketno",
            "ticketnumber",
            "number",
            "no",
            "nr",
            "tiketti",
        ],
        F::Kind => &["kind", "type", "tickettype", "issuetype", "tyyppi"],
        F::Title => &[
            "title",
            "subject",
            "summary",
            "shortdescription",
            "topic",
            "headline",
            "otsikko",
            "aihe",
        ],
        F::Description => &[
            "description",
            "body",
            "details",
            "detail",
            "text",
            "message",
            "content",
            "kuvaus",
        ],
        F::Status => &["status", "state", "tila"],
        F::Priority => &["priority", "prio", "severity", "prioriteetti"],
        F::Impact => &["impact", "vaikutus"],
        F::Urgency => &["urgency", "kiireellisyys"],
        F::Tier => &["tier", "level", "supportlevel", "taso"],
        F::Assignee => &[
            "assignee",
            "assignedto",
            "owner",
            "agent",
            "handler",
            "technician",
            "käsittelijä",
        ],
        F::Requester => &[
            "requester",
            "name",
            "reporter",
            "requestedby",
            "reportedby",
            "caller",
            "contact",
            "submitter",
            "enduser",
            "user",
            "pyytäjä",
            "ilmoittaja",
            "nimi",
        ],
        F::Email => &["email", "mail", "emailaddress", "sähköposti"],
        F::Phone => &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "phonenumber",
            "puhelin",
        ],
        F::Org => &[
            "org",
            "organisation",
            "organization",
            "company",
            "customer",
            "department",
            "organisaatio",
            "yritys",
            "asiakas",
        ],
        F::Location => &["location", "site", "office", "room", "sijainti"],
        F::Category => &["category", "kategoria", "luokka"],
        F::Ci => &[
            "ci",
            "configurationitem",
            "device",
            "asset",
            "computer",
            "hostname",
            "laite",
        ],
        F::Channel => &["channel", "source", "via", "kanava"],
        F::Tags => &["tags", "tag", "labels", "keywords", "tunnisteet"],
        F::CreatedAt => &[
            "createdat",
            "created",
            "date",
            "opened",
            "openedat",
            "createdon",
            "datecreated",
            "submitted",
            "reported",
            "luotu",
            "päivämäärä",
            "pvm",
        ],
        F::UpdatedAt => &[
            "updatedat",
            "updated",
            "modified",
            "lastmodified",
            "lastupdated",
            "muokattu",
        ],
        F::FirstResponseAt => &["firstresponseat", "firstresponse"],
        F::ResolvedAt => &[
            "resolvedat",
            "resolved",
            "solved",
            "dateresolved",
            "ratkaistu",
        ],
        F::ClosedAt => &["closedat", "closed", "dateclosed", "suljettu"],
        F::ResponseDue => &["responsedue"],
        F::ResolveDue => &["resolvedue"],
        F::Sla => &["sla"],
        F::Resolution => &["resolution", "solution", "fix", "ratkaisu"],
        F::KbArticle => &["kbarticle", "kb", "article"],
        F::TimeSpent => &["timespent", "minutes", "worktime", "työaika"],
        F::DedupKey => &["dedupkey"],
        F::Occurrences => &["occurrences"],
        F::Escalations => &["escalations"],
        F::Reopens => &["reopens"],
    }
}

pub(super) fn fold_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which ticket field each CSV column fills (None: ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct CsvMapping {
    pub columns: Vec<Option<&'static str>>,
    pub headers: Vec<String>,
}

impl CsvMapping {
    /// From the header row. Fails when no column holds the title or two name the same
    /// field.
    pub fn from_headers<'h>(
        headers: impl IntoIterator<Item = &'h str>,
    ) -> Result<CsvMapping, String> {
        let headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
        let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            let folded = fold_name(h);
            let field = if h == "#" {
                Some("id")
            } else {
                TicketField::ALL
                    .iter()
                    .find(|&&f| csv_names(f).contains(&folded.as_str()))
                    .map(|f| f.as_str())
            };
            if let Some(f) = field
                && let Some(j) = columns.iter().position(|c| *c == Some(f))
            {
                return Err(format!(
                    "columns {:?} and {:?} both mean {f}",
                    headers[j], headers[i]
                ));
            }
            columns.push(field);
        }
        if !columns.contains(&Some("title")) {
            return Err(
                "no column holds the title (looked for title, subject, summary, otsikko)".into(),
            );
        }
        Ok(CsvMapping { columns, headers })
    }

    /// `column "Subject" → title` for each column not named as its field, and the
    /// ignored columns. Nothing for a file that uses desk's own names.
    pub fn describe(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter_map(|(h, c)| match c {
                Some(f) if h == f => None,
                Some(f) => Some(format!("column {h:?} → {f}")),
                None => Some(format!(
                    "column {h:?} ignored (no ticket field by that name)"
                )),
            })
            .collect()
    }

    /// The column a field came from, for messages.
    pub fn column_of(&self, field: &str) -> Option<&str> {
        let base = field.split(['[', '.']).next().unwrap_or(field);
        self.columns
            .iter()
            .position(|c| *c == Some(base))
            .map(|i| self.headers[i].as_str())
    }
}

/// One CSV row as a ticket. Spreadsheet spellings are mapped first: local dates
/// (`YYYY-MM-DD[ HH:MM]`, `DD.MM.YYYY[ HH:MM]`, RFC 3339), status, priority, kind and
/// channel words, tags separated by commas, time as minutes or `1h30m`.
pub fn ticket_from_csv<Tz: TimeZone>(
    m: &CsvMapping,
    row: &[&str],
    tz: &Tz,
    d: Defaults,
) -> Result<TicketRecord, FieldError> {
    let mut b = Builder::new(d);
    for (i, col) in m.columns.iter().enumerate() {
        let Some(field) = col else { continue };
        let raw = row.get(i).copied().unwrap_or("");
        if raw.trim().is_empty() {
            continue;
        }
        b.set(field, &csv_value(field, raw, tz)?)?;
    }
    b.ticket()
}

pub(super) fn csv_value<'a, Tz: TimeZone>(field: &str, raw: &'a str, tz: &Tz) -> Res<Json<'a>> {
    let t = raw.trim();
    let word = || t.to_lowercase();
    let mapped = |v: Option<&'static str>| -> Res<Json<'a>> {
        v.map(|s| Json::Str(Cow::Borrowed(s))).ok_or_else(|| {
            FieldError::new(field, format!("invalid value {t:?}{}", accepted(field)))
        })
    };
    Ok(match field {
        "id" => Json::Int(
            crate::domain::ticket::parse_id(t)
                .ok_or_else(|| FieldError::new(field, format!("invalid value {t:?}")))?,
        ),
        "tier" | "kb_article" | "occurrences" | "escalations" | "reopens" => {
            let t = t.strip_prefix('#').unwrap_or(t);
            Json::Int(t.parse().map_err(|_| {
                FieldError::new(
                    field,
                    format!("invalid value {t:?}: expected a whole number"),
                )
            })?)
        }
        "time_spent" => Json::Int(match t.parse::<i64>() {
            Ok(n) => n,
            Err(_) => Span::parse(t).map(|s| s.wall_seconds() / 60).map_err(|_| {
                FieldError::new(
                    field,
                    format!("invalid value {t:?}: minutes, or a duration like 1h30m"),
                )
            })?,
        }),
        "created_at" | "updated_at" | "first_response_at" | "resolved_at" | "closed_at"
        | "response_due" | "resolve_due" => {
            let when = spreadsheet_time(t, tz).ok_or_else(|| {
                FieldError::new(
                    field,
                    format!(
                        "invalid date {t:?}: use YYYY-MM-DD HH:MM, YYYY-MM-DD, DD.MM.YYYY HH:MM, DD.MM.YYYY or RFC 3339"
                    ),
                )
            })?;
            Json::Str(Cow::Owned(rfc3339(when)))
        }
        "status" => mapped(spreadsheet_status(&word()))?,
        "priority" => mapped(spreadsheet_priority(&word()))?,
        "kind" => mapped(match word().as_str() {
            "incident" | "häiriö" | "vika" => Some("incident"),
            "request" | "service request" | "servicerequest" | "palvelupyyntö" => Some("request"),
            "problem" | "ongelma" => Some("problem"),
            _ => None,
        })?,
        "channel" => mapped(match word().replace(['-', '_'], " ").as_str() {
            "phone" | "telephone" | "call" | "puhelin" => Some("phone"),
            "email" | "e mail" | "mail" | "sähköposti" => Some("email"),
            "walk in" | "walkin" | "in person" | "hallway" | "corridor" => Some("walk-in"),
            "portal" | "web" | "web form" | "form" => Some("portal"),
            "chat" | "teams" | "slack" => Some("chat"),
            "monitoring" | "alert" | "alarm" => Some("monitoring"),
            _ => None,
        })?,
        "impact" | "urgency" => mapped(match word().as_str() {
            "high" | "korkea" | "suuri" => Some("high"),
            "medium" | "normal" | "keskitaso" | "normaali" => Some("medium"),
            "low" | "matala" | "pieni" => Some("low"),
            _ => None,
        })?,
        "tags" => Json::Array(
            t.split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Json::Str(Cow::Borrowed(s)))
                .collect(),
        ),
        _ => Json::Str(Cow::Borrowed(raw)),
    })
}

pub(super) fn accepted(field: &str) -> &'static str {
    match field {
        "status" => {
            ": use new, open, waiting, resolved, closed or cancelled (or In progress, On hold, Done...)"
        }
        "priority" => ": use P1..P4, 1..4, or critical, high, medium, low",
        "kind" => ": use incident, request or problem",
        "channel" => ": use phone, email, walk-in, portal, chat or monitoring",
        "impact" | "urgency" => ": use high, medium or low",
        _ => "",
    }
}

/// Status words seen in spreadsheets and other desks' exports.
pub(super) fn spreadsheet_status(w: &str) -> Option<&'static str> {
    let w = w.trim().replace(['-', '_'], " ");
    Some(match w.as_str() {
        "new" | "unassigned" | "submitted" | "queued" | "uusi" => "new",
        "open" | "in progress" | "inprogress" | "assigned" | "active" | "working" | "started"
        | "avoin" | "työn alla" | "käsittelyssä" => "open",
        "waiting" | "pending" | "on hold" | "onhold" | "waiting for customer" | "odottaa" => {
            "waiting"
        }
        "resolved" | "solved" | "fixed" | "ratkaistu" => "resolved",
        "closed" | "done" | "complete" | "completed" | "suljettu" | "valmis" => "closed",
        "cancelled" | "canceled" | "rejected" | "withdrawn" | "duplicate" | "peruttu" => {
            "cancelled"
        }
        _ => return None,
    })
}

pub(super) fn spreadsheet_priority(w: &str) -> Option<&'static str> {
    Some(match w.trim() {
        "p1" | "1" | "critical" | "urgent" | "kriittinen" => "P1",
        "p2" | "2" | "high" | "korkea" => "P2",
        "p3" | "3" | "medium" | "normal" | "moderate" | "normaali" => "P3",
        "p4" | "4" | "low" | "matala" => "P4",
        _ => return None,
    })
}

/// A moment as spreadsheets write it; dates and times without a zone are local.
pub fn spreadsheet_time<Tz: TimeZone>(s: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    any_spreadsheet_time(s, tz).filter(|t| crate::domain::time::storable(*t))
}

pub(super) fn any_spreadsheet_time<Tz: TimeZone>(s: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    if let Some(t) = parse_rfc3339(s) {
        return Some(t);
    }
    const DATETIMES: &[&str] = &[
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y klo %H:%M",
        "%d.%m.%Y %H.%M",
    ];
    if let Some(ndt) = DATETIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(local_to_utc(tz, ndt));
    }
    ["%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .map(|d| local_to_utc(tz, d.and_time(NaiveTime::MIN)))
}
