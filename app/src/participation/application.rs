//! The participation form's rules, shared by the browser (each step checked as the
//! applicant moves on) and the server (the whole form, the check that counts).

use crate::{
    accounts::Email,
    countries,
    error::{AppError, FieldError},
    forms::{self, Fields},
    i18n::Lang,
};

/// Kinds of organisation.
pub const KINDS: [&str; 6] = [
    "association",
    "federation",
    "professional_network",
    "students_union",
    "cooperative",
    "other",
];

/// Sectors an organisation may work in (labels `sector_<name>`, shared with the diaspora
/// declaration).
pub const SECTORS: [&str; 10] = [
    "education",
    "health",
    "sport",
    "research",
    "technology",
    "governance",
    "entrepreneurship",
    "culture",
    "economy",
    "social",
];

/// Longest organisation name, contact name, delegate name or function, authority.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest acronym.
pub const MAX_ACRONYM_CHARS: usize = 30;
/// Longest city.
pub const MAX_CITY_CHARS: usize = 120;
/// Longest registration number.
pub const MAX_REGISTRATION_CHARS: usize = 100;
/// Longest website address.
pub const MAX_WEBSITE_CHARS: usize = 300;
/// Longest motivation, contribution or message.
pub const MAX_TEXT_CHARS: usize = 3000;
/// Shortest motivation or contribution.
pub const MIN_TEXT_CHARS: usize = 30;
/// Largest number of members.
pub const MAX_MEMBERS: i32 = 10_000_000;
/// Oldest founding year accepted.
pub const FIRST_YEAR: i32 = 1900;
/// Delegates per request when the session sets no limit.
pub const DEFAULT_MAX_DELEGATES: usize = 3;
/// Most delegate rows a form may carry, whatever the session's limit.
pub const DELEGATE_ROWS_CAP: usize = 10;

/// The names of the delegate rows' fields: `delegate_name_1`, …
pub const DELEGATE_NAME_FIELDS: [&str; DELEGATE_ROWS_CAP] = [
    "delegate_name_1",
    "delegate_name_2",
    "delegate_name_3",
    "delegate_name_4",
    "delegate_name_5",
    "delegate_name_6",
    "delegate_name_7",
    "delegate_name_8",
    "delegate_name_9",
    "delegate_name_10",
];
/// `delegate_function_1`, …
pub const DELEGATE_FUNCTION_FIELDS: [&str; DELEGATE_ROWS_CAP] = [
    "delegate_function_1",
    "delegate_function_2",
    "delegate_function_3",
    "delegate_function_4",
    "delegate_function_5",
    "delegate_function_6",
    "delegate_function_7",
    "delegate_function_8",
    "delegate_function_9",
    "delegate_function_10",
];
/// `delegate_email_1`, …
pub const DELEGATE_EMAIL_FIELDS: [&str; DELEGATE_ROWS_CAP] = [
    "delegate_email_1",
    "delegate_email_2",
    "delegate_email_3",
    "delegate_email_4",
    "delegate_email_5",
    "delegate_email_6",
    "delegate_email_7",
    "delegate_email_8",
    "delegate_email_9",
    "delegate_email_10",
];

/// The checkbox field of a sector (`sector_<name>`).
pub const SECTOR_FIELDS: [&str; 10] = [
    "sector_education",
    "sector_health",
    "sector_sport",
    "sector_research",
    "sector_technology",
    "sector_governance",
    "sector_entrepreneurship",
    "sector_culture",
    "sector_economy",
    "sector_social",
];

/// An organisation kind's name in `lang`.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    let t = lang.strings();
    t.get(&format!("participation_kind_{kind}"))
        .unwrap_or(t.participation_kind_other())
}

/// The form's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The organisation.
    Organisation,
    /// The contact person.
    Contact,
    /// The delegates.
    Delegates,
    /// Motivation and expected contribution.
    Motivation,
    /// Summary and consents.
    Review,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 5] = [
        Step::Organisation,
        Step::Contact,
        Step::Delegates,
        Step::Motivation,
        Step::Review,
    ];

    /// The step's translation key (`participation_step_<slug>`) and element id part.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Organisation => "organisation",
            Step::Contact => "contact",
            Step::Delegates => "delegates",
            Step::Motivation => "motivation",
            Step::Review => "review",
        }
    }

    /// The step's title in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        t.get(&format!("participation_step_{}", self.slug()))
            .unwrap_or(t.error_not_found())
    }
}

/// The organisation as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationInput {
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// One of [`KINDS`].
    pub kind: String,
    /// ISO code of the country of residence.
    pub country_code: String,
    /// City.
    pub city: String,
    /// Year founded.
    pub founded_year: Option<i32>,
    /// Registration number.
    pub registration_number: Option<String>,
    /// Who registered it.
    pub registration_authority: Option<String>,
    /// Number of members.
    pub member_count: Option<i32>,
    /// Some of [`SECTORS`], in that order.
    pub sectors: Vec<String>,
    /// Website (http or https).
    pub website: Option<String>,
}

