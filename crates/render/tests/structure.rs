//! Word structure kept right in repeated content: paragraph properties when a closing tag shares
//! its paragraph, unique `w14:paraId`s in repeated rows, text boxes listed once, and fresh
//! revision ids in repeated tracked changes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashSet;

use common::{docx, entry, p, package};
use serde_json::{Value, json};
use supportplan_render::fill;

/// Renders body XML with `data` and returns `word/document.xml`.
fn render(body: &str, data: &Value) -> String {
    let out = fill(&docx(body), data).unwrap_or_else(|e| panic!("{e}"));
    common::assert_well_formed(&out);
    entry(&out, "word/document.xml")
}

/// The body's paragraphs (not nested ones) as (text, raw `w:pPr` or "").
fn paras(xml: &str) -> Vec<(String, String)> {
    let body = &xml[xml.find("<w:body>").unwrap()..];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest
        .find("<w:p>")
        .into_iter()
        .chain(rest.find("<w:p "))
        .min()
    {
        let from = &rest[i..];
        let end = from.find("</w:p>").unwrap() + "</w:p>".len();
        let para = &from[..end];
        let ppr = match (para.find("<w:pPr>"), para.find("</w:pPr>")) {
            (Some(s), Some(e)) => para[s..e + "</w:pPr>".len()].to_string(),
            _ => String::new(),
        };
        let text = common::paragraphs(para).concat();
        out.push((text, ppr));
        rest = &from[end..];
    }
    out
}

/// A paragraph with list numbering `num_id` at level `ilvl`.
fn numbered(text: &str, num_id: u32, ilvl: u32) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr><w:spacing w:after="{}"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        100 + ilvl,
        common::esc(text)
    )
}

/// The `w:pPr` of [`numbered`].
fn numbered_ppr(num_id: u32, ilvl: u32) -> String {
    format!(
        r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr><w:spacing w:after="{}"/></w:pPr>"#,
        100 + ilvl
    )
}

// ---------------------------------------------------------------- 1. paragraph properties

/// `{{#outcomes}}` / numbered `{{title}}` / `{{#steps}}` / numbered `{{.}}` /
/// `{{/steps}}{{/outcomes}}` (one paragraph, not standalone).
fn outcomes_template() -> String {
    format!(
        "{}{}{}{}{}{}",
        p("{{#outcomes}}"),
        numbered("{{title}}", 1, 0),
        p("{{#steps}}"),
        numbered("{{.}}", 1, 1),
        p("{{/steps}}{{/outcomes}}"),
        p("end")
    )
}

#[test]
fn closing_tags_sharing_a_paragraph_keep_each_paragraphs_properties() {
    let xml = render(
        &outcomes_template(),
        &json!({"outcomes": [
            {"title": "O1", "steps": ["s1", "s2"]},
            {"title": "O2", "steps": ["s3", "s4"]}
        ]}),
    );
    let (l0, l1) = (numbered_ppr(1, 0), numbered_ppr(1, 1));
    let want: Vec<(String, String)> = [
        ("O1", &l0),
        ("s1", &l1),
        ("s2", &l1),
        ("O2", &l0),
        ("s3", &l1),
        ("s4", &l1),
        // The paragraph that held the closing tags (not standalone: Mustache keeps its line).
        ("", &String::new()),
        ("end", &String::new()),
    ]
    .iter()
    .map(|(t, p)| (t.to_string(), p.to_string()))
    .collect();
    assert_eq!(paras(&xml), want, "{xml}");
}

#[test]
fn empty_inner_list_leaves_no_empty_numbered_line() {
    let xml = render(
        &outcomes_template(),
        &json!({"outcomes": [
            {"title": "O1", "steps": []},
            {"title": "O2", "steps": ["s1"]},
            {"title": "O3", "steps": []}
        ]}),
    );
    let (l0, l1) = (numbered_ppr(1, 0), numbered_ppr(1, 1));
    let got = paras(&xml);
    let want: Vec<(String, String)> = [
        ("O1", &l0),
        ("O2", &l0),
        ("s1", &l1),
        ("O3", &l0),
        ("", &String::new()),
        ("end", &String::new()),
    ]
    .iter()
    .map(|(t, p)| (t.to_string(), p.to_string()))
    .collect();
    assert_eq!(got, want, "{xml}");
    // No outcomes: the paragraph of the closing tags stays, with its own (empty) properties.
    let xml = render(&outcomes_template(), &json!({"outcomes": []}));
    assert_eq!(
        paras(&xml),
        vec![
            (String::new(), String::new()),
            ("end".to_string(), String::new())
        ],
        "{xml}"
    );
}

