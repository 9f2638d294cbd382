//! Issue 15: nothing lost, ever. The "Data safety" section of the spec: an id printed
//! names a committed record, readers never fail because someone writes, any number of
//! processes may start on a new path, a read-only database still answers reads.

use crate::support::Desk;
use std::process::Stdio;

/// Runs with stdout on `/dev/full` (a disk that is full behind stdout); shows the exit
/// code and stderr as `Desk::run` does.
fn run_to_full_disk(d: &Desk, args: &[&str], stdin: &[u8]) -> String {
    use std::io::Write;
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut child = d
        .std_cmd(args)
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    format!(
        "exit: {}\n--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn an_id_that_cannot_be_printed_was_saved_and_the_error_names_it() {
    let d = Desk::new();
    // A full disk under stdout: the record is committed first, so the error names it
    // and a script that reads the error does not file it again.
    insta::assert_snapshot!(run_to_full_disk(&d, &["new", "Printer jams"], b""), @r"
    exit: 1
    --- stderr
    desk: error: ticket #1 was saved, but writing it to stdout failed: No space left on device (os error 28)
    hint: the change is in the database: do not run the command again
    ");
    insta::assert_snapshot!(run_to_full_disk(&d, &["new", "Jams", "--format", "json"], b""), @r"
    exit: 1
    --- stderr
    desk: error: ticket #2 was saved, but writing it to stdout failed: No space left on device (os error 28)
    hint: the change is in the database: do not run the command again
    ");
    insta::assert_snapshot!(run_to_full_disk(&d, &["kb", "new", "Jams", "--body", "Open tray 2"], b""), @r"
    exit: 1
    --- stderr
    desk: error: article 1 was saved, but writing it to stdout failed: No space left on device (os error 28)
    hint: the change is in the database: do not run the command again
    ");
    let mail = b"From: Ana <ana@example.com>\r\nSubject: VPN down\r\nMessage-ID: <m1@example.com>\r\n\r\nIt is down.\r\n";
    insta::assert_snapshot!(run_to_full_disk(&d, &["ingest", "mail"], mail), @r"
    exit: 1
    --- stderr
    desk: error: ticket #3 was saved, but writing it to stdout failed: No space left on device (os error 28)
    hint: the change is in the database: do not run the command again
    ");
    assert_eq!(d.ids(&["--status", "all", "--sort", "id"]), [1, 2, 3]);
    assert_eq!(d.ok(&["kb", "list", "-q"]).trim(), "1");
    // The mail server's retry files nothing twice.
    assert_eq!(
        d.ok_stdin(&["ingest", "mail"], std::str::from_utf8(mail).unwrap()),
        "3\n"
    );
    // The next ticket gets a new id: no id is ever handed out twice.
    assert_eq!(d.new_ticket("next", &[]), 4);
}

#[test]
fn a_reader_that_went_away_before_the_id_came_is_no_failure() {
    let d = Desk::new();
    let mut child = d
        .std_cmd(&["new", "Printer jams"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(d.ids(&["--status", "all"]), [1]);
}
