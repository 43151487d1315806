//! `nytta batch`: many project files or a submissions CSV (docs/controller-guide-en.md, "The submissions spreadsheet") to one result row
//! each (docs/controller-guide-en.md, "Reading the results"), run as a controller would. Every figure is worked out by hand in a
//! comment next to it.

use crate::cli::{QUIET_VALID, VALID, nytta, write};
use predicates::prelude::*;
use std::path::Path;

/// The columns the batch output puts first (docs/controller-guide-en.md), in this order.
/// A column's heading for people in English (xlsx, `--excel` CSV), by its CSV key.
fn heading(key: &str) -> String {
    nytta::report::labels::column(key, nytta::report::Lang::En)
        .unwrap_or(key)
        .to_string()
}

const SPEC_COLUMNS: &str = "source,id,name,organisation,portfolio,status,errors,warnings,codes,total_costs,total_benefits,net,npv,bcr,irr,payback_month,planned_harvest,harvest_share";

const GROUP_HEADER: &str = "group,year,costs,benefits,npv,planned_harvest";

/// A three-year project: one investment in January–December of the first year
/// (`amounts`, spread over its 12 months), operations and a financial benefit every month
/// of the horizon (go-live defaults to January of `start`), the benefit taken home in full
/// by a named owner. With `ops = 0` there is no operations line (warning W102).
struct P<'a> {
    name: &'a str,
    org: &'a str,
    portfolio: &'a str,
    start: i32,
    rate: &'a str,
    inv: u64,
    ops: u64,
    fin: u64,
}

impl P<'_> {
    fn toml(&self) -> String {
        let P {
            name,
            org,
            portfolio,
            start,
            rate,
            inv,
            ops,
            fin,
        } = self;
        let mut t = format!(
            "format = 1\n[project]\nname = {name:?}\norganisation = {org:?}\nportfolio = {portfolio:?}\n\
             start_year = {start}\nyears = 3\n[assumptions]\ndiscount_rate = {rate:?}\n\
             [[costs]]\nname = \"Utveckling\"\ncategory = \"investment\"\namounts = {{ {start} = {inv} }}\n"
        );
        if *ops > 0 {
            t.push_str(&format!(
                "[[costs]]\nname = \"Drift\"\ncategory = \"operations\"\nannual = {ops}\n"
            ));
        }
        t.push_str(&format!(
            "[[benefits]]\nname = \"Besparing\"\nclass = \"financial\"\nconfidence = \"high\"\nannual = {fin}\n\
             [benefits.realisation]\nowner = \"Ekonomichef\"\nmethod = \"budget_reduction\"\n"
        ));
        t
    }
}

/// Rate 0. Costs 300000 + 3 × 12000 = 336000, benefits 3 × 132000 = 396000,
/// NPV = net = 60000, BCR 396000 / 336000 = 1.178571.
/// Per year: 2025 costs 312000, benefits 132000, net −180000; 2026 and 2027: 12000, 132000, +120000.
/// Payback: 2025 is 11000 − 1000 − 25000 = −15000 a month (−180000 at its end), then
/// +10000 a month: back at 0 after 18 months, end of June 2027.
const P1: P = P {
    name: "Bokning",
    org: "Kultur",
    portfolio: "Fritid",
    start: 2025,
    rate: "0",
    inv: 300000,
    ops: 12000,
    fin: 132000,
};

/// Rate 0, 2026–2028. Costs 100000 + 3 × 10000 = 130000, benefits 3 × 60000 = 180000,
/// NPV = 50000, BCR 180000 / 130000 = 1.384615.
/// Per year: 2026 costs 110000, benefits 60000, net −50000; 2027, 2028: 10000, 60000, +50000.
/// Payback: 5000 − 833.33 − 8333.33 = −4166.67 a month in 2026, +4166.67 after:
/// 12 months more, end of December 2027.
const P2: P = P {
    name: "Bibliotek",
    org: "Kultur",
    portfolio: "Digital",
    start: 2026,
    rate: "0",
    inv: 100000,
    ops: 10000,
    fin: 60000,
};

/// Rate 10 %. Costs 200000 + 3 × 20000 = 260000, benefits 3 × 110000 = 330000, net 70000.
/// Per year net −110000, +90000, +90000; discounted −110000, 90000/1.1 = 81818.18,
/// 90000/1.21 = 74380.17; NPV = 46198.347… = 46198.35 (the rounded years would sum to
/// 46198.35 too, by luck; the group totals below are not so lucky).
/// PV benefits 110000 + 100000 + 90909.09 = 300909.09, PV costs 220000 + 18181.82 +
/// 16528.93 = 254710.74, BCR 1.181376.
/// Payback: 9166.67 − 1666.67 − 16666.67 = −9166.67 a month in 2025 (−110000), then
/// +7500 a month: −5000 after 14 months, +2500 after 15: end of March 2027.
const P3: P = P {
    name: "Skolportal",
    org: "Skola",
    portfolio: "Digital",
    start: 2025,
    rate: "10 %",
    inv: 200000,
    ops: 20000,
    fin: 110000,
};

/// The codes of a row without the realism rules that a submissions-CSV row (flat annual
/// benefits of medium confidence, operations given as one figure) may trigger.
fn without_realism(codes: &str) -> String {
    codes
        .split(' ')
        .filter(|c| !c.is_empty() && !["W105", "W116"].contains(c))
        .collect::<Vec<_>>()
        .join(" ")
}

const BROKEN: &str = "format = 1\n[project\nname = \"Trasig\"\n";

/// A parsed CSV: the header and the rows.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn parse(text: &str, delimiter: u8) -> Table {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<String>>());
        let header = records.next().expect("a header");
        Table {
            header,
            rows: records.collect(),
        }
    }
    fn col(&self, name: &str) -> usize {
        // A key (plain CSV) or its English heading (`--excel`).
        self.header
            .iter()
            .position(|h| h == name || *h == heading(name))
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }
    fn get(&self, row: usize, name: &str) -> &str {
        let c = self.col(name);
        self.rows[row].get(c).map_or("", String::as_str)
    }
    fn column(&self, name: &str) -> Vec<&str> {
        (0..self.rows.len()).map(|r| self.get(r, name)).collect()
    }
}

/// Split batch CSV output into the results and the group table (after the separator line).
fn split_groups(text: &str) -> (&str, &str) {
    let at = text
        .find(&format!("{GROUP_HEADER}\r\n"))
        .unwrap_or_else(|| panic!("no group table in {text}"));
    let results = text[..at]
        .strip_suffix("\"\"\r\n")
        .or_else(|| text[..at].strip_suffix("\r\n"))
        .unwrap();
    (results, &text[at + GROUP_HEADER.len() + 2..])
}

