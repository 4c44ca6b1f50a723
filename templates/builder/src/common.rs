//! What the three forms share: page set-up, styles, paragraphs and runs, tick boxes, bullet
//! lists, table helpers, header and footer, and the post-processing that makes the package
//! reproducible and adds what docx-rs cannot write (repeated header rows, language, comments
//! without dates, headers on every section).

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, Comment, Docx, FieldCharType, Footer, Header, HeightRule,
    IndentLevel, InstrPAGE, InstrText, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, PageMargin, PageOrientationType, PageSize, Paragraph, Run, RunFonts,
    SectionProperty, Shading, ShdType, SpecialIndentType, Start, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

/// The builder's error: a message naming the step that failed.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A4 portrait width in twentieths of a point.
pub const A4_W: u32 = 11906;
/// A4 portrait height in twentieths of a point.
pub const A4_H: u32 = 16838;
/// Page margin on every side (2 cm).
pub const MARGIN: i32 = 1134;
/// Text width of an A4 portrait page.
pub const TEXT_W: usize = 11906 - 2 * 1134;
/// Text width of an A4 landscape page.
pub const LAND_TEXT_W: usize = 16838 - 2 * 1134;
/// Shading of label and heading cells (light grey-blue, prints well in greyscale).
pub const SHADE: &str = "DCE6F1";
/// Colour of guidance text (the form's prompts shown in empty boxes).
pub const GUIDANCE_COLOUR: &str = "595959";

const BULLET_NUM: usize = 2;

/// A plain run.
pub fn r(text: &str) -> Run {
    Run::new().add_text(text)
}

/// A bold run.
pub fn b(text: &str) -> Run {
    Run::new().add_text(text).bold()
}

/// An italic guidance run (grey), for the form's prompts and notes.
pub fn g(text: &str) -> Run {
    Run::new().add_text(text).italic().color(GUIDANCE_COLOUR)
}

/// A paragraph made of runs.
pub fn p(runs: Vec<Run>) -> Paragraph {
    runs.into_iter().fold(Paragraph::new(), Paragraph::add_run)
}

/// A paragraph of plain text.
pub fn text(s: &str) -> Paragraph {
    p(vec![r(s)])
}

/// A paragraph of bold text.
pub fn label(s: &str) -> Paragraph {
    p(vec![b(s)])
}

/// A paragraph of guidance text.
pub fn guidance(s: &str) -> Paragraph {
    p(vec![g(s)])
}

/// An empty paragraph.
pub fn empty() -> Paragraph {
    Paragraph::new()
}

/// A paragraph holding one tag (or any single run of text).
pub fn tag(t: &str) -> Paragraph {
    text(t)
}

/// A `Heading 1` paragraph.
pub fn h1(s: &str) -> Paragraph {
    p(vec![r(s)]).style("Heading1")
}

/// A `Heading 2` paragraph.
pub fn h2(s: &str) -> Paragraph {
    p(vec![r(s)]).style("Heading2")
}

/// A `Title` paragraph.
pub fn title(s: &str) -> Paragraph {
    p(vec![r(s)]).style("Title")
}

/// A paragraph that starts a new page.
pub fn new_page(para: Paragraph) -> Paragraph {
    para.page_break_before(true)
}

/// A bulleted paragraph of runs.
pub fn bullet(runs: Vec<Run>) -> Paragraph {
    p(runs).numbering(NumberingId::new(BULLET_NUM), IndentLevel::new(0))
}

/// A repeated bullet list over a list of strings at `path`: the open tag paragraph, one bulleted
/// `{{.}}` paragraph, the close tag paragraph.
pub fn bullet_list(path: &str) -> Vec<Paragraph> {
    vec![
        tag(&format!("{{{{#{path}}}}}")),
        bullet(vec![r("{{.}}")]),
        tag(&format!("{{{{/{path}}}}}")),
    ]
}

/// A repeated bullet list over a list of objects at `path`, each bullet showing `{{field}}`.
pub fn bullet_list_of(path: &str, field: &str) -> Vec<Paragraph> {
    vec![
        tag(&format!("{{{{#{path}}}}}")),
        bullet(vec![r(&format!("{{{{{field}}}}}"))]),
        tag(&format!("{{{{/{path}}}}}")),
    ]
}

