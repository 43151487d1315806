//! Realism (docs/method.md, "Realism"; docs/check-rules.md): month keys, scenario
//! factors and the optimism-bias presets, break-even figures, the Monte Carlo, the
//! realism rules on every written scenario, and `batch --realism`. Every figure is
//! worked out by hand next to it.

use crate::cli::{nytta, write};
use nytta::engine::realism::{self, Draws};
use nytta::engine::{Calculation, compute};
use nytta::model::{Project, Scenario, parse_project};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;

/// Rate 0, 2025–2027, go-live January 2025: an investment of 120 000 in 2025 and a
/// high-confidence financial benefit of 60 000 a year (5 000 a month, 36 months).
/// NPV = 180 000 − 120 000 = 60 000.
const SIMPLE: &str = r#"format = 1
[project]
name = "Enkel"
organisation = "Kommunen"
start_year = 2025
years = 3
[assumptions]
discount_rate = 0
[[costs]]
name = "Utveckling"
category = "investment"
amounts = { 2025 = 120000 }
[[costs]]
name = "Drift"
category = "operations"
annual = 20000
from = "2025-01"
[[benefits]]
name = "Besparing"
class = "financial"
confidence = "high"
annual = 80000
[benefits.realisation]
owner = "Ekonomichef"
method = "budget_reduction"
"#;

