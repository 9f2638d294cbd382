//! `desk completions` and `desk man`: generated from the clap types, needing no
//! database. The committed `completions/` and `man/` folders are these same bytes (a
//! test keeps them current).

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use anyhow::{Context as _, Result};
use clap::CommandFactory;
use clap_complete::{Generator, Shell};
use std::io::Write;

pub fn completions(a: &CompletionsArgs) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(&completion_script(a.shell))?;
    out.flush()?;
    Ok(())
}

/// The completion script for one shell.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = free_text_is_not_a_file(Cli::command());
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "desk", &mut buf);
    if shell == Shell::Fish {
        fish_positional_words(&cmd, &mut buf);
    }
    if shell == Shell::Elvish {
        buf = elvish_words(&cmd, buf);
    }
    if shell == Shell::PowerShell {
        buf = powershell_words(&cmd, buf);
    }
    buf
}

/// Every argument with words to offer, under the command path clap_complete's scripts
/// use (`desk;config;set`): a flag as `PATH --flag` (and `PATH -f`), a positional as
/// `PATH` alone.
fn words_by_path(cmd: &clap::Command) -> Vec<(String, Vec<String>)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, Vec<String>)>) {
        for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let Some(words) = a.get_value_parser().possible_values() else {
                continue;
            };
            if !a.get_num_args().is_none_or(|n| n.takes_values()) {
                continue;
            }
            let words: Vec<String> = words
                .filter(|w| !w.is_hide_set())
                .map(|w| w.get_name().to_string())
                .collect();
            if a.is_positional() {
                out.push((path.to_string(), words));
                continue;
            }
            if let Some(long) = a.get_long() {
                out.push((format!("{path} --{long}"), words.clone()));
            }
            if let Some(short) = a.get_short() {
                out.push((format!("{path} -{short}"), words));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path};{}", sub.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(cmd, cmd.get_name(), &mut out);
    out
}

/// clap_complete's elvish script completes subcommands and flags only. This puts a map
/// of the words in front of its last line: after a flag that takes one of them, those
/// words; at a positional that takes them (`config set KEY`), those words besides the
/// flags; else the script's own candidates.
fn elvish_words(cmd: &clap::Command, buf: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(buf).expect("clap_complete writes UTF-8");
    let tail = "    $completions[$command]\n}\n";
    let Some(at) = text.rfind(tail) else {
        return text.into_bytes();
    };
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut map = String::from("    var offered = [\n");
    for (key, words) in words_by_path(cmd) {
        let words: Vec<String> = words.iter().map(|w| quote(w)).collect();
        map.push_str(&format!(
            "        &{}= [{}]\n",
            quote(&key),
            words.join(" ")
        ));
    }
    map.push_str("    ]\n");
    // A positional word (`new TITLE`) is not a subcommand: drop such words from the
    // path, where the script alone would fail on a path it does not know.
    let choose =
        "    while (and (not (has-key $completions $command)) (str:contains $command ';')) {
        var parts = [(str:split ';' $command)]
        set command = (str:join ';' $parts[0..-1])
    }
    var previous = $words[-2]
    if (has-key $offered $command' '$previous) {
        for w $offered[$command' '$previous] { edit:complex-candidate $w }
    } else {
        $completions[$command]
        if (has-key $offered $command) {
            for w $offered[$command] { edit:complex-candidate $w }
        }
    }
}
";
    format!("{}{map}{choose}", &text[..at]).into_bytes()
}

