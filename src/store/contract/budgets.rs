//! What a command costs in statements, through the real command path on SQLite. The
//! budget: a single-ticket write runs at most 6 statements inside its transaction and
//! at most 10 in all, opening the store included (21 before the store became a
//! boundary).

use super::*;

fn desk() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    statements_of(&db, &["new", "Printer jams", "--requester", "Matti"]);
    statements_of(&db, &["new", "VPN down"]);
    (dir, db)
}

fn within_budget(db: &std::path::Path, args: &[&str]) -> Vec<String> {
    let s = statements_of(db, args);
    assert!(s.len() <= 10, "{args:?}: {} statements: {s:#?}", s.len());
    assert!(
        inside_write(&s) <= 6,
        "{args:?}: {} inside the transaction: {s:#?}",
        inside_write(&s)
    );
    s
}

#[test]
fn a_single_ticket_write_stays_within_its_statements() {
    let (_dir, db) = desk();
    within_budget(&db, &["assign", "1", "--to", "bo"]);
    within_budget(&db, &["comment", "1", "Ordered a new drum"]);
    within_budget(&db, &["resolve", "1", "--solution", "New drum"]);
    within_budget(&db, &["escalate", "2"]);
    within_budget(&db, &["comment", "2", "Called back", "--internal"]);
}

#[test]
fn a_notice_costs_a_few_statements_and_mail_off_costs_none() {
    let (_dir, db) = desk();
    let off = statements_of(&db, &["resolve", "1", "--solution", "New drum"]);
    statements_of(&db, &["config", "set", "mail.from", "desk@example.fi"]);
    statements_of(&db, &["config", "set", "mail.sendmail", "/bin/true"]);
    statements_of(&db, &["edit", "2", "--email", "matti@example.fi"]);
    let on = statements_of(&db, &["resolve", "2", "--solution", "New drum"]);
    // Queued in the transaction: the ticket, the requester's thread, the outbox
    // row, the mail row, its Message-ID. Delivered after the commit, in three short
    // transactions: a look (is anything waiting?), a claim, how it went.
    assert_eq!(inside_write(&on), inside_write(&off) + 5, "{on:#?}");
    assert!(on.len() <= off.len() + 15, "{on:#?}");
}

#[test]
fn config_set_hours_refreshes_two_thousand_tickets_in_a_few_statements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    {
        let mut store = crate::store::open(&db).unwrap();
        let mut w = store.write(crate::store::WriteMode::Command).unwrap();
        let settings = crate::domain::settings::Settings::new(&[]);
        // Two days before the command's clock (the real one): the refresh works out
        // each ticket's clocks up to now, and a ticket open for months only makes
        // that walk longer, not the statements fewer.
        let created = chrono::DateTime::from_timestamp(
            (chrono::Utc::now().timestamp() / 3600 - 48) * 3600,
            0,
        )
        .unwrap();
        for i in 0..2_000 {
            let t = crate::domain::ticket::Ticket::new(format!("Ticket {i}"), created);
            let events = [crate::domain::ticket::Event {
                at: created,
                recorded_at: created,
                actor: "ana".into(),
                action: crate::domain::ticket::action::CREATE.into(),
                detail: None,
                status: Some(crate::domain::ticket::Status::New),
                recorded_by: None,
            }];
            let cache = crate::domain::ticket_sla::sla_cache(
                &settings,
                &chrono_tz::Europe::Helsinki,
                &t,
                &events,
                created,
                0,
            );
            w.insert_ticket(crate::store::Recording {
                ticket: &t,
                text_changed: false,
                events: &events,
                cache: &cache,
            })
            .unwrap();
        }
        w.commit().unwrap();
    }
    let before = crate::store::open(&db)
        .unwrap()
        .read()
        .unwrap()
        .ticket(2_000)
        .unwrap();
    let s = statements_of(&db, &["config", "set", "hours", "24x7"]);
    // One read of the tickets with their histories, 4 scratch inserts of 500,
    // one UPDATE: not three statements per ticket (6,000).
    assert!(s.len() < 50, "{} statements", s.len());
    let after = crate::store::open(&db)
        .unwrap()
        .read()
        .unwrap()
        .ticket(2_000)
        .unwrap();
    assert_eq!(after.sla_generation, 1);
    assert_eq!(
        after.resolve_due,
        Some(before.created_at + chrono::Duration::hours(24))
    );
    assert_ne!(after.resolve_due, before.resolve_due);
}