fn json_report(text: &str, extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", text);
    let out = nytta()
        .args(["report", "--format", "json"])
        .args(extra)
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn check_json(text: &str) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", text);
    let out = nytta().args(["check", "--format", "json"]).arg(&file).output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

fn codes(findings: &Value) -> Vec<String> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// The textbook faulty calculation: low-confidence freed time as the whole case, taken
/// out of the budget from the first month, the full benefit from launch day,
/// operations of 0.6 % of the investment a year, and a goal nobody can measure.
const TEXTBOOK: &str = r#"format = 1
[project]
name = "Klassiskt fel"
organisation = "Socialförvaltningen"
start_year = 2026
go_live = "2026-06"
[assumptions]
discount_rate = "3 %"
hourly_cost = 400
overhead = "40 %"
[[costs]]
name = "Utveckling"
category = "investment"
amounts = { 2026 = 800000 }
[[costs]]
name = "Licens"
category = "operations"
annual = 5000
[[benefits]]
name = "Frigjord handläggartid"
class = "reallocation"
confidence = "low"
annual_hours = 3000
[benefits.realisation]
owner = "Socialchef"
method = "budget_reduction"
share = 1
lag_months = 0
[[benefits]]
name = "Nöjdare brukare"
class = "qualitative"
indicator = "NKI"
baseline = "?"
target = "bättre"
"#;

/// The same case done right: a ramp-up, medium confidence, harvest a year after launch,
/// operations of 15 % of the investment, a measurable goal.
const TEXTBOOK_FIXED: &str = r#"format = 1
[project]
name = "Klassiskt fel, rättat"
organisation = "Socialförvaltningen"
start_year = 2026
go_live = "2026-06"
[assumptions]
discount_rate = "3 %"
hourly_cost = 400
overhead = "40 %"
[[costs]]
name = "Utveckling"
category = "investment"
amounts = { 2026 = 800000 }
[[costs]]
name = "Drift och förvaltning"
category = "operations"
annual = 120000
[[benefits]]
name = "Frigjord handläggartid"
class = "reallocation"
confidence = "medium"
hours = { 2027 = 1500, 2028 = 2500, 2029 = 3000, 2030 = 3000 }
[benefits.realisation]
owner = "Socialchef"
method = "budget_reduction"
share = 0.5
lag_months = 12
[[benefits]]
name = "Nöjdare brukare"
class = "qualitative"
indicator = "NKI"
baseline = "62 (2025)"
target = "70 (2028)"
measured_by = "Brukarundersökningen, årligen"
"#;

#[test]
fn the_textbook_faulty_file_gets_the_five_realism_warnings() {
    let (code, findings) = check_json(TEXTBOOK);
    assert_eq!(code, 0);
    let mut found = codes(&findings);
    found.sort();
    assert_eq!(found, ["W105", "W107", "W114", "W115", "W116"]);
}

#[test]
fn the_corrected_textbook_file_gets_none() {
    let (code, findings) = check_json(TEXTBOOK_FIXED);
    assert_eq!(code, 0);
    assert_eq!(codes(&findings), Vec::<String>::new());
}

#[test]
fn simple_file_is_warning_free() {
    // Operations 20 000 against 120 000 (16.7 %), a high-confidence financial benefit.
    let (_, findings) = check_json(SIMPLE);
    assert_eq!(codes(&findings), Vec::<String>::new());
}

#[test]
fn break_even_figures_by_hand() {
    let v = json_report(SIMPLE, &[]);
    let s = &v["summary"];
    // Costs 120 000 + 3 × 20 000 = 180 000; benefits 3 × 80 000 = 240 000; NPV 60 000.
    assert_eq!(s["npv"], "60000.00");
    // 180 000 / 240 000.
    assert_eq!(s["benefit_breakeven"], "0.750000");
    // Moved d months, the benefit keeps (36 − d) × 80 000 / 12 within the horizon:
    // NPV(d) = 6 666.67 × (36 − d) − 180 000 < 0 ⇔ d > 9: d = 10.
    assert_eq!(s["delay_breakeven_months"], 10);
    // The IRR is the rate break-even: the net changes sign (2025: 80 000 − 140 000 =
    // −60 000, then +60 000 twice), so there is one.
    assert!(s["irr"].is_string());
}

#[test]
fn optimism_presets_by_hand() {
    // Go-live June 2025: 5 months of implementation. Upper: investment × 3, delay
    // 5 × 0.54 = 2.7 → 3 months; lower: × 1.1, 5 × 0.10 = 0.5 → 1 month (half away
    // from zero).
    let text = SIMPLE
        .replace("years = 3", "years = 3\ngo_live = \"2025-06\"")
        .replace("from = \"2025-01\"", "from = \"2025-06\"");
    let v = json_report(&text, &[]);
    // Base: benefits June 2025–December 2027, 31 months × 6 666.67 = 206 666.67;
    // operations the same months: 31 × 1 666.67 = 51 666.67; NPV = 206 666.67 −
    // 120 000 − 51 666.67 = 35 000.
    assert_eq!(v["summary"]["npv"], "35000.00");
    let r = &v["realism"];
    assert_eq!(r["optimism_upper"]["investment_factor"], "3.000000");
    assert_eq!(r["optimism_upper"]["delay_months"], 3);
    assert_eq!(r["optimism_lower"]["investment_factor"], "1.100000");
    assert_eq!(r["optimism_lower"]["delay_months"], 1);
    // Upper: 28 months of benefit = 186 666.67, investment 360 000: −225 000.
    assert_eq!(r["optimism_upper_npv"], "-225000.00");
    // Lower: 30 months = 200 000, investment 132 000: 200 000 − 132 000 − 51 666.67.
    assert_eq!(r["optimism_lower_npv"], "16333.33");
    // The built-in scenario works with --scenario, on any file, and its NPV is the same.
    let upper = json_report(&text, &["--scenario", "optimism-upper"]);
    assert_eq!(upper["scenario"], "optimism-upper");
    assert_eq!(upper["summary"]["npv"], "-225000.00");
    // optimism_*_npv do not depend on --scenario.
    assert_eq!(upper["realism"]["optimism_upper_npv"], "-225000.00");
    assert_eq!(upper["realism"]["optimism_lower_npv"], "16333.33");
}

#[test]
fn a_written_optimism_scenario_replaces_the_preset_and_explicit_keys_win() {
    let text = format!(
        "{SIMPLE}[scenarios.optimism-upper]\ninvestment_factor = 2\n[scenarios.halv]\noptimism_bias = \"upper\"\ninvestment_factor = 1.5\noperations_factor = 2\n"
    );
    let v = json_report(&text, &[]);
    // Investment × 2: 240 000 − 240 000 − 60 000 = −60 000 (no delay: the written
    // scenario replaces the preset whole).
    assert_eq!(v["realism"]["optimism_upper_npv"], "-60000.00");
    // `halv`: the preset's delay (0 months: go-live in January) with investment × 1.5
    // and operations × 2: 240 000 − 180 000 − 120 000 = −60 000.
    let halv = json_report(&text, &["--scenario", "halv"]);
    assert_eq!(halv["summary"]["npv"], "-60000.00");
}

/// A file that writes its own `optimism-upper` is not credited to the Green Book: the
/// sentence names the file's scenario; the lower preset keeps its source.
#[test]
fn a_written_optimism_scenario_is_not_attributed_to_the_green_book() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{SIMPLE}[scenarios.optimism-upper]\ninvestment_factor = 1\n");
    let file = write(dir.path(), "p.toml", &text);
    let report = |lang: &str| {
        let out = nytta()
            .args(["report", "--format", "markdown", "--lang", lang])
            .arg(&file)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let sv = report("sv");
    assert!(sv.contains("som filens eget scenario"), "{sv}");
    assert!(!sv.contains("Green Book, högt påslag"), "{sv}");
    assert!(sv.contains("Green Book, lågt påslag"), "{sv}");
    let en = report("en");
    assert!(en.contains("as the file's own scenario"), "{en}");
    assert!(!en.contains("Green Book, upper adjustment"), "{en}");
}

/// What the report says of the IRR, by the yearly nets of SIMPLE (−60 000, +60 000,
/// +60 000 with the investment of 120 000): the investment changed so that the nets are
/// all positive, all negative, or sum to less than nothing.
#[test]
fn the_irr_sentence_says_why_there_is_none_and_what_a_negative_one_means() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = |investment: &str, benefit: &str| {
        let text = SIMPLE
            .replace(
                "amounts = { 2025 = 120000 }",
                &format!("amounts = {{ 2025 = {investment} }}"),
            )
            .replace("annual = 80000", &format!("annual = {benefit}"));
        let file = write(dir.path(), "p.toml", &text);
        let out = nytta()
            .args(["report", "--format", "markdown", "--lang", "sv"])
            .arg(&file)
            .output()
            .unwrap();
        let page = String::from_utf8(out.stdout).unwrap();
        page.lines()
            .find(|l| l.contains("Internränta (IRR)") && l.contains("kalkylränta"))
            .unwrap_or_else(|| panic!("no IRR sentence in\n{page}"))
            .to_string()
    };
    // 80 000 − 10 000 − 20 000 = +50 000, then +60 000, +60 000.
    assert!(
        sentence("10000", "80000").contains("nettot är positivt varje år, så kalkylen är lönsam vid varje kalkylränta")
    );
    // 10 000 − 120 000 − 20 000 = −130 000, then −10 000, −10 000.
    assert!(
        sentence("120000", "10000")
            .contains("nettot är negativt varje år, så kalkylen är olönsam vid varje kalkylränta")
    );
    // −140 000, +60 000, +60 000: the nets sum to −20 000, so the IRR is below zero.
    let negative = sentence("200000", "80000");
    assert!(negative.contains("först vid en negativ kalkylränta (-"), "{negative}");
    assert!(negative.contains("inte ens in det den kostar"), "{negative}");
    // SIMPLE itself: an IRR above zero, with the rate used beside it.
    assert!(sentence("120000", "80000").contains("går jämnt upp vid en kalkylränta på"));
}

