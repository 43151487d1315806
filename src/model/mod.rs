//! The typed, validated project: what a project file means (spec §1–3).
//!
//! [`parse_project`] turns text into a [`Project`] plus every diagnostic found; the
//! engine only ever sees a project that validated without errors.

pub mod actuals;
pub mod csvin;
mod number;
mod parse;
pub mod submission;
mod time;

pub use number::{MAX_YEARLY_MONEY, NumberError, checked_sum, parse_number_str};
pub use parse::{Header, Parsed, parse_project};
pub use time::Month;

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;

/// A byte range in the source file.
pub type Span = Range<usize>;

/// A validated project file.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub id: Option<String>,
    pub organisation: String,
    pub portfolio: Option<String>,
    pub description: Option<String>,
    pub start_year: i32,
    pub years: u32,
    /// Month the service starts; January of `start_year` when not given.
    pub go_live: Month,
    pub currency: String,
    pub assumptions: Assumptions,
    /// At least one: without `[[stakeholders]]` the organisation is the only one.
    pub stakeholders: Vec<Stakeholder>,
    pub costs: Vec<Line>,
    pub benefits: Vec<Line>,
    pub scenarios: Vec<Scenario>,
    /// Where things are in the source, for warnings.
    pub spans: ProjectSpans,
}

/// Source locations of project-level keys, used by check rules.
#[derive(Debug, Clone, Default)]
pub struct ProjectSpans {
    pub project: Option<Span>,
    pub go_live: Option<Span>,
    pub years: Option<Span>,
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
    pub id: String,
    pub name: String,
}

/// Whether a line is a cost or a benefit, with what belongs to each.
#[derive(Debug, Clone)]
pub enum LineKind {
    Cost { category: Category },
    Benefit(Box<BenefitInfo>),
}

/// Cost categories (spec §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Investment,
    Operations,
    Other,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Investment, Category::Operations, Category::Other];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Investment => "investment",
            Category::Operations => "operations",
            Category::Other => "other",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Benefit classes (spec §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Financial,
    Reallocation,
    Qualitative,
}

impl Class {
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
    High,
    Medium,
    Low,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What belongs to a benefit line only.
#[derive(Debug, Clone)]
pub struct BenefitInfo {
    pub class: Class,
    pub confidence: Confidence,
    pub realisation: Option<Realisation>,
    /// Qualitative benefits: what is measured, and from what to what.
    pub indicator: Option<String>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub target_date: Option<String>,
    pub measured_by: Option<String>,
}

/// How a benefit is taken home (spec §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    BudgetReduction,
    Redeployment,
    Revenue,
    CostAvoidance,
    Quality,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::BudgetReduction,
        Method::Redeployment,
        Method::Revenue,
        Method::CostAvoidance,
        Method::Quality,
    ];
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
    pub owner: Option<String>,
    pub method: Option<Method>,
    pub share: Decimal,
    pub lag_months: u32,
    /// Explicit harvest per year or month (besparingskrav); replaces share and lag.
    pub schedule: Option<Periods>,
    /// Money actually taken home per year.
    pub actuals: BTreeMap<i32, Decimal>,
    /// Follow-up fields after DIGG's realisation plan template.
    pub measured_by: Option<String>,
    pub baseline: Option<String>,
    pub baseline_date: Option<String>,
    pub target: Option<String>,
    pub target_date: Option<String>,
    pub follow_up: Vec<Month>,
    pub span: Span,
}

/// Where a line's money comes from: exactly one value form (spec §3.1).
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
        volume: Decimal,
        per_case: PerCase,
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
    pub kind: LineKind,
    pub id: Option<String>,
    pub name: String,
    /// Index into `Project::stakeholders` with its share; shares sum to 1.
    pub stakeholders: Vec<(usize, Decimal)>,
    /// None only for qualitative benefits.
    pub value: Option<ValueSource>,
    pub from: Month,
    pub to: Month,
    pub growth: Decimal,
    /// Hourly cost with overhead applied, when the line needs one.
    pub hourly_rate: Option<Decimal>,
    pub range: Option<(Decimal, Decimal)>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub actuals: BTreeMap<i32, Decimal>,
    /// Path in the file, e.g. `benefits[2]`.
    pub at: String,
    pub span: Span,
}

impl Line {
    /// The key the line is referred to by: its id, or its name when it has none.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
    pub fn is_cost(&self) -> bool {
        matches!(self.kind, LineKind::Cost { .. })
    }
    pub fn benefit(&self) -> Option<&BenefitInfo> {
        match &self.kind {
            LineKind::Benefit(b) => Some(b),
            LineKind::Cost { .. } => None,
        }
    }
    pub fn category(&self) -> Option<Category> {
        match self.kind {
            LineKind::Cost { category } => Some(category),
            LineKind::Benefit(_) => None,
        }
    }
    pub fn class(&self) -> Option<Class> {
        self.benefit().map(|b| b.class)
    }
    /// Monetised: every cost, and financial and reallocation benefits.
    pub fn is_monetised(&self) -> bool {
        self.value.is_some()
    }
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
