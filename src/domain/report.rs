//! The monthly report: pure arithmetic over records the glue has already read
//! from the database and classified (SLA clocks evaluated, first contact
//! decided). No I/O, no clock, no time zone: the same input gives the same
//! [`Report`], and serialising it gives the same bytes.
//!
//! The JSON shape is the contract of SPEC.md, "The monthly report": the
//! fields of [`Report`] serialise to exactly its keys, in its order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// The label under which tickets without a value are counted.
pub const NONE_LABEL: &str = "(none)";

/// Keys of `by_weekday`, Monday first (ISO order, as `heat` rows).
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// How many entries `top_ci` and `top_requesters` hold at most.
pub const TOP_N: usize = 10;

/// One ticket created in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedTicket {
    pub id: i64,
    /// Local time of creation.
    pub created_local: NaiveDateTime,
    pub kind: String,
    pub category: Option<String>,
    pub channel: Option<String>,
    /// `"P1"`..`"P4"`, the current priority.
    pub priority: String,
    pub org: Option<String>,
    pub ci: Option<String>,
    pub requester: Option<String>,
    /// Highest tier reached, 1..=3.
    pub max_tier: u8,
    pub cancelled: bool,
    /// First-contact resolution, already decided by the glue per the spec.
    pub first_contact: bool,
    /// Escalated at least once.
    pub escalated: bool,
}

/// A response clock read at the ticket's first response (in the period).
#[derive(Debug, Clone, PartialEq)]
pub struct ClockSample {
    pub id: i64,
    /// Service minutes, unrounded.
    pub minutes: f64,
    /// Stayed within its target.
    pub met: bool,
}

/// A resolution clock read at the ticket's last resolve event in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionSample {
    pub id: i64,
    /// Service minutes, unrounded.
    pub minutes: f64,
    /// Stayed within its target.
    pub met: bool,
    /// Actor of the ticket's last resolve event in the period.
    pub agent: String,
    /// The ticket has a knowledge-base article linked.
    pub has_article: bool,
}

/// Time logged in the period (an actor may have several entries).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkEntry {
    pub actor: String,
    pub minutes: i64,
}

/// Everything [`compute`] needs, read and classified by the caller (by default: a
/// period with nothing in it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportInput {
    /// Start of the period, local, inclusive.
    pub from: NaiveDate,
    /// End of the period, local, exclusive.
    pub to: NaiveDate,
    pub created: Vec<CreatedTicket>,
    /// Reopen events in the period.
    pub reopened: u64,
    pub backlog_start: u64,
    pub backlog_end: u64,
    /// Tickets whose first response fell in the period.
    pub responses: Vec<ClockSample>,
    /// Tickets resolved in the period, each once.
    pub resolutions: Vec<ResolutionSample>,
    /// Time logged in the period.
    pub work: Vec<WorkEntry>,
    pub articles_created: u64,
}

/// `{ name: count }` whose keys keep the order of the vector when serialised
/// (a JSON object). Each `by_*` map is built already in its final order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts(pub Vec<(String, u64)>);

impl Counts {
    /// The count under `key`, 0 when the key is absent.
    pub fn get(&self, key: &str) -> u64 {
        self.0.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
    }

    /// Sum of all counts.
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }

    /// The largest count, 0 when empty.
    pub fn max(&self) -> u64 {
        self.0.iter().map(|(_, n)| *n).max().unwrap_or(0)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(k, n)| (k.as_str(), *n))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn serialize_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

/// `period`: `to` is exclusive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    #[serde(serialize_with = "serialize_date")]
    pub from: NaiveDate,
    #[serde(serialize_with = "serialize_date")]
    pub to: NaiveDate,
}

/// `first_contact` and `escalated`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub count: u64,
    /// count / (created − cancelled), 4 decimals; 0 when the denominator is 0.
    pub rate: f64,
}