fn stdout_of(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// The three projects of the group and rank tests, and a broken file (sorted last).
fn portfolio_dir(dir: &Path) {
    write(dir, "p1.toml", &P1.toml());
    write(dir, "p2.toml", &P2.toml());
    write(dir, "p3.toml", &P3.toml());
    write(dir, "p4-trasig.toml", BROKEN);
}

// ---------------------------------------------------------------- files and exit codes

/// The `source` column of a batch table, as paths under `root` with `/` separators.
fn sources_under(t: &Table, root: &Path) -> Vec<String> {
    t.column("source")
        .iter()
        .map(|s| {
            Path::new(s)
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Siblings come in the byte order of their names, a folder's files where its name
/// sorts (`b` before `b.toml`, `a-b` before `a.`, capitals first), whatever the order
/// the folder lists them in.
#[test]
fn batch_orders_files_by_name_folder_by_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    std::fs::create_dir_all(root.join("b").join("z")).unwrap();
    for name in [
        "b.toml",
        "ab.toml",
        "a.toml",
        "B.toml",
        "a-b.toml",
        "b/c.toml",
        "b/z/a.toml",
        "b/a.toml",
    ] {
        let path = root.join(name);
        write(
            path.parent().unwrap(),
            path.file_name().unwrap().to_str().unwrap(),
            VALID,
        );
    }
    let assert = nytta().arg("batch").arg(&root).assert();
    let t = Table::parse(&stdout_of(assert), b',');
    let sources = sources_under(&t, &root);
    assert_eq!(
        sources,
        [
            "B.toml",
            "a-b.toml",
            "a.toml",
            "ab.toml",
            "b/a.toml",
            "b/c.toml",
            "b/z/a.toml",
            "b.toml"
        ]
    );
}

#[test]
fn batch_directory_gives_one_row_per_file_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkorg");
    std::fs::create_dir_all(inbox.join("b-sub")).unwrap();
    write(&inbox, "a-valid.toml", VALID);
    // No stated discount rate: W106, computed at 3 %.
    write(&inbox, "b-warn.toml", &VALID.replace("discount_rate = \"10 %\"", ""));
    write(&inbox, "c-broken.toml", BROKEN);
    // Nested, and sorted between `a-valid.toml` and `b-warn.toml` by path.
    write(
        &inbox.join("b-sub"),
        "d-invalid.toml",
        &VALID.replace("amounts = {", "ammounts = {"),
    );
    write(&inbox, "notes.txt", "not a project file"); // not *.toml: skipped

    let assert = nytta().arg("batch").arg(&inbox).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("4 submissions: 0 ok, 2 with warnings, 2 with errors"),
        "{stderr}"
    );
    let t = Table::parse(&stdout_of(assert), b',');
    let sources = sources_under(&t, &inbox);
    assert_eq!(
        sources,
        ["a-valid.toml", "b-sub/d-invalid.toml", "b-warn.toml", "c-broken.toml"]
    );
    // VALID's operations are 4 % of its investment: W116 (its figures are kept, as
    // cli.rs computes them by hand).
    assert_eq!(t.column("status"), ["warnings", "error", "warnings", "error"]);
    // d-invalid and b-warn have VALID's project id T-1 as a-valid: W302 (the same project).
    assert_eq!(t.column("codes"), ["W116", "E002 W302", "W106 W116 W302", "E001"]);
    assert_eq!(t.column("errors"), ["0", "1", "0", "1"]);
    assert_eq!(t.column("warnings"), ["1", "1", "3", "0"]);

    // The valid file, as in cli.rs: costs 300000 + 9000 + 12000 + 12000 = 333000,
    // benefits 99000 + 132000 + 132000 = 363000, NPV at 10 % −1735.54.
    assert_eq!(t.get(0, "id"), "T-1");
    assert_eq!(t.get(0, "name"), "Test");
    assert_eq!(t.get(0, "organisation"), "Kommunen");
    assert_eq!(t.get(0, "total_costs"), "333000.00");
    assert_eq!(t.get(0, "total_benefits"), "363000.00");
    assert_eq!(t.get(0, "net"), "30000.00");
    assert_eq!(t.get(0, "npv"), "-1735.54");
    assert_eq!(t.get(0, "irr"), "0.093836");
    assert_eq!(t.get(0, "payback_month"), "2012-09");
    assert_eq!(t.get(0, "planned_harvest"), "363000.00");
    assert_eq!(t.get(0, "harvest_share"), "1.000000");
    assert_eq!(t.get(0, "message"), "");
    // The same file at the default 3 %: 2011 and 2012 net 120000 discounted by 1.03 and
    // 1.0609: −210000 + 116504.85 + 113111.51 = 19616.36.
    assert_eq!(t.get(2, "npv"), "19616.36");
    assert_eq!(t.get(2, "codes"), "W106 W116 W302");
    assert_eq!(
        t.get(2, "message"),
        "",
        "warnings are named by code; their texts are in JSON and xlsx"
    );

    // Error rows: no figures, the reason in `message`.
    for row in [1, 3] {
        for money in ["total_costs", "total_benefits", "net", "npv", "planned_harvest"] {
            assert_eq!(t.get(row, money), "", "row {row} {money}");
        }
    }
    assert!(
        t.get(1, "message").contains("unknown key `ammounts`"),
        "{}",
        t.get(1, "message")
    );
    assert!(t.get(3, "message").contains("TOML syntax"), "{}", t.get(3, "message"));
}

#[test]
fn batch_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let valid = write(dir.path(), "valid.toml", &QUIET_VALID);
    let warn = write(dir.path(), "warn.toml", &VALID.replace("discount_rate = \"10 %\"", ""));
    let broken = write(dir.path(), "broken.toml", BROKEN);
    // Valid and warnings only: 0; warnings denied: 1; errors: 1.
    nytta().arg("batch").arg(&valid).arg(&warn).assert().code(0);
    nytta()
        .args(["batch", "--deny-warnings"])
        .arg(&valid)
        .arg(&warn)
        .assert()
        .code(1);
    nytta().args(["batch", "--deny-warnings"]).arg(&valid).assert().code(0);
    nytta().arg("batch").arg(&valid).arg(&broken).assert().code(1);
    // A PATH that does not exist, no input at all, xlsx to stdout, a bad option value: 2.
    nytta()
        .arg("batch")
        .arg(&valid)
        .arg(dir.path().join("saknas"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("saknas"));
    nytta().arg("batch").assert().code(2);
    nytta()
        .args(["batch", "--format", "xlsx"])
        .arg(&valid)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("-o"));
    nytta().args(["batch", "--rank", "irr"]).arg(&valid).assert().code(2);
    // A submissions CSV that does not exist.
    nytta()
        .args(["batch", "--csv"])
        .arg(dir.path().join("saknas.csv"))
        .assert()
        .code(2);
}

#[test]
fn batch_header_is_spec_9_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let out = stdout_of(nytta().arg("batch").arg(&file).assert().success());
    let header = out.lines().next().unwrap();
    assert!(header.starts_with(&format!("{SPEC_COLUMNS},")), "{header}");
    assert!(header.split(',').any(|c| c == "message"), "{header}");
    assert!(out.ends_with("\r\n"));
    // An empty directory is a usage error (`batch_says_what_a_folder_holds_that_it_does_not_read`).
    // Ranked: `rank` is added after the spec columns.
    let out = stdout_of(nytta().args(["batch", "--rank", "npv"]).arg(&file).assert().success());
    let header = out.lines().next().unwrap();
    assert!(header.starts_with(&format!("{SPEC_COLUMNS},")), "{header}");
    assert!(header.ends_with(",rank"), "{header}");
}

// ---------------------------------------------------------------- submissions CSV

