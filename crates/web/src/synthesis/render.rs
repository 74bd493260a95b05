//! A synthesis written out: Markdown, and a standalone HTML document. Both, and the web page,
//! read the same [`Prepared`] themes (figures, flags in words, quotes with their links), so the
//! three say the same thing.

use agora_text::synthesis::{Flag, Theme};
use askama::Template;
use fluent_templates::fluent_bundle::FluentValue;

use super::{SynthesisView, ViewBlock};
use crate::Lang;

/// How to name and link what a synthesis cites.
pub struct Render<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// Where the answer with this id can be read, if anywhere.
    pub answer_href: &'a dyn Fn(&str) -> Option<String>,
    /// A stakeholder group's name for its code.
    pub group_name: &'a dyn Fn(&str) -> String,
    /// A region's name for its code ("" for none given).
    pub region_name: &'a dyn Fn(&str) -> String,
}

impl<'a> Render<'a> {
    /// Codes shown as they are, answers not linked: for a file read by `agora synth`.
    pub fn plain(lang: Lang, title: &'a str) -> Render<'a> {
        Render {
            lang,
            title,
            answer_href: &|_| None,
            group_name: &|code| code.to_owned(),
            region_name: &|code| code.to_owned(),
        }
    }
}

/// One row of a theme's figures: a group or region, its answers in the theme, its share of
/// the theme and its share of the whole consultation.
pub(crate) struct Share {
    pub code: String,
    pub name: String,
    pub in_theme: usize,
    pub share_theme: String,
    pub share_all: String,
}

pub(crate) struct PreparedQuote {
    pub index: usize,
    pub text: String,
    pub submission: String,
    pub group: Option<String>,
    pub href: Option<String>,
}

/// A theme as every rendering shows it.
pub(crate) struct Prepared {
    pub id: String,
    pub label: String,
    pub question: String,
    pub keyphrases: String,
    /// "12 answers, 10 distinct voices, 30.0% of all answers."
    pub figures: String,
    pub by_group: Vec<Share>,
    pub by_region: Vec<Share>,
    pub flags: Vec<String>,
    /// Campaign ids with their sizes.
    pub campaigns: Vec<(String, usize)>,
    pub quotes: Vec<PreparedQuote>,
}

fn percent(part: usize, whole: usize) -> String {
    format!("{:.1}", part as f64 * 100.0 / whole.max(1) as f64)
}

fn shares(
    in_theme: &std::collections::BTreeMap<String, usize>,
    overall: &std::collections::BTreeMap<String, usize>,
    weight: usize,
    documents: usize,
    name: &dyn Fn(&str) -> String,
) -> Vec<Share> {
    let mut rows: Vec<Share> = overall
        .iter()
        .map(|(code, all)| {
            let n = in_theme.get(code).copied().unwrap_or(0);
            Share {
                code: code.clone(),
                name: name(code),
                in_theme: n,
                share_theme: percent(n, weight),
                share_all: percent(*all, documents),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.in_theme
            .cmp(&a.in_theme)
            .then_with(|| a.code.cmp(&b.code))
    });
    rows
}

fn flag_text(flag: &Flag, r: &Render) -> String {
    let share = |s: f64| FluentValue::from(format!("{:.0}", s * 100.0));
    let names = |codes: &[String]| {
        if codes.is_empty() {
            r.lang.t("synthesis-none")
        } else {
            codes
                .iter()
                .map(|c| (r.group_name)(c))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    match flag {
        Flag::Divergent { over, under } => r.lang.t_args(
            "synthesis-flag-divergent",
            &[("over", names(over).into()), ("under", names(under).into())],
        ),
        Flag::SingleGroup { group, share: s } => r.lang.t_args(
            "synthesis-flag-single-group",
            &[
                ("group", (r.group_name)(group).into()),
                ("share", share(*s)),
            ],
        ),
        Flag::Campaign { campaign, share: s } => r.lang.t_args(
            "synthesis-flag-campaign",
            &[("campaign", campaign.clone().into()), ("share", share(*s))],
        ),
    }
}

impl Prepared {
    pub(crate) fn new(theme: &Theme, view: &SynthesisView, r: &Render) -> Prepared {
        let size = |id: &str| {
            view.campaigns
                .iter()
                .find(|c| c.id == id)
                .map_or(0, |c| c.size)
        };
        Prepared {
            id: theme.id.clone(),
            label: if theme.other && theme.label.is_empty() {
                r.lang.t("synthesis-other")
            } else {
                theme.label.clone()
            },
            question: theme.question.clone(),
            keyphrases: theme.keyphrases.join(", "),
            figures: r.lang.t_args(
                "synthesis-theme-figures",
                &[
                    ("weight", theme.weight.into()),
                    ("distinct", theme.distinct.into()),
                    ("share", percent(theme.weight, view.documents).into()),
                ],
            ),
            by_group: shares(
                &theme.by_group,
                &view.by_group,
                theme.weight,
                view.documents,
                r.group_name,
            ),
            by_region: shares(
                &theme.by_region,
                &view.by_region,
                theme.weight,
                view.documents,
                r.region_name,
            ),
            flags: theme.flags.iter().map(|f| flag_text(f, r)).collect(),
            campaigns: theme
                .campaigns
                .iter()
                .map(|c| (c.clone(), size(c)))
                .collect(),
            quotes: theme
                .quotes
                .iter()
                .enumerate()
                .map(|(index, q)| PreparedQuote {
                    index,
                    text: q.text.clone(),
                    submission: q.submission.clone(),
                    group: q.group.as_deref().map(|g| (r.group_name)(g)),
                    href: (r.answer_href)(&q.submission),
                })
                .collect(),
        }
    }
}

/// A block ready to render.
pub(crate) enum PreparedBlock {
    Theme(Box<Prepared>),
    Prose(String),
}

pub(crate) fn prepare(view: &SynthesisView, r: &Render) -> Vec<PreparedBlock> {
    view.blocks
        .iter()
        .map(|b| match b {
            ViewBlock::Theme { theme } => {
                PreparedBlock::Theme(Box::new(Prepared::new(theme, view, r)))
            }
            ViewBlock::Prose { text } => PreparedBlock::Prose(text.clone()),
        })
        .collect()
}

pub(crate) fn figures(view: &SynthesisView, lang: Lang) -> String {
    lang.t_args(
        "synthesis-figures",
        &[
            ("documents", view.documents.into()),
            ("distinct", view.distinct.into()),
        ],
    )
}

/// Escapes what Markdown would read as markup, so that quotes and prose come out as typed.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The synthesis as Markdown: the secretariat's prose under its own heading, each quote a
/// block quote followed by the answer it cites.
pub fn render_markdown(view: &SynthesisView, r: &Render) -> String {
    use std::fmt::Write;
    let t = |id: &str| r.lang.t(id);
    let mut out = format!("# {}\n\n{}\n", md(r.title), md(&figures(view, r.lang)));
    let table = |out: &mut String, heading: &str, rows: &[Share]| {
        let _ = write!(
            out,
            "\n| {} | {} | {} | {} |\n|---|---:|---:|---:|\n",
            heading,
            t("synthesis-in-theme"),
            t("synthesis-share-theme"),
            t("synthesis-share-all")
        );
        for row in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                md(&row.name),
                row.in_theme,
                row.share_theme,
                row.share_all
            );
        }
    };
    for block in prepare(view, r) {
        match block {
            PreparedBlock::Prose(text) => {
                let _ = write!(out, "\n### {}\n\n", t("synthesis-prose"));
                for paragraph in text.split("\n\n") {
                    let _ = write!(out, "{}\n\n", md(paragraph.trim()));
                }
            }
            PreparedBlock::Theme(p) => {
                let _ = write!(
                    out,
                    "\n## {}\n\n{}: {}\n\n{}\n",
                    md(&p.label),
                    t("synthesis-question"),
                    md(&p.question),
                    p.figures
                );
                if !p.keyphrases.is_empty() {
                    let _ = write!(
                        out,
                        "\n{}: {}\n",
                        t("synthesis-keyphrases"),
                        md(&p.keyphrases)
                    );
                }
                table(&mut out, &t("synthesis-by-group"), &p.by_group);
                table(&mut out, &t("synthesis-by-region"), &p.by_region);
                if !p.flags.is_empty() {
                    let _ = write!(out, "\n{}:\n\n", t("synthesis-flags"));
                    for flag in &p.flags {
                        let _ = writeln!(out, "- {}", md(flag));
                    }
                }
                if !p.campaigns.is_empty() {
                    let _ = write!(out, "\n{}:\n\n", t("synthesis-campaigns"));
                    for (id, size) in &p.campaigns {
                        let size = r
                            .lang
                            .t_args("synthesis-campaign-size", &[("size", (*size).into())]);
                        let _ = writeln!(out, "- {id}: {size}");
                    }
                }
                if !p.quotes.is_empty() {
                    let _ = write!(out, "\n{}:\n", t("synthesis-quotes"));
                }
                for q in &p.quotes {
                    let text = md(&q.text).replace('\n', "\n> ");
                    let cite = match &q.href {
                        Some(href) => format!("[{}]({href})", q.submission),
                        None => q.submission.clone(),
                    };
                    let group = q.group.as_deref().map(|g| format!(" ({})", md(g)));
                    let _ = write!(
                        out,
                        "\n> {text}\n\n— {} {cite}{}\n",
                        t("synthesis-quote-from"),
                        group.unwrap_or_default()
                    );
                }
            }
        }
    }
    out
}

#[derive(Template)]
#[template(path = "synthesis_export.html")]
struct Export<'a> {
    lang: Lang,
    title: &'a str,
    figures: String,
    blocks: Vec<PreparedBlock>,
}

impl Export<'_> {
    fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }
}

