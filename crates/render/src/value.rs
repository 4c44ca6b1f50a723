//! Turning JSON values into WordprocessingML runs: text with breaks and tabs, tick boxes,
//! numbers, and formatted ("rich") values.

use serde_json::Value;

use crate::error::Error;
use crate::xml::{escape_into, xml_char_ok};

/// Ticked box (U+2612) for `true`.
pub(crate) const TICKED: &str = "\u{2612}";
/// Empty box (U+2610) for `false`.
pub(crate) const UNTICKED: &str = "\u{2610}";

/// The keys of a formatted ("rich") value.
const RICH_KEYS: &[&str] = &["text", "bold", "italic", "strike", "underline"];

/// Formatting a rich value adds to its run.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Format {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: Option<bool>,
    pub underline: Option<bool>,
}

impl Format {
    fn is_plain(&self) -> bool {
        self.bold.is_none()
            && self.italic.is_none()
            && self.strike.is_none()
            && self.underline.is_none()
    }
}

/// Emits the runs for `value` with run properties `rpr`; `path` names it in errors.
pub(crate) fn emit_value(
    out: &mut Vec<u8>,
    value: &Value,
    rpr: &str,
    path: &dyn Fn() -> String,
) -> Result<(), Error> {
    match value {
        Value::Null => Ok(()),
        Value::Bool(b) => {
            emit_run(out, rpr, if *b { TICKED } else { UNTICKED }, path);
            Ok(())
        }
        Value::Number(n) => {
            emit_run(out, rpr, &n.to_string(), path);
            Ok(())
        }
        Value::String(s) => {
            check_chars(s, path)?;
            emit_run(out, rpr, s, path);
            Ok(())
        }
        Value::Object(_) => emit_rich(out, value, rpr, path),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let sub = || format!("{}/{i}", path());
                match item {
                    Value::Array(_) => {
                        return Err(Error::Data {
                            path: sub(),
                            reason: "a list inside a list cannot be interpolated".into(),
                        });
                    }
                    other => emit_value(out, other, rpr, &sub)?,
                }
            }
            Ok(())
        }
    }
}

fn emit_rich(
    out: &mut Vec<u8>,
    value: &Value,
    rpr: &str,
    path: &dyn Fn() -> String,
) -> Result<(), Error> {
    let Some(text) = value.get("text") else {
        return Err(Error::Data {
            path: path(),
            reason: "an object can only be interpolated when it has a \"text\" field \
                     (use a section {{#name}}…{{/name}} to go inside it)"
                .into(),
        });
    };
    // A misspelt flag ("strik") would otherwise drop the formatting silently, and a ceased
    // item would print as if current.
    if let Some(obj) = value.as_object()
        && let Some(key) = obj.keys().find(|k| !RICH_KEYS.contains(&k.as_str()))
    {
        return Err(Error::Data {
            path: format!("{}/{}", path(), key.replace('~', "~0").replace('/', "~1")),
            reason: format!(
                "unknown key in a formatted value (the keys are {}); use a section \
                 {{{{#name}}}}…{{{{/name}}}} to go inside an object",
                RICH_KEYS.join(", ")
            ),
        });
    }
    let flag = |k: &str| -> Result<Option<bool>, Error> {
        match value.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::Data {
                path: format!("{}/{k}", path()),
                reason: "formatting flags must be true or false".into(),
            }),
        }
    };
    let fmt = Format {
        bold: flag("bold")?,
        italic: flag("italic")?,
        strike: flag("strike")?,
        underline: flag("underline")?,
    };
    let text_path = || format!("{}/text", path());
    let s: String = match text {
        Value::String(s) => {
            check_chars(s, &text_path)?;
            s.clone()
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => (if *b { TICKED } else { UNTICKED }).to_string(),
        Value::Null => String::new(),
        _ => {
            return Err(Error::Data {
                path: text_path(),
                reason: "\"text\" must be a string, number or boolean".into(),
            });
        }
    };
    if fmt.is_plain() {
        emit_run(out, rpr, &s, path);
    } else {
        let merged = merge_rpr(rpr, fmt);
        emit_run(out, &merged, &s, path);
    }
    Ok(())
}

