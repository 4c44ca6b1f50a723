//! supportplan-render fills any Word (.docx) template with any JSON data, using Mustache tags
//! typed in the document (`{{name}}`, `{{#list}}…{{/list}}`, `{{^flag}}…{{/flag}}`). It knows
//! nothing about support plans: the same engine fills any form.
//!
//! # Overview
//! - [`Template`] parses a package once ([`Template::from_bytes`]) and renders it as often as
//!   needed ([`Template::render`], [`Template::render_to`]); it is `Send + Sync`.
//! - [`fill`] parses and renders in one call; [`check`] only parses and lists the tags;
//!   [`inspect`] returns the tags and the template errors together.
//! - [`TagInfo`] and [`Location`] say where each tag is (part, paragraph, table cell);
//!   [`Error::Template`] lists every template error at once.
//! - [`Limits`] bounds sizes so hostile templates are refused instead of exhausting memory.
//!
//! Tags may be split over any number of runs (Word splits them for spelling marks, formatting,
//! revisions): the engine reads paragraph text across runs. Section scope follows the
//! document: open and close tag in one table row repeat the row, in different rows the rows
//! between, alone in their own paragraphs the paragraphs between, and inside one paragraph the
//! text between. See `templates/TEMPLATES.md` for the full tag reference.
//!
//! # Example
//! ```
//! use std::io::{Cursor, Read, Write};
//! use zip::write::SimpleFileOptions;
//!
//! // A minimal .docx with one paragraph whose tag is split over two runs.
//! let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
//! <w:p><w:r><w:t>Hello {{na</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>me}}!</w:t></w:r></w:p>
//! </w:body></w:document>"#;
//! let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
//! zw.start_file("word/document.xml", SimpleFileOptions::default())?;
//! zw.write_all(xml.as_bytes())?;
//! let docx = zw.finish()?.into_inner();
//!
//! let template = supportplan_render::Template::from_bytes(&docx)?;
//! assert_eq!(template.tags()[0].name, "name");
//! let out = template.render(&serde_json::json!({"name": "Sam & Alex"}))?;
//!
//! let mut zip = zip::ZipArchive::new(Cursor::new(out))?;
//! let mut filled = String::new();
//! zip.by_name("word/document.xml")?.read_to_string(&mut filled)?;
//! assert!(filled.contains("Sam &amp; Alex"));
//! assert!(!filled.contains("{{"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod limits;
mod numbering;
mod package;
mod program;
mod render;
mod section;
mod tags;
mod value;
mod xml;

use std::io::{Seek, Write};

pub use error::{CellLocation, Error, Location, Result, TagInfo, TagKind, TemplateError};
pub use limits::Limits;
pub use package::DEFLATE_LEVEL;

use package::Package;
use program::Part;

/// A parsed template: reusable and shareable between threads.
#[derive(Debug, Clone)]
pub struct Template {
    package: Package,
    /// Per entry: the compiled part, if templated.
    parts: Vec<Option<Part>>,
    tags: Vec<TagInfo>,
    numbering: Option<numbering::Numbering>,
    max_docpr: u64,
    max_revision: u64,
    limits: Limits,
    size_hint: usize,
}

