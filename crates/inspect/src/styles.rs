//! What the styles and numbering parts contribute to a dump: style names, effective run
//! formatting and list formats.
//!
//! Effective formatting is resolved as Word does, within what a dump needs: document defaults,
//! then the paragraph style (following `w:basedOn`), then the character style, then direct run
//! properties. The toggle properties (bold, italic, strike, hidden) of a paragraph style and a
//! character style combine by exclusive or (ECMA-376 §17.7.3); direct properties always win.
//! Table styles and theme fonts are not considered.

use std::collections::BTreeMap;

use crate::xml::{Element, Ns};

/// Vertical alignment of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub(crate) enum Vert {
    #[default]
    Baseline,
    Super,
    Sub,
}

/// Formatting properties as given at one level (each may be unset).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    strike: Option<bool>,
    hidden: Option<bool>,
    underline: Option<bool>,
    vert: Option<Vert>,
}

/// The effective formatting that a dump marks inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Fmt {
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) underline: bool,
    pub(crate) strike: bool,
    pub(crate) hidden: bool,
    pub(crate) vert: Vert,
}

fn on_off(e: &Element) -> bool {
    !matches!(
        e.wattr("val"),
        Some("0" | "false" | "off" | "none" | "False" | "FALSE")
    )
}

impl RunProps {
    /// Reads a `w:rPr`.
    pub(crate) fn parse(rpr: Option<&Element>) -> RunProps {
        let mut p = RunProps::default();
        let Some(rpr) = rpr else { return p };
        for e in rpr.elements().filter(|e| e.ns == Ns::W) {
            match e.name.as_str() {
                "b" => p.bold = Some(on_off(e)),
                "i" => p.italic = Some(on_off(e)),
                "strike" | "dstrike" => {
                    // Either kind of strike counts; an explicit "off" of one does not undo
                    // the other.
                    let v = on_off(e);
                    p.strike = Some(p.strike.unwrap_or(false) || v);
                }
                "vanish" => p.hidden = Some(on_off(e)),
                "u" => p.underline = Some(e.wattr("val").is_none_or(|v| v != "none")),
                "vertAlign" => {
                    p.vert = Some(match e.wattr("val") {
                        Some("superscript") => Vert::Super,
                        Some("subscript") => Vert::Sub,
                        _ => Vert::Baseline,
                    })
                }
                _ => {}
            }
        }
        p
    }

    /// `self` overridden by `other` where `other` is set.
    fn over(self, o: RunProps) -> RunProps {
        RunProps {
            bold: o.bold.or(self.bold),
            italic: o.italic.or(self.italic),
            strike: o.strike.or(self.strike),
            hidden: o.hidden.or(self.hidden),
            underline: o.underline.or(self.underline),
            vert: o.vert.or(self.vert),
        }
    }

    /// Paragraph-style properties combined with character-style properties (toggles XOR).
    fn toggle(self, o: RunProps) -> RunProps {
        let x = |a: Option<bool>, b: Option<bool>| match (a, b) {
            (Some(a), Some(b)) => Some(a ^ b),
            (a, None) => a,
            (None, b) => b,
        };
        RunProps {
            bold: x(self.bold, o.bold),
            italic: x(self.italic, o.italic),
            strike: x(self.strike, o.strike),
            hidden: x(self.hidden, o.hidden),
            underline: o.underline.or(self.underline),
            vert: o.vert.or(self.vert),
        }
    }

    fn fmt(self) -> Fmt {
        Fmt {
            bold: self.bold.unwrap_or(false),
            italic: self.italic.unwrap_or(false),
            underline: self.underline.unwrap_or(false),
            strike: self.strike.unwrap_or(false),
            hidden: self.hidden.unwrap_or(false),
            vert: self.vert.unwrap_or_default(),
        }
    }
}

/// A list reference: `w:numId` and `w:ilvl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumRef {
    pub(crate) num_id: i64,
    pub(crate) level: i64,
}

/// Reads `w:numPr` from a `w:pPr`: `Some(None)` means "explicitly no list" (numId 0).
pub(crate) fn num_pr(ppr: Option<&Element>) -> Option<(Option<i64>, Option<i64>)> {
    let np = ppr?.w("numPr")?;
    let num = np
        .w("numId")
        .and_then(|e| e.wattr("val")?.trim().parse().ok());
    let lvl = np
        .w("ilvl")
        .and_then(|e| e.wattr("val")?.trim().parse().ok());
    Some((num, lvl))
}

#[derive(Debug, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    rpr: RunProps,
    num: Option<(Option<i64>, Option<i64>)>,
}

