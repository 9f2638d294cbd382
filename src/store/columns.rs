//! Reading a result row by column position, the same way on either engine: the trait
//! each engine's row type implements, and the rows both engines read alike (the
//! report's tickets). Positions, not names: looking names up costs more than the row
//! on a big month.

use crate::domain::classify::TicketRow;
use crate::domain::ticket::Priority;
use crate::domain::ticket_sla::ReportCache;
use crate::domain::time::from_unix;
use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

/// A result row of either engine, its columns read by position.
pub(crate) trait Columns {
    fn int(&self, i: usize) -> Result<i64>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>>;
    fn flag(&self, i: usize) -> Result<bool>;
    fn text(&self, i: usize) -> Result<String>;
    fn opt_text(&self, i: usize) -> Result<Option<String>>;
    /// A text column, borrowed from the row.
    fn str(&self, i: usize) -> Result<&str>;

    /// A time stored as unix seconds.
    fn time(&self, i: usize) -> Result<DateTime<Utc>> {
        Ok(from_unix(self.int(i)?))
    }

    fn opt_time(&self, i: usize) -> Result<Option<DateTime<Utc>>> {
        Ok(self.opt_int(i)?.map(from_unix))
    }
}

/// The columns of the tickets table a [`TicketRow`] is read from, in
/// [`report_row`]'s order.
pub(crate) const REPORT_COLUMNS: &str = "id, created_at, kind, category, channel, priority, org, ci, \
    requester, max_tier, status = 'cancelled', kb_article IS NOT NULL, sla_gen, \
    first_response_at, response_secs, resolve_secs, first_resolved_at, last_resolved_at, \
    ever_escalated, ever_reopened";

/// How many columns [`REPORT_COLUMNS`] has (a column selected after them is this one).
pub(crate) const REPORT_NCOLS: usize = 20;

/// A ticket the report counts, from a row that starts with [`REPORT_COLUMNS`].
pub(crate) fn report_row(r: &impl Columns) -> Result<TicketRow> {
    let id = r.int(0)?;
    let priority = r.str(5)?;
    Ok(TicketRow {
        id,
        created_at: r.time(1)?,
        kind: r.text(2)?,
        category: r.opt_text(3)?,
        channel: r.opt_text(4)?,
        priority: Priority::parse(priority)
            .ok_or_else(|| anyhow!("ticket #{id} has an unknown priority {priority:?}"))?,
        org: r.opt_text(6)?,
        ci: r.opt_text(7)?,
        requester: r.opt_text(8)?,
        max_tier: u8::try_from(r.int(9)?)?,
        cancelled: r.flag(10)?,
        has_article: r.flag(11)?,
        generation: r.int(12)?,
        first_response_at: r.opt_time(13)?,
        report: ReportCache {
            response_secs: r.opt_int(14)?,
            resolve_secs: r.opt_int(15)?,
            first_resolved_at: r.opt_time(16)?,
            last_resolved_at: r.opt_time(17)?,
            ever_escalated: r.flag(18)?,
            ever_reopened: r.flag(19)?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_ncols_counts_the_report_columns() {
        assert_eq!(REPORT_COLUMNS.split(", ").count(), REPORT_NCOLS);
    }
}