#[test]
fn any_paragraph_properties_follow_their_text_across_a_shared_closing_tag() {
    // Styles and spacing, not only numbering; the closing paragraph has its own properties.
    let styled = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="center"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = format!(
        "{}{}{}",
        styled("Heading1", "{{#xs}}"),
        styled("Quote", "{{.}}"),
        styled("Footer", "{{/xs}} tail")
    );
    let data = json!({"xs": ["a", "b", "c"]});
    let ppr = |s: &str| format!(r#"<w:pPr><w:pStyle w:val="{s}"/><w:jc w:val="center"/></w:pPr>"#);
    let h = |t: &str| (t.to_string(), ppr("Heading1"));
    let q = |t: &str| (t.to_string(), ppr("Quote"));
    let tail = (" tail".to_string(), ppr("Footer"));
    let xml = render(&body, &data);
    assert_eq!(
        paras(&xml),
        vec![q("a"), q("b"), q("c"), tail.clone()],
        "{xml}"
    );
    // Open tag not standalone either: "Items: {{#xs}}\n{{.}}\n{{/xs}} tail" gives
    // "Items: \na\n\nb\n\nc\n tail". An empty line takes the properties of the paragraph
    // whose end makes it.
    let body = body.replace("{{#xs}}", "Items: {{#xs}}");
    let xml = render(&body, &data);
    assert_eq!(
        paras(&xml),
        vec![h("Items: "), q("a"), h(""), q("b"), h(""), q("c"), tail],
        "{xml}"
    );
}

#[test]
fn shared_closing_tags_work_split_over_runs_in_cells_and_repeated_rows() {
    // The same list, its tags cut into runs by Word, in a cell of a repeated row (lists
    // restart per row, so later rows use new list instances), with a bookmark before the
    // closing tags that must survive.
    let split = |ppr: &str, a: &str, b: &str| {
        format!(
            r#"<w:p>{ppr}<w:bookmarkStart w:id="1" w:name="m"/><w:bookmarkEnd w:id="1"/><w:r><w:t>{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{b}</w:t></w:r></w:p>"#
        )
    };
    let (l0, l1) = (numbered_ppr(1, 0), numbered_ppr(1, 1));
    let cell = format!(
        "{}{}{}{}{}",
        p("{{#outcomes}}"),
        split(&l0, "{{ti", "tle}}"),
        p("{{#steps}}"),
        split(&l1, "{{", ".}}"),
        split("", "{{/st", "eps}}{{/outcomes}}")
    );
    let body = format!(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>{}</w:tc><w:tc>{cell}{}</w:tc></w:tr></w:tbl>",
        p("{{#rows}}{{name}}"),
        p("{{/rows}}")
    );
    let rows = json!({"rows": [
        {"name": "R1", "outcomes": [{"title": "O1", "steps": ["s1", "s2"]}, {"title": "O2", "steps": []}]},
        {"name": "R2", "outcomes": [{"title": "O3", "steps": ["s3"]}]}
    ]});
    let pkg = common::docx_with_numbering(&body);
    let out = fill(&pkg, &rows).unwrap();
    common::assert_well_formed(&out);
    let xml = entry(&out, "word/document.xml");
    // Row 2 uses a new list instance (numId 2) for both levels.
    let (m0, m1) = (numbered_ppr(2, 0), numbered_ppr(2, 1));
    let want: Vec<(String, String)> = [
        ("R1", ""),
        ("O1", l0.as_str()),
        ("s1", l1.as_str()),
        ("s2", l1.as_str()),
        ("O2", l0.as_str()),
        ("", ""),
        ("R2", ""),
        ("O3", m0.as_str()),
        ("s3", m1.as_str()),
        ("", ""),
    ]
    .iter()
    .map(|(t, p)| (t.to_string(), p.to_string()))
    .collect();
    assert_eq!(paras(&xml), want, "{xml}");
    // One new list instance, for row 2.
    let num = entry(&out, "word/numbering.xml");
    assert!(num.contains(r#"<w:num w:numId="2">"#), "{num}");
    assert!(!num.contains(r#"<w:num w:numId="3">"#), "{num}");
    // The bookmark is kept once, in the first copy.
    assert_eq!(xml.matches("<w:bookmarkStart").count(), 1, "{xml}");
    assert_eq!(xml.matches("<w:bookmarkEnd").count(), 1, "{xml}");
}

// ---------------------------------------------------------------- 2. row paraIds

/// All values of attribute `attr` (e.g. `w14:paraId="`) in `xml`.
fn attr_values(xml: &str, attr: &str) -> Vec<String> {
    xml.match_indices(attr)
        .map(|(i, _)| {
            let rest = &xml[i + attr.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn assert_unique(values: &[String], xml: &str) {
    let set: HashSet<&String> = values.iter().collect();
    assert_eq!(set.len(), values.len(), "duplicates in {values:?}: {xml}");
}

/// A table row with a paraId and one cell per text, each paragraph with its own paraId.
fn id_row(id: u32, texts: &[&str]) -> String {
    let cells: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                r#"<w:tc><w:p w14:paraId="{:08X}" w14:textId="77777777"><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"#,
                id * 16 + i as u32 + 1
            )
        })
        .collect();
    format!(
        r#"<w:tr w14:paraId="{:08X}" w14:textId="77777777">{cells}</w:tr>"#,
        id * 16
    )
}

fn id_table(rows: &[String]) -> String {
    format!(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

#[test]
fn repeated_rows_get_unique_para_ids() {
    let data = json!({"xs": ["a", "b", "c"]});
    // One repeated row, a header row before and a row after.
    let body = id_table(&[
        id_row(1, &["head", "head"]),
        id_row(2, &["{{#xs}}{{.}}", "x{{/xs}}"]),
        id_row(3, &["foot", "foot"]),
    ]);
    let xml = render(&body, &data);
    assert_eq!(xml.matches("<w:tr").count(), 5, "{xml}");
    let ids = attr_values(&xml, "w14:paraId=\"");
    assert_unique(&ids, &xml);
    // The first copy keeps its ids: 1 + 2 + 1 row ids and 2 + 2 + 2 paragraph ids.
    assert_eq!(ids.len(), 3 + 6, "{xml}");
    // A block of rows: the section opens in one row and closes in a later one.
    let body = id_table(&[
        id_row(1, &["{{#xs}}{{.}}", "1"]),
        id_row(2, &["2", "2"]),
        id_row(3, &["3", "3{{/xs}}"]),
    ]);
    let xml = render(&body, &data);
    assert_eq!(xml.matches("<w:tr").count(), 9, "{xml}");
    let ids = attr_values(&xml, "w14:paraId=\"");
    assert_unique(&ids, &xml);
    assert_eq!(ids.len(), 3 + 6, "{xml}");
}

// ---------------------------------------------------------------- 3. text boxes listed once

/// A paragraph holding a text box with a modern copy (`choice`) and a VML fallback copy.
fn text_box(choice: &str, fallback: &str) -> String {
    let tb = |tag: &str| {
        format!("<w:txbxContent><w:p><w:r><w:t>{tag}</w:t></w:r></w:p></w:txbxContent>")
    };
    format!(
        r#"<w:p><w:r><w:t>Before {{{{a}}}} </w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x">{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">{}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> after</w:t></w:r></w:p>"#,
        tb(choice),
        tb(fallback)
    )
}

#[test]
fn text_box_tags_are_listed_once_and_both_copies_filled() {
    let tpl = docx(&format!(
        "{}{}",
        text_box("{{b}} {{#c}}x{{/c}}", "{{b}} {{#c}}x{{/c}}"),
        p("{{d}}")
    ));
    let tags = supportplan_render::check(&tpl).unwrap();
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["a", "b", "c", "c", "d"], "{tags:?}");
    let out = fill(&tpl, &json!({"a": "A", "b": "B", "c": true, "d": "D"})).unwrap();
    let xml = entry(&out, "word/document.xml");
    assert_eq!(xml.matches(">B<").count(), 2, "{xml}");
    assert_eq!(xml.matches(">x<").count(), 2, "{xml}");
}

#[test]
fn text_box_errors_are_reported_once_but_never_lost() {
    // The same error in both copies: once. An error only in the fallback: kept.
    let tpl = docx(&text_box("{{>part}} {{b}}", "{{>part}} {{>other}}"));
    let (tags, errors) = supportplan_render::inspect(&tpl).unwrap();
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["a", "part", "b"], "{tags:?}");
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.location.tag.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("{{>part}}", "partials are not supported"),
            ("{{>other}}", "partials are not supported")
        ],
        "{errors:?}"
    );
}

// ---------------------------------------------------------------- 4. revision ids

const REVISIONS: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rPrChange",
    "w:pPrChange",
    "w:trPrChange",
    "w:tcPrChange",
    "w:cellIns",
];

/// The `w:id` of every tracked change in `xml`, as (element, id).
fn revision_ids(xml: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for name in REVISIONS {
        for sep in [" ", ">", "/"] {
            let open = format!("<{name}{sep}");
            for (i, _) in xml.match_indices(&open) {
                let tag = &xml[i..];
                let tag = &tag[..tag.find('>').unwrap()];
                let at = tag
                    .find(" w:id=\"")
                    .unwrap_or_else(|| panic!("{tag} has no w:id"));
                let v = &tag[at + 7..];
                out.push((name.to_string(), v[..v.find('"').unwrap()].parse().unwrap()));
            }
        }
    }
    out
}

#[test]
fn repeated_tracked_changes_get_fresh_revision_ids() {
    let rev = r#"w:author="A" w:date="2026-01-01T00:00:00Z""#;
    let item = format!(
        r#"<w:p><w:pPr><w:jc w:val="left"/><w:rPr><w:ins w:id="5" {rev}/></w:rPr><w:pPrChange w:id="6" {rev}><w:pPr/></w:pPrChange></w:pPr><w:moveFromRangeStart w:id="8" w:name="move1" {rev}/><w:ins w:id="3" {rev}><w:r><w:t>{{{{.}}}}</w:t></w:r></w:ins><w:del w:id="4" {rev}><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:rPr><w:b/><w:rPrChange w:id="7" {rev}><w:rPr/></w:rPrChange></w:rPr><w:t>!</w:t></w:r><w:moveFrom w:id="9" {rev}><w:r><w:t>m</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="8"/></w:p>"#
    );
    let row = format!(
        r#"<w:tr><w:trPr><w:ins w:id="20" {rev}/><w:trPrChange w:id="22" {rev}><w:trPr/></w:trPrChange></w:trPr><w:tc><w:tcPr><w:cellIns w:id="21" {rev}/><w:tcPrChange w:id="23" {rev}><w:tcPr/></w:tcPrChange></w:tcPr><w:p><w:r><w:t>{{{{#ys}}}}{{{{.}}}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x{{{{/ys}}}}</w:t></w:r></w:p></w:tc></w:tr>"#
    );
    let body = format!(
        r#"{}{item}{}<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{row}</w:tbl><w:p><w:ins w:id="40" {rev}><w:r><w:t>end</w:t></w:r></w:ins></w:p>"#,
        p("{{#xs}}"),
        p("{{/xs}}"),
    );
    // A header without tags (copied raw) holds the highest revision id of the document.
    let header = format!(
        r#"<w:hdr xmlns:w="{}"><w:p><w:ins w:id="100" {rev}><w:r><w:t>H</w:t></w:r></w:ins></w:p></w:hdr>"#,
        common::W
    );
    let doc = common::document(&body);
    let pkg = package(&[
        ("[Content_Types].xml", common::CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", common::RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
    ]);
    let out = fill(&pkg, &json!({"xs": ["a", "b", "c"], "ys": [1, 2]})).unwrap();
    common::assert_well_formed(&out);
    let xml = entry(&out, "word/document.xml");
    assert_eq!(entry(&out, "word/header1.xml"), header);
    let ids = revision_ids(&xml);
    // 3 copies of 6 changes in the paragraph, 2 copies of 4 in the row, and the last one.
    assert_eq!(ids.len(), 3 * 6 + 2 * 4 + 1, "{ids:?}");
    let values: Vec<String> = ids.iter().map(|(_, v)| v.to_string()).collect();
    assert_unique(&values, &xml);
    // The first copy keeps its ids; later ones are above every id in the document.
    for (name, v) in &ids {
        assert!(
            [3, 4, 5, 6, 7, 9, 20, 21, 22, 23, 40].contains(v) || *v > 100,
            "{name} {v}"
        );
    }
    // Move ranges stay paired: kept in the first copy only.
    assert_eq!(xml.matches("<w:moveFromRangeStart").count(), 1, "{xml}");
    assert_eq!(xml.matches("<w:moveFromRangeEnd").count(), 1, "{xml}");
    assert_eq!(xml.matches("<w:moveFrom ").count(), 3, "{xml}");
    if common::python_docx() {
        let text = common::python_docx_text(&out);
        // python-docx reads the file (it leaves text inside w:ins and w:moveFrom out).
        assert_eq!(text, vec!["!", "!", "!", "1", "x", "2", "x", ""]);
    }
}

// ---------------------------------------------------------------- 5. breaks typed inside a tag

/// A line break or tab typed inside a tag is part of the tag: the tag reads as if it were not
/// there and the value is written once, without a stray break; breaks outside tags stay.
#[test]
fn a_break_typed_inside_a_tag_goes_with_the_tag() {
    let body = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Name: {{na</w:t><w:br/><w:t>me}}</w:t>"#,
        r#"<w:tab/><w:t xml:space="preserve">after</w:t></w:r></w:p>"#,
    );
    let xml = render(body, &json!({"name": "Ada"}));
    let texts = common::paragraphs(&xml).concat();
    assert!(texts.contains("Name: Ada"), "{texts:?}");
    assert!(!xml.contains("{{") && !xml.contains("}}"), "{xml}");
    assert_eq!(
        xml.matches("<w:br/>").count(),
        0,
        "the break inside the tag goes: {xml}"
    );
    assert_eq!(
        xml.matches("<w:tab/>").count(),
        1,
        "the tab after the tag stays: {xml}"
    );
}
