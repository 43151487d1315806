//! All integration tests in one binary, so the crate is linked once.

mod cli;
mod properties;
mod snapshots;
