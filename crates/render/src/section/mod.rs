//! Compiling one XML part: finding paragraphs and their text across runs, lexing tags, pairing
//! sections, choosing each section's scope (inline runs, paragraphs, table rows) and flattening
//! the part into a [`Op`] tree with the tag text removed.

use std::collections::{HashMap, HashSet};

use crate::error::{CellLocation, Location, TagInfo, TagKind, TemplateError};
use crate::program::{Op, Part, Span};
use crate::tags::{Delims, Next, next_tag};
use crate::xml::{Dom, Kind, NodeId};

mod flatten;

/// No paragraph (in [`Compiler`]'s per-node tables).
const NONE: u32 = u32::MAX;

/// Deepest section nesting accepted (the renderer recurses once per level).
pub(crate) const MAX_NESTING: usize = 64;

/// Whether `name` is an element that holds blocks and must end with a paragraph (a cell, text
/// box, comment, note, header or footer).
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "w:tc" | "w:txbxContent" | "w:comment" | "w:footnote" | "w:endnote" | "w:hdr" | "w:ftr"
    )
}

/// Tracked changes whose `w:id` must be unique: later copies in repeated content get fresh ids.
/// (The compiler asks [`is_revision`] and [`is_change`], which are checked against this list.)
#[cfg(test)]
const REVISIONS: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rPrChange",
    "w:pPrChange",
    "w:tblPrChange",
    "w:trPrChange",
    "w:tcPrChange",
    "w:sectPrChange",
    "w:tblGridChange",
    "w:numberingChange",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
];

/// Revision range marks (start, end): a start and its end share one `w:id` (and a move's source
/// and destination ranges share a `w:name`), so they are kept in the first copy only.
#[cfg(test)]
const REVISION_RANGES: &[(&str, &str)] = &[
    ("w:moveFromRangeStart", "w:moveFromRangeEnd"),
    ("w:moveToRangeStart", "w:moveToRangeEnd"),
    ("w:customXmlInsRangeStart", "w:customXmlInsRangeEnd"),
    ("w:customXmlDelRangeStart", "w:customXmlDelRangeEnd"),
    (
        "w:customXmlMoveFromRangeStart",
        "w:customXmlMoveFromRangeEnd",
    ),
    ("w:customXmlMoveToRangeStart", "w:customXmlMoveToRangeEnd"),
];

/// Whether `name` is a tracked change (one of [`REVISIONS`]).
pub(crate) fn is_change(name: &str) -> bool {
    is_revision(name) && !name.ends_with("RangeStart") && !name.ends_with("RangeEnd")
}

/// Whether `name` is a tracked change or a revision range mark (its `w:id` is a revision id):
/// one of [`REVISIONS`] or [`REVISION_RANGES`] (a `match`, as every element is asked).
pub(crate) fn is_revision(name: &str) -> bool {
    matches!(
        name,
        "w:ins"
            | "w:del"
            | "w:moveFrom"
            | "w:moveTo"
            | "w:rPrChange"
            | "w:pPrChange"
            | "w:tblPrChange"
            | "w:trPrChange"
            | "w:tcPrChange"
            | "w:sectPrChange"
            | "w:tblGridChange"
            | "w:numberingChange"
            | "w:cellIns"
            | "w:cellDel"
            | "w:cellMerge"
            | "w:moveFromRangeStart"
            | "w:moveFromRangeEnd"
            | "w:moveToRangeStart"
            | "w:moveToRangeEnd"
            | "w:customXmlInsRangeStart"
            | "w:customXmlInsRangeEnd"
            | "w:customXmlDelRangeStart"
            | "w:customXmlDelRangeEnd"
            | "w:customXmlMoveFromRangeStart"
            | "w:customXmlMoveFromRangeEnd"
            | "w:customXmlMoveToRangeStart"
            | "w:customXmlMoveToRangeEnd"
    )
}