#[test]
fn batch_csv_windows_1252_semicolons_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    // What Swedish Excel saves: Windows-1252 (ä = \xe4, ö = \xf6, å = \xe5, Ä = \xc4),
    // `;`, CRLF, decimal comma, non-breaking space (\xa0) or space as thousands separator,
    // column names in any case, an unknown column.
    let bytes: &[u8] = b"ID;Name;Organisation;Portfolio;Start_year;Years;Go_live;Discount_rate;Investment;Operations_annual;Financial_annual;Reallocation_annual;Harvest_share;Harvest_owner;Kommentar\r\n\
        B-1;Bygglov e-tj\xe4nst;Stadsbyggnadskontoret;Digitalisering;2010;3;2010-04;10 %;300\xa0000;12 000;132 000;;100 %;Ekonomichef;f\xf6rsta\r\n\
        B-2;Tv\xe5;\xc4ldref\xf6rvaltningen;V\xe5rd;2025;3;;0;tio;0;1;;;;\r\n\
        B-3;Bokning f\xf6r fritid;Kultur- och fritidsf\xf6rvaltningen;Fritid;2025;3;;0;1\xa0000\xa0000;50 000;0;600 000,50;50 %;Enhetschef;\r\n";
    let csv = dir.path().join("ansokningar.csv");
    std::fs::write(&csv, bytes).unwrap();
    let assert = nytta().args(["batch", "--csv"]).arg(&csv).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("kommentar"), "unknown column named: {stderr}");
    let t = Table::parse(&stdout_of(assert), b',');
    let shown = csv.display().to_string();
    assert_eq!(
        t.column("source"),
        [format!("{shown}:2"), format!("{shown}:3"), format!("{shown}:4")]
    );
    // B-1: operations 4 % of the investment (W116), a flat financial benefit of medium
    // confidence (W105); B-3: a flat reallocation benefit (W105).
    assert_eq!(t.column("status"), ["warnings", "error", "warnings"]);
    assert_eq!(t.column("codes"), ["W105 W116", "E001", "W105"]);
    assert_eq!(t.column("id"), ["B-1", "B-2", "B-3"]);
    assert_eq!(t.column("name"), ["Bygglov e-tjänst", "Två", "Bokning för fritid"]);
    assert_eq!(t.get(1, "organisation"), "Äldreförvaltningen");
    assert_eq!(t.get(2, "organisation"), "Kultur- och fritidsförvaltningen");

    // Row 2 is VALID from cli.rs without its qualitative line: go-live April 2010,
    // operations 12000 a year from go-live (9000 + 12000 + 12000), investment 300000,
    // benefit 132000 a year from go-live (99000 + 132000 + 132000), all taken home,
    // rate 10 %: NPV −210000 + 120000/1.1 + 120000/1.21 = −1735.54, payback 2012-09.
    assert_eq!(t.get(0, "total_costs"), "333000.00");
    assert_eq!(t.get(0, "total_benefits"), "363000.00");
    assert_eq!(t.get(0, "net"), "30000.00");
    assert_eq!(t.get(0, "npv"), "-1735.54");
    assert_eq!(t.get(0, "irr"), "0.093836");
    assert_eq!(t.get(0, "payback_month"), "2012-09");
    assert_eq!(t.get(0, "planned_harvest"), "363000.00");
    assert_eq!(t.get(0, "harvest_share"), "1.000000");

    // Row 3 cannot be read: an error row with the reason; the batch goes on.
    assert_eq!(t.get(1, "codes"), "E001");
    assert!(t.get(1, "message").contains("investment"), "{}", t.get(1, "message"));
    assert!(t.get(1, "message").contains("tio"), "{}", t.get(1, "message"));
    assert_eq!(t.get(1, "npv"), "");

    // Row 4, rate 0: investment 1000000 in 2025, operations 3 × 50000 = 150000 →
    // costs 1150000; reallocation 3 × 600000.50 = 1800001.50 (no financial line for 0);
    // net = NPV = 650001.50; half taken home: 900000.75.
    // Payback: 2025 is 50000.04 − 4166.67 − 83333.33 = −37500 a month (−450000), then
    // +45833.38 a month: 9.8 months, so end of October 2026.
    assert_eq!(t.get(2, "total_costs"), "1150000.00");
    assert_eq!(t.get(2, "total_benefits"), "1800001.50");
    assert_eq!(t.get(2, "npv"), "650001.50");
    assert_eq!(t.get(2, "planned_harvest"), "900000.75");
    assert_eq!(t.get(2, "harvest_share"), "0.500000");
    assert_eq!(t.get(2, "payback_month"), "2026-10");
}

#[test]
fn batch_csv_utf8_with_bom_and_commas() {
    let dir = tempfile::tempdir().unwrap();
    // The BOM sits right before `name`, which must still be found.
    let text = "\u{feff}name,organisation,start_year,years,discount_rate,investment,operations_annual,financial_annual,harvest_share,harvest_owner\n\
                Skolplattform,Utbildningsförvaltningen,2025,3,0,\"1 200 000,50\",\"12 000\",500000,1,Rektor\n\
                Lönesystem,Stadsledningskontoret,2025,3,\"3,5 %\",,,,,\n";
    let csv = write(dir.path(), "utf8.csv", text);
    let out = stdout_of(nytta().args(["batch", "--csv"]).arg(&csv).assert().code(0));
    let t = Table::parse(&out, b',');
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.get(0, "source"), format!("{}:2", csv.display()));
    assert_eq!(t.get(0, "name"), "Skolplattform");
    assert_eq!(t.get(0, "organisation"), "Utbildningsförvaltningen");
    // 1200000.50 + 3 × 12000 = 1236000.50; 3 × 500000 = 1500000; rate 0: NPV = net.
    assert_eq!(t.get(0, "total_costs"), "1236000.50");
    assert_eq!(t.get(0, "total_benefits"), "1500000.00");
    assert_eq!(t.get(0, "npv"), "263999.50");
    assert_eq!(t.get(0, "planned_harvest"), "1500000.00");
    // A row with no money at all is still a valid project (with warnings), not an error.
    assert_eq!(t.get(1, "source"), format!("{}:3", csv.display()));
    assert_ne!(t.get(1, "status"), "error", "{}", t.get(1, "message"));
    assert_eq!(t.get(1, "npv"), "0.00");
}

// ---------------------------------------------------------------- claimed figures (W301)