/// One delegate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegateInput {
    /// Full name.
    pub name: String,
    /// Function in the organisation.
    pub function: String,
    /// E-mail address.
    pub email: String,
}

/// A valid participation request, as typed (trimmed; the phone normalised to E.164).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    /// The organisation.
    pub organisation: OrganisationInput,
    /// Contact person.
    pub contact_name: String,
    /// Contact e-mail (domain in lower case).
    pub contact_email: String,
    /// Contact phone, `+` and digits.
    pub contact_phone: String,
    /// Delegates, in the order typed (at least one).
    pub delegates: Vec<DelegateInput>,
    /// Why the organisation wants to take part.
    pub motivation: String,
    /// What it expects to bring.
    pub contribution: String,
    /// Consent to publish the organisation in the directory once approved.
    pub consent_directory: bool,
}

/// The current year (the browser's clock in the browser, the server's on the server).
pub fn current_year() -> i32 {
    #[cfg(feature = "ssr")]
    {
        use chrono::Datelike;
        chrono::Utc::now().year()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        // Whole years fit an i32.
        web_sys::js_sys::Date::new_0().get_full_year() as i32
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        2100
    }
}

/// `+` and 8 to 15 digits, spaces, dots, dashes and brackets ignored; `None` otherwise.
pub fn e164(value: &str) -> Option<String> {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '(' | ')'))
        .collect();
    let digits = compact.strip_prefix('+')?;
    ((8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(compact)
}

fn optional(value: &str) -> Option<String> {
    Some(value.to_string()).filter(|v| !v.is_empty())
}

fn too_long(value: &str, max: usize) -> bool {
    value.chars().count() > max
}

fn is_website(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !value.contains(char::is_whitespace)
        && !too_long(value, MAX_WEBSITE_CHARS)
}

/// Collects errors while reading a form.
struct Reader<'a> {
    fields: &'a Fields,
    errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    fn get(&self, name: &str) -> &'a str {
        forms::field(self.fields, name).trim()
    }

    fn fail(&mut self, field: &str, code: &str) {
        self.errors.push(FieldError::new(field, code));
    }

    /// A required text of at most `max` characters.
    fn text(&mut self, name: &str, max: usize, code: &str) -> String {
        let value = self.get(name);
        if value.is_empty() || too_long(value, max) {
            self.fail(name, code);
        }
        value.to_string()
    }

    /// An optional text of at most `max` characters.
    fn optional_text(&mut self, name: &str, max: usize, code: &str) -> Option<String> {
        let value = self.get(name);
        if too_long(value, max) {
            self.fail(name, code);
        }
        optional(value)
    }

    /// An optional whole number in `range`.
    fn number(
        &mut self,
        name: &str,
        range: std::ops::RangeInclusive<i32>,
        code: &str,
    ) -> Option<i32> {
        let value: String = self
            .get(name)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if value.is_empty() {
            return None;
        }
        match value.parse::<i32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                self.fail(name, code);
                None
            }
        }
    }

    fn organisation(&mut self) -> OrganisationInput {
        let name = self.text("name", MAX_NAME_CHARS, "participation_name_invalid");
        let acronym = self.optional_text(
            "acronym",
            MAX_ACRONYM_CHARS,
            "participation_acronym_too_long",
        );
        let kind = self.get("kind");
        if !KINDS.contains(&kind) {
            self.fail("kind", "participation_kind_missing");
        }
        let country = countries::find(self.get("country"));
        if country.is_none() {
            self.fail("country", "participation_country_missing");
        }
        let city = self.text("city", MAX_CITY_CHARS, "participation_city_invalid");
        let founded_year = self.number(
            "founded_year",
            FIRST_YEAR..=current_year(),
            "participation_founded_year_invalid",
        );
        let registration_number = self.optional_text(
            "registration_number",
            MAX_REGISTRATION_CHARS,
            "participation_registration_number_too_long",
        );
        let registration_authority = self.optional_text(
            "registration_authority",
            MAX_NAME_CHARS,
            "participation_registration_authority_too_long",
        );
        let member_count = self.number(
            "member_count",
            1..=MAX_MEMBERS,
            "participation_member_count_invalid",
        );
        let sectors: Vec<String> = SECTORS
            .iter()
            .zip(SECTOR_FIELDS)
            .filter(|(_, field)| forms::checked(self.fields, field))
            .map(|(sector, _)| sector.to_string())
            .collect();
        if sectors.is_empty() {
            self.fail("sectors", "participation_sectors_missing");
        }
        let website = optional(self.get("website"));
        if website.as_deref().is_some_and(|w| !is_website(w)) {
            self.fail("website", "participation_website_invalid");
        }
        OrganisationInput {
            name,
            acronym,
            kind: kind.to_string(),
            country_code: country.map(|c| c.code.to_string()).unwrap_or_default(),
            city,
            founded_year,
            registration_number,
            registration_authority,
            member_count,
            sectors,
            website,
        }
    }

    fn email(&mut self, name: &str, code: &str) -> String {
        match Email::parse(self.get(name)) {
            Ok(email) => email.as_str().to_string(),
            Err(_) => {
                self.fail(name, code);
                String::new()
            }
        }
    }

    fn contact(&mut self) -> (String, String, String) {
        let name = self.text(
            "contact_name",
            MAX_NAME_CHARS,
            "participation_contact_name_invalid",
        );
        let email = self.email("contact_email", "participation_contact_email_invalid");
        let phone = e164(self.get("contact_phone")).unwrap_or_else(|| {
            self.fail("contact_phone", "participation_contact_phone_invalid");
            String::new()
        });
        (name, email, phone)
    }

    /// The filled delegate rows; `max` rows at most may be filled.
    fn delegates(&mut self, max: usize) -> Vec<DelegateInput> {
        let mut delegates = Vec::new();
        for row in 0..DELEGATE_ROWS_CAP {
            let (name, function, email) = (
                DELEGATE_NAME_FIELDS[row],
                DELEGATE_FUNCTION_FIELDS[row],
                DELEGATE_EMAIL_FIELDS[row],
            );
            if [name, function, email]
                .iter()
                .all(|f| self.get(f).is_empty())
            {
                continue;
            }
            if row >= max {
                self.fail(name, "participation_delegates_too_many");
                continue;
            }
            let delegate = DelegateInput {
                name: self.text(name, MAX_NAME_CHARS, "participation_delegate_name_invalid"),
                function: self.text(
                    function,
                    MAX_NAME_CHARS,
                    "participation_delegate_function_invalid",
                ),
                email: self.email(email, "participation_delegate_email_invalid"),
            };
            delegates.push(delegate);
        }
        if delegates.is_empty() {
            self.fail(DELEGATE_NAME_FIELDS[0], "participation_delegates_missing");
        }
        delegates
    }

    fn long_text(&mut self, name: &str, code: &str) -> String {
        let value = self.get(name);
        let length = value.chars().count();
        if !(MIN_TEXT_CHARS..=MAX_TEXT_CHARS).contains(&length) {
            self.fail(name, code);
        }
        value.to_string()
    }

    fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