/// The largest `w:id` of a tracked change or revision range mark in `xml` (0 if none), read
/// from the raw text of a part that is not compiled.
pub(crate) fn scan_max_revision_id(xml: &str) -> u64 {
    // Every such name starts with one of these (most parts hold none: then no tag is read).
    const STARTS: &[&[u8]] = &[
        b"<w:ins",
        b"<w:del",
        b"<w:move",
        b"<w:cell",
        b"<w:customXml",
    ];
    let b = xml.as_bytes();
    if memchr::memmem::find(b, b"Change").is_none()
        && !STARTS.iter().any(|n| memchr::memmem::find(b, n).is_some())
    {
        return 0;
    }
    let mut max = 0;
    for (i, _) in xml.match_indices("<w:") {
        let tag = &xml[i + 1..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        if !is_revision(&tag[..name_end]) {
            continue;
        }
        if let Some((_, s, e)) = crate::xml::find_attr(tag, "w:id")
            && let Ok(v) = tag[s..e].parse::<u64>()
        {
            max = max.max(v);
        }
    }
    max
}

/// A paragraph; its text is [`Compiler::para_text`].
struct Para {
    node: NodeId,
    index: usize,
    cell: Option<CellLocation>,
    /// Its text: a range of [`Compiler::text`].
    text: (u32, u32),
    /// Its `w:t` nodes: a range of [`Compiler::seg_nodes`].
    segs: (u32, u32),
    has_object: bool,
    /// The paragraph carries a section break (`w:sectPr` in its properties).
    has_sect: bool,
}

/// A tag located in the part.
#[derive(Debug, Clone)]
struct Tag {
    kind: TagKind,
    name: String,
    text: String,
    para: usize,
    start: usize,
    end_para: usize,
    end: usize,
}

/// Where a tag is (a copy of [`Tag`]'s positions, without its strings).
#[derive(Debug, Clone, Copy)]
struct TagPos {
    kind: TagKind,
    para: usize,
    start: usize,
    end_para: usize,
    end: usize,
}

impl Tag {
    fn pos(&self) -> TagPos {
        TagPos {
            kind: self.kind,
            para: self.para,
            start: self.start,
            end_para: self.end_para,
            end: self.end,
        }
    }
}

/// Where a mark goes.
#[derive(Debug, Clone, Copy)]
enum Place {
    Inline(usize, usize),
    Before(NodeId),
    After(NodeId),
    ContentStart(NodeId),
    ContentEnd(NodeId),
}

#[derive(Debug, Clone)]
enum Role<'a> {
    Open {
        name: String,
        inverted: bool,
        rows: bool,
    },
    Close,
    Var {
        name: String,
        /// The run properties of the tag's first run: a slice of the part's source.
        rpr: &'a str,
    },
    SkipOpen,
    SkipClose,
}

#[derive(Debug, Clone)]
struct Mark<'a> {
    role: Role<'a>,
    tag: usize,
}

/// Items produced by flattening, before building the tree.
enum Item<'a> {
    Lit(Span),
    Push(&'a str),
    Pop,
    Mark(usize),
    Op(Op),
}

/// Output of compiling one part.
pub(crate) struct Compiled {
    pub part: Part,
    /// Largest `wp:docPr id` seen.
    pub max_docpr: u64,
    /// Largest revision id (`w:id` of a tracked change or revision range mark) seen.
    pub max_revision: u64,
    /// Whether numbered paragraphs sit in repeated rows (numbering.xml is then needed).
    pub has_num_ids: bool,
    /// The part's text and the markup written while compiling it do not fit the 32-bit spans
    /// of [`Op::Lit`] (4 GiB).
    pub too_large: bool,
}

/// Compiles `src` (part `part`). Tags are appended to `tags` (with their global index) and
/// template errors to `errors`.
pub(crate) fn compile(
    part: &str,
    dom: &Dom<'_>,
    tags_out: &mut Vec<TagInfo>,
    errors: &mut Vec<TemplateError>,
) -> Compiled {
    let mut c = Compiler::new(part, dom);
    c.collect(tags_out.len());
    c.lex();
    for t in &c.tags {
        // A text box's fallback copy repeats the tags of its modern copy: listed once.
        if c.alternate(c.paras[t.para].node, "mc:Fallback").is_some() {
            continue;
        }
        tags_out.push(TagInfo {
            kind: t.kind,
            name: t.name.clone(),
            location: c.location(t),
        });
    }
    c.standalone();
    c.pair();
    let before = c.errors.len();
    let mut part = Part::default();
    if c.errors.is_empty() {
        c.flatten_all();
        part.ops = c.build();
        part.text.reserve_exact(dom.src.len() + c.generated.len());
        part.text.push_str(dom.src);
        part.text.push_str(&c.generated);
    }
    let _ = before;
    c.drop_fallback_duplicates();
    c.errors.sort_by_key(|e| e.location.paragraph);
    errors.append(&mut c.errors);
    Compiled {
        part,
        max_docpr: c.max_docpr,
        max_revision: c.max_revision,
        has_num_ids: c.has_num_ids,
        too_large: c.too_large,
    }
}

