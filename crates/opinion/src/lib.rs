//! agora-opinion: opinion maps, compatible with Pol.is.
//!
//! Participants vote agree, disagree or pass on short statements. [`VoteMatrix`] holds each
//! participant's latest vote; [`analyse`] follows Pol.is's published math
//! (`compdemocracy/polis`, `math/src/polismath/math/`): participants with too few votes are
//! left out of clustering; the mean-imputed matrix is reduced to two principal components
//! ([`pca`]); participants are projected "sparsity-aware"; a hundred base clusters compress
//! them; k-means on those, with k from 2 to 5 chosen by silhouette ([`kmeans`]), makes the
//! opinion groups; each group gets its representative statements, and the conversation its
//! majority and group-informed consensus ([`stats`]). [`polis`] reads Pol.is's open-data
//! exports.
//!
//! No IO, no clock, no global state: the same matrix and [`Options`] give the same
//! [`Analysis`], whatever order the votes came in. Where Pol.is is not deterministic (a
//! random PCA start) or depends on its own history (sticky membership, warm-started clusters,
//! a k-smoother), the choice made is documented where it applies.

pub mod agreement;
pub mod analysis;
pub mod kmeans;
pub mod matrix;
pub mod pca;
pub mod polis;
pub mod stats;
pub mod synthetic;

pub use analysis::{Analysis, Group, Options, Position, analyse, summarise};
pub use kmeans::Start;
pub use matrix::{Opinion, ParticipantId, Statement, StatementId, Vote, VoteMatrix};
