//! A compact, read-only tree over one XML part that keeps every node's exact source span, so
//! untouched markup is copied through byte for byte.

use crate::error::Error;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Deepest element nesting accepted (real documents stay well under 100; the compiler walks
/// the tree recursively, so this bounds its stack use).
pub(crate) const MAX_DEPTH: usize = 256;

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = usize;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An element; `name` is the qualified name span, `open_end` the end of its start tag.
    Element,
    /// Character data (text and entity references), raw as in the source.
    Text,
    /// Anything else that is copied verbatim (comments, PIs, CDATA, the declaration).
    Other,
}

/// One node: its kind and the byte spans in the source.
///
/// Offsets other than `start` are kept as `u32` (56 bytes a node instead of 80; `Dom::parse`
/// refuses parts of 4 GiB or more).
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: Kind,
    /// Start of the node in the source.
    pub start: usize,
    /// Parent (None for top-level nodes).
    pub parent: Option<NodeId>,
    /// End of the node (after its end tag) in the source.
    end: u32,
    /// End of the start tag (elements only).
    open_end: u32,
    /// Start of the end tag (elements only; equals `end` for empty elements).
    close_start: u32,
    /// End of the qualified name, which starts after the `<` (elements only).
    name_end: u32,
    /// Children: a range of [`Dom::kids`].
    kids: (u32, u32),
}

impl Node {
    /// An element whose start tag is `start..open_end`, with its name ending at `name_end`;
    /// until its end tag is read it looks like an empty element.
    fn element(start: usize, open_end: usize, name_end: usize, parent: Option<NodeId>) -> Node {
        Node {
            kind: Kind::Element,
            start,
            parent,
            end: open_end as u32,
            open_end: open_end as u32,
            close_start: open_end as u32,
            name_end: name_end as u32,
            kids: (0, 0),
        }
    }

    /// A node without children or tags: text, or something copied verbatim.
    fn leaf(kind: Kind, start: usize, end: usize, parent: Option<NodeId>) -> Node {
        Node {
            kind,
            start,
            parent,
            end: end as u32,
            open_end: end as u32,
            close_start: end as u32,
            name_end: start as u32,
            kids: (0, 0),
        }
    }

    /// End of the node in the source.
    fn end(&self) -> usize {
        self.end as usize
    }

    /// The qualified name's span (empty for other nodes than elements).
    fn name_span(&self) -> (usize, usize) {
        if self.kind == Kind::Element {
            (self.start + 1, self.name_end as usize)
        } else {
            (self.start, self.start)
        }
    }
}

/// A parsed part.
#[derive(Debug)]
pub(crate) struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    /// Top-level nodes in order.
    pub top: Vec<NodeId>,
    /// All children lists, one after the other (see `Node::kids`).
    kids: Vec<NodeId>,
}

/// One markup event from quick-xml: what it is, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ev {
    Eof,
    Start,
    Empty,
    End,
    /// Text or a reference.
    Text,
    /// A comment, CDATA section, declaration or processing instruction.
    Other,
    DocType,
}

/// Byte classes for the fast scanner: bytes it accepts in element and attribute names
/// (ASCII letters, digits, `_ : . -` and every byte of a non-ASCII character), XML white
/// space, and the bytes that end a run of attribute value (`<`, `&` and both quotes).
const F_OTHER: u8 = 0;
const F_NAME: u8 = 1;
const F_SPACE: u8 = 2;
const F_VALUE_STOP: u8 = 3;
const FAST_CLASS: [u8; 256] = {
    let mut t = [F_OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-') || b >= 0x80 {
            t[c] = F_NAME;
        }
        c += 1;
    }
    t[b' ' as usize] = F_SPACE;
    t[b'\t' as usize] = F_SPACE;
    t[b'\r' as usize] = F_SPACE;
    t[b'\n' as usize] = F_SPACE;
    t[b'<' as usize] = F_VALUE_STOP;
    t[b'&' as usize] = F_VALUE_STOP;
    t[b'"' as usize] = F_VALUE_STOP;
    t[b'\'' as usize] = F_VALUE_STOP;
    t
};

/// The class of the byte at `i` in [`FAST_CLASS`] ([`F_OTHER`] past the end).
#[inline]
fn class_at(b: &[u8], i: usize) -> u8 {
    b.get(i).map_or(F_OTHER, |&c| FAST_CLASS[c as usize])
}

/// A start or empty tag read by [`scan_start_tag`].
struct StartTag {
    /// End of the element name.
    name_end: usize,
    /// End of the tag (after its `>`).
    end: usize,
    /// Whether the tag ends with `/>`.
    empty: bool,
}

