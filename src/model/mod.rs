//! The typed, validated project: what a project file means (docs/format.md).
//!
//! [`parse_project`] turns text into a [`Project`] plus every diagnostic found; the
//! engine only ever sees a project that validated without errors.

pub mod actuals;
pub mod csvin;
mod number;
pub mod overrides;
mod parse;
pub mod submission;
mod time;

pub use number::{MAX_YEARLY_MONEY, NumberError, checked_sum, parse_number_str};
pub use overrides::{Override, Overrides};
pub use parse::{Header, Parsed, parse_project, parse_project_with};
pub(crate) use parse::{known_keys, known_lists};
pub use time::Month;

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;

/// A byte range in the source file.
pub type Span = Range<usize>;

/// A validated project file.
#[derive(Debug, Clone)]
pub struct Project {
    /// `[project] name`.
    pub name: String,
    /// `[project] id` (diarienummer).
    pub id: Option<String>,
    /// `[project] organisation`.
    pub organisation: String,
    /// `[project] portfolio`.
    pub portfolio: Option<String>,
    /// `[project] description`.
    pub description: Option<String>,
    /// The first calendar year of the horizon.
    pub start_year: i32,
    /// The length of the horizon in years.
    pub years: u32,
    /// Month the service starts; January of `start_year` when not given.
    pub go_live: Month,
    /// The currency code (`SEK` by default).
    pub currency: String,
    /// `[assumptions]`, with defaults filled in.
    pub assumptions: Assumptions,
    /// At least one: without `[[stakeholders]]` the organisation is the only one.
    pub stakeholders: Vec<Stakeholder>,
    /// `[[costs]]`, in file order.
    pub costs: Vec<Line>,
    /// `[[benefits]]`, in file order.
    pub benefits: Vec<Line>,
    /// `[scenarios.NAME]`, in file order.
    pub scenarios: Vec<Scenario>,
    /// Where things are in the source, for warnings.
    pub spans: ProjectSpans,
    /// The `--set KEY=VALUE` values put in on the command line, as written.
    pub overrides: Vec<String>,
}

/// Source locations of project-level keys, used by check rules.
#[derive(Debug, Clone, Default)]
pub struct ProjectSpans {
    /// The `[project]` table.
    pub project: Option<Span>,
    /// `go_live`.
    pub go_live: Option<Span>,
    /// `years`.
    pub years: Option<Span>,
    /// The `[assumptions]` table.
    pub assumptions: Option<Span>,
    /// Each written scenario's table, by name.
    pub scenarios: Vec<(String, Span)>,
}

/// `[assumptions]`.
#[derive(Debug, Clone)]
pub struct Assumptions {
    /// Kalkylränta, a fraction.
    pub discount_rate: Decimal,
    /// False when the file did not state a rate and the default 3 % is used.
    pub discount_rate_stated: bool,
    /// Hourly cost before overhead; from `hourly_cost` or `monthly_salary / salary_hours`.
    pub hourly_cost: Option<Decimal>,
    /// PO-pålägg, a fraction.
    pub overhead: Decimal,
    /// `monthly_salary` and `salary_hours` when the hourly cost was derived from them,
    /// so a report can show how: 38 500 / 142 × (1 + overhead).
    pub salary: Option<(Decimal, Decimal)>,
    /// `price_year`: the price level the amounts are in (prisnivå), if stated.
    pub price_year: Option<i32>,
    /// `real`: whether the discount rate is real (fixed prices) or nominal, if stated.
    pub real: Option<bool>,
}

impl Assumptions {
    /// The hourly cost with overhead, as lines in hours are valued: hourly_cost ×
    /// (1 + overhead), `None` when no hourly cost is given.
    pub fn effective_hourly_cost(&self) -> Option<Decimal> {
        self.hourly_cost?.checked_mul(Decimal::ONE + self.overhead)
    }
}

