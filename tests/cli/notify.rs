//! Issue 17: telling people. Notices and answers go out through a real SMTP
//! conversation with the test server on 127.0.0.1 (or a sendmail stub), through the
//! outbox: a transport that fails never fails the change, and each delivery arrives once.

use crate::smtp::{Mode, SmtpServer};
use crate::support::{Desk, s};
use std::io::Write;

/// A desk that mails through `server`.
fn mailing_desk(server: &SmtpServer) -> Desk {
    let d = Desk::new();
    d.ok(&[
        "config",
        "set",
        "mail.from",
        "Palvelupiste <desk@example.fi>",
    ]);
    d.ok(&["config", "set", "mail.transport", &server.url()]);
    d
}

fn ingest(d: &Desk, raw: &str) -> i64 {
    d.ok_stdin(&["ingest", "mail"], raw)
        .trim()
        .parse()
        .expect("id")
}

#[test]
fn finnish_and_russian_notices_go_out_intact_over_smtp_with_a_line_that_begins_with_a_dot() {
    let server = SmtpServer::start();
    let d = mailing_desk(&server);
    d.ok(&[
        "config",
        "set",
        "template.new",
        "Hei {requester}!\n\nPyyntösi on kirjattu tiketiksi #{id}: {title}.\n.piste rivin alussa\nЗдравствуйте, заявка №{id} принята.\n",
    ]);
    let id = d.new_ticket(
        "Принтер не печатает — tulostin jumissa",
        &[
            "--email",
            "maija@example.fi",
            "--requester",
            "Maija Meikäläinen",
        ],
    );
    d.ok(&[
        "resolve",
        &id.to_string(),
        "--solution",
        "Vaihdoin värikasetin.\n.Точка в начале строки",
    ]);
    let got = server.messages();
    assert_eq!(got.len(), 2, "{got:?}");
    let ack = &got[0];
    assert_eq!(ack.from, "desk@example.fi");
    assert_eq!(ack.to, vec!["maija@example.fi".to_string()]);
    let parsed = ack.parsed();
    assert_eq!(
        parsed.subject(),
        Some("[#1] Принтер не печатает — tulostin jumissa")
    );
    let to = parsed.to().and_then(|a| a.first()).expect("to");
    assert_eq!(to.name(), Some("Maija Meikäläinen"));
    assert_eq!(
        ack.text(),
        "Hei Maija Meikäläinen!\n\nPyyntösi on kirjattu tiketiksi #1: Принтер не печатает — tulostin jumissa.\n.piste rivin alussa\nЗдравствуйте, заявка №1 принята.\n"
    );
    assert_eq!(
        ack.header("Auto-Submitted").as_deref(),
        Some("auto-replied")
    );
    // Every header line is ASCII: the UTF-8 is encoded (RFC 2047), so any server takes it.
    let raw = String::from_utf8_lossy(&ack.data).to_string();
    let head = raw.split("\r\n\r\n").next().unwrap();
    assert!(head.is_ascii(), "{head}");
    let resolved = got[1].text();
    assert!(
        resolved.contains("Vaihdoin värikasetin.\n.Точка в начале строки\n"),
        "{resolved}"
    );
    assert!(resolved.contains("within 24h"), "{resolved}");
    assert_ne!(ack.message_id(), got[1].message_id());
    // show lists both mails, sent.
    let v = d.show(id);
    let mail = v["mail"].as_array().unwrap();
    assert_eq!(mail.len(), 2);
    assert_eq!(s(&mail[0], "direction"), "out");
    assert_eq!(s(&mail[0], "state"), "sent");
    assert_eq!(s(&mail[0], "to"), "maija@example.fi");
    assert_eq!(s(&mail[0], "message_id"), ack.message_id());
    assert_eq!(
        s(&mail[1], "subject"),
        "[#1] Принтер не печатает — tulostin jumissa"
    );
}

