//! nytta: exact *nyttokalkyl* (benefit calculation) and *vinsthemtagning* (benefit
//! realisation) for Swedish public-sector development projects.
//!
//! Data flows one way: text → [`model`] (parse and validate, with spans) → [`engine`]
//! (pure, per month, decimal) → [`report`] (one renderer per format). [`check`] adds the
//! warnings that evaluations keep finding. The library never prints; the `nytta` binary
//! does the I/O.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![forbid(unsafe_code)]

pub mod analysis;
pub mod batch;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod fmt;
pub mod limits;
pub mod model;
pub mod portfolio;
pub mod report;
pub mod schema;

pub use analysis::{Analysis, analyse};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use model::{Project, parse_project};
