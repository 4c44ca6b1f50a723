//! Word documents nobody planned for: the council templates mutated at the XML level (ranges cut
//! out or repeated, stray tags and WordprocessingML fragments spliced in) must never make the
//! engine panic or hang, and whenever it accepts a template its output must be a well-formed
//! document that an independent parser (the inspect crate) reads back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};

/// A tiny deterministic generator (xorshift64*), so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "{{",
    "}}",
    "{{#outcomes}}",
    "{{/outcomes}}",
    "{{^child}}",
    "{{/child}}",
    "{{child.name}}",
    "{{=<% %>=}}",
    "{{! note }}",
    "{{.}}",
    "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>",
    "</w:p><w:p>",
    "<w:bookmarkStart w:id=\"0\" w:name=\"x\"/>",
    "</w:tc></w:tr><w:tr><w:tc>",
    "<w:proofErr w:type=\"spellStart\"/>",
    "&amp;",
    "<!DOCTYPE x>",
];

fn replace_document(docx: &[u8], xml: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(if name == "word/document.xml" {
            xml
        } else {
            &data
        })
        .unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn document_xml(docx: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut entry = src.by_name("word/document.xml").unwrap();
    let mut xml = Vec::new();
    entry.read_to_end(&mut xml).unwrap();
    xml
}

/// Byte offsets of every occurrence of `needle`.
fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The span of a random whole element `<name …>…</name>` (paragraphs and rows do not nest in
/// these templates, so the next end tag closes it).
fn element(x: &[u8], name: &str, rng: &mut Rng) -> Option<(usize, usize)> {
    let starts: Vec<usize> = find_all(x, format!("<{name}").as_bytes())
        .into_iter()
        .filter(|&i| matches!(x.get(i + name.len() + 1), Some(b' ' | b'>')))
        .collect();
    let start = *starts.get(rng.below(starts.len()))?;
    let close = format!("</{name}>");
    let end = find_all(&x[start..], close.as_bytes()).first()? + start + close.len();
    Some((start, end))
}

fn mutate(xml: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut x = xml.to_vec();
    for _ in 0..1 + rng.below(3) {
        match rng.below(6) {
            // Raw damage: a range cut out, a range repeated elsewhere, a fragment anywhere.
            0 => {
                let at = rng.below(x.len());
                let end = (at + 1 + rng.below(400)).min(x.len());
                x.drain(at..end);
            }
            1 => {
                let at = rng.below(x.len());
                let end = (at + 1 + rng.below(2000)).min(x.len());
                let copy = x[at..end].to_vec();
                let to = rng.below(x.len());
                x.splice(to..to, copy);
            }
            2 => {
                let at = rng.below(x.len());
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                x.splice(at..at, frag.iter().copied());
            }
            // Well-formed oddities: a tag typed into the text, whole paragraphs or rows
            // repeated, moved or deleted (sections that now cross or lose their ends).
            3 => {
                let texts = find_all(&x, b"</w:t>");
                if let Some(&at) = texts.get(rng.below(texts.len())) {
                    let frag = FRAGMENTS[rng.below(10)].as_bytes();
                    x.splice(at..at, frag.iter().copied());
                }
            }
            4 => {
                let name = if rng.below(2) == 0 { "w:p" } else { "w:tr" };
                if let Some((s, e)) = element(&x, name, rng) {
                    let copy = x[s..e].to_vec();
                    if rng.below(2) == 0 {
                        x.drain(s..e);
                    }
                    let ends = find_all(&x, format!("</{name}>").as_bytes());
                    if let Some(&to) = ends.get(rng.below(ends.len())) {
                        let to = to + name.len() + 3;
                        x.splice(to..to, copy);
                    }
                }
            }
            _ => {
                let name = if rng.below(2) == 0 { "w:p" } else { "w:tr" };
                if let Some((s, e)) = element(&x, name, rng) {
                    x.drain(s..e);
                }
            }
        }
    }
    x
}

#[test]
fn mutated_council_templates_error_or_render_well_formed_documents() {
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates/views/kirklees-msp-v2f.sample.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // A fixed seed replays in CI; MUTATION_SEED explores others.
    let seed = std::env::var("MUTATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_CAFE_F00D_u64);
    let mut rng = Rng(seed | 1);
    let (mut accepted, mut refused) = (0, 0);
    for id in ["kirklees-msp-v2f", "termly-support-plan", "coventry-msp"] {
        let template = supportplan::forms::builtin(id).unwrap().bytes;
        let xml = document_xml(template);
        for case in 0..80 {
            let docx = replace_document(template, &mutate(&xml, &mut rng));
            match supportplan::render::fill(&docx, &data) {
                Ok(out) => {
                    accepted += 1;
                    if let Err(e) = supportplan::inspect::dump(&out) {
                        if let Ok(dir) = std::env::var("MUTATION_DUMP_DIR") {
                            std::fs::write(format!("{dir}/{id}-{case}.docx"), &docx).unwrap();
                        }
                        panic!(
                            "{id} case {case}: accepted, but the output does not read back: {e}"
                        );
                    }
                }
                Err(_) => refused += 1,
            }
        }
    }
    // Both outcomes must occur, or the mutations test nothing.
    eprintln!("accepted {accepted}, refused {refused}");
    assert!(
        accepted > 10 && refused > 10,
        "accepted {accepted}, refused {refused}"
    );
}

#[test]
fn the_output_limit_bounds_the_whole_document_not_each_part() {
    // Every part under the limit, their sum over it: refused (found in review, where eight
    // repeating headers reached 5 GB). Body and header both repeat the same list.
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let para = "<w:p><w:r><w:t>{{#xs}}{{.}}{{/xs}}</w:t></w:r></w:p>";
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        ("word/document.xml", format!("<w:document {w}><w:body>{para}</w:body></w:document>")),
        ("word/header1.xml", format!("<w:hdr {w}>{para}</w:hdr>")),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let template = zip.finish().unwrap().into_inner();
    let data = serde_json::json!({ "xs": vec!["0123456789".repeat(20); 250] });
    let limited = |max: u64| {
        let limits = supportplan::render::Limits {
            max_output_bytes: max,
            ..Default::default()
        };
        supportplan::render::Template::from_bytes_with_limits(&template, &limits)
            .unwrap()
            .render(&data)
    };
    // Each part renders to about 61,000 bytes: each under 80,000, together over it.
    assert!(matches!(
        limited(80_000),
        Err(supportplan::render::Error::Limit(_))
    ));
    let ok = limited(140_000);
    assert!(ok.is_ok(), "{:?}", ok.err());
}
