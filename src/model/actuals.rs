//! Actuals (utfall) for follow-up (docs/follow-up.md, "Where the actuals come from"): from the project file and from a CSV
//! `line,year,amount[,kind]`, the CSV winning for the same line, kind and year.
//!
//! The CSV may come from Swedish Excel: `;` or tab as delimiter, decimal commas,
//! Windows-1252 or UTF-8 with or without a BOM.

use super::csvin::{CsvError, CsvReader};
use super::{Line, Project, number::parse_number_str};
use crate::diagnostic::{Code, Diagnostic, Text, did_you_mean};
use crate::limits::MAX_SHOWN_FINDINGS;
use crate::text;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What an actual is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActualKind {
    /// Money spent on a cost line.
    Cost,
    /// Benefit produced by a benefit line.
    Benefit,
    /// Money taken home (a benefit with a realisation).
    Harvest,
}

impl ActualKind {
    /// Every kind, in the order rows are listed.
    pub const ALL: [ActualKind; 3] = [ActualKind::Cost, ActualKind::Benefit, ActualKind::Harvest];
    /// The kind of a line's own money: `cost` for a cost line, `benefit` otherwise
    /// (a harvest is a benefit's second kind).
    pub fn of_line(line: &Line) -> ActualKind {
        if line.is_cost() {
            ActualKind::Cost
        } else {
            ActualKind::Benefit
        }
    }
    /// `cost`, `benefit` or `harvest`, as in the actuals CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ActualKind::Cost => "cost",
            ActualKind::Benefit => "benefit",
            ActualKind::Harvest => "harvest",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        ActualKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// Key of one actual: line index in [`Project::lines`], kind and year.
pub type ActualKey = (usize, ActualKind, i32);

/// Actuals by line, kind and year; then the comments of an actuals CSV's `comment` (or
/// `kommentar`) column, by the same key (a comment may stand without an amount).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actuals(pub BTreeMap<ActualKey, Decimal>, pub BTreeMap<ActualKey, String>);

impl Actuals {
    /// The actuals written in the project file (`actuals` on lines and realisations).
    pub fn from_project(project: &Project) -> Actuals {
        let mut map = BTreeMap::new();
        for (i, line) in project.lines().enumerate() {
            let kind = if line.is_cost() {
                ActualKind::Cost
            } else {
                ActualKind::Benefit
            };
            for (&year, &amount) in &line.actuals {
                map.insert((i, kind, year), amount);
            }
            if let Some(r) = line.realisation() {
                for (&year, &amount) in &r.actuals {
                    map.insert((i, ActualKind::Harvest, year), amount);
                }
            }
        }
        Actuals(map, BTreeMap::new())
    }

    /// These actuals with `other`'s overriding them for the same key.
    pub fn merged_with(mut self, other: &Actuals) -> Actuals {
        self.0.extend(other.0.iter().map(|(k, v)| (*k, *v)));
        self.1.extend(other.1.iter().map(|(k, v)| (*k, v.clone())));
        self
    }

    /// The actual for one line, kind and year, if reported.
    pub fn get(&self, key: &ActualKey) -> Option<Decimal> {
        self.0.get(key).copied()
    }

    /// The comment for a line, kind and year, if the CSV gave one.
    pub fn comment(&self, key: &ActualKey) -> Option<&str> {
        self.1.get(key).map(String::as_str)
    }

