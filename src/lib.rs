//! supportplan: keep a child's SEND support plan as data and produce the council's own Word form.
//!
//! This facade re-exports the workspace crates:
//! - [`core`] (`supportplan-core`): the plan model, validation and the review lifecycle;
//! - [`render`] (`supportplan-render`): the .docx template engine;
//! - [`inspect`] (`supportplan-inspect`): normalised dumps and diffs of Word documents;
//! - [`forms`] (`supportplan-forms`): the built-in council forms.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use supportplan_core as core;
pub use supportplan_forms as forms;
pub use supportplan_inspect as inspect;
pub use supportplan_render as render;

/// The README's Rust example, compiled as a doctest so it cannot drift from the API.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
