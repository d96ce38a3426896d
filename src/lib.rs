//! tieout: ties out the numbers in financial disclosures.
//!
//! The pipeline, one module a stage:
//! [`source`] (load, decode, span map) → [`extract`] (figures) → [`claims`] (relations between
//! figures) → [`rules`] (one module per rule, recomputing each claim) → [`report`].

pub mod extract;
pub mod interval;
pub mod pack;
pub mod source;
pub mod span;