struct Compiler<'d, 'a> {
    part: &'d str,
    dom: &'d Dom<'a>,
    paras: Vec<Para>,
    /// Node -> the paragraph it is (`NONE` for other nodes).
    para_of_node: Vec<u32>,
    /// `w:t` node -> (paragraph, start, end) of its text in the paragraph's text (paragraph
    /// `NONE` for other nodes).
    segs: Vec<(u32, u32, u32)>,
    /// (paragraph, `w:t` node) in document order, then grouped by paragraph.
    seg_nodes: Vec<(u32, u32)>,
    /// The text of every paragraph, one after the other (see [`Para::text`]).
    text: String,
    /// Nodes with marks attached or deleted: the only keys of the mark maps and the deleted set
    /// (checked before looking them up).
    marked: Vec<bool>,
    /// w:r node -> its rPr raw
    tags: Vec<Tag>,
    errors: Vec<TemplateError>,
    deleted: HashSet<NodeId>,
    /// Standalone tag paragraphs kept empty (the body's last paragraph).
    emptied: HashSet<NodeId>,
    marks: Vec<Mark<'a>>,
    before: HashMap<NodeId, Vec<usize>>,
    after: HashMap<NodeId, Vec<usize>>,
    content_start: HashMap<NodeId, Vec<usize>>,
    content_end: HashMap<NodeId, Vec<usize>>,
    /// per para: (offset, mark) sorted
    inline: Vec<Vec<(usize, usize)>>,
    /// per para: removed byte ranges
    removed: Vec<Vec<(usize, usize)>>,
    work: Vec<bool>,
    items: Vec<Item<'a>>,
    /// Markup written by the compiler (split runs, their text), after the source in
    /// [`Part::text`].
    generated: String,
    /// Reused buffer for the kept text of a split run.
    scratch: String,
    /// A literal did not fit a [`Span`].
    too_large: bool,
    depth: i64,
    /// For each open section while flattening: whether it repeats table rows.
    open_rows: Vec<bool>,
    tracked: Vec<bool>,
    any_tracked: bool,
    max_docpr: u64,
    max_revision: u64,
    has_num_ids: bool,
    tag_base: usize,
    /// Per paragraph: whether section marks cut its content (its start tag and properties are
    /// then wrapped in [`Op::ParaOpen`] and each piece of its content announced by
    /// [`Op::ParaContent`]).
    cut_paras: Vec<bool>,
    /// While flattening: the cut paragraph whose content is being flattened.
    in_para: Option<usize>,
    /// While flattening: a section mark (or the paragraph's start) was emitted in `in_para`
    /// and no content has followed yet.
    resume: Option<usize>,
}

impl<'d, 'a> Compiler<'d, 'a> {
    fn new(part: &'d str, dom: &'d Dom<'a>) -> Self {
        Compiler {
            part,
            dom,
            // Word writes some seven nodes per paragraph and per text node.
            paras: Vec::with_capacity(dom.nodes.len() / 6),
            para_of_node: vec![NONE; dom.nodes.len()],
            segs: vec![(NONE, 0, 0); dom.nodes.len()],
            seg_nodes: Vec::with_capacity(dom.nodes.len() / 6),
            text: String::new(),
            marked: Vec::new(),
            tags: Vec::new(),
            errors: Vec::new(),
            deleted: HashSet::new(),
            emptied: HashSet::new(),
            marks: Vec::new(),
            before: HashMap::new(),
            after: HashMap::new(),
            content_start: HashMap::new(),
            content_end: HashMap::new(),
            inline: Vec::new(),
            removed: Vec::new(),
            work: Vec::new(),
            // Items are fewer than nodes in Word's documents (a whole untouched subtree is one
            // item; a node in a split paragraph or a section gives one to three).
            items: Vec::with_capacity(dom.nodes.len()),
            generated: String::new(),
            scratch: String::new(),
            too_large: false,
            depth: 0,
            open_rows: Vec::new(),
            tracked: vec![false; dom.nodes.len()],
            any_tracked: false,
            max_docpr: 0,
            max_revision: 0,
            has_num_ids: false,
            tag_base: 0,
            cut_paras: Vec::new(),
            in_para: None,
            resume: None,
        }
    }

    fn location(&self, t: &Tag) -> Location {
        let p = &self.paras[t.para];
        Location {
            part: self.part.to_string(),
            paragraph: p.index,
            table: p.cell,
            tag: t.text.clone(),
        }
    }

    /// The `mc:AlternateContent` whose `branch` (`mc:Choice` or `mc:Fallback`) holds `node`
    /// most closely, if the innermost branch around `node` is of that kind.
    fn alternate(&self, node: NodeId, branch: &str) -> Option<NodeId> {
        let dom = self.dom;
        let mut cur = dom.nodes[node].parent;
        while let Some(n) = cur {
            if dom.is(n, "mc:Choice") || dom.is(n, "mc:Fallback") {
                let parent = dom.nodes[n].parent?;
                return (dom.is(n, branch) && dom.is(parent, "mc:AlternateContent"))
                    .then_some(parent);
            }
            cur = dom.nodes[n].parent;
        }
        None
    }

    /// The paragraph node of an error's location.
    fn error_node(&self, e: &TemplateError) -> Option<NodeId> {
        let i = e.location.paragraph.checked_sub(1)?;
        self.paras.get(i).map(|p| p.node)
    }