const FIRST_MAIL: &str = "From: Pekka Virtanen <pekka@example.fi>\r
To: desk@example.fi\r
Subject: VPN ei yhdisty\r
Message-ID: <first@mail.example.fi>\r
Date: Fri, 20 Nov 2026 12:55:00 +0000\r
\r
VPN katkeaa aamulla.\r
";

#[test]
fn mail_threads_both_ways_the_reply_is_a_first_response_and_an_answer_comes_back_without_the_tag() {
    let server = SmtpServer::start();
    let d = mailing_desk(&server);
    let id = ingest(&d, FIRST_MAIL);
    let ack = &server.messages()[0];
    assert_eq!(
        ack.header("In-Reply-To").as_deref(),
        Some("<first@mail.example.fi>")
    );
    assert_eq!(
        ack.header("References").as_deref(),
        Some("<first@mail.example.fi>")
    );
    assert!(d.show(id)["first_response_at"].is_null());

    d.ok(&[
        "reply",
        &id.to_string(),
        "Käynnistä kone uudelleen, kiitos.",
    ]);
    let got = server.messages();
    assert_eq!(got.len(), 2);
    let reply = &got[1];
    assert_eq!(reply.header("Auto-Submitted"), None, "a person's answer");
    assert_eq!(
        reply.header("In-Reply-To").as_deref(),
        Some("<first@mail.example.fi>")
    );
    assert!(
        reply
            .text()
            .starts_with("Käynnistä kone uudelleen, kiitos.\n\n-- \nTicket #1: VPN ei yhdisty"),
        "{}",
        reply.text()
    );
    let v = d.show(id);
    assert_eq!(s(&v, "first_response_at"), "2026-11-20T13:00:00Z");
    assert_eq!(v["comments"][0]["internal"], false);

    // The requester answers desk's mail from a client that dropped the [#1] tag.
    let answer = format!(
        "From: pekka@example.fi\r\nSubject: Re: VPN\r\nMessage-ID: <second@mail.example.fi>\r\nIn-Reply-To: <{}>\r\n\r\nToimii taas!\r\n",
        reply.message_id()
    );
    assert_eq!(ingest(&d, &answer), id);
    let v = d.show(id);
    let dirs: Vec<&str> = v["mail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| s(m, "direction"))
        .collect();
    assert_eq!(dirs, ["in", "out", "out", "in"]);
    assert_eq!(v["comments"].as_array().unwrap().len(), 2);
}

#[test]
fn a_transport_that_fails_keeps_the_change_and_each_delivery_arrives_exactly_once() {
    let server = SmtpServer::start();
    let d = mailing_desk(&server);
    server.set_mode(Mode::TempFail);
    let out = d.run(&["new", "Näyttö pimeänä", "--email", "liisa@example.fi"]);
    let out = out.replace(&server.port.to_string(), "PORT");
    insta::assert_snapshot!(out, @r"
    exit: 0
    --- stdout
    1
    --- stderr
    desk: warning: the mail to liisa@example.fi about #1 was not delivered (SMTP 127.0.0.1:PORT: transient error (451): 4.3.0 try again later); it stays queued: `desk outbox send` or the next change retries it
    ");
    assert_eq!(s(&d.show(1), "status"), "new");
    insta::assert_snapshot!(d.run(&["outbox", "--format", "table"]).replace(&server.port.to_string(), "PORT"), @"
    exit: 0
    --- stdout
    ID  STATE   KIND  TICKET  TO                WHAT                 TRIES  WHEN / LAST ERROR
    1   queued  mail  #1      liisa@example.fi  [#1] Näyttö pimeänä  1      SMTP 127.0.0.1:PORT: transient error (451): 4.3.0 try again later
    ");
    // Down altogether: the next change is kept too, and both wait.
    server.set_mode(Mode::Down);
    d.ok(&["wait", "1", "--reason", "Onko kaapeli kiinni?"]);
    assert_eq!(d.ok(&["outbox", "--state", "queued"]).lines().count(), 3);
    assert!(server.messages().is_empty());
    // The server comes back: the next command that writes delivers both, once.
    server.set_mode(Mode::Accept);
    d.ok(&["comment", "1", "soitin käyttäjälle", "--internal"]);
    let got = server.messages();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[1].text().contains("Onko kaapeli kiinni?"));
    d.ok(&["outbox", "send"]);
    d.ok(&["comment", "1", "toinen", "--internal"]);
    assert_eq!(server.messages().len(), 2, "nothing is sent twice");
    assert_eq!(d.ok(&["outbox", "--state", "sent"]).lines().count(), 3);
    insta::assert_snapshot!(d.run(&["outbox", "send"]), @"exit: 0");
    let listed: Vec<serde_json::Value> =
        serde_json::from_str(&d.ok(&["outbox", "--format", "json"])).unwrap();
    let first = &listed[0];
    assert_eq!(s(first, "kind"), "mail");
    assert_eq!(s(first, "state"), "sent");
    assert_eq!(first["attempts"], 3, "two failures, then sent");
    assert_eq!(s(first, "message_id"), got[0].message_id());
    assert_eq!(s(first, "sent_at"), "2026-11-20T13:00:00Z");
    assert!(first["last_error"].is_null());
}

#[test]
fn a_retry_after_an_unknown_outcome_sends_the_same_message_id() {
    let server = SmtpServer::start();
    let d = mailing_desk(&server);
    server.set_mode(Mode::Vanish);
    let err = d
        .cmd(&["new", "Kone hidas", "--email", "a@example.fi"])
        .output()
        .unwrap();
    assert!(err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("stays queued"));
    server.set_mode(Mode::Accept);
    d.ok(&["outbox", "send"]);
    let got = server.messages();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].message_id(), got[1].message_id());
    assert_eq!(got[0].data, got[1].data, "the very same message");
}

