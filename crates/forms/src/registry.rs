//! The built-in council templates, embedded in the crate.

/// A council form shipped with the crate as a tagged Word template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinTemplate {
    /// The id used on the command line and in the API, such as `kirklees-msp-v2f`.
    pub id: &'static str,
    /// The council whose form it is.
    pub council: &'static str,
    /// The form's own version, when the form states one.
    pub form_version: Option<&'static str>,
    /// The seed document the template was made from (`shared/seeds/<seed>.txt`).
    pub source_seed: &'static str,
    /// The document title (also in `docProps/core.xml`).
    pub title: &'static str,
    /// The committed `.docx` (`templates/<id>.docx`).
    pub bytes: &'static [u8],
    /// The view of the blank paper form (`templates/views/<id>.blank.json`).
    pub(crate) blank_json: &'static str,
}

/// Id of the Kirklees My Support Plan V2f.
pub const KIRKLEES: &str = "kirklees-msp-v2f";
/// Id of the termly Support Plan.
pub const TERMLY: &str = "termly-support-plan";
/// Id of the Coventry My Support Plan.
pub const COVENTRY: &str = "coventry-msp";

static TEMPLATES: [BuiltinTemplate; 3] = [
    BuiltinTemplate {
        id: KIRKLEES,
        council: "Kirklees Council",
        form_version: Some("V2f"),
        source_seed: "001_14658b603fe448fc",
        title: "Kirklees My Support Plan V2f",
        bytes: include_bytes!("../../../templates/kirklees-msp-v2f.docx"),
        blank_json: include_str!("../../../templates/views/kirklees-msp-v2f.blank.json"),
    },
    BuiltinTemplate {
        id: TERMLY,
        council: "not named (most likely Sheffield City Council)",
        form_version: None,
        source_seed: "004_171a0e321e23d697",
        title: "Support Plan (termly review)",
        bytes: include_bytes!("../../../templates/termly-support-plan.docx"),
        blank_json: include_str!("../../../templates/views/termly-support-plan.blank.json"),
    },
    BuiltinTemplate {
        id: COVENTRY,
        council: "Coventry City Council",
        form_version: None,
        source_seed: "000_671c87dfc6cfd9c6",
        title: "Coventry My Support Plan",
        bytes: include_bytes!("../../../templates/coventry-msp.docx"),
        blank_json: include_str!("../../../templates/views/coventry-msp.blank.json"),
    },
];

/// Every built-in template, in a stable order (Kirklees, termly, Coventry).
pub fn builtin_templates() -> &'static [BuiltinTemplate] {
    &TEMPLATES
}

/// The built-in template with this id, if any.
///
/// ```
/// let t = supportplan_forms::builtin("kirklees-msp-v2f").ok_or("missing")?;
/// assert_eq!(t.form_version, Some("V2f"));
/// assert!(supportplan_forms::builtin("nope").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn builtin(id: &str) -> Option<&'static BuiltinTemplate> {
    TEMPLATES.iter().find(|t| t.id == id)
}
