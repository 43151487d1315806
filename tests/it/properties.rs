//! Property tests: invariants that must hold for any valid project.

use nytta::engine::{Calculation, compute};
use nytta::model::{Line, Project, Scenario, ValueSource, parse_project};
use nytta::report::{Lang, ReportInput, json};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[derive(Debug, Clone)]
enum Form {
    Amounts(Vec<(u32, i64)>),
    Annual(u32),
    Hours(Vec<(u32, u32)>),
    AnnualHours(u32),
    Minutes {
        volume: u32,
        minutes: u32,
        adoption: Vec<(u32, u32)>,
    },
    Unit {
        volume: u32,
        ore: u32,
    },
}

#[derive(Debug, Clone)]
struct GenLine {
    cost: bool,
    kind: usize,
    form: Form,
    growth_pct: u32,
    split: Option<u32>,
    harvest: Option<(u32, u32)>,
    from_offset: Option<u32>,
}

#[derive(Debug, Clone)]
struct GenProject {
    start_year: i32,
    years: u32,
    go_live_offset: u32,
    rate_permille: u32,
    lines: Vec<GenLine>,
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        prop::collection::vec((0u32..8, -200_000i64..5_000_000), 1..3).prop_map(Form::Amounts),
        (1u32..2_000_000).prop_map(Form::Annual),
        prop::collection::vec((0u32..8, 1u32..5000), 1..3).prop_map(Form::Hours),
        (1u32..10_000).prop_map(Form::AnnualHours),
        (
            1u32..100_000,
            1u32..90,
            prop::collection::vec((0u32..8, 0u32..=100), 0..3)
        )
            .prop_map(|(volume, minutes, adoption)| Form::Minutes {
                volume,
                minutes,
                adoption
            }),
        (1u32..100_000, 1u32..10_000).prop_map(|(volume, ore)| Form::Unit { volume, ore }),
    ]
}

fn line() -> impl Strategy<Value = GenLine> {
    (
        any::<bool>(),
        0usize..3,
        form(),
        0u32..15,
        prop::option::of(1u32..100),
        prop::option::of((0u32..=100, 0u32..24)),
        prop::option::of(0u32..96),
    )
        .prop_map(|(cost, kind, form, growth_pct, split, harvest, from_offset)| GenLine {
            cost,
            kind,
            form,
            growth_pct,
            split,
            harvest,
            from_offset,
        })
}

fn project() -> impl Strategy<Value = GenProject> {
    (
        2015i32..2035,
        1u32..8,
        0u32..96,
        0u32..150,
        prop::collection::vec(line(), 0..8),
    )
        .prop_map(|(start_year, years, go_live_offset, rate_permille, lines)| GenProject {
            start_year,
            years,
            go_live_offset: go_live_offset % (years * 12),
            rate_permille,
            lines,
        })
}

fn month(start_year: i32, offset: u32) -> String {
    format!("{}-{:02}", start_year + (offset / 12) as i32, offset % 12 + 1)
}

