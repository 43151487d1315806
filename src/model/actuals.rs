//! Actuals (utfall) for follow-up (docs/follow-up.md, "Where the actuals come from"): from the project file and from a CSV
//! `line,year,amount[,kind]`, the CSV winning for the same line, kind and year.
//!
//! The CSV may come from Swedish Excel: `;` or tab as delimiter, decimal commas,
//! Windows-1252 or UTF-8 with or without a BOM.

use super::csvin::{CsvError, CsvReader, Row};
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
    /// The kind written as its key or in Swedish (`kostnad`, `nytta`, `hemtagning`, as
    /// `follow-up --excel` writes it), in any case.
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        ActualKind::ALL.into_iter().find(|k| {
            let swedish = match k {
                ActualKind::Cost => "kostnad",
                ActualKind::Benefit => "nytta",
                ActualKind::Harvest => "hemtagning",
            };
            k.as_str() == s || swedish == s
        })
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

/// Columns of the actuals CSV: `line`, `year`, `amount`, `kind`; `comment`, carried into
/// the follow-up next to its line and year; and `planned` and `name` (written by
/// `--template` for reference, not read). Each may also be headed by its Swedish name, as
/// `--excel` writes it ([`SWEDISH_COLUMNS`]).
pub const COLUMNS: &[&str] = &["line", "year", "amount", "kind", "planned", "name", "comment"];
/// The column a portfolio's actuals CSV adds: the project each row is of
/// ([`PortfolioActuals`]).
pub const PROJECT_COLUMN: &str = "project";
/// The Swedish headings read as the columns' keys (`Rad;År;Belopp;Slag;Kommentar`, as a
/// Swedish spreadsheet or `--excel` heads them; the header is read in lower case).
pub const SWEDISH_COLUMNS: &[(&str, &str)] = &[
    ("rad", "line"),
    ("år", "year"),
    ("belopp", "amount"),
    ("utfall", "amount"),
    ("slag", "kind"),
    ("planerat", "planned"),
    ("namn", "name"),
    ("kommentar", "comment"),
    ("projekt", "project"),
];

/// Where the columns of an actuals CSV are.
#[derive(Debug, Clone, Copy)]
struct Columns {
    line: usize,
    year: usize,
    amount: usize,
    kind: Option<usize>,
    comment: Option<usize>,
    project: Option<usize>,
}

