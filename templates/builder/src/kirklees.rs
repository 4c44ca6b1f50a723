//! Kirklees "My Support Plan" version V2f (seed `001_14658b603fe448fc`), word for word.
//!
//! Layout: title block and introduction (page 1), Section 1 a)–d) each on a new page,
//! Section 2, Sections 3 and 4, Section 5 outcomes (portrait), the provision notes, key and
//! provision table (landscape section), the three Section 6 review pages and Section 7.

use docx_rs::{Docx, Paragraph, Table, TableCell};

use crate::common::{
    LAND_TEXT_W, TEXT_W, b, bullet, bullet_list, bullet_list_of, cell, document, empty, g,
    guidance, h1, h2, header_row, label, landscape, new_page, or_prompt, p, portrait, r, row,
    shaded, span, split, table, tag, text, tick, title,
};

/// Template id (file name without `.docx`).
pub const ID: &str = "kirklees-msp-v2f";
/// Document title (core properties).
pub const TITLE: &str = "Kirklees My Support Plan V2f";

const LEADER: &str = "………………………….";

/// Builds the document (packed and post-processed by [`crate::common::finish`]).
pub fn build() -> Docx {
    let mut doc = document("Kirklees My Support Plan V2f");
    for para in cover() {
        doc = doc.add_paragraph(para);
    }
    doc = doc.add_table(cover_table());
    for para in introduction() {
        doc = doc.add_paragraph(para);
    }
    doc = about_me(doc);
    doc = needs(doc);
    doc = outcomes(doc);
    doc = provision(doc);
    doc = reviews(doc);
    appendices(doc)
}

fn cover() -> Vec<Paragraph> {
    vec![title("My Support Plan")]
}