#[test]
fn batch_claimed_figures_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    // Every row but the last recomputes like P1: rate 0, 2025–2027, investment 300000,
    // operations 12000 and a financial benefit 132000 a year, all taken home by a named
    // owner: costs 336000, benefits 396000, NPV 60000, payback 2027-06.
    let base = "2025,3,,0,300000,12000,132000,,1,Ekonomichef";
    let text = format!(
        "name,organisation,start_year,years,go_live,discount_rate,investment,operations_annual,financial_annual,reallocation_annual,harvest_share,harvest_owner,claimed_npv,claimed_total_costs,claimed_total_benefits,claimed_payback_year\n\
         exact,O,{base},60000,336000,396000,2027\n\
         npv-off-10000,O,{base},70000,,,\n\
         npv-off-900,O,{base},60900,,,\n\
         costs-off-500,O,{base},,\"336 500\",,\n\
         benefits-off-4000,O,{base},,,\"400 000\",\n\
         benefits-off-3000,O,{base},,,399000,\n\
         payback-early,O,{base},,,,2026\n\
         never,O,2025,3,,0,300000,12000,12000,,1,Ekonomichef,,,,2027\n\
         check-rules-example,O,2025,5,2026-01,3 %,500000,50000,,250000,1,Ekonomichef,320000,700500,,2027\n"
    );
    let csv = write(dir.path(), "claims.csv", &text);
    let out = stdout_of(nytta().args(["batch", "--csv"]).arg(&csv).assert().code(0));
    let t = Table::parse(&out, b',');
    let row = |name: &str| t.column("name").iter().position(|n| *n == name).unwrap();
    // The warnings' texts: from the JSON results' findings.
    let json_out = stdout_of(
        nytta()
            .args(["batch", "--format", "json", "--csv"])
            .arg(&csv)
            .assert()
            .code(0),
    );
    let json: serde_json::Value = serde_json::from_str(&json_out).unwrap();
    let messages = |name: &str| -> String {
        let results = json["results"].as_array().unwrap();
        let r = results.iter().find(|r| r["name"] == name).unwrap();
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let check = |name: &str, codes: &str, message: &[&str]| {
        let r = row(name);
        // Every row also gets W105 (a flat financial benefit of medium confidence) and
        // W116 (operations 4 % of the investment): this test is about W301.
        assert_eq!(without_realism(t.get(r, "codes")), codes, "{name}: {}", messages(name));
        for m in message {
            assert!(messages(name).contains(m), "{name}: {}", messages(name));
        }
    };
    check("exact", "", &[]);
    // 10000 off 60000: more than 1 % (600) and more than 1000 kr.
    check(
        "npv-off-10000",
        "W301",
        &["claimed NPV 70,000 kr, recomputed 60,000 kr"],
    );
    // 900 off: more than 1 % of 60000 but not more than 1000 kr.
    check("npv-off-900", "", &[]);
    // 500 off 336000: within 1000 kr.
    check("costs-off-500", "", &[]);
    // 4000 off 396000: more than 1000 kr and more than 1 % (3960).
    check(
        "benefits-off-4000",
        "W301",
        &["claimed total benefits 400,000 kr, recomputed 396,000 kr"],
    );
    // 3000 off 396000: more than 1000 kr but within 1 % (3960).
    check("benefits-off-3000", "", &[]);
    check("payback-early", "W301", &["claimed payback year 2026, recomputed 2027"]);
    // Benefits 12000 a year never cover the investment.
    check(
        "never",
        "W301",
        &["claimed payback year 2027, recomputed never within the horizon"],
    );
    // docs/check-rules.md's W301 example: 2025 net −500000 (operations start at go-live),
    // 2026–2029 net 250000 − 50000 = 200000; NPV at 3 % = −500000 + 200000 × (1/1.03 +
    // 1/1.03² + 1/1.03³ + 1/1.03⁴) = 243419.68; costs 500000 + 4 × 50000 = 700000 (500
    // off: fine); payback: −500000 at the end of 2025, +16666.67 a month: June 2028.
    let r = row("check-rules-example");
    assert_eq!(t.get(r, "npv"), "243419.68");
    assert_eq!(t.get(r, "total_costs"), "700000.00");
    assert_eq!(t.get(r, "payback_month"), "2028-06");
    check(
        "check-rules-example",
        "W301",
        &[
            "claimed NPV 320,000 kr, recomputed 243,420 kr",
            "claimed payback year 2027, recomputed 2028",
        ],
    );
    // Two W301 and W105 (a flat reallocation benefit: no ramp-up).
    assert_eq!(t.get(r, "codes"), "W105 W301");
    assert_eq!(t.get(r, "warnings"), "3");
    assert!(!t.get(r, "message").contains("total costs"));
    // Warnings only: exit 0, but 1 when denied.
    nytta()
        .args(["batch", "--deny-warnings", "--csv"])
        .arg(&csv)
        .assert()
        .code(1);
}

// ---------------------------------------------------------------- formula injection

#[test]
fn batch_csv_neutralises_formulas_but_not_negative_numbers() {
    let dir = tempfile::tempdir().unwrap();
    // Rate 0: costs 4000 + 3 × 1000 = 7000, benefits 3 × 2000 = 6000, NPV = net = −1000,
    // BCR 6000 / 7000 = 0.857143.
    let loss = |name: &'static str, org: &'static str, portfolio: &'static str| P {
        name,
        org,
        portfolio,
        start: 2025,
        rate: "0",
        inv: 4000,
        ops: 1000,
        fin: 2000,
    };
    write(
        dir.path(),
        "a.toml",
        &loss("=HYPERLINK(\"http://x\")", "@SUM(A1)", "+46 8 508 000 00").toml(),
    );
    write(dir.path(), "b.toml", &loss("-2+3", "Kultur", "=1+1").toml());
    let csv = write(
        dir.path(),
        "s.csv",
        "name,organisation,start_year,investment\n\"=HYPERLINK(\"\"http://x\"\")\",@Org,2025,tio\n",
    );

    let plain = stdout_of(
        nytta()
            .args(["batch", "--group-by", "portfolio", "--csv"])
            .arg(&csv)
            .arg(dir.path().join("a.toml"))
            .arg(dir.path().join("b.toml"))
            .assert()
            .code(1),
    );
    let (results, groups) = split_groups(&plain);
    let t = Table::parse(results, b',');
    assert_eq!(t.get(0, "name"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(t.get(0, "organisation"), "'@SUM(A1)");
    assert_eq!(t.get(0, "portfolio"), "'+46 8 508 000 00");
    assert_eq!(t.get(0, "npv"), "-1000.00");
    assert_eq!(t.get(0, "net"), "-1000.00");
    assert_eq!(t.get(0, "bcr"), "0.857143");
    assert_eq!(t.get(1, "name"), "'-2+3");
    // The error row from the CSV carries its (neutralised) name too.
    assert_eq!(t.get(2, "status"), "error");
    assert_eq!(t.get(2, "name"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(t.get(2, "organisation"), "'@Org");
    // Group names are text as well; the figures stay numbers.
    assert!(
        groups.contains("'+46 8 508 000 00,total,7000.00,6000.00,-1000.00,6000.00\r\n"),
        "{groups}"
    );
    assert!(groups.contains("'=1+1,2025,"), "{groups}");
    // No raw cell starts a formula.
    for line in plain.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '@', '+']), "{line}");
        }
    }

    let excel = stdout_of(
        nytta()
            .args(["batch", "--excel", "--csv"])
            .arg(&csv)
            .arg(dir.path().join("a.toml"))
            .assert()
            .code(1),
    );
    let t = Table::parse(&excel, b';');
    assert_eq!(t.get(0, "name"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(t.get(0, "organisation"), "'@SUM(A1)");
    assert_eq!(t.get(0, "portfolio"), "'+46 8 508 000 00");
    assert_eq!(t.get(0, "npv"), "-1000,00");
    assert_eq!(t.get(0, "total_costs"), "7000,00");
    assert_eq!(t.get(1, "name"), "'=HYPERLINK(\"http://x\")");
}

#[test]
fn batch_excel_csv_has_bom_semicolons_and_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let out = nytta()
        .args(["batch", "--excel"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.starts_with(b"\xef\xbb\xbf"), "UTF-8 BOM");
    let text = String::from_utf8(out).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    // Headings for people: `--excel` is a file for a person, not a script.
    let spec: Vec<String> = SPEC_COLUMNS.split(',').map(heading).collect();
    assert!(header.starts_with(&spec.join(";")), "{header}");
    let t = Table::parse(&text, b';');
    assert_eq!(t.get(0, "total_costs"), "333000,00");
    assert_eq!(t.get(0, "npv"), "-1735,54");
    assert_eq!(t.get(0, "bcr"), "0,994738");
    assert_eq!(t.get(0, "irr"), "0,093836");
    assert_eq!(t.get(0, "harvest_share"), "1,000000");
    assert_eq!(t.get(0, "payback_month"), "2012-09");
    assert_eq!(t.get(0, "errors"), "0");
}

// ---------------------------------------------------------------- groups and ranking

#[test]
fn batch_group_by_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    portfolio_dir(dir.path());
    let out = stdout_of(
        nytta()
            .args(["batch", "--group-by", "portfolio"])
            .arg(dir.path())
            .assert()
            .code(1), // the broken file
    );
    let (results, groups) = split_groups(&out);
    assert_eq!(Table::parse(results, b',').rows.len(), 4);
    // Digital = P2 (2026–2028, rate 0) + P3 (2025–2027, rate 10 %); the broken file adds nothing.
    // 2025: P3 alone: costs 220000, benefits 110000, npv −110000, harvest 110000.
    // 2026: costs 110000 + 20000, benefits 60000 + 110000, npv −50000 + 81818.18.
    // 2027: costs 10000 + 20000, benefits 60000 + 110000, npv 50000 + 74380.17.
    // 2028: P2 alone: 10000, 60000, +50000.
    // Total npv: −110000 + 31818.1818 + 124380.1653 + 50000 = 96198.347 → 96198.35.
    // Fritid = P1 (rate 0).
    assert_eq!(
        groups,
        "Digital,2025,220000.00,110000.00,-110000.00,110000.00\r\n\
         Digital,2026,130000.00,170000.00,31818.18,170000.00\r\n\
         Digital,2027,30000.00,170000.00,124380.17,170000.00\r\n\
         Digital,2028,10000.00,60000.00,50000.00,60000.00\r\n\
         Digital,total,390000.00,510000.00,96198.35,510000.00\r\n\
         Fritid,2025,312000.00,132000.00,-180000.00,132000.00\r\n\
         Fritid,2026,12000.00,132000.00,120000.00,132000.00\r\n\
         Fritid,2027,12000.00,132000.00,120000.00,132000.00\r\n\
         Fritid,total,336000.00,396000.00,60000.00,396000.00\r\n"
    );
}

