//! `desk new` at a terminal (issue #19): the prompts, Ctrl-C, and the `--edit`
//! template. The prompts run in a pseudo-terminal driven by python3's pty module, which
//! waits for each prompt before it types the answer.

use crate::support::Desk;
use serde_json::Value;

/// Runs `desk ARGS` in a pseudo-terminal; each step waits for its text to appear,
/// then types its keys. Returns the exit code and the terminal's text.
const DRIVER: &str = r#"
import json, os, pty, select, sys, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execv(spec["cmd"][0], spec["cmd"])
out = b""
def read(until=None, timeout=10.0):
    global out
    end = time.time() + timeout
    while until is None or until.encode() not in out:
        left = end - time.time()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return False
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return until is None
        if not chunk:
            return until is None
        out += chunk
    return True
for expect, keys in spec["steps"]:
    if not read(expect):
        sys.stderr.write("no prompt %r in %r\n" % (expect, out.decode("utf-8", "replace")))
        break
    time.sleep(0.05)
    os.write(fd, keys.encode())
read()
_, status = os.waitpid(pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "out": out.decode("utf-8", "replace")}))
"#;

/// The answer lines a person sees once each prompt is done (escape sequences and
/// redraws removed).
fn screen(raw: &str) -> String {
    let mut text = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-letter.
            if chars.peek() == Some(&'[') {
                chars.next();
                for p in chars.by_ref() {
                    if p.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        text.push(c);
    }
    text.split("\r\n")
        .map(|l| l.rsplit('\r').next().unwrap_or(""))
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

fn in_terminal(d: &Desk, args: &[&str], steps: &[(&str, &str)]) -> (i32, String) {
    let base = d.std_cmd(&[]);
    let mut cmd = vec![assert_cmd::cargo::cargo_bin!("desk").display().to_string()];
    cmd.extend(args.iter().map(|a| a.to_string()));
    let spec = serde_json::json!({ "cmd": cmd, "steps": steps });
    let mut c = std::process::Command::new("python3");
    c.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    let out = c
        .env("TERM", "xterm")
        .args(["-c", DRIVER, &spec.to_string()])
        .output()
        .expect("python3, for its pty module");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "driver: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        v["code"].as_i64().expect("code") as i32,
        screen(v["out"].as_str().expect("out")),
    )
}

const DOWN: &str = "\u{1b}[B";

#[test]
fn issue_19_new_at_a_terminal_asks_kind_email_assignment_and_a_first_contact_solution() {
    let d = Desk::new();
    let (code, screen) = in_terminal(
        &d,
        &["new"],
        &[
            ("Title", "Tulostin jumittaa\r"),
            ("Kind", &format!("{DOWN}\r")),
            ("Requester", "Ana Virtanen\r"),
            ("E-mail", "ana@example.com\r"),
            ("Category", "printing\r"),
            ("CI", "PC-0423\r"),
            ("Channel", &format!("{DOWN}\r")),
            ("Impact", "\r"),
            ("Description", "Paperi jumissa\r"),
            ("Assign to me", "y"),
            ("Solved on the spot", "y"),
            ("Solution", "Poistettiin paperi\r"),
        ],
    );
    assert_eq!(code, 0, "{screen}");
    for line in [
        "Kind: request (something wanted)",
        "E-mail: ana@example.com",
        "Channel: phone",
        "Assign to me (tester)? yes",
        "Solved on the spot? yes",
        "Solution: Poistettiin paperi",
        "Created #1 (P3, resolved): Tulostin jumittaa",
    ] {
        assert!(
            screen.lines().any(|l| l == line),
            "{line:?} not in:\n{screen}"
        );
    }
    let v = d.show(1);
    insta::assert_snapshot!(
        format!(
            "{} {} {} {} {} {} {}",
            v["kind"], v["status"], v["assignee"], v["email"], v["channel"], v["resolution"],
            v["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect::<Vec<_>>().join(",")
        ),
        @r#""request" "resolved" "tester" "ana@example.com" "phone" "Poistettiin paperi" create,assign,resolve"#
    );
}

#[test]
fn new_at_a_terminal_asks_only_what_the_flags_left_out_and_defaults_to_no() {
    let d = Desk::new();
    let (code, screen) = in_terminal(
        &d,
        &[
            "new",
            "--kind",
            "problem",
            "--requester",
            "Olli",
            "--channel",
            "email",
            "--priority",
            "P2",
        ],
        &[
            ("Title", "Recurring VPN drops\r"),
            ("E-mail", "\r"),
            ("Category", "\r"),
            ("CI", "\r"),
            ("Description", "\r"),
            ("Assign to me", "\r"),
            ("Solved on the spot", "\r"),
        ],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains("Kind"), "{screen}");
    assert!(!screen.contains("Requester"), "{screen}");
    let v = d.show(1);
    assert_eq!(
        (
            v["kind"].as_str(),
            v["status"].as_str(),
            v["priority"].as_str(),
            v["assignee"].as_str()
        ),
        (Some("problem"), Some("new"), Some("P2"), None)
    );
}

#[test]
fn issue_19_ctrl_c_at_a_prompt_cancels_quietly_with_exit_130() {
    let d = Desk::new();
    for steps in [
        vec![("Title", "Half a tit\u{3}")],
        vec![("Title", "Printer\r"), ("Kind", "\u{3}")],
        vec![
            ("Title", "Printer\r"),
            ("Kind", "\r"),
            ("Requester", "\u{3}"),
        ],
    ] {
        let (code, screen) = in_terminal(&d, &["new"], &steps);
        assert_eq!(code, 130, "{screen}");
        assert!(screen.trim_end().ends_with("\ncancelled"), "{screen:?}");
        assert_eq!(screen.matches("cancelled").count(), 1, "{screen:?}");
        assert!(!screen.contains("IO error"), "{screen}");
        assert!(!screen.contains("error"), "{screen}");
    }
    assert!(d.ids(&["--status", "all"]).is_empty());
}

/// `desk new ARGS` with an editor that saves `saves` (after keeping what it was given).
fn new_with_editor(d: &Desk, args: &[&str], saves: &str) -> (String, String) {
    let given = d.dir.path().join("given.txt");
    let saved = d.dir.path().join("saves.txt");
    std::fs::write(&saved, saves).unwrap();
    let editor = format!(
        "sh -c 'cp \"$1\" {}; cp {} \"$1\"' sh",
        given.display(),
        saved.display()
    );
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let tmp = d.dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let out = d
        .cmd(&all)
        .env("EDITOR", editor)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    let shown = format!(
        "exit: {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
    .replace(&tmp.display().to_string(), "$TMPDIR");
    // The kept file's name is random.
    let shown = match shown.find("$TMPDIR/desk-") {
        Some(i) => {
            let end = shown[i..].find(".txt").map_or(shown.len(), |e| i + e);
            format!("{}$TMPDIR/desk-XXXXXX{}", &shown[..i], &shown[end..])
        }
        None => shown,
    };
    (std::fs::read_to_string(&given).unwrap_or_default(), shown)
}

#[test]
fn issue_19_new_edit_opens_a_template_and_reads_it_as_git_reads_a_commit_message() {
    let d = Desk::new();
    let (given, shown) = new_with_editor(
        &d,
        &["--edit", "--requester", "Ana"],
        "# my own note\nНе работает VPN\n\nПосле обновления.\n# ignored\nСнова.\n\n# The first line is the title\n",
    );
    assert_eq!(
        given,
        "\n\n\
         # The first line is the title; after a blank line, the description.\n\
         # Lines starting with '#' are ignored. An empty title cancels the ticket.\n"
    );
    insta::assert_snapshot!(shown, @"
    exit: 0
    1
    ");
    let v = d.show(1);
    assert_eq!(v["title"], "Не работает VPN");
    assert_eq!(v["description"], "После обновления.\nСнова.");
    // A title given on the command line is in the template's first line.
    let (given, _) = new_with_editor(&d, &["Printer", "--edit"], "Printer on 2F\n");
    assert!(given.starts_with("Printer\n\n"), "{given}");
    assert_eq!(d.show(2)["title"], "Printer on 2F");
    assert_eq!(d.show(2)["description"], Value::Null);
    // Nothing but comments: no ticket.
    let before = d.dump();
    let (_, shown) = new_with_editor(&d, &["--edit"], "\n\n# The first line is the title\n");
    insta::assert_snapshot!(shown, @"
    exit: 2
    desk: error: the title is empty; no ticket was created
    hint: what you wrote in the editor is kept in $TMPDIR/desk-XXXXXX.txt
    ");
    assert_eq!(d.dump(), before);
}
