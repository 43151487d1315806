//! `nytta diff` output: the changed assumptions, the lines added, removed and changed,
//! and the NPV bridge, as a terminal table, Markdown or JSON. The figures come from
//! [`crate::diff`]; this module only lays them out.

use super::Lang;
use super::document::{Block, Document, Grid, Section, left, right, wrapped};
use super::labels::Label as L;
use crate::diff::{Assumption, AssumptionValue, Change, Diff, LineChange, MatchedBy, StepWhat};
use crate::fmt::{kronor, money_plain, number, percent, rate_plain};
use serde::Serialize;

fn assumption_label(a: Assumption) -> L {
    match a {
        Assumption::Horizon => L::Horizon,
        Assumption::GoLive => L::GoLive,
        Assumption::HourlyCost => L::HourlyCost,
        Assumption::DiscountRate => L::DiscountRate2,
    }
}

fn value_text(v: &AssumptionValue, lang: Lang) -> String {
    match v {
        AssumptionValue::Horizon { start_year, years } => {
            format!(
                "{start_year}–{} ({years} {})",
                start_year + *years as i32 - 1,
                L::Years.text(lang)
            )
        }
        AssumptionValue::Month(m) => m.to_string(),
        AssumptionValue::Hourly { cost, overhead } => format!(
            "{} kr + {} {}",
            cost.map_or_else(|| "–".to_string(), |c| number(c, 2, lang)),
            percent(*overhead, lang),
            L::Overhead.text(lang)
        ),
        AssumptionValue::Rate(r) => percent(*r, lang),
    }
}

fn value_plain(v: &AssumptionValue) -> serde_json::Value {
    match v {
        AssumptionValue::Horizon { start_year, years } => {
            serde_json::json!({ "start_year": start_year, "years": years })
        }
        AssumptionValue::Month(m) => serde_json::json!(m.to_string()),
        AssumptionValue::Hourly { cost, overhead } => serde_json::json!({
            "hourly_cost": cost.map(money_plain),
            "overhead": rate_plain(*overhead),
        }),
        AssumptionValue::Rate(r) => serde_json::json!(rate_plain(*r)),
    }
}

fn change_label(c: Change) -> L {
    match c {
        Change::Added => L::Added,
        Change::Removed => L::Removed,
        Change::Changed => L::Changed,
    }
}

fn line_shown(l: &LineChange) -> String {
    match &l.id {
        Some(id) if *id != l.name => format!("{} ({id})", l.name),
        _ => l.name.clone(),
    }
}

fn step_text(d: &Diff, what: StepWhat, lang: Lang) -> String {
    match what {
        StepWhat::Assumption(a) => assumption_label(a).text(lang).to_string(),
        StepWhat::Line(i) => {
            let l = &d.lines[i];
            let kind = if l.side == crate::diff::Side::Cost {
                L::Cost
            } else {
                L::Benefit2
            };
            format!(
                "{} {}: {}",
                kind.text(lang),
                change_label(l.change).text(lang),
                line_shown(l)
            )
        }
        StepWhat::Other => L::OtherChanges.text(lang).to_string(),
    }
}

