//! Found by trying the tool as a controller and a project leader would (a QA pass):
//! each test fails without its fix.

use crate::cli::{nytta, write};
use crate::controllers::{A, C};

/// `--actuals-dir` that is not there (a typo) or is a file stops the run (exit 2) and
/// says so, instead of following up every project without its CSV.
#[test]
fn actuals_dir_that_is_no_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(dir.path(), "c.toml", C);
    let missing = dir.path().join("utfal");
    let out = nytta()
        .args(["--lang", "sv", "batch", "--follow-up", "--actuals-dir"])
        .arg(&missing)
        .arg(&c)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--actuals-dir") && err.contains("utfal"), "{err}");
    assert!(err.contains("finns inte"), "{err}");
    assert!(out.stdout.is_empty());

    let file = write(dir.path(), "C-1.csv", "line,year,amount\nBygg,2025,1\n");
    let out = nytta()
        .args(["batch", "--follow-up", "--actuals-dir"])
        .arg(&file)
        .arg(&c)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("not a folder") && err.contains("--actuals"), "{err}");
}

/// `batch --follow-up` over the same project twice (a copy in another folder) warns
/// W302 on the later one, as plain `batch` does, instead of summing it twice in silence;
/// `--deny-warnings` then exits 1. Swedish summary line: "uppföljda", not "följda upp".
#[test]
fn portfolio_follow_up_flags_the_same_project_twice() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.toml", A);
    let copy = write(dir.path(), "a-kopia.toml", &format!("# kopia\n{A}"));
    let c = write(dir.path(), "c.toml", C);
    let out = nytta()
        .args(["batch", "--follow-up", "--as-of", "2025", "--format", "json"])
        .args([&a, &copy, &c])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let of = |source: &std::path::Path| {
        v["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["source"] == source.display().to_string())
            .unwrap()
            .clone()
    };
    let has_w302 = |p: serde_json::Value| p["flags"].as_array().unwrap().iter().any(|f| f == "W302");
    assert!(!has_w302(of(&a)) && !has_w302(of(&c)), "{v}");
    assert!(has_w302(of(&copy)), "{v}");

    let out = nytta()
        .args([
            "--lang",
            "sv",
            "batch",
            "--follow-up",
            "--as-of",
            "2025",
            "--deny-warnings",
            "--format",
            "table",
        ])
        .args([&a, &copy])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("W302") && table.contains("samma innehåll"), "{table}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2 projekt uppföljda: 0 försenade"), "{err}");
}

/// A CSV in `--actuals-dir` that no project reads (a typo in its name) is warned about
/// with the name it probably meant, as the rows of `--actuals` naming no project are;
/// `--deny-warnings` makes it exit 1.
#[test]
fn actuals_dir_csv_that_no_project_reads_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(dir.path(), "c.toml", C);
    let act = dir.path().join("utfall");
    std::fs::create_dir(&act).unwrap();
    write(&act, "C-1.csv", "line,year,amount\nBygg,2025,120000\n");
    write(&act, "C1.csv", "line,year,amount\nBygg,2025,120000\n");
    write(&act, "noter.txt", "inte en CSV\n");
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
        .arg(&c)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("C1.csv belongs to none of the projects") && err.contains("Did you mean `C-1.csv`?"),
        "{err}"
    );
    assert!(!err.contains("C-1.csv belongs") && !err.contains("noter.txt"), "{err}");
    // C-1.csv itself was read: 120000 against 110000 planned.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["projects"][0]["actual_costs"], "120000.00");
    let out = nytta()
        .args([
            "batch",
            "--follow-up",
            "--as-of",
            "2025",
            "--deny-warnings",
            "--actuals-dir",
        ])
        .arg(&act)
        .arg(&c)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// `batch --group-by stakeholder [--by-year]` in Markdown and HTML shows the sums per
