//! The builder of `nytta diff`'s document: the changed assumptions, the lines added,
//! removed and changed, and the NPV bridge, for the terminal table and Markdown. The
//! figures come from [`crate::diff`] (the bridge's effects rounded there so that they
//! sum to the difference shown); the JSON is written by [`crate::report::json::diff`].

use crate::diff::{Assumption, AssumptionValue, Change, Diff, LineChange, MatchedBy, StepWhat};
use crate::fmt::{kronor, number, percent};
use crate::report::Lang;
use crate::report::document::{Block, Chapter, Document, Grid, left, right, wrapped};
use crate::report::labels::Label as L;

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
    let mut chapters = Vec::new();
    if !d.differ {
        chapters.push(Chapter {
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
    chapters.push(Chapter {
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
            wrapped(t(L::Line), crate::report::document::NAME_WIDTH),
            wrapped(t(L::KeysChanged), crate::report::document::NAME_WIDTH),
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
    chapters.push(Chapter {
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
            what = format!("{what} ({} {})", t(L::CombinedWithNextStep), why.get(lang));
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
    chapters.push(Chapter {
        heading: t(L::NpvBridge).to_string(),
        blocks: vec![Block::Grid(g), Block::Text(t(L::NpvBridgeOrder).to_string())],
    });
    Document {
        title: format!("{}: {old} → {new}", t(L::DiffOf)),
        facts,
        description: None,
        chapters,
    }
}

fn signed(text: String, v: rust_decimal::Decimal) -> String {
    if crate::fmt::round(v, 0) > rust_decimal::Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}