impl NewApplication {
    /// Checks the whole form; `max_delegates` is the session's limit.
    pub fn parse(fields: &Fields, max_delegates: usize) -> Result<Self, AppError> {
        let mut reader = Reader {
            fields,
            errors: Vec::new(),
        };
        let organisation = reader.organisation();
        let (contact_name, contact_email, contact_phone) = reader.contact();
        let delegates = reader.delegates(max_delegates);
        let motivation = reader.long_text("motivation", "participation_motivation_invalid");
        let contribution = reader.long_text("contribution", "participation_contribution_invalid");
        if !forms::checked(fields, "consent_processing") {
            reader.fail("consent_processing", "participation_consent_missing");
        }
        let consent_directory = forms::checked(fields, "consent_directory");
        reader.finish(NewApplication {
            organisation,
            contact_name,
            contact_email,
            contact_phone,
            delegates,
            motivation,
            contribution,
            consent_directory,
        })
    }

    /// The errors of one step only (the browser checks a step before showing the next).
    pub fn parse_step(step: Step, fields: &Fields, max_delegates: usize) -> Vec<FieldError> {
        let mut reader = Reader {
            fields,
            errors: Vec::new(),
        };
        match step {
            Step::Organisation => {
                reader.organisation();
            }
            Step::Contact => {
                reader.contact();
            }
            Step::Delegates => {
                reader.delegates(max_delegates);
            }
            Step::Motivation => {
                reader.long_text("motivation", "participation_motivation_invalid");
                reader.long_text("contribution", "participation_contribution_invalid");
            }
            Step::Review => {
                if !forms::checked(fields, "consent_processing") {
                    reader.fail("consent_processing", "participation_consent_missing");
                }
            }
        }
        reader.errors
    }
}