impl Project {
    /// First calendar year after the horizon.
    pub fn end_year(&self) -> i32 {
        self.start_year + self.years as i32
    }
    /// Number of months in the horizon.
    pub fn months(&self) -> usize {
        self.years as usize * 12
    }
    /// The first month of the horizon.
    pub fn first_month(&self) -> Month {
        Month::new(self.start_year, 1)
    }
    /// The last month of the horizon.
    pub fn last_month(&self) -> Month {
        Month::new(self.end_year() - 1, 12)
    }
    /// Index of a month in the horizon (may be negative or past the end).
    pub fn month_index(&self, month: Month) -> i64 {
        month.0 as i64 - self.first_month().0 as i64
    }
    /// All lines, costs first, in file order.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.costs.iter().chain(self.benefits.iter())
    }
    /// The scenario with this name: `base` is the plain file, then the written
    /// scenarios, then the built-in `optimism-upper` and `optimism-lower`.
    pub fn scenario(&self, name: &str) -> Option<Scenario> {
        if name == "base" {
            return Some(Scenario::base());
        }
        if let Some(s) = self.scenarios.iter().find(|s| s.name == name) {
            return Some(s.clone());
        }
        OptimismBias::ALL
            .into_iter()
            .find(|b| b.scenario_name() == name)
            .map(|b| self.optimism_scenario(b))
    }
}

/// `[[stakeholders]]`: an aktör or förvaltning that bears costs or gets benefits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stakeholder {
    /// `id`, `[a-z0-9_-]+`.
    pub id: String,
    /// `name`.
    pub name: String,
}

/// Whether a line is a cost or a benefit, with what belongs to each.
#[derive(Debug, Clone)]
pub enum LineKind {
    /// A `[[costs]]` line.
    Cost {
        /// Investment, operations or other.
        category: Category,
    },
    /// A `[[benefits]]` line.
    Benefit(Box<BenefitInfo>),
}

/// Cost categories (docs/format.md, `[[costs]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// *Investering*.
    Investment,
    /// *Drift och förvaltning*.
    Operations,
    /// Any other cost.
    Other,
}

impl Category {
    /// Every category, in index order.
    pub const ALL: [Category; 3] = [Category::Investment, Category::Operations, Category::Other];
    /// The category as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Investment => "investment",
            Category::Operations => "operations",
            Category::Other => "other",
        }
    }
    /// Position in [`Category::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Benefit classes (docs/format.md, `[[benefits]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// *Finansiell nytta*: money that can leave a budget.
    Financial,
    /// *Omfördelningsnytta*: freed staff time valued in money.
    Reallocation,
    /// *Kvalitativ nytta*: not valued in money.
    Qualitative,
}

impl Class {
    /// The class as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Financial => "financial",
            Class::Reallocation => "reallocation",
            Class::Qualitative => "qualitative",
        }
    }
}

/// How sure the valuation is (green/yellow/red in PENG and eKalkyl).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    /// `high`.
    High,
    /// `medium` (the default).
    Medium,
    /// `low`.
    Low,
}

impl Confidence {
    /// Every level, in index order.
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];
    /// The level as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
    /// Position in [`Confidence::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What belongs to a benefit line only.
#[derive(Debug, Clone)]
pub struct BenefitInfo {
    /// Financial, reallocation or qualitative.
    pub class: Class,
    /// How sure the estimate is.
    pub confidence: Confidence,
    /// `[benefits.realisation]`, if any.
    pub realisation: Option<Realisation>,
    /// Qualitative benefits: what is measured, and from what to what.
    pub indicator: Option<String>,
    /// Qualitative: the value before (`baseline`).
    pub baseline: Option<String>,
    /// Qualitative: the value aimed at (`target`).
    pub target: Option<String>,
    /// Qualitative: when the target is to be met.
    pub target_date: Option<String>,
    /// Qualitative: how the indicator is measured.
    pub measured_by: Option<String>,
}

/// How a benefit is taken home (docs/format.md, `[benefits.realisation]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `budget_reduction`: the budget is cut.
    BudgetReduction,
    /// `redeployment`: freed time moves to other work.
    Redeployment,
    /// `revenue`: new income.
    Revenue,
    /// `cost_avoidance`: a cost that is not incurred.
    CostAvoidance,
    /// `quality`: better service, not money.
    Quality,
}

impl Method {
    /// Every method, in file-documentation order.
    pub const ALL: [Method; 5] = [
        Method::BudgetReduction,
        Method::Redeployment,
        Method::Revenue,
        Method::CostAvoidance,
        Method::Quality,
    ];
    /// Position in [`Method::ALL`] (the index of per-method sums).
    pub const fn index(self) -> usize {
        match self {
            Method::BudgetReduction => 0,
            Method::Redeployment => 1,
            Method::Revenue => 2,
            Method::CostAvoidance => 3,
            Method::Quality => 4,
        }
    }
    /// The method as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::BudgetReduction => "budget_reduction",
            Method::Redeployment => "redeployment",
            Method::Revenue => "revenue",
            Method::CostAvoidance => "cost_avoidance",
            Method::Quality => "quality",
        }
    }
}

