//! Helpers shared by the render tests: building minimal packages and reading them back.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#;

pub const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Wraps body XML in a document part.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A package with the given entries (name, content), stored deflated.
pub fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zw.start_file(*name, SimpleFileOptions::default()).unwrap();
        zw.write_all(data).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

/// A minimal .docx around body XML.
pub fn docx(body: &str) -> Vec<u8> {
    let doc = document(body);
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ])
}

/// A minimal .docx around body XML with a numbering part holding one list (`w:numId` 1,
/// decimal at levels 0 and 1).
#[allow(dead_code)]
pub fn docx_with_numbering(body: &str) -> Vec<u8> {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let doc = document(body);
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ])
}

/// One paragraph with the given text in one run.
pub fn p(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// One paragraph with the text cut into runs of `n` characters, alternating bold, with
/// spelling marks and rsids between them (as Word leaves a tag after edits).
pub fn p_split(text: &str, n: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut s = String::from("<w:p>");
    for (i, chunk) in chars.chunks(n.max(1)).enumerate() {
        let t: String = chunk.iter().collect();
        if i % 2 == 1 {
            s.push_str(r#"<w:proofErr w:type="spellStart"/>"#);
        }
        let rpr = if i % 2 == 1 {
            "<w:rPr><w:b/></w:rPr>"
        } else {
            ""
        };
        s.push_str(&format!(
            r#"<w:r w:rsidR="00A{i:05}">{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
            esc(&t)
        ));
        if i % 3 == 2 {
            s.push_str(&format!(
                r#"<w:bookmarkStart w:id="{}" w:name="b{i}"/><w:bookmarkEnd w:id="{}"/>"#,
                900 + i,
                900 + i
            ));
        }
    }
    s.push_str("</w:p>");
    s
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An entry of a package, as text.
pub fn entry(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The paragraphs of a part read back: w:t text, w:br as "\n", w:tab as "\t", paragraphs in
/// document order (nested ones included after their parent's text).
pub fn paragraphs(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut in_t = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => {
                    out.push(String::new());
                    stack.push(out.len() - 1);
                }
                "w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:p" => out.push(String::new()),
                "w:br" | "w:cr" => {
                    if let Some(&i) = stack.last() {
                        out[i].push('\n')
                    }
                }
                "w:tab" => {
                    if let Some(&i) = stack.last() {
                        out[i].push('\t')
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    stack.pop();
                }
                "w:t" => in_t = false,
                _ => {}
            },
            Event::Text(t) if in_t => {
                if let Some(&i) = stack.last() {
                    out[i].push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_t => {
                if let Some(&i) = stack.last() {
                    let s = match &*g.xml10_content() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => g
                            .resolve_char_ref()
                            .ok()
                            .flatten()
                            .map(String::from)
                            .unwrap_or_else(|| other.to_string()),
                    };
                    out[i].push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Checks that every XML entry of a package is well-formed.
pub fn assert_well_formed(docx: &[u8]) {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        let mut r = quick_xml::Reader::from_str(&s);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}\n{s}"),
            }
        }
    }
}

/// Whether python-docx is importable.
pub fn python_docx() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("python-docx is required under CI");
        }
        eprintln!("skipping: python-docx is not installed");
    }
    ok
}

/// Reads a .docx with python-docx: all paragraphs (body, tables, headers, footers) in order.
pub fn python_docx_text(docx: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.docx");
    std::fs::write(&path, docx).unwrap();
    let script = r#"
import sys, json, docx
d = docx.Document(sys.argv[1])
out = []
def walk(c):
    for x in c.iter_inner_content():
        if isinstance(x, docx.table.Table):
            for row in x.rows:
                for cell in row.cells:
                    walk(cell)
        else:
            out.append(x.text)
walk(d)
print(json.dumps(out))
"#;
    let o = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "python-docx failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}
