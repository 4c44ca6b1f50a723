//! Which plan fields each template carries, and the projection of a plan onto them.
//!
//! [`project`] is written field by field from what each form shows (see
//! `templates/EXTRACT.md`). Where a form writes several fields as one text (a resource as
//! "Funding: description, £7.50 per week", a person as "Name, role (service)"), the projection
//! is what reads back from that text, so that it stays exact for texts that happen to contain
//! the separators.

use supportplan_core::{
    Author, Consent, EvidenceDocument, EvidenceSource, OtherPlan, Outcome, OutcomeReview,
    OutcomeStatus, Plan, Review, Step, SupportedBy, Target, WrittenBy,
};

use super::parse;
use super::{ExtractError, coventry, kirklees, termly};

/// The plan fields a template carries (shows, and [`extract`](super::extract) reads back)
/// and the ones it cannot carry, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedFields {
    /// The template id.
    pub template: &'static str,
    /// Plan fields the form carries, as paths into the plan JSON (`[]` for every list item).
    /// Some are carried only in part: `not_carried` says which part is lost.
    pub carried: &'static [&'static str],
    /// Plan fields the form cannot carry, each with the reason.
    pub not_carried: &'static [(&'static str, &'static str)],
}

/// Which plan fields a template carries, and which it cannot carry (with the reason).
/// `templates/EXTRACT.md` gives the same lists with the notes on each form's wording.
///
/// # Errors
///
/// [`ExtractError::UnknownTemplate`] for an id that is not a built-in template.
///
/// # Examples
///
/// ```
/// use supportplan_forms::extract::carried_fields;
/// let k = carried_fields("kirklees-msp-v2f")?;
/// assert!(k.carried.contains(&"outcomes[].provision[].resources[].weekly_cost_pence"));
/// assert!(!k.carried.contains(&"progress.attainment[].subject"));
/// let c = carried_fields("coventry-msp")?;
/// assert!(c.not_carried.iter().any(|(f, _)| *f == "about_me.profile"));
/// # Ok::<(), supportplan_forms::extract::ExtractError>(())
/// ```
pub fn carried_fields(template_id: &str) -> Result<CarriedFields, ExtractError> {
    match template_id {
        kirklees::ID => Ok(CarriedFields {
            template: kirklees::ID,
            carried: KIRKLEES_CARRIED,
            not_carried: KIRKLEES_NOT_CARRIED,
        }),
        termly::ID => Ok(CarriedFields {
            template: termly::ID,
            carried: TERMLY_CARRIED,
            not_carried: TERMLY_NOT_CARRIED,
        }),
        coventry::ID => Ok(CarriedFields {
            template: coventry::ID,
            carried: COVENTRY_CARRIED,
            not_carried: COVENTRY_NOT_CARRIED,
        }),
        other => Err(ExtractError::UnknownTemplate(other.to_string())),
    }
}

/// Common to all three forms: nothing records these.
const NEVER: [(&str, &str); 6] = [
    ("status", "no form shows where the plan is in its life"),
    ("previous_plan", "no form links to the previous plan"),
    ("child.preferred_name", "no form has a preferred-name box"),
    (
        "child.key_stage",
        "no form shows the key stage apart from the outcome texts",
    ),
    ("child.pupil_id", "no form has a pupil number box"),
    (
        "setting.urn, setting.contact",
        "the forms show the setting's name only",
    ),
];

