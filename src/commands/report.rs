//! `desk report`.

use crate::context::Context;
use anyhow::Result;

pub fn run(_ctx: &mut Context, _a: crate::cli::ReportArgs) -> Result<()> {
    anyhow::bail!("not yet")
}
