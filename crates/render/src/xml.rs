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
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: Kind,
    /// Start of the node in the source.
    pub start: usize,
    /// End of the node (after its end tag) in the source.
    pub end: usize,
    /// End of the start tag (elements only).
    pub open_end: usize,
    /// Start of the end tag (elements only; equals `end` for empty elements).
    pub close_start: usize,
    /// Qualified name span (elements only).
    pub name: (usize, usize),
    /// Children: a range of [`Dom::kids`].
    kids: (u32, u32),
    /// Parent (None for top-level nodes).
    pub parent: Option<NodeId>,
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

impl<'a> Dom<'a> {
    /// Parses `src`; refuses DTDs and reports malformed XML with its byte position.
    pub fn parse(part: &str, src: &'a str) -> Result<Dom<'a>, Error> {
        let mut reader = Reader::from_str(src);
        let cfg = reader.config_mut();
        // End names are checked below against the source (cheaper than quick-xml's copy).
        cfg.check_end_names = false;
        cfg.trim_text_start = false;
        cfg.trim_text_end = false;
        cfg.expand_empty_elements = false;
        let mut nodes: Vec<Node> = Vec::with_capacity(src.len() / 24);
        let mut top = Vec::new();
        let mut stack: Vec<NodeId> = Vec::new();
        let malformed = |position: u64, message: String| Error::MalformedXml {
            part: part.to_string(),
            position,
            message,
        };
        loop {
            let before = reader.buffer_position() as usize;
            let ev = match reader.read_event() {
                Ok(ev) => ev,
                Err(e) => return Err(malformed(reader.error_position(), e.to_string())),
            };
            let after = reader.buffer_position() as usize;
            let parent = stack.last().copied();
            let mut push = |nodes: &mut Vec<Node>, node: Node| -> NodeId {
                let id = nodes.len();
                nodes.push(node);
                if parent.is_none() {
                    top.push(id);
                }
                id
            };
            match ev {
                Event::Eof => break,
                Event::DocType(_) => {
                    return Err(Error::ForbiddenDtd {
                        part: part.to_string(),
                    });
                }
                Event::Start(_) => {
                    let name_len = name_len(src, before);
                    let id = push(
                        &mut nodes,
                        Node {
                            kind: Kind::Element,
                            start: before,
                            end: after,
                            open_end: after,
                            close_start: after,
                            name: (before + 1, before + 1 + name_len),
                            kids: (0, 0),
                            parent,
                        },
                    );
                    stack.push(id);
                    if stack.len() > MAX_DEPTH {
                        return Err(Error::Limit(format!(
                            "{part}: XML elements nested deeper than {MAX_DEPTH} levels"
                        )));
                    }
                }
                Event::Empty(_) => {
                    let name_len = name_len(src, before);
                    push(
                        &mut nodes,
                        Node {
                            kind: Kind::Element,
                            start: before,
                            end: after,
                            open_end: after,
                            close_start: after,
                            name: (before + 1, before + 1 + name_len),
                            kids: (0, 0),
                            parent,
                        },
                    );
                }
                Event::End(_) => {
                    let Some(id) = stack.pop() else {
                        return Err(malformed(before as u64, "unexpected end tag".into()));
                    };
                    let (ns, ne) = nodes[id].name;
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
                    nodes[id].close_start = before;
                    nodes[id].end = after;
                }
                Event::Text(_) | Event::GeneralRef(_) => {
                    // Merge adjacent text and entity references into one text node.
                    if parent.is_some()
                        && let Some(last) = nodes.last_mut()
                        && last.kind == Kind::Text
                        && last.parent == parent
                        && last.end == before
                    {
                        last.end = after;
                        continue;
                    }
                    if parent.is_none() {
                        // Whitespace between top-level nodes.
                        push(&mut nodes, leaf(Kind::Other, before, after, parent));
                    } else {
                        push(&mut nodes, leaf(Kind::Text, before, after, parent));
                    }
                }
                Event::CData(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {
                    push(&mut nodes, leaf(Kind::Other, before, after, parent));
                }
            }
        }
        if !stack.is_empty() {
            return Err(malformed(
                src.len() as u64,
                "unclosed element at end of part".into(),
            ));
        }
        if !nodes.iter().any(|n| n.kind == Kind::Element) {
            return Err(malformed(0, "no root element".into()));
        }
        // Children lists in one array: count, prefix sums, fill (nodes are in document order).
        let mut counts = vec![0u32; nodes.len()];
        for n in &nodes {
            if let Some(p) = n.parent {
                counts[p] += 1;
            }
        }
        let mut at = 0u32;
        for (n, c) in nodes.iter_mut().zip(&counts) {
            n.kids = (at, 0);
            at += c;
        }
        let mut kids = vec![0; at as usize];
        for id in 0..nodes.len() {
            if let Some(p) = nodes[id].parent {
                let (start, len) = nodes[p].kids;
                kids[(start + len) as usize] = id;
                nodes[p].kids.1 += 1;
            }
        }
        Ok(Dom {
            src,
            nodes,
            top,
            kids,
        })
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
        self.src.get(n.name.0..n.name.1).unwrap_or("")
    }

    /// Whether node `id` is an element called `name`.
    pub fn is(&self, id: NodeId, name: &str) -> bool {
        self.name(id) == name
    }

    /// The whole source text of a node.
    pub fn raw(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        self.src.get(n.start..n.end).unwrap_or("")
    }

    /// The start tag of an element.
    pub fn open_tag(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        self.src.get(n.start..n.open_end).unwrap_or("")
    }

    /// The end tag of an element ("" for empty elements).
    pub fn close_tag(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id];
        self.src.get(n.close_start..n.end).unwrap_or("")
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

fn leaf(kind: Kind, start: usize, end: usize, parent: Option<NodeId>) -> Node {
    Node {
        kind,
        start,
        end,
        open_end: end,
        close_start: end,
        name: (start, start),
        kids: (0, 0),
        parent,
    }
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

/// Appends `s` XML-escaped for text content or attribute values.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => continue,
        };
        out.extend_from_slice(&s.as_bytes()[last..i]);
        out.extend_from_slice(rep);
        last = i + 1;
    }
    out.extend_from_slice(&s.as_bytes()[last..]);
}

/// Appends `s` XML-escaped to a string.
pub(crate) fn escape_str(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Whether `c` may appear in an XML 1.0 document.
pub(crate) fn xml_char_ok(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn unescapes() {
        assert_eq!(unescape("a&lt;b&#65;&#x42;&amp;"), "a<bAB&");
        let mut v = Vec::new();
        escape_into(&mut v, "a<&>\"'");
        assert_eq!(v, b"a&lt;&amp;&gt;&quot;'");
    }
}
