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