const KIRKLEES_CARRIED: &[&str] = &[
    "child.name",
    "child.date_of_birth",
    "child.year_group",
    "setting.name",
    "plan_number",
    "start_date",
    "review_date",
    "other_plans[].kind",
    "consent[].given_by",
    "consent[].relationship",
    "consent[].date",
    "consent[].notes",
    "about_me.profile.written_by",
    "about_me.profile.communication",
    "about_me.profile.information_and_choice",
    "about_me.profile.admired_for",
    "about_me.profile.enjoy_in_setting",
    "about_me.profile.enjoy_out_of_setting",
    "about_me.profile.important_now",
    "about_me.profile.not_working",
    "about_me.profile.would_make_better",
    "about_me.profile.aspirations_short_term",
    "about_me.profile.aspirations_long_term",
    "about_me.story.written_by",
    "about_me.story.growing_up",
    "about_me.story.people_helping",
    "about_me.story.feelings_at_setting_and_home",
    "about_me.story.other",
    "about_me.family.written_by",
    "about_me.family.family_at_home",
    "about_me.family.community_connections",
    "about_me.family.appointment_barriers",
    "about_me.family.other",
    "about_me.parents_views.written_by",
    "about_me.parents_views.important_now",
    "about_me.parents_views.not_working",
    "about_me.parents_views.would_make_better",
    "about_me.parents_views.aspirations_short_term",
    "about_me.parents_views.aspirations_long_term",
    "needs.summary",
    "needs.cognition_and_learning",
    "needs.communication_and_interaction",
    "needs.social_emotional_mental_health",
    "needs.sensory_physical",
    "needs.preparing_for_adulthood",
    "needs.health",
    "needs.social_care",
    "outcomes[].number",
    "outcomes[].areas",
    "outcomes[].text",
    "outcomes[].supported_by",
    "outcomes[].status",
    "outcomes[].replaced_by",
    "outcomes[].steps[].text",
    "outcomes[].steps[].added_at",
    "outcomes[].steps[].ceased_at",
    "outcomes[].targets[].text",
    "outcomes[].targets[].added_at",
    "outcomes[].targets[].ceased_at",
    "outcomes[].provision[].what",
    "outcomes[].provision[].who",
    "outcomes[].provision[].frequency",
    "outcomes[].provision[].resources[].description",
    "outcomes[].provision[].resources[].funding",
    "outcomes[].provision[].resources[].weekly_cost_pence",
    "outcomes[].provision[].advice_from",
    "outcomes[].provision[].also_for_outcomes",
    "outcomes[].provision[].added_at",
    "outcomes[].provision[].ceased_at",
    "reviews[].number",
    "reviews[].date",
    "reviews[].working_well",
    "reviews[].not_working",
    "reviews[].anything_new",
    "reviews[].outcomes[].outcome",
    "reviews[].outcomes[].progress",
    "reviews[].outcomes[].narrative",
    "appendices[].source",
    "appendices[].reference",
    "appendices[].date",
];

const KIRKLEES_NOT_CARRIED: &[(&str, &str)] = &[
    NEVER[0],
    NEVER[1],
    NEVER[2],
    NEVER[3],
    NEVER[4],
    NEVER[5],
    ("chair", "the form does not name the chair"),
    ("author", "the form does not name the author"),
    ("team", "Kirklees has no My Team page"),
    (
        "other_plans[].name, other_plans[].reference, other_plans[].date",
        "the Introduction has tick boxes only",
    ),
    (
        "other_plans[] of kinds without a box (FCAF, Care Act assessment, MyPlan/EHC plan, other)",
        "the Introduction has six tick boxes",
    ),
    ("consent[].scope", "the form has one \"Signed by\" line"),
    (
        "about_me.profile.written_by when the author is a parent or carer",
        "a) has the boxes \"Me\" and \"Me with help from\" only",
    ),
    (
        "about_me.parents_views.written_by when the author is Me",
        "d) has the boxes \"My parent\" and \"My carer\" only",
    ),
    (
        "about_me.my_views, about_me.family_views",
        "Coventry pages; Kirklees has Section 1 a)–d) instead",
    ),
    ("progress", "Kirklees has no curriculum or attainment table"),
    (
        "needs.health_and_social_care_details",
        "Coventry page; Kirklees has Sections 3 and 4",
    ),
    (
        "outcomes[].advice_from",
        "only provision shows whose advice it follows",
    ),
    (
        "outcomes[].added_at, outcomes[].closed_at",
        "the outcome boxes have no review tags",
    ),
    ("outcomes[].steps[].service", "steps are one list"),
    (
        "outcomes[].provision[].context",
        "the provision table does not split education from outside it",
    ),
    (
        "reviews[] after the 3rd",
        "Section 6 has three review pages",
    ),
    (
        "reviews[].chair, .attendees, .views, .decision, .decision_notes, .next_review_date",
        "Section 6 has progress and three questions only",
    ),
    (
        "reviews[].outcomes[] termly and Coventry fields",
        "Section 6 has one progress box per outcome",
    ),
];

