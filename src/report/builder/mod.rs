//! Builders: what a human-readable document shows and in which language. Each takes
//! the engine's figures and the findings and returns a [`super::document::Document`];
//! none writes bytes (that is the writers': [`super::table`], [`super::markdown`]).

pub mod chart;
pub mod compare;
pub mod diff;
pub mod followup;
pub mod portfolio;
pub mod report;
pub mod workbook;
