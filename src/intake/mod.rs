//! Intake of messages from other systems: mail today. Pure parsing lives here; filing
//! is the `ingest` command's job.

pub mod attachments;
pub mod mail;
pub mod records;
