//! Batch: one summary row per submission (docs/controller-guide-en.md, "Reading the results"), small enough to keep for a
//! hundred thousand of them — never a monthly series. Pure: the CLI reads the files,
//! runs this in parallel and writes the rows as they come.

use crate::analysis::analyse_worded;
use crate::diagnostic::{Code, Diagnostic, Severity, Wording, with_wording};
use crate::engine::Calculation;
use crate::engine::realism::{self, Draws};
use crate::fmt::Lang;
use crate::model::Month;
use crate::model::Overrides;
use crate::model::submission::Claimed;
use crate::portfolio::StakeholderShare;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// `ok`, `warnings` or `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Computed, no finding.
    Ok,
    /// Computed, with warnings.
    Warnings,
    /// Not computed: the file has errors.
    Error,
}

impl Status {
    /// The status as written in the outputs: `ok`, `warnings` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warnings => "warnings",
            Status::Error => "error",
        }
    }
}

/// The key figures of a computed submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Total costs over the horizon.
    pub total_costs: Decimal,
    /// Total monetised benefits over the horizon.
    pub total_benefits: Decimal,
    /// Benefits − costs, undiscounted.
    pub net: Decimal,
    /// Net present value.
    pub npv: Decimal,
    /// Benefit–cost ratio (none without costs).
    pub bcr: Option<Decimal>,
    /// Internal rate of return (none when there is no root).
    pub irr: Option<Decimal>,
    /// The month after which the cumulative net stays ≥ 0.
    pub payback_month: Option<Month>,
    /// Payback in years from the start of the horizon (months / 12): how long it takes,
    /// whatever the calendar year (`--rank payback`).
    pub payback_years: Option<Decimal>,
    /// Planned harvest over the horizon.
    pub planned_harvest: Decimal,
    /// Planned harvest as a share of the monetised benefits.
    pub harvest_share: Option<Decimal>,
    /// Per year, for the group table.
    pub years: Vec<YearSlice>,
    /// The realism figures, with `nytta batch --realism`.
    pub realism: Option<RealismFigures>,
    /// Each stakeholder's share, with `nytta batch --group-by stakeholder` (else empty).
    pub stakeholders: Vec<StakeholderShare>,
}

/// The realism figures a batch row carries (`nytta batch --realism`).
#[derive(Debug, Clone, PartialEq)]
pub struct RealismFigures {
    /// Share of the benefit that must come true for NPV 0.
    pub benefit_breakeven: Option<Decimal>,
    /// Months of delay that turn the NPV negative.
    pub delay_breakeven_months: Option<u32>,
    /// NPV under the upper optimism-bias preset.
    pub optimism_upper_npv: Option<Decimal>,
    /// Share of Monte Carlo draws with NPV < 0 (none without ranged lines).
    pub probability_negative: Option<Decimal>,
}

/// One year of a submission, for sums per group and year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct YearSlice {
    /// The calendar year.
    pub year: i32,
    /// Costs in the year.
    pub costs: Decimal,
    /// Monetised benefits in the year.
    pub benefits: Decimal,
    /// The year's net × its discount factor: the year's part of the NPV.
    pub npv: Decimal,
    /// Planned harvest in the year.
    pub planned_harvest: Decimal,
}

impl std::ops::AddAssign for YearSlice {
    fn add_assign(&mut self, other: YearSlice) {
        self.costs += other.costs;
        self.benefits += other.benefits;
        self.npv += other.npv;
        self.planned_harvest += other.planned_harvest;
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    /// The file path, or `FILE:ROW` for a row of a submissions CSV.
    pub source: String,
    /// The project id (`[project] id`), empty when none.
    pub id: String,
    /// The project name.
    pub name: String,
    /// The organisation.
    pub organisation: String,
    /// The portfolio, empty when none.
    pub portfolio: String,
    /// Computed, with warnings, or not computed.
    pub status: Status,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Distinct finding codes, in code order.
    pub codes: Vec<Code>,
    /// Every finding, as `CODE message` (for the findings sheet and the error reason),
    /// worded in [`Options::lang`] (English for the machine formats, the scripts'
    /// contract); a warning's text is empty when [`Options::warning_texts`] is off.
    pub findings: Vec<(Code, String)>,
    /// The key figures, when the file could be computed.
    pub figures: Option<Figures>,
    /// The project text's fingerprint, comments and layout aside (none for a
    /// submission that could not be read): duplicates by content (W302).
    pub content: Option<u64>,
}

impl BatchRow {
    /// The first error's message: why the submission could not be computed.
    pub fn reason(&self) -> &str {
        self.findings
            .iter()
            .find(|(c, _)| c.severity() == Severity::Error)
            .map_or("", |(_, m)| m.as_str())
    }

