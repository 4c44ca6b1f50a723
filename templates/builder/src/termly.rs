//! The termly "Support Plan" (seed `004_171a0e321e23d697`, most likely Sheffield's SEND
//! Support Plan), word for word, with the seed's "Comment by Author" notes as real Word comments
//! anchored on the same text.
//!
//! The first outcome box and the first Progress Review carry the comments, as on the paper form;
//! the further outcome boxes repeat over `more_outcomes` without comments (a repeated comment
//! anchor would duplicate comment ids).

use docx_rs::{Docx, Paragraph, Run, Table, TableCell};

use crate::common::{
    TEXT_W, b, bullet_list, cell, commented, document, empty, header_row, label, new_page,
    or_prompt, p, r, row, shaded, span, split, table, tag, text, tick,
};

/// Template id (file name without `.docx`).
pub const ID: &str = "termly-support-plan";
/// Document title (core properties).
pub const TITLE: &str = "Support Plan (termly review)";

/// The comments of the seed, in order (id = index + 1).
pub const COMMENTS: [&str; 17] = [
    "All young people with SEND should have some form of short term support plan that details what is being worked towards through the year. This includes those with an EHC plan and those with low level needs who do not need a more detailed My Plan. The support plan has been developed as a best practice model, though some schools may use their own versions. It is important that any support plan is reviewed regularly (reviews of strengths, needs and provision for a child with SEN should take place 3 times per year in some form) and that it records short term targets and the progress made against these. It should also clearly detail views of that review.",
    "Additional outcomes can be added to the support plan as needed by copying and pasting the outcome boxes",
    "This is a suggested format for an annual outcome. Where a young person progresses to an EHC Plan then key stage outcomes should be developed as part of the plan. You do not have to follow this wording but it may help",
    "You should detail here all the specific steps that will build up to the outcome.  This is a working document so steps may be revised or new steps added.",
    "These boxes would be updated as part of each review",
    "This will normally be Autumn term, however, in the first year of a plan this may not necessarily be the case",
    "Date of review to go here",
    "This should capture the views of all stakeholders about what has gone well for the CYP in that term",
    "This should capture the views of all stakeholders about what has not worked for the CYP in that term",
    "This can be sought prior to the meeting using person-centred resources and the child should attend at least part of the meeting if appropriate",
    "Parents should be prepared for the meeting with these questions so that they can consider their thoughts before the actual meeting.",
    "If the practitioner is not available to attend the meeting their views could be sought prior to the meeting and recorded.",
    "You should evidence what is in place to address this outcome and what progress towards the outcome has been made",
    "You should detail what is preventing progress towards the outcome",
    "Next steps should be specific in detailing what needs to happen. If everything is in place and progress is being made then detail this",
    "If the outcome is agreed as no longer appropriate it is ok to advise that the outcome should be removed or amended. If it’s to be amended it should be detailed as a new outcome below",
    "You should consider, discuss and agree the level of progress being made towards outcomes. If there is disagreement you should record this.  Include a number in this box each term against the outcome to consider the progress being made for that outcome.",
];

/// Comment `n` (1-based) as an (id, text) pair.
fn c(n: usize) -> (usize, &'static str) {
    (n, COMMENTS.get(n - 1).copied().unwrap_or_default())
}

/// A paragraph of `runs` anchored by the comments `ids`, or plain when `ids` is empty.
fn with_comments(before: Vec<Run>, runs: Vec<Run>, after: Vec<Run>, ids: &[usize]) -> Paragraph {
    let list: Vec<(usize, &str)> = ids.iter().map(|n| c(*n)).collect();
    commented(before, runs, after, &list)
}

/// Builds the document (packed and post-processed by [`crate::common::finish`]).
pub fn build() -> Docx {
    let mut doc = document("Support Plan");
    doc = doc
        .add_paragraph(with_comments(vec![], vec![r("SUPPORT PLAN")], vec![], &[1]).style("Title"))
        .add_paragraph(text(
            "To be re-set each year and reviewed termly with annual outcomes.",
        ))
        .add_paragraph(empty())
        .add_table(child_table())
        .add_paragraph(empty())
        .add_table(plans_table())
        .add_paragraph(empty())
        .add_table(outcome_table("first_outcome", true))
        .add_paragraph(empty())
        .add_paragraph(tag("{{#more_outcomes}}"))
        .add_table(outcome_table("more_outcomes", false))
        .add_paragraph(empty())
        .add_paragraph(tag("{{/more_outcomes}}"));
    for term in 1..=3 {
        doc = review(doc, term);
    }
    doc
}

