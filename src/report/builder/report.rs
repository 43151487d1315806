//! The report's builder: what a report on one calculation shows, in which language,
//! as a [`Document`] (the whole report, one section of it, or the stand-alone benefit
//! realisation plan). Labels come from [`crate::report::labels`], figures from the
//! engine, text from [`crate::fmt`]; nothing here writes bytes.

use crate::engine::indicators::effekthemtagning;
use crate::engine::realism::Realism;
use crate::engine::totals::{HARVEST_KINDS, change_of};
use crate::engine::{Calculation, LineFigures, StakeholderFigures};
use crate::fmt::{
    Shown, apportion, currency_unit, difference, factor, grid as fmt_grid, kronor, money_in, number, percent, ratio,
    round, running, signed_percent, years,
};
use crate::model::{Category, Class, Confidence, Line, Method, Project};
use crate::report::builder::chart::Charts;
use crate::report::chart::Chart;
use crate::report::document::{Block, Chapter, Document, Grid, MISSING, NAME_WIDTH, left, period, right, wrapped};
use crate::report::labels::{Label as L, Phrase};
use crate::report::{Lang, ReportInput, Section};
use rust_decimal::Decimal;
use std::cell::OnceCell;

/// The discount rate used when a file states none (docs/method.md).
const DEFAULT_DISCOUNT_RATE: Decimal = Decimal::from_parts(3, 0, 0, false, 2);

/// Build the report document for one calculation.
pub fn build(input: &ReportInput) -> Document {
    build_with(input, false)
}

/// The report document with its charts, each in the chapter it illustrates, and the
/// assumptions (for HTML): costs and benefits per year and the cumulative net under
/// the summary, the Monte Carlo distribution under realism, NPV per stakeholder,
/// planned harvest against benefit and the savings demand per stakeholder under the
/// realisation plan, the tornado under sensitivity.
pub fn build_with_charts(input: &ReportInput) -> Document {
    build_with(input, true)
}

fn build_with(input: &ReportInput, with_charts: bool) -> Document {
    let b = Builder::new(input.project, input.calc, input.lang);
    let ch = Charts::new(input.project, input.calc, input.lang);
    let charts = |chapter: &mut Chapter, charts: Vec<Option<Chart>>| {
        if with_charts {
            let blocks = charts.into_iter().flatten().map(|c| Block::Chart(Box::new(c)));
            chapter.blocks.extend(blocks);
        }
    };
    let mut summary = b.summary();
    charts(
        &mut summary,
        vec![Some(ch.costs_and_benefits()), Some(ch.cumulative_net())],
    );
    let mut chapters = vec![summary, b.assumptions()];
    if let Some(r) = input.realism {
        let mut realism = b.realism(r);
        charts(&mut realism, vec![ch.monte_carlo(r)]);
        chapters.push(realism);
    }
    let mut stakeholders = b.stakeholders();
    charts(&mut stakeholders, vec![ch.npv_per_stakeholder()]);
    let mut realisation = b.realisation();
    charts(&mut realisation, vec![ch.harvest(), ch.savings_demand()]);
    chapters.extend([b.years(), b.line_items(), stakeholders, realisation]);
    chapters.push(b.qualitative());
    let mut sensitivity = b.sensitivity();
    charts(&mut sensitivity, vec![ch.tornado()]);
    chapters.push(sensitivity);
    if let Some(s) = b.sources() {
        chapters.push(s);
    }
    chapters.push(b.findings(input));
    Document {
        title: b.title(),
        facts: b.facts(),
        description: b.description(),
        chapters,
    }
}

/// Build a document with one section of the report under the title and the project
/// facts. [`Section::Realisation`] gives a stand-alone benefit realisation plan
/// (nyttorealiseringsplan) to attach to an application: its own title, the project
/// facts with the planned harvest, the description, the plan, and the qualitative
/// benefits' indicators when there are any.
pub fn build_section(input: &ReportInput, section: Section) -> Document {
    let b = Builder::new(input.project, input.calc, input.lang);
    let mut doc = Document {
        title: b.title(),
        facts: b.facts(),
        description: None,
        chapters: Vec::new(),
    };
    match section {
        Section::Summary => doc.chapters.push(b.summary()),
        Section::Assumptions => doc.chapters.push(b.assumptions()),
        Section::Realism => {
            if let Some(r) = input.realism {
                doc.chapters.push(b.realism(r));
            }
        }
        Section::Years => doc.chapters.push(b.years()),
        Section::Lines => {
            doc.chapters.push(b.line_items());
            doc.chapters.extend(b.sources());
        }
        Section::Stakeholders => doc.chapters.push(b.stakeholders()),
        Section::Realisation => {
            doc.title = format!("{}: {}", b.t(L::BenefitRealisationPlan), b.p.name);
            doc.facts.extend(b.harvest_facts());
            doc.description = b.description();
            doc.chapters.push(b.realisation());
            if b.p.benefits.iter().any(|l| !l.is_monetised()) {
                doc.chapters.push(b.qualitative());
            }
        }
        Section::Qualitative => doc.chapters.push(b.qualitative()),
        Section::Sensitivity => doc.chapters.push(b.sensitivity()),
        Section::Findings => doc.chapters.push(b.findings(input)),
    }
    doc
}

/// Where a finding is, as a reader knows it (a line or stakeholder by name): for other
/// documents about the same project.
pub fn place(project: &Project, calc: &Calculation, lang: Lang, at: Option<&str>) -> String {
    Builder::new(project, calc, lang).place(at)
}

/// The project facts shown under a title (id, organisation, horizon, go-live,
/// scenario, amounts), for other documents about the same calculation.
pub fn project_facts(project: &Project, calc: &Calculation, lang: Lang) -> Vec<(String, String)> {
    Builder::new(project, calc, lang).facts()
}

struct Builder<'a> {
    p: &'a Project,
    c: &'a Calculation,
    lang: Lang,
    lines: Vec<&'a Line>,
    shown: OnceCell<YearsShown>,
}

/// The whole kronor the year-by-year figures are shown as, chosen once so that every
/// table showing them adds up and shows a figure the same way in each
/// ([`crate::fmt::grid`]; docs/method.md, "Rounding").
pub(super) struct YearsShown {
    /// Investment, operations and other costs (rows) per year (columns).
    pub(super) costs: Shown,
    /// Financial and reallocation benefits (rows) per year (columns).
    pub(super) benefits: Shown,
    /// Planned harvest per year.
    pub(super) harvest: Vec<Decimal>,
    /// Planned harvest over the horizon.
    pub(super) harvest_total: Decimal,
}

/// The year-by-year figures of `c` as shown (the report's tables and the charts' data
/// tables alike).
pub(super) fn years_shown(c: &Calculation) -> YearsShown {
    let s = &c.summary;
    let ys = &c.years;
    let costs: Vec<Vec<Decimal>> = Category::ALL
        .iter()
        .map(|cat| ys.iter().map(|y| y.costs[cat.index()]).collect())
        .collect();
    let benefits = vec![
        ys.iter().map(|y| y.financial_benefits).collect(),
        ys.iter().map(|y| y.reallocation_benefits).collect(),
    ];
    let harvest: Vec<Decimal> = ys.iter().map(|y| y.planned_harvest).collect();
    let harvest_total = round(s.planned_harvest, 0);
    YearsShown {
        costs: fmt_grid(&costs, None, None, round(s.total_costs(), 0)),
        benefits: fmt_grid(&benefits, None, None, round(s.total_benefits(), 0)),
        harvest: apportion(&harvest, harvest_total, 0),
        harvest_total,
    }
}

