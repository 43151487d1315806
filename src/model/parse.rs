//! Text → [`Project`]: parse the TOML with spans, then walk it key by key, collecting
//! every problem (not just the first) as a located [`Diagnostic`] with a hint.
//!
//! The walk is written by hand rather than with `#[derive(Deserialize)]` because serde
//! stops at the first error and cannot re-read a float literal exactly (spec §1).

use super::number::{NumberError, parse_float_literal, parse_integer_literal, parse_number_str};
use super::*;
use crate::diagnostic::{Code, Diagnostic, Omitted, did_you_mean, keep};
use crate::limits::MAX_SHOWN_FINDINGS;
use std::fmt::Display;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

type Val<'i> = Spanned<DeValue<'i>>;

/// The outcome of reading a project file: the project when it has no errors, and every
/// diagnostic found on the way (errors and, possibly, nothing else: warnings come from
/// [`crate::check`]).
#[derive(Debug)]
pub struct Parsed {
    pub project: Option<Project>,
    pub diagnostics: Vec<Diagnostic>,
    /// What `[project]` says about itself, read even when the file has errors.
    pub header: Header,
    /// Findings beyond the limit, counted only.
    pub omitted: Omitted,
}

/// The identifying strings of `[project]`, empty where absent or unreadable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub portfolio: String,
}

/// Parse and validate a project file.
pub fn parse_project(text: &str) -> Parsed {
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let kept = syntax_errors.len().min(MAX_SHOWN_FINDINGS);
        let omitted = Omitted {
            errors: syntax_errors.len() - kept,
            warnings: 0,
        };
        let diagnostics = syntax_errors[..kept]
            .iter()
            .map(|e| {
                // The parser's key-depth limit comes without a place: find the key.
                let deep = e.span().is_none() && e.message().contains("recursion limit");
                let message = if deep {
                    "TOML syntax: a dotted key or table name nested more than 80 levels deep (recursion limit)".into()
                } else {
                    format!("TOML syntax: {}", e.message().trim_end())
                };
                Diagnostic::new(Code::E001, message)
                    .maybe_span(e.span().or_else(|| deep.then(|| deep_key_span(text)).flatten()))
                    .hint("fix the TOML syntax at the marked place (strings need quotes, tables `[name]`)")
            })
            .collect();
        return Parsed {
            project: None,
            diagnostics,
            header: Header::default(),
            omitted,
        };
    }
    let mut walker = Walker::default();
    let project = walker.project(root.get_ref(), root.span());
    let has_errors = walker.error_count() > 0;
    Parsed {
        project: if has_errors { None } else { project },
        diagnostics: walker.diags,
        header: walker.header,
        omitted: walker.omitted,
    }
}

const ROOT_KEYS: &[&str] = &[
    "format",
    "project",
    "assumptions",
    "stakeholders",
    "costs",
    "benefits",
    "scenarios",
];
const PROJECT_KEYS: &[&str] = &[
    "name",
    "id",
    "organisation",
    "portfolio",
    "start_year",
    "years",
    "go_live",
    "currency",
    "description",
];
const ASSUMPTION_KEYS: &[&str] = &[
    "discount_rate",
    "hourly_cost",
    "overhead",
    "monthly_salary",
    "salary_hours",
];
const STAKEHOLDER_KEYS: &[&str] = &["id", "name"];
const VALUE_FORMS: &[&str] = &["amounts", "annual", "hours", "annual_hours", "volume"];
const VOLUME_KEYS: &[&str] = &[
    "minutes_saved",
    "minutes_before",
    "minutes_after",
    "unit_saving",
    "adoption",
];
const PERIOD_KEYS: &[&str] = &["from", "to", "growth"];
const COMMON_LINE_KEYS: &[&str] = &[
    "id",
    "name",
    "stakeholder",
    "from",
    "to",
    "growth",
    "hourly_cost",
    "range",
    "source",
    "note",
    "actuals",
];
const QUALITATIVE_KEYS: &[&str] = &["indicator", "baseline", "target", "target_date", "measured_by"];
const REALISATION_KEYS: &[&str] = &[
    "owner",
    "method",
    "share",
    "lag_months",
    "schedule",
    "actuals",
    "measured_by",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "follow_up",
];
const SCENARIO_KEYS: &[&str] = &[
    "cost_factor",
    "investment_factor",
    "operations_factor",
    "benefit_factor",
    "delay_months",
    "discount_rate",
    "optimism_bias",
];
const OPTIMISM_BIASES: &[&str] = &["upper", "lower"];
const CATEGORIES: &[&str] = &["investment", "operations", "other"];
const CLASSES: &[&str] = &["financial", "reallocation", "qualitative"];
const CONFIDENCES: &[&str] = &["high", "medium", "low"];
const METHODS: &[&str] = &[
    "budget_reduction",
    "redeployment",
    "revenue",
    "cost_avoidance",
    "quality",
];

/// The horizon lines are checked against, once `[project]` is known.
#[derive(Clone, Copy)]
struct Horizon {
    start_year: i32,
    years: u32,
    go_live: Month,
}

impl Horizon {
    fn end_year(self) -> i32 {
        self.start_year + self.years as i32 - 1
    }
    fn contains_year(self, year: i32) -> bool {
        (self.start_year..=self.end_year()).contains(&year)
    }
    fn describe(self) -> String {
        format!("{}–{}", self.start_year, self.end_year())
    }
}

#[derive(Default)]
struct Walker {
    diags: Vec<Diagnostic>,
    header: Header,
    omitted: Omitted,
}

/// Look a key up in a table. Project-file tables have a handful of keys, and comparing
/// them in order is cheaper than hashing the key (the walk makes hundreds of lookups
/// per file, most of them for keys that are absent).
fn get<'t, 'i>(t: &'t DeTable<'i>, key: &str) -> Option<&'t Val<'i>> {
    if t.len() <= 16 {
        t.iter().find(|(k, _)| k.get_ref().as_ref() == key).map(|(_, v)| v)
    } else {
        t.get(key)
    }
}

fn has(t: &DeTable, key: &str) -> bool {
    get(t, key).is_some()
}

/// A path in the file, `base.key`, formatted only when a diagnostic needs it.
struct Key<'a>(&'a dyn Display, &'a str);