fn child_table() -> Table {
    let w = split(TEXT_W, &[3, 7]);
    let rows = [
        ("Name", "child.name"),
        ("Date of birth", "child.date_of_birth"),
        ("Setting", "child.setting"),
        ("Academic year", "plan.academic_year"),
    ]
    .iter()
    .map(|(l, t)| {
        row(vec![
            shaded(w[0], vec![label(l)]),
            cell(w[1], vec![tag(&format!("{{{{{t}}}}}"))]),
        ])
    })
    .collect();
    table(&w, rows)
}

fn plans_table() -> Table {
    let w = split(TEXT_W, &[24, 9, 24, 9, 25, 9]);
    let pair = |i: usize, l: &str, path: &str| -> Vec<TableCell> {
        vec![
            shaded(w[i], vec![label(l)]),
            cell(w[i + 1], vec![p(vec![tick(&format!("plans.{path}"))])]),
        ]
    };
    let mut r1 = pair(0, "PEP", "pep");
    r1.extend(pair(2, "Child Protection Plan", "child_protection"));
    r1.extend(pair(4, "Child in Need Plan", "child_in_need"));
    let mut r2 = pair(0, "FCAF", "fcaf");
    r2.extend(pair(2, "Care Act Assessment", "care_act_assessment"));
    r2.extend(pair(4, "MyPlan/EHC Plan", "ehc_plan"));
    table(
        &w,
        vec![
            row(vec![span(
                shaded(TEXT_W, vec![label("Are the following in place?")]),
                6,
            )]),
            row(r1),
            row(r2),
            row(vec![
                span(
                    shaded(w[0] + w[1], vec![label("Any other plans in place?")]),
                    2,
                ),
                span(cell(TEXT_W - w[0] - w[1], vec![tag("{{plans.other}}")]), 4),
            ]),
        ],
    )
}

/// The outcome box, repeated over `path` (an object for the first box, a list for the others).
fn outcome_table(path: &str, first: bool) -> Table {
    let w = split(TEXT_W, &[28, 32, 20, 20]);
    let rest = w[1] + w[2] + w[3];
    let ids = |n: usize| if first { vec![n] } else { vec![] };
    let outcome_prompt = if first {
        "By the end of year ? CHILDNAME/FAMILY will be able to ….. so that ….."
    } else {
        "By the end of year ? CHILDNAME will be able to ….. so that ….."
    };
    let prompt = |field: &str, guidance: &str| -> Paragraph {
        if first {
            p(or_prompt(field, guidance))
        } else {
            tag(&format!("{{{{{field}}}}}"))
        }
    };
    // The first box is a section over one object, its tags inside the table (so the seed's
    // comments stay anchored once). Further boxes repeat as whole tables between paragraph
    // tags (see `build`), so each box stands apart with a blank line, as on the paper form.
    let (open_tag, close_tag) = if first {
        (
            vec![r(&format!("{{{{#{path}}}}}"))],
            vec![r(&format!("{{{{/{path}}}}}"))],
        )
    } else {
        (vec![], vec![])
    };
    let mut steps = bullet_list("steps");
    steps.push(empty());
    table(
        &w,
        vec![
            row(vec![
                shaded(
                    w[0],
                    vec![with_comments(
                        open_tag.clone(),
                        vec![b("Outcome for this year: "), b("{{number}}")],
                        vec![],
                        &ids(2),
                    )],
                ),
                span(
                    cell(
                        rest,
                        vec![with_comments(
                            vec![],
                            or_prompt("text", outcome_prompt),
                            vec![],
                            &ids(3),
                        )],
                    ),
                    3,
                ),
            ]),
            row(vec![
                shaded(
                    w[0],
                    vec![with_comments(
                        vec![],
                        vec![b("Steps to meet the outcome:")],
                        vec![],
                        &ids(4),
                    )],
                ),
                span(cell(rest, steps), 3),
            ]),
            row(vec![
                shaded(w[0], vec![]),
                shaded(w[1], vec![label("What")]),
                shaded(w[2], vec![label("Who")]),
                shaded(w[3], vec![label("How Often / Duration")]),
            ]),
            row(vec![
                shaded(
                    w[0],
                    vec![with_comments(
                        vec![],
                        vec![b("What is happening in education to achieve this?")],
                        vec![],
                        &ids(5),
                    )],
                ),
                cell(
                    w[1],
                    vec![prompt(
                        "education.what",
                        "This should be specific provision to meet the outcome",
                    )],
                ),
                cell(w[2], vec![tag("{{education.who}}")]),
                cell(w[3], vec![tag("{{education.how_often}}")]),
            ]),
            row(vec![
                shaded(
                    w[0],
                    vec![label(
                        "What is happening outside of education to achieve this?",
                    )],
                ),
                cell(
                    w[1],
                    vec![prompt(
                        "outside_education.what",
                        "This is most likely to come from care or health assessments, but can include family contributions",
                    )],
                ),
                cell(w[2], vec![tag("{{outside_education.who}}")]),
                cell(w[3], vec![tag("{{outside_education.how_often}}")]),
            ]),
            row(vec![
                shaded(w[0], vec![label("Using advice from:")]),
                span(
                    cell(
                        rest,
                        vec![{
                            let mut runs = if first {
                                or_prompt("advice_from", "Name who and what their role is")
                            } else {
                                vec![r("{{advice_from}}")]
                            };
                            runs.extend(close_tag.clone());
                            p(runs)
                        }],
                    ),
                    3,
                ),
            ]),
        ],
    )
}

