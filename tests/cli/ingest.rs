//! Issue 6: mail becomes tickets; replies thread onto them; duplicates are filed once.

use crate::support::{Desk, s};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/mail/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn ingest(d: &Desk, name: &str) -> i64 {
    let out = d
        .cmd(&["ingest", "mail"])
        .write_stdin(fixture(name))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn a_plain_mail_becomes_an_email_ticket() {
    let d = Desk::new();
    let id = ingest(&d, "plain.eml");
    let v = d.show(id);
    assert_eq!(s(&v, "title"), "Tulostin ei tulosta");
    assert_eq!(s(&v, "requester"), "Matti Virtanen");
    assert_eq!(s(&v, "email"), "matti.virtanen@example.fi");
    assert_eq!(s(&v, "channel"), "email");
    assert!(s(&v, "description").contains("Paperitukos"), "{v}");
    // The desk has not responded yet.
    assert_eq!(v["first_response_at"], serde_json::Value::Null);
}

#[test]
fn encodings_and_charsets_are_decoded() {
    let d = Desk::new();
    let cases = [
        ("subject_iso8859_1.eml", "Näyttö ei käynnisty"),
        ("subject_koi8r.eml", "Принтер не печатает"),
        ("subject_utf8_polish.eml", "Zgłoszenie: drukarka"),
        ("quoted_printable.eml", "Sähköposti ei lähde"),
        ("base64.eml", "Не работает VPN"),
        (
            "multipart_alternative.eml",
            "VPN disconnects every 10 minutes",
        ),
        ("html_only.eml", "Keittiön laitteet rikki"),
    ];
    for (file, title) in cases {
        let id = ingest(&d, file);
        assert_eq!(s(&d.show(id), "title"), title, "{file}");
    }
    let w = ingest(&d, "subject_windows1252.eml");
    assert!(s(&d.show(w), "title").contains("120 €"), "{}", d.show(w));
    // HTML-only mail is readable text: no tags, no style sheet.
    let html = d.show(7);
    let desc = s(&html, "description");
    assert!(
        desc.contains("Kahvinkeitin & astianpesukone eivät toimi"),
        "{desc}"
    );
    assert!(
        !desc.contains("<p") && !desc.contains("<style") && !desc.contains("&amp;"),
        "{desc}"
    );
    // QP and base64 bodies are decoded.
    assert!(s(&d.show(4), "description").contains('ä'), "{}", d.show(4));
    assert!(
        s(&d.show(5), "description")
            .chars()
            .any(|c| ('а'..='я').contains(&c))
    );
}

#[test]
fn replies_thread_by_subject_tag_or_in_reply_to_and_reopen_or_resume() {
    let d = Desk::new();
    let id = ingest(&d, "plain.eml");
    // Threaded only by In-Reply-To; the ticket waits on the customer, so it resumes.
    d.ok(&["assign", "1", "--to", "ana"]);
    d.ok(&["wait", "1"]);
    assert_eq!(ingest(&d, "reply_in_reply_to.eml"), id);
    let v = d.show(id);
    assert_eq!(s(&v, "status"), "open");
    assert_eq!(v["comments"].as_array().unwrap().len(), 1);
    // Threaded by "[#1]" in the subject; resolved, so "still broken" reopens it.
    d.ok(&["resolve", "1", "--solution", "cleaned the rollers"]);
    assert_eq!(ingest(&d, "reply_subject_tag.eml"), id);
    let v = d.show(id);
    assert_eq!(s(&v, "status"), "open");
    assert_eq!(v["reopens"], 1);
    let comments = v["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    // The quoted original is not repeated in the comment.
    assert!(!s(&comments[1], "text").contains("> "), "{}", comments[1]);
    assert_eq!(d.ids(&["--status", "all"]), [id]);
}

#[test]
fn a_mail_reply_is_not_the_desks_response() {
    let d = Desk::new();
    let id = ingest(&d, "plain.eml");
    // The reply threads onto the ticket (else the check below could not fail)...
    assert_eq!(ingest(&d, "reply_in_reply_to.eml"), id);
    assert_eq!(d.show(id)["comments"].as_array().unwrap().len(), 1);
    assert_eq!(d.ids(&["--status", "all"]), [id]);
    // ...and a customer's mail is not the desk's response.
    assert_eq!(d.show(id)["first_response_at"], serde_json::Value::Null);
}

#[test]
fn the_same_message_delivered_twice_is_filed_once() {
    let d = Desk::new();
    let a = ingest(&d, "plain.eml");
    let before = d.dump();
    let b = ingest(&d, "plain.eml");
    assert_eq!(a, b);
    assert_eq!(d.dump(), before);
}

#[test]
fn a_malformed_message_is_refused_and_nothing_is_filed() {
    let d = Desk::new();
    let out = d
        .cmd(&["ingest", "mail"])
        .write_stdin(fixture("malformed.eml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("desk: error: not an RFC 5322 message"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = d.cmd(&["ingest", "mail"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(d.ids(&["--status", "all"]).is_empty());
}

/// An HTML-only mail through the binary: the WHATWG tokenizer reads the markup, and
/// desk's policy renders it (blocks as lines, lists with markers, links with their
/// target, quotes with `> `, style sheets and scripts dropped, references decoded).
#[test]
fn an_html_mail_becomes_readable_text() {
    let d = Desk::new();
    let mail = "From: Liisa <liisa@example.fi>\r\n\
        To: tuki@example.org\r\n\
        Subject: N\u{e4}yt\u{f6} pimen\u{e9}\r\n\
        Message-ID: <html-1@example.fi>\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: text/html; charset=utf-8\r\n\
        \r\n\
        <html><head><style>p { color: red }</style><script>if (a<b) alert('x')</script></head>\
        <body><p>Hei,</p><p>n&auml;ytt&ouml; &amp; telakka eiv&#228;t toimi:</p>\
        <ol><li>k&auml;ynnistin uudelleen<li>vaihdoin kaapelin</ol>\
        <p>Ohje: <a href=\"https://wiki.example.org/naytto?a=1&amp;b=2\">wiki</a></p>\
        <blockquote>vanha viesti</blockquote><!-- piilossa --><p>Liisa</p></body></html>\r\n";
    let out = d
        .cmd(&["ingest", "mail"])
        .write_stdin(mail)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = d.show(1);
    insta::assert_snapshot!(s(&v, "description"), @"
    Hei,

    näyttö & telakka eivät toimi:

    1. käynnistin uudelleen
    2. vaihdoin kaapelin

    Ohje: wiki (https://wiki.example.org/naytto?a=1&b=2)

    > vanha viesti

    Liisa
    ");
}

/// What a mail server's log shows when desk refuses a message: one line, exit 2.
#[test]
fn refused_messages_read_as_one_line() {
    let d = Desk::new();
    insta::assert_snapshot!(d.run_stdin(&["ingest", "mail"], ""), @"
    exit: 2
    --- stderr
    desk: error: not an RFC 5322 message: empty input; nothing was filed
    ");
    insta::assert_snapshot!(d.run_stdin(&["ingest", "mail"], "just some text\n"), @"
    exit: 2
    --- stderr
    desk: error: not an RFC 5322 message: it does not start with a header field; nothing was filed
    ");
    insta::assert_snapshot!(d.run_stdin(&["ingest", "mail"], "X-Only: a header\r\n\r\nbody\r\n"), @"
    exit: 2
    --- stderr
    desk: error: not an RFC 5322 message: no From header and no Subject; nothing was filed
    ");
    assert!(d.ids(&["--status", "all"]).is_empty());
}