    /// Drop what a ranked CSV or table no longer needs once the row is counted and
    /// grouped: the yearly figures and the warnings' texts (the codes stay), so that a
    /// hundred thousand rows held for ranking stay small.
    pub fn compact(&mut self, keep_findings: bool) {
        if let Some(f) = &mut self.figures {
            f.years = Vec::new();
            f.stakeholders = Vec::new();
        }
        if !keep_findings {
            self.findings.retain(|(code, _)| code.severity() == Severity::Error);
            self.findings.truncate(1);
            self.findings.shrink_to_fit();
        }
    }

    /// A row for a submission that could not be read at all.
    pub fn unreadable(source: String, reason: String) -> BatchRow {
        let mut row = BatchRow::empty(source);
        // The batch's rows are English by contract (docs/decisions.md, D61).
        row.record(
            &[Diagnostic::new(
                Code::E001,
                crate::diagnostic::Text::new(reason.clone(), reason),
            )],
            Lang::En,
        );
        row
    }

    fn empty(source: String) -> BatchRow {
        BatchRow {
            source,
            id: String::new(),
            name: String::new(),
            organisation: String::new(),
            portfolio: String::new(),
            status: Status::Ok,
            errors: 0,
            warnings: 0,
            codes: Vec::new(),
            findings: Vec::new(),
            figures: None,
            content: None,
        }
    }

    /// Add findings raised outside the submission's own analysis (W302 in a batch),
    /// their texts in `lang`.
    pub fn add_findings(&mut self, diagnostics: &[Diagnostic], lang: Lang) {
        self.record(diagnostics, lang);
    }

    fn record(&mut self, diagnostics: &[Diagnostic], lang: Lang) {
        for d in diagnostics {
            if d.is_error() {
                self.errors += 1;
            } else {
                self.warnings += 1;
            }
            // A finding left unworded (Options::warning_texts) keeps its code only.
            let message = if d.message_in(lang).is_empty() {
                String::new()
            } else {
                d.message_with_scenarios(lang)
            };
            self.findings.push((d.code, message));
            if !self.codes.contains(&d.code) {
                self.codes.push(d.code);
            }
        }
        self.codes.sort();
        self.status = if self.errors > 0 {
            Status::Error
        } else if self.warnings > 0 {
            Status::Warnings
        } else {
            Status::Ok
        };
    }
}

/// Analyse one project file's text into a result row; `claimed` figures (from a
/// submissions CSV) are compared with the recomputed ones.
pub fn summarise(source: String, text: &str, claimed: Option<&Claimed>) -> BatchRow {
    summarise_with(source, text, claimed, None)
}

/// As [`summarise`], with the realism figures when `realism` gives the Monte Carlo
/// settings.
pub fn summarise_with(source: String, text: &str, claimed: Option<&Claimed>, realism: Option<Draws>) -> BatchRow {
    summarise_opts(
        source,
        text,
        claimed,
        Options {
            realism,
            ..Options::default()
        },
    )
}

/// What a batch row carries beyond the key figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The Monte Carlo settings for the realism figures (`--realism`).
    pub realism: Option<Draws>,
    /// Each stakeholder's share (`--group-by stakeholder`).
    pub stakeholders: bool,
    /// The language of the findings' texts (English, the scripts' contract, by
    /// default; the reader's language for outputs meant for people).
    pub lang: Lang,
    /// Whether warnings keep their texts. A CSV shows warnings by code only, and
    /// wording them is a good part of a batch's time, so it can leave them unworded
    /// (an empty text); errors are always worded, for the `message` column.
    pub warning_texts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            realism: None,
            stakeholders: false,
            lang: Lang::En,
            warning_texts: true,
        }
    }
}