impl Display for Key<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let base = self.0.to_string();
        if base.is_empty() {
            f.write_str(self.1)
        } else {
            write!(f, "{base}.{}", self.1)
        }
    }
}

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl Walker {
    fn push(&mut self, code: Code, message: String, hint: impl Into<String>, span: Span, at: &dyn Display) {
        let d = Diagnostic::new(code, message).hint(hint).span(span).at(at.to_string());
        keep(&mut self.diags, &mut self.omitted, d);
    }

    /// E002 for every key of `table` not in `known`, with a did-you-mean.
    fn unknown_keys(&mut self, table: &DeTable, known: &[&str], path: &dyn Display) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let hint = match did_you_mean(name, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("known keys here: {}", known.join(", ")),
            };
            self.push(
                Code::E002,
                format!("unknown key `{name}` in {}", describe_path(&path.to_string())),
                hint,
                key.span(),
                &Key(path, name),
            );
        }
    }

    fn required<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        key: &str,
        path: &dyn Display,
        span: &Span,
        example: &str,
    ) -> Option<&'t Val<'i>> {
        let value = get(table, key);
        if value.is_none() {
            self.push(
                Code::E003,
                format!("missing required key `{key}` in {}", describe_path(&path.to_string())),
                format!("add `{key} = {example}`"),
                header_span(span),
                &Key(path, key),
            );
        }
        value
    }

    fn wrong_type(&mut self, v: &Val, expected: &str, path: &dyn Display, hint: &str) {
        self.push(
            Code::E004,
            format!("`{path}` must be {expected}, not {}", type_name(v.get_ref())),
            hint.to_string(),
            v.span(),
            path,
        );
    }

    fn table<'t, 'i>(&mut self, v: &'t Val<'i>, path: &dyn Display) -> Option<&'t DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(v, "a table", path, "write it as `[section]` or `{ key = value }`");
                None
            }
        }
    }

    fn string(&mut self, v: &Val, path: &dyn Display) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(v, "a string", path, "put the text in double quotes");
                None
            }
        }
    }

    fn non_empty_string(&mut self, v: &Val, path: &dyn Display) -> Option<String> {
        let s = self.string(v, path)?;
        if s.trim().is_empty() {
            self.push(Code::E005, format!("`{path}` is empty"), "write a name", v.span(), path);
            return None;
        }
        Some(s)
    }

    fn opt_string(&mut self, t: &DeTable, key: &str, path: &dyn Display) -> Option<String> {
        get(t, key).and_then(|v| self.string(v, &Key(path, key)))
    }

    fn number(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        let result = match v.get_ref() {
            DeValue::Integer(i) => parse_integer_literal(i.as_str(), i.radix()),
            DeValue::Float(f) => parse_float_literal(f.as_str()),
            DeValue::String(s) => parse_number_str(s),
            _ => {
                self.wrong_type(
                    v,
                    "a number",
                    path,
                    "write e.g. `1200000`, `\"1 200 000,50\"` or `\"3,5 %\"`",
                );
                return None;
            }
        };
        match result {
            Ok(d) => Some(d),
            Err(e) => {
                let code = if matches!(e, NumberError::TooLarge(_)) {
                    Code::E011
                } else {
                    Code::E005
                };
                self.push(code, format!("`{path}`: {e}"), e.hint(), v.span(), path);
                None
            }
        }
    }

    /// A number in `[min, max]` (bounds inclusive when `None` is not given).
    fn bounded(
        &mut self,
        v: &Val,
        path: &dyn Display,
        min: Option<Decimal>,
        max: Option<Decimal>,
        what: &str,
    ) -> Option<Decimal> {
        let d = self.number(v, path)?;
        let low = min.is_some_and(|m| d < m);
        let high = max.is_some_and(|m| d > m);
        if low || high {
            self.push(
                Code::E005,
                format!("`{path}` = {d} is out of range: {what}"),
                format!("use {what}"),
                v.span(),
                path,
            );
            return None;
        }
        Some(d)
    }

    fn non_negative(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        let d = self.number(v, path)?;
        if d.is_sign_negative() && !d.is_zero() {
            self.push(
                Code::E005,
                format!("`{path}` = {d} is negative"),
                "only `amounts` may be negative (a refund); write the value as a positive number",
                v.span(),
                path,
            );
            return None;
        }
        Some(d)
    }

    fn fraction(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        self.bounded(
            v,
            path,
            Some(Decimal::ZERO),
            Some(Decimal::ONE),
            "a fraction from 0 to 1 (or \"0 %\" to \"100 %\")",
        )
    }

    fn integer(&mut self, v: &Val, path: &dyn Display, min: i64, max: i64) -> Option<i64> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => {
                self.wrong_type(v, "an integer", path, "write a whole number without quotes");
                return None;
            }
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.push(
                    Code::E005,
                    format!("`{path}` is out of range"),
                    format!("use a whole number from {min} to {max}"),
                    v.span(),
                    path,
                );
                None
            }
        }
    }

    /// A month: `"YYYY-MM"`, a TOML date (its month), or a bare year (January, or
    /// December when it ends a period).
    fn month(&mut self, v: &Val, path: &dyn Display, end: bool) -> Option<Month> {
        let month = match v.get_ref() {
            // A bare year, also as a string: January, or December when it ends a period.
            DeValue::String(s) if s.trim().len() == 4 => s
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .map(|y| Month::new(y, if end { 12 } else { 1 })),
            DeValue::String(s) => Month::parse(s),
            DeValue::Integer(i) => i
                .as_str()
                .parse::<i32>()
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .map(|y| Month::new(y, if end { 12 } else { 1 })),
            DeValue::Datetime(d) => d.date.map(|d| Month::new(i32::from(d.year), u32::from(d.month))),
            _ => None,
        };
        if month.is_none() {
            self.push(
                Code::E004,
                format!("`{path}` must be a month `\"YYYY-MM\"` or a year"),
                "write e.g. `\"2010-03\"` or `2010`",
                v.span(),
                path,
            );
        }
        month
    }

    /// A table keyed by year only: `{ 2010 = 0.2, 2011 = 0.5 }` (adoption).
    fn year_map(
        &mut self,
        v: &Val,
        path: &dyn Display,
        horizon: Option<Horizon>,
        value: impl FnMut(&mut Self, &Val, &dyn Display) -> Option<Decimal>,
    ) -> Option<BTreeMap<i32, Decimal>> {
        self.period_map(v, path, horizon, false, value).map(|p| p.years)
    }

    /// A table keyed by year, or (with `months`) also by month:
    /// `{ 2009 = 1200000, "2010-10" = 300000 }`. A year and a month of the same year in
    /// one table is E007.
    fn period_map(
        &mut self,
        v: &Val,
        path: &dyn Display,
        horizon: Option<Horizon>,
        months: bool,
        mut value: impl FnMut(&mut Self, &Val, &dyn Display) -> Option<Decimal>,
    ) -> Option<Periods> {
        let table = match v.get_ref() {
            DeValue::Table(t) => t,
            _ => {
                self.wrong_type(
                    v,
                    if months {
                        "a table of years or months"
                    } else {
                        "a table of years"
                    },
                    path,
                    "write e.g. `{ 2009 = 1200000, 2010 = 300000 }`",
                );
                return None;
            }
        };
        let mut map = Periods::default();
        let mut ok = true;
        for (key, item) in table.iter() {
            let name = key.get_ref().as_ref();
            let item_path = Key(path, name);
            let year = name.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
            let month = if months && year.is_none() {
                Month::parse(name).filter(|m| (1000..=9999).contains(&m.year()))
            } else {
                None
            };
            if year.is_none() && month.is_none() {
                self.push(
                    Code::E005,
                    if months {
                        format!("`{name}` in `{path}` is neither a year nor a month")
                    } else {
                        format!("`{name}` in `{path}` is not a year")
                    },
                    if months {
                        "key the table by four-digit years or by months, e.g. `{ 2010 = 400, \"2011-10\" = 100 }`"
                    } else {
                        "key the table by four-digit years, e.g. `{ 2010 = 400 }`"
                    },
                    key.span(),
                    &item_path,
                );
                ok = false;
                continue;
            }
            let key_year = year.or(month.map(Month::year)).unwrap_or_default();
            if let Some(h) = horizon
                && !h.contains_year(key_year)
            {
                let what = match month {
                    Some(m) => format!("month {m}"),
                    None => format!("year {key_year}"),
                };
                self.push(
                    Code::E010,
                    format!("{what} in `{path}` is outside the horizon {}", h.describe()),
                    "use a year within the horizon, or change `start_year`/`years` in [project]",
                    key.span(),
                    &item_path,
                );
                ok = false;
                continue;
            }
            let Some(d) = value(self, item, &item_path) else {
                ok = false;
                continue;
            };
            let clash = match month {
                Some(m) => {
                    if map.months.insert(m, d).is_some() {
                        Some((format!("month {m} is given twice in `{path}`"), "give each month once"))
                    } else if map.years.contains_key(&m.year()) {
                        Some((
                            format!("`{path}` gives both the year {} and its month {m}", m.year()),
                            "give a year either as one year amount or as month amounts, not both",
                        ))
                    } else {
                        None
                    }
                }
                None => {
                    let y = key_year;
                    if map.years.insert(y, d).is_some() {
                        Some((format!("year {y} is given twice in `{path}`"), "give each year once"))
                    } else if map.months.range(Month::new(y, 1)..=Month::new(y, 12)).next().is_some() {
                        Some((
                            format!("`{path}` gives both the year {y} and months of it"),
                            "give a year either as one year amount or as month amounts, not both",
                        ))
                    } else {
                        None
                    }
                }
            };
            if let Some((message, hint)) = clash {
                self.push(Code::E007, message, hint, key.span(), &item_path);
                ok = false;
            }
        }
        ok.then_some(map)
    }

    /// Actuals per year; month keys are added into their year (follow-up is yearly).
    fn actuals_map(&mut self, v: &Val, path: &dyn Display, horizon: Option<Horizon>) -> Option<BTreeMap<i32, Decimal>> {
        let periods = self.period_map(v, path, horizon, true, Self::any_number)?;
        periods.by_year()
    }

    /// Any number, positive or negative, of at most 10^20 (a money amount).
    fn any_number(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        let d = self.number(v, path)?;
        if d.abs() > crate::model::MAX_YEARLY_MONEY {
            self.push(
                Code::E011,
                format!("`{path}` = {d} is too large"),
                "amounts are in kronor; check the magnitude",
                v.span(),
                path,
            );
            return None;
        }
        Some(d)
    }

    fn project(&mut self, root: &DeTable, root_span: Span) -> Option<Project> {
        self.unknown_keys(root, ROOT_KEYS, &"");
        match get(root, "format") {
            None => self.push(
                Code::E003,
                "missing required key `format`".into(),
                "add `format = 1` as the first line",
                0..0,
                &"format",
            ),
            Some(v) => match v.get_ref() {
                DeValue::Integer(i) if i.as_str() == "1" => {}
                _ => self.push(
                    Code::E012,
                    "unsupported format: this nytta reads `format = 1`".into(),
                    "write `format = 1`",
                    v.span(),
                    &"format",
                ),
            },
        }

        let mut spans = ProjectSpans::default();
        let project_table = match get(root, "project") {
            Some(v) => {
                spans.project = Some(v.span());
                self.table(v, &"project")
            }
            None => {
                self.push(
                    Code::E003,
                    "missing required table `[project]`".into(),
                    "add `[project]` with `name`, `organisation` and `start_year`",
                    0..0,
                    &"project",
                );
                None
            }
        };
        let empty = DeTable::default();
        let pt = project_table.unwrap_or(&empty);
        let pspan = spans.project.clone().unwrap_or(root_span.start..root_span.start);
        if project_table.is_some() {
            self.unknown_keys(pt, PROJECT_KEYS, &"project");
        }
        let name = if project_table.is_some() {
            self.required(pt, "name", &"project", &pspan, "\"Boendeparkering som e-tjänst\"")
                .and_then(|v| self.non_empty_string(v, &"project.name"))
        } else {
            None
        };
        let organisation = if project_table.is_some() {
            self.required(pt, "organisation", &"project", &pspan, "\"Trafikkontoret\"")
                .and_then(|v| self.non_empty_string(v, &"project.organisation"))
        } else {
            None
        };
        let start_year = if project_table.is_some() {
            self.required(pt, "start_year", &"project", &pspan, "2025")
                .and_then(|v| self.integer(v, &"project.start_year", 1900, 2200))
                .map(|y| y as i32)
        } else {
            None
        };
        let years = match get(pt, "years") {
            Some(v) => {
                spans.years = Some(v.span());
                self.integer(v, &"project.years", 1, 50).map(|y| y as u32)
            }
            None => Some(5),
        };
        let id = self.opt_string(pt, "id", &"project");
        let portfolio = self.opt_string(pt, "portfolio", &"project");
        self.header = Header {
            id: id.clone().unwrap_or_default(),
            name: name.clone().unwrap_or_default(),
            organisation: organisation.clone().unwrap_or_default(),
            portfolio: portfolio.clone().unwrap_or_default(),
        };
        let description = self.opt_string(pt, "description", &"project");
        let currency = self
            .opt_string(pt, "currency", &"project")
            .unwrap_or_else(|| "SEK".into());
        let horizon = match (start_year, years) {
            (Some(start_year), Some(years)) => {
                let mut go_live = Month::new(start_year, 1);
                if let Some(v) = get(pt, "go_live") {
                    spans.go_live = Some(v.span());
                    if let Some(m) = self.month(v, &"project.go_live", false) {
                        if m.year() < start_year || m.year() >= start_year + years as i32 {
                            self.push(
                                Code::E010,
                                format!(
                                    "go_live {m} is outside the horizon {}–{}",
                                    start_year,
                                    start_year + years as i32 - 1
                                ),
                                "move go_live into the horizon, or change `start_year`/`years`",
                                v.span(),
                                &"project.go_live",
                            );
                        }
                        go_live = m;
                    }
                }
                Some(Horizon {
                    start_year,
                    years,
                    go_live,
                })
            }
            _ => {
                // Without a horizon go_live cannot be placed, but can still be wrong.
                if let Some(v) = get(pt, "go_live") {
                    spans.go_live = Some(v.span());
                    self.month(v, &"project.go_live", false);
                }
                None
            }
        };

        let assumptions = self.assumptions(get(root, "assumptions"), &mut spans);
        let stakeholders = self.stakeholders(get(root, "stakeholders"), organisation.as_deref());
        let costs = self.lines(
            get(root, "costs"),
            "costs",
            horizon,
            &stakeholders,
            assumptions.as_ref(),
        );
        let benefits = self.lines(
            get(root, "benefits"),
            "benefits",
            horizon,
            &stakeholders,
            assumptions.as_ref(),
        );
        self.duplicate_lines(&costs, &benefits);
        let scenarios = self.scenarios(get(root, "scenarios"), horizon);
        if let Some(DeValue::Table(t)) = get(root, "scenarios").map(|v| v.get_ref()) {
            spans.scenarios = t
                .iter()
                .map(|(k, v)| (k.get_ref().to_string(), header_span(&v.span())))
                .collect();
        }

        Some(Project {
            name: name?,
            id,
            organisation: organisation?,
            portfolio,
            description,
            start_year: horizon?.start_year,
            years: horizon?.years,
            go_live: horizon?.go_live,
            currency,
            assumptions: assumptions?,
            stakeholders: stakeholders.into_iter().map(|(s, _)| s).collect(),
            costs: costs.into_iter().flatten().collect(),
            benefits: benefits.into_iter().flatten().collect(),
            scenarios: scenarios?,
            spans,
        })
    }

    fn assumptions(&mut self, value: Option<&Val>, spans: &mut ProjectSpans) -> Option<Assumptions> {
        let mut a = Assumptions {
            discount_rate: Decimal::new(3, 2),
            discount_rate_stated: false,
            hourly_cost: None,
            overhead: Decimal::ZERO,
        };
        let Some(value) = value else { return Some(a) };
        spans.assumptions = Some(value.span());
        let t = self.table(value, &"assumptions")?;
        self.unknown_keys(t, ASSUMPTION_KEYS, &"assumptions");
        let mut ok = true;
        if let Some(v) = get(t, "discount_rate") {
            a.discount_rate_stated = true;
            match self.discount_rate(v, &"assumptions.discount_rate") {
                Some(r) => a.discount_rate = r,
                None => ok = false,
            }
        }
        if let Some(v) = get(t, "overhead") {
            match self.bounded(
                v,
                &"assumptions.overhead",
                Some(Decimal::ZERO),
                Some(Decimal::from(5)),
                "a fraction from 0 to 5 (0 % to 500 %)",
            ) {
                Some(o) => a.overhead = o,
                None => ok = false,
            }
        }
        match (get(t, "hourly_cost"), get(t, "monthly_salary")) {
            (Some(h), Some(m)) => {
                self.push(
                    Code::E006,
                    "both `hourly_cost` and `monthly_salary` are given".into(),
                    "keep one: `hourly_cost`, or `monthly_salary` with `salary_hours`",
                    m.span(),
                    &"assumptions.monthly_salary",
                );
                let _ = h;
                ok = false;
            }
            (Some(h), None) if get(t, "salary_hours").is_some() => {
                let _ = h;
                self.push(
                    Code::E006,
                    "`salary_hours` goes with `monthly_salary`, not with `hourly_cost`".into(),
                    "remove `salary_hours`, or give `monthly_salary` instead of `hourly_cost`",
                    get(t, "salary_hours").map_or(0..0, |v| v.span()),
                    &"assumptions.salary_hours",
                );
                ok = false;
            }
            (Some(h), None) => match self.non_negative(h, &"assumptions.hourly_cost") {
                Some(d) => a.hourly_cost = Some(d),
                None => ok = false,
            },
            (None, Some(m)) => {
                let salary = self.non_negative(m, &"assumptions.monthly_salary");
                let hours = match get(t, "salary_hours") {
                    Some(v) => self.bounded(
                        v,
                        &"assumptions.salary_hours",
                        Some(Decimal::ONE),
                        Some(Decimal::from(744)),
                        "hours per month from 1 to 744",
                    ),
                    None => Some(Decimal::from(142)),
                };
                match (salary, hours) {
                    (Some(s), Some(h)) => a.hourly_cost = Some(s / h),
                    _ => ok = false,
                }
            }
            (None, None) => {
                if let Some(v) = get(t, "salary_hours") {
                    self.push(
                        Code::E006,
                        "`salary_hours` is given without `monthly_salary`".into(),
                        "add `monthly_salary`, or remove `salary_hours`",
                        v.span(),
                        &"assumptions.salary_hours",
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(a)
    }

    fn discount_rate(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        self.bounded(
            v,
            path,
            Some(Decimal::ZERO),
            Some(Decimal::ONE),
            "a rate from 0 to 1 (\"0 %\" to \"100 %\")",
        )
    }

    /// Stakeholders with the span of each id; the implicit one when none are declared.
    fn stakeholders(&mut self, value: Option<&Val>, organisation: Option<&str>) -> Vec<(Stakeholder, Span)> {
        // Without [[stakeholders]] the organisation is the one stakeholder (spec §3),
        // its name serving as its id: `stakeholder = "Trafikkontoret"` refers to it.
        let implicit = || {
            let name = organisation.unwrap_or("Organisation").to_string();
            vec![(Stakeholder { id: name.clone(), name }, 0..0)]
        };
        let Some(value) = value else { return implicit() };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                value,
                "an array of tables",
                &"stakeholders",
                "write each as `[[stakeholders]]` with `id` and `name`",
            );
            return implicit();
        };
        let mut out: Vec<(Stakeholder, Span)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("stakeholders[{i}]");
            let Some(t) = self.table(item, &path) else { continue };
            self.unknown_keys(t, STAKEHOLDER_KEYS, &path);
            let span = item.span();
            let id_value = self.required(t, "id", &path, &span, "\"tk\"");
            let id = id_value.and_then(|v| self.string(v, &Key(&path, "id")));
            // Without a name the stakeholder is shown by its id.
            let name = match get(t, "name") {
                Some(v) => self.non_empty_string(v, &Key(&path, "name")),
                None => id.clone(),
            };
            let (Some(id), Some(name), Some(id_value)) = (id, name, id_value) else {
                continue;
            };
            if !is_valid_id(&id) {
                self.push(
                    Code::E005,
                    format!("stakeholder id `{id}` may hold only a–z, 0–9, `_` and `-`"),
                    "use a short lowercase id such as `tk` or `sdf`",
                    id_value.span(),
                    &Key(&path, "id"),
                );
                continue;
            }
            if out.iter().any(|(s, _)| s.id == id) {
                self.push(
                    Code::E007,
                    format!("duplicate stakeholder id `{id}`"),
                    "give every stakeholder its own id",
                    id_value.span(),
                    &Key(&path, "id"),
                );
                continue;
            }
            out.push((Stakeholder { id, name }, id_value.span()));
        }
        if out.is_empty() { implicit() } else { out }
    }

    fn lines(
        &mut self,
        value: Option<&Val>,
        section: &str,
        horizon: Option<Horizon>,
        stakeholders: &[(Stakeholder, Span)],
        assumptions: Option<&Assumptions>,
    ) -> Vec<Option<Line>> {
        let Some(value) = value else { return Vec::new() };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                value,
                "an array of tables",
                &section,
                &format!("write each entry as `[[{section}]]`"),
            );
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("{section}[{i}]");
                let t = self.table(item, &path)?;
                self.line(
                    t,
                    item.span(),
                    path,
                    section == "costs",
                    horizon,
                    stakeholders,
                    assumptions,
                )
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        t: &DeTable,
        span: Span,
        path: String,
        is_cost: bool,
        horizon: Option<Horizon>,
        stakeholders: &[(Stakeholder, Span)],
        assumptions: Option<&Assumptions>,
    ) -> Option<Line> {
        let errors_before = self.error_count();
        let kind_keys: &[&str] = if is_cost {
            &["category"]
        } else {
            &["class", "confidence", "realisation"]
        };
        let known: Vec<&str> = COMMON_LINE_KEYS
            .iter()
            .chain(kind_keys)
            .chain(VALUE_FORMS)
            .chain(VOLUME_KEYS)
            .chain(if is_cost { &[][..] } else { QUALITATIVE_KEYS })
            .copied()
            .collect();
        self.unknown_keys(t, &known, &path);

        let name = self
            .required(t, "name", &path, &span, "\"…\"")
            .and_then(|v| self.non_empty_string(v, &Key(&path, "name")));
        let id = get(t, "id").and_then(|v| {
            let id = self.string(v, &Key(&path, "id"))?;
            if is_valid_id(&id) {
                Some(id)
            } else {
                self.push(
                    Code::E005,
                    format!("line id `{id}` may hold only a–z, 0–9, `_` and `-`"),
                    "use a short lowercase id such as `handlaggning`",
                    v.span(),
                    &Key(&path, "id"),
                );
                None
            }
        });

        let kind = if is_cost {
            let category = self
                .required(t, "category", &path, &span, "\"investment\"")
                .and_then(|v| self.choice(v, &Key(&path, "category"), CATEGORIES))
                .map(|c| match c {
                    "investment" => Category::Investment,
                    "operations" => Category::Operations,
                    _ => Category::Other,
                });
            LineKind::Cost {
                category: category.unwrap_or(Category::Other),
            }
        } else {
            let class = self
                .required(t, "class", &path, &span, "\"financial\"")
                .and_then(|v| self.choice(v, &Key(&path, "class"), CLASSES))
                .map(|c| match c {
                    "financial" => Class::Financial,
                    "reallocation" => Class::Reallocation,
                    _ => Class::Qualitative,
                });
            let confidence = match get(t, "confidence") {
                Some(v) => self.choice(v, &Key(&path, "confidence"), CONFIDENCES).map(|c| match c {
                    "high" => Confidence::High,
                    "low" => Confidence::Low,
                    _ => Confidence::Medium,
                }),
                None => Some(Confidence::Medium),
            };
            LineKind::Benefit(Box::new(BenefitInfo {
                class: class.unwrap_or(Class::Financial),
                confidence: confidence.unwrap_or(Confidence::Medium),
                realisation: None,
                indicator: self.opt_string(t, "indicator", &path),
                baseline: self.opt_string(t, "baseline", &path),
                target: self.opt_string(t, "target", &path),
                target_date: self.opt_string(t, "target_date", &path),
                measured_by: self.opt_string(t, "measured_by", &path),
            }))
        };
        let qualitative = matches!(&kind, LineKind::Benefit(b) if b.class == Class::Qualitative);

        let line_stakeholders = self.line_stakeholders(get(t, "stakeholder"), &Key(&path, "stakeholder"), stakeholders);
        let actuals = get(t, "actuals").and_then(|v| self.actuals_map(v, &Key(&path, "actuals"), horizon));
        let source = self.opt_string(t, "source", &path);
        let note = self.opt_string(t, "note", &path);
        let range = get(t, "range").and_then(|v| self.range(v, &Key(&path, "range")));

        let mut line = Line {
            kind,
            id,
            name: name.unwrap_or_default(),
            stakeholders: line_stakeholders.unwrap_or_default(),
            value: None,
            from: Month(0),
            to: Month(0),
            growth: Decimal::ZERO,
            hourly_rate: None,
            range,
            source,
            note,
            actuals: actuals.unwrap_or_default(),
            at: path.clone(),
            span: span.clone(),
        };

        if qualitative {
            let forbidden: Vec<&str> = VALUE_FORMS
                .iter()
                .chain(VOLUME_KEYS)
                .chain(PERIOD_KEYS)
                .chain(&["realisation", "hourly_cost", "range", "actuals"])
                .copied()
                .filter(|k| has(t, k))
                .collect();
            for key in forbidden {
                let v = &t[key];
                self.push(
                    Code::E006,
                    format!("`{key}` does not belong to a qualitative benefit"),
                    "a qualitative benefit is not valued in kronor: remove the key, or make the class `financial` or `reallocation`",
                    v.span(),
                    &Key(&path, key),
                );
            }
            if let Some(b) = match &line.kind {
                LineKind::Benefit(b) => Some(b),
                _ => None,
            } && b.indicator.is_none()
                && !has(t, "indicator")
            {
                self.push(
                    Code::E003,
                    format!("missing required key `indicator` in {}", describe_path(&path)),
                    "add `indicator = \"…\"`: what is measured to show the benefit",
                    header_span(&span),
                    &Key(&path, "indicator"),
                );
            }
        } else {
            if !is_cost {
                for key in QUALITATIVE_KEYS {
                    if let Some(v) = get(t, key) {
                        self.push(
                            Code::E006,
                            format!("`{key}` belongs to a qualitative benefit"),
                            "for a monetised benefit, put follow-up fields under `[benefits.realisation]`",
                            v.span(),
                            &Key(&path, key),
                        );
                    }
                }
            }
            self.value_source(t, &path, &span, horizon, assumptions, &mut line);
            if let LineKind::Benefit(b) = &mut line.kind
                && let Some(v) = get(t, "realisation")
            {
                b.realisation = self.realisation(v, &Key(&path, "realisation"), horizon);
            }
        }
        (self.error_count() == errors_before).then_some(line)
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count() + self.omitted.errors
    }

    /// A string that must be one of `choices`, with a did-you-mean.
    fn choice<'c>(&mut self, v: &Val, path: &dyn Display, choices: &[&'c str]) -> Option<&'c str> {
        let s = self.string(v, path)?;
        if let Some(c) = choices.iter().find(|c| **c == s) {
            return Some(c);
        }
        let hint = match did_you_mean(&s, choices.iter().copied()) {
            Some(near) => format!("did you mean `\"{near}\"`?"),
            None => format!(
                "use one of: {}",
                choices
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.push(
            Code::E005,
            format!("`{path}` = \"{s}\" is not one of {}", choices.join(", ")),
            hint,
            v.span(),
            path,
        );
        None
    }

    fn line_stakeholders(
        &mut self,
        value: Option<&Val>,
        path: &dyn Display,
        all: &[(Stakeholder, Span)],
    ) -> Option<Vec<(usize, Decimal)>> {
        let Some(value) = value else {
            return Some(vec![(0, Decimal::ONE)]);
        };
        let lookup = |walker: &mut Self, id: &str, span: Span| -> Option<usize> {
            let found = all.iter().position(|(s, _)| s.id == id);
            if found.is_none() {
                let hint = match did_you_mean(id, all.iter().map(|(s, _)| s.id.as_str())) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "declare it under `[[stakeholders]]`, or use one of: {}",
                        all.iter().map(|(s, _)| s.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                };
                walker.push(Code::E008, format!("unknown stakeholder `{id}`"), hint, span, path);
            }
            found
        };
        match value.get_ref() {
            DeValue::String(id) => lookup(self, id, value.span()).map(|i| vec![(i, Decimal::ONE)]),
            DeValue::Table(t) => {
                let mut shares = Vec::new();
                let mut ok = true;
                for (key, v) in t.iter() {
                    let id = key.get_ref().as_ref();
                    let index = lookup(self, id, key.span());
                    let share = self.fraction(v, &Key(path, id));
                    match (index, share) {
                        (Some(i), Some(s)) => shares.push((i, s)),
                        _ => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                let sum: Decimal = shares.iter().map(|(_, s)| *s).sum();
                if sum != Decimal::ONE || shares.is_empty() {
                    self.push(
                        Code::E009,
                        format!("stakeholder shares in `{path}` sum to {}, not 1", sum.normalize()),
                        "make the shares add up to exactly 1, e.g. `{ sdf = 0.6, tk = 0.4 }`",
                        value.span(),
                        path,
                    );
                    return None;
                }
                Some(shares)
            }
            _ => {
                self.wrong_type(
                    value,
                    "a stakeholder id or a table of shares",
                    path,
                    "write `\"tk\"` or `{ sdf = 0.6, tk = 0.4 }`",
                );
                None
            }
        }
    }

    fn range(&mut self, v: &Val, path: &dyn Display) -> Option<(Decimal, Decimal)> {
        let t = self.table(v, path)?;
        self.unknown_keys(t, &["low", "high"], path);
        let factor = |w: &mut Self, x: &Val, key: &str| {
            w.bounded(
                x,
                &Key(path, key),
                Some(Decimal::ZERO),
                Some(Decimal::ONE_HUNDRED),
                "a factor from 0 to 100",
            )
        };
        let low = self
            .required(t, "low", path, &v.span(), "0.8")
            .and_then(|x| factor(self, x, "low"));
        let high = self
            .required(t, "high", path, &v.span(), "1.3")
            .and_then(|x| factor(self, x, "high"));
        let (low, high) = (low?, high?);
        if low > high {
            self.push(
                Code::E005,
                format!("`{path}`: low {low} is above high {high}"),
                "write the smaller factor as `low`",
                v.span(),
                path,
            );
            return None;
        }
        Some((low, high))
    }

    #[allow(clippy::too_many_arguments)]
    fn value_source(
        &mut self,
        t: &DeTable,
        path: &dyn Display,
        span: &Span,
        horizon: Option<Horizon>,
        assumptions: Option<&Assumptions>,
        line: &mut Line,
    ) {
        let forms: Vec<&str> = VALUE_FORMS.iter().copied().filter(|k| has(t, k)).collect();
        match forms.as_slice() {
            [] if t.iter().any(|(k, _)| {
                let key = k.get_ref().as_ref();
                !VALUE_FORMS.contains(&key) && did_you_mean(key, VALUE_FORMS.iter().copied()).is_some()
            }) =>
            {
                // A misspelt value form (`ammounts`) is already reported as an unknown key.
                return;
            }
            [] => {
                self.push(
                    Code::E006,
                    format!(
                        "{} has no value: give exactly one of {}",
                        describe_path(&path.to_string()),
                        VALUE_FORMS.join(", ")
                    ),
                    "add e.g. `annual = 150000` or `amounts = { 2025 = 1200000 }`",
                    header_span(span),
                    path,
                );
                return;
            }
            [_] => {}
            [first, second, ..] => {
                self.push(
                    Code::E006,
                    format!(
                        "{} has two value forms, `{first}` and `{second}`",
                        describe_path(&path.to_string())
                    ),
                    "keep exactly one value form per line; split it into two lines if both are meant",
                    t[*second].span(),
                    &Key(path, second),
                );
                return;
            }
        }
        let form = forms[0];
        let periodic = matches!(form, "annual" | "annual_hours" | "volume");
        let stray = |k: &&str| -> bool {
            has(t, k)
                && match *k {
                    "from" | "to" | "growth" => !periodic,
                    // Only lines valued in hours: `hours`, `annual_hours`, or volume × minutes.
                    "hourly_cost" => match form {
                        "hours" | "annual_hours" => false,
                        "volume" => has(t, "unit_saving"),
                        _ => true,
                    },
                    _ => form != "volume",
                }
        };
        let strays: Vec<&str> = PERIOD_KEYS
            .iter()
            .chain(VOLUME_KEYS)
            .chain(&["hourly_cost"])
            .copied()
            .filter(stray)
            .collect();
        for key in &strays {
            self.push(
                Code::E006,
                format!("`{key}` does not belong to a line valued by `{form}`"),
                match *key {
                    "from" | "to" | "growth" => {
                        "`from`, `to` and `growth` apply to `annual`, `annual_hours` and `volume`; remove the key"
                            .to_string()
                    }
                    "hourly_cost" => "`hourly_cost` applies to lines in hours; remove it".to_string(),
                    _ => format!("`{key}` goes with `volume`; remove it or value the line by volume"),
                },
                t[*key].span(),
                &Key(path, key),
            );
        }
        if !strays.is_empty() {
            return;
        }
        let fpath = Key(path, form);
        let fval = &t[form];
        let value = match form {
            "amounts" => self
                .period_map(fval, &fpath, horizon, true, Self::any_number)
                .map(ValueSource::Amounts),
            "hours" => self
                .period_map(fval, &fpath, horizon, true, Self::non_negative)
                .map(ValueSource::Hours),
            "annual" => self.non_negative(fval, &fpath).map(ValueSource::Annual),
            "annual_hours" => self.non_negative(fval, &fpath).map(ValueSource::AnnualHours),
            _ => self.volume(t, path, fval, horizon),
        };
        let Some(value) = value else { return };

        // Hourly cost.
        if value.needs_hourly_cost() {
            let own = get(t, "hourly_cost").and_then(|v| self.non_negative(v, &Key(path, "hourly_cost")));
            let hourly = own.or(assumptions.and_then(|a| a.hourly_cost));
            match (hourly, assumptions) {
                (Some(h), Some(a)) => match h.checked_mul(Decimal::ONE + a.overhead) {
                    Some(rate) => line.hourly_rate = Some(rate),
                    None => self.push(
                        Code::E011,
                        format!("hourly cost of {path} overflows"),
                        "check the magnitude",
                        fval.span(),
                        path,
                    ),
                },
                (None, Some(_)) if !has(t, "hourly_cost") => self.push(
                    Code::E003,
                    format!(
                        "{} is valued in hours but no hourly cost is given",
                        describe_path(&path.to_string())
                    ),
                    "add `hourly_cost = 450` under [assumptions] (or `monthly_salary`), or on the line",
                    fval.span(),
                    path,
                ),
                _ => {}
            }
        }

        // Active period and growth.
        if let Some(h) = horizon {
            let default_from = match line.kind {
                LineKind::Cost {
                    category: Category::Investment | Category::Other,
                } => Month::new(h.start_year, 1),
                _ => h.go_live,
            };
            let first = Month::new(h.start_year, 1);
            let last = Month::new(h.end_year(), 12);
            let from = get(t, "from").map_or(Some(default_from), |v| {
                self.month_in(v, &Key(path, "from"), false, first, last, h)
            });
            let to = get(t, "to").map_or(Some(last), |v| self.month_in(v, &Key(path, "to"), true, first, last, h));
            if let (Some(from), Some(to)) = (from, to) {
                if from > to {
                    self.push(
                        Code::E005,
                        format!(
                            "{} ends ({to}) before it starts ({from})",
                            describe_path(&path.to_string())
                        ),
                        "make `to` the same as or later than `from`",
                        get(t, "to").map_or_else(|| header_span(span), |v| v.span()),
                        &Key(path, "to"),
                    );
                }
                line.from = from;
                line.to = to;
            }
        } else {
            // No horizon to place them in (start_year or years is wrong), but their
            // own mistakes are reported all the same: every problem at once.
            for (key, end) in [("from", false), ("to", true)] {
                if let Some(v) = get(t, key) {
                    self.month(v, &Key(path, key), end);
                }
            }
        }
        if let Some(v) = get(t, "growth")
            && let Some(g) = self.bounded(
                v,
                &Key(path, "growth"),
                Some(Decimal::NEGATIVE_ONE),
                Some(Decimal::TEN),
                "a yearly rate above −100 % and at most 1000 %",
            )
        {
            if g == Decimal::NEGATIVE_ONE {
                self.push(
                    Code::E005,
                    format!("`{path}.growth` = −100 % wipes the line out"),
                    "use a rate above −100 %",
                    v.span(),
                    &Key(path, "growth"),
                );
            }
            line.growth = g;
        }
        line.value = Some(value);
    }

    fn month_in(
        &mut self,
        v: &Val,
        path: &dyn Display,
        end: bool,
        first: Month,
        last: Month,
        h: Horizon,
    ) -> Option<Month> {
        let m = self.month(v, path, end)?;
        if m < first || m > last {
            self.push(
                Code::E010,
                format!("`{path}` = {m} is outside the horizon {}", h.describe()),
                "use a month within the horizon, or change `start_year`/`years` in [project]",
                v.span(),
                path,
            );
            return None;
        }
        Some(m)
    }

    fn volume(&mut self, t: &DeTable, path: &dyn Display, v: &Val, horizon: Option<Horizon>) -> Option<ValueSource> {
        let volume = self.non_negative(v, &Key(path, "volume"));
        let has = |k: &str| has(t, k);
        let per_case = match (
            has("minutes_saved"),
            has("minutes_before") || has("minutes_after"),
            has("unit_saving"),
        ) {
            (true, false, false) => self
                .non_negative(&t["minutes_saved"], &Key(path, "minutes_saved"))
                .map(PerCase::Minutes),
            (false, true, false) => {
                let before = self
                    .required(t, "minutes_before", path, &v.span(), "25")
                    .and_then(|x| self.non_negative(x, &Key(path, "minutes_before")));
                let after = self
                    .required(t, "minutes_after", path, &v.span(), "10")
                    .and_then(|x| self.non_negative(x, &Key(path, "minutes_after")));
                match (before, after) {
                    (Some(b), Some(a)) if a > b => {
                        self.push(
                            Code::E005,
                            format!("`{path}`: minutes_after ({a}) is more than minutes_before ({b})"),
                            "the new way must take less time; otherwise model the extra time as a cost",
                            t["minutes_after"].span(),
                            &Key(path, "minutes_after"),
                        );
                        None
                    }
                    (Some(b), Some(a)) => Some(PerCase::Minutes(b - a)),
                    _ => None,
                }
            }
            (false, false, true) => self
                .non_negative(&t["unit_saving"], &Key(path, "unit_saving"))
                .map(PerCase::Money),
            (false, false, false) => {
                self.push(
                    Code::E006,
                    format!(
                        "{} has `volume` but no saving per case",
                        describe_path(&path.to_string())
                    ),
                    "add `minutes_saved = 15`, `minutes_before` + `minutes_after`, or `unit_saving = 35`",
                    v.span(),
                    path,
                );
                None
            }
            _ => {
                self.push(
                    Code::E006,
                    format!(
                        "{} gives the saving per case in more than one way",
                        describe_path(&path.to_string())
                    ),
                    "keep one of `minutes_saved`, `minutes_before` + `minutes_after`, `unit_saving`",
                    v.span(),
                    path,
                );
                None
            }
        };
        let adoption = match get(t, "adoption") {
            Some(a) => Some(self.year_map(a, &Key(path, "adoption"), horizon, Self::fraction)?),
            None => None,
        };
        Some(ValueSource::Volume {
            volume: volume?,
            per_case: per_case?,
            adoption,
        })
    }

    fn realisation(&mut self, v: &Val, path: &dyn Display, horizon: Option<Horizon>) -> Option<Realisation> {
        let t = self.table(v, path)?;
        self.unknown_keys(t, REALISATION_KEYS, path);
        let errors_before = self.error_count();
        let mut r = Realisation {
            share: Decimal::ONE,
            span: v.span(),
            ..Realisation::default()
        };
        r.owner = self.opt_string(t, "owner", path);
        r.method = get(t, "method")
            .and_then(|m| self.choice(m, &Key(path, "method"), METHODS))
            .map(|m| {
                Method::ALL
                    .into_iter()
                    .find(|x| x.as_str() == m)
                    .unwrap_or(Method::Quality)
            });
        if let Some(s) = get(t, "share") {
            r.share = self.fraction(s, &Key(path, "share")).unwrap_or(Decimal::ONE);
        }
        if let Some(l) = get(t, "lag_months") {
            r.lag_months = self.integer(l, &Key(path, "lag_months"), 0, 600).unwrap_or(0) as u32;
        }
        if let Some(s) = get(t, "schedule") {
            for key in ["share", "lag_months"] {
                if let Some(k) = get(t, key) {
                    // The spec: `schedule` replaces `share`/`lag_months`. Not an error,
                    // but the ignored key is worth a warning.
                    self.push(
                        Code::W113,
                        format!("`{key}` is ignored in `{path}`: `schedule` replaces it"),
                        "remove the key, or remove `schedule` to derive the harvest from share and lag",
                        k.span(),
                        &Key(path, key),
                    );
                }
            }
            r.schedule = self.period_map(s, &Key(path, "schedule"), horizon, true, Self::non_negative);
        }
        if let Some(a) = get(t, "actuals") {
            r.actuals = self.actuals_map(a, &Key(path, "actuals"), horizon).unwrap_or_default();
        }
        r.measured_by = self.opt_string(t, "measured_by", path);
        r.baseline = self.opt_string(t, "baseline", path);
        r.baseline_date = self.opt_string(t, "baseline_date", path);
        r.target = self.opt_string(t, "target", path);
        r.target_date = self.opt_string(t, "target_date", path);
        if let Some(f) = get(t, "follow_up") {
            let fpath = Key(path, "follow_up");
            match f.get_ref() {
                DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(m) = self.month(item, &format!("{fpath}[{i}]"), false) {
                            r.follow_up.push(m);
                        }
                    }
                }
                _ => self.wrong_type(
                    f,
                    "an array of months",
                    &fpath,
                    "write e.g. `follow_up = [\"2011-06\", \"2012-06\"]`",
                ),
            }
        }
        (self.error_count() == errors_before).then_some(r)
    }

    fn duplicate_lines(&mut self, costs: &[Option<Line>], benefits: &[Option<Line>]) {
        let lines: Vec<&Line> = costs.iter().chain(benefits).flatten().collect();
        for (i, line) in lines.iter().enumerate() {
            let earlier = &lines[..i];
            if let Some(id) = &line.id
                && let Some(first) = earlier.iter().find(|l| l.id.as_ref() == Some(id))
            {
                self.push(
                    Code::E007,
                    format!("duplicate line id `{id}` (first used by {})", first.at),
                    "give every cost and benefit its own id",
                    line.span.clone(),
                    &line.at,
                );
            }
            let clashes = |l: &&&Line| l.name == line.name && (l.id.is_none() || line.id.is_none());
            if let Some(first) = earlier.iter().find(clashes) {
                self.push(
                    Code::E007,
                    format!("duplicate line name `{}` (first used by {})", line.name, first.at),
                    "a line without `id` is referred to by its name: give it an `id` or a unique name",
                    line.span.clone(),
                    &line.at,
                );
            }
        }
    }

    fn scenarios(&mut self, value: Option<&Val>, horizon: Option<Horizon>) -> Option<Vec<Scenario>> {
        let Some(value) = value else { return Some(Vec::new()) };
        let t = self.table(value, &"scenarios")?;
        let errors_before = self.error_count();
        let implementation_months = horizon.map_or(0, |h| {
            u32::try_from(h.go_live.0 - Month::new(h.start_year, 1).0).unwrap_or(0)
        });
        let mut out = Vec::new();
        for (key, v) in t.iter() {
            let name = key.get_ref().to_string();
            let path = format!("scenarios.{name}");
            if name == "base" {
                self.push(
                    Code::E005,
                    "`base` is the plain file and cannot be redefined".into(),
                    "give the scenario another name, e.g. `pessimistic`",
                    key.span(),
                    &path,
                );
                continue;
            }
            let Some(st) = self.table(v, &path) else { continue };
            self.unknown_keys(st, SCENARIO_KEYS, &path);
            let mut s = Scenario::base();
            s.name = name;
            s.spans = ScenarioSpans {
                name: Some(key.span()),
                cost_factor: get(st, "cost_factor").map(|v| v.span()),
                investment_factor: get(st, "investment_factor").map(|v| v.span()),
                operations_factor: get(st, "operations_factor").map(|v| v.span()),
                benefit_factor: get(st, "benefit_factor").map(|v| v.span()),
                discount_rate: get(st, "discount_rate").map(|v| v.span()),
                optimism_bias: get(st, "optimism_bias").map(|v| v.span()),
            };
            // The preset first: explicit keys in the same table win.
            if let Some(x) = get(st, "optimism_bias")
                && let Some(bias) = self.choice(x, &Key(&path, "optimism_bias"), OPTIMISM_BIASES)
            {
                let bias = if bias == "upper" {
                    OptimismBias::Upper
                } else {
                    OptimismBias::Lower
                };
                bias.apply(&mut s, implementation_months);
            }
            let factor = |w: &mut Self, key: &str, slot: &mut Decimal| {
                if let Some(x) = get(st, key) {
                    *slot = w.non_negative(x, &Key(&path, key)).unwrap_or(Decimal::ONE);
                }
            };
            factor(self, "cost_factor", &mut s.cost_factor);
            factor(self, "investment_factor", &mut s.investment_factor);
            factor(self, "operations_factor", &mut s.operations_factor);
            factor(self, "benefit_factor", &mut s.benefit_factor);
            if let Some(x) = get(st, "delay_months") {
                s.delay_months = self.integer(x, &Key(&path, "delay_months"), 0, 600).unwrap_or(0) as u32;
            }
            if let Some(x) = get(st, "discount_rate") {
                s.discount_rate = self.discount_rate(x, &Key(&path, "discount_rate"));
            }
            out.push(s);
        }
        (self.error_count() == errors_before).then_some(out)
    }
}