const TERMLY_CARRIED: &[&str] = &[
    "child.name",
    "child.date_of_birth",
    "child.year_group",
    "setting.name",
    "other_plans[].kind",
    "other_plans[].name",
    "other_plans[].reference",
    "other_plans[].date",
    "outcomes[].number",
    "outcomes[].text",
    "outcomes[].status",
    "outcomes[].replaced_by",
    "outcomes[].advice_from",
    "outcomes[].steps[].text",
    "outcomes[].steps[].added_at",
    "outcomes[].steps[].ceased_at",
    "outcomes[].provision[].context",
    "outcomes[].provision[].what",
    "outcomes[].provision[].who",
    "outcomes[].provision[].frequency",
    "outcomes[].provision[].advice_from",
    "outcomes[].provision[].also_for_outcomes",
    "outcomes[].provision[].added_at",
    "outcomes[].provision[].ceased_at",
    "reviews[].number",
    "reviews[].date",
    "reviews[].views.child",
    "reviews[].views.parent",
    "reviews[].views.school",
    "reviews[].views.practitioners",
    "reviews[].outcomes[].outcome",
    "reviews[].outcomes[].achieved_this_term",
    "reviews[].outcomes[].barriers",
    "reviews[].outcomes[].next_step",
    "reviews[].outcomes[].progress_measure",
    "reviews[].outcomes[].disagreement",
];

const TERMLY_NOT_CARRIED: &[(&str, &str)] = &[
    NEVER[0],
    NEVER[1],
    NEVER[2],
    NEVER[3],
    NEVER[4],
    NEVER[5],
    ("plan_number", "the form has no plan number"),
    (
        "start_date, review_date",
        "the form shows the academic year of the start date only",
    ),
    ("chair, author, team", "the form names no team"),
    (
        "other_plans[].reference, other_plans[].date of the six ticked kinds",
        "PEP, Child Protection, Child in Need, FCAF, Care Act assessment and MyPlan/EHC plan are tick boxes",
    ),
    ("consent", "the form has no consent line"),
    ("about_me", "the termly form has no About me pages"),
    ("progress", "the termly form has no attainment table"),
    ("needs", "the termly form has no needs section"),
    (
        "outcomes[].areas, outcomes[].supported_by",
        "outcome boxes have no area or service boxes",
    ),
    (
        "outcomes[].added_at, outcomes[].closed_at",
        "the outcome boxes have no review tags",
    ),
    ("outcomes[].targets", "the form has steps only"),
    ("outcomes[].steps[].service", "steps are one list"),
    (
        "outcomes[].provision[].resources",
        "the form has What / Who / How often only",
    ),
    (
        "outcomes[].advice_from apart from provision advice",
        "\"Using advice from\" lists the outcome's and its provision's advisers together",
    ),
    (
        "reviews[] after the 3rd",
        "the form has three progress reviews",
    ),
    (
        "reviews[].chair, .attendees, .working_well, .not_working, .anything_new, .decision, .decision_notes, .next_review_date",
        "a progress review has the views grid and the progress table only",
    ),
    (
        "reviews[].outcomes[].progress, .narrative and the Coventry fields",
        "the progress table has the termly columns",
    ),
    ("appendices", "the form has no appendices"),
];

const COVENTRY_CARRIED: &[&str] = &[
    "child.name",
    "child.year_group",
    "setting.name",
    "start_date",
    "review_date",
    "about_me.my_views",
    "about_me.family_views",
    "team.family[].name",
    "team.family[].relationship",
    "team.contributors[].name",
    "team.contributors[].role",
    "team.contributors[].service",
    "team.advice_from[].name",
    "team.advice_from[].role",
    "team.advice_from[].service",
    "progress.curriculum",
    "progress.notes",
    "progress.attainment[].subject",
    "progress.attainment[].at_start",
    "progress.attainment[].at_start_date",
    "progress.attainment[].at_review",
    "progress.attainment[].at_review_date",
    "needs.sensory_physical",
    "needs.communication_and_interaction",
    "needs.cognition_and_learning",
    "needs.social_emotional_mental_health",
    "needs.health",
    "needs.health_and_social_care_details.diagnoses",
    "needs.health_and_social_care_details.health_support",
    "needs.health_and_social_care_details.child_protection_or_in_need",
    "needs.health_and_social_care_details.social_care_support",
    "needs.health_and_social_care_details.completed_by_family",
    "outcomes[].number",
    "outcomes[].areas",
    "outcomes[].text",
    "outcomes[].status",
    "outcomes[].replaced_by",
    "outcomes[].steps[].text",
    "outcomes[].steps[].added_at",
    "outcomes[].steps[].ceased_at",
    "outcomes[].targets[].text",
    "outcomes[].targets[].added_at",
    "outcomes[].targets[].ceased_at",
    "outcomes[].provision[].what",
    "outcomes[].provision[].who",
    "outcomes[].provision[].frequency",
    "outcomes[].provision[].resources[].description",
    "outcomes[].provision[].resources[].funding",
    "outcomes[].provision[].resources[].weekly_cost_pence",
    "outcomes[].provision[].advice_from",
    "outcomes[].provision[].also_for_outcomes",
    "outcomes[].provision[].added_at",
    "outcomes[].provision[].ceased_at",
    "reviews[].number",
    "reviews[].date",
    "reviews[].outcomes[].outcome",
    "reviews[].outcomes[].provision_implemented",
    "reviews[].outcomes[].provision_implemented_notes",
    "reviews[].outcomes[].outcome_achieved",
    "reviews[].outcomes[].outcome_achieved_notes",
];