/// As [`summarise`], with what `options` asks for.
pub fn summarise_opts(source: String, text: &str, claimed: Option<&Claimed>, options: Options) -> BatchRow {
    let realism = options.realism;
    let checks = (!options.warning_texts).then_some(Wording::Silent);
    let analysis = with_wording(Wording::Only(options.lang), || {
        analyse_worded(text, &Overrides::default(), checks)
    });
    let mut row = BatchRow::empty(source);
    row.content = Some(crate::check::duplicates::fingerprint(text));
    let mut diagnostics = analysis.diagnostics;
    // Read even from a file with errors, so that its row says whose it is.
    let header = analysis.header;
    row.id = header.id;
    row.name = header.name;
    row.organisation = header.organisation;
    row.portfolio = header.portfolio;
    if let Some(calc) = &analysis.base {
        if let Some(claimed) = claimed {
            diagnostics.extend(crate::check::claims::compare(claimed, calc));
        }
        let mut f = figures(calc);
        if options.stakeholders {
            f.stakeholders = crate::portfolio::shares(calc);
        }
        if let (Some(draws), Some(project)) = (realism, &analysis.project) {
            match realism::assess(project, calc, draws) {
                Ok(r) => {
                    f.realism = Some(RealismFigures {
                        benefit_breakeven: r.benefit_breakeven,
                        delay_breakeven_months: r.delay_breakeven_months,
                        optimism_upper_npv: r.optimism_upper_npv,
                        probability_negative: r.monte_carlo.map(|m| m.probability_negative),
                    })
                }
                Err(e) => diagnostics.push(crate::analysis::engine_error(project, e)),
            }
        }
        row.figures = Some(f);
    }
    row.record(&diagnostics, options.lang);
    // Findings beyond the limit count, though their texts were not kept.
    row.errors += analysis.omitted.errors;
    row.warnings += analysis.omitted.warnings;
    row
}

fn figures(calc: &Calculation) -> Figures {
    let s = &calc.summary;
    Figures {
        total_costs: s.total_costs(),
        total_benefits: s.total_benefits(),
        net: s.net(),
        npv: s.npv,
        bcr: s.bcr,
        irr: s.irr,
        payback_month: s.payback_month,
        payback_years: s.payback_years,
        planned_harvest: s.planned_harvest,
        harvest_share: s.harvest_share,
        years: calc
            .years
            .iter()
            .map(|y| YearSlice {
                year: y.year,
                costs: y.total_costs(),
                benefits: y.total_benefits(),
                npv: y.net() * y.discount_factor,
                planned_harvest: y.planned_harvest,
            })
            .collect(),
        realism: None,
        stakeholders: Vec::new(),
    }
}

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By `[project] organisation`.
    Organisation,
    /// By `[project] portfolio`.
    Portfolio,
}

/// Sums per group and year, over the submissions that could be computed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups(pub BTreeMap<(String, i32), YearSlice>);

impl Groups {
    /// Add a computed row's years to its group.
    pub fn add(&mut self, by: GroupBy, row: &BatchRow) {
        let Some(f) = &row.figures else { return };
        let group = match by {
            GroupBy::Organisation => &row.organisation,
            GroupBy::Portfolio => &row.portfolio,
        };
        for y in &f.years {
            *self.0.entry((group.clone(), y.year)).or_insert(YearSlice {
                year: y.year,
                ..YearSlice::default()
            }) += *y;
        }
    }
}

/// How to rank the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    /// Highest NPV first.
    Npv,
    /// Highest benefit-cost ratio first.
    Bcr,
    /// Shortest payback first, counted from the first year (not by calendar month).
    Payback,
}

/// Where a row sorts when ranking: computed rows with the figure, best first; then
/// computed rows without it (never pays back, no BCR); then rows that could not be
/// computed. Ties keep input order (the sort is stable).
pub fn rank_key(row: &BatchRow, by: Rank) -> RankKey {
    let Some(f) = &row.figures else { return RankKey(2, None) };
    let key = match by {
        Rank::Npv => Some(-f.npv),
        Rank::Bcr => f.bcr.map(|b| -b),
        // How long it takes, not when: a project starting in 2027 that pays back in two
        // years ranks before one from 2023 that takes three.
        Rank::Payback => f.payback_years,
    };
    match key {
        Some(k) => RankKey(0, Some(k)),
        None => RankKey(1, None),
    }
}

/// A sort key for ranking (see [`rank_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RankKey(u8, Option<Decimal>);

