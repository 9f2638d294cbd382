//! Intake of messages from other systems.