fn review(doc: Docx, term: usize) -> Docx {
    let first = term == 1;
    let ids = |n: &[usize]| if first { n.to_vec() } else { vec![] };
    let base = format!("review_{term}");
    let heading = with_comments(
        vec![],
        vec![r(&format!("Progress Review Term {term}"))],
        vec![],
        &ids(&[6]),
    )
    .style("Heading1");
    let w = split(TEXT_W, &[26, 37, 37]);
    let view_row = |l: &str, key: &str, comment: &[usize]| {
        row(vec![
            shaded(
                w[0],
                vec![with_comments(vec![], vec![b(l)], vec![], &ids(comment))],
            ),
            cell(
                w[1],
                vec![tag(&format!("{{{{{base}.views.{key}.working}}}}")), empty()],
            ),
            cell(
                w[2],
                vec![tag(&format!("{{{{{base}.views.{key}.not_working}}}}"))],
            ),
        ])
    };
    let views = table(
        &w,
        vec![
            header_row(vec![
                shaded(
                    w[0],
                    vec![with_comments(
                        vec![],
                        vec![b("Date:")],
                        vec![r(" "), r(&format!("{{{{{base}.date}}}}"))],
                        &ids(&[7]),
                    )],
                ),
                shaded(
                    w[1],
                    vec![with_comments(
                        vec![],
                        vec![b("What’s working")],
                        vec![],
                        &ids(&[8]),
                    )],
                ),
                shaded(
                    w[2],
                    vec![with_comments(
                        vec![],
                        vec![b("What’s not working / Barriers to achievement")],
                        vec![],
                        &ids(&[9]),
                    )],
                ),
            ]),
            view_row("Child View", "child", &[10]),
            view_row("Parent View", "parent", &[11]),
            view_row("School View", "school", &[]),
            view_row("Practitioners Views (include who)", "practitioners", &[12]),
        ],
    );
    let kw = split(TEXT_W, &[26, 74]);
    let key = table(
        &kw,
        vec![row(vec![
            shaded(kw[0], vec![label("Progress measure key"), label("(1-5)")]),
            cell(
                kw[1],
                vec![
                    text(
                        "1. No progress or deterioration    2. Limited Progress    3. Moderate Progress",
                    ),
                    text("4. Significant Progress    5. Achieved"),
                ],
            ),
        ])],
    );
    let pw = split(TEXT_W, &[12, 25, 22, 27, 14]);
    let head = |i: usize, l: &str, n: &[usize]| {
        shaded(
            pw[i],
            vec![with_comments(vec![], vec![b(l)], vec![], &ids(n))],
        )
    };
    let progress = table(
        &pw,
        vec![
            header_row(vec![
                shaded(pw[0], vec![label("Outcome no.")]),
                head(1, "What has been achieved in the past term?", &[13]),
                head(2, "Barriers to progress", &[14]),
                head(
                    3,
                    "What do we need to do to achieve the next step/outcome",
                    &[15, 16],
                ),
                head(4, "Progress Measure (1-5)", &[17]),
            ]),
            row(vec![
                cell(
                    pw[0],
                    vec![p(vec![
                        r(&format!("{{{{#{base}.progress}}}}")),
                        r("{{outcome_number}}"),
                    ])],
                ),
                cell(pw[1], vec![tag("{{achieved}}"), empty()]),
                cell(pw[2], vec![tag("{{barriers}}")]),
                cell(pw[3], vec![tag("{{next_steps}}")]),
                cell(
                    pw[4],
                    vec![p(vec![
                        r("{{measure}}"),
                        r(&format!("{{{{/{base}.progress}}}}")),
                    ])],
                ),
            ]),
        ],
    );
    doc.add_paragraph(new_page(heading))
        .add_table(views)
        .add_paragraph(empty())
        .add_table(key)
        .add_paragraph(empty())
        .add_table(progress)
}

#[cfg(test)]
mod tests {
    #[test]
    fn seventeen_comments() {
        assert_eq!(super::COMMENTS.len(), 17);
        assert!(super::COMMENTS.iter().all(|c| !c.is_empty()));
    }
}
