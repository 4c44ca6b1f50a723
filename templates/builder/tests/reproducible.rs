//! The templates are reproducible: two builds give the same bytes, and the committed files in
//! `templates/` are exactly what the builder writes (`--check`).

#![allow(clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_supportplan-templates-builder");
const IDS: [&str; 3] = ["kirklees-msp-v2f", "termly-support-plan", "coventry-msp"];

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("templates/builder has a parent")
        .to_path_buf()
}

fn build_into(dir: &Path) {
    let status = Command::new(BIN)
        .arg(dir)
        .status()
        .expect("run the builder");
    assert!(status.success(), "builder failed: {status}");
}

fn read(dir: &Path, id: &str) -> Vec<u8> {
    std::fs::read(dir.join(format!("{id}.docx"))).expect("template written")
}

#[test]
fn two_builds_give_identical_bytes() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    build_into(a.path());
    build_into(b.path());
    for id in IDS {
        let (x, y) = (read(a.path(), id), read(b.path(), id));
        assert!(!x.is_empty(), "{id} is empty");
        assert!(x == y, "{id} differs between two builds");
    }
}

#[test]
fn committed_templates_are_up_to_date() {
    let dir = templates_dir();
    let fresh = tempfile::tempdir().expect("temp dir");
    build_into(fresh.path());
    for id in IDS {
        assert!(
            read(&dir, id) == read(fresh.path(), id),
            "templates/{id}.docx differs from the builder's output: run \
             `cargo run -p supportplan-templates-builder -- templates/` and commit it"
        );
    }
    let status = Command::new(BIN)
        .arg("--check")
        .arg(&dir)
        .status()
        .expect("run the builder");
    assert!(
        status.success(),
        "--check failed on the committed templates"
    );
}

#[test]
fn check_fails_when_a_template_differs() {
    let dir = tempfile::tempdir().expect("temp dir");
    build_into(dir.path());
    let path = dir.path().join("coventry-msp.docx");
    let mut bytes = std::fs::read(&path).expect("read");
    bytes.push(0);
    std::fs::write(&path, bytes).expect("write");
    let status = Command::new(BIN)
        .arg("--check")
        .arg(dir.path())
        .status()
        .expect("run the builder");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn no_author_or_dates_and_en_gb() {
    let dir = tempfile::tempdir().expect("temp dir");
    build_into(dir.path());
    for id in IDS {
        let bytes = read(dir.path(), id);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
        let mut core = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("docProps/core.xml").expect("core properties"),
            &mut core,
        )
        .expect("utf-8");
        assert!(
            core.contains("<dc:language>en-GB</dc:language>"),
            "{id}: {core}"
        );
        assert!(core.contains("<dc:creator></dc:creator>"), "{id}: {core}");
        assert!(!core.contains("dcterms:created"), "{id}: {core}");
        if let Ok(mut comments) = zip.by_name("word/comments.xml") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut comments, &mut xml).expect("utf-8");
            assert!(!xml.contains("w:date="), "{id}: comments carry a date");
        }
    }
}
