//! The charts' builder: which charts a report, a follow-up and a portfolio show, from
//! the engine's figures ([`Calculation`], [`Realism`], the follow-up), with words from
//! the label catalogue and numbers from [`crate::fmt`]. Nothing here draws.

use crate::engine::Calculation;
use crate::engine::followup::FollowUp;
use crate::engine::realism::Realism;
use crate::fmt::{Lang, currency_unit, factor, kronor, number};
use crate::model::actuals::ActualKind;
use crate::model::{Category, Project};
use crate::report::chart::{Chart, Plot, Series, Tone, one_line};
use crate::report::document::{Grid, MISSING, left, right, wrapped};
use crate::report::labels::Label as L;
use rust_decimal::Decimal;

/// Bins of the Monte Carlo histogram.
const HISTOGRAM_BINS: usize = 30;

/// Builds the charts of one calculation.
pub struct Charts<'a> {
    p: &'a Project,
    c: &'a Calculation,
    lang: Lang,
}

impl<'a> Charts<'a> {
    /// The charts of `c`, a calculation of `p`, in `lang`.
    pub fn new(p: &'a Project, c: &'a Calculation, lang: Lang) -> Self {
        Charts { p, c, lang }
    }

    fn t(&self, label: L) -> String {
        one_line(label.text(self.lang))
    }

    fn kr(&self, d: Decimal) -> String {
        kronor(d, self.lang)
    }

    fn money_axis(&self) -> String {
        format!("{} ({})", self.t(L::AmountIn), currency_unit(&self.p.currency))
    }

    fn npv_axis(&self) -> String {
        format!("{} ({})", self.t(L::Npv2), currency_unit(&self.p.currency))
    }

    fn years(&self) -> Vec<String> {
        self.c.years.iter().map(|y| y.year.to_string()).collect()
    }

    fn chart(
        &self,
        id: &'static str,
        title: L,
        description: L,
        (x, y): (String, String),
        plot: Plot,
        table: Grid,
    ) -> Chart {
        Chart {
            id,
            title: self.t(title),
            description: self.t(description),
            x_label: x,
            y_label: y,
            plot,
            table,
            lang: self.lang,
        }
    }

    /// Costs (stacked by category, below zero) and benefits (stacked by class, above
    /// zero) per year, with the net as a line.
    pub fn costs_and_benefits(&self) -> Chart {
        let years = &self.c.years;
        let series = |label: L, tone: Tone, f: &dyn Fn(&crate::engine::YearFigures) -> Decimal| Series {
            name: self.t(label),
            values: years.iter().map(|y| Some(f(y))).collect(),
            tone,
        };
        let bars = vec![
            series(L::FinancialBenefits, Tone::Financial, &|y| y.financial_benefits),
            series(L::ReallocationBenefits, Tone::Reallocation, &|y| {
                y.reallocation_benefits
            }),
            series(L::Investment2, Tone::Investment, &|y| {
                -y.costs[Category::Investment.index()]
            }),
            series(L::Operations3, Tone::Operations, &|y| {
                -y.costs[Category::Operations.index()]
            }),
            series(L::OtherCosts, Tone::OtherCost, &|y| -y.costs[Category::Other.index()]),
        ];
        let line = series(L::NetPlain, Tone::Net, &|y| y.net());
        let mut table = Grid::new(vec![
            left(&self.t(L::Year2)),
            right(&self.t(L::TotalCostsPlain)),
            right(&self.t(L::TotalBenefitsPlain)),
            right(&self.t(L::NetPlain)),
        ]);
        // As the year-by-year table shows them, adding up.
        let sh = super::report::years_shown(self.c);
        let net = crate::fmt::difference(&sh.benefits.columns, &sh.costs.columns);
        for (i, y) in years.iter().enumerate() {
            table.row(vec![
                y.year.to_string(),
                self.kr(sh.costs.columns[i]),
                self.kr(sh.benefits.columns[i]),
                self.kr(net[i]),
            ]);
        }
        table.total(vec![
            self.t(L::Total),
            self.kr(sh.costs.total),
            self.kr(sh.benefits.total),
            self.kr(crate::fmt::difference(&[sh.benefits.total], &[sh.costs.total])[0]),
        ]);
        self.chart(
            "costs-benefits",
            L::ChartCostsAndBenefitsPerYear,
            L::ChartCostsAndBenefitsPerYearDesc,
            (self.t(L::Year2), self.money_axis()),
            Plot::Columns {
                categories: self.years(),
                bars,
                stacked: true,
                line: Some(line),
            },
            table,
        )
    }

