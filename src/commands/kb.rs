//! `desk kb`: the knowledge base.

use super::Tx;
use crate::cli::KbCommand;
use crate::context::Context;
use crate::domain::ticket::Ticket;
use anyhow::Result;

pub fn run(_ctx: &mut Context, _c: KbCommand) -> Result<()> {
    anyhow::bail!("not yet")
}

pub fn article_id(s: &str) -> Result<i64> {
    super::one_id(s)
}

pub fn article_from_ticket(_tx: &Tx, _t: &Ticket, _solution: &str, _user: &str) -> Result<i64> {
    anyhow::bail!("not yet")
}

pub fn show_suggestions(_ctx: &mut Context, _t: &Ticket, _n: usize) {}