/// Refuses characters XML 1.0 forbids, naming only the path.
pub(crate) fn check_chars(s: &str, path: &dyn Fn() -> String) -> Result<(), Error> {
    // In UTF-8 the forbidden characters are the control bytes other than tab, line feed and
    // carriage return, and U+FFFE and U+FFFF (EF BF BE, EF BF BF): scan bytes, and decode only
    // to name the character.
    let b = s.as_bytes();
    // A branch-free pass first (it vectorises): most text has no control byte and no 0xEF.
    let maybe = b
        .iter()
        .fold(false, |acc, &c| acc | (c < 0x20) | (c == 0xEF));
    let suspect = maybe
        && b.iter().enumerate().any(|(i, &c)| {
            (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
                || (c == 0xEF
                    && b.get(i + 1) == Some(&0xBF)
                    && b.get(i + 2).is_some_and(|&d| d >= 0xBE))
        });
    if !suspect {
        return Ok(());
    }
    if let Some(c) = s.chars().find(|&c| !xml_char_ok(c)) {
        return Err(Error::Data {
            path: path(),
            reason: format!(
                "contains a character XML forbids (U+{:04X}); remove it from the data",
                c as u32
            ),
        });
    }
    Ok(())
}

/// Emits one run (`<w:r>` + rPr + text with `<w:br/>` and `<w:tab/>`). Empty text emits nothing.
pub(crate) fn emit_run(out: &mut Vec<u8>, rpr: &str, text: &str, _path: &dyn Fn() -> String) {
    if text.is_empty() {
        return;
    }
    out.extend_from_slice(b"<w:r>");
    out.extend_from_slice(rpr.as_bytes());
    let mut in_t = false;
    let mut seg_start = 0;
    let flush = |out: &mut Vec<u8>, in_t: &mut bool, s: &str| {
        if s.is_empty() {
            return;
        }
        if !*in_t {
            out.extend_from_slice(b"<w:t xml:space=\"preserve\">");
            *in_t = true;
        }
        escape_into(out, s);
    };
    // Breaks and tabs are ASCII, so their byte offsets are character boundaries.
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'\n', b'\r', b'\t', bytes) {
        let tagname: &[u8] = match bytes[i] {
            b'\n' => b"<w:br/>",
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    // \r\n is one break: skip the \r.
                    flush(out, &mut in_t, &text[seg_start..i]);
                    seg_start = i + 1;
                    continue;
                }
                b"<w:br/>"
            }
            _ => b"<w:tab/>",
        };
        flush(out, &mut in_t, &text[seg_start..i]);
        if in_t {
            out.extend_from_slice(b"</w:t>");
            in_t = false;
        }
        out.extend_from_slice(tagname);
        seg_start = i + 1;
    }
    flush(out, &mut in_t, &text[seg_start..]);
    if in_t {
        out.extend_from_slice(b"</w:t>");
    }
    out.extend_from_slice(b"</w:r>");
}

/// The order of `w:rPr` children required by the schema (CT_RPr).
const RPR_ORDER: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

fn order_of(name: &str) -> usize {
    RPR_ORDER
        .iter()
        .position(|n| *n == name)
        .unwrap_or(RPR_ORDER.len() - 2)
}

/// Splits the children of a raw `<w:rPr>…</w:rPr>` into (name, raw) pairs.
fn rpr_children(rpr: &str) -> Vec<(String, String)> {
    let Ok(dom) = crate::xml::Dom::parse("rPr", rpr) else {
        return Vec::new();
    };
    let Some(&root) = dom
        .top
        .iter()
        .find(|&&t| dom.nodes[t].kind == crate::xml::Kind::Element)
    else {
        return Vec::new();
    };
    dom.children(root)
        .iter()
        .filter(|&&c| dom.nodes[c].kind == crate::xml::Kind::Element)
        .map(|&c| (dom.name(c).to_string(), dom.raw(c).to_string()))
        .collect()
}