#[test]
fn month_keys_put_a_one_off_in_its_month() {
    // A one-off gain of 3 000 000 in October 2026 with go-live in October: no W101, and
    // the payback cannot come before it.
    let text = r#"format = 1
[project]
name = "Engång"
organisation = "Kommunen"
start_year = 2026
years = 3
go_live = "2026-10"
[assumptions]
discount_rate = 0
[[costs]]
name = "Utveckling"
category = "investment"
amounts = { "2026-03" = 2000000, 2027 = 100000 }
[[costs]]
name = "Drift"
category = "operations"
annual = 400000
[[benefits]]
name = "Avtal uppsagt"
class = "financial"
confidence = "high"
amounts = { "2026-10" = 3000000 }
"#;
    let v = json_report(text, &[]);
    let years = v["years"].as_array().unwrap();
    // 2026: 2 000 000 + 3 months of 400 000 = 2 100 000 costs; 3 000 000 benefit.
    assert_eq!(years[0]["costs"], "2100000.00");
    assert_eq!(years[0]["benefits"], "3000000.00");
    assert_eq!(years[1]["benefits"], "0.00");
    // Cumulative net: −2 000 000 from March, +3 000 000 − 3 × 33 333.33 in October.
    assert_eq!(v["summary"]["payback_month"], "2026-10");
    let (_, findings) = check_json(text);
    assert!(!codes(&findings).contains(&"W101".to_string()), "{findings}");
    // The same gain as a year amount counts from January: W101.
    let (_, findings) = check_json(&text.replace("\"2026-10\" = 3000000", "2026 = 3000000"));
    assert!(codes(&findings).contains(&"W101".to_string()), "{findings}");
}

