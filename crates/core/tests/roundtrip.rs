//! Property tests: any text, money and dates survive a JSON round trip exactly, and no input
//! makes reading or checking panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use proptest::prelude::*;
use supportplan_core::{Pence, Plan, check_json, check_json_bytes};

fn primary() -> Plan {
    let path = format!(
        "{}/../../fixtures/plans/primary-full.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Plan::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

proptest! {
    #[test]
    fn any_text_money_and_date_round_trips(
        name in any::<String>(),
        bullet in any::<String>(),
        pence in any::<u64>(),
        days in 0i64..80_000,
    ) {
        let mut plan = primary();
        plan.child.name = name;
        plan.about_me.profile.admired_for.push(bullet.clone());
        plan.outcomes[0].provision[0].resources[0].weekly_cost_pence = Some(Pence(pence));
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        plan.start_date = Some(date);
        plan.outcomes[1].steps[0].text = bullet;
        let json = plan.to_json_pretty().unwrap();
        prop_assert_eq!(Plan::from_json(&json).unwrap(), plan);
    }

    #[test]
    fn checking_never_panics(input in any::<String>(), bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = check_json(&input);
        let _ = check_json_bytes(&bytes);
        let _ = Plan::from_json(&input);
    }

    #[test]
    fn mutated_fixtures_never_panic(cut in 0usize..18_000, junk in "[\\[\\]{}\",:0-9a-z ]{0,8}") {
        let json = primary().to_json_pretty().unwrap();
        let cut = json.char_indices().map(|(i, _)| i).find(|i| *i >= cut.min(json.len())).unwrap_or(json.len());
        let mutated = format!("{}{junk}{}", &json[..cut], &json[cut..]);
        let _ = check_json(&mutated);
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let report = check_json(&deep);
    assert!(report.has_errors());
}
