//! Stakeholder groups. The Tunis Agenda (para. 35) names the roles; deployments name their own
//! list, so a group is a code checked against the deployment's list, not a closed enum.

/// The default list: the groups of the Tunis Agenda plus the technical and academic
/// communities named in A/RES/70/125, in the order the UN lists them.
pub const DEFAULT_GROUPS: [&str; 6] = [
    "government",
    "private-sector",
    "civil-society",
    "technical-community",
    "academic-community",
    "intergovernmental-organisation",
];

/// Checks a new group's code: a slug (lowercase letters, digits, hyphens), e.g. `media`.
pub fn validate_code(code: &str) -> Result<String, crate::ValidationErrors> {
    let code = code.trim();
    if crate::validate::is_slug(code) {
        Ok(code.to_owned())
    } else {
        Err(crate::ValidationErrors::single(
            "code",
            crate::ErrorCode::InvalidSlug,
        ))
    }
}

/// The stakeholder groups of one deployment, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderGroups(Vec<String>);

impl StakeholderGroups {
    pub fn new(codes: Vec<String>) -> Self {
        Self(codes)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.0.iter().any(|c| c == code)
    }

    pub fn codes(&self) -> &[String] {
        &self.0
    }
}

impl Default for StakeholderGroups {
    fn default() -> Self {
        Self(DEFAULT_GROUPS.iter().map(|c| (*c).to_owned()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_slugs() {
        assert_eq!(validate_code(" media ").unwrap(), "media");
        assert!(validate_code("Media & press").is_err());
        assert!(StakeholderGroups::default().contains("civil-society"));
    }
}
