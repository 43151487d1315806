//! The follow-up's builder (`nytta follow-up`, docs/follow-up.md): plan against
//! actuals year by year, totals, the re-forecast and the flags, as a [`Document`] in
//! the reader's language. The JSON and CSV of a follow-up are written by
//! [`crate::report::json::follow_up`] and [`crate::report::csv::follow_up`].

use crate::diagnostic::Diagnostic;
use crate::engine::Calculation;
use crate::engine::followup::{FollowUp, Forecast, Sums, difference, payback_shift};
use crate::fmt::{self as shown, currency_unit, kronor, money_in, percent, round, signed_percent, years};
use crate::model::actuals::ActualKind;
use crate::model::{Line, Month, Project};
use crate::report::Lang;
use crate::report::document::{self, Block, Chapter, Document, Grid, MISSING, NAME_WIDTH, left, right, wrapped};
use crate::report::labels::{Label as L, Phrase};
use rust_decimal::Decimal;

/// The follow-up document with a chart of planned against actual cost and harvest per
/// year at the top of the rows (for HTML).
pub fn build_with_chart(
    project: &Project,
    base: &Calculation,
    fu: &FollowUp,
    flags: &[Diagnostic],
    lang: Lang,
) -> Document {
    let mut doc = build(project, base, fu, flags, lang);
    let chart = super::chart::follow_up(project, fu, lang);
    if let Some(first) = doc.chapters.first_mut() {
        first.blocks.insert(0, Block::Chart(Box::new(chart)));
    }
    doc
}

/// The follow-up as a document, for the terminal table and Markdown.
pub fn build(project: &Project, base: &Calculation, fu: &FollowUp, flags: &[Diagnostic], lang: Lang) -> Document {
    let b = Builder {
        p: project,
        c: base,
        fu,
        flags,
        lang,
        lines: project.lines().collect(),
    };
    let mut facts = super::report::project_facts(project, base, lang);
    facts.push((b.t(L::ActualsUpToAndIncluding).to_string(), fu.as_of.to_string()));
    Document {
        title: format!("{}: {}", b.t(L::FollowUp), project.name),
        facts,
        description: None,
        chapters: vec![b.rows(), b.totals(), b.reforecast(), b.flags()],
    }
}

struct Builder<'a> {
    p: &'a Project,
    c: &'a Calculation,
    fu: &'a FollowUp,
    flags: &'a [Diagnostic],
    lang: Lang,
    lines: Vec<&'a Line>,
}

