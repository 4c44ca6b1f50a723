//! The dump: a normalised, human-readable, deterministic text view of a .docx.
//!
//! See the crate documentation for the format. This module walks the parts in reading order
//! (properties, body, headers and footers by section, footnotes, endnotes, comments) and writes
//! one line per paragraph, table row and cell; [`text`](crate::text) renders each paragraph's
//! inline content.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::package::{Package, Relationship};
use crate::styles::{Fmt, NumRef, Numbering, RunProps, Styles, num_pr};
use crate::text::{Inline, LINE_BREAK, escape};
use crate::xml::{Element, Ns};

/// Options of [`dump_with`](crate::dump_with).
///
/// Build one with [`DumpOptions::default`] and the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DumpOptions {
    /// Print the `== properties` section (title, subject, languages). Default: on.
    pub properties: bool,
    /// Show a short hash of each image's bytes, so a changed picture shows. Default: on.
    pub image_hashes: bool,
}

impl Default for DumpOptions {
    fn default() -> Self {
        DumpOptions {
            properties: true,
            image_hashes: true,
        }
    }
}

impl DumpOptions {
    /// Sets [`properties`](Self::properties).
    #[must_use]
    pub fn with_properties(mut self, on: bool) -> Self {
        self.properties = on;
        self
    }

    /// Sets [`image_hashes`](Self::image_hashes).
    #[must_use]
    pub fn with_image_hashes(mut self, on: bool) -> Self {
        self.image_hashes = on;
        self
    }
}

/// Fields whose result Word computes when it lays the page out; they show as `⟦PAGE⟧` etc.
const DYNAMIC_FIELDS: &[&str] = &[
    "PAGE",
    "NUMPAGES",
    "SECTIONPAGES",
    "SECTION",
    "DATE",
    "TIME",
    "PRINTDATE",
    "SAVEDATE",
    "CREATEDATE",
    "EDITTIME",
    "FILENAME",
    "FILESIZE",
    "NUMWORDS",
    "NUMCHARS",
];

/// One open complex field.
#[derive(Debug, Default)]
struct Field {
    instr: String,
    separated: bool,
    suppress: bool,
    checkbox: Option<bool>,
}

/// The state of complex fields (`w:fldChar`), which may span runs and paragraphs.
///
/// `hidden` counts the open fields whose text is not shown (still in their instruction, or
/// with a result replaced by a marker), so that checking visibility does not walk the stack.
#[derive(Debug, Default)]
struct Fields {
    stack: Vec<Field>,
    hidden: usize,
}

impl Field {
    fn hides(&self) -> bool {
        !self.separated || self.suppress
    }
}

impl Fields {
    fn visible(&self) -> bool {
        self.hidden == 0
    }

    fn push(&mut self, f: Field) {
        if f.hides() {
            self.hidden += 1;
        }
        self.stack.push(f);
    }

    fn pop(&mut self) -> Option<Field> {
        let f = self.stack.pop()?;
        if f.hides() {
            self.hidden = self.hidden.saturating_sub(1);
        }
        Some(f)
    }
}

fn field_kind(instr: &str) -> String {
    instr
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_start_matches('\\')
        .to_ascii_uppercase()
}

/// A section's properties, as far as the dump shows them.
#[derive(Debug, Default, Clone)]
struct Section {
    refs: Vec<(&'static str, String, String)>,
    title_page: bool,
}

/// The part being walked: its name and relationships (for images, headers).
struct PartCtx {
    rels: Vec<Relationship>,
}

impl PartCtx {
    fn target(&self, id: &str) -> Option<&Relationship> {
        self.rels.iter().find(|r| r.id == id)
    }
}

struct Dumper<'a> {
    pkg: Package<'a>,
    styles: Styles,
    numbering: Numbering,
    opts: DumpOptions,
    footnotes: Notes,
    endnotes: Notes,
    comments: Vec<String>,
    comments_seen: BTreeSet<String>,
    anchors: BTreeMap<String, String>,
    open_comments: Vec<String>,
    images: BTreeMap<String, String>,
    stories: BTreeMap<String, Vec<String>>,
    sections: Vec<Section>,
}

/// Footnotes or endnotes in the order the text refers to them.
#[derive(Debug, Default)]
struct Notes {
    order: Vec<String>,
    number: BTreeMap<String, usize>,
}

impl Notes {
    /// The number of the note with this id, given at its first reference.
    fn number(&mut self, id: &str) -> usize {
        if let Some(n) = self.number.get(id) {
            return *n;
        }
        self.order.push(id.to_string());
        self.number.insert(id.to_string(), self.order.len());
        self.order.len()
    }
}

/// Most comments whose anchor text is collected at the same time.
const MAX_OPEN_COMMENTS: usize = 64;
/// Most characters of anchor text kept for a comment.
const MAX_ANCHOR: usize = 200;