/// The styles part, reduced to what a dump needs.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    paragraph: BTreeMap<String, Style>,
    character: BTreeMap<String, Style>,
    table: BTreeMap<String, Style>,
    default_paragraph: Option<String>,
    defaults: RunProps,
    /// The document's default language (`w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val`).
    pub(crate) language: Option<String>,
}

impl Styles {
    /// Reads `word/styles.xml` (`None` gives Word's built-in defaults: nothing set).
    pub(crate) fn parse(root: Option<&Element>) -> Styles {
        let mut s = Styles::default();
        let Some(root) = root else { return s };
        if let Some(rpr) = root
            .w("docDefaults")
            .and_then(|d| d.w("rPrDefault"))
            .and_then(|d| d.w("rPr"))
        {
            s.defaults = RunProps::parse(Some(rpr));
            s.language = rpr
                .w("lang")
                .and_then(|l| l.wattr("val"))
                .map(str::to_string);
        }
        for st in root.children_named(Ns::W, "style") {
            let Some(id) = st.wattr("styleId") else {
                continue;
            };
            let style = Style {
                name: st
                    .w("name")
                    .and_then(|n| n.wattr("val"))
                    .map(str::to_string),
                based_on: st
                    .w("basedOn")
                    .and_then(|n| n.wattr("val"))
                    .map(str::to_string),
                rpr: RunProps::parse(st.w("rPr")),
                num: num_pr(st.w("pPr")),
            };
            let default = st.wattr("default").is_some_and(|v| v == "1" || v == "true");
            match st.wattr("type").unwrap_or("paragraph") {
                "paragraph" => {
                    if default {
                        s.default_paragraph = Some(id.to_string());
                    }
                    s.paragraph.insert(id.to_string(), style);
                }
                "character" => {
                    s.character.insert(id.to_string(), style);
                }
                "table" => {
                    s.table.insert(id.to_string(), style);
                }
                _ => {}
            }
        }
        s
    }

    /// The paragraph style in effect: the given id if it exists, else the default one.
    pub(crate) fn paragraph_style<'a>(&'a self, id: Option<&'a str>) -> Option<&'a str> {
        match id {
            Some(id) if self.paragraph.contains_key(id) => Some(id),
            Some(id) if self.default_paragraph.as_deref() != Some(id) && !id.is_empty() => {
                // An id with no definition: Word falls back to the default style, and so do we.
                self.default_paragraph.as_deref()
            }
            _ => self.default_paragraph.as_deref(),
        }
    }

    /// The name shown for a paragraph style id (its `w:name`, else the id; `Normal` without one).
    pub(crate) fn paragraph_name(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => self
                .paragraph
                .get(id)
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| id.to_string()),
            None => "Normal".to_string(),
        }
    }

    /// The name shown for a table style id.
    pub(crate) fn table_name(&self, id: &str) -> String {
        self.table
            .get(id)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn chain<'s>(map: &'s BTreeMap<String, Style>, id: Option<&str>) -> Vec<&'s Style> {
        let mut out = Vec::new();
        let mut cur = id;
        while let Some(id) = cur {
            let Some(st) = map.get(id) else { break };
            if out.len() >= MAX_CHAIN {
                break; // a basedOn loop, or a chain longer than any real one
            }
            out.push(st);
            cur = st.based_on.as_deref();
        }
        out.reverse();
        out
    }

    fn chain_props(map: &BTreeMap<String, Style>, id: Option<&str>) -> RunProps {
        Self::chain(map, id)
            .into_iter()
            .fold(RunProps::default(), |acc, s| acc.over(s.rpr))
    }

    /// The effective formatting of a run.
    pub(crate) fn run_fmt(
        &self,
        para_style: Option<&str>,
        char_style: Option<&str>,
        direct: RunProps,
    ) -> Fmt {
        let p = Self::chain_props(&self.paragraph, para_style);
        let c = Self::chain_props(&self.character, char_style);
        self.defaults.over(p.toggle(c)).over(direct).fmt()
    }

    /// The list reference a paragraph style gives (following `w:basedOn`).
    pub(crate) fn style_num(&self, para_style: Option<&str>) -> Option<(Option<i64>, Option<i64>)> {
        Self::chain(&self.paragraph, para_style)
            .into_iter()
            .rev()
            .find_map(|s| s.num)
    }
}

/// Most styles followed through `w:basedOn` (Word itself stops well before).
const MAX_CHAIN: usize = 32;

/// One list level's format.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
}

/// The numbering part, reduced to each list level's number format and text.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstract_levels: BTreeMap<String, BTreeMap<i64, Level>>,
    /// numId → (abstractNumId, level overrides).
    nums: BTreeMap<i64, (String, BTreeMap<i64, Level>)>,
}

