//! Report queries.