/// Dumps a package; see [`crate::dump_with`].
pub(crate) fn dump(bytes: &[u8], opts: &DumpOptions) -> Result<String> {
    let mut pkg = Package::open(bytes)?;
    let root_rels = pkg.relationships("")?;
    let main = root_rels
        .iter()
        .find(|r| r.is("officeDocument") && !r.external)
        .map(|r| r.target.clone())
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = pkg.xml(&main)? else {
        return Err(Error::MissingPart { part: main });
    };
    let rels = pkg.relationships(&main)?;
    let find = |kind: &str| {
        rels.iter()
            .find(|r| r.is(kind) && !r.external)
            .map(|r| r.target.clone())
    };
    let styles = match find("styles") {
        Some(p) => Styles::parse(pkg.xml(&p)?.as_ref()),
        None => Styles::default(),
    };
    let numbering = match find("numbering") {
        Some(p) => Numbering::parse(pkg.xml(&p)?.as_ref()),
        None => Numbering::default(),
    };
    let even_and_odd = match find("settings") {
        Some(p) => pkg
            .xml(&p)?
            .and_then(|s| {
                s.w("evenAndOddHeaders")
                    .map(|e| e.wattr("val") != Some("0"))
            })
            .unwrap_or(false),
        None => false,
    };
    let mut d = Dumper {
        pkg,
        styles,
        numbering,
        opts: opts.clone(),
        footnotes: Notes::default(),
        endnotes: Notes::default(),
        comments: Vec::new(),
        comments_seen: BTreeSet::new(),
        anchors: BTreeMap::new(),
        open_comments: Vec::new(),
        images: BTreeMap::new(),
        stories: BTreeMap::new(),
        sections: Vec::new(),
    };
    let mut out = String::new();

    if opts.properties {
        let mut lines = Vec::new();
        let core = root_rels
            .iter()
            .find(|r| r.is("core-properties") && !r.external)
            .map(|r| r.target.clone())
            .unwrap_or_else(|| "docProps/core.xml".to_string());
        if let Some(core) = d.pkg.xml(&core)? {
            for (label, name) in [
                ("title", "title"),
                ("subject", "subject"),
                ("language", "language"),
            ] {
                if let Some(v) = core.child(Ns::Dc, name) {
                    let v = v.text();
                    if !v.trim().is_empty() {
                        lines.push(format!("{label}: {}", escape(v.trim())));
                    }
                }
            }
        }
        if let Some(lang) = &d.styles.language {
            lines.push(format!("text language: {}", escape(lang)));
        }
        section(&mut out, "properties", &lines);
    }

    let ctx = PartCtx { rels };
    let mut body_lines = Vec::new();
    if let Some(body) = document.w("body") {
        let mut fields = Fields::default();
        d.blocks(body, &ctx, &mut fields, &mut body_lines, true);
    }
    section(&mut out, "body", &body_lines);

    // Headers and footers, resolved through each section's references; a section without a
    // reference of a kind inherits the previous section's.
    let mut previous: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    let sections = std::mem::take(&mut d.sections);
    for (i, sect) in sections.iter().enumerate() {
        for kind in ["header", "footer"] {
            for ty in ["default", "first", "even"] {
                let own = sect
                    .refs
                    .iter()
                    .find(|(k, t, _)| *k == kind && t == ty)
                    .and_then(|(_, _, id)| ctx.target(id))
                    .filter(|r| !r.external)
                    .map(|r| r.target.clone());
                let Some(part) = own else {
                    // Inherited from the previous section: shown there already.
                    continue;
                };
                let lines = d.story(&part)?;
                if previous.get(&(kind, ty)) == Some(&lines) {
                    continue; // the same as the previous section's: a reader cannot tell
                }
                previous.insert((kind, ty), lines.clone());
                let mut title = format!("{kind} {ty}, section {}", i + 1);
                if ty == "first" && !sect.title_page {
                    title.push_str(" (not used: no title page)");
                }
                if ty == "even" && !even_and_odd {
                    title.push_str(" (not used: odd and even pages alike)");
                }
                section(&mut out, &title, &lines);
            }
        }
    }

    // Footnotes and endnotes, numbered in the order the text refers to them.
    for (kind, plural) in [("footnote", "footnotes"), ("endnote", "endnotes")] {
        let order = if kind == "footnote" {
            std::mem::take(&mut d.footnotes.order)
        } else {
            std::mem::take(&mut d.endnotes.order)
        };
        if order.is_empty() {
            continue;
        }
        let Some(part) = ctx
            .rels
            .iter()
            .find(|r| r.is(plural) && !r.external)
            .map(|r| r.target.clone())
        else {
            continue;
        };
        let Some(root) = d.pkg.xml(&part)? else {
            continue;
        };
        let note_ctx = PartCtx {
            rels: d.pkg.relationships(&part)?,
        };
        let by_id: BTreeMap<&str, &Element> = root
            .children_named(Ns::W, kind)
            .filter_map(|e| Some((e.wattr("id")?, e)))
            .collect();
        let mut lines = Vec::new();
        for (n, id) in order.iter().enumerate() {
            let note = by_id.get(id.as_str()).copied();
            lines.push(format!("{kind} {}:", n + 1));
            if let Some(note) = note {
                let mut inner = Vec::new();
                let mut fields = Fields::default();
                d.blocks(note, &note_ctx, &mut fields, &mut inner, false);
                lines.extend(inner.into_iter().map(|l| format!("  {l}")));
            } else {
                lines.push("  (missing)".to_string());
            }
        }
        section(&mut out, plural, &lines);
    }

    // Comments, in the order they are anchored, with author and anchored text.
    if let Some(part) = ctx
        .rels
        .iter()
        .find(|r| r.is("comments") && !r.external)
        .map(|r| r.target.clone())
        && let Some(root) = d.pkg.xml(&part)?
    {
        let comment_ctx = PartCtx {
            rels: d.pkg.relationships(&part)?,
        };
        let mut all: BTreeMap<&str, &Element> = BTreeMap::new();
        let mut order = d.comments.clone();
        for c in root.children_named(Ns::W, "comment") {
            if let Some(id) = c.wattr("id") {
                all.entry(id).or_insert(c);
                if !d.comments_seen.contains(id) {
                    order.push(id.to_string());
                }
            }
        }
        let mut lines = Vec::new();
        for (n, id) in order.iter().enumerate() {
            let Some(c) = all.get(id.as_str()).copied() else {
                continue;
            };
            let mut head = format!("comment {}", n + 1);
            if let Some(author) = c.wattr("author") {
                head.push_str(&format!(" by {}", escape(author)));
            }
            match d.anchors.get(id) {
                Some(a) => head.push_str(&format!(" on \"{}\"", a.trim())),
                None => head.push_str(" (not anchored)"),
            }
            lines.push(head);
            let mut inner = Vec::new();
            let mut fields = Fields::default();
            d.blocks(c, &comment_ctx, &mut fields, &mut inner, false);
            lines.extend(inner.into_iter().map(|l| format!("  {l}")));
        }
        section(&mut out, "comments", &lines);
    }
    Ok(out)
}

