//! What goes out: the notices' texts, the mails built from them, the transports that
//! carry them, and the loop guard that keeps desk from answering machines.

pub mod loops;
pub mod message;
pub mod outbox;
pub mod template;
pub mod transport;
