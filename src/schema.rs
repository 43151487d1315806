//! The JSON Schema (draft-07) of the project file, format 1, for editors: Even Better
//! TOML / taplo read it to complete keys, show their documentation and mark mistakes
//! while the file is written (`nytta schema`, `schema/nytta-format-1.schema.json`,
//! docs/editor.md).
//!
//! The keys of every table are the parser's own lists (`model::known_keys`),
//! and the choices of every enumerated string too; this module adds each key's type,
//! range and description (English and Swedish). A key the parser knows but this module
//! does not describe shows up as `UNDESCRIBED` and fails the tests, and so does a
//! description of a key the parser does not know.
//!
//! The schema checks what a schema can: types, ranges of plain numbers, the forms of
//! numbers, months and year tables, required keys, exactly one value form per line, and
//! no unknown key anywhere. `nytta check` checks the rest (the horizon, stakeholder
//! references and shares, duplicate ids, ranges of numbers written as strings).

use crate::model::{known_keys, known_lists};
use serde_json::{Map, Value, json};

/// The `$id` of the schema: its file in the repository.
pub const FILE_NAME: &str = "nytta-format-1.schema.json";

/// Marks a key the parser knows and this module does not describe.
const UNDESCRIBED: &str = "UNDESCRIBED";

/// A description in English and Swedish.
fn doc(en: &str, sv: &str) -> String {
    format!("{en}\n\nSvenska: {sv}")
}

fn with_doc(mut v: Value, en: &str, sv: &str) -> Value {
    v["description"] = Value::String(doc(en, sv));
    v
}

const SPACES: &str = " \u{a0}\u{2009}\u{202f}";

/// A number as a string: English or Swedish notation, spaces grouping thousands, one
/// decimal mark, an optional trailing `%` (the parser's `parse_number_str`).
fn number_string_pattern() -> String {
    let s = SPACES;
    format!("^\\s*[-+\u{2212}]?[{s}]*([0-9][0-9{s}]*([.,][0-9{s}]*)?|[.,][0-9][0-9{s}]*)%?\\s*$")
}

/// A number: a TOML integer or float (with an optional range), or a string in English
/// or Swedish notation, with an optional percent sign.
fn number(min: Option<f64>, max: Option<f64>, exclusive_min: bool) -> Value {
    let mut plain = json!({ "type": "number" });
    if let Some(m) = min {
        plain[if exclusive_min { "exclusiveMinimum" } else { "minimum" }] = json!(m);
    }
    if let Some(m) = max {
        plain["maximum"] = json!(m);
    }
    json!({
        "oneOf": [
            plain,
            {
                "type": "string",
                "pattern": number_string_pattern(),
                "description": "A number as text: \"1 200 000,50\", \"1200000.50\", \"3,5 %\"."
            }
        ]
    })
}

fn any_number() -> Value {
    number(None, None, false)
}

fn non_negative() -> Value {
    number(Some(0.0), None, false)
}

fn fraction() -> Value {
    number(Some(0.0), Some(1.0), false)
}

fn integer(min: i64, max: i64) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn non_empty_string() -> Value {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S" })
}

fn id() -> Value {
    json!({ "type": "string", "pattern": "^[a-z0-9_-]+$" })
}

fn choice(list: &str) -> Value {
    json!({ "type": "string", "enum": known_lists(list) })
}

/// A month: `"YYYY-MM"`, a TOML date (its month; a string once converted to JSON), or
/// a bare year.
fn month() -> Value {
    json!({
        "oneOf": [
            {
                "type": "string",
                "pattern": "^\\s*[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-[0-9]{2}([T ].*)?)?)?\\s*$",
                "description": "A month \"YYYY-MM\" (or a TOML date, or a year as text)."
            },
            {
                "type": "integer",
                "minimum": 1000,
                "maximum": 9999,
                "description": "A year: January, or December where a period ends (`to`)."
            }
        ]
    })
}

const YEAR_KEY: &str = "^[1-9][0-9]{3}$";
const YEAR_OR_MONTH_KEY: &str = "^[1-9][0-9]{3}(-(0[1-9]|1[0-2]))?$";