    /// Drops errors in a text box's fallback copy (`mc:Fallback`) that its modern copy
    /// (`mc:Choice` of the same `mc:AlternateContent`) reports too, with the same tag and
    /// message: each is reported once. An error only the fallback has is kept.
    fn drop_fallback_duplicates(&mut self) {
        let keyed: Vec<(Option<NodeId>, Option<NodeId>)> = self
            .errors
            .iter()
            .map(|e| match self.error_node(e) {
                Some(n) => (
                    self.alternate(n, "mc:Choice"),
                    self.alternate(n, "mc:Fallback"),
                ),
                None => (None, None),
            })
            .collect();
        if keyed.iter().all(|k| k.1.is_none()) {
            return;
        }
        let errors = std::mem::take(&mut self.errors);
        let duplicate = |i: usize| -> bool {
            let Some(alt) = keyed[i].1 else { return false };
            let e = &errors[i];
            errors.iter().zip(&keyed).any(|(o, k)| {
                k.0 == Some(alt) && o.message == e.message && o.location.tag == e.location.tag
            })
        };
        let keep: Vec<bool> = (0..errors.len()).map(|i| !duplicate(i)).collect();
        self.errors = errors
            .into_iter()
            .zip(keep)
            .filter_map(|(e, k)| k.then_some(e))
            .collect();
    }

    fn error(&mut self, tag: usize, message: impl Into<String>) {
        let location = self.location(&self.tags[tag]);
        self.errors.push(TemplateError {
            location,
            message: message.into(),
        });
    }

    // ---- 1. paragraphs and their text

    fn collect(&mut self, tag_base: usize) {
        self.tag_base = tag_base;
        let mut tables: Vec<CellLocation> = Vec::new();
        let mut table_count = 0;
        let top = self.dom.top.clone();
        for id in top {
            self.visit(id, None, &mut tables, &mut table_count);
        }
        self.gather_text();
    }

    /// Reads each paragraph's text from its `w:t` nodes into [`Compiler::text`]. (A text box
    /// paragraph sits inside another paragraph, so the nodes are grouped by paragraph first.)
    fn gather_text(&mut self) {
        if !self.seg_nodes.is_sorted_by_key(|s| s.0) {
            self.seg_nodes.sort_by_key(|s| s.0);
        }
        let dom = self.dom;
        let mut text = std::mem::take(&mut self.text);
        let mut k = 0;
        for (p, para) in self.paras.iter_mut().enumerate() {
            let start = text.len();
            let first = k;
            while let Some(&(sp, node)) = self.seg_nodes.get(k)
                && sp as usize == p
            {
                let s = text.len() - start;
                dom.push_inner_text(node as usize, &mut text);
                let e = text.len() - start;
                if let Some(seg) = self.segs.get_mut(node as usize) {
                    *seg = (p as u32, s as u32, e as u32);
                }
                k += 1;
            }
            para.text = (start as u32, text.len() as u32);
            para.segs = (first as u32, k as u32);
        }
        if text.len() > u32::MAX as usize {
            self.too_large = true;
        }
        self.text = text;
    }

    /// The text of paragraph `p`, across its runs.
    fn para_text(&self, p: usize) -> &str {
        let (s, e) = self.paras[p].text;
        self.text.get(s as usize..e as usize).unwrap_or("")
    }