const COVENTRY_NOT_CARRIED: &[(&str, &str)] = &[
    NEVER[0],
    NEVER[1],
    NEVER[2],
    NEVER[3],
    NEVER[4],
    NEVER[5],
    (
        "child.date_of_birth, plan_number",
        "the title page has name, setting and the two dates only",
    ),
    (
        "chair",
        "shown only as \"(chair)\" after a contributor's role; the chair's own role and service are not",
    ),
    ("author", "the form does not name the author"),
    (
        "other_plans, consent",
        "the form has no tick boxes for other plans and no consent line",
    ),
    (
        "about_me.profile",
        "Coventry has no Kirklees \"About me\" prompts: My Views and My Family's Views are free pages",
    ),
    (
        "about_me.story, about_me.family, about_me.parents_views",
        "as about_me.profile",
    ),
    (
        "needs.summary, needs.preparing_for_adulthood",
        "each need page has its own summary; there is no overall summary or transitions page",
    ),
    (
        "needs.social_care apart from needs.health",
        "both are written into \"Other health and social care details\" and read back as needs.health",
    ),
    (
        "outcomes[].areas beyond the page",
        "an outcome is on one need page; it reads back with that page's area only",
    ),
    (
        "outcomes[].supported_by, outcomes[].advice_from",
        "the four-column tables have no service or advice columns",
    ),
    (
        "outcomes[].added_at, outcomes[].closed_at",
        "the outcome column has no review tags",
    ),
    (
        "outcomes[].steps[].service, outcomes[].provision[].context",
        "the columns are free text",
    ),
    (
        "reviews[]: the real number and date, every other field, earlier reviews",
        "one plan per review cycle: only the latest review's Implemented? and Achieved? columns are shown; they read back as review 1 dated with the plan review date",
    ),
    ("appendices", "the form has no appendices"),
];

/// The plan cut down to the fields `template_id` carries: what [`extract`](super::extract)
/// gives back for a form rendered from `plan`.
///
/// # Errors
///
/// [`ExtractError::UnknownTemplate`] for an id that is not a built-in template.
pub fn project(plan: &Plan, template_id: &str) -> Result<Plan, ExtractError> {
    match template_id {
        kirklees::ID => Ok(project_kirklees(plan)),
        termly::ID => Ok(termly::project(plan)),
        coventry::ID => Ok(coventry::project(plan)),
        other => Err(ExtractError::UnknownTemplate(other.to_string())),
    }
}

/// A text as a form gives it back: `None` when blank, else without spaces at either end.
pub(crate) fn txt(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(clean)
}

/// A text without spaces at either end, `None` when blank.
pub(crate) fn clean(t: &str) -> Option<String> {
    if t.trim().is_empty() {
        None
    } else {
        Some(t.trim_matches([' ', '\t', '\u{a0}']).to_string())
    }
}

/// A list as a form gives it back: blank entries left out, spaces trimmed.
pub(crate) fn list(items: &[String]) -> Vec<String> {
    items.iter().filter_map(|t| clean(t)).collect()
}

/// Entries joined with line breaks into one box, read back line by line.
pub(crate) fn joined_lines(items: &[String]) -> Vec<String> {
    clean(&items.join("\n"))
        .map(|t| parse::lines(&t))
        .unwrap_or_default()
}

