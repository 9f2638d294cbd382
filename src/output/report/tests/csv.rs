//! The CSV report: pinned whole, three fields a row, empty values for nulls.

use super::*;

#[test]
fn csv_snapshot() {
    let out = render(render_csv, &sample());
    insta::assert_snapshot!(out, @r#"
    section,key,value
    period,from,2024-03-01
    period,to,2024-04-01
    summary,created,107
    summary,resolved,77
    summary,reopened,3
    summary,backlog_start,14
    summary,backlog_end,11
    by_kind,incident,66
    by_kind,problem,16
    by_kind,request,25
    by_category,(none),21
    by_category,access,9
    by_category,network,22
    by_category,password,18
    by_category,printing,18
    by_category,software,19
    by_channel,(none),11
    by_channel,chat,18
    by_channel,email,17
    by_channel,monitoring,10
    by_channel,phone,18
    by_channel,portal,18
    by_channel,walk-in,15
    by_priority,P1,24
    by_priority,P2,30
    by_priority,P3,32
    by_priority,P4,21
    by_org,(none),25
    by_org,Acme | Helsinki,25
    by_org,Kraków Sp. z o.o.,29
    by_org,東京 office,28
    by_tier,1,72
    by_tier,2,35
    by_tier,3,0
    first_contact,count,31
    first_contact,rate,0.301
    escalated,count,14
    escalated,rate,0.1359
    response_minutes,mean,160.7
    response_minutes,median,156.2
    response_minutes,p90,268.2
    resolution_minutes,mean,647.9
    resolution_minutes,median,682.4
    resolution_minutes,p90,1194.0
    sla,response_met,0.9126
    sla,resolution_met,0.8961
    sla,breached,"5 7 29 31 37 46 60 61 62 79 85 92 94 107"
    by_weekday,mon,33
    by_weekday,tue,20
    by_weekday,wed,12
    by_weekday,thu,13
    by_weekday,fri,24
    by_weekday,sat,4
    by_weekday,sun,1
    by_hour,0,1
    by_hour,1,0
    by_hour,2,0
    by_hour,3,0
    by_hour,4,0
    by_hour,5,0
    by_hour,6,0
    by_hour,7,12
    by_hour,8,16
    by_hour,9,21
    by_hour,10,7
    by_hour,11,11
    by_hour,12,9
    by_hour,13,15
    by_hour,14,6
    by_hour,15,9
    by_hour,16,0
    by_hour,17,0
    by_hour,18,0
    by_hour,19,0
    by_hour,20,0
    by_hour,21,0
    by_hour,22,0
    by_hour,23,0
    by_day,1,11
    by_day,2,1
    by_day,3,0
    by_day,4,9
    by_day,5,10
    by_day,6,4
    by_day,7,3
    by_day,8,2
    by_day,9,0
    by_day,10,0
    by_day,11,8
    by_day,12,4
    by_day,13,3
    by_day,14,4
    by_day,15,4
    by_day,16,1
    by_day,17,0
    by_day,18,8
    by_day,19,2
    by_day,20,2
    by_day,21,2
    by_day,22,3
    by_day,23,1
    by_day,24,0
    by_day,25,8
    by_day,26,4
    by_day,27,3
    by_day,28,4
    by_day,29,4
    by_day,30,1
    by_day,31,1
    top_ci,Sähköposti,18
    top_ci,PRN-2F,17
    top_ci,PC-0423,11
    top_ci,PC-0117,10
    top_ci,WIFI-AP-3,9
    top_requesters,Łukasz Wąsowski,21
    top_requesters,Jukka Ström,19
    top_requesters,<script>alert(1)</script>,16
    top_requesters,Eve\u{1b}[31m,16
    top_requesters,Дмитрий Иванов,15
    top_requesters,Päivi Mäkelä,11
    by_agent.resolved,ana,18
    by_agent.median_resolution_minutes,ana,655.8
    by_agent.time_spent,ana,391
    by_agent.resolved,jörg,31
    by_agent.median_resolution_minutes,jörg,496.7
    by_agent.time_spent,jörg,426
    by_agent.resolved,łucja,17
    by_agent.median_resolution_minutes,łucja,765.1
    by_agent.time_spent,łucja,718
    by_agent.resolved,Мария,11
    by_agent.median_resolution_minutes,Мария,470.7
    by_agent.time_spent,Мария,388
    kb,articles_created,4
    kb,resolved_with_article,21
    summary,time_spent,1923
    "#);
}

#[test]
fn csv_rows_are_three_fields_and_every_figure() {
    let r = sample();
    let out = render(render_csv, &r);
    let mut reader = ::csv::Reader::from_reader(out.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["section", "key", "value"]);
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|row| row.len() == 3));
    let get = |section: &str, key: &str| -> String {
        rows.iter()
            .find(|row| &row[0] == section && &row[1] == key)
            .map(|row| row[2].to_string())
            .unwrap_or_else(|| panic!("no {section},{key}"))
    };
    assert_eq!(get("summary", "created"), r.created.to_string());
    assert_eq!(get("by_tier", "3"), "0");
    assert_eq!(get("by_hour", "23"), "0");
    assert_eq!(get("by_weekday", "sun"), "1");
    assert_eq!(
        get("by_org", "Acme | Helsinki"),
        r.by_org.get("Acme | Helsinki").to_string()
    );
    assert_eq!(
        get("by_agent.time_spent", "ana"),
        r.by_agent["ana"].time_spent.to_string()
    );
    // Every figure of the JSON: 2 + 5 + breakdowns + 4 + 6 + 3 + 7 + 24
    // + days + tops + 3 per agent + 2 + 1.
    let breakdowns = [
        &r.by_kind,
        &r.by_category,
        &r.by_channel,
        &r.by_priority,
        &r.by_org,
        &r.by_tier,
    ]
    .iter()
    .map(|c| c.len())
    .sum::<usize>();
    let expected = 2
        + 5
        + breakdowns
        + 4
        + 6
        + 3
        + 7
        + 24
        + r.by_day.len()
        + r.top_ci.len()
        + r.top_requesters.len()
        + 3 * r.by_agent.len()
        + 2
        + 1;
    assert_eq!(rows.len(), expected);
    let line = out
        .lines()
        .find(|l| l.starts_with("sla,breached,"))
        .unwrap();
    assert_eq!(
        line,
        "sla,breached,\"5 7 29 31 37 46 60 61 62 79 85 92 94 107\""
    );
}

#[test]
fn csv_empty_report_has_empty_values_for_nulls() {
    let out = render(render_csv, &empty());
    assert!(out.contains("\nresponse_minutes,median,\n"));
    assert!(out.contains("\nsla,response_met,\n"));
    assert!(out.contains("\nsla,breached,\"\"\n"));
    assert!(out.contains("\nfirst_contact,rate,0.0\n"));
    assert!(out.ends_with("summary,time_spent,0\n"));
}