/// `[benefits.realisation]`: the plan for taking a monetised benefit home.
#[derive(Debug, Clone, Default)]
pub struct Realisation {
    /// Who takes the benefit home.
    pub owner: Option<String>,
    /// How it is taken home.
    pub method: Option<Method>,
    /// Share of the benefit taken home (0–1).
    pub share: Decimal,
    /// Months between the benefit and its harvest.
    pub lag_months: u32,
    /// Explicit harvest per year or month (besparingskrav); replaces share and lag.
    pub schedule: Option<Periods>,
    /// Money actually taken home per year.
    pub actuals: BTreeMap<i32, Decimal>,
    /// Follow-up fields after DIGG's realisation plan template.
    pub measured_by: Option<String>,
    /// The indicator's value before.
    pub baseline: Option<String>,
    /// When the baseline was measured.
    pub baseline_date: Option<String>,
    /// The value aimed at.
    pub target: Option<String>,
    /// When the target is to be met.
    pub target_date: Option<String>,
    /// Months in which the realisation is followed up.
    pub follow_up: Vec<Month>,
    /// The `[benefits.realisation]` table in the file.
    pub span: Span,
}

/// Where a line's money comes from: exactly one value form (docs/format.md, "Value forms").
#[derive(Debug, Clone)]
pub enum ValueSource {
    /// Money per calendar year or month.
    Amounts(Periods),
    /// Money per year while active, escalated by growth.
    Annual(Decimal),
    /// Hours per calendar year or month, valued at the hourly cost with overhead.
    Hours(Periods),
    /// Hours per year while active, valued at the hourly cost with overhead.
    AnnualHours(Decimal),
    /// Cases per year × saving per case × adoption.
    Volume {
        /// Cases per year.
        volume: Decimal,
        /// The saving per case.
        per_case: PerCase,
        /// Share of cases handled the new way, per year (1 when absent).
        adoption: Option<BTreeMap<i32, Decimal>>,
    },
}

impl ValueSource {
    /// Whether the line is active over a period (`from`/`to`/`growth` apply).
    pub fn is_periodic(&self) -> bool {
        matches!(
            self,
            ValueSource::Annual(_) | ValueSource::AnnualHours(_) | ValueSource::Volume { .. }
        )
    }
    /// Whether the value is in hours (needs an hourly cost).
    pub fn needs_hourly_cost(&self) -> bool {
        matches!(
            self,
            ValueSource::Hours(_)
                | ValueSource::AnnualHours(_)
                | ValueSource::Volume {
                    per_case: PerCase::Minutes(_),
                    ..
                }
        )
    }
}

/// Amounts (money or hours) keyed by calendar year or by month (`docs/format.md`,
/// "Year and month keys"): a year's amount is spread evenly over its twelve months, a
/// month's amount falls wholly in that month. A table never holds a year and a month of
/// the same year (E007).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Periods {
    /// Amounts keyed by a year (`2010 = 400`).
    pub years: BTreeMap<i32, Decimal>,
    /// Amounts keyed by a month (`"2010-10" = 400`).
    pub months: BTreeMap<Month, Decimal>,
}

impl Periods {
    /// Totals per calendar year, month amounts added into their year. `None` on
    /// overflow, which the parser's limit on single amounts rules out.
    pub fn by_year(&self) -> Option<BTreeMap<i32, Decimal>> {
        let mut out = self.years.clone();
        for (month, amount) in &self.months {
            let slot = out.entry(month.year()).or_insert(Decimal::ZERO);
            *slot = slot.checked_add(*amount)?;
        }
        Some(out)
    }
    /// The amount given for a calendar year, month amounts of that year included.
    pub fn in_year(&self, year: i32) -> Decimal {
        let from_months: Decimal = self
            .months
            .range(Month::new(year, 1)..=Month::new(year, 12))
            .map(|(_, v)| *v)
            .sum();
        self.years.get(&year).copied().unwrap_or(Decimal::ZERO) + from_months
    }
    /// The number of distinct calendar years with a non-zero amount.
    pub fn years_with_money(&self) -> usize {
        let mut years: Vec<i32> = self
            .years
            .iter()
            .filter(|(_, v)| !v.is_zero())
            .map(|(y, _)| *y)
            .chain(self.months.iter().filter(|(_, v)| !v.is_zero()).map(|(m, _)| m.year()))
            .collect();
        years.sort_unstable();
        years.dedup();
        years.len()
    }
}