/// Reads the start or empty tag whose `<` is at `start` in one pass, checking its attributes
/// as it goes: `'<' Name (S Name S? '=' S? ('"' [^<"]* '"' | "'" [^<']* "'"))* S? '/'? '>'`,
/// with every `&` in a value closed by `;` and no attribute named twice — the grammar
/// [`check_attributes`] checks, over a narrower set of name bytes. Returns `None` for anything
/// else, which the caller leaves to quick-xml (and so to the same checks and error messages).
fn scan_start_tag(b: &[u8], start: usize) -> Option<StartTag> {
    let mut i = start + 1;
    while class_at(b, i) == F_NAME {
        i += 1;
    }
    let name_end = i;
    if name_end == start + 1 {
        return None;
    }
    // Names of the attributes seen so far, as spans; tags rarely have more than a few, the
    // root element some 30 namespace declarations.
    let mut names: [(usize, usize); 8] = [(0, 0); 8];
    let mut count = 0;
    let mut more: Vec<(usize, usize)> = Vec::new();
    loop {
        // Here `i` is just past the element name or an attribute value.
        let spaced = class_at(b, i) == F_SPACE;
        while class_at(b, i) == F_SPACE {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some(StartTag {
                    name_end,
                    end: i + 1,
                    empty: false,
                });
            }
            b'/' => {
                return (b.get(i + 1) == Some(&b'>')).then_some(StartTag {
                    name_end,
                    end: i + 2,
                    empty: true,
                });
            }
            _ if !spaced => return None,
            _ => {}
        }
        let attr_start = i;
        while class_at(b, i) == F_NAME {
            i += 1;
        }
        if i == attr_start {
            return None;
        }
        let name = &b[attr_start..i];
        let seen = |&(s, e): &(usize, usize)| b.get(s..e) == Some(name);
        if names[..count].iter().any(seen) || more.iter().any(seen) {
            return None;
        }
        if count < names.len() {
            names[count] = (attr_start, i);
            count += 1;
        } else {
            more.push((attr_start, i));
        }
        while class_at(b, i) == F_SPACE {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while class_at(b, i) == F_SPACE {
            i += 1;
        }
        let quote = *b.get(i)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        i += 1;
        let value_start = i;
        let mut amp = false;
        loop {
            let c = *b.get(i)?;
            if FAST_CLASS[c as usize] == F_VALUE_STOP {
                match c {
                    _ if c == quote => break,
                    b'&' => amp = true,
                    b'<' => return None,
                    _ => {}
                }
            }
            i += 1;
        }
        if amp && !refs_closed(&b[value_start..i]) {
            return None;
        }
        i += 1;
    }
}

/// Byte classes for [`check_attributes`]: XML white space, bytes that end an attribute name,
/// the two bytes that need a look inside a value (`<` and `&`), and name bytes (everything else).
const NAME: u8 = 0;
const SPACE: u8 = 1;
const NAME_END: u8 = 2;
const VALUE_SPECIAL: u8 = 3;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [NAME; 256];
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[b'=' as usize] = NAME_END;
    t[b'>' as usize] = NAME_END;
    t[b'/' as usize] = NAME_END;
    t[b'"' as usize] = NAME_END;
    t[b'\'' as usize] = NAME_END;
    t[b'<' as usize] = VALUE_SPECIAL;
    t[b'&' as usize] = VALUE_SPECIAL;
    t
};

/// Checks the attributes of the start or empty tag `src[start..end]` (its name ends at
/// `name_end`) against XML 1.0's grammar: `(S Name S? '=' S? ('"' [^<"]* '"' | "'" [^<']* "'"))*
/// S? '/'? '>'`, with every `&` in a value closing with `;` and no attribute named twice.
/// quick-xml does not check attributes while reading, and a tag such as `w:color={{x}}"000"`
/// would otherwise pass through into the output. (The fast path checks the same grammar in
/// [`scan_start_tag`] and leaves any tag it refuses to quick-xml and this check, which has the
/// last word and reports the error.) Returns the offset of the first bad byte.
fn check_attributes(src: &str, start: usize, name_end: usize, end: usize) -> Result<(), usize> {
    let b = src.as_bytes();
    let is_space = |c: u8| BYTE_CLASS[c as usize] == SPACE;
    let is_name = |c: u8| BYTE_CLASS[c as usize] == NAME;
    // The tag's last byte is `>`; an empty tag has `/` before it.
    let mut last = end.saturating_sub(1);
    if last > name_end && b.get(last - 1) == Some(&b'/') {
        last -= 1;
    }
    // Attribute names seen so far: on the stack for ordinary tags, spilling to the heap for
    // the few with many (Word's root element declares some 30 namespaces).
    let mut names: [&[u8]; 16] = [&[]; 16];
    let mut count = 0;
    let mut more: Vec<&[u8]> = Vec::new();
    let mut i = name_end;
    loop {
        let spaced = i < last && is_space(b[i]);
        while i < last && is_space(b[i]) {
            i += 1;
        }
        if i >= last {
            return if i == last { Ok(()) } else { Err(start) };
        }
        if !spaced || !is_name(b[i]) {
            return Err(i);
        }
        let attr_start = i;
        while i < last && is_name(b[i]) {
            i += 1;
        }
        // Well-formedness also forbids the same attribute twice (tags have a handful).
        let name = &b[attr_start..i];
        if names[..count].contains(&name) || more.contains(&name) {
            return Err(attr_start);
        }
        if count < names.len() {
            names[count] = name;
            count += 1;
        } else {
            more.push(name);
        }
        while i < last && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return Err(i);
        }
        i += 1;
        while i < last && is_space(b[i]) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) if i < last => q,
            _ => return Err(i),
        };
        // One pass over the (short) value: find its closing quote, refuse `<`, and note `&`.
        let value_start = i + 1;
        let mut k = value_start;
        let mut amp = false;
        while k < last && b[k] != quote {
            if BYTE_CLASS[b[k] as usize] == VALUE_SPECIAL {
                if b[k] == b'<' {
                    return Err(k);
                }
                amp = true;
            }
            k += 1;
        }
        if k >= last {
            return Err(i);
        }
        let value_end = k;
        if amp && !refs_closed(&b[value_start..value_end]) {
            return Err(value_start);
        }
        i = value_end + 1;
    }
}