    /// The cumulative net year by year, with the payback month marked.
    pub fn cumulative_net(&self) -> Chart {
        let s = &self.c.summary;
        let payback = s.payback_month.map(|m| (m, format!("{} {m}", self.t(L::PaidBack))));
        let mut table = Grid::new(vec![left(&self.t(L::Year2)), right(&self.t(L::CumulativeNetPlain))]);
        // The running sum of the nets as shown, as in the year-by-year table.
        let sh = super::report::years_shown(self.c);
        let cumulative = crate::fmt::running(&crate::fmt::difference(&sh.benefits.columns, &sh.costs.columns));
        for (y, c) in self.c.years.iter().zip(&cumulative) {
            table.row(vec![y.year.to_string(), self.kr(*c)]);
        }
        table.total(vec![
            self.t(L::Payback),
            match (s.payback_month, s.payback_years) {
                (Some(m), Some(y)) => format!("{m} ({})", crate::fmt::years(y, self.lang)),
                (Some(m), None) => m.to_string(),
                _ => MISSING.to_string(),
            },
        ]);
        self.chart(
            "cumulative",
            L::ChartCumulativeNet,
            if payback.is_some() {
                L::ChartCumulativeNetDesc
            } else {
                L::ChartCumulativeNetNoPaybackDesc
            },
            (self.t(L::Year2), self.money_axis()),
            Plot::Cumulative {
                start_year: self.p.start_year,
                points: self.c.years.iter().map(|y| (y.year, y.cumulative_net)).collect(),
                // The engine's monthly series (the year ends' dots stay); none if it
                // overflows, which the yearly figures would have shown already.
                monthly: crate::engine::monthly_cumulative_net(self.p, &self.c.scenario).unwrap_or_default(),
                payback,
            },
            table,
        )
    }

    /// Monetised benefit and planned harvest per year, side by side.
    pub fn harvest(&self) -> Option<Chart> {
        if self.c.summary.planned_harvest.is_zero() {
            return None;
        }
        let years = &self.c.years;
        let bars = vec![
            Series {
                name: self.t(L::MonetisedBenefits),
                values: years.iter().map(|y| Some(y.total_benefits())).collect(),
                tone: Tone::Benefit,
            },
            Series {
                name: self.t(L::PlannedHarvest),
                values: years.iter().map(|y| Some(y.planned_harvest)).collect(),
                tone: Tone::Harvest,
            },
        ];
        let mut table = Grid::new(vec![
            left(&self.t(L::Year2)),
            right(&self.t(L::MonetisedBenefits)),
            right(&self.t(L::PlannedHarvest)),
        ]);
        let sh = super::report::years_shown(self.c);
        for (i, y) in years.iter().enumerate() {
            table.row(vec![
                y.year.to_string(),
                self.kr(sh.benefits.columns[i]),
                self.kr(sh.harvest[i]),
            ]);
        }
        table.total(vec![
            self.t(L::Total),
            self.kr(sh.benefits.total),
            self.kr(sh.harvest_total),
        ]);
        Some(self.chart(
            "harvest",
            L::ChartHarvestAgainstBenefit,
            L::ChartHarvestAgainstBenefitDesc,
            (self.t(L::Year2), self.money_axis()),
            Plot::Columns {
                categories: self.years(),
                bars,
                stacked: false,
                line: None,
            },
            table,
        ))
    }