/// Read an actuals CSV's header: where its columns are, and its problems (an unknown
/// column is a problem, yet the rows are read on so that every problem is found);
/// `Err` when the rows cannot be read (a column named twice, or one missing). With
/// `portfolio`, a `project` column is known and required.
fn header(reader: &mut CsvReader, portfolio: bool) -> Result<(Columns, Vec<Diagnostic>), Vec<Diagnostic>> {
    let header_span = reader.header_span();
    let header_problem = |code: Code, message: Text, hint: Text| {
        Diagnostic::new(code, message)
            .span(header_span.clone())
            .at("row 1".to_string())
            .hint(hint)
    };
    // A column given twice, by the same name or by its key and its Swedish heading
    // (`amount` and `belopp`): the second would be shadowed in silence.
    let key_of = |name: &str| -> String {
        SWEDISH_COLUMNS
            .iter()
            .find(|(sv, _)| *sv == name)
            .map_or(name, |(_, key)| key)
            .to_string()
    };
    let twice = reader
        .duplicate_column()
        .map(|(n, a, b)| (n.to_string(), a, b))
        .or_else(|| {
            let keys: Vec<String> = reader.columns().iter().map(|n| key_of(n)).collect();
            keys.iter().enumerate().find_map(|(j, key)| {
                let i = keys[..j].iter().position(|k| k == key && !k.is_empty())?;
                Some((key.clone(), i + 1, j + 1))
            })
        });
    if let Some((name, first, second)) = twice {
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
    let known: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .chain(portfolio.then_some(PROJECT_COLUMN))
        .chain(
            SWEDISH_COLUMNS
                .iter()
                .filter(|(_, key)| portfolio || *key != PROJECT_COLUMN)
                .map(|(sv, _)| *sv),
        )
        .collect();
    // A column by its key or its Swedish heading.
    let column = |key: &str| {
        reader.column(key).or_else(|| {
            SWEDISH_COLUMNS
                .iter()
                .filter(|(_, k)| *k == key)
                .find_map(|(sv, _)| reader.column(sv))
        })
    };
    let mut problems = Vec::new();
    for (i, name) in reader.columns().iter().enumerate() {
        if !name.is_empty() && !known.contains(&name.as_str()) {
            let hint = match did_you_mean(name, known.iter().copied()) {
                Some(near) => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
                None if portfolio => Text::new(
                    "kolumnerna är project, line, year, amount, kind och comment; ta bort kolumnen eller dess rubrik",
                    "the columns are project, line, year, amount, kind and comment; delete the column or its header",
                ),
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
    let project = column(PROJECT_COLUMN);
    let (Some(line), Some(year), Some(amount), true) = (
        column("line"),
        column("year"),
        column("amount"),
        !portfolio || project.is_some(),
    ) else {
        let found = reader.columns().join(", ");
        problems.push(if portfolio {
            header_problem(
                Code::E003,
                text!(
                    sv: "CSV-filens rubrikrad måste ha `project`, `line`, `year` och `amount`; hittade: {found}";
                    en: "the CSV header must name `project`, `line`, `year` and `amount`; found: {found}"
                ),
                Text::new(
                    "skriv rubrikraden `project,line,year,amount,kind`: project är projektets id eller filnamn utan .toml",
                    "write the header `project,line,year,amount,kind`: project is the project's id or file name without .toml",
                ),
            )
        } else {
            header_problem(
                Code::E003,
                text!(
                    sv: "CSV-filens rubrikrad måste ha `line`, `year` och `amount`; hittade: {found}";
                    en: "the CSV header must name `line`, `year` and `amount`; found: {found}"
                ),
                Text::new(
                    "skriv rubrikraden `line,year,amount,kind` (eller `nytta follow-up FIL --template` för en färdig fil)",
                    "write the header `line,year,amount,kind` (or `nytta follow-up FILE --template` for a ready file)",
                ),
            )
        });
        return Err(problems);
    };
    let (kind, comment) = (column("kind"), column("comment"));
    reader.require(&[line, year, amount]);
    let columns = Columns {
        line,
        year,
        amount,
        kind,
        comment,
        project,
    };
    Ok((columns, problems))
}

/// What the rows are read against: the project and its lines.
struct Context<'p> {
    project: &'p Project,
    lines: Vec<&'p Line>,
    keys: Vec<&'p str>,
}

impl<'p> Context<'p> {
    fn new(project: &'p Project) -> Self {
        let lines: Vec<&Line> = project.lines().collect();
        let keys = lines.iter().map(|l| l.key()).collect();
        Context { project, lines, keys }
    }
}

/// What the rows have given so far: actuals, comments and problems.
#[derive(Default)]
struct Read {
    actuals: BTreeMap<ActualKey, Decimal>,
    comments: BTreeMap<ActualKey, String>,
    problems: Vec<Diagnostic>,
    /// Problems counted, not kept: where the first was, and how many.
    omitted: Option<(std::ops::Range<usize>, String, usize)>,
}

impl Read {
    fn finish(mut self) -> Result<Actuals, Vec<Diagnostic>> {
        if let Some((span, at, n)) = self.omitted {
            self.problems.push(
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
        if self.problems.is_empty() {
            Ok(Actuals(self.actuals, self.comments))
        } else {
            Err(self.problems)
        }
    }
}

/// Whether a row is an unfilled template row (no amount, no comment): skipped.
fn unfilled(row: &Row, c: &Columns) -> bool {
    row.get(c.amount).is_empty() && c.comment.is_none_or(|i| row.get(i).is_empty())
}

/// Read an actuals CSV against a project. Returns the actuals, or every problem found
/// (located by byte span in `text`, which is the decoded CSV). Every row either counts
/// or is reported; so is every column.
pub fn parse_actuals_csv(text: &str, project: &Project) -> Result<Actuals, Vec<Diagnostic>> {
    let mut reader = match CsvReader::from_text(text) {
        Ok(r) => r,
        Err(e) => return Err(vec![csv_error(&e, text)]),
    };
    let (columns, problems) = header(&mut reader, false)?;
    let ctx = Context::new(project);
    let mut out = Read {
        problems,
        ..Read::default()
    };
    while let Some(row) = reader.next_row() {
        match row {
            Ok(row) => read_row(&row, &columns, &ctx, &mut out),
            Err(e) => {
                out.problems.push(csv_error(&e, text));
                break;
            }
        }
    }
    out.finish()
}

/// Read one row into `out`: an actual, a comment, or a problem.
fn read_row(row: &Row, c: &Columns, ctx: &Context, out: &mut Read) {
    let span = row.span.clone();
    let at = format!("row {}", row.line);
    // A finding points at the value it is about (`column`), or at the row.
    let mut problem = |column: Option<usize>, code: Code, message: Text, hint: Text| {
        // One place is left for the line that counts the rest.
        if out.problems.len() < MAX_SHOWN_FINDINGS - 1 {
            out.problems.push(
                Diagnostic::new(code, message)
                    .hint(hint)
                    .span(column.map_or_else(|| span.clone(), |c| row.span_of(c)))
                    .at(at.clone()),
            );
        } else {
            // Counted, not kept: a million bad rows must not become a million messages.
            out.omitted.get_or_insert((span.clone(), at.clone(), 0)).2 += 1;
        }
    };
    if let Some(shape) = &row.problem {
        problem(
            None,
            Code::E001,
            shape.map(|s, _| format!("CSV: {s}")),
            Text::new(
                "spara filen igen från kalkylprogrammet, eller rätta raden för hand",
                "save the file again from the spreadsheet, or fix the row by hand",
            ),
        );
        return;
    }
    let amount_text = row.get(c.amount);
    let comment = c.comment.map_or("", |c| row.get(c)).trim().to_string();
    // A row without an amount (a template row not filled in) is still read through: its
    // line, year and kind must be right, or a row shifted by one column (its amount under
    // `kind`) or a mistyped line would be dropped in silence.
    let Some((index, name)) = find_line(&ctx.lines, &ctx.keys, row.exact(c.line)) else {
        let name = unprotect(row.exact(c.line));
        let hint = match did_you_mean(name, ctx.keys.iter().copied()) {
            Some(near) if near != name => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
            _ => {
                let all = ctx.keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                text!(
                    sv: "använd ett rad-id (eller det exakta namnet på en rad utan id): {all}";
                    en: "use a line id (or the exact name of a line without id): {all}"
                )
            }
        };
        problem(
            Some(c.line),
            Code::E008,
            text!(sv: "okänd rad `{name}`"; en: "unknown line `{name}`"),
            hint,
        );
        return;
    };
    let line = ctx.lines[index];
    let year_text = row.get(c.year);
    let year = match year_text.parse::<i32>() {
        Ok(y) if (ctx.project.start_year..ctx.project.end_year()).contains(&y) => y,
        Ok(y) => {
            problem(
                Some(c.year),
                Code::E010,
                {
                    let (a, b) = (ctx.project.start_year, ctx.project.end_year() - 1);
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
            return;
        }
        Err(_) => {
            problem(
                Some(c.year),
                Code::E004,
                text!(sv: "`{year_text}` är inte ett år"; en: "`{year_text}` is not a year"),
                Text::new(
                    "skriv ett fyrsiffrigt år, till exempel 2011",
                    "write a four-digit year, e.g. 2011",
                ),
            );
            return;
        }
    };
    // Swedish Excel writes a currency cell as `347 000,00 kr`: the unit is no part of
    // the number. A percentage is no amount at all.
    let number_text = strip_currency(amount_text);
    let amount = match parse_number_str(number_text) {
        _ if amount_text.is_empty() => None, // a comment alone
        _ if number_text.contains('%') => {
            problem(
                Some(c.amount),
                Code::E004,
                text!(
                    sv: "belopp: `{amount_text}` är en andel, inte ett belopp i kronor";
                    en: "amount: `{amount_text}` is a percentage, not an amount in kronor"
                ),
                amount_hint(),
            );
            return;
        }
        Ok(a) if a.abs() > crate::model::MAX_YEARLY_MONEY => {
            problem(
                Some(c.amount),
                Code::E011,
                text!(sv: "beloppet {a} är för stort"; en: "amount {a} is too large"),
                Text::new(
                    "belopp anges i kronor; kontrollera storleksordningen",
                    "amounts are in kronor; check the magnitude",
                ),
            );
            return;
        }
        Ok(a) => Some(a),
        Err(e) => {
            problem(
                Some(c.amount),
                Code::E004,
                e.text()
                    .map(|m, lang| format!("{}: {m}", lang.pick("belopp", "amount"))),
                amount_hint(),
            );
            return;
        }
    };
    let default_kind = if line.is_cost() {
        ActualKind::Cost
    } else {
        ActualKind::Benefit
    };
    let kind_text = c.kind.map_or("", |c| row.get(c));
    let kind = if kind_text.is_empty() {
        default_kind
    } else {
        match ActualKind::parse(kind_text) {
            Some(k) => k,
            None => {
                problem(
                    c.kind,
                    Code::E005,
                    text!(
                        sv: "slaget `{kind_text}` är inte cost, benefit eller harvest (kostnad, nytta, hemtagning)";
                        en: "kind `{kind_text}` is not cost, benefit or harvest"
                    ),
                    Text::new(
                        "lämna det tomt för radens eget slag",
                        "leave it empty for the line's own kind",
                    ),
                );
                return;
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
        problem(c.kind, Code::E006, message, hint);
        return;
    }
    if !comment.is_empty() {
        out.comments.insert((index, kind, year), comment);
    }
    let Some(amount) = amount else { return };
    if out.actuals.insert((index, kind, year), amount).is_some() {
        problem(
            None,
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

/// How an amount is written in an actuals CSV.
fn amount_hint() -> Text {
    Text::new(
        "skriv beloppet i kronor, till exempel `137500` eller `1 200 000,50` (ett `kr` efter talet går bra)",
        "write the amount in kronor, e.g. `137500` or `1 200 000,50` (a `kr` after the number is fine)",
    )
}

/// An amount without a currency unit after it (`kr`, `kr.`, `SEK`, any case).
fn strip_currency(text: &str) -> &str {
    let trimmed = text.trim_end();
    for unit in ["kr.", "kr", "sek"] {
        if trimmed.len() > unit.len()
            && let Some(head) = trimmed.get(..trimmed.len() - unit.len())
            && trimmed[head.len()..].eq_ignore_ascii_case(unit)
        {
            return head.trim_end();
        }
    }
    trimmed
}

/// An actuals CSV for many projects (`nytta batch --follow-up --actuals FILE`): the
/// columns of [`parse_actuals_csv`] and a `project` column naming each row's project by
/// its id or its file name without `.toml` (docs/decisions.md, D80). It is read once and
/// its rows kept by project; [`PortfolioActuals::actuals`] then reads one project's
/// rows exactly as [`parse_actuals_csv`] reads a file of its own, with the same problems
/// at the same rows of the whole file.
#[derive(Debug)]
pub struct PortfolioActuals {
    columns: Columns,
    rows: BTreeMap<String, Vec<Row>>,
}

impl PortfolioActuals {
    /// Read the whole file (`text` decoded). `Err` with every problem of the file
    /// itself: its header (a column unknown, named twice or missing), a row that does not
    /// read as CSV (its project cannot be trusted), or a row too long to read.
    /// Unfilled rows (no amount, no comment) are skipped, as in [`parse_actuals_csv`].
    pub fn parse(text: &str) -> Result<PortfolioActuals, Vec<Diagnostic>> {
        let mut reader = CsvReader::from_text(text).map_err(|e| vec![csv_error(&e, text)])?;
        let (columns, mut problems) = header(&mut reader, true)?;
        let project = columns.project.unwrap_or_default();
        let mut rows: BTreeMap<String, Vec<Row>> = BTreeMap::new();
        while let Some(row) = reader.next_row() {
            match row {
                Ok(row) => {
                    if let Some(shape) = &row.problem {
                        if problems.len() < MAX_SHOWN_FINDINGS {
                            problems.push(
                                Diagnostic::new(Code::E001, shape.map(|s, _| format!("CSV: {s}")))
                                    .hint(Text::new(
                                        "spara filen igen från kalkylprogrammet, eller rätta raden för hand",
                                        "save the file again from the spreadsheet, or fix the row by hand",
                                    ))
                                    .span(row.span.clone())
                                    .at(format!("row {}", row.line)),
                            );
                        }
                    } else if !unfilled(&row, &columns) {
                        rows.entry(row.get(project).to_string()).or_default().push(row);
                    }
                }
                Err(e) => {
                    problems.push(csv_error(&e, text));
                    break;
                }
            }
        }
        if problems.is_empty() {
            Ok(PortfolioActuals { columns, rows })
        } else {
            Err(problems)
        }
    }

    /// Those of `keys` (a project's id and its file stem) that name rows, each once;
    /// empty keys name none.
    pub fn keys_of<'k>(&self, keys: &[&'k str]) -> Vec<&'k str> {
        let mut found: Vec<&str> = Vec::new();
        for k in keys {
            if !k.is_empty() && self.rows.contains_key(*k) && !found.contains(k) {
                found.push(k);
            }
        }
        found
    }

    /// The actuals of the rows whose `project` is one of `keys`, read against `project`
    /// (a line, kind and year given under two keys is a second row, E007); every problem
    /// is located in the whole file. No rows: no actuals.
    pub fn actuals(&self, keys: &[&str], project: &Project) -> Result<Actuals, Vec<Diagnostic>> {
        let ctx = Context::new(project);
        let mut out = Read::default();
        for row in keys.iter().filter_map(|k| self.rows.get(*k)).flatten() {
            read_row(row, &self.columns, &ctx, &mut out);
        }
        out.finish()
    }

    /// Every `project` value with the lines of its rows (1-based, as a spreadsheet
    /// counts), in value order; an empty value is a row that names no project.
    pub fn projects(&self) -> impl Iterator<Item = (&str, Vec<u64>)> {
        self.rows
            .iter()
            .map(|(k, rows)| (k.as_str(), rows.iter().map(|r| r.line).collect()))
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
        // Each points at the value it is about.
        let at = |i: usize| &text[problems[i].span.clone().unwrap()];
        assert_eq!([at(0), at(1), at(2), at(3)], ["drfit", "2020", "fem", "harvest"]);
        // A quoted value with its quotes, spaces around it left out; a missing value: the row.
        let text = "line;year;amount\ndrift; 2010 ;\"f\"\"em\"\ndrift;2010\n";
        let problems = parse_actuals_csv(text, &p).unwrap_err();
        assert_eq!(&text[problems[0].span.clone().unwrap()], "\"f\"\"em\"");
    }

    #[test]
    fn rows_without_an_amount_are_still_checked() {
        let p = project();
        // A mistyped line, a bad year, and an amount shifted under `kind`: none may be
        // dropped in silence because its amount cell is empty. A template row left
        // unfilled (right line, year and kind) is no problem.
        let text = "line,year,amount,kind\ndrfit,2011,,\ntid,20x1,,\ntid,2011,,200 000\ntid,2011,,harvest\n";
        let problems = parse_actuals_csv(text, &p).unwrap_err();
        let codes: Vec<Code> = problems.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::E008, Code::E004, Code::E005]);
        assert!(parse_actuals_csv("line,year,amount,kind\ntid,2011,,harvest\n", &p).is_ok());
    }

    #[test]
    fn a_currency_unit_is_read_past_and_a_percentage_is_no_amount() {
        let p = project();
        let csv = parse_actuals_csv("line;year;amount\ndrift;2010;347 000,50 kr\ndrift;2011;12 SEK\n", &p).unwrap();
        assert_eq!(csv.get(&(0, ActualKind::Cost, 2010)), Some(dec!(347000.50)));
        assert_eq!(csv.get(&(0, ActualKind::Cost, 2011)), Some(dec!(12)));
        let problems = parse_actuals_csv("line;year;amount\ndrift;2010;5 %\n", &p).unwrap_err();
        assert_eq!(problems[0].code, Code::E004);
        assert_eq!(
            problems[0].message.get(crate::fmt::Lang::Sv),
            "belopp: `5 %` är en andel, inte ett belopp i kronor"
        );
        assert!(
            problems[0]
                .hint_in(crate::fmt::Lang::Sv)
                .unwrap_or_default()
                .contains("i kronor")
        );
    }

    #[test]
    fn swedish_headings_and_kinds_are_read() {
        let p = project();
        // As a Swedish spreadsheet (or `--excel`) heads and words them.
        let text =
            "Rad;År;Belopp;Slag;Kommentar\ndrift;2010;5;Kostnad;sen\ntid;2010;45;hemtagning;\nPorto;2011;7;nytta;\n";
        let csv = parse_actuals_csv(text, &p).unwrap();
        assert_eq!(csv.get(&(0, ActualKind::Cost, 2010)), Some(dec!(5)));
        assert_eq!(csv.get(&(1, ActualKind::Harvest, 2010)), Some(dec!(45)));
        assert_eq!(csv.get(&(2, ActualKind::Benefit, 2011)), Some(dec!(7)));
        assert_eq!(csv.comment(&(0, ActualKind::Cost, 2010)), Some("sen"));
    }

    #[test]
    fn rows_are_located_with_crlf_and_blank_lines() {
        let text = "line;year;amount\r\ndrift;2010;5\r\n\r\ndrfit;2010;5\r\n";
        let problems = parse_actuals_csv(text, &project()).unwrap_err();
        assert_eq!(problems[0].at.as_deref(), Some("row 4"));
        assert_eq!(&text[problems[0].span.clone().unwrap()], "drfit");
    }

    #[test]
    fn a_portfolio_csv_is_read_once_and_each_project_gets_its_rows() {
        let p = project();
        // Row 2 for P-1, row 3 for a stem, row 4 unfilled (skipped), row 5 for P-1 with
        // an unknown line: located at row 5 of the whole file.
        let text = "Project;line;year;amount;kind\nP-1;drift;2010;1 000,50;\nstem;tid;2010;45;harvest\nP-9;drift;2010;;\nP-1;drfit;2011;5;\n";
        let all = PortfolioActuals::parse(text).unwrap();
        assert_eq!(all.keys_of(&["", "stem"]), vec!["stem"]);
        assert_eq!(all.keys_of(&["P-1", "stem", "P-1"]), vec!["P-1", "stem"]);
        assert!(all.keys_of(&["P-2", "x"]).is_empty());
        let problems = all.actuals(&["P-1", "stem"], &p).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::E008);
        assert_eq!(problems[0].at.as_deref(), Some("row 5"));
        assert_eq!(&text[problems[0].span.clone().unwrap()], "drfit");
        let stem = all.actuals(&["stem"], &p).unwrap();
        assert_eq!(stem.get(&(1, ActualKind::Harvest, 2010)), Some(dec!(45)));
        let projects: Vec<(&str, Vec<u64>)> = all.projects().collect();
        assert_eq!(projects, vec![("P-1", vec![2, 5]), ("stem", vec![3])]);
    }

    #[test]
    fn a_portfolio_csv_needs_its_project_column() {
        let problems = PortfolioActuals::parse("line,year,amount\n").unwrap_err();
        assert_eq!(problems[0].code, Code::E003);
        assert!(
            problems[0].message.en.contains("`project`"),
            "{:?}",
            problems[0].message
        );
        // A single project's CSV does not know the column.
        let problems = parse_actuals_csv("project,line,year,amount\n", &project()).unwrap_err();
        assert_eq!(problems[0].code, Code::E002);
        // A row that does not read as CSV stops the whole file: its project is unsure.
        let problems = PortfolioActuals::parse("project;line;year;amount\nP,drift,2010,5\n").unwrap_err();
        assert_eq!(problems[0].code, Code::E001);
        assert_eq!(problems[0].at.as_deref(), Some("row 2"));
    }

    #[test]
    fn missing_columns_are_an_error() {
        let problems = parse_actuals_csv("line,amount\n", &project()).unwrap_err();
        assert_eq!(problems[0].code, Code::E003);
    }
}