/// A table keyed by years.
fn year_table(item: Value) -> Value {
    json!({
        "type": "object",
        "patternProperties": { YEAR_KEY: item },
        "additionalProperties": false
    })
}

/// A table keyed by years and months.
fn period_table(item: Value) -> Value {
    json!({
        "type": "object",
        "patternProperties": { YEAR_OR_MONTH_KEY: item },
        "additionalProperties": false
    })
}

/// The descriptions of the keys of one table, by the table's place in the file.
fn definitions(table: &str) -> Vec<(&'static str, Value)> {
    match table {
        "" => vec![
            (
                "format",
                with_doc(
                    json!({ "type": "integer", "enum": [1] }),
                    "The format of the file: always 1.",
                    "Filens format: alltid 1.",
                ),
            ),
            ("project", json!({})), // filled in by `schema`
            ("assumptions", json!({})),
            ("stakeholders", json!({})),
            ("costs", json!({})),
            ("benefits", json!({})),
            ("scenarios", json!({})),
        ],
        "project" => vec![
            (
                "name",
                with_doc(non_empty_string(), "The project's name.", "Projektets namn."),
            ),
            (
                "id",
                with_doc(
                    string(),
                    "Project id, e.g. the diarienummer of the decision.",
                    "Projektets id, t.ex. diarienumret för beslutet.",
                ),
            ),
            (
                "organisation",
                with_doc(
                    non_empty_string(),
                    "The owning organisation; also the one stakeholder when no [[stakeholders]] are given.",
                    "Organisationen som äger projektet; också den enda intressenten när inga [[stakeholders]] anges.",
                ),
            ),
            (
                "portfolio",
                with_doc(
                    string(),
                    "Portfolio, for grouping projects.",
                    "Portfölj, för att gruppera projekt.",
                ),
            ),
            (
                "start_year",
                with_doc(
                    integer(1900, 2200),
                    "First calendar year of the horizon (kalkylperiod).",
                    "Första kalenderåret i kalkylperioden.",
                ),
            ),
            (
                "years",
                with_doc(
                    integer(1, 50),
                    "Length of the horizon in calendar years (default 5).",
                    "Kalkylperiodens längd i kalenderår (standard 5).",
                ),
            ),
            (
                "go_live",
                with_doc(
                    month(),
                    "The month the service starts (driftstart), e.g. \"2028-03\"; default January of start_year.",
                    "Månaden då tjänsten startar (driftstart), t.ex. \"2028-03\"; standard januari första året.",
                ),
            ),
            (
                "currency",
                with_doc(
                    string(),
                    "Currency label for reports (default \"SEK\"); nothing is converted.",
                    "Valuta i rapporterna (standard \"SEK\"); inget räknas om.",
                ),
            ),
            (
                "description",
                with_doc(string(), "Free text about the project.", "Fritext om projektet."),
            ),
        ],
        "assumptions" => vec![
            (
                "discount_rate",
                with_doc(
                    fraction(),
                    "Discount rate (kalkylränta) as a fraction: 0.035 or \"3,5 %\" (default 3 %).",
                    "Kalkylränta som bråktal: 0.035 eller \"3,5 %\" (standard 3 %).",
                ),
            ),
            (
                "hourly_cost",
                with_doc(
                    non_negative(),
                    "Kronor per hour before overhead, for lines valued in hours. Not with monthly_salary.",
                    "Timkostnad i kronor före PO-pålägg, för rader i timmar. Inte tillsammans med monthly_salary.",
                ),
            ),
            (
                "overhead",
                with_doc(
                    number(Some(0.0), Some(5.0), false),
                    "Personnel overhead added to every hourly cost, a fraction 0–5: \"40,15 %\".",
                    "PO-pålägg på varje timkostnad, bråktal 0–5: \"40,15 %\".",
                ),
            ),
            (
                "monthly_salary",
                with_doc(
                    non_negative(),
                    "Instead of hourly_cost: hourly cost = monthly_salary / salary_hours.",
                    "I stället för hourly_cost: timkostnad = månadslön / salary_hours.",
                ),
            ),
            (
                "salary_hours",
                with_doc(
                    number(Some(1.0), Some(744.0), false),
                    "Hours per month for monthly_salary (default 142).",
                    "Timmar per månad för monthly_salary (standard 142).",
                ),
            ),
            (
                "price_year",
                with_doc(
                    integer(1900, 2200),
                    "The price level of the amounts (prisnivå), a year: 2026. Shown under Assumptions; not stated → \"not stated\".",
                    "Prisnivå för beloppen, ett år: 2026. Visas under Förutsättningar; utelämnad → \"ej angivet\".",
                ),
            ),
            (
                "real",
                with_doc(
                    json!({ "type": "boolean" }),
                    "true: the discount rate is real (amounts in fixed prices); false: nominal. Shown under Assumptions.",
                    "true: kalkylräntan är real (belopp i fasta priser); false: nominell. Visas under Förutsättningar.",
                ),
            ),
        ],
        "stakeholders[]" => vec![
            (
                "id",
                with_doc(
                    id(),
                    "Short unique id (a–z, 0–9, _ and -), used in the lines' stakeholder.",
                    "Kort unikt id (a–z, 0–9, _ och -) som raderna anger i stakeholder.",
                ),
            ),
            (
                "name",
                with_doc(
                    non_empty_string(),
                    "Name shown in reports (default: the id).",
                    "Namnet i rapporterna (standard: id).",
                ),
            ),
        ],
        "costs[]" | "benefits[]" => {
            let mut defs = vec![
                (
                    "id",
                    with_doc(
                        id(),
                        "Short unique id over all costs and benefits (a–z, 0–9, _ and -).",
                        "Kort id, unikt bland alla kostnader och nyttor (a–z, 0–9, _ och -).",
                    ),
                ),
                (
                    "name",
                    with_doc(non_empty_string(), "Name shown in reports.", "Namnet i rapporterna."),
                ),
                (
                    "stakeholder",
                    with_doc(
                        json!({
                            "oneOf": [
                                { "type": "string" },
                                {
                                    "type": "object",
                                    "minProperties": 1,
                                    "additionalProperties": fraction()
                                }
                            ]
                        }),
                        "Who bears the cost or gets the benefit: an id, or shares summing to 1: { sdf = 0.6, tk = 0.4 }.",
                        "Vem som bär kostnaden eller får nyttan: ett id, eller andelar som summerar till 1: { sdf = 0.6, tk = 0.4 }.",
                    ),
                ),
                (
                    "from",
                    with_doc(
                        month(),
                        "First active month (annual, annual_hours, volume).",
                        "Första aktiva månaden (annual, annual_hours, volume).",
                    ),
                ),
                (
                    "to",
                    with_doc(
                        month(),
                        "Last active month (annual, annual_hours, volume); default December of the last year.",
                        "Sista aktiva månaden (annual, annual_hours, volume); standard december sista året.",
                    ),
                ),
                (
                    "growth",
                    with_doc(
                        number(Some(-1.0), Some(10.0), true),
                        "Yearly escalation as a fraction, above −100 %: \"2 %\".",
                        "Årlig uppräkning som bråktal, över −100 %: \"2 %\".",
                    ),
                ),
                (
                    "hourly_cost",
                    with_doc(
                        non_negative(),
                        "This line's hourly cost before overhead (lines in hours only).",
                        "Radens timkostnad före PO-pålägg (bara rader i timmar).",
                    ),
                ),
                ("range", json!({})), // filled in by `schema`
                (
                    "source",
                    with_doc(
                        string(),
                        "Where the figure comes from (källhänvisning).",
                        "Var siffran kommer ifrån (källhänvisning).",
                    ),
                ),
                ("note", with_doc(string(), "Free text.", "Fritext.")),
                (
                    "actuals",
                    with_doc(
                        period_table(any_number()),
                        "Money actually spent or gained, by year or month (follow-up): { 2028 = 95000 }.",
                        "Utfall per år eller månad (uppföljning): { 2028 = 95000 }.",
                    ),
                ),
                (
                    "amounts",
                    with_doc(
                        period_table(any_number()),
                        "Value form: amounts by year or month: { 2027 = \"1 200 000\", \"2028-03\" = 300000 }.",
                        "Värdeform: belopp per år eller månad: { 2027 = \"1 200 000\", \"2028-03\" = 300000 }.",
                    ),
                ),
                (
                    "annual",
                    with_doc(
                        non_negative(),
                        "Value form: an amount a year, spread over the active months.",
                        "Värdeform: ett belopp per år, fördelat på de aktiva månaderna.",
                    ),
                ),
                (
                    "hours",
                    with_doc(
                        period_table(non_negative()),
                        "Value form: hours by year or month, × hourly cost × (1 + overhead).",
                        "Värdeform: timmar per år eller månad, × timkostnad × (1 + PO-pålägg).",
                    ),
                ),
                (
                    "annual_hours",
                    with_doc(
                        non_negative(),
                        "Value form: hours a year, × hourly cost × (1 + overhead).",
                        "Värdeform: timmar per år, × timkostnad × (1 + PO-pålägg).",
                    ),
                ),
                (
                    "volume",
                    with_doc(
                        non_negative(),
                        "Value form: cases a year, with minutes_saved, minutes_before + minutes_after, or unit_saving.",
                        "Värdeform: ärenden per år, med minutes_saved, minutes_before + minutes_after eller unit_saving.",
                    ),
                ),
                (
                    "minutes_saved",
                    with_doc(
                        non_negative(),
                        "Minutes saved per case (with volume).",
                        "Minuter som sparas per ärende (med volume).",
                    ),
                ),
                (
                    "minutes_before",
                    with_doc(
                        non_negative(),
                        "Minutes per case today (with volume and minutes_after).",
                        "Minuter per ärende i dag (med volume och minutes_after).",
                    ),
                ),
                (
                    "minutes_after",
                    with_doc(
                        non_negative(),
                        "Minutes per case the new way (with volume and minutes_before).",
                        "Minuter per ärende på det nya sättet (med volume och minutes_before).",
                    ),
                ),
                (
                    "unit_saving",
                    with_doc(
                        non_negative(),
                        "Kronor saved per case (with volume).",
                        "Kronor som sparas per ärende (med volume).",
                    ),
                ),
                (
                    "adoption",
                    with_doc(
                        year_table(fraction()),
                        "Share handled the new way (e-andel) by year, 0–1: { 2028 = 0.15, 2029 = 0.45 }.",
                        "Andel som sköts på det nya sättet (e-andel) per år, 0–1: { 2028 = 0.15, 2029 = 0.45 }.",
                    ),
                ),
            ];
            if table == "costs[]" {
                defs.push((
                    "category",
                    with_doc(
                        choice("category"),
                        "investment (one-off), operations (drift och förvaltning) or other.",
                        "investment (engångs), operations (drift och förvaltning) eller other.",
                    ),
                ));
            } else {
                defs.extend([
                    (
                        "class",
                        with_doc(
                            choice("class"),
                            "financial (money in a budget), reallocation (freed time, in kronor) or qualitative (not in kronor).",
                            "financial (finansiell nytta), reallocation (omfördelningsnytta) eller qualitative (kvalitativ nytta).",
                        ),
                    ),
                    (
                        "confidence",
                        with_doc(
                            choice("confidence"),
                            "How sure the valuation is (default medium).",
                            "Hur säker värderingen är (standard medium).",
                        ),
                    ),
                    ("realisation", json!({})), // filled in by `schema`
                    (
                        "indicator",
                        with_doc(
                            string(),
                            "Qualitative only: what is measured to show the benefit.",
                            "Bara kvalitativ nytta: vad som mäts för att visa nyttan.",
                        ),
                    ),
                    (
                        "baseline",
                        with_doc(
                            string(),
                            "Qualitative only: the value today (nuläge).",
                            "Bara kvalitativ nytta: värdet i dag (nuläge).",
                        ),
                    ),
                    (
                        "target",
                        with_doc(
                            string(),
                            "Qualitative only: the value aimed for (målvärde).",
                            "Bara kvalitativ nytta: målvärdet.",
                        ),
                    ),
                    (
                        "target_date",
                        with_doc(
                            string(),
                            "Qualitative only: when the target should be reached.",
                            "Bara kvalitativ nytta: när målvärdet ska nås.",
                        ),
                    ),
                    (
                        "measured_by",
                        with_doc(
                            string(),
                            "Qualitative only: who measures, and how.",
                            "Bara kvalitativ nytta: vem som mäter, och hur.",
                        ),
                    ),
                ]);
            }
            defs
        }
        "benefits[].realisation" => vec![
            (
                "owner",
                with_doc(
                    string(),
                    "Who is accountable for taking the benefit home (nyttoägare).",
                    "Vem som ansvarar för att ta hem nyttan (nyttoägare).",
                ),
            ),
            (
                "method",
                with_doc(
                    choice("method"),
                    "How the benefit is taken home.",
                    "Hur nyttan tas hem (vinsthemtagning).",
                ),
            ),
            (
                "share",
                with_doc(
                    fraction(),
                    "Part of the benefit planned to be taken home, 0–1 (default 1).",
                    "Andel av nyttan som planeras tas hem, 0–1 (standard 1).",
                ),
            ),
            (
                "lag_months",
                with_doc(
                    integer(0, 600),
                    "Months the harvest follows the benefit (default 0).",
                    "Månader som hemtagningen kommer efter nyttan (standard 0).",
                ),
            ),
            (
                "schedule",
                with_doc(
                    period_table(non_negative()),
                    "Explicit harvest plan by year or month (besparingskrav); replaces share and lag_months.",
                    "Uttrycklig plan för hemtagningen per år eller månad (besparingskrav); ersätter share och lag_months.",
                ),
            ),
            (
                "actuals",
                with_doc(
                    period_table(any_number()),
                    "Money actually taken home, by year or month (follow-up).",
                    "Faktiskt hemtagen nytta per år eller månad (uppföljning).",
                ),
            ),
            (
                "measured_by",
                with_doc(
                    string(),
                    "Who measures the benefit, and how.",
                    "Vem som mäter nyttan, och hur.",
                ),
            ),
            (
                "baseline",
                with_doc(
                    string(),
                    "Starting value of what is measured (nuläge).",
                    "Utgångsvärde (nuläge).",
                ),
            ),
            (
                "baseline_date",
                with_doc(string(), "When the baseline was measured.", "När nuläget mättes."),
            ),
            ("target", with_doc(string(), "Target value (målvärde).", "Målvärde.")),
            (
                "target_date",
                with_doc(string(), "When the target should be reached.", "När målvärdet ska nås."),
            ),
            (
                "follow_up",
                with_doc(
                    json!({ "type": "array", "items": month() }),
                    "Months when follow-up measurements are made: [\"2029-03\", \"2030-03\"].",
                    "Månader då uppföljning görs: [\"2029-03\", \"2030-03\"].",
                ),
            ),
        ],
        "range" => vec![
            (
                "low",
                with_doc(
                    number(Some(0.0), Some(100.0), false),
                    "Factor for the plausible low value (1 is the planned value).",
                    "Faktor för det rimliga låga värdet (1 är det planerade).",
                ),
            ),
            (
                "high",
                with_doc(
                    number(Some(0.0), Some(100.0), false),
                    "Factor for the plausible high value.",
                    "Faktor för det rimliga höga värdet.",
                ),
            ),
        ],
        "scenarios.*" => vec![
            (
                "cost_factor",
                with_doc(
                    non_negative(),
                    "Multiplies every cost (default 1).",
                    "Multiplicerar varje kostnad (standard 1).",
                ),
            ),
            (
                "investment_factor",
                with_doc(
                    non_negative(),
                    "Multiplies investment costs, on top of cost_factor.",
                    "Multiplicerar investeringskostnader, utöver cost_factor.",
                ),
            ),
            (
                "operations_factor",
                with_doc(
                    non_negative(),
                    "Multiplies operations costs, on top of cost_factor.",
                    "Multiplicerar drift och förvaltning, utöver cost_factor.",
                ),
            ),
            (
                "benefit_factor",
                with_doc(
                    non_negative(),
                    "Multiplies every monetised benefit (default 1).",
                    "Multiplicerar varje värderad nytta (standard 1).",
                ),
            ),
            (
                "delay_months",
                with_doc(
                    integer(0, 600),
                    "Moves every monetised benefit this many months later.",
                    "Flyttar varje värderad nytta så många månader senare.",
                ),
            ),
            (
                "discount_rate",
                with_doc(
                    fraction(),
                    "Discount rate for this scenario, a fraction.",
                    "Kalkylränta i scenariot, som bråktal.",
                ),
            ),
            (
                "optimism_bias",
                with_doc(
                    choice("optimism_bias"),
                    "Start from a Green Book optimism-bias preset; keys in the same table win.",
                    "Utgå från en förinställning för optimismbias (Green Book); nycklar i samma tabell vinner.",
                ),
            ),
        ],
        _ => Vec::new(),
    }
}

