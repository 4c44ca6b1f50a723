//! Rendering real WordprocessingML structures: split tags, table-row, multi-row, paragraph and
//! inline sections, nesting, empty repeats, formatted values, tick boxes, escaping, headers,
//! footers and comments, unique ids, raw copies, determinism, and hostile packages.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashSet;
use std::io::{Cursor, Read, Write};

use common::{docx, entry, p, package, paragraphs};
use serde_json::{Value, json};
use supportplan_render::{Error, Limits, TagKind, Template, check, fill};

fn body_of(out: &[u8]) -> Vec<String> {
    paragraphs(&entry(out, "word/document.xml"))
}

fn render(body: &str, data: Value) -> Vec<u8> {
    let out = fill(&docx(body), &data).unwrap_or_else(|e| panic!("{e}"));
    common::assert_well_formed(&out);
    out
}

fn cell(content: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>")
}

fn row(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn table(rows: &[String]) -> String {
    format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

// ---------------------------------------------------------------- split tags

#[test]
fn tag_split_over_many_runs_keeps_first_run_formatting() {
    let body = r#"<w:p w14:paraId="1A2B3C4D"><w:r><w:t xml:space="preserve">Hello </w:t></w:r><w:r w:rsidR="00AA0001"><w:rPr><w:b/></w:rPr><w:t>{</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="3" w:name="x"/><w:r w:rsidRPr="00BB"><w:rPr><w:i/></w:rPr><w:t>{na</w:t></w:r><w:bookmarkEnd w:id="3"/><w:ins w:id="7" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>m</w:t></w:r></w:ins><w:r><w:softHyphen/><w:t>e}</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>}!</w:t></w:r></w:p>"#;
    let out = render(body, json!({"name": "Sam"}));
    assert_eq!(body_of(&out), vec!["Hello Sam!"]);
    let xml = entry(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Sam</w:t></w:r>"#),
        "{xml}"
    );
    // The text after the tag keeps its own formatting; the bookmark survives.
    assert!(
        xml.contains(r#"<w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">!</w:t>"#)
    );
    assert!(xml.contains(r#"<w:bookmarkStart w:id="3" w:name="x"/>"#));
    assert!(!xml.contains("softHyphen"));
}

#[test]
fn split_tags_from_helper_layout() {
    let body = common::p_split(
        "Dear {{title}} {{surname}}, {{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}.",
        2,
    );
    let out = render(
        &body,
        json!({"title": "Dr", "surname": "Okafor", "ok": false}),
    );
    assert_eq!(body_of(&out), vec!["Dear Dr Okafor, no."]);
}

#[test]
fn fields_and_instr_text_are_left_alone() {
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD {{x}} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{{x}}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>{{y}}</w:t></w:r></w:fldSimple></w:p>"#;
    let out = render(body, json!({"x": "X", "y": "Y"}));
    let xml = entry(&out, "word/document.xml");
    assert!(xml.contains("MERGEFIELD {{x}}"));
    assert_eq!(body_of(&out), vec!["X", "Y"]);
}

#[test]
fn text_boxes_choice_and_fallback_are_both_filled() {
    let tb = |tag: &str| {
        format!("<w:txbxContent><w:p><w:r><w:t>{tag}</w:t></w:r></w:p></w:txbxContent>")
    };
    let body = format!(
        r#"<w:p><w:r><w:t>Before {{{{a}}}} </w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x">{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">{}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> after</w:t></w:r></w:p>"#,
        tb("{{b}}"),
        tb("{{b}}")
    );
    let out = render(&body, json!({"a": "A", "b": "B"}));
    let xml = entry(&out, "word/document.xml");
    assert_eq!(count(&xml, ">B<"), 2, "{xml}");
    assert!(!xml.contains("{{"));
}

// ---------------------------------------------------------------- scopes

#[test]
fn row_section_repeats_the_row() {
    let t = table(&[
        row(&[cell(&p("No.")), cell(&p("Outcome"))]),
        row(&[
            cell(&p("{{#outcomes}}{{no}}")),
            cell(&p("{{text}}{{/outcomes}}")),
        ]),
    ]);
    let out = render(
        &t,
        json!({"outcomes": [{"no": 1, "text": "Reads"}, {"no": 2, "text": "Writes"}, {"no": 3, "text": "Counts"}]}),
    );
    assert_eq!(
        body_of(&out),
        vec!["No.", "Outcome", "1", "Reads", "2", "Writes", "3", "Counts"]
    );
    assert_eq!(count(&entry(&out, "word/document.xml"), "<w:tr>"), 4);
}

#[test]
fn multi_row_section_repeats_the_block_of_rows() {
    let t = table(&[
        row(&[cell(&p("{{#xs}}Name")), cell(&p("{{name}}"))]),
        row(&[cell(&p("Age")), cell(&p("{{age}}{{/xs}}"))]),
        row(&[cell(&p("end")), cell(&p(""))]),
    ]);
    let out = render(
        &t,
        json!({"xs": [{"name": "A", "age": 7}, {"name": "B", "age": 8}]}),
    );
    assert_eq!(
        body_of(&out),
        vec!["Name", "A", "Age", "7", "Name", "B", "Age", "8", "end", ""]
    );
}

#[test]
fn standalone_paragraph_sections_in_body_and_cells() {
    let inner = format!("{}{}{}", p("{{#steps}}"), p("- {{.}}"), p("{{/steps}}"));
    let t = table(&[row(&[
        cell(&format!("{}{}", p("{{#outcomes}}{{no}}"), p("Steps:"))),
        cell(&format!("{inner}{}", p("{{/outcomes}}"))),
    ])]);
    let body = format!(
        "{}{}{}{}{}",
        p("Intro"),
        p("{{#people}}"),
        p("{{name}}"),
        p("{{/people}}"),
        t
    );
    let out = render(
        &body,
        json!({
            "people": [{"name": "P1"}, {"name": "P2"}],
            "outcomes": [{"no": 1, "steps": ["a", "b"]}, {"no": 2, "steps": []}]
        }),
    );
    let xml = entry(&out, "word/document.xml");
    assert_eq!(
        body_of(&out),
        vec![
            "Intro", "P1", "P2", "1", "Steps:", "- a", "- b", "2", "Steps:", ""
        ]
    );
    // The second outcome's step cell kept a paragraph (Word requires one).
    assert_eq!(count(&xml, "<w:tc>"), 4);
}

#[test]
fn inline_sections_and_checkboxes() {
    let body = p("{{#k}}☒{{/k}}{{^k}}☐{{/k}} {{name}} {{done}} {{#xs}}[{{.}}]{{/xs}}");
    let out = render(
        &body,
        json!({"k": true, "name": "EHCP", "done": false, "xs": [1, 2]}),
    );
    assert_eq!(body_of(&out), vec!["☒ EHCP ☐ [1][2]"]);
}

#[test]
fn empty_repeats_leave_nothing_behind() {
    let t1 = table(&[
        row(&[cell(&p("Head")), cell(&p("Head2"))]),
        row(&[cell(&p("{{#xs}}{{a}}")), cell(&p("{{b}}{{/xs}}"))]),
    ]);
    let t2 = table(&[row(&[cell(&p("{{#ys}}{{a}}")), cell(&p("{{/ys}}"))])]);
    let body = format!(
        "{}{t1}{}{}{}{t2}{}",
        p("A"),
        p("{{#zs}}"),
        p("{{z}}"),
        p("{{/zs}}"),
        p("B")
    );
    let out = render(&body, json!({"xs": [], "ys": [], "zs": []}));
    let xml = entry(&out, "word/document.xml");
    assert_eq!(body_of(&out), vec!["A", "Head", "Head2", "B"]);
    assert_eq!(
        count(&xml, "<w:tbl>"),
        1,
        "the table whose only row vanished is removed"
    );
    assert_eq!(count(&xml, "<w:tr>"), 1);
}

#[test]
fn empty_cell_section_keeps_a_paragraph_with_its_properties() {
    let t = table(&[row(&[
        cell(&format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{{{{#xs}}}}</w:t></w:r></w:p>{}{}",
            p("{{.}}"),
            p("{{/xs}}")
        )),
        cell(&p("x")),
    ])]);
    let out = render(&t, json!({"xs": []}));
    let xml = entry(&out, "word/document.xml");
    assert!(
        xml.contains("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p></w:tc>"),
        "{xml}"
    );
}

#[test]
fn nested_sections_across_scopes() {
    let t = table(&[row(&[
        cell(&p("{{#outcomes}}{{title}}")),
        cell(&format!(
            "{}{}{}",
            p("{{#steps}}"),
            p("{{n}}. {{text}} ({{title}})"),
            p("{{/steps}}{{/outcomes}}")
        )),
    ])]);
    // The close of `steps` and `outcomes` share a paragraph: steps is then not standalone and
    // closes inline... so use separate paragraphs instead.
    let _ = t;
    let t = table(&[row(&[
        cell(&p("{{#outcomes}}{{title}}")),
        cell(&format!(
            "{}{}{}{}",
            p("{{#steps}}"),
            p("{{n}}. {{text}} ({{title}})"),
            p("{{/steps}}"),
            p("{{/outcomes}}")
        )),
    ])]);
    let out = render(
        &t,
        json!({"outcomes": [
            {"title": "T1", "steps": [{"n": 1, "text": "s1"}, {"n": 2, "text": "s2"}]},
            {"title": "T2", "steps": [{"n": 1, "text": "s3"}]}
        ]}),
    );
    assert_eq!(
        body_of(&out),
        vec!["T1", "1. s1 (T1)", "2. s2 (T1)", "T2", "1. s3 (T2)"]
    );
}

// ---------------------------------------------------------------- values

#[test]
fn formatted_values_and_strike() {
    let body = r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="20"/></w:rPr><w:t>{{provision}}</w:t></w:r></w:p>"#;
    let out = render(
        body,
        json!({"provision": [
            {"text": "Speech therapy weekly", "strike": true},
            " (ceased at R1, 12/03/2026)",
            {"text": " new", "bold": true, "italic": true, "underline": true}
        ]}),
    );
    assert_eq!(
        body_of(&out),
        vec!["Speech therapy weekly (ceased at R1, 12/03/2026) new"]
    );
    let xml = entry(&out, "word/document.xml");
    assert!(xml.contains(r#"<w:rPr><w:rFonts w:ascii="Arial"/><w:strike/><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">Speech therapy weekly</w:t>"#), "{xml}");
    assert!(xml.contains(r#"<w:rPr><w:rFonts w:ascii="Arial"/><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="20"/><w:u w:val="single"/></w:rPr>"#), "{xml}");
}

#[test]
fn newlines_tabs_escaping_emoji_rtl() {
    let text = "Fish & chips <3 \"quoted\" 'single'\nline two\tcol 🙂 مرحبا بالعالم";
    let out = render(&p("{{t}}"), json!({"t": text}));
    assert_eq!(body_of(&out), vec![text.to_string()]);
    let xml = entry(&out, "word/document.xml");
    assert!(
        xml.contains("<w:br/>")
            && xml.contains("<w:tab/>")
            && xml.contains("&amp;")
            && xml.contains("&lt;3")
    );
}

#[test]
fn numbers_null_missing() {
    let out = render(
        &p("[{{a}}|{{b}}|{{c}}|{{d.e}}]"),
        json!({"a": 3, "b": 2.5, "c": null}),
    );
    assert_eq!(body_of(&out), vec!["[3|2.5||]"]);
}

#[test]
fn data_errors_name_the_path_not_the_value() {
    let t = Template::from_bytes(&docx(&format!(
        "{}{}{}",
        p("{{#xs}}"),
        p("{{a}}"),
        p("{{/xs}}")
    )))
    .unwrap();
    let e = t
        .render(&json!({"xs": [{"a": "ok"}, {"a": "secret\u{1}value"}]}))
        .unwrap_err();
    let msg = e.to_string();
    assert!(
        matches!(&e, Error::Data { path, .. } if path == "/xs/1/a"),
        "{msg}"
    );
    assert!(!msg.contains("secret"));
    let e = t
        .render(&json!({"xs": [{"a": {"no_text": 1}}]}))
        .unwrap_err();
    assert!(
        matches!(&e, Error::Data { path, .. } if path == "/xs/0/a"),
        "{e}"
    );
}

// ---------------------------------------------------------------- other parts

#[test]
fn headers_footers_comments_are_templated() {
    let hdr = format!(
        r#"<w:hdr xmlns:w="{}">{}</w:hdr>"#,
        common::W,
        p("Plan for {{name}}")
    );
    let ftr = format!(
        r#"<w:ftr xmlns:w="{}">{}</w:ftr>"#,
        common::W,
        p("{{school}} & co")
    );
    let com = format!(
        r#"<w:comments xmlns:w="{}"><w:comment w:id="0" w:author="A">{}</w:comment></w:comments>"#,
        common::W,
        p("Check {{name}}")
    );
    let doc = common::document(&p("Body {{name}}"));
    let pkg = package(&[
        ("[Content_Types].xml", common::CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", common::RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", hdr.as_bytes()),
        ("word/footer1.xml", ftr.as_bytes()),
        ("word/comments.xml", com.as_bytes()),
    ]);
    let out = fill(&pkg, &json!({"name": "Sam", "school": "St <Aidan>"})).unwrap();
    common::assert_well_formed(&out);
    assert_eq!(
        paragraphs(&entry(&out, "word/header1.xml")),
        vec!["Plan for Sam"]
    );
    assert_eq!(
        paragraphs(&entry(&out, "word/footer1.xml")),
        vec!["St <Aidan> & co"]
    );
    assert_eq!(
        paragraphs(&entry(&out, "word/comments.xml")),
        vec!["Check Sam"]
    );
    let tags = check(&pkg).unwrap();
    assert_eq!(tags.len(), 4);
    assert_eq!(tags[1].location.part, "word/header1.xml");
}

// ---------------------------------------------------------------- ids

#[test]
fn repeated_content_gets_unique_ids() {
    let drawing = r#"<w:r><w:drawing><wp:inline><wp:docPr id="5" name="Picture 5"/></wp:inline></w:drawing></w:r>"#;
    let body = format!(
        r#"{}<w:p w14:paraId="00000010" w14:textId="77777777"><w:bookmarkStart w:id="1" w:name="item"/><w:commentRangeStart w:id="0"/><w:r><w:t>{{{{.}}}}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:bookmarkEnd w:id="1"/>{drawing}</w:p>{}<w:p><w:r><w:t>end</w:t></w:r>{}</w:p>"#,
        p("{{#xs}}"),
        p("{{/xs}}"),
        r#"<w:r><w:drawing><wp:inline><wp:docPr id="9" name="P9"/></wp:inline></w:drawing></w:r>"#
    );
    let out = render(&body, json!({"xs": ["a", "b", "c"]}));
    let xml = entry(&out, "word/document.xml");
    assert_eq!(body_of(&out), vec!["a", "b", "c", "end"]);
    let ids = |attr: &str| -> Vec<String> {
        xml.match_indices(attr)
            .map(|(i, _)| {
                let rest = &xml[i + attr.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    };
    let docpr = ids("<wp:docPr id=\"");
    assert_eq!(docpr.len(), 4);
    assert_eq!(docpr.iter().collect::<HashSet<_>>().len(), 4, "{docpr:?}");
    let para_ids = ids("w14:paraId=\"");
    assert_eq!(
        para_ids.len(),
        para_ids.iter().collect::<HashSet<_>>().len()
    );
    assert_eq!(count(&xml, "<w:bookmarkStart"), 1);
    assert_eq!(count(&xml, "<w:bookmarkEnd"), 1);
    assert_eq!(count(&xml, "<w:commentReference"), 1);
    assert_eq!(count(&xml, "<w:commentRangeStart"), 1);
}

// ---------------------------------------------------------------- package

#[test]
fn untouched_entries_are_copied_raw_and_output_is_deterministic() {
    let styles = "<w:styles/>".repeat(500);
    let doc = common::document(&format!("{}{}{}", p("{{#xs}}"), p("{{.}}"), p("{{/xs}}")));
    let pkg = package(&[
        ("[Content_Types].xml", common::CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", common::RELS.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/media/image1.png", &[0x89, b'P', b'N', b'G', 1, 2, 3]),
    ]);
    let data = json!({"xs": ["a", "b"]});
    let t = Template::from_bytes(&pkg).unwrap();
    let out1 = t.render(&data).unwrap();
    let out2 = Template::from_bytes(&pkg).unwrap().render(&data).unwrap();
    let mut out3 = Cursor::new(Vec::new());
    t.render_to(&data, &mut out3).unwrap();
    assert_eq!(out1, out2);
    assert_eq!(out1, out3.into_inner());

    let raw = |bytes: &[u8]| -> Vec<(String, Vec<u8>, u32)> {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index_raw(i).unwrap();
                let name = f.name().unwrap().to_string();
                let crc = f.crc32();
                let mut v = Vec::new();
                f.read_to_end(&mut v).unwrap();
                (name, v, crc)
            })
            .collect()
    };
    let (a, b) = (raw(&pkg), raw(&out1));
    assert_eq!(
        a.iter().map(|e| &e.0).collect::<Vec<_>>(),
        b.iter().map(|e| &e.0).collect::<Vec<_>>(),
        "entry order and names are kept"
    );
    for (x, y) in a.iter().zip(&b) {
        if x.0 != "word/document.xml" {
            assert_eq!(x.1, y.1, "{} is copied byte for byte", x.0);
            assert_eq!(x.2, y.2);
        }
    }
    // The body's last paragraph held a standalone tag: it stays, empty (Word needs it).
    assert_eq!(body_of(&out1), vec!["a", "b", ""]);
}

// ---------------------------------------------------------------- template errors

#[test]
fn all_template_errors_are_reported_with_locations() {
    let t = table(&[row(&[cell(&p("x")), cell(&p("{{#outcomes}}"))])]);
    let body = format!(
        "{}{}{}{}{}{}",
        p("{{#a}}"),
        p("{{/b}}"),
        p("{{oops"),
        t,
        p("{{>partial}} {{bad name}}"),
        p("{{=< >}}")
    );
    let e = Template::from_bytes(&docx(&body)).unwrap_err();
    let Error::Template(errors) = &e else {
        panic!("{e}")
    };
    let text = e.to_string();
    assert!(errors.len() >= 5, "{text}");
    assert!(
        text.contains("word/document.xml, paragraph 2: {{/b}}"),
        "{text}"
    );
    assert!(
        text.contains("paragraph 5 (table 1, row 1, cell 2): {{#outcomes}}"),
        "{text}"
    );
    assert!(
        text.contains("{{>partial}}") && text.contains("partials are not supported"),
        "{text}"
    );
    assert!(text.contains("{{oops"), "{text}");
    assert!(text.contains("{{bad name}}"), "{text}");
    assert!(text.contains("{{=< >}}"), "{text}");
}

#[test]
fn tags_are_listed_with_kinds() {
    let tags = check(&docx(&format!(
        "{}{}",
        p("{{#xs}}{{a.b}}{{! note }}"),
        p("{{/xs}}{{^y}}{{/y}}")
    )))
    .unwrap();
    let kinds: Vec<TagKind> = tags.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![
            TagKind::Section,
            TagKind::Variable,
            TagKind::Comment,
            TagKind::Close,
            TagKind::Inverted,
            TagKind::Close
        ]
    );
    assert_eq!(tags[1].name, "a.b");
    assert_eq!(
        tags[3].location.to_string(),
        "word/document.xml, paragraph 2: {{/xs}}"
    );
}

#[test]
fn section_crossing_levels_is_an_error_not_corruption() {
    let t = table(&[row(&[cell(&p("{{#xs}}")), cell(&p("y"))])]);
    let body = format!("{t}{}", p("{{/xs}}"));
    let e = Template::from_bytes(&docx(&body)).unwrap_err();
    assert!(e.to_string().contains("different levels"), "{e}");
}

// ---------------------------------------------------------------- hostile packages

#[test]
fn not_a_zip() {
    assert!(matches!(
        Template::from_bytes(b"hello"),
        Err(Error::NotAZip(_))
    ));
    assert!(matches!(Template::from_bytes(&[]), Err(Error::NotAZip(_))));
}

#[test]
fn unsafe_entry_names() {
    for name in [
        "../evil.xml",
        "/abs.xml",
        "word\\document.xml",
        "C:/x.xml",
        "word/../../x",
    ] {
        let pkg = package(&[
            (name, b"x"),
            ("word/document.xml", common::document("").as_bytes()),
        ]);
        assert!(
            matches!(Template::from_bytes(&pkg), Err(Error::UnsafeEntryName(_))),
            "{name}"
        );
    }
}

#[test]
fn missing_document() {
    let pkg = package(&[("word/styles.xml", b"<a/>")]);
    assert!(matches!(
        Template::from_bytes(&pkg),
        Err(Error::MissingPart(_))
    ));
}

#[test]
fn dtd_and_entities_are_refused() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]><w:document xmlns:w="{}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#,
        common::W
    );
    let pkg = package(&[("word/document.xml", xml.as_bytes())]);
    assert!(
        matches!(Template::from_bytes(&pkg), Err(Error::ForbiddenDtd { part }) if part == "word/document.xml")
    );
}

#[test]
fn malformed_xml_names_part_and_position() {
    let pkg = package(&[
        ("word/document.xml", common::document(&p("ok")).as_bytes()),
        ("word/header1.xml", b"<w:hdr><w:p></w:hdr>"),
    ]);
    let e = Template::from_bytes(&pkg).unwrap_err();
    assert!(
        matches!(&e, Error::MalformedXml { part, .. } if part == "word/header1.xml"),
        "{e}"
    );
}

#[test]
fn zip_bomb_is_refused_while_streaming() {
    // 20 MB of spaces inside a paragraph: deflates about 1000×.
    let big = format!(
        "{}{}{}",
        "<w:document><w:body><w:p><w:r><w:t>",
        " ".repeat(20 << 20),
        "</w:t></w:r></w:p></w:body></w:document>"
    );
    let pkg = package(&[("word/document.xml", big.as_bytes())]);
    let e = Template::from_bytes(&pkg).unwrap_err();
    assert!(matches!(e, Error::Limit(_)), "{e}");
    let limits = Limits {
        max_part_bytes: 1000,
        ..Limits::default()
    };
    let e = Template::from_bytes_with_limits(&docx(&p(&"x".repeat(2000))), &limits).unwrap_err();
    assert!(matches!(e, Error::Limit(_)), "{e}");
    let limits = Limits {
        max_entries: 2,
        ..Limits::default()
    };
    let e = Template::from_bytes_with_limits(&docx(&p("x")), &limits).unwrap_err();
    assert!(matches!(e, Error::Limit(_)), "{e}");
}

#[test]
fn exponential_nesting_hits_the_output_limit() {
    let mut body = String::new();
    for _ in 0..12 {
        body.push_str(&p("{{#xs}}"));
    }
    body.push_str(&p("{{.}}"));
    for _ in 0..12 {
        body.push_str(&p("{{/xs}}"));
    }
    let limits = Limits {
        max_output_bytes: 1 << 20,
        ..Limits::default()
    };
    let t = Template::from_bytes_with_limits(&docx(&body), &limits).unwrap();
    let xs: Vec<u32> = (0..10).collect();
    let e = t.render(&json!({ "xs": xs })).unwrap_err();
    assert!(matches!(e, Error::Limit(_)), "{e}");
    // Empty bodies cost steps too: no hang.
    let mut body = String::new();
    for _ in 0..12 {
        body.push_str(&p("{{#xs}}"));
    }
    for _ in 0..12 {
        body.push_str(&p("{{/xs}}"));
    }
    let t =
        Template::from_bytes_with_limits(&docx(&format!("{body}{}", p("end"))), &limits).unwrap();
    assert!(matches!(
        t.render(&json!({ "xs": xs })),
        Err(Error::Limit(_))
    ));
}

// ---------------------------------------------------------------- independent readers

fn sample_plan() -> (Vec<u8>, Value) {
    let t = table(&[
        row(&[cell(&p("No.")), cell(&p("Outcome"))]),
        row(&[
            cell(&p("{{#outcomes}}{{no}}")),
            cell(&p("{{text}}{{/outcomes}}")),
        ]),
    ]);
    let body = format!(
        "{}{}{}{}{}{}",
        common::p_split(
            "Plan for {{name}} ({{#ehcp}}☒{{/ehcp}}{{^ehcp}}☐{{/ehcp}} EHCP)",
            3
        ),
        p("{{#people}}"),
        p("{{name}}: {{role}}"),
        p("{{/people}}"),
        t,
        p("{{provision}}")
    );
    let data = json!({
        "name": "Amara & \"Mara\" <O'Brien> 🙂",
        "ehcp": true,
        "people": [{"name": "Grace", "role": "mum"}, {"name": "David", "role": "dad\nweekends"}],
        "outcomes": [{"no": 1, "text": "Reads\tfluently"}, {"no": 2, "text": "שלום"}],
        "provision": [{"text": "Old", "strike": true}, " new"]
    });
    (docx(&body), data)
}

#[test]
fn python_docx_reads_rendered_documents() {
    if !common::python_docx() {
        return;
    }
    let (tpl, data) = sample_plan();
    let out = fill(&tpl, &data).unwrap();
    let text = common::python_docx_text(&out);
    assert_eq!(
        text,
        vec![
            "Plan for Amara & \"Mara\" <O'Brien> 🙂 (☒ EHCP)",
            "Grace: mum",
            "David: dad\nweekends",
            "No.",
            "Outcome",
            "1",
            "Reads\tfluently",
            "2",
            "שלום",
            "Old new"
        ]
    );
}

#[test]
fn libreoffice_converts_rendered_documents() {
    let ok = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipping: soffice is not installed");
        return;
    }
    let (tpl, data) = sample_plan();
    let out = fill(&tpl, &data).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(&out)
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(dir.path().join("plan.pdf").exists());
}

// ---------------------------------------------------------------- numbering

#[test]
fn numbered_lists_restart_in_each_repeated_row_and_continue_in_paragraph_repeats() {
    let numbered = |t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let t = table(&[row(&[
        cell(&p("{{#outcomes}}{{title}}")),
        cell(&format!(
            "{}{}{}{}",
            p("{{#steps}}"),
            numbered("{{.}}"),
            p("{{/steps}}"),
            p("{{/outcomes}}")
        )),
    ])]);
    let body = format!(
        "{t}{}{}{}{}",
        p("{{#notes}}"),
        numbered("{{.}}"),
        p("{{/notes}}"),
        p("end")
    );
    let pkg = common::docx_with_numbering(&body);
    let data = json!({
        "outcomes": [{"title": "A", "steps": ["a1", "a2"]}, {"title": "B", "steps": ["b1"]}, {"title": "C", "steps": ["c1", "c2"]}],
        "notes": ["n1", "n2"]
    });
    let out = fill(&pkg, &data).unwrap();
    common::assert_well_formed(&out);
    let xml = entry(&out, "word/document.xml");
    let ids: Vec<&str> = xml
        .match_indices("<w:numId w:val=\"")
        .map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(ids, vec!["1", "1", "2", "3", "3", "1", "1"]);
    let num = entry(&out, "word/numbering.xml");
    // Every level of the list restarts (the list has two).
    assert!(num.contains(r#"<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#), "{num}");
    assert!(num.contains(r#"<w:num w:numId="3">"#));
    // Without rows repeated beyond the first, numbering.xml is copied raw.
    let out = fill(
        &pkg,
        &json!({"outcomes": [{"title": "A", "steps": ["a"]}], "notes": []}),
    )
    .unwrap();
    assert_eq!(
        entry(&out, "word/numbering.xml"),
        entry(&pkg, "word/numbering.xml")
    );
}

// ---------------------------------------------------------------- awkward fixtures

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/templates")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture_data() -> Value {
    serde_json::from_slice(&fixture("awkward.json")).unwrap()
}

#[test]
fn fixture_split_runs() {
    let out = fill(&fixture("split_runs.docx"), &fixture_data()).unwrap();
    common::assert_well_formed(&out);
    let body = body_of(&out);
    assert_eq!(body[1], "Name: Amara Okafor-Hughes (known as Mara)");
    assert_eq!(body[2], "Setting: St Aidan's C of E Primary & Nursery");
    assert_eq!(body[3], "☐ EHCP   ☒ SEN support");
    assert_eq!(
        body[4],
        "Story: Line one\nLine two\tafter a tab 🙂 and some right-to-left: مرحبا"
    );
    assert_eq!(
        body[5],
        "Provision: Speech and language therapy weekly (ceased at R1, 12/03/2026) — replaced by group sessions"
    );
    assert_eq!(body[6], "Escaping: & < > \" ' {{not a tag}}");
    assert_eq!(
        paragraphs(&entry(&out, "word/header1.xml")),
        vec!["Plan for Amara Okafor-Hughes"]
    );
    assert_eq!(
        paragraphs(&entry(&out, "word/footer1.xml")),
        vec!["St Aidan's C of E Primary & Nursery · MSP-2025-00417"]
    );
    let xml = entry(&out, "word/document.xml");
    // The value takes the formatting of the run where the tag starts (bold, red).
    assert!(xml.contains(r#"<w:rPr><w:b/><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">Amara Okafor-Hughes</w:t>"#), "{xml}");
    assert!(xml.contains("<w:strike/>"));
}

#[test]
fn fixture_nested_rows() {
    let out = fill(&fixture("nested_rows.docx"), &fixture_data()).unwrap();
    common::assert_well_formed(&out);
    let body = body_of(&out);
    assert_eq!(
        body,
        vec![
            "Outcomes (row repeat, nested paragraph list, numbering restarts per row)",
            "Outcome",
            "Steps",
            "1. Reads CVC words",
            "Phonics daily",
            "Reading buddy",
            "2. Asks for help",
            "Help card",
            "3. Joins group play",
            "",
            "Reviews (multi-row block)",
            "Review",
            "1 Dec 2025",
            "Working well",
            "Visual timetable",
            "Review",
            "2 Mar 2026",
            "Working well",
            "Calm box",
            "A table whose only row repeats over an empty list disappears:",
            "Grace Okafor (mum)",
            "Mrs Patel (SENCo)",
            "end"
        ]
    );
    assert_eq!(count(&entry(&out, "word/document.xml"), "<w:tbl>"), 2);
    assert!(entry(&out, "word/numbering.xml").contains(r#"<w:num w:numId="2">"#));
}

#[test]
fn fixture_textbox_fields() {
    let out = fill(&fixture("textbox_fields.docx"), &fixture_data()).unwrap();
    common::assert_well_formed(&out);
    let xml = entry(&out, "word/document.xml");
    assert_eq!(
        count(&xml, ">Amara Okafor-Hughes<"),
        3,
        "two text box copies and the commented line"
    );
    assert!(xml.contains("MERGEFIELD {{not_a_tag}}"));
    assert!(xml.contains(">MSP-2025-00417<") || xml.contains("MSP-2025-00417"));
    assert_eq!(
        paragraphs(&entry(&out, "word/comments.xml")),
        vec!["Check with Mara's parents"]
    );
}

#[test]
fn fixture_errors_and_hostile() {
    let Err(Error::Template(errors)) = Template::from_bytes(&fixture("errors.docx")) else {
        panic!("errors.docx must fail");
    };
    assert!(errors.len() >= 8, "{errors:#?}");
    assert!(matches!(
        Template::from_bytes(&fixture("hostile_dtd.docx")),
        Err(Error::ForbiddenDtd { .. })
    ));
    assert!(matches!(
        Template::from_bytes(&fixture("hostile_zip_slip.docx")),
        Err(Error::UnsafeEntryName(_))
    ));
}

#[test]
fn fixtures_open_in_python_docx_and_libreoffice() {
    let docs: Vec<Vec<u8>> = ["split_runs.docx", "nested_rows.docx", "textbox_fields.docx"]
        .iter()
        .map(|n| fill(&fixture(n), &fixture_data()).unwrap())
        .collect();
    if common::python_docx() {
        for d in &docs {
            let text = common::python_docx_text(d);
            assert!(text.iter().all(|t| !t.contains("{{child")), "{text:?}");
        }
    }
    let soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !soffice {
        eprintln!("skipping: soffice is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (i, d) in docs.iter().enumerate() {
        std::fs::write(dir.path().join(format!("f{i}.docx")), d).unwrap();
    }
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.path().display()
    ))
    .args(["--headless", "--convert-to", "pdf", "--outdir"])
    .arg(dir.path());
    for i in 0..docs.len() {
        cmd.arg(dir.path().join(format!("f{i}.docx")));
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for i in 0..docs.len() {
        assert!(dir.path().join(format!("f{i}.pdf")).exists(), "f{i}.pdf");
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    // Sections nested 70 deep.
    let mut body = String::new();
    for _ in 0..70 {
        body.push_str(&p("{{#a}}"));
    }
    for _ in 0..70 {
        body.push_str(&p("{{/a}}"));
    }
    let e = Template::from_bytes(&docx(&body)).unwrap_err();
    assert!(e.to_string().contains("nested more than"), "{e}");
    // XML nested 100 000 deep.
    let deep = format!(
        "<w:document><w:body>{}{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(50_000),
        "</w:sdtContent></w:sdt>".repeat(50_000)
    );
    let pkg = package(&[("word/document.xml", deep.as_bytes())]);
    assert!(matches!(Template::from_bytes(&pkg), Err(Error::Limit(_))));
}

/// Random templates made of tag fragments spread over runs, paragraphs, cells and rows: the
/// engine must answer Ok or Err, never panic, and every Ok output must be well-formed.
#[test]
fn random_templates_never_panic() {
    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{{a}}",
        "{{#a}}",
        "{{/a}}",
        "{{^a}}",
        "{{#b}}",
        "{{/b}}",
        "{{.}}",
        "{{!c}}",
        "{{=| |=}}",
        "|a|",
        "|={{ }}=|",
        "x",
        " ",
        "{{{a}}}",
        "{{&b}}",
        "{{#xs}}",
        "{{/xs}}",
        "{",
        "}",
        "{{>p}}",
        "{{a.b}}",
        "#",
        "/",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let data = json!({"a": [1, {"b": true}], "b": {"text": "t", "bold": true}, "xs": ["p", "q"]});
    let mut ok = 0;
    for _ in 0..1500 {
        let paragraph = |next: &mut dyn FnMut(usize) -> usize| {
            let mut s = String::from("<w:p>");
            for _ in 0..next(4) + 1 {
                let text: String = (0..next(4) + 1)
                    .map(|_| PIECES[next(PIECES.len())])
                    .collect();
                let rpr = if next(2) == 0 {
                    "<w:rPr><w:b/></w:rPr>"
                } else {
                    ""
                };
                s.push_str(&format!(
                    r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                    common::esc(&text)
                ));
                if next(3) == 0 {
                    s.push_str(r#"<w:proofErr w:type="spellStart"/>"#);
                }
            }
            s.push_str("</w:p>");
            s
        };
        let mut body = String::new();
        for _ in 0..next(5) + 1 {
            if next(3) == 0 {
                let rows: Vec<String> = (0..next(3) + 1)
                    .map(|_| {
                        let cells: Vec<String> = (0..2)
                            .map(|_| {
                                let inner: String =
                                    (0..next(2) + 1).map(|_| paragraph(&mut next)).collect();
                                cell(&inner)
                            })
                            .collect();
                        row(&cells)
                    })
                    .collect();
                body.push_str(&table(&rows));
            } else {
                body.push_str(&paragraph(&mut next));
            }
        }
        let pkg = docx(&body);
        if let Ok(t) = Template::from_bytes(&pkg)
            && let Ok(out) = t.render(&data)
        {
            common::assert_well_formed(&out);
            ok += 1;
        }
    }
    assert!(ok > 10, "only {ok} random templates rendered");
}

#[test]
fn inspect_returns_tags_and_errors_together() {
    let (tags, errors) =
        supportplan_render::inspect(&docx(&format!("{}{}", p("{{#a}}{{x}}"), p("{{/b}}"))))
            .unwrap();
    assert_eq!(tags.len(), 3);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn section_break_paragraphs_are_kept_and_cells_never_end_with_a_table() {
    // A standalone tag in a paragraph that carries a section break: emptied, not deleted.
    let body = format!(
        "{}{}<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr><w:r><w:t>{{{{/xs}}}}</w:t></w:r></w:p>{}",
        p("{{#xs}}"),
        p("{{.}}"),
        p("next section")
    );
    let out = render(&body, json!({"xs": ["a"]}));
    let xml = entry(&out, "word/document.xml");
    assert_eq!(count(&xml, "<w:pgSz"), 1, "{xml}");
    assert_eq!(body_of(&out), vec!["a", "", "next section"]);
    // A cell holding a paragraph, an untouched table and an empty repeat: the cell must not
    // end with the table.
    let inner = table(&[row(&[cell(&p("i")), cell(&p("j"))])]);
    let t = table(&[row(&[
        cell(&format!(
            "{}{inner}{}{}{}",
            p("first"),
            p("{{#ys}}"),
            p("{{.}}"),
            p("{{/ys}}")
        )),
        cell(&p("x")),
    ])]);
    let out = render(&format!("{t}{}", p("end")), json!({"ys": []}));
    let xml = entry(&out, "word/document.xml");
    assert!(xml.contains("</w:tbl><w:p/></w:tc>"), "{xml}");
}

#[test]
fn tag_free_story_parts_are_copied_byte_for_byte() {
    let hdr = format!(
        r#"<w:hdr xmlns:w="{}" xmlns:wp="x">{}<w:p><w:r><w:drawing><wp:inline><wp:docPr id="40" name="logo"/></wp:inline></w:drawing></w:r></w:p></w:hdr>"#,
        common::W,
        p("Council logo")
    );
    let body = format!(
        "{}<w:p><w:r><w:t>{{{{.}}}}</w:t></w:r><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"p\"/></wp:inline></w:drawing></w:r></w:p>{}{}",
        p("{{#xs}}"),
        p("{{/xs}}"),
        p("end")
    );
    let doc = common::document(&body);
    let pkg = package(&[
        ("word/header1.xml", hdr.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ]);
    let out = fill(&pkg, &json!({"xs": ["a", "b", "c"]})).unwrap();
    let raw = |bytes: &[u8], name: &str| -> Vec<u8> {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
        let mut f = z.by_name_raw(name.as_bytes()).unwrap();
        let mut v = Vec::new();
        f.read_to_end(&mut v).unwrap();
        v
    };
    assert_eq!(raw(&pkg, "word/header1.xml"), raw(&out, "word/header1.xml"));
    // Fresh drawing ids in the body stay above the header's.
    let xml = entry(&out, "word/document.xml");
    assert!(
        xml.contains(r#"<wp:docPr id="41""#) && xml.contains(r#"<wp:docPr id="42""#),
        "{xml}"
    );
}

#[test]
fn tags_inside_hyperlinks_content_controls_and_smart_tags() {
    let body = r#"<w:p><w:hyperlink r:id="rId9"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{{#xs}}[{{na</w:t></w:r><w:r><w:t>me}}]{{/xs}}</w:t></w:r></w:hyperlink><w:sdt><w:sdtPr><w:id w:val="5"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve"> {{who}}</w:t></w:r></w:sdtContent></w:sdt><w:smartTag w:uri="u" w:element="place"><w:r><w:t xml:space="preserve"> {{where}}</w:t></w:r></w:smartTag></w:p>"#;
    let out = render(
        &format!("{body}{}", p("end")),
        json!({"xs": [{"name": "a"}, {"name": "b"}], "who": "W", "where": "X"}),
    );
    assert_eq!(body_of(&out), vec!["[a][b] W X", "end"]);
    // A section that opens inside a hyperlink and closes outside it is refused.
    let body = r#"<w:p><w:hyperlink r:id="rId9"><w:r><w:t>{{#xs}}a</w:t></w:r></w:hyperlink><w:r><w:t>b{{/xs}}</w:t></w:r></w:p>"#;
    let e = Template::from_bytes(&docx(body)).unwrap_err();
    assert!(e.to_string().contains("different levels"), "{e}");
}

#[test]
fn bom_delimiters_per_part_and_multi_paragraph_comments() {
    let doc = format!(
        "\u{feff}{}",
        common::document(&format!(
            "{}{}{}{}{}",
            p("{{=<% %>=}}"),
            p("<%a%> and {{literal}}"),
            p("x {{! not a tag here: delimiters changed"),
            p("<%! a comment"),
            p("over lines %>y")
        ))
    );
    let hdr = format!(r#"<w:hdr xmlns:w="{}">{}</w:hdr>"#, common::W, p("{{a}}"));
    let pkg = package(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", hdr.as_bytes()),
    ]);
    let out = fill(&pkg, &json!({"a": "A"})).unwrap();
    common::assert_well_formed(&out);
    assert_eq!(
        body_of(&out),
        vec![
            "A and {{literal}}",
            "x {{! not a tag here: delimiters changed",
            "y"
        ]
    );
    assert_eq!(paragraphs(&entry(&out, "word/header1.xml")), vec!["A"]);
}
