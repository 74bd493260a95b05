//! A conversation's opinion map (`/conversations/{id}/map`): participants placed by how they
//! voted and coloured by opinion group, each group's distinctive statements, the statements
//! every group supports, and how stakeholder groups and regions spread over the opinion
//! groups; every figure also as a table. The map is the one `crate::opinion` last stored.

use std::collections::HashMap;

use agora_core::conversation::{Conversation, Statement};
use agora_core::process::Process;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;

use super::conversations::load;
use super::page;
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppResult;
use crate::opinion::{OpinionMap, Spread};

pub fn routes() -> Router<AppState> {
    Router::new().route("/conversations/{id}/map", get(show))
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 400.0;
const MARGIN: f64 = 16.0;

/// A participant's dot, in the SVG's coordinates.
struct Dot {
    x: String,
    y: String,
    /// `g0`…`g4`, or `none` for participants not grouped.
    class: String,
}

struct GroupView {
    label: String,
    class: String,
    members: usize,
    /// (statement number, text, agree?, percent of the members who voted on it).
    representative: Vec<(u64, String, bool, u32)>,
}

struct SpreadRow {
    label: String,
    counts: Vec<u64>,
    ungrouped: u64,
}

/// Participants of each stakeholder group (or region) by opinion group.
struct SpreadTable {
    id: &'static str,
    heading: String,
    /// The rows' heading: stakeholder group or region.
    column: String,
    rows: Vec<SpreadRow>,
}

#[derive(Template)]
#[template(path = "conversation_map.html")]
struct MapPage {
    ctx: Ctx,
    conversation: Conversation,
    process: Process,
    map: Option<OpinionMap>,
    /// Votes have come in since the map was computed: it is being recomputed.
    stale: bool,
    dots: Vec<Dot>,
    groups: Vec<GroupView>,
    /// Participants on the map in no opinion group (too few votes).
    ungrouped: usize,
    consensus: Vec<(u64, String)>,
    spreads: Vec<SpreadTable>,
}

/// Opinion groups are lettered as Pol.is letters them: A, B, C…
fn letter(group: usize) -> String {
    char::from(b'A' + (group % 26) as u8).to_string()
}

/// Places the points in the SVG's box, keeping the map's proportions.
fn dots(map: &OpinionMap) -> Vec<Dot> {
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for p in &map.points {
        min_x = min_x.min(p.x);
        max_x = max_x.max(p.x);
        min_y = min_y.min(p.y);
        max_y = max_y.max(p.y);
    }
    let span = ((max_x - min_x) / (WIDTH - 2.0 * MARGIN))
        .max((max_y - min_y) / (HEIGHT - 2.0 * MARGIN))
        .max(f64::EPSILON);
    map.points
        .iter()
        .map(|p| Dot {
            x: format!("{:.1}", MARGIN + (p.x - min_x) / span),
            y: format!("{:.1}", MARGIN + (max_y - p.y) / span),
            class: p
                .group
                .map_or_else(|| "none".to_owned(), |g| format!("g{g}")),
        })
        .collect()
}

fn spread_table(
    ctx: &Ctx,
    id: &'static str,
    column: &str,
    rows: &[Spread],
    label: impl Fn(&str) -> String,
) -> SpreadTable {
    let undeclared = ctx.t("conversation-undeclared");
    SpreadTable {
        id,
        heading: ctx.t(&format!("conversation-{id}")),
        column: ctx.t(column),
        rows: rows
            .iter()
            .map(|r| SpreadRow {
                label: r.key.as_deref().map_or_else(|| undeclared.clone(), &label),
                counts: r.in_group.clone(),
                ungrouped: r.ungrouped,
            })
            .collect(),
    }
}

async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    let stored = crate::opinion::stored(&state.store, loaded.conversation.id).await?;
    let statements = state.store.statements(loaded.conversation.id).await?;
    let text: HashMap<u64, &Statement> = statements.iter().map(|s| (s.number, s)).collect();
    let text_of = |n: u64| text.get(&n).map(|s| s.text.clone()).unwrap_or_default();
    let (map, stale) = match stored {
        Some((map, stale)) => (Some(map), stale),
        None => (None, true),
    };
    let (dots, groups, consensus, spreads) = match &map {
        Some(map) => (
            dots(map),
            map.groups
                .iter()
                .map(|g| GroupView {
                    label: letter(g.id),
                    class: format!("g{}", g.id),
                    members: g.members.len(),
                    representative: g
                        .representative
                        .iter()
                        .map(|r| {
                            let percent = (r.on_side * 100).checked_div(r.voted).unwrap_or(0);
                            (r.statement, text_of(r.statement), r.agree, percent)
                        })
                        .collect(),
                })
                .collect(),
            map.consensus.iter().map(|&n| (n, text_of(n))).collect(),
            vec![
                spread_table(
                    &ctx,
                    "by-stakeholder-group",
                    "field-stakeholder_group",
                    &map.by_stakeholder_group,
                    |g| ctx.group(g),
                ),
                spread_table(&ctx, "by-region", "field-region", &map.by_region, |r| {
                    ctx.tp("region-", r)
                }),
            ],
        ),
        None => Default::default(),
    };
    let ungrouped = dots.iter().filter(|d| d.class == "none").count();
    page(MapPage {
        ungrouped,
        ctx: ctx.0,
        conversation: loaded.conversation,
        process: loaded.process,
        map,
        stale,
        dots,
        groups,
        consensus,
        spreads,
    })
}
