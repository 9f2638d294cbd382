//! What the operating system says about this process: its account (who is really
//! connected, `recorded_by` on SQLite; the login name behind `who acts`) and its time
//! zone (the zone a new desk takes). The decisions are pure (`domain::zone`); this is
//! the I/O around them.

use crate::domain::zone::{self, Zone};
use std::sync::OnceLock;

/// The process's zone: `TZ` when it is an IANA name, else the system's zone (the
/// target of `/etc/localtime`, or `/etc/timezone`), else UTC. Asked once.
pub fn process_zone() -> Zone {
    static ZONE: OnceLock<Zone> = OnceLock::new();
    *ZONE.get_or_init(|| {
        let tz = std::env::var("TZ").ok();
        let system = iana_time_zone::get_timezone().ok();
        zone::detect(tz.as_deref(), system.as_deref())
    })
}

/// The account name of the process's real uid (getpwuid_r, through nix's safe wrapper).
#[cfg(unix)]
pub fn account_name() -> Option<String> {
    use nix::unistd::{Uid, User};
    User::from_uid(Uid::current())
        .ok()
        .flatten()
        .map(|u| u.name)
}

#[cfg(not(unix))]
pub fn account_name() -> Option<String> {
    std::env::var("USERNAME").ok()
}