/// The stakeholders' figures as shown ([`Builder::stakeholders_shown`]).
struct StakeholdersShown {
    /// Each stakeholder's costs.
    costs: Vec<Decimal>,
    /// All stakeholders' costs.
    costs_total: Decimal,
    /// Financial and reallocation benefits (columns) per stakeholder (rows).
    benefits: Shown,
    /// Each stakeholder's NPV.
    npv: Vec<Decimal>,
    /// All stakeholders' NPV.
    npv_total: Decimal,
    /// Planned harvest per stakeholder (rows) and year (columns).
    harvest: Shown,
}

impl<'a> Builder<'a> {
    fn new(p: &'a Project, c: &'a Calculation, lang: Lang) -> Self {
        Builder {
            p,
            c,
            lang,
            lines: p.lines().collect(),
            shown: OnceCell::new(),
        }
    }

    /// The year-by-year figures as shown.
    fn shown(&self) -> &YearsShown {
        self.shown.get_or_init(|| years_shown(self.c))
    }

    fn title(&self) -> String {
        format!("{}: {}", self.t(L::BenefitCalculation), self.p.name)
    }

    fn description(&self) -> Option<String> {
        self.p.description.clone().filter(|d| !d.trim().is_empty())
    }

    /// Planned harvest and harvest share, for the realisation plan's facts.
    fn harvest_facts(&self) -> Vec<(String, String)> {
        let s = &self.c.summary;
        let harvest = match s.harvest_share {
            Some(share) => format!(
                "{} ({} {})",
                self.money(s.planned_harvest),
                self.pct(share),
                self.t(L::OfMonetisedBenefits)
            ),
            None => self.money(s.planned_harvest),
        };
        vec![
            (self.t(L::MonetisedBenefits).to_string(), self.money(s.total_benefits())),
            (self.t(L::PlannedHarvest).to_string(), harvest),
        ]
    }

