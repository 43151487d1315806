//! All integration tests in one binary, so the crate is linked once.

mod architecture;
mod batch;
mod cli;
mod controllers;
mod follow_up;
mod fuzz;
mod hostile_input;
mod hostile_output;
mod properties;
mod realism;
mod snapshots;
