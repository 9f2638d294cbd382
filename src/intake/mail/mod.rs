//! Inbound e-mail for `desk ingest mail`: turns one raw RFC 5322 message (as a
//! mail server pipes it in) into a [`Mail`] the intake code can file as a ticket or
//! a comment. This module is pure — no I/O, no database: [`parse_mail`] decodes the
//! headers (RFC 2047 encoded words in any charset mail-parser knows), picks the
//! readable body (text/plain preferred, format=flowed re-joined, HTML-only mail
//! converted to text) and rejects input that is not a mail message at all;
//! [`ticket_ref`] finds a `[#42]` tag in a subject, [`clean_subject`] turns a
//! subject into a ticket title, and [`strip_quoted_reply`] keeps only the new text
//! of a reply that is filed as a comment.

//!
//! One file per step: [`parse`] (the message and its body), [`html`] (HTML bodies
//! as text), [`subject`] (ticket tags and titles) and [`reply`] (quoted text).

mod html;
mod parse;
mod reply;
mod subject;
#[cfg(test)]
mod tests;

pub use parse::{Mail, parse_mail};
pub use reply::strip_quoted_reply;
pub use subject::{clean_subject, ticket_ref};
