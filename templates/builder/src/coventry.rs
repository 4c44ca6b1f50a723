//! The Coventry "My Support Plan" as Section 3 of the Coventry guide (seed
//! `000_671c87dfc6cfd9c6`) describes it page by page: title page, My Views, My Family's Views,
//! My Team, My Progress, the four areas of need (summary and the four-column outcomes /
//! provision / review table), Health and Social Care details.
//!
//! The guide's prompts appear as guidance while the matching field is empty
//! (`{{^field}}…{{/field}}`), so the blank form shows them and a filled plan does not.

use docx_rs::{Docx, Shading, ShdType, TableCell};

use crate::common::{
    TEXT_W, b, bullet, cell, document, empty, guidance, h1, h2, header_row, label, new_page, p, r,
    row, shaded, split, table, tag, title,
};

/// Template id (file name without `.docx`).
pub const ID: &str = "coventry-msp";
/// Document title (core properties).
pub const TITLE: &str = "Coventry My Support Plan";

/// The four areas of need in the guide's order and wording: (view key, page heading).
pub const AREAS: [(&str, &str); 4] = [
    ("physical_and_sensory", "Physical and Sensory Needs"),
    (
        "language_and_communication",
        "Language and Communication Needs",
    ),
    ("cognition_and_learning", "Cognition and Learning Needs"),
    ("social_and_emotional", "Social and Emotional Needs"),
];

const DARK_BLUE: &str = "1F3864";

/// Builds the document (packed and post-processed by [`crate::common::finish`]).
pub fn build() -> Docx {
    let mut doc = document("Coventry My Support Plan");
    doc = title_page(doc);
    doc = views_page(
        doc,
        "My Views",
        "my_views",
        "This page has deliberately been left blank, to allow the child or young person to choose the most appropriate way of sharing their views with the people who will read their plan.",
        &[
            "How the child or young person views themselves",
            "Their hopes and aspirations",
            "Their strengths",
            "Things that they find difficult",
            "Things that help them to overcome their difficulties",
        ],
    );
    doc = views_page(
        doc,
        "My Family’s Views",
        "family_views",
        "This page has deliberately been left blank, to allow parents and carers to choose the most appropriate way of sharing their views with the people who will read their son or daughter’s plan.",
        &[
            "How parents or carers view their son or daughter",
            "Their hopes and aspirations for their son or daughter",
            "Their son or daughter’s strengths",
            "Things that their son or daughter finds difficult",
            "Things that help them to overcome their difficulties",
        ],
    );
    doc = team_page(doc);
    doc = progress_page(doc);
    for (key, heading) in AREAS {
        doc = area_page(doc, key, heading);
    }
    health_page(doc)
}

fn title_page(doc: Docx) -> Docx {
    let w = split(TEXT_W, &[3, 7]);
    let rows = [
        (
            "Name",
            "child.name",
            "the name of the child or young person",
        ),
        (
            "Educational setting",
            "child.setting",
            "the educational setting they are currently attending",
        ),
        (
            "Plan start date",
            "plan.start_date",
            "the date for the first support plan meeting",
        ),
        (
            "Plan review date",
            "plan.review_date",
            "the date of the review meeting",
        ),
    ]
    .iter()
    .map(|(l, t, hint)| {
        row(vec![
            shaded(w[0], vec![label(l)]),
            cell(
                w[1],
                vec![p(vec![
                    r(&format!("{{{{^{t}}}}}")),
                    crate::common::g(&format!("({hint})")),
                    r(&format!("{{{{/{t}}}}}")),
                    r(&format!("{{{{{t}}}}}")),
                ])],
            ),
        ])
    })
    .collect();
    doc.add_paragraph(empty())
        .add_paragraph(empty())
        .add_paragraph(title("My Support Plan"))
        .add_paragraph(empty())
        .add_table(table(&w, rows))
}

