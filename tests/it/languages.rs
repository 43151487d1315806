//! Every word in both languages: every finding code (E001–E012, W101–W116, W201–W204,
//! W301) is raised here at least once and its message and hint must be worded in Swedish
//! and in English, differently; every report label and phrase too (docs/decisions.md, D61).

use crate::cli::VALID;
use nytta::diagnostic::{Code, Diagnostic};
use nytta::model::actuals::{Actuals, parse_actuals_csv};
use nytta::report::Lang;
use std::collections::BTreeMap;
use std::path::Path;

/// Every code nytta has, in code order.
const ALL: &[Code] = &[
    Code::E001,
    Code::E002,
    Code::E003,
    Code::E004,
    Code::E005,
    Code::E006,
    Code::E007,
    Code::E008,
    Code::E009,
    Code::E010,
    Code::E011,
    Code::E012,
    Code::W101,
    Code::W102,
    Code::W103,
    Code::W104,
    Code::W105,
    Code::W106,
    Code::W107,
    Code::W108,
    Code::W109,
    Code::W110,
    Code::W111,
    Code::W112,
    Code::W113,
    Code::W114,
    Code::W115,
    Code::W116,
    Code::W201,
    Code::W202,
    Code::W203,
    Code::W204,
    Code::W301,
];

const STAKEHOLDERS: &str = "\n[[stakeholders]]\nid = \"a\"\nname = \"A\"\n[[stakeholders]]\nid = \"b\"\nname = \"B\"\n";

/// Project files that raise every E and W1xx code between them.
fn project_cases() -> Vec<String> {
    let v = VALID;
    let mut cases = vec![
        "format = 1\n[project\n".to_string(),
        v.replace("go_live", "golive"),
        v.replace("name = \"Test\"\n", ""),
        v.replace("years = 3", "years = [3]"),
        v.replace("category = \"investment\"", "category = \"invest\""),
        v.replace("amounts = { 2010 = 300000 }", "amounts = { 2010 = 300000 }\nannual = 5"),
        v.replace("id = \"drift\"", "id = \"bygg\""),
        v.replace("annual = 12000", "annual = 12000\nstakeholder = \"okand\""),
        v.replace("annual = 12000", "annual = 12000\nstakeholder = { a = 0.5, b = 0.2 }") + STAKEHOLDERS,
        v.replace("amounts = { 2010 = 300000 }", "amounts = { 2030 = 300000 }"),
        v.replace(
            "amounts = { 2010 = 300000 }",
            "amounts = { 2010 = 999999999999999999999999999 }",
        ),
        v.replace("format = 1", "format = 2"),
        v.replace("annual = 132000", "amounts = { 2010 = 132000, 2011 = 132000 }"),
        v.replace("category = \"operations\"", "category = \"investment\""),
        v.replace("owner = \"Ekonomichef\"\n", ""),
        v.replace("discount_rate = \"10 %\"\n", ""),
        v.replace("years = 3", "years = 2"),
        v.replace(
            "method = \"budget_reduction\"",
            "method = \"budget_reduction\"\nfollow_up = [\"2020-06\"]\nschedule = { 2011 = 1000 }\nshare = 0.5",
        ),
        v.replace(
            "discount_rate = \"10 %\"",
            "discount_rate = \"10 %\"\nhourly_cost = 400",
        ) + "[[benefits]]\nname = \"Ärenden\"\nclass = \"reallocation\"\nvolume = 1000\nminutes_saved = 10\nadoption = { 2010 = 0.1, 2011 = 0.1, 2012 = 0.1 }\n[benefits.realisation]\nmethod = \"budget_reduction\"\n",
    ];
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["klassiskt-fel.toml", "delad-tjanst.toml"] {
        cases.push(std::fs::read_to_string(examples.join(name)).unwrap());
    }
    cases
}