/// The setting line read back: the setting's name and the child's year group.
pub(crate) fn setting_and_year(plan: &Plan, p: &mut Plan) {
    let line = crate::view::setting(plan);
    let (setting, year) = parse::setting(line.trim_matches([' ', '\t', '\u{a0}']));
    p.setting = setting;
    p.child.year_group = year;
}

fn project_kirklees(plan: &Plan) -> Plan {
    let mut p = Plan::default();
    p.child.name = clean(&plan.child.name).unwrap_or_default();
    p.child.date_of_birth = plan.child.date_of_birth;
    setting_and_year(plan, &mut p);
    p.plan_number = plan.plan_number;
    p.start_date = plan.start_date;
    p.review_date = plan.review_date;
    for (_, kind) in kirklees::OTHER_PLANS {
        if plan.other_plans.iter().any(|o| o.kind == kind) {
            p.other_plans.push(OtherPlan {
                kind,
                name: None,
                reference: None,
                date: None,
            });
        }
    }
    p.consent = plan
        .consent
        .iter()
        // The form shows one consent per line (`format::one_line`).
        .map(|c| Consent {
            given_by: crate::format::one_line(&c.given_by),
            relationship: c.relationship,
            date: c.date,
            scope: Vec::new(),
            notes: txt(&c.notes.as_deref().map(crate::format::one_line)),
        })
        .collect();

    let a = &plan.about_me;
    let helped = |w: &WrittenBy| WrittenBy {
        author: w.author,
        with_help_from: txt(&w.with_help_from),
    };
    let pr = &a.profile;
    let q = &mut p.about_me.profile;
    q.written_by = pr
        .written_by
        .as_ref()
        .filter(|w| w.author == Author::Me)
        .map(helped);
    q.communication = txt(&pr.communication);
    q.information_and_choice = txt(&pr.information_and_choice);
    q.admired_for = list(&pr.admired_for);
    q.enjoy_in_setting = list(&pr.enjoy_in_setting);
    q.enjoy_out_of_setting = list(&pr.enjoy_out_of_setting);
    q.important_now = list(&pr.important_now);
    q.not_working = list(&pr.not_working);
    q.would_make_better = list(&pr.would_make_better);
    q.aspirations_short_term = list(&pr.aspirations_short_term);
    q.aspirations_long_term = list(&pr.aspirations_long_term);
    let st = &mut p.about_me.story;
    st.written_by = a.story.written_by.as_ref().map(helped);
    st.growing_up = list(&a.story.growing_up);
    st.people_helping = list(&a.story.people_helping);
    st.feelings_at_setting_and_home = list(&a.story.feelings_at_setting_and_home);
    st.other = list(&a.story.other);
    let fam = &mut p.about_me.family;
    fam.written_by = a.family.written_by.as_ref().map(helped);
    fam.family_at_home = list(&a.family.family_at_home);
    fam.community_connections = list(&a.family.community_connections);
    fam.appointment_barriers = list(&a.family.appointment_barriers);
    fam.other = list(&a.family.other);
    let pv = &a.parents_views;
    let q = &mut p.about_me.parents_views;
    q.written_by = pv
        .written_by
        .as_ref()
        .filter(|w| w.author != Author::Me)
        .map(helped);
    q.important_now = list(&pv.important_now);
    q.not_working = list(&pv.not_working);
    q.would_make_better = list(&pv.would_make_better);
    q.aspirations_short_term = list(&pv.aspirations_short_term);
    q.aspirations_long_term = list(&pv.aspirations_long_term);

    let n = &plan.needs;
    let m = &mut p.needs;
    m.summary = txt(&n.summary);
    m.cognition_and_learning = list(&n.cognition_and_learning);
    m.communication_and_interaction = list(&n.communication_and_interaction);
    m.social_emotional_mental_health = list(&n.social_emotional_mental_health);
    m.sensory_physical = list(&n.sensory_physical);
    m.preparing_for_adulthood = list(&n.preparing_for_adulthood);
    m.health = joined_lines(&n.health);
    m.social_care = joined_lines(&n.social_care);

    for o in &plan.outcomes {
        let provision = o
            .provision
            .iter()
            .filter(|i| !crate::view::kirklees::what_text(i).is_empty())
            .map(|i| {
                let mut item = provision_read_back(i, &crate::view::kirklees::who_text(i));
                item.resources = i
                    .resources
                    .iter()
                    .map(crate::view::kirklees::resource)
                    .flat_map(|l| parse::lines(&l))
                    .map(|l| parse::resource(&l))
                    .collect();
                item
            })
            .collect();
        let out = Outcome {
            number: o.number,
            areas: o.areas.clone(),
            text: clean(&o.text).unwrap_or_default(),
            supported_by: o.supported_by,
            status: o.status,
            replaced_by: closed_replacement(o),
            steps: steps(o),
            targets: o
                .targets
                .iter()
                .filter(|t| clean(&t.text).is_some())
                .map(|t| Target {
                    text: clean(&t.text).unwrap_or_default(),
                    added_at: t.added_at,
                    ceased_at: t.ceased_at,
                })
                .collect(),
            provision,
            advice_from: Vec::new(),
            ..Outcome::default()
        };
        let empty = out.text.is_empty()
            && out.areas.is_empty()
            && out.supported_by == SupportedBy::default()
            && out.steps.is_empty()
            && out.targets.is_empty()
            && out.provision.is_empty();
        if !empty {
            p.outcomes.push(out);
        }
    }

    let numbers = outcome_numbers(plan);
    for n in 1..=3u8 {
        let Some(r) = plan.reviews.iter().find(|r| r.number == n) else {
            continue;
        };
        let mut review = Review::new(n, r.date);
        review.working_well = txt(&r.working_well);
        review.not_working = txt(&r.not_working);
        review.anything_new = txt(&r.anything_new);
        for &num in &numbers {
            if let Some(o) = r.outcome(num) {
                let narrative = txt(&o.narrative);
                if o.progress.is_some() || narrative.is_some() {
                    review.outcomes.push(OutcomeReview {
                        outcome: num,
                        progress: o.progress,
                        narrative,
                        ..OutcomeReview::default()
                    });
                }
            }
        }
        p.reviews.push(review);
    }

    for source in [
        EvidenceSource::FamilyYoungPerson,
        EvidenceSource::Education,
        EvidenceSource::Health,
        EvidenceSource::SocialCare,
        EvidenceSource::Careers,
        EvidenceSource::Other,
    ] {
        for d in plan.appendices.iter().filter(|d| d.source == source) {
            let reference = clean(&d.reference).unwrap_or_default();
            if reference.is_empty() && d.date.is_none() {
                continue;
            }
            p.appendices.push(EvidenceDocument {
                source,
                reference,
                date: d.date,
            });
        }
    }
    p
}

