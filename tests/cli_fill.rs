//! The engine's commands end to end: `fill`, `batch` and `template check`, with the output opened
//! by python-docx (an independent reader) and LibreOffice.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{Cursor, Write};
use std::path::Path;
use std::process::Stdio;

use support::supportplan;

/// A minimal .docx whose body holds `body` (WordprocessingML paragraphs/tables).
fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A tag split over three runs, the middle one bold, with a spell-check mark between.
fn split_tag_paragraph() -> String {
    "<w:p><w:r><w:t>Name: {{chi</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t>ld.na</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:r><w:t>me}}</w:t></w:r></w:p>".to_string()
}

/// Runs `supportplan fill TEMPLATE DATA -o OUT`.
fn fill_cli(
    template: impl AsRef<std::ffi::OsStr>,
    data: impl AsRef<std::ffi::OsStr>,
    out: impl AsRef<std::ffi::OsStr>,
) -> std::process::Output {
    supportplan()
        .arg("fill")
        .arg(template)
        .arg(data)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

fn template() -> Vec<u8> {
    let row = "<w:tr><w:tc><w:p><w:r><w:t>{{#outcomes}}{{number}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{text}}{{/outcomes}}</w:t></w:r></w:p></w:tc></w:tr>";
    docx(&format!(
        "{}{}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{row}</w:tbl>",
        split_tag_paragraph(),
        p("Consent: {{consent}}")
    ))
}

fn data() -> serde_json::Value {
    serde_json::json!({
        "child": {"name": "Mo & <Lee>"},
        "consent": true,
        "outcomes": [
            {"number": 1, "text": "Read aloud"},
            {"number": 2, "text": "Line one\nline two"}
        ]
    })
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn fill_renders_a_split_tag_rows_and_tick_boxes_readable_by_python_docx() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.docx", &template());
    let d = write(dir.path(), "d.json", data().to_string().as_bytes());
    let out = dir.path().join("out.docx");
    let o = fill_cli(&t, &d, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if !support::available("python-docx") {
        return;
    }
    let view = support::read_with_python_docx(&out);
    let lines = support::body_lines(&view);
    assert_eq!(lines[0], "Name: Mo & <Lee>");
    assert_eq!(lines[1], "Consent: ☒");
    assert_eq!(&lines[2..], ["1", "Read aloud", "2", "Line one\nline two"]);
    if support::available("soffice") {
        support::convert_to_pdf(&out, dir.path());
    }
}

#[test]
fn fill_reads_data_from_stdin_and_writes_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.docx", &template());
    let mut child = supportplan()
        .args(["fill"])
        .arg(&t)
        .args(["-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(data().to_string().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(&o.stdout[..2], b"PK", "a zip on standard output");
    // Same input, same bytes.
    let again = supportplan()
        .arg("fill")
        .arg(&t)
        .arg(write(dir.path(), "d.json", data().to_string().as_bytes()))
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(o.stdout, again.stdout);
}

#[test]
fn fill_errors_leave_no_output_and_keep_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        dir.path(),
        "broken.docx",
        &docx(&format!("{}{}", p("{{#outcomes}}"), p("{{/goals}} {{name"))),
    );
    let d = write(dir.path(), "d.json", data().to_string().as_bytes());
    let out = dir.path().join("out.docx");
    std::fs::write(&out, b"previous").unwrap();
    let o = fill_cli(&broken, &d, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("word/document.xml"), "{err}");
    assert!(err.contains("{{/goals}}"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"previous");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    // Bad JSON names line and column, and not the text.
    let bad = write(
        dir.path(),
        "bad.json",
        b"{\n  \"child\": {\"name\": \"SENTINEL-VALUE\"\n",
    );
    let t = write(dir.path(), "t.docx", &template());
    let o = fill_cli(&t, &bad, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 3"), "{err}");
    assert!(!err.contains("SENTINEL"), "{err}");

    // Not a zip: exit 1, plain message.
    let not_zip = write(dir.path(), "not.docx", b"hello");
    let o = fill_cli(&not_zip, &d, &out);
    assert_eq!(o.status.code(), Some(1));
    // A missing file: exit 2.
    let o = fill_cli(dir.path().join("missing.docx"), &d, &out);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn batch_renders_every_good_line_and_reports_bad_ones_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.docx", &template());
    let mut lines = String::new();
    for i in 1..=6 {
        match i {
            3 => lines.push_str("{not json\n"),
            4 => lines.push('\n'),
            _ => {
                let mut d = data();
                d["child"]["name"] = serde_json::json!(format!("Child {i}"));
                lines.push_str(&d.to_string());
                lines.push('\n');
            }
        }
    }
    let jsonl = write(dir.path(), "data.jsonl", lines.as_bytes());
    let out_dir = dir.path().join("out");
    let o = supportplan()
        .args(["batch", "--template"])
        .arg(&t)
        .arg(&jsonl)
        .arg("--out-dir")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "one bad line");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 3: not valid JSON"), "{err}");
    assert!(err.contains("rendered 4 of 5"), "{err}");
    let mut names: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["000001.docx", "000002.docx", "000005.docx", "000006.docx"]
    );
    if support::available("python-docx") {
        let view = support::read_with_python_docx(&out_dir.join("000005.docx"));
        assert_eq!(support::body_lines(&view)[0], "Name: Child 5");
    }
}

#[test]
fn template_check_lists_tags_and_reports_every_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.docx", &template());
    let o = supportplan()
        .args(["template", "check"])
        .arg(&t)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("child.name"), "{out}");
    assert!(out.contains("section"), "{out}");

    let broken = write(
        dir.path(),
        "broken.docx",
        &docx(&format!(
            "{}{}{}",
            p("ok {{a}}"),
            p("{{#open}}"),
            p("{{/other}} and {{=| |=}}")
        )),
    );
    let o = supportplan()
        .args(["template", "check"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("paragraph"), "{err}");
    assert!(
        err.lines().count() >= 3,
        "every error on its own line: {err}"
    );
}