/// Byte ranks for finding an element name in WordprocessingML. memchr's searcher looks for two
/// bytes of the needle (the rarest by its ranks, built for ordinary text, where `<` and `w` are
/// rare) and checks each place where both sit; here every start tag begins `<w:`, so that pair
/// matches every tag. Ranking `p` rarest makes it look for `<` and `p` three bytes apart, which
/// picks out the paragraph tags (`<w:p`, `<w:pPr`, …) and little else.
struct TagRank;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for TagRank {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            b'p' => 0,
            b'<' => 1,
            _ => 255,
        }
    }
}

/// Writes every self-closing paragraph `<w:p …/>` as `<w:p …></w:p>`, which means the same in
/// WordprocessingML. Word writes empty paragraphs both ways; the section compiler places a
/// paragraph's line marks between its start and end tags, so an empty element would leave a
/// section inside it unpaired. Borrows the text unchanged when there is nothing to expand.
pub(crate) fn expand_empty_paragraphs(src: &str) -> std::borrow::Cow<'_, str> {
    let b = src.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let finder = memchr::memmem::FinderBuilder::new().build_forward_with_ranker(TagRank, b"<w:p");
    for at in finder.find_iter(b) {
        if !matches!(b.get(at + 4), Some(b' ' | b'\t' | b'\r' | b'\n' | b'/')) {
            continue;
        }
        let Some(gt) = tag_end(b, at) else { continue };
        if b[gt - 1] != b'/' {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(src.len() + 64));
        o.push_str(&src[copied..gt - 1]);
        o.push_str("></w:p>");
        copied = gt + 1;
    }
    match out {
        Some(mut o) => {
            o.push_str(&src[copied..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(src),
    }
}

/// The `>` ending the tag that starts at `start`, outside quoted attribute values.
fn tag_end(b: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for i in memchr::memchr3_iter(b'>', b'\'', b'"', b.get(start..)?) {
        let c = b[start + i];
        match quote {
            None if c == b'>' => return Some(start + i),
            None => quote = Some(c),
            Some(q) if q == c => quote = None,
            Some(_) => {}
        }
    }
    None
}

/// Whether every `&` in `text` is closed by a `;` before the next `&`.
fn refs_closed(text: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'&', &text[at..]) {
        let amp = at + i;
        match memchr::memchr2(b';', b'&', &text[amp + 1..]) {
            Some(k) if text[amp + 1 + k] == b';' => at = amp + 2 + k,
            _ => return false,
        }
    }
    true
}

/// Builds a [`Dom`]'s arrays as nodes arrive in document order, filling every element's
/// children list in one pass: `pending` holds the nodes whose parent is still open (and the
/// top-level ones); when an element closes, its descendants have already been moved out, so
/// the entries after its mark are exactly its children, which move to `kids` in one copy.
struct TreeBuilder {
    nodes: Vec<Node>,
    pending: Vec<NodeId>,
    /// The innermost open element (its ancestors are found through `parent`); while an
    /// element is open, its `kids.0` holds its mark in `pending`.
    cur: Option<NodeId>,
    /// How many elements are open.
    depth: usize,
    kids: Vec<NodeId>,
}

impl TreeBuilder {
    /// An empty builder sized for a part of `len` bytes.
    fn new(len: usize) -> Self {
        // Word's XML has about one node per 12 to 20 bytes.
        let nodes = len / 14 + 8;
        TreeBuilder {
            nodes: Vec::with_capacity(nodes),
            pending: Vec::with_capacity(256),
            cur: None,
            depth: 0,
            kids: Vec::with_capacity(nodes),
        }
    }

    /// The innermost open element.
    #[inline]
    fn parent(&self) -> Option<NodeId> {
        self.cur
    }

    /// Adds a node that has no children (a leaf or an empty element).
    #[inline]
    fn push(&mut self, node: Node) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(node);
        self.pending.push(id);
        id
    }

    /// Adds an element whose start tag was just read; false if that nests elements deeper
    /// than [`MAX_DEPTH`].
    #[inline]
    fn open(&mut self, mut node: Node) -> bool {
        // In range: `Dom::parse` refuses parts of 4 GiB or more.
        node.kids.0 = (self.pending.len() + 1) as u32;
        self.cur = Some(self.push(node));
        self.depth += 1;
        self.depth <= MAX_DEPTH
    }

    /// Closes the innermost open element with the end tag `close_start..end` (the caller has
    /// checked there is one).
    #[inline]
    fn close(&mut self, close_start: usize, end: usize) {
        let Some(n) = self.cur.and_then(|id| self.nodes.get_mut(id)) else {
            return;
        };
        let mark = n.kids.0 as usize;
        let from = self.kids.len();
        match self.pending.get(mark..) {
            // (Most elements have one child: spare the copy a call.)
            Some(&[one]) => self.kids.push(one),
            Some(many) => self.kids.extend_from_slice(many),
            None => {}
        }
        self.pending.truncate(mark);
        n.kids = (from as u32, (self.kids.len() - from) as u32);
        n.close_start = close_start as u32;
        n.end = end as u32;
        self.cur = n.parent;
        self.depth -= 1;
    }

    /// The finished tree, or why it is not one: the position and message of the error.
    fn finish(self, src: &str) -> Result<Dom<'_>, (u64, &'static str)> {
        if self.cur.is_some() {
            return Err((src.len() as u64, "unclosed element at end of part"));
        }
        // What is left pending is the top level; every element is in or under it.
        let top = self.pending;
        if !top.iter().any(|&id| self.nodes[id].kind == Kind::Element) {
            return Err((0, "no root element"));
        }
        Ok(Dom {
            src,
            nodes: self.nodes,
            top,
            kids: self.kids,
        })
    }
}

