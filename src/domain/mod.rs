//! Pure rules of the service desk: ticket states and moves, the priority matrix, the
//! service-hour calendar, the SLA clocks, settings and the report maths. Nothing here
//! touches SQL, the terminal or the clock: `now` is always an argument.

pub mod article;
pub mod calendar;
pub mod classify;
pub mod duration;
pub mod moves;
pub mod org;
pub mod outbox;
pub mod queue;
pub mod report;
pub mod search;
pub mod settings;
pub mod sla;
pub mod text;
pub mod ticket;
pub mod ticket_sla;
pub mod time;
pub mod zone;