/// The runs of a field that shows `prompt` (as guidance) while the value at `path` is empty
/// and the value itself once filled: `{{^path}}prompt{{/path}}{{path}}`.
pub fn or_prompt(path: &str, prompt: &str) -> Vec<Run> {
    vec![
        r(&format!("{{{{^{path}}}}}")),
        g(prompt),
        r(&format!("{{{{/{path}}}}}")),
        r(&format!("{{{{{path}}}}}")),
    ]
}

/// A tick box run: the boolean at `path` renders ☒ or ☐.
pub fn tick(path: &str) -> Run {
    Run::new().add_text(format!("{{{{{path}}}}}")).fonts(
        RunFonts::new()
            .ascii("Segoe UI Symbol")
            .hi_ansi("Segoe UI Symbol"),
    )
}

/// A table cell of a given width holding paragraphs.
pub fn cell(width: usize, paras: Vec<Paragraph>) -> TableCell {
    let paras = if paras.is_empty() {
        vec![empty()]
    } else {
        paras
    };
    paras.into_iter().fold(
        TableCell::new().width(width, WidthType::Dxa),
        TableCell::add_paragraph,
    )
}

/// A shaded label cell.
pub fn shaded(width: usize, paras: Vec<Paragraph>) -> TableCell {
    cell(width, paras).shading(
        Shading::new()
            .shd_type(ShdType::Clear)
            .color("auto")
            .fill(SHADE),
    )
}

/// A cell spanning `span` grid columns.
pub fn span(c: TableCell, span: usize) -> TableCell {
    c.grid_span(span)
}

/// A body row; it does not break across pages (Word still splits a row taller than a page).
pub fn row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split()
}

/// The marker docx-rs writes for [`header_row`]: a 1-twip minimum height, replaced by
/// `w:tblHeader` in post-processing (docx-rs cannot write repeated header rows).
const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// A row repeated at the top of each page (`w:tblHeader`).
pub fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
        .cant_split()
        .row_height(1.0)
        .height_rule(HeightRule::AtLeast)
}

/// A bordered fixed-layout table with the given column widths.
pub fn table(widths: &[usize], rows: Vec<TableRow>) -> Table {
    let total: usize = widths.iter().sum();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The cell widths for `parts` of a total width (the last column takes the remainder).
pub fn split(total: usize, parts: &[usize]) -> Vec<usize> {
    let sum: usize = parts.iter().sum();
    let mut out: Vec<usize> = parts.iter().map(|p| total * p / sum.max(1)).collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - used;
    }
    out
}

/// A comment by "Author" (no date: removed in post-processing) with one paragraph per line.
pub fn comment(id: usize, text: &str) -> Comment {
    text.split('\n').fold(
        Comment::new(id).author("Author"),
        |c: Comment, line: &str| c.add_paragraph(Paragraph::new().add_run(r(line))),
    )
}

/// A paragraph whose `runs` are anchored by the given comments (ids and texts); `before` and
/// `after` runs (section tags) stay outside the anchored range.
pub fn commented(
    before: Vec<Run>,
    runs: Vec<Run>,
    after: Vec<Run>,
    comments: &[(usize, &str)],
) -> Paragraph {
    let mut para = Paragraph::new();
    for run in before {
        para = para.add_run(run);
    }
    for (id, t) in comments {
        para = para.add_comment_start(comment(*id, t));
    }
    for run in runs {
        para = para.add_run(run);
    }
    for (id, _) in comments {
        para = para.add_comment_end(*id);
    }
    for run in after {
        para = para.add_run(run);
    }
    para
}

/// A portrait A4 section property (for a section break paragraph).
pub fn portrait() -> SectionProperty {
    SectionProperty::new()
        .page_size(PageSize::new().size(A4_W, A4_H))
        .page_margin(margins())
}

/// A landscape A4 section property (for a section break paragraph).
pub fn landscape() -> SectionProperty {
    SectionProperty::new()
        .page_size(
            PageSize::new()
                .size(A4_H, A4_W)
                .orient(PageOrientationType::Landscape),
        )
        .page_margin(margins())
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN)
        .bottom(MARGIN)
        .left(MARGIN)
        .right(MARGIN)
        .header(567)
        .footer(567)
        .gutter(0)
}

