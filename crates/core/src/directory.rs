//! Organisations and people: who takes part, from which stakeholder group and where.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::geo;
use crate::stakeholder::StakeholderGroups;
use crate::validate::{ErrorCode, ValidationErrors, is_language_tag};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub acronym: Option<String>,
    pub stakeholder_group: String,
    pub country: Option<String>,
    pub website: Option<String>,
}

/// An organisation as typed into a form or an API body, before validation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OrganisationDraft {
    pub name: String,
    pub acronym: String,
    pub stakeholder_group: String,
    pub country: String,
    pub website: String,
}

impl OrganisationDraft {
    pub fn validate(&self, groups: &StakeholderGroups) -> Result<Organisation, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.text("name", &self.name, 200);
        let acronym = errors.optional_text("acronym", &self.acronym, 30);
        let stakeholder_group = check_group(&mut errors, groups, &self.stakeholder_group);
        let country = optional_country(&mut errors, &self.country);
        let website = errors.optional_url("website", &self.website);
        errors.finish(Organisation {
            id: crate::new_id(),
            name,
            acronym,
            stakeholder_group,
            country,
            website,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    /// The organisation the person speaks for, when it is in the directory.
    pub organisation_id: Option<Uuid>,
    /// The affiliation as the person states it (a title, a unit), shown beside the organisation.
    pub affiliation: Option<String>,
    pub stakeholder_group: String,
    pub country: Option<String>,
    pub region: Option<String>,
    pub languages: Vec<String>,
    /// Self-declared, optional, free text: never inferred.
    pub gender: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PersonDraft {
    pub name: String,
    pub organisation_id: String,
    pub affiliation: String,
    pub stakeholder_group: String,
    pub country: String,
    pub region: String,
    /// Comma- or space-separated BCP 47 tags, e.g. `fr, en`.
    pub languages: String,
    pub gender: String,
}

impl PersonDraft {
    pub fn validate(&self, groups: &StakeholderGroups) -> Result<Person, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.text("name", &self.name, 200);
        let organisation_id = optional_uuid(&mut errors, "organisation_id", &self.organisation_id);
        let affiliation = errors.optional_text("affiliation", &self.affiliation, 200);
        let stakeholder_group = check_group(&mut errors, groups, &self.stakeholder_group);
        let country = optional_country(&mut errors, &self.country);
        let region = errors.optional_text("region", &self.region, 3);
        if region.as_deref().is_some_and(|r| !geo::is_region(r)) {
            errors.push("region", ErrorCode::InvalidRegion);
        }
        let languages: Vec<String> = self
            .languages
            .split([',', ' '])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if languages.iter().any(|l| !is_language_tag(l)) {
            errors.push("languages", ErrorCode::InvalidLanguage);
        }
        let gender = errors.optional_text("gender", &self.gender, 60);
        errors.finish(Person {
            id: crate::new_id(),
            name,
            organisation_id,
            affiliation,
            stakeholder_group,
            country,
            region,
            languages,
            gender,
        })
    }
}

pub(crate) fn check_group(
    errors: &mut ValidationErrors,
    groups: &StakeholderGroups,
    value: &str,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push("stakeholder_group", ErrorCode::Required);
    } else if !groups.contains(value) {
        errors.push("stakeholder_group", ErrorCode::UnknownStakeholderGroup);
    }
    value.to_owned()
}

pub(crate) fn optional_country(errors: &mut ValidationErrors, value: &str) -> Option<String> {
    let code = value.trim().to_ascii_uppercase();
    if code.is_empty() {
        return None;
    }
    if !geo::is_country(&code) {
        errors.push("country", ErrorCode::InvalidCountry);
    }
    Some(code)
}

pub(crate) fn optional_uuid(
    errors: &mut ValidationErrors,
    field: &str,
    value: &str,
) -> Option<Uuid> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match Uuid::parse_str(value) {
        Ok(id) => Some(id),
        Err(_) => {
            errors.push(field, ErrorCode::NotFound);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_validated_field_by_field() {
        let draft = PersonDraft {
            name: "Peter Major".into(),
            stakeholder_group: "government".into(),
            country: "hu".into(),
            region: "151".into(),
            languages: "hu, en fr".into(),
            ..Default::default()
        };
        let person = draft.validate(&StakeholderGroups::default()).unwrap();
        assert_eq!(person.country.as_deref(), Some("HU"));
        assert_eq!(person.languages, ["hu", "en", "fr"]);
    }

    #[test]
    fn bad_person_fields_are_all_named() {
        let draft = PersonDraft {
            name: "".into(),
            stakeholder_group: "media".into(),
            country: "XX".into(),
            region: "999".into(),
            languages: "French".into(),
            ..Default::default()
        };
        let errors = draft.validate(&StakeholderGroups::default()).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "stakeholder_group",
                "country",
                "region",
                "languages"
            ]
        );
    }

    #[test]
    fn organisation_needs_a_known_group() {
        let draft = OrganisationDraft {
            name: "APNIC".into(),
            stakeholder_group: "technical-community".into(),
            website: "https://www.apnic.net/".into(),
            ..Default::default()
        };
        assert!(draft.validate(&StakeholderGroups::default()).is_ok());
        let groups = StakeholderGroups::new(vec!["government".into()]);
        assert!(draft.validate(&groups).is_err());
    }
}
