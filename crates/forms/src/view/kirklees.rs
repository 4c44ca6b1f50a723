//! The view of the Kirklees My Support Plan V2f (`kirklees-msp-v2f`).

use serde_json::{Value, json};
use supportplan_core::{
    Author, ConsentGiver, EvidenceSource, NeedArea, OtherPlanKind, Outcome, OutcomeStatus, Plan,
    ProvisionItem, Resource, WrittenBy,
};

use super::{review, s, setting};
use crate::format::{StampStyle, Stamped, date, lines, money, one_line, opt_date, person};

const STYLE: StampStyle = StampStyle::Kirklees;

/// The Kirklees wording of an area of need (Section 2 headings and the Section 5 note).
pub(crate) fn area_label(a: NeedArea) -> &'static str {
    match a {
        NeedArea::CognitionAndLearning => "Cognition and Learning",
        NeedArea::CommunicationAndInteraction => "Communication and Interaction",
        NeedArea::SocialEmotionalMentalHealth => "Social and Emotional",
        NeedArea::SensoryPhysical => "Sensory and/or Physical",
        NeedArea::PreparingForAdulthood => {
            "Preparing for key transitions and/or preparing for adulthood"
        }
        NeedArea::Health => "Health needs",
        NeedArea::SocialCare => "Social Care needs",
    }
}

fn written_by(w: &Option<WrittenBy>) -> (bool, bool, bool, String) {
    match w {
        Some(w) => (
            w.author == Author::Parent,
            w.author == Author::Carer,
            w.author == Author::Me,
            s(&w.with_help_from),
        ),
        None => (false, false, false, String::new()),
    }
}

fn consent_line(plan: &Plan) -> String {
    let mut out = Vec::new();
    for c in &plan.consent {
        let mut line = one_line(&c.given_by);
        if let Some(r) = c.relationship {
            line.push_str(match r {
                ConsentGiver::Parent => " (parent)",
                ConsentGiver::Carer => " (carer)",
                ConsentGiver::YoungPerson => " (young person)",
            });
        }
        if let Some(d) = c.date {
            line.push_str(", ");
            line.push_str(&date(d));
        }
        if let Some(n) = c.notes.as_deref().filter(|n| !n.is_empty()) {
            line.push_str(" – ");
            line.push_str(&one_line(n));
        }
        out.push(line);
    }
    lines(&out)
}

/// One resource: `Funding: description, £7.50 per week`.
pub(crate) fn resource(r: &Resource) -> String {
    let mut s = String::new();
    if let Some(f) = r.funding {
        s.push_str(f.label());
        s.push_str(": ");
    }
    s.push_str(&r.description);
    if let Some(c) = r.weekly_cost_pence {
        s.push_str(", ");
        s.push_str(&money(c));
        s.push_str(" per week");
    }
    s
}

/// The "what" text with its cross-references: `… (also towards outcome 3)`.
pub(crate) fn what_text(p: &ProvisionItem) -> String {
    let mut what = p.what.clone();
    if !p.also_for_outcomes.is_empty() {
        let nums: Vec<String> = p.also_for_outcomes.iter().map(u32::to_string).collect();
        what.push_str(&format!(
            " (also towards outcome{} {})",
            if nums.len() > 1 { "s" } else { "" },
            nums.join(", ")
        ));
    }
    what
}

/// The "who" text with the advice it follows: `Teaching assistant (advice from …)`.
pub(crate) fn who_text(p: &ProvisionItem) -> String {
    let mut who = s(&p.who);
    if !p.advice_from.is_empty() {
        let advisers: Vec<String> = p.advice_from.iter().map(person).collect();
        if !who.is_empty() {
            who.push(' ');
        }
        who.push_str(&format!("(advice from {})", advisers.join("; ")));
    }
    who
}

/// The outcome text, with a note when it was closed at a review.
pub(crate) fn outcome_text(o: &Outcome) -> String {
    let mut text = o.text.clone();
    if o.status == OutcomeStatus::ClosedNoLongerAppropriate {
        text.push_str(" (no longer appropriate");
        if let Some(n) = o.replaced_by {
            text.push_str(&format!("; replaced by outcome {n}"));
        }
        text.push(')');
    }
    text
}

