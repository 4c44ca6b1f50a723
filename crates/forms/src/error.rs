//! The one error type of the crate.
//!
//! Messages name the template, the part or the JSON path involved; they never quote a field's
//! value, which may be a child's personal data.

/// Everything that can go wrong turning a plan into a council form.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No built-in template has this id (ids are not personal data, so the id is shown).
    #[error("unknown template `{0}` (`supportplan templates` lists the built-in templates)")]
    UnknownTemplate(String),
    /// A built-in view file embedded in the crate could not be read (a build defect).
    #[error("the built-in blank view of `{0}` could not be read")]
    BuiltinView(&'static str),
    /// The plan could not be turned into JSON for a council's own template.
    #[error("the plan could not be turned into its JSON view")]
    PlanView,
    /// The template engine refused the template or the data.
    #[error(transparent)]
    Render(#[from] supportplan_render::Error),
    /// The rendered package could not be rewritten (document properties).
    #[error("cannot write the document properties ({part}): {reason}")]
    Package {
        /// The part involved, such as `docProps/core.xml`.
        part: &'static str,
        /// What went wrong (from the zip layer; never document text).
        reason: String,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
