//! Reading a filled council form back into plan JSON.
//!
//! [`extract`] reads a filled form (made by this crate's renderer, possibly opened and saved
//! again in Word or LibreOffice) into a [`Plan`] holding the fields that form shows.
//! [`carried_fields`] lists, per template, which plan fields the form carries and which it
//! cannot; [`project`] cuts a plan down to the carried fields, so that for any plan
//! `extract(render(plan)) == project(plan)`.
//!
//! It works in two steps:
//!
//! 1. the document is read through [`supportplan_inspect::dump`], which removes everything a
//!    reader cannot see (run splits, revision ids, proofing marks …), and the form's parts are
//!    found by their headings, labels and table layout, giving back the **view**: the JSON the
//!    template was filled from (see `templates/FORMS.md`);
//! 2. the view is turned back into a plan, inverting the forms' formats: dates `dd/mm/yyyy`,
//!    money `£12.50`, review additions "… (R1, 12/03/2026)", ceased items struck through and
//!    followed by "(ceased at R1, 12/03/2026)", tick boxes ☒/☐.
//!
//! Errors name the part of the form that could not be read (section, table, row), never a
//! value: a plan holds a child's personal data.

use serde_json::Value;
use supportplan_core::Plan;

mod carried;
mod coventry;
mod doc;
mod kirklees;
mod parse;
mod read;
mod termly;

pub use carried::{CarriedFields, carried_fields, project};

/// The built-in templates that [`extract`] reads.
pub const TEMPLATES: [&str; 3] = [kirklees::ID, termly::ID, coventry::ID];

/// Everything that can stop [`extract`]. Messages name the template and the part of the form,
/// never a field's value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The template id is not one of the built-in templates.
    #[error(
        "unknown template `{0}` (built-in: kirklees-msp-v2f, termly-support-plan, coventry-msp)"
    )]
    UnknownTemplate(String),
    /// The file is not a readable .docx.
    #[error("not a readable .docx: {0}")]
    Docx(#[from] supportplan_inspect::Error),
    /// A part of the form is not where the template has it: the document is not a filled form
    /// of this template (or was changed beyond recognition).
    #[error("not a filled `{template}` form: {missing} not found")]
    NotThisForm {
        /// The template id.
        template: String,
        /// The part that was looked for, such as "the Section 5 outcomes table".
        missing: String,
    },
    /// A value is there but cannot be read back, such as a date that is not `dd/mm/yyyy`.
    #[error("`{template}` form, {location}: {problem}")]
    Unreadable {
        /// The template id.
        template: String,
        /// Where: section, table and row, such as "Section 5, outcome row 2".
        location: String,
        /// What is wrong, without the value, such as "not a date (dd/mm/yyyy)".
        problem: String,
    },
}

/// Reads a filled council form back into a plan, for the fields that template carries (see
/// [`carried_fields`]). Fields the form does not carry are left at their defaults.
///
/// # Errors
///
/// - [`ExtractError::UnknownTemplate`] for an id that is not a built-in template;
/// - [`ExtractError::Docx`] when the bytes are not a readable .docx;
/// - [`ExtractError::NotThisForm`] when a part of the form is missing (another template, or
///   not a form at all);
/// - [`ExtractError::Unreadable`] when a value cannot be read back (a malformed date, amount
///   or review tag).
pub fn extract(docx: &[u8], template_id: &str) -> Result<Plan, ExtractError> {
    let view = extract_view(docx, template_id)?;
    match template_id {
        kirklees::ID => kirklees::to_plan(&view),
        termly::ID => termly::to_plan(&view),
        coventry::ID => coventry::to_plan(&view),
        other => Err(ExtractError::UnknownTemplate(other.to_string())),
    }
}

/// Reads a filled council form back into its **view**: the JSON the template was filled from,
/// in the shape `templates/FORMS.md` documents. Struck text and text that mixes bold with
/// plain text come back as lists of runs (`{"text", "strike", "bold"}`); everything else as
/// strings and booleans. Empty list bullets are left out.
///
/// # Errors
///
/// As [`extract`], except [`ExtractError::Unreadable`].
pub fn extract_view(docx: &[u8], template_id: &str) -> Result<Value, ExtractError> {
    if !TEMPLATES.contains(&template_id) {
        return Err(ExtractError::UnknownTemplate(template_id.to_string()));
    }
    let dump = supportplan_inspect::dump(docx)?;
    let blocks = doc::parse_body(&dump);
    match template_id {
        kirklees::ID => kirklees::read_view(&blocks),
        termly::ID => termly::read_view(&blocks),
        coventry::ID => coventry::read_view(&blocks),
        other => Err(ExtractError::UnknownTemplate(other.to_string())),
    }
}