#[test]
fn a_year_and_its_month_in_one_table_is_e007_and_months_outside_are_e010() {
    let both = SIMPLE.replace(
        "amounts = { 2025 = 120000 }",
        "amounts = { 2025 = 100000, \"2025-05\" = 20000 }",
    );
    let (code, findings) = check_json(&both);
    assert_eq!(code, 1);
    assert_eq!(codes(&findings), ["E007"]);
    let outside = SIMPLE.replace("amounts = { 2025 = 120000 }", "amounts = { \"2031-05\" = 20000 }");
    let (code, findings) = check_json(&outside);
    assert_eq!(code, 1);
    assert_eq!(codes(&findings), ["E010"]);
    let bad = SIMPLE.replace("amounts = { 2025 = 120000 }", "amounts = { \"2025-13\" = 20000 }");
    let (code, findings) = check_json(&bad);
    assert_eq!(code, 1);
    assert_eq!(codes(&findings), ["E005"]);
}

#[test]
fn a_finding_of_a_written_scenario_names_it() {
    // Operations × 0.1 in `snal` make operations 2 000 a year, 1.7 % of the investment:
    // W116 in `snal` only; `sen` (one month late) is as clean as the base case.
    let text = format!("{SIMPLE}[scenarios.snal]\noperations_factor = 0.1\n[scenarios.sen]\ndelay_months = 1\n");
    let (_, findings) = check_json(&text);
    let f = findings.as_array().unwrap();
    assert_eq!(f.len(), 1, "{findings}");
    assert_eq!(f[0]["code"], "W116");
    assert_eq!(f[0]["scenarios"], serde_json::json!(["snal"]));
    // In JSON the scenarios are a key; in text they close the message.
    assert!(!f[0]["message"].as_str().unwrap().contains("scenario"), "{findings}");
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &text);
    let human = nytta().arg("check").arg(&file).output().unwrap();
    let human = format!(
        "{}{}",
        String::from_utf8_lossy(&human.stdout),
        String::from_utf8_lossy(&human.stderr)
    );
    assert!(
        human.contains("1.67 % of the investment of 120,000 kr (scenario snal)"),
        "{human}"
    );
    // In the report of that scenario, the finding is there; in the base report, too
    // (with its scenario), since the base report lists every finding of the file.
    let v = json_report(&text, &["--scenario", "snal"]);
    assert_eq!(codes(&v["findings"]), ["W116"]);
    let v = json_report(&text, &["--scenario", "sen"]);
    assert_eq!(codes(&v["findings"]), Vec::<String>::new());
}

#[test]
fn an_overflowing_scenario_is_an_error_of_the_scenario() {
    let text = format!("{SIMPLE}[scenarios.enorm]\ninvestment_factor = 100000000000000000\n");
    let (code, findings) = check_json(&text);
    assert_eq!(code, 1, "{findings}");
    let f = &findings.as_array().unwrap()[0];
    assert_eq!(f["code"], "E011");
    assert_eq!(f["at"], "scenarios.enorm.investment_factor");
    assert!(
        f["message"].as_str().unwrap().contains("scenario `enorm`"),
        "{findings}"
    );
}