/// `response_minutes` and `resolution_minutes`, 1 decimal each. All three
/// are null when there are no samples (the object itself is always there).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinuteStats {
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sla {
    pub response_met: Option<f64>,
    pub resolution_met: Option<f64>,
    /// Ascending, each once.
    pub breached: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentStats {
    pub resolved: u64,
    pub median_resolution_minutes: Option<f64>,
    pub time_spent: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kb {
    pub articles_created: u64,
    pub resolved_with_article: u64,
}

/// The monthly report. Serialises to the spec's JSON, keys in the spec's
/// order; the `#[serde(skip)]` fields are for the charts only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The organisation a `--org` report is about, for its title (the JSON's caller
    /// named it already).
    #[serde(skip)]
    pub org: Option<String>,
    /// What `first_contact` and `escalated` are shares of (created − cancelled): with
    /// none, the people's formats show "—" where the JSON has the spec's 0.
    #[serde(skip)]
    pub share_base: u64,
    pub period: Period,
    pub created: u64,
    pub resolved: u64,
    pub reopened: u64,
    pub backlog_start: u64,
    pub backlog_end: u64,
    pub by_kind: Counts,
    pub by_category: Counts,
    pub by_channel: Counts,
    pub by_priority: Counts,
    pub by_org: Counts,
    pub by_tier: Counts,
    pub first_contact: Share,
    pub escalated: Share,
    pub response_minutes: MinuteStats,
    pub resolution_minutes: MinuteStats,
    pub sla: Sla,
    pub by_weekday: Counts,
    pub by_hour: Counts,
    pub by_day: Counts,
    pub top_ci: Vec<(String, u64)>,
    pub top_requesters: Vec<(String, u64)>,
    pub by_agent: BTreeMap<String, AgentStats>,
    pub kb: Kb,
    pub time_spent: i64,
    /// Tickets created per weekday (row 0 = Monday) and local hour.
    #[serde(skip)]
    pub heat: [[u64; 24]; 7],
    /// Tickets created per local date, one entry for every date in
    /// `[from, to)`, zeros included, ascending.
    #[serde(skip)]
    pub daily: Vec<(NaiveDate, u64)>,
    /// The titles of the tickets in `sla.breached`, for the people's formats.
    #[serde(skip)]
    pub breached_titles: BTreeMap<i64, String>,
    /// When the report was made (local time), for the HTML page's footer.
    #[serde(skip)]
    pub generated: Option<NaiveDateTime>,
    /// The report of the period before (see [`previous_period`]): beside each headline
    /// figure in the people's formats, and the JSON's `previous` with `--compare`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<Report>>,
}

/// The period a report is compared with: the calendar month before a month's
/// report (`--month`), else the same number of days just before `from`.
pub fn previous_period(from: NaiveDate, to: NaiveDate, month: bool) -> (NaiveDate, NaiveDate) {
    if month && let Some(start) = from.checked_sub_months(chrono::Months::new(1)) {
        return (start, from);
    }
    let days = (to - from).num_days().max(0);
    (
        from.checked_sub_signed(Duration::days(days))
            .unwrap_or(from),
        from,
    )
}

/// Round half away from zero to `decimals` places. A product that lands
/// within 1e-9 of a half (binary representation error, e.g. 0.15) counts
/// as the half, so the result is what a person rounding the decimal would get.
pub fn round_to(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let m = 10f64.powi(decimals);
    let s = x * m;
    let t = s.trunc();
    let r = if ((s - t).abs() - 0.5).abs() < 1e-9 {
        t + s.signum()
    } else {
        s.round()
    };
    let out = r / m;
    if out == 0.0 { 0.0 } else { out }
}

/// `num / den` rounded half away from zero to 4 decimals, computed in
/// integers so that e.g. 1/32 = 0.03125 becomes exactly 0.0313.
pub fn rate(num: u64, den: u64) -> f64 {
    if den == 0 {
        return 0.0;
    }
    let (num, den) = (num as u128, den as u128);
    let scaled = (num * 20_000 + den) / (2 * den);
    scaled as f64 / 10_000.0
}

fn ascending(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Median of values sorted ascending: the middle one, or the mean of the
/// two middle ones for an even count. Unrounded.
fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        None
    } else if n % 2 == 1 {
        Some(sorted[n / 2])
    } else {
        Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0)
    }
}

/// Nearest-rank 90th percentile of values sorted ascending: the
/// ceil(0.9·n)-th smallest (rank computed in integers).
fn p90_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (9 * n).div_ceil(10).max(1);
    Some(sorted[rank - 1])
}

/// Median, rounded to 1 decimal; None for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    median_sorted(&ascending(values)).map(|m| round_to(m, 1))
}

/// Mean, median and nearest-rank p90, each rounded to 1 decimal.
pub fn minute_stats(values: &[f64]) -> MinuteStats {
    let sorted = ascending(values);
    // Summed in ascending order so the mean does not depend on input order.
    let mean = (!sorted.is_empty()).then(|| sorted.iter().sum::<f64>() / sorted.len() as f64);
    MinuteStats {
        mean: mean.map(|m| round_to(m, 1)),
        median: median_sorted(&sorted).map(|m| round_to(m, 1)),
        p90: p90_sorted(&sorted).map(|m| round_to(m, 1)),
    }
}

/// A count by name. Hashed with foldhash (seeded at random: the names are users'
/// words): a month at 1M tickets counts 34,000 tickets seven ways, and SipHash was a
/// tenth of the report's own work.
type Tally = HashMap<String, u64, foldhash::fast::RandomState>;

/// Counts `key` in `map`, allocating the key only the first time it is seen.
fn bump(map: &mut Tally, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// The counts as a [`Counts`] in the keys' order; a missing or blank value was counted
/// under `(none)`.
fn counts(map: Tally) -> Counts {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
    v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Counts(v)
}

/// The key under which a value is counted: `(none)` for a missing or blank one.
fn label(value: Option<&str>) -> &str {
    match value {
        Some(s) if !s.trim().is_empty() => s,
        _ => NONE_LABEL,
    }
}

/// Up to [`TOP_N`] `(name, count)`, most first, ties by name; tickets without a value
/// were skipped.
fn top(map: Tally) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = map.into_iter().collect();
    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(TOP_N);
    list
}

/// The figures of the tickets created in the period, folded one ticket at a time, so
/// that a big month needs no list of its tickets.
#[derive(Debug, Clone)]
pub struct CreatedTally {
    n: u64,
    cancelled: u64,
    first_contact: u64,
    escalated: u64,
    tiers: [u64; 3],
    heat: [[u64; 24]; 7],
    days_of_month: [u64; 32],
    day_present: [bool; 32],
    daily: Vec<(NaiveDate, u64)>,
    kind: Tally,
    category: Tally,
    channel: Tally,
    priority: Tally,
    org: Tally,
    ci: Tally,
    requester: Tally,
}

