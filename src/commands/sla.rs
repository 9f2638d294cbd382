//! `desk sla`: a ticket's SLA explained stretch by stretch.

use crate::cli::SlaArgs;
use crate::context::Context;
use anyhow::Result;

pub fn run(_ctx: &mut Context, _a: SlaArgs) -> Result<()> {
    anyhow::bail!("not yet")
}
