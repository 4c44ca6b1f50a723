//! Rendering a plan into a form, and writing the document properties.

use std::io::{Cursor, Read, Write};

use chrono::NaiveDate;
use serde_json::Value;
use supportplan_core::Plan;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::{Error, Result};
use crate::registry::builtin;
use crate::view::{blank_view, plan::plan_view, view};

/// Which template to render into.
#[derive(Debug, Clone, Copy)]
pub enum TemplateRef<'a> {
    /// A built-in template by id (see [`builtin_templates`](crate::builtin_templates)).
    Builtin(&'a str),
    /// The bytes of a council's own tagged `.docx` template.
    Custom(&'a [u8]),
}

/// Options of [`render_plan`] and [`render_blank`].
///
/// The default writes no author and no date: the output then holds no name and no timestamp
/// beyond what the plan itself contains, and the same input always gives the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Written to `docProps/core.xml` as the creator and last modifier, when given.
    pub author: Option<String>,
    /// Written to `docProps/core.xml` as the created and modified date (midnight UTC), when
    /// given. The library never reads the clock.
    pub date: Option<NaiveDate>,
    /// For a council's own template ([`TemplateRef::Custom`]): send the view of this built-in
    /// template (such as `kirklees-msp-v2f`) instead of the plan view. Ignored for built-in
    /// templates, which always get their own view.
    pub view: Option<String>,
}

/// Renders `plan` into a template and returns the `.docx` bytes.
///
/// A built-in template gets its [`view`](crate::view()); a council's own template gets the
/// [`plan_view`](crate::plan_view) (the plan JSON with display helpers), or the view of the
/// built-in template named in [`RenderOptions::view`]. The plan is not validated here: call
/// [`supportplan_core::validate()`] first.
///
/// # Errors
/// [`Error::UnknownTemplate`] for an unknown built-in id (or [`RenderOptions::view`]),
/// [`Error::Render`] when the engine refuses the template or data, [`Error::Package`] when the
/// document properties cannot be written.
///
/// # Examples
/// ```
/// use supportplan_core::Plan;
/// use supportplan_forms::{RenderOptions, TemplateRef, render_plan};
/// let plan = Plan::from_json(r#"{"child": {"name": "Ada Finch"}}"#)?;
/// let opts = RenderOptions::default();
/// let a = render_plan(&plan, TemplateRef::Builtin("coventry-msp"), &opts)?;
/// let b = render_plan(&plan, TemplateRef::Builtin("coventry-msp"), &opts)?;
/// assert_eq!(a, b); // deterministic
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_plan(
    plan: &Plan,
    template: TemplateRef<'_>,
    options: &RenderOptions,
) -> Result<Vec<u8>> {
    let (bytes, data): (&[u8], Value) = match template {
        TemplateRef::Builtin(id) => {
            let t = builtin(id).ok_or_else(|| Error::UnknownTemplate(id.to_string()))?;
            (t.bytes, view(plan, id)?)
        }
        TemplateRef::Custom(bytes) => match options.view.as_deref() {
            Some(id) => (bytes, view(plan, id)?),
            None => (bytes, plan_view(plan)?),
        },
    };
    let out = supportplan_render::fill(bytes, &data)?;
    set_core_properties(&out, options)
}

/// Renders the blank paper form of a built-in template.
///
/// # Errors
/// As [`render_plan`].
///
/// # Examples
/// ```
/// let docx = supportplan_forms::render_blank("termly-support-plan", &Default::default())?;
/// assert!(docx.starts_with(b"PK"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_blank(id: &str, options: &RenderOptions) -> Result<Vec<u8>> {
    let t = builtin(id).ok_or_else(|| Error::UnknownTemplate(id.to_string()))?;
    let out = supportplan_render::fill(t.bytes, &blank_view(id)?)?;
    set_core_properties(&out, options)
}

const CORE: &str = "docProps/core.xml";
const CORE_NS: &str = r#"xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

fn pkg_err(part: &'static str) -> impl Fn(zip::result::ZipError) -> Error {
    move |e| Error::Package {
        part,
        reason: e.to_string(),
    }
}