/// The first dotted key with 80 or more dots (outside quotes), which the TOML parser
/// refuses without saying where: found in one pass over the text.
fn deep_key_span(text: &str) -> Option<Span> {
    const DEPTH: usize = 80;
    let (mut dots, mut start, mut quote) = (0usize, 0usize, None);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\n') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '.') => {
                dots += 1;
                if dots >= DEPTH {
                    let end = text[i..]
                        .find(['\n', '=', ']', '{', '}', ','])
                        .map_or(text.len(), |e| i + e);
                    return Some(start..end);
                }
            }
            (None, '\n' | '=' | '[' | ']' | '{' | '}' | ',' | '#') => {
                dots = 0;
                start = i + 1;
            }
            (None, _) => {}
        }
    }
    None
}

/// A readable name for a path: `[[costs]] #2` for `costs[1]`.
fn describe_path(path: &str) -> String {
    if path.is_empty() {
        return "the file".into();
    }
    for section in ["costs", "benefits", "stakeholders"] {
        if let Some(rest) = path.strip_prefix(section).and_then(|r| r.strip_prefix('['))
            && let Some((n, tail)) = rest.split_once(']')
            && let Ok(n) = n.parse::<usize>()
        {
            let entry = format!("[[{section}]] #{}", n + 1);
            return if tail.is_empty() {
                entry
            } else {
                format!("`{}` of {entry}", tail.trim_start_matches('.'))
            };
        }
    }
    format!("[{path}]")
}

