//! `report --format xlsx`: every example's workbook read back with calamine — sheets,
//! numbers as numbers, totals as formulas whose values equal the JSON report's.

use crate::cli::nytta;
use calamine::{Data, Reader, Xlsx, open_workbook};

const SV: [&str; 8] = [
    "Sammanfattning",
    "Förutsättningar",
    "År",
    "Poster",
    "Intressenter",
    "Vinsthemtagning",
    "Känslighet",
    "Anmärkningar",
];
const EN: [&str; 8] = [
    "Summary",
    "Assumptions",
    "Years",
    "Lines",
    "Stakeholders",
    "Benefit realisation",
    "Sensitivity",
    "Findings",
];

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn json_number(v: &serde_json::Value) -> f64 {
    v.as_str().unwrap().parse().unwrap()
}

fn workbook(file: &str, lang: &str, dir: &std::path::Path) -> (Xlsx<std::io::BufReader<std::fs::File>>, Vec<u8>) {
    let out = dir.join(format!("{lang}.xlsx"));
    nytta()
        .args(["report", file, "--format", "xlsx", "--lang", lang, "-o"])
        .arg(&out)
        .assert()
        .stdout("");
    let bytes = std::fs::read(&out).unwrap();
    (open_workbook(&out).unwrap(), bytes)
}

#[test]
fn every_example_reads_back_with_formulas_equal_to_the_json() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let f = path.to_str().unwrap();
        let out = nytta().args(["report", f, "--format", "json"]).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let s = &json["summary"];
        for (lang, names) in [("sv", SV), ("en", EN)] {
            let (mut book, _) = workbook(f, lang, dir.path());
            assert_eq!(book.sheet_names(), names, "{f}");
            // Summary: labels in A, numbers in B; formulas with nytta's values.
            let summary = book.worksheet_range(names[0]).unwrap();
            let formulas = book.worksheet_formula(names[0]).unwrap();
            let value = |row: u32| num(summary.get_value((row, 1)).unwrap());
            let formula = |row: u32| formulas.get_value((row, 1)).cloned().unwrap_or_default();
            let close = |a: f64, b: f64, what: &str| assert!((a - b).abs() <= 0.0051, "{f} {lang} {what}: {a} != {b}");
            close(value(4), json_number(&s["total_costs"]), "total costs");
            assert!(formula(4).contains("SUM(B2:B4)"), "{}", formula(4));
            close(value(7), json_number(&s["total_benefits"]), "total benefits");
            close(value(11), json_number(&s["net"]), "net");
            close(value(13), json_number(&s["discount_rate"]), "rate");
            close(value(16), json_number(&s["npv"]), "npv");
            assert!(formula(16).contains("B16-B15"));
            close(value(22), json_number(&s["planned_harvest"]), "harvest");
            // Years: a row per year and a total row of SUM formulas.
            let years = book.worksheet_range(names[2]).unwrap();
            let yf = book.worksheet_formula(names[2]).unwrap();
            let n = json["years"].as_array().unwrap().len() as u32;
            assert_eq!(years.height() as u32, n + 2, "{f}");
            for (i, y) in json["years"].as_array().unwrap().iter().enumerate() {
                let r = i as u32 + 1;
                assert_eq!(num(years.get_value((r, 0)).unwrap()), y["year"].as_f64().unwrap());
                close(
                    num(years.get_value((r, 4)).unwrap()),
                    json_number(&y["costs"]),
                    "year costs",
                );
                close(
                    num(years.get_value((r, 8)).unwrap()),
                    json_number(&y["net"]),
                    "year net",
                );
            }
            close(
                num(years.get_value((n + 1, 4)).unwrap()),
                json_number(&s["total_costs"]),
                "sum costs",
            );
            assert!(yf.get_value((n + 1, 4)).unwrap().starts_with("SUM(E2:E"));
            close(
                num(years.get_value((n + 1, 12)).unwrap()),
                json_number(&s["pv_benefits"]),
                "pv benefits",
            );
            // Stakeholders: NPV per stakeholder.
            let st = book.worksheet_range(names[4]).unwrap();
            for (i, sh) in json["stakeholders"].as_array().unwrap().iter().enumerate() {
                close(
                    num(st.get_value((i as u32 + 1, 6)).unwrap()),
                    json_number(&sh["npv"]),
                    "stakeholder npv",
                );
            }
        }
    }
}

