//! `nytta diff OLD NEW`: what changed between two versions of a calculation, and an NPV
//! bridge from the old NPV to the new (pure; rendering is in `report::builder::diff`).
//!
//! # The bridge
//!
//! The old file is turned into the new one change by change, in this order, and the
//! base-scenario NPV is recomputed after each change; a step's effect is the NPV after
//! it minus the NPV before it:
//!
//! 1. the assumptions: horizon (`start_year`, `years`), go-live, hourly cost (with
//!    `overhead`, `monthly_salary`, `salary_hours`), discount rate;
//! 2. the lines: removed lines (old file order), then changed lines and added lines in
//!    the new file's order (costs before benefits);
//! 3. anything else that moves the NPV (a key not listed above): one step "other
//!    changes", shown only when not zero.
//!
//! A step is applied to the file's TOML (the key or line table taken from the new file),
//! so defaults follow the new values exactly as `nytta report` would have them (a
//! benefit starting at go-live moves with it). A later step is measured under the
//! earlier ones: the line steps are valued at the new assumptions. When the file after
//! a step does not validate on its own (a shorter horizon with amounts still in the
//! dropped years), that step is combined with the next until the file validates, and
//! says so. Every NPV is taken to 10⁻⁶ kr ([`NPV_DP`]), and the steps telescope, so
//! they sum to `new NPV − old NPV` exactly.

use crate::analysis::compute;
use crate::diagnostic::{Diagnostic, Text};
use crate::model::{Month, Project, Scenario, parse_project};
use rust_decimal::Decimal;
use toml::{Table, Value};

/// An assumption the bridge steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Assumption {
    /// `start_year` and `years`.
    Horizon,
    /// `go_live`.
    GoLive,
    /// `hourly_cost` (or `monthly_salary` / `salary_hours`) and `overhead`.
    HourlyCost,
    /// `discount_rate`.
    DiscountRate,
}

impl Assumption {
    /// Every assumption, in the bridge's order.
    pub const ALL: [Assumption; 4] = [
        Assumption::Horizon,
        Assumption::GoLive,
        Assumption::HourlyCost,
        Assumption::DiscountRate,
    ];
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Assumption::Horizon => "horizon",
            Assumption::GoLive => "go_live",
            Assumption::HourlyCost => "hourly_cost",
            Assumption::DiscountRate => "discount_rate",
        }
    }
    /// The TOML keys (table, key) that make up the assumption.
    fn keys(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Assumption::Horizon => &[("project", "start_year"), ("project", "years")],
            Assumption::GoLive => &[("project", "go_live")],
            Assumption::HourlyCost => &[
                ("assumptions", "hourly_cost"),
                ("assumptions", "monthly_salary"),
                ("assumptions", "salary_hours"),
                ("assumptions", "overhead"),
            ],
            Assumption::DiscountRate => &[("assumptions", "discount_rate")],
        }
    }
}

/// An assumption's value, as the validated project has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssumptionValue {
    /// The first year and the number of years.
    Horizon {
        /// The first calendar year.
        start_year: i32,
        /// The number of years.
        years: u32,
    },
    /// A month (go-live).
    Month(Month),
    /// Hourly cost before overhead (none when not given), and the overhead.
    Hourly {
        /// Kronor an hour before overhead (none when not given).
        cost: Option<Decimal>,
        /// The overhead (PO-pålägg), a fraction.
        overhead: Decimal,
    },
    /// A rate, a fraction.
    Rate(Decimal),
}

fn value_of(a: Assumption, p: &Project) -> AssumptionValue {
    match a {
        Assumption::Horizon => AssumptionValue::Horizon {
            start_year: p.start_year,
            years: p.years,
        },
        Assumption::GoLive => AssumptionValue::Month(p.go_live),
        Assumption::HourlyCost => AssumptionValue::Hourly {
            cost: p.assumptions.hourly_cost,
            overhead: p.assumptions.overhead,
        },
        Assumption::DiscountRate => AssumptionValue::Rate(p.assumptions.discount_rate),
    }
}

