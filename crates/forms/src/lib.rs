//! supportplan-forms produces the council's own Word form from a child's support plan: it holds
//! the three built-in council templates, turns a [`Plan`](supportplan_core::Plan) into the JSON
//! view each form expects, and renders it with the `supportplan-render` engine, deterministically
//! (no clock reads; author and date only when the caller passes them).
//!
//! # Overview
//! - [`builtin_templates`] and [`builtin`] list the embedded forms ([`BuiltinTemplate`]): the
//!   Kirklees My Support Plan V2f, the termly Support Plan and the Coventry My Support Plan.
//! - [`render_plan`] renders a plan into a built-in form or into a council's own tagged
//!   template ([`TemplateRef`]); [`render_blank`] gives the empty paper form. [`RenderOptions`]
//!   carries the optional author and date for `docProps/core.xml`.
//! - [`view()`] and [`blank_view`] give the JSON a built-in form is filled from (its contract is
//!   in `templates/FORMS.md`); [`plan_view`] is the default data for a council's own template.
//! - [`format`](mod@format) holds every formatting decision: dates, money, review tags and struck-through
//!   ceased provision.
//! - [`extract`] reads a filled form back into a plan.
//! - [`Error`] never contains a field's value.
//!
//! # Example
//! ```
//! use supportplan_core::Plan;
//! use supportplan_forms::{RenderOptions, TemplateRef, builtin_templates, render_plan};
//!
//! let json = std::fs::read_to_string(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/../../fixtures/plans/primary-full.json"
//! ))?;
//! let plan = Plan::from_json(&json)?;
//! for t in builtin_templates() {
//!     let docx = render_plan(&plan, TemplateRef::Builtin(t.id), &RenderOptions::default())?;
//!     let dump = supportplan_inspect::dump(&docx)?;
//!     assert!(dump.contains("Ada Finch"), "{}", t.id);
//! }
//! // Ceased provision is struck through and says so in words.
//! let docx = render_plan(&plan, TemplateRef::Builtin("kirklees-msp-v2f"), &Default::default())?;
//! assert!(supportplan_inspect::dump(&docx)?.contains("(ceased at R1, 20/04/2026)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![recursion_limit = "256"]

mod error;
pub mod extract;
pub mod format;
mod registry;
mod render;
mod view;

pub use error::{Error, Result};
pub use registry::{BuiltinTemplate, COVENTRY, KIRKLEES, TERMLY, builtin, builtin_templates};
pub use render::{RenderOptions, TemplateRef, render_blank, render_plan};
pub use view::plan::plan_view;
pub use view::{blank_view, view};