/// An object with exactly the parser's keys for `table`, each as [`definitions`] gives
/// it (`extra` fills in the keys that are tables of their own).
fn table(place: &str, extra: &[(&str, Value)]) -> Value {
    let keys = known_keys()
        .into_iter()
        .find(|(p, _)| *p == place)
        .map(|(_, k)| k)
        .unwrap_or_default();
    let defs = definitions(place);
    let mut properties = Map::new();
    for key in keys {
        let value = extra
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| defs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
            .unwrap_or_else(|| json!({ "description": UNDESCRIBED }));
        properties.insert(key.to_string(), value);
    }
    json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false
    })
}

/// `{"required": [key]}` for each key.
fn each_required(keys: &[&str]) -> Vec<Value> {
    keys.iter().map(|k| json!({ "required": [k] })).collect()
}

/// The schema, as a JSON value.
pub fn schema() -> Value {
    let forms = known_lists("value_forms");
    // A volume key needs `volume`; minutes_before and minutes_after go together.
    let dependencies = json!({
        "minutes_saved": ["volume"],
        "minutes_before": ["volume", "minutes_after"],
        "minutes_after": ["volume", "minutes_before"],
        "unit_saving": ["volume"],
        "adoption": ["volume"]
    });
    let mut range = with_doc(
        table("range", &[]),
        "Factors for the plausible low and high value: { low = 0.8, high = 1.3 }.",
        "Faktorer för rimligt lågt och högt värde: { low = 0.8, high = 1.3 }.",
    );
    range["required"] = json!(["low", "high"]);

    let mut cost = table("costs[]", &[("range", range.clone())]);
    cost["required"] = json!(["name", "category"]);
    cost["oneOf"] = json!(each_required(forms));
    cost["dependencies"] = dependencies.clone();

    let realisation = with_doc(
        table("benefits[].realisation", &[]),
        "The plan for taking the benefit home (vinsthemtagning); monetised benefits only.",
        "Planen för vinsthemtagningen; bara värderade nyttor.",
    );
    let mut benefit = table("benefits[]", &[("range", range), ("realisation", realisation)]);
    benefit["required"] = json!(["name", "class"]);
    benefit["dependencies"] = dependencies;
    // Qualitative: an indicator and no value; monetised: exactly one value form and no
    // qualitative keys.
    let not_on_qualitative: Vec<&str> = forms
        .iter()
        .chain(known_lists("volume_keys"))
        .chain(known_lists("period_keys"))
        .chain(&["realisation", "hourly_cost", "range", "actuals"])
        .copied()
        .collect();
    benefit["if"] = json!({ "properties": { "class": { "const": "qualitative" } }, "required": ["class"] });
    benefit["then"] = json!({
        "required": ["indicator"],
        "not": { "anyOf": each_required(&not_on_qualitative) }
    });
    benefit["else"] = json!({
        "oneOf": each_required(forms),
        "not": { "anyOf": each_required(known_lists("qualitative_keys")) }
    });

    let mut project = with_doc(
        table("project", &[]),
        "The project: name, organisation and horizon.",
        "Projektet: namn, organisation och kalkylperiod.",
    );
    project["required"] = json!(["name", "organisation", "start_year"]);

    let mut assumptions = with_doc(
        table("assumptions", &[]),
        "Assumptions: discount rate, hourly cost, overhead.",
        "Antaganden: kalkylränta, timkostnad, PO-pålägg.",
    );
    assumptions["not"] = json!({ "required": ["hourly_cost", "monthly_salary"] });
    assumptions["dependencies"] = json!({ "salary_hours": ["monthly_salary"] });

    let mut stakeholder = table("stakeholders[]", &[]);
    stakeholder["required"] = json!(["id"]);

    let scenario = table("scenarios.*", &[]);

    let root_extra = [
        ("project", project),
        ("assumptions", assumptions),
        (
            "stakeholders",
            with_doc(
                json!({ "type": "array", "items": stakeholder }),
                "The actors that bear costs and get benefits ([[stakeholders]]).",
                "Aktörerna som bär kostnader och får nyttor (intressenter).",
            ),
        ),
        (
            "costs",
            with_doc(
                json!({ "type": "array", "items": cost }),
                "Costs ([[costs]]): investment, operations and other.",
                "Kostnader ([[costs]]): investering, drift och förvaltning, övrigt.",
            ),
        ),
        (
            "benefits",
            with_doc(
                json!({ "type": "array", "items": benefit }),
                "Benefits ([[benefits]]): financial, reallocation, qualitative.",
                "Nyttor ([[benefits]]): finansiell nytta, omfördelningsnytta, kvalitativ nytta.",
            ),
        ),
        (
            "scenarios",
            with_doc(
                json!({
                    "type": "object",
                    "propertyNames": { "not": { "const": "base" } },
                    "additionalProperties": scenario
                }),
                "Named scenarios ([scenarios.NAME]); `base` is the plain file.",
                "Namngivna scenarier ([scenarios.NAMN]); `base` är filen som den är.",
            ),
        ),
    ];
    let root = table("", &root_extra);
    let mut out = Map::new();
    out.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    out.insert("title".into(), json!("nytta project file, format 1"));
    out.insert(
        "description".into(),
        json!(doc(
            "A nyttokalkyl (benefit calculation) for nytta: docs/format.md lists every key.",
            "En nyttokalkyl för nytta: docs/format.md beskriver varje nyckel.",
        )),
    );
    if let Value::Object(mut root_obj) = root {
        out.append(&mut root_obj);
    }
    out.insert("required".into(), json!(["format", "project"]));
    Value::Object(out)
}