impl CreatedTally {
    /// Nothing counted yet, for the period `[from, to)`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        let daily: Vec<(NaiveDate, u64)> = dates(from, to).map(|d| (d, 0)).collect();
        let mut day_present = [false; 32];
        for (d, _) in &daily {
            day_present[d.day() as usize] = true;
        }
        CreatedTally {
            n: 0,
            cancelled: 0,
            first_contact: 0,
            escalated: 0,
            tiers: [0; 3],
            heat: [[0; 24]; 7],
            days_of_month: [0; 32],
            day_present,
            daily,
            kind: Tally::default(),
            category: Tally::default(),
            channel: Tally::default(),
            priority: Tally::default(),
            org: Tally::default(),
            ci: Tally::default(),
            requester: Tally::default(),
        }
    }

    /// Counts one ticket.
    pub fn add(&mut self, t: &CreatedTicket) {
        self.n += 1;
        // first_contact / escalated: the counts are literal (every ticket created in
        // the period, cancelled ones included, as the spec defines them); only the
        // rates' denominator leaves the cancelled out.
        self.cancelled += u64::from(t.cancelled);
        self.first_contact += u64::from(t.first_contact);
        self.escalated += u64::from(t.escalated);
        self.tiers[usize::from(t.max_tier.clamp(1, 3)) - 1] += 1;

        // Calendar: weekday, hour, day of month, date.
        let at = t.created_local;
        let wd = at.weekday().num_days_from_monday() as usize;
        self.heat[wd][at.hour() as usize] += 1;
        let dom = at.day() as usize;
        self.days_of_month[dom] += 1;
        // A ticket outside the period (the glue should not send one) still gets its
        // key, so by_day always sums to `created`.
        self.day_present[dom] = true;
        if let Ok(i) = self.daily.binary_search_by(|(d, _)| d.cmp(&at.date())) {
            self.daily[i].1 += 1;
        }

        bump(&mut self.kind, label(Some(&t.kind)));
        bump(&mut self.category, label(t.category.as_deref()));
        bump(&mut self.channel, label(t.channel.as_deref()));
        bump(&mut self.priority, label(Some(&t.priority)));
        bump(&mut self.org, label(t.org.as_deref()));
        for (map, value) in [(&mut self.ci, &t.ci), (&mut self.requester, &t.requester)] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                bump(map, v);
            }
        }
    }

    /// The report of the tickets counted here and those of `input.created`, with the
    /// rest of `input`. Pure: no clock, no I/O.
    pub fn finish(mut self, input: &ReportInput) -> Report {
        for t in &input.created {
            self.add(t);
        }
        report(self, input)
    }
}

/// Every date in `[from, to)`, ascending (empty when `to <= from`).
pub fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let mut next = Some(from);
    std::iter::from_fn(move || {
        let d = next.filter(|d| *d < to)?;
        next = d.checked_add_signed(Duration::days(1));
        Some(d)
    })
}

/// Build the report. Pure: no clock, no I/O.
pub fn compute(input: &ReportInput) -> Report {
    CreatedTally::new(input.from, input.to).finish(input)
}