/// A free page: guidance (shown while empty) and the text.
fn views_page(doc: Docx, heading: &str, key: &str, intro: &str, points: &[&str]) -> Docx {
    let mut doc = doc
        .add_paragraph(new_page(h1(heading)))
        .add_paragraph(tag(&format!("{{{{^{key}}}}}")))
        .add_paragraph(guidance(intro))
        .add_paragraph(guidance(
            "It would be helpful to include information about:",
        ));
    for point in points {
        doc = doc.add_paragraph(bullet(vec![crate::common::g(point)]));
    }
    if key == "family_views" {
        doc = doc.add_paragraph(guidance(
            "Parents can choose to write this section themselves or in collaboration with you.",
        ));
    }
    doc.add_paragraph(tag(&format!("{{{{/{key}}}}}")))
        .add_paragraph(tag(&format!("{{{{{key}}}}}")))
}

fn head_cells(widths: &[usize], labels: &[&str]) -> Vec<TableCell> {
    widths
        .iter()
        .zip(labels)
        .map(|(w, l)| shaded(*w, vec![label(l)]))
        .collect()
}

/// A repeated row over `path` with one cell per field.
fn list_row(widths: &[usize], path: &str, fields: &[&str]) -> docx_rs::TableRow {
    let n = fields.len();
    let cells = widths
        .iter()
        .zip(fields)
        .enumerate()
        .map(|(i, (w, f))| {
            let mut runs = Vec::new();
            if i == 0 {
                runs.push(r(&format!("{{{{#{path}}}}}")));
            }
            runs.push(r(&format!("{{{{{f}}}}}")));
            if i + 1 == n {
                runs.push(r(&format!("{{{{/{path}}}}}")));
            }
            cell(*w, vec![p(runs)])
        })
        .collect();
    row(cells)
}

fn team_page(doc: Docx) -> Docx {
    let w2 = split(TEXT_W, &[50, 50]);
    let w3 = split(TEXT_W, &[34, 33, 33]);
    doc.add_paragraph(new_page(h1("My Team")))
        .add_paragraph(h2("People in My Family"))
        .add_paragraph(guidance(
            "Family members who play a significant role in supporting the child or young person.",
        ))
        .add_table(table(
            &w2,
            vec![
                header_row(head_cells(&w2, &["Name", "Relationship"])),
                list_row(&w2, "team.family", &["name", "relationship"]),
            ],
        ))
        .add_paragraph(empty())
        .add_paragraph(h2("Contributing to My Plan"))
        .add_paragraph(guidance(
            "Only people who attended the First My Support Plan meeting should be recorded as contributing to My Plan and professionals who have contributed advice.",
        ))
        .add_table(table(
            &w2,
            vec![
                header_row(head_cells(&w2, &["Name", "Role"])),
                list_row(&w2, "team.contributors", &["name", "role"]),
            ],
        ))
        .add_paragraph(empty())
        .add_paragraph(h2("Professionals who have contributed advice"))
        .add_table(table(
            &w3,
            vec![
                header_row(head_cells(&w3, &["Name", "Role", "Service"])),
                list_row(&w3, "team.advice", &["name", "role", "service"]),
            ],
        ))
}

fn progress_page(doc: Docx) -> Docx {
    let w = split(TEXT_W, &[34, 33, 33]);
    let cw = split(TEXT_W, &[34, 66]);
    doc.add_paragraph(new_page(h1("My Progress")))
        .add_table(table(
            &cw,
            vec![row(vec![
                shaded(
                    cw[0],
                    vec![
                        label("Curriculum against which my progress is measured"),
                        guidance("(e.g. EYFS, Stepping Stones or P Scales)"),
                    ],
                ),
                cell(cw[1], vec![tag("{{progress.curriculum}}")]),
            ])],
        ))
        .add_paragraph(empty())
        .add_paragraph(h2("Attainment in core curriculum subjects"))
        .add_paragraph(guidance(
            "In order for progress to be measured, attainment should be assessed prior to the plan being written and then again when the plan is reviewed.",
        ))
        .add_table(table(
            &w,
            vec![
                header_row(head_cells(
                    &w,
                    &[
                        "Subject",
                        "Attainment at the start of the plan",
                        "Attainment at review",
                    ],
                )),
                list_row(
                    &w,
                    "progress.attainment",
                    &["subject", "at_start", "at_review"],
                ),
            ],
        ))
}