/// The schema as `nytta schema` prints it: pretty JSON and a newline.
pub fn text() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_parser_knows_is_described() {
        let text = text();
        assert!(
            !text.contains(UNDESCRIBED),
            "a key without a description in src/schema.rs"
        );
    }

    #[test]
    fn every_description_is_of_a_key_the_parser_knows() {
        for (place, keys) in known_keys() {
            for (key, _) in definitions(place) {
                assert!(
                    keys.contains(&key),
                    "src/schema.rs describes `{key}` in `{place}`, unknown to the parser"
                );
            }
        }
    }

    #[test]
    fn every_table_has_exactly_the_parsers_keys() {
        let schema = schema();
        let pointer = |place: &str| match place {
            "" => "/properties",
            "project" => "/properties/project/properties",
            "assumptions" => "/properties/assumptions/properties",
            "stakeholders[]" => "/properties/stakeholders/items/properties",
            "costs[]" => "/properties/costs/items/properties",
            "benefits[]" => "/properties/benefits/items/properties",
            "benefits[].realisation" => "/properties/benefits/items/properties/realisation/properties",
            "range" => "/properties/costs/items/properties/range/properties",
            "scenarios.*" => "/properties/scenarios/additionalProperties/properties",
            other => panic!("a table unknown to this test: {other}"),
        };
        for (place, keys) in known_keys() {
            let props = schema.pointer(pointer(place)).and_then(Value::as_object).expect(place);
            let mut in_schema: Vec<&str> = props.keys().map(String::as_str).collect();
            let mut known = keys.clone();
            in_schema.sort_unstable();
            known.sort_unstable();
            assert_eq!(in_schema, known, "{place}");
        }
        let benefit_range = schema.pointer("/properties/benefits/items/properties/range/properties");
        assert_eq!(benefit_range, schema.pointer(pointer("range")));
        let enums = [
            ("/properties/costs/items/properties/category/enum", "category"),
            ("/properties/benefits/items/properties/class/enum", "class"),
            ("/properties/benefits/items/properties/confidence/enum", "confidence"),
            (
                "/properties/benefits/items/properties/realisation/properties/method/enum",
                "method",
            ),
            (
                "/properties/scenarios/additionalProperties/properties/optimism_bias/enum",
                "optimism_bias",
            ),
        ];
        for (at, list) in enums {
            assert_eq!(schema.pointer(at), Some(&json!(known_lists(list))), "{at}");
        }
    }
}
