//! agora-programme: from a call for proposals to a published programme.
//!
//! The stages follow the IGF's Multistakeholder Advisory Group (MAG) workshop process:
//!
//! 1. [`screening`]: the secretariat's eligibility rules (three confirmed speakers, more than
//!    one gender, a moderator on site, last year's report filed, caps per organiser and per
//!    speaker), each failure naming its rule and the proposal or person at fault.
//! 2. [`assign`]: reviewers to proposals, a set number each, loads even, no conflicts of
//!    interest.
//! 3. [`aggregate`]: weighted criterion scores, normalised per reviewer (z-scores), with a
//!    standard error per proposal and rankings per theme.
//! 4. [`select`]: N sessions by score within bounds per theme and format, caps per
//!    organisation, a first-time share and diversity quotas; a reason for every proposal and a
//!    precise list of what cannot be met.
//! 5. [`solve`] and [`check`]: the timetable over rooms and slots, hard constraints always
//!    kept, soft costs reported by kind; `check` lists the conflicts of any timetable, such as
//!    one edited by hand.
//! 6. [`export`]: the timetable as frab XML and as the JSON schedule pretalx publishes.
//!
//! No IO, no clock: data in, result out, the same for the same input and seed.

pub mod aggregate;
pub mod assign;
pub mod check;
pub mod export;
pub mod instance;
pub mod model;
mod rng;
pub mod screening;
pub mod select;
pub mod solve;
pub mod synthetic;

pub use aggregate::{Criterion, Review, Score, aggregate, rank_by_theme};
pub use assign::{Assignment, Reviewer, assign, in_conflict};
pub use check::{Hard, Placement, Report, Soft, SoftCosts, check};
pub use instance::{Indexed, InputError, Instance, Options, Room, Session, Slot};
pub use model::{Directory, Person, Proposal, Speaker, directory};
pub use screening::{Failure, Rule, ScreeningRules, screen};
pub use select::{Candidate, Selection, SelectionRules, candidates, select};
pub use solve::{Timetable, solve};