#[test]
fn monte_carlo_is_none_without_ranges_and_exact_at_fixed_factors() {
    let v = json_report(SIMPLE, &[]);
    assert!(v["realism"]["monte_carlo"].is_null());
    // low = high = 1: every draw is the NPV.
    let fixed = SIMPLE.replace("annual = 80000", "annual = 80000\nrange = { low = 1, high = 1 }");
    let mc = &json_report(&fixed, &[])["realism"]["monte_carlo"];
    assert_eq!(mc["draws"], 10000);
    assert_eq!(mc["seed"], 1);
    for p in ["p10", "p50", "p90"] {
        assert_eq!(mc[p], "60000.00");
    }
    assert_eq!(mc["probability_negative"], "0.000000");
    // low = high = 0: the benefit never comes: every draw is −180 000.
    let none = SIMPLE.replace("annual = 80000", "annual = 80000\nrange = { low = 0, high = 0 }");
    let mc = &json_report(&none, &["--draws", "100", "--seed", "7"])["realism"]["monte_carlo"];
    assert_eq!((mc["draws"].as_u64(), mc["seed"].as_u64()), (Some(100), Some(7)));
    assert_eq!(mc["p50"], "-180000.00");
    assert_eq!(mc["probability_negative"], "1.000000");
}

#[test]
fn monte_carlo_is_byte_reproducible_and_the_seed_matters() {
    let ranged = SIMPLE
        .replace("annual = 80000", "annual = 80000\nrange = { low = 0.4, high = 1.2 }")
        .replace(
            "amounts = { 2025 = 120000 }",
            "amounts = { 2025 = 120000 }\nrange = { low = 0.9, high = 1.8 }",
        );
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &ranged);
    let run = |seed: &str| {
        nytta()
            .args(["report", "--format", "json", "--seed", seed])
            .arg(&file)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("1"));
    assert_ne!(run("1"), run("2"));
    let v: Value = serde_json::from_slice(&run("1")).unwrap();
    let mc = &v["realism"]["monte_carlo"];
    let p = |k: &str| mc[k].as_str().unwrap().parse::<f64>().unwrap();
    assert!(p("p10") <= p("p50") && p("p50") <= p("p90"), "{mc}");
    let negative = p("probability_negative");
    assert!(negative > 0.0 && negative < 1.0, "{mc}");
    // The batch gives the same probability for the file, whatever the thread count.
    let batch = |jobs: &str| {
        nytta()
            .args(["batch", "--realism", "--jobs", jobs])
            .arg(&file)
            .arg(&file)
            .arg(&file)
            .output()
            .unwrap()
            .stdout
    };
    let one = batch("1");
    assert_eq!(one, batch("3"));
    let text = String::from_utf8(one).unwrap();
    assert!(
        text.contains(&format!(",{}\r\n", mc["probability_negative"].as_str().unwrap())),
        "{text}"
    );
}

#[test]
fn report_shows_the_realism_section_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", SIMPLE);
    let sv = nytta()
        .args(["report", "--lang", "sv", "--section", "realism", "--width", "200"])
        .arg(&file)
        .output()
        .unwrap();
    let sv = String::from_utf8(sv.stdout).unwrap();
    assert!(sv.contains("Hur robust är kalkylen?"), "{sv}");
    assert!(
        sv.contains("Kalkylen går jämnt upp om 75 % av nyttan realiseras."),
        "{sv}"
    );
    assert!(
        sv.contains("Kalkylen blir olönsam om nyttan dröjer 10 månader."),
        "{sv}"
    );
    let en = nytta()
        .args(["report", "--lang", "en", "--format", "markdown"])
        .arg(&file)
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("## How robust is the case?"), "{en}");
    assert!(
        en.contains("The case breaks even if 75% of the benefit comes true."),
        "{en}"
    );
}