/// A new document with the shared page set-up, bullet numbering, a header naming the form and a
/// footer with the page number (the styles part is written by [`STYLES_XML`] in post-processing).
pub fn document(form_name: &str) -> Docx {
    let bullet_level = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )
    .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None);
    Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(margins())
        .add_abstract_numbering(AbstractNumbering::new(BULLET_NUM).add_level(bullet_level))
        .add_numbering(Numbering::new(BULLET_NUM, BULLET_NUM))
        .header(Header::new().add_paragraph(p(vec![g(form_name)]).align(AlignmentType::Right)))
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_run(r("Page "))
                    .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
                    .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
                    .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
                    .add_run(r("1"))
                    .add_run(Run::new().add_field_char(FieldCharType::End, false))
                    .align(AlignmentType::Center),
            ),
        )
}

/// Packs `docx` and rewrites the package so that it is reproducible and complete.
///
/// Builds run on a fresh thread so that docx-rs's thread-local paragraph ids start at 1.
///
/// # Errors
/// When docx-rs cannot pack the document or the package cannot be re-read or re-written.
pub fn finish(make: fn() -> Docx, doc_title: &'static str) -> Result<Vec<u8>, Error> {
    let handle = std::thread::spawn(move || -> Result<Vec<u8>, String> {
        let mut buf = Cursor::new(Vec::new());
        make().pack(&mut buf).map_err(|e| e.to_string())?;
        Ok(buf.into_inner())
    });
    let packed = handle
        .join()
        .map_err(|_| "the docx-rs build thread failed")??;
    repack(&packed, doc_title)
}

fn repack(packed: &[u8], doc_title: &str) -> Result<Vec<u8>, Error> {
    let mut zin = zip::ZipArchive::new(Cursor::new(packed))?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let name = f.name()?.to_string();
        if name.ends_with('/') {
            // Folder entries are not parts; OOXML packages do not need them.
            continue;
        }
        let mut data = Vec::new();
        f.read_to_end(&mut data)?;
        parts.push((name, data));
    }
    let out = Cursor::new(Vec::new());
    let mut zout = zip::ZipWriter::new(out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // [Content_Types].xml first, as Word and most readers expect.
    parts.sort_by_key(|(n, _)| n != "[Content_Types].xml");
    for (name, data) in parts {
        let data = match String::from_utf8(data) {
            Ok(xml) if name.ends_with(".xml") || name.ends_with(".rels") => {
                fix_part(&name, xml, doc_title).into_bytes()
            }
            Ok(s) => s.into_bytes(),
            Err(e) => e.into_bytes(),
        };
        zout.start_file(name, opts)?;
        zout.write_all(&data)?;
    }
    Ok(zout.finish()?.into_inner())
}

fn fix_part(name: &str, xml: String, doc_title: &str) -> String {
    match name {
        "docProps/core.xml" => core_props(doc_title),
        "word/document.xml" => {
            let xml = xml.replace(HEADER_MARK, "<w:tblHeader />");
            headers_on_every_section(&xml)
        }
        "word/comments.xml" => strip_attr(&xml, "w:date"),
        "word/styles.xml" => STYLES_XML.to_string(),
        "word/settings.xml" => add_theme_lang(&xml),
        _ => xml,
    }
    .replace("<w:pPr><w:rPr /></w:pPr>", "")
    .replace("<w:pPr><w:rPr />", "<w:pPr>")
}

