//! `desk ingest mail`.

use crate::cli::IngestCommand;
use crate::context::Context;
use anyhow::Result;

pub fn run(_ctx: &mut Context, _c: IngestCommand) -> Result<()> {
    anyhow::bail!("not yet")
}