impl Builder<'_> {
    /// The text of a label in the document's language.
    fn t(&self, label: L) -> &'static str {
        label.text(self.lang)
    }

    fn kr(&self, d: Decimal) -> String {
        kronor(d, self.lang)
    }

    /// Whole kronor with a sign: `+20 000`, `-60 000`, `0`.
    fn signed_kr(&self, d: Decimal) -> String {
        let text = self.kr(d);
        if round(d, 0) > Decimal::ZERO {
            format!("+{text}")
        } else {
            text
        }
    }

    fn money(&self, d: Decimal) -> String {
        money_in(d, &self.p.currency, self.lang)
    }

    fn signed_money(&self, d: Decimal) -> String {
        format!("{} {}", self.signed_kr(d), currency_unit(&self.p.currency))
    }

    fn opt(value: Option<String>) -> String {
        value.unwrap_or_else(|| MISSING.to_string())
    }

    fn kind(&self, kind: ActualKind) -> &'static str {
        match kind {
            ActualKind::Cost => self.t(L::Cost),
            ActualKind::Benefit => self.t(L::Benefit2),
            ActualKind::Harvest => self.t(L::Harvest),
        }
    }

    fn payback(&self, month: Option<Month>, y: Option<Decimal>) -> String {
        match (month, y) {
            (Some(m), Some(y)) => format!("{m} ({})", years(y, self.lang)),
            (Some(m), None) => m.to_string(),
            _ => MISSING.to_string(),
        }
    }

    /// Columns: plan, actual, variance in money and per cent.
    fn money_columns(&self) -> Vec<document::Column> {
        let unit = currency_unit(&self.p.currency);
        vec![
            right(self.t(L::Planned)),
            right(self.t(L::Actual)),
            right(&format!("{}\n({unit})", self.t(L::Variance))),
            right(&format!("{}\n(%)", self.t(L::Variance))),
        ]
    }

    fn rows(&self) -> Chapter {
        let heading = self.t(L::ActualsAgainstPlan).to_string();
        let rows = &self.fu.rows;
        if rows.is_empty() {
            let text = Phrase::NothingPlannedUpTo { as_of: self.fu.as_of }.text(self.lang);
            return Chapter {
                heading,
                blocks: vec![Block::Text(text)],
            };
        }
        let mut blocks = vec![Block::Text(self.t(L::VarianceActualPlannedYearWithNo).to_string())];
        // One overview: a row per line and kind, a column per year, the variance in
        // each cell (with its share of the plan), the total last.
        let years: Vec<i32> = {
            let mut y: Vec<i32> = rows.iter().map(|r| r.year).collect();
            y.sort_unstable();
            y.dedup();
            y
        };
        let mut columns = vec![wrapped(self.t(L::Line), NAME_WIDTH), left(self.t(L::Kind))];
        let year_headers: Vec<String> = years.iter().map(i32::to_string).collect();
        columns.extend(year_headers.iter().map(|y| document::period(y)));
        columns.push(right(self.t(L::Total)));
        let mut grid = Grid::new(columns).caption(self.t(L::DeviationsPerLineAndYear));
        let mut comments = Grid::new(vec![
            wrapped(self.t(L::Line), NAME_WIDTH),
            left(self.t(L::Kind)),
            left(self.t(L::Year2)),
            wrapped(self.t(L::Comment), 60),
        ]);
        let cell = |v: Option<Decimal>, share: Option<Decimal>| match (v, share) {
            (Some(v), Some(s)) => format!("{} ({})", self.signed_kr(v), signed_percent(s, self.lang)),
            (Some(v), None) => self.signed_kr(v),
            _ => MISSING.to_string(),
        };
        let mut start = 0;
        while start < rows.len() {
            let (line, kind) = (rows[start].line, rows[start].kind);
            let end = rows[start..]
                .iter()
                .position(|r| (r.line, r.kind) != (line, kind))
                .map_or(rows.len(), |n| start + n);
            let group = &rows[start..end];
            start = end;
            let name = self.lines.get(line).map_or(MISSING, |l| l.name.as_str());
            let mut cells = vec![name.to_string(), self.kind(kind).to_string()];
            let sums = Sums::of(group);
            // As shown: the years' variances add up to the total shown (docs/method.md,
            // "Rounding").
            let exact: Vec<Decimal> = group.iter().filter_map(|r| r.variance()).collect();
            let total = sums.variance().map(|v| round(v, 0));
            let mut shown = shown::apportion(&exact, total.unwrap_or_default(), 0).into_iter();
            for y in &years {
                let text = match group.iter().find(|r| r.year == *y) {
                    Some(r) => {
                        let variance = r.variance().and_then(|_| shown.next());
                        let mut t = cell(variance, r.variance_share());
                        if let Some(c) = &r.comment {
                            t.push_str(" *");
                            comments.row(vec![
                                name.to_string(),
                                self.kind(kind).to_string(),
                                y.to_string(),
                                c.clone(),
                            ]);
                        }
                        t
                    }
                    None => String::new(),
                };
                cells.push(text);
            }
            cells.push(cell(total, sums.variance_share()));
            grid.row(cells);
        }
        blocks.push(Block::Grid(grid));
        if !comments.rows.is_empty() {
            blocks.push(Block::Grid(comments.caption(self.t(L::Comments))));
        }
        Chapter { heading, blocks }
    }

    fn totals(&self) -> Chapter {
        // The variance compares the actuals with the plan of the items that have one:
        // that plan gets a column of its own, so that plan − actual and the variance do
        // not seem to disagree where an item has not reported.
        let mut columns = vec![left(self.t(L::Kind))];
        let mut money = self.money_columns();
        money.insert(1, right(self.t(L::PlannedReported)));
        columns.extend(money);
        columns.push(right(self.t(L::MissingActuals)));
        let mut grid = Grid::new(columns).caption(self.t(L::TotalsUpToFollowUpYear));
        for (kind, label) in [
            (ActualKind::Cost, self.t(L::Costs2)),
            (ActualKind::Benefit, self.t(L::Benefits2)),
            (ActualKind::Harvest, self.t(L::Harvest2)),
        ] {
            let sums = Sums::of(self.fu.rows.iter().filter(|r| r.kind == kind));
            // The variance in kronor as the difference of the two amounts shown beside
            // it (each rounded to whole kronor), so that the row adds up as printed.
            let shown = |d: Decimal| round(d, 0);
            grid.row(vec![
                label.to_string(),
                self.kr(sums.planned),
                Self::opt((sums.reported > 0).then(|| self.kr(sums.planned_reported))),
                Self::opt((sums.reported > 0).then(|| self.kr(sums.actual))),
                Self::opt(
                    sums.variance()
                        .map(|_| self.signed_kr(shown(sums.actual) - shown(sums.planned_reported))),
                ),
                Self::opt(sums.variance_share().map(|s| signed_percent(s, self.lang))),
                sums.missing.to_string(),
            ]);
        }
        let t = &self.fu.totals;
        let mut key = Grid::new(vec![left(self.t(L::KeyFigure)), right(self.t(L::Value))]);
        key.row(vec![
            self.t(L::RealisationRateHarvestedPlannedHarvest).to_string(),
            Self::opt(t.realisation_rate.map(|r| percent(r, self.lang))),
        ]);
        key.row(vec![
            self.t(L::RowsWithNoActualReported).to_string(),
            t.missing.to_string(),
        ]);
        Chapter {
            heading: self.t(L::Totals).to_string(),
            blocks: vec![Block::Grid(grid), Block::Grid(key)],
        }
    }

    fn reforecast(&self) -> Chapter {
        let (s, r) = (&self.c.summary, &self.fu.reforecast);
        let mut blocks = vec![Block::Text(
            Phrase::ReforecastBasis { as_of: self.fu.as_of }.text(self.lang),
        )];
        let mut key = Grid::new(vec![
            left(self.t(L::KeyFigure)),
            right(self.t(L::Plan)),
            right(self.t(L::ReForecast)),
            right(self.t(L::Difference)),
        ]);
        let money_rows = [
            (self.t(L::TotalCosts), s.total_costs(), r.total_costs()),
            (self.t(L::TotalBenefits), s.total_benefits(), r.total_benefits()),
            (self.t(L::NetBenefitsCosts), s.net(), r.net()),
            (self.t(L::NetPresentValueNpv), s.npv, r.npv),
        ];
        for (label, plan, forecast) in money_rows {
            key.row(vec![
                label.to_string(),
                self.money(plan),
                self.money(forecast),
                self.signed_money(difference(plan, forecast)),
            ]);
        }
        let shift = match (s.payback_month, r.payback_month) {
            (Some(plan), Some(forecast)) => {
                let months = payback_shift(plan, forecast);
                let sign = if months > 0 { "+" } else { "" };
                format!("{sign}{months} {}", self.t(L::Months))
            }
            _ => MISSING.to_string(),
        };
        key.row(vec![
            self.t(L::Payback).to_string(),
            self.payback(s.payback_month, s.payback_years),
            self.payback(r.payback_month, r.payback_years),
            shift,
        ]);
        blocks.push(Block::Grid(key));

        let mut by_year = Grid::new(vec![
            left(self.t(L::Year2)),
            right(self.t(L::CostsPlanned)),
            right(self.t(L::CostsReForecast)),
            right(self.t(L::BenefitsPlanned)),
            right(self.t(L::BenefitsReForecast)),
            right(self.t(L::NetPlanned)),
            right(self.t(L::NetReForecast)),
        ])
        .caption(self.t(L::PlanAndReForecastPerYear));
        // As shown: each column adds up to its total; net is benefits less costs as shown.
        let column = |f: &dyn Fn(usize) -> Decimal, total: Decimal| {
            let exact: Vec<Decimal> = (0..r.years.len()).map(f).collect();
            let total = round(total, 0);
            (shown::apportion(&exact, total, 0), total)
        };
        let plan_costs = column(&|i| self.c.years[i].total_costs(), s.total_costs());
        let forecast_costs = column(&|i| r.years[i].1, r.total_costs());
        let plan_benefits = column(&|i| self.c.years[i].total_benefits(), s.total_benefits());
        let forecast_benefits = column(&|i| r.years[i].2, r.total_benefits());
        let plan_net = shown::difference(&plan_benefits.0, &plan_costs.0);
        let forecast_net = shown::difference(&forecast_benefits.0, &forecast_costs.0);
        let net_totals = shown::difference(
            &[plan_benefits.1, forecast_benefits.1],
            &[plan_costs.1, forecast_costs.1],
        );
        for (i, &(year, _, _)) in r.years.iter().enumerate().take(self.c.years.len()) {
            by_year.row(vec![
                year.to_string(),
                self.kr(plan_costs.0[i]),
                self.kr(forecast_costs.0[i]),
                self.kr(plan_benefits.0[i]),
                self.kr(forecast_benefits.0[i]),
                self.kr(plan_net[i]),
                self.kr(forecast_net[i]),
            ]);
        }
        by_year.total(vec![
            self.t(L::Total).to_string(),
            self.kr(plan_costs.1),
            self.kr(forecast_costs.1),
            self.kr(plan_benefits.1),
            self.kr(forecast_benefits.1),
            self.kr(net_totals[0]),
            self.kr(net_totals[1]),
        ]);
        blocks.push(Block::Grid(by_year));
        match self.fu.forecast {
            Forecast::Plan => blocks.push(Block::Text(self.t(L::ForecastPlan).to_string())),
            Forecast::Trend => {
                blocks.push(Block::Text(self.t(L::ForecastTrend).to_string()));
                let mut trend = Grid::new(vec![
                    wrapped(self.t(L::Line), NAME_WIDTH),
                    left(self.t(L::Kind)),
                    right(self.t(L::RealisationSoFar)),
                ])
                .caption(self.t(L::ForecastPerLine));
                for t in &self.fu.trends {
                    let name = self.lines.get(t.line).map_or(MISSING, |l| l.name.as_str());
                    trend.row(vec![
                        name.to_string(),
                        self.kind(t.kind).to_string(),
                        Self::opt(t.rate.map(|r| percent(r, self.lang))),
                    ]);
                }
                blocks.push(Block::Grid(trend));
            }
        }
        Chapter {
            heading: self.t(L::ReForecastAgainstPlan).to_string(),
            blocks,
        }
    }

    fn flags(&self) -> Chapter {
        let heading = self.t(L::Flags).to_string();
        if self.flags.is_empty() {
            return Chapter {
                heading,
                blocks: vec![Block::Text(self.t(L::NoFlags).to_string())],
            };
        }
        let mut grid = Grid::new(vec![
            left(self.t(L::Code)),
            wrapped(self.t(L::Where), NAME_WIDTH),
            wrapped(self.t(L::Flag), 60),
            wrapped(self.t(L::Hint), 50),
        ]);
        for d in self.flags {
            grid.row(vec![
                d.code.as_str().to_string(),
                super::report::place(self.p, self.c, self.lang, d.at.as_deref()),
                d.message_with_scenarios(self.lang),
                Self::opt(d.hint_in(self.lang).map(str::to_string)),
            ]);
        }
        Chapter {
            heading,
            blocks: vec![Block::Grid(grid)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::csv::{CsvStyle, follow_up as csv, follow_up_template as template};
    use crate::report::json::follow_up as json;
    use crate::report::{markdown as md, table as tb};

    fn table(p: &Project, c: &Calculation, fu: &FollowUp, flags: &[Diagnostic], lang: Lang) -> String {
        tb::render_document(&build(p, c, fu, flags, lang))
    }

    fn markdown(p: &Project, c: &Calculation, fu: &FollowUp, flags: &[Diagnostic], lang: Lang) -> String {
        md::render_document(&build(p, c, fu, flags, lang))
    }
    use crate::diagnostic::Code;
    use crate::engine::followup::follow_up;
    use crate::model::actuals::{Actuals, decode_text, parse_actuals_csv};
    use crate::model::parse_project;
    use rust_decimal::dec;
    use serde_json::{Value, json as j};

    /// Investment 100 000 in 2010 (120 000 spent); operations 12 000 a year and a
    /// reallocation benefit of 120 000 a year from go-live in January 2011, half of it
    /// to be taken home; in 2011 60 000 of benefit and 30 000 of harvest were reported,
    /// no operations actual. Rate 0, so the NPV is the plain net.
    const TEXT: &str = r#"format = 1
[project]
name = "Bokning"
id = "FRI-2010-3"
organisation = "Fritidsförvaltningen"
start_year = 2010
years = 3
go_live = "2011-01"
[assumptions]
discount_rate = 0
[[costs]]
id = "bygg"
name = "Bygg"
category = "investment"
amounts = { 2010 = 100000 }
actuals = { 2010 = 120000 }
[[costs]]
id = "drift"
name = "Drift"
category = "operations"
annual = 12000
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 120000
actuals = { 2011 = 60000 }
[benefits.realisation]
owner = "Chef"
method = "budget_reduction"
share = 0.5
actuals = { 2011 = 30000 }
"#;

    fn setup(text: &str) -> (Project, Calculation) {
        let parsed = parse_project(text);
        let p = parsed.project.expect("project");
        let c = crate::engine::compute(&p, &crate::model::Scenario::base()).expect("computes");
        (p, c)
    }

    fn run(text: &str, as_of: i32) -> (Project, Calculation, FollowUp, Vec<Diagnostic>) {
        let (p, c) = setup(text);
        let actuals = Actuals::from_project(&p);
        let fu = follow_up(&p, &c, &actuals, as_of);
        let flags = crate::check::followup::flags(&p, &fu, &actuals);
        (p, c, fu, flags)
    }

    /// The Markdown table row whose first cell is `first`, after `caption` (if any).
    fn row(out: &str, caption: &str, first: &str) -> Vec<String> {
        let start = out.find(caption).unwrap_or(0);
        crate::report::markdown::joined_rows(&out[start..])
            .into_iter()
            .find(|cells| cells.first().is_some_and(|c| c == first))
            .unwrap_or_default()
    }

    #[test]
    fn json_follows_the_contract() {
        let (p, c, fu, flags) = run(TEXT, 2011);
        let v: Value = serde_json::from_str(&json(&p, &c, &fu, &flags, Lang::En)).expect("valid JSON");
        assert_eq!(v["format"], 1);
        assert_eq!(v["as_of"], 2011);
        // bygg 2010; drift 2011 (no actual); tid benefit 2011; tid harvest 2011.
        // Years with neither a plan nor an actual are left out.
        assert_eq!(
            v["rows"],
            j!([
                {"comment": null, "line": "bygg", "name": "Bygg", "kind": "cost", "year": 2010, "planned": "100000.00",
                 "actual": "120000.00", "variance": "20000.00", "variance_share": "0.200000"},
                {"comment": null, "line": "drift", "name": "Drift", "kind": "cost", "year": 2011, "planned": "12000.00",
                 "actual": null, "variance": null, "variance_share": null},
                {"comment": null, "line": "tid", "name": "Tid", "kind": "benefit", "year": 2011, "planned": "120000.00",
                 "actual": "60000.00", "variance": "-60000.00", "variance_share": "-0.500000"},
                {"comment": null, "line": "tid", "name": "Tid", "kind": "harvest", "year": 2011, "planned": "60000.00",
                 "actual": "30000.00", "variance": "-30000.00", "variance_share": "-0.500000"},
            ])
        );
        assert_eq!(
            v["totals"],
            j!({"planned_costs": "112000.00", "actual_costs": "120000.00", "planned_benefits": "120000.00",
                "actual_benefits": "60000.00", "planned_harvest": "60000.00", "actual_harvest": "30000.00",
                "realisation_rate": "0.500000", "missing": 1})
        );
        // Re-forecast: 2010 −120 000 (actual); 2011 60 000 − 12 000 (plan for drift);
        // 2012 the plan 120 000 − 12 000. NPV at 0 % = −120 000 + 48 000 + 108 000.
        let r = &v["reforecast"];
        assert_eq!(r["npv"], "36000.00");
        assert_eq!(
            r["years"][1],
            j!({"year": 2011, "costs": "12000.00", "benefits": "60000.00", "net": "48000.00"})
        );
        // Cumulative −120 000 at the end of 2010, −72 000 at the end of 2011, +9 000 a
        // month in 2012: 0 after August 2012, 32 months.
        assert_eq!(r["payback_month"], "2012-08");
        assert_eq!(r["payback_years"], "2.666667");
        // Plan: −100 000 + 108 000 + 108 000; −100 000 + 9 000 a month reaches ≥ 0 in December 2011.
        assert_eq!(
            v["plan"],
            j!({"npv": "116000.00", "payback_month": "2011-12", "payback_years": "2.000000"})
        );
        let codes: Vec<&str> = v["flags"]
            .as_array()
            .map(|a| a.iter().filter_map(|f| f["code"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(codes, ["W202", "W203", "W201"]);
        assert_eq!(v["flags"][0]["severity"], "warning");
        assert!(v["flags"][0]["hint"].is_string());
    }

    #[test]
    fn csv_rows() {
        let (p, _, fu, _) = run(TEXT, 2011);
        let out = csv(&p, &fu, CsvStyle::default());
        let expected = "line,name,kind,year,planned,actual,variance,variance_share,comment\r\n\
                        bygg,Bygg,cost,2010,100000.00,120000.00,20000.00,0.200000,\r\n\
                        drift,Drift,cost,2011,12000.00,,,,\r\n\
                        tid,Tid,benefit,2011,120000.00,60000.00,-60000.00,-0.500000,\r\n\
                        tid,Tid,harvest,2011,60000.00,30000.00,-30000.00,-0.500000,\r\n";
        assert_eq!(out, expected);
        let excel = csv(
            &p,
            &fu,
            CsvStyle {
                excel: true,
                ..Default::default()
            },
        );
        assert!(excel.starts_with("\u{feff}Rad;Namn;Slag;År"), "{excel}");
        // Under the worded heading *Slag*, the kinds are worded too.
        assert!(excel.contains("tid;Tid;hemtagning;2011;60000,00;30000,00;-30000,00;-0,500000;\r\n"));
        assert!(
            excel.contains("bygg;Bygg;kostnad;2010;") && excel.contains("tid;Tid;nytta;2011;"),
            "{excel}"
        );
    }

    #[test]
    fn template_lists_every_line_kind_and_year() {
        let (p, c) = setup(TEXT);
        let out = template(&p, &c, 2011, CsvStyle::default());
        // Costs for every year, 0 plans included; benefit and harvest not before the
        // go-live year 2011 where nothing is planned.
        // Issue 12: the line's name beside its id, and a comment column.
        let expected = "line,name,kind,year,planned,amount,comment\r\n\
                        bygg,Bygg,cost,2010,100000.00,,\r\n\
                        bygg,Bygg,cost,2011,0.00,,\r\n\
                        drift,Drift,cost,2010,0.00,,\r\n\
                        drift,Drift,cost,2011,12000.00,,\r\n\
                        tid,Tid,benefit,2011,120000.00,,\r\n\
                        tid,Tid,harvest,2011,60000.00,,\r\n";
        assert_eq!(out, expected);
        // The horizon ends in 2012; a year before the start gives the header only.
        assert_eq!(
            template(&p, &c, 2030, CsvStyle::default()).lines().count(),
            1 + 3 + 3 + 2 + 2
        );
        assert_eq!(
            template(&p, &c, 2000, CsvStyle::default()),
            "line,name,kind,year,planned,amount,comment\r\n"
        );
    }

    #[test]
    fn filled_in_template_reads_back() {
        let (p, c) = setup(TEXT);
        for style in [
            CsvStyle {
                excel: false,
                ..Default::default()
            },
            CsvStyle {
                excel: true,
                ..Default::default()
            },
        ] {
            let sep = if style.excel { ";" } else { "," };
            let blank = format!("drift{sep}Drift{sep}cost{sep}2011{sep}");
            // Fill in the drift 2011 row's empty amount with 13 500,50.
            let text = template(&p, &c, 2011, style);
            let planned = if style.excel { "12000,00" } else { "12000.00" };
            let row = format!("{blank}{planned}{sep}{sep}\r\n");
            assert!(text.contains(&row), "{text}");
            let amount = if style.excel { "\"13 500,50\"" } else { "13500.50" };
            let filled_row = format!("{blank}{planned}{sep}{amount}{sep}\r\n");
            let text = text.replace(&row, &filled_row);
            let actuals = parse_actuals_csv(&decode_text(text.as_bytes()), &p).expect("reads back");
            assert_eq!(actuals.0.len(), 1, "{text}");
            assert_eq!(actuals.get(&(1, ActualKind::Cost, 2011)), Some(dec!(13500.50)));
        }
    }

    #[test]
    fn swedish_markdown_follow_up() {
        let (p, c, fu, flags) = run(TEXT, 2011);
        let out = markdown(&p, &c, &fu, &flags, Lang::Sv);
        assert!(
            out.starts_with("# Uppföljning: Bokning\n\n- **Diarienummer:** FRI-2010-3\n"),
            "{out}"
        );
        assert!(out.contains("- **Utfall till och med:** 2011\n"), "{out}");
        // One overview: a row per line and kind, a column per year with a row in it.
        let matrix = "### Avvikelser per post och år";
        assert!(out.contains(matrix), "{out}");
        assert_eq!(
            row(&out, matrix, "Bygg"),
            ["Bygg", "kostnad", "+20 000 (+20 %)", "", "+20 000 (+20 %)"]
        );
        assert_eq!(row(&out, matrix, "Drift"), ["Drift", "kostnad", "", "–", "–"]);
        assert_eq!(
            row(&out, matrix, "Tid"),
            ["Tid", "nytta", "", "-60 000 (-50 %)", "-60 000 (-50 %)"]
        );
        // Costs: plan 112 000, of which 100 000 for the item that reported; actual 120 000
        // against that 100 000: the variance reads off the two columns next to it.
        assert_eq!(
            row(&out, "## Summering", "Kostnader"),
            ["Kostnader", "112 000", "100 000", "120 000", "+20 000", "+20 %", "1"]
        );
        assert_eq!(
            row(
                &out,
                "## Summering",
                "Realiseringsgrad (hemtaget / planerad hemtagning)"
            )[1],
            "50 %"
        );
        assert_eq!(
            row(&out, "## Prognos", "Nettonuvärde (NPV)"),
            ["Nettonuvärde (NPV)", "116 000 kr", "36 000 kr", "-80 000 kr"]
        );
        assert_eq!(
            row(&out, "## Prognos", "Återbetalningstid"),
            ["Återbetalningstid", "2011-12 (2,0 år)", "2012-08 (2,7 år)", "+8 mån"]
        );
        assert_eq!(
            row(&out, "### Plan och prognos per år", "2010"),
            ["2010", "100 000", "120 000", "0", "0", "-100 000", "-120 000"]
        );
        // The line as the file shows it, 1-based and by its name, never `benefits[0]`
        // (markdown escapes the brackets).
        assert_eq!(
            row(&out, "## Avvikelser att åtgärda", "W201")[1],
            "\\[\\[benefits\\]\\] nr 1 ”Tid”"
        );
        assert!(!out.contains("Inga avvikelser"), "{out}");
    }

    #[test]
    fn english_table_and_no_flags() {
        // Everything reported as planned: no flags, realisation rate 100 %.
        let text = TEXT
            .replace("actuals = { 2010 = 120000 }", "actuals = { 2010 = 100000 }")
            .replace("annual = 12000\n", "annual = 12000\nactuals = { 2011 = 12000 }\n")
            .replace("actuals = { 2011 = 60000 }", "actuals = { 2011 = 120000 }")
            .replace("actuals = { 2011 = 30000 }", "actuals = { 2011 = 60000 }");
        let (p, c, fu, flags) = run(&text, 2011);
        assert!(flags.is_empty(), "{:?}", flags);
        let out = table(&p, &c, &fu, &flags, Lang::En);
        assert!(out.starts_with("Follow-up: Bokning\n"), "{out}");
        assert!(out.contains("Actuals up to and including: 2011"), "{out}");
        assert!(out.contains("Deviations per line and year"), "{out}");
        let rate = out.lines().find(|l| l.contains("Realisation rate")).unwrap_or("");
        assert!(rate.contains("100%"), "{out}");
        assert!(out.trim_end().ends_with("No flags."), "{out}");
        let json: Value = serde_json::from_str(&json(&p, &c, &fu, &flags, Lang::En)).expect("JSON");
        assert_eq!(json["totals"]["missing"], 0);
        assert_eq!(json["flags"], j!([]));
    }

    #[test]
    fn empty_project_does_not_panic() {
        let (p, c, fu, flags) = run(
            "format = 1\n[project]\nname = \"Tom\"\norganisation = \"Kommunen\"\nstart_year = 2020\nyears = 1\n",
            2020,
        );
        assert!(fu.rows.is_empty());
        let v: Value = serde_json::from_str(&json(&p, &c, &fu, &flags, Lang::En)).expect("JSON");
        assert_eq!(v["rows"], j!([]));
        assert_eq!(v["totals"]["realisation_rate"], Value::Null);
        assert_eq!(v["totals"]["planned_costs"], "0.00");
        assert_eq!(csv(&p, &fu, CsvStyle::default()).lines().count(), 1);
        assert_eq!(template(&p, &c, 2020, CsvStyle::default()).lines().count(), 1);
        for lang in [Lang::Sv, Lang::En] {
            let out = markdown(&p, &c, &fu, &flags, lang);
            assert!(
                out.contains(lang.pick("Inget planerat belopp", "Nothing planned")),
                "{out}"
            );
            assert!(!table(&p, &c, &fu, &flags, lang).is_empty());
        }
    }

    #[test]
    fn overdue_flag_is_shown_without_a_place() {
        let text = TEXT
            .replace("actuals = { 2011 = 60000 }\n", "")
            .replace("actuals = { 2011 = 30000 }\n", "");
        let (p, c, fu, flags) = run(&text, 2012);
        assert!(flags.iter().any(|d| d.code == Code::W204));
        let out = markdown(&p, &c, &fu, &flags, Lang::Sv);
        assert_eq!(row(&out, "## Avvikelser att åtgärda", "W204")[1], "–");
    }
}