/// The document shared by the table and Markdown.
pub fn build(d: &Diff, old: &str, new: &str, lang: Lang) -> Document {
    let t = |l: L| l.text(lang);
    let kr = |v| kronor(v, lang);
    let facts = vec![
        (t(L::Old).to_string(), old.to_string()),
        (t(L::New).to_string(), new.to_string()),
        (t(L::OldNpv).to_string(), format!("{} kr", kr(d.old_npv))),
        (t(L::NewNpv).to_string(), format!("{} kr", kr(d.new_npv))),
        (t(L::Difference).to_string(), format!("{} kr", kr(d.npv_difference()))),
    ];
    let mut sections = Vec::new();
    if !d.differ {
        sections.push(Section {
            heading: t(L::DiffOf).to_string(),
            blocks: vec![Block::Text(t(L::NoDifferences).to_string())],
        });
    }
    // Assumptions.
    let block = if d.assumptions.is_empty() {
        Block::Text(t(L::NoAssumptionChanged).to_string())
    } else {
        let mut g = Grid::new(vec![left(t(L::Item)), left(t(L::Old)), left(t(L::New))]);
        for a in &d.assumptions {
            g.row(vec![
                t(assumption_label(a.what)).to_string(),
                value_text(&a.old, lang),
                value_text(&a.new, lang),
            ]);
        }
        Block::Grid(g)
    };
    sections.push(Section {
        heading: t(L::AssumptionsChanged).to_string(),
        blocks: vec![block],
    });
    // Lines.
    let block = if d.lines.is_empty() {
        Block::Text(t(L::NoLineChanged).to_string())
    } else {
        let mut g = Grid::new(vec![
            left(t(L::Change)),
            left(t(L::Kind)),
            wrapped(t(L::Line), super::document::NAME_WIDTH),
            wrapped(t(L::KeysChanged), super::document::NAME_WIDTH),
        ]);
        for l in &d.lines {
            let mut keys = l.keys.join(", ");
            if let Some(old_name) = &l.old_name {
                keys = format!("{keys} ({} {old_name})", t(L::RenamedFrom))
                    .trim_start()
                    .to_string();
            }
            if l.matched_by == Some(MatchedBy::Name) {
                keys = format!("{keys} [{}]", t(L::MatchedByName)).trim_start().to_string();
            }
            g.row(vec![
                t(change_label(l.change)).to_string(),
                if l.side == crate::diff::Side::Cost {
                    t(L::Cost)
                } else {
                    t(L::Benefit2)
                }
                .to_string(),
                line_shown(l),
                keys,
            ]);
        }
        Block::Grid(g)
    };
    sections.push(Section {
        heading: t(L::LinesAddedRemovedChanged).to_string(),
        blocks: vec![block],
    });
    // The bridge, in whole kronor that sum to the difference shown.
    let effects = d.rounded_effects(0);
    let mut g = Grid::new(vec![
        right("#"),
        wrapped(t(L::Step), 48),
        right(t(L::EffectOnNpv)),
        right(t(L::NpvAfter)),
    ]);
    g.row(vec![
        String::new(),
        t(L::OldNpv).to_string(),
        String::new(),
        kr(d.old_npv),
    ]);
    for (i, (s, e)) in d.bridge.iter().zip(&effects).enumerate() {
        let mut what = step_text(d, s.what, lang);
        if let Some(why) = &s.combined {
            what = format!("{what} ({} {why})", t(L::CombinedWithNextStep));
        }
        g.row(vec![
            (i + 1).to_string(),
            what,
            if s.combined.is_some() {
                "–".into()
            } else {
                signed(kr(*e), *e)
            },
            s.npv_after.map_or_else(|| "–".into(), kr),
        ]);
    }
    g.total(vec![
        String::new(),
        t(L::Difference).to_string(),
        signed(kr(d.npv_difference()), d.npv_difference()),
        kr(d.new_npv),
    ]);
    sections.push(Section {
        heading: t(L::NpvBridge).to_string(),
        blocks: vec![Block::Grid(g), Block::Text(t(L::NpvBridgeOrder).to_string())],
    });
    Document {
        title: format!("{}: {old} → {new}", t(L::DiffOf)),
        facts,
        description: None,
        sections,
    }
}

fn signed(text: String, v: rust_decimal::Decimal) -> String {
    if crate::fmt::round(v, 0) > rust_decimal::Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// The terminal table.
pub fn table(d: &Diff, old: &str, new: &str, lang: Lang) -> String {
    super::table::render_document(&build(d, old, new, lang))
}

/// Markdown, for a case file or a pull request.
pub fn markdown(d: &Diff, old: &str, new: &str, lang: Lang) -> String {
    super::markdown::render_document(&build(d, old, new, lang))
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    format: u32,
    old: JsonSide<'a>,
    new: JsonSide<'a>,
    differ: bool,
    npv_difference: String,
    assumptions: Vec<serde_json::Value>,
    lines: Vec<serde_json::Value>,
    bridge: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    file: &'a str,
    npv: String,
}

/// JSON: money to the öre; the bridge's `effect`s (rounded so that they sum to
/// `npv_difference`) and `effect_exact` (every digit).
pub fn json(d: &Diff, old: &str, new: &str) -> String {
    let effects = d.rounded_effects(2);
    let out = JsonDiff {
        format: 1,
        old: JsonSide {
            file: old,
            npv: money_plain(d.old_npv),
        },
        new: JsonSide {
            file: new,
            npv: money_plain(d.new_npv),
        },
        differ: d.differ,
        npv_difference: money_plain(crate::fmt::round(d.new_npv, 2) - crate::fmt::round(d.old_npv, 2)),
        assumptions: d
            .assumptions
            .iter()
            .map(|a| {
                serde_json::json!({
                    "assumption": a.what.as_str(),
                    "old": value_plain(&a.old),
                    "new": value_plain(&a.new),
                })
            })
            .collect(),
        lines: d
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "change": l.change.as_str(),
                    "kind": l.side.as_str(),
                    "id": l.id,
                    "name": l.name,
                    "old_name": l.old_name,
                    "matched_by": l.matched_by.map(|m| match m { MatchedBy::Id => "id", MatchedBy::Name => "name" }),
                    "keys": l.keys,
                })
            })
            .collect(),
        bridge: d
            .bridge
            .iter()
            .zip(&effects)
            .map(|(s, e)| {
                let (kind, what) = match s.what {
                    StepWhat::Assumption(a) => ("assumption", serde_json::json!(a.as_str())),
                    StepWhat::Line(i) => ("line", serde_json::json!(i)),
                    StepWhat::Other => ("other", serde_json::Value::Null),
                };
                serde_json::json!({
                    "step": kind,
                    "what": what,
                    "effect": money_plain(*e),
                    "effect_exact": s.effect.normalize().to_string(),
                    "npv_after": s.npv_after.map(money_plain),
                    "combined_with_next": s.combined,
                })
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}