fn provision_rows(o: &Outcome) -> Vec<Value> {
    let steps: Vec<Value> = o
        .steps
        .iter()
        .map(|st| {
            let r = Stamped::new(&st.text, st.added_at.as_ref(), st.ceased_at.as_ref());
            json!({"text": r.rich(STYLE).to_value()})
        })
        .collect();
    let targets: Vec<Value> = o
        .targets
        .iter()
        .map(|t| {
            let r = Stamped::new(&t.text, t.added_at.as_ref(), t.ceased_at.as_ref());
            json!({"text": r.rich(STYLE).to_value()})
        })
        .collect();
    let number = o.number.to_string();
    if o.provision.is_empty() {
        return vec![json!({
            "outcome_number": number,
            "steps": steps,
            "targets": targets,
            "what": "", "who": "", "how_often": "", "resources": "",
        })];
    }
    let mut rows = Vec::new();
    for (i, p) in o.provision.iter().enumerate() {
        let ceased = p.ceased_at.is_some();
        let what = what_text(p);
        let resources: Vec<String> = p.resources.iter().map(resource).collect();
        let (st, tg) = if i == 0 {
            (steps.clone(), targets.clone())
        } else {
            (Vec::new(), Vec::new())
        };
        rows.push(json!({
            "outcome_number": number,
            "steps": st,
            "targets": tg,
            "what": Stamped::new(&what, p.added_at.as_ref(), p.ceased_at.as_ref()).rich(STYLE).to_value(),
            "who": Stamped::companion(&who_text(p), ceased).to_value(),
            "how_often": Stamped::companion(&s(&p.frequency), ceased).to_value(),
            "resources": Stamped::companion(&lines(&resources), ceased).to_value(),
        }));
    }
    rows
}

fn review_page(plan: &Plan, number: u8, outcome_numbers: &[u32]) -> Value {
    let r = review(plan, number);
    let progress: Vec<Value> = outcome_numbers
        .iter()
        .map(|&n| {
            let text = r
                .and_then(|r| r.outcome(n))
                .map(|o| {
                    let label = o.progress.map(|p| p.label().to_string());
                    match (label, o.narrative.as_deref().filter(|t| !t.is_empty())) {
                        (Some(l), Some(t)) => format!("{l}: {t}"),
                        (Some(l), None) => l,
                        (None, Some(t)) => t.to_string(),
                        (None, None) => String::new(),
                    }
                })
                .unwrap_or_default();
            json!({"number": n.to_string(), "text": text})
        })
        .collect();
    json!({
        "date": r.map(|r| date(r.date)).unwrap_or_default(),
        "progress": progress,
        "working_well": r.map(|r| s(&r.working_well)).unwrap_or_default(),
        "not_working": r.map(|r| s(&r.not_working)).unwrap_or_default(),
        "anything_new": r.map(|r| s(&r.anything_new)).unwrap_or_default(),
    })
}

fn appendix(plan: &Plan, source: EvidenceSource) -> Value {
    let rows: Vec<Value> = plan
        .appendices
        .iter()
        .filter(|a| a.source == source)
        .map(|a| json!({"reference": a.reference, "date": opt_date(a.date)}))
        .collect();
    if rows.is_empty() {
        json!([{"reference": "", "date": ""}])
    } else {
        Value::Array(rows)
    }
}