/// A changed assumption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumptionChange {
    /// Which assumption.
    pub what: Assumption,
    /// Its value in the old file.
    pub old: AssumptionValue,
    /// Its value in the new file.
    pub new: AssumptionValue,
}

/// Costs or benefits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// A `[[costs]]` line.
    Cost,
    /// A `[[benefits]]` line.
    Benefit,
}

impl Side {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Cost => "cost",
            Side::Benefit => "benefit",
        }
    }
    fn array(self) -> &'static str {
        match self {
            Side::Cost => "costs",
            Side::Benefit => "benefits",
        }
    }
}

/// How a line changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only in the new file.
    Added,
    /// Only in the old file.
    Removed,
    /// In both, with different keys.
    Changed,
}

impl Change {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// How a changed line was matched to its old version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// By its id.
    Id,
    /// By its name (no id, or the ids differ).
    Name,
}

/// A line added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChange {
    /// Added, removed or changed.
    pub change: Change,
    /// A cost or a benefit.
    pub side: Side,
    /// The id (new file's for a changed line), if any.
    pub id: Option<String>,
    /// The name (new file's for a changed line).
    pub name: String,
    /// The old name, for a changed line whose name changed.
    pub old_name: Option<String>,
    /// For a changed line: how it was matched.
    pub matched_by: Option<MatchedBy>,
    /// For a changed line: the keys whose values differ (`annual`,
    /// `realisation.share`), in order.
    pub keys: Vec<String>,
}

/// What a bridge step applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepWhat {
    /// An assumption taken from the new file.
    Assumption(Assumption),
    /// Index into [`Diff::lines`].
    Line(usize),
    /// Everything else that moves the NPV.
    Other,
}

/// One step of the NPV bridge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the step applies.
    pub what: StepWhat,
    /// NPV after the step minus NPV before it (for combined steps: the combination's
    /// effect, on the last step of the combination; zero on the others).
    pub effect: Decimal,
    /// The NPV once this step is applied (none inside a combination).
    pub npv_after: Option<Decimal>,
    /// Why the file after this step does not validate on its own (the step is then
    /// combined with the next).
    /// In both languages: the writer picks the reader's.
    pub combined: Option<Text>,
}

/// Everything `nytta diff` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The old file's base-scenario NPV (to [`NPV_DP`] decimals).
    pub old_npv: Decimal,
    /// The new file's base-scenario NPV (to [`NPV_DP`] decimals).
    pub new_npv: Decimal,
    /// The assumptions that changed, in the bridge's order.
    pub assumptions: Vec<AssumptionChange>,
    /// The lines added, removed and changed, in the bridge's order.
    pub lines: Vec<LineChange>,
    /// The NPV bridge, one step per change.
    pub bridge: Vec<Step>,
    /// Whether the files differ in anything but comments and layout.
    pub differ: bool,
}

impl Diff {
    /// `new NPV − old NPV`: what the bridge steps sum to.
    pub fn npv_difference(&self) -> Decimal {
        self.new_npv - self.old_npv
    }

    /// The steps' effects rounded to `dp` decimals (2: öre, 0: kronor) so that they still
    /// sum to the rounded difference, by the largest remainder method
    /// ([`crate::fmt::apportion`]).
    pub fn rounded_effects(&self, dp: u32) -> Vec<Decimal> {
        let target = crate::fmt::round(self.new_npv, dp) - crate::fmt::round(self.old_npv, dp);
        let effects: Vec<Decimal> = self.bridge.iter().map(|s| s.effect).collect();
        crate::fmt::apportion(&effects, target, dp)
    }
}

/// Why two files cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiffError {
    /// A file does not validate: `which` is `old` or `new`.
    #[error("the {which} file does not validate: {}", message.en)]
    Invalid {
        /// `old` or `new`.
        which: &'static str,
        /// The first error, in both languages.
        message: Text,
    },
}