#[test]
fn template_check_with_a_schema_reports_tags_no_field_matches() {
    let dir = tempfile::tempdir().unwrap();
    let schema = serde_json::json!({
        "type": "object",
        "properties": {
            "child": {"type": "object", "properties": {"name": {"type": "string"}}},
            "consent": {"type": "boolean"},
            "outcomes": {"type": "array", "items": {"$ref": "#/$defs/Outcome"}}
        },
        "$defs": {"Outcome": {"type": "object", "properties": {"number": {"type": "integer"}}}}
    });
    let s = write(dir.path(), "schema.json", schema.to_string().as_bytes());
    let t = write(dir.path(), "t.docx", &template());
    let o = supportplan()
        .args(["template", "check"])
        .arg(&t)
        .arg("--schema")
        .arg(&s)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("{{text}}"),
        "outcome text is not in the schema: {err}"
    );
    assert!(!err.contains("{{number}}"), "{err}");
    assert!(!err.contains("child.name"), "{err}");

    // Against the plan schema: the plan's own field names match.
    let plan_tpl = write(
        dir.path(),
        "plan.docx",
        &docx(&p("{{child.name}} {{#outcomes}}{{number}}{{/outcomes}}")),
    );
    let o = supportplan()
        .args(["template", "check"])
        .arg(&plan_tpl)
        .arg("--schema")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_peer_benchmark_template_fills_like_the_other_engines() {
    let dir = tempfile::tempdir().unwrap();
    for variant in ["clean", "split"] {
        let out = dir.path().join(format!("{variant}.docx"));
        let o = fill_cli(
            support::repo(&format!("benches/fixtures/peer_{variant}.docx")),
            support::repo("benches/fixtures/peer_data.json"),
            &out,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        if support::available("python-docx") {
            let text = support::body_lines(&support::read_with_python_docx(&out)).join("\n");
            assert!(text.contains("Amara Okafor-Hughes"));
            assert!(text.contains("Fish & chips Friday is her favourite lunch <3"));
            assert!(!text.contains("{{"), "no tag left");
        }
    }
}

#[cfg(unix)]
#[test]
fn new_files_are_private_and_replaced_files_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.docx", &template());
    let d = write(dir.path(), "d.json", data().to_string().as_bytes());
    let fill = |out: &Path| {
        let o = fill_cli(&t, &d, out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let new = dir.path().join("new.docx");
    fill(&new);
    assert_eq!(
        std::fs::metadata(&new).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let shared = dir.path().join("shared.docx");
    std::fs::write(&shared, b"old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
    fill(&shared);
    assert_eq!(
        std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn a_self_closing_empty_paragraph_inside_a_section_renders_like_an_empty_one() {
    // Word writes empty paragraphs as <w:p .../>; one inside a section's span used to leave the
    // whole body empty (found in review).
    for (open, close) in [
        ("a{{#xs}}", "{{/xs}}"),
        ("{{#xs}}", "x{{/xs}}"),
        ("{{#xs}}", "{{/xs}}"),
    ] {
        let with = |empty: &str| docx(&format!("{}{empty}{}{}", p(open), p(close), p("end")));
        for data in [
            serde_json::json!({"xs": []}),
            serde_json::json!({"xs": [1, 2]}),
        ] {
            let a = supportplan::render::fill(&with("<w:p w:rsidR=\"00AB12CD\"/>"), &data).unwrap();
            let b = supportplan::render::fill(&with("<w:p w:rsidR=\"00AB12CD\"></w:p>"), &data)
                .unwrap();
            let (da, db) = (
                supportplan::inspect::dump(&a).unwrap(),
                supportplan::inspect::dump(&b).unwrap(),
            );
            assert_eq!(da, db, "{open} … {close} with {data}");
            assert!(da.contains("end"), "the body survives: {da}");
        }
    }
}

#[test]
fn a_section_that_cuts_through_a_complex_field_is_refused() {
    // {{#xs}} before the field's begin/separate marks, {{/xs}} before its end: repeating it
    // would leave begins without ends (found in review). A whole field inside is fine.
    let begin = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#;
    let end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let run = |t: &str| format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>");
    let cut = docx(&format!(
        "<w:p>{}{begin}{}{end}</w:p>{}",
        run("{{#xs}}"),
        run("x{{/xs}}"),
        p("end")
    ));
    let data = serde_json::json!({"xs": [1, 2]});
    match supportplan::render::fill(&cut, &data) {
        Err(supportplan::render::Error::Template(errors)) => {
            assert!(
                errors[0].message.contains("different levels"),
                "{}",
                errors[0].message
            )
        }
        other => panic!(
            "expected a template error, got {:?}",
            other.map(|b| b.len())
        ),
    }
    let whole = docx(&format!(
        "<w:p>{}{begin}{}{end}{}</w:p>{}",
        run("{{#xs}}"),
        run("1"),
        run("{{/xs}}"),
        p("end")
    ));
    let out = supportplan::render::fill(&whole, &data).unwrap();
    let dump = supportplan::inspect::dump(&out).unwrap();
    assert_eq!(dump.matches("⟦PAGE⟧").count(), 2, "{dump}");
}
