//! The contract's tests, written once for every engine (see `storage_tests!`).

/// Runs the same contract against an engine: `$open` makes a fresh store in a folder.
macro_rules! storage_tests {
    (
        $engine:ident,
        dir: $dir:expr,
        open: $open:expr,
        login: $login:expr,
        statements_counted: $counted:expr
    ) => {
        mod $engine {
            use super::*;
            use crate::domain::settings::Settings;
            use crate::domain::ticket::{Event, Status, Ticket, action};
            use crate::domain::ticket_sla::{ReportCache, SlaCache, sla_cache};
            use crate::store::{Claim, Recording, SettingChange, Storage, WriteMode};
            use chrono::{DateTime, Duration, Utc};
            use chrono_tz::Europe::Helsinki;

            /// Whether this engine logs its statements for [`count_statements`].
            const COUNTED: bool = $counted;

            /// A folder for a fresh desk, or `None` where this engine cannot be tested
            /// (the test is skipped, and says so).
            fn desk_dir() -> Option<DeskDir> {
                let dir: fn() -> Option<DeskDir> = $dir;
                dir()
            }

            /// The desk of `dir`: made on the first call, the same desk after.
            fn open(dir: &std::path::Path) -> Box<dyn Storage> {
                let open: fn(&std::path::Path) -> Box<dyn Storage> = $open;
                open(dir)
            }

            /// Who the engine records as really connected (`recorded_by`).
            fn login() -> Option<String> {
                let login: fn() -> Option<String> = $login;
                login()
            }

            fn at(s: &str) -> DateTime<Utc> {
                DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
            }

            /// A ticket as an import files it: no status_at, its title's words `words`.
            fn imported<'a>(
                t: &'a Ticket,
                cache: &'a SlaCache,
                words: &'a str,
            ) -> crate::store::ImportedTicket<'a> {
                crate::store::ImportedTicket {
                    ticket: t,
                    status_at: None,
                    cache,
                    text: crate::store::IndexText {
                        title: words,
                        body: None,
                    },
                }
            }

            /// A change to the desk's own setting.
            fn desk<'a>(key: &'a str, value: Option<&'a str>) -> SettingChange<'a> {
                SettingChange {
                    org: None,
                    key,
                    value,
                }
            }

            fn created(t: &Ticket) -> Event {
                Event {
                    at: t.created_at,
                    recorded_at: t.created_at,
                    actor: "ana".into(),
                    action: action::CREATE.into(),
                    detail: None,
                    status: Some(Status::New),
                    recorded_by: None,
                }
            }

            /// Files `n` new tickets in one transaction, each with its create event.
            fn file(store: &mut dyn Storage, n: usize) {
                let mut w = store.write(WriteMode::Command).unwrap();
                let settings = Settings::new(&[]);
                for i in 0..n {
                    let t = Ticket::new(
                        format!("Printer {i} jams"),
                        at("2026-01-05T06:00:00Z") + Duration::minutes(i as i64 % 600),
                    );
                    let events = [created(&t)];
                    let now = at("2026-01-05T16:00:00Z");
                    let cache = sla_cache(&settings, &Helsinki, &t, &events, now, 0);
                    let r = Recording {
                        ticket: &t,
                        text_changed: false,
                        events: &events,
                        cache: &cache,
                    };
                    w.insert_ticket(r).unwrap();
                }
                w.commit().unwrap();
            }

            #[test]
            fn a_recorded_move_reads_back_with_its_history_and_cache() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file(&mut *store, 1);
                let mut w = store.write(WriteMode::Command).unwrap();
                let (mut t, mut history) = w.ticket_with_history(1).unwrap();
                assert_eq!((t.id, history.len()), (1, 1));
                t.status = Status::Open;
                t.assignee = Some("bo".into());
                t.title = "Printer 0 jams again".into();
                let e = Event {
                    at: at("2026-01-05T07:00:00Z"),
                    action: action::ASSIGN.into(),
                    detail: Some("to bo".into()),
                    status: Some(Status::Open),
                    ..created(&t)
                };
                history.push(e.clone());
                let cache = SlaCache {
                    first_response_at: Some(e.at),
                    generation: 3,
                    report: ReportCache {
                        ever_escalated: true,
                        ..ReportCache::default()
                    },
                    ..SlaCache::default()
                };
                let r = Recording {
                    ticket: &t,
                    text_changed: true,
                    events: std::slice::from_ref(&e),
                    cache: &cache,
                };
                w.record(r).unwrap();
                // The store records who is connected on the events it writes, whatever
                // the event said.
                let connected = w.recorded_by();
                assert!(connected.is_some());
                w.commit().unwrap();
                for e in &mut history {
                    e.recorded_by = connected.clone();
                }

                let mut rd = store.read().unwrap();
                let (back, events) = rd.ticket_with_history(1).unwrap();
                assert_eq!(events, history);
                assert_eq!(back.title, "Printer 0 jams again");
                assert_eq!(back.assignee.as_deref(), Some("bo"));
                assert_eq!(
                    (back.first_response_at, back.sla_generation),
                    (Some(e.at), 3)
                );
                assert!(rd.ticket_with_history(2).is_err());
                // Found by its new title, not its old one.
                let words = |q: &str| {
                    crate::domain::search::TextQuery::words(q, crate::domain::search::Join::All)
                };
                let query = |q: &str| crate::domain::queue::Query {
                    filter: crate::domain::queue::Filter {
                        search: Some(words(q)),
                        ..Default::default()
                    },
                    sort: crate::domain::queue::SortKey::Id,
                    descending: false,
                    limit: None,
                    fields: crate::domain::queue::Fields::All,
                    generation: None,
                };
                let mut found = Vec::new();
                for q in ["again", "jams", "printer again"] {
                    rd.queue(&query(q), &mut |t, _| {
                        found.push(t.id);
                        Ok(())
                    })
                    .unwrap();
                }
                assert_eq!(found, [1, 1, 1]);
            }

            #[test]
            fn the_outbox_claims_a_delivery_once_and_records_how_it_went() {
                use crate::domain::outbox::{MailRecord, NewAttachment, NewDelivery, SendError};
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file(&mut *store, 1);
                let now = at("2026-01-05T08:00:00Z");
                let mut w = store.write(WriteMode::Command).unwrap();
                let mail = |kind, recipient| NewDelivery {
                    kind,
                    ticket: Some(1),
                    sender: Some("desk@example.fi"),
                    recipient,
                    subject: Some("[#1] Printer 0 jams"),
                    message_id: Some("m1@example.fi"),
                    payload: b"raw message",
                };
                let first = w
                    .insert_delivery(&mail("mail", "a@example.fi"), now)
                    .unwrap();
                let hook = w.insert_delivery(&mail("hook", "true"), now).unwrap();
                w.insert_mail(
                    1,
                    &MailRecord {
                        at: now,
                        direction: "out".into(),
                        message_id: Some("m1@example.fi".into()),
                        to: Some("a@example.fi".into()),
                        subject: Some("[#1] Printer 0 jams".into()),
                        state: None,
                    },
                    Some(first),
                )
                .unwrap();
                let kept = w
                    .insert_attachment(&NewAttachment {
                        id: Some(7),
                        ticket: 1,
                        name: "a.png",
                        mime: "image/png",
                        size: 3,
                        sha256: None,
                        content: Some(&[0, 1, 255]),
                        at: now,
                        actor: "ana",
                    })
                    .unwrap();
                assert_eq!(kept, 7, "a free id is kept");
                w.commit().unwrap();

                let mut w = store.write(WriteMode::Command).unwrap();
                assert!(w.has_pending(false).unwrap());
                // Mail due at `wall_now`, held until 1300.
                let mail_at = |wall_now| Claim {
                    wall_now,
                    until: 1300,
                    failed: false,
                    kinds: &["mail"],
                };
                let got = w.claim_deliveries(&mail_at(1000)).unwrap();
                assert_eq!(got.len(), 1);
                assert_eq!(got[0].1, b"raw message");
                // Held: another run at the same moment takes nothing.
                assert!(w.claim_deliveries(&mail_at(1000)).unwrap().is_empty());
                let later = SendError {
                    message: "451 later".into(),
                    permanent: false,
                };
                w.record_failure(first, now, &later).unwrap();
                // Released by the failure: the next run takes it again.
                assert_eq!(w.claim_deliveries(&mail_at(1001)).unwrap().len(), 1);
                w.record_sent(first, now).unwrap();
                let refused = SendError {
                    message: "refused".into(),
                    permanent: true,
                };
                w.record_failure(hook, now, &refused).unwrap();
                assert!(!w.has_pending(false).unwrap());
                assert!(w.has_pending(true).unwrap());
                w.commit().unwrap();

                let mut rd = store.read().unwrap();
                let all = rd.deliveries(None).unwrap();
                let states: Vec<(&str, &str, i64)> = all
                    .iter()
                    .map(|d| (d.kind.as_str(), d.state.as_str(), d.attempts))
                    .collect();
                assert_eq!(states, [("mail", "sent", 2), ("hook", "failed", 1)]);
                assert_eq!(rd.deliveries(Some("failed")).unwrap().len(), 1);
                let full = rd.ticket_in_full(1).unwrap();
                assert_eq!(full.mail[0].state.as_deref(), Some("sent"));
                assert_eq!(full.attachments[0].0.name, "a.png");
                let (a, bytes) = rd.attachment(7).unwrap().unwrap();
                assert!(a.stored);
                assert_eq!(bytes.unwrap(), [0, 1, 255]);
                assert!(rd.attachment(8).unwrap().is_none());
            }

            #[test]
            fn each_coarse_method_is_one_or_two_statements() {
                if !COUNTED {
                    eprintln!("skipped: this engine does not log its statements");
                    return;
                }
                let Some(dir) = desk_dir() else { return };
                let log = count_statements();
                let mut store = open(dir.path());
                file(&mut *store, 3);
                let mut w = store.write(WriteMode::Command).unwrap();
                let mut cost =
                    |what: &str, n: usize, f: &mut dyn FnMut(&mut dyn crate::store::WriteTxn)| {
                        log.lock().unwrap().clear();
                        f(&mut *w);
                        let ran = log.lock().unwrap().len();
                        assert_eq!(ran, n, "{what}: {:#?}", log.lock().unwrap());
                    };
                cost("settings", 1, &mut |w| {
                    w.settings().unwrap();
                });
                cost("a ticket with its history", 1, &mut |w| {
                    w.ticket_with_history(2).unwrap();
                });
                cost("record a move", 2, &mut |w| {
                    let (t, history) = w.ticket_with_history(2).unwrap();
                    log.lock().unwrap().clear();
                    let cache = SlaCache::default();
                    let events = [history[0].clone(), history[0].clone()];
                    w.record(Recording {
                        ticket: &t,
                        text_changed: false,
                        events: &events,
                        cache: &cache,
                    })
                    .unwrap();
                });
                cost("insert a ticket with its events", 2, &mut |w| {
                    let t = Ticket::new("VPN down".into(), at("2026-01-05T06:00:00Z"));
                    let events = [created(&t)];
                    let cache = SlaCache::default();
                    w.insert_ticket(Recording {
                        ticket: &t,
                        text_changed: false,
                        events: &events,
                        cache: &cache,
                    })
                    .unwrap();
                });
                stop_counting();
                w.commit().unwrap();
            }

            #[test]
            fn an_import_keeps_free_ids_and_renumbers_taken_ones() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file(&mut *store, 2);
                let mut w = store.write(WriteMode::Import).unwrap();
                {
                    let mut imp = w.import().unwrap();
                    assert_eq!(imp.max_ids().unwrap(), (2, 0));
                    let mut t = Ticket::new("Imported".into(), at("2026-01-05T06:00:00Z"));
                    let cache = SlaCache::default();
                    t.id = 7;
                    assert_eq!(
                        imp.insert_ticket(&imported(&t, &cache, "imported"))
                            .unwrap(),
                        7
                    );
                    t.id = 2;
                    let moved = imp
                        .insert_ticket(&imported(&t, &cache, "imported"))
                        .unwrap();
                    assert_eq!(moved, 8);
                    imp.remember_id(crate::store::IdKind::Ticket, 2, moved)
                        .unwrap();
                    assert_eq!(
                        imp.remembered_id(crate::store::IdKind::Ticket, 2).unwrap(),
                        Some(8)
                    );
                    for other in 0..3 {
                        let l = crate::store::PendingLink {
                            line: other as u64 + 1,
                            ticket: 7,
                            other: 100 + other,
                            kind: crate::domain::ticket::LinkKind::Related,
                        };
                        imp.insert_pending_link(&l).unwrap();
                    }
                    let first = imp.pending_links(0, 2).unwrap();
                    assert_eq!(first.len(), 2);
                    let rest = imp.pending_links(first[1].0, 2).unwrap();
                    assert_eq!(rest.len(), 1);
                    assert_eq!(rest[0].1.other, 102);
                    imp.finish().unwrap();
                }
                w.commit().unwrap();
                let mut rd = store.read().unwrap();
                assert_eq!(rd.ticket(8).unwrap().title, "Imported");
            }

            #[test]
            fn a_second_active_ticket_with_a_monitoring_key_is_a_conflict() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                let mut w = store.write(WriteMode::Import).unwrap();
                let mut imp = w.import().unwrap();
                let mut t = Ticket::new("Disk full".into(), at("2026-01-05T06:00:00Z"));
                t.dedup_key = Some("srv-01/disk".into());
                let cache = SlaCache::default();
                imp.insert_ticket(&imported(&t, &cache, "disk full"))
                    .unwrap();
                let err = imp
                    .insert_ticket(&imported(&t, &cache, "disk full"))
                    .unwrap_err();
                let kind = err.chain().find_map(crate::store::error_kind);
                assert_eq!(kind, Some(crate::store::StoreErrorKind::Conflict));
                assert!(crate::store::conflict(&err).is_some_and(|c| c.dedup_key));
            }

            #[test]
            fn a_dropped_write_leaves_nothing() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file(&mut *store, 2);
                let before = store.read().unwrap().settings().unwrap();
                {
                    let mut w = store.write(WriteMode::Command).unwrap();
                    w.change_setting(desk("hours", Some("24x7"))).unwrap();
                }
                let mut rd = store.read().unwrap();
                assert_eq!(rd.settings().unwrap(), before);
                assert_eq!(before.generation, 0);
                assert!(rd.ticket_exists(2).unwrap() && !rd.ticket_exists(3).unwrap());
            }

            #[test]
            fn organisations_keep_their_domains_and_terms_and_a_rename_keeps_the_terms() {
                use crate::domain::org::Org;
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file(&mut *store, 2);
                let mut w = store.write(WriteMode::Command).unwrap();
                let kaupunki = Org {
                    name: "Kaupunki Oy".into(),
                    domains: vec!["kaupunki.fi".into()],
                    settings: vec![("hours".into(), "24x7".into())],
                    tickets: 0,
                };
                w.insert_org(&kaupunki).unwrap();
                w.insert_org(&Org {
                    name: "Põhja-Eesti Haigla".into(),
                    ..Org::default()
                })
                .unwrap();
                w.commit().unwrap();
                // A name (letter case aside) or a domain taken already is a conflict,
                // and ends the write (on PostgreSQL the transaction is then aborted).
                let name_taken = Org {
                    name: "KAUPUNKI OY".into(),
                    ..Org::default()
                };
                let domain_taken = Org {
                    name: "Городская больница".into(),
                    domains: vec!["kaupunki.fi".into()],
                    ..Org::default()
                };
                for taken in [name_taken, domain_taken] {
                    let mut w = store.write(WriteMode::Command).unwrap();
                    assert!(w.insert_org(&taken).is_err(), "{taken:?}");
                }
                let mut w = store.write(WriteMode::Command).unwrap();
                let before = w.settings().unwrap().generation;
                let s = w
                    .change_setting(SettingChange {
                        org: Some("kaupunki oy"),
                        key: "sla.P2.resolve",
                        value: Some("4h"),
                    })
                    .unwrap();
                assert_eq!(s.generation, before + 1);
                let terms = vec![
                    ("hours".to_string(), "24x7".to_string()),
                    ("sla.P2.resolve".to_string(), "4h".to_string()),
                ];
                assert_eq!(s.orgs, [("Kaupunki Oy".to_string(), terms.clone())]);
                assert!(
                    w.change_setting(SettingChange {
                        org: Some("Nobody"),
                        key: "hours",
                        value: Some("24x7"),
                    })
                    .is_err()
                );
                let renamed = Org {
                    name: "Kaupunki Oyj".into(),
                    domains: vec!["it.kaupunki.fi".into(), "kaupunki.fi".into()],
                    ..Org::default()
                };
                w.update_org("Kaupunki Oy", &renamed).unwrap();
                w.commit().unwrap();
                let mut rd = store.read().unwrap();
                let orgs = rd.orgs(true).unwrap();
                assert_eq!(orgs.len(), 2);
                assert_eq!(orgs[0].name, "Kaupunki Oyj");
                assert_eq!(orgs[0].domains, renamed.domains);
                assert_eq!(orgs[0].settings, terms);
                assert_eq!(orgs[1].name, "Põhja-Eesti Haigla");
                assert_eq!(rd.settings().unwrap().orgs[0].0, "Kaupunki Oyj");
            }

            #[test]
            fn organisation_tickets_are_counted_letter_case_aside() {
                use crate::domain::org::Org;
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                let mut w = store.write(WriteMode::Command).unwrap();
                w.insert_org(&Org {
                    name: "Ääkköset Oy".into(),
                    ..Org::default()
                })
                .unwrap();
                let settings = Settings::new(&[]);
                for org in ["Ääkköset Oy", "ÄÄKKÖSET OY", "Other"] {
                    let mut t = Ticket::new("t".into(), at("2026-01-05T06:00:00Z"));
                    t.org = Some(org.into());
                    let events = [created(&t)];
                    let cache = sla_cache(&settings, &Helsinki, &t, &events, t.created_at, 0);
                    w.insert_ticket(Recording {
                        ticket: &t,
                        text_changed: true,
                        events: &events,
                        cache: &cache,
                    })
                    .unwrap();
                }
                assert_eq!(w.orgs(true).unwrap()[0].tickets, 2);
                assert_eq!(w.orgs(false).unwrap()[0].tickets, 0);
            }

            #[test]
            fn a_setting_that_shapes_the_sla_starts_a_generation() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                let mut w = store.write(WriteMode::Command).unwrap();
                let zone = crate::system::process_zone().name().to_string();
                let s = w.change_setting(desk("hours", Some("24x7"))).unwrap();
                assert_eq!(
                    s.overrides,
                    [
                        ("hours".to_string(), "24x7".to_string()),
                        ("timezone".to_string(), zone)
                    ]
                );
                assert_eq!(s.generation, 1);
                let s = w.change_setting(desk("hours", None)).unwrap();
                assert_eq!((s.overrides.len(), s.generation), (1, 2));
                let s = w.change_setting(desk("verify_window", Some("2d"))).unwrap();
                assert_eq!(s.generation, 2);
            }

            #[test]
            fn a_new_desk_keeps_the_zone_it_was_made_in() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                let zone = crate::system::process_zone().name().to_string();
                assert_eq!(store.zone().unwrap(), Some(zone.clone()));
                let s = store.read().unwrap().settings().unwrap();
                assert_eq!(s.overrides, [("timezone".to_string(), zone)]);
                // A change is what the next open reads.
                let mut w = store.write(WriteMode::Command).unwrap();
                w.change_setting(desk("timezone", Some("Asia/Tokyo")))
                    .unwrap();
                w.commit().unwrap();
                drop(store);
                let mut store = open(dir.path());
                assert_eq!(store.zone().unwrap().as_deref(), Some("Asia/Tokyo"));
            }

            #[test]
            fn an_imported_event_keeps_its_recorded_by_or_its_absence() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file(&mut *store, 1);
                let mut w = store.write(WriteMode::Import).unwrap();
                let t = w.ticket(1).unwrap();
                {
                    let mut imp = w.import().unwrap();
                    let e = |who: Option<&str>| Event {
                        action: action::COMMENT.into(),
                        status: None,
                        recorded_by: who.map(str::to_string),
                        ..created(&t)
                    };
                    imp.insert_event(1, &e(Some("someone-else"))).unwrap();
                    imp.insert_event(1, &e(None)).unwrap();
                    imp.finish().unwrap();
                }
                w.commit().unwrap();
                let (_, events) = store.read().unwrap().ticket_with_history(1).unwrap();
                let who: Vec<_> = events.iter().map(|e| e.recorded_by.clone()).collect();
                assert_eq!(who, [login(), Some("someone-else".to_string()), None]);
            }

            #[test]
            fn refreshing_caches_is_set_based() {
                let Some(dir) = desk_dir() else { return };
                let log = count_statements();
                let mut store = open(dir.path());
                file(&mut *store, 1200);
                let mut w = store.write(WriteMode::Command).unwrap();
                log.lock().unwrap().clear();
                let mut seen = 0;
                w.refresh_caches(&[Status::New], &mut |t, events| {
                    seen += 1;
                    assert_eq!(events.len(), 1);
                    SlaCache {
                        generation: 9,
                        report: ReportCache {
                            response_secs: Some(t.id),
                            ..ReportCache::default()
                        },
                        ..SlaCache::default()
                    }
                })
                .unwrap();
                stop_counting();
                w.commit().unwrap();
                assert_eq!(seen, 1200);
                // One read, the scratch table, three inserts of up to 500, one update,
                // and the scratch table dropped: not one or more per ticket.
                let n = log.lock().unwrap().len();
                if COUNTED {
                    assert!(n <= 8, "{n} statements: {:#?}", log.lock().unwrap());
                }
                let mut rd = store.read().unwrap();
                let t = rd.ticket(1200).unwrap();
                assert_eq!(t.sla_generation, 9);
            }

            #[test]
            fn kb_search_scores_each_article_with_bm25_to_the_last_bit() {
                let Some(dir) = desk_dir() else { return };
                let mut store = open(dir.path());
                file_search_corpus(&mut *store);
                check_search_scores(&mut *store);
            }
        }
    };
}
