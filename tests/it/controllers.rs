//! Controllers (issue 12): budget consequences per stakeholder across the portfolio,
//! duplicates in a batch, `nytta diff`, portfolio follow-up. Every expected figure is
//! worked out by hand in a comment next to it.

use crate::cli::{nytta, write};
use std::path::Path;

/// Rate 0, 2025–2026, go-live January 2025. Stakeholders `sdf-norr` (SDF Norr), `tk`.
/// Bygg 100000 in 2025, 60 % sdf-norr / 40 % tk. Porto 50000 a year to tk, all harvested
/// by budget reduction (besparingskrav). Tid 20000 a year to sdf-norr, harvested by
/// redeployment (planned harvest, not besparingskrav).
///   sdf-norr: costs 60000 (2025), reallocation 40000, NPV = net = −20000, harvest 40000, krav 0.
///   tk:       costs 40000 (2025), financial 100000, NPV = net = 60000, harvest 100000,
///             krav 50000 in 2025 and 2026.
pub const A: &str = r#"format = 1
[project]
name = "A"
id = "A-1"
organisation = "Stadsdel"
start_year = 2025
years = 2
[assumptions]
discount_rate = 0
[[stakeholders]]
id = "sdf-norr"
name = "SDF Norr"
[[stakeholders]]
id = "tk"
name = "Trafikkontoret"
[[costs]]
name = "Bygg"
category = "investment"
amounts = { 2025 = 100000 }
stakeholder = { sdf-norr = 0.6, tk = 0.4 }
[[costs]]
name = "Drift"
category = "operations"
annual = 0
stakeholder = "tk"
[[benefits]]
name = "Porto"
class = "financial"
confidence = "high"
annual = 50000
stakeholder = "tk"
[benefits.realisation]
owner = "Chef"
method = "budget_reduction"
[[benefits]]
name = "Tid"
class = "reallocation"
confidence = "high"
annual = 20000
stakeholder = "sdf-norr"
[benefits.realisation]
owner = "Chef"
method = "redeployment"
"#;

/// Rate 0, 2026–2027. Stakeholders `sdf_norr` (SDF norr: the same as A's `sdf-norr`, by
/// name) and `t_k` (Tekniska kontoret: folds like `tk`, but another name, so kept apart).
/// Drift 30000 a year, half each. Porto 10000 a year to sdf_norr, budget reduction.
///   sdf_norr: costs 30000 (15000 a year), financial 20000, NPV −10000, harvest = krav 20000.
///   t_k:      costs 30000, NPV −30000.
pub const B: &str = r#"format = 1
[project]
name = "B"
id = "B-1"
organisation = "Stadsdel"
start_year = 2026
years = 2
[assumptions]
discount_rate = 0
[[stakeholders]]
id = "sdf_norr"
name = "SDF norr"
[[stakeholders]]
id = "t_k"
name = "Tekniska kontoret"
[[costs]]
name = "Drift"
category = "operations"
annual = 30000
stakeholder = { sdf_norr = 0.5, t_k = 0.5 }
[[benefits]]
name = "Porto"
class = "financial"
confidence = "high"
annual = 10000
stakeholder = "sdf_norr"
[benefits.realisation]
owner = "Chef"
method = "budget_reduction"
"#;

/// Rate 10 %, 2025–2026, no `[[stakeholders]]`: the organisation Kultur is the one.
/// Cost 110000 in 2025; benefit 121000 a year, budget reduction.
/// NPV = −110000 + 121000 + 121000 / 1.1 = 121000; harvest = krav 242000.
pub const C: &str = r#"format = 1
[project]
name = "C"
id = "C-1"
organisation = "Kultur"
start_year = 2025
years = 2
[assumptions]
discount_rate = "10 %"
[[costs]]
name = "Bygg"
category = "investment"
amounts = { 2025 = 110000 }
[[benefits]]
name = "Porto"
class = "financial"
confidence = "high"
annual = 121000
[benefits.realisation]
owner = "Chef"
method = "budget_reduction"
"#;

fn fixtures(dir: &Path) {
    write(dir, "a.toml", A);
    write(dir, "b.toml", B);
    write(dir, "c.toml", C);
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap()
}

