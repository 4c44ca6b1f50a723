//! Normalised dumps and diffs of Word (.docx) documents, for regression tests.
//!
//! A .docx is a zip archive of XML parts full of incidental noise (run splits, revision ids,
//! proofing marks, zip order), so comparing bytes says nothing and looking at pages is slow.
//! This crate turns any .docx into a deterministic text [`dump`] in which two documents a reader
//! cannot tell apart read the same, [`diff`]s two documents by their dumps, and gives users'
//! own tests [`assert_same_document`]. It knows nothing of support plans: it reads any .docx.
//!
//! - [`dump`] / [`dump_with`] and [`DumpOptions`]: the text view;
//! - [`diff`], [`diff_dumps`] and [`DocDiff`]: a unified diff of two dumps, by section;
//! - [`same_document`], [`assert_same_document`], [`assert_same_document_files`];
//! - [`Error`]: everything that can go wrong reading a hostile or broken file (limits in
//!   [`package`]).
//!
//! # Example
//!
//! ```
//! use std::io::Write;
//!
//! /// A minimal .docx: just the main part (this crate finds `word/document.xml` without
//! /// relationships).
//! fn docx(body: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
//!     let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//!     zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())?;
//!     write!(
//!         zip,
//!         r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
//!     )?;
//!     Ok(zip.finish()?.into_inner())
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The same words, split into runs differently and with a proofing mark.
//! let a = docx(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Hello</w:t></w:r><w:r><w:t xml:space="preserve"> world</w:t></w:r></w:p>"#)?;
//! let b = docx(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Hel</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>lo</w:t></w:r><w:r><w:t xml:space="preserve"> world</w:t></w:r></w:p>"#)?;
//! assert_eq!(supportplan_inspect::dump(&a)?, "== body\n[Normal] **Hello** world\n");
//! assert!(supportplan_inspect::same_document(&a, &b)?);
//!
//! // A real change shows in the diff, under its section.
//! let c = docx(r#"<w:p><w:r><w:t>Hello world</w:t></w:r></w:p>"#)?;
//! let diff = supportplan_inspect::diff(&a, &c)?.ok_or("they should differ")?;
//! assert!(diff.to_string().contains("-[Normal] **Hello** world\n+[Normal] Hello world\n"));
//! # Ok(()) }
//! ```
//!
//! # The dump
//!
//! ```text
//! == properties
//! title: Education, Health and Care Plan
//! language: en-GB
//! == body
//! [Title] Education, Health and Care Plan
//! [heading 1] Section A: About me
//! [List Bullet] (bullet, level 1) Likes **trains** and ~~buses~~ *swimming*
//! [Normal] Name:→Sam⏎Second line ⟦footnote 1⟧
//! table 1 [Table Grid]
//!   row 1 (header)
//!     cell 1 (2 cols): [Normal] **Outcome**
//!   row 2
//!     cell 1 (2 rows): [Normal] Speak in class
//!     cell 2:
//!       [Normal] ☒ Weekly
//!       [Normal] ☐ Daily
//!   row 3
//!     cell 1: (merged)
//!     cell 2: [Normal] By July
//! § section 1: portrait, 210×297 mm, starts on new page
//! == footer default, section 1
//! [footer] Page ⟦PAGE⟧ of ⟦NUMPAGES⟧
//! == footnotes
//! footnote 1:
//!   [footnote text] As agreed at the review.
//! == comments
//! comment 1 by A. Teacher on "Speak in class"
//!   [annotation text] Check the wording.
//! ```
//!
//! - **Sections** start with `== `: `properties` (core title, subject and language, and the
//!   default text language from the styles), `body`, then for each document section the headers
//!   and footers it references (`header default|first|even, section N`, resolved through the
//!   section properties and the document's relationships; one that reads the same as the
//!   previous section's is not repeated; part names are not shown, they are incidental), then
//!   `footnotes`, `endnotes` (numbered in reference order) and `comments` (in anchor order, with
//!   author and the text they anchor on; dates and initials are left out).
//! - **Paragraphs**: one line, `[style name]` (the default paragraph style when none is given),
//!   then for a list paragraph `(format, level N)` (`bullet` or e.g. `decimal "%1."`), then the
//!   text. Formatting is the *effective* formatting (styles, character styles and direct
//!   properties resolved): `**bold**`, `*italic*`, `<u>underlined</u>`, `~~struck~~`,
//!   `<sup>…</sup>`, `<sub>…</sub>`, `<hidden>…</hidden>`, merged over runs. Tabs are `→`, line
//!   breaks `⏎`; objects are in `⟦…⟧`: `⟦page break⟧`, `⟦column break⟧`,
//!   `⟦page break before⟧`, `⟦footnote N⟧`, `⟦image "description" W×H mm #hash⟧`,
//!   `⟦text box: …⟧`, `⟦math: …⟧`. Characters that could be read as marks are escaped with
//!   `\`.
//! - **Fields** show their result text as Word last saved it, except fields Word computes at
//!   layout time (`PAGE`, `NUMPAGES`, `DATE`, …), which show as `⟦PAGE⟧` (no switches), and
//!   check-box form fields, which show as `☒`/`☐`. Content-control check boxes and typed
//!   Wingdings boxes show as the glyph the reader sees.
//! - **Tables**: `table N [style]`, `row N` (`(header)` for repeated header rows), `cell N`
//!   with `(2 cols)`/`(3 rows)` for merged cells and `(merged)` for the cells a vertical merge
//!   covers; a cell's content is on the same line when it is one paragraph, else indented below.
//! - **Section breaks**: `§ section N: portrait|landscape, W×H mm, starts …` at the end of
//!   each section's content.
//!
//! # Normalisation
//!
//! Not shown, because a reader cannot see them: run boundaries and empty runs, `w:rsid*`,
//! `w14:paraId`/`textId`, proofing marks, bookmarks, `w:lastRenderedPageBreak`, namespace
//! prefixes, attribute order, `xml:space`, XML comments, zip entry order, compression and
//! times, part names, whether formatting comes from a style or is given directly, field
//! instructions, deleted (`w:del`, `w:moveFrom`) text and deleted table rows (inserted text is
//! shown as ordinary text), the fallback of `mc:AlternateContent`.
//!
//! Not shown, though a reader may see them (known limits): fonts, sizes, colours, highlighting,
//! alignment, indentation and spacing, table borders and widths, capitals (`w:caps`), list
//! numbers (the format is shown, not the computed number), table-style formatting. A
//! hyperlink's address is shown after its text as `⟦link https://…⟧`.
//!
//! # Determinism
//!
//! The dump depends only on the bytes given: no clocks, no environment, no hash-map order.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod diff;
mod dump;
mod error;
pub mod package;
mod styles;
mod text;
mod xml;

