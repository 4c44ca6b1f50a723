//! The one error type of the crate.
//!
//! Messages name the part (`word/document.xml`), a byte position inside it and the limit that
//! was hit; they never quote the document's text, which may be a child's personal data.

/// Everything that can stop [`dump`](crate::dump) or [`diff`](crate::diff).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not a zip archive, or its central directory is damaged.
    #[error("not a .docx (zip) package: {source}")]
    NotZip {
        /// What the zip reader said.
        #[source]
        source: zip::result::ZipError,
    },
    /// The archive has more entries than [`MAX_ENTRIES`](crate::package::MAX_ENTRIES).
    #[error("the package has {count} entries, more than the limit of {limit}")]
    TooManyEntries {
        /// Entries in the archive.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An entry name is absolute, climbs out with `..`, or is otherwise unsafe.
    #[error("entry {index} of the package has an unsafe name")]
    UnsafeEntryName {
        /// Index of the entry in the archive.
        index: usize,
    },
    /// Two entries have the same (case-insensitive) part name.
    #[error("the package holds part {part} twice")]
    DuplicatePart {
        /// The part name.
        part: String,
    },
    /// A part decompresses to more than [`MAX_PART_SIZE`](crate::package::MAX_PART_SIZE).
    #[error("part {part} decompresses to more than {limit} bytes")]
    PartTooLarge {
        /// The part name.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The parts read so far decompress to more than
    /// [`MAX_TOTAL_SIZE`](crate::package::MAX_TOTAL_SIZE).
    #[error("the package decompresses to more than {limit} bytes (stopped at part {part})")]
    PackageTooLarge {
        /// The part being read when the limit was reached.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A zip entry could not be read (bad compression data, CRC mismatch, encryption).
    #[error("cannot read part {part}: {source}")]
    Zip {
        /// The part name.
        part: String,
        /// What the zip reader said.
        #[source]
        source: zip::result::ZipError,
    },
    /// A part the document needs is missing.
    #[error("the package has no part {part}")]
    MissingPart {
        /// The part name.
        part: String,
    },
    /// A part is not well-formed XML.
    #[error("part {part} is not well-formed XML at byte {position}: {message}")]
    Xml {
        /// The part name.
        part: String,
        /// Byte offset in the (decoded) part.
        position: u64,
        /// What the XML reader said (names of elements, never text content).
        message: String,
    },
    /// A part declares a DTD (`<!DOCTYPE`), which Office never writes and which is refused.
    #[error("part {part} declares a DTD at byte {position}, which is not allowed")]
    Dtd {
        /// The part name.
        part: String,
        /// Byte offset of the declaration.
        position: u64,
    },
    /// A part nests elements deeper than [`MAX_DEPTH`](crate::package::MAX_DEPTH).
    #[error("part {part} nests elements deeper than {limit} at byte {position}")]
    TooDeep {
        /// The part name.
        part: String,
        /// Byte offset where the limit was reached.
        position: u64,
        /// The limit.
        limit: usize,
    },
    /// A part is neither UTF-8 nor UTF-16 with a byte-order mark.
    #[error("part {part} is not UTF-8 or UTF-16 text")]
    Encoding {
        /// The part name.
        part: String,
    },
    /// A file could not be read (only from the `*_files` helpers).
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
