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
