//! A consultation's synthesis as the secretariat edits and publishes it, over the output of
//! `agora_text::synthesize`.
//!
//! The engine's output is never edited: the secretariat's [`Draft`] is a list of blocks over
//! it, theme blocks (which theme, which of its quotes are kept) and prose blocks (the
//! secretariat's own words). A [`SynthesisView`] is the draft applied to the output, what
//! readers see; publishing stores it as a snapshot. [`render_markdown`] and [`render_html`]
//! write a view out; the CLI calls them too, with [`SynthesisView::from_engine`] (every theme
//! and quote kept, no prose).

mod job;
pub(crate) mod render;

use std::collections::{BTreeMap, HashSet};

use agora_store::{Actor, StoreError, StoredSynthesis};
use agora_text::synthesis::{Campaign, Synthesis, Theme};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;

pub(crate) use job::start;
pub use render::{Render, render_html, render_markdown};

/// The longest prose block the secretariat may write, in characters.
pub const PROSE_MAX: usize = 20_000;

/// The secretariat's draft: the blocks of the synthesis, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// No blocks (`{}`) is an empty synthesis; a misspelt member is refused, never read as one.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One block of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A theme of the engine's output, with the indexes (from 0) of the quotes kept.
    Theme { theme: String, quotes: Vec<usize> },
    /// The secretariat's own text, always shown as such, never mixed with quotes.
    Prose { text: String },
}

/// What is wrong with a draft, and where (`blocks[2].quotes[0]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DraftError {
    pub at: String,
    pub message: String,
}

impl Draft {
    /// Every theme of `output` in its order, with all its quotes: what a fresh run gives.
    pub fn keep_all(output: &Synthesis) -> Draft {
        Draft {
            blocks: output
                .themes
                .iter()
                .map(|t| Block::Theme {
                    theme: t.id.clone(),
                    quotes: (0..t.quotes.len()).collect(),
                })
                .collect(),
        }
    }