impl<'a> Dom<'a> {
    /// Parses `src`; refuses DTDs and reports malformed XML with its byte position.
    ///
    /// A fast scanner reads the usual markup; anything unusual or wrong is parsed again from the
    /// start by quick-xml, which has the last word on what is accepted and on error messages.
    pub fn parse(part: &str, src: &'a str) -> Result<Dom<'a>, Error> {
        // Children spans are kept as `u32`.
        if u32::try_from(src.len()).is_err() {
            return Err(Error::Limit(format!("{part}: XML parts of 4 GiB or more")));
        }
        if let Some(dom) = Self::parse_fast(src) {
            return Ok(dom);
        }
        Self::parse_with_quick_xml(part, src)
    }

    /// The fast path: reads what Word writes (tags, text, references, the XML declaration and
    /// processing instructions) in one pass, checking attributes as it goes, and gives up
    /// (`None`) at anything else or anything wrong (comments, CDATA, DTDs, a byte-order mark,
    /// a bad reference, a bad attribute, an unclosed or mismatched tag, too deep a nesting), so
    /// that quick-xml decides and reports it. What it accepts it builds exactly as quick-xml
    /// would.
    fn parse_fast(src: &'a str) -> Option<Dom<'a>> {
        // quick-xml skips a byte-order mark.
        if src.starts_with('\u{feff}') {
            return None;
        }
        let b = src.as_bytes();
        let mut tree = TreeBuilder::new(src.len());
        let mut pos = 0;
        while let Some(&first) = b.get(pos) {
            let parent = tree.parent();
            if first != b'<' {
                // Text runs to the next tag; a reference in it must be closed, and top-level
                // text with one is left to quick-xml (which splits it there).
                let mut end = memchr::memchr2(b'<', b'&', &b[pos..]).map_or(b.len(), |i| pos + i);
                if b.get(end) == Some(&b'&') {
                    end = memchr::memchr(b'<', &b[end..]).map_or(b.len(), |i| end + i);
                    if parent.is_none() || !refs_closed(&b[pos..end]) {
                        return None;
                    }
                }
                let kind = if parent.is_some() {
                    Kind::Text
                } else {
                    // White space between top-level nodes.
                    Kind::Other
                };
                tree.push(Node::leaf(kind, pos, end, parent));
                pos = end;
                continue;
            }
            match b.get(pos + 1) {
                None | Some(b'!') => return None,
                Some(b'?') => {
                    // Ends at the first `?>` (quick-xml refuses `<?>`).
                    let gt = memchr::memchr_iter(b'>', &b[pos..])
                        .map(|i| pos + i)
                        .find(|&i| b[i - 1] == b'?')?;
                    if gt + 1 - pos <= 3 {
                        return None;
                    }
                    tree.push(Node::leaf(Kind::Other, pos, gt + 1, parent));
                    pos = gt + 1;
                }
                Some(b'/') => {
                    // The end tag must name the open element, then may have white space.
                    let id = parent?;
                    let (ns, ne) = tree.nodes[id].name_span();
                    let name = &b[ns..ne];
                    let mut i = pos + 2 + name.len();
                    if b.get(pos + 2..i) != Some(name) {
                        return None;
                    }
                    while b.get(i)?.is_ascii_whitespace() {
                        i += 1;
                    }
                    if b[i] != b'>' {
                        return None;
                    }
                    tree.close(pos, i + 1);
                    pos = i + 1;
                }
                Some(_) => {
                    let tag = scan_start_tag(b, pos)?;
                    let node = Node::element(pos, tag.end, tag.name_end, parent);
                    if tag.empty {
                        tree.push(node);
                    } else if !tree.open(node) {
                        return None;
                    }
                    pos = tag.end;
                }
            }
        }
        tree.finish(src).ok()
    }

    /// Parses `src` with quick-xml only.
    fn parse_with_quick_xml(part: &str, src: &'a str) -> Result<Dom<'a>, Error> {
        let mut reader = Reader::from_str(src);
        let cfg = reader.config_mut();
        // End names are checked below against the source (cheaper than quick-xml's copy).
        cfg.check_end_names = false;
        cfg.trim_text_start = false;
        cfg.trim_text_end = false;
        cfg.expand_empty_elements = false;
        let malformed = |position: u64, message: String| Error::MalformedXml {
            part: part.to_string(),
            position,
            message,
        };
        let mut tree = TreeBuilder::new(src.len());
        loop {
            let parent = tree.parent();
            let before = reader.buffer_position() as usize;
            let ev = reader
                .read_event()
                .map_err(|e| malformed(reader.error_position(), e.to_string()))?;
            let after = reader.buffer_position() as usize;
            let ev = match ev {
                Event::Eof => Ev::Eof,
                Event::DocType(_) => Ev::DocType,
                Event::Start(_) => Ev::Start,
                Event::Empty(_) => Ev::Empty,
                Event::End(_) => Ev::End,
                Event::Text(_) | Event::GeneralRef(_) => Ev::Text,
                Event::CData(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Ev::Other,
            };
            match ev {
                Ev::Eof => break,
                Ev::DocType => {
                    return Err(Error::ForbiddenDtd {
                        part: part.to_string(),
                    });
                }
                Ev::Start | Ev::Empty => {
                    let name_end = before + 1 + name_len(src, before);
                    check_attributes(src, before, name_end, after)
                        .map_err(|at| malformed(at as u64, "malformed attribute".into()))?;
                    let node = Node::element(before, after, name_end, parent);
                    if ev == Ev::Empty {
                        tree.push(node);
                    } else if !tree.open(node) {
                        return Err(Error::Limit(format!(
                            "{part}: XML elements nested deeper than {MAX_DEPTH} levels"
                        )));
                    }
                }
                Ev::End => {
                    let Some(id) = parent else {
                        return Err(malformed(before as u64, "unexpected end tag".into()));
                    };
                    let (ns, ne) = tree.nodes[id].name_span();
                    let open = src.as_bytes().get(ns..ne).unwrap_or_default();
                    let close = src
                        .as_bytes()
                        .get(before + 2..after - 1)
                        .unwrap_or_default();
                    if close.trim_ascii_end() != open {
                        return Err(malformed(
                            before as u64,
                            format!(
                                "end tag </{}> does not match <{}>",
                                String::from_utf8_lossy(close),
                                String::from_utf8_lossy(open)
                            ),
                        ));
                    }
                    tree.close(before, after);
                }
                Ev::Text => {
                    // Merge adjacent text and entity references into one text node.
                    if parent.is_some()
                        && let Some(last) = tree.nodes.last_mut()
                        && last.kind == Kind::Text
                        && last.parent == parent
                        && last.end() == before
                    {
                        last.end = after as u32;
                        continue;
                    }
                    if parent.is_none() {
                        // Whitespace between top-level nodes.
                        tree.push(Node::leaf(Kind::Other, before, after, parent));
                    } else {
                        tree.push(Node::leaf(Kind::Text, before, after, parent));
                    }
                }
                Ev::Other => {
                    tree.push(Node::leaf(Kind::Other, before, after, parent));
                }
            }
        }
        tree.finish(src)
            .map_err(|(position, message)| malformed(position, message.into()))
    }

    /// The children of node `id`, in order.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        let (start, len) = self.nodes[id].kids;
        self.kids
            .get(start as usize..(start + len) as usize)
            .unwrap_or(&[])
    }

    /// The qualified name of an element (empty for other nodes).
    pub fn name(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        if n.kind != Kind::Element {
            return "";
        }
        let (start, end) = n.name_span();
        self.src.get(start..end).unwrap_or("")
    }

    /// Whether node `id` is an element called `name`.
    pub fn is(&self, id: NodeId, name: &str) -> bool {
        self.name(id) == name
    }

    /// The whole source text of a node.
    pub fn raw(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        self.src.get(n.start..n.end()).unwrap_or("")
    }

    /// The start tag of an element.
    pub fn open_tag(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        self.src.get(n.start..n.open_end as usize).unwrap_or("")
    }

    /// The end tag of an element ("" for empty elements).
    pub fn close_tag(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        self.src.get(n.close_start as usize..n.end()).unwrap_or("")
    }

    /// Whether the element was written `<x/>`.
    pub fn is_empty_element(&self, id: NodeId) -> bool {
        let n = &self.nodes[id];
        n.kind == Kind::Element && n.open_end == n.end
    }

    /// The value of attribute `attr` in the start tag of element `id`, with its byte span in
    /// the source (value only, without quotes).
    pub fn attr(&self, id: NodeId, attr: &str) -> Option<(&'a str, usize, usize)> {
        let tag = self.open_tag(id);
        let base = self.nodes[id].start;
        find_attr(tag, attr).map(|(_, s, e)| (&tag[s..e], base + s, base + e))
    }

    /// The start tag of element `id` without attribute `attr` (None if it has none).
    pub fn open_tag_without(&self, id: NodeId, attr: &str) -> Option<String> {
        let tag = self.open_tag(id);
        let (name_start, _, value_end) = find_attr(tag, attr)?;
        let cut = tag[..name_start].trim_end().len();
        let mut s = String::with_capacity(tag.len());
        s.push_str(&tag[..cut]);
        s.push_str(&tag[value_end + 1..]);
        Some(s)
    }

    /// Concatenated decoded text of the direct text children of element `id`.
    #[cfg(test)]
    pub fn inner_text(&self, id: NodeId) -> String {
        let mut s = String::new();
        self.push_inner_text(id, &mut s);
        s
    }

    /// Appends the decoded text of the direct text children of element `id` to `out`.
    pub fn push_inner_text(&self, id: NodeId, out: &mut String) {
        for &c in self.children(id) {
            if self.nodes[c].kind == Kind::Text {
                let raw = self.raw(c);
                if raw.contains('&') {
                    out.push_str(&unescape(raw));
                } else {
                    out.push_str(raw);
                }
            }
        }
    }
}

/// Length of the element name starting after the `<` at byte `at`.
fn name_len(src: &str, at: usize) -> usize {
    src.as_bytes()
        .get(at + 1..)
        .and_then(|b| {
            b.iter()
                .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        })
        .unwrap_or(0)
}

/// Finds ` attr="value"` in a start tag; returns the name's start and the value's span.
pub(crate) fn find_attr(tag: &str, attr: &str) -> Option<(usize, usize, usize)> {
    let bytes = tag.as_bytes();
    let mut from = 0;
    while let Some(pos) = tag.get(from..).and_then(|t| t.find(attr)) {
        let at = from + pos;
        from = at + attr.len();
        let before_ok = at > 0 && bytes[at - 1].is_ascii_whitespace();
        let mut i = at + attr.len();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if !before_ok || i >= bytes.len() || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let q = bytes[i];
        if q != b'"' && q != b'\'' {
            continue;
        }
        let start = i + 1;
        let end = start + tag.get(start..)?.find(q as char)?;
        return Some((at, start, end));
    }
    None
}

/// Decodes the five predefined entities and character references; anything else is kept.
pub(crate) fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let ent = &tail[1..semi];
        let ch = match ent {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse::<u32>().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=semi]),
        }
        rest = &tail[semi + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether any byte of the eight in `x` is one of `& < > "`, with two zero-byte tests: `<` and
/// `>` differ only in bit 1 and `"` and `&` only in bit 2, so setting that bit folds each pair
/// onto one value. (`(v - 0x01…) & !v & 0x80…` is non-zero exactly when `v` has a zero byte.)
#[inline]
fn any_to_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    has_zero((x | (ONES * 0x02)) ^ (ONES * u64::from(b'>')))
        || has_zero((x | (ONES * 0x04)) ^ (ONES * u64::from(b'&')))
}

/// Splits `s` into the pieces of its XML-escaped form (runs of plain text and the entity
/// references that replace `& < > "`) and hands them to `emit` in order. Skips eight bytes at a
/// time while none needs escaping.
#[inline]
fn escape_pieces<'s>(s: &'s str, mut emit: impl FnMut(&'s str)) {
    let b = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    loop {
        let end = match b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            Some(chunk) if !any_to_escape(u64::from_le_bytes(*chunk)) => {
                i += 8;
                continue;
            }
            Some(_) => i + 8,
            None => b.len(),
        };
        for (k, &c) in b.get(i..end).unwrap_or_default().iter().enumerate() {
            let rep = match c {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => continue,
            };
            // The replaced bytes are ASCII, so these are character boundaries.
            emit(s.get(last..i + k).unwrap_or_default());
            emit(rep);
            last = i + k + 1;
        }
        if end >= b.len() {
            break;
        }
        i = end;
    }
    emit(s.get(last..).unwrap_or_default());
}