/// Every finding the cases raise, follow-up flags and claims included.
fn findings() -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for text in project_cases() {
        out.extend(nytta::analyse(&text).diagnostics);
    }
    // Follow-up flags (W201–W204) and actuals CSV errors.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = std::fs::read_to_string(root.join("uppfoljning-bygglov.toml")).unwrap();
    let analysis = nytta::analyse(&text);
    let (project, base) = (analysis.project.unwrap(), analysis.base.unwrap());
    let csv = nytta::model::csvin::decode_text(&std::fs::read(root.join("utfall-2025.csv")).unwrap());
    let actuals = Actuals::from_project(&project).merged_with(&parse_actuals_csv(&csv, &project).unwrap());
    let fu = nytta::engine::followup::follow_up(&project, &base, &actuals, 2025);
    out.extend(nytta::check::followup::flags(&project, &fu, &actuals));
    let other = nytta::analyse(&std::fs::read_to_string(root.join("e-tjanst-bygglov.toml")).unwrap());
    let (p2, b2) = (other.project.unwrap(), other.base.unwrap());
    let plain = Actuals::from_project(&p2);
    let fu = nytta::engine::followup::follow_up(&p2, &b2, &plain, 2030);
    out.extend(nytta::check::followup::flags(&p2, &fu, &plain));
    for bad in [
        "line,year,amount\nokand,2025,100\n",
        "line,year,amount,kind,extra\nlicens,2025,100,harvest,1\n",
    ] {
        if let Err(problems) = parse_actuals_csv(bad, &project) {
            out.extend(problems);
        }
    }
    // Claims (W301).
    let claimed = nytta::model::submission::Claimed {
        npv: Some(rust_decimal::Decimal::ONE),
        total_costs: None,
        total_benefits: None,
        payback_year: Some(1999),
    };
    out.extend(nytta::check::claims::compare(&claimed, &base));
    out
}

#[test]
fn every_finding_is_worded_in_swedish_and_in_english() {
    let found = findings();
    let mut by_code: BTreeMap<Code, usize> = BTreeMap::new();
    let mut untranslated = Vec::new();
    for d in &found {
        *by_code.entry(d.code).or_default() += 1;
        let pairs = [
            (d.message_in(Lang::Sv), d.message_in(Lang::En)),
            (d.hint_in(Lang::Sv).unwrap_or("-"), d.hint_in(Lang::En).unwrap_or("+")),
        ];
        for (sv, en) in pairs {
            if sv.trim().is_empty() || en.trim().is_empty() || sv == en {
                untranslated.push(format!("{}: sv {sv:?} / en {en:?}", d.code));
            }
        }
    }
    let missing: Vec<&Code> = ALL.iter().filter(|c| !by_code.contains_key(c)).collect();
    assert!(missing.is_empty(), "codes no case raises: {missing:?}");
    assert!(untranslated.is_empty(), "untranslated:\n{}", untranslated.join("\n"));
}

#[test]
fn swedish_findings_use_swedish_numbers() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/klassiskt-fel.toml")).unwrap();
    let w114 = nytta::analyse(&text)
        .diagnostics
        .into_iter()
        .find(|d| d.code == Code::W114)
        .expect("W114");
    assert!(
        w114.message_in(Lang::Sv).contains("6 403 223 kr"),
        "{}",
        w114.message_in(Lang::Sv)
    );
    assert!(
        w114.message_in(Lang::En).contains("6,403,223 kr"),
        "{}",
        w114.message_in(Lang::En)
    );
}

// ---------------------------------------------------------------- the CLI's own messages

/// One message the CLI prints itself (an error, a note, a summary): the command, its exit
/// code, and words that only the English and only the Swedish wording have.
struct Said {
    args: Vec<std::ffi::OsString>,
    code: i32,
    en: &'static [&'static str],
    sv: &'static [&'static str],
    /// Extra environment.
    env: &'static [(&'static str, &'static str)],
    /// Look at standard output too (where `check` writes its findings).
    stdout: bool,
}

fn said(
    args: &[&dyn AsRef<std::ffi::OsStr>],
    code: i32,
    en: &'static [&'static str],
    sv: &'static [&'static str],
) -> Said {
    Said {
        args: args.iter().map(|a| a.as_ref().to_os_string()).collect(),
        code,
        en,
        sv,
        env: &[],
        stdout: false,
    }
}

