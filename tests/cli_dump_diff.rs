//! The `supportplan dump` and `supportplan diff` commands, run as a user would: output, `-o`,
//! standard input, and exit codes (0 same, 1 different, 2 unreadable).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// CRC-32 (IEEE), for the tiny zip writer below.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
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

/// A minimal zip writer (stored entries), so this test needs no zip dependency.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let len = data.len() as u32;
        let name_len = name.len() as u16;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]); // version, flags, stored, time, date
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&len.to_le_bytes());
        central.extend_from_slice(&len.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend_from_slice(&central);
    let n = entries.len() as u16;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A .docx with the given body paragraphs' XML and a header.
fn docx(body: &str, header: &str) -> Vec<u8> {
    let document = format!(
        r#"<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let header =
        format!(r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>"#);
    zip(&[
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
    ])
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_supportplan"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn dump_prints_the_normalised_view() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.docx", &docx(&para("Hello"), "Top"));
    let o = run(&["dump".as_ref(), a.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "== body\n[Normal] Hello\n§ section 1: portrait, 210×297 mm, starts on new page\n== header default, section 1\n[Normal] Top\n"
    );
}

#[test]
fn dump_writes_to_a_file_and_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = docx(&para("Hello"), "Top");
    let out = dir.path().join("dump.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_supportplan"))
        .args([
            "dump".as_ref(),
            "-".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("== body\n[Normal] Hello\n"), "{text}");
}

#[test]
fn dump_of_an_unreadable_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.docx", b"not a zip at all");
    let o = run(&["dump".as_ref(), bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.docx: not a .docx"),
        "{}",
        stderr(&o)
    );
    let o = run(&["dump".as_ref(), dir.path().join("missing.docx").as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

#[test]
fn diff_of_documents_that_read_the_same_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.docx", &docx(&para("Hello world"), "Top"));
    // The same text split across runs, with a proofing mark and an rsid.
    let split = r#"<w:p w:rsidR="00AA"><w:r><w:t xml:space="preserve">Hello </w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>world</w:t></w:r></w:p>"#;
    let b = write(dir.path(), "b.docx", &docx(split, "Top"));
    let o = run(&["diff".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn diff_of_different_documents_exits_1_with_the_diff_by_section() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.docx", &docx(&para("Hello"), "Top"));
    let b = write(dir.path(), "b.docx", &docx(&para("Goodbye"), "Bottom"));
    let o = run(&["diff".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "--- a/body\n+++ b/body\n@@ -1,2 +1,2 @@\n-[Normal] Hello\n+[Normal] Goodbye\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("--- a/header default, section 1\n+++ b/header default, section 1\n"),
        "{text}"
    );
    assert!(text.contains("-[Normal] Top\n+[Normal] Bottom\n"), "{text}");
    // Body first, then the header.
    assert!(text.find("a/body") < text.find("a/header"));
}

#[test]
fn diff_with_an_unreadable_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.docx", &docx(&para("Hello"), "Top"));
    let bad = write(
        dir.path(),
        "bad.docx",
        &zip(&[("word/document.xml", b"<w:document><broken")]),
    );
    let o = run(&["diff".as_ref(), a.as_os_str(), bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("bad.docx"), "{}", stderr(&o));
    assert!(stderr(&o).contains("word/document.xml"), "{}", stderr(&o));
    let o = run(&[
        "diff".as_ref(),
        a.as_os_str(),
        dir.path().join("nope.docx").as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["diff".as_ref(), "-".as_ref(), "-".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_built_in_templates_dump() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "docx") {
            let o = run(&["dump".as_ref(), path.as_os_str()]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}: {}",
                path.display(),
                stderr(&o)
            );
            let text = stdout(&o);
            assert!(text.contains("== body\n"), "{}", path.display());
            assert!(text.lines().count() > 10, "{}", path.display());
            // Dumping is deterministic, and a document reads the same as itself.
            assert_eq!(stdout(&run(&["dump".as_ref(), path.as_os_str()])), text);
            let o = run(&["diff".as_ref(), path.as_os_str(), path.as_os_str()]);
            assert_eq!(o.status.code(), Some(0));
            seen += 1;
        }
    }
    assert!(seen > 0, "no templates/*.docx found");
}
