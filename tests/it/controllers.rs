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