/// The styles part, written here rather than by docx-rs so that it is in schema order: document
/// defaults (Arial 10 pt, en-GB, spacing), Normal, Title, Heading 1 and Heading 2.
const STYLES_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial" />"#,
    r#"<w:sz w:val="20" /><w:szCs w:val="20" /><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA" /></w:rPr></w:rPrDefault>"#,
    r#"<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="264" w:lineRule="auto" /></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:qFormat /></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title" /><w:basedOn w:val="Normal" /><w:next w:val="Normal" /><w:uiPriority w:val="10" /><w:qFormat />"#,
    r#"<w:pPr><w:spacing w:after="240" /><w:outlineLvl w:val="0" /></w:pPr><w:rPr><w:b /><w:bCs /><w:color w:val="1F3864" /><w:sz w:val="36" /><w:szCs w:val="36" /></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1" /><w:basedOn w:val="Normal" /><w:next w:val="Normal" /><w:uiPriority w:val="9" /><w:qFormat />"#,
    r#"<w:pPr><w:keepNext /><w:keepLines /><w:spacing w:before="240" w:after="120" /><w:outlineLvl w:val="0" /></w:pPr><w:rPr><w:b /><w:bCs /><w:color w:val="1F3864" /><w:sz w:val="28" /><w:szCs w:val="28" /></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2" /><w:basedOn w:val="Normal" /><w:next w:val="Normal" /><w:uiPriority w:val="9" /><w:unhideWhenUsed /><w:qFormat />"#,
    r#"<w:pPr><w:keepNext /><w:keepLines /><w:spacing w:before="180" w:after="80" /><w:outlineLvl w:val="1" /></w:pPr><w:rPr><w:b /><w:bCs /><w:color w:val="1F3864" /><w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr></w:style>"#,
    r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table" /><w:uiPriority w:val="99" /><w:semiHidden /><w:unhideWhenUsed />"#,
    r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="108" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="108" w:type="dxa" /></w:tblCellMar></w:tblPr></w:style>"#,
    r#"</w:styles>"#
);

/// Core properties: title and language only; no author, no dates.
fn core_props(doc_title: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>",
            "<dc:language>en-GB</dc:language></cp:coreProperties>"
        ),
        xml_escape(doc_title)
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Removes every `name="…"` attribute.
fn strip_attr(xml: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(&needle) {
        out.push_str(&rest[..i]);
        let after = &rest[i + needle.len()..];
        match after.find('"') {
            Some(j) => rest = &after[j + 1..],
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn add_theme_lang(xml: &str) -> String {
    if xml.contains("w:themeFontLang") {
        return xml.to_string();
    }
    match xml.rfind("</w:settings>") {
        Some(i) => format!(
            "{}<w:themeFontLang w:val=\"en-GB\" />{}",
            &xml[..i],
            &xml[i..]
        ),
        None => xml.to_string(),
    }
}

/// docx-rs writes the header and footer references only on the body's last section, and after
/// the page size (out of schema order). A section without references shows no header (the
/// first section), so every section gets the same references, first in its `w:sectPr`.
fn headers_on_every_section(xml: &str) -> String {
    let Some(last) = xml.rfind("<w:sectPr>") else {
        return xml.to_string();
    };
    let mut tail = xml[last..].to_string();
    let mut refs = String::new();
    for kind in ["<w:headerReference", "<w:footerReference"] {
        while let Some(i) = tail.find(kind) {
            let Some(j) = tail[i..].find("/>") else { break };
            refs.push_str(&tail[i..i + j + 2]);
            tail.replace_range(i..i + j + 2, "");
        }
    }
    if refs.is_empty() {
        return xml.to_string();
    }
    format!("{}{}", &xml[..last], tail).replace("<w:sectPr>", &format!("<w:sectPr>{refs}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_every_attribute_occurrence() {
        let xml = r#"<w:comment w:id="1" w:date="2020-01-01T00:00:00Z" /><w:comment w:date="x" w:id="2" />"#;
        assert_eq!(
            strip_attr(xml, "w:date"),
            r#"<w:comment w:id="1" /><w:comment w:id="2" />"#
        );
    }

    #[test]
    fn every_section_gets_the_references_first() {
        let xml = concat!(
            "<w:p><w:pPr><w:sectPr><w:pgSz /></w:sectPr></w:pPr></w:p>",
            r#"<w:sectPr><w:pgSz /><w:headerReference r:id="h" /><w:footerReference r:id="f" /></w:sectPr>"#
        );
        let out = headers_on_every_section(xml);
        assert_eq!(
            out.matches(r#"<w:sectPr><w:headerReference r:id="h" /><w:footerReference r:id="f" /><w:pgSz />"#)
                .count(),
            2,
            "{out}"
        );
    }

    #[test]
    fn core_properties_have_no_author_or_dates() {
        let xml = core_props("A & B");
        assert!(xml.contains("<dc:title>A &amp; B</dc:title>"));
        assert!(xml.contains("<dc:language>en-GB</dc:language>"));
        assert!(!xml.contains("dcterms:created") && !xml.contains("dcterms:modified"));
    }

    #[test]
    fn split_uses_the_whole_width() {
        let w = split(TEXT_W, &[3, 7, 5]);
        assert_eq!(w.iter().sum::<usize>(), TEXT_W);
    }
}