/// A dark blue header cell (the guide's "Dark Blue Boxes", completed at the review meeting).
fn dark(width: usize, title: &str, hint: &str) -> TableCell {
    cell(
        width,
        vec![
            p(vec![b(title).color("FFFFFF")]),
            p(vec![r(hint).italic().color("FFFFFF")]),
        ],
    )
    .shading(
        Shading::new()
            .shd_type(ShdType::Clear)
            .color("auto")
            .fill(DARK_BLUE),
    )
}

fn area_page(doc: Docx, key: &str, heading: &str) -> Docx {
    let w = split(TEXT_W, &[32, 32, 18, 18]);
    let base = format!("areas.{key}");
    let summary = table(
        &[TEXT_W],
        vec![
            row(vec![shaded(TEXT_W, vec![label("Summary")])]),
            row(vec![cell(
                TEXT_W,
                vec![
                    p(vec![
                        r(&format!("{{{{^{base}.summary}}}}")),
                        crate::common::g(
                            "The key points shared by the family and professionals at the meeting, in a short written summary agreed by those present.",
                        ),
                        r(&format!("{{{{/{base}.summary}}}}")),
                        r(&format!("{{{{{base}.summary}}}}")),
                    ]),
                    empty(),
                ],
            )]),
        ],
    );
    let rows = table(
        &w,
        vec![
            header_row(vec![
                shaded(
                    w[0],
                    vec![
                        label("Outcomes"),
                        guidance(
                            "Specific, measurable, agreed by all those present, realistic and achievable by the time of the review meeting",
                        ),
                    ],
                ),
                shaded(
                    w[1],
                    vec![label("Provision"), guidance("Specific and quantified")],
                ),
                dark(
                    w[2],
                    "Implemented?",
                    "Was the support listed in column 2 implemented? (at review)",
                ),
                dark(
                    w[3],
                    "Achieved?",
                    "Has the child or young person achieved the outcome listed in column 1? (at review)",
                ),
            ]),
            list_row(
                &w,
                &format!("{base}.rows"),
                &["outcome", "provision", "implemented", "achieved"],
            ),
        ],
    );
    doc.add_paragraph(new_page(h1(heading)))
        .add_table(summary)
        .add_paragraph(empty())
        .add_table(rows)
}

fn health_page(doc: Docx) -> Docx {
    let w = split(TEXT_W, &[40, 60]);
    let items = [
        (
            "Has received a diagnosis from a health professional",
            "diagnosis",
        ),
        (
            "Is currently receiving support from health professionals",
            "health_support",
        ),
        (
            "Has, or is currently subject to, a child protection or child in need plan",
            "child_protection_or_in_need",
        ),
        (
            "Is currently in receipt of any other form of support from Social Care",
            "social_care_support",
        ),
    ];
    let rows = items
        .iter()
        .map(|(l, k)| {
            row(vec![
                shaded(w[0], vec![label(l)]),
                cell(
                    w[1],
                    vec![tag(&format!("{{{{health_and_social_care.{k}}}}}")), empty()],
                ),
            ])
        })
        .collect();
    let mut doc = doc
        .add_paragraph(new_page(h1("Health and Social Care details")))
        .add_paragraph(guidance(
            "This section should be completed if the child or young person:",
        ));
    for (l, _) in items {
        doc = doc.add_paragraph(bullet(vec![crate::common::g(l)]));
    }
    doc.add_paragraph(guidance(
        "The family should be given the opportunity to complete this section of the plan during the meeting.",
    ))
    .add_paragraph(empty())
    .add_table(table(&w, rows))
    .add_paragraph(empty())
    .add_table(table(
        &[TEXT_W],
        vec![
            row(vec![shaded(TEXT_W, vec![label("Other health and social care details")])]),
            row(vec![cell(
                TEXT_W,
                vec![tag("{{health_and_social_care.other}}"), empty()],
            )]),
        ],
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn four_areas_in_the_guides_order() {
        let names: Vec<&str> = super::AREAS.iter().map(|a| a.1).collect();
        assert_eq!(names[0], "Physical and Sensory Needs");
        assert_eq!(names[3], "Social and Emotional Needs");
    }
}
