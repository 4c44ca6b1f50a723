//! Errors, template diagnostics and their locations.

use std::fmt;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while reading a template or rendering it.
///
/// No variant ever carries a value from the data: only JSON paths (such as `/outcomes/2/text`),
/// part names, locations and tag text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The template has tag errors; all of them are listed.
    #[error("{}", display_template_errors(.0))]
    Template(Vec<TemplateError>),
    /// A data value cannot be rendered.
    #[error("data at {path}: {reason}")]
    Data {
        /// JSON pointer of the offending value, e.g. `/outcomes/2/text`.
        path: String,
        /// Why it cannot be rendered (never the value itself).
        reason: String,
    },
    /// The template is not a zip package.
    #[error("the template is not a .docx (zip) package: {0}")]
    NotAZip(String),
    /// A resource limit was exceeded (see [`Limits`](crate::Limits)).
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// A zip entry name that could escape a directory (`..`, absolute, backslash, drive letter).
    #[error("unsafe entry name in the package: {0:?}")]
    UnsafeEntryName(String),
    /// A required part is missing.
    #[error("the package has no {0} part")]
    MissingPart(String),
    /// An XML part declares a DTD or entities, which are refused.
    #[error("{part}: DTDs and entity declarations are not allowed")]
    ForbiddenDtd {
        /// The part name.
        part: String,
    },
    /// An XML part is not well-formed.
    #[error("{part}: malformed XML at byte {position}: {message}")]
    MalformedXml {
        /// The part name.
        part: String,
        /// Byte offset in the uncompressed part.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The zip writer failed.
    #[error("zip error: {0}")]
    Zip(String),
}

fn display_template_errors(errors: &[TemplateError]) -> String {
    let mut s = format!(
        "{} template error{}:",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for e in errors {
        s.push_str("\n  ");
        s.push_str(&e.to_string());
    }
    s
}

/// One error in a template, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Where the tag is.
    pub location: Location,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// A table cell position (all numbers 1-based, tables counted in document order of the part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellLocation {
    /// Table number in the part (1-based, nested tables counted too).
    pub table: usize,
    /// Row number in that table (1-based).
    pub row: usize,
    /// Cell number in that row (1-based).
    pub cell: usize,
}

/// Where a tag is in the package.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// Part name, e.g. `word/document.xml`.
    pub part: String,
    /// Paragraph number in the part (1-based, document order, paragraphs in tables and text
    /// boxes counted).
    pub paragraph: usize,
    /// The innermost table cell holding the paragraph, if any.
    pub table: Option<CellLocation>,
    /// The tag as typed, with its delimiters, e.g. `{{#outcomes}}`.
    pub tag: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, paragraph {}", self.part, self.paragraph)?;
        if let Some(c) = &self.table {
            write!(f, " (table {}, row {}, cell {})", c.table, c.row, c.cell)?;
        }
        write!(f, ": {}", self.tag)
    }
}

/// What kind of tag a [`TagInfo`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TagKind {
    /// `{{name}}`, `{{{name}}}` or `{{&name}}`.
    Variable,
    /// `{{#name}}`.
    Section,
    /// `{{^name}}`.
    Inverted,
    /// `{{/name}}`.
    Close,
    /// `{{! comment }}`.
    Comment,
    /// `{{=<% %>=}}`.
    SetDelimiters,
    /// `{{>name}}` (not supported: always reported as an error).
    Partial,
}

/// A tag found in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagInfo {
    /// The kind of tag.
    pub kind: TagKind,
    /// The name (dotted path, `.` for the implicit iterator; the text for comments).
    pub name: String,
    /// Where it is.
    pub location: Location,
}