/// Appends to a comment's anchor text, up to [`MAX_ANCHOR`] characters (then `…`).
fn push_anchor(anchor: &mut String, text: &str) {
    let have = anchor.chars().count();
    if have >= MAX_ANCHOR {
        return;
    }
    let room = MAX_ANCHOR - have;
    if text.chars().count() <= room {
        anchor.push_str(text);
    } else {
        anchor.extend(text.chars().take(room.saturating_sub(1)));
        anchor.push('…');
    }
}

/// Appends a `== name` section with its lines (nothing when empty, except the body).
fn section(out: &mut String, name: &str, lines: &[String]) {
    if lines.is_empty() && name != "body" {
        return;
    }
    out.push_str("== ");
    out.push_str(name);
    out.push('\n');
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
}

fn indent(lines: Vec<String>, by: &str) -> impl Iterator<Item = String> + '_ {
    lines.into_iter().map(move |l| format!("{by}{l}"))
}

/// FNV-1a, 64 bits: a stable short fingerprint of an image's bytes.
fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn twips_to_mm(v: Option<&str>) -> Option<i64> {
    let t: f64 = v?.trim().parse().ok()?;
    Some((t * 25.4 / 1440.0).round() as i64)
}

fn emu_to_mm(v: Option<&str>) -> Option<i64> {
    let t: f64 = v?.trim().parse().ok()?;
    Some((t / 36_000.0).round() as i64)
}

