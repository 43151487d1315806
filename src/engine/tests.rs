//! Engine tests: every figure below is worked out by hand in the comment beside it.

use super::*;
use crate::model::parse_project;
use rust_decimal::dec;

fn project(body: &str) -> Project {
    let text = format!("format = 1\n{body}");
    let parsed = parse_project(&text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    parsed.project.unwrap()
}

fn base(p: &Project) -> Calculation {
    compute(p, &Scenario::base()).unwrap()
}

fn ore(d: Decimal) -> Decimal {
    finance::round_ore(d)
}

fn line_years(c: &Calculation, index: usize) -> Vec<Decimal> {
    c.lines[index].by_year.iter().map(|d| ore(*d)).collect()
}

const HEAD: &str = r#"
[project]
name = "P"
organisation = "Kommunen"
start_year = 2010
years = 3
"#;

#[test]
fn annual_benefit_from_april_and_a_one_off_investment() {
    let p = project(&format!(
        r#"{HEAD}go_live = "2010-04"
[assumptions]
discount_rate = "10 %"
[[costs]]
name = "Utveckling"
category = "investment"
amounts = {{ 2010 = 300000 }}
[[benefits]]
name = "Porto"
class = "financial"
annual = 120000
"#
    ));
    let c = base(&p);
    // 120000 a year from April: 9 × 10000 = 90000 in 2010, then 120000.
    assert_eq!(line_years(&c, 1), vec![dec!(90000), dec!(120000), dec!(120000)]);
    let nets: Vec<Decimal> = c.years.iter().map(|y| y.net()).collect();
    assert_eq!(nets, vec![dec!(-210000), dec!(120000), dec!(120000)]);
    assert_eq!(c.years[2].cumulative_net, dec!(30000));
    // NPV = −210000 + 120000/1.1 + 120000/1.21 = −1735.537190…
    assert_eq!(ore(c.summary.npv), dec!(-1735.54));
    // PV benefits = 90000 + 208264.46… = 298264.46; BCR = 298264.46 / 300000 = 0.994215
    assert_eq!(ore(c.summary.pv_benefits), dec!(298264.46));
    assert_eq!(c.summary.bcr.unwrap().round_dp(6), dec!(0.994215));
    // IRR: −210000 + 120000x + 120000x² = 0, x = (−1 + √8)/2, r = 1/x − 1 = 0.0938363…
    assert_eq!(c.summary.irr.unwrap().round_dp(6), dec!(0.093836));
    // Cumulative: −75000 after March 2010, −210000 after 2010, −90000 after 2011, then
    // +10000 a month: 0 after September 2012 → 33 months = 2.75 years.
    assert_eq!(c.summary.payback_month, Some(Month::new(2012, 9)));
    assert_eq!(c.summary.payback_years, Some(dec!(2.75)));
    // Switching factor of the benefit: 1 − npv/pv = 1 + 1735.537…/298264.46… = 1.005819
    assert_eq!(c.switching_factor(&p, &c.lines[1]).unwrap().round_dp(6), dec!(1.005819));
    // Of the cost: 1 + npv/pv = 1 − 1735.537…/300000 = 0.994215
    assert_eq!(c.switching_factor(&p, &c.lines[0]).unwrap().round_dp(6), dec!(0.994215));
}

#[test]
fn volume_with_adoption_growth_and_overhead() {
    let p = project(&format!(
        r#"{HEAD}
[assumptions]
hourly_cost = 400
overhead = "25 %"
[[benefits]]
name = "Handläggning"
class = "reallocation"
volume = 12000
minutes_saved = 15
growth = "10 %"
adoption = {{ 2011 = 0.5 }}
[[benefits]]
name = "Samma, före och efter"
class = "reallocation"
volume = 12000
minutes_before = 25
minutes_after = 10
[[benefits]]
name = "Papper"
class = "financial"
volume = 1000
unit_saving = "35,50"
"#
    ));
    let c = base(&p);
    // Rate 400 × 1.25 = 500 kr/h. 12000 × 15/60 h × 500 = 1 500 000 a year before adoption.
    // 2010: adoption 0 (before the first listed year). 2011: × 0.5 × 1.1 = 825000.
    // 2012: × 0.5 × 1.21 = 907500.
    assert_eq!(line_years(&c, 0), vec![dec!(0), dec!(825000), dec!(907500)]);
    // minutes_before − minutes_after = 15, no adoption (= 1), no growth.
    assert_eq!(line_years(&c, 1), vec![dec!(1500000); 3]);
    // 1000 × 35.50 = 35500.
    assert_eq!(line_years(&c, 2), vec![dec!(35500); 3]);
    assert_eq!(ore(c.summary.reallocation_benefits), dec!(6232500));
    assert_eq!(ore(c.summary.financial_benefits), dec!(106500));
}

#[test]
fn growth_starts_counting_in_the_year_the_line_starts() {
    let p = project(&format!(
        r#"{HEAD}
[[costs]]
name = "Licens"
category = "operations"
annual = 120000
from = "2010-07"
growth = "10 %"
"#
    ));
    // 2010: 6 × 10000 = 60000; 2011: 132000; 2012: 145200.
    assert_eq!(line_years(&base(&p), 0), vec![dec!(60000), dec!(132000), dec!(145200)]);
}

#[test]
fn hours_and_annual_hours_use_the_hourly_rate() {
    let p = project(&format!(
        r#"{HEAD}
[assumptions]
monthly_salary = 42600
overhead = "54 %"
[[costs]]
name = "Utbildning"
category = "investment"
hours = {{ 2010 = 400 }}
[[benefits]]
name = "Frigjord tid"
class = "reallocation"
annual_hours = 5300
to = 2011
"#
    ));
    // 42600 / 142 = 300 kr/h; × 1.54 = 462 kr/h.
    // Training: 400 h × 462 = 184800 in 2010.
    let c = base(&p);
    assert_eq!(line_years(&c, 0), vec![dec!(184800), dec!(0), dec!(0)]);
    // 5300 h × 462 = 2448600 a year, until December 2011 (a bare year ends in December).
    assert_eq!(line_years(&c, 1), vec![dec!(2448600), dec!(2448600), dec!(0)]);
}

#[test]
fn realisation_share_lag_and_schedule() {
    let p = project(&format!(
        r#"{HEAD}
[[benefits]]
name = "Porto"
class = "financial"
annual = 120000
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
share = 0.5
lag_months = 6
[[benefits]]
name = "Tid"
class = "reallocation"
annual = 240000
[benefits.realisation]
owner = "Enhetschef"
schedule = {{ 2011 = 100000, 2012 = 150000 }}
"#
    ));
    let c = base(&p);
    // 10000 a month × 0.5 from month 6: 2010 6 × 5000 = 30000, then 60000 a year.
    let harvest: Vec<Decimal> = c.lines[0]
        .harvest_by_year
        .clone()
        .unwrap()
        .into_iter()
        .map(ore)
        .collect();
    assert_eq!(harvest, vec![dec!(30000), dec!(60000), dec!(60000)]);
    // The schedule as written.
    let harvest: Vec<Decimal> = c.lines[1]
        .harvest_by_year
        .clone()
        .unwrap()
        .into_iter()
        .map(ore)
        .collect();
    assert_eq!(harvest, vec![dec!(0), dec!(100000), dec!(150000)]);
    // Total 150000 + 250000 = 400000 of 360000 + 720000 = 1080000 → 0.370370…
    assert_eq!(ore(c.summary.planned_harvest), dec!(400000));
    assert_eq!(c.summary.harvest_share.unwrap().round_dp(6), dec!(0.370370));
    // Per stakeholder (the implicit one) and method.
    let s = &c.stakeholders[0];
    assert_eq!(ore(s.planned_harvest()), dec!(400000));
    assert_eq!(ore(s.years[1].harvest_by_method[0]), dec!(60000)); // budget_reduction in 2011
}

#[test]
fn stakeholder_shares_split_every_figure() {
    let p = project(&format!(
        r#"{HEAD}
[assumptions]
discount_rate = 0
[[stakeholders]]
id = "sdf"
name = "Stadsdelsförvaltningen"
[[stakeholders]]
id = "tk"
name = "Trafikkontoret"
[[costs]]
name = "Drift"
category = "operations"
annual = 100000
stakeholder = {{ sdf = 0.6, tk = 0.4 }}
[[benefits]]
name = "Tid"
class = "reallocation"
annual = 50000
stakeholder = "tk"
"#
    ));
    let c = base(&p);
    let (sdf, tk) = (&c.stakeholders[0], &c.stakeholders[1]);
    // sdf: 60000 cost a year × 3 = 180000, no benefit; tk: 40000 × 3 = 120000 cost, 150000 benefit.
    assert_eq!(ore(sdf.costs()), dec!(180000));
    assert_eq!(ore(tk.costs()), dec!(120000));
    assert_eq!(ore(tk.benefits()), dec!(150000));
    // At rate 0 the stakeholder NPV is its net: −180000 and +30000; together the project's −150000.
    assert_eq!(ore(sdf.npv), dec!(-180000));
    assert_eq!(ore(tk.npv), dec!(30000));
    assert_eq!(ore(c.summary.npv), dec!(-150000));
}

#[test]
fn scenario_scales_and_delays_benefits_but_not_costs() {
    let p = project(&format!(
        r#"{HEAD}
[[costs]]
name = "Bygg"
category = "investment"
amounts = {{ 2010 = 100000 }}
[[benefits]]
name = "Porto"
class = "financial"
annual = 120000
[benefits.realisation]
owner = "Ekonomichef"
[scenarios.pessimistic]
cost_factor = 1.25
benefit_factor = 0.5
delay_months = 3
discount_rate = "5 %"
"#
    ));
    let scenario = p.scenario("pessimistic").unwrap();
    let c = compute(&p, &scenario).unwrap();
    assert_eq!(c.discount_rate, dec!(0.05));
    // Cost 100000 × 1.25 = 125000, not moved.
    assert_eq!(line_years(&c, 0), vec![dec!(125000), dec!(0), dec!(0)]);
    // 5000 a month from April 2010: 45000, then 60000, 60000 (the last three months fall off).
    assert_eq!(line_years(&c, 1), vec![dec!(45000), dec!(60000), dec!(60000)]);
    // The harvest follows the delayed, scaled benefit.
    let harvest: Vec<Decimal> = c.lines[1]
        .harvest_by_year
        .clone()
        .unwrap()
        .into_iter()
        .map(ore)
        .collect();
    assert_eq!(harvest, vec![dec!(45000), dec!(60000), dec!(60000)]);
}

#[test]
fn range_gives_tornado_and_cases() {
    let p = project(&format!(
        r#"{HEAD}
[assumptions]
discount_rate = 0
[[costs]]
name = "Bygg"
category = "investment"
amounts = {{ 2010 = 100000 }}
range = {{ low = 0.9, high = 1.5 }}
[[benefits]]
name = "Porto"
class = "financial"
annual = 100000
range = {{ low = 0.5, high = 1.2 }}
"#
    ));
    let c = base(&p);
    // npv = 300000 − 100000 = 200000.
    assert_eq!(c.summary.npv, dec!(200000));
    // Benefit: 0.5 → 50000, 1.2 → 260000 (spread 210000). Cost: 0.9 → 210000, 1.5 → 150000 (spread 60000).
    let r = &c.range(&p);
    assert_eq!(r.lines[0].index, 1);
    assert_eq!(
        (ore(r.lines[0].npv_low), ore(r.lines[0].npv_high)),
        (dec!(50000), dec!(260000))
    );
    assert_eq!(
        (ore(r.lines[1].npv_low), ore(r.lines[1].npv_high)),
        (dec!(210000), dec!(150000))
    );
    // Low case: benefit low, cost high: 150000 − 150000 = 0. High case: 360000 − 90000 = 270000.
    assert_eq!(ore(r.low_case_npv.unwrap()), dec!(0));
    assert_eq!(ore(r.high_case_npv.unwrap()), dec!(270000));
}

#[test]
fn confidence_and_high_confidence_npv() {
    let p = project(&format!(
        r#"{HEAD}
[assumptions]
discount_rate = 0
[[costs]]
name = "Bygg"
category = "investment"
amounts = {{ 2010 = 100000 }}
[[benefits]]
name = "Säker"
class = "financial"
annual = 10000
confidence = "high"
[[benefits]]
name = "Osäker"
class = "reallocation"
annual = 50000
confidence = "low"
"#
    ));
    let s = base(&p).summary;
    assert_eq!(s.benefits_by_confidence, [dec!(30000), dec!(0), dec!(150000)]);
    // Only the high-confidence 30000 against 100000 of cost.
    assert_eq!(s.npv_high_confidence, dec!(-70000));
    // Financial only: 30000 − 100000.
    assert_eq!(s.npv_financial, dec!(-70000));
    assert_eq!(s.npv, dec!(80000));
}

#[test]
fn payback_none_when_never_repaid_and_irr_none_without_sign_change() {
    let p = project(&format!(
        r#"{HEAD}
[[costs]]
name = "Drift"
category = "operations"
annual = 10000
"#
    ));
    let s = base(&p).summary;
    assert_eq!(s.payback_month, None);
    assert_eq!(s.irr, None);
    assert_eq!(s.bcr, Some(dec!(0)));
    assert_eq!(s.harvest_share, None);
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let p = project(&format!(
        r#"{HEAD}
[assumptions]
hourly_cost = "79000000000000000000000000000"
[[benefits]]
name = "Stor"
class = "reallocation"
volume = 79000000000000000000000000000
minutes_saved = 60
"#
    ));
    let err = compute(&p, &Scenario::base()).unwrap_err();
    assert_eq!(err.at, "benefits[0]");
}

/// The monthly cumulative net: an investment of 120 000 in January 2010 (as a month key)
/// against a benefit of 60 000 a year from January (5 000 a month), three years.
/// End of January: 5 000 − 120 000 = −115 000; then +5 000 a month, so zero at the end
/// of month 24 (December 2011) and +60 000 at the end of 2012. The year ends equal the
/// yearly cumulative net: −60 000, 0, +60 000.
#[test]
fn monthly_cumulative_net_by_hand() {
    let p = project(&format!(
        "{HEAD}[assumptions]\ndiscount_rate = 0\n\
         [[costs]]\nname = \"Inv\"\ncategory = \"investment\"\namounts = {{ \"2010-01\" = 120000 }}\n\
         [[benefits]]\nname = \"B\"\nclass = \"financial\"\nconfidence = \"high\"\nannual = 60000\n"
    ));
    let months = monthly_cumulative_net(&p, &Scenario::base()).unwrap();
    assert_eq!(months.len(), 36);
    assert_eq!(ore(months[0]), dec!(-115000));
    assert_eq!(ore(months[1]), dec!(-110000));
    assert_eq!(ore(months[23]), dec!(0));
    let c = base(&p);
    for (y, year) in c.years.iter().enumerate() {
        assert_eq!(ore(months[12 * y + 11]), ore(year.cumulative_net), "{}", year.year);
    }
    assert_eq!(ore(months[35]), dec!(60000));
}
