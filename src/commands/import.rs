//! `desk import`.

use crate::context::Context;
use anyhow::Result;

pub fn run(_ctx: &mut Context, _a: crate::cli::ImportArgs) -> Result<()> {
    anyhow::bail!("not yet")
}
