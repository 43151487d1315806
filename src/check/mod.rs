//! Check rules.