/// Why a file (or the file after a bridge step) does not validate: its first error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// Both languages are kept: the writer picks the reader's.
#[error("{}", .0.en)]
pub struct NotValid(pub Text);

/// The bridge takes every NPV to 10⁻⁶ kr, so that its differences and their sum are
/// exact (a 28-digit NPV would round in the sums).
pub const NPV_DP: u32 = 6;

/// The base-scenario NPV of a file's text (to [`NPV_DP`] decimals); `Err` with the first error when it does not
/// validate or compute.
pub fn npv_of(text: &str) -> Result<(Project, Decimal), NotValid> {
    let parsed = parse_project(text);
    if let Some(e) = parsed.diagnostics.iter().find(|d| d.is_error()) {
        return Err(NotValid(coded(e)));
    }
    let project = parsed
        .project
        .ok_or_else(|| NotValid(Text::new("filen går inte att läsa in", "the file does not validate")))?;
    let calc = compute(&project, &Scenario::base()).map_err(|e| NotValid(coded(&e)))?;
    Ok((project, crate::fmt::round(calc.summary.npv, NPV_DP)))
}

/// A diagnostic's message after its code (`E010: …`), in both languages.
fn coded(d: &Diagnostic) -> Text {
    let code = d.code.as_str();
    d.message.map(|m, _| format!("{code}: {m}"))
}

fn lines_of(doc: &Table, side: Side) -> Vec<Table> {
    match doc.get(side.array()) {
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_table().cloned()).collect(),
        _ => Vec::new(),
    }
}

fn text_key<'t>(t: &'t Table, key: &str) -> Option<&'t str> {
    t.get(key).and_then(Value::as_str)
}

/// Keys whose values differ between two line tables; sub-tables one level down
/// (`realisation.share`).
fn changed_keys(old: &Table, new: &Table) -> Vec<String> {
    let mut keys: Vec<&String> = old.keys().chain(new.keys().filter(|k| !old.contains_key(*k))).collect();
    keys.dedup();
    let mut out = Vec::new();
    for k in keys {
        match (old.get(k), new.get(k)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(Value::Table(a)), Some(Value::Table(b))) if k == "realisation" => {
                out.extend(changed_keys(a, b).into_iter().map(|sub| format!("{k}.{sub}")));
            }
            _ => out.push(k.clone()),
        }
    }
    out
}

/// Match the lines of one side: by id, then by name. Returns (old index, new index) pairs
/// for matched lines, in new order, and the unmatched old and new indices.
/// Matched (old, new, how), removed (old indices), added (new indices).
type Matching = (Vec<(usize, usize, MatchedBy)>, Vec<usize>, Vec<usize>);

fn match_lines(old: &[Table], new: &[Table]) -> Matching {
    let mut old_taken = vec![false; old.len()];
    let mut new_match: Vec<Option<(usize, MatchedBy)>> = vec![None; new.len()];
    for (j, n) in new.iter().enumerate() {
        let Some(id) = text_key(n, "id") else { continue };
        if let Some(i) = (0..old.len()).find(|&i| !old_taken[i] && text_key(&old[i], "id") == Some(id)) {
            old_taken[i] = true;
            new_match[j] = Some((i, MatchedBy::Id));
        }
    }
    for (j, n) in new.iter().enumerate() {
        if new_match[j].is_some() {
            continue;
        }
        let Some(name) = text_key(n, "name") else { continue };
        if let Some(i) = (0..old.len()).find(|&i| !old_taken[i] && text_key(&old[i], "name") == Some(name)) {
            old_taken[i] = true;
            new_match[j] = Some((i, MatchedBy::Name));
        }
    }
    let matched = new_match
        .iter()
        .enumerate()
        .filter_map(|(j, m)| m.map(|(i, by)| (i, j, by)))
        .collect();
    let removed = (0..old.len()).filter(|&i| !old_taken[i]).collect();
    let added = (0..new.len()).filter(|&j| new_match[j].is_none()).collect();
    (matched, removed, added)
}