    /// The besparingskrav each stakeholder carries: the planned harvest taken out of its
    /// budget (budget reduction), not time redeployed or other ways of taking it home.
    pub fn savings_demand(&self) -> Option<Chart> {
        let carrying: Vec<_> = self
            .c
            .stakeholders
            .iter()
            .filter(|s| !s.savings_demand().is_zero())
            .collect();
        if carrying.is_empty() {
            return None;
        }
        let mut table = Grid::new(vec![
            wrapped(&self.t(L::Stakeholder), 36),
            right(&self.t(L::SavingsDemandTotal)),
        ]);
        for s in &carrying {
            table.row(vec![s.name.clone(), self.kr(s.savings_demand())]);
        }
        Some(self.chart(
            "savings-demand",
            L::ChartSavingsDemandPerStakeholder,
            L::ChartSavingsDemandPerStakeholderDesc,
            (self.money_axis(), self.t(L::Stakeholder)),
            Plot::Bars {
                names: carrying.iter().map(|s| s.name.clone()).collect(),
                series: Series {
                    name: self.t(L::SavingsDemandTotal),
                    values: carrying.iter().map(|s| Some(s.savings_demand())).collect(),
                    tone: Tone::Harvest,
                },
            },
            table,
        ))
    }

    /// NPV per stakeholder: who pays and who gains.
    pub fn npv_per_stakeholder(&self) -> Option<Chart> {
        let st = &self.c.stakeholders;
        if st.is_empty() {
            return None;
        }
        let mut table = Grid::new(vec![wrapped(&self.t(L::Stakeholder), 36), right(&self.t(L::Npv2))]);
        for s in st {
            table.row(vec![s.name.clone(), self.kr(s.npv)]);
        }
        Some(self.chart(
            "npv-stakeholder",
            L::ChartNpvPerStakeholder,
            L::ChartNpvPerStakeholderDesc,
            (self.npv_axis(), self.t(L::Stakeholder)),
            Plot::Bars {
                names: st.iter().map(|s| s.name.clone()).collect(),
                series: Series {
                    name: self.t(L::Npv2),
                    values: st.iter().map(|s| Some(s.npv)).collect(),
                    tone: Tone::Signed,
                },
            },
            table,
        ))
    }

    /// The tornado of the ranged lines.
    pub fn tornado(&self) -> Option<Chart> {
        let range = self.c.range(self.p);
        if range.lines.is_empty() {
            return None;
        }
        let lines: Vec<_> = self.p.lines().collect();
        let names: Vec<String> = range
            .lines
            .iter()
            .map(|r| lines.get(r.index).map_or(MISSING.to_string(), |l| l.name.clone()))
            .collect();
        let mut table = Grid::new(vec![
            wrapped(&self.t(L::Line), 36),
            right(&self.t(L::LowFactorPlain)),
            right(&self.t(L::HighFactorPlain)),
            right(&self.t(L::NpvAtLowFactorPlain)),
            right(&self.t(L::NpvAtHighFactorPlain)),
        ]);
        for (r, name) in range.lines.iter().zip(&names) {
            table.row(vec![
                name.clone(),
                factor(r.low_factor, 2, self.lang),
                factor(r.high_factor, 2, self.lang),
                self.kr(r.npv_low),
                self.kr(r.npv_high),
            ]);
        }
        Some(self.chart(
            "tornado",
            L::RangePerLineTornado,
            L::ChartTornadoDesc,
            (self.npv_axis(), self.t(L::Line)),
            Plot::Tornado {
                names,
                low: range.lines.iter().map(|r| r.npv_low).collect(),
                high: range.lines.iter().map(|r| r.npv_high).collect(),
                low_name: self.t(L::WorseThanPlanned),
                high_name: self.t(L::BetterThanPlanned),
                base: self.c.summary.npv,
                base_name: self.t(L::NpvAsPlanned),
            },
            table,
        ))
    }

    /// The Monte Carlo distribution of the NPV.
    pub fn monte_carlo(&self, realism: &Realism) -> Option<Chart> {
        let m = realism.monte_carlo.as_ref()?;
        let bins = m.histogram(HISTOGRAM_BINS);
        let mut table = Grid::new(vec![
            right(&self.t(L::From)),
            right(&self.t(L::To)),
            right(&self.t(L::Draws)),
        ]);
        for b in &bins {
            table.row(vec![self.kr(b.from), self.kr(b.to), b.count.to_string()]);
        }
        table.total(vec![
            self.t(L::Total),
            String::new(),
            number(Decimal::from(m.draws), 0, self.lang),
        ]);
        Some(self.chart(
            "monte-carlo",
            L::ChartMonteCarlo,
            L::ChartMonteCarloDesc,
            (self.npv_axis(), self.t(L::NumberOfDraws)),
            Plot::Histogram {
                bins: bins.iter().map(|b| (b.from, b.to, b.count)).collect(),
                markers: vec![
                    (m.p10, "P10".to_string()),
                    (m.p50, self.t(L::Median)),
                    (m.p90, "P90".to_string()),
                ],
            },
            table,
        ))
    }
}

