//! Integration tests: the real `desk` binary on a temporary database, in a hermetic
//! environment (cleared env, fixed clock, fixed zone, no colour). One test binary with
//! a module per area, because linking is slow on two cores.

mod attachments;
mod boundary;
mod config_sla;
mod core;
mod db;
mod docs;
mod ingest;
mod interactive;
mod interchange;
mod kb;
mod lists;
mod moves;
mod newcomer;
mod notify;
mod orgs;
mod postgres;
mod readme;
mod report;
mod safety;
mod scripts;
mod sla_timeline;
mod smtp;
mod specs;
mod support;
mod zone;
