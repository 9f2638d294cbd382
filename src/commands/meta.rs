//! `desk completions` and `desk man`: generated from the clap types, needing no database.

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use anyhow::{Context as _, Result};
use clap::CommandFactory;
use std::path::Path;

pub fn completions(a: &CompletionsArgs) -> Result<()> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout();
    clap_complete::generate(a.shell, &mut cmd, "desk", &mut out);
    Ok(())
}

pub fn man(a: &ManArgs) -> Result<()> {
    write_man_pages(&a.dir)?;
    Ok(())
}

/// Writes desk.1 and one page per subcommand (desk-new.1, desk-kb-search.1, ...).
pub fn write_man_pages(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let cmd = Cli::command();
    let mut written = Vec::new();
    clap_mangen::generate_to(cmd, dir)
        .with_context(|| format!("writing man pages to {}", dir.display()))?;
    for entry in std::fs::read_dir(dir)? {
        written.push(entry?.path());
    }
    written.sort();
    Ok(written)
}