fn report(tally: CreatedTally, input: &ReportInput) -> Report {
    let t = tally;
    let denominator = t.n - t.cancelled;
    let by_tier = Counts(
        (1..=3)
            .map(|tier| (tier.to_string(), t.tiers[tier - 1]))
            .collect(),
    );
    let heat = t.heat;
    let by_weekday = Counts(
        WEEKDAY_KEYS
            .iter()
            .zip(heat.iter())
            .map(|(k, row)| (k.to_string(), row.iter().sum()))
            .collect(),
    );
    let by_hour = Counts(
        (0..24)
            .map(|h| (h.to_string(), heat.iter().map(|row| row[h]).sum()))
            .collect(),
    );
    let by_day = Counts(
        (1..=31)
            .filter(|&d| t.day_present[d])
            .map(|d| (d.to_string(), t.days_of_month[d]))
            .collect(),
    );

    // Clocks.
    let response_values: Vec<f64> = input.responses.iter().map(|s| s.minutes).collect();
    let resolution_values: Vec<f64> = input.resolutions.iter().map(|s| s.minutes).collect();
    let share_met = |met: usize, n: usize| (n > 0).then(|| rate(met as u64, n as u64));
    let breached: BTreeSet<i64> = input
        .responses
        .iter()
        .filter(|s| !s.met)
        .map(|s| s.id)
        .chain(input.resolutions.iter().filter(|s| !s.met).map(|s| s.id))
        .collect();
    let sla = Sla {
        response_met: share_met(
            input.responses.iter().filter(|s| s.met).count(),
            input.responses.len(),
        ),
        resolution_met: share_met(
            input.resolutions.iter().filter(|s| s.met).count(),
            input.resolutions.len(),
        ),
        breached: breached.into_iter().collect(),
    };

    // Agents: everyone who resolved or logged time.
    let mut resolved_by: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for s in &input.resolutions {
        resolved_by
            .entry(label(Some(&s.agent)).to_string())
            .or_default()
            .push(s.minutes);
    }
    let mut logged_by: BTreeMap<String, i64> = BTreeMap::new();
    for w in &input.work {
        *logged_by
            .entry(label(Some(&w.actor)).to_string())
            .or_default() += w.minutes;
    }
    let names: BTreeSet<&String> = resolved_by.keys().chain(logged_by.keys()).collect();
    let by_agent = names
        .into_iter()
        .map(|name| {
            let mins = resolved_by.get(name).map(Vec::as_slice).unwrap_or(&[]);
            let stats = AgentStats {
                resolved: mins.len() as u64,
                median_resolution_minutes: median(mins),
                time_spent: logged_by.get(name).copied().unwrap_or(0),
            };
            (name.clone(), stats)
        })
        .collect();

    Report {
        org: None,
        share_base: denominator,
        period: Period {
            from: input.from,
            to: input.to,
        },
        created: t.n,
        resolved: input.resolutions.len() as u64,
        reopened: input.reopened,
        backlog_start: input.backlog_start,
        backlog_end: input.backlog_end,
        by_kind: counts(t.kind),
        by_category: counts(t.category),
        by_channel: counts(t.channel),
        by_priority: counts(t.priority),
        by_org: counts(t.org),
        by_tier,
        first_contact: Share {
            count: t.first_contact,
            rate: rate(t.first_contact, denominator),
        },
        escalated: Share {
            count: t.escalated,
            rate: rate(t.escalated, denominator),
        },
        response_minutes: minute_stats(&response_values),
        resolution_minutes: minute_stats(&resolution_values),
        sla,
        by_weekday,
        by_hour,
        by_day,
        top_ci: top(t.ci),
        top_requesters: top(t.requester),
        by_agent,
        kb: Kb {
            articles_created: input.articles_created,
            resolved_with_article: input.resolutions.iter().filter(|s| s.has_article).count()
                as u64,
        },
        time_spent: input.work.iter().map(|w| w.minutes).sum(),
        heat,
        daily: t.daily,
        breached_titles: BTreeMap::new(),
        generated: None,
        previous: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_period_is_the_month_before_or_as_many_days_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // A month: the calendar month before, whatever its length.
        assert_eq!(
            previous_period(d("2024-03-01"), d("2024-04-01"), true),
            (d("2024-02-01"), d("2024-03-01"))
        );
        assert_eq!(
            previous_period(d("2024-01-01"), d("2024-02-01"), true),
            (d("2023-12-01"), d("2024-01-01"))
        );
        // A range: as many days, ending where the period starts.
        assert_eq!(
            previous_period(d("2024-03-01"), d("2024-04-01"), false),
            (d("2024-01-30"), d("2024-03-01"))
        );
        assert_eq!(
            previous_period(d("2024-03-10"), d("2024-03-17"), false),
            (d("2024-03-03"), d("2024-03-10"))
        );
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A ticket from one row of the fixture table; `""` is a missing value.
    /// Flags: c = cancelled, f = first contact, e = escalated.
    fn ticket(
        row: (
            i64,
            &str,
            &str,
            &str,
            &str,
            &str,
            &str,
            &str,
            &str,
            u8,
            &str,
        ),
    ) -> CreatedTicket {
        let (id, when, kind, category, channel, priority, org, ci, requester, max_tier, flags) =
            row;
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        CreatedTicket {
            id,
            created_local: at(when),
            kind: kind.into(),
            category: opt(category),
            channel: opt(channel),
            priority: priority.into(),
            org: opt(org),
            ci: opt(ci),
            requester: opt(requester),
            max_tier,
            cancelled: flags.contains('c'),
            first_contact: flags.contains('f'),
            escalated: flags.contains('e'),
        }
    }

    fn resp(id: i64, minutes: f64, met: bool) -> ClockSample {
        ClockSample { id, minutes, met }
    }

    fn res(id: i64, minutes: f64, met: bool, agent: &str, has_article: bool) -> ResolutionSample {
        ResolutionSample {
            id,
            minutes,
            met,
            agent: agent.into(),
            has_article,
        }
    }

    fn work(actor: &str, minutes: i64) -> WorkEntry {
        WorkEntry {
            actor: actor.into(),
            minutes,
        }
    }

    /// March 2024 (1 March is a Friday). Seven tickets, one cancelled.
    #[rustfmt::skip]
    fn sample() -> ReportInput {
        let created = [
            // id  created (Fri 1, Mon 4, Fri 15, Sun 31, Mon 18)  kind  category  channel  prio  org  ci  requester  tier  flags
            (1, "2024-03-01 08:15", "incident", "printing", "phone",  "P3", "Acme", "PRN-2F",  "ana", 1, "f"),
            (2, "2024-03-04 08:30", "incident", "network",  "email",  "P2", "Acme", "PC-0423", "bob", 2, "e"),
            (3, "2024-03-04 09:05", "request",  "access",   "portal", "P4", "Beta", "",        "ana", 1, "f"),
            (4, "2024-03-04 14:00", "incident", "printing", "phone",  "P3", "",     "PRN-2F",  "cid", 3, "e"),
            // Cancelled although escalated: counted, but not in the denominator.
            (5, "2024-03-15 23:59", "problem",  "",         "",       "P1", "Acme", "PC-0423", "",    1, "ce"),
            // The first minute of the last day.
            (6, "2024-03-31 00:00", "incident", "printing", "chat",   "P3", "Beta", "PRN-2F",  "bob", 1, ""),
            (7, "2024-03-18 10:45", "incident", "network",  "email",  "P2", "Acme", "PC-0423", "dan", 2, "e"),
        ]
        .map(ticket)
        .to_vec();
        ReportInput {
            from: date("2024-03-01"),
            to: date("2024-04-01"),
            created,
            reopened: 1,
            backlog_start: 5,
            backlog_end: 8,
            responses: vec![
                resp(1, 5.0, true),
                resp(2, 40.25, true),
                resp(4, 300.0, false),
            ],
            resolutions: vec![
                res(1, 10.0, true, "ana", true),
                res(3, 20.0, true, "ana", false),
                res(9, 500.0, false, "bob", true),
                res(4, 35.0, false, "bob", false),
            ],
            work: vec![
                work("ana", 30),
                work("eve", 15),
                work("ana", 45),
                work("bob", 60),
            ],
            articles_created: 2,
        }
    }

    fn pairs(c: &Counts) -> Vec<(&str, u64)> {
        c.iter().collect()
    }

    #[test]
    fn headline_counts() {
        let r = compute(&sample());
        assert_eq!(r.period.from, date("2024-03-01"));
        assert_eq!(r.period.to, date("2024-04-01"));
        assert_eq!(r.created, 7); // cancelled #5 included
        assert_eq!(r.resolved, 4); // resolutions.len()
        assert_eq!(r.reopened, 1);
        assert_eq!((r.backlog_start, r.backlog_end), (5, 8));
        // Denominator 7 − 1 cancelled = 6.
        // First contact: #1, #3 → 2/6 = 0.33333… → 0.3333.
        assert_eq!(
            r.first_contact,
            Share {
                count: 2,
                rate: 0.3333
            }
        );
        // Escalated: #2, #4, #5 (cancelled, still counted), #7 → 4/6 = 0.6667.
        assert_eq!(
            r.escalated,
            Share {
                count: 4,
                rate: 0.6667
            }
        );
    }

    #[test]
    fn breakdowns_sorted_by_key_with_none() {
        let r = compute(&sample());
        assert_eq!(
            pairs(&r.by_kind),
            [("incident", 5), ("problem", 1), ("request", 1)]
        );
        // "(none)" sorts first: '(' is below every letter and digit.
        assert_eq!(
            pairs(&r.by_category),
            [
                ("(none)", 1),
                ("access", 1),
                ("network", 2),
                ("printing", 3)
            ]
        );
        assert_eq!(
            pairs(&r.by_channel),
            [
                ("(none)", 1),
                ("chat", 1),
                ("email", 2),
                ("phone", 2),
                ("portal", 1)
            ]
        );
        assert_eq!(
            pairs(&r.by_priority),
            [("P1", 1), ("P2", 2), ("P3", 3), ("P4", 1)]
        );
        assert_eq!(pairs(&r.by_org), [("(none)", 1), ("Acme", 4), ("Beta", 2)]);
        // Tier 1: #1 #3 #5 #6; tier 2: #2 #7; tier 3: #4.
        assert_eq!(pairs(&r.by_tier), [("1", 4), ("2", 2), ("3", 1)]);
    }

    #[test]
    fn calendar_counts() {
        let r = compute(&sample());
        // Fri: #1 (1 Mar), #5 (15 Mar); Mon: #2 #3 #4 (4 Mar), #7 (18 Mar); Sun: #6.
        assert_eq!(
            pairs(&r.by_weekday),
            [
                ("mon", 4),
                ("tue", 0),
                ("wed", 0),
                ("thu", 0),
                ("fri", 2),
                ("sat", 0),
                ("sun", 1)
            ]
        );
        let hours = pairs(&r.by_hour);
        assert_eq!(hours.len(), 24);
        assert_eq!(hours[0], ("0", 1)); // #6 at 00:00
        assert_eq!(hours[8], ("8", 2)); // #1 08:15, #2 08:30
        assert_eq!(hours[9], ("9", 1));
        assert_eq!(hours[10], ("10", 1));
        assert_eq!(hours[14], ("14", 1));
        assert_eq!(hours[23], ("23", 1)); // #5 23:59
        assert_eq!(r.by_hour.total(), 7);
        // March has 31 days: keys "1".."31" in numeric order ("10" after "9").
        let days = pairs(&r.by_day);
        assert_eq!(days.len(), 31);
        assert_eq!(days[8].0, "9");
        assert_eq!(days[9].0, "10");
        assert_eq!(r.by_day.get("1"), 1);
        assert_eq!(r.by_day.get("4"), 3);
        assert_eq!(r.by_day.get("15"), 1);
        assert_eq!(r.by_day.get("18"), 1);
        assert_eq!(r.by_day.get("31"), 1);
        assert_eq!(r.by_day.total(), 7);
        // The skipped fields: heat rows Monday first, daily one per date.
        assert_eq!(r.heat[0][8], 1); // Mon 08: #2
        assert_eq!(r.heat[0][9], 1);
        assert_eq!(r.heat[4][8], 1); // Fri 08: #1
        assert_eq!(r.heat[6][0], 1); // Sun 00: #6
        assert_eq!(r.daily.len(), 31);
        assert_eq!(r.daily[0], (date("2024-03-01"), 1));
        assert_eq!(r.daily[3], (date("2024-03-04"), 3));
        assert_eq!(r.daily[30], (date("2024-03-31"), 1));
    }

    #[test]
    fn clock_statistics() {
        let r = compute(&sample());
        // Responses 5, 40.25, 300 (odd count):
        //   mean 345.25 / 3 = 115.0833… → 115.1
        //   median the middle one, 40.25 → 40.3 (half away from zero)
        //   p90 rank ceil(0.9·3) = ceil(2.7) = 3 → 300.0
        assert_eq!(
            r.response_minutes,
            MinuteStats {
                mean: Some(115.1),
                median: Some(40.3),
                p90: Some(300.0)
            }
        );
        // Resolutions sorted 10, 20, 35, 500 (even count):
        //   mean 565 / 4 = 141.25 → 141.3
        //   median (20 + 35) / 2 = 27.5
        //   p90 rank ceil(0.9·4) = ceil(3.6) = 4 → 500.0
        assert_eq!(
            r.resolution_minutes,
            MinuteStats {
                mean: Some(141.3),
                median: Some(27.5),
                p90: Some(500.0)
            }
        );
        // Response met 2 of 3 = 0.66666… → 0.6667; resolution 2 of 4 = 0.5.
        // Breached: #4 (response), #9 and #4 (resolution) → [4, 9].
        assert_eq!(
            r.sla,
            Sla {
                response_met: Some(0.6667),
                resolution_met: Some(0.5),
                breached: vec![4, 9]
            }
        );
    }

    #[test]
    fn tops_agents_kb_time() {
        let r = compute(&sample());
        // CIs: PRN-2F #1 #4 #6 and PC-0423 #2 #5 #7 tie at 3; "PC…" < "PR…".
        // #3 has no CI and is skipped.
        assert_eq!(
            r.top_ci,
            [("PC-0423".to_string(), 3), ("PRN-2F".to_string(), 3)]
        );
        // ana #1 #3, bob #2 #6 tie at 2; cid, dan 1; #5 has none.
        let req: Vec<(&str, u64)> = r
            .top_requesters
            .iter()
            .map(|(n, c)| (n.as_str(), *c))
            .collect();
        assert_eq!(req, [("ana", 2), ("bob", 2), ("cid", 1), ("dan", 1)]);
        // ana resolved 10, 20 → median 15.0; logged 30 + 45 = 75.
        // bob resolved 500, 35 → median (35 + 500) / 2 = 267.5; logged 60.
        // eve only logged time: 15, no median.
        let agents: Vec<(&str, &AgentStats)> =
            r.by_agent.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            agents,
            [
                (
                    "ana",
                    &AgentStats {
                        resolved: 2,
                        median_resolution_minutes: Some(15.0),
                        time_spent: 75
                    }
                ),
                (
                    "bob",
                    &AgentStats {
                        resolved: 2,
                        median_resolution_minutes: Some(267.5),
                        time_spent: 60
                    }
                ),
                (
                    "eve",
                    &AgentStats {
                        resolved: 0,
                        median_resolution_minutes: None,
                        time_spent: 15
                    }
                ),
            ]
        );
        // #1 and #9 have an article.
        assert_eq!(
            r.kb,
            Kb {
                articles_created: 2,
                resolved_with_article: 2
            }
        );
        assert_eq!(r.time_spent, 30 + 15 + 45 + 60);
    }

    #[test]
    fn json_has_every_key_in_spec_order() {
        let r = compute(&sample());
        let json = serde_json::to_string_pretty(&r).unwrap();
        insta::assert_snapshot!(json, @r#"
            {
              "period": {
                "from": "2024-03-01",
                "to": "2024-04-01"
              },
              "created": 7,
              "resolved": 4,
              "reopened": 1,
              "backlog_start": 5,
              "backlog_end": 8,
              "by_kind": {
                "incident": 5,
                "problem": 1,
                "request": 1
              },
              "by_category": {
                "(none)": 1,
                "access": 1,
                "network": 2,
                "printing": 3
              },
              "by_channel": {
                "(none)": 1,
                "chat": 1,
                "email": 2,
                "phone": 2,
                "portal": 1
              },
              "by_priority": {
                "P1": 1,
                "P2": 2,
                "P3": 3,
                "P4": 1
              },
              "by_org": {
                "(none)": 1,
                "Acme": 4,
                "Beta": 2
              },
              "by_tier": {
                "1": 4,
                "2": 2,
                "3": 1
              },
              "first_contact": {
                "count": 2,
                "rate": 0.3333
              },
              "escalated": {
                "count": 4,
                "rate": 0.6667
              },
              "response_minutes": {
                "mean": 115.1,
                "median": 40.3,
                "p90": 300.0
              },
              "resolution_minutes": {
                "mean": 141.3,
                "median": 27.5,
                "p90": 500.0
              },
              "sla": {
                "response_met": 0.6667,
                "resolution_met": 0.5,
                "breached": [
                  4,
                  9
                ]
              },
              "by_weekday": {
                "mon": 4,
                "tue": 0,
                "wed": 0,
                "thu": 0,
                "fri": 2,
                "sat": 0,
                "sun": 1
              },
              "by_hour": {
                "0": 1,
                "1": 0,
                "2": 0,
                "3": 0,
                "4": 0,
                "5": 0,
                "6": 0,
                "7": 0,
                "8": 2,
                "9": 1,
                "10": 1,
                "11": 0,
                "12": 0,
                "13": 0,
                "14": 1,
                "15": 0,
                "16": 0,
                "17": 0,
                "18": 0,
                "19": 0,
                "20": 0,
                "21": 0,
                "22": 0,
                "23": 1
              },
              "by_day": {
                "1": 1,
                "2": 0,
                "3": 0,
                "4": 3,
                "5": 0,
                "6": 0,
                "7": 0,
                "8": 0,
                "9": 0,
                "10": 0,
                "11": 0,
                "12": 0,
                "13": 0,
                "14": 0,
                "15": 1,
                "16": 0,
                "17": 0,
                "18": 1,
                "19": 0,
                "20": 0,
                "21": 0,
                "22": 0,
                "23": 0,
                "24": 0,
                "25": 0,
                "26": 0,
                "27": 0,
                "28": 0,
                "29": 0,
                "30": 0,
                "31": 1
              },
              "top_ci": [
                [
                  "PC-0423",
                  3
                ],
                [
                  "PRN-2F",
                  3
                ]
              ],
              "top_requesters": [
                [
                  "ana",
                  2
                ],
                [
                  "bob",
                  2
                ],
                [
                  "cid",
                  1
                ],
                [
                  "dan",
                  1
                ]
              ],
              "by_agent": {
                "ana": {
                  "resolved": 2,
                  "median_resolution_minutes": 15.0,
                  "time_spent": 75
                },
                "bob": {
                  "resolved": 2,
                  "median_resolution_minutes": 267.5,
                  "time_spent": 60
                },
                "eve": {
                  "resolved": 0,
                  "median_resolution_minutes": null,
                  "time_spent": 15
                }
              },
              "kb": {
                "articles_created": 2,
                "resolved_with_article": 2
              },
              "time_spent": 150
            }
            "#);
    }

    #[test]
    fn empty_input_has_every_key() {
        let input = ReportInput {
            from: date("2024-02-01"),
            to: date("2024-03-01"),
            ..ReportInput::default()
        };
        let r = compute(&input);
        let v = serde_json::to_value(&r).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "period",
                "created",
                "resolved",
                "reopened",
                "backlog_start",
                "backlog_end",
                "by_kind",
                "by_category",
                "by_channel",
                "by_priority",
                "by_org",
                "by_tier",
                "first_contact",
                "escalated",
                "response_minutes",
                "resolution_minutes",
                "sla",
                "by_weekday",
                "by_hour",
                "by_day",
                "top_ci",
                "top_requesters",
                "by_agent",
                "kb",
                "time_spent"
            ]
        );
        assert_eq!(v["first_contact"]["rate"].to_string(), "0.0");
        assert_eq!(v["by_day"].as_object().unwrap().len(), 29); // leap February
        assert_eq!(v["by_hour"].as_object().unwrap().len(), 24);
        assert_eq!(r.daily.len(), 29);
        let json = serde_json::to_string_pretty(&r).unwrap();
        let head = json.split("\"by_weekday\"").next().unwrap();
        insta::assert_snapshot!(head, @r#"
            {
              "period": {
                "from": "2024-02-01",
                "to": "2024-03-01"
              },
              "created": 0,
              "resolved": 0,
              "reopened": 0,
              "backlog_start": 0,
              "backlog_end": 0,
              "by_kind": {},
              "by_category": {},
              "by_channel": {},
              "by_priority": {},
              "by_org": {},
              "by_tier": {
                "1": 0,
                "2": 0,
                "3": 0
              },
              "first_contact": {
                "count": 0,
                "rate": 0.0
              },
              "escalated": {
                "count": 0,
                "rate": 0.0
              },
              "response_minutes": {
                "mean": null,
                "median": null,
                "p90": null
              },
              "resolution_minutes": {
                "mean": null,
                "median": null,
                "p90": null
              },
              "sla": {
                "response_met": null,
                "resolution_met": null,
                "breached": []
              },
            "#);
    }

    #[test]
    fn rounding_rules() {
        // Rates: 4 decimals, half away from zero, exact in integers.
        assert_eq!(rate(1, 3), 0.3333);
        assert_eq!(rate(2, 3), 0.6667);
        assert_eq!(rate(1, 32), 0.0313); // 0.03125
        assert_eq!(rate(1, 20_000), 0.0001); // 0.00005
        assert_eq!(rate(1, 20_001), 0.0); // just under the half
        assert_eq!(rate(5, 5), 1.0);
        assert_eq!(rate(3, 0), 0.0);
        // Minutes: 1 decimal, half away from zero, also where the binary
        // value sits just below the half (0.15, 2.675 style).
        assert_eq!(round_to(0.25, 1), 0.3);
        assert_eq!(round_to(0.15, 1), 0.2);
        assert_eq!(round_to(35.05, 1), 35.1);
        assert_eq!(round_to(35.04999, 1), 35.0);
        assert_eq!(round_to(-0.25, 1), -0.3);
        assert_eq!(round_to(-0.01, 1), 0.0);
        assert!(round_to(-0.01, 1).is_sign_positive());
        // serde_json writes whole floats with ".0" and no exponent here.
        let out = serde_json::to_string(&[0.5, 12.0, 0.0, 0.0001, 1.0, 12345.6]).unwrap();
        assert_eq!(out, "[0.5,12.0,0.0,0.0001,1.0,12345.6]");
    }

    #[test]
    fn median_and_p90_odd_and_even() {
        // n = 1: rank ceil(0.9) = 1.
        assert_eq!(
            minute_stats(&[7.0]),
            MinuteStats {
                mean: Some(7.0),
                median: Some(7.0),
                p90: Some(7.0)
            }
        );
        // n = 2 (given unsorted): median (1 + 4) / 2 = 2.5, p90 rank ceil(1.8) = 2 → 4.
        assert_eq!(
            minute_stats(&[4.0, 1.0]),
            MinuteStats {
                mean: Some(2.5),
                median: Some(2.5),
                p90: Some(4.0)
            }
        );
        // n = 10, 1..=10: median (5 + 6) / 2 = 5.5, p90 rank ceil(9) = 9 → 9 (not 10).
        let ten: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(
            minute_stats(&ten),
            MinuteStats {
                mean: Some(5.5),
                median: Some(5.5),
                p90: Some(9.0)
            }
        );
        // n = 11, 1..=11: median 6, p90 rank ceil(9.9) = 10 → 10.
        let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(
            minute_stats(&eleven),
            MinuteStats {
                mean: Some(6.0),
                median: Some(6.0),
                p90: Some(10.0)
            }
        );
        // n = 20: rank 18.
        let twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(minute_stats(&twenty).p90, Some(18.0));
        assert_eq!(
            minute_stats(&[]),
            MinuteStats {
                mean: None,
                median: None,
                p90: None
            }
        );
    }

    #[test]
    fn ties_by_name_and_top_ten() {
        let mut input = sample();
        input.created.clear();
        // Twelve requesters: "r00" … "r11"; r05 and r11 have 2 tickets, the rest 1.
        for i in 0..12 {
            let mut t = sample().created[0].clone();
            t.requester = Some(format!("r{:02}", 11 - i));
            input.created.push(t);
        }
        for who in ["r11", "r05"] {
            let mut t = sample().created[0].clone();
            t.requester = Some(who.into());
            input.created.push(t);
        }
        let r = compute(&input);
        let names: Vec<&str> = r.top_requesters.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "r05", "r11", "r00", "r01", "r02", "r03", "r04", "r06", "r07", "r08"
            ]
        );
        assert_eq!(r.top_requesters[0].1, 2);
        assert_eq!(r.top_requesters[2].1, 1);
    }

    #[test]
    fn by_day_over_a_custom_range_counts_by_day_number() {
        let mut input = sample();
        input.from = date("2024-02-20");
        input.to = date("2024-03-05");
        input.created.truncate(3); // 1 Mar, 4 Mar, 4 Mar
        let mut t = input.created[0].clone();
        t.created_local = at("2024-02-01 12:00"); // outside: still keyed
        input.created.push(t);
        let r = compute(&input);
        let keys: Vec<&str> = r.by_day.iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "1", "2", "3", "4", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29"
            ]
        );
        assert_eq!(r.by_day.get("1"), 2); // 1 Mar and the stray 1 Feb
        assert_eq!(r.by_day.get("4"), 2);
        assert_eq!(r.daily.len(), 14);
        assert_eq!(r.daily.iter().map(|(_, n)| n).sum::<u64>(), 3);
        // An empty or inverted period has no days.
        input.to = input.from;
        input.created.clear();
        let r = compute(&input);
        assert!(r.by_day.is_empty() && r.daily.is_empty());
    }

    #[test]
    fn tiers_always_three_keys_and_clamped() {
        let mut input = sample();
        input.created.truncate(1);
        input.created[0].max_tier = 0;
        let r = compute(&input);
        assert_eq!(pairs(&r.by_tier), [("1", 1), ("2", 0), ("3", 0)]);
        input.created[0].max_tier = 9;
        let r = compute(&input);
        assert_eq!(pairs(&r.by_tier), [("1", 0), ("2", 0), ("3", 1)]);
    }

    #[test]
    fn blank_values_count_as_none() {
        let mut input = sample();
        input.created.truncate(2);
        input.created[0].category = Some("  ".into());
        input.created[1].ci = Some(String::new());
        let r = compute(&input);
        assert_eq!(r.by_category.get("(none)"), 1);
        assert_eq!(r.top_ci, [("PRN-2F".to_string(), 1)]);
    }

    #[test]
    fn deterministic_whatever_the_input_order() {
        let a = sample();
        let mut b = sample();
        b.created.reverse();
        b.responses.reverse();
        b.resolutions.reverse();
        b.work.reverse();
        let ja = serde_json::to_string(&compute(&a)).unwrap();
        let jb = serde_json::to_string(&compute(&b)).unwrap();
        assert_eq!(ja, jb);
        assert_eq!(ja, serde_json::to_string(&compute(&a)).unwrap());
    }
}