/// The file as the bridge builds it: the old document with the changes so far.
struct State {
    doc: Table,
    /// Per side, the line tables in place (removed ones `None`).
    lines: [Vec<Option<Table>>; 2],
}

impl State {
    fn text(&self) -> String {
        let mut doc = self.doc.clone();
        for (side, lines) in [Side::Cost, Side::Benefit].into_iter().zip(&self.lines) {
            let items: Vec<Value> = lines.iter().flatten().cloned().map(Value::Table).collect();
            if items.is_empty() {
                doc.remove(side.array());
            } else {
                doc.insert(side.array().into(), Value::Array(items));
            }
        }
        toml::to_string(&doc).unwrap_or_default()
    }
    fn copy_key(&mut self, from: &Table, table: &str, key: &str) {
        let value = from
            .get(table)
            .and_then(Value::as_table)
            .and_then(|t| t.get(key))
            .cloned();
        let target = self.doc.entry(table).or_insert_with(|| Value::Table(Table::new()));
        if let Value::Table(t) = target {
            match value {
                Some(v) => {
                    t.insert(key.into(), v);
                }
                None => {
                    t.remove(key);
                }
            }
        }
    }
}

fn parse_doc(text: &str, which: &'static str) -> Result<Table, DiffError> {
    text.parse::<Table>().map_err(|e| {
        let e = e.to_string();
        DiffError::Invalid {
            which,
            message: Text::new(e.clone(), e),
        }
    })
}

