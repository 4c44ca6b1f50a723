//! The official Mustache spec (comments, delimiters, interpolation, inverted, sections) run
//! through real .docx files: one template line is one paragraph, standalone tag lines vanish,
//! and the rendered paragraphs are read back and joined with "\n".
//!
//! Every test runs twice: with each line in one run, and with each line cut into runs of
//! three characters (alternating bold, with spelling marks and bookmarks between them).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use serde_json::Value;

const SPEC_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mustache-spec");

/// Tests that need partials, which this engine does not support (see TEMPLATES.md).
const SKIPPED: &[&str] = &["Partial Inheritence", "Post-Partial Behavior"];

fn spec_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var("MUSTACHE_SPEC_DIR").unwrap_or_else(|_| SPEC_DIR.to_string());
    let p = Path::new(&dir).to_path_buf();
    p.exists().then_some(p)
}

fn render(template: &str, data: &Value, split: bool) -> Result<String, String> {
    let normalized = template.replace("\r\n", "\n");
    let body: String = normalized
        .split('\n')
        .map(|line| {
            if split {
                common::p_split(line, 3)
            } else {
                common::p(line)
            }
        })
        .collect();
    let docx = common::docx(&body);
    let out = supportplan_render::fill(&docx, data).map_err(|e| e.to_string())?;
    common::assert_well_formed(&out);
    let xml = common::entry(&out, "word/document.xml");
    Ok(common::paragraphs(&xml).join("\n"))
}

#[test]
fn mustache_spec_through_docx() {
    let Some(dir) = spec_dir() else {
        eprintln!("skipping: mustache spec files not found (set MUSTACHE_SPEC_DIR)");
        return;
    };
    let mut passed = 0;
    let mut failed = Vec::new();
    let mut skipped = 0;
    for module in [
        "comments",
        "delimiters",
        "interpolation",
        "inverted",
        "sections",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{module}.json"))).unwrap();
        let spec: Value = serde_json::from_str(&text).unwrap();
        for test in spec["tests"].as_array().unwrap() {
            let name = test["name"].as_str().unwrap();
            if SKIPPED.contains(&name) {
                skipped += 1;
                continue;
            }
            let template = test["template"].as_str().unwrap();
            let expected = test["expected"].as_str().unwrap().replace("\r\n", "\n");
            let expected = expected
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            for split in [false, true] {
                match render(template, &test["data"], split) {
                    Ok(got) if got == expected => passed += 1,
                    Ok(got) => failed.push(format!(
                        "{module}/{name} (split={split}): expected {expected:?}, got {got:?}"
                    )),
                    Err(e) => failed.push(format!("{module}/{name} (split={split}): error {e}")),
                }
            }
        }
    }
    eprintln!(
        "mustache spec: {} of {} passed ({} tests × 2 run layouts), {} skipped",
        passed,
        passed + failed.len(),
        (passed + failed.len()) / 2,
        skipped
    );
    assert!(
        failed.is_empty(),
        "{} failures:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