/// Point at the start of a table rather than all of it.
fn header_span(span: &Span) -> Span {
    span.start..span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    const MINIMAL: &str = r#"
format = 1
[project]
name = "Test"
organisation = "Kommunen"
start_year = 2025
"#;

    fn codes(text: &str) -> Vec<Code> {
        parse_project(text).diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn minimal_file_has_defaults() {
        let parsed = parse_project(MINIMAL);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let p = parsed.project.unwrap();
        assert_eq!(p.years, 5);
        assert_eq!(p.go_live, Month::new(2025, 1));
        assert_eq!(p.assumptions.discount_rate, dec!(0.03));
        assert!(!p.assumptions.discount_rate_stated);
        assert_eq!(p.stakeholders.len(), 1);
        assert_eq!(p.stakeholders[0].name, "Kommunen");
    }

    #[test]
    fn every_problem_is_reported() {
        let text = format!(
            "{MINIMAL}\n[[costs]]\nname = \"A\"\ncategory = \"investmnt\"\nammounts = {{ 2025 = 1 }}\n\n[[benefits]]\nname = \"B\"\nclass = \"financial\"\nannual = 1\namounts = {{ 2025 = 1 }}\n"
        );
        let parsed = parse_project(&text);
        let c: Vec<Code> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert!(c.contains(&Code::E002), "{c:?}"); // ammounts
        assert!(c.contains(&Code::E005), "{c:?}"); // investmnt
        assert!(c.contains(&Code::E006), "{c:?}"); // two forms, and no form
        let unknown = parsed.diagnostics.iter().find(|d| d.code == Code::E002).unwrap();
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `amounts`?"));
        assert!(parsed.project.is_none());
    }

    #[test]
    fn syntax_error_is_located() {
        let parsed = parse_project("format = 1\n[project\nname = 1");
        assert_eq!(parsed.diagnostics[0].code, Code::E001);
        assert!(parsed.diagnostics[0].span.is_some());
    }

    #[test]
    fn shares_must_sum_to_one() {
        let text = format!(
            "{MINIMAL}\n[[stakeholders]]\nid = \"a\"\nname = \"A\"\n[[stakeholders]]\nid = \"b\"\nname = \"B\"\n[[costs]]\nname = \"C\"\ncategory = \"other\"\nannual = 1\nstakeholder = {{ a = 0.5, b = 0.4 }}\n"
        );
        assert_eq!(codes(&text), vec![Code::E009]);
    }

    #[test]
    fn years_outside_horizon_and_unknown_stakeholder() {
        let text = format!(
            "{MINIMAL}\n[[costs]]\nname = \"C\"\ncategory = \"other\"\namounts = {{ 2031 = 1 }}\nstakeholder = \"x\"\n"
        );
        let c = codes(&text);
        assert!(c.contains(&Code::E010) && c.contains(&Code::E008), "{c:?}");
    }

    #[test]
    fn nan_and_huge_numbers_are_errors_not_panics() {
        for value in [
            "nan",
            "inf",
            "-inf",
            "1e30",
            "\"1000000000000000000000000000000\"",
            "99999999999999999999999999999999",
        ] {
            let text = format!("{MINIMAL}\n[[costs]]\nname = \"C\"\ncategory = \"other\"\nannual = {value}\n");
            let c = codes(&text);
            assert!(!c.is_empty(), "{value}: {c:?}");
        }
    }

    #[test]
    fn years_zero_is_an_error() {
        let text = MINIMAL.replace("start_year = 2025", "start_year = 2025\nyears = 0");
        assert_eq!(codes(&text), vec![Code::E005]);
    }

    #[test]
    fn monthly_salary_gives_hourly_cost() {
        let text = format!("{MINIMAL}\n[assumptions]\nmonthly_salary = 42600\noverhead = \"54 %\"\n");
        let p = parse_project(&text).project.unwrap();
        assert_eq!(p.assumptions.hourly_cost, Some(dec!(300))); // 42600 / 142
        assert_eq!(p.assumptions.overhead, dec!(0.54));
    }

    #[test]
    fn schedule_replaces_share_with_a_warning() {
        let text = format!(
            "{MINIMAL}\n[[benefits]]\nname = \"B\"\nclass = \"financial\"\nannual = 100\n[benefits.realisation]\nowner = \"O\"\nshare = 0.5\nschedule = {{ 2026 = 40 }}\n"
        );
        let parsed = parse_project(&text);
        assert_eq!(
            parsed.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::W113]
        );
        let p = parsed.project.unwrap();
        assert!(p.benefits[0].realisation().unwrap().schedule.is_some());
    }

    #[test]
    fn the_organisation_is_the_implicit_stakeholder() {
        let text = format!(
            "{MINIMAL}\n[[costs]]\nname = \"C\"\ncategory = \"other\"\nannual = 1\nstakeholder = \"Kommunen\"\n"
        );
        let p = parse_project(&text).project.unwrap();
        assert_eq!(p.stakeholders[0].id, "Kommunen");
        assert_eq!(p.costs[0].stakeholders, vec![(0, Decimal::ONE)]);
    }
}
