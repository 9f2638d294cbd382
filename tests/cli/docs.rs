//! Issue 7: completions and man pages are generated from the clap types, committed,
//! and kept current; they load in their shells and groff reads them without warnings.

use crate::support::Desk;
use desk::commands::meta::{completion_files, completion_script, man_pages};
use std::path::Path;

const REGENERATE: &str = "run scripts/regenerate-docs.sh and commit completions/ and man/";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_completions_and_man_pages_are_current() {
    for (shell, file) in completion_files() {
        let committed = std::fs::read(root().join("completions").join(&file))
            .unwrap_or_else(|_| panic!("completions/{file} is missing: {REGENERATE}"));
        assert!(
            committed == completion_script(shell),
            "completions/{file} is out of date: {REGENERATE}"
        );
    }
    let pages = man_pages().unwrap();
    let mut committed: Vec<String> = std::fs::read_dir(root().join("man"))
        .unwrap_or_else(|_| panic!("man/ is missing: {REGENERATE}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    committed.sort();
    let names: Vec<String> = pages.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(
        committed, names,
        "man/ has other pages than the commands: {REGENERATE}"
    );
    for (name, page) in &pages {
        let on_disk = std::fs::read(root().join("man").join(name)).unwrap();
        assert!(on_disk == *page, "man/{name} is out of date: {REGENERATE}");
    }
}

#[test]
fn the_binary_writes_the_same_completions_and_man_pages() {
    let d = Desk::new();
    let out = d.cmd(&["completions", "zsh"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        std::fs::read(root().join("completions/_desk")).unwrap()
    );
    let dir = d.dir.path().join("man1");
    d.ok(&["man", dir.to_str().unwrap()]);
    for (name, page) in man_pages().unwrap() {
        assert_eq!(std::fs::read(dir.join(&name)).unwrap(), page, "{name}");
    }
    // Neither needs a database.
    assert!(!d.db().exists());
}

#[test]
fn bash_completion_loads() {
    let out = std::process::Command::new("bash")
        .current_dir(root())
        .arg("-c")
        .arg("source completions/desk.bash && complete -p desk")
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("desk"));
}

#[test]
fn groff_reads_every_man_page_without_a_warning() {
    let pages = man_pages().unwrap();
    assert!(pages.len() > 30);
    // One groff for all the pages (each starts afresh at its .TH): a warning names its
    // file and line. A groff a page was most of this test's time.
    let out = std::process::Command::new("groff")
        .args(["-man", "-ww", "-z"])
        .args(pages.iter().map(|(name, _)| root().join("man").join(name)))
        .output()
        .expect("groff is needed for this test (Debian package groff)");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
    let top = String::from_utf8(std::fs::read(root().join("man/desk.1")).unwrap()).unwrap();
    for section in ["ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"] {
        assert!(
            top.contains(&format!(".SH \"{section}\"")),
            "desk.1 lacks {section}"
        );
    }
    for var in ["DESK_DB", "DESK_USER", "DESK_NOW", "NO_COLOR"] {
        assert!(top.contains(var), "desk.1 lacks {var}");
    }
}

/// What bash offers for the words typed so far (the last one being completed), from the
/// committed script's own function.
fn bash_offers(words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let n = words.len();
    let script = format!(
        "source completions/desk.bash\n\
         COMP_WORDS=({})\nCOMP_CWORD={}\n\
         _desk desk '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        n - 1,
        words[n - 1],
        words[n - 2]
    );
    let out = std::process::Command::new("bash")
        .current_dir(root())
        .arg("-c")
        .arg(script)
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_enumerated_values_and_setting_keys_not_file_names() {
    // A file that clap's file-name fallback would offer.
    assert!(root().join("Cargo.toml").exists());
    let statuses = bash_offers(&["desk", "list", "--status", ""]);
    assert_eq!(
        statuses,
        [
            "active",
            "all",
            "new",
            "open",
            "waiting",
            "resolved",
            "closed",
            "cancelled"
        ]
    );
    assert_eq!(
        bash_offers(&["desk", "list", "--status", "re"]),
        ["resolved"]
    );
    assert_eq!(bash_offers(&["desk", "list", "--sort", "pr"]), ["priority"]);
    assert_eq!(
        bash_offers(&["desk", "list", "--priority", ""]),
        ["P1", "P2", "P3", "P4"]
    );
    assert_eq!(
        bash_offers(&["desk", "escalate", "42", "--tier", ""]),
        ["1", "2", "3"]
    );
    assert_eq!(
        bash_offers(&["desk", "new", "x", "--channel", "w"]),
        ["walk-in"]
    );
    assert_eq!(
        bash_offers(&["desk", "edit", "42", "--impact", ""]),
        ["high", "medium", "low"]
    );
    assert_eq!(
        bash_offers(&["desk", "link", "1", "2", "--kind", ""]),
        ["related", "duplicate", "parent"]
    );
    assert_eq!(
        bash_offers(&["desk", "report", "--format", "m"]),
        ["markdown"]
    );
    assert_eq!(
        bash_offers(&["desk", "report", "--month", ""]),
        ["this", "last"]
    );
    assert_eq!(
        bash_offers(&["desk", "config", "set", "sla.P1."]),
        ["sla.P1.response", "sla.P1.resolve", "sla.P1.hours"]
    );
    let keys = bash_offers(&["desk", "config", "set", ""]);
    for (key, _) in desk::domain::settings::defaults() {
        assert!(keys.contains(&key), "config set offers no {key}: {keys:?}");
    }
    assert!(!keys.iter().any(|k| k.contains("Cargo")), "{keys:?}");
    assert_eq!(
        bash_offers(&["desk", "config", "get", "verify"]),
        ["verify_window"]
    );
    // Free text offers nothing rather than file names; a path offers files.
    assert_eq!(
        bash_offers(&["desk", "edit", "42", "--category", "Ca"]),
        ["Ca"]
    );
    assert!(bash_offers(&["desk", "list", "--db", "Ca"]).contains(&"Cargo.toml".to_string()));
}

#[test]
fn the_zsh_and_fish_scripts_name_the_values_and_keys() {
    let zsh = std::fs::read_to_string(root().join("completions/_desk")).unwrap();
    for needle in [
        ":STATUS:(active all new open waiting resolved closed cancelled)",
        ":FIELD:(due priority id created updated status assignee requester title)",
        ":P:(P1 P2 P3 P4)",
        ":TIER:(1 2 3)",
        ":key -- The setting, e.g. hours, sla.P1.resolve:(hours holidays sla.P1.response",
        "verify_window fcr_window timezone mail.from",
        "hooks.command attachments.max_size)",
    ] {
        assert!(zsh.contains(needle), "_desk lacks {needle}");
    }
    // Free text is not completed as a file name.
    assert!(!zsh.contains(":CATEGORY:_default"));
    assert!(zsh.contains(":PATH:_files"));
    let fish = std::fs::read_to_string(root().join("completions/desk.fish")).unwrap();
    assert!(fish.contains("-l status -d"), "{fish}");
    assert!(fish.contains("cancelled\\t''"));
    assert!(fish.contains(
        "complete -c desk -n \"__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set\" -f -a \"hours holidays sla.P1.response"
    ));
    assert!(fish.contains("complete -c desk -n \"__fish_desk_using_subcommand completions\" -f -a \"bash elvish fish powershell zsh\""));
    // elvish: a map of the words by command path and flag, read before the flags.
    let elvish = std::fs::read_to_string(root().join("completions/desk.elv")).unwrap();
    for needle in [
        "&'desk;list --status'= ['active' 'all' 'new' 'open' 'waiting' 'resolved' 'closed' 'cancelled']",
        "&'desk;escalate --tier'= ['1' '2' '3']",
        "&'desk;config;set'= ['hours' 'holidays' 'sla.P1.response'",
        "&'desk;new --channel'= ['phone' 'email' 'walk-in' 'portal' 'chat' 'monitoring']",
        "for w $offered[$command' '$previous] { edit:complex-candidate $w }",
    ] {
        assert!(elvish.contains(needle), "desk.elv lacks {needle}");
    }
    // PowerShell: a table of the same words, looked up by path and previous word.
    let ps = std::fs::read_to_string(root().join("completions/_desk.ps1")).unwrap();
    for needle in [
        "'desk;list --status' = @('active', 'all', 'new', 'open', 'waiting', 'resolved', 'closed', 'cancelled')",
        "'desk;config;set' = @('hours', 'holidays', 'sla.P1.response'",
        "'desk;new --channel' = @('phone', 'email', 'walk-in', 'portal', 'chat', 'monitoring')",
        "$completions = $offeredResults",
    ] {
        assert!(ps.contains(needle), "_desk.ps1 lacks {needle}");
    }
}