fn dec(v: &serde_json::Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn group_by_stakeholder_sums_hand_computed_shares() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let out = nytta()
        .args(["batch", "--group-by", "stakeholder", "--by-year", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // sdf-norr (A) and sdf_norr (B) are one by name; tk and t_k are kept apart.
    assert!(stderr.contains("`sdf-norr` and `sdf_norr`"), "{stderr}");
    assert!(
        stderr.contains("`tk` (Trafikkontoret), `t_k` (Tekniska kontoret)"),
        "{stderr}"
    );
    let v = json_of(&out.stdout);
    assert_eq!(v["group_by"], "stakeholder");
    let rows = v["stakeholders"].as_array().unwrap();
    let by_id = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id}: {rows:?}"))
    };
    // Sorted by name: Kultur, SDF Norr, Tekniska kontoret, Trafikkontoret.
    let order: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(order, vec!["Kultur", "sdf-norr", "t_k", "tk"]);

    // sdf-norr + sdf_norr: costs 60000 + 30000, financial 0 + 20000, reallocation 40000,
    // NPV −20000 − 10000, harvest 40000 + 20000, krav 0 + 20000.
    let s = by_id("sdf-norr");
    assert_eq!(s["ids"], serde_json::json!(["sdf-norr", "sdf_norr"]));
    assert_eq!(s["projects"], 2);
    assert_eq!(
        [
            &s["costs"],
            &s["financial_benefits"],
            &s["reallocation_benefits"],
            &s["npv"],
            &s["planned_harvest"],
            &s["besparingskrav"]
        ],
        ["90000.00", "20000.00", "40000.00", "-30000.00", "60000.00", "20000.00"]
    );
    // Per year: 2025 costs 60000; 2026 15000 (B); 2027 15000. Krav 2026 10000, 2027 10000.
    let years: Vec<(i64, String, String)> = s["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["costs"].as_str().unwrap().into(),
                y["besparingskrav"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        years,
        vec![
            (2025, "60000.00".into(), "0.00".into()),
            (2026, "15000.00".into(), "10000.00".into()),
            (2027, "15000.00".into(), "10000.00".into()),
        ]
    );
    let tk = by_id("tk");
    assert_eq!(
        [&tk["costs"], &tk["npv"], &tk["besparingskrav"]],
        ["40000.00", "60000.00", "100000.00"]
    );
    let t_k = by_id("t_k");
    assert_eq!([&t_k["costs"], &t_k["npv"]], ["30000.00", "-30000.00"]);
    let k = by_id("Kultur");
    assert_eq!(
        [&k["costs"], &k["npv"], &k["besparingskrav"]],
        ["110000.00", "121000.00", "242000.00"]
    );
    // The portfolio's total: costs 90000 + 40000 + 30000 + 110000 = 270000;
    // NPV −30000 + 60000 − 30000 + 121000 = 121000; krav 20000 + 100000 + 242000 = 362000.
    let t = &v["stakeholder_total"];
    assert_eq!(
        [&t["costs"], &t["npv"], &t["besparingskrav"]],
        ["270000.00", "121000.00", "362000.00"]
    );
}

#[test]
fn group_sums_equal_the_projects_stakeholder_figures_to_the_ore() {
    // The bundled examples (rates 3–4 %, shares of 0.45, 0.3, 0.2 …): the batch's sums per
    // stakeholder against each project's own `report` stakeholder table, in öre.
    let examples = [
        "examples/delad-tjanst.toml",
        "examples/bokningssystem.toml",
        "examples/worked-example.toml",
    ];
    let mut expected: std::collections::BTreeMap<String, [rust_decimal::Decimal; 4]> = Default::default();
    for e in examples {
        let out = nytta().args(["report", "--format", "json", e]).output().unwrap();
        for s in json_of(&out.stdout)["stakeholders"].as_array().unwrap() {
            let slot = expected.entry(s["id"].as_str().unwrap().to_string()).or_default();
            for (i, k) in ["costs", "benefits", "npv", "planned_harvest"].iter().enumerate() {
                slot[i] += dec(&s[k]);
            }
        }
    }
    let out = nytta()
        .args(["batch", "--group-by", "stakeholder", "--format", "json"])
        .args(examples)
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let rows = v["stakeholders"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for r in rows {
        let want = expected[r["id"].as_str().unwrap()];
        for (i, k) in ["costs", "benefits", "npv", "planned_harvest"].iter().enumerate() {
            // Each project's figure is rounded to the öre once: the sums agree to the öre.
            assert_eq!(dec(&r[k]), want[i], "{} {k}", r["id"]);
        }
    }
}

#[test]
fn group_by_stakeholder_in_csv_table_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let out = nytta()
        .args(["batch", "--group-by", "stakeholder", "--by-year"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(
        "\r\n\r\nstakeholder_id,stakeholder,ids,projects,costs,financial_benefits,reallocation_benefits,benefits,net,npv,planned_harvest,besparingskrav\r\n"
    ), "{text}");
    assert!(text.contains("sdf-norr,SDF Norr,sdf-norr sdf_norr,2,90000.00,20000.00,40000.00,60000.00,-30000.00,-30000.00,60000.00,20000.00\r\n"), "{text}");
    assert!(text.contains(",total,,,270000.00,"), "{text}");
    // The matrix: one row per stakeholder and measure, years as columns.
    assert!(
        text.contains("stakeholder_id,stakeholder,measure,2025,2026,2027,total\r\n"),
        "{text}"
    );
    assert!(
        text.contains("sdf-norr,SDF Norr,besparingskrav,0.00,10000.00,10000.00,20000.00\r\n"),
        "{text}"
    );
    // 2025: 60000 + 40000 + 110000; 2026: 15000 + 15000; 2027 the same.
    assert!(
        text.contains(",total,costs,210000.00,30000.00,30000.00,270000.00\r\n"),
        "{text}"
    );

    let out = nytta()
        .args([
            "batch",
            "--group-by",
            "stakeholder",
            "--by-year",
            "--format",
            "table",
            "--lang",
            "sv",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Per intressent, summerat över portföljen"), "{text}");
    assert!(
        text.contains("Besparingskrav (planerad hemtagning genom budgetminskning) per intressent och år"),
        "{text}"
    );
    assert!(text.contains("SDF Norr (sdf-norr)"), "{text}");

    let xlsx = dir.path().join("out.xlsx");
    nytta()
        .args([
            "batch",
            "--group-by",
            "stakeholder",
            "--by-year",
            "--format",
            "xlsx",
            "--lang",
            "sv",
            "-o",
        ])
        .arg(&xlsx)
        .arg(dir.path())
        .assert()
        .success();
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(&xlsx).unwrap();
    let names = wb.sheet_names();
    assert!(
        names.contains(&"Intressenter".to_string()) && names.contains(&"Intressenter per år".to_string()),
        "{names:?}"
    );
    let sheet = wb.worksheet_range("Intressenter").unwrap();
    let row: Vec<String> = sheet.rows().nth(2).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&row[..5], &["sdf-norr", "SDF Norr", "sdf-norr sdf_norr", "2", "90000"]);
}

#[test]
fn by_year_needs_group_by_stakeholder() {
    nytta()
        .args(["batch", "--group-by", "portfolio", "--by-year", "examples/"])
        .assert()
        .code(2);
}

#[test]
fn diff_bridges_old_npv_to_new_and_exit_code_says_whether_they_differ() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "v1.toml", C);
    // v2: rate 10 % → 0 (NPV −110000 + 2 × 121000 = 132000: +11000), investment
    // 110000 → 120000 (−10000), a licence of 5000 a year added (−10000). New NPV 112000.
    let v2 = C
        .replace("discount_rate = \"10 %\"", "discount_rate = 0")
        .replace("{ 2025 = 110000 }", "{ 2025 = 120000 }")
        + "[[costs]]\nname = \"Licens\"\ncategory = \"operations\"\nannual = 5000\n";
    let new = write(dir.path(), "v2.toml", &v2);
    let out = nytta()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out.stdout);
    assert_eq!(v["differ"], true);
    assert_eq!(
        [&v["old"]["npv"], &v["new"]["npv"], &v["npv_difference"]],
        ["121000.00", "112000.00", "-9000.00"]
    );
    assert_eq!(v["assumptions"][0]["assumption"], "discount_rate");
    let steps: Vec<(String, String)> = v["bridge"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap().to_string(),
                s["effect"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            ("assumption".into(), "11000.00".into()),
            ("line".into(), "-10000.00".into()),
            ("line".into(), "-10000.00".into()),
        ]
    );
    assert_eq!(v["lines"][0]["change"], "changed");
    assert_eq!(v["lines"][0]["keys"], serde_json::json!(["amounts"]));
    assert_eq!(v["lines"][1]["change"], "added");

    // --exit-code: 1 when they differ, 0 when not; comments and layout do not count.
    nytta()
        .args(["diff", "--exit-code"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1);
    let same = write(dir.path(), "same.toml", &format!("# a comment\n{C}"));
    nytta()
        .args(["diff", "--exit-code"])
        .arg(&old)
        .arg(&same)
        .assert()
        .code(0);
    // Markdown, Swedish.
    let out = nytta()
        .args(["diff", "--format", "markdown", "--lang", "sv"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Nuvärdesbrygga"), "{text}");
    assert!(text.contains("| Kalkylränta"), "{text}");
    // An invalid file is exit 2, not "differ".
    let bad = write(dir.path(), "bad.toml", "format = 1\n");
    nytta()
        .args(["diff", "--exit-code"])
        .arg(&old)
        .arg(&bad)
        .assert()
        .code(2);
}

mod bridge_property {
    use proptest::prelude::*;

    fn project(rate: u32, years: u32, inv: u32, ops: Option<u32>, fin: u32, hourly: u32, hours: u32) -> String {
        let mut t = format!(
            "format = 1\n[project]\nname = \"P\"\norganisation = \"O\"\nstart_year = 2025\nyears = {years}\n\
             [assumptions]\ndiscount_rate = \"{rate},5 %\"\nhourly_cost = {hourly}\n\
             [[costs]]\nid = \"bygg\"\nname = \"Bygg\"\ncategory = \"investment\"\namounts = {{ 2025 = {inv} }}\n"
        );
        if let Some(ops) = ops {
            t.push_str(&format!(
                "[[costs]]\nname = \"Drift\"\ncategory = \"operations\"\nannual = {ops}\n"
            ));
        }
        t.push_str(&format!(
            "[[benefits]]\nname = \"Porto\"\nclass = \"financial\"\nannual = {fin}\ngrowth = \"2 %\"\n\
             [[benefits]]\nname = \"Tid\"\nclass = \"reallocation\"\nannual_hours = {hours}\n"
        ));
        t
    }

    fn arb() -> impl Strategy<Value = String> {
        (
            0u32..9,
            2u32..8,
            1u32..9_999_999,
            proptest::option::of(1u32..99_999),
            0u32..999_999,
            300u32..900,
            0u32..5000,
        )
            .prop_map(|(r, y, i, o, f, h, hh)| project(r, y, i, o, f, h, hh))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn bridge_steps_sum_exactly_to_the_npv_difference(old in arb(), new in arb()) {
            let d = nytta::diff::diff(&old, &new).unwrap();
            let sum: rust_decimal::Decimal = d.bridge.iter().map(|s| s.effect).sum();
            prop_assert_eq!(sum, d.new_npv - d.old_npv);
            for dp in [0, 2] {
                let rounded: rust_decimal::Decimal = d.rounded_effects(dp).iter().sum();
                prop_assert_eq!(rounded, nytta::fmt::round(d.new_npv, dp) - nytta::fmt::round(d.old_npv, dp));
            }
        }
    }
}

#[test]
fn duplicates_warn_w302_naming_both_and_dedupe_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = write(dir.path(), "c-v1.toml", C);
    // v2: the same project id, another investment.
    let v2 = write(dir.path(), "c-v2.toml", &C.replace("110000 }", "100000 }"));
    // A copy of B under another name, only its comments differ: the same content.
    write(dir.path(), "b.toml", B);
    write(dir.path(), "b-copy.toml", &format!("# a copy\n{B}"));
    let out = nytta()
        .args(["batch", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let findings: Vec<String> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap().clone())
        .filter(|f| f["code"] == "W302")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    let d = dir.path().display();
    assert_eq!(
        findings,
        vec![
            format!("{d}/b.toml has the same content as {d}/b-copy.toml"),
            format!("{d}/c-v2.toml has the same project id `C-1` as {d}/c-v1.toml"),
        ]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("4 submissions"));

    // --dedupe: c-v1 made newer than c-v2; b-copy older than b.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    let new = old + std::time::Duration::from_secs(3600);
    let touch = |p: &Path, t| {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(t)
            .unwrap()
    };
    touch(&v1, new);
    touch(&v2, old);
    touch(&dir.path().join("b-copy.toml"), old);
    touch(&dir.path().join("b.toml"), new);
    let out = nytta().args(["batch", "--dedupe"]).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "leaving out {d}/b-copy.toml (W302: the same project as {d}/b.toml, which is newer)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "leaving out {d}/c-v2.toml (W302: the same project as {d}/c-v1.toml, which is newer)"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("2 submissions"), "{stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("W302"), "{text}");
}

#[test]
fn follow_up_forecasts_by_trend_by_default_and_carries_comments() {
    let example = "examples/uppfoljning-bygglov.toml";
    let actuals = "examples/utfall-2025.csv";
    let run = |extra: &[&str]| {
        let out = nytta()
            .args([
                "follow-up",
                example,
                "--actuals",
                actuals,
                "--as-of",
                "2025",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .unwrap();
        json_of(&out.stdout)
    };
    let trend = run(&[]);
    let plan = run(&["--forecast", "plan"]);
    assert_eq!(trend["forecast"], "trend");
    assert_eq!(plan["forecast"], "plan");
    // The benefits run about a third behind: the trend forecast is below the plan's.
    assert!(dec(&trend["reforecast"]["npv"]) < dec(&plan["reforecast"]["npv"]));
    // Up to 2025 both take the actuals: the same figures.
    assert_eq!(trend["reforecast"]["years"][2], plan["reforecast"]["years"][2]);
    // Handläggning (benefit): 2024 and 2025 actuals against plan.
    let rate = trend["trends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["line"] == "handlaggning")
        .unwrap()["rate"]
        .clone();
    let rows = trend["rows"].as_array().unwrap();
    let (mut a, mut p) = (rust_decimal::Decimal::ZERO, rust_decimal::Decimal::ZERO);
    for r in rows
        .iter()
        .filter(|r| r["line"] == "handlaggning" && r["kind"] == "benefit" && !r["actual"].is_null())
    {
        a += dec(&r["actual"]);
        p += dec(&r["planned"]);
    }
    let want = nytta::fmt::rate_plain(a / p);
    // The rows are rounded to the öre, the rate from exact figures: equal to 6 decimals.
    assert_eq!(rate.as_str().unwrap(), want);
    // The kommentar column of the Excel CSV, next to its line and year, even without an amount.
    let comment = rows
        .iter()
        .find(|r| r["line"] == "forvaltning" && r["year"] == 2025)
        .unwrap();
    assert_eq!(comment["comment"], "IT-enheten har inte lämnat utfallet ännu");
    assert!(comment["actual"].is_null());
}

#[test]
fn portfolio_follow_up_worst_first_with_group_sums() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", A);
    write(dir.path(), "b.toml", B);
    write(dir.path(), "c.toml", C);
    // C's actuals for 2025 from --actuals-dir, matched by project id (C-1.csv): cost
    // 120000 against 110000 planned, benefit and harvest 60500 against 121000.
    let act = dir.path().join("utfall");
    std::fs::create_dir(&act).unwrap();
    write(
        &act,
        "C-1.csv",
        "line,year,amount,kind\nBygg,2025,120000,\nPorto,2025,60500,benefit\nPorto,2025,60500,harvest\n",
    );
    let out = nytta()
        .args([
            "batch",
            "--follow-up",
            "--as-of",
            "2025",
            "--format",
            "json",
            "--actuals-dir",
        ])
        .arg(&act)
        .arg(dir.path().join("a.toml"))
        .arg(dir.path().join("b.toml"))
        .arg(dir.path().join("c.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out.stdout);
    let projects = v["projects"].as_array().unwrap();
    // Worst first: A harvested nothing of its 70000 (50000 + 20000) planned for 2025
    // (rate 0), C half (0.5); B starts in 2026, so nothing is due yet (no rate).
    let order: Vec<&str> = projects.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(order, vec!["A-1", "C-1", "B-1"]);
    let c = &projects[1];
    assert_eq!(
        [
            &c["planned_costs"],
            &c["actual_costs"],
            &c["planned_benefits"],
            &c["actual_benefits"]
        ],
        ["110000.00", "120000.00", "121000.00", "60500.00"]
    );
    assert_eq!(
        [&c["planned_harvest"], &c["actual_harvest"], &c["realisation_rate"]],
        ["121000.00", "60500.00", "0.500000"]
    );
    // Harvest 50 % behind (W201), cost 9 % over (no W202: within 10 %).
    assert_eq!(c["flags"], serde_json::json!(["W201"]));
    assert_eq!(projects[0]["planned_harvest"], "70000.00");
    assert_eq!(projects[0]["realisation_rate"], "0.000000");
    // Groups by organisation: Kultur (C), Stadsdel (A and B: harvest 70000 planned, 0 actual).
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups[0]["group"], "Kultur");
    assert_eq!(groups[1]["group"], "Stadsdel");
    assert_eq!(groups[1]["projects"], 2);
    assert_eq!(
        [&groups[1]["planned_harvest"], &groups[1]["realisation_rate"]],
        ["70000.00", "0.000000"]
    );

    // CSV and table.
    let out = nytta()
        .args(["batch", "--follow-up", "--as-of", "2025"])
        .arg(dir.path().join("c.toml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("source,id,name,group,as_of,planned_costs,actual_costs"),
        "{text}"
    );
    assert!(text.contains("\r\n\r\ngroup,projects,overdue,planned_costs"), "{text}");
    nytta()
        .args(["batch", "--follow-up", "--format", "table", "--lang", "en"])
        .arg(dir.path().join("c.toml"))
        .assert()
        .success()
        .stdout(predicates::str::contains("Portfolio follow-up, worst first"));
}

/// One actuals CSV for the whole portfolio (`--actuals FILE`), as Swedish Excel saves it:
/// `;`, decimal commas, Windows-1252. A by id (`A-1`) and by file stem (`a`), C by id and
/// stem; two rows name no project of the batch.
const PORTFOLIO_ACTUALS: &[u8] = b"project;line;year;amount;kind;kommentar\r\n\
A-1;Bygg;2025;90 000,00;;\r\n\
a;Porto;2025;25 000;harvest;H\xe4lften hemtagen\r\n\
C-1;Bygg;2025;120 000;;\r\n\
C-1;Porto;2025;60 500,00;benefit;\r\n\
c;Porto;2025;60500;harvest;\r\n\
X-9;Bygg;2025;1;;\r\n\
C1;Bygg;2025;5;;\r\n\
C1;Porto;2025;;;\r\n";

#[test]
fn portfolio_follow_up_reads_one_actuals_csv_with_a_project_column() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let csv = dir.path().join("utfall.csv");
    std::fs::write(&csv, PORTFOLIO_ACTUALS).unwrap();
    let run = |extra: &[&str]| {
        nytta()
            .args([
                "batch",
                "--follow-up",
                "--as-of",
                "2025",
                "--format",
                "json",
                "--actuals",
            ])
            .arg(&csv)
            .args(extra)
            .arg(dir.path().join("a.toml"))
            .arg(dir.path().join("b.toml"))
            .arg(dir.path().join("c.toml"))
            .output()
            .unwrap()
    };
    let out = run(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v = json_of(&out.stdout);
    let projects = v["projects"].as_array().unwrap();
    // A: harvest 25000 of 50000 (Porto) + 20000 (Tid) planned for 2025 = 25000 / 70000
    // = 0.357142…; C: 60500 / 121000 = 0.5; B: nothing due. Worst first: A, C, B.
    let order: Vec<&str> = projects.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(order, vec!["A-1", "C-1", "B-1"]);
    let a = &projects[0];
    // A's costs: Bygg 100000 planned (Drift 0), 90000 actual; no benefit actual (0 of
    // 70000). Rows by id (Bygg) and by file stem (Porto harvest) both count.
    assert_eq!(
        [
            &a["planned_costs"],
            &a["actual_costs"],
            &a["planned_benefits"],
            &a["actual_benefits"]
        ],
        ["100000.00", "90000.00", "70000.00", "0.00"]
    );
    assert_eq!(
        [&a["planned_harvest"], &a["actual_harvest"], &a["realisation_rate"]],
        ["70000.00", "25000.00", "0.357143"]
    );
    let c = &projects[1];
    assert_eq!(
        [
            &c["actual_costs"],
            &c["actual_benefits"],
            &c["actual_harvest"],
            &c["realisation_rate"]
        ],
        ["120000.00", "60500.00", "60500.00", "0.500000"]
    );
    // Stadsdel (A and B): harvest 25000 of 70000; costs 100000 (A 2025; B starts 2026)
    // against 90000.
    let stadsdel = &v["groups"][1];
    assert_eq!(stadsdel["group"], "Stadsdel");
    assert_eq!(
        [
            &stadsdel["planned_costs"],
            &stadsdel["actual_costs"],
            &stadsdel["actual_harvest"]
        ],
        ["100000.00", "90000.00", "25000.00"]
    );
    // Rows 7 and 8 name no project (row 9 is unfilled, skipped): warned, with a guess.
    assert!(
        stderr.contains("utfall.csv: row 7: project `X-9` is none of the projects"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "row 8: project `C1` is none of the projects (by project id or file name); not counted. Did you mean `C-1`?"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("row 9"), "{stderr}");
    // NPV as planned and re-forecast (actuals to 2025, then trend):
    //   A (rate 0): plan 140000 − 100000 = 40000; re-forecast: cost 90000 (actual), no
    //     benefit actual, so the benefits keep their plan: 140000 − 90000 = 50000.
    //   C (10 %): plan 121000; 2025 actual −120000 + 60500 = −59500; Porto ran at
    //     60500 / 121000 = 0.5, so 2026 is 60500 / 1.1 = 55000: −4500.
    //   B (starts 2026, nothing due): −40000 both.
    // Portfolio: plan 40000 + 121000 − 40000 = 121000; re-forecast 50000 − 4500 − 40000 = 5500.
    assert_eq!(v["forecast"], "trend");
    assert_eq!([&a["planned_npv"], &a["forecast_npv"]], ["40000.00", "50000.00"]);
    assert_eq!([&c["planned_npv"], &c["forecast_npv"]], ["121000.00", "-4500.00"]);
    assert_eq!(
        [
            &v["total"]["planned_npv"],
            &v["total"]["forecast_npv"],
            &v["total"]["projects"]
        ],
        [
            &serde_json::json!("121000.00"),
            &serde_json::json!("5500.00"),
            &serde_json::json!(3)
        ]
    );
    // --forecast plan: C's 2026 keeps its plan, 121000 / 1.1 = 110000: −59500 + 110000 =
    // 50500; the portfolio 50000 + 50500 − 40000 = 60500.
    let plan = json_of(&run(&["--forecast", "plan"]).stdout);
    assert_eq!(plan["forecast"], "plan");
    assert_eq!(plan["projects"][1]["forecast_npv"], "50500.00");
    assert_eq!(plan["total"]["forecast_npv"], "60500.00");
    // --deny-warnings: rows that count for no project fail the run.
    assert_eq!(run(&["--deny-warnings"]).status.code(), Some(1));
    // In Swedish.
    let out = nytta()
        .args(["--lang", "sv", "batch", "--follow-up", "--as-of", "2025", "--actuals"])
        .arg(&csv)
        .arg(dir.path().join("c.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nytta: varning: ") && stderr.contains("rad 2: projektet `A-1` finns inte bland projekten"),
        "{stderr}"
    );
}

#[test]
fn portfolio_actuals_csv_problems_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let c = dir.path().join("c.toml");
    let run = |csv: &str| {
        let path = write(dir.path(), "utfall.csv", csv);
        nytta()
            .args([
                "batch",
                "--follow-up",
                "--as-of",
                "2025",
                "--format",
                "json",
                "--actuals",
            ])
            .arg(path)
            .arg(&c)
            .output()
            .unwrap()
    };
    // No project column: the whole file is refused with its header located (exit 1).
    let out = run("line,year,amount\nBygg,2025,1\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("utfall.csv:1:1: error[E003]"), "{stderr}");
    assert!(stderr.contains("`project`"), "{stderr}");
    assert!(out.stdout.is_empty());
    // An unknown line of C: C cannot be followed up, the value located in the whole file.
    let out = run("project,line,year,amount\nC-1,Bygg,2025,1\nC-1,Bgyg,2025,2\n");
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out.stdout);
    let error = v["projects"][0]["error"].as_str().unwrap();
    assert!(error.ends_with("utfall.csv:3:5: unknown line `Bgyg`"), "{error}");
    // The same line and year under the id and the file stem: a second row (E007).
    let out = run("project,line,year,amount\nC-1,Bygg,2025,1\nc,Bygg,2025,2\n");
    let v = json_of(&out.stdout);
    assert!(
        v["projects"][0]["error"]
            .as_str()
            .unwrap()
            .contains("a second `cost` row")
    );
    // A file that is not there: exit 2. --actuals without --follow-up: usage, exit 2.
    nytta()
        .args(["batch", "--follow-up", "--actuals", "nowhere.csv"])
        .arg(&c)
        .assert()
        .code(2);
    nytta().args(["batch", "--actuals", "x.csv"]).arg(&c).assert().code(2);
    nytta()
        .args(["batch", "--follow-up", "--csv", "x.csv"])
        .arg(&c)
        .assert()
        .code(2);
}

#[test]
fn portfolio_follow_up_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let csv = dir.path().join("utfall.csv");
    std::fs::write(&csv, PORTFOLIO_ACTUALS).unwrap();
    let run = |format: &str, out: Option<&Path>| {
        let mut cmd = nytta();
        cmd.args([
            "--lang",
            "sv",
            "batch",
            "--follow-up",
            "--as-of",
            "2025",
            "--format",
            format,
            "--actuals",
        ])
        .arg(&csv)
        .arg(dir.path());
        if let Some(out) = out {
            cmd.arg("-o").arg(out);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    // The same figures as the JSON test: the portfolio plans 121 000 kr of NPV and now
    // forecasts 5 500 kr; harvest 25 000 + 60 500 = 85 500 of 70 000 + 121 000 = 191 000.
    let table = run("table", None);
    assert!(table.contains("Portföljuppföljning, sämst först"), "{table}");
    assert!(table.contains("Hela portföljen"), "{table}");
    assert!(table.contains("85 500") && table.contains("191 000"), "{table}");
    assert!(table.contains("Avvikelser per projekt"), "{table}");
    let md = run("markdown", None);
    assert!(md.starts_with("# Portföljuppföljning"), "{md}");
    assert!(md.contains("| **Hela portföljen** |   **3** |"), "{md}");
    let html = run("html", None);
    assert!(html.contains("<html lang=\"sv\">") && html.contains("<h1>Portföljuppföljning</h1>"));
    assert!(html.contains("Nettonuvärde<br>prognos"), "{html}");
    // xlsx: projects, groups (the whole portfolio last) and flags, Swedish headers,
    // numbers as numbers.
    let xlsx = dir.path().join("uppfoljning.xlsx");
    run("xlsx", Some(&xlsx));
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Projekt", "Grupper", "Avvikelser att åtgärda"]);
    let projects = wb.worksheet_range("Projekt").unwrap();
    let header: Vec<String> = projects.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header[..6],
        [
            "Namn",
            "Diarienummer",
            "Grupp",
            "År",
            "Kostnader, plan",
            "Kostnader, utfall"
        ]
        .map(String::from)
    );
    assert!(header.contains(&"Nettonuvärde prognos".to_string()), "{header:?}");
    // Worst first: A (harvest 25000 of 70000), then C, then B.
    let a = projects.rows().nth(1).unwrap();
    assert_eq!(a[1], Data::String("A-1".into()));
    assert_eq!(a[5], Data::Float(90000.0));
    let groups = wb.worksheet_range("Grupper").unwrap();
    let last = groups.rows().next_back().unwrap();
    assert_eq!(last[0], Data::String("Hela portföljen".into()));
    assert_eq!(last[1], Data::Float(3.0));
    let npv = header.iter().position(|h| h == "Nettonuvärde prognos").unwrap() - 1;
    assert_eq!(last[npv], Data::Float(5500.0));
    let flags = wb.worksheet_range("Avvikelser att åtgärda").unwrap();
    // C's harvest ran 50 % behind: W201, in Swedish.
    assert!(
        flags
            .rows()
            .any(|r| r[2] == Data::String("W201".into()) && r[3].to_string().contains("hemtaget 60 500 kr")),
        "{:?}",
        flags.rows().collect::<Vec<_>>()
    );
    // CSV for Swedish Excel: headers worded for people.
    let out = nytta()
        .args(["--lang", "sv", "batch", "--follow-up", "--as-of", "2025", "--excel"])
        .arg(dir.path().join("c.toml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Kostnader, plan;Kostnader, utfall"), "{text}");
    assert!(text.contains("Nettonuvärde, prognos"), "{text}");
    // Overdue in Swedish under a Swedish header; the plain CSV keeps `yes`/`no`.
    let overdue = |text: &str, sep: char| -> Vec<String> {
        let mut lines = text.trim_start_matches('\u{feff}').lines();
        let head: Vec<&str> = lines.next().unwrap().split(sep).collect();
        let i = head.iter().position(|h| h.contains("W204") || *h == "overdue").unwrap();
        lines
            .take_while(|l| !l.is_empty())
            .map(|l| l.split(sep).nth(i).unwrap().to_string())
            .collect()
    };
    let swedish = overdue(&text, ';');
    assert!(
        !swedish.is_empty() && swedish.iter().all(|v| v == "ja" || v == "nej"),
        "{text}"
    );
    let out = nytta()
        .args([
            "--lang",
            "sv",
            "batch",
            "--follow-up",
            "--as-of",
            "2025",
            "--format",
            "csv",
        ])
        .arg(dir.path().join("c.toml"))
        .output()
        .unwrap();
    let plain = String::from_utf8(out.stdout).unwrap();
    let keys = overdue(&plain, ',');
    assert!(
        !keys.is_empty() && keys.iter().all(|v| v == "yes" || v == "no"),
        "{plain}"
    );
}

#[test]
fn dedupe_keeps_the_later_row_of_a_submissions_csv() {
    let dir = tempfile::tempdir().unwrap();
    // Rate 0, 2025–2026, benefits from the start: NPV = 2 × financial − investment.
    // Row 2: S-1, 2 × 60000 − 100000 = 20000; row 3: S-2, 2 × 30000 − 50000 = 10000;
    // row 4: S-1 resubmitted, 2 × 60000 − 90000 = 30000; row 5: row 3 again.
    let csv = write(
        dir.path(),
        "ansokningar.csv",
        "id,name,organisation,start_year,years,discount_rate,investment,financial_annual\n\
         S-1,Ett,Kultur,2025,2,0,100000,60000\n\
         S-2,Två,Kultur,2025,2,0,50000,30000\n\
         S-1,Ett v2,Kultur,2025,2,0,90000,60000\n\
         S-2,Två,Kultur,2025,2,0,50000,30000\n",
    );
    // A project file S-1 written before the CSV: older than its rows, left out too.
    let file = write(dir.path(), "s-1.toml", &C.replace("C-1", "S-1"));
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let run = |extra: &[&str]| {
        nytta()
            .args(["batch", "--format", "json", "--group-by", "organisation", "--csv"])
            .arg(&csv)
            .args(extra)
            .arg(&file)
            .output()
            .unwrap()
    };
    // Without --dedupe: W302 on the later of each pair, naming both.
    let v = json_of(&run(&[]).stdout);
    let c = csv.display();
    let w302: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .filter(|f| f["code"] == "W302")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    // Files come first, so the rows of S-1 are named against the file.
    let f = file.display();
    assert_eq!(
        w302,
        vec![
            format!("{c}:2 has the same project id `S-1` as {f}"),
            format!("{c}:4 has the same project id `S-1` as {f}"),
            format!("{c}:5 has the same content as {c}:3"),
        ]
    );
    // --dedupe: the file is older than the CSV; of the rows the later wins.
    let out = run(&["--dedupe"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (dropped, kept, why) in [
        (format!("{f}"), format!("{c}:2"), "which is newer"),
        (
            format!("{c}:2"),
            format!("{c}:4"),
            "which comes later (the same modification time)",
        ),
        (
            format!("{c}:3"),
            format!("{c}:5"),
            "which comes later (the same modification time)",
        ),
    ] {
        assert!(
            stderr.contains(&format!(
                "leaving out {dropped} (W302: the same project as {kept}, {why})"
            )),
            "{stderr}"
        );
    }
    assert!(stderr.contains("2 submissions"), "{stderr}");
    let v = json_of(&out.stdout);
    let kept: Vec<(&str, &str)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["npv"].as_str().unwrap()))
        .collect();
    let (r4, r5) = (format!("{c}:4"), format!("{c}:5"));
    assert_eq!(kept, vec![(r4.as_str(), "30000.00"), (r5.as_str(), "10000.00")]);
    // Kultur: 30000 + 10000 = 40000, no W302 left.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("W302"));
    let kultur = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "Kultur" && g["year"].is_null());
    assert_eq!(
        kultur.map(|g| g["npv"].clone()),
        Some(serde_json::json!("40000.00")),
        "{}",
        v["groups"]
    );
    // In Swedish.
    let out = nytta()
        .args(["--lang", "sv", "batch", "--dedupe", "--csv"])
        .arg(&csv)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "utelämnar {c}:2 (W302: samma projekt som {c}:4, som kommer senare"
        )),
        "{stderr}"
    );
}

#[test]
fn the_guides_portfolio_follow_up_on_the_bundled_examples() {
    // docs/controller-guide-{sv,en}.md, section 14.
    let out = nytta()
        .args([
            "batch",
            "examples/",
            "--follow-up",
            "--actuals",
            "examples/utfall-portfolj.csv",
            "--as-of",
            "2025",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Every row belongs to a project: no warning.
    assert!(!stderr.contains("warning"), "{stderr}");
    let v = json_of(&out.stdout);
    let by_source = |s: &str| {
        v["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["source"] == s)
            .unwrap()
            .clone()
    };
    // bokningssystem has no id: its rows by file stem, projekt 520000 + licens 4000.
    let b = by_source("examples/bokningssystem.toml");
    assert_eq!(b["actual_costs"], "524000.00");
    // SBF-2022-087 by id: harvest 2025 = 150000 + 10125 + 50000 = 210125 from the CSV, and
    // 20000 for 2024 from the file's own actuals: 230125. The NPVs the guide quotes.
    let u = by_source("examples/uppfoljning-bygglov.toml");
    assert_eq!(u["actual_harvest"], "230125.00");
    assert_eq!([&u["planned_npv"], &u["forecast_npv"]], ["478840.19", "-677824.33"]);
}

#[test]
fn batch_tables_for_people_are_swedish_with_lang_sv() {
    for format in ["table", "markdown", "html"] {
        let out = nytta()
            .args(["--lang", "sv", "batch", "examples/", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        // Statuses and the NPV header in Swedish; JSON and CSV keep `ok`/`warnings`.
        assert!(
            text.contains("utan anmärkning") && text.contains("varningar"),
            "{format}: {text}"
        );
        assert!(
            text.contains("Nettonuvärde") || text.contains("Netto-"),
            "{format}: {text}"
        );
        assert!(!text.contains("| ok ") && !text.contains("┆ ok "), "{format}: {text}");
    }
}
