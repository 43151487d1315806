//! The human-readable report as a language-specific document of headings, paragraphs
//! and grids. [`super::table`] draws it for the terminal, [`super::markdown`] writes it
//! as GitHub-flavoured Markdown, so both always carry the same content and labels.
//!
//! Cells are already formatted text. A header may contain `\n` (a line break in the
//! terminal, a space in Markdown) or `-\n` (a hyphenated break, joined in Markdown).

use super::format::{currency_unit, factor, kronor, money_in, number, percent, ratio, signed_percent, years};
use super::{Lang, ReportInput, Section as ReportSection};
use crate::engine::realism::Realism;
use crate::engine::{Calculation, LineFigures, StakeholderFigures, StakeholderYear};
use crate::model::{Category, Class, Confidence, Line, Method, Project};
use rust_decimal::Decimal;

/// Line, benefit and stakeholder names are wrapped at this width in the terminal.
pub(crate) const NAME_WIDTH: usize = 36;

/// Shown where a value is missing (no BCR, no IRR, no payback…).
pub const MISSING: &str = "–";

/// The discount rate used when a file states none (spec §3).
const DEFAULT_DISCOUNT_RATE: Decimal = Decimal::from_parts(3, 0, 0, false, 2);

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Label and value pairs under the title: id, organisation, horizon, go-live, scenario.
    pub facts: Vec<(String, String)>,
    pub description: Option<String>,
    pub sections: Vec<Section>,
}

/// A `##` section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A paragraph or a grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Text(String),
    Grid(Grid),
}

/// A table of formatted cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// A sub-heading shown above the grid.
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Column alignment: text left, numbers right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column of a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Long free text: the terminal wraps it at this many characters.
    pub wrap: Option<usize>,
}

/// One row of a grid; `total` rows (sums, NPV) are set off from the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub total: bool,
}

impl Grid {
    pub(crate) fn new(columns: Vec<Column>) -> Self {
        Grid {
            caption: None,
            columns,
            rows: Vec::new(),
        }
    }
    pub(crate) fn caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(Row { cells, total: false });
    }
    pub(crate) fn total(&mut self, cells: Vec<String>) {
        self.rows.push(Row { cells, total: true });
    }
}

pub(crate) fn left(header: &str) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Left,
        wrap: None,
    }
}

pub(crate) fn right(header: &str) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Right,
        wrap: None,
    }
}

pub(crate) fn wrapped(header: &str, width: usize) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Left,
        wrap: Some(width),
    }
}

/// Build the report document for one calculation.
pub fn build(input: &ReportInput) -> Document {
    let b = Builder::new(input.project, input.calc, input.lang);
    let mut sections = vec![b.summary()];
    if let Some(r) = input.realism {
        sections.push(b.realism(r));
    }
    sections.extend([b.years(), b.line_items(), b.stakeholders(), b.realisation()]);
    sections.push(b.qualitative());
    sections.push(b.sensitivity());
    if let Some(s) = b.sources() {
        sections.push(s);
    }
    sections.push(b.findings(input));
    Document {
        title: b.title(),
        facts: b.facts(),
        description: b.description(),
        sections,
    }
}

/// Build a document with one section of the report under the title and the project
/// facts. [`ReportSection::Realisation`] gives a stand-alone benefit realisation plan
/// (nyttorealiseringsplan) to attach to an application: its own title, the project
/// facts with the planned harvest, the description, the plan, and the qualitative
/// benefits' indicators when there are any.
pub fn build_section(input: &ReportInput, section: ReportSection) -> Document {
    let b = Builder::new(input.project, input.calc, input.lang);
    let mut doc = Document {
        title: b.title(),
        facts: b.facts(),
        description: None,
        sections: Vec::new(),
    };
    match section {
        ReportSection::Summary => doc.sections.push(b.summary()),
        ReportSection::Realism => {
            if let Some(r) = input.realism {
                doc.sections.push(b.realism(r));
            }
        }
        ReportSection::Years => doc.sections.push(b.years()),
        ReportSection::Lines => {
            doc.sections.push(b.line_items());
            doc.sections.extend(b.sources());
        }
        ReportSection::Stakeholders => doc.sections.push(b.stakeholders()),
        ReportSection::Realisation => {
            doc.title = format!(
                "{}: {}",
                b.t("Nyttorealiseringsplan", "Benefit realisation plan"),
                b.p.name
            );
            doc.facts.extend(b.harvest_facts());
            doc.description = b.description();
            doc.sections.push(b.realisation());
            if b.p.benefits.iter().any(|l| !l.is_monetised()) {
                doc.sections.push(b.qualitative());
            }
        }
        ReportSection::Qualitative => doc.sections.push(b.qualitative()),
        ReportSection::Sensitivity => doc.sections.push(b.sensitivity()),
        ReportSection::Findings => doc.sections.push(b.findings(input)),
    }
    doc
}

/// The project facts shown under a title (id, organisation, horizon, go-live,
/// scenario, amounts), for other documents about the same calculation.
pub fn project_facts(project: &Project, calc: &Calculation, lang: Lang) -> Vec<(String, String)> {
    Builder::new(project, calc, lang).facts()
}

/// One year of the *effekthemtagning* indicator: the planned harvest to date as a share
/// of the investment to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectYear {
    pub year: i32,
    pub investment: Decimal,
    pub cumulative_investment: Decimal,
    pub planned_harvest: Decimal,
    pub cumulative_harvest: Decimal,
    /// `cumulative_harvest / cumulative_investment`; none while nothing (or, after
    /// refunds, less than nothing) has been invested.
    pub share: Option<Decimal>,
}

/// *Effekthemtagning* per year (the indicator proposed for Stockholm's development
/// projects: harvest as a share of the sum invested).
pub fn effekthemtagning(calc: &Calculation) -> Vec<EffectYear> {
    let (mut investment, mut harvest) = (Decimal::ZERO, Decimal::ZERO);
    calc.years
        .iter()
        .map(|y| {
            let invested = y.costs[Category::Investment.index()];
            investment += invested;
            harvest += y.planned_harvest;
            EffectYear {
                year: y.year,
                investment: invested,
                cumulative_investment: investment,
                planned_harvest: y.planned_harvest,
                cumulative_harvest: harvest,
                share: (investment > Decimal::ZERO)
                    .then(|| harvest.checked_div(investment))
                    .flatten(),
            }
        })
        .collect()
}