impl Template {
    /// Parses a .docx template with the default [`Limits`].
    ///
    /// # Errors
    /// [`Error::Template`] with every tag error; package errors ([`Error::NotAZip`],
    /// [`Error::Limit`], [`Error::UnsafeEntryName`], [`Error::MissingPart`],
    /// [`Error::ForbiddenDtd`], [`Error::MalformedXml`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Template> {
        Self::from_bytes_with_limits(bytes, &Limits::default())
    }

    /// Parses a .docx template with the given limits.
    ///
    /// # Errors
    /// As [`Template::from_bytes`].
    pub fn from_bytes_with_limits(bytes: &[u8], limits: &Limits) -> Result<Template> {
        let (template, errors) = Self::parse(bytes, limits)?;
        if !errors.is_empty() {
            return Err(Error::Template(errors));
        }
        Ok(template)
    }

    fn parse(bytes: &[u8], limits: &Limits) -> Result<(Template, Vec<TemplateError>)> {
        let package = Package::read(bytes, limits)?;
        let mut tags = Vec::new();
        let mut errors = Vec::new();
        let mut parts = Vec::with_capacity(package.entries.len());
        let mut max_docpr = package.max_docpr;
        let mut max_revision = package.max_revision;
        let mut size_hint = 0;
        let mut needs_numbering = false;
        for entry in &package.entries {
            match &entry.xml {
                Some(xml) => {
                    let src = xml.strip_prefix('\u{feff}').unwrap_or(xml);
                    let src = &*xml::expand_empty_paragraphs(src);
                    let dom = xml::Dom::parse(&entry.name, src)?;
                    let compiled = section::compile(&entry.name, &dom, &mut tags, &mut errors);
                    if compiled.too_large {
                        return Err(Error::Limit(format!(
                            "{}: the part is too large to template (4 GiB)",
                            entry.name
                        )));
                    }
                    max_docpr = max_docpr.max(compiled.max_docpr);
                    max_revision = max_revision.max(compiled.max_revision);
                    needs_numbering |= compiled.has_num_ids;
                    size_hint = size_hint.max(src.len());
                    parts.push(Some(compiled.part));
                }
                None => parts.push(None),
            }
        }
        // The numbering part is read only when repeated rows hold numbered paragraphs.
        let mut numbering = None;
        if needs_numbering
            && let Some(i) = package
                .entries
                .iter()
                .position(|e| e.name == package::NUMBERING)
        {
            let xml = package.read_text(i, limits)?;
            let src = xml.strip_prefix('\u{feff}').unwrap_or(&xml);
            numbering = Some(numbering::Numbering::parse(i, package::NUMBERING, src)?);
        }
        // The XML text is compiled; keep only what rendering needs.
        let mut package = package;
        for e in &mut package.entries {
            e.xml = None;
        }
        Ok((
            Template {
                package,
                parts,
                tags,
                numbering,
                max_docpr,
                max_revision,
                limits: limits.clone(),
                size_hint,
            },
            errors,
        ))
    }

    /// Every tag of the template, in part and document order. A text box's fallback copy
    /// (`mc:Fallback`) is filled but not listed: it repeats the tags of its modern copy.
    pub fn tags(&self) -> &[TagInfo] {
        &self.tags
    }

    /// Renders the template with `data` and returns the .docx bytes.
    ///
    /// # Errors
    /// [`Error::Data`] for a value that cannot be rendered (named by its JSON path),
    /// [`Error::Limit`] when the output would exceed `max_output_bytes`.
    pub fn render(&self, data: &serde_json::Value) -> Result<Vec<u8>> {
        let outputs = self.render_parts(data)?;
        self.package.write(&outputs)
    }

    /// Renders the template with `data` into `out`.
    ///
    /// # Errors
    /// As [`Template::render`], plus [`Error::Io`] from writing.
    pub fn render_to<W: Write + Seek>(&self, data: &serde_json::Value, mut out: W) -> Result<()> {
        out.write_all(&self.render(data)?)?;
        Ok(())
    }

    /// Renders every templated part (and the numbering part when lists restart): `Some` for
    /// each entry that is rewritten.
    fn render_parts(&self, data: &serde_json::Value) -> Result<Vec<Option<Vec<u8>>>> {
        let max_num = self.numbering.as_ref().map_or(0, |n| n.max_num);
        let mut shared = render::Shared::new(
            self.max_docpr,
            self.max_revision,
            max_num,
            self.limits.max_output_bytes,
        );
        let mut outputs = Vec::with_capacity(self.parts.len());
        // `max_output_bytes` bounds the whole document: each part gets what the parts before
        // it left, so many repeated headers cannot add up past the limit.
        let mut budget = self.limits.max_output_bytes;
        for part in &self.parts {
            match part {
                Some(part) => {
                    let mut r = render::Renderer::new(
                        data,
                        &part.text,
                        &mut shared,
                        budget,
                        2 * self.size_hint,
                    );
                    r.run(&part.ops)?;
                    let part = r.finish();
                    if part.len() as u64 > budget {
                        return Err(Error::Limit(format!(
                            "the rendered document would exceed max_output_bytes ({} bytes)",
                            self.limits.max_output_bytes
                        )));
                    }
                    budget -= part.len() as u64;
                    outputs.push(Some(part));
                }
                None => outputs.push(None),
            }
        }
        if let Some(n) = &self.numbering
            && !shared.new_nums.is_empty()
            && let Some(bytes) = n.with_restarts(&shared.new_nums)
            && let Some(slot) = outputs.get_mut(n.entry)
        {
            *slot = Some(bytes);
        }
        Ok(outputs)
    }
}

/// Parses `template` and renders it with `data` in one call.
///
/// # Errors
/// As [`Template::from_bytes`] and [`Template::render`].
pub fn fill(template: &[u8], data: &serde_json::Value) -> Result<Vec<u8>> {
    Template::from_bytes(template)?.render(data)
}

/// Parses `template` and lists its tags, without data.
///
/// # Errors
/// Package errors, and [`Error::Template`] listing every tag error.
pub fn check(template: &[u8]) -> Result<Vec<TagInfo>, Error> {
    Ok(Template::from_bytes(template)?.tags)
}

/// Parses `template` and returns every tag together with every template error, so a checker
/// can list the tags even when some are wrong.
///
/// # Errors
/// Package errors only ([`Error::NotAZip`], [`Error::Limit`], [`Error::UnsafeEntryName`],
/// [`Error::MissingPart`], [`Error::ForbiddenDtd`], [`Error::MalformedXml`]); tag errors are
/// returned in the second vector.
pub fn inspect(template: &[u8]) -> Result<(Vec<TagInfo>, Vec<TemplateError>)> {
    let (t, errors) = Template::parse(template, &Limits::default())?;
    Ok((t.tags, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_send_sync() {
        fn assert<T: Send + Sync>() {}
        assert::<Template>();
    }
}
