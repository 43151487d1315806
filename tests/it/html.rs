//! `--format html`: every example's page parsed with a real HTML parser — chapters,
//! one SVG per chart with its text alternative and data table, nothing loaded from
//! any host, key figures equal to the JSON report's.

use crate::cli::nytta;
use scraper::{Html, Selector};
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn run(args: &[&str]) -> String {
    let out = nytta().args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// Whole kronor, grouped as Swedish writes them (`1 234 567`).
fn swedish_kronor(plain: &str) -> String {
    let v: f64 = plain.parse().unwrap();
    let whole = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if v.round() < 0.0 { format!("-{out}") } else { out }
}

/// No `src` or `href` leaves the page, and the CSP forbids loading anything.
fn self_contained(doc: &Html) {
    for e in doc.select(&sel("[src], [href]")) {
        for attr in ["src", "href"] {
            if let Some(v) = e.value().attr(attr) {
                assert!(v.starts_with('#'), "{attr}={v} leaves the page");
            }
        }
    }
    assert_eq!(doc.select(&sel("script, link, img, iframe, object")).count(), 0);
    let csp = doc
        .select(&sel(r#"meta[http-equiv="Content-Security-Policy"]"#))
        .next()
        .expect("a CSP meta tag");
    assert!(csp.value().attr("content").unwrap().starts_with("default-src 'none'"));
}

/// Every chart: a figure with a caption, one SVG with `<title>` and `<desc>`, a table.
fn charts_complete(doc: &Html) -> Vec<String> {
    let mut ids = Vec::new();
    for figure in doc.select(&sel("figure.chart")) {
        let id = figure.value().attr("id").unwrap().to_string();
        assert_eq!(figure.select(&sel("svg")).count(), 1, "{id}: one svg");
        let svg = figure.select(&sel("svg")).next().unwrap();
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(!text(svg.select(&sel("title")).next().expect("title")).is_empty());
        assert!(!text(svg.select(&sel("desc")).next().expect("desc")).is_empty());
        assert!(
            svg.select(&sel("rect")).count() + svg.select(&sel("polyline")).count() > 2,
            "{id}: drawn"
        );
        assert!(!text(figure.select(&sel("figcaption")).next().unwrap()).is_empty());
        let table = figure.select(&sel("table")).next().expect("data table");
        assert!(table.select(&sel("tbody tr")).count() > 0, "{id}: data rows");
        ids.push(id);
    }
    ids
}

#[test]
fn every_example_renders_to_a_complete_page_in_both_languages() {
    for file in examples() {
        let f = file.to_str().unwrap();
        let json: serde_json::Value = serde_json::from_str(&run(&["report", f, "--format", "json"])).unwrap();
        for lang in ["sv", "en"] {
            let page = run(&["report", f, "--format", "html", "--lang", lang]);
            let doc = Html::parse_document(&page);
            assert_eq!(doc.root_element().value().attr("lang"), Some(lang));
            self_contained(&doc);
            // Chapters: summary, assumptions, realism, years, lines, stakeholders,
            // realisation, qualitative, sensitivity, (sources,) findings.
            let chapters: Vec<String> = doc.select(&sel("section.chapter > h2")).map(text).collect();
            assert!(chapters.len() >= 10, "{f} {lang}: {chapters:?}");
            let expect = if lang == "sv" {
                ["Sammanfattning", "Förutsättningar", "År för år", "Känslighetsanalys"]
            } else {
                ["Summary", "Assumptions", "Year by year", "Sensitivity"]
            };
            for e in expect {
                assert!(chapters.iter().any(|c| c == e), "{f} {lang}: no {e} in {chapters:?}");
            }
            let ids = charts_complete(&doc);
            for always in ["chart-costs-benefits", "chart-cumulative"] {
                assert!(ids.iter().any(|i| i == always), "{f}: {always} in {ids:?}");
            }
            let ranged = json["range"]["lines"].as_array().is_some_and(|l| !l.is_empty());
            assert_eq!(ids.iter().any(|i| i == "chart-tornado"), ranged, "{f}");
            assert_eq!(ids.iter().any(|i| i == "chart-monte-carlo"), ranged, "{f}");
            let stakeholders = json["stakeholders"].as_array().is_some_and(|s| !s.is_empty());
            assert_eq!(ids.iter().any(|i| i == "chart-npv-stakeholder"), stakeholders, "{f}");
            // The key figures equal the JSON report's.
            if lang == "sv" {
                let cells: Vec<String> = doc.select(&sel("td")).map(text).collect();
                for key in ["npv", "total_costs", "total_benefits", "pv_costs", "planned_harvest"] {
                    let want = format!("{} kr", swedish_kronor(json["summary"][key].as_str().unwrap()));
                    assert!(cells.contains(&want), "{f}: {key} {want} not in the page");
                }
            }
        }
    }
}

#[test]
fn axis_numbers_are_swedish() {
    let page = run(&[
        "report",
        "examples/e-tjanst-bygglov.toml",
        "--format",
        "html",
        "--lang",
        "sv",
    ]);
    let doc = Html::parse_document(&page);
    let svg_text: Vec<String> = doc.select(&sel("svg text")).map(text).collect();
    assert!(svg_text.iter().any(|t| t == "1 000 000"), "{svg_text:?}");
    assert!(
        !svg_text
            .iter()
            .any(|t| t.contains(',') && t.chars().any(|c| c.is_ascii_digit()))
    );
    assert!(svg_text.iter().any(|t| t == "Belopp (kr)"));
    assert!(!page.contains("Amount (kr)"));
}

#[test]
fn hostile_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.toml");
    std::fs::write(
        &file,
        crate::cli::VALID.replace("name = \"Porto\"", "name = \"<script>alert(1)</script>\u{202e}\""),
    )
    .unwrap();
    let page = run(&["report", file.to_str().unwrap(), "--format", "html"]);
    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;"));
    assert!(!page.contains('\u{202e}'));
    let doc = Html::parse_document(&page);
    assert_eq!(doc.select(&sel("script")).count(), 0);
}

#[test]
fn follow_up_and_batch_pages() {
    let page = run(&[
        "follow-up",
        "examples/uppfoljning-bygglov.toml",
        "--actuals",
        "examples/utfall-2025.csv",
        "--format",
        "html",
        "--lang",
        "sv",
    ]);
    let doc = Html::parse_document(&page);
    self_contained(&doc);
    assert_eq!(charts_complete(&doc), ["chart-follow-up"]);

    let out = nytta()
        .args([
            "batch",
            "examples",
            "--rank",
            "npv",
            "--group-by",
            "portfolio",
            "--format",
            "html",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let doc = Html::parse_document(&String::from_utf8(out.stdout).unwrap());
    self_contained(&doc);
    assert_eq!(charts_complete(&doc), ["chart-npv-project"]);
    let chapters: Vec<String> = doc.select(&sel("section.chapter > h2")).map(text).collect();
    assert_eq!(chapters, ["Projects", "Sums per group and year"]);
    // Ranked: the first row is place 1.
    let first = doc
        .select(&sel("section.chapter div.table tbody tr td"))
        .next()
        .unwrap();
    assert_eq!(text(first), "1");
}

/// The portfolio's project table (twelve columns) is set as a wide table, with its file
/// paths and `Nytta/kostnad` breakable after a `/` and *Återbetalningsmånad* after
/// *Återbetalnings-*, so that it fits a 1 200 px page and an A4 sheet instead of being
/// cut at *Internränta* (seen rendered in Chromium; this checks the markup that does it).
#[test]
fn the_portfolio_table_is_set_to_fit_the_page() {
    let page = run(&["--lang", "sv", "batch", "examples", "--rank", "npv", "--format", "html"]);
    let doc = Html::parse_document(&page);
    let wide: Vec<_> = doc.select(&sel("table.wide")).collect();
    assert_eq!(wide.len(), 1, "one wide table: the projects");
    let table = wide[0].html();
    assert!(table.contains("examples/<wbr>bokningssystem.toml"), "{table}");
    assert!(table.contains("Nytta/<wbr>kostnad"), "{table}");
    assert!(table.contains("Återbetalnings\u{ad}månad"), "{table}");
    // Narrow tables are left as they are.
    assert!(doc.select(&sel("table:not(.wide)")).count() >= 1);
}

/// The follow-up chart compares like with like: in 2025 the licence reported 215 000 kr
/// against a plan of 165 000, and the support line (plan 201 816) has not reported yet.
/// The chart's cost plan for 2025 is 165 000 — not the whole 366 816, which would show
/// a missing report as an underspend of 151 816 — and a year without any actual keeps
/// its whole plan.
#[test]
fn the_follow_up_chart_compares_the_plan_of_what_was_reported() {
    let page = run(&[
        "--lang",
        "sv",
        "follow-up",
        "examples/uppfoljning-bygglov.toml",
        "--actuals",
        "examples/utfall-2025.csv",
        "--format",
        "html",
    ]);
    let doc = Html::parse_document(&page);
    let rows: Vec<Vec<String>> = doc
        .select(&sel("#chart-follow-up .data tbody tr"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect();
    let year = |y: &str| {
        rows.iter()
            .find(|r| r[0] == y)
            .unwrap_or_else(|| panic!("{rows:?}"))
            .clone()
    };
    assert_eq!(year("2025")[1..3], [swedish_kronor("165000"), swedish_kronor("215000")]);
    // 2023: every cost line reported, so the whole plan.
    assert_eq!(year("2023")[1], swedish_kronor("1341473"));
}

/// The besparingskrav chart shows what is cut from each budget (budget reduction), as the
/// budget-consequence table does, not the whole planned harvest (which counts redeployed
/// time too: 1 337 109 for Stadsdelsförvaltningarna against 84 750 cut from its budget).
#[test]
fn savings_demand_chart_is_the_budget_reduction_only() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/delad-tjanst.toml");
    let doc = Html::parse_document(&run(&["report", file, "--format", "html", "--lang", "sv"]));
    let figure = doc
        .select(&sel("figure#chart-savings-demand"))
        .next()
        .expect("the chart");
    let rows: Vec<Vec<String>> = figure
        .select(&sel("table tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Stadsdelsförvaltningarna", "84 750"],
            ["Trafikkontoret", "1 550 850"],
            ["Stadsbyggnadskontoret", "33 900"],
        ]
    );
    // The same sums as the besparingskrav rows of the budget consequence, last column.
    let budget: Vec<String> = doc
        .select(&sel("table tr"))
        .filter_map(|tr| {
            let cells: Vec<String> = tr.select(&sel("th, td")).map(text).collect();
            (cells.get(1).map(String::as_str) == Some("besparingskrav")).then(|| cells.last().unwrap().clone())
        })
        .collect();
    for row in &rows {
        assert!(
            budget.contains(&row[1]),
            "{row:?} not among the budget consequence's {budget:?}"
        );
    }
}

/// A month or a figure in running text is never broken over two lines (`2030-` / `03`,
/// `800` / `000 kr`): each is one `span.nw`, whose text is as written.
#[test]
fn dates_and_figures_in_text_stay_on_one_line() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/e-tjanst-bygglov.toml");
    let doc = Html::parse_document(&run(&["report", file, "--format", "html", "--lang", "sv"]));
    let kept: Vec<String> = doc.select(&sel("td.text span.nw")).map(text).collect();
    assert!(kept.contains(&"2030-03".to_string()), "{kept:?}");
    assert!(kept.iter().any(|k| k.ends_with(" kr") && k.contains(' ')), "{kept:?}");
    assert!(kept.iter().any(|k| k.ends_with(" %")), "{kept:?}");
    let css = doc.select(&sel("style")).map(text).collect::<String>();
    assert!(css.contains(".nw { white-space: nowrap; }"), "no rule for span.nw");
}

/// The cumulative net is drawn month by month (a line through 12 points a year), so that
/// a dip inside a year shows, and the payback marker sits where the line crosses zero:
/// in `klassiskt-fel` every year's net is positive, but the first months are not.
#[test]
fn cumulative_chart_is_drawn_month_by_month() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/klassiskt-fel.toml");
    let doc = Html::parse_document(&run(&["report", file, "--format", "html", "--lang", "sv"]));
    let figure = doc.select(&sel("figure#chart-cumulative")).next().expect("the chart");
    let most = figure
        .select(&sel("svg polyline"))
        .map(|p| p.value().attr("points").unwrap_or("").split_whitespace().count())
        .max()
        .unwrap();
    // Five years: 60 months and the start.
    assert!(most > 60, "the longest line has {most} points");
}
