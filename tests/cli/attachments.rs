//! Issue 17: attachments. Files kept from the command line and from mail come back
//! byte-identical, names are cleaned so a saved file never lands outside the folder
//! asked for, oversized ones are recorded by name and size, and export/import carry
//! them (base64).

use crate::smtp::SmtpServer;
use crate::support::{Desk, s, scratch};

/// Every byte value, a few times over: what a text-minded pipeline would mangle.
fn binary() -> Vec<u8> {
    (0..1000u32).map(|i| (i * 7 % 256) as u8).collect()
}

fn mail_with_attachment(name_header: &str, b64: &str) -> String {
    format!(
        "From: Olga Ivanova <olga@example.ru>\r\nSubject: Скриншот ошибки\r\nMessage-ID: <att@example.ru>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"BOUND\"\r\n\r\n--BOUND\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nСм. вложение.\r\n\
--BOUND\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment;\r\n {name_header}\r\nContent-Transfer-Encoding: base64\r\n\r\n{b64}\r\n--BOUND--\r\n"
    )
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    let s = base64::engine::general_purpose::STANDARD.encode(bytes);
    s.as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn attach_and_save_round_trip_byte_identical() {
    let d = Desk::new();
    d.new_ticket("Tulostin", &[]);
    let file = d.dir.path().join("tuloste ä.bin");
    std::fs::write(&file, binary()).unwrap();
    let out = d.ok(&["attach", "1", file.to_str().unwrap()]);
    assert_eq!(out, "1\n");
    let v = d.show(1);
    let a = &v["attachments"][0];
    assert_eq!(s(a, "name"), "tuloste ä.bin");
    assert_eq!(a["size"], 1000);
    assert_eq!(a["stored"], true);
    assert_eq!(s(a, "actor"), "tester");
    assert_eq!(s(a, "sha256").len(), 64);
    // Saved into the current folder under its name, and to stdout with -o -.
    let cwd = scratch();
    let out = d
        .cmd(&["attachment", "save", "1"])
        .current_dir(cwd.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(cwd.path().join("tuloste ä.bin")).unwrap(),
        binary()
    );
    let out = d
        .cmd(&["attachment", "save", "1", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.stdout, binary());
    // Never over an existing file without -o naming it.
    let again = d
        .cmd(&["attachment", "save", "1"])
        .current_dir(cwd.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    // show lists it.
    let text = d.ok(&["show", "1"]);
    assert!(
        text.contains("Attachments:\n     1  tuloste ä.bin  1000 B  2026-11-20 15:00\n"),
        "{text}"
    );
}

#[test]
fn attach_refuses_a_file_too_large_or_unreadable_and_changes_nothing() {
    let d = Desk::new();
    d.new_ticket("Iso", &[]);
    d.ok(&["config", "set", "attachments.max_size", "1KiB"]);
    let big = d.dir.path().join("big.iso");
    std::fs::write(&big, vec![0u8; 2048]).unwrap();
    let before = d.dump();
    let shown = d
        .run(&["attach", "1", big.to_str().unwrap()])
        .replace(d.dir.path().to_str().unwrap(), "DIR");
    insta::assert_snapshot!(shown, @r"
    exit: 2
    --- stderr
    desk: error: DIR/big.iso is 2.0 KiB, larger than attachments.max_size (1KiB); nothing was attached
    hint: `desk config set attachments.max_size 50MiB` raises the limit
    ");
    insta::assert_snapshot!(d.run(&["attach", "1", "no-such-file.png"]), @r"
    exit: 2
    --- stderr
    desk: error: cannot read no-such-file.png: no such file
    ");
    insta::assert_snapshot!(d.run(&["attachment", "save", "9"]), @r"
    exit: 3
    --- stderr
    desk: error: no attachment 9
    hint: `desk show ID` lists a ticket's attachments with their ids
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn mail_attachments_are_kept_with_rfc2231_names_hostile_names_cleaned_and_big_ones_recorded() {
    let d = Desk::new();
    let raw = mail_with_attachment(
        "filename*=UTF-8''%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B0%20%C3%A4.bin",
        &b64(&binary()),
    );
    let id: i64 = d
        .ok_stdin(&["ingest", "mail"], &raw)
        .trim()
        .parse()
        .unwrap();
    let v = d.show(id);
    assert_eq!(s(&v["attachments"][0], "name"), "ошибка ä.bin");
    assert_eq!(s(&v["attachments"][0], "actor"), "olga@example.ru");
    assert_eq!(
        d.cmd(&["attachment", "save", "1", "-o", "-"])
            .output()
            .unwrap()
            .stdout,
        binary()
    );
    // A hostile name: saved inside the folder asked for, whatever it says.
    let hostile = mail_with_attachment(
        "filename=\"../../../../tmp/desk-evil.sh\"",
        &b64(b"#!/bin/sh\necho pwned\n"),
    )
    .replace("<att@example.ru>", "<att2@example.ru>")
    .replace("Скриншот ошибки", "Toinen");
    d.ok_stdin(&["ingest", "mail"], &hostile);
    assert_eq!(s(&d.show(2)["attachments"][0], "name"), "desk-evil.sh");
    let folder = scratch();
    d.ok(&[
        "attachment",
        "save",
        "2",
        "-o",
        folder.path().to_str().unwrap(),
    ]);
    assert!(folder.path().join("desk-evil.sh").exists());
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    // Larger than attachments.max_size: recorded by name and size only, with a note.
    d.ok(&["config", "set", "attachments.max_size", "100"]);
    let big = mail_with_attachment("filename=\"iso.bin\"", &b64(&binary()))
        .replace("<att@example.ru>", "<att3@example.ru>")
        .replace("Скриншот ошибки", "Kolmas");
    insta::assert_snapshot!(d.run_stdin(&["ingest", "mail"], &big), @r"
    exit: 0
    --- stdout
    3
    --- stderr
    desk: warning: the attachment iso.bin (1000 B) is larger than attachments.max_size (100): only its name and size were recorded
    ");
    let a = &d.show(3)["attachments"][0];
    assert_eq!(a["stored"], false);
    assert_eq!(a["size"], 1000);
    insta::assert_snapshot!(d.run(&["attachment", "save", "3"]), @r"
    exit: 4
    --- stderr
    desk: error: attachment 3 (iso.bin, 1000 B) was too large to keep: only its name and size were recorded
    ");
}

#[test]
fn export_and_import_carry_attachments_and_mail_and_give_the_same_bytes() {
    let d = Desk::new();
    d.new_ticket("Liite", &[]);
    let file = d.dir.path().join("data.bin");
    std::fs::write(&file, binary()).unwrap();
    d.ok(&["attach", "1", file.to_str().unwrap()]);
    d.ok(&["config", "set", "attachments.max_size", "100"]);
    d.ok_stdin(
        &["ingest", "mail"],
        &mail_with_attachment("filename=\"big.bin\"", &b64(&binary())),
    );
    for format in ["jsonl", "json"] {
        let first = d.ok(&["export", "--format", format]);
        assert!(first.contains("\"content\":") || first.contains("\"content\": "));
        let e = Desk::new();
        let path = e.dir.path().join(format!("backup.{format}"));
        std::fs::write(&path, &first).unwrap();
        e.ok(&["import", path.to_str().unwrap()]);
        assert_eq!(e.ok(&["export", "--format", format]), first, "{format}");
        assert_eq!(
            e.cmd(&["attachment", "save", "1", "-o", "-"])
                .output()
                .unwrap()
                .stdout,
            binary()
        );
        let v = e.show(2);
        assert_eq!(v["attachments"][0]["stored"], false);
        assert_eq!(v["mail"][0]["direction"], "in");
    }
    // A file whose content disagrees with its checksum is refused whole.
    let e = Desk::new();
    let bad = r#"{"title":"x","attachments":[{"name":"a.txt","content":"aGVq","sha256":"00"}]}"#;
    let path = e.dir.path().join("bad.jsonl");
    std::fs::write(&path, bad).unwrap();
    let err = e.fails(&["import", path.to_str().unwrap()], 2);
    assert!(err.contains("attachments[0].sha256"), "{err}");
}

#[test]
fn reply_attach_sends_the_file_with_the_answer() {
    let server = SmtpServer::start();
    let d = Desk::new();
    d.ok(&["config", "set", "mail.from", "desk@example.fi"]);
    d.ok(&["config", "set", "mail.transport", &server.url()]);
    d.ok(&["config", "set", "notify", ""]);
    d.new_ticket("VPN", &["--email", "pekka@example.fi"]);
    let file = d.dir.path().join("ohje ä.pdf");
    std::fs::write(&file, binary()).unwrap();
    d.ok(&[
        "reply",
        "1",
        "Ohje liitteenä.",
        "--attach",
        file.to_str().unwrap(),
    ]);
    let got = server.messages();
    assert_eq!(got.len(), 1);
    let parsed = got[0].parsed();
    let att = parsed.attachment(0).expect("an attachment");
    use mail_parser::MimeHeaders;
    assert_eq!(att.attachment_name(), Some("ohje ä.pdf"));
    assert_eq!(att.contents(), binary().as_slice());
    assert_eq!(s(&d.show(1)["attachments"][0], "name"), "ohje ä.pdf");
}