/// stakeholder (and the year matrices) as the table, CSV, JSON and xlsx do; they were
/// left out in silence. Hand sums over A, B and C (tests/it/controllers.rs): costs
/// 110000 (Kultur) + 90000 (SDF Norr: A 60000 + B 2 × 15000) + 30000 (t_k) + 40000 (tk)
/// = 270000; besparingskrav 242000 + 20000 + 0 + 100000 = 362000; costs in 2025
/// 110000 + 60000 + 40000 = 210000.
#[test]
fn group_by_stakeholder_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        write(dir.path(), "a.toml", A),
        write(dir.path(), "b.toml", crate::controllers::B),
        write(dir.path(), "c.toml", C),
    ];
    for format in ["markdown", "html"] {
        let out = nytta()
            .args([
                "--lang",
                "en",
                "batch",
                "--group-by",
                "stakeholder",
                "--by-year",
                "--format",
                format,
            ])
            .args(&files)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        for want in [
            "Per stakeholder, summed over the portfolio",
            "SDF Norr (sdf-norr)",
            "270,000",
            "362,000",
            "Costs per stakeholder and year",
            "210,000",
            "Savings demand (besparingskrav: planned harvest by budget reduction) per stakeholder and year",
        ] {
            assert!(text.contains(want), "{format}: `{want}` missing: {text}");
        }
    }
    // Swedish headings in Swedish.
    let out = nytta()
        .args([
            "--lang",
            "sv",
            "batch",
            "--group-by",
            "stakeholder",
            "--format",
            "markdown",
        ])
        .args(&files)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("## Per intressent") && text.contains("Besparingskrav") && text.contains("270 000"),
        "{text}"
    );
    assert!(!text.contains("Kostnader per intressent och år"), "{text}");
    // The terminal table's NPV column in Swedish too.
    let out = nytta()
        .args([
            "--lang",
            "sv",
            "batch",
            "--group-by",
            "stakeholder",
            "--format",
            "table",
        ])
        .args(&files)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let tail = text.split("Per intressent").nth(1).unwrap();
    assert!(tail.contains("Nettonuvärde") && !tail.contains(" NPV "), "{text}");
}

/// `nytta diff` with a file that does not validate: exit 1 (invalid input, as every
/// command); 2 only with `--exit-code`, where 1 means "they differ" (D95).
#[test]
fn diff_of_an_invalid_file_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(dir.path(), "c.toml", C);
    let bad = write(dir.path(), "bad.toml", "format = 1\n");
    let out = nytta().arg("diff").arg(&c).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("E003") && err.contains("cannot compare"), "{err}");
    let out = nytta()
        .args(["diff", "--exit-code"])
        .arg(&c)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A CSV where the project file goes (`follow-up` with its arguments swapped) is named as