/// Standard error and exit code of `case` with `--lang` (or none) under the locale `lang_env`.
fn stderr_in(case: &Said, lang: Option<&str>, lang_env: &str) -> (Option<i32>, String) {
    let mut cmd = crate::cli::nytta();
    cmd.env("LANG", lang_env).args(&case.args);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    for (k, v) in case.env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let mut text = String::from_utf8_lossy(&out.stderr).into_owned();
    if case.stdout {
        text.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    (out.status.code(), text)
}

/// The cases: every kind of message the commands in `src/cli/` print.
fn said_cases(dir: &Path) -> Vec<Said> {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let p = write("p.toml", &crate::cli::QUIET_VALID);
    let q = write("q.toml", &crate::cli::QUIET_VALID);
    let bad = write("bad.toml", "format = 1\n[project\n");
    let projects = dir.join("projects");
    std::fs::create_dir_all(&projects).unwrap();
    std::fs::write(projects.join("p.toml"), crate::cli::QUIET_VALID.as_str()).unwrap();
    let subs = write(
        "subs.csv",
        "id,name,organisation,start_year,years,investment,financial_annual,kommentar\nA-1,A,K,2025,3,100,50,x\n",
    );
    let actuals = write("utfall.csv", "project,line,year,amount\nokand,drift,2010,1\n");
    let holders = dir.join("holders");
    std::fs::create_dir_all(&holders).unwrap();
    for (name, text) in [
        ("a.toml", crate::controllers::A),
        ("b.toml", crate::controllers::B),
        ("c.toml", crate::controllers::C),
    ] {
        std::fs::write(holders.join(name), text).unwrap();
    }
    let header = write("header.csv", "name,start_year\nA,2025\n");
    let nope = dir.join("nope.toml");
    let none = dir.join("none");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let new = dir.join("new.toml");
    let out_in_missing = dir.join("missing").join("out.csv");
    let xlsx = dir.join("out.xlsx");
    vec![
        said(
            &[&"report", &nope],
            2,
            &["cannot read", "No such file"],
            &["kan inte läsa", "finns inte"],
        ),
        said(
            &[&"check", &nope],
            2,
            &["cannot read", "checked"],
            &["kan inte läsa", "kontrollerade"],
        ),
        said(
            &[&"report", &dir],
            2,
            &["cannot read", "directory"],
            &["kan inte läsa", "det är en mapp"],
        ),
        said(
            &[&"batch", &"--format", &"xlsx", &dir],
            2,
            &["needs", "FILE.xlsx"],
            &["behöver", "FIL.xlsx"],
        ),
        said(
            &[&"batch", &dir, &"-o", &dir],
            2,
            &["cannot write", "directory", "give a file name"],
            &["kan inte skriva", "mapp", "ange ett filnamn"],
        ),
        said(
            &[&"report", &"--format", &"xlsx", &p],
            2,
            &["needs", "FILE.xlsx"],
            &["behöver", "FIL.xlsx"],
        ),
        said(
            &[&"report", &p, &"--scenario", &"nope"],
            2,
            &["no scenario", "the file has"],
            &["inget scenario", "filen har"],
        ),
        said(
            &[&"report", &p, &"--scenario", &"senn"],
            2,
            &["did you mean"],
            &["menade du"],
        ),
        said(
            &[&"report", &p, &"--compare", &"--format", &"xlsx", &"-o", &xlsx],
            2,
            &["writes", "not xlsx"],
            &["skriver", "inte xlsx"],
        ),
        said(
            &[&"report", &p, &"--format", &"csv", &"--section", &"summary"],
            2,
            &["has no CSV table", "use years"],
            &["har ingen CSV-tabell", "använd years"],
        ),
        said(
            &[&"report", &p, &"-o", &p],
            2,
            &["refusing to write over"],
            &["skriver inte över indatafilen"],
        ),
        said(
            &[&"report", &p, &"-o", &dir],
            2,
            &["cannot write", "directory", "give a file name"],
            &["kan inte skriva", "mapp", "ange ett filnamn"],
        ),
        said(
            &[&"batch", &p, &"-o", &out_in_missing],
            2,
            &["cannot write", "No such file"],
            &["kan inte skriva", "finns inte"],
        ),
        said(
            &[&"init", &p],
            2,
            &["already exists", "never overwrites"],
            &["finns redan", "skriver aldrig över"],
        ),
        said(
            &[&"init", &new],
            0,
            &["wrote", "next", "completion"],
            &["skrev", "nästa steg", "komplettering"],
        ),
        said(
            &[&"check", &p],
            0,
            &["checked", "errors", "warnings"],
            &["kontrollerade", "fel", "varningar"],
        ),
        said(
            &[&"batch", &p],
            0,
            &["submission:", "with warnings"],
            &["ansökan:", "utan anmärkning"],
        ),
        said(
            &[&"batch", &"--group-by", &"stakeholder", &"--format", &"json", &holders],
            0,
            &["differ only in case", "kept apart", "summed as"],
            &["skiljer sig bara i skiftläge", "hålls isär", "summeras som"],
        ),
        said(&[&"batch"], 2, &["give project files"], &["ange projektfiler"]),
        said(
            &[&"batch", &none],
            2,
            &["no such file or directory"],
            &["filen eller mappen finns inte"],
        ),
        said(
            &[&"batch", &"--csv", &header],
            2,
            &["lacks the required column"],
            &["saknar obligatoriska kolumner"],
        ),
        said(&[&"batch", &"--csv", &nope], 2, &["cannot read"], &["kan inte läsa"]),
        said(
            &[&"batch", &"--csv", &subs],
            0,
            &["ignoring unknown column"],
            &["okända kolumner läses inte"],
        ),
        said(
            &[&"batch", &"--csv", &subs, &"--follow-up"],
            2,
            &["follows up project files"],
            &["följer upp projektfiler"],
        ),
        said(
            &[&"batch", &"--dedupe", &p, &q],
            0,
            &["leaving out", "the same project"],
            &["utelämnar", "samma projekt"],
        ),
        said(
            &[&"batch", &"--jobs", &"100000", &p],
            0,
            &["more than helps", "using"],
            &["fler än som hjälper", "använder"],
        ),
        said(
            &[&"batch", &"--follow-up", &"--actuals", &actuals, &projects],
            0,
            &["is none of the projects", "not counted", "1 project followed up"],
            &[
                "finns inte bland projekten",
                "räknas inte",
                "1 projekt uppföljt: 1 försenat",
            ],
        ),
        said(&[&"man", &"-o", &nope], 2, &["is not a folder"], &["är inte en mapp"]),
        said(
            &[&"man", &"-o", &pages],
            0,
            &["wrote", "manual pages"],
            &["skrev", "manualsidor"],
        ),
        said(&[&"diff", &bad, &p], 1, &["cannot compare"], &["kan inte jämföra"]),
        Said {
            stdout: true,
            ..said(
                &[&"check", &p, &"--set", &"assumptions.discount_rat=4%"],
                1,
                &["command line", "checked"],
                &["kommandoraden", "kontrollerade"],
            )
        },
        Said {
            env: &[("SOURCE_DATE_EPOCH", "igår")],
            ..said(
                &[&"batch", &p, &"--format", &"xlsx", &"-o", &xlsx],
                0,
                &["is not seconds", "the workbook says"],
                &["är inte sekunder", "arbetsboken anger"],
            )
        },
    ]
}

#[test]
fn the_cli_speaks_the_readers_language() {
    let mut wrong = Vec::new();
    for (lang, env, words, foreign) in [
        (Some("en"), "sv_SE.UTF-8", "en", "sv"),
        (Some("sv"), "en_US.UTF-8", "sv", "en"),
        (None, "C.UTF-8", "sv", "en"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        for case in said_cases(dir.path()) {
            let (code, stderr) = stderr_in(&case, lang, env);
            let (want, not) = if words == "en" {
                (case.en, case.sv)
            } else {
                (case.sv, case.en)
            };
            let shown = format!("{:?} --lang {lang:?} LANG={env}", case.args);
            if code != Some(case.code) {
                wrong.push(format!("{shown}: exit {code:?}, not {}: {stderr}", case.code));
            }
            for w in want {
                if !stderr.contains(w) {
                    wrong.push(format!("{shown}: `{w}` missing ({words}): {stderr}"));
                }
            }
            // English words in Swedish, or Swedish in English ("fel" is part of "files").
            for w in not.iter().filter(|w| !(words == "en" && **w == "fel")) {
                if stderr.contains(w) {
                    wrong.push(format!("{shown}: `{w}` ({foreign}) in the {words} text: {stderr}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Clap's own usage errors stay English (docs/decisions.md, D91), with exit code 2.
#[test]
fn clap_usage_errors_stay_english() {
    let out = crate::cli::nytta()
        .env("LANG", "sv_SE.UTF-8")
        .args(["report", "--no-such-flag", "--lang", "sv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument"));
}

/// A batch row's reason (a file that cannot be read) is in the reader's language where
/// people read it (Excel CSV, xlsx, table), English in the machine formats (D61, D90).
#[test]
fn batch_row_reasons_follow_the_outputs_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.toml"), b"format = 1\n\xff\n").unwrap();
    let run = |args: &[&str]| {
        let out = crate::cli::nytta()
            .args(["batch", "--lang", "sv"])
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let excel = run(&["--excel"]);
    assert!(excel.contains("rad 2, kolumn 1: filen är inte UTF-8"), "{excel}");
    // `--lang sv` given: the machine formats speak it too, as `check` and `report` do.
    for machine in [run(&[]), run(&["--format", "json"])] {
        assert!(machine.contains("rad 2, kolumn 1: filen är inte UTF-8"), "{machine}");
    }
    // Without `--lang`, whatever the environment says, they keep English for scripts.
    for args in [&["batch"][..], &["batch", "--format", "json"][..]] {
        let out = crate::cli::nytta()
            .env("LANG", "sv_SE.UTF-8")
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap();
        let machine = String::from_utf8_lossy(&out.stdout);
        assert!(machine.contains("line 2, column 1: the file is not UTF-8"), "{machine}");
    }
}

/// Lines are named as a reader knows them (issue 10, item 5): 1-based and by name, in
/// both languages, never as the 0-based path JSON keeps in `at` for scripts.
#[test]
fn parse_errors_name_lines_by_number_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::cli::write(
        dir.path(),
        "p.toml",
        "format = 1\n[project]\nname = \"P\"\norganisation = \"O\"\nstart_year = 2026\nyears = 3\n\
         [[costs]]\nname = \"Drift\"\ncategory = \"operations\"\nannual = 1000\n\
         [[costs]]\nname = \"Licens\"\ncategory = \"investment\"\nannual = \"abc\"\nfoo = 1\n\
         [[benefits]]\nname = \"Tid\"\nclass = \"reallocation\"\nhours = 10\n\
         [benefits.realisation]\nshare = 2\n",
    );
    let run = |lang: &str| {
        let out = crate::cli::nytta()
            .args(["check", "--lang", lang])
            .arg(&file)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let sv = run("sv");
    for want in [
        "p.toml:14:10: fel[E005]: `annual` i [[costs]] nr 2 ”Licens”",
        "okänd nyckel `foo` i [[costs]] nr 2 ”Licens”",
        "`hours` i [[benefits]] nr 1 ”Tid” ska vara",
        "`realisation.share` i [[benefits]] nr 1 ”Tid”",
    ] {
        assert!(sv.contains(want), "{want}\n{sv}");
    }
    let en = run("en");
    for want in [
        "p.toml:14:10: error[E005]: `annual` of [[costs]] #2 \"Licens\"",
        "unknown key `foo` in [[costs]] #2 \"Licens\"",
        "`realisation.share` of [[benefits]] #1 \"Tid\"",
    ] {
        assert!(en.contains(want), "{want}\n{en}");
    }
    for text in [&sv, &en] {
        assert!(!text.contains("costs[") && !text.contains("benefits["), "{text}");
    }
    // JSON keeps the path for scripts.
    let json = crate::cli::nytta()
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let json = String::from_utf8(json.stdout).unwrap();
    assert!(json.contains("\"at\": \"costs[1].annual\""), "{json}");
}
