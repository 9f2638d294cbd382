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
    for (name, _) in &pages {
        let out = std::process::Command::new("groff")
            .args(["-man", "-ww", "-z"])
            .arg(root().join("man").join(name))
            .output()
            .expect("groff is needed for this test (Debian package groff)");
        assert!(
            out.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{name}");
    }
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