/// What one case saves.
#[derive(Debug, Clone, Copy)]
pub enum PerCase {
    /// Minutes of staff time per case.
    Minutes(Decimal),
    /// Kronor per case (postage, paper).
    Money(Decimal),
}

/// A `[[costs]]` or `[[benefits]]` entry.
#[derive(Debug, Clone)]
pub struct Line {
    /// Cost (with category) or benefit (with class and realisation).
    pub kind: LineKind,
    /// `id`, used in actuals CSVs when present.
    pub id: Option<String>,
    /// `name`.
    pub name: String,
    /// Index into `Project::stakeholders` with its share; shares sum to 1.
    pub stakeholders: Vec<(usize, Decimal)>,
    /// None only for qualitative benefits.
    pub value: Option<ValueSource>,
    /// The first active month.
    pub from: Month,
    /// The last active month.
    pub to: Month,
    /// Yearly growth of `annual` forms (0 when absent).
    pub growth: Decimal,
    /// Hourly cost with overhead applied, when the line needs one.
    pub hourly_rate: Option<Decimal>,
    /// `range = { low, high }` factors, if any.
    pub range: Option<(Decimal, Decimal)>,
    /// `source`: where the figure comes from.
    pub source: Option<String>,
    /// `note`.
    pub note: Option<String>,
    /// Actuals per year written in the file (`actuals`).
    pub actuals: BTreeMap<i32, Decimal>,
    /// Path in the file, e.g. `benefits[2]`.
    pub at: String,
    /// The line's table in the file.
    pub span: Span,
}

impl Line {
    /// The key the line is referred to by: its id, or its name when it has none.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
    /// Whether the line is a cost.
    pub fn is_cost(&self) -> bool {
        matches!(self.kind, LineKind::Cost { .. })
    }
    /// The benefit's own keys, for a benefit line.
    pub fn benefit(&self) -> Option<&BenefitInfo> {
        match &self.kind {
            LineKind::Benefit(b) => Some(b),
            LineKind::Cost { .. } => None,
        }
    }
    /// The category, for a cost line.
    pub fn category(&self) -> Option<Category> {
        match self.kind {
            LineKind::Cost { category } => Some(category),
            LineKind::Benefit(_) => None,
        }
    }
    /// The class, for a benefit line.
    pub fn class(&self) -> Option<Class> {
        self.benefit().map(|b| b.class)
    }
    /// Monetised: every cost, and financial and reallocation benefits.
    pub fn is_monetised(&self) -> bool {
        self.value.is_some()
    }
    /// The realisation, for a benefit that has one.
    pub fn realisation(&self) -> Option<&Realisation> {
        self.benefit().and_then(|b| b.realisation.as_ref())
    }
}

/// `[scenarios.NAME]` (`docs/format.md`, "Scenarios").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The name, `base` for the plain file.
    pub name: String,
    /// Multiplies every cost.
    pub cost_factor: Decimal,
    /// Multiplies investment costs, on top of `cost_factor`.
    pub investment_factor: Decimal,
    /// Multiplies operations costs, on top of `cost_factor`.
    pub operations_factor: Decimal,
    /// Multiplies every monetised benefit (and so every derived harvest).
    pub benefit_factor: Decimal,
    /// Moves every monetised benefit and derived harvest this many months later.
    pub delay_months: u32,
    /// Replaces the discount rate of `[assumptions]`.
    pub discount_rate: Option<Decimal>,
    /// Where the scenario is written (none for `base`).
    pub spans: ScenarioSpans,
}

/// Where a scenario and its keys are in the file, to blame it for what it causes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScenarioSpans {
    /// The scenario's name (its table).
    pub name: Option<Span>,
    /// `cost_factor`.
    pub cost_factor: Option<Span>,
    /// `investment_factor`.
    pub investment_factor: Option<Span>,
    /// `operations_factor`.
    pub operations_factor: Option<Span>,
    /// `benefit_factor`.
    pub benefit_factor: Option<Span>,
    /// `discount_rate`.
    pub discount_rate: Option<Span>,
    /// `optimism_bias`.
    pub optimism_bias: Option<Span>,
}

