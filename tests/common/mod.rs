//! Helpers shared by the integration tests.
pub mod docx;
pub mod findings;
