//! The template engine's output opened by the independent readers users rely on: python-docx
//! and LibreOffice headless. (The engine's own structural tests are in
//! `crates/render/tests/render_word.rs`; these render the awkward fixtures through the public
//! API and read them back with other software.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::Path;

use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(support::repo(&format!("fixtures/templates/{name}"))).expect("fixture")
}

fn data() -> Value {
    serde_json::from_slice(&fixture("awkward.json")).expect("awkward.json")
}

fn render_to(dir: &Path, name: &str) -> std::path::PathBuf {
    let out = supportplan_render::fill(&fixture(name), &data()).expect("render");
    let path = dir.join(name);
    std::fs::write(&path, out).expect("write");
    path
}

#[test]
fn python_docx_reads_the_filled_fixtures() {
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let view = support::read_with_python_docx(&render_to(dir.path(), "split_runs.docx"));
    let lines = support::body_lines(&view);
    assert!(
        lines.contains(&"Name: Amara Okafor-Hughes (known as Mara)".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"☐ EHCP   ☒ SEN support".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"Escaping: & < > \" ' {{not a tag}}".to_string()),
        "{lines:?}"
    );
    let struck: Vec<&str> = view["body"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| b["strike"].as_array().into_iter().flatten())
        .filter_map(|s| s.as_str())
        .collect();
    assert_eq!(struck, vec!["Speech and language therapy weekly"]);
    let header = view["headers"][0][0]["p"].as_str().unwrap_or_default();
    assert_eq!(header, "Plan for Amara Okafor-Hughes");

    let view = support::read_with_python_docx(&render_to(dir.path(), "nested_rows.docx"));
    let lines = support::body_lines(&view);
    assert!(
        lines.contains(&"1. Reads CVC words".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"Grace Okafor (mum)".to_string()),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("{{")), "{lines:?}");

    let view = support::read_with_python_docx(&render_to(dir.path(), "textbox_fields.docx"));
    assert!(
        !support::body_lines(&view)
            .iter()
            .any(|l| l.contains("{{child"))
    );
}

#[test]
fn libreoffice_converts_the_filled_fixtures() {
    if !support::available("soffice") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["split_runs.docx", "nested_rows.docx", "textbox_fields.docx"] {
        let docx = render_to(dir.path(), name);
        let pdf = support::convert_to_pdf(&docx, dir.path());
        assert!(
            std::fs::metadata(&pdf)
                .map(|m| m.len() > 0)
                .unwrap_or(false)
        );
    }
}