impl GenProject {
    fn toml(&self) -> String {
        let y = |offset: u32| self.start_year + (offset % self.years) as i32;
        let mut out = format!(
            "format = 1\n[project]\nname = \"P\"\norganisation = \"O\"\nstart_year = {}\nyears = {}\ngo_live = \"{}\"\n\
             [assumptions]\ndiscount_rate = \"{},{} %\"\nhourly_cost = 450\noverhead = \"40,15 %\"\n\
             [[stakeholders]]\nid = \"a\"\nname = \"A\"\n[[stakeholders]]\nid = \"b\"\nname = \"B\"\n",
            self.start_year,
            self.years,
            month(self.start_year, self.go_live_offset),
            self.rate_permille / 10,
            self.rate_permille % 10
        );
        for (i, l) in self.lines.iter().enumerate() {
            if l.cost {
                out += &format!(
                    "[[costs]]\nid = \"l{i}\"\nname = \"L{i}\"\ncategory = \"{}\"\n",
                    ["investment", "operations", "other"][l.kind]
                );
            } else {
                out += &format!(
                    "[[benefits]]\nid = \"l{i}\"\nname = \"L{i}\"\nclass = \"{}\"\n",
                    ["financial", "reallocation", "financial"][l.kind]
                );
                out += &format!("confidence = \"{}\"\n", ["high", "medium", "low"][l.kind]);
            }
            if let Some(s) = l.split {
                out += &format!("stakeholder = {{ a = \"{s} %\", b = \"{} %\" }}\n", 100 - s);
            }
            let periodic = |out: &mut String| {
                *out += &format!("growth = \"{} %\"\n", l.growth_pct);
                if let Some(f) = l.from_offset {
                    *out += &format!("from = \"{}\"\n", month(self.start_year, f % (self.years * 12)));
                }
            };
            match &l.form {
                Form::Amounts(a) => {
                    // Keys must be unique: keep the first per year.
                    let mut seen = std::collections::BTreeMap::new();
                    for (o, v) in a {
                        seen.entry(y(*o)).or_insert(*v);
                    }
                    out += &format!(
                        "amounts = {{ {} }}\n",
                        seen.iter()
                            .map(|(k, v)| format!("{k} = {v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                Form::Hours(h) => {
                    let mut seen = std::collections::BTreeMap::new();
                    for (o, v) in h {
                        seen.entry(y(*o)).or_insert(*v);
                    }
                    out += &format!(
                        "hours = {{ {} }}\n",
                        seen.iter()
                            .map(|(k, v)| format!("{k} = {v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                Form::Annual(a) => {
                    out += &format!("annual = {a}\n");
                    periodic(&mut out);
                }
                Form::AnnualHours(h) => {
                    out += &format!("annual_hours = {h}\n");
                    periodic(&mut out);
                }
                Form::Minutes {
                    volume,
                    minutes,
                    adoption,
                } => {
                    out += &format!("volume = {volume}\nminutes_saved = {minutes}\n");
                    if !adoption.is_empty() {
                        let mut seen = std::collections::BTreeMap::new();
                        for (o, v) in adoption {
                            seen.entry(y(*o)).or_insert(*v);
                        }
                        out += &format!(
                            "adoption = {{ {} }}\n",
                            seen.iter()
                                .map(|(k, v)| format!("{k} = \"{v} %\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                    }
                    periodic(&mut out);
                }
                Form::Unit { volume, ore } => {
                    out += &format!("volume = {volume}\nunit_saving = \"{},{:02}\"\n", ore / 100, ore % 100);
                    periodic(&mut out);
                }
            }
            if !l.cost
                && let Some((share, lag)) = l.harvest
            {
                out +=
                    &format!("[benefits.realisation]\nowner = \"Chef\"\nshare = \"{share} %\"\nlag_months = {lag}\n");
            }
        }
        out
    }
}

fn parse(text: &str) -> Project {
    let parsed = parse_project(text);
    assert!(parsed.diagnostics.is_empty(), "{text}\n{:#?}", parsed.diagnostics);
    parsed.project.unwrap()
}

fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 8)
}

fn base(p: &Project) -> Calculation {
    compute(p, &Scenario::base()).unwrap()
}

/// Multiply a line's money by `f`.
fn scale_line(line: &mut Line, f: Decimal) {
    match line.value.as_mut().unwrap() {
        ValueSource::Amounts(m) | ValueSource::Hours(m) => {
            m.years.values_mut().chain(m.months.values_mut()).for_each(|v| *v *= f)
        }
        ValueSource::Annual(a) | ValueSource::AnnualHours(a) => *a *= f,
        ValueSource::Volume { volume, .. } => *volume *= f,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn npv_at_rate_zero_is_the_undiscounted_net(g in project()) {
        let p = parse(&g.toml());
        let zero = Scenario { discount_rate: Some(Decimal::ZERO), ..Scenario::base() };
        let c = compute(&p, &zero).unwrap();
        let net: Decimal = c.years.iter().map(|y| y.net()).sum();
        prop_assert!(close(c.summary.npv, net), "{} vs {}", c.summary.npv, net);
        prop_assert!(close(c.summary.npv, c.summary.net()));
    }

    #[test]
    fn years_add_up_to_the_totals(g in project()) {
        let c = base(&parse(&g.toml()));
        let s = &c.summary;
        prop_assert!(close(c.years.iter().map(|y| y.total_costs()).sum(), s.total_costs()));
        prop_assert!(close(c.years.iter().map(|y| y.total_benefits()).sum(), s.total_benefits()));
        prop_assert!(close(c.years.iter().map(|y| y.planned_harvest).sum(), s.planned_harvest));
        if let Some(last) = c.years.last() {
            prop_assert!(close(last.cumulative_net, s.net()));
        }
        let lines_total: Decimal = c.lines.iter().map(|l| l.total).sum::<Decimal>();
        let costs_total: Decimal = c.lines.iter().filter(|l| p_is_cost(&g, l.index)).map(|l| l.total).sum();
        prop_assert!(close(lines_total - costs_total, s.total_benefits()));
        prop_assert!(close(costs_total, s.total_costs()));
    }

    #[test]
    fn stakeholders_add_up_to_the_totals(g in project()) {
        let c = base(&parse(&g.toml()));
        let s = &c.summary;
        let sum = |f: &dyn Fn(&nytta::engine::StakeholderFigures) -> Decimal| c.stakeholders.iter().map(f).sum::<Decimal>();
        prop_assert!(close(sum(&|x| x.costs()), s.total_costs()));
        prop_assert!(close(sum(&|x| x.benefits()), s.total_benefits()));
        prop_assert!(close(sum(&|x| x.planned_harvest()), s.planned_harvest));
        prop_assert!(close(sum(&|x| x.npv), s.npv));
    }

    #[test]
    fn a_line_scaled_by_its_switching_factor_gives_npv_zero(g in project()) {
        let p = parse(&g.toml());
        let c = base(&p);
        let n_costs = p.costs.len();
        for f in &c.lines {
            let Some(factor) = c.switching_factor(&p, f) else { continue };
            if factor.is_sign_negative() || factor > Decimal::from(1_000_000) {
                continue; // not a meaningful scaling of the inputs (negative volumes are rejected)
            }
            let mut q = p.clone();
            let line = if f.index < n_costs { &mut q.costs[f.index] } else { &mut q.benefits[f.index - n_costs] };
            scale_line(line, factor);
            let npv = base(&q).summary.npv;
            prop_assert!(npv.abs() < Decimal::new(1, 4), "line {} factor {factor}: npv {npv}", f.index);
        }
    }

    /// The lighter calculation the rules get for a written scenario finds what the full
    /// one finds, word for word, under scenarios that scale, delay and re-discount.
    #[test]
    fn rules_find_the_same_in_the_lighter_calculation(g in project(), cost in 50u32..200, benefit in 20u32..150, delay in 0u32..30) {
        let p = parse(&g.toml());
        let scenario = Scenario {
            name: "prov".into(),
            cost_factor: Decimal::new(cost.into(), 2),
            benefit_factor: Decimal::new(benefit.into(), 2),
            delay_months: delay,
            discount_rate: Some(Decimal::new(7, 2)),
            ..Scenario::base()
        };
        for s in [Scenario::base(), scenario] {
            let full = nytta::check::check(&p, &compute(&p, &s).unwrap());
            let light = nytta::check::check(&p, &nytta::engine::compute_for_checks(&p, &s).unwrap());
            prop_assert_eq!(format!("{full:?}"), format!("{light:?}"));
        }
    }

    #[test]
    fn output_is_identical_across_runs(g in project()) {
        let text = g.toml();
        let render = || {
            let p = parse(&text);
            let c = base(&p);
            json::render(&ReportInput { project: &p, calc: &c, findings: &[], realism: None, lang: Lang::Sv })
        };
        prop_assert_eq!(render(), render());
    }
}

/// Every table of the report adds up on its face, in whole kronor as shown
/// (docs/method.md, "Rounding"): years to their total, rows to the total row, and the
/// sums and differences between columns and rows that a reader checks.
mod tables_add_up {
    use super::*;
    use nytta::report::builder::report::build_with_charts;
    use nytta::report::document::{Block, Grid};
    use nytta::report::labels::Label;

    /// A whole-krona cell as shown (`-1 234`), or `None` for text and empty cells.
    fn kr(cell: &str) -> Option<i128> {
        let plain: String = cell.chars().filter(|c| *c != ' ').collect();
        if plain.is_empty() || !plain.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        plain.parse().ok()
    }

    fn col(g: &Grid, header: &str) -> Option<usize> {
        g.columns
            .iter()
            .position(|c| c.header.replace("-\n", "").replace('\n', " ") == header)
    }

    fn label(l: Label) -> String {
        l.text(Lang::Sv).replace("-\n", "").replace('\n', " ")
    }

    /// Years add up to the Total column; rows add up to the Total row.
    fn check(g: &Grid) -> Result<(), String> {
        let total = label(Label::Total);
        let years: Vec<usize> = (0..g.columns.len())
            .filter(|&i| g.columns[i].header.len() == 4 && g.columns[i].header.parse::<i32>().is_ok())
            .collect();
        if let (Some(t), false) = (col(g, &total), years.is_empty()) {
            for r in &g.rows {
                let Some(shown) = kr(&r.cells[t]) else { continue };
                if years.iter().all(|&i| r.cells[i].is_empty()) {
                    continue; // a figure of the whole period only (NPV)
                }
                let sum: i128 = years.iter().filter_map(|&i| kr(&r.cells[i])).sum();
                if sum != shown {
                    return Err(format!("{:?}: years {sum} against total {shown}", r.cells));
                }
            }
        }
        // The row named Total adds up the rows that are not totals above it.
        if let Some(at) = g.rows.iter().position(|r| r.total && r.cells[0] == total) {
            for c in 1..g.columns.len() {
                let Some(shown) = kr(&g.rows[at].cells[c]) else {
                    continue;
                };
                let sum: i128 = g.rows[..at]
                    .iter()
                    .filter(|r| !r.total)
                    .filter_map(|r| kr(&r.cells[c]))
                    .sum();
                if sum != shown {
                    return Err(format!("column {c} of {:?}: {sum} against total {shown}", g.caption));
                }
            }
        }
        // Financial + reallocation = benefits; benefits − costs = net (stakeholder tables).
        let (fin, realloc, benefits, costs, net) = (
            col(g, &label(Label::FinancialBenefits2)),
            col(g, &label(Label::ReallocationBenefits2)),
            col(g, &label(Label::TotalBenefits2)),
            col(g, &label(Label::Costs2)),
            col(g, &label(Label::Net)),
        );
        if let (Some(f), Some(r), Some(b), Some(c), Some(n)) = (fin, realloc, benefits, costs, net) {
            for row in &g.rows {
                let v = |i: usize| kr(&row.cells[i]);
                if let (Some(f), Some(r), Some(b), Some(c), Some(n)) = (v(f), v(r), v(b), v(c), v(n))
                    && (f + r != b || b - c != n)
                {
                    return Err(format!("{:?}: does not add up across", row.cells));
                }
            }
        }
        Ok(())
    }

    /// The year-by-year table: costs and benefits add up per year, net is their
    /// difference, and the cumulative net its running sum.
    fn check_years(g: &Grid) -> Result<(), String> {
        let row = |l: Label| {
            g.rows
                .iter()
                .find(|r| r.cells[0] == label(l))
                .map(|r| r.cells.iter().map(|c| kr(c)).collect::<Vec<_>>())
        };
        let (inv, ops, other, costs) = (
            row(Label::Investment2),
            row(Label::Operations4),
            row(Label::OtherCosts2),
            row(Label::TotalCosts2),
        );
        let (fin, realloc, benefits, net, cum) = (
            row(Label::FinancialBenefits2),
            row(Label::ReallocationBenefits2),
            row(Label::TotalBenefits2),
            row(Label::Net),
            row(Label::CumulativeNet),
        );
        let [
            Some(inv),
            Some(ops),
            Some(other),
            Some(costs),
            Some(fin),
            Some(realloc),
            Some(benefits),
            Some(net),
            Some(cum),
        ] = [inv, ops, other, costs, fin, realloc, benefits, net, cum]
        else {
            return Err("a row is missing".into());
        };
        let mut running = 0;
        for i in 1..g.columns.len() {
            let v = |r: &Vec<Option<i128>>| r[i].unwrap_or(0);
            if v(&inv) + v(&ops) + v(&other) != v(&costs)
                || v(&fin) + v(&realloc) != v(&benefits)
                || v(&benefits) - v(&costs) != v(&net)
            {
                return Err(format!("column {i} does not add up"));
            }
            if let Some(c) = cum[i] {
                running += v(&net);
                if c != running {
                    return Err(format!("cumulative net {c} against {running}"));
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_table_adds_up_as_shown(g in project()) {
            let p = parse(&g.toml());
            let c = base(&p);
            // With charts (HTML): their data tables add up too.
            let doc = build_with_charts(&ReportInput { project: &p, calc: &c, findings: &[], realism: None, lang: Lang::Sv });
            for chapter in &doc.chapters {
                for block in &chapter.blocks {
                    let grid = match block {
                        Block::Grid(grid) => grid,
                        Block::Chart(chart) => &chart.table,
                        Block::Text(_) => continue,
                    };
                    if let Err(e) = check(grid) {
                        prop_assert!(false, "{}: {e}\n{}", chapter.heading, g.toml());
                    }
                    if chapter.heading == label(Label::YearByYear)
                        && let Err(e) = check_years(grid)
                    {
                        prop_assert!(false, "{}: {e}", chapter.heading);
                    }
                }
            }
        }
    }
}

fn p_is_cost(g: &GenProject, index: usize) -> bool {
    let n_costs = g.lines.iter().filter(|l| l.cost).count();
    index < n_costs
}

mod follow_up {
    use super::*;
    use nytta::engine::followup::follow_up;
    use nytta::model::actuals::{ActualKind, Actuals};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// For any project and any actuals: variance = actual − planned on every row, and
        /// a harvest actual between 0 and its plan gives a realisation rate in [0, 1]
        /// (when no planned harvest is a refund).
        #[test]
        fn variance_and_realisation_rate(g in project(), permille in prop::collection::vec(0u32..=1000, 64), as_of_offset in 0u32..8) {
            let p = parse(&g.toml());
            let c = base(&p);
            let mut actuals = Actuals::default();
            let mut k = 0;
            for f in &c.lines {
                let kind = if f.index < p.costs.len() { ActualKind::Cost } else { ActualKind::Benefit };
                for (series, kind) in [(Some(&f.by_year), kind), (f.harvest_by_year.as_ref(), ActualKind::Harvest)] {
                    let Some(series) = series else { continue };
                    for (y, planned) in series.iter().enumerate() {
                        let share = Decimal::from(permille[k % permille.len()]) / Decimal::ONE_THOUSAND;
                        k += 1;
                        if permille[k % permille.len()] % 3 != 0 {
                            actuals.0.insert((f.index, kind, p.start_year + y as i32), *planned * share);
                        }
                    }
                }
            }
            let as_of = p.start_year + (as_of_offset % p.years) as i32;
            let fu = follow_up(&p, &c, &actuals, as_of);
            for row in &fu.rows {
                prop_assert!(row.year <= as_of);
                match row.actual {
                    Some(a) => prop_assert_eq!(row.variance(), Some(a - row.planned)),
                    None => prop_assert_eq!(row.variance(), None),
                }
            }
            // With refunds (negative planned harvest) the shares of opposite signs can
            // push the rate past 1; the bound holds when no planned harvest is negative.
            let no_refunds = c.lines.iter().flat_map(|f| f.harvest_by_year.iter().flatten()).all(|h| *h >= Decimal::ZERO);
            if let Some(rate) = fu.totals.realisation_rate.filter(|_| no_refunds) {
                prop_assert!(rate >= Decimal::ZERO && rate <= Decimal::ONE, "rate {}", rate);
            }
            let missing = fu.rows.iter().filter(|r| r.actual.is_none()).count();
            prop_assert_eq!(fu.totals.missing, missing);
        }
    }
}

mod irr {
    use nytta::engine::finance::{discount_factors, irr, present_value};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the series (zeros around it included), the NPV at the IRR is 0 to
        /// within a millionth of the flows' discounted size.
        #[test]
        fn npv_at_the_irr_is_zero(flows in prop::collection::vec(-5_000_000i64..5_000_000, 1..9), zeros in 0usize..3) {
            let mut series = vec![Decimal::ZERO; zeros];
            series.extend(flows.iter().map(|f| Decimal::new(*f, 2)));
            series.extend(std::iter::repeat_n(Decimal::ZERO, zeros));
            if let Some(r) = irr(&series) {
                prop_assert!(r > Decimal::NEGATIVE_ONE && r < Decimal::from(1_000_000), "r = {}", r);
                if r > Decimal::new(-9, 1) && r < Decimal::from(100) {
                    let rounded: Vec<Decimal> = series.iter().map(|v| v.round_dp(2)).collect();
                    let factors = discount_factors(r, rounded.len()).unwrap();
                    let npv = present_value(&rounded, &factors).unwrap();
                    // The flows' size at that rate: what the NPV is a small remainder of.
                    let absolute: Vec<Decimal> = rounded.iter().map(|v| v.abs()).collect();
                    let size = present_value(&absolute, &factors).unwrap();
                    prop_assert!(npv.abs() <= size / Decimal::from(1_000_000), "r = {}, npv = {}", r, npv);
                }
            }
        }
    }
}
