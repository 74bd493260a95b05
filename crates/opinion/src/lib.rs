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
//!
//! The quirks of Pol.is's math code, and what this port does with each
//! (`shared/research/analysis.md` §1.12 lists them):
//! 1. Unseeded power iteration, stopped on an exactly equal eigenvalue: replaced by a
//!    deterministic subspace iteration to convergence, with a sign rule ([`pca`]).
//! 2. Group k-means is asked for 100 iterations but runs Pol.is's default 20: 20 kept
//!    ([`Options::group_iterations`]), since that produced Pol.is's groups.
//! 3. Above 10,000 participants Pol.is blends mini-batch PCAs, with a sample size whose formula
//!    looks like a sign error: not reproduced; the exact PCA is cheap at any size here (5,000,000
//!    votes in under half a second).
//! 4. Representative statements and majority consensus use the matrix with excluded statements
//!    zeroed; group-informed consensus uses raw votes: both kept ([`analysis::summarise`]).
//! 5. Majority consensus counts every participant, representative statements and
//!    group-informed consensus only the clustered: kept.
//! 6. k-means starts from the first distinct points (not red-dwarf's sorted order): kept
//!    ([`kmeans`]); [`kmeans::Start::Spread`] is offered beside it.
//! 7. The silhouette is unweighted, on base clusters, while their k-means is weighted: kept.
//! 8. History (sticky membership, warm starts, the k-smoother): not reproducible in a batch;
//!    the present votes decide. Pol.is's caps (100,000 participants, 10,000 statements, beyond
//!    which it drops votes) are not applied either.

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