fn levels(parent: &Element) -> BTreeMap<i64, Level> {
    let mut out = BTreeMap::new();
    for lvl in parent.children_named(Ns::W, "lvl") {
        let Some(ilvl) = lvl.wattr("ilvl").and_then(|v| v.trim().parse().ok()) else {
            continue;
        };
        out.insert(
            ilvl,
            Level {
                format: lvl
                    .w("numFmt")
                    .and_then(|e| e.wattr("val"))
                    .unwrap_or("decimal")
                    .to_string(),
                text: lvl
                    .w("lvlText")
                    .and_then(|e| e.wattr("val"))
                    .unwrap_or("")
                    .to_string(),
            },
        );
    }
    out
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub(crate) fn parse(root: Option<&Element>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = root else { return n };
        for a in root.children_named(Ns::W, "abstractNum") {
            if let Some(id) = a.wattr("abstractNumId") {
                n.abstract_levels.insert(id.to_string(), levels(a));
            }
        }
        for num in root.children_named(Ns::W, "num") {
            let Some(id) = num.wattr("numId").and_then(|v| v.trim().parse().ok()) else {
                continue;
            };
            let Some(abs) = num.w("abstractNumId").and_then(|e| e.wattr("val")) else {
                continue;
            };
            let mut overrides = BTreeMap::new();
            for o in num.children_named(Ns::W, "lvlOverride") {
                overrides.append(&mut levels(o));
            }
            n.nums.insert(id, (abs.to_string(), overrides));
        }
        n
    }

    /// Describes a list level: `bullet` or the number format and its text, e.g. `decimal "%1."`.
    pub(crate) fn describe(&self, r: NumRef) -> String {
        let level = self.nums.get(&r.num_id).and_then(|(abs, over)| {
            over.get(&r.level)
                .or_else(|| self.abstract_levels.get(abs)?.get(&r.level))
        });
        match level {
            Some(l) if l.format == "bullet" => "bullet".to_string(),
            Some(l) if l.format == "none" => "unnumbered".to_string(),
            Some(l) => format!("{} \"{}\"", l.format, l.text),
            None => "list".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn styles(body: &str) -> Styles {
        let xml = format!(r#"<w:styles xmlns:w="{W}">{body}</w:styles>"#);
        Styles::parse(Some(&parse("styles", xml.as_bytes()).unwrap()))
    }

    #[test]
    fn toggles_xor_between_paragraph_and_character_styles() {
        let s = styles(
            r#"<w:style w:type="paragraph" w:styleId="H"><w:rPr><w:i/></w:rPr></w:style>
               <w:style w:type="character" w:styleId="E"><w:rPr><w:i/></w:rPr></w:style>"#,
        );
        assert!(s.run_fmt(Some("H"), None, RunProps::default()).italic);
        assert!(!s.run_fmt(Some("H"), Some("E"), RunProps::default()).italic);
        // Direct formatting always wins.
        let direct = RunProps {
            italic: Some(true),
            ..RunProps::default()
        };
        assert!(s.run_fmt(Some("H"), Some("E"), direct).italic);
    }

    #[test]
    fn based_on_chains_and_loops() {
        let s = styles(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="N"><w:name w:val="Normal"/></w:style>
               <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
               <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:b/><w:u w:val="single"/></w:rPr></w:style>
               <w:style w:type="paragraph" w:styleId="C"><w:basedOn w:val="B"/><w:rPr><w:u w:val="none"/></w:rPr></w:style>"#,
        );
        let f = s.run_fmt(Some("A"), None, RunProps::default());
        assert!(f.bold && f.underline);
        let f = s.run_fmt(Some("C"), None, RunProps::default());
        assert!(f.bold && !f.underline);
        assert_eq!(s.paragraph_style(None), Some("N"));
        assert_eq!(s.paragraph_style(Some("missing")), Some("N"));
        assert_eq!(s.paragraph_name(Some("N")), "Normal");
        assert_eq!(s.paragraph_name(Some("A")), "A");
    }

    #[test]
    fn numbering_levels_and_overrides() {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="5"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:lvlOverride></w:num></w:numbering>"#
        );
        let n = Numbering::parse(Some(&parse("numbering", xml.as_bytes()).unwrap()));
        let r = |num_id, level| NumRef { num_id, level };
        assert_eq!(n.describe(r(4, 0)), "upperRoman \"%1.\"");
        assert_eq!(n.describe(r(5, 0)), "bullet");
        assert_eq!(n.describe(r(4, 3)), "list");
        assert_eq!(n.describe(r(9, 0)), "list");
    }
}