    /// Checks the draft against `output`: every theme exists and appears once, every quote
    /// index is in range and listed once, and prose is neither empty nor longer than
    /// [`PROSE_MAX`].
    pub fn check(&self, output: &Synthesis) -> Result<(), Vec<DraftError>> {
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        for (i, block) in self.blocks.iter().enumerate() {
            let mut error = |at: String, message: String| errors.push(DraftError { at, message });
            match block {
                Block::Theme { theme, quotes } => {
                    let Some(found) = output.themes.iter().find(|t| &t.id == theme) else {
                        error(
                            format!("blocks[{i}].theme"),
                            format!("there is no theme {theme:?}"),
                        );
                        continue;
                    };
                    if !seen.insert(theme.as_str()) {
                        error(
                            format!("blocks[{i}].theme"),
                            format!("theme {theme:?} is already in the draft"),
                        );
                    }
                    let mut kept = HashSet::new();
                    for (j, quote) in quotes.iter().enumerate() {
                        if *quote >= found.quotes.len() {
                            error(
                                format!("blocks[{i}].quotes[{j}]"),
                                format!(
                                    "theme {theme:?} has {} quotes, numbered from 0",
                                    found.quotes.len()
                                ),
                            );
                        } else if !kept.insert(*quote) {
                            error(
                                format!("blocks[{i}].quotes[{j}]"),
                                format!("quote {quote} is listed twice"),
                            );
                        }
                    }
                }
                Block::Prose { text } => {
                    if text.trim().is_empty() {
                        error(format!("blocks[{i}].text"), "prose cannot be empty".into());
                    } else if text.chars().count() > PROSE_MAX {
                        error(
                            format!("blocks[{i}].text"),
                            format!("prose is longer than {PROSE_MAX} characters"),
                        );
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Applies one of the page's edits. An edit naming a block or quote that is not there
    /// (the draft changed in another tab) is refused with `None`.
    pub fn apply(&mut self, edit: Edit) -> Option<()> {
        match edit {
            Edit::Move { block, up } => {
                let other = if up { block.checked_sub(1)? } else { block + 1 };
                if block >= self.blocks.len() || other >= self.blocks.len() {
                    return None;
                }
                self.blocks.swap(block, other);
            }
            Edit::Remove { block } => {
                if block >= self.blocks.len() {
                    return None;
                }
                self.blocks.remove(block);
            }
            Edit::Quote { block, quote, keep } => {
                let Some(Block::Theme { quotes, .. }) = self.blocks.get_mut(block) else {
                    return None;
                };
                quotes.retain(|q| *q != quote);
                if keep {
                    quotes.push(quote);
                    quotes.sort_unstable();
                }
            }
            Edit::AddProse { text } => self.blocks.push(Block::Prose { text }),
            Edit::EditProse { block, text } => {
                let Some(Block::Prose { text: old }) = self.blocks.get_mut(block) else {
                    return None;
                };
                *old = text;
            }
        }
        Some(())
    }
}

/// One change the draft editor's forms make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Move {
        block: usize,
        up: bool,
    },
    Remove {
        block: usize,
    },
    Quote {
        block: usize,
        quote: usize,
        keep: bool,
    },
    AddProse {
        text: String,
    },
    EditProse {
        block: usize,
        text: String,
    },
}

/// The synthesis as readers see it: the draft applied to the engine's output. Published, it is
/// stored as is, so a later run does not change what was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SynthesisView {
    /// Answers read.
    pub documents: usize,
    /// Distinct voices (a campaign counts once).
    pub distinct: usize,
    /// Answers per stakeholder group in the whole consultation.
    pub by_group: BTreeMap<String, usize>,
    pub by_region: BTreeMap<String, usize>,
    pub blocks: Vec<ViewBlock>,
    /// The campaigns of the themes shown, largest first.
    #[schema(value_type = Vec<Object>)]
    pub campaigns: Vec<Campaign>,
    /// Once published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<jiff::Timestamp>,
}

/// A block as readers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ViewBlock {
    /// A theme of the engine's output, as it is there but with only the quotes kept.
    Theme {
        #[schema(value_type = Object)]
        theme: Box<Theme>,
    },
    /// The secretariat's own text.
    Prose { text: String },
}

impl SynthesisView {
    /// `draft` applied to `output`. The draft must have passed [`Draft::check`]; blocks that
    /// name nothing are left out rather than trusted.
    pub fn new(output: &Synthesis, draft: &Draft) -> SynthesisView {
        let blocks: Vec<ViewBlock> = draft
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Theme { theme, quotes } => {
                    let found = output.themes.iter().find(|t| &t.id == theme)?;
                    let mut shown = found.clone();
                    shown.quotes = quotes
                        .iter()
                        .filter_map(|q| found.quotes.get(*q).cloned())
                        .collect();
                    Some(ViewBlock::Theme {
                        theme: Box::new(shown),
                    })
                }
                Block::Prose { text } => Some(ViewBlock::Prose { text: text.clone() }),
            })
            .collect();
        let shown: HashSet<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                ViewBlock::Theme { theme } => Some(theme.as_ref()),
                ViewBlock::Prose { .. } => None,
            })
            .flat_map(|t| t.campaigns.iter().map(String::as_str))
            .collect();
        let campaigns = output
            .campaigns
            .iter()
            .filter(|c| shown.contains(c.id.as_str()))
            .cloned()
            .collect();
        SynthesisView {
            documents: output.documents,
            distinct: output.distinct,
            by_group: output.by_group.clone(),
            by_region: output.by_region.clone(),
            blocks,
            campaigns,
            published_at: None,
        }
    }

    /// A fresh engine output as a view: every theme and quote kept, no prose.
    pub fn from_engine(output: &Synthesis) -> SynthesisView {
        SynthesisView::new(output, &Draft::keep_all(output))
    }

    /// The themes shown, in order.
    pub fn themes(&self) -> impl Iterator<Item = &Theme> {
        self.blocks.iter().filter_map(|b| match b {
            ViewBlock::Theme { theme } => Some(theme.as_ref()),
            ViewBlock::Prose { .. } => None,
        })
    }

    /// Every answer quoted, in order of appearance.
    pub fn quoted(&self) -> Vec<&str> {
        self.themes()
            .flat_map(|t| t.quotes.iter().map(|q| q.submission.as_str()))
            .collect()
    }
}

/// Leaves out of `output` every verbatim text that comes from an answer in `withheld`
/// (answers counted but never quoted): their quotes, the template of a campaign whose medoid
/// is one of them, and the varying sentences of a campaign with any of them (the engine does
/// not say which member a sentence comes from).
pub fn withhold(output: &mut Synthesis, withheld: &HashSet<String>) {
    for theme in &mut output.themes {
        theme.quotes.retain(|q| !withheld.contains(&q.submission));
    }
    for campaign in &mut output.campaigns {
        if withheld.contains(&campaign.template_submission) {
            campaign.template.clear();
        }
        if campaign.members.iter().any(|m| withheld.contains(m)) {
            campaign.varying.clear();
        }
    }
}

pub(crate) fn corrupt(what: &str, error: serde_json::Error) -> AppError {
    AppError::Store(StoreError::Corrupt(format!("synthesis {what}: {error}")))
}

/// The engine's output and the draft of a finished run.
pub(crate) fn output_and_draft(stored: &StoredSynthesis) -> Result<(Synthesis, Draft), AppError> {
    match (&stored.output, &stored.draft) {
        (Some(output), Some(draft)) => Ok((
            serde_json::from_str(output).map_err(|e| corrupt("output", e))?,
            serde_json::from_str(draft).map_err(|e| corrupt("draft", e))?,
        )),
        _ => Err(AppError::Store(StoreError::Conflict { field: "state" })),
    }
}

/// The published version, if there is one.
pub(crate) fn published(stored: &StoredSynthesis) -> Result<Option<SynthesisView>, AppError> {
    stored
        .published
        .as_ref()
        .map(|p| serde_json::from_str(&p.snapshot).map_err(|e| corrupt("snapshot", e)))
        .transpose()
}