    /// The text of a label in the document's language.
    fn t(&self, label: L) -> &'static str {
        label.text(self.lang)
    }

    /// Whole kronor without unit, for grid cells.
    fn kr(&self, d: Decimal) -> String {
        kronor(d, self.lang)
    }

    /// Money with its unit, for key figures.
    fn money(&self, d: Decimal) -> String {
        money_in(d, &self.p.currency, self.lang)
    }

    fn pct(&self, d: Decimal) -> String {
        percent(d, self.lang)
    }

    fn opt(value: Option<String>) -> String {
        value.unwrap_or_else(|| MISSING.to_string())
    }

    /// Where a finding is, as a reader knows it: a line by its name, a stakeholder by
    /// its name, the project or the assumptions in words — never a path such as
    /// `benefits[1]` (JSON keeps the path for scripts).
    pub(super) fn place(&self, at: Option<&str>) -> String {
        let Some(at) = at.map(str::trim).filter(|a| !a.is_empty()) else {
            return MISSING.to_string();
        };
        let head = at.split('.').next().unwrap_or(at);
        // `benefits[1]` as the file shows it: `[[benefits]] nr 2 ”Name”` (the wording of
        // the parser's messages, built from the line's index and name).
        let entry = |section: &str, i: usize, name: &str| {
            Phrase::Entry {
                section,
                number: i + 1,
                name,
            }
            .text(self.lang)
        };
        let indexed = |section: &str| {
            head.strip_prefix(section)
                .and_then(|r| r.strip_prefix('['))
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|n| n.parse::<usize>().ok())
        };
        if let Some(line) = self.p.lines().find(|l| l.at == head) {
            for section in ["costs", "benefits"] {
                if let Some(i) = indexed(section) {
                    return entry(section, i, &line.name);
                }
            }
            return line.name.clone();
        }
        if let Some(i) = indexed("stakeholders")
            && let Some(s) = self.p.stakeholders.get(i)
        {
            return entry("stakeholders", i, &s.name);
        }
        match head {
            "project" => self.t(L::WholeProject).to_string(),
            "assumptions" => self.t(L::Assumptions).to_string(),
            "stakeholders" => self.t(L::StakeholdersPlace).to_string(),
            "costs" => self.t(L::CostLines).to_string(),
            "benefits" => self.t(L::BenefitLines).to_string(),
            _ => at.to_string(),
        }
    }

    fn text(value: Option<&str>) -> String {
        match value.map(str::trim) {
            Some(v) if !v.is_empty() => v.to_string(),
            _ => MISSING.to_string(),
        }
    }

    fn year_label(&self, i: usize) -> String {
        (self.p.start_year + i as i32).to_string()
    }

    fn line(&self, f: &LineFigures) -> Option<&'a Line> {
        self.lines.get(f.index).copied()
    }

    fn category(&self, c: Category) -> &'static str {
        match c {
            Category::Investment => self.t(L::Investment),
            Category::Operations => self.t(L::Operations),
            Category::Other => self.t(L::Other),
        }
    }

    fn class(&self, c: Class) -> &'static str {
        match c {
            Class::Financial => self.t(L::Financial),
            Class::Reallocation => self.t(L::Reallocation),
            Class::Qualitative => self.t(L::Qualitative),
        }
    }

    fn kind(&self, line: &Line) -> &'static str {
        match (line.category(), line.class()) {
            (Some(c), _) => self.category(c),
            (None, Some(c)) => self.class(c),
            (None, None) => MISSING,
        }
    }

    fn confidence(&self, c: Confidence) -> &'static str {
        match c {
            Confidence::High => self.t(L::High),
            Confidence::Medium => self.t(L::Medium),
            Confidence::Low => self.t(L::Low),
        }
    }

    fn method(&self, m: Method) -> &'static str {
        match m {
            Method::BudgetReduction => self.t(L::BudgetReduction),
            Method::Redeployment => self.t(L::Redeployment),
            Method::Revenue => self.t(L::Revenue),
            Method::CostAvoidance => self.t(L::CostAvoidance),
            Method::Quality => self.t(L::Quality),
        }
    }

    fn facts(&self) -> Vec<(String, String)> {
        let p = self.p;
        let mut facts = Vec::new();
        if let Some(id) = p.id.as_deref().filter(|s| !s.trim().is_empty()) {
            facts.push((self.t(L::ProjectId).to_string(), id.to_string()));
        }
        facts.push((self.t(L::Organisation).to_string(), p.organisation.clone()));
        if let Some(portfolio) = p.portfolio.as_deref().filter(|s| !s.trim().is_empty()) {
            facts.push((self.t(L::Portfolio).to_string(), portfolio.to_string()));
        }
        let last = p.end_year() - 1;
        let span = if p.years == 1 {
            format!("{} (1 {})", p.start_year, self.t(L::Year))
        } else {
            format!("{}–{last} ({} {})", p.start_year, p.years, self.t(L::Years))
        };
        facts.push((self.t(L::Horizon).to_string(), span));
        facts.push((self.t(L::GoLive).to_string(), p.go_live.to_string()));
        facts.push((self.t(L::Scenario).to_string(), self.scenario()));
        let unit = currency_unit(&p.currency);
        let amounts = if unit == "kr" {
            self.t(L::KronorSekWholeKronor).to_string()
        } else {
            format!("{unit}, {}", self.t(L::WholeUnits))
        };
        facts.push((self.t(L::Amounts).to_string(), amounts));
        if !p.overrides.is_empty() {
            facts.push((self.t(L::OverriddenOnCommandLine).to_string(), p.overrides.join(", ")));
        }
        facts
    }

    fn scenario(&self) -> String {
        let s = &self.c.scenario;
        let mut parts = Vec::new();
        if s.cost_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t(L::Costs),
                number(s.cost_factor, 2, self.lang)
            ));
        }
        if s.investment_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t(L::Investment),
                number(s.investment_factor, 2, self.lang)
            ));
        }
        if s.operations_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t(L::Operations2),
                number(s.operations_factor, 2, self.lang)
            ));
        }
        if s.benefit_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t(L::Benefits),
                number(s.benefit_factor, 2, self.lang)
            ));
        }
        if s.delay_months > 0 {
            parts.push(format!(
                "{} {} {}",
                self.t(L::BenefitsDelayed),
                s.delay_months,
                self.t(L::Months)
            ));
        }
        if let Some(r) = s.discount_rate {
            parts.push(format!("{} {}", self.t(L::DiscountRate), self.pct(r)));
        }
        let name = crate::report::labels::scenario_name(&s.name, self.lang).into_owned();
        if parts.is_empty() {
            name
        } else {
            format!("{name} ({})", parts.join(", "))
        }
    }

    fn discount_rate(&self) -> String {
        let rate = self.pct(self.c.discount_rate);
        let defaulted = !self.p.assumptions.discount_rate_stated && self.c.scenario.discount_rate.is_none();
        let default = self.pct(DEFAULT_DISCOUNT_RATE);
        if defaulted {
            format!("{rate} ({} {default})", self.t(L::Default))
        } else {
            rate
        }
    }

    /// Förutsättningar: what the figures rest on, so a reviewer need not ask.
    fn assumptions(&self) -> Chapter {
        let (p, a) = (self.p, &self.p.assumptions);
        let not_stated = || self.t(L::NotStated).to_string();
        let unit = currency_unit(&p.currency);
        let exact = |d: Decimal| format!("{} {unit}", number(d, 2, self.lang));
        let real = match a.real {
            Some(true) => self.t(L::RealRate),
            Some(false) => self.t(L::NominalRate),
            None => self.t(L::RealOrNominalNotStated),
        };
        let hourly = match (a.salary, a.effective_hourly_cost()) {
            (Some((salary, hours)), Some(h)) => Phrase::HourlyFromSalary {
                salary: &self.money(salary),
                hours: &number(hours, hours.scale().min(2), self.lang),
                overhead: &crate::fmt::percent_fine(a.overhead, self.lang),
                hourly: &exact(h),
            }
            .text(self.lang),
            (None, Some(h)) => Phrase::HourlyWithOverhead {
                base: &exact(a.hourly_cost.unwrap_or_default()),
                overhead: &crate::fmt::percent_fine(a.overhead, self.lang),
                hourly: &exact(h),
            }
            .text(self.lang),
            _ => not_stated(),
        };
        let last = p.end_year() - 1;
        let span = if p.years == 1 {
            format!("{} (1 {})", p.start_year, self.t(L::Year))
        } else {
            format!("{}–{last} ({} {})", p.start_year, p.years, self.t(L::Years))
        };
        let whole = if p.currency.eq_ignore_ascii_case("SEK") {
            "kronor"
        } else {
            p.currency.as_str()
        };
        let mut grid = Grid::new(vec![left(self.t(L::Assumption)), wrapped(self.t(L::Value), 60)]);
        for (label, value) in [
            (L::DiscountRateCap, format!("{}, {real}", self.discount_rate())),
            (
                L::PriceLevel,
                a.price_year
                    .map_or_else(not_stated, |year| Phrase::PricesOf { year }.text(self.lang)),
            ),
            (L::HourlyCostWithOverhead, hourly),
            (L::OverheadPo, crate::fmt::percent_fine(a.overhead, self.lang)),
            (L::CurrencyLabel, p.currency.clone()),
            (L::Horizon, span),
            (L::GoLive, p.go_live.to_string()),
            (L::Rounding, Phrase::RoundingRule { unit: whole }.text(self.lang)),
        ] {
            grid.row(vec![self.t(label).to_string(), value]);
        }
        Chapter {
            heading: self.t(L::Assumptions).to_string(),
            blocks: vec![Block::Grid(grid)],
        }
    }

    fn summary(&self) -> Chapter {
        let s = &self.c.summary;
        let mut amounts = Grid::new(vec![left(self.t(L::Item)), right(self.t(L::Amount))])
            .caption(self.t(L::CostsAndBenefitsOverHorizon));
        // As shown in the year-by-year table; the confidence levels add up to the benefits.
        let sh = self.shown();
        let (costs, benefits) = (&sh.costs, &sh.benefits);
        let confidence = apportion(&s.benefits_by_confidence, benefits.total, 0);
        let net = difference(&[benefits.total], &[costs.total]);
        let rows: [(&str, Decimal, bool); 11] = [
            (self.t(L::Investment2), costs.rows[0], false),
            (self.t(L::Operations3), costs.rows[1], false),
            (self.t(L::OtherCosts), costs.rows[2], false),
            (self.t(L::TotalCosts), costs.total, true),
            (self.t(L::FinancialBenefits), benefits.rows[0], false),
            (self.t(L::ReallocationBenefits), benefits.rows[1], false),
            (self.t(L::TotalBenefits), benefits.total, true),
            (
                self.t(L::OfWhichHighConfidence),
                confidence[Confidence::High.index()],
                false,
            ),
            (
                self.t(L::OfWhichMediumConfidence),
                confidence[Confidence::Medium.index()],
                false,
            ),
            (
                self.t(L::OfWhichLowConfidence),
                confidence[Confidence::Low.index()],
                false,
            ),
            (self.t(L::NetBenefitsCosts), net[0], true),
        ];
        for (label, value, total) in rows {
            let cells = vec![label.to_string(), self.money(value)];
            if total {
                amounts.total(cells)
            } else {
                amounts.row(cells)
            }
        }

        let mut key =
            Grid::new(vec![left(self.t(L::KeyFigure)), right(self.t(L::Value))]).caption(self.t(L::KeyFigures));
        let payback = match (s.payback_month, s.payback_years) {
            (Some(m), Some(y)) => format!("{m} ({})", years(y, self.lang)),
            (Some(m), None) => m.to_string(),
            _ => MISSING.to_string(),
        };
        let rows: Vec<(&str, String)> = vec![
            (self.t(L::DiscountRate2), self.discount_rate()),
            (self.t(L::PvCosts), self.money(s.pv_costs)),
            (self.t(L::PvBenefits), self.money(s.pv_benefits)),
            (self.t(L::NetPresentValueNpv), self.money(s.npv)),
            (self.t(L::NpvFinancialBenefitsOnly), self.money(s.npv_financial)),
            (
                self.t(L::NpvHighConfidenceBenefitsOnly),
                self.money(s.npv_high_confidence),
            ),
            (
                self.t(L::BenefitCostRatioBcr),
                Self::opt(s.bcr.map(|b| ratio(b, self.lang))),
            ),
            (
                self.t(L::InternalRateOfReturnIrr),
                Self::opt(s.irr.map(|r| self.pct(r))),
            ),
            (self.t(L::Payback), payback),
            (self.t(L::PlannedHarvest), self.money(s.planned_harvest)),
            (
                self.t(L::HarvestShareOfBenefits),
                Self::opt(s.harvest_share.map(|h| self.pct(h))),
            ),
        ];
        for (label, value) in rows {
            key.row(vec![label.to_string(), value]);
        }
        Chapter {
            heading: self.t(L::Summary).to_string(),
            blocks: vec![Block::Grid(amounts), Block::Grid(key)],
        }
    }

    /// How fragile the case is, each figure with one plain sentence.
    fn realism(&self, r: &Realism) -> Chapter {
        let s = &self.c.summary;
        let say = |phrase: Phrase| phrase.text(self.lang);
        let pays = |npv: Decimal| npv >= Decimal::ZERO;
        let mut grid = Grid::new(vec![
            left(self.t(L::Figure)),
            right(self.t(L::Value)),
            wrapped(self.t(L::WhatItMeans), 60),
        ]);
        grid.row(vec![
            self.t(L::NetPresentValueNpv).to_string(),
            self.money(s.npv),
            say(Phrase::NpvAll { pays: pays(s.npv) }),
        ]);
        grid.row(vec![
            self.t(L::NpvFinancialBenefitsOnly).to_string(),
            self.money(s.npv_financial),
            say(Phrase::NpvFinancial {
                pays: pays(s.npv_financial),
            }),
        ]);
        grid.row(vec![
            self.t(L::NpvWithoutLowConfidenceBenefits).to_string(),
            self.money(s.npv_without_low_confidence),
            say(Phrase::NpvWithoutLowConfidence {
                pays: pays(s.npv_without_low_confidence),
            }),
        ]);
        grid.row(vec![
            self.t(L::InternalRateOfReturnIrr).to_string(),
            Self::opt(s.irr.map(|i| self.pct(i))),
            match s.irr {
                // Below zero and the undiscounted net too: not even the money comes back.
                Some(i) if i < Decimal::ZERO && s.net() < Decimal::ZERO => {
                    say(Phrase::IrrNegative { irr: &self.pct(i) })
                }
                Some(i) => say(Phrase::IrrAt {
                    irr: &self.pct(i),
                    rate: &self.pct(self.c.discount_rate),
                }),
                None => say(match self.c.yearly_net_sign() {
                    Some(std::cmp::Ordering::Greater) => Phrase::NoIrrAlwaysPays,
                    Some(std::cmp::Ordering::Less) => Phrase::NoIrrNeverPays,
                    _ => Phrase::NoIrr,
                }),
            },
        ]);
        grid.row(vec![
            self.t(L::BenefitThatMustComeTrue).to_string(),
            Self::opt(r.benefit_breakeven.map(|b| self.pct(b))),
            match r.benefit_breakeven {
                None => say(Phrase::NoMonetisedBenefit),
                Some(b) if b > Decimal::ONE => say(Phrase::NoBreakEvenEvenIfAll { share: &self.pct(b) }),
                Some(b) => say(Phrase::BreaksEvenIf { share: &self.pct(b) }),
            },
        ]);
        grid.row(vec![
            self.t(L::DelayThatTurnsCase).to_string(),
            match r.delay_breakeven_months {
                Some(d) => format!("{d} {}", self.t(L::Months)),
                None => MISSING.to_string(),
            },
            match r.delay_breakeven_months {
                Some(months) => say(Phrase::StopsPayingOffAfter { months }),
                None if s.npv <= Decimal::ZERO => say(Phrase::AlreadyNegative),
                None => say(Phrase::KeepsPayingOff {
                    months: self.p.months(),
                }),
            },
        ]);
        for (i, (label, npv)) in [
            (L::NpvOptimismBiasUpper, r.optimism_upper_npv),
            (L::NpvOptimismBiasLower, r.optimism_lower_npv),
        ]
        .into_iter()
        .enumerate()
        {
            let scenario = &r.optimism_scenarios[i];
            let factor = number(scenario.investment_factor, 2, self.lang);
            grid.row(vec![
                self.t(label).to_string(),
                Self::opt(npv.map(|n| self.money(n))),
                match npv {
                    Some(n) => say(Phrase::OptimismBias {
                        factor: &factor,
                        delay: scenario.delay_months,
                        upper: i == 0,
                        written: self.p.scenarios.iter().any(|s| s.name == scenario.name),
                        pays: pays(n),
                    }),
                    None => say(Phrase::CouldNotCompute),
                },
            ]);
        }
        let mut blocks = vec![Block::Grid(grid)];
        match &r.monte_carlo {
            Some(m) => {
                let draws = number(Decimal::from(m.draws), 0, self.lang);
                let caption = say(Phrase::SimulationCaption {
                    draws: &draws,
                    seed: m.seed,
                });
                let mut mc = Grid::new(vec![left(self.t(L::Simulation)), right(self.t(L::Value))]).caption(caption);
                mc.row(vec![self.t(L::NpvP10).to_string(), self.money(m.p10)]);
                mc.row(vec![self.t(L::NpvMedianP50).to_string(), self.money(m.p50)]);
                mc.row(vec![self.t(L::NpvP90).to_string(), self.money(m.p90)]);
                mc.row(vec![
                    self.t(L::ProbabilityOfNegativeNpv).to_string(),
                    self.pct(m.probability_negative),
                ]);
                blocks.push(Block::Grid(mc));
                blocks.push(Block::Text(say(Phrase::SimulationSummary {
                    p10: &self.money(m.p10),
                    p90: &self.money(m.p90),
                    negative: &crate::fmt::percent_one(m.probability_negative, self.lang),
                })));
            }
            None => blocks.push(Block::Text(self.t(L::NoLineHasRangeRangeSo).to_string())),
        }
        Chapter {
            heading: self.t(L::HowRobustIsCase).to_string(),
            blocks,
        }
    }

    /// Year by year as in Inera's template: the years as columns, the items as rows,
    /// the total last (what a reader compares across years sits side by side).
    fn years(&self) -> Chapter {
        let n = self.c.years.len();
        let mut columns = vec![left(self.t(L::Item))];
        columns.extend((0..n).map(|i| period(&self.year_label(i))));
        columns.push(right(self.t(L::Total)));
        let table = Grid::new(columns);
        let ys = &self.c.years;
        let sh = self.shown();
        let kr = |d: &Decimal| self.kr(*d);
        let row = |cells: &[Decimal], total: &Decimal| (cells.iter().map(kr).collect::<Vec<_>>(), kr(total));
        let net = difference(&sh.benefits.columns, &sh.costs.columns);
        let net_total = difference(&[sh.benefits.total], &[sh.costs.total])[0];
        let cumulative = running(&net);
        let mut rows: Vec<(L, (Vec<String>, String), bool)> = Vec::new();
        for (label, i) in [(L::Investment2, 0), (L::Operations4, 1), (L::OtherCosts2, 2)] {
            rows.push((label, row(&sh.costs.cells[i], &sh.costs.rows[i]), false));
        }
        rows.push((L::TotalCosts2, row(&sh.costs.columns, &sh.costs.total), true));
        for (label, i) in [(L::FinancialBenefits2, 0), (L::ReallocationBenefits2, 1)] {
            rows.push((label, row(&sh.benefits.cells[i], &sh.benefits.rows[i]), false));
        }
        rows.push((L::TotalBenefits2, row(&sh.benefits.columns, &sh.benefits.total), true));
        rows.push((L::Net, row(&net, &net_total), true));
        rows.push((
            L::CumulativeNet,
            (cumulative.iter().map(kr).collect(), String::new()),
            false,
        ));
        rows.push((
            L::DiscountFactor,
            (
                ys.iter().map(|y| factor(y.discount_factor, 4, self.lang)).collect(),
                String::new(),
            ),
            false,
        ));
        rows.push((L::PlannedHarvest2, row(&sh.harvest, &sh.harvest_total), false));
        let mut grid = table;
        for (label, (cells, total), bold) in rows {
            let mut row = vec![self.t(label).replace("-\n", "").replace('\n', " ")];
            row.extend(cells);
            row.push(total);
            if bold {
                grid.total(row);
            } else {
                grid.row(row);
            }
        }
        Chapter {
            heading: self.t(L::YearByYear).to_string(),
            blocks: vec![Block::Grid(grid)],
        }
    }

    /// Each monetised line per year, with total and present value: costs, then benefits.
    fn line_items(&self) -> Chapter {
        let n = self.c.years.len();
        let mut blocks = Vec::new();
        for costs in [true, false] {
            let (figures, shown) = self.lines_shown(costs);
            let caption = if costs {
                self.t(L::Costs2)
            } else {
                self.t(L::MonetisedBenefits2)
            };
            if figures.is_empty() {
                let none = if costs {
                    self.t(L::NoCosts)
                } else {
                    self.t(L::NoMonetisedBenefits)
                };
                blocks.push(Block::Text(format!("{caption}: {none}")));
                continue;
            }
            let mut columns = vec![wrapped(self.t(L::Line), NAME_WIDTH)];
            if costs {
                columns.push(left(self.t(L::Category)));
            } else {
                columns.push(left(self.t(L::Class)));
                columns.push(left(self.t(L::Confidence)));
            }
            columns.extend((0..n).map(|i| period(&self.year_label(i))));
            columns.push(right(self.t(L::Total)));
            columns.push(right(self.t(L::PresentValue)));
            let mut grid = Grid::new(columns).caption(caption);
            let totals = self.c.line_totals(figures.iter().map(|(_, f)| *f));
            let pvs: Vec<Decimal> = figures.iter().map(|(_, f)| self.c.line_pv(f)).collect();
            let pv_total = round(totals.pv, 0);
            let pvs = apportion(&pvs, pv_total, 0);
            for (k, (line, _)) in figures.iter().enumerate() {
                let mut cells = vec![line.name.clone(), self.kind(line).to_string()];
                if let Some(b) = line.benefit() {
                    cells.push(self.confidence(b.confidence).to_string());
                }
                cells.extend(shown.cells[k].iter().map(|v| self.kr(*v)));
                cells.push(self.kr(shown.rows[k]));
                cells.push(self.kr(pvs[k]));
                grid.row(cells);
            }
            let mut cells = vec![self.t(L::Total).to_string(), String::new()];
            if !costs {
                cells.push(String::new());
            }
            cells.extend(shown.columns.iter().map(|v| self.kr(*v)));
            cells.push(self.kr(shown.total));
            cells.push(self.kr(pv_total));
            grid.total(cells);
            blocks.push(Block::Grid(grid));
        }
        Chapter {
            heading: self.t(L::Lines).to_string(),
            blocks,
        }
    }

    /// The monetised cost lines (`costs`) or benefit lines, with their years as shown:
    /// each year's column adds up to the year-by-year table's total for that year.
    fn lines_shown(&self, costs: bool) -> (Vec<(&'a Line, &'a LineFigures)>, Shown) {
        let figures: Vec<(&Line, &LineFigures)> = self
            .c
            .lines
            .iter()
            .filter_map(|f| self.line(f).map(|l| (l, f)))
            .filter(|(l, _)| l.is_cost() == costs && l.is_monetised())
            .collect();
        let n = self.c.years.len();
        let cells: Vec<Vec<Decimal>> = figures
            .iter()
            .map(|(_, f)| (0..n).map(|i| f.by_year.get(i).copied().unwrap_or_default()).collect())
            .collect();
        let sh = self.shown();
        let years = if costs { &sh.costs } else { &sh.benefits };
        let shown = fmt_grid(&cells, None, Some(&years.columns), years.total);
        (figures, shown)
    }

    /// The stakeholders' figures as shown: each column adds up to its total, financial
    /// and reallocation benefits to the benefits, and each stakeholder's years to its
    /// totals.
    fn stakeholders_shown(&self) -> StakeholdersShown {
        let list = &self.c.stakeholders;
        let t = self.c.stakeholder_totals();
        let costs: Vec<Decimal> = list.iter().map(StakeholderFigures::costs).collect();
        let benefits: Vec<Vec<Decimal>> = list
            .iter()
            .map(|st| vec![st.financial_benefits(), st.reallocation_benefits()])
            .collect();
        let npv: Vec<Decimal> = list.iter().map(|st| st.npv).collect();
        let (by_year, harvest_total) = self.c.stakeholder_harvest_by_year();
        let harvest_total = round(harvest_total, 0);
        let harvest_years = apportion(&by_year, harvest_total, 0);
        let harvest: Vec<Vec<Decimal>> = list
            .iter()
            .map(|st| st.years.iter().map(|y| y.planned_harvest).collect())
            .collect();
        StakeholdersShown {
            costs: apportion(&costs, round(t.costs, 0), 0),
            costs_total: round(t.costs, 0),
            benefits: fmt_grid(&benefits, None, None, round(t.benefits, 0)),
            npv: apportion(&npv, round(t.npv, 0), 0),
            npv_total: round(t.npv, 0),
            harvest: fmt_grid(&harvest, None, Some(&harvest_years), harvest_total),
        }
    }

    fn stakeholders(&self) -> Chapter {
        let list = &self.c.stakeholders;
        let sh = self.stakeholders_shown();
        let net = difference(&sh.benefits.rows, &sh.costs);
        let mut summary = Grid::new(vec![
            wrapped(self.t(L::Stakeholder), NAME_WIDTH),
            right(self.t(L::Costs2)),
            right(self.t(L::FinancialBenefits2)),
            right(self.t(L::ReallocationBenefits2)),
            right(self.t(L::TotalBenefits2)),
            right(self.t(L::Net)),
            right(self.t(L::Npv)),
            right(self.t(L::PlannedHarvest2)),
        ]);
        for (k, st) in list.iter().enumerate() {
            summary.row(vec![
                st.name.clone(),
                self.kr(sh.costs[k]),
                self.kr(sh.benefits.cells[k][0]),
                self.kr(sh.benefits.cells[k][1]),
                self.kr(sh.benefits.rows[k]),
                self.kr(net[k]),
                self.kr(sh.npv[k]),
                self.kr(sh.harvest.rows[k]),
            ]);
        }
        if list.len() > 1 {
            let net_total = difference(&[sh.benefits.total], &[sh.costs_total]);
            summary.total(vec![
                self.t(L::Total).to_string(),
                self.kr(sh.costs_total),
                self.kr(sh.benefits.columns[0]),
                self.kr(sh.benefits.columns[1]),
                self.kr(sh.benefits.total),
                self.kr(net_total[0]),
                self.kr(sh.npv_total),
                self.kr(sh.harvest.total),
            ]);
        }
        let mut blocks = vec![Block::Grid(summary)];
        if list.len() > 1 {
            for (k, st) in list.iter().enumerate() {
                blocks.push(Block::Grid(self.stakeholder_years(st, k, &sh)));
            }
        }
        Chapter {
            heading: self.t(L::ByStakeholder).to_string(),
            blocks,
        }
    }

    /// One stakeholder's years, a column per year (as the year-by-year table): each row
    /// adds up to the stakeholder's figures in the summary (`sh`, row `k`).
    fn stakeholder_years(&self, st: &StakeholderFigures, k: usize, sh: &StakeholdersShown) -> Grid {
        let mut columns = vec![left(self.t(L::Item))];
        columns.extend((0..st.years.len()).map(|i| period(&self.year_label(i))));
        columns.push(right(self.t(L::Total)));
        let mut grid = Grid::new(columns).caption(st.name.clone());
        let costs: Vec<Decimal> = st.years.iter().map(|y| y.costs).collect();
        let costs = apportion(&costs, sh.costs[k], 0);
        let benefits: Vec<Vec<Decimal>> = vec![
            st.years.iter().map(|y| y.financial_benefits).collect(),
            st.years.iter().map(|y| y.reallocation_benefits).collect(),
        ];
        let benefits = fmt_grid(&benefits, Some(&sh.benefits.cells[k]), None, sh.benefits.rows[k]);
        let net = difference(&benefits.columns, &costs);
        let net_total = difference(&[benefits.total], &[sh.costs[k]]);
        let rows: [(L, &[Decimal], Decimal, bool); 6] = [
            (L::Costs2, &costs, sh.costs[k], true),
            (L::FinancialBenefits2, &benefits.cells[0], benefits.rows[0], false),
            (L::ReallocationBenefits2, &benefits.cells[1], benefits.rows[1], false),
            (L::TotalBenefits2, &benefits.columns, benefits.total, true),
            (L::Net, &net, net_total[0], true),
            (L::PlannedHarvest2, &sh.harvest.cells[k], sh.harvest.rows[k], false),
        ];
        for (label, cells, total, bold) in rows {
            let mut row = vec![self.t(label).replace("-\n", "").replace('\n', " ")];
            row.extend(cells.iter().map(|v| self.kr(*v)));
            row.push(self.kr(total));
            if bold {
                grid.total(row);
            } else {
                grid.row(row);
            }
        }
        let mut npv = vec![self.t(L::Npv2).to_string()];
        npv.extend(st.years.iter().map(|_| String::new()));
        npv.push(self.kr(sh.npv[k]));
        grid.total(npv);
        grid
    }

    fn monetised_benefits(&self) -> Vec<(&'a Line, &'a LineFigures)> {
        self.c
            .lines
            .iter()
            .filter_map(|f| self.line(f).map(|l| (l, f)))
            .filter(|(l, _)| !l.is_cost() && l.is_monetised())
            .collect()
    }

    fn realisation(&self) -> Chapter {
        let heading = self.t(L::RealisationPlan).to_string();
        let benefits = self.monetised_benefits();
        if benefits.is_empty() {
            let text = self.t(L::NoMonetisedBenefitsToRealise);
            return Chapter {
                heading,
                blocks: vec![Block::Text(text.to_string())],
            };
        }
        let mut plan = Grid::new(vec![
            wrapped(self.t(L::Benefit), NAME_WIDTH),
            wrapped(self.t(L::Owner), 24),
            left(self.t(L::Method)),
            right(self.t(L::Share)),
            right(self.t(L::Lag)),
            right(self.t(L::TotalBenefit)),
            right(self.t(L::PlannedHarvest2)),
            right(self.t(L::HarvestedAfterHorizon)),
            right(self.t(L::NotPlannedForHarvest)),
        ])
        .caption(self.t(L::PlanPerBenefit));
        let n = self.c.years.len();
        let mut columns = vec![wrapped(self.t(L::Benefit), NAME_WIDTH)];
        columns.extend((0..n).map(|i| period(&self.year_label(i))));
        columns.push(right(self.t(L::Total)));
        let mut per_year = Grid::new(columns).caption(self.t(L::PlannedHarvestPerYear));
        let totals = self.c.line_totals(benefits.iter().map(|(_, f)| *f));
        // As shown: each benefit's total as in the lines table, split into planned
        // harvest, harvest after the horizon and harvest not planned; then the planned
        // harvest per year, adding up to the year-by-year table's.
        let sh = self.shown();
        let (_, lines) = self.lines_shown(false);
        let split: Vec<Vec<Decimal>> = benefits
            .iter()
            .map(|(_, f)| vec![f.planned_harvest(), f.harvest_after_horizon, f.not_planned()])
            .collect();
        let rest = difference(&[lines.total], &[sh.harvest_total]);
        let mut split_totals = vec![sh.harvest_total];
        split_totals.extend(apportion(&[totals.after_horizon, totals.not_planned()], rest[0], 0));
        let split = fmt_grid(&split, Some(&lines.rows), Some(&split_totals), lines.total);
        let harvest: Vec<Vec<Decimal>> = benefits
            .iter()
            .map(|(_, f)| {
                (0..n)
                    .map(|i| {
                        f.harvest_by_year
                            .as_ref()
                            .and_then(|h| h.get(i))
                            .copied()
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        let harvested: Vec<Decimal> = split.cells.iter().map(|r| r[0]).collect();
        let harvest = fmt_grid(&harvest, Some(&harvested), Some(&sh.harvest), sh.harvest_total);
        let mut follow_up = Grid::new(vec![
            wrapped(self.t(L::Benefit), NAME_WIDTH),
            wrapped(self.t(L::MeasuredBy), 24),
            wrapped(self.t(L::Baseline), 24),
            left(self.t(L::BaselineDate)),
            wrapped(self.t(L::Target), 24),
            left(self.t(L::TargetDate)),
            left(self.t(L::FollowUp)),
        ])
        .caption(self.t(L::FollowingUpRealisation));
        for (k, (line, _)) in benefits.into_iter().enumerate() {
            let r = line.realisation();
            let owner = r
                .and_then(|r| r.owner.as_deref())
                .map(str::trim)
                .filter(|o| !o.is_empty());
            let (share, lag) = match r {
                None => (MISSING.to_string(), MISSING.to_string()),
                Some(r) if r.schedule.is_some() => (self.t(L::Schedule).to_string(), MISSING.to_string()),
                Some(r) => (self.pct(r.share), format!("{} {}", r.lag_months, self.t(L::Mo))),
            };
            let mut cells = vec![
                line.name.clone(),
                owner.map_or_else(|| self.t(L::Missing).to_string(), str::to_string),
                Self::opt(r.and_then(|r| r.method).map(|m| self.method(m).to_string())),
                share,
                lag,
                self.kr(split.rows[k]),
            ];
            cells.extend(split.cells[k].iter().map(|v| self.kr(*v)));
            plan.row(cells);
            let mut cells = vec![line.name.clone()];
            cells.extend(harvest.cells[k].iter().map(|v| self.kr(*v)));
            cells.push(self.kr(harvest.rows[k]));
            per_year.row(cells);
            if let Some(r) = r {
                let fields = [&r.measured_by, &r.baseline, &r.baseline_date, &r.target, &r.target_date];
                if fields.iter().any(|f| f.is_some()) || !r.follow_up.is_empty() {
                    let dates: Vec<String> = r.follow_up.iter().map(|m| m.to_string()).collect();
                    follow_up.row(vec![
                        line.name.clone(),
                        Self::text(r.measured_by.as_deref()),
                        Self::text(r.baseline.as_deref()),
                        Self::text(r.baseline_date.as_deref()),
                        Self::text(r.target.as_deref()),
                        Self::text(r.target_date.as_deref()),
                        if dates.is_empty() {
                            MISSING.to_string()
                        } else {
                            dates.join(", ")
                        },
                    ]);
                }
            }
        }
        let mut cells = vec![
            self.t(L::Total).to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        cells.push(self.kr(split.total));
        cells.extend(split.columns.iter().map(|v| self.kr(*v)));
        plan.total(cells);
        let mut cells = vec![self.t(L::Total).to_string()];
        cells.extend(harvest.columns.iter().map(|v| self.kr(*v)));
        cells.push(self.kr(harvest.total));
        per_year.total(cells);
        let mut blocks = vec![Block::Grid(plan), Block::Grid(per_year)];
        blocks.extend(self.budget_consequence());
        blocks.extend(self.effect());
        if !follow_up.rows.is_empty() {
            blocks.push(Block::Grid(follow_up));
        } else if self.lines.iter().any(|l| l.realisation().is_some()) {
            blocks.push(Block::Text(self.t(L::FollowUpNoBenefitStatesYet).to_string()));
        }
        Chapter { heading, blocks }
    }

    /// The planned harvest (besparingskrav) each stakeholder must carry per year, by
    /// how it is taken home.
    fn budget_consequence(&self) -> Vec<Block> {
        let label = |k: usize| match Method::ALL.get(k) {
            Some(m) => self.method(*m).to_string(),
            None => self.t(L::NoMethodGiven).to_string(),
        };
        let n = self.c.years.len();
        let mut columns = vec![wrapped(self.t(L::Stakeholder), NAME_WIDTH), left(self.t(L::Method2))];
        columns.extend((0..n).map(|i| period(&self.year_label(i))));
        columns.push(right(self.t(L::Total)));
        let mut grid = Grid::new(columns).caption(self.t(L::PlannedHarvestPerStakeholderAndYear));
        let shown = self.stakeholders_shown();
        let kinds_of = |st: &StakeholderFigures| -> Vec<usize> {
            (0..HARVEST_KINDS)
                .filter(|&k| st.years.iter().any(|y| !y.harvest_for(k).is_zero()))
                .collect()
        };
        let carries = |st: &StakeholderFigures, kinds: &[usize]| {
            !kinds.is_empty() || st.years.iter().any(|y| !y.planned_harvest.is_zero())
        };
        let carrying = self
            .c
            .stakeholders
            .iter()
            .filter(|st| carries(st, &kinds_of(st)))
            .count();
        for (s, st) in self.c.stakeholders.iter().enumerate() {
            let kinds = kinds_of(st);
            if !carries(st, &kinds) {
                continue;
            }
            // As shown: the methods add up to the stakeholder's harvest per year, as in
            // its own table.
            let exact: Vec<Vec<Decimal>> = kinds
                .iter()
                .map(|&k| st.years.iter().map(|y| y.harvest_for(k)).collect())
                .collect();
            let years = &shown.harvest.cells[s];
            let by_kind = fmt_grid(&exact, None, Some(years), shown.harvest.rows[s]);
            for (row, &k) in kinds.iter().enumerate() {
                let mut cells = vec![st.name.clone(), label(k)];
                cells.extend(by_kind.cells[row].iter().map(|v| self.kr(*v)));
                cells.push(self.kr(by_kind.rows[row]));
                grid.row(cells);
            }
            // A stakeholder's own total, unless it is the only one (then the Summa row
            // below says the same).
            if kinds.len() > 1 && carrying > 1 {
                let mut cells = vec![st.name.clone(), self.t(L::Total2).to_string()];
                cells.extend(years.iter().map(|v| self.kr(*v)));
                cells.push(self.kr(shown.harvest.rows[s]));
                grid.total(cells);
            }
        }
        if carrying == 0 {
            return vec![Block::Text(self.t(L::NoPlannedHarvestSoNoStakeholder).to_string())];
        }
        // Summa: the sum of the cells shown (the controlled rounding of the
        // stakeholders' harvest, so the rows add up), one stakeholder or many.
        {
            let mut cells = vec![self.t(L::Total).to_string(), String::new()];
            cells.extend(shown.harvest.columns.iter().map(|v| self.kr(*v)));
            cells.push(self.kr(shown.harvest.total));
            grid.total(cells);
        }
        vec![
            Block::Text(self.t(L::BudgetConsequencePlannedHarvestSavingsDemand).to_string()),
            Block::Grid(grid),
        ]
    }

    /// Effekthemtagning per year: harvest to date as a share of investment to date.
    fn effect(&self) -> Vec<Block> {
        let years = effekthemtagning(self.c);
        if years.iter().all(|y| y.share.is_none()) {
            return vec![Block::Text(
                self.t(L::EffekthemtagningCalculationHasNoInvestmentTo).to_string(),
            )];
        }
        let mut grid = Grid::new(vec![
            left(self.t(L::Year2)),
            right(self.t(L::Investment2)),
            right(self.t(L::CumulativeInvestment)),
            right(self.t(L::PlannedHarvest2)),
            right(self.t(L::CumulativeHarvest)),
            right(self.t(L::HarvestInvestment)),
        ])
        .caption(self.t(L::HarvestAgainstInvestmentPerYearEffekthemtagning));
        // As shown: the year-by-year table's investment and harvest, and their running
        // sums.
        let sh = self.shown();
        let investment = &sh.costs.cells[Category::Investment.index()];
        let (invested, harvested) = (running(investment), running(&sh.harvest));
        for (i, y) in years.iter().enumerate() {
            grid.row(vec![
                y.year.to_string(),
                self.kr(investment[i]),
                self.kr(invested[i]),
                self.kr(sh.harvest[i]),
                self.kr(harvested[i]),
                // One decimal throughout: `57,0 %` beside `20,2 %`, not `57 %`.
                Self::opt(y.share.map(|s| crate::fmt::percent_one(s, self.lang))),
            ]);
        }
        vec![
            Block::Text(
                self.t(L::EffekthemtagningHarvestAgainstInvestmentPlannedHarvest)
                    .to_string(),
            ),
            Block::Grid(grid),
        ]
    }

    fn qualitative(&self) -> Chapter {
        let heading = self.t(L::QualitativeBenefits).to_string();
        let mut grid = Grid::new(vec![
            wrapped(self.t(L::Benefit), NAME_WIDTH),
            wrapped(self.t(L::Indicator), 24),
            wrapped(self.t(L::Baseline), 24),
            wrapped(self.t(L::Target), 24),
            left(self.t(L::TargetDate)),
            wrapped(self.t(L::MeasuredBy), 24),
        ]);
        for line in self.p.benefits.iter().filter(|l| !l.is_monetised()) {
            let Some(b) = line.benefit() else { continue };
            grid.row(vec![
                line.name.clone(),
                Self::text(b.indicator.as_deref()),
                Self::text(b.baseline.as_deref()),
                Self::text(b.target.as_deref()),
                Self::text(b.target_date.as_deref()),
                Self::text(b.measured_by.as_deref()),
            ]);
        }
        let block = if grid.rows.is_empty() {
            Block::Text(self.t(L::NoQualitativeBenefits).to_string())
        } else {
            Block::Grid(grid)
        };
        Chapter {
            heading,
            blocks: vec![block],
        }
    }

    fn sensitivity(&self) -> Chapter {
        let range = &self.c.range(self.p);
        let mut blocks = Vec::new();
        if range.lines.is_empty() {
            blocks.push(Block::Text(self.t(L::NoLineHasRangeSoThere).to_string()));
        } else {
            let mut tornado = Grid::new(vec![
                wrapped(self.t(L::Line), NAME_WIDTH),
                right(self.t(L::LowFactor)),
                right(self.t(L::HighFactor)),
                right(self.t(L::NpvAtLowFactor)),
                right(self.t(L::NpvAtHighFactor)),
                right(self.t(L::Spread)),
            ])
            .caption(self.t(L::RangePerLineTornado));
            for r in &range.lines {
                let name = self.lines.get(r.index).map_or(MISSING, |l| l.name.as_str());
                tornado.row(vec![
                    name.to_string(),
                    factor(r.low_factor, 2, self.lang),
                    factor(r.high_factor, 2, self.lang),
                    self.kr(r.npv_low),
                    self.kr(r.npv_high),
                    self.kr(r.spread()),
                ]);
            }
            blocks.push(Block::Grid(tornado));
            let mut cases =
                Grid::new(vec![left(self.t(L::Case)), right(self.t(L::Npv2))]).caption(self.t(L::LowAndHighCase));
            let rows = [
                (self.t(L::LowCaseEveryRangeUnfavourable), range.low_case_npv),
                (self.t(L::AsPlanned), Some(self.c.summary.npv)),
                (self.t(L::HighCaseEveryRangeFavourable), range.high_case_npv),
            ];
            for (label, value) in rows {
                cases.row(vec![label.to_string(), Self::opt(value.map(|v| self.money(v)))]);
            }
            blocks.push(Block::Grid(cases));
        }

        let mut switching = Grid::new(vec![
            wrapped(self.t(L::Line), NAME_WIDTH),
            left(self.t(L::Type)),
            right(self.t(L::PresentValue)),
            right(self.t(L::SwitchingFactor)),
            right(self.t(L::ChangeToNpv0)),
        ])
        .caption(self.t(L::SwitchingFactors));
        // A factor below 0 cannot be reached (a line cannot be negative): "–" with a
        // footnote. One above 10 is capped in words: no one reads "+929 514,5 %".
        let tenfold = Decimal::TEN;
        let (mut benefit_note, mut cost_note) = (false, false);
        for f in &self.c.lines {
            let Some(line) = self.line(f).filter(|l| l.is_monetised()) else {
                continue;
            };
            let switching_factor = self.c.switching_factor(self.p, f);
            let (factor_cell, change_cell) = match switching_factor {
                Some(s) if s < Decimal::ZERO => {
                    if line.is_cost() {
                        cost_note = true;
                    } else {
                        benefit_note = true;
                    }
                    (format!("{MISSING}*"), format!("{MISSING}*"))
                }
                Some(s) if s > tenfold => (
                    format!("> {}", factor(tenfold, 0, self.lang)),
                    self.t(L::MoreThanTenfold).to_string(),
                ),
                Some(s) => (factor(s, 2, self.lang), signed_percent(change_of(s), self.lang)),
                None => (MISSING.to_string(), MISSING.to_string()),
            };
            switching.row(vec![
                line.name.clone(),
                self.kind(line).to_string(),
                self.kr(self.c.line_pv(f)),
                factor_cell,
                change_cell,
            ]);
        }
        if switching.rows.is_empty() {
            blocks.push(Block::Text(self.t(L::NoMonetisedLines).to_string()));
        } else {
            blocks.push(Block::Text(self.t(L::SwitchingFactorIsWhatLineMust).to_string()));
            blocks.push(Block::Grid(switching));
            if benefit_note {
                blocks.push(Block::Text(self.t(L::BenefitUnreachableNote).to_string()));
            }
            if cost_note {
                blocks.push(Block::Text(self.t(L::CostUnreachableNote).to_string()));
            }
        }
        Chapter {
            heading: self.t(L::Sensitivity).to_string(),
            blocks,
        }
    }

    fn sources(&self) -> Option<Chapter> {
        let mut grid = Grid::new(vec![
            wrapped(self.t(L::Line), NAME_WIDTH),
            wrapped(self.t(L::Source), 50),
            wrapped(self.t(L::Note), 50),
        ]);
        for line in &self.lines {
            let (source, note) = (line.source.as_deref(), line.note.as_deref());
            let has = |v: Option<&str>| v.is_some_and(|s| !s.trim().is_empty());
            if has(source) || has(note) {
                grid.row(vec![line.name.clone(), Self::text(source), Self::text(note)]);
            }
        }
        (!grid.rows.is_empty()).then(|| Chapter {
            heading: self.t(L::SourcesAndNotes).to_string(),
            blocks: vec![Block::Grid(grid)],
        })
    }

    fn findings(&self, input: &ReportInput) -> Chapter {
        let heading = self.t(L::FindingsNyttaCheck).to_string();
        if input.findings.is_empty() {
            return Chapter {
                heading,
                blocks: vec![Block::Text(self.t(L::NoFindings).to_string())],
            };
        }
        let mut grid = Grid::new(vec![
            left(self.t(L::Code)),
            left(self.t(L::Where)),
            wrapped(self.t(L::Finding), 60),
            wrapped(self.t(L::Hint), 50),
        ]);
        for d in input.findings {
            grid.row(vec![
                d.code.as_str().to_string(),
                self.place(d.at.as_deref()),
                d.message_with_scenarios(self.lang),
                Self::text(d.hint_in(self.lang)),
            ]);
        }
        Chapter {
            heading,
            blocks: vec![Block::Grid(grid)],
        }
    }
}
