//! clap's value types to the domain's: the one place that knows both.

use crate::cli::{ChannelArg, KindArg, LevelArg, PriorityArg};
use crate::domain::ticket::{Channel, Kind, Level, Priority};

pub fn kind(k: KindArg) -> Kind {
    match k {
        KindArg::Incident => Kind::Incident,
        KindArg::Request => Kind::Request,
        KindArg::Problem => Kind::Problem,
    }
}

pub fn level(l: LevelArg) -> Level {
    match l {
        LevelArg::High => Level::High,
        LevelArg::Medium => Level::Medium,
        LevelArg::Low => Level::Low,
    }
}

pub fn channel(c: ChannelArg) -> Channel {
    match c {
        ChannelArg::Phone => Channel::Phone,
        ChannelArg::Email => Channel::Email,
        ChannelArg::WalkIn => Channel::WalkIn,
        ChannelArg::Portal => Channel::Portal,
        ChannelArg::Chat => Channel::Chat,
        ChannelArg::Monitoring => Channel::Monitoring,
    }
}

pub fn priority(p: PriorityArg) -> Priority {
    match p {
        PriorityArg::P1 => Priority::P1,
        PriorityArg::P2 => Priority::P2,
        PriorityArg::P3 => Priority::P3,
        PriorityArg::P4 => Priority::P4,
    }
}
