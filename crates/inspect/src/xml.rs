//! A small namespace-resolved element tree, parsed with quick-xml's [`NsReader`].
//!
//! Prefixes are resolved to namespaces, so `w:p` and `x:p` bound to the same URI are the same
//! element; attribute order, `xml:space`, comments and processing instructions are dropped.
//! Transitional and strict OOXML namespace URIs map to the same [`Ns`].

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::error::{Error, Result};
use crate::package::MAX_DEPTH;

/// The namespaces the dump cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// No namespace.
    None,
    /// WordprocessingML main.
    W,
    /// Office document relationships (`r:id`).
    R,
    /// Package relationships (`.rels` parts).
    Rels,
    /// DrawingML wordprocessing drawing (`wp:`).
    Wp,
    /// DrawingML main (`a:`).
    A,
    /// Markup compatibility (`mc:`).
    Mc,
    /// Word 2010 extensions (`w14:`).
    W14,
    /// Dublin Core elements (`dc:`).
    Dc,
    /// Core properties (`cp:`).
    Cp,
    /// VML (`v:`).
    V,
    /// Any other namespace.
    Other,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | "http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => Ns::Wp,
        "http://schemas.openxmlformats.org/drawingml/2006/main"
        | "http://purl.oclc.org/ooxml/drawingml/main" => Ns::A,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        "http://purl.org/dc/elements/1.1/" => Ns::Dc,
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => Ns::Cp,
        "urn:schemas-microsoft-com:vml" => Ns::V,
        _ => Ns::Other,
    }
}

fn resolved(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => ns_of(ns.0),
        _ => Ns::None,
    }
}

/// A node of the tree.
#[derive(Debug)]
pub(crate) enum Node {
    /// An element.
    Elem(Element),
    /// Character data (entities resolved).
    Text(String),
}

/// An element with resolved names.
#[derive(Debug)]
pub(crate) struct Element {
    pub(crate) ns: Ns,
    pub(crate) name: String,
    attrs: Vec<(Ns, String, String)>,
    pub(crate) children: Vec<Node>,
}

impl Element {
    /// Whether this is `{ns}name`.
    pub(crate) fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The value of attribute `{ns}name`.
    pub(crate) fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, k, _)| *n == ns && k == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// The value of a WordprocessingML attribute (`w:val`), accepting an unprefixed one too.
    pub(crate) fn wattr(&self, name: &str) -> Option<&str> {
        self.attr(Ns::W, name).or_else(|| self.attr(Ns::None, name))
    }

    /// The value of an attribute by local name, whatever its namespace.
    pub(crate) fn attr_any(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(_, k, _)| k == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// Child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements named `{ns}name`.
    pub(crate) fn children_named<'s>(
        &'s self,
        ns: Ns,
        name: &'s str,
    ) -> impl Iterator<Item = &'s Element> + 's {
        self.elements().filter(move |e| e.is(ns, name))
    }

    /// The first child element named `{ns}name`.
    pub(crate) fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The first child in the WordprocessingML namespace named `name`.
    pub(crate) fn w(&self, name: &str) -> Option<&Element> {
        self.child(Ns::W, name)
    }

    /// All character data directly and indirectly inside this element.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Elem(e) => e.collect_text(out),
            }
        }
    }

    /// Depth-first search for descendants named `{ns}name` (not below a match).
    pub(crate) fn descendants<'s>(&'s self, ns: Ns, name: &str, out: &mut Vec<&'s Element>) {
        for e in self.elements() {
            if e.is(ns, name) {
                out.push(e);
            } else {
                e.descendants(ns, name, out);
            }
        }
    }
}

/// Decodes a part to text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
fn decode(part: &str, bytes: &[u8]) -> Result<String> {
    let enc = || Error::Encoding {
        part: part.to_string(),
    };
    let utf16 = |b: &[u8], be: bool| -> Result<String> {
        if b.len() % 2 != 0 {
            return Err(enc());
        }
        let units = b.chunks_exact(2).map(|c| {
            let (hi, lo) = if be { (c[0], c[1]) } else { (c[1], c[0]) };
            u16::from(hi) << 8 | u16::from(lo)
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| enc())
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|_| enc()),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        _ => std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| enc()),
    }
}