/// a CSV with the command that reads it, not reported as "not UTF-8, save as UTF-8".
#[test]
fn a_csv_given_as_the_project_file_says_so() {
    let out = nytta()
        .args([
            "--lang",
            "sv",
            "follow-up",
            "examples/utfall-2025.csv",
            "--actuals",
            "examples/uppfoljning-bygglov.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("examples/utfall-2025.csv är en CSV-fil, inte en projektfil (.toml)")
            && err.contains("nytta follow-up PROJEKT.toml --actuals examples/utfall-2025.csv"),
        "{err}"
    );
    assert!(!err.contains("UTF-8"), "{err}");
    let out = nytta()
        .args(["report", "examples/utfall-portfolj.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("is a CSV file, not a project file")
    );
    // `check` says the same, as one error a CI script can read, instead of the TOML
    // syntax errors of every CSV line, and names the command its header shows it is for
    // (here actuals of many projects: not `batch --csv`, which would fail on it).
    let out = nytta()
        .args([
            "--lang",
            "sv",
            "check",
            "examples/utfall-portfolj.csv",
            "examples/worked-example.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("fel[E001]: examples/utfall-portfolj.csv är en CSV-fil, inte en projektfil (.toml)")
            && err.contains("utfallsfil för flera projekt: den läses med `nytta batch MAPP --follow-up --actuals examples/utfall-portfolj.csv`")
            && !err.contains("nytta batch --csv")
            && !err.contains("TOML-syntax"),
        "{err}"
    );
    let out = nytta()
        .args(["check", "--format", "json", "examples/utfall-portfolj.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json[0]["code"], "E001");
}

/// `batch --follow-up` with flags it cannot honour (`--group-by stakeholder`, `--by-year`,
/// `--rank`, `--realism`) is a usage error naming them, instead of a follow-up grouped by
/// organisation and unranked as if they had not been given.
#[test]
fn follow_up_refuses_the_flags_it_would_ignore() {
    for extra in [
        &["--group-by", "stakeholder"][..],
        &["--group-by", "stakeholder", "--by-year"][..],
        &["--rank", "npv"][..],
        &["--realism"][..],
    ] {
        let out = nytta()
            .args(["batch", "examples/", "--follow-up"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(&format!("{} ", extra[0])) && err.contains("does not go with --follow-up"),
            "{extra:?}: {err}"
        );
    }
    // --group-by portfolio still does.
    let out = nytta()
        .args([
            "batch",
            "examples/",
            "--follow-up",
            "--group-by",
            "portfolio",
            "--as-of",
            "2025",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `batch --format table|markdown|html` says why a row could not be computed (the
/// table shows only `error` and the code): one line per such row, source and message,
/// also when the portfolio is ranked.
#[test]
fn batch_tables_for_people_say_why_a_row_failed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.toml", C);
    write(
        dir.path(),
        "trasig.toml",
        "format = 1\n[project]\nname = \"X\"\nstart_year = 2026\n",
    );
    for (format, rank) in [("table", false), ("table", true), ("markdown", false), ("html", true)] {
        let mut cmd = nytta();
        cmd.args(["--lang", "sv", "batch", "--format", format]).arg(dir.path());
        if rank {
            cmd.args(["--rank", "npv"]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Meddelande") && text.contains("saknas i") && text.contains("organisation"),
            "{format}: {text}"
        );
    }
    // No such list when every row computed.
    let out = nytta()
        .args(["--lang", "sv", "batch", "--format", "table"])
        .arg(dir.path().join("c.toml"))
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("Meddelande"));
}

/// With no actuals and no `--as-of`, a project that has not started by last year is
/// followed up to the year before it starts (nothing due), not to its first year, which
/// has not closed: no W203 "no actual reported" for a year still to come (D97). Its
/// template still lists its first year to fill in.
#[test]
fn default_as_of_never_follows_up_a_year_still_to_come() {
    let dir = tempfile::tempdir().unwrap();
    let future = write(dir.path(), "framtid.toml", &C.replace("2025", "2099"));
    let out = nytta()
        .args(["batch", "--follow-up", "--format", "json"])
        .arg(&future)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["projects"][0];
    assert_eq!(p["as_of"], 2098, "{v}");
    assert_eq!(p["flags"], serde_json::json!([]), "{v}");
    assert_eq!(p["planned_costs"], "0.00");

    let out = nytta()
        .args(["follow-up", "--format", "json"])
        .arg(&future)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("W203"), "{text}");

    let out = nytta().args(["follow-up", "--template"]).arg(&future).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(",2099,"), "{text}");
}

/// `batch --realism` with a format that does not show its columns (table, Markdown,
/// HTML) is a usage error saying where they are, not a silent no-op.
#[test]
fn realism_columns_need_a_format_that_shows_them() {
    for format in ["table", "markdown", "html"] {
        let out = nytta()
            .args(["batch", "examples/worked-example.toml", "--realism", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("--realism writes its columns in csv, json and xlsx"),
            "{err}"
        );
    }
    let out = nytta()
        .args(["batch", "examples/worked-example.toml", "--realism", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("benefit_breakeven"));
}

/// `batch --draws`/`--seed` without `--realism` is a usage error (they were ignored).
#[test]
fn batch_draws_and_seed_need_realism() {
    for flag in [["--draws", "5"], ["--seed", "7"]] {
        let out = nytta()
            .args(["batch", "examples/worked-example.toml"])
            .args(flag)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag:?}");
        assert!(String::from_utf8(out.stderr).unwrap().contains("--realism"));
    }
}

/// A bridge step combined with the next (the horizon shrinks while a line moves its last
/// amount inside it) says why in the reader's language: the E010 text under `--lang sv`
/// is Swedish, not the English one.
#[test]
fn a_combined_bridge_step_says_why_in_the_readers_language() {
    const OLD: &str = r#"format = 1
[project]
name = "P"
organisation = "O"
start_year = 2025
years = 6
[assumptions]
discount_rate = 0
hourly_cost = 500
[[costs]]
id = "bygg"
name = "Bygg"
category = "investment"
amounts = { 2025 = 100000, 2030 = 1000 }
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual_hours = 100
"#;
    let new = OLD
        .replace("years = 6", "years = 5")
        .replace("2030 = 1000", "2029 = 1000");
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.toml", OLD);
    let new = write(dir.path(), "new.toml", &new);
    let run = |lang: &str| {
        let out = nytta()
            .args(["--lang", lang, "diff", "--format", "markdown"])
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let sv = run("sv");
    let en = run("en");
    assert!(sv.contains("E010") && en.contains("E010"), "{sv}\n{en}");
    assert!(en.contains("outside the horizon"), "{en}");
    assert!(!sv.contains("outside the horizon"), "{sv}");
    assert!(sv.contains("utanför"), "{sv}");
}

/// Two projects of the same name tell apart in "Avvikelser per projekt" of the portfolio
/// follow-up: the project id follows the name, or the file name when there is no id.
#[test]
fn flags_per_project_name_the_project_id_or_file() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let read = |f: &str| std::fs::read_to_string(examples.join(f)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let followed = read("uppfoljning-bygglov.toml");
    write(dir.path(), "e-tjanst-bygglov.toml", &read("e-tjanst-bygglov.toml"));
    write(dir.path(), "uppfoljning-bygglov.toml", &followed);
    let without_id = followed.replace("id = \"SBF-2022-087\"", "");
    assert_ne!(without_id, followed);
    write(dir.path(), "utan-id.toml", &without_id);
    for format in ["markdown", "html"] {
        let out = nytta()
            .args(["--lang", "sv", "batch", "--follow-up", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let out = String::from_utf8(out.stdout).unwrap();
        // The page's text, without the spans that keep an id on one line.
        let out = out.replace("<span class=\"nw\">", "").replace("</span>", "");
        let flags = &out[out.find("Avvikelser per projekt").expect(&out)..];
        assert!(flags.contains("Bygglov som e-tjänst (SBF-2022-087)"), "{flags}");
        assert!(flags.contains("Bygglov som e-tjänst (utan-id.toml)"), "{flags}");
    }
}

/// In HTML, a key name in backquotes in a message reads as code, not as literal
/// backquotes; maud still escapes it.
#[test]
fn html_shows_backquoted_names_as_code() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = nytta()
        .args(["--lang", "sv", "batch", "--follow-up", "--format", "html"])
        .arg(examples.join("uppfoljning-bygglov.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = String::from_utf8(out.stdout).unwrap();
    let body = &out[out.find("<body>").expect(&out)..];
    assert!(body.contains("<code>Kortare handläggning per ärende</code>"), "{body}");
    assert!(!body.contains('`'), "{body}");
}

/// `batch --follow-up -o` never writes over what it reads: a project file, the actuals
/// CSV (`--actuals`) or a CSV in the actuals folder (`--actuals-dir`). Each is refused
/// with exit 2 and left byte for byte as it was.
#[test]
fn portfolio_follow_up_never_writes_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let projects = dir.path().join("projekt");
    let actuals = dir.path().join("utfall");
    std::fs::create_dir_all(&projects).unwrap();
    std::fs::create_dir_all(&actuals).unwrap();
    for f in ["bokningssystem.toml", "e-tjanst-bygglov.toml"] {
        std::fs::copy(format!("examples/{f}"), projects.join(f)).unwrap();
    }
    let shared = dir.path().join("utfall-portfolj.csv");
    std::fs::copy("examples/utfall-portfolj.csv", &shared).unwrap();
    let in_dir = actuals.join("SBF-2026-112.csv");
    std::fs::copy("examples/utfall-portfolj.csv", &in_dir).unwrap();
    let project = projects.join("bokningssystem.toml");
    for (extra, target) in [
        (vec!["--actuals".into(), shared.clone()], shared.clone()),
        (vec![], project.clone()),
        (vec!["--actuals-dir".into(), actuals.clone()], in_dir.clone()),
    ] {
        let before = std::fs::read(&target).unwrap();
        nytta()
            .args(["batch", "--follow-up"])
            .arg(&projects)
            .args(&extra)
            .arg("-o")
            .arg(&target)
            .assert()
            .code(2);
        assert_eq!(std::fs::read(&target).unwrap(), before, "{}", target.display());
    }
}

/// `--excel` changes CSV only; with another format it was dropped in silence, and the
/// user got a table or JSON believing it was for Excel. It is a usage error now, naming
/// the fix; the follow-up template (always CSV) keeps it.
#[test]
fn excel_without_csv_is_a_usage_error() {
    for args in [
        &["report", "examples/worked-example.toml", "--excel"][..],
        &["report", "examples/worked-example.toml", "--excel", "--format", "json"][..],
        &["batch", "examples/", "--excel", "--format", "table"][..],
        &[
            "follow-up",
            "examples/uppfoljning-bygglov.toml",
            "--actuals",
            "examples/utfall-2025.csv",
            "--excel",
            "--format",
            "markdown",
        ][..],
    ] {
        let out = nytta().args(["--lang", "en"]).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("--excel is for CSV: give --format csv"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    nytta()
        .args([
            "follow-up",
            "examples/uppfoljning-bygglov.toml",
            "--template",
            "--excel",
        ])
        .assert()
        .success();
    nytta()
        .args(["report", "examples/worked-example.toml", "--excel", "--format", "csv"])
        .assert()
        .success();
    // The template is always CSV: another format asked for is a usage error too.
    let out = nytta()
        .args([
            "--lang",
            "en",
            "follow-up",
            "examples/uppfoljning-bygglov.toml",
            "--template",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--template always writes a CSV file"));
}

/// `--as-of` is a year the file format allows (1900–2200, as `start_year`): `--as-of
/// 1800` (a typo) is a usage error, not an empty follow-up with exit 0.
#[test]
fn as_of_outside_the_years_a_file_may_have_is_a_usage_error() {
    for args in [
        &["follow-up", "examples/uppfoljning-bygglov.toml", "--as-of", "1800"][..],
        &["batch", "examples", "--follow-up", "--as-of", "2201"][..],
    ] {
        let out = nytta().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("1900..=2200"), "{args:?}");
    }
    // Inside those years but outside the project's horizon (2023–2028): followed up as
    // asked, with a note saying what that means.
    for (year, note) in [
        (
            "2022",
            "--as-of 2022 is before the horizon 2023–2028: no actual is followed up",
        ),
        (
            "2029",
            "--as-of 2029 is after the horizon 2023–2028: the follow-up goes to 2028",
        ),
    ] {
        let out = nytta()
            .args([
                "--lang",
                "en",
                "follow-up",
                "examples/uppfoljning-bygglov.toml",
                "--as-of",
                year,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{year}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(note), "{year}");
    }
}

/// `batch --excel` words the status under its worded heading *Status*, as the table and
/// the workbook do; plain CSV keeps the keys scripts read.
#[test]
fn batch_excel_words_the_status() {
    let out = nytta()
        .args(["--lang", "sv", "batch", "examples", "--excel"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let statuses: Vec<&str> = text.lines().skip(1).filter_map(|l| l.split(';').nth(5)).collect();
    assert!(
        statuses.contains(&"utan anmärkning") && statuses.contains(&"varningar"),
        "{statuses:?}"
    );
    let out = nytta().args(["batch", "examples"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains(",ok,") || l.contains(",warnings,") || l.contains(",error,")),
        "{text}"
    );
}

/// `nytta check DIR` checks every `*.toml` in the folder and below (as `batch` reads a
/// folder), for a CI step over a repository of project files; a folder without any is a
/// usage error, not "cannot read: is a directory".
#[test]
fn check_reads_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy("examples/worked-example.toml", dir.path().join("a.toml")).unwrap();
    std::fs::write(dir.path().join("sub").join("b.toml"), "format = 1\n[project\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a project").unwrap();
    let out = nytta()
        .args(["--lang", "en", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(all.contains("checked 2 files: 1 error"), "{all}");
    assert!(all.contains("b.toml:2:"), "{all}");
    let empty = tempfile::tempdir().unwrap();
    let out = nytta()
        .args(["--lang", "en", "check"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the directory has no project files (*.toml)"));
}

/// `batch --follow-up` reads each project file as plain `batch` does: a Windows-1252
/// file is not followed up, with plain `batch`'s "not UTF-8" message, instead of being
/// read with `ö` garbled into a group of its own (`Socialf�rvaltningen`) that splits the
/// organisation's sums. So is a file over the size limit and (on Unix) a broken link in
/// the folder, which was left out in silence; exit 1 as for any project not followed up.
#[test]
fn portfolio_follow_up_reads_files_as_plain_batch_does() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = C.replace("Kultur", "Socialförvaltningen");
    write(dir.path(), "utf8.toml", &utf8);
    // The same file in Windows-1252: `ö` is the one byte 0xF6.
    let cp1252 = utf8.replace("C-1", "C-2").replace('ö', "\u{1}").into_bytes();
    let cp1252: Vec<u8> = cp1252.into_iter().map(|b| if b == 1 { 0xF6 } else { b }).collect();
    std::fs::write(dir.path().join("cp1252.toml"), &cp1252).unwrap();
    std::fs::write(
        dir.path().join("large.toml"),
        vec![b'#'; nytta::limits::MAX_PROJECT_BYTES as usize + 1],
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("nowhere.toml"), dir.path().join("link.toml")).unwrap();
    let run = |args: &[&str]| {
        let out = nytta().args(args).arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let plain = run(&["batch", "--format", "json"]);
    let fu = run(&["batch", "--follow-up", "--as-of", "2025", "--format", "json"]);
    let error = |file: &str| {
        fu["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["source"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file} missing: {fu}"))["error"]
            .clone()
    };
    let plain_message = |file: &str| {
        plain["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["source"].as_str().unwrap().ends_with(file))
            .unwrap()["findings"][0]["message"]
            .clone()
    };
    // Line 5 is `organisation = "Socialförvaltningen"`: `ö` is its 24th character.
    assert_eq!(
        error("cp1252.toml"),
        "line 5, column 24: the file is not UTF-8: byte 0xF6 (`ö` in Windows-1252?) cannot be read here"
    );
    let mut files = vec!["cp1252.toml", "large.toml"];
    if cfg!(unix) {
        files.push("link.toml");
    }
    for file in files {
        assert_eq!(error(file), plain_message(file), "{file}");
    }
    assert!(
        error("large.toml").as_str().unwrap().contains("larger than 1 MiB"),
        "{fu}"
    );
    // One group, spelt right, with the one project that was read: C's figures
    // (cost 110 000 to 2025, NPV 121 000).
    let groups = fu["groups"].as_array().unwrap();
    let named: Vec<&serde_json::Value> = groups.iter().filter(|g| g["group"] != "").collect();
    assert_eq!(named.len(), 1, "{fu}");
    assert_eq!(named[0]["group"], "Socialförvaltningen");
    assert_eq!(named[0]["projects"], 1);
    assert_eq!(named[0]["planned_costs"], "110000.00");
    assert_eq!(named[0]["planned_npv"], "121000.00");
    assert_eq!(fu["total"]["planned_npv"], "121000.00");
    assert!(!fu.to_string().contains('\u{FFFD}'), "{fu}");
}

/// A project `batch --follow-up` could not read or validate has no figures, not zeros
/// (docs/controller-guide-en.md, section 8): its cells are empty in CSV and xlsx, `null`
/// in JSON and `–` in the table, as plain `batch` shows an error row; the group it is
/// counted in sums only the projects followed up.
#[test]
fn portfolio_follow_up_leaves_an_unreadable_projects_figures_blank() {
    let dir = tempfile::tempdir().unwrap();
    // A typo in a line's key: the file does not validate, but its header (name, id,
    // organisation) reads, so it is counted under Kultur beside C.
    let bad = write(
        dir.path(),
        "bad.toml",
        &C.replace("amounts", "amonts").replace("C-1", "C-2"),
    );
    let c = write(dir.path(), "c.toml", C);
    let run = |format: &str| {
        let out = nytta()
            .args([
                "--lang",
                "en",
                "batch",
                "--follow-up",
                "--as-of",
                "2025",
                "--format",
                format,
            ])
            .args([&bad, &c])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("csv");
    let row = csv.lines().nth(1).unwrap();
    assert_eq!(
        row,
        format!(
            "{},C-2,C,Kultur,,,,,,,,,,,,,no,the file does not validate: run nytta check",
            bad.display()
        )
    );
    // Kultur counts both projects and sums C alone: as of 2025, cost 110 000 and
    // benefit 121 000 planned, NPV −110 000 + 121 000 + 121 000 / 1.1 = 121 000.
    let groups: Vec<&str> = csv.split("\r\n\r\n").nth(1).unwrap().lines().collect();
    assert_eq!(
        groups[1],
        "Kultur,2,0,110000.00,0.00,121000.00,0.00,121000.00,0.00,0.000000,3,121000.00,121000.00"
    );
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let p = &v["projects"][0];
    assert_eq!(p["source"], bad.display().to_string());
    for key in [
        "as_of",
        "planned_costs",
        "actual_costs",
        "planned_benefits",
        "actual_benefits",
        "planned_harvest",
        "actual_harvest",
        "realisation_rate",
        "missing",
        "planned_npv",
        "forecast_npv",
    ] {
        assert!(p[key].is_null(), "{key}: {p}");
    }
    assert_eq!(v["projects"][1]["planned_npv"], "121000.00");
    assert_eq!(v["groups"][0]["projects"], 2);
    assert_eq!(v["groups"][0]["planned_npv"], "121000.00");
    assert_eq!(v["total"]["planned_costs"], "110000.00");
    let table = run("table");
    let line = table
        .lines()
        .find(|l| l.contains(" C ") && l.contains(" – "))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(!line.contains(" 0 "), "{line}");
    let md = run("markdown");
    assert!(md.contains("| C    | Kultur |    – |"), "{md}");
    // The workbook: the bad row's figures empty; money to the öre.
    let xlsx = dir.path().join("out.xlsx");
    let out = follow_up_workbook(&xlsx, &[&bad, &c]);
    assert_eq!(out.status.code(), Some(1));
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let projects = wb.worksheet_range(&wb.sheet_names()[0]).unwrap();
    let rows: Vec<_> = projects.rows().collect();
    // Name, id, group; then year, nine figures and the missing actuals: all empty.
    assert_eq!(rows[1][1], Data::String("C-2".into()));
    assert!(rows[1][3..14].iter().all(|c| *c == Data::Empty), "{:?}", rows[1]);
    assert_eq!(rows[2][3], Data::Float(2025.0));
    assert_eq!(rows[2][11], Data::Float(121000.0));
}

/// `batch --follow-up --as-of 2025 --format xlsx -o xlsx FILES`, in English.
fn follow_up_workbook(xlsx: &std::path::Path, files: &[&std::path::PathBuf]) -> std::process::Output {
    nytta()
        .args([
            "--lang",
            "en",
            "batch",
            "--follow-up",
            "--as-of",
            "2025",
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(xlsx)
        .args(files)
        .output()
        .unwrap()
}

/// `batch --follow-up --format xlsx` writes money to the öre, as its CSV shows it and
/// plain `batch`'s workbook writes it, not the exact quotient (128475.728155…).
#[test]
fn portfolio_follow_up_workbook_rounds_money_to_the_ore() {
    let dir = tempfile::tempdir().unwrap();
    // C at 3 %: NPV = −110 000 + 121 000 + 121 000 / 1.03 = 128 475.728155… → 128 475.73.
    let c = write(dir.path(), "c.toml", &C.replace("\"10 %\"", "\"3 %\""));
    let xlsx = dir.path().join("out.xlsx");
    let out = follow_up_workbook(&xlsx, &[&c]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    let projects = wb.worksheet_range(&names[0]).unwrap();
    let row = projects.rows().nth(1).unwrap();
    assert_eq!(row[11], Data::Float(128_475.73), "{row:?}");
    assert_eq!(row[12], Data::Float(128_475.73), "{row:?}");
    let groups = wb.worksheet_range(&names[1]).unwrap();
    for row in groups.rows().skip(1) {
        assert_eq!(row[10], Data::Float(128_475.73), "{row:?}");
    }
}

/// The portfolio follow-up CSV ends its group table with the whole portfolio, as the
/// table and the workbook do (`total` for scripts, *Hela portföljen* with `--excel`), and
/// `--excel` words a row's error for its reader, not for scripts.
#[test]
fn portfolio_follow_up_csv_has_the_whole_portfolio_and_worded_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.toml",
        &C.replace("amounts", "amonts").replace("C-1", "C-2"),
    );
    let c = write(dir.path(), "c.toml", C);
    let run = |excel: bool| {
        let mut cmd = nytta();
        cmd.env("LANG", "sv_SE.UTF-8")
            .args(["batch", "--follow-up", "--as-of", "2025"])
            .args([&bad, &c]);
        if excel {
            cmd.arg("--excel");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    let plain = run(false);
    assert!(plain.lines().any(|l| l.starts_with("total,2,")), "{plain}");
    assert!(plain.contains("the file does not validate"), "{plain}");
    let excel = run(true);
    assert!(excel.lines().any(|l| l.starts_with("Hela portföljen;2;")), "{excel}");
    assert!(excel.contains("filen går inte att läsa in: kör nytta check"), "{excel}");
    assert!(!excel.contains("does not validate"), "{excel}");
}