#[test]
fn batch_group_by_organisation() {
    let dir = tempfile::tempdir().unwrap();
    portfolio_dir(dir.path());
    let out = stdout_of(
        nytta()
            .args(["batch", "--group-by", "organisation"])
            .arg(dir.path())
            .assert()
            .code(1),
    );
    let (_, groups) = split_groups(&out);
    // Kultur = P1 (2025–2027) + P2 (2026–2028), both rate 0:
    // 2025: 312000, 132000, −180000; 2026: 12000 + 110000, 132000 + 60000, 120000 − 50000;
    // 2027: 12000 + 10000, 132000 + 60000, 120000 + 50000; 2028: 10000, 60000, 50000.
    // Skola = P3: −110000, 90000/1.1 = 81818.18, 90000/1.21 = 74380.17; total 46198.35.
    assert_eq!(
        groups,
        "Kultur,2025,312000.00,132000.00,-180000.00,132000.00\r\n\
         Kultur,2026,122000.00,192000.00,70000.00,192000.00\r\n\
         Kultur,2027,22000.00,192000.00,170000.00,192000.00\r\n\
         Kultur,2028,10000.00,60000.00,50000.00,60000.00\r\n\
         Kultur,total,466000.00,576000.00,110000.00,576000.00\r\n\
         Skola,2025,220000.00,110000.00,-110000.00,110000.00\r\n\
         Skola,2026,20000.00,110000.00,81818.18,110000.00\r\n\
         Skola,2027,20000.00,110000.00,74380.17,110000.00\r\n\
         Skola,total,260000.00,330000.00,46198.35,330000.00\r\n"
    );
}

/// A copy of a project with a byte order mark in front (as some editors save) is the
/// same content (W302), and `--dedupe` leaves it out, so a group sum counts the project
/// once.
#[test]
fn batch_a_copy_with_a_byte_order_mark_is_w302_and_dedupe_drops_it() {
    let example = std::fs::read_to_string("examples/worked-example.toml").unwrap();
    let alone = tempfile::tempdir().unwrap();
    write(alone.path(), "a.toml", &example);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &example);
    let copy = write(dir.path(), "b-bom.toml", &format!("\u{feff}{example}"));
    let group_table = |dir: &Path, dedupe: bool| {
        let mut cmd = nytta();
        cmd.arg("batch").args(["--group-by", "organisation"]).arg(dir);
        if dedupe {
            cmd.arg("--dedupe");
        }
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let (results, groups) = split_groups(&stdout);
        let t = Table::parse(results, b',');
        let codes = t.column("codes").iter().map(|c| c.to_string()).collect::<Vec<_>>();
        (codes, groups.to_string(), String::from_utf8(out.stderr).unwrap())
    };

    let (codes, _, _) = group_table(dir.path(), false);
    assert_eq!(codes.len(), 2);
    assert!(!codes[0].contains("W302"), "{codes:?}");
    assert!(codes[1].contains("W302"), "{codes:?}");

    // --dedupe: the copy is older, so it is the one left out.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    std::fs::File::options()
        .write(true)
        .open(&copy)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let (codes, groups, stderr) = group_table(dir.path(), true);
    let d = dir.path().display();
    assert!(
        stderr.contains(&format!(
            "leaving out {d}/b-bom.toml (W302: the same project as {d}/a.toml, which is newer)"
        )),
        "{stderr}"
    );
    assert_eq!(codes.len(), 1);
    assert!(!codes[0].contains("W302"), "{codes:?}");
    assert_eq!(groups, group_table(alone.path(), false).1);
}

#[test]

fn batch_group_table_follows_an_empty_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p1.toml", &P1.toml());
    let out = stdout_of(
        nytta()
            .args(["batch", "--group-by", "portfolio"])
            .arg(&file)
            .assert()
            .success(),
    );
    // The results, one empty line, then the group table.
    assert!(out.contains(&format!("\r\n\r\n{GROUP_HEADER}\r\n")), "{out:?}");
}