#[test]
fn batch_realism_columns_come_after_message_and_only_with_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", SIMPLE);
    let plain = nytta().arg("batch").arg(&file).output().unwrap().stdout;
    let plain = String::from_utf8(plain).unwrap();
    assert!(
        plain.lines().next().unwrap().ends_with("harvest_share,message"),
        "{plain}"
    );
    let with = nytta().args(["batch", "--realism"]).arg(&file).output().unwrap().stdout;
    let with = String::from_utf8(with).unwrap();
    let mut lines = with.lines().map(|l| l.trim_end_matches('\r'));
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with("message,benefit_breakeven,delay_breakeven_months,optimism_upper_npv,probability_negative"),
        "{with}"
    );
    // 0.75, 10 months; upper: investment 360 000: 240 000 − 360 000 − 60 000 = −180 000;
    // no ranges: no probability.
    assert!(lines.next().unwrap().ends_with(",0.750000,10,-180000.00,"), "{with}");
}

fn project(text: &str) -> Project {
    let parsed = parse_project(text);
    parsed.project.expect("project")
}

fn base(p: &Project) -> Calculation {
    compute(p, &Scenario::base()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// With symmetric ranges (low = 1 − a, high = 1 + a: the triangular mean is 1),
    /// the mean of the Monte Carlo NPVs converges to the NPV: within four standard
    /// errors of it.
    #[test]
    fn monte_carlo_mean_converges_to_the_npv(
        spread_cost in 0u32..=90,
        spread_benefit in 0u32..=90,
        invest in 50_000u32..500_000,
        benefit in 10_000u32..300_000,
    ) {
        let a = |pct: u32| Decimal::new(i64::from(pct), 2);
        let text = SIMPLE
            .replace("amounts = { 2025 = 120000 }", &format!("amounts = {{ 2025 = {invest} }}\nrange = {{ low = {}, high = {} }}", Decimal::ONE - a(spread_cost), Decimal::ONE + a(spread_cost)))
            .replace("annual = 80000", &format!("annual = {benefit}\nrange = {{ low = {}, high = {} }}", Decimal::ONE - a(spread_benefit), Decimal::ONE + a(spread_benefit)));
        let p = project(&text);
        let c = base(&p);
        let mc = realism::monte_carlo(&p, &c, 20_000, 3).unwrap();
        let n = mc.sorted_npv.len() as f64;
        let values: Vec<f64> = mc.sorted_npv.iter().map(|v| v.to_f64().unwrap()).collect();
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        let npv = c.summary.npv.to_f64().unwrap();
        let tolerance = 4.0 * (var / n).sqrt() + 0.01;
        prop_assert!((mean - npv).abs() <= tolerance, "mean {} npv {} tolerance {}", mean, npv, tolerance);
        // Percentiles in order, and the same draws give the same figures.
        prop_assert!(mc.p10 <= mc.p50 && mc.p50 <= mc.p90);
        prop_assert_eq!(realism::monte_carlo(&p, &c, 20_000, 3), Some(mc));
    }

    /// The benefit break-even is exact: at that share of every benefit the NPV is 0,
    /// and one month less than the delay break-even keeps the NPV ≥ 0.
    #[test]
    fn break_evens_hold(invest in 50_000u32..500_000, benefit in 10_000u32..300_000, rate in 0u32..10) {
        let text = SIMPLE
            .replace("amounts = { 2025 = 120000 }", &format!("amounts = {{ 2025 = {invest} }}"))
            .replace("annual = 80000", &format!("annual = {benefit}"))
            .replace("discount_rate = 0", &format!("discount_rate = \"{rate} %\""));
        let p = project(&text);
        let c = base(&p);
        let r = realism::assess(&p, &c, Draws::default()).unwrap();
        if let Some(b) = r.benefit_breakeven {
            let mut s = Scenario::base();
            s.name = "x".into();
            s.benefit_factor = b;
            let at = compute(&p, &s).unwrap().summary.npv;
            prop_assert!(at.abs() < Decimal::new(1, 6), "NPV at the break-even share: {}", at);
        }
        if let Some(d) = r.delay_breakeven_months {
            let npv_at = |months: u32| {
                let mut s = Scenario::base();
                s.name = "x".into();
                s.delay_months = months;
                compute(&p, &s).unwrap().summary.npv
            };
            prop_assert!(npv_at(d) < Decimal::ZERO);
            prop_assert!(npv_at(d - 1) >= Decimal::ZERO);
        }
    }
}