/// Compare two versions of a project file.
pub fn diff(old_text: &str, new_text: &str) -> Result<Diff, DiffError> {
    let invalid = |which: &'static str| move |e: NotValid| DiffError::Invalid { which, message: e.0 };
    let (old_p, old_npv) = npv_of(old_text).map_err(invalid("old"))?;
    let (new_p, new_npv) = npv_of(new_text).map_err(invalid("new"))?;
    let old_doc = parse_doc(old_text, "old")?;
    let new_doc = parse_doc(new_text, "new")?;

    let assumptions: Vec<AssumptionChange> = Assumption::ALL
        .into_iter()
        .filter_map(|what| {
            let (old, new) = (value_of(what, &old_p), value_of(what, &new_p));
            (old != new).then_some(AssumptionChange { what, old, new })
        })
        .collect();

    let mut state = State {
        doc: old_doc.clone(),
        lines: [Side::Cost, Side::Benefit].map(|s| lines_of(&old_doc, s).into_iter().map(Some).collect()),
    };
    // The new file's stakeholders (and the old ones it dropped) from the start, so that
    // a line taken from the new file finds its stakeholders; they move no NPV.
    if let (Some(Value::Array(old_s)), Some(Value::Array(new_s))) =
        (old_doc.get("stakeholders"), new_doc.get("stakeholders"))
    {
        let mut all = new_s.clone();
        let id_of = |v: &Value| v.as_table().and_then(|t| text_key(t, "id")).map(str::to_string);
        for s in old_s {
            if !new_s.iter().any(|n| id_of(n) == id_of(s)) {
                all.push(s.clone());
            }
        }
        state.doc.insert("stakeholders".into(), Value::Array(all));
    }

    // The steps, as changes to the state, in the documented order.
    enum Apply {
        Keys(Assumption),
        Remove(Side, usize),
        Replace(Side, usize, usize),
        Add(Side, usize),
    }
    let mut plan: Vec<(StepWhat, Apply)> = assumptions
        .iter()
        .map(|a| (StepWhat::Assumption(a.what), Apply::Keys(a.what)))
        .collect();
    let mut lines = Vec::new();
    let mut later: Vec<(StepWhat, Apply)> = Vec::new();
    for side in [Side::Cost, Side::Benefit] {
        let (old_lines, new_lines) = (lines_of(&old_doc, side), lines_of(&new_doc, side));
        let (matched, removed, added) = match_lines(&old_lines, &new_lines);
        for i in removed {
            let t = &old_lines[i];
            lines.push(LineChange {
                change: Change::Removed,
                side,
                id: text_key(t, "id").map(str::to_string),
                name: text_key(t, "name").unwrap_or_default().to_string(),
                old_name: None,
                matched_by: None,
                keys: Vec::new(),
            });
            plan.push((StepWhat::Line(lines.len() - 1), Apply::Remove(side, i)));
        }
        // Changed and added, in the new file's order.
        for (j, n) in new_lines.iter().enumerate() {
            let line = |change, old_name, matched_by, keys| LineChange {
                change,
                side,
                id: text_key(n, "id").map(str::to_string),
                name: text_key(n, "name").unwrap_or_default().to_string(),
                old_name,
                matched_by,
                keys,
            };
            if let Some(&(i, _, by)) = matched.iter().find(|(_, jj, _)| *jj == j) {
                let o = &old_lines[i];
                if o == n {
                    continue;
                }
                let old_name = text_key(o, "name")
                    .filter(|on| Some(*on) != text_key(n, "name"))
                    .map(str::to_string);
                lines.push(line(Change::Changed, old_name, Some(by), changed_keys(o, n)));
                later.push((StepWhat::Line(lines.len() - 1), Apply::Replace(side, i, j)));
            } else if added.contains(&j) {
                lines.push(line(Change::Added, None, None, Vec::new()));
                later.push((StepWhat::Line(lines.len() - 1), Apply::Add(side, j)));
            }
        }
    }
    // Removed lines of both sides first, then changed and added ones.
    plan.extend(later);
    let new_lines = [lines_of(&new_doc, Side::Cost), lines_of(&new_doc, Side::Benefit)];

    let mut bridge = Vec::new();
    let mut before = old_npv;
    let mut pending: Vec<(StepWhat, NotValid)> = Vec::new();
    let mut last_valid = true;
    for (what, apply) in plan {
        match apply {
            Apply::Keys(a) => {
                for (table, key) in a.keys() {
                    state.copy_key(&new_doc, table, key);
                }
            }
            Apply::Remove(side, i) => state.lines[side as usize][i] = None,
            Apply::Replace(side, i, j) => state.lines[side as usize][i] = Some(new_lines[side as usize][j].clone()),
            Apply::Add(side, j) => state.lines[side as usize].push(Some(new_lines[side as usize][j].clone())),
        }
        match npv_of(&state.text()) {
            Ok((_, after)) => {
                for (w, why) in pending.drain(..) {
                    bridge.push(Step {
                        what: w,
                        effect: Decimal::ZERO,
                        npv_after: None,
                        combined: Some(why.0),
                    });
                }
                bridge.push(Step {
                    what,
                    effect: after - before,
                    npv_after: Some(after),
                    combined: None,
                });
                before = after;
                last_valid = true;
            }
            Err(why) => {
                pending.push((what, why));
                last_valid = false;
            }
        }
    }
    // What is left: keys the steps do not cover, or steps that never validated alone.
    let rest = new_npv - before;
    if !rest.is_zero() || !last_valid {
        for (w, why) in pending.drain(..) {
            bridge.push(Step {
                what: w,
                effect: Decimal::ZERO,
                npv_after: None,
                combined: Some(why.0),
            });
        }
        bridge.push(Step {
            what: StepWhat::Other,
            effect: rest,
            npv_after: Some(new_npv),
            combined: None,
        });
    }
    debug_assert_eq!(bridge.iter().map(|s| s.effect).sum::<Decimal>(), new_npv - old_npv);
    let differ = old_doc != new_doc;
    Ok(Diff {
        old_npv,
        new_npv,
        assumptions,
        lines,
        bridge,
        differ,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    const OLD: &str = r#"format = 1
[project]
name = "P"
organisation = "O"
start_year = 2025
years = 3
[assumptions]
discount_rate = 0
hourly_cost = 500
[[costs]]
id = "bygg"
name = "Bygg"
category = "investment"
amounts = { 2025 = 100000 }
[[costs]]
name = "Drift"
category = "operations"
annual = 10000
[[benefits]]
id = "tid"
name = "Tid"
class = "reallocation"
annual_hours = 100
[[benefits]]
name = "Porto"
class = "financial"
annual = 20000
"#;

    #[test]
    fn identical_files_have_no_steps() {
        let d = diff(OLD, OLD).unwrap();
        assert!(!d.differ);
        assert!(d.bridge.is_empty() && d.lines.is_empty() && d.assumptions.is_empty());
    }

    #[test]
    fn steps_in_order_sum_to_the_difference() {
        // Rate 0 → 10 %, hourly cost 500 → 600, Bygg 100000 → 150000, Drift removed,
        // Porto renamed by id? No: Porto has no id and keeps its name; Licens added.
        let new = OLD
            .replace("discount_rate = 0", "discount_rate = \"10 %\"")
            .replace("hourly_cost = 500", "hourly_cost = 600")
            .replace("{ 2025 = 100000 }", "{ 2025 = 150000 }")
            .replace(
                "[[costs]]\nname = \"Drift\"\ncategory = \"operations\"\nannual = 10000\n",
                "",
            )
            + "[[costs]]\nname = \"Licens\"\ncategory = \"operations\"\nannual = 5000\n";
        let d = diff(OLD, &new).unwrap();
        assert!(d.differ);
        let whats: Vec<StepWhat> = d.bridge.iter().map(|s| s.what).collect();
        assert_eq!(
            whats,
            vec![
                StepWhat::Assumption(Assumption::HourlyCost),
                StepWhat::Assumption(Assumption::DiscountRate),
                StepWhat::Line(0), // Drift removed
                StepWhat::Line(1), // Bygg changed
                StepWhat::Line(2), // Licens added
            ]
        );
        assert_eq!(d.lines[0].change, Change::Removed);
        assert_eq!(d.lines[1].keys, vec!["amounts"]);
        assert_eq!(d.lines[1].matched_by, Some(MatchedBy::Id));
        // Old NPV (rate 0): −100000 − 30000 + 3 × 50000 + 60000 = 80000.
        assert_eq!(d.old_npv, dec!(80000));
        // Hourly cost 500 → 600: 100 h a year × 100 kr × 3 years = +30000 (rate still 0).
        assert_eq!(d.bridge[0].effect, dec!(30000));
        // Drift at 10 %: 10000 × (1 + 1/1.1 + 1/1.21) = 27355.37… back in.
        let sum: Decimal = d.bridge.iter().map(|s| s.effect).sum();
        assert_eq!(sum, d.new_npv - d.old_npv);
        for dp in [0, 2] {
            let rounded: Decimal = d.rounded_effects(dp).iter().sum();
            assert_eq!(
                rounded,
                crate::fmt::round(d.new_npv, dp) - crate::fmt::round(d.old_npv, dp)
            );
        }
    }

    #[test]
    fn a_step_that_does_not_validate_alone_is_combined() {
        // The horizon shrinks to 2 years while Bygg moves its 2027 amount into 2026:
        // after the horizon step alone, Bygg's 2027 amount is outside the horizon.
        let old = OLD.replace("{ 2025 = 100000 }", "{ 2025 = 100000, 2027 = 1000 }");
        let new = OLD
            .replace("years = 3", "years = 2")
            .replace("{ 2025 = 100000 }", "{ 2025 = 100000, 2026 = 1000 }");
        let d = diff(&old, &new).unwrap();
        assert!(d.bridge[0].combined.is_some(), "{:?}", d.bridge);
        assert_eq!(d.bridge[0].what, StepWhat::Assumption(Assumption::Horizon));
        let sum: Decimal = d.bridge.iter().map(|s| s.effect).sum();
        assert_eq!(sum, d.new_npv - d.old_npv);
    }
}
