//! The crate's error type.

/// Everything that can go wrong in this crate. Messages name the JSON path of the field, never
/// its value (a plan holds a child's personal data).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The JSON could not be read as a plan: a syntax error, an unknown field, a wrong type or a
    /// malformed date.
    #[error("{code} at {location}: {message}")]
    Json {
        /// The stable issue code, such as `unknown-field` or `date-invalid`.
        code: &'static str,
        /// Where: a JSON pointer, or `line L, column C` for syntax errors.
        location: String,
        /// A plain-English message that never contains the field's value.
        message: String,
    },
    /// The plan could not be written as JSON.
    #[error("cannot write the plan as JSON: {0}")]
    Serialize(String),
    /// A lifecycle step was refused.
    #[error(transparent)]
    Lifecycle(#[from] crate::lifecycle::LifecycleError),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