/// The Kirklees view of a plan.
pub(crate) fn view(plan: &Plan) -> Value {
    let has = |k: OtherPlanKind| plan.other_plans.iter().any(|p| p.kind == k);
    let a = &plan.about_me;
    let pr = &a.profile;
    let (me, me_with_help, helper) = match &pr.written_by {
        Some(w) if w.author == Author::Me => {
            let help = s(&w.with_help_from);
            (help.is_empty(), !help.is_empty(), help)
        }
        Some(w) => (false, false, s(&w.with_help_from)),
        None => (false, false, String::new()),
    };
    let (sp, sc, sm, sh) = written_by(&a.story.written_by);
    let (fp, fc, fm, fh) = written_by(&a.family.written_by);
    let (vp, vc, _, vh) = written_by(&a.parents_views.written_by);
    let n = &plan.needs;

    let mut outcomes = Vec::new();
    let mut rows = Vec::new();
    for o in &plan.outcomes {
        let areas: Vec<&str> = o.areas.iter().map(|a| area_label(*a)).collect();
        outcomes.push(json!({
            "number": o.number.to_string(),
            "areas": areas.join("/"),
            "text": outcome_text(o),
            "education": o.supported_by.education,
            "health": o.supported_by.health,
            "social_care": o.supported_by.social_care,
        }));
        rows.extend(provision_rows(o));
    }
    let mut numbers: Vec<u32> = plan.outcomes.iter().map(|o| o.number).collect();
    if outcomes.is_empty() {
        // A plan without outcomes yet keeps one empty, numbered box to write in.
        outcomes.push(json!({"number": "1", "areas": "", "text": "",
            "education": false, "health": false, "social_care": false}));
        rows.push(json!({"outcome_number": "1", "steps": [], "targets": [],
            "what": "", "who": "", "how_often": "", "resources": ""}));
        numbers.push(1);
    }

    json!({
        "child": {
            "name": plan.child.name,
            "date_of_birth": opt_date(plan.child.date_of_birth),
            "setting": setting(plan),
        },
        "plan": {
            "number": plan.plan_number.map(|n| n.to_string()).unwrap_or_default(),
            "start_date": opt_date(plan.start_date),
            "review_date": opt_date(plan.review_date),
        },
        "other_plans": {
            "team_around_the_family": has(OtherPlanKind::TeamAroundTheFamily),
            "child_in_need": has(OtherPlanKind::ChildInNeed),
            "child_protection": has(OtherPlanKind::ChildProtection),
            "personal_education_plan": has(OtherPlanKind::PersonalEducationPlan),
            "looked_after_child_care_plan": has(OtherPlanKind::LookedAfterChildCarePlan),
            "health_care_plan": has(OtherPlanKind::HealthCarePlan),
        },
        "consent": {"signed_by": consent_line(plan)},
        "about_me": {
            "profile": {
                "written_by": {"me": me, "me_with_help": me_with_help, "helper": helper},
                "communication": s(&pr.communication),
                "information_and_choice": s(&pr.information_and_choice),
                "admired": pr.admired_for,
                "enjoy_in_setting": pr.enjoy_in_setting,
                "enjoy_out_of_setting": pr.enjoy_out_of_setting,
                "important_now": pr.important_now,
                "not_working": pr.not_working,
                "better": pr.would_make_better,
                "goals_short_term": pr.aspirations_short_term,
                "goals_long_term": pr.aspirations_long_term,
            },
            "story": {
                "written_by": {"parent": sp, "carer": sc, "me": sm, "helper": sh},
                "growing_up": a.story.growing_up,
                "people_helping": a.story.people_helping,
                "feelings": a.story.feelings_at_setting_and_home,
                "other": a.story.other,
            },
            "family": {
                "written_by": {"parent": fp, "carer": fc, "me": fm, "helper": fh},
                "at_home": a.family.family_at_home,
                "community": a.family.community_connections,
                "appointment_barriers": a.family.appointment_barriers,
                "other": a.family.other,
            },
            "parents_views": {
                "written_by": {"parent": vp, "carer": vc, "helper": vh},
                "important_now": a.parents_views.important_now,
                "not_working": a.parents_views.not_working,
                "better": a.parents_views.would_make_better,
                "goals_short_term": a.parents_views.aspirations_short_term,
                "goals_long_term": a.parents_views.aspirations_long_term,
            },
        },
        "needs": {
            "summary": s(&n.summary),
            "cognition_and_learning": n.cognition_and_learning,
            "communication_and_interaction": n.communication_and_interaction,
            "social_and_emotional": n.social_emotional_mental_health,
            "sensory_and_physical": n.sensory_physical,
            "preparing_for_transitions": n.preparing_for_adulthood,
        },
        "health_needs": lines(&n.health),
        "social_care_needs": lines(&n.social_care),
        "outcomes": outcomes,
        "provision_rows": rows,
        "review_1": review_page(plan, 1, &numbers),
        "review_2": review_page(plan, 2, &numbers),
        "review_3": review_page(plan, 3, &numbers),
        "appendices": {
            "family": appendix(plan, EvidenceSource::FamilyYoungPerson),
            "education": appendix(plan, EvidenceSource::Education),
            "health": appendix(plan, EvidenceSource::Health),
            "social_care": appendix(plan, EvidenceSource::SocialCare),
            "careers": appendix(plan, EvidenceSource::Careers),
            "other": appendix(plan, EvidenceSource::Other),
        },
    })
}