/// Publishes the current draft of consultation `phase_id`, stamped with the app's clock (the
/// caller has checked the permission).
pub(crate) async fn publish(
    state: &AppState,
    actor: Actor,
    phase_id: Uuid,
) -> Result<SynthesisView, AppError> {
    let stored = state
        .store
        .synthesis(phase_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (output, draft) = output_and_draft(&stored)?;
    let view = SynthesisView {
        published_at: Some((state.clock)()),
        ..SynthesisView::new(&output, &draft)
    };
    let text = serde_json::to_string(&view).map_err(|e| corrupt("snapshot", e))?;
    state
        .store
        .publish_synthesis(actor, phase_id, &text)
        .await?;
    Ok(view)
}

#[cfg(test)]
mod tests {
    use agora_text::synthesis::{Answer, NoProgress, Options, synthesize};

    use super::*;

    /// Two questions, each with answers that share enough words to form a quoted theme.
    fn output() -> Synthesis {
        let answers: Vec<Answer> = [
            (
                "a",
                "q1",
                "Personal data crossing borders needs strong protection for users.",
            ),
            (
                "b",
                "q1",
                "Users need strong protection when personal data leaves the country.",
            ),
            (
                "c",
                "q2",
                "The mandate of the Forum should become permanent with stable funding.",
            ),
            (
                "d",
                "q2",
                "A permanent mandate and stable funding would let the Forum plan ahead.",
            ),
        ]
        .into_iter()
        .map(|(id, question, text)| Answer {
            id: id.into(),
            text: text.into(),
            question: question.into(),
            group: Some("civil-society".into()),
            region: None,
        })
        .collect();
        synthesize(&answers, &Options::default(), &NoProgress)
    }

    #[test]
    fn a_fresh_draft_keeps_everything_and_passes_its_check() {
        let output = output();
        let draft = Draft::keep_all(&output);
        assert_eq!(draft.blocks.len(), output.themes.len());
        draft.check(&output).unwrap();
        let view = SynthesisView::from_engine(&output);
        let quotes: usize = output.themes.iter().map(|t| t.quotes.len()).sum();
        assert_eq!(view.quoted().len(), quotes);
    }

    #[test]
    fn checks_name_what_is_wrong_and_where() {
        let output = output();
        let first = output.themes[0].id.clone();
        let draft = Draft {
            blocks: vec![
                Block::Prose { text: " ".into() },
                Block::Theme {
                    theme: "t99".into(),
                    quotes: vec![],
                },
                Block::Theme {
                    theme: first.clone(),
                    quotes: vec![0, 0, 99],
                },
                Block::Theme {
                    theme: first,
                    quotes: vec![],
                },
            ],
        };
        let at: Vec<String> = draft
            .check(&output)
            .unwrap_err()
            .into_iter()
            .map(|e| e.at)
            .collect();
        assert_eq!(
            at,
            [
                "blocks[0].text",
                "blocks[1].theme",
                "blocks[2].quotes[1]",
                "blocks[2].quotes[2]",
                "blocks[3].theme"
            ]
        );
    }

    #[test]
    fn edits_move_remove_keep_and_write_prose() {
        let output = output();
        let mut draft = Draft::keep_all(&output);
        let themes = draft.blocks.clone();
        assert_eq!(draft.apply(Edit::Move { block: 0, up: true }), None);
        draft
            .apply(Edit::Move {
                block: 0,
                up: false,
            })
            .unwrap();
        assert_eq!(draft.blocks, [themes[1].clone(), themes[0].clone()]);
        draft
            .apply(Edit::Quote {
                block: 1,
                quote: 0,
                keep: false,
            })
            .unwrap();
        let before = SynthesisView::from_engine(&output).quoted().len();
        assert_eq!(
            SynthesisView::new(&output, &draft).quoted().len(),
            before - 1
        );
        draft
            .apply(Edit::AddProse {
                text: "Ours.".into(),
            })
            .unwrap();
        assert_eq!(
            draft.apply(Edit::EditProse {
                block: 0,
                text: "no".into()
            }),
            None
        );
        draft
            .apply(Edit::EditProse {
                block: 2,
                text: "Our words.".into(),
            })
            .unwrap();
        draft.apply(Edit::Remove { block: 0 }).unwrap();
        draft.check(&output).unwrap();
        assert_eq!(
            draft.blocks.last(),
            Some(&Block::Prose {
                text: "Our words.".into()
            })
        );
    }

    #[test]
    fn withheld_answers_are_never_quoted() {
        let mut output = output();
        let withheld: HashSet<String> = ["a".to_owned()].into();
        withhold(&mut output, &withheld);
        let view = SynthesisView::from_engine(&output);
        assert!(!view.quoted().is_empty());
        assert!(!view.quoted().contains(&"a"));
        assert_eq!(view.documents, 4, "withheld answers are still counted");
    }
}