#[test]
fn batch_rank_sorts_best_first_errors_last() {
    let dir = tempfile::tempdir().unwrap();
    portfolio_dir(dir.path());
    let ranked = |by: &str| {
        let out = stdout_of(nytta().args(["batch", "--rank", by]).arg(dir.path()).assert().code(1));
        let t = Table::parse(&out, b',');
        assert_eq!(t.header.last().unwrap(), "rank");
        let names: Vec<String> = t
            .column("source")
            .iter()
            .map(|s| Path::new(s).file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let ranks: Vec<String> = t.column("rank").iter().map(|s| s.to_string()).collect();
        (names, ranks, t)
    };
    // NPV: P1 60000 > P2 50000 > P3 46198.35.
    let (names, ranks, t) = ranked("npv");
    assert_eq!(names, ["p1.toml", "p2.toml", "p3.toml", "p4-trasig.toml"]);
    assert_eq!(ranks, ["1", "2", "3", ""]);
    assert_eq!(t.column("npv"), ["60000.00", "50000.00", "46198.35", ""]);
    assert_eq!(t.get(3, "status"), "error");
    // BCR: P2 1.384615 > P3 1.181376 > P1 1.178571.
    let (names, ranks, t) = ranked("bcr");
    assert_eq!(names, ["p2.toml", "p3.toml", "p1.toml", "p4-trasig.toml"]);
    assert_eq!(ranks, ["1", "2", "3", ""]);
    assert_eq!(t.column("bcr"), ["1.384615", "1.181376", "1.178571", ""]);
    // Payback, by how long from the start: P2 (from 2026, 2027-12) 2 years < P3 (from
    // 2025, 2027-03) 2.25 < P1 (from 2025, 2027-06) 2.5.
    let (names, ranks, t) = ranked("payback");
    assert_eq!(names, ["p2.toml", "p3.toml", "p1.toml", "p4-trasig.toml"]);
    assert_eq!(ranks, ["1", "2", "3", ""]);
    assert_eq!(t.column("payback_month"), ["2027-12", "2027-03", "2027-06", ""]);
}

#[test]
fn batch_rank_payback_is_by_how_long_not_by_the_calendar() {
    // Snabb starts in 2027 and pays back at the end of 2028 (2 years); Långsam starts in
    // 2023 and pays back at the end of 2025 (3 years): Snabb first, though its month is later.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("ansokningar.csv");
    std::fs::write(
        &csv,
        "id;name;organisation;start_year;years;investment;operations_annual;financial_annual;harvest_share;harvest_owner\n\
         R-2;Långsam;K;2023;5;300 000;10 000;110 000;1;Chef\n\
         R-1;Snabb;K;2027;5;200 000;10 000;110 000;1;Chef\n",
    )
    .unwrap();
    let out = stdout_of(nytta().args(["batch", "--rank", "payback", "--csv"]).arg(&csv).assert());
    let t = Table::parse(&out, b',');
    assert_eq!(t.column("name"), ["Snabb", "Långsam"]);
    assert_eq!(t.column("payback_month"), ["2028-12", "2025-12"]);
    assert_eq!(t.column("rank"), ["1", "2"]);
}

#[test]

fn batch_rank_puts_error_rows_after_rows_without_the_figure() {
    let dir = tempfile::tempdir().unwrap();
    // `a-` sorts the broken file first in input order.
    write(dir.path(), "a-trasig.toml", BROKEN);
    // Benefits 3 × 12000 never cover 300000 + 36000: no payback month.
    write(dir.path(), "b-aldrig.toml", &P { fin: 12000, ..P1 }.toml());
    write(dir.path(), "c-p1.toml", &P1.toml());
    let out = stdout_of(
        nytta()
            .args(["batch", "--rank", "payback"])
            .arg(dir.path())
            .assert()
            .code(1),
    );
    let t = Table::parse(&out, b',');
    let names: Vec<String> = t
        .column("source")
        .iter()
        .map(|s| Path::new(s).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // The computed rows, ranked 1, 2 (the one without a payback month after the one with),
    // then the error row without a rank.
    assert_eq!(names, ["c-p1.toml", "b-aldrig.toml", "a-trasig.toml"]);
    assert_eq!(t.column("rank"), ["1", "2", ""]);
}

// ---------------------------------------------------------------- JSON and xlsx

#[test]
fn batch_json_has_the_same_figures_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    portfolio_dir(dir.path());
    let out = nytta()
        .args([
            "batch",
            "--format",
            "json",
            "--group-by",
            "organisation",
            "--rank",
            "npv",
        ])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(j["format"], 1);
    let results = j["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let p1 = &results[0];
    assert!(p1["source"].as_str().unwrap().ends_with("p1.toml"));
    assert_eq!(p1["name"], "Bokning");
    assert_eq!(p1["organisation"], "Kultur");
    assert_eq!(p1["portfolio"], "Fritid");
    // Operations 12 000 a year against an investment of 300 000: 4 % (W116).
    assert_eq!(p1["status"], "warnings");
    assert_eq!(p1["errors"], 0);
    assert_eq!(p1["codes"], serde_json::json!(["W116"]));
    assert_eq!(p1["total_costs"], "336000.00");
    assert_eq!(p1["total_benefits"], "396000.00");
    assert_eq!(p1["net"], "60000.00");
    assert_eq!(p1["npv"], "60000.00");
    assert_eq!(p1["bcr"], "1.178571");
    assert_eq!(p1["payback_month"], "2027-06");
    assert_eq!(p1["planned_harvest"], "396000.00");
    assert_eq!(p1["harvest_share"], "1.000000");
    assert_eq!(p1["rank"], 1);
    let p3 = &results[2];
    assert_eq!(p3["name"], "Skolportal");
    assert_eq!(p3["npv"], "46198.35");
    assert_eq!(p3["bcr"], "1.181376");
    assert_eq!(p3["rank"], 3);
    let broken = &results[3];
    assert_eq!(broken["status"], "error");
    assert_eq!(broken["codes"], serde_json::json!(["E001"]));
    assert_eq!(broken["npv"], serde_json::Value::Null);
    assert_eq!(broken["rank"], serde_json::Value::Null);
    assert_eq!(broken["findings"][0]["code"], "E001");
    assert_eq!(broken["findings"][0]["severity"], "error");
    assert_eq!(j["group_by"], "organisation");
    let groups = j["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 9); // Kultur 4 years + total, Skola 3 years + total
    assert_eq!(groups[1]["group"], "Kultur");
    assert_eq!(groups[1]["year"], 2026);
    assert_eq!(groups[1]["costs"], "122000.00");
    assert_eq!(groups[1]["npv"], "70000.00");
    assert_eq!(groups[8]["group"], "Skola");
    assert_eq!(groups[8]["npv"], "46198.35");
    assert_eq!(groups[8]["planned_harvest"], "330000.00");

    // Without --group-by, no groups.
    let out = nytta()
        .args(["batch", "--format", "json"])
        .arg(dir.path().join("p1.toml"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(j.get("groups").is_none());
    assert_eq!(j["results"][0]["rank"], serde_json::Value::Null);
}

#[test]
fn batch_xlsx_reads_back_with_numbers() {
    use calamine::{Data, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkorg");
    std::fs::create_dir(&inbox).unwrap();
    portfolio_dir(&inbox);
    // No operations line: W102.
    write(&inbox, "p5-utan-drift.toml", &P { ops: 0, ..P2 }.toml());
    let out = dir.path().join("portfölj.xlsx");
    nytta()
        .args([
            "batch",
            "--format",
            "xlsx",
            "--rank",
            "npv",
            "--group-by",
            "portfolio",
            "-o",
        ])
        .arg(&out)
        .arg(&inbox)
        .assert()
        .code(1)
        .stdout("");
    let mut book = open_workbook_auto(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Results", "Groups", "Findings"]);

    let results = book.worksheet_range("Results").unwrap();
    let rows: Vec<&[Data]> = results.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    // Headings for people (English here), one per documented column.
    let spec: Vec<String> = SPEC_COLUMNS.split(',').map(heading).collect();
    assert_eq!(header[..18], spec[..]);
    assert_eq!(header.last().unwrap(), &heading("rank"));
    let col = |name: &str| header.iter().position(|h| *h == heading(name)).unwrap();
    assert_eq!(rows.len(), 6); // header + 5 files
    // Ranked by NPV: P5 (P2 without operations: 180000 − 100000 = 80000) first, then P1.
    let first = rows[1];
    assert!(first[col("source")].to_string().ends_with("p5-utan-drift.toml"));
    assert_eq!(first[col("npv")], Data::Float(80000.0));
    assert_eq!(first[col("status")], Data::String("warnings".into()));
    assert_eq!(first[col("codes")], Data::String("W102 W116".into()));
    let p1 = rows[2];
    assert_eq!(p1[col("name")], Data::String("Bokning".into()));
    assert_eq!(p1[col("total_costs")], Data::Float(336000.0));
    assert_eq!(p1[col("total_benefits")], Data::Float(396000.0));
    assert_eq!(p1[col("net")], Data::Float(60000.0));
    assert_eq!(p1[col("npv")], Data::Float(60000.0));
    assert_eq!(p1[col("planned_harvest")], Data::Float(396000.0));
    assert_eq!(p1[col("rank")], Data::Float(2.0));
    match p1[col("bcr")] {
        Data::Float(b) => assert!((b - 1.178571).abs() < 1e-9, "{b}"),
        ref other => panic!("bcr is not a number: {other:?}"),
    }
    assert_eq!(p1[col("payback_month")], Data::String("2027-06".into()));
    let p3 = rows[4];
    assert_eq!(p3[col("npv")], Data::Float(46198.35));
    let broken = rows[5];
    assert_eq!(broken[col("status")], Data::String("error".into()));
    assert_eq!(broken[col("npv")], Data::Empty);
    assert!(matches!(broken[col("rank")], Data::Empty));

    let groups = book.worksheet_range("Groups").unwrap();
    let rows: Vec<&[Data]> = groups.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let group_header: Vec<String> = GROUP_HEADER.split(',').map(heading).collect();
    assert_eq!(header, group_header);
    // Digital now holds P2, P3 and P5 (P2 without operations).
    // 2025: P3 alone: 220000, 110000, −110000.
    assert_eq!(rows[1][0], Data::String("Digital".into()));
    assert_eq!(rows[1][1], Data::Float(2025.0));
    assert_eq!(rows[1][2], Data::Float(220000.0));
    assert_eq!(rows[1][4], Data::Float(-110000.0));
    // Total: costs 390000 + 100000, benefits 510000 + 180000, npv 96198.35 + 80000.
    let total = rows
        .iter()
        .find(|r| r[0] == Data::String("Digital".into()) && r[1] == Data::String("Total".into()))
        .unwrap();
    assert_eq!(total[2], Data::Float(490000.0));
    assert_eq!(total[3], Data::Float(690000.0));
    match total[4] {
        Data::Float(npv) => assert!((npv - 176198.35).abs() < 0.005, "{npv}"),
        ref other => panic!("npv is not a number: {other:?}"),
    }

    let findings = book.worksheet_range("Findings").unwrap();
    let rows: Vec<&[Data]> = findings.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["source", "code", "severity", "message"].map(heading));
    let codes: Vec<String> = rows[1..].iter().map(|r| r[1].to_string()).collect();
    assert!(codes.contains(&"W102".to_string()), "{codes:?}");
    assert!(codes.contains(&"E001".to_string()), "{codes:?}");
    let e001 = rows[1..].iter().find(|r| r[1] == Data::String("E001".into())).unwrap();
    assert!(e001[0].to_string().ends_with("p4-trasig.toml"));
    assert_eq!(e001[2], Data::String("error".into()));
    assert!(!e001[3].to_string().is_empty());
}

/// The texts of warnings are in the reader's language where people read them (xlsx),
/// in English where scripts read them (JSON), whatever `--lang` says.
#[test]
fn batch_findings_are_worded_for_their_reader() {
    use calamine::{Data, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkorg");
    std::fs::create_dir(&inbox).unwrap();
    // No operations line: W102.
    write(&inbox, "utan-drift.toml", &P { ops: 0, ..P2 }.toml());
    let w102 = |lang: &str| {
        let out = dir.path().join(format!("{lang}.xlsx"));
        nytta()
            .args(["batch", "--format", "xlsx", "--lang", lang, "-o"])
            .arg(&out)
            .arg(&inbox)
            .assert()
            .code(0);
        let mut book = open_workbook_auto(&out).unwrap();
        let sheet = if lang == "sv" { "Anmärkningar" } else { "Findings" };
        let findings = book.worksheet_range(sheet).unwrap();
        findings
            .rows()
            .find(|r| r[1] == Data::String("W102".into()))
            .map(|r| r[3].to_string())
            .unwrap()
    };
    assert!(
        w102("sv").starts_with("ingen kostnad för drift och förvaltning"),
        "{}",
        w102("sv")
    );
    assert!(w102("en").starts_with("no operations cost"), "{}", w102("en"));
    let out = nytta()
        .args(["batch", "--format", "json", "--lang", "sv"])
        .arg(&inbox)
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = j["results"][0]["findings"].as_array().unwrap();
    let w102 = findings.iter().find(|f| f["code"] == "W102").unwrap();
    // `--lang` given: the JSON speaks it, as `check` and `report` do.
    assert!(
        w102["message"].as_str().unwrap().starts_with("ingen kostnad för drift"),
        "{w102}"
    );
}

// ---------------------------------------------------------------- determinism and -o

/// The n-th generated project: varied figures, rates, horizons, groups; every 7th has no
/// operations (W102), every 11th a horizon too short (W110), every 13th is broken.
fn generated(n: u64) -> String {
    if n % 13 == 5 {
        return BROKEN.to_string();
    }
    let name = format!("Projekt {n}");
    let org = format!("Förvaltning {}", n % 4);
    let portfolio = format!("Portfölj {}", n % 3);
    let rate = format!("{},{} %", n % 6, n % 10);
    let p = P {
        name: &name,
        org: &org,
        portfolio: &portfolio,
        start: 2020 + (n % 5) as i32,
        rate: &rate,
        inv: 100_000 + 7_919 * n,
        ops: if n % 7 == 3 { 0 } else { 1_000 * (n % 9 + 1) },
        fin: 40_000 + 3_331 * n,
    };
    let years = if n % 11 == 4 { 1 } else { 3 + n % 5 };
    p.toml().replace("years = 3", &format!("years = {years}"))
}

#[test]
fn batch_output_does_not_depend_on_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkorg");
    for n in 0..40u64 {
        let sub = inbox.join(format!("del{}", n % 3));
        std::fs::create_dir_all(&sub).unwrap();
        write(&sub, &format!("projekt-{n:02}.toml"), &generated(n));
    }
    // And a submissions CSV of 1100 rows: more than one chunk of 512.
    let mut csv = String::from(
        "name;organisation;portfolio;start_year;years;discount_rate;investment;investment_years;operations_annual;financial_annual;reallocation_annual;harvest_share;harvest_lag_months;harvest_owner;claimed_npv\r\n",
    );
    for n in 0..1100u64 {
        let investment = if n % 97 == 13 {
            "tio".to_string()
        } else {
            format!("{} {:03},{}", 100 + n % 900, n % 1000, n % 10)
        };
        csv.push_str(&format!(
            "Rad {n};Org {};P {};{};{};{} %;{investment};{};{};{};{};{} %;{};Chef;{}\r\n",
            n % 5,
            n % 4,
            2020 + n % 6,
            3 + n % 5,
            n % 7,
            1 + n % 3,
            1000 * (n % 9),
            20_000 + 313 * n,
            if n % 2 == 0 { 0 } else { 10_000 + n },
            25 * (n % 5),
            n % 13,
            if n % 3 == 0 {
                (50_000 + n * 100).to_string()
            } else {
                String::new()
            },
        ));
    }
    let submissions = write(dir.path(), "rader.csv", &csv);
    let run = |jobs: &str, extra: &[&str]| {
        nytta()
            .args(["batch", "--jobs", jobs])
            .args(extra)
            .arg(&inbox)
            .arg("--csv")
            .arg(&submissions)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone()
    };
    for extra in [
        &[][..],
        &["--excel", "--group-by", "portfolio"][..],
        &["--rank", "bcr", "--group-by", "organisation"][..],
        &["--format", "json", "--group-by", "portfolio"][..],
        &["--format", "json", "--rank", "payback"][..],
    ] {
        let one = run("1", extra);
        let four = run("4", extra);
        assert!(one == four, "--jobs 1 and --jobs 4 differ with {extra:?}");
        assert!(one.len() > 10_000, "{extra:?}");
    }
    // All 1140 rows are there, in input order: files first, then the CSV rows.
    let t = Table::parse(&String::from_utf8(run("4", &[])).unwrap(), b',');
    assert_eq!(t.rows.len(), 1140);
    assert!(t.get(0, "source").ends_with("projekt-00.toml"));
    assert_eq!(t.get(40, "source"), format!("{}:2", submissions.display()));
    assert_eq!(t.get(1139, "source"), format!("{}:1101", submissions.display()));
    let statuses = t.column("status");
    assert!(statuses.contains(&"ok") && statuses.contains(&"warnings") && statuses.contains(&"error"));
}

#[test]
fn batch_output_file_and_refusing_to_overwrite_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let out = dir.path().join("resultat.csv");
    let to_stdout = stdout_of(nytta().arg("batch").arg(&file).assert().success());
    nytta()
        .args(["batch", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), to_stdout);

    // -o naming an input: refused, the input unchanged.
    nytta()
        .args(["batch", "-o"])
        .arg(&file)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), VALID);
    let csv_text = "name,organisation,start_year\nA,O,2025\n";
    let csv = write(dir.path(), "s.csv", csv_text);
    nytta()
        .args(["batch", "--csv"])
        .arg(&csv)
        .arg("-o")
        .arg(&csv)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), csv_text);
    nytta()
        .args(["batch", "--format", "xlsx", "-o"])
        .arg(&file)
        .arg(&file)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), VALID);
}