    /// The latest year with any actual.
    pub fn latest_year(&self) -> Option<i32> {
        self.0.keys().map(|k| k.2).max()
    }
}

pub use super::csvin::decode_text;

/// The delimiter used in the header line: `;`, tab or `,` (the most frequent; `,` if none).
pub fn sniff_delimiter(text: &str) -> u8 {
    super::csvin::sniff_delimiter(text.as_bytes())
}

/// Columns of the actuals CSV: `line`, `year`, `amount`, `kind`; `comment` (or
/// `kommentar`), carried into the follow-up next to its line and year; and `planned` and
/// `name` (written by `--template` for reference, not read).
pub const COLUMNS: &[&str] = &[
    "line",
    "year",
    "amount",
    "kind",
    "planned",
    "name",
    "comment",
    "kommentar",
];

/// Read an actuals CSV against a project. Returns the actuals, or every problem found
/// (located by byte span in `text`, which is the decoded CSV). Every row either counts
/// or is reported; so is every column.
pub fn parse_actuals_csv(text: &str, project: &Project) -> Result<Actuals, Vec<Diagnostic>> {
    let mut reader = match CsvReader::from_text(text) {
        Ok(r) => r,
        Err(e) => return Err(vec![csv_error(&e, text)]),
    };
    let header_span = reader.header_span();
    let header_problem = |code: Code, message: Text, hint: Text| {
        Diagnostic::new(code, message)
            .span(header_span.clone())
            .at("row 1".to_string())
            .hint(hint)
    };
    if let Some((name, first, second)) = reader.duplicate_column() {
        return Err(vec![header_problem(
            Code::E007,
            text!(
                sv: "rubrikraden har `{name}` två gånger (kolumn {first} och {second})";
                en: "the header names `{name}` twice (columns {first} and {second})"
            ),
            Text::new(
                "behåll en kolumn av varje namn; ta bort eller byt namn på den andra",
                "keep one column of each name; delete or rename the other",
            ),
        )]);
    }
    let mut problems = Vec::new();
    for (i, name) in reader.columns().iter().enumerate() {
        if !name.is_empty() && !COLUMNS.contains(&name.as_str()) {
            let hint = match did_you_mean(name, COLUMNS.iter().copied()) {
                Some(near) => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
                None => Text::new(
                    "kolumnerna är line, year, amount, kind och comment; ta bort kolumnen eller dess rubrik",
                    "the columns are line, year, amount, kind and comment; delete the column or its header",
                ),
            };
            problems.push(header_problem(
                Code::E002,
                text!(sv: "okänd kolumn `{name}` (kolumn {})", i + 1; en: "unknown column `{name}` (column {})", i + 1),
                hint,
            ));
        }
    }
    let (Some(c_line), Some(c_year), Some(c_amount)) =
        (reader.column("line"), reader.column("year"), reader.column("amount"))
    else {
        problems.push(header_problem(
            Code::E003,
            {
                let found = reader.columns().join(", ");
                text!(
                    sv: "CSV-filens rubrikrad måste ha `line`, `year` och `amount`; hittade: {found}";
                    en: "the CSV header must name `line`, `year` and `amount`; found: {found}"
                )
            },
            Text::new(
                "skriv rubrikraden `line,year,amount,kind` (eller `nytta follow-up FIL --template` för en färdig fil)",
                "write the header `line,year,amount,kind` (or `nytta follow-up FILE --template` for a ready file)",
            ),
        ));
        return Err(problems);
    };
    reader.require(&[c_line, c_year, c_amount]);
    let c_kind = reader.column("kind");
    let c_comment = reader.column("comment").or_else(|| reader.column("kommentar"));
    let mut comments = BTreeMap::new();
    let lines: Vec<_> = project.lines().collect();
    let keys: Vec<&str> = lines.iter().map(|l| l.key()).collect();
    let mut actuals = BTreeMap::new();
    let mut omitted: Option<(std::ops::Range<usize>, String, usize)> = None;
    while let Some(row) = reader.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(csv_error(&e, text));
                break;
            }
        };
        let span = row.span.clone();
        let at = format!("row {}", row.line);
        let mut problem = |code: Code, message: Text, hint: Text| {
            // One place is left for the line that counts the rest.
            if problems.len() < MAX_SHOWN_FINDINGS - 1 {
                problems.push(
                    Diagnostic::new(code, message)
                        .hint(hint)
                        .span(span.clone())
                        .at(at.clone()),
                );
            } else {
                // Counted, not kept: a million bad rows must not become a million messages.
                omitted.get_or_insert((span.clone(), at.clone(), 0)).2 += 1;
            }
        };
        if let Some(shape) = &row.problem {
            problem(
                Code::E001,
                shape.map(|s, _| format!("CSV: {s}")),
                Text::new(
                    "spara filen igen från kalkylprogrammet, eller rätta raden för hand",
                    "save the file again from the spreadsheet, or fix the row by hand",
                ),
            );
            continue;
        }
        let amount_text = row.get(c_amount);
        let comment = c_comment.map_or("", |c| row.get(c)).trim().to_string();
        if amount_text.is_empty() && comment.is_empty() {
            continue; // unfilled template rows
        }
        let Some((index, name)) = find_line(&lines, &keys, row.exact(c_line)) else {
            let name = unprotect(row.exact(c_line));
            let hint = match did_you_mean(name, keys.iter().copied()) {
                Some(near) if near != name => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
                _ => {
                    let all = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                    text!(
                        sv: "använd ett rad-id (eller det exakta namnet på en rad utan id): {all}";
                        en: "use a line id (or the exact name of a line without id): {all}"
                    )
                }
            };
            problem(
                Code::E008,
                text!(sv: "okänd rad `{name}`"; en: "unknown line `{name}`"),
                hint,
            );
            continue;
        };
        let line = lines[index];
        let year_text = row.get(c_year);
        let year = match year_text.parse::<i32>() {
            Ok(y) if (project.start_year..project.end_year()).contains(&y) => y,
            Ok(y) => {
                problem(
                    Code::E010,
                    {
                        let (a, b) = (project.start_year, project.end_year() - 1);
                        text!(
                            sv: "året {y} ligger utanför kalkylperioden {a}–{b}";
                            en: "year {y} is outside the horizon {a}–{b}"
                        )
                    },
                    Text::new(
                        "rapportera utfall bara för kalkylens år",
                        "report actuals only for years of the calculation",
                    ),
                );
                continue;
            }
            Err(_) => {
                problem(
                    Code::E004,
                    text!(sv: "`{year_text}` är inte ett år"; en: "`{year_text}` is not a year"),
                    Text::new(
                        "skriv ett fyrsiffrigt år, till exempel 2011",
                        "write a four-digit year, e.g. 2011",
                    ),
                );
                continue;
            }
        };
        let amount = match parse_number_str(amount_text) {
            _ if amount_text.is_empty() => None, // a comment alone
            Ok(a) if a.abs() > crate::model::MAX_YEARLY_MONEY => {
                problem(
                    Code::E011,
                    text!(sv: "beloppet {a} är för stort"; en: "amount {a} is too large"),
                    Text::new(
                        "belopp anges i kronor; kontrollera storleksordningen",
                        "amounts are in kronor; check the magnitude",
                    ),
                );
                continue;
            }
            Ok(a) => Some(a),
            Err(e) => {
                problem(
                    Code::E004,
                    e.text()
                        .map(|m, lang| format!("{}: {m}", lang.pick("belopp", "amount"))),
                    e.hint_text(),
                );
                continue;
            }
        };
        let default_kind = if line.is_cost() {
            ActualKind::Cost
        } else {
            ActualKind::Benefit
        };
        let kind_text = c_kind.map_or("", |c| row.get(c));
        let kind = if kind_text.is_empty() {
            default_kind
        } else {
            match ActualKind::parse(kind_text) {
                Some(k) => k,
                None => {
                    problem(
                        Code::E005,
                        text!(
                            sv: "slaget `{kind_text}` är inte cost, benefit eller harvest";
                            en: "kind `{kind_text}` is not cost, benefit or harvest"
                        ),
                        Text::new(
                            "lämna det tomt för radens eget slag",
                            "leave it empty for the line's own kind",
                        ),
                    );
                    continue;
                }
            }
        };
        let fits = match kind {
            ActualKind::Cost => line.is_cost(),
            ActualKind::Benefit => !line.is_cost() && line.is_monetised(),
            ActualKind::Harvest => line.realisation().is_some(),
        };
        if !fits {
            let message = match kind {
                ActualKind::Harvest => text!(
                    sv: "`harvest` för `{name}`, som saknar plan för hemtagning";
                    en: "`harvest` for `{name}`, which has no realisation plan"
                ),
                _ => {
                    let k = kind.as_str();
                    text!(sv: "`{k}` passar inte `{name}`"; en: "`{k}` does not fit `{name}`")
                }
            };
            let hint = match kind {
                ActualKind::Harvest => Text::new(
                    "lägg till `[benefits.realisation]` på raden, eller rapportera pengarna som `benefit`",
                    "add `[benefits.realisation]` to the line, or report the money as `benefit`",
                ),
                _ if line.is_monetised() => Text::new(
                    "använd `cost` för kostnader och `benefit` eller `harvest` för nyttor",
                    "use `cost` for costs and `benefit` or `harvest` for benefits",
                ),
                _ => Text::new(
                    "en kvalitativ nytta har inga pengar att följa upp; följ dess indikator i stället",
                    "a qualitative benefit has no money to follow up; follow its indicator instead",
                ),
            };
            problem(Code::E006, message, hint);
            continue;
        }
        if !comment.is_empty() {
            comments.insert((index, kind, year), comment);
        }
        let Some(amount) = amount else { continue };
        if actuals.insert((index, kind, year), amount).is_some() {
            problem(
                Code::E007,
                {
                    let k = kind.as_str();
                    text!(
                        sv: "en andra `{k}`-rad för `{name}` {year}";
                        en: "a second `{k}` row for `{name}` in {year}"
                    )
                },
                Text::new(
                    "behåll en rad per rad-id, slag och år",
                    "keep one row per line, kind and year",
                ),
            );
        }
    }
    if let Some((span, at, n)) = omitted {
        problems.push(
            Diagnostic::new(
                Code::E001,
                text!(
                    sv: "… och {n} problem till från den här raden, som inte visas";
                    en: "… and {n} more problem{} from this row on, not shown",
                    if n == 1 { "" } else { "s" }
                ),
            )
            .span(span)
            .at(at)
            .hint(Text::new(
                "rätta problemen ovan och läs in filen igen",
                "fix the problems above and read the file again",
            )),
        );
    }
    if problems.is_empty() {
        Ok(Actuals(actuals, comments))
    } else {
        Err(problems)
    }
}

