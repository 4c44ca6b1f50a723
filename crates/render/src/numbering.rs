//! `word/numbering.xml`: new list instances so numbered lists restart in each repeated row.
//!
//! Rule: a paragraph numbered with `w:numPr` inside a section that repeats table rows keeps
//! its list in the first repeat; every later repeat gets a new `w:num` pointing at the same
//! abstract list with `w:startOverride` on every level, so each row counts from the start.
//! Paragraph and inline repeats keep the list as is, so numbering continues through them.

use std::collections::HashMap;

use crate::error::Error;
use crate::xml::{Dom, Kind};

/// What the renderer needs from the numbering part.
#[derive(Debug, Clone)]
pub(crate) struct Numbering {
    /// Entry index in the package.
    pub entry: usize,
    xml: String,
    /// Highest `w:numId` in use.
    pub max_num: u64,
    abstract_of: HashMap<u64, u64>,
    /// Per abstract list: (level, start value).
    starts: HashMap<u64, Vec<(u64, u64)>>,
}

impl Numbering {
    /// Reads the numbering part.
    pub(crate) fn parse(entry: usize, part: &str, xml: &str) -> Result<Numbering, Error> {
        let dom = Dom::parse(part, xml)?;
        let mut n = Numbering {
            entry,
            xml: xml.to_string(),
            max_num: 0,
            abstract_of: HashMap::new(),
            starts: HashMap::new(),
        };
        let Some(&root) = dom
            .top
            .iter()
            .find(|&&t| dom.nodes[t].kind == Kind::Element)
        else {
            return Ok(n);
        };
        let num = |id: usize, attr: &str| -> Option<u64> { dom.attr(id, attr)?.0.parse().ok() };
        for &c in dom.children(root) {
            match dom.name(c) {
                "w:num" => {
                    let Some(id) = num(c, "w:numId") else {
                        continue;
                    };
                    n.max_num = n.max_num.max(id);
                    if let Some(a) = dom
                        .children(c)
                        .iter()
                        .find(|&&k| dom.is(k, "w:abstractNumId"))
                        .and_then(|&k| num(k, "w:val"))
                    {
                        n.abstract_of.insert(id, a);
                    }
                }
                "w:abstractNum" => {
                    let Some(a) = num(c, "w:abstractNumId") else {
                        continue;
                    };
                    let mut levels = Vec::new();
                    for &l in dom.children(c) {
                        if !dom.is(l, "w:lvl") {
                            continue;
                        }
                        let Some(ilvl) = num(l, "w:ilvl") else {
                            continue;
                        };
                        let start = dom
                            .children(l)
                            .iter()
                            .find(|&&k| dom.is(k, "w:start"))
                            .and_then(|&k| num(k, "w:val"))
                            .unwrap_or(1);
                        levels.push((ilvl, start));
                    }
                    n.starts.insert(a, levels);
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The part with a new `w:num` for each (new id, original id), or None if none applies.
    pub(crate) fn with_restarts(&self, new: &[(u64, u64)]) -> Option<Vec<u8>> {
        let mut add = String::new();
        for &(id, orig) in new {
            let Some(&a) = self.abstract_of.get(&orig) else {
                continue;
            };
            add.push_str(&format!(
                "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{a}\"/>"
            ));
            let levels = self.starts.get(&a).cloned().unwrap_or_default();
            for (ilvl, start) in levels {
                add.push_str(&format!(
                    "<w:lvlOverride w:ilvl=\"{ilvl}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>"
                ));
            }
            add.push_str("</w:num>");
        }
        if add.is_empty() {
            return None;
        }
        let at = self
            .xml
            .find("<w:numIdMacAtCleanup")
            .or_else(|| self.xml.rfind("</w:numbering>"))?;
        let mut out = String::with_capacity(self.xml.len() + add.len());
        out.push_str(&self.xml[..at]);
        out.push_str(&add);
        out.push_str(&self.xml[at..]);
        Some(out.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_restarting_instances() {
        let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="3"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#;
        let n = Numbering::parse(0, "word/numbering.xml", xml).unwrap();
        assert_eq!(n.max_num, 2);
        let out = String::from_utf8(n.with_restarts(&[(3, 2)]).unwrap()).unwrap();
        assert!(out.ends_with(r#"<w:num w:numId="3"><w:abstractNumId w:val="4"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride><w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>"#), "{out}");
        assert!(n.with_restarts(&[(5, 99)]).is_none());
    }
}
