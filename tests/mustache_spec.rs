//! The official Mustache spec through real .docx files, read back by an independent reader
//! (python-docx). One template line is one paragraph; standalone tag lines vanish; the output
//! paragraphs are joined with "\n" (see ../shared/mustache-spec/README.md). The same suite, read
//! back with the engine's own XML reader and with split runs, is
//! `crates/render/tests/mustache_spec.rs`; this one checks what other software sees.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Write;
use std::path::Path;

use serde_json::Value;

/// Tests that need partials, which the engine does not support (templates/TEMPLATES.md §7).
const SKIPPED: &[&str] = &["Partial Inheritence", "Post-Partial Behavior"];

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip with stored (uncompressed) entries: enough for a test package.
fn stored_zip(entries: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let (crc, size) = (crc32(data.as_bytes()), data.len() as u32);
        let offset = out.len() as u32;
        for (buf, sig) in [(&mut out, 0x0403_4b50u32), (&mut central, 0x0201_4b50)] {
            buf.extend_from_slice(&sig.to_le_bytes());
            if sig == 0x0201_4b50 {
                buf.extend_from_slice(&20u16.to_le_bytes());
            }
            for v in [20u16, 0, 0, 0, 0x21] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            for v in [crc, size, size] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes());
            if sig == 0x0201_4b50 {
                for v in [0u16, 0, 0] {
                    buf.extend_from_slice(&v.to_le_bytes());
                }
                buf.extend_from_slice(&0u32.to_le_bytes());
                buf.extend_from_slice(&offset.to_le_bytes());
            }
            buf.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(data.as_bytes());
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn docx(template: &str) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = template
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| {
            format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                esc(l)
            )
        })
        .collect();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    stored_zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}<w:sectPr/></w:body></w:document>"#),
        ),
    ])
}

/// Reads every .docx in `dir` with python-docx in one process: file name -> body paragraphs.
fn read_all(dir: &Path) -> serde_json::Map<String, Value> {
    let script = r#"
import sys, json, os, docx
out = {}
for f in sorted(os.listdir(sys.argv[1])):
    if f.endswith(".docx"):
        out[f] = [p.text for p in docx.Document(os.path.join(sys.argv[1], f)).paragraphs]
print(json.dumps(out))
"#;
    let o = std::process::Command::new(support::python())
        .args(["-c", script])
        .arg(dir)
        .output()
        .expect("python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

#[test]
fn mustache_spec_read_back_with_python_docx() {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/render/tests/mustache-spec");
    let spec_dir = std::env::var("MUSTACHE_SPEC_DIR")
        .map(Into::into)
        .unwrap_or(spec_dir);
    if !spec_dir.exists() {
        eprintln!(
            "skipping: mustache spec not found at {}",
            spec_dir.display()
        );
        return;
    }
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut expected = Vec::new();
    for module in [
        "comments",
        "delimiters",
        "interpolation",
        "inverted",
        "sections",
    ] {
        let text = std::fs::read_to_string(spec_dir.join(format!("{module}.json"))).expect("spec");
        let spec: Value = serde_json::from_str(&text).expect("json");
        for (i, test) in spec["tests"].as_array().into_iter().flatten().enumerate() {
            let name = test["name"].as_str().unwrap_or_default();
            if SKIPPED.contains(&name) {
                continue;
            }
            let template = test["template"].as_str().unwrap_or_default();
            let out = supportplan_render::fill(&docx(template), &test["data"])
                .unwrap_or_else(|e| panic!("{module}/{name}: {e}"));
            let file = format!("{module}-{i:03}.docx");
            std::fs::File::create(dir.path().join(&file))
                .and_then(|mut f| f.write_all(&out))
                .expect("write");
            let want = test["expected"]
                .as_str()
                .unwrap_or_default()
                .replace("\r\n", "\n")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            expected.push((file, format!("{module}/{name}"), want));
        }
    }
    let got = read_all(dir.path());
    let mut failures = Vec::new();
    for (file, name, want) in &expected {
        let lines: Vec<&str> = got[file]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .collect();
        let text = lines.join("\n");
        if &text != want {
            failures.push(format!(
                "{name}: expected {want:?}, python-docx read {text:?}"
            ));
        }
    }
    eprintln!(
        "mustache spec via python-docx: {} of {} pass",
        expected.len() - failures.len(),
        expected.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
