//! `desk export`.

use crate::context::Context;
use anyhow::Result;

pub fn run(_ctx: &mut Context, _a: crate::cli::ExportArgs) -> Result<()> {
    anyhow::bail!("not yet")
}