/// Adds `fmt` to run properties `rpr`, keeping the schema order.
pub(crate) fn merge_rpr(rpr: &str, fmt: Format) -> String {
    let mut kids = rpr_children(rpr);
    let mut set = |names: &[&str], on: Option<bool>, on_xml: &[&str], off_xml: &[&str]| {
        let Some(on) = on else { return };
        kids.retain(|(n, _)| !names.contains(&n.as_str()));
        let xs = if on { on_xml } else { off_xml };
        for (n, x) in names.iter().zip(xs) {
            kids.push((n.to_string(), x.to_string()));
        }
    };
    set(
        &["w:b", "w:bCs"],
        fmt.bold,
        &["<w:b/>", "<w:bCs/>"],
        &["<w:b w:val=\"0\"/>", "<w:bCs w:val=\"0\"/>"],
    );
    set(
        &["w:i", "w:iCs"],
        fmt.italic,
        &["<w:i/>", "<w:iCs/>"],
        &["<w:i w:val=\"0\"/>", "<w:iCs w:val=\"0\"/>"],
    );
    set(
        &["w:strike"],
        fmt.strike,
        &["<w:strike/>"],
        &["<w:strike w:val=\"0\"/>"],
    );
    set(
        &["w:u"],
        fmt.underline,
        &["<w:u w:val=\"single\"/>"],
        &["<w:u w:val=\"none\"/>"],
    );
    kids.sort_by_key(|(n, _)| order_of(n));
    let mut s = String::from("<w:rPr>");
    for (_, x) in kids {
        s.push_str(&x);
    }
    s.push_str("</w:rPr>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value, rpr: &str) -> String {
        let mut out = Vec::new();
        emit_value(&mut out, &v, rpr, &|| "/x".to_string()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_breaks_tabs_and_escaping() {
        assert_eq!(
            run(json!("a<b\nc\td"), ""),
            "<w:r><w:t xml:space=\"preserve\">a&lt;b</w:t><w:br/><w:t xml:space=\"preserve\">c</w:t><w:tab/><w:t xml:space=\"preserve\">d</w:t></w:r>"
        );
        assert_eq!(run(json!("a\r\nb"), "").matches("<w:br/>").count(), 1);
        assert_eq!(run(json!(null), ""), "");
    }

    #[test]
    fn ticks_numbers_rich() {
        assert!(run(json!(true), "").contains('\u{2612}'));
        assert!(run(json!(false), "").contains('\u{2610}'));
        assert!(run(json!(1.5), "").contains("1.5"));
        let r = run(
            json!({"text": "x", "strike": true, "bold": true}),
            "<w:rPr><w:u w:val=\"single\"/><w:rFonts w:ascii=\"Arial\"/></w:rPr>",
        );
        assert!(r.contains("<w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b/><w:bCs/><w:strike/><w:u w:val=\"single\"/></w:rPr>"), "{r}");
        let r = run(json!(["a", {"text": "b", "italic": true}]), "");
        assert_eq!(r.matches("<w:r>").count(), 2);
    }

    #[test]
    fn forbidden_chars_name_the_path_only() {
        let mut out = Vec::new();
        let e =
            emit_value(&mut out, &json!("sec\u{1}ret"), "", &|| "/a/0".to_string()).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/a/0") && !msg.contains("sec"), "{msg}");
        for bad in ["a\u{fffe}", "\u{ffff}b", "x\u{0}", "\u{1b}"] {
            let e = emit_value(&mut out, &json!(bad), "", &|| "/b".to_string()).unwrap_err();
            assert!(matches!(e, Error::Data { .. }), "{bad:?}");
        }
        for good in ["\u{fffd}\u{e000}\u{85}\u{10ffff}\t\r\n\u{1f600}", ""] {
            assert!(emit_value(&mut out, &json!(good), "", &|| "/g".to_string()).is_ok());
        }
        let e = emit_value(&mut out, &json!({"a": 1}), "", &|| "/o".to_string()).unwrap_err();
        assert!(matches!(e, Error::Data { .. }));
    }

    #[test]
    fn misspelt_formatting_is_refused_by_its_path() {
        let mut out = Vec::new();
        let v = json!({"text": "Speech therapy weekly", "strik": true});
        let e = emit_value(&mut out, &v, "", &|| "/provision/0".to_string()).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/provision/0/strik"), "{msg}");
        assert!(msg.contains("strike") && !msg.contains("Speech"), "{msg}");
        assert!(out.is_empty(), "nothing is written for a refused value");
        // In a list of runs too, with the item's index in the path.
        let v = json!(["a", {"text": "b", "bold": true, "colour": "red"}]);
        let e = emit_value(&mut out, &v, "", &|| "/x".to_string()).unwrap_err();
        assert!(e.to_string().contains("/x/1/colour"), "{e}");
    }
}
