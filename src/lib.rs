//! `desk`: a command-line service desk in one SQLite file. The library target holds
//! everything so the tests and the completion/man generators can reach the clap types.

pub mod cli;
pub mod commands;
pub mod context;
pub mod domain;
pub mod error;
pub mod intake;
pub mod notify;
pub mod output;
pub mod store;
pub mod system;