/// The synthesis as a standalone HTML document (no scripts, no external resources).
pub fn render_html(view: &SynthesisView, r: &Render) -> String {
    Export {
        lang: r.lang,
        title: r.title,
        figures: figures(view, r.lang),
        blocks: prepare(view, r),
    }
    .render()
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use agora_text::synthesis::{Answer, NoProgress, Options, synthesize};

    use super::*;

    #[test]
    fn both_renderings_carry_every_quote_and_its_citation() {
        let answers: Vec<Answer> = [("s1", "Roads *matter* <b>now</b>."), ("s2", "Schools too.")]
            .into_iter()
            .map(|(id, text)| Answer {
                id: id.into(),
                text: text.into(),
                ..Default::default()
            })
            .collect();
        let view =
            SynthesisView::from_engine(&synthesize(&answers, &Options::default(), &NoProgress));
        let href = |id: &str| (id == "s1").then(|| format!("/answers/{id}"));
        let r = Render {
            answer_href: &href,
            ..Render::plain(Lang::EN, "Roads")
        };
        let markdown = render_markdown(&view, &r);
        let html = render_html(&view, &r);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<b>now"), "quotes are escaped in HTML");
        for theme in view.themes() {
            for q in &theme.quotes {
                assert!(markdown.contains(&md(&q.text)), "{markdown}");
                let escaped = q
                    .text
                    .replace('&', "&amp;")
                    .replace('<', "&#60;")
                    .replace('>', "&#62;");
                assert!(html.contains(&escaped) || html.contains(&q.text), "{html}");
                match href(&q.submission) {
                    Some(link) => {
                        assert!(markdown.contains(&format!("[{}]({link})", q.submission)));
                        assert!(html.contains(&format!("href=\"{link}\"")));
                    }
                    None => assert!(markdown.contains(&q.submission)),
                }
            }
        }
        assert_eq!(md("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }
}