#[test]

fn batch_refuses_output_over_a_file_inside_an_input_directory() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkorg");
    std::fs::create_dir(&inbox).unwrap();
    let file = write(&inbox, "p.toml", VALID);
    // `p.toml` is an input, reached through its directory.
    nytta()
        .args(["batch", "-o"])
        .arg(&file)
        .arg(&inbox)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), VALID);
}

#[test]

fn batch_xlsx_group_money_is_rounded_to_ore() {
    use calamine::{Data, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p3.toml", &P3.toml());
    let out = dir.path().join("g.xlsx");
    nytta()
        .args(["batch", "--format", "xlsx", "--group-by", "organisation", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let mut book = open_workbook_auto(&out).unwrap();
    let groups = book.worksheet_range("Groups").unwrap();
    let rows: Vec<&[Data]> = groups.rows().collect();
    // As in the CSV group table: 2026 npv 90000/1.1 = 81818.18, total 46198.35.
    assert_eq!(rows[2][4], Data::Float(81818.18));
    assert_eq!(rows[4][1], Data::String("Total".into()));
    assert_eq!(rows[4][4], Data::Float(46198.35));
}

#[test]

fn batch_csv_negative_investment_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // A negative operations cost is an error (E005); a negative investment must be too:
    // it is "one investment cost", and a minus typed by mistake turns it into income.
    let csv = write(
        dir.path(),
        "neg.csv",
        "name,organisation,start_year,discount_rate,investment,operations_annual\n\
         A,O,2025,0,-1000,100\n\
         B,O,2025,0,1000,-100\n",
    );
    let out = stdout_of(nytta().args(["batch", "--csv"]).arg(&csv).assert().code(1));
    let t = Table::parse(&out, b',');
    assert_eq!(t.column("status"), ["error", "error"], "{out}");
    assert_eq!(t.get(0, "total_costs"), "");
}

#[cfg(unix)]
#[test]

fn batch_output_file_gets_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    // A file created the ordinary way in the same directory shows what the umask allows
    // (0644 under the usual umask 022): colleagues on a shared drive can read it.
    let reference = write(dir.path(), "referens.txt", "");
    let out = dir.path().join("portfolj.csv");
    nytta().args(["batch", "-o"]).arg(&out).arg(&file).assert().success();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(format!("{:o}", mode(&out)), format!("{:o}", mode(&reference)));
}

/// The group table for people adds up as shown: each group's years sum to its total row,
/// column by column (docs/method.md, "Rounding").
#[test]
fn batch_group_table_adds_up_as_shown() {
    let examples = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let out = stdout_of(
        nytta()
            .args([
                "--width",
                "200",
                "batch",
                &examples,
                "--format",
                "table",
                "--group-by",
                "organisation",
            ])
            .assert()
            .code(0),
    );
    let kr = |c: &str| c.replace([' ', ','], "").parse::<i64>().ok();
    let rows: Vec<Vec<String>> = out
        .lines()
        .skip_while(|l| !l.contains("│ Group "))
        .filter(|l| l.starts_with('│'))
        .map(|l| l.trim_matches('│').split('┆').map(|c| c.trim().to_string()).collect())
        .collect();
    let mut sums = [0i64; 4];
    let mut totals = 0;
    for r in rows.iter().skip(1) {
        let values: Vec<i64> = r[2..6].iter().map(|c| kr(c).unwrap()).collect();
        if r[1] == "Total" {
            assert_eq!(sums.to_vec(), values, "{}", r[0]);
            sums = [0; 4];
            totals += 1;
        } else {
            for (s, v) in sums.iter_mut().zip(values) {
                *s += v;
            }
        }
    }
    assert!(totals >= 3, "{out}");
}

/// Projects that name no portfolio are summed under words, not under a blank group name,
/// where people read the sums (the CSV keeps the empty key for scripts).
#[test]
fn projects_without_a_group_are_named_so() {
    for (lang, words) in [("sv", "(ingen angiven)"), ("en", "(none given)")] {
        for format in ["table", "html"] {
            let out = nytta()
                .args([
                    "--lang",
                    lang,
                    "batch",
                    "examples/",
                    "--group-by",
                    "portfolio",
                    "--format",
                    format,
                ])
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains(words), "{lang} {format}: {text}");
        }
    }
    let csv = nytta()
        .args(["batch", "examples/", "--group-by", "portfolio"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(!csv.contains("(ingen angiven)") && !csv.contains("(none given)"));
}

/// A folder without project files is a usage error (exit 2), as for `check`; files that
/// are not `*.toml` are named on standard error, not dropped in silence.
#[test]
fn batch_says_what_a_folder_holds_that_it_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("tom");
    std::fs::create_dir(&empty).unwrap();
    nytta()
        .args(["--lang", "sv", "batch"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("mappen har inga projektfiler (*.toml)"));
    let mixed = dir.path().join("inkorg");
    std::fs::create_dir(&mixed).unwrap();
    write(&mixed, "a.toml", &P1.toml());
    write(&mixed, "b.toml.txt", &P2.toml());
    write(&mixed, ".DS_Store", "");
    let out = nytta().args(["--lang", "sv", "batch"]).arg(&mixed).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 fil som inte slutar på .toml lästes inte"), "{err}");
    assert!(err.contains("b.toml.txt"), "{err}");
    assert!(!err.contains(".DS_Store"), "{err}");
}

/// JSON and plain CSV word their findings in English for scripts, unless `--lang` asks
/// otherwise, as `check` and `report` do.
#[test]
fn batch_json_findings_follow_an_explicit_lang() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &P1.toml().replace("organisation", "organsation"));
    let message = |args: &[&str]| {
        let out = nytta().args(args).arg(&file).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["results"][0]["findings"][0]["message"].as_str().unwrap().to_string()
    };
    assert_eq!(
        message(&["batch", "--format", "json"]),
        "unknown key `organsation` in [project]"
    );
    assert_eq!(
        message(&["batch", "--format", "json", "--lang", "sv"]),
        "okänd nyckel `organsation` i [project]"
    );
}

