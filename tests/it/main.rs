//! All integration tests in one binary, so the crate is linked once.

mod architecture;
mod batch;
mod cli;
mod controllers;
mod editor;
mod follow_up;
mod fuzz;
mod hooks;
mod hostile_input;
mod hostile_output;
mod html;
mod languages;
mod properties;
mod qa;
mod realism;
mod set;
mod snapshots;
mod watch;
mod xlsx;