#[test]
fn a_permanent_refusal_is_failed_and_only_outbox_send_tries_it_again() {
    let server = SmtpServer::start();
    let d = mailing_desk(&server);
    server.set_mode(Mode::Reject);
    let e = d
        .cmd(&["new", "Hiiri rikki", "--email", "nobody@example.fi"])
        .output()
        .unwrap();
    assert!(e.status.success());
    assert!(String::from_utf8_lossy(&e.stderr).contains("it is marked failed"));
    server.set_mode(Mode::Accept);
    d.ok(&["comment", "1", "x", "--internal"]);
    assert!(
        server.messages().is_empty(),
        "a refused mail is not retried by every write"
    );
    assert_eq!(d.ok(&["outbox", "--state", "failed"]).lines().count(), 2);
    server.set_mode(Mode::Reject);
    insta::assert_snapshot!(d.run(&["outbox", "send"]).replace(&server.port.to_string(), "PORT"), @r"
    exit: 1
    --- stderr
    desk: warning: the mail to nobody@example.fi about #1 was not delivered (SMTP 127.0.0.1:PORT: permanent error (550): 5.1.1 no such user); it is marked failed: `desk outbox send` tries it again
    desk: error: 1 of 1 deliveries failed
    hint: `desk outbox --state queued` and `--state failed` list them with the last error
    ");
    server.set_mode(Mode::Accept);
    d.ok(&["outbox", "send"]);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn sendmail_transport_hands_the_message_to_the_command() {
    let d = Desk::new();
    let script = d.dir.path().join("fake-sendmail");
    let spool = d.dir.path().join("spool");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"args: $*\" >> '{0}'\ncat >> '{0}'\n",
            spool.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    d.ok(&["config", "set", "mail.from", "desk@example.fi"]);
    d.ok(&[
        "config",
        "set",
        "mail.sendmail",
        &format!("{} -t -i", script.display()),
    ]);
    d.new_ticket("Принтер", &["--email", "ivan@example.ru"]);
    d.ok(&["wait", "1", "--reason", ".точка\nВторая строка"]);
    let spooled = std::fs::read_to_string(&spool).unwrap();
    assert_eq!(spooled.matches("args: -t -i\n").count(), 2, "{spooled}");
    assert!(!spooled.contains('\r'), "sendmail reads LF line ends");
    assert!(spooled.contains("To: ivan@example.ru\n"), "{spooled}");
    assert!(spooled.contains("Subject: [#1] =?utf-8?"), "{spooled}");
    // A failing sendmail: the change stays, the delivery waits.
    std::fs::write(
        &script,
        "#!/bin/sh\necho 'sendmail: spool full' >&2\nexit 75\n",
    )
    .unwrap();
    let out = d.run(&["resolve", "1", "--solution", "ok"]);
    assert!(
        out.contains("was not delivered") && out.contains("exit status 75): sendmail: spool full"),
        "{out}"
    );
    assert_eq!(s(&d.show(1), "status"), "resolved");
}

#[test]
fn no_mail_without_mail_from_nor_with_no_notify_nor_in_answer_to_a_machine() {
    let server = SmtpServer::start();
    let d = Desk::new();
    d.ok(&["config", "set", "mail.transport", &server.url()]);
    d.new_ticket("Ei lähettäjää", &["--email", "a@example.fi"]);
    assert_eq!(d.ok(&["outbox"]).lines().count(), 1, "only the header");
    d.ok(&["config", "set", "mail.from", "desk@example.fi"]);
    d.ok(&["--no-notify", "new", "Hiljaa", "--email", "a@example.fi"]);
    d.ok(&["resolve", "2", "--solution", "ok", "--no-notify"]);
    // A dry run changes nothing, so it tells nobody.
    d.ok(&["resolve", "1", "--solution", "x", "--dry-run"]);
    // Out-of-office and list mail are filed, and not answered.
    for (i, marker) in ["Auto-Submitted: auto-replied", "Precedence: bulk"]
        .iter()
        .enumerate()
    {
        let raw = format!(
            "From: robot@example.fi\r\nSubject: Poissa {i}\r\n{marker}\r\nMessage-ID: <ooo{i}@x>\r\n\r\nOlen lomalla.\r\n"
        );
        ingest(&d, &raw);
    }
    assert!(server.messages().is_empty());
    // `notify` without new: a person's mail is filed quietly; a reply is always on.
    d.ok(&["config", "set", "notify", "resolve"]);
    let id = ingest(&d, FIRST_MAIL);
    assert!(server.messages().is_empty());
    d.ok(&["reply", &id.to_string(), "Selvä."]);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn bad_templates_and_transports_are_refused_and_change_nothing() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["config", "set", "template.resolve", "Valmis {ratkaisu}"]), @r"
    exit: 2
    --- stderr
    desk: error: invalid value for template.resolve: unknown placeholder {ratkaisu}; the valid ones are {id}, {title}, {status}, {solution}, {reason}, {verify_window}, {requester}, {actor}
    ");
    insta::assert_snapshot!(d.run(&["config", "set", "mail.transport", "smtp:mail.example.fi"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for mail.transport: "smtp:mail.example.fi" is neither `sendmail` nor an smtp://HOST:PORT or smtps://HOST:PORT URL
    "#);
    insta::assert_snapshot!(d.run(&["config", "set", "mail.from", "desk at example"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for mail.from: "desk at example" is not a mail address (write desk@example.fi or "Service Desk <desk@example.fi>")
    "#);
    assert_eq!(d.ok(&["config", "get", "mail.transport"]), "sendmail\n");
    assert!(
        d.ok(&["config", "get", "template.resolve"])
            .starts_with("Hello {requester},")
    );
    // A reply without a way to mail it is still recorded, and says so.
    d.new_ticket("Puhelimessa", &[]);
    d.ok(&["config", "set", "mail.from", "desk@example.fi"]);
    insta::assert_snapshot!(d.run(&["reply", "1", "Soitan huomenna"]), @r"
    exit: 0
    --- stderr
    desk: warning: the answer is recorded on #1 as a public comment, but no mail was sent: ticket #1 has no email
    ");
}

#[test]
fn a_hook_gets_each_event_and_may_call_desk_which_runs_no_hooks() {
    let d = Desk::new();
    let log = d.dir.path().join("hook.log");
    let script = d.dir.path().join("hook.sh");
    let bin = assert_cmd::cargo::cargo_bin!("desk");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nread -r line\necho \"$DESK_HOOK $line\" >> '{log}'\n\
             case \"$line\" in *'\"action\":\"resolve\"'*) '{bin}' comment 1 'hook saw the resolve' --internal ;; esac\n",
            log = log.display(),
            bin = bin.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    d.ok(&[
        "config",
        "set",
        "hooks.command",
        &script.display().to_string(),
    ]);
    d.new_ticket("Hook", &[]);
    d.ok(&["resolve", "1", "--solution", "done"]);
    let lines: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "one run per event, none for the hook's own comment: {lines:?}"
    );
    assert!(lines.iter().all(|l| l.starts_with("1 {")), "{lines:?}");
    let v: serde_json::Value = serde_json::from_str(&lines[1][2..]).unwrap();
    assert_eq!(v["event"]["action"], "resolve");
    // The event is as `show` prints it: the ticket's last one.
    assert_eq!(
        Some(&v["event"]),
        v["ticket"]["events"].as_array().unwrap().last()
    );
    assert_eq!(v["ticket"]["status"], "resolved");
    assert_eq!(v["ticket"]["id"], 1);
    assert!(v["ticket"]["events"].is_array());
    // The hook's desk wrote its comment (it held no lock) and queued no hook of its own.
    let t = d.show(1);
    assert_eq!(t["comments"][0]["text"], "hook saw the resolve");
    assert_eq!(d.ok(&["outbox", "--state", "queued"]).lines().count(), 1);
    assert_eq!(d.ok(&["outbox", "--state", "sent"]).lines().count(), 3);
}

#[test]
fn a_failing_hook_is_retried_from_the_outbox() {
    let d = Desk::new();
    let flag = d.dir.path().join("broken");
    let seen = d.dir.path().join("seen");
    std::fs::File::create(&flag)
        .unwrap()
        .write_all(b"x")
        .unwrap();
    let cmd = format!(
        "test -e '{}' && exit 3; cat >> '{}'",
        flag.display(),
        seen.display()
    );
    d.ok(&["config", "set", "hooks.command", &cmd]);
    insta::assert_snapshot!(d.run(&["new", "Koukku"]), @r"
    exit: 0
    --- stdout
    1
    --- stderr
    desk: warning: the hook for #1 (create) was not delivered (the hook exited with status 3); it stays queued: `desk outbox send` or the next change retries it
    ");
    std::fs::remove_file(&flag).unwrap();
    d.ok(&["outbox", "send"]);
    let seen = std::fs::read_to_string(&seen).unwrap();
    assert_eq!(seen.lines().count(), 1);
    assert!(seen.contains("\"action\":\"create\""));
    // Inside a hook, nothing is queued for hooks at all.
    let out = d
        .cmd(&["comment", "1", "x"])
        .env("DESK_HOOK", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(d.ok(&["outbox"]).lines().count(), 2);
}

#[test]
fn the_readme_mail_commands_run_as_written() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = readme
        .split("\n## Mail in and out\n")
        .nth(1)
        .expect("the README has a mail section")
        .split("\n## ")
        .next()
        .unwrap();
    let blocks: Vec<&str> = section
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 2);
    let d = Desk::new();
    for line in blocks.iter().flat_map(|b| b.lines()) {
        let bin = assert_cmd::cargo::cargo_bin!("desk");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("desk() {{ '{}' \"$@\"; }}\n{line}", bin.display()))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", d.dir.path())
            .env("DESK_DB", d.location())
            .env("DESK_NOW", &d.now)
            .env("DESK_USER", &d.user)
            .env("TZ", "Europe/Helsinki")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README line failed: {line}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        d.ok(&["config", "get", "notify"]),
        "new,reply,wait,resolve,close\n"
    );
}

#[test]
fn tls_is_verified_against_the_trust_store_and_ssl_cert_file_names_another() {
    use crate::smtp::{Encryption, test_ca};
    for (tls, url_of) in [
        (
            Encryption::Wrapper,
            SmtpServer::smtps_url as fn(&SmtpServer) -> String,
        ),
        (Encryption::StartTls, SmtpServer::url),
    ] {
        let server = SmtpServer::start_with(tls);
        let d = Desk::new();
        d.ok(&["config", "set", "mail.from", "desk@example.fi"]);
        d.ok(&["config", "set", "mail.transport", &url_of(&server)]);
        // The system's trust store does not know the test CA: nothing is sent.
        let out = d
            .cmd(&["new", "Salattu", "--email", "a@example.fi"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("stays queued"), "{tls:?}: {stderr}");
        assert!(stderr.contains("UnknownIssuer"), "{tls:?}: {stderr}");
        assert!(server.messages().is_empty(), "{tls:?}");
        // SSL_CERT_FILE names the bundle that does.
        let out = d
            .cmd(&["outbox", "send"])
            .env("SSL_CERT_FILE", test_ca())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{tls:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = server.messages();
        assert_eq!(got.len(), 1, "{tls:?}");
        assert!(got[0].tls, "{tls:?}: the mail went over TLS");
    }
}

#[test]
fn every_move_in_notify_mails_its_notice_and_show_lists_the_mail() {
    let server = SmtpServer::start();
    let d = mailing_desk(&server);
    d.ok(&[
        "config",
        "set",
        "notify",
        "new,wait,resolve,close,reopen,cancel",
    ]);
    d.ok_stdin(&["ingest", "mail"], FIRST_MAIL);
    d.ok(&["wait", "1", "--reason", "Mikä VPN-asiakas?"]);
    d.ok(&["resume", "1"]);
    d.ok(&["resolve", "1", "--solution", "Päivitetty"]);
    d.ok(&["reopen", "1", "--reason", "Katkeaa yhä"]);
    d.ok(&["resolve", "1", "--solution", "Vaihdettu reititin"]);
    d.ok(&["close", "1"]);
    d.new_ticket("Turha", &["--email", "b@example.fi"]);
    d.ok(&["cancel", "2", "--reason", "kaksoiskappale"]);
    let texts: Vec<String> = server.messages().iter().map(|m| m.text()).collect();
    assert_eq!(texts.len(), 8, "{texts:#?}");
    assert!(texts[1].contains("is waiting for you:\n\nMikä VPN-asiakas?"));
    assert!(texts[3].contains("has been reopened.\nKatkeaa yhä"));
    assert!(texts[5].contains("is now closed"));
    assert!(texts[7].contains("has been cancelled.\nkaksoiskappale"));
    let shown = d.ok(&["show", "1"]);
    let mail = shown.split("\nMail:\n").nth(1).expect("a mail section");
    insta::assert_snapshot!(mail, @r"
      2026-11-20 15:00  in  VPN ei yhdisty
      2026-11-20 15:00  to pekka@example.fi  [#1] VPN ei yhdisty [sent]
      2026-11-20 15:00  to pekka@example.fi  [#1] VPN ei yhdisty [sent]
      2026-11-20 15:00  to pekka@example.fi  [#1] VPN ei yhdisty [sent]
      2026-11-20 15:00  to pekka@example.fi  [#1] VPN ei yhdisty [sent]
      2026-11-20 15:00  to pekka@example.fi  [#1] VPN ei yhdisty [sent]
      2026-11-20 15:00  to pekka@example.fi  [#1] VPN ei yhdisty [sent]
    ");
}