/// The numbers of the outcomes the review pages list: the plan's, or 1 for a plan without
/// outcomes (its one empty box).
pub(crate) fn outcome_numbers(plan: &Plan) -> Vec<u32> {
    let mut numbers: Vec<u32> = plan.outcomes.iter().map(|o| o.number).collect();
    if numbers.is_empty() {
        numbers.push(1);
    }
    numbers
}

/// The replacing outcome, shown only in the note on a closed outcome.
pub(crate) fn closed_replacement(o: &Outcome) -> Option<u32> {
    if o.status == OutcomeStatus::ClosedNoLongerAppropriate {
        o.replaced_by
    } else {
        None
    }
}

/// The steps as a form gives them back: text and stamps.
pub(crate) fn steps(o: &Outcome) -> Vec<Step> {
    o.steps
        .iter()
        .filter(|s| clean(&s.text).is_some())
        .map(|s| Step {
            text: clean(&s.text).unwrap_or_default(),
            added_at: s.added_at,
            ceased_at: s.ceased_at,
            ..Step::default()
        })
        .collect()
}

/// A provision item as its what / who / how often texts give it back (no resources, no
/// context).
pub(crate) fn provision_read_back(
    i: &supportplan_core::ProvisionItem,
    who_text: &str,
) -> supportplan_core::ProvisionItem {
    let (what, also) = parse::what(&crate::view::kirklees::what_text(i));
    let (who, advice_from) = parse::who(who_text);
    supportplan_core::ProvisionItem {
        what,
        who,
        frequency: txt(&i.frequency),
        advice_from,
        also_for_outcomes: also,
        added_at: i.added_at,
        ceased_at: i.ceased_at,
        ..supportplan_core::ProvisionItem::default()
    }
}