impl RankKey {
    /// Whether the row was computed (and so gets a place in the ranking).
    pub fn is_computed(self) -> bool {
        self.0 < 2
    }
}

/// Sort rows for prioritisation, best first (see [`rank_key`]).
pub fn rank(rows: &mut [BatchRow], by: Rank) {
    rows.sort_by_cached_key(|r| rank_key(r, by));
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    const VALID: &str = r#"format = 1
[project]
name = "P"
id = "P-1"
organisation = "Kultur"
portfolio = "Fritid"
start_year = 2025
years = 3
[assumptions]
discount_rate = 0
[[costs]]
name = "Bygg"
category = "investment"
amounts = { 2025 = 100000 }
[[costs]]
name = "Drift"
category = "operations"
annual = 10000
[[benefits]]
name = "Porto"
class = "financial"
confidence = "high"
annual = 60000
[benefits.realisation]
owner = "Chef"
"#;

    #[test]
    fn a_valid_project_becomes_a_row_with_figures() {
        let row = summarise("p.toml".into(), VALID, None);
        assert_eq!(row.status, Status::Ok, "{:?}", row.findings);
        let f = row.figures.unwrap();
        // Costs 100000 + 3 × 10000; benefits 3 × 60000; rate 0: NPV = net = 50000.
        assert_eq!(
            (f.total_costs, f.total_benefits, f.npv),
            (dec!(130000), dec!(180000), dec!(50000))
        );
        assert_eq!(f.years[0].npv, dec!(-50000));
    }

    #[test]
    fn an_invalid_project_still_names_itself() {
        let row = summarise(
            "bad.toml".into(),
            &VALID.replace("annual = 10000", "anual = 10000"),
            None,
        );
        assert_eq!(row.status, Status::Error);
        assert_eq!(
            (row.id.as_str(), row.name.as_str(), row.organisation.as_str()),
            ("P-1", "P", "Kultur")
        );
    }

    #[test]
    fn an_invalid_project_is_an_error_row_with_its_reason() {
        let row = summarise("bad.toml".into(), "format = 1\n[project]\nname = 1\n", None);
        assert_eq!(row.status, Status::Error);
        assert!(row.figures.is_none());
        assert!(row.codes.contains(&Code::E004), "{:?}", row.codes);
        assert!(!row.reason().is_empty());
    }

    #[test]
    fn an_absurd_claim_is_a_warning_not_a_panic() {
        let claimed = Claimed {
            total_benefits: Some(Decimal::MIN),
            ..Claimed::default()
        };
        let row = summarise("s.csv:2".into(), VALID, Some(&claimed));
        assert!(row.codes.contains(&Code::W301));
    }

    #[test]
    fn claims_are_compared() {
        let claimed = Claimed {
            npv: Some(dec!(52000)),          // 2000 off: more than 1 % and 1000 kr
            total_costs: Some(dec!(130500)), // 500 off: within 1000 kr
            total_benefits: None,
            // −4166.67 a month through 2025 (−50000), +4166.67 a month after: 0 after December 2026.
            payback_year: Some(2025),
        };
        let row = summarise("s.csv:2".into(), VALID, Some(&claimed));
        let w: Vec<&String> = row
            .findings
            .iter()
            .filter(|(c, _)| *c == Code::W301)
            .map(|(_, m)| m)
            .collect();
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0], "claimed NPV 52,000 kr, recomputed 50,000 kr");
        assert_eq!(w[1], "claimed payback year 2025, recomputed 2026");
    }

    #[test]
    fn groups_sum_and_rank_orders() {
        let a = summarise("a.toml".into(), VALID, None);
        let b = summarise(
            "b.toml".into(),
            &VALID.replace("annual = 60000", "annual = 90000"),
            None,
        );
        let mut groups = Groups::default();
        groups.add(GroupBy::Portfolio, &a);
        groups.add(GroupBy::Portfolio, &b);
        assert_eq!(groups.0[&("Fritid".to_string(), 2026)].benefits, dec!(150000));
        let bad = summarise("c.toml".into(), "", None);
        let mut rows = vec![bad, a, b];
        rank(&mut rows, Rank::Npv);
        let order: Vec<&str> = rows.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(order, vec!["b.toml", "a.toml", "c.toml"]);
    }
}
