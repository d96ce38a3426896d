//! tieout: ties out the numbers in financial disclosures.
//!
//! The pipeline, one module a stage:
//! [`source`] (load, decode, span map) → [`extract`] (figures) → [`claims`] (relations between
//! figures) → [`readings`] (the bindings of each claim the text allows) → [`rules`] (one module
//! per rule, recomputing each reading) → [`report`].
//! [`check::Checker`] runs the stages for one document.
//!
//! ```
//! use tieout::{check::Checker, source::Document};
//! let doc = Document::plain("release.txt", "Revenue fell 12% to $5.5M from $7.0M.");
//! let report = Checker::default_checker().check(&doc);
//! assert_eq!(report.findings[0].rule, "percent-change");
//! assert_eq!(report.findings[0].snippet, "12%");
//! ```

pub mod calendar;
pub mod check;
pub mod claims;
pub mod config;
pub mod encoding;
pub mod extract;
pub mod facts;
pub mod interval;
pub mod pack;
pub mod pattern;
pub mod periods;
pub mod readings;
pub mod report;
pub mod rules;
pub mod source;
pub mod span;
pub mod suppress;
pub mod tables;
pub mod toml_text;
pub mod xbrl;