/// The name folded to find duplicates: case, accents, punctuation and spacing ignored.
pub fn normalized_name(name: &str) -> String {
    countries::fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::fields_of as form;

    /// The browser keeps only some translations (`app/build.rs`): every message the
    /// application form's checks can show there must be one of them, or it would read as the
    /// generic "invalid input".
    #[test]
    fn every_message_the_form_shows_in_the_browser_is_translated_there() {
        use crate::i18n::BROWSER_LOOKUP_KEYS;
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let bad: Vec<(&str, &str)> = [
            ("name", "x"),
            ("acronym", long.as_str()),
            ("kind", "nothing"),
            ("country", "zz"),
            ("city", ""),
            ("founded_year", "year"),
            ("registration_number", long.as_str()),
            ("registration_authority", long.as_str()),
            ("member_count", "-4"),
            ("website", "ftp://example"),
            ("contact_name", ""),
            ("contact_email", "not an address"),
            ("contact_phone", "call me"),
            ("delegate_name_1", "x"),
            ("delegate_function_1", long.as_str()),
            ("delegate_email_1", "@"),
            ("delegate_email_2", long.as_str()),
            ("motivation", "short"),
            ("contribution", long.as_str()),
        ]
        .to_vec();
        let mut codes = Vec::new();
        for fields in [form(&[]), form(&bad)] {
            for step in Step::ALL {
                codes.extend(
                    NewApplication::parse_step(step, &fields, 1)
                        .into_iter()
                        .map(|e| e.code),
                );
            }
        }
        codes.extend(SECTORS.iter().map(|s| format!("sector_{s}")));
        codes.extend(KINDS.iter().map(|k| format!("participation_kind_{k}")));
        assert!(
            codes.len() > 20,
            "the checks produced too few messages to test: {codes:?}"
        );
        let missing: Vec<_> = codes
            .iter()
            .filter(|code| !BROWSER_LOOKUP_KEYS.contains(&code.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "not translated in the browser: {missing:?}"
        );
    }

    pub(crate) const VALID: [(&str, &str); 17] = [
        ("name", "Association des Maliens de Montreuil"),
        ("kind", "association"),
        ("country", "fr"),
        ("city", "Montreuil"),
        ("founded_year", "1998"),
        ("member_count", "250"),
        ("sector_education", "on"),
        ("sector_culture", "on"),
        ("website", "https://amm.example.org"),
        ("contact_name", "Awa Koné"),
        ("contact_email", "awa@Example.ORG"),
        ("contact_phone", "+33 6 12 34 56 78"),
        ("delegate_name_1", "Moussa Diarra"),
        ("delegate_function_1", "Président"),
        ("delegate_email_1", "moussa@example.org"),
        (
            "motivation",
            "Porter la voix des Maliens de Montreuil auprès du Gouvernement.",
        ),
        (
            "contribution",
            "Une étude sur les transferts d’argent et l’emploi des jeunes.",
        ),
    ];

    fn valid() -> Fields {
        let mut fields = form(&VALID);
        fields.insert("consent_processing".into(), "on".into());
        fields
    }

    #[test]
    fn a_complete_form_is_read_and_normalised() {
        let application = NewApplication::parse(&valid(), 3).unwrap();
        assert_eq!(application.organisation.country_code, "FR");
        assert_eq!(application.organisation.sectors, ["education", "culture"]);
        assert_eq!(application.contact_phone, "+33612345678");
        assert_eq!(application.contact_email, "awa@example.org");
        assert_eq!(application.delegates.len(), 1);
        assert!(!application.consent_directory);
    }

    #[test]
    fn a_partial_delegate_row_and_too_many_rows_are_errors() {
        let mut fields = valid();
        fields.insert("delegate_name_2".into(), "Fatou".into());
        fields.insert("delegate_name_3".into(), "Ali".into());
        fields.insert("delegate_function_3".into(), "Trésorier".into());
        fields.insert("delegate_email_3".into(), "ali@example.org".into());
        let errors = NewApplication::parse_step(Step::Delegates, &fields, 2);
        let names: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            names,
            ["delegate_function_2", "delegate_email_2", "delegate_name_3"]
        );
    }

    #[test]
    fn each_step_names_only_its_own_fields() {
        let errors =
            NewApplication::parse_step(Step::Contact, &form(&[("contact_phone", "0612")]), 3);
        let names: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(names, ["contact_name", "contact_email", "contact_phone"]);
        assert!(NewApplication::parse_step(Step::Organisation, &valid(), 3).is_empty());
    }

    #[test]
    fn names_fold_case_accents_punctuation_and_spacing() {
        assert_eq!(
            normalized_name("  L'Association  des MALIENS, de Montreuil! "),
            normalized_name("l association des maliens de montreuil")
        );
        assert_eq!(normalized_name("Été-Solidaire"), "ete solidaire");
    }

    #[test]
    fn phones_are_international_numbers() {
        assert_eq!(e164("+223 76 12 34 56").as_deref(), Some("+22376123456"));
        assert_eq!(e164("0612345678"), None);
        assert_eq!(e164("+1234"), None);
    }
}