fn io_err(part: &'static str) -> impl Fn(std::io::Error) -> Error {
    move |e| Error::Package {
        part,
        reason: e.to_string(),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Removes every `<name …>…</name>` or `<name …/>` element from `xml`.
fn remove_element(xml: &str, name: &str) -> String {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let boundary = after
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace());
        if !boundary {
            out.push_str(&rest[..i + open.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..i]);
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        if after[..gt].ends_with('/') {
            rest = &after[gt + 1..];
        } else if let Some(c) = after.find(&close) {
            rest = &after[c + close.len()..];
        } else {
            rest = &after[gt + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The properties the options add: creator and last modifier, created and modified date.
fn added_properties(options: &RenderOptions) -> String {
    let mut add = String::new();
    if let Some(a) = &options.author {
        let a = escape(a);
        add.push_str(&format!(
            "<dc:creator>{a}</dc:creator><cp:lastModifiedBy>{a}</cp:lastModifiedBy>"
        ));
    }
    if let Some(d) = options.date {
        let d = d.format("%Y-%m-%dT00:00:00Z");
        add.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified>"#
        ));
    }
    add
}

/// The core properties part: the template's (title, language, subject…) without any author,
/// modifier or timestamp, plus those the options give.
fn core_xml(existing: Option<&str>, options: &RenderOptions) -> String {
    let add = added_properties(options);
    if let Some(xml) = existing
        && let Some(root) = xml.find("<cp:coreProperties")
        && let Some(end) = xml.rfind("</cp:coreProperties>")
        && root < end
    {
        let mut body = xml[..end].to_string();
        for name in [
            "dc:creator",
            "cp:lastModifiedBy",
            "dcterms:created",
            "dcterms:modified",
            "cp:lastPrinted",
        ] {
            body = remove_element(&body, name);
        }
        // Make sure the prefixes the additions use are declared on the root.
        if let Some(gt) = body[root..].find('>').map(|g| g + root) {
            let mut decl = String::new();
            for (prefix, ns) in [
                ("xmlns:dc=", "http://purl.org/dc/elements/1.1/"),
                ("xmlns:dcterms=", "http://purl.org/dc/terms/"),
                ("xmlns:xsi=", "http://www.w3.org/2001/XMLSchema-instance"),
            ] {
                if !body[root..gt].contains(prefix) {
                    decl.push_str(&format!(" {prefix}\"{ns}\""));
                }
            }
            body.insert_str(gt, &decl);
        }
        return format!("{body}{add}</cp:coreProperties>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties {CORE_NS}>{add}</cp:coreProperties>"#
    )
}

/// Rewrites `docProps/core.xml` of a rendered package (see [`core_xml`]); every other entry is
/// copied as it is. A package without the part gets one only when the options add something.
fn set_core_properties(docx: &[u8], options: &RenderOptions) -> Result<Vec<u8>> {
    let mut zin = ZipArchive::new(Cursor::new(docx)).map_err(pkg_err(CORE))?;
    let has_core = zin.index_for_name(CORE).is_some();
    let adds = options.author.is_some() || options.date.is_some();
    if !has_core && !adds {
        return Ok(docx.to_vec());
    }
    let mut zout = ZipWriter::new(Cursor::new(Vec::with_capacity(docx.len() + 1024)));
    let opts = |time: Option<DateTime>| {
        SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(time.unwrap_or_default())
    };
    for i in 0..zin.len() {
        let name = zin
            .by_index_raw(i)
            .map_err(pkg_err(CORE))?
            .name()
            .map_err(pkg_err(CORE))?
            .to_string();
        let rewrite = match name.as_str() {
            CORE => true,
            "[Content_Types].xml" | "_rels/.rels" => !has_core,
            _ => false,
        };
        if !rewrite {
            let f = zin.by_index_raw(i).map_err(pkg_err(CORE))?;
            zout.raw_copy_file(f).map_err(pkg_err(CORE))?;
            continue;
        }
        let mut f = zin.by_index(i).map_err(pkg_err(CORE))?;
        let time = f.last_modified();
        let mut text = String::new();
        f.read_to_string(&mut text).map_err(io_err(CORE))?;
        drop(f);
        let new = match name.as_str() {
            CORE => core_xml(Some(&text), options),
            "[Content_Types].xml" => text.replacen(
                "</Types>",
                r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#,
                1,
            ),
            _ => text.replacen(
                "</Relationships>",
                r#"<Relationship Id="rIdSupportplanCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#,
                1,
            ),
        };
        zout.start_file(name.as_str(), opts(time))
            .map_err(pkg_err(CORE))?;
        zout.write_all(new.as_bytes()).map_err(io_err(CORE))?;
    }
    if !has_core {
        zout.start_file(CORE, opts(None)).map_err(pkg_err(CORE))?;
        zout.write_all(core_xml(None, options).as_bytes())
            .map_err(io_err(CORE))?;
    }
    Ok(zout.finish().map_err(pkg_err(CORE))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_are_cleaned_and_added() {
        let xml = format!(
            r#"<?xml version="1.0"?><cp:coreProperties {CORE_NS}><dc:title>T</dc:title><dc:creator>Someone</dc:creator><cp:lastModifiedBy/><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T10:00:00Z</dcterms:created></cp:coreProperties>"#
        );
        let none = core_xml(Some(&xml), &RenderOptions::default());
        assert!(none.contains("<dc:title>T</dc:title>"));
        assert!(
            !none.contains("Someone") && !none.contains("2020") && !none.contains("lastModifiedBy")
        );
        let opts = RenderOptions {
            author: Some("A & B".into()),
            date: NaiveDate::from_ymd_opt(2026, 3, 12),
            view: None,
        };
        let with = core_xml(Some(&xml), &opts);
        assert!(with.contains("<dc:creator>A &amp; B</dc:creator>"));
        assert!(with.contains(">2026-03-12T00:00:00Z</dcterms:modified>"));
        assert!(core_xml(None, &opts).contains("<dc:creator>"));
    }

    #[test]
    fn remove_element_keeps_similar_names() {
        assert_eq!(
            remove_element("<a:x>1</a:x><a:xy>2</a:xy><a:x/>", "a:x"),
            "<a:xy>2</a:xy>"
        );
    }
}