#[test]
fn workbook_bytes_are_reproducible_and_text_is_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.toml");
    std::fs::write(
        &file,
        crate::cli::VALID.replace("name = \"Porto\"", "name = \"=HYPERLINK(1)\""),
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let (mut book, first) = workbook(f, "sv", dir.path());
    let (_, second) = workbook(f, "sv", dir.path());
    assert_eq!(first, second);
    let lines = book.worksheet_range("Poster").unwrap();
    let names: Vec<String> = lines.rows().map(|r| r[0].to_string()).collect();
    assert!(names.contains(&"'=HYPERLINK(1)".to_string()), "{names:?}");
}

#[test]
fn xlsx_needs_an_output_file() {
    nytta()
        .args(["report", "examples/worked-example.toml", "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("-o FILE.xlsx"));
}

/// Files for people speak the reader's language (issue 10, item 1): the batch workbook's
/// sheet names, headings, statuses and severities, and `--excel` CSV headings, are
/// Swedish with `--lang sv` and English with `--lang en`; plain CSV keeps the English
/// keys for scripts.
#[test]
fn batch_workbook_and_excel_csv_speak_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let examples: Vec<String> = ["delad-tjanst", "worked-example"]
        .iter()
        .map(|e| format!("{}/examples/{e}.toml", env!("CARGO_MANIFEST_DIR")))
        .collect();
    let header = |wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str| -> Vec<String> {
        let range = wb.worksheet_range(sheet).unwrap();
        range.rows().next().unwrap().iter().map(|c| c.to_string()).collect()
    };
    for (lang, sheets, want, status) in [
        (
            "sv",
            [
                "Resultat",
                "Grupper",
                "Anmärkningar",
                "Intressenter",
                "Intressenter per år",
            ],
            ["Källa", "Nettonuvärde", "Återbetalningsmånad", "Besparingskrav", "Mått"],
            "varningar",
        ),
        (
            "en",
            ["Results", "Groups", "Findings", "Stakeholders", "Stakeholders per year"],
            [
                "Source",
                "NPV",
                "Payback month",
                "Savings demand (besparingskrav)",
                "Measure",
            ],
            "warnings",
        ),
    ] {
        let out = dir.path().join(format!("b-{lang}.xlsx"));
        nytta()
            .args([
                "batch",
                "--format",
                "xlsx",
                "--group-by",
                "stakeholder",
                "--by-year",
                "--lang",
                lang,
            ])
            .args(&examples)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        // Every sheet has an autofilter, the stakeholder sheets too.
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let parts: Vec<String> = zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .collect();
        assert_eq!(parts.len(), sheets.len(), "{parts:?}");
        for part in parts {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&part).unwrap(), &mut xml).unwrap();
            assert!(xml.contains("<autoFilter ref=\"A1:"), "{lang} {part}: no autofilter");
        }
        let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
        assert_eq!(wb.sheet_names(), sheets.map(String::from).to_vec(), "{lang}");
        let mut all = Vec::new();
        for sheet in sheets {
            let h = header(&mut wb, sheet);
            assert!(h.iter().all(|c| !c.contains('_')), "{lang} {sheet}: {h:?}");
            all.extend(h);
        }
        for w in want {
            assert!(all.iter().any(|h| h == w), "{lang}: {w} in {all:?}");
        }
        let results = wb.worksheet_range(sheets[0]).unwrap();
        assert!(results.rows().any(|r| r.iter().any(|c| *c == status)), "{lang}");
        // --excel CSV: headings for people; plain CSV: the keys.
        let csv = |excel: bool| {
            let mut cmd = nytta();
            cmd.args(["batch", "--format", "csv", "--group-by", "stakeholder", "--lang", lang]);
            if excel {
                cmd.arg("--excel");
            }
            String::from_utf8(cmd.args(&examples).output().unwrap().stdout).unwrap()
        };
        let excel = csv(true);
        let first = excel.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
        assert!(
            first.starts_with(if lang == "sv" {
                "Källa;Id;Namn"
            } else {
                "Source;Id;Name"
            }),
            "{first}"
        );
        assert!(
            !excel.contains("stakeholder_id") && !excel.contains("total_costs"),
            "{excel}"
        );
        assert!(csv(false).starts_with("source,id,name"), "{lang}");
    }
}