/// The optimism-bias presets (HM Treasury Green Book, supplementary guidance on optimism
/// bias, project type equipment/development): `docs/method.md`, "Optimism bias".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptimismBias {
    /// Capital expenditure +200 %, works duration +54 %.
    Upper,
    /// Capital expenditure +10 %, works duration +10 %.
    Lower,
}

impl OptimismBias {
    /// Both presets, upper first.
    pub const ALL: [OptimismBias; 2] = [OptimismBias::Upper, OptimismBias::Lower];
    /// The name of the built-in scenario: `optimism-upper` or `optimism-lower`.
    pub fn scenario_name(self) -> &'static str {
        match self {
            OptimismBias::Upper => "optimism-upper",
            OptimismBias::Lower => "optimism-lower",
        }
    }
    /// The value of the `optimism_bias` key: `upper` or `lower`.
    pub fn as_str(self) -> &'static str {
        match self {
            OptimismBias::Upper => "upper",
            OptimismBias::Lower => "lower",
        }
    }
    /// The factor on investment costs: 3.00 (+200 %) or 1.10 (+10 %).
    pub fn investment_factor(self) -> Decimal {
        match self {
            OptimismBias::Upper => Decimal::from(3),
            OptimismBias::Lower => Decimal::new(110, 2),
        }
    }
    /// The uplift on the works duration: 0.54 or 0.10.
    pub fn duration_uplift(self) -> Decimal {
        match self {
            OptimismBias::Upper => Decimal::new(54, 2),
            OptimismBias::Lower => Decimal::new(10, 2),
        }
    }
    /// The delay in whole months for an implementation time of `months` months (from
    /// January of `start_year` to `go_live`): `months × uplift`, rounded half away from
    /// zero.
    pub fn delay_months(self, implementation_months: u32) -> u32 {
        let delay = (Decimal::from(implementation_months) * self.duration_uplift())
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        rust_decimal::prelude::ToPrimitive::to_u32(&delay).unwrap_or(u32::MAX)
    }
    /// Apply the preset to a scenario (its factors and delay are replaced).
    pub fn apply(self, scenario: &mut Scenario, implementation_months: u32) {
        scenario.investment_factor = self.investment_factor();
        scenario.delay_months = self.delay_months(implementation_months);
    }
}

impl Scenario {
    /// The plain file.
    pub fn base() -> Self {
        Scenario {
            name: "base".into(),
            cost_factor: Decimal::ONE,
            investment_factor: Decimal::ONE,
            operations_factor: Decimal::ONE,
            benefit_factor: Decimal::ONE,
            delay_months: 0,
            discount_rate: None,
            spans: ScenarioSpans::default(),
        }
    }
    /// Whether this is the plain file.
    pub fn is_base(&self) -> bool {
        self.name == "base"
    }
}

impl Project {
    /// Months from January of `start_year` to `go_live` (0 when go-live is in January
    /// of the first year or earlier): the implementation time of the optimism presets.
    pub fn implementation_months(&self) -> u32 {
        u32::try_from(self.month_index(self.go_live).max(0)).unwrap_or(0)
    }

    /// The built-in optimism-bias scenario, unless the file writes one of that name.
    pub fn optimism_scenario(&self, bias: OptimismBias) -> Scenario {
        if let Some(written) = self.scenarios.iter().find(|s| s.name == bias.scenario_name()) {
            return written.clone();
        }
        let mut s = Scenario::base();
        s.name = bias.scenario_name().into();
        bias.apply(&mut s, self.implementation_months());
        s
    }

    /// Every scenario name that `--scenario` accepts: `base`, the written ones, and the
    /// built-in optimism presets.
    pub fn scenario_names(&self) -> Vec<String> {
        let mut names = vec!["base".to_string()];
        names.extend(self.scenarios.iter().map(|s| s.name.clone()));
        for bias in OptimismBias::ALL {
            if !names.iter().any(|n| n == bias.scenario_name()) {
                names.push(bias.scenario_name().into());
            }
        }
        names
    }
}