fn cover_table() -> Table {
    let w = split(TEXT_W, &[3, 7]);
    let rows = [
        ("Name", "child.name"),
        ("Date of birth", "child.date_of_birth"),
        ("Setting", "child.setting"),
        ("My Support Plan number", "plan.number"),
        ("Start date", "plan.start_date"),
        ("Review date", "plan.review_date"),
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

fn introduction() -> Vec<Paragraph> {
    let mut v = vec![
        empty(),
        h1("Introduction to My Support Plan"),
        text("This is My Support Plan. Included in my plan is information on;"),
        bullet(vec![r(
            "what is important to me and to my parents, including our goals and aspirations for the future;",
        )]),
        bullet(vec![r(
            "my strengths, my special educational needs (SEN) and my health and social care needs which relate to my SEN;",
        )]),
        bullet(vec![r(
            "the outcomes which will help me to move towards my goals and aspirations;",
        )]),
        bullet(vec![r(
            "the support given to me to help me to make progress towards my outcomes.",
        )]),
        empty(),
        text(
            "My plan should be a useful working plan for those involved in supporting me, and should actively promote co-ordinated support for me and my family so that I can make progress.",
        ),
        empty(),
        text("I might already have other plans in place such as (please tick as appropriate):-"),
    ];
    for (path, l) in [
        (
            "other_plans.team_around_the_family",
            "Team around the Family (TAF) Plan",
        ),
        ("other_plans.child_in_need", "Child in Need Plan"),
        ("other_plans.child_protection", "Child Protection Plan"),
        (
            "other_plans.personal_education_plan",
            "Personal Education Plan (PEP)",
        ),
        (
            "other_plans.looked_after_child_care_plan",
            "Looked After Child Care Plan",
        ),
        ("other_plans.health_care_plan", "Health Care Plan"),
    ] {
        v.push(p(vec![tick(path), r("   "), r(l)]));
    }
    v.push(empty());
    v.push(text(
        "Please gain consent of Parent/Carer when using information from plans listed above.",
    ));
    v.push(empty());
    let mut signed = vec![b("Signed by parent/carer"), r(" ")];
    signed.extend(or_prompt("consent.signed_by", "………………………………………………………………."));
    v.push(p(signed));
    v.push(empty());
    v.push(text(
        "Please see attached ‘My Support Plan - Information & Guidance’ for further information on aligning My Support Plan with existing plans, and how to act on information which indicates that a child/young person and their family may benefit from further support.",
    ));
    v
}

/// A one-column table of boxes: each box a label (bold) and its content.
fn boxes(items: Vec<Vec<Paragraph>>) -> Table {
    let rows = items
        .into_iter()
        .map(|paras| row(vec![cell(TEXT_W, paras)]))
        .collect();
    table(&[TEXT_W], rows)
}

/// A box with a bold label and a repeated bullet list.
fn list_box(l: &str, path: &str) -> Vec<Paragraph> {
    let mut v = vec![label(l)];
    v.extend(bullet_list(path));
    v
}

fn helper_line(path: &str) -> Paragraph {
    let mut runs = vec![r("with help from ")];
    runs.extend(or_prompt(path, LEADER));
    p(runs)
}

fn about_me(mut doc: Docx) -> Docx {
    // a) my profile
    let base = "about_me.profile";
    doc = doc
        .add_paragraph(new_page(h1("Section 1: About me")))
        .add_paragraph(h2("a) my profile"))
        .add_paragraph(label("My profile has been written by:"));
    let mut line = vec![
        tick(&format!("{base}.written_by.me")),
        r(" Me          "),
        tick(&format!("{base}.written_by.me_with_help")),
        r("  Me with help from "),
    ];
    line.extend(or_prompt(&format!("{base}.written_by.helper"), LEADER));
    doc = doc.add_paragraph(p(line)).add_paragraph(empty());
    let mut enjoy = vec![
        label("What I enjoy doing and what I do well"),
        text("In school/setting:"),
    ];
    enjoy.extend(bullet_list(&format!("{base}.enjoy_in_setting")));
    enjoy.push(text("Out of school/setting:"));
    enjoy.extend(bullet_list(&format!("{base}.enjoy_out_of_setting")));
    let mut goals = vec![
        label("What are my goals and aspirations for the future –"),
        text("Short term - the next 6-12 months"),
    ];
    goals.extend(bullet_list(&format!("{base}.goals_short_term")));
    goals.push(text(
        "Long term - what I want for my future beyond next year and ‘when I am an adult’",
    ));
    goals.extend(bullet_list(&format!("{base}.goals_long_term")));
    doc = doc.add_table(boxes(vec![
        vec![
            label("When and how I communicate best, and what help I need"),
            tag(&format!("{{{{{base}.communication}}}}")),
            empty(),
            label(
                "How information and choice need to be presented to me to help me make decisions",
            ),
            tag(&format!("{{{{{base}.information_and_choice}}}}")),
        ],
        list_box(
            "What people like and admire about me",
            &format!("{base}.admired"),
        ),
        enjoy,
        list_box(
            "What is important to me now",
            &format!("{base}.important_now"),
        ),
        list_box(
            "What are the things that aren’t working so well for me at the moment",
            &format!("{base}.not_working"),
        ),
        list_box(
            "What would make things better for me",
            &format!("{base}.better"),
        ),
        goals,
    ]));

    // b) my story
    let base = "about_me.story";
    doc = doc
        .add_paragraph(new_page(h1("Section 1: About me")))
        .add_paragraph(h2("b) my story (background information)"))
        .add_paragraph(p(vec![
            b("My story has been written by:"),
            r(" "),
            tick(&format!("{base}.written_by.parent")),
            r(" My parent   "),
            tick(&format!("{base}.written_by.carer")),
            r("  My carer  "),
            tick(&format!("{base}.written_by.me")),
            r("  Me"),
        ]))
        .add_paragraph(helper_line(&format!("{base}.written_by.helper")))
        .add_paragraph(empty())
        .add_table(boxes(vec![
            list_box("Growing up", &format!("{base}.growing_up")),
            list_box(
                "People involved in helping and supporting me",
                &format!("{base}.people_helping"),
            ),
            list_box(
                "How do I feel when I am at school/setting and how do I feel and behave when I come home from school/setting",
                &format!("{base}.feelings"),
            ),
            list_box(
                "Any other things which are important for you to know about me",
                &format!("{base}.other"),
            ),
        ]));

    // c) my family
    let base = "about_me.family";
    doc = doc
        .add_paragraph(new_page(h1("Section 1: About me")))
        .add_paragraph(h2("c) my family"))
        .add_paragraph(p(vec![
            b("My family has been written by:"),
            tick(&format!("{base}.written_by.parent")),
            r(" My parent  "),
            tick(&format!("{base}.written_by.carer")),
            r("  My carer "),
            tick(&format!("{base}.written_by.me")),
            r("  Me"),
        ]))
        .add_paragraph(helper_line(&format!("{base}.written_by.helper")))
        .add_paragraph(empty())
        .add_table(boxes(vec![
            list_box(
                "My family at home / extended family",
                &format!("{base}.at_home"),
            ),
            list_box(
                "Wider community connections",
                &format!("{base}.community"),
            ),
            list_box(
                "Times or days or barriers that make it difficult for me or my family to attend appointments or to meet professionals",
                &format!("{base}.appointment_barriers"),
            ),
            list_box(
                "Any other things which are important for you to know about my family",
                &format!("{base}.other"),
            ),
        ]));

    // d) my parents/carers views
    let base = "about_me.parents_views";
    let mut goals = vec![
        label("What are my goals and aspirations for my child"),
        text("Short term - the next 6-12 months"),
    ];
    goals.extend(bullet_list(&format!("{base}.goals_short_term")));
    goals.push(text(
        "Long term - what I want for my child’s future beyond next year and ‘when they are an adult’",
    ));
    goals.extend(bullet_list(&format!("{base}.goals_long_term")));
    doc.add_paragraph(new_page(h1("Section 1: About me")))
        .add_paragraph(h2("d) my parents/carers views"))
        .add_paragraph(p(vec![
            b("Written by:"),
            r(" "),
            tick(&format!("{base}.written_by.parent")),
            r(" My parent  "),
            tick(&format!("{base}.written_by.carer")),
            r("  My carer"),
        ]))
        .add_paragraph(helper_line(&format!("{base}.written_by.helper")))
        .add_paragraph(empty())
        .add_table(boxes(vec![
            list_box(
                "What is important for my child now",
                &format!("{base}.important_now"),
            ),
            list_box(
                "What is not working so well for my child at the moment",
                &format!("{base}.not_working"),
            ),
            list_box(
                "What would make things better for my child",
                &format!("{base}.better"),
            ),
            goals,
        ]))
}

fn needs(doc: Docx) -> Docx {
    doc.add_paragraph(new_page(h1("Section 2: My special educational needs")))
        .add_paragraph(text(
            "My strengths and my special educational needs are described by my family, education, health and care services.  Their assessments are listed at the end of My Support Plan.",
        ))
        .add_paragraph(empty())
        .add_table(boxes(vec![
            vec![
                label("A summary of my needs"),
                tag("{{needs.summary}}"),
                empty(),
            ],
            list_box("Cognition and Learning", "needs.cognition_and_learning"),
            list_box(
                "Communication and Interaction",
                "needs.communication_and_interaction",
            ),
            list_box("Social and Emotional", "needs.social_and_emotional"),
            list_box("Sensory and/or Physical", "needs.sensory_and_physical"),
            list_box(
                "Preparing for key transitions and/or preparing for adulthood",
                "needs.preparing_for_transitions",
            ),
        ]))
        .add_paragraph(new_page(h1(
            "Section 3: My health needs which relate to my special educational needs",
        )))
        .add_table(boxes(vec![vec![
            tag("{{health_needs}}"),
            empty(),
            empty(),
        ]]))
        .add_paragraph(empty())
        .add_paragraph(h1(
            "Section 4: My social care needs which relate to my special educational needs",
        ))
        .add_table(boxes(vec![vec![
            tag("{{social_care_needs}}"),
            empty(),
            empty(),
        ]]))
}

fn outcomes(doc: Docx) -> Docx {
    let w = split(TEXT_W, &[16, 44, 14, 12, 14]);
    let ab = w[0] + w[1];
    let cde = w[2] + w[3] + w[4];
    let title_row = header_row(vec![
        span(shaded(ab, vec![h1("Section 5: Outcomes and provision")]), 2),
        span(shaded(cde, vec![label("Supported"), label("by")]), 3),
    ]);
    let head_row = header_row(vec![
        span(
            shaded(
                ab,
                vec![
                    label("My Outcomes:-"),
                    bullet(vec![r(
                        "are what I will be able to do by the end of a phase or stage of education",
                    )]),
                    bullet(vec![r(
                        "should take into account what is important to me and help me move towards my goals and aspirations",
                    )]),
                    bullet(vec![r(
                        "should take into account what it important for me and address the area of my needs (barriers) set out in Section 2, 3 and 4 of my plan so that I can make progress. Sometimes an outcome will address more than one area of my needs and may be shared across education, health and social care",
                    )]),
                ],
            ),
            2,
        ),
        shaded(w[2], vec![label("Education")]),
        shaded(w[3], vec![label("Health")]),
        shaded(w[4], vec![label("Social Care")]),
    ]);
    let note_row = row(vec![
        shaded(
            w[0],
            vec![
                label("Explanatory note"),
                empty(),
                guidance("(Add or delete outcome boxes as appropriate)"),
            ],
        ),
        cell(
            w[1],
            vec![
                guidance("The area(s) of my needs this outcome will address: …………………………….."),
                guidance(
                    "(eg. Cognition & Learning, Communication & interaction, Social and Emotional, Sensory and Physical, Preparing for key transitions/preparing for adulthood, Health needs, Social Care needs or more than one area of need – Cognition and Learning/Communication and Interaction, Sensory and/or Physical/Health needs)",
                ),
                empty(),
                guidance("Use wording which allows the outcomes to be measurable (SMART):-"),
                guidance(
                    "Ie. By the end of key stage (Early Years Foundation Stage (EYFS)/ KS1/KS2/ KS3/KS4) &&& will be able to…………………………",
                ),
            ],
        ),
        cell(w[2], vec![]),
        cell(w[3], vec![]),
        cell(w[4], vec![]),
    ]);
    let mut area = vec![
        r("The area(s) of my needs this outcome will address"),
        r(" "),
    ];
    area.extend(or_prompt("areas", "………………………………………………"));
    let outcome_row = row(vec![
        shaded(
            w[0],
            vec![
                p(vec![r("{{#outcomes}}"), b("Outcome")]),
                label("{{number}}"),
            ],
        ),
        cell(
            w[1],
            vec![
                p(area),
                empty(),
                p(or_prompt(
                    "text",
                    "By the end of key stage……………….. will be able to……………………………..",
                )),
            ],
        ),
        cell(w[2], vec![p(vec![tick("education")])]),
        cell(w[3], vec![p(vec![tick("health")])]),
        cell(w[4], vec![p(vec![tick("social_care"), r("{{/outcomes}}")])]),
    ]);
    doc.add_paragraph(new_page(empty()))
        .add_table(table(&w, vec![title_row, head_row, note_row, outcome_row]))
        // End of the portrait part: the provision pages are landscape.
        .add_paragraph(Paragraph::new().section_property(portrait()))
}

/// The paragraphs followed by an empty one, so that a cell keeps a paragraph when a list is empty.
fn with_empty(mut paras: Vec<Paragraph>) -> Vec<Paragraph> {
    paras.push(empty());
    paras
}

fn provision_head(w: &[usize]) -> Vec<TableCell> {
    vec![
        shaded(w[0], vec![label("No. of outcome")]),
        shaded(
            w[1],
            vec![
                label("Steps I will make towards achieving this outcome"),
                guidance("(each outcome may need more than one step)"),
            ],
        ),
        shaded(
            w[2],
            vec![
                label("Short term targets"),
                guidance("(each step may need more than one target)"),
            ],
        ),
        shaded(
            w[3],
            vec![label(
                "What needs to happen to help me achieve this outcome?",
            )],
        ),
        shaded(w[4], vec![label("Who will do it?")]),
        shaded(
            w[5],
            vec![label("How often?"), guidance("(frequency and duration)")],
        ),
        shaded(
            w[6],
            vec![label("Resources required (including weekly costs)")],
        ),
    ]
}

fn provision(doc: Docx) -> Docx {
    let w = split(LAND_TEXT_W, &[8, 19, 19, 18, 13, 10, 13]);
    let notes = row(vec![
        shaded(w[0], vec![label("Notes")]),
        cell(
            w[1],
            vec![
                guidance("Use wording which allows steps to be measurable (SMART):-"),
                guidance("ie. By the end of year %%%, &&& will be able to………..."),
                empty(),
                guidance(
                    "Outcomes may be supported by education and/or health and/or social care.  Steps towards outcomes might be expressed separately for education, health and social care and should all be brought together within this plan.   Information to support this is provided in the My Support Plan Information and Guidance.",
                ),
            ],
        ),
        cell(
            w[2],
            vec![
                guidance(
                    "Use targets to ensure child/young person remains on track to achieve steps/outcomes and enable regular progress monitoring.  Use wording which allows targets to be measurable (SMART):-",
                ),
                guidance(
                    "ie.By the end for the autumn term/within the next 6 weeks, %%% will be able to…..",
                ),
                empty(),
                guidance(
                    "If adjustments need to be made to targets between reviews these should be added and dated in the appropriate section.",
                ),
            ],
        ),
        cell(
            w[3],
            vec![
                guidance(
                    "Describe provision and delivery  - ie. approaches, programmes, training, resources, materials and how they are delivered eg. in the classroom, in a small group, 1-1",
                ),
                empty(),
                guidance(
                    "Descriptions of provision must be clear and understandable to those involved ie. parents and practitioners across services.",
                ),
                guidance(
                    "Please be clear about the purpose of the provision and avoid jargon, abbreviations etc.",
                ),
            ],
        ),
        cell(
            w[4],
            vec![guidance(
                "ie. Teacher, SENCO, Teaching Assistant, Teaching Assistant with specific training or skills or health or social care professional as determined by health and social care assessments",
            )],
        ),
        cell(
            w[5],
            vec![guidance("Ie. 3xper week, 20 minutes per session")],
        ),
        cell(
            w[6],
            vec![guidance(
                "Identify where the resources come from ie Education, Health or Social Care. Where funding comes from a school’s delegated funding (Elements 1&2) provide weekly costs",
            )],
        ),
    ]);
    let body = row(vec![
        cell(
            w[0],
            vec![p(vec![r("{{#provision_rows}}"), b("{{outcome_number}}")])],
        ),
        cell(w[1], with_empty(bullet_list_of("steps", "text"))),
        cell(w[2], with_empty(bullet_list_of("targets", "text"))),
        cell(w[3], vec![tag("{{what}}")]),
        cell(w[4], vec![tag("{{who}}")]),
        cell(w[5], vec![tag("{{how_often}}")]),
        cell(
            w[6],
            vec![p(vec![r("{{resources}}"), r("{{/provision_rows}}")])],
        ),
    ]);
    let mut key = vec![
        new_page(h2("Provision")),
        text(
            "The provision (support) to meet my special educational needs (Section 2) and needs which relate to my special educational needs (Sections 3 & 4).  This provision should help me to make progress towards achieving my outcomes.",
        ),
        label("Steps I will make towards achieving my outcomes"),
        text(
            "Steps towards outcomes will also be set out in this section, leading towards the achievement of the outcomes.  They should normally be relevant for at least a year and sometimes longer.  Where appropriate, they can be expressed separately for education, health and social care.",
        ),
        label("Short term targets"),
        text(
            "These can be reviewed and amended regularly to ensure that the child/young person remains on track to achieve the outcomes.  Regular progress monitoring should always be considered in the light of the steps, outcomes and aspirations.",
        ),
        label("Key"),
        text(
            "At each review, update My Support Plan to set new targets, make adjustments to provision etc.",
        ),
        bullet(vec![r(
            "at the 1st review - add to these columns and indicate additions with an R1 and the date of the review;",
        )]),
        bullet(vec![r(
            "at the 2nd review – add to these columns and indicate additions with an R2 and the date of the review;",
        )]),
        text(
            "If a provision is no longer in place then strikethrough. If no strikethrough then this will indicate that provision is still in place and potentially being added to at the review.",
        ),
        bullet(vec![r(
            "at the 3rd review ensure all sections of My Support Plan are fully reviewed and updated to produce a ‘new’ My Support Plan.  No history of amendments need to be shown on the ‘new’ My Support Plan as the history will be recorded on the previous plan.  The number ‘My Support Plan’ should be recorded on page 1. The beginning of this key then applies again.",
        )]),
        empty(),
    ];
    let mut d = doc;
    for para in key.drain(..) {
        d = d.add_paragraph(para);
    }
    d.add_table(table(&w, vec![header_row(provision_head(&w)), notes]))
        .add_paragraph(new_page(empty()))
        .add_table(table(&w, vec![header_row(provision_head(&w)), body]))
        // End of the landscape part.
        .add_paragraph(Paragraph::new().section_property(landscape()))
}

struct Review {
    path: &'static str,
    name: &'static str,
    not_working: &'static str,
    closing: &'static [&'static str],
}

const REVIEWS: [Review; 3] = [
    Review {
        path: "review_1",
        name: "1st review (R1)",
        not_working: "What isn’t working well with provision and support and needs to finish or change?",
        closing: &[
            "At this review, update My Support Plan to set new targets, make adjustments to provision etc. Please reference these updates with an R1 and the date of the review in Section 5.",
            "If any provision is not continuing then strikethrough in Section 5. If no strikethrough then this will indicate that provision is continuing and if it is being added to following this review please reference these additions with an R1 and the date of the review.",
        ],
    },
    Review {
        path: "review_2",
        name: "2nd review (R2)",
        not_working: "What isn’t working well with provision and support and needs to finish or change?",
        closing: &[
            "At this review, update My Support Plan to set new targets, make adjustments to provision etc. Please reference these updates with an R2 and the date of the review in Section 5.",
            "If any provision is not continuing then strikethrough in Section 5. If no strikethrough then this will indicate that provision is continuing and if it is being added to following this review please reference these additions with an R2 and the date of the review.",
        ],
    },
    Review {
        path: "review_3",
        name: "3rd review",
        not_working: "What isn’t working with provision and support and needs to finish or change?",
        closing: &[
            "At this review ensure all sections of My Support Plan are fully reviewed and updated to produce a ‘new’ My Support Plan.  No history of amendments need to be shown on the ‘new’ My Support Plan as the history will be recorded on the previous plan.  The number ‘My Support Plan’ should be recorded on page 1.",
        ],
    },
];

fn reviews(mut doc: Docx) -> Docx {
    let w = split(TEXT_W, &[15, 85]);
    for (i, rv) in REVIEWS.iter().enumerate() {
        let first = if i == 0 {
            h1("Section 6: Reviewing My Support Plan")
        } else {
            new_page(h1("Section 6: Reviewing My Support Plan"))
        };
        let path = rv.path;
        let question = |q: &str, field: &str| {
            row(vec![span(
                cell(
                    TEXT_W,
                    vec![label(q), tag(&format!("{{{{{path}.{field}}}}}")), empty()],
                ),
                2,
            )])
        };
        let rows = vec![
            header_row(vec![
                shaded(w[0], vec![label("No. of outcome")]),
                shaded(
                    w[1],
                    vec![
                        label("Progress towards outcomes in My Support Plan"),
                        guidance(
                            "(to include whether the steps I will make towards achieving this outcome have been met, partly met, not met or need to be changed)",
                        ),
                    ],
                ),
            ]),
            row(vec![
                shaded(
                    w[0],
                    vec![p(vec![
                        r(&format!("{{{{#{path}.progress}}}}")),
                        b("{{number}}"),
                    ])],
                ),
                cell(
                    w[1],
                    vec![p(vec![
                        r("{{text}}"),
                        r(&format!("{{{{/{path}.progress}}}}")),
                    ])],
                ),
            ]),
            question(
                "What is working well with provision and support and needs to continue?",
                "working_well",
            ),
            question(rv.not_working, "not_working"),
            question(
                "Should anything new be introduced to match the parent/child’s goals and aspirations?",
                "anything_new",
            ),
        ];
        doc = doc
            .add_paragraph(first)
            .add_paragraph(p(vec![
                b("Date of review: "),
                r(&format!("{{{{{path}.date}}}}")),
                r("        "),
                b(rv.name),
            ]))
            .add_paragraph(empty())
            .add_table(table(&w, rows))
            .add_paragraph(empty());
        for c in rv.closing {
            doc = doc.add_paragraph(p(vec![g(c)]));
        }
    }
    doc
}

fn appendices(mut doc: Docx) -> Docx {
    let groups: [(&str, &str, &str); 6] = [
        (
            "Family/Young person",
            "(Reference (and date) below)",
            "family",
        ),
        (
            "Education",
            "(Reference (and date) eg. previous My Support Plan(s), risk assessments/positive handling assessments, behaviour log/diary)",
            "education",
        ),
        (
            "Health",
            "(Reference (and date) eg. Health Care Plan, Therapy advice, Paediatricians report)",
            "health",
        ),
        (
            "Social Care",
            "(Reference (and date) eg. TAF Plan, Child in Need Plan, Child Protection Plan, PEP, Care Plan)",
            "social_care",
        ),
        ("Careers", "", "careers"),
        ("Other evidence from other people or agencies", "", "other"),
    ];
    let w = split(TEXT_W, &[78, 22]);
    let mut rows = Vec::new();
    for (l, sub, key) in groups {
        let mut head = vec![label(l)];
        if !sub.is_empty() {
            head.push(guidance(sub));
        }
        rows.push(row(vec![span(shaded(TEXT_W, head), 2)]));
        rows.push(row(vec![
            cell(
                w[0],
                vec![tag(&format!("{{{{#appendices.{key}}}}}{{{{reference}}}}"))],
            ),
            cell(
                w[1],
                vec![tag(&format!("{{{{date}}}}{{{{/appendices.{key}}}}}"))],
            ),
        ]));
    }
    doc = doc
        .add_paragraph(new_page(h1("Section 7: Appendices")))
        .add_paragraph(h2("Documents that inform My Support Plan"))
        .add_table(table(&w, rows))
        .add_paragraph(empty())
        .add_paragraph(guidance(
            "It is good practice to make sure that the young person/parents understand what information is being used to inform the My Support Plan and that some of this information may need to be shared more widely with the professionals involved in order to work effectively together to support the child/young person.",
        ));
    doc
}