use std::path::Path;

pub use diff::{DocDiff, SectionDiff};
pub use dump::DumpOptions;
pub use error::{Error, Result};

/// Dumps a .docx as normalised text with the default [`DumpOptions`].
///
/// # Errors
///
/// [`Error`] when the bytes are not a readable .docx: not a zip, over a
/// [limit](package), an unsafe entry name, malformed XML (naming the part and position) or no
/// main document part.
///
/// # Examples
///
/// ```
/// let err = supportplan_inspect::dump(b"not a zip").unwrap_err();
/// assert!(err.to_string().starts_with("not a .docx"));
/// ```
pub fn dump(docx: &[u8]) -> Result<String> {
    dump::dump(docx, &DumpOptions::default())
}

/// Dumps a .docx as normalised text with the given options.
///
/// # Errors
///
/// As [`dump`].
///
/// # Examples
///
/// ```
/// use supportplan_inspect::DumpOptions;
/// let options = DumpOptions::default().with_properties(false);
/// assert!(supportplan_inspect::dump_with(b"", &options).is_err());
/// ```
pub fn dump_with(docx: &[u8], options: &DumpOptions) -> Result<String> {
    dump::dump(docx, options)
}

/// Compares two .docx by their dumps; `None` when they read the same.
///
/// # Errors
///
/// As [`dump`], for either document.
///
/// # Examples
///
/// ```
/// assert!(supportplan_inspect::diff(b"", b"").is_err());
/// ```
pub fn diff(a: &[u8], b: &[u8]) -> Result<Option<DocDiff>> {
    let (da, db) = (dump(a)?, dump(b)?);
    Ok(diff::diff_dumps(&da, &db))
}

/// Compares two dumps made by [`dump`] (for example a stored golden file and a fresh dump);
/// `None` when they are equal.
///
/// # Examples
///
/// ```
/// let d = supportplan_inspect::diff_dumps("== body\n[Normal] a\n", "== body\n[Normal] b\n");
/// assert!(d.unwrap().touches("body"));
/// ```
pub fn diff_dumps(a: &str, b: &str) -> Option<DocDiff> {
    diff::diff_dumps(a, b)
}

/// Whether two .docx read the same (their dumps are equal).
///
/// # Errors
///
/// As [`dump`], for either document.
///
/// # Examples
///
/// ```
/// assert!(supportplan_inspect::same_document(b"x", b"x").is_err());
/// ```
pub fn same_document(a: &[u8], b: &[u8]) -> Result<bool> {
    Ok(diff(a, b)?.is_none())
}

/// Asserts that two .docx read the same, for users' own tests.
///
/// # Panics
///
/// When the documents differ, with the diff of their dumps by section in the message; and when
/// either cannot be read, with the error. This is the one function of the crate that panics.
///
/// # Examples
///
/// ```should_panic
/// supportplan_inspect::assert_same_document(b"not a docx", b"not a docx");
/// ```
#[track_caller]
#[allow(clippy::panic)]
pub fn assert_same_document(a: &[u8], b: &[u8]) {
    match diff(a, b) {
        Ok(None) => {}
        Ok(Some(d)) => panic!("the documents differ:\n{d}"),
        Err(e) => panic!("cannot compare the documents: {e}"),
    }
}

/// [`assert_same_document`] for two files.
///
/// # Panics
///
/// As [`assert_same_document`], and when a file cannot be read.
///
/// # Examples
///
/// ```should_panic
/// supportplan_inspect::assert_same_document_files("missing-a.docx", "missing-b.docx");
/// ```
#[track_caller]
#[allow(clippy::panic)]
pub fn assert_same_document_files(a: impl AsRef<Path>, b: impl AsRef<Path>) {
    let read =
        |p: &Path| std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    assert_same_document(&read(a.as_ref()), &read(b.as_ref()));
}

/// Whether two .docx files read the same.
///
/// # Errors
///
/// [`Error::Io`] when a file cannot be read, else as [`dump`].
///
/// # Examples
///
/// ```
/// assert!(supportplan_inspect::same_document_files("missing-a.docx", "missing-b.docx").is_err());
/// ```
pub fn same_document_files(a: impl AsRef<Path>, b: impl AsRef<Path>) -> Result<bool> {
    let read = |p: &Path| {
        std::fs::read(p).map_err(|source| Error::Io {
            path: p.display().to_string(),
            source,
        })
    };
    same_document(&read(a.as_ref())?, &read(b.as_ref())?)
}
