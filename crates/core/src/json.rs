//! Reading JSON into a [`Plan`]: syntax, malformed dates (all of them, in one pass over the
//! JSON tree) and structural errors (unknown fields, wrong types) with their JSON pointers.
//!
//! Nothing here copies a value from the input into an issue: serde's messages can quote the
//! offending value, so they are classified and replaced by fixed wording; only the "expected
//! …" part, which comes from the model, is kept.

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;
use crate::plan::Plan;
use crate::validate::{Code, Issue};

/// A valid date put in place of a malformed one so that structural checks can go on.
const PLACEHOLDER_DATE: &str = "2000-01-01";

/// The result of reading JSON: the plan (or other document) if it could be built, the
/// structural issues, and whether malformed dates were replaced (so date-order checks must be
/// skipped).
pub(crate) struct Parsed<T = Plan> {
    pub(crate) plan: Option<T>,
    pub(crate) issues: Vec<Issue>,
    pub(crate) dates_replaced: bool,
    /// JSON pointers of fields removed after a structural error; rule checks must not report
    /// on them or below them.
    pub(crate) removed: Vec<String>,
}

/// Reads a plan or another document of the model, failing with the first structural issue
/// found (its code, location and fixed message; never the value).
pub(crate) fn parse_as<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let parsed = parse_doc::<T>(json);
    match parsed.plan {
        Some(doc) if parsed.issues.is_empty() => Ok(doc),
        _ => Err(match parsed.issues.into_iter().next() {
            Some(issue) => Error::Json {
                code: issue.code.as_str(),
                location: issue.location(),
                message: issue.message,
            },
            None => Error::Json {
                code: "json-syntax",
                location: String::new(),
                message: "the document could not be read".to_string(),
            },
        }),
    }
}

/// Reads a plan as far as it goes, collecting structural issues.
pub(crate) fn parse(json: &str) -> Parsed {
    parse_doc::<Plan>(json)
}

/// Reads JSON as a `T` as far as it goes, collecting structural issues.
pub(crate) fn parse_doc<T: DeserializeOwned>(json: &str) -> Parsed<T> {
    let mut value: Value = match read_value(json) {
        Ok(v) => v,
        Err(issue) => {
            return Parsed {
                plan: None,
                issues: vec![issue],
                dates_replaced: false,
                removed: Vec::new(),
            };
        }
    };
    if !value.is_object() {
        // serde would read a struct from an array item by item and report `/0`; the document
        // itself is what has the wrong type.
        let mut issue = Issue::new(Code::WrongType, String::new());
        issue.help = format!("{} (expected an object)", issue.help);
        return Parsed {
            plan: None,
            issues: vec![issue],
            dates_replaced: false,
            removed: Vec::new(),
        };
    }
    let mut issues = Vec::new();
    check_dates(&mut value, &mut String::new(), &mut issues);
    let dates_replaced = !issues.is_empty();
    let mut removed: Vec<String> = Vec::new();
    let mut plan = None;
    // Each round reports the first structural error, then removes the offending field (when it
    // sits in an object) and tries again, so that every unknown field and most wrong types are
    // reported in one run.
    for _ in 0..MAX_STRUCTURAL_ROUNDS {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(p) => {
                plan = Some(p);
                break;
            }
            Err(e) => {
                let pointer = to_pointer(e.path());
                let issue = structural_issue(pointer, &e.into_inner().to_string());
                if removed.contains(&issue.path) {
                    // A required field we removed for its wrong type: already reported.
                    break;
                }
                let path = issue.path.clone();
                let retry = issue.code != Code::MissingField && remove_field(&mut value, &path);
                issues.push(issue);
                if !retry {
                    break;
                }
                removed.push(path);
            }
        }
    }
    Parsed {
        plan,
        issues,
        dates_replaced,
        removed,
    }
}

/// Reads JSON into a [`Value`], refusing a key repeated within one object: `serde_json` keeps
/// the last and drops the other without a word, which would lose data as silently as a typo.
fn read_value(json: &str) -> Result<Value, Issue> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize::<_, Strict>(&mut de).map_err(|e| {
        let pointer = to_pointer(e.path());
        let inner = e.into_inner();
        let text = inner.to_string();
        match text.split_once(DUPLICATE_KEY) {
            Some((_, rest)) => {
                // The key is the model's field name in every real case; it is a name, not data.
                let key = rest.split('`').nth(1).unwrap_or_default();
                let mut issue =
                    Issue::new(Code::DuplicateKey, format!("{pointer}/{}", escape(key)));
                issue.line = Some(inner.line());
                issue.column = Some(inner.column());
                issue
            }
            None => syntax_issue(&inner),
        }
    })?;
    de.end().map_err(|e| syntax_issue(&e))?;
    Ok(value.0)
}

const DUPLICATE_KEY: &str = "duplicate key";

/// A [`Value`] whose objects were read without a repeated key.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("{DUPLICATE_KEY} `{key}`")));
            }
            let Strict(v) = map.next_value()?;
            object.insert(key, v);
        }
        Ok(Value::Object(object))
    }
}