/// The workbook's findings say where as a reader knows it: a line 1-based and by its name
/// (`[[benefits]] nr 2 ”Name”`), never an internal path such as `benefits[1]`.
#[test]
fn workbook_findings_name_lines_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = format!("{}/examples/delad-tjanst.toml", env!("CARGO_MANIFEST_DIR"));
    let (mut wb, _) = workbook(&file, "sv", dir.path());
    let findings = wb.worksheet_range("Anmärkningar").unwrap();
    let places: Vec<String> = findings.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert!(!places.is_empty());
    assert!(
        places.iter().all(|p| !p.contains("benefits[") && !p.contains("costs[")),
        "{places:?}"
    );
    assert!(places.iter().all(|p| p != "stakeholders"), "{places:?}");
    assert!(
        places
            .iter()
            .any(|p| p == "[[benefits]] nr 2 ”Uppsagt avtal om extern telefonsupport för felanmälan”"),
        "{places:?}"
    );
    let (mut wb, _) = workbook(&file, "en", dir.path());
    let findings = wb.worksheet_range("Findings").unwrap();
    let places: Vec<String> = findings.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert!(
        places
            .iter()
            .any(|p| p == "[[benefits]] #2 \"Uppsagt avtal om extern telefonsupport för felanmälan\""),
        "{places:?}"
    );
}

/// A switching factor that cannot be reached shows as in the report's table: "–*" with
/// the same footnote, never a raw negative factor.
#[test]
fn workbook_unreachable_switching_factor_is_a_dash_with_the_tables_footnote() {
    let dir = tempfile::tempdir().unwrap();
    let file = format!("{}/examples/e-tjanst-bygglov.toml", env!("CARGO_MANIFEST_DIR"));
    for (lang, sheet, note) in [
        (
            "sv",
            "Känslighet",
            "* Nettonuvärdet förblir positivt även utan denna nytta.",
        ),
        (
            "en",
            "Sensitivity",
            "* The NPV stays positive even without this benefit.",
        ),
    ] {
        let (mut wb, _) = workbook(&file, lang, dir.path());
        let range = wb.worksheet_range(sheet).unwrap();
        let row = range.rows().find(|r| r[0] == "Minskat porto och utskrifter").unwrap();
        assert_eq!(row[3], Data::String("–*".into()), "{lang}: {row:?}");
        for r in range.rows().skip(1) {
            assert!(!matches!(r[3], Data::Float(f) if f < 0.0), "{lang}: {r:?}");
        }
        let table = nytta().args(["report", &file, "--lang", lang]).output().unwrap();
        let table = String::from_utf8(table.stdout).unwrap();
        assert!(table.contains(note), "{lang}: {table}");
        assert!(
            range.rows().any(|r| r[0] == *note),
            "{lang}: {:?}",
            range.rows().collect::<Vec<_>>()
        );
    }
}

/// A workbook is never written under another format's name: `-o portfolj.csv` with
/// `--format xlsx` is a usage error, and nothing is written.
#[test]
fn xlsx_under_a_csv_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/worked-example.toml");
    for command in [&["batch"][..], &["report"][..]] {
        let out = dir.path().join("portfolj.csv");
        nytta()
            .args(["--lang", "sv"])
            .args(command)
            .args([example, "--format", "xlsx", "-o"])
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("ge ett namn som slutar på .xlsx"));
        assert!(!out.exists(), "{command:?}");
    }
}