impl Dumper<'_> {
    /// Renders a header, footer or other story part as block lines (once per part).
    fn story(&mut self, part: &str) -> Result<Vec<String>> {
        if let Some(lines) = self.stories.get(part) {
            return Ok(lines.clone());
        }
        let lines = self.render_story(part)?;
        self.stories.insert(part.to_string(), lines.clone());
        Ok(lines)
    }

    fn render_story(&mut self, part: &str) -> Result<Vec<String>> {
        let Some(root) = self.pkg.xml(part)? else {
            return Err(Error::MissingPart {
                part: part.to_string(),
            });
        };
        let ctx = PartCtx {
            rels: self.pkg.relationships(part)?,
        };
        let mut lines = Vec::new();
        let mut fields = Fields::default();
        self.blocks(&root, &ctx, &mut fields, &mut lines, false);
        Ok(lines)
    }

    /// Block-level content: paragraphs, tables, content controls, section breaks.
    fn blocks(
        &mut self,
        parent: &Element,
        ctx: &PartCtx,
        fields: &mut Fields,
        out: &mut Vec<String>,
        body: bool,
    ) {
        let mut tables = 0;
        self.blocks_into(parent, ctx, fields, out, body, &mut tables);
    }

    fn blocks_into(
        &mut self,
        parent: &Element,
        ctx: &PartCtx,
        fields: &mut Fields,
        out: &mut Vec<String>,
        body: bool,
        tables: &mut usize,
    ) {
        for e in parent.elements() {
            if e.is(Ns::Mc, "AlternateContent") {
                if let Some(choice) = e
                    .child(Ns::Mc, "Choice")
                    .or_else(|| e.child(Ns::Mc, "Fallback"))
                {
                    self.blocks_into(choice, ctx, fields, out, body, tables);
                }
                continue;
            }
            if e.ns != Ns::W {
                continue;
            }
            match e.name.as_str() {
                "p" => {
                    out.push(self.paragraph(e, ctx, fields));
                    if body && let Some(sect) = e.w("pPr").and_then(|p| p.w("sectPr")) {
                        out.push(self.section_break(sect));
                    }
                }
                "tbl" => {
                    *tables += 1;
                    self.table(e, ctx, fields, out, *tables);
                }
                "sdt" => {
                    if let Some(c) = e.w("sdtContent") {
                        self.blocks_into(c, ctx, fields, out, body, tables);
                    }
                }
                "customXml" | "ins" | "moveTo" => {
                    self.blocks_into(e, ctx, fields, out, body, tables)
                }
                "sectPr" if body => out.push(self.section_break(e)),
                "altChunk" => out.push("⟦imported content⟧".to_string()),
                _ => {}
            }
        }
    }

    fn section_break(&mut self, sect: &Element) -> String {
        let n = self.sections.len() + 1;
        let mut s = Section::default();
        for r in sect.elements().filter(|e| e.ns == Ns::W) {
            let kind = match r.name.as_str() {
                "headerReference" => "header",
                "footerReference" => "footer",
                _ => continue,
            };
            let ty = r.wattr("type").unwrap_or("default").to_string();
            if let Some(id) = r.attr(Ns::R, "id") {
                s.refs.push((kind, ty, id.to_string()));
            }
        }
        s.title_page = sect
            .w("titlePg")
            .is_some_and(|e| e.wattr("val") != Some("0"));
        let size = sect.w("pgSz");
        let w = size.and_then(|p| twips_to_mm(p.wattr("w")));
        let h = size.and_then(|p| twips_to_mm(p.wattr("h")));
        let landscape = size.and_then(|p| p.wattr("orient")) == Some("landscape")
            || matches!((w, h), (Some(w), Some(h)) if w > h);
        let mut line = format!(
            "§ section {n}: {}",
            if landscape { "landscape" } else { "portrait" }
        );
        if let (Some(w), Some(h)) = (w, h) {
            line.push_str(&format!(", {w}×{h} mm"));
        }
        let start = match sect.w("type").and_then(|t| t.wattr("val")) {
            Some("continuous") => "continuous",
            Some("evenPage") => "on even page",
            Some("oddPage") => "on odd page",
            Some("nextColumn") => "in next column",
            _ => "on new page",
        };
        line.push_str(&format!(", starts {start}"));
        if s.title_page {
            line.push_str(", title page");
        }
        self.sections.push(s);
        line
    }

    /// One paragraph as one line: `[Style] (list) text`.
    fn paragraph(&mut self, p: &Element, ctx: &PartCtx, fields: &mut Fields) -> String {
        let ppr = p.w("pPr");
        let given = ppr.and_then(|p| p.w("pStyle")).and_then(|s| s.wattr("val"));
        let style = self.styles.paragraph_style(given).map(str::to_string);
        let mut line = format!("[{}]", self.styles.paragraph_name(style.as_deref()));

        let direct = num_pr(ppr);
        let from_style = self.styles.style_num(style.as_deref());
        let num_id = direct.and_then(|d| d.0).or(from_style.and_then(|s| s.0));
        let level = direct
            .and_then(|d| d.1)
            .or(from_style.and_then(|s| s.1))
            .unwrap_or(0);
        if let Some(num_id) = num_id.filter(|n| *n != 0) {
            let what = self.numbering.describe(NumRef { num_id, level });
            line.push_str(&format!(" ({what}, level {})", level + 1));
        }
        if ppr
            .and_then(|p| p.w("pageBreakBefore"))
            .is_some_and(|e| e.wattr("val") != Some("0"))
        {
            line.push_str(" ⟦page break before⟧");
        }

        let mut inline = Inline::default();
        self.inlines(p, ctx, style.as_deref(), fields, &mut inline);
        for id in &self.open_comments {
            if let Some(a) = self.anchors.get_mut(id) {
                push_anchor(a, " ¶ ");
            }
        }
        if !inline.is_empty() {
            line.push(' ');
            line.push_str(&inline.render());
        }
        line
    }

    fn visible_text(&mut self, inline: &mut Inline, text: &str, fmt: Fmt) {
        inline.text(text, fmt);
        if self.open_comments.is_empty() {
            return;
        }
        let esc = escape(text);
        for id in &self.open_comments {
            if let Some(a) = self.anchors.get_mut(id) {
                push_anchor(a, &esc);
            }
        }
    }

    fn note_comment(&mut self, id: &str) {
        if self.comments_seen.insert(id.to_string()) {
            self.comments.push(id.to_string());
        }
    }

    /// Inline content of a paragraph (or of a hyperlink, content control, …).
    fn inlines(
        &mut self,
        parent: &Element,
        ctx: &PartCtx,
        style: Option<&str>,
        fields: &mut Fields,
        inline: &mut Inline,
    ) {
        for e in parent.elements() {
            if e.is(Ns::Mc, "AlternateContent") {
                if let Some(choice) = e
                    .child(Ns::Mc, "Choice")
                    .or_else(|| e.child(Ns::Mc, "Fallback"))
                {
                    self.inlines(choice, ctx, style, fields, inline);
                }
                continue;
            }
            if e.name == "oMath" || e.name == "oMathPara" {
                let mut ts = Vec::new();
                e.descendants(e.ns, "t", &mut ts);
                let text: String = ts.iter().map(|t| t.text()).collect();
                inline.object(&format!("math: {}", escape(&text)));
                continue;
            }
            if e.ns != Ns::W {
                continue;
            }
            match e.name.as_str() {
                "r" => self.run(e, ctx, style, fields, inline),
                "hyperlink" => {
                    self.inlines(e, ctx, style, fields, inline);
                    // Where a link goes is what a reader sees when they follow it: a changed
                    // address must show in a diff.
                    let target = e
                        .attr(Ns::R, "id")
                        .and_then(|id| ctx.target(id))
                        .map(|r| r.target.clone())
                        .or_else(|| e.wattr("anchor").map(|a| format!("#{a}")));
                    if let Some(t) = target {
                        inline.object(&format!("link {}", escape(&t)));
                    }
                }
                "smartTag" | "customXml" | "ins" | "moveTo" | "dir" | "bdo" => {
                    self.inlines(e, ctx, style, fields, inline)
                }
                "fldSimple" => {
                    let kind = field_kind(e.wattr("instr").unwrap_or(""));
                    if DYNAMIC_FIELDS.contains(&kind.as_str()) {
                        if fields.visible() {
                            inline.object(&kind);
                        }
                    } else {
                        self.inlines(e, ctx, style, fields, inline);
                    }
                }
                "sdt" => {
                    if let Some(c) = e.w("sdtContent") {
                        self.inlines(c, ctx, style, fields, inline);
                    }
                }
                "commentRangeStart" => {
                    if let Some(id) = e.wattr("id") {
                        self.note_comment(id);
                        if self.open_comments.len() < MAX_OPEN_COMMENTS
                            && !self.open_comments.iter().any(|c| c == id)
                        {
                            self.anchors.entry(id.to_string()).or_default();
                            self.open_comments.push(id.to_string());
                        }
                    }
                }
                "commentRangeEnd" => {
                    if let Some(id) = e.wattr("id") {
                        self.open_comments.retain(|c| c != id);
                    }
                }
                _ => {}
            }
        }
    }

    /// One run.
    fn run(
        &mut self,
        r: &Element,
        ctx: &PartCtx,
        style: Option<&str>,
        fields: &mut Fields,
        inline: &mut Inline,
    ) {
        let rpr = r.w("rPr");
        let rstyle = rpr.and_then(|p| p.w("rStyle")).and_then(|s| s.wattr("val"));
        let fmt = self.styles.run_fmt(style, rstyle, RunProps::parse(rpr));
        for e in r.elements() {
            if e.is(Ns::Mc, "AlternateContent") {
                if let Some(choice) = e
                    .child(Ns::Mc, "Choice")
                    .or_else(|| e.child(Ns::Mc, "Fallback"))
                {
                    // Treat the chosen content as the run's own children.
                    for c in choice.elements() {
                        if c.ns == Ns::W
                            && (c.name == "drawing" || c.name == "pict")
                            && fields.visible()
                        {
                            let obj = self.drawing(c, ctx);
                            inline.object(&obj);
                        }
                    }
                }
                continue;
            }
            if e.ns != Ns::W {
                continue;
            }
            match e.name.as_str() {
                "fldChar" => self.field_char(e, fields, inline),
                "instrText" => {
                    if let Some(top) = fields.stack.last_mut()
                        && !top.separated
                    {
                        top.instr.push_str(&e.text());
                    }
                }
                _ if !fields.visible() => {}
                "t" => self.visible_text(inline, &e.text(), fmt),
                // A tab character escapes to the tab mark.
                "tab" | "ptab" => self.visible_text(inline, "\t", fmt),
                "br" => match e.wattr("type") {
                    Some("page") => inline.object("page break"),
                    Some("column") => inline.object("column break"),
                    _ => inline.mark(LINE_BREAK, fmt),
                },
                "cr" => inline.mark(LINE_BREAK, fmt),
                "noBreakHyphen" => self.visible_text(inline, "\u{2011}", fmt),
                "sym" => {
                    let ch = e.wattr("char").unwrap_or("").to_ascii_uppercase();
                    let glyph = match ch.trim_start_matches("F0") {
                        "FE" | "FD" | "78" => Some("☒"),
                        "A8" | "6F" | "A1" => Some("☐"),
                        "FC" => Some("✓"),
                        _ => None,
                    };
                    match glyph {
                        Some(g) => self.visible_text(inline, g, fmt),
                        None => inline.object(&format!(
                            "symbol {} {}",
                            escape(e.wattr("font").unwrap_or("")),
                            escape(&ch)
                        )),
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let Some(id) = e.wattr("id") else { continue };
                    let (notes, kind) = if e.name == "footnoteReference" {
                        (&mut self.footnotes, "footnote")
                    } else {
                        (&mut self.endnotes, "endnote")
                    };
                    let n = notes.number(id);
                    inline.object(&format!("{kind} {n}"));
                }
                "commentReference" => {
                    if let Some(id) = e.wattr("id") {
                        self.note_comment(id);
                    }
                }
                "drawing" | "pict" => {
                    let obj = self.drawing(e, ctx);
                    inline.object(&obj);
                }
                "object" => inline.object("embedded object"),
                "pgNum" => inline.object("PAGE"),
                _ => {}
            }
        }
    }

    fn field_char(&mut self, e: &Element, fields: &mut Fields, inline: &mut Inline) {
        match e.wattr("fldCharType") {
            Some("begin") => {
                let checkbox = e.w("ffData").and_then(|ff| ff.w("checkBox")).map(|cb| {
                    let v = cb.w("checked").or_else(|| cb.w("default"));
                    v.is_some_and(|v| !matches!(v.wattr("val"), Some("0" | "false" | "off")))
                });
                fields.push(Field {
                    checkbox,
                    ..Field::default()
                });
            }
            Some("separate") => {
                let Some(top) = fields.pop() else {
                    return;
                };
                if top.separated {
                    fields.push(top); // a second `separate`: ignore it
                    return;
                }
                let mut top = Field {
                    separated: true,
                    ..top
                };
                let outer_visible = fields.visible();
                top.suppress = self.field_marker(&top, outer_visible, inline);
                fields.push(top);
            }
            Some("end") => {
                let Some(top) = fields.pop() else {
                    return;
                };
                if !top.separated {
                    let outer_visible = fields.visible();
                    self.field_marker(&top, outer_visible, inline);
                }
            }
            _ => {}
        }
    }

    /// Writes the marker of a field whose result is not shown; returns whether the result is
    /// hidden.
    fn field_marker(&mut self, f: &Field, visible: bool, inline: &mut Inline) -> bool {
        let kind = field_kind(&f.instr);
        if kind == "FORMCHECKBOX" || f.checkbox.is_some() {
            if visible {
                let g = if f.checkbox == Some(true) {
                    "☒"
                } else {
                    "☐"
                };
                self.visible_text(inline, g, Fmt::default());
            }
            true
        } else if DYNAMIC_FIELDS.contains(&kind.as_str()) {
            if visible {
                inline.object(&kind);
            }
            true
        } else {
            false
        }
    }

    /// An image or text box: `image "description" 50×30 mm #hash` or `text box: …`.
    fn drawing(&mut self, d: &Element, ctx: &PartCtx) -> String {
        let mut boxes = Vec::new();
        d.descendants(Ns::W, "txbxContent", &mut boxes);
        if let Some(tb) = boxes.first() {
            let mut lines = Vec::new();
            let mut fields = Fields::default();
            self.blocks(tb, ctx, &mut fields, &mut lines, false);
            return format!("text box: {}", lines.join(" ¶ "));
        }
        let mut what = "image".to_string();
        let mut pr = Vec::new();
        d.descendants(Ns::Wp, "docPr", &mut pr);
        if let Some(descr) = pr
            .first()
            .and_then(|p| {
                p.attr(Ns::None, "descr")
                    .or_else(|| p.attr(Ns::None, "title"))
            })
            .filter(|s| !s.trim().is_empty())
        {
            what.push_str(&format!(" \"{}\"", escape(descr.trim())));
        }
        let mut ext = Vec::new();
        d.descendants(Ns::Wp, "extent", &mut ext);
        if let Some(e) = ext.first()
            && let (Some(w), Some(h)) = (
                emu_to_mm(e.attr(Ns::None, "cx")),
                emu_to_mm(e.attr(Ns::None, "cy")),
            )
        {
            what.push_str(&format!(" {w}×{h} mm"));
        }
        if self.opts.image_hashes {
            let mut blips = Vec::new();
            d.descendants(Ns::A, "blip", &mut blips);
            let mut vml = Vec::new();
            d.descendants(Ns::V, "imagedata", &mut vml);
            let id = blips
                .first()
                .and_then(|b| b.attr(Ns::R, "embed"))
                .or_else(|| vml.first().and_then(|v| v.attr(Ns::R, "id")));
            if let Some(rel) = id.and_then(|id| ctx.target(id)) {
                if rel.external {
                    what.push_str(" (linked)");
                } else {
                    let hash = match self.images.get(&rel.target) {
                        Some(h) => h.clone(),
                        None => {
                            let h = match self.pkg.read(&rel.target) {
                                Ok(Some(bytes)) => fingerprint(&bytes),
                                Ok(None) => "missing".to_string(),
                                Err(_) => "unreadable".to_string(),
                            };
                            self.images.insert(rel.target.clone(), h.clone());
                            h
                        }
                    };
                    what.push_str(&format!(" #{hash}"));
                }
            }
        }
        what
    }

    /// A table: `table N [Style]`, then `row N`, then `cell N: …` with nested content.
    fn table(
        &mut self,
        tbl: &Element,
        ctx: &PartCtx,
        fields: &mut Fields,
        out: &mut Vec<String>,
        n: usize,
    ) {
        let mut head = format!("table {n}");
        if let Some(style) = tbl
            .w("tblPr")
            .and_then(|p| p.w("tblStyle"))
            .and_then(|s| s.wattr("val"))
        {
            head.push_str(&format!(" [{}]", self.styles.table_name(style)));
        }
        out.push(head);

        let mut rows = Vec::new();
        collect(tbl, "tr", &mut rows);
        // The grid: for each row, each cell's first grid column, span and vertical merge.
        #[derive(Clone, Copy, PartialEq)]
        enum VMerge {
            None,
            Restart,
            Continue,
        }
        let mut grid: Vec<Vec<(usize, usize, VMerge)>> = Vec::new();
        let mut row_cells: Vec<Vec<&Element>> = Vec::new();
        rows.retain(|tr| tr.w("trPr").and_then(|p| p.w("del")).is_none());
        for tr in &rows {
            let trpr = tr.w("trPr");
            let before = trpr
                .and_then(|p| p.w("gridBefore"))
                .and_then(|g| g.wattr("val")?.trim().parse::<usize>().ok())
                .unwrap_or(0)
                .min(1000);
            let mut cells = Vec::new();
            collect(tr, "tc", &mut cells);
            let mut col = before;
            let mut g = Vec::new();
            for tc in &cells {
                let tcpr = tc.w("tcPr");
                let span = tcpr
                    .and_then(|p| p.w("gridSpan"))
                    .and_then(|g| g.wattr("val")?.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                let vm = match tcpr.and_then(|p| p.w("vMerge")) {
                    Some(v) if v.wattr("val") == Some("restart") => VMerge::Restart,
                    Some(_) => VMerge::Continue,
                    None => VMerge::None,
                };
                let hm = tcpr
                    .and_then(|p| p.w("hMerge"))
                    .is_some_and(|h| h.wattr("val") != Some("restart"));
                g.push((col, span, if hm { VMerge::Continue } else { vm }));
                col = col.saturating_add(span);
            }
            grid.push(g);
            row_cells.push(cells);
        }
        // For each row, the grid columns where a vertical merge continues.
        let continues: Vec<BTreeSet<usize>> = grid
            .iter()
            .map(|g| {
                g.iter()
                    .filter(|(_, _, v)| *v == VMerge::Continue)
                    .map(|(c, _, _)| *c)
                    .collect()
            })
            .collect();
        for (ri, tr) in rows.iter().enumerate() {
            let mut row_head = format!("  row {}", ri + 1);
            if tr
                .w("trPr")
                .and_then(|p| p.w("tblHeader"))
                .is_some_and(|h| h.wattr("val") != Some("0"))
            {
                row_head.push_str(" (header)");
            }
            out.push(row_head);
            let cells = row_cells.get(ri).map(Vec::as_slice).unwrap_or(&[]);
            let g = grid.get(ri).map(Vec::as_slice).unwrap_or(&[]);
            for (ci, tc) in cells.iter().enumerate() {
                let Some(&(col, span, vm)) = g.get(ci) else {
                    continue;
                };
                if vm == VMerge::Continue {
                    out.push(format!("    cell {}: (merged)", ci + 1));
                    continue;
                }
                let mut down = 1;
                if vm == VMerge::Restart {
                    for later in continues.iter().skip(ri + 1) {
                        if later.contains(&col) {
                            down += 1;
                        } else {
                            break;
                        }
                    }
                }
                let mut label = format!("cell {}", ci + 1);
                match (span > 1, down > 1) {
                    (true, true) => label.push_str(&format!(" ({span} cols × {down} rows)")),
                    (true, false) => label.push_str(&format!(" ({span} cols)")),
                    (false, true) => label.push_str(&format!(" ({down} rows)")),
                    (false, false) => {}
                }
                let mut inner = Vec::new();
                self.blocks(tc, ctx, fields, &mut inner, false);
                if inner.len() == 1 && !inner[0].starts_with("table ") {
                    out.push(format!("    {label}: {}", inner[0]));
                } else {
                    out.push(format!("    {label}:"));
                    out.extend(indent(inner, "      "));
                }
            }
        }
    }
}

/// Collects `w:{name}` children, looking through content controls, custom XML and insertions.
fn collect<'e>(parent: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for e in parent.elements() {
        if e.ns != Ns::W {
            continue;
        }
        if e.name == name {
            out.push(e);
        } else if e.name == "sdt" {
            if let Some(c) = e.w("sdtContent") {
                collect(c, name, out);
            }
        } else if matches!(e.name.as_str(), "customXml" | "ins" | "moveTo") {
            collect(e, name, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn body(xml: &str) -> String {
        let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>"#);
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(doc.as_bytes()).unwrap();
        let bytes = z.finish().unwrap().into_inner();
        let text = dump(&bytes, &DumpOptions::default()).unwrap();
        text.strip_prefix("== body\n").unwrap().to_string()
    }

    fn run(inner: &str) -> String {
        format!("<w:r>{inner}</w:r>")
    }

    #[test]
    fn nested_fields_show_the_outer_result_only() {
        let b = |t: &str| run(&format!(r#"<w:fldChar w:fldCharType="{t}"/>"#));
        let i = |t: &str| run(&format!("<w:instrText>{t}</w:instrText>"));
        let t = |t: &str| run(&format!("<w:t>{t}</w:t>"));
        let p = format!(
            "<w:p>{}{}{}{}{}{}{}{}{}{}{}</w:p>",
            b("begin"),
            i("IF "),
            b("begin"),
            i("MERGEFIELD x"),
            b("separate"),
            t("inner"),
            b("end"),
            i(" = 1 \"yes\""),
            b("separate"),
            t("yes"),
            b("end"),
        );
        assert_eq!(body(&p), "[Normal] yes\n");
    }

    #[test]
    fn dynamic_fields_show_as_markers_and_unended_fields_hide() {
        let p = format!(
            "<w:p>{}{}{}{}{}{}</w:p>",
            run(r#"<w:fldChar w:fldCharType="begin"/>"#),
            run("<w:instrText> DATE \\@ \"d MMMM yyyy\" </w:instrText>"),
            run(r#"<w:fldChar w:fldCharType="separate"/>"#),
            run("<w:t>1 January 2026</w:t>"),
            run(r#"<w:fldChar w:fldCharType="end"/>"#),
            run(r#"<w:fldChar w:fldCharType="end"/><w:t> after</w:t>"#),
        );
        assert_eq!(body(&p), "[Normal] ⟦DATE⟧ after\n");
    }

    #[test]
    fn empty_and_whitespace_runs() {
        assert_eq!(
            body("<w:p><w:r/><w:r><w:t></w:t></w:r></w:p>"),
            "[Normal]\n"
        );
        assert_eq!(
            body(
                "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r><w:r><w:rPr><w:b/></w:rPr></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r></w:p>"
            ),
            "[Normal] **ab**\n"
        );
    }

    #[test]
    fn anchors_are_capped() {
        let mut a = String::new();
        push_anchor(&mut a, &"x".repeat(500));
        assert_eq!(a.chars().count(), MAX_ANCHOR);
        assert!(a.ends_with('…'));
        push_anchor(&mut a, "more");
        assert_eq!(a.chars().count(), MAX_ANCHOR);
    }

    #[test]
    fn units() {
        assert_eq!(twips_to_mm(Some("11906")), Some(210));
        assert_eq!(emu_to_mm(Some("360000")), Some(10));
        assert_eq!(twips_to_mm(Some("x")), None);
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
    }
}