/// How many structural errors one run reports at most.
const MAX_STRUCTURAL_ROUNDS: usize = 100;

/// Removes the field at a JSON pointer if its parent is an object; array items are left alone
/// (removing one would shift the pointers of the items after it).
fn remove_field(value: &mut Value, pointer: &str) -> bool {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return false;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => map.shift_remove(&key).is_some(),
        _ => false,
    }
}

/// Whether a key names a date field (or, ending in `_dates`, a list of dates) in the model
/// (checked against the schema by a test).
pub(crate) fn is_date_key(key: &str) -> bool {
    key == "date" || key.ends_with("_date") || key.ends_with("_dates") || key == "date_of_birth"
}

/// Whether `s` is a real calendar date written exactly as `YYYY-MM-DD`.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// Walks the JSON tree; reports every date field whose string is not a real `YYYY-MM-DD` date
/// and replaces it with a placeholder so typed reading can continue.
fn check_dates(value: &mut Value, pointer: &mut String, issues: &mut Vec<Issue>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape(key));
                if is_date_key(key) {
                    match child {
                        Value::String(s) => check_date(s, pointer, issues),
                        Value::Array(items) => {
                            for (i, item) in items.iter_mut().enumerate() {
                                if let Value::String(s) = item {
                                    let len = pointer.len();
                                    pointer.push('/');
                                    pointer.push_str(&i.to_string());
                                    check_date(s, pointer, issues);
                                    pointer.truncate(len);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                check_dates(child, pointer, issues);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                check_dates(child, pointer, issues);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Reports a date string that is not a real `YYYY-MM-DD` date and replaces it.
fn check_date(s: &mut String, pointer: &str, issues: &mut Vec<Issue>) {
    if !is_iso_date(s) {
        issues.push(Issue::new(Code::DateInvalid, pointer.to_string()));
        *s = PLACEHOLDER_DATE.to_string();
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('/');
                out.push_str(&escape(key));
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn syntax_issue(e: &serde_json::Error) -> Issue {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "the JSON ends too early (a bracket, brace or quote is not closed)",
        Category::Syntax => "the file is not valid JSON",
        Category::Data | Category::Io => "the JSON could not be read",
    };
    // serde_json's syntax messages describe the grammar ("expected `,` or `}`"), never the
    // input; keep that part without the position suffix, which we report separately.
    let detail = e.to_string();
    let detail = detail
        .rsplit_once(" at line ")
        .map_or(detail.as_str(), |(d, _)| d)
        .to_string();
    let mut issue = Issue::new(Code::JsonSyntax, String::new());
    issue.message = format!("{what}: {detail}");
    issue.line = Some(e.line());
    issue.column = Some(e.column());
    issue
}

/// Turns a serde data error into an issue without quoting the input.
/// serde's names for what it expected, in words a SENCO's software can show: `u32` is "a whole
/// number", `a sequence` "a list", `a map` or `struct X` "an object". Field and variant lists
/// pass through unchanged.
fn plain_type_words(expected: &str) -> String {
    let t = expected.trim();
    let words = match t {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number from 0 up",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a string" | "string" => "text in quotes",
        "a boolean" | "bool" => "true or false",
        "a sequence" => "a list in square brackets",
        "a map" | "map" => "an object in braces",
        "string or map" => "an object in braces",
        _ if t.starts_with("struct ") => "an object in braces",
        _ => return t.to_string(),
    };
    words.to_string()
}

fn structural_issue(pointer: String, message: &str) -> Issue {
    let expected = message
        .rsplit_once(", expected ")
        .map(|(_, exp)| plain_type_words(exp));
    let (code, path) = if message.starts_with("unknown field") {
        (Code::UnknownField, pointer)
    } else if message.starts_with("missing field") {
        // serde names the missing field in backticks; it comes from the model, not the input.
        let field = message
            .split('`')
            .nth(1)
            .map(|f| format!("{pointer}/{}", escape(f)))
            .unwrap_or(pointer);
        (Code::MissingField, field)
    } else if message.starts_with("invalid type") {
        (Code::WrongType, pointer)
    } else {
        (Code::InvalidValue, pointer)
    };
    // A progress measure too large for its type is out of the 1-5 range, not a type error.
    let code = if path.ends_with("/progress_measure")
        && matches!(code, Code::InvalidValue | Code::WrongType)
    {
        Code::ProgressMeasureRange
    } else {
        code
    };
    let mut issue = Issue::new(code, path);
    if let Some(expected) = expected.filter(|_| code != Code::ProgressMeasureRange) {
        let allowed = match code {
            Code::UnknownField => "fields allowed here: ",
            _ => "expected ",
        };
        issue.help = format!("{} ({allowed}{expected})", issue.help);
    }
    issue
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_strict() {
        assert!(is_iso_date("2026-02-28"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2026-02-30"));
        assert!(!is_iso_date("2026-2-3"));
        assert!(!is_iso_date("+02026-02-03"));
        assert!(!is_iso_date("03/02/2026"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn every_bad_date_is_reported_at_once() {
        let json = r#"{"child": {"name": "A", "date_of_birth": "2016-13-01"},
            "start_date": "2026-02-30", "review_date": "soon"}"#;
        let parsed = parse(json);
        let paths: Vec<_> = parsed.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/child/date_of_birth", "/start_date", "/review_date"]
        );
        assert!(parsed.issues.iter().all(|i| i.code == Code::DateInvalid));
        assert!(parsed.plan.is_some());
        assert!(parsed.dates_replaced);
    }

    #[test]
    fn unknown_field_has_a_pointer() {
        let parsed = parse(
            r#"{"child": {"name": "A"}, "outcomes": [{"number": 1, "text": "x", "txet": "y"}]}"#,
        );
        assert_eq!(parsed.issues.len(), 1);
        assert_eq!(parsed.issues[0].code, Code::UnknownField);
        assert_eq!(parsed.issues[0].path, "/outcomes/0/txet");
    }

    #[test]
    fn several_structural_errors_in_one_run() {
        let parsed = parse(
            r#"{"child": {"name": "A", "nmae": "B", "year_group": 4},
                "outcomes": [{"number": 1, "text": "x", "replaced_by": "two", "extra": true}]}"#,
        );
        let got: Vec<_> = parsed
            .issues
            .iter()
            .map(|i| (i.code.as_str(), i.path.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("unknown-field", "/child/nmae"),
                ("wrong-type", "/child/year_group"),
                ("wrong-type", "/outcomes/0/replaced_by"),
                ("unknown-field", "/outcomes/0/extra"),
            ]
        );
        assert!(parsed.plan.is_some());
    }

    #[test]
    fn a_required_field_of_the_wrong_type_is_reported_once() {
        let parsed = parse(r#"{"child": {"name": 5}}"#);
        let got: Vec<_> = parsed.issues.iter().map(|i| i.code).collect();
        assert_eq!(got, [Code::WrongType]);
        assert!(parsed.plan.is_none());
    }

    #[test]
    fn wrong_type_and_missing_field() {
        let parsed =
            parse(r#"{"child": {"name": "A"}, "outcomes": [{"number": "one", "text": "x"}]}"#);
        assert_eq!(parsed.issues[0].code, Code::WrongType);
        assert_eq!(parsed.issues[0].path, "/outcomes/0/number");
        assert!(!parsed.issues[0].help.contains("one"));
        let parsed = parse(r#"{"child": {}}"#);
        assert_eq!(parsed.issues[0].code, Code::MissingField);
        assert_eq!(parsed.issues[0].path, "/child/name");
    }

    #[test]
    fn a_document_that_is_not_an_object_is_one_wrong_type_at_the_root() {
        for json in ["[1, 2]", "\"plan\"", "3", "null"] {
            let parsed = parse(json);
            assert!(parsed.plan.is_none());
            assert_eq!(parsed.issues.len(), 1, "{json}");
            assert_eq!(parsed.issues[0].code, Code::WrongType);
            assert_eq!(parsed.issues[0].path, "");
        }
    }

    #[test]
    fn expected_types_read_as_words() {
        assert_eq!(plain_type_words("u32"), "a whole number from 0 up");
        assert_eq!(plain_type_words("struct Child"), "an object in braces");
        assert_eq!(plain_type_words("a sequence"), "a list in square brackets");
        assert_eq!(plain_type_words("one of `a`, `b`"), "one of `a`, `b`");
    }

    #[test]
    fn a_repeated_key_is_reported_at_its_path_not_dropped() {
        let parsed = parse(
            r#"{"child": {"name": "A"}, "outcomes": [{"number": 1, "text": "x", "number": 2}]}"#,
        );
        assert!(parsed.plan.is_none());
        assert_eq!(parsed.issues.len(), 1);
        assert_eq!(parsed.issues[0].code, Code::DuplicateKey);
        assert_eq!(parsed.issues[0].path, "/outcomes/0/number");
        assert!(parsed.issues[0].line.is_some());
        // The same key in different objects is fine.
        assert!(
            parse(r#"{"child": {"name": "A"}, "setting": {"name": "B"}}"#)
                .issues
                .is_empty()
        );
    }

    #[test]
    fn a_huge_progress_measure_is_out_of_range_not_a_type_error() {
        let parsed = parse(
            r#"{"child": {"name": "A"}, "reviews": [{"number": 1, "date": "2026-01-05", "outcomes": [{"outcome": 1, "progress_measure": 77777}]}]}"#,
        );
        assert_eq!(
            parsed.issues[0].code,
            Code::ProgressMeasureRange,
            "{:?}",
            parsed.issues
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let parsed = parse("{\n  \"child\": {\"name\": \"A\",}\n}");
        let issue = &parsed.issues[0];
        assert_eq!(issue.code, Code::JsonSyntax);
        assert_eq!(issue.line, Some(2));
        assert!(issue.column.is_some());
    }

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
    }
}