/// A name as nytta's own CSV output wrote it, without the `'` that protects a name
/// starting like a formula (see `report::csv::neutralise`).
fn unprotect(name: &str) -> &str {
    name.strip_prefix('\'')
        .filter(|n| n.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .unwrap_or(name)
}

/// The line a CSV value names: by id or name exactly as written (so names with leading
/// or trailing spaces read back), else by the trimmed text when that is unambiguous.
fn find_line<'k>(lines: &[&Line], keys: &[&'k str], written: &str) -> Option<(usize, &'k str)> {
    let name = unprotect(written);
    let exact = keys
        .iter()
        .position(|k| *k == name)
        .or_else(|| lines.iter().position(|l| l.name == name));
    if let Some(i) = exact {
        return Some((i, keys[i]));
    }
    let trimmed = name.trim();
    let mut matches = (0..lines.len()).filter(|&i| keys[i].trim() == trimmed || lines[i].name.trim() == trimmed);
    match (matches.next(), matches.next()) {
        (Some(i), None) => Some((i, keys[i])),
        _ => None,
    }
}

/// A reading error as a diagnostic.
fn csv_error(e: &CsvError, text: &str) -> Diagnostic {
    let d = Diagnostic::new(
        Code::E001,
        Text::new(format!("CSV: {}", e.swedish()), format!("CSV: {e}")),
    );
    match e {
        CsvError::TooLong { line } => {
            // The start of the offending line, found once (this ends the reading).
            let start = if *line <= 1 {
                0
            } else {
                text.match_indices('\n')
                    .nth(*line as usize - 2)
                    .map_or(0, |(i, _)| i + 1)
            };
            d.span(start..start).at(format!("row {line}"))
        }
        CsvError::Io(_) => d.hint(Text::new("spara filen igen som CSV", "save the file again as CSV")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_project;
    use rust_decimal::dec;

    fn project() -> Project {
        parse_project(
            r#"format = 1
[project]
name = "P"
organisation = "O"
start_year = 2010
years = 3
[[costs]]
id = "drift"
name = "Drift"
category = "operations"
annual = 100
actuals = { 2010 = 90 }
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual = 100
[benefits.realisation]
owner = "Chef"
actuals = { 2010 = 40 }
[[benefits]]
name = "Porto"
class = "financial"
annual = 10
"#,
        )
        .project
        .unwrap()
    }

    #[test]
    fn reads_swedish_excel_csv_and_overrides_the_file() {
        let p = project();
        // Windows-1252 with `;` and decimal commas; "Tid" by id, "Porto" by name.
        let bytes = b"Line;Year;Amount;Kind\r\ndrift;2010;\"1 100,50\";\r\ntid;2010;45;harvest\r\nPorto;2011;7,5;\r\n";
        let text = decode_text(bytes);
        let csv = parse_actuals_csv(&text, &p).unwrap();
        assert_eq!(csv.get(&(0, ActualKind::Cost, 2010)), Some(dec!(1100.50)));
        let merged = Actuals::from_project(&p).merged_with(&csv);
        assert_eq!(merged.get(&(1, ActualKind::Harvest, 2010)), Some(dec!(45)));
        assert_eq!(merged.get(&(2, ActualKind::Benefit, 2011)), Some(dec!(7.5)));
        assert_eq!(merged.latest_year(), Some(2011));
    }

    #[test]
    fn windows_1252_is_decoded() {
        assert_eq!(decode_text(b"G\xf6teborg"), "Göteborg");
        assert_eq!(decode_text(b"\xef\xbb\xbfline"), "line");
        assert_eq!(sniff_delimiter("line;year;amount"), b';');
        assert_eq!(sniff_delimiter("line\tyear\tamount"), b'\t');
        assert_eq!(sniff_delimiter("line,year,amount"), b',');
    }

    #[test]
    fn every_bad_row_is_reported_with_its_row() {
        let p = project();
        let text =
            "line,year,amount,kind\ndrfit,2010,5,\ntid,2020,5,\ntid,2011,fem,\nPorto,2011,5,harvest\ndrift,2011,,\n";
        let problems = parse_actuals_csv(text, &p).unwrap_err();
        let codes: Vec<Code> = problems.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::E008, Code::E010, Code::E004, Code::E006]);
        assert_eq!(problems[0].hint_in(crate::fmt::Lang::En), Some("did you mean `drift`?"));
        assert_eq!(problems[0].at.as_deref(), Some("row 2"));
        let span = problems[1].span.clone().unwrap();
        assert_eq!(&text[span], "tid,2020,5,");
    }

    #[test]
    fn rows_are_located_with_crlf_and_blank_lines() {
        let text = "line;year;amount\r\ndrift;2010;5\r\n\r\ndrfit;2010;5\r\n";
        let problems = parse_actuals_csv(text, &project()).unwrap_err();
        assert_eq!(problems[0].at.as_deref(), Some("row 4"));
        assert_eq!(&text[problems[0].span.clone().unwrap()], "drfit;2010;5");
    }

    #[test]
    fn missing_columns_are_an_error() {
        let problems = parse_actuals_csv("line,amount\n", &project()).unwrap_err();
        assert_eq!(problems[0].code, Code::E003);
    }
}