/// Appends `s` XML-escaped for text content or attribute values.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    escape_pieces(s, |piece| out.extend_from_slice(piece.as_bytes()));
}

/// Appends `s` XML-escaped to a string.
pub(crate) fn escape_str(out: &mut String, s: &str) {
    escape_pieces(s, |piece| out.push_str(piece));
}

/// Whether `c` may appear in an XML 1.0 document.
pub(crate) fn xml_char_ok(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What callers can see of one node: kind, start, source text, start and end tags (of
    /// elements), name, children and parent.
    type NodeShape<'a> = (
        Kind,
        usize,
        &'a str,
        Option<(&'a str, &'a str)>,
        &'a str,
        Vec<NodeId>,
        Option<NodeId>,
    );

    /// Everything callers can see of a tree: its nodes and its top level.
    fn shape<'a>(d: &Dom<'a>) -> (Vec<NodeShape<'a>>, Vec<NodeId>) {
        let nodes = (0..d.nodes.len())
            .map(|id| {
                let n = &d.nodes[id];
                // (Only elements' tag spans mean anything.)
                let tags = (n.kind == Kind::Element).then(|| (d.open_tag(id), d.close_tag(id)));
                (
                    n.kind,
                    n.start,
                    d.raw(id),
                    tags,
                    d.name(id),
                    d.children(id).to_vec(),
                    n.parent,
                )
            })
            .collect();
        (nodes, d.top.clone())
    }

    #[test]
    fn parses_and_keeps_spans() {
        let src = r#"<?xml version="1.0"?><a x="1"><b>t &amp; u</b><c/></a>"#;
        let dom = Dom::parse("p", src).unwrap();
        let a = dom.top[1];
        assert_eq!(dom.name(a), "a");
        assert_eq!(dom.open_tag(a), r#"<a x="1">"#);
        let b = dom.children(a)[0];
        assert_eq!(dom.inner_text(b), "t & u");
        assert_eq!(dom.attr(a, "x").map(|v| v.0), Some("1"));
        assert_eq!(dom.open_tag_without(a, "x").as_deref(), Some("<a>"));
        assert!(dom.is_empty_element(dom.children(a)[1]));
    }

    #[test]
    fn refuses_doctype_and_malformed() {
        let e = Dom::parse("p", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>").unwrap_err();
        assert!(matches!(e, Error::ForbiddenDtd { .. }));
        let e = Dom::parse("p", "<a><b></a>").unwrap_err();
        assert!(matches!(e, Error::MalformedXml { .. }));
        let e = Dom::parse("p", "<a>").unwrap_err();
        assert!(matches!(e, Error::MalformedXml { .. }));
    }

    /// The fast scanner builds exactly the tree quick-xml builds, and leaves errors to it.
    #[test]
    fn fast_scanner_matches_quick_xml() {
        let cases = [
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document a='x>y' b="p>q"><w:body><w:p><w:r><w:t xml:space="preserve"> a &amp; b &#x41;&lt;</w:t></w:r></w:p><w:p/></w:body></w:document>"#,
            "<a><b >x</b ><c/><?pi x?></a>\n",
            "<a>&amp;&amp</a>",
            "<a>&amp &lt;</a>",
            "<!-- c --><a/>",
            "<a><![CDATA[x<y]]></a>",
            "<a>x</b>",
            "<a><b></a>",
            "<a",
            "<a b='x>",
            "<a><?></a>",
            "<?xml version='1.0'?>",
            "</a>",
            "<a>&x;</a> &y; <b/>",
            "<>x</>",
            "<a>\u{e9}\u{1f600}<b c=\"\u{e9}\"/></a>",
            "\u{feff}<a/>",
        ];
        for src in cases {
            let fast = Dom::parse("p", src).map(|d| shape(&d));
            let slow = Dom::parse_with_quick_xml("p", src).map(|d| shape(&d));
            match (&fast, &slow) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{src}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{src}"),
                _ => panic!("{src}: {fast:?} vs {slow:?}"),
            }
        }
    }

    /// Word-like parts the fast path reads by itself.
    const WORDLIKE: [&str; 3] = [
        concat!(
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
            r#"<w:document xmlns:w="http://x/main" xmlns:r='http://x/r' mc:Ignorable="w14 wp14">"#,
            r#"<w:body><w:p w:rsidR="00A1B3F3"><w:pPr><w:pStyle w:val="Title"/></w:pPr>"#,
            r#"<w:r><w:rPr><w:b/><w:color w:val="404040" /></w:rPr>"#,
            r#"<w:t xml:space="preserve"> {{a}} &amp; b &#x41;&lt; — é</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="3118"/></w:tcPr>"#,
            r#"<w:p/></w:tc></w:tr></w:tbl><w:sectPr w:rsidR='1' w:a="&quot;x&apos;"/>"#,
            "</w:body ></w:document>\n",
        ),
        "<a\n  b = \"1\"\tc='2'\r\n><d/><e\t/>text<?pi x?></a>",
        r#"<a a0="" a1="" a2="" a3="" a4="" a5="" a6="" a7="" a8="" a9="" b0="" b1=""/>"#,
    ];

    #[test]
    fn fast_path_reads_word_markup() {
        for src in WORDLIKE {
            let fast = Dom::parse_fast(src).map(|d| shape(&d));
            let slow = Dom::parse_with_quick_xml("p", src).map(|d| shape(&d));
            assert_eq!(fast, slow.ok(), "{src}");
        }
    }

    /// Whatever the fast path accepts, quick-xml (with the attribute check) accepts and builds
    /// the same; over many small mutations of Word-like parts, both ways.
    #[test]
    fn fast_path_agrees_with_quick_xml_on_mutations() {
        const PIECES: [&str; 22] = [
            "<",
            ">",
            "/",
            "/>",
            "\"",
            "'",
            "=",
            " ",
            "\t",
            "&",
            ";",
            "&amp;",
            "<!-- c -->",
            "<![CDATA[x]]>",
            "<!DOCTYPE a>",
            "<x>",
            "</x>",
            "</w:p>",
            "a=\"1\"",
            "\u{c}",
            "?",
            "\u{e9}",
        ];
        // A small deterministic generator (xorshift).
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let (mut accepted, mut refused) = (0, 0);
        for round in 0..6000 {
            let mut src = WORDLIKE[round % WORDLIKE.len()].to_string();
            for _ in 0..1 + next(3) {
                let at = next(src.len() + 1);
                let at = (0..=at)
                    .rev()
                    .find(|&i| src.is_char_boundary(i))
                    .unwrap_or(0);
                match next(3) {
                    0 => src.insert_str(at, PIECES[next(PIECES.len())]),
                    1 => {
                        let to = (at + 1 + next(4)).min(src.len());
                        if let Some(to) = (to..=src.len()).find(|&i| src.is_char_boundary(i)) {
                            src.replace_range(at..to, "");
                        }
                    }
                    _ => {
                        let to = (at + next(24)).min(src.len());
                        if let Some(to) = (to..=src.len()).find(|&i| src.is_char_boundary(i)) {
                            let copy = src[at..to].to_string();
                            src.insert_str(to, &copy);
                        }
                    }
                }
            }
            let slow = Dom::parse_with_quick_xml("p", &src).map(|d| shape(&d));
            match Dom::parse_fast(&src).map(|d| shape(&d)) {
                Some(fast) => {
                    accepted += 1;
                    assert_eq!(Some(&fast), slow.as_ref().ok(), "{src}");
                }
                None => refused += 1,
            }
        }
        // Both branches are exercised.
        assert!(accepted > 500 && refused > 500, "{accepted} {refused}");
    }

    #[test]
    fn fast_path_leaves_bad_markup_to_quick_xml() {
        for bad in [
            r#"<w:p a=1/>"#,
            r#"<w:p a={{x}}"1"/>"#,
            r#"<w:p a="1"b="2"/>"#,
            r#"<w:p a="1/>"#,
            r#"<w:p a="<"/>"#,
            r#"<w:p a="&amp"/>"#,
            r#"<w:p a="&amp;&amp"/>"#,
            r#"<w:p ="1"/>"#,
            r#"<w:p a/>"#,
            r#"<w:p a="1" b="2" a="3"/>"#,
            r#"<w:p a0="" a1="" a2="" a3="" a4="" a5="" a6="" a7="" a8="" a9="" a8=""/>"#,
            r#"<w:p a0="" a1="" a2="" a3="" a4="" a5="" a6="" a7="" a8="" a9="" b0="" b1="" b2="" b3="" b4="" b5="" b6="" b7="" b8="" a3=""/>"#,
            r#"<w:p a="1"/ >"#,
            r#"<w:p/ >"#,
            "<w:p\u{c}a=\"1\"/>",
            "<w:p a=\"1\"",
            "<w:p></w:r>",
            "<w:p></w:pp>",
            "<w:p></w:p x>",
            "<w:p>",
            "<w:p>a &amp b</w:p>",
            "< w:p/>",
        ] {
            let src = format!("<w:document>{bad}</w:document>");
            assert!(Dom::parse_fast(&src).is_none(), "{bad}");
            let e = Dom::parse("word/document.xml", &src).unwrap_err();
            assert!(matches!(e, Error::MalformedXml { .. }), "{bad}: {e}");
        }
        // Well-formed but unusual: quick-xml reads it.
        for odd in ["<a><!-- c --></a>", "<a><![CDATA[<]]></a>"] {
            assert!(Dom::parse_fast(odd).is_none(), "{odd}");
            assert!(Dom::parse("p", odd).is_ok(), "{odd}");
        }
        // (The caller strips a byte-order mark; here it is left to quick-xml.)
        assert!(Dom::parse_fast("\u{feff}<a/>").is_none());
        let e = Dom::parse("p", "<!DOCTYPE a><a/>").unwrap_err();
        assert!(matches!(e, Error::ForbiddenDtd { .. }));
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert!(Dom::parse_fast(&deep).is_none());
        assert!(matches!(Dom::parse("p", &deep), Err(Error::Limit(_))));
    }

    #[test]
    fn nodes_stay_small() {
        assert!(size_of::<Node>() <= 56, "{}", size_of::<Node>());
    }

    #[test]
    fn refuses_deep_nesting() {
        let src = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert!(matches!(Dom::parse("p", &src), Err(Error::Limit(_))));
        let src = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(Dom::parse("p", &src).is_ok());
    }

    #[test]
    fn accepts_well_formed_attributes() {
        // (Malformed ones: `fast_path_leaves_bad_markup_to_quick_xml`.)
        for good in [
            r#"<w:p/>"#,
            r#"<w:p />"#,
            r#"<w:p a="1" b='2'/>"#,
            "<w:p\n  a = \"1\"\tb=\"&amp;&#x20;\"></w:p>",
            r#"<w:p a="x>y"/>"#,
            r#"<w:p a0="" a1="" a2="" a3="" a4="" a5="" a6="" a7="" a8="" a9="" b0="" b1="" b2="" b3="" b4="" b5="" b6="" b7="" b8="" b9=""/>"#,
        ] {
            let src = format!("<w:document>{good}</w:document>");
            assert!(Dom::parse("word/document.xml", &src).is_ok(), "{good}");
        }
    }

    #[test]
    fn expands_self_closing_paragraphs_only() {
        let src =
            r#"<w:body><w:p/><w:p w:rsidR="00A1"/><w:pPr/><w:p a="/>"/><w:p>x</w:p></w:body>"#;
        assert_eq!(
            expand_empty_paragraphs(src),
            r#"<w:body><w:p></w:p><w:p w:rsidR="00A1"></w:p><w:pPr/><w:p a="/>"></w:p><w:p>x</w:p></w:body>"#
        );
        assert!(matches!(
            expand_empty_paragraphs("<w:p>x</w:p>"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn finds_every_byte_to_escape() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = [b'a'; 8];
                chunk[at] = byte;
                let expected = matches!(byte, b'&' | b'<' | b'>' | b'"');
                assert_eq!(
                    any_to_escape(u64::from_le_bytes(chunk)),
                    expected,
                    "{byte} {at}"
                );
                // Also next to bytes with the high bit set and zero bytes.
                let mut chunk = [0x80 | byte; 8];
                chunk[at] = byte;
                chunk[(at + 1) % 8] = 0;
                let neighbours = matches!(0x80 | byte, b'&' | b'<' | b'>' | b'"');
                let expected = expected || neighbours;
                assert_eq!(
                    any_to_escape(u64::from_le_bytes(chunk)),
                    expected,
                    "{byte} {at}"
                );
            }
        }
    }

    #[test]
    fn escapes_like_a_byte_loop() {
        let reference = |s: &str| {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    _ => out.push(c),
                }
            }
            out
        };
        let mut cases: Vec<String> = [
            "",
            "plain",
            "exactly8",
            "sixteen bytes ok",
            "a<b",
            "<&>\"",
            "0123456<",
            "01234567<",
            "0123456789abcdef&",
            "'=;:$%\u{e9}\u{1f600}#!?\u{2}\u{7f}\u{ff}",
            "Tom & Jerry say \"hi\" <3 — twice >>",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every byte value next to every special, at every offset of a chunk.
        for c in (1u8..0x80).map(char::from) {
            for special in ['&', '<', '>', '"', 'x'] {
                for at in 0..10 {
                    let mut s: String = "abcdefghijkl".chars().take(at).collect();
                    s.push(c);
                    s.push(special);
                    s.push_str("0123456789");
                    cases.push(s);
                }
            }
        }
        for s in &cases {
            let mut v = Vec::new();
            escape_into(&mut v, s);
            assert_eq!(String::from_utf8(v).unwrap(), reference(s), "{s:?}");
            let mut t = String::from("pre:");
            escape_str(&mut t, s);
            assert_eq!(t, format!("pre:{}", reference(s)), "{s:?}");
        }
    }

    #[test]
    fn ranked_finder_finds_every_paragraph_tag() {
        let finder =
            memchr::memmem::FinderBuilder::new().build_forward_with_ranker(TagRank, b"<w:p");
        let long = WORDLIKE[0].repeat(3);
        for hay in [
            WORDLIKE[0],
            &long,
            "",
            "<w:p",
            "x<w:p/>",
            "<w:pp<w:p<<w:p",
            "<w:r><w:t>p</w:t></w:r><w:p/><w:pPr/>ppp<<<<w:p w:x='p'/>",
        ] {
            let ranked: Vec<_> = finder.find_iter(hay.as_bytes()).collect();
            let plain: Vec<_> = memchr::memmem::find_iter(hay.as_bytes(), b"<w:p").collect();
            assert_eq!(ranked, plain, "{hay}");
        }
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape("a&lt;b&#65;&#x42;&amp;"), "a<bAB&");
        let mut v = Vec::new();
        escape_into(&mut v, "a<&>\"'");
        assert_eq!(v, b"a&lt;&amp;&gt;&quot;'");
    }
}
