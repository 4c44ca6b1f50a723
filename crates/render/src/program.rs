//! The compiled form of a templated part: a tree of operations that the renderer walks.

/// A name to look up: `.` (implicit iterator) or dotted segments.
#[derive(Debug, Clone)]
pub(crate) enum Name {
    /// `{{.}}`.
    Dot,
    /// `a.b.c`: segments separated by dots.
    Path(Box<str>),
}

impl Name {
    pub(crate) fn parse(s: &str) -> Name {
        if s == "." {
            Name::Dot
        } else {
            Name::Path(s.into())
        }
    }
}

/// What kind of id an [`Op::Once`] or [`Op::FreshId`] guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum IdKind {
    /// `w14:paraId` on a paragraph or a table row.
    ParaId,
    /// `w:id` in a content control's properties (`w:sdtPr`).
    SdtId,
    /// `w:bookmarkStart`.
    BookmarkStart,
    /// `w:bookmarkEnd`.
    BookmarkEnd,
    /// `w:commentRangeStart`, `w:commentRangeEnd`, `w:commentReference`.
    CommentStart,
    /// See [`IdKind::CommentStart`].
    CommentEnd,
    /// See [`IdKind::CommentStart`].
    CommentRef,
    /// `wp:docPr id`.
    DocPr,
    /// `w:footnoteReference` (a note is referenced once).
    FootnoteRef,
    /// `w:endnoteReference`.
    EndnoteRef,
    /// The `w:id` of a tracked change (`w:ins`, `w:del`, `w:rPrChange`…): later copies get
    /// fresh ids above the highest revision id in the document.
    Revision,
    /// The start of a move or custom XML revision range (`w:moveFromRangeStart`…): kept in the
    /// first copy only, like a bookmark.
    RevisionRangeStart,
    /// See [`IdKind::RevisionRangeStart`].
    RevisionRangeEnd,
}

/// A byte range of a compiled part's text ([`Part::text`]): static markup copied as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub end: u32,
}

/// A compiled part: its operations and the text their literals point into (the part's XML
/// followed by the markup the compiler wrote, such as runs split around tags), so that static
/// markup costs no allocation of its own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Part {
    pub text: String,
    pub ops: Vec<Op>,
}

#[cfg(test)]
impl Part {
    /// The text of a literal.
    pub(crate) fn lit(&self, s: Span) -> &str {
        self.text
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
    }
}

/// One operation.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// Static markup, copied as is: a span of [`Part::text`].
    Lit(Span),
    /// Interpolation: emits runs carrying `rpr` (the run properties of the tag's first run).
    Var { name: Name, rpr: Span },
    /// A section or inverted section.
    Section {
        name: Name,
        inverted: bool,
        /// Whether the section repeats table rows (lists restart in each repeat).
        rows: bool,
        body: Vec<Op>,
    },
    /// A `w:numId` start tag in repeated rows: `prefix` numId `suffix`. Repeats after the first
    /// get a new list instance (a new `w:num` restarting the numbering).
    NumId { id: u64, prefix: Span, suffix: Span },
    /// Markup emitted as `first` the first time this id is emitted in a render, `later` after.
    Once {
        kind: IdKind,
        id: Span,
        first: Span,
        later: Span,
    },
    /// A start tag with a numeric id that must be unique: `prefix` id `suffix`.
    FreshId {
        kind: IdKind,
        id: u64,
        prefix: Span,
        suffix: Span,
    },
    /// A block container (cell, text box, comment, note, header, footer) opens.
    ContainerOpen,
    /// It closes: if its last block is not a paragraph, `fallback` is emitted first.
    ContainerClose { fallback: Span },
    /// A paragraph ended directly in the innermost tracked container.
    ParagraphEnd,
    /// A block other than a paragraph (an untouched table) ended there.
    BlockEnd,
    /// A table opens (before its start tag).
    TableOpen,
    /// A table row opens.
    RowOpen,
    /// A table closed (after its end tag): removed entirely if it has no rows.
    TableClose { in_container: bool },
    /// The start tag and properties (`w:pPr`) of paragraph `para` follow, up to the next
    /// [`Op::ParaOpenEnd`]. Only for paragraphs whose content is cut by section marks: the
    /// output paragraph they open may receive its content from another paragraph.
    ParaOpen { para: u32 },
    /// End of the markup begun by [`Op::ParaOpen`].
    ParaOpenEnd,
    /// Content of paragraph `para` follows, or `para` ends without more content. If the output
    /// paragraph opened last has no content yet, it takes `para`'s start tag and properties:
    /// each output paragraph has the properties of the paragraph its first content comes from
    /// (or, if empty, of the paragraph whose end closes it).
    ParaContent { para: u32 },
}