struct Builder<'a> {
    p: &'a Project,
    c: &'a Calculation,
    lang: Lang,
    lines: Vec<&'a Line>,
}

impl<'a> Builder<'a> {
    fn new(p: &'a Project, c: &'a Calculation, lang: Lang) -> Self {
        Builder {
            p,
            c,
            lang,
            lines: p.lines().collect(),
        }
    }

    fn title(&self) -> String {
        format!("{}: {}", self.t("Nyttokalkyl", "Benefit calculation"), self.p.name)
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
                self.t("av den värderade nyttan", "of the monetised benefits")
            ),
            None => self.money(s.planned_harvest),
        };
        vec![
            (
                self.t("Värderad nytta", "Monetised benefits").to_string(),
                self.money(s.total_benefits()),
            ),
            (self.t("Planerad hemtagning", "Planned harvest").to_string(), harvest),
        ]
    }

    fn t(&self, sv: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
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
            Category::Investment => self.t("investering", "investment"),
            Category::Operations => self.t("drift och förvaltning", "operations"),
            Category::Other => self.t("övrig kostnad", "other"),
        }
    }

    fn class(&self, c: Class) -> &'static str {
        match c {
            Class::Financial => self.t("finansiell", "financial"),
            Class::Reallocation => self.t("omfördelning", "reallocation"),
            Class::Qualitative => self.t("kvalitativ", "qualitative"),
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
            Confidence::High => self.t("hög", "high"),
            Confidence::Medium => self.t("medel", "medium"),
            Confidence::Low => self.t("låg", "low"),
        }
    }

    fn method(&self, m: Method) -> &'static str {
        match m {
            Method::BudgetReduction => self.t("budgetminskning", "budget reduction"),
            Method::Redeployment => self.t("omdisponering", "redeployment"),
            Method::Revenue => self.t("intäkt", "revenue"),
            Method::CostAvoidance => self.t("undviken kostnad", "cost avoidance"),
            Method::Quality => self.t("kvalitet", "quality"),
        }
    }

    fn facts(&self) -> Vec<(String, String)> {
        let p = self.p;
        let mut facts = Vec::new();
        if let Some(id) = p.id.as_deref().filter(|s| !s.trim().is_empty()) {
            facts.push((self.t("Diarienummer", "Project id").to_string(), id.to_string()));
        }
        facts.push((
            self.t("Organisation", "Organisation").to_string(),
            p.organisation.clone(),
        ));
        if let Some(portfolio) = p.portfolio.as_deref().filter(|s| !s.trim().is_empty()) {
            facts.push((self.t("Portfölj", "Portfolio").to_string(), portfolio.to_string()));
        }
        let last = p.end_year() - 1;
        let span = if p.years == 1 {
            format!("{} (1 {})", p.start_year, self.t("år", "year"))
        } else {
            format!("{}–{last} ({} {})", p.start_year, p.years, self.t("år", "years"))
        };
        facts.push((self.t("Kalkylperiod", "Horizon").to_string(), span));
        facts.push((self.t("Driftstart", "Go-live").to_string(), p.go_live.to_string()));
        facts.push((self.t("Scenario", "Scenario").to_string(), self.scenario()));
        let unit = currency_unit(&p.currency);
        let amounts = if unit == "kr" {
            self.t("kronor (SEK), hela kronor", "kronor (SEK), whole kronor")
                .to_string()
        } else {
            format!("{unit}, {}", self.t("hela enheter", "whole units"))
        };
        facts.push((self.t("Belopp", "Amounts").to_string(), amounts));
        if !p.overrides.is_empty() {
            facts.push((
                self.t("Ändrat från kommandoraden", "Overridden on the command line")
                    .to_string(),
                p.overrides.join(", "),
            ));
        }
        facts
    }

    fn scenario(&self) -> String {
        let s = &self.c.scenario;
        let mut parts = Vec::new();
        if s.cost_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t("kostnader", "costs"),
                number(s.cost_factor, 2, self.lang)
            ));
        }
        if s.investment_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t("investering", "investment"),
                number(s.investment_factor, 2, self.lang)
            ));
        }
        if s.operations_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t("drift", "operations"),
                number(s.operations_factor, 2, self.lang)
            ));
        }
        if s.benefit_factor != Decimal::ONE {
            parts.push(format!(
                "{} × {}",
                self.t("nytta", "benefits"),
                number(s.benefit_factor, 2, self.lang)
            ));
        }
        if s.delay_months > 0 {
            parts.push(format!(
                "{} {} {}",
                self.t("nyttan försenad", "benefits delayed"),
                s.delay_months,
                self.t("mån", "months")
            ));
        }
        if let Some(r) = s.discount_rate {
            parts.push(format!("{} {}", self.t("kalkylränta", "discount rate"), self.pct(r)));
        }
        if parts.is_empty() {
            s.name.clone()
        } else {
            format!("{} ({})", s.name, parts.join(", "))
        }
    }

    fn discount_rate(&self) -> String {
        let rate = self.pct(self.c.discount_rate);
        let defaulted = !self.p.assumptions.discount_rate_stated && self.c.scenario.discount_rate.is_none();
        let default = self.pct(DEFAULT_DISCOUNT_RATE);
        if defaulted {
            format!("{rate} ({} {default})", self.t("standard", "default"))
        } else {
            rate
        }
    }

    fn summary(&self) -> Section {
        let s = &self.c.summary;
        let mut amounts =
            Grid::new(vec![left(self.t("Post", "Item")), right(self.t("Belopp", "Amount"))]).caption(self.t(
                "Kostnader och nytta under kalkylperioden",
                "Costs and benefits over the horizon",
            ));
        let rows: [(&str, Decimal, bool); 11] = [
            (
                self.t("Investering", "Investment"),
                s.costs[Category::Investment.index()],
                false,
            ),
            (
                self.t("Drift och förvaltning", "Operations"),
                s.costs[Category::Operations.index()],
                false,
            ),
            (
                self.t("Övriga kostnader", "Other costs"),
                s.costs[Category::Other.index()],
                false,
            ),
            (self.t("Summa kostnader", "Total costs"), s.total_costs(), true),
            (
                self.t("Finansiell nytta", "Financial benefits"),
                s.financial_benefits,
                false,
            ),
            (
                self.t("Omfördelningsnytta", "Reallocation benefits"),
                s.reallocation_benefits,
                false,
            ),
            (self.t("Summa nytta", "Total benefits"), s.total_benefits(), true),
            (
                self.t("Varav nytta med hög säkerhet", "Of which high confidence"),
                s.benefits_by_confidence[Confidence::High.index()],
                false,
            ),
            (
                self.t("Varav nytta med medelhög säkerhet", "Of which medium confidence"),
                s.benefits_by_confidence[Confidence::Medium.index()],
                false,
            ),
            (
                self.t("Varav nytta med låg säkerhet", "Of which low confidence"),
                s.benefits_by_confidence[Confidence::Low.index()],
                false,
            ),
            (
                self.t("Netto (nytta − kostnader)", "Net (benefits − costs)"),
                s.net(),
                true,
            ),
        ];
        for (label, value, total) in rows {
            let cells = vec![label.to_string(), self.money(value)];
            if total {
                amounts.total(cells)
            } else {
                amounts.row(cells)
            }
        }

        let mut key = Grid::new(vec![
            left(self.t("Nyckeltal", "Key figure")),
            right(self.t("Värde", "Value")),
        ])
        .caption(self.t("Nyckeltal", "Key figures"));
        let payback = match (s.payback_month, s.payback_years) {
            (Some(m), Some(y)) => format!("{m} ({})", years(y, self.lang)),
            (Some(m), None) => m.to_string(),
            _ => MISSING.to_string(),
        };
        let rows: Vec<(&str, String)> = vec![
            (self.t("Kalkylränta", "Discount rate"), self.discount_rate()),
            (self.t("Nuvärde kostnader", "PV costs"), self.money(s.pv_costs)),
            (self.t("Nuvärde nytta", "PV benefits"), self.money(s.pv_benefits)),
            (
                self.t("Nettonuvärde (NPV)", "Net present value (NPV)"),
                self.money(s.npv),
            ),
            (
                self.t("NPV, endast finansiell nytta", "NPV, financial benefits only"),
                self.money(s.npv_financial),
            ),
            (
                self.t(
                    "NPV, endast nytta med hög säkerhet",
                    "NPV, high-confidence benefits only",
                ),
                self.money(s.npv_high_confidence),
            ),
            (
                self.t("Nytta/kostnad (BCR)", "Benefit-cost ratio (BCR)"),
                Self::opt(s.bcr.map(|b| ratio(b, self.lang))),
            ),
            (
                self.t("Internränta (IRR)", "Internal rate of return (IRR)"),
                Self::opt(s.irr.map(|r| self.pct(r))),
            ),
            (self.t("Återbetalningstid", "Payback"), payback),
            (
                self.t("Planerad hemtagning", "Planned harvest"),
                self.money(s.planned_harvest),
            ),
            (
                self.t("Hemtagningsgrad (andel av nyttan)", "Harvest share (of benefits)"),
                Self::opt(s.harvest_share.map(|h| self.pct(h))),
            ),
        ];
        for (label, value) in rows {
            key.row(vec![label.to_string(), value]);
        }
        Section {
            heading: self.t("Sammanfattning", "Summary").to_string(),
            blocks: vec![Block::Grid(amounts), Block::Grid(key)],
        }
    }

    /// How fragile the case is, each figure with one plain sentence.
    fn realism(&self, r: &Realism) -> Section {
        let s = &self.c.summary;
        let sv = self.lang == Lang::Sv;
        let mut grid = Grid::new(vec![
            left(self.t("Nyckeltal", "Figure")),
            right(self.t("Värde", "Value")),
            wrapped(self.t("Vad det betyder", "What it means"), 60),
        ]);
        let sign_word = |npv: Decimal| -> &'static str {
            match (npv >= Decimal::ZERO, sv) {
                (true, true) => "lönsam",
                (false, true) => "olönsam",
                (true, false) => "pays off",
                (false, false) => "does not pay off",
            }
        };
        grid.row(vec![
            self.t("Nettonuvärde (NPV)", "Net present value (NPV)").to_string(),
            self.money(s.npv),
            if sv {
                format!("Med alla värderade nyttor är kalkylen {}.", sign_word(s.npv))
            } else {
                format!("Counting every monetised benefit, the case {}.", sign_word(s.npv))
            },
        ]);
        grid.row(vec![
            self.t("NPV, endast finansiell nytta", "NPV, financial benefits only")
                .to_string(),
            self.money(s.npv_financial),
            if sv {
                format!(
                    "Räknat bara med nytta som syns i budgeten (inte frigjord tid) är kalkylen {}.",
                    sign_word(s.npv_financial)
                )
            } else {
                format!(
                    "Counting only benefits that show in a budget (not freed time), the case {}.",
                    sign_word(s.npv_financial)
                )
            },
        ]);
        grid.row(vec![
            self.t("NPV utan nytta med låg säkerhet", "NPV without low-confidence benefits")
                .to_string(),
            self.money(s.npv_without_low_confidence),
            if sv {
                format!(
                    "Utan de nyttor som är osäkrast värderade är kalkylen {}.",
                    sign_word(s.npv_without_low_confidence)
                )
            } else {
                format!(
                    "Without the least certain benefits, the case {}.",
                    sign_word(s.npv_without_low_confidence)
                )
            },
        ]);
        grid.row(vec![
            self.t("Internränta (IRR)", "Internal rate of return (IRR)").to_string(),
            Self::opt(s.irr.map(|i| self.pct(i))),
            match (s.irr, sv) {
                (Some(i), true) => format!(
                    "Kalkylen går jämnt upp vid en kalkylränta på {} (nu {}).",
                    self.pct(i),
                    self.pct(self.c.discount_rate)
                ),
                (Some(i), false) => format!(
                    "The case breaks even at a discount rate of {} (now {}).",
                    self.pct(i),
                    self.pct(self.c.discount_rate)
                ),
                (None, true) => "Ingen internränta: nettot byter aldrig tecken.".to_string(),
                (None, false) => "No internal rate of return: the net never changes sign.".to_string(),
            },
        ]);
        grid.row(vec![
            self.t("Nytta som måste realiseras", "Benefit that must come true")
                .to_string(),
            Self::opt(r.benefit_breakeven.map(|b| self.pct(b))),
            match (r.benefit_breakeven, sv) {
                (None, true) => "Kalkylen har ingen värderad nytta.".to_string(),
                (None, false) => "The case has no monetised benefit.".to_string(),
                (Some(b), true) if b > Decimal::ONE => format!(
                    "Kalkylen går inte jämnt upp ens om all nytta realiseras: det skulle krävas {} av nyttan.",
                    self.pct(b)
                ),
                (Some(b), false) if b > Decimal::ONE => format!(
                    "The case does not break even even if every benefit comes true: it would take {} of them.",
                    self.pct(b)
                ),
                (Some(b), true) => format!("Kalkylen går jämnt upp om {} av nyttan realiseras.", self.pct(b)),
                (Some(b), false) => format!("The case breaks even if {} of the benefit comes true.", self.pct(b)),
            },
        ]);
        let horizon_months = self.p.months();
        grid.row(vec![
            self.t("Försening som vänder kalkylen", "Delay that turns the case")
                .to_string(),
            match r.delay_breakeven_months {
                Some(d) => format!("{d} {}", self.t("mån", "months")),
                None => MISSING.to_string(),
            },
            match (r.delay_breakeven_months, sv) {
                (Some(d), true) => format!(
                    "Kalkylen blir olönsam om nyttan dröjer {d} {}.",
                    if d == 1 { "månad" } else { "månader" }
                ),
                (Some(d), false) => format!(
                    "The case stops paying off if the benefits come {d} month{} late.",
                    if d == 1 { "" } else { "s" }
                ),
                (None, true) if s.npv <= Decimal::ZERO => "Kalkylen är redan olönsam.".to_string(),
                (None, false) if s.npv <= Decimal::ZERO => "The case does not pay off already.".to_string(),
                (None, true) => format!("Kalkylen förblir lönsam även om nyttan dröjer {horizon_months} månader."),
                (None, false) => {
                    format!("The case keeps paying off even if the benefits come {horizon_months} months late.")
                }
            },
        ]);
        for (i, (label_sv, label_en, npv)) in [
            (
                "NPV, optimism (övre)",
                "NPV, optimism bias (upper)",
                r.optimism_upper_npv,
            ),
            (
                "NPV, optimism (lägre)",
                "NPV, optimism bias (lower)",
                r.optimism_lower_npv,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let scenario = &r.optimism_scenarios[i];
            let factor = number(scenario.investment_factor, 2, self.lang);
            let what = match (sv, scenario.delay_months) {
                (true, 0) => format!("investeringen × {factor}"),
                (true, 1) => format!("investeringen × {factor} och nyttan 1 månad senare"),
                (true, d) => format!("investeringen × {factor} och nyttan {d} månader senare"),
                (false, 0) => format!("investment × {factor}"),
                (false, 1) => format!("investment × {factor} and benefits 1 month later"),
                (false, d) => format!("investment × {factor} and benefits {d} months later"),
            };
            grid.row(vec![
                self.t(label_sv, label_en).to_string(),
                Self::opt(npv.map(|n| self.money(n))),
                match (npv, sv) {
                    (Some(n), true) => format!(
                        "Med {what}, som erfarenheten av IT-projekt visar ({}), är kalkylen {}.",
                        if i == 0 {
                            "Green Book, övre värde"
                        } else {
                            "Green Book, lägre värde"
                        },
                        sign_word(n)
                    ),
                    (Some(n), false) => format!(
                        "With {what}, as experience of IT projects shows ({}), the case {}.",
                        if i == 0 {
                            "Green Book, upper value"
                        } else {
                            "Green Book, lower value"
                        },
                        sign_word(n)
                    ),
                    (None, true) => "Kunde inte beräknas: beloppen blir för stora.".to_string(),
                    (None, false) => "Could not be computed: the amounts grow too large.".to_string(),
                },
            ]);
        }
        let mut blocks = vec![Block::Grid(grid)];
        match &r.monte_carlo {
            Some(m) => {
                let mut mc = Grid::new(vec![
                    left(self.t("Simulering", "Simulation")),
                    right(self.t("Värde", "Value")),
                ])
                .caption(if sv {
                    format!(
                        "Simulering över osäkerhetsintervallen ({} dragningar, frö {})",
                        number(Decimal::from(m.draws), 0, self.lang),
                        m.seed
                    )
                } else {
                    format!(
                        "Simulation over the ranges ({} draws, seed {})",
                        number(Decimal::from(m.draws), 0, self.lang),
                        m.seed
                    )
                });
                mc.row(vec![self.t("NPV, P10", "NPV, P10").to_string(), self.money(m.p10)]);
                mc.row(vec![
                    self.t("NPV, median (P50)", "NPV, median (P50)").to_string(),
                    self.money(m.p50),
                ]);
                mc.row(vec![self.t("NPV, P90", "NPV, P90").to_string(), self.money(m.p90)]);
                mc.row(vec![
                    self.t("Sannolikhet för negativt NPV", "Probability of a negative NPV")
                        .to_string(),
                    self.pct(m.probability_negative),
                ]);
                blocks.push(Block::Grid(mc));
                blocks.push(Block::Text(if sv {
                    format!(
                        "I nio fall av tio blir nettonuvärdet minst {}, och i nio fall av tio högst {}. Risken att kalkylen blir olönsam är {}.",
                        self.money(m.p10),
                        self.money(m.p90),
                        self.pct(m.probability_negative)
                    )
                } else {
                    format!(
                        "In nine cases out of ten the NPV is at least {}, and in nine out of ten at most {}. The chance that the case does not pay off is {}.",
                        self.money(m.p10),
                        self.money(m.p90),
                        self.pct(m.probability_negative)
                    )
                }));
            }
            None => blocks.push(Block::Text(
                self.t(
                    "Ingen post har ett osäkerhetsintervall (`range`), så ingen simulering har gjorts.",
                    "No line has a range (`range`), so no simulation was run.",
                )
                .to_string(),
            )),
        }
        Section {
            heading: self.t("Hur robust är kalkylen?", "How robust is the case?").to_string(),
            blocks,
        }
    }

    fn years(&self) -> Section {
        let mut grid = Grid::new(vec![
            left(self.t("År", "Year")),
            right(self.t("Investering", "Investment")),
            right(self.t("Drift och\nförvaltning", "Operations")),
            right(self.t("Övriga\nkostnader", "Other\ncosts")),
            right(self.t("Summa\nkostnader", "Total\ncosts")),
            right(self.t("Finansiell\nnytta", "Financial\nbenefits")),
            right(self.t("Omfördel-\nningsnytta", "Reallocation\nbenefits")),
            right(self.t("Summa\nnytta", "Total\nbenefits")),
            right(self.t("Netto", "Net")),
            right(self.t("Ackumulerat\nnetto", "Cumulative\nnet")),
            right(self.t("Diskonte-\nringsfaktor", "Discount\nfactor")),
            right(self.t("Planerad\nhemtagning", "Planned\nharvest")),
        ]);
        for y in &self.c.years {
            grid.row(vec![
                y.year.to_string(),
                self.kr(y.costs[Category::Investment.index()]),
                self.kr(y.costs[Category::Operations.index()]),
                self.kr(y.costs[Category::Other.index()]),
                self.kr(y.total_costs()),
                self.kr(y.financial_benefits),
                self.kr(y.reallocation_benefits),
                self.kr(y.total_benefits()),
                self.kr(y.net()),
                self.kr(y.cumulative_net),
                factor(y.discount_factor, 4, self.lang),
                self.kr(y.planned_harvest),
            ]);
        }
        let s = &self.c.summary;
        grid.total(vec![
            self.t("Summa", "Total").to_string(),
            self.kr(s.costs[Category::Investment.index()]),
            self.kr(s.costs[Category::Operations.index()]),
            self.kr(s.costs[Category::Other.index()]),
            self.kr(s.total_costs()),
            self.kr(s.financial_benefits),
            self.kr(s.reallocation_benefits),
            self.kr(s.total_benefits()),
            self.kr(s.net()),
            String::new(),
            String::new(),
            self.kr(s.planned_harvest),
        ]);
        Section {
            heading: self.t("År för år", "Year by year").to_string(),
            blocks: vec![Block::Grid(grid)],
        }
    }

    /// Each monetised line per year, with total and present value: costs, then benefits.
    fn line_items(&self) -> Section {
        let n = self.c.years.len();
        let mut blocks = Vec::new();
        for costs in [true, false] {
            let figures: Vec<(&Line, &LineFigures)> = self
                .c
                .lines
                .iter()
                .filter_map(|f| self.line(f).map(|l| (l, f)))
                .filter(|(l, _)| l.is_cost() == costs && l.is_monetised())
                .collect();
            let caption = if costs {
                self.t("Kostnader", "Costs")
            } else {
                self.t("Värderade nyttor", "Monetised benefits")
            };
            if figures.is_empty() {
                let none = if costs {
                    self.t("Inga kostnader.", "No costs.")
                } else {
                    self.t("Inga värderade nyttor.", "No monetised benefits.")
                };
                blocks.push(Block::Text(format!("{caption}: {none}")));
                continue;
            }
            let mut columns = vec![wrapped(self.t("Post", "Line"), NAME_WIDTH)];
            if costs {
                columns.push(left(self.t("Kategori", "Category")));
            } else {
                columns.push(left(self.t("Klass", "Class")));
                columns.push(left(self.t("Säkerhet", "Confidence")));
            }
            columns.extend((0..n).map(|i| right(&self.year_label(i))));
            columns.push(right(self.t("Summa", "Total")));
            columns.push(right(self.t("Nuvärde", "Present\nvalue")));
            let mut grid = Grid::new(columns).caption(caption);
            let mut by_year = vec![Decimal::ZERO; n];
            let (mut total, mut pv) = (Decimal::ZERO, Decimal::ZERO);
            for (line, f) in &figures {
                let mut cells = vec![line.name.clone(), self.kind(line).to_string()];
                if let Some(b) = line.benefit() {
                    cells.push(self.confidence(b.confidence).to_string());
                }
                for (i, slot) in by_year.iter_mut().enumerate() {
                    let v = f.by_year.get(i).copied().unwrap_or_default();
                    *slot += v;
                    cells.push(self.kr(v));
                }
                total += f.total;
                pv += self.c.line_pv(f);
                cells.push(self.kr(f.total));
                cells.push(self.kr(self.c.line_pv(f)));
                grid.row(cells);
            }
            let mut cells = vec![self.t("Summa", "Total").to_string(), String::new()];
            if !costs {
                cells.push(String::new());
            }
            cells.extend(by_year.iter().map(|v| self.kr(*v)));
            cells.push(self.kr(total));
            cells.push(self.kr(pv));
            grid.total(cells);
            blocks.push(Block::Grid(grid));
        }
        Section {
            heading: self.t("Kalkylposter", "Lines").to_string(),
            blocks,
        }
    }

    fn stakeholders(&self) -> Section {
        let list = &self.c.stakeholders;
        let mut summary = Grid::new(vec![
            wrapped(self.t("Intressent", "Stakeholder"), NAME_WIDTH),
            right(self.t("Kostnader", "Costs")),
            right(self.t("Finansiell\nnytta", "Financial\nbenefits")),
            right(self.t("Omfördel-\nningsnytta", "Reallocation\nbenefits")),
            right(self.t("Summa\nnytta", "Total\nbenefits")),
            right(self.t("Netto", "Net")),
            right(self.t("Netto-\nnuvärde", "NPV")),
            right(self.t("Planerad\nhemtagning", "Planned\nharvest")),
        ]);
        for st in list {
            summary.row(vec![
                st.name.clone(),
                self.kr(st.costs()),
                self.kr(st.financial_benefits()),
                self.kr(st.reallocation_benefits()),
                self.kr(st.benefits()),
                self.kr(st.net()),
                self.kr(st.npv),
                self.kr(st.planned_harvest()),
            ]);
        }
        if list.len() > 1 {
            let sum = |f: &dyn Fn(&StakeholderFigures) -> Decimal| list.iter().map(f).sum::<Decimal>();
            summary.total(vec![
                self.t("Summa", "Total").to_string(),
                self.kr(sum(&|s| s.costs())),
                self.kr(sum(&|s| s.financial_benefits())),
                self.kr(sum(&|s| s.reallocation_benefits())),
                self.kr(sum(&|s| s.benefits())),
                self.kr(sum(&|s| s.net())),
                self.kr(sum(&|s| s.npv)),
                self.kr(sum(&|s| s.planned_harvest())),
            ]);
        }
        let mut blocks = vec![Block::Grid(summary)];
        if list.len() > 1 {
            for st in list {
                blocks.push(Block::Grid(self.stakeholder_years(st)));
            }
        }
        Section {
            heading: self.t("Per intressent", "By stakeholder").to_string(),
            blocks,
        }
    }

    fn stakeholder_years(&self, st: &StakeholderFigures) -> Grid {
        let mut grid = Grid::new(vec![
            left(self.t("År", "Year")),
            right(self.t("Kostnader", "Costs")),
            right(self.t("Finansiell\nnytta", "Financial\nbenefits")),
            right(self.t("Omfördel-\nningsnytta", "Reallocation\nbenefits")),
            right(self.t("Summa\nnytta", "Total\nbenefits")),
            right(self.t("Netto", "Net")),
            right(self.t("Planerad\nhemtagning", "Planned\nharvest")),
        ])
        .caption(st.name.clone());
        for (i, y) in st.years.iter().enumerate() {
            grid.row(vec![
                self.year_label(i),
                self.kr(y.costs),
                self.kr(y.financial_benefits),
                self.kr(y.reallocation_benefits),
                self.kr(y.benefits()),
                self.kr(y.net()),
                self.kr(y.planned_harvest),
            ]);
        }
        grid.total(vec![
            self.t("Summa", "Total").to_string(),
            self.kr(st.costs()),
            self.kr(st.financial_benefits()),
            self.kr(st.reallocation_benefits()),
            self.kr(st.benefits()),
            self.kr(st.net()),
            self.kr(st.planned_harvest()),
        ]);
        grid.total(vec![
            self.t("Nettonuvärde", "NPV").to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            self.kr(st.npv),
            String::new(),
        ]);
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

    fn realisation(&self) -> Section {
        let heading = self.t("Vinsthemtagning", "Realisation plan").to_string();
        let benefits = self.monetised_benefits();
        if benefits.is_empty() {
            let text = self.t("Inga värderade nyttor att ta hem.", "No monetised benefits to realise.");
            return Section {
                heading,
                blocks: vec![Block::Text(text.to_string())],
            };
        }
        let mut plan = Grid::new(vec![
            wrapped(self.t("Nytta", "Benefit"), NAME_WIDTH),
            wrapped(self.t("Ansvarig", "Owner"), 24),
            left(self.t("Metod", "Method")),
            right(self.t("Andel", "Share")),
            right(self.t("Fördröjning", "Lag")),
            right(self.t("Nytta\ntotalt", "Total\nbenefit")),
            right(self.t("Planerad\nhemtagning", "Planned\nharvest")),
            right(self.t("Ej hemtagen\nnytta", "Benefit not\nharvested")),
        ])
        .caption(self.t("Plan per nytta", "Plan per benefit"));
        let n = self.c.years.len();
        let mut columns = vec![wrapped(self.t("Nytta", "Benefit"), NAME_WIDTH)];
        columns.extend((0..n).map(|i| right(&self.year_label(i))));
        columns.push(right(self.t("Summa", "Total")));
        let mut per_year = Grid::new(columns).caption(self.t("Planerad hemtagning per år", "Planned harvest per year"));
        let mut sums = vec![Decimal::ZERO; n];
        let (mut total, mut harvest) = (Decimal::ZERO, Decimal::ZERO);
        let mut follow_up = Grid::new(vec![
            wrapped(self.t("Nytta", "Benefit"), NAME_WIDTH),
            wrapped(self.t("Mäts av", "Measured by"), 24),
            wrapped(self.t("Nuläge", "Baseline"), 24),
            left(self.t("Nuläge per", "Baseline date")),
            wrapped(self.t("Målvärde", "Target"), 24),
            left(self.t("Måldatum", "Target date")),
            left(self.t("Uppföljning", "Follow-up")),
        ])
        .caption(self.t("Uppföljning av hemtagningen", "Following up the realisation"));
        for (line, f) in benefits {
            let r = line.realisation();
            let owner = r
                .and_then(|r| r.owner.as_deref())
                .map(str::trim)
                .filter(|o| !o.is_empty());
            let (share, lag) = match r {
                None => (MISSING.to_string(), MISSING.to_string()),
                Some(r) if r.schedule.is_some() => (self.t("schema", "schedule").to_string(), MISSING.to_string()),
                Some(r) => (self.pct(r.share), format!("{} {}", r.lag_months, self.t("mån", "mo"))),
            };
            let harvested = f.planned_harvest();
            plan.row(vec![
                line.name.clone(),
                owner.map_or_else(|| self.t("saknas", "missing").to_string(), str::to_string),
                Self::opt(r.and_then(|r| r.method).map(|m| self.method(m).to_string())),
                share,
                lag,
                self.kr(f.total),
                self.kr(harvested),
                self.kr(f.total - harvested),
            ]);
            total += f.total;
            harvest += harvested;
            let mut cells = vec![line.name.clone()];
            for (i, slot) in sums.iter_mut().enumerate() {
                let v = f
                    .harvest_by_year
                    .as_ref()
                    .and_then(|h| h.get(i))
                    .copied()
                    .unwrap_or_default();
                *slot += v;
                cells.push(self.kr(v));
            }
            cells.push(self.kr(harvested));
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
        plan.total(vec![
            self.t("Summa", "Total").to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            self.kr(total),
            self.kr(harvest),
            self.kr(total - harvest),
        ]);
        let mut cells = vec![self.t("Summa", "Total").to_string()];
        cells.extend(sums.iter().map(|v| self.kr(*v)));
        cells.push(self.kr(harvest));
        per_year.total(cells);
        let mut blocks = vec![Block::Grid(plan), Block::Grid(per_year)];
        blocks.extend(self.budget_consequence());
        blocks.extend(self.effect());
        if !follow_up.rows.is_empty() {
            blocks.push(Block::Grid(follow_up));
        } else if self.lines.iter().any(|l| l.realisation().is_some()) {
            blocks.push(Block::Text(
                self.t(
                    "Uppföljning: ingen nytta anger ännu vem som mäter, nuläge, målvärde eller när hemtagningen \
                     följs upp (measured_by, baseline, target, follow_up under [benefits.realisation]).",
                    "Follow-up: no benefit states yet who measures, the baseline, the target or when the \
                     realisation is followed up (measured_by, baseline, target, follow_up under \
                     [benefits.realisation]).",
                )
                .to_string(),
            ));
        }
        Section { heading, blocks }
    }

    /// The planned harvest (besparingskrav) each stakeholder must carry per year, by
    /// how it is taken home.
    fn budget_consequence(&self) -> Vec<Block> {
        /// Method `k` of [`Method::ALL`], or (k = 5) harvest with no method given.
        fn amount(y: &StakeholderYear, k: usize) -> Decimal {
            match y.harvest_by_method.get(k) {
                Some(v) => *v,
                None => y.planned_harvest - y.harvest_by_method.iter().sum::<Decimal>(),
            }
        }
        let label = |k: usize| match Method::ALL.get(k) {
            Some(m) => self.method(*m).to_string(),
            None => self.t("metod ej angiven", "no method given").to_string(),
        };
        let n = self.c.years.len();
        let mut columns = vec![
            wrapped(self.t("Intressent", "Stakeholder"), NAME_WIDTH),
            left(self.t("Hemtagningsmetod", "Method")),
        ];
        columns.extend((0..n).map(|i| right(&self.year_label(i))));
        columns.push(right(self.t("Summa", "Total")));
        let mut grid = Grid::new(columns).caption(self.t(
            "Besparingskrav per intressent och år",
            "Planned harvest per stakeholder and year",
        ));
        let mut sums = vec![Decimal::ZERO; n];
        let mut carrying = 0;
        for st in &self.c.stakeholders {
            let kinds: Vec<usize> = (0..=Method::ALL.len())
                .filter(|&k| st.years.iter().any(|y| !amount(y, k).is_zero()))
                .collect();
            if kinds.is_empty() && st.years.iter().all(|y| y.planned_harvest.is_zero()) {
                continue;
            }
            carrying += 1;
            for &k in &kinds {
                let mut cells = vec![st.name.clone(), label(k)];
                cells.extend(st.years.iter().map(|y| self.kr(amount(y, k))));
                cells.push(self.kr(st.years.iter().map(|y| amount(y, k)).sum()));
                grid.row(cells);
            }
            for (slot, y) in sums.iter_mut().zip(&st.years) {
                *slot += y.planned_harvest;
            }
            if kinds.len() > 1 {
                let mut cells = vec![st.name.clone(), self.t("besparingskrav totalt", "total").to_string()];
                cells.extend(st.years.iter().map(|y| self.kr(y.planned_harvest)));
                cells.push(self.kr(st.planned_harvest()));
                grid.total(cells);
            }
        }
        if carrying == 0 {
            return vec![Block::Text(
                self.t(
                    "Ingen planerad hemtagning, så inga besparingskrav på någon intressent.",
                    "No planned harvest, so no stakeholder carries a savings demand.",
                )
                .to_string(),
            )];
        }
        if carrying > 1 {
            let mut cells = vec![self.t("Summa", "Total").to_string(), String::new()];
            cells.extend(sums.iter().map(|v| self.kr(*v)));
            cells.push(self.kr(sums.iter().sum()));
            grid.total(cells);
        }
        vec![
            Block::Text(
                self.t(
                    "Budgetkonsekvens: den planerade hemtagningen (besparingskravet) som varje intressent ska bära \
                     i sin budget, per år och hemtagningsmetod.",
                    "Budget consequence: the planned harvest (savings demand) each stakeholder must carry in its \
                     budget, per year and method.",
                )
                .to_string(),
            ),
            Block::Grid(grid),
        ]
    }

    /// Effekthemtagning per year: harvest to date as a share of investment to date.
    fn effect(&self) -> Vec<Block> {
        let years = effekthemtagning(self.c);
        if years.iter().all(|y| y.share.is_none()) {
            return vec![Block::Text(
                self.t(
                    "Effekthemtagning: kalkylen har ingen investering, så hemtagningen kan inte ställas mot den.",
                    "Effekthemtagning: the calculation has no investment to set the harvest against.",
                )
                .to_string(),
            )];
        }
        let mut grid = Grid::new(vec![
            left(self.t("År", "Year")),
            right(self.t("Investering", "Investment")),
            right(self.t("Ackumulerad\ninvestering", "Cumulative\ninvestment")),
            right(self.t("Planerad\nhemtagning", "Planned\nharvest")),
            right(self.t("Ackumulerad\nhemtagning", "Cumulative\nharvest")),
            right(self.t("Effekthem-\ntagning", "Harvest /\ninvestment")),
        ])
        .caption(self.t(
            "Effekthemtagning per år",
            "Harvest against investment per year (effekthemtagning)",
        ));
        for y in &years {
            grid.row(vec![
                y.year.to_string(),
                self.kr(y.investment),
                self.kr(y.cumulative_investment),
                self.kr(y.planned_harvest),
                self.kr(y.cumulative_harvest),
                Self::opt(y.share.map(|s| self.pct(s))),
            ]);
        }
        vec![
            Block::Text(
                self.t(
                    "Effekthemtagning: den ackumulerade planerade hemtagningen som andel av den ackumulerade \
                     investeringen.",
                    "Effekthemtagning (harvest against investment): the planned harvest to date as a share of the \
                     investment to date.",
                )
                .to_string(),
            ),
            Block::Grid(grid),
        ]
    }

    fn qualitative(&self) -> Section {
        let heading = self.t("Kvalitativa nyttor", "Qualitative benefits").to_string();
        let mut grid = Grid::new(vec![
            wrapped(self.t("Nytta", "Benefit"), NAME_WIDTH),
            wrapped(self.t("Indikator", "Indicator"), 24),
            wrapped(self.t("Nuläge", "Baseline"), 24),
            wrapped(self.t("Målvärde", "Target"), 24),
            left(self.t("Måldatum", "Target date")),
            wrapped(self.t("Mäts av", "Measured by"), 24),
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
            Block::Text(
                self.t("Inga kvalitativa nyttor.", "No qualitative benefits.")
                    .to_string(),
            )
        } else {
            Block::Grid(grid)
        };
        Section {
            heading,
            blocks: vec![block],
        }
    }

    fn sensitivity(&self) -> Section {
        let range = &self.c.range(self.p);
        let mut blocks = Vec::new();
        if range.lines.is_empty() {
            blocks.push(Block::Text(
                self.t(
                    "Ingen post har ett intervall (range), så det finns inget lågt och högt fall.",
                    "No line has a range, so there is no low or high case.",
                )
                .to_string(),
            ));
        } else {
            let mut tornado = Grid::new(vec![
                wrapped(self.t("Post", "Line"), NAME_WIDTH),
                right(self.t("Låg\nfaktor", "Low\nfactor")),
                right(self.t("Hög\nfaktor", "High\nfactor")),
                right(self.t("NPV vid\nlåg faktor", "NPV at\nlow factor")),
                right(self.t("NPV vid\nhög faktor", "NPV at\nhigh factor")),
                right(self.t("Spännvidd", "Spread")),
            ])
            .caption(self.t("Intervall per post (tornado)", "Range per line (tornado)"));
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
            let mut cases = Grid::new(vec![left(self.t("Fall", "Case")), right(self.t("Nettonuvärde", "NPV"))])
                .caption(self.t("Lågt och högt fall", "Low and high case"));
            let rows = [
                (
                    self.t(
                        "Lågt fall (alla intervall ogynnsamt)",
                        "Low case (every range unfavourable)",
                    ),
                    range.low_case_npv,
                ),
                (self.t("Grundkalkyl", "As planned"), Some(self.c.summary.npv)),
                (
                    self.t(
                        "Högt fall (alla intervall gynnsamt)",
                        "High case (every range favourable)",
                    ),
                    range.high_case_npv,
                ),
            ];
            for (label, value) in rows {
                cases.row(vec![label.to_string(), Self::opt(value.map(|v| self.money(v)))]);
            }
            blocks.push(Block::Grid(cases));
        }

        let mut switching = Grid::new(vec![
            wrapped(self.t("Post", "Line"), NAME_WIDTH),
            left(self.t("Typ", "Type")),
            right(self.t("Nuvärde", "Present\nvalue")),
            right(self.t("Brytfaktor", "Switching\nfactor")),
            right(self.t("Ändring till\nNPV = 0", "Change to\nNPV = 0")),
        ])
        .caption(self.t("Brytfaktorer", "Switching factors"));
        for f in &self.c.lines {
            let Some(line) = self.line(f).filter(|l| l.is_monetised()) else {
                continue;
            };
            let switching_factor = self.c.switching_factor(self.p, f);
            switching.row(vec![
                line.name.clone(),
                self.kind(line).to_string(),
                self.kr(self.c.line_pv(f)),
                Self::opt(switching_factor.map(|s| factor(s, 2, self.lang))),
                Self::opt(switching_factor.map(|s| signed_percent(s - Decimal::ONE, self.lang))),
            ]);
        }
        if switching.rows.is_empty() {
            blocks.push(Block::Text(
                self.t("Inga värderade poster.", "No monetised lines.").to_string(),
            ));
        } else {
            blocks.push(Block::Text(
                self.t(
                    "Brytfaktorn är det tal som posten ska multipliceras med för att nettonuvärdet ska bli 0.",
                    "The switching factor is what a line must be multiplied by to bring the NPV to 0.",
                )
                .to_string(),
            ));
            blocks.push(Block::Grid(switching));
        }
        Section {
            heading: self.t("Känslighetsanalys", "Sensitivity").to_string(),
            blocks,
        }
    }

    fn sources(&self) -> Option<Section> {
        let mut grid = Grid::new(vec![
            wrapped(self.t("Post", "Line"), NAME_WIDTH),
            wrapped(self.t("Källa", "Source"), 50),
            wrapped(self.t("Anmärkning", "Note"), 50),
        ]);
        for line in &self.lines {
            let (source, note) = (line.source.as_deref(), line.note.as_deref());
            let has = |v: Option<&str>| v.is_some_and(|s| !s.trim().is_empty());
            if has(source) || has(note) {
                grid.row(vec![line.name.clone(), Self::text(source), Self::text(note)]);
            }
        }
        (!grid.rows.is_empty()).then(|| Section {
            heading: self.t("Källor och anmärkningar", "Sources and notes").to_string(),
            blocks: vec![Block::Grid(grid)],
        })
    }

    fn findings(&self, input: &ReportInput) -> Section {
        let heading = self.t("Granskning (nytta check)", "Findings (nytta check)").to_string();
        if input.findings.is_empty() {
            return Section {
                heading,
                blocks: vec![Block::Text(self.t("Inga anmärkningar.", "No findings.").to_string())],
            };
        }
        let mut grid = Grid::new(vec![
            left(self.t("Kod", "Code")),
            left(self.t("Var", "Where")),
            wrapped(self.t("Anmärkning", "Finding"), 60),
            wrapped(self.t("Åtgärd", "Hint"), 50),
        ]);
        for d in input.findings {
            grid.row(vec![
                d.code.as_str().to_string(),
                Self::text(d.at.as_deref()),
                d.message_with_scenarios(),
                Self::text(d.hint.as_deref()),
            ]);
        }
        Section {
            heading,
            blocks: vec![Block::Grid(grid)],
        }
    }
}

/// Test fixtures shared by the renderers' tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::engine::{Calculation, compute};
    use crate::model::{Project, Scenario, parse_project};

    pub fn project(text: &str) -> Project {
        let parsed = parse_project(text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        parsed.project.expect("project")
    }

    pub fn calc(p: &Project) -> Calculation {
        compute(p, &Scenario::base()).expect("computes")
    }

    /// A 300 000 kr investment in 2010 and a 120 000 kr/year financial benefit from
    /// April 2010 (90 000 in 2010), half of it taken home, at 10 %.
    pub const SMALL: &str = r#"format = 1
[project]
name = "E-tjänst för bygglov"
id = "BN-2010-7"
organisation = "Byggnadsnämnden"
start_year = 2010
years = 3
go_live = "2010-04"
[assumptions]
discount_rate = "10 %"
[[costs]]
name = "Utveckling"
category = "investment"
amounts = { 2010 = 300000 }
[[benefits]]
name = "Porto"
class = "financial"
annual = 120000
range = { low = 0.5, high = 1.5 }
source = "Fakturor 2009"
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
share = 0.5
[[benefits]]
name = "Nöjdare sökande"
class = "qualitative"
indicator = "NKI"
baseline = "55"
target = "70"
target_date = "2012-12"
measured_by = "Enkät"
"#;

    /// Two stakeholders and no investment: `porto`, 120 000 kr a year split half and
    /// half, all taken home as budget reduction; `tid`, 60 000 kr a year for `b`, half
    /// taken home six months later with no method given (15 000 in 2020, 30 000 in 2021).
    pub const SHARED: &str = r#"format = 1
[project]
name = "Delad bokning"
organisation = "Stadsledningskontoret"
start_year = 2020
years = 2
[[stakeholders]]
id = "a"
name = "Förvaltning A"
[[stakeholders]]
id = "b"
name = "Förvaltning B"
[[benefits]]
id = "porto"
name = "Porto"
class = "financial"
annual = 120000
stakeholder = { a = 0.5, b = 0.5 }
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 60000
stakeholder = "b"
[benefits.realisation]
owner = "Enhetschef"
share = 0.5
lag_months = 6
"#;
}