/// Planned against actual cost and harvest per year, for the follow-up.
pub fn follow_up(p: &Project, fu: &FollowUp, lang: Lang) -> Chart {
    let t = |label: L| one_line(label.text(lang));
    // The years followed up: from the start to the follow-up year.
    let years: Vec<i32> = (p.start_year..p.end_year().min(fu.as_of.saturating_add(1))).collect();
    // Per year and kind: planned, and actual when any row of that year has one. Like is
    // compared with like: where some rows of a year have no actual, the plan shown is
    // the plan of the rows that have one (a missing report is not an underspend); a
    // year with no actual at all shows its whole plan.
    let sums = |kind: ActualKind| -> Vec<(Decimal, Option<Decimal>)> {
        years
            .iter()
            .map(|&year| {
                let rows = fu.rows.iter().filter(|r| r.kind == kind && r.year == year);
                let s = crate::engine::followup::Sums::of(rows);
                if s.reported > 0 {
                    (s.planned_reported, Some(s.actual))
                } else {
                    (s.planned, None)
                }
            })
            .collect()
    };
    let (cost, harvest) = (sums(ActualKind::Cost), sums(ActualKind::Harvest));
    let series = |label: L, tone: Tone, values: Vec<Option<Decimal>>| Series {
        name: t(label),
        values,
        tone,
    };
    let bars = vec![
        series(
            L::CostPlanned,
            Tone::CostPlanned,
            cost.iter().map(|c| Some(c.0)).collect(),
        ),
        series(L::CostActual, Tone::CostActual, cost.iter().map(|c| c.1).collect()),
        series(
            L::HarvestPlanned,
            Tone::HarvestPlanned,
            harvest.iter().map(|h| Some(h.0)).collect(),
        ),
        series(
            L::HarvestActual,
            Tone::HarvestActual,
            harvest.iter().map(|h| h.1).collect(),
        ),
    ];
    let mut table = Grid::new(vec![
        left(&t(L::Year2)),
        right(&t(L::CostPlanned)),
        right(&t(L::CostActual)),
        right(&t(L::HarvestPlanned)),
        right(&t(L::HarvestActual)),
    ]);
    let opt = |v: Option<Decimal>| v.map_or_else(|| MISSING.to_string(), |v| kronor(v, lang));
    for (i, year) in years.iter().enumerate() {
        table.row(vec![
            year.to_string(),
            kronor(cost[i].0, lang),
            opt(cost[i].1),
            kronor(harvest[i].0, lang),
            opt(harvest[i].1),
        ]);
    }
    Chart {
        id: "follow-up",
        title: t(L::ChartPlannedAgainstActual),
        description: t(L::ChartPlannedAgainstActualDesc),
        x_label: t(L::Year2),
        y_label: format!("{} ({})", t(L::AmountIn), currency_unit(&p.currency)),
        plot: Plot::Columns {
            categories: years.iter().map(|y| y.to_string()).collect(),
            bars,
            stacked: false,
            line: None,
        },
        table,
        lang,
    }
}

/// NPV per project for the batch portfolio (the rows in the table's order).
pub fn npv_per_project(names: Vec<String>, npvs: Vec<Decimal>, lang: Lang) -> Chart {
    let t = |label: L| one_line(label.text(lang));
    let mut table = Grid::new(vec![wrapped(&t(L::Name), 36), right(&t(L::Npv2))]);
    for (n, v) in names.iter().zip(&npvs) {
        table.row(vec![n.clone(), kronor(*v, lang)]);
    }
    Chart {
        id: "npv-project",
        title: t(L::ChartNpvPerProject),
        description: t(L::ChartNpvPerProjectDesc),
        x_label: format!("{} (kr)", t(L::Npv2)),
        y_label: t(L::Projects),
        plot: Plot::Bars {
            names,
            series: Series {
                name: t(L::Npv2),
                values: npvs.into_iter().map(Some).collect(),
                tone: Tone::Signed,
            },
        },
        table,
        lang,
    }
}