/// clap_complete's PowerShell script completes subcommands and flags only. This puts a
/// table of the words before its last statement: after a flag that takes one of them,
/// those words alone; at a positional that takes them (`config set KEY`), those words
/// besides the script's own candidates. A positional word in the path (`new TITLE`) is
/// dropped from it for the look-up, as in the elvish script.
fn powershell_words(cmd: &clap::Command, buf: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(buf).expect("clap_complete writes UTF-8");
    let tail = "    $completions.Where{";
    let Some(at) = text.rfind(tail) else {
        return text.into_bytes();
    };
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut table = String::from("    $offered = @{\n");
    for (key, words) in words_by_path(cmd) {
        let words: Vec<String> = words.iter().map(|w| quote(w)).collect();
        table.push_str(&format!(
            "        {} = @({})\n",
            quote(&key),
            words.join(", ")
        ));
    }
    table.push_str("    }\n");
    let choose = "    $last = if ($wordToComplete) { $commandElements.Count - 2 } else { $commandElements.Count - 1 }
    $previous = if ($last -ge 1) { $commandElements[$last].Extent.Text } else { '' }
    $path = $command
    while (-not $offered.ContainsKey(\"$path $previous\") -and -not $offered.ContainsKey($path) -and $path.Contains(';')) {
        $path = $path.Substring(0, $path.LastIndexOf(';'))
    }
    $words = @(if ($offered.ContainsKey(\"$path $previous\")) { $offered[\"$path $previous\"] } elseif ($offered.ContainsKey($path)) { $offered[$path] })
    $offeredResults = @($words | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, $_) })
    if ($offered.ContainsKey(\"$path $previous\")) {
        $completions = $offeredResults
    } else {
        $completions = @($completions) + $offeredResults
    }

";
    format!("{}{table}{choose}{}", &text[..at], &text[at..]).into_bytes()
}

/// clap_complete's fish script completes the words of flags but not of positional
/// arguments (`config set KEY`, `completions SHELL`); these lines add them, on the same
/// conditions its own lines use.
fn fish_positional_words(cmd: &clap::Command, buf: &mut Vec<u8>) {
    let mut lines = String::new();
    let mut add = |condition: String, sub: &clap::Command| {
        for a in sub.get_positionals() {
            if let Some(words) = a.get_value_parser().possible_values() {
                let words: Vec<String> = words.map(|w| w.get_name().to_string()).collect();
                lines.push_str(&format!(
                    "complete -c desk -n \"{condition}\" -f -a \"{}\"\n",
                    words.join(" ")
                ));
            }
        }
    };
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        add(format!("__fish_desk_using_subcommand {name}"), sub);
        for subsub in sub.get_subcommands() {
            add(
                format!(
                    "__fish_desk_using_subcommand {name}; and __fish_seen_subcommand_from {}",
                    subsub.get_name()
                ),
                subsub,
            );
        }
    }
    buf.extend_from_slice(lines.as_bytes());
}

/// Marks every value without listed words or a path hint as free text, so the shells
/// offer nothing for `--title <TAB>` or `comment 42 <TAB>` instead of file names (clap's
/// default for an unknown value). Paths say so in `cli.rs` (`--db`, `import FILE`,
/// `man DIR`), and enumerated values list their words there.
fn free_text_is_not_a_file(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|a| {
        let takes_value = a.get_num_args().is_none_or(|n| n.takes_values())
            && !matches!(
                a.get_action(),
                clap::ArgAction::SetTrue
                    | clap::ArgAction::SetFalse
                    | clap::ArgAction::Count
                    | clap::ArgAction::Help
                    | clap::ArgAction::HelpShort
                    | clap::ArgAction::HelpLong
                    | clap::ArgAction::Version
            );
        if takes_value
            && a.get_value_hint() == clap::ValueHint::Unknown
            && a.get_value_parser().possible_values().is_none()
        {
            a.value_hint(clap::ValueHint::Other)
        } else {
            a
        }
    })
    .mut_subcommands(free_text_is_not_a_file)
}

/// The shells with committed scripts, and their file names.
pub fn completion_files() -> Vec<(Shell, String)> {
    [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ]
    .into_iter()
    .map(|s| (s, s.file_name("desk")))
    .collect()
}

pub fn man(a: &ManArgs) -> Result<()> {
    std::fs::create_dir_all(&a.dir).with_context(|| format!("creating {}", a.dir.display()))?;
    for (name, page) in man_pages()? {
        let path = a.dir.join(&name);
        std::fs::write(&path, page).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

const SEE_ALSO: &str = "desk-new(1), desk-list(1), desk-sla(1), desk-report(1), sqlite3(1)";

/// desk.1 and one page per command (desk-new.1, desk-kb-search.1, ...), by file name.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages, true)?;
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

fn collect(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>, top: bool) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages, false)?;
    }
    let man = clap_mangen::Man::new(cmd.clone())
        .date("")
        .source(format!("desk {}", env!("CARGO_PKG_VERSION")))
        .manual("desk manual");
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut buf)?;
    }
    let extra = cmd
        .get_after_help()
        .map(|s| s.to_string())
        .unwrap_or_default();
    for (title, body) in sections(&extra) {
        write_section(&mut buf, &title, &body);
    }
    if top {
        write_section(&mut buf, "SEE ALSO", SEE_ALSO);
    }
    let name = man.get_filename();
    pages.push((name, ascii_roff(&buf)));
    Ok(())
}

/// Splits after-help text into titled sections: a line `TITLE:` starts one; text before
/// the first title is DESCRIPTION-like notes.
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut title = "NOTES".to_string();
    let mut body = String::new();
    for line in text.lines() {
        let t = line.trim_end();
        if t.ends_with(':')
            && !t.starts_with(' ')
            && t[..t.len() - 1]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == ' ')
            && t.len() > 1
        {
            if !body.trim().is_empty() {
                out.push((title.clone(), body.trim_matches('\n').to_string()));
            }
            title = t[..t.len() - 1].to_string();
            body.clear();
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    if !body.trim().is_empty() {
        out.push((title, body.trim_matches('\n').to_string()));
    }
    out
}

/// groff reads ASCII: every other character becomes a `\[uXXXX]` escape.
fn ascii_roff(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    out.into_bytes()
}

/// Escapes text for roff: backslashes, and control characters at line start.
fn roff_escape(line: &str) -> String {
    let s = line.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

fn write_section(buf: &mut Vec<u8>, title: &str, body: &str) {
    let mut s = format!(".SH \"{title}\"\n");
    let verbatim = body.lines().any(|l| l.starts_with("  "));
    if verbatim {
        s.push_str(".nf\n");
        for line in body.lines() {
            s.push_str(&roff_escape(line));
            s.push('\n');
        }
        s.push_str(".fi\n");
    } else {
        for para in body.split("\n\n") {
            s.push_str(".PP\n");
            for line in para.lines() {
                s.push_str(&roff_escape(line.trim()));
                s.push('\n');
            }
        }
    }
    buf.extend_from_slice(s.as_bytes());
}