    /// The `w:t` nodes of paragraph `p`, in order.
    fn para_segs(&self, p: usize) -> impl Iterator<Item = NodeId> + '_ {
        let (s, e) = self.paras.get(p).map_or((0, 0), |para| para.segs);
        self.seg_nodes
            .get(s as usize..e as usize)
            .unwrap_or(&[])
            .iter()
            .map(|&(_, n)| n as usize)
    }

    /// The paragraph and the range of its text that `w:t` node `node` holds.
    fn seg(&self, node: NodeId) -> Option<(usize, usize, usize)> {
        match self.segs.get(node) {
            Some(&(p, s, e)) if p != NONE => Some((p as usize, s as usize, e as usize)),
            _ => None,
        }
    }

    /// The paragraph that node `node` is, if it is one.
    fn para_of(&self, node: NodeId) -> Option<usize> {
        match self.para_of_node.get(node) {
            Some(&p) if p != NONE => Some(p as usize),
            _ => None,
        }
    }

    fn visit(
        &mut self,
        id: NodeId,
        para: Option<usize>,
        tables: &mut Vec<CellLocation>,
        table_count: &mut usize,
    ) {
        let dom = self.dom;
        if dom.nodes[id].kind != Kind::Element {
            return;
        }
        let name = dom.name(id);
        let mut para = para;
        let mut pushed_table = false;
        match name {
            "w:p" => {
                let idx = self.paras.len();
                self.paras.push(Para {
                    node: id,
                    index: idx + 1,
                    cell: tables.last().copied(),
                    text: (0, 0),
                    segs: (0, 0),
                    has_object: false,
                    has_sect: false,
                });
                self.para_of_node[id] = idx as u32;
                para = Some(idx);
            }
            "w:tbl" => {
                *table_count += 1;
                tables.push(CellLocation {
                    table: *table_count,
                    row: 0,
                    cell: 0,
                });
                pushed_table = true;
            }
            "w:tr" => {
                if let Some(t) = tables.last_mut() {
                    t.row += 1;
                    t.cell = 0;
                }
            }
            "w:tc" => {
                if let Some(t) = tables.last_mut() {
                    t.cell += 1;
                }
            }
            "w:t" => {
                if let Some(p) = para {
                    self.seg_nodes.push((p as u32, id as u32));
                }
                return;
            }
            "wp:docPr" => {
                if let Some(v) = dom.attr(id, "id").and_then(|a| a.0.parse::<u64>().ok()) {
                    self.max_docpr = self.max_docpr.max(v);
                }
            }
            "w:sectPr" => {
                if let Some(p) = para {
                    self.paras[p].has_sect = true;
                }
            }
            // Elements whose presence makes a paragraph more than text (never deleted as
            // standalone).
            "w:drawing"
            | "w:pict"
            | "w:object"
            | "mc:AlternateContent"
            | "w:fldChar"
            | "w:fldSimple"
            | "w:sym"
            | "w:footnoteReference"
            | "w:endnoteReference"
            | "w:ruby" => {
                if let Some(p) = para {
                    self.paras[p].has_object = true;
                }
            }
            _ if is_revision(name) => {
                if let Some(v) = dom.attr(id, "w:id").and_then(|a| a.0.parse::<u64>().ok()) {
                    self.max_revision = self.max_revision.max(v);
                }
            }
            _ => {}
        }
        for &c in dom.children(id) {
            self.visit(c, para, tables, table_count);
        }
        if pushed_table {
            tables.pop();
        }
    }

    // ---- 2. lexing

    fn has_text_work(&self, p: usize) -> bool {
        self.inline.get(p).is_some_and(|v| !v.is_empty())
            || self.removed.get(p).is_some_and(|v| !v.is_empty())
    }

    fn lex(&mut self) {
        self.inline = vec![Vec::new(); self.paras.len()];
        self.removed = vec![Vec::new(); self.paras.len()];
        let mut d = Delims::default();
        let mut i = 0;
        let mut from = 0;
        while i < self.paras.len() {
            let next = next_tag(self.para_text(i), from, &d);
            match next {
                Next::None => {
                    i += 1;
                    from = 0;
                }
                Next::Tag(t) => {
                    let text = self.para_text(i)[t.start..t.end].to_string();
                    self.tags.push(Tag {
                        kind: t.kind,
                        name: t.name,
                        text,
                        para: i,
                        start: t.start,
                        end_para: i,
                        end: t.end,
                    });
                    if t.kind == TagKind::Partial {
                        let n = self.tags.len() - 1;
                        self.error(n, "partials are not supported");
                    }
                    if let Some(nd) = t.delims {
                        d = nd;
                    }
                    from = t.end;
                }
                Next::Bad {
                    start,
                    end,
                    message,
                } => {
                    self.push_bad(i, start, end, message);
                    from = end;
                }
                Next::Unclosed {
                    start,
                    kind,
                    closer,
                } => {
                    // A comment may run over several paragraphs.
                    let mut found = None;
                    if kind == TagKind::Comment {
                        for j in i + 1..self.paras.len() {
                            if let Some(q) = crate::tags::find(self.para_text(j), &d.close) {
                                found = Some((j, q + d.close.len()));
                                break;
                            }
                        }
                    }
                    match found {
                        Some((j, end)) => {
                            let first = &self.para_text(i)[start..];
                            self.tags.push(Tag {
                                kind,
                                name: String::new(),
                                text: format!("{first}…"),
                                para: i,
                                start,
                                end_para: j,
                                end,
                            });
                            i = j;
                            from = end;
                        }
                        None => {
                            let end = self.para_text(i).len();
                            let msg = format!(
                                "tag is not closed: expected `{closer}` in the same paragraph"
                            );
                            self.push_bad(i, start, end, msg);
                            i += 1;
                            from = 0;
                        }
                    }
                }
            }
        }
    }

    fn push_bad(&mut self, para: usize, start: usize, end: usize, message: String) {
        let text = self.para_text(para)[start..end].to_string();
        self.tags.push(Tag {
            kind: TagKind::Comment,
            name: String::new(),
            text,
            para,
            start,
            end_para: para,
            end,
        });
        let n = self.tags.len() - 1;
        self.error(n, message);
    }

    // ---- 3. standalone paragraphs

    fn standalone(&mut self) {
        let mut by_para: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, t) in self.tags.iter().enumerate() {
            for p in t.para..=t.end_para {
                by_para.entry(p).or_default().push(k);
            }
        }
        for k in 0..self.tags.len() {
            let t = self.tags[k].pos();
            if t.kind == TagKind::Variable {
                continue;
            }
            let first = &self.paras[t.para];
            let alone = (t.para..=t.end_para).all(|p| {
                by_para.get(&p).is_some_and(|v| v.len() == 1)
                    && !self.paras[p].has_object
                    && (t.para == t.end_para || !self.paras[p].has_sect)
            });
            let same_parent = (t.para..=t.end_para).all(|p| {
                self.dom.nodes[self.paras[p].node].parent == self.dom.nodes[first.node].parent
            });
            if alone
                && same_parent
                && self.para_text(t.para)[..t.start].trim().is_empty()
                && self.para_text(t.end_para)[t.end..].trim().is_empty()
            {
                if t.para == t.end_para
                    && (self.paras[t.para].has_sect
                        || self.is_last_body_paragraph(self.paras[t.para].node))
                {
                    // Word needs a final paragraph, and a paragraph holding a section break
                    // must stay: empty it instead of deleting it (for the last paragraph this
                    // is also the spec's "standalone without newline").
                    let len = self.para_text(t.para).len();
                    self.removed[t.para].push((0, len));
                    self.emptied.insert(self.paras[t.para].node);
                    continue;
                }
                for p in t.para..=t.end_para {
                    self.deleted.insert(self.paras[p].node);
                }
            } else if t.para != t.end_para {
                // A comment over several paragraphs that is not alone: skip its extent.
                self.add_mark(Role::SkipOpen, k, Place::Inline(t.para, t.start));
                self.add_mark(Role::SkipClose, k, Place::Inline(t.end_para, t.end));
            }
        }
        // Removed ranges: every tag's text.
        for t in &self.tags {
            if t.para == t.end_para {
                self.removed[t.para].push((t.start, t.end));
            } else {
                let len = self.para_text(t.para).len();
                self.removed[t.para].push((t.start, len));
                self.removed[t.end_para].push((0, t.end));
            }
        }
    }

    fn is_last_body_paragraph(&self, node: NodeId) -> bool {
        let dom = self.dom;
        let Some(parent) = dom.nodes[node].parent else {
            return false;
        };
        if !dom.is(parent, "w:body") {
            return false;
        }
        let kids = dom.children(parent);
        let Some(i) = kids.iter().position(|&k| k == node) else {
            return false;
        };
        kids[i + 1..]
            .iter()
            .all(|&k| dom.nodes[k].kind != Kind::Element || dom.is(k, "w:sectPr"))
    }

    fn is_standalone(&self, para: usize) -> bool {
        let node = self.paras[para].node;
        self.deleted.contains(&node) || self.emptied.contains(&node)
    }

    fn add_mark(&mut self, role: Role<'a>, tag: usize, place: Place) {
        let m = self.marks.len();
        self.marks.push(Mark { role, tag });
        match place {
            Place::Inline(p, off) => self.inline[p].push((off, m)),
            Place::Before(n) => self.before.entry(n).or_default().push(m),
            Place::After(n) => self.after.entry(n).or_default().push(m),
            Place::ContentStart(n) => self.content_start.entry(n).or_default().push(m),
            Place::ContentEnd(n) => self.content_end.entry(n).or_default().push(m),
        }
    }

    // ---- 4. pairing and scopes

    fn pair(&mut self) {
        let mut stack: Vec<usize> = Vec::new();
        let mut pairs = Vec::new();
        for k in 0..self.tags.len() {
            match self.tags[k].kind {
                TagKind::Section | TagKind::Inverted => {
                    stack.push(k);
                    if stack.len() == MAX_NESTING + 1 {
                        self.error(
                            k,
                            format!("sections are nested more than {MAX_NESTING} deep"),
                        );
                    }
                }
                TagKind::Close => {
                    let name = self.tags[k].name.clone();
                    match stack.iter().rposition(|&o| self.tags[o].name == name) {
                        Some(pos) => {
                            while stack.len() > pos + 1 {
                                if let Some(o) = stack.pop() {
                                    let msg = format!(
                                        "section is not closed before {}",
                                        self.tags[k].text
                                    );
                                    self.error(o, msg);
                                }
                            }
                            if let Some(o) = stack.pop() {
                                pairs.push((o, k));
                            }
                        }
                        None => {
                            let msg = match stack.last() {
                                Some(&o) => format!(
                                    "closing tag does not match the open section {} (paragraph {})",
                                    self.tags[o].text, self.paras[self.tags[o].para].index
                                ),
                                None => "closing tag without an open section".to_string(),
                            };
                            self.error(k, msg);
                        }
                    }
                }
                TagKind::Variable => {
                    let t = &self.tags[k];
                    let rpr = self.rpr_at(t.para, t.start);
                    let role = Role::Var {
                        name: t.name.clone(),
                        rpr,
                    };
                    let place = Place::Inline(t.para, t.start);
                    self.add_mark(role, k, place);
                }
                _ => {}
            }
        }
        for o in stack {
            self.error(o, "section is never closed");
        }
        // Scopes, in tag order of the open tag so marks at one place keep document order.
        pairs.sort_by_key(|p| p.0);
        let mut opens: Vec<(usize, Place)> = Vec::new();
        let mut closes: Vec<(usize, Place)> = Vec::new();
        for (o, c) in pairs {
            match self.scope(o, c) {
                Ok((po, pc)) => {
                    opens.push((o, po));
                    closes.push((c, pc));
                }
                Err(msg) => self.error(o, msg),
            }
        }
        // Add marks in document (tag) order.
        let mut all: Vec<(usize, Place, bool)> = opens
            .into_iter()
            .map(|(k, p)| (k, p, true))
            .chain(closes.into_iter().map(|(k, p)| (k, p, false)))
            .collect();
        all.sort_by_key(|a| a.0);
        for (k, place, is_open) in all {
            let role = if is_open {
                Role::Open {
                    name: self.tags[k].name.clone(),
                    inverted: self.tags[k].kind == TagKind::Inverted,
                    rows: matches!(place, Place::Before(n) if self.dom.is(n, "w:tr")),
                }
            } else {
                Role::Close
            };
            self.add_mark(role, k, place);
        }
        // Inline marks sorted by offset (stable: tag order within one offset).
        for v in self.inline.iter_mut() {
            v.sort_by_key(|a| a.0);
        }
    }

    fn ancestors(&self, id: NodeId) -> Vec<NodeId> {
        let mut v = vec![id];
        let mut cur = id;
        while let Some(p) = self.dom.nodes[cur].parent {
            v.push(p);
            cur = p;
        }
        v.reverse();
        v
    }

    fn scope(&self, o: usize, c: usize) -> Result<(Place, Place), String> {
        let (to, tc) = (&self.tags[o], &self.tags[c]);
        if to.para == tc.para {
            return Ok((
                Place::Inline(to.para, to.start),
                Place::Inline(tc.para, tc.start),
            ));
        }
        let po = self.paras[to.para].node;
        let pc = self.paras[tc.para].node;
        let ao = self.ancestors(po);
        let ac = self.ancestors(pc);
        let mut common = 0;
        while common < ao.len() && common < ac.len() && ao[common] == ac[common] {
            common += 1;
        }
        if common == 0 {
            return Err("section opens and closes in unrelated places".into());
        }
        let lca = ao[common - 1];
        let dom = self.dom;
        match dom.name(lca) {
            "w:tr" => return Ok((Place::Before(lca), Place::After(lca))),
            "w:tbl" => {
                let (ro, rc) = (ao[common], ac[common]);
                if dom.is(ro, "w:tr") && dom.is(rc, "w:tr") {
                    return Ok((Place::Before(ro), Place::After(rc)));
                }
                return Err("section rows are wrapped in other elements".into());
            }
            _ => {}
        }
        let parent_o = dom.nodes[po].parent;
        let parent_c = dom.nodes[pc].parent;
        if parent_o != Some(lca) || parent_c != Some(lca) {
            return Err(format!(
                "section opens and closes at different levels (for example one inside a table \
                 or text box and the other outside); put {} and {} in the same table row, \
                 or each alone in paragraphs of the same cell or body",
                to.text, tc.text
            ));
        }
        let so = self.is_standalone(to.para);
        let sc = self.is_standalone(tc.para);
        let siblings = |_: NodeId| -> Vec<NodeId> {
            dom.children(lca)
                .iter()
                .copied()
                .filter(|&n| dom.nodes[n].kind == Kind::Element)
                .collect()
        };
        match (so, sc) {
            (true, true) => Ok((Place::After(po), Place::Before(pc))),
            (false, false) => Ok((
                Place::Inline(to.para, to.start),
                Place::Inline(tc.para, tc.start),
            )),
            (true, false) => {
                let sib = siblings(po);
                let i = sib.iter().position(|&n| n == po).unwrap_or(0);
                match sib.get(i + 1) {
                    Some(&n) if dom.is(n, "w:p") && !self.deleted.contains(&n) => {
                        Ok((Place::ContentStart(n), Place::Inline(tc.para, tc.start)))
                    }
                    _ => Err("a standalone section tag must be followed by a paragraph".into()),
                }
            }
            (false, true) => {
                let sib = siblings(pc);
                let i = sib.iter().position(|&n| n == pc).unwrap_or(0);
                match i.checked_sub(1).and_then(|j| sib.get(j)) {
                    Some(&n) if dom.is(n, "w:p") && !self.deleted.contains(&n) => {
                        Ok((Place::Inline(to.para, to.start), Place::ContentEnd(n)))
                    }
                    _ => Err("a standalone closing tag must follow a paragraph".into()),
                }
            }
        }
    }

    /// The raw `w:rPr` of the run holding byte `off` of paragraph `para`'s text.
    fn rpr_at(&self, para: usize, off: usize) -> &'a str {
        let dom = self.dom;
        for t in self.para_segs(para) {
            let Some((_, s, e)) = self.seg(t) else {
                continue;
            };
            if s <= off && off < e {
                if let Some(r) = dom.nodes[t].parent
                    && dom.is(r, "w:r")
                    && let Some(&first) = dom
                        .children(r)
                        .iter()
                        .find(|&&c| dom.nodes[c].kind == Kind::Element)
                    && dom.is(first, "w:rPr")
                {
                    return dom.raw(first);
                }
                return "";
            }
        }
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(body: &str) -> (Part, Vec<TemplateError>) {
        let src = format!("<w:document><w:body>{body}</w:body></w:document>");
        let dom = Dom::parse("word/document.xml", &src).unwrap();
        let mut tags = Vec::new();
        let mut errors = Vec::new();
        let c = compile("word/document.xml", &dom, &mut tags, &mut errors);
        (c.part, errors)
    }

    fn p(t: &str) -> String {
        format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>")
    }

    fn sections(part: &Part) -> Vec<(bool, String)> {
        let mut v = Vec::new();
        for op in &part.ops {
            if let Op::Section { rows, body, .. } = op {
                let lit: String = body
                    .iter()
                    .filter_map(|o| match o {
                        Op::Lit(s) => Some(part.lit(*s)),
                        _ => None,
                    })
                    .collect();
                v.push((*rows, lit));
            }
        }
        v
    }

    #[test]
    fn scans_the_largest_revision_id() {
        let xml = r#"<w:p><w:ins w:id="7" w:author="a"><w:r><w:delText w:id="99"/></w:r></w:ins><w:del w:author="b" w:id="12"/><w:bookmarkStart w:id="50"/><w:moveFromRangeEnd w:id="13"/><w:rPrChange
 w:id="9"/></w:p>"#;
        assert_eq!(scan_max_revision_id(xml), 13);
        assert_eq!(scan_max_revision_id("<w:p/>"), 0);
        for name in REVISIONS
            .iter()
            .chain(REVISION_RANGES.iter().flat_map(|(s, e)| [s, e]))
        {
            assert!(is_revision(name), "{name}");
        }
        assert!(!is_revision("w:instrText") && !is_revision("w:delText"));
        for name in REVISIONS {
            assert!(is_change(name), "{name}");
        }
        for (start, end) in REVISION_RANGES {
            assert!(!is_change(start) && !is_change(end), "{start}");
        }
    }

    #[test]
    fn row_scope_wraps_the_row() {
        let row = format!(
            "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
            p("{{#xs}}a"),
            p("b{{/xs}}")
        );
        let (ops, errors) = ops(&format!("<w:tbl>{row}</w:tbl>"));
        assert!(errors.is_empty(), "{errors:?}");
        let s = sections(&ops);
        assert_eq!(s.len(), 1);
        assert!(s[0].0, "repeats rows");
        assert!(
            s[0].1.starts_with("<w:tr>") && s[0].1.ends_with("</w:tr>"),
            "{}",
            s[0].1
        );
    }

    #[test]
    fn standalone_paragraphs_disappear() {
        let (ops, errors) = ops(&format!(
            "{}{}{}{}",
            p("{{#xs}}"),
            p("x"),
            p("{{/xs}}"),
            p("end")
        ));
        assert!(errors.is_empty());
        let s = sections(&ops);
        assert_eq!(s, vec![(false, p("x"))]);
        let all: String = ops
            .ops
            .iter()
            .filter_map(|o| match o {
                Op::Lit(s) => Some(ops.lit(*s)),
                _ => None,
            })
            .collect();
        assert!(!all.contains("{{"));
    }

    #[test]
    fn inline_scope_stays_in_the_paragraph() {
        let (ops, _) = ops(&p("a{{#k}}b{{/k}}c"));
        let s = sections(&ops);
        assert_eq!(s.len(), 1);
        assert!(!s[0].1.contains("<w:p"), "{}", s[0].1);
    }
}
