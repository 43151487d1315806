//! All integration tests in one binary, so the crate is linked once.

mod batch;
mod cli;
mod follow_up;
mod hostile_input;
mod properties;
mod snapshots;