/// Parses an XML part into its root element.
pub(crate) fn parse(part: &str, bytes: &[u8]) -> Result<Element> {
    let text = decode(part, bytes)?;
    let mut reader = NsReader::from_str(&text);
    let xml_err = |reader: &NsReader<&[u8]>, message: String| Error::Xml {
        part: part.to_string(),
        position: reader.error_position(),
        message,
    };
    let mut stack: Vec<Element> = vec![Element {
        ns: Ns::None,
        name: String::new(),
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    loop {
        let (res, event) = match reader.read_resolved_event() {
            Ok((res, ev)) => (resolved(&res), ev),
            Err(e) => return Err(xml_err(&reader, e.to_string())),
        };
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                if stack.len() > MAX_DEPTH {
                    return Err(Error::TooDeep {
                        part: part.to_string(),
                        position: reader.buffer_position(),
                        limit: MAX_DEPTH,
                    });
                }
                let mut attrs = Vec::new();
                for a in s.attributes() {
                    let a = a.map_err(|e| xml_err(&reader, e.to_string()))?;
                    if a.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (ns, local) = reader.resolver().resolve_attribute(a.key);
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| xml_err(&reader, e.to_string()))?;
                    attrs.push((
                        resolved(&ns),
                        local.as_ref().to_string(),
                        value.into_owned(),
                    ));
                }
                let el = Element {
                    ns: res,
                    name: s.local_name().as_ref().to_string(),
                    attrs,
                    children: Vec::new(),
                };
                if matches!(event, Event::Start(_)) {
                    stack.push(el);
                } else if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Elem(el));
                }
            }
            Event::End(_) => {
                let done = stack.pop();
                match (done, stack.last_mut()) {
                    (Some(done), Some(top)) => top.children.push(Node::Elem(done)),
                    _ => return Err(xml_err(&reader, "unbalanced end tag".to_string())),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(v) => v.to_string(),
                            None => {
                                return Err(xml_err(&reader, "unknown entity".to_string()));
                            }
                        }
                    }
                    Err(e) => return Err(xml_err(&reader, e.to_string())),
                };
                push_text(&mut stack, &resolved);
            }
            Event::DocType(_) => {
                return Err(Error::Dtd {
                    part: part.to_string(),
                    position: reader.error_position(),
                });
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if stack.len() != 1 {
        return Err(xml_err(
            &reader,
            "unclosed element at end of part".to_string(),
        ));
    }
    let root = stack.pop().and_then(|doc| {
        doc.children.into_iter().find_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    });
    root.ok_or_else(|| Error::Xml {
        part: part.to_string(),
        position: 0,
        message: "no root element".to_string(),
    })
}

fn push_text(stack: &mut [Element], text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_resolve() {
        let a = parse(
            "a",
            br#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:t x:val="1">a &amp; &#x42;</x:t></x:document>"#,
        )
        .unwrap();
        assert!(a.is(Ns::W, "document"));
        let t = a.w("t").unwrap();
        assert_eq!(t.wattr("val"), Some("1"));
        assert_eq!(t.text(), "a & B");
    }

    #[test]
    fn refuses_dtd_and_bad_xml() {
        assert!(matches!(
            parse("p", b"<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"),
            Err(Error::Dtd { .. })
        ));
        assert!(matches!(parse("p", b"<x><y></x>"), Err(Error::Xml { .. })));
        assert!(matches!(
            parse("p", b"<x>&foo;</x>"),
            Err(Error::Xml { .. })
        ));
        assert!(matches!(parse("p", b""), Err(Error::Xml { .. })));
        assert!(matches!(parse("p", b"<x>"), Err(Error::Xml { .. })));
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        assert!(matches!(
            parse("p", deep.as_bytes()),
            Err(Error::TooDeep { .. })
        ));
    }

    #[test]
    fn utf16() {
        let s = "<a>é</a>";
        let mut b = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(parse("p", &b).unwrap().text(), "é");
    }
}
