//! The HTML report: self-contained and escaped.

use super::*;

#[test]
fn html_is_self_contained_and_escaped() {
    let out = render(render_html, &sample());
    assert!(out.starts_with("<!doctype html>\n"));
    assert!(out.ends_with("</html>\n"));
    for forbidden in [
        "http://", "https://", "<link", "src=", "<script", "@import", "url(",
    ] {
        assert!(!out.contains(forbidden), "found {forbidden}");
    }
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("Acme | Helsinki"));
    assert!(out.contains("<svg"));
    assert!(out.contains("<table class=\"heat\">"));
    assert!(out.contains("@media print"));
    // Every tag that opens closes, in order.
    let mut stack: Vec<String> = Vec::new();
    let void = ["meta", "rect", "line"];
    let mut rest = out.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if void.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
        } else {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "{stack:?}");
}

#[test]
fn html_empty_report() {
    let out = render(render_html, &empty());
    assert!(out.starts_with("<!doctype html>"));
    assert!(out.contains("No ticket breached its SLA."));
}