/// `--excel` is for people: a group's total row is *Summa* in Swedish (the plain CSV keeps
/// the key `total` for scripts).
#[test]
fn batch_excel_group_totals_are_worded() {
    let dir = tempfile::tempdir().unwrap();
    portfolio_dir(dir.path());
    let rows = |args: &[&str]| {
        let out = nytta().args(args).arg(dir.path()).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let excel = rows(&["--lang", "sv", "batch", "--excel", "--group-by", "organisation"]);
    assert!(excel.lines().any(|l| l.starts_with("Kultur;Summa;")), "{excel}");
    assert!(!excel.contains(";total;"), "{excel}");
    let plain = rows(&["--lang", "sv", "batch", "--group-by", "organisation"]);
    assert!(plain.lines().any(|l| l.starts_with("Kultur,total,")), "{plain}");
}

/// The submissions sheet named where the project files go: one row saying to use
/// `--csv`, not a TOML error for each of its lines.
#[test]
fn batch_given_a_submissions_csv_as_a_file_points_to_csv() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = write(
        dir.path(),
        "ansokningar.csv",
        "id;name;organisation;start_year\nR-1;A;K;2027\n",
    );
    let out = nytta().args(["--lang", "sv", "batch"]).arg(&sheet).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let t = Table::parse(&String::from_utf8(out.stdout).unwrap(), b',');
    assert_eq!(t.column("errors"), ["1"]);
    assert!(
        t.get(0, "message").contains("nytta batch --csv"),
        "{}",
        t.get(0, "message")
    );
}
