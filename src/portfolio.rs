//! Portfolio-wide figures for controllers (`nytta batch --group-by stakeholder`): each
//! project's figures split by its stakeholder shares, summed per stakeholder as the batch
//! streams — the budget consequence per department.
//!
//! Memory stays bounded: a project leaves only its [`StakeholderShare`]s on its batch row,
//! and [`StakeholderSums`] keeps one running sum per stakeholder id (and per year), never
//! a project's calculation.
//!
//! Stakeholders in different files are the same when their ids are equal. Ids that
//! differ only in case, diacritics, `-`, `_` or spaces (`sdf-norr`, `SDF_Norr`) are
//! matched by name: summed as one when their names agree the same way, kept apart
//! otherwise; either way the near-miss is reported ([`StakeholderSums::finish`]).

use crate::diagnostic::Text;
use crate::engine::Calculation;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Money of one stakeholder (in one project, or summed over the portfolio).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareMoney {
    /// Costs.
    pub costs: Decimal,
    /// Financial benefits.
    pub financial_benefits: Decimal,
    /// Reallocation benefits (freed time).
    pub reallocation_benefits: Decimal,
    /// The stakeholder's net per year × the year's discount factor, summed.
    pub npv: Decimal,
    /// Planned harvest, every method.
    pub planned_harvest: Decimal,
    /// Besparingskrav: the planned harvest whose method is `budget_reduction`.
    pub besparingskrav: Decimal,
}

impl ShareMoney {
    /// Financial and reallocation benefits.
    pub fn benefits(&self) -> Decimal {
        self.financial_benefits + self.reallocation_benefits
    }
    /// Benefits − costs.
    pub fn net(&self) -> Decimal {
        self.benefits() - self.costs
    }
}

impl std::ops::AddAssign for ShareMoney {
    fn add_assign(&mut self, o: ShareMoney) {
        self.costs += o.costs;
        self.financial_benefits += o.financial_benefits;
        self.reallocation_benefits += o.reallocation_benefits;
        self.npv += o.npv;
        self.planned_harvest += o.planned_harvest;
        self.besparingskrav += o.besparingskrav;
    }
}

/// One stakeholder in one calendar year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareYear {
    /// The calendar year.
    pub year: i32,
    /// Costs.
    pub costs: Decimal,
    /// Monetised benefits.
    pub benefits: Decimal,
    /// Planned harvest, every method.
    pub planned_harvest: Decimal,
    /// Besparingskrav: planned harvest by `budget_reduction`.
    pub besparingskrav: Decimal,
}

impl std::ops::AddAssign for ShareYear {
    fn add_assign(&mut self, o: ShareYear) {
        self.costs += o.costs;
        self.benefits += o.benefits;
        self.planned_harvest += o.planned_harvest;
        self.besparingskrav += o.besparingskrav;
    }
}

/// One stakeholder's share of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderShare {
    /// The stakeholder's id in the project file.
    pub id: String,
    /// The stakeholder's name.
    pub name: String,
    /// Its money over the horizon.
    pub money: ShareMoney,
    /// Its money per year of the project's horizon.
    pub years: Vec<ShareYear>,
}

/// Where `budget_reduction` sits in [`crate::engine::StakeholderYear::harvest_by_method`].
/// The stakeholders' shares of a calculation (the engine's split, docs/method.md: a
/// line's money × the stakeholder's share, year by year).
pub fn shares(calc: &Calculation) -> Vec<StakeholderShare> {
    calc.stakeholders
        .iter()
        .map(|s| {
            let years: Vec<ShareYear> = s
                .years
                .iter()
                .zip(&calc.years)
                .map(|(y, cy)| ShareYear {
                    year: cy.year,
                    costs: y.costs,
                    benefits: y.benefits(),
                    planned_harvest: y.planned_harvest,
                    besparingskrav: y.savings_demand(),
                })
                .collect();
            let mut money = ShareMoney {
                npv: s.npv,
                ..ShareMoney::default()
            };
            for y in &s.years {
                money.costs += y.costs;
                money.financial_benefits += y.financial_benefits;
                money.reallocation_benefits += y.reallocation_benefits;
                money.planned_harvest += y.planned_harvest;
                money.besparingskrav += y.savings_demand();
            }
            StakeholderShare {
                id: s.id.clone(),
                name: s.name.clone(),
                money,
                years,
            }
        })
        .collect()
}

/// An id or name folded for matching: lower case, diacritics dropped (`å` → `a`), and
/// only letters and digits kept (`sdf-norr`, `SDF_Norr` and `sdf norr` fold alike).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'æ' => {
                out.push_str("ae");
                continue;
            }
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            c if c.is_alphanumeric() => c,
            _ => continue,
        };
        out.push(base);
    }
    out
}

/// The distinct names one id had, at most this many kept (the rest counted).
const NAMES_KEPT: usize = 4;

#[derive(Debug, Clone, Default)]
struct Entry {
    /// Order of first appearance, for a stable choice when merging.
    first: usize,
    /// Distinct names, first seen first (at most [`NAMES_KEPT`]).
    names: Vec<String>,
    /// Distinct names beyond those kept.
    more_names: usize,
    projects: usize,
    money: ShareMoney,
    years: BTreeMap<i32, ShareYear>,
}

impl Entry {
    fn add_name(&mut self, name: &str) {
        if self.names.iter().any(|n| n == name) {
            return;
        }
        if self.names.len() < NAMES_KEPT {
            self.names.push(name.to_string());
        } else {
            self.more_names += 1;
        }
    }
    fn absorb(&mut self, other: Entry) {
        for n in &other.names {
            self.add_name(n);
        }
        self.more_names += other.more_names;
        self.projects += other.projects;
        self.money += other.money;
        for (year, y) in other.years {
            *self.years.entry(year).or_insert(ShareYear {
                year,
                ..ShareYear::default()
            }) += y;
        }
    }
    fn name(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }
}

/// Running sums per stakeholder id, fed one project at a time.
#[derive(Debug, Clone, Default)]
pub struct StakeholderSums {
    entries: HashMap<String, Entry>,
}

/// One stakeholder's sums over the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderTotal {
    /// The id shown (when ids were matched by name: the one in the most projects).
    pub id: String,
    /// The stakeholder's name.
    pub name: String,
    /// Every id summed into this one, `id` first (more than one when matched by name).
    pub ids: Vec<String>,
    /// Projects the stakeholder has a share in.
    pub projects: usize,
    /// Its money over the horizon.
    pub money: ShareMoney,
    /// Every year any of its projects covers, in order.
    pub years: Vec<ShareYear>,
}

/// The table `--group-by stakeholder` writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StakeholderTable {
    /// Sorted by name (folded), then id.
    pub rows: Vec<StakeholderTotal>,
    /// Every year of the portfolio, in order (the columns of the year matrix).
    pub years: Vec<i32>,
    /// Whether the stakeholder × year matrix is wanted (`--by-year`).
    pub by_year: bool,
}

impl StakeholderTable {
    /// The sum over every stakeholder: the portfolio's total (a row of the table).
    pub fn total(&self) -> ShareMoney {
        let mut t = ShareMoney::default();
        for r in &self.rows {
            t += r.money;
        }
        t
    }
    /// A stakeholder's year, zero when none of its projects covers it.
    pub fn year(row: &StakeholderTotal, year: i32) -> ShareYear {
        row.years.iter().find(|y| y.year == year).copied().unwrap_or(ShareYear {
            year,
            ..ShareYear::default()
        })
    }
    /// The sum over every stakeholder in one year.
    pub fn year_total(&self, year: i32) -> ShareYear {
        let mut t = ShareYear {
            year,
            ..ShareYear::default()
        };
        for r in &self.rows {
            t += Self::year(r, year);
        }
        t
    }
}

impl StakeholderSums {
    /// Add one project's shares.
    pub fn add(&mut self, shares: &[StakeholderShare]) {
        let next = self.entries.len();
        for s in shares {
            let entry = match self.entries.get_mut(&s.id) {
                Some(e) => e,
                None => self.entries.entry(s.id.clone()).or_insert_with(|| Entry {
                    first: next,
                    ..Entry::default()
                }),
            };
            entry.add_name(&s.name);
            entry.projects += 1;
            entry.money += s.money;
            for y in &s.years {
                *entry.years.entry(y.year).or_insert(ShareYear {
                    year: y.year,
                    ..ShareYear::default()
                }) += *y;
            }
        }
    }

    /// The table, with notes for the user (in both languages) on ids matched or kept
    /// apart by name and on ids with more than one name.
    pub fn finish(self, by_year: bool) -> (StakeholderTable, Vec<Text>) {
        let mut notes = Vec::new();
        // Ids that fold alike, by their folded form.
        let mut alike: BTreeMap<String, Vec<(String, Entry)>> = BTreeMap::new();
        for (id, entry) in self.entries {
            alike.entry(fold(&id)).or_default().push((id, entry));
        }
        let mut rows = Vec::new();
        for (_, mut group) in alike {
            group.sort_by(|a, b| a.1.first.cmp(&b.1.first).then_with(|| a.0.cmp(&b.0)));
            if group.len() > 1 {
                // Within ids that fold alike, the same name (folded) is the same stakeholder.
                let mut by_name: Vec<(String, Vec<(String, Entry)>)> = Vec::new();
                for (id, entry) in group {
                    let key = fold(entry.name());
                    match by_name.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, v)) => v.push((id, entry)),
                        None => by_name.push((key, vec![(id, entry)])),
                    }
                }
                if by_name.len() > 1 {
                    let listed: Vec<String> = by_name
                        .iter()
                        .flat_map(|(_, v)| v.iter().map(|(id, e)| format!("`{id}` ({})", e.name())))
                        .collect();
                    let listed = listed.join(", ");
                    notes.push(crate::text!(
                        sv: "intressent-id:na {listed} skiljer sig bara i skiftläge, diakritiska tecken, `-` eller `_` \
                             men deras namn skiljer sig: hålls isär; skriv ett id om de är samma";
                        en: "stakeholder ids {listed} differ only in case, diacritics, `-` or `_` but their names differ: \
                             kept apart; write one id if they are the same"
                    ));
                }
                for (_, mut members) in by_name {
                    // The id in the most projects is shown (the first seen on a tie).
                    members.sort_by(|a, b| b.1.projects.cmp(&a.1.projects).then(a.1.first.cmp(&b.1.first)));
                    let mut ids: Vec<String> = Vec::new();
                    let mut merged: Option<Entry> = None;
                    for (id, entry) in members {
                        ids.push(id);
                        match &mut merged {
                            Some(m) => m.absorb(entry),
                            None => merged = Some(entry),
                        }
                    }
                    let merged = merged.unwrap_or_default();
                    if ids.len() > 1 {
                        let listed: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
                        let (name, shown) = (merged.name(), &ids[0]);
                        notes.push(crate::text!(
                            sv: "intressent-id:na {} skiljer sig bara i skiftläge, diakritiska tecken, `-` eller `_` \
                                 och namnger samma intressent ({name}): summeras som `{shown}`; skriv samma id i alla filer",
                                listed.join(" och ");
                            en: "stakeholder ids {} differ only in case, diacritics, `-` or `_` and name the same \
                                 stakeholder ({name}): summed as `{shown}`; write the same id in every file",
                                listed.join(" and ")
                        ));
                    }
                    rows.push(total(ids, merged, &mut notes));
                }
            } else {
                for (id, entry) in group {
                    rows.push(total(vec![id], entry, &mut notes));
                }
            }
        }
        rows.sort_by(|a, b| fold(&a.name).cmp(&fold(&b.name)).then_with(|| a.id.cmp(&b.id)));
        let mut years: Vec<i32> = rows.iter().flat_map(|r| r.years.iter().map(|y| y.year)).collect();
        years.sort_unstable();
        years.dedup();
        (StakeholderTable { rows, years, by_year }, notes)
    }
}

fn total(ids: Vec<String>, entry: Entry, notes: &mut Vec<Text>) -> StakeholderTotal {
    let mut folded: Vec<String> = entry.names.iter().map(|n| fold(n)).collect();
    folded.sort_unstable();
    folded.dedup();
    if folded.len() > 1 || entry.more_names > 0 {
        let (id, names, name, more) = (&ids[0], entry.names.join(", "), entry.name(), entry.more_names);
        notes.push(crate::text!(
            sv: "intressent-id `{id}` har olika namn i olika filer ({names}{}): summeras som en, visas som {name}",
                if more > 0 { format!(" och {more} till") } else { String::new() };
            en: "stakeholder id `{id}` has different names in different files ({names}{}): summed as one, shown as {name}",
                if more > 0 { format!(" and {more} more") } else { String::new() }
        ));
    }
    StakeholderTotal {
        id: ids[0].clone(),
        name: entry.name().to_string(),
        ids,
        projects: entry.projects,
        money: entry.money,
        years: entry.years.into_values().collect(),
    }
}

/// One project's follow-up in a portfolio (`nytta batch --follow-up`): plan against
/// actuals to date, from [`crate::engine::followup::FollowUp`]'s totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFollowUp {
    /// The file path.
    pub source: String,
    /// The project id (empty when none).
    pub id: String,
    /// The project name.
    pub name: String,
    /// The group it is summed under (organisation or portfolio).
    pub group: String,
    /// Followed up to and including this year.
    pub as_of: i32,
    /// Planned against actual costs, benefits and harvest to date.
    pub totals: crate::engine::followup::FollowUpTotals,
    /// The NPV as planned (the base calculation).
    pub planned_npv: Decimal,
    /// The NPV re-forecast: actuals to date, the years after forecast by `--forecast`.
    pub forecast_npv: Decimal,
    /// The follow-up flags raised (W201–W204), in code order, each once.
    pub flags: Vec<crate::diagnostic::Code>,
    /// Every flag raised, with its message, in the order raised.
    pub findings: Vec<(crate::diagnostic::Code, Text)>,
    /// Live for more than a year with no benefit actuals (W204).
    pub overdue: bool,
    /// Why it could not be followed up (the file cannot be read or does not validate,
    /// or its actuals CSV does not read), in both languages. Its figures are then not
    /// figures: the writers leave them blank (`null` in JSON) and the sums leave them out.
    pub error: Option<Text>,
}

impl ProjectFollowUp {
    /// Where the project sorts, worst first: not followed up (errors), then overdue,
    /// then by realisation rate, lowest first, then those with no harvest planned to
    /// date; ties by more flags, then input order (the sort is stable).
    pub fn worst_first_key(&self) -> (u8, Option<Decimal>, std::cmp::Reverse<usize>) {
        let rank = if self.error.is_some() {
            0
        } else if self.overdue {
            1
        } else if self.totals.realisation_rate.is_some() {
            2
        } else {
            3
        };
        (rank, self.totals.realisation_rate, std::cmp::Reverse(self.flags.len()))
    }
}

/// Sums of project follow-ups over a group (or the whole portfolio).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFollowUp {
    /// The group's name (empty for the whole portfolio).
    pub group: String,
    /// Projects in the group (followed up or not).
    pub projects: usize,
    /// Projects overdue for follow-up (W204).
    pub overdue: usize,
    /// Planned against actual, summed.
    pub totals: crate::engine::followup::FollowUpTotals,
    /// The NPVs as planned, summed.
    pub planned_npv: Decimal,
    /// The NPVs re-forecast, summed.
    pub forecast_npv: Decimal,
}

impl GroupFollowUp {
    fn add(&mut self, p: &ProjectFollowUp) {
        self.projects += 1;
        if p.error.is_some() {
            return; // counted, not summed: an unreadable submission is not a project with NPV 0
        }
        self.overdue += usize::from(p.overdue);
        let (t, s) = (&mut self.totals, &p.totals);
        t.planned_costs += s.planned_costs;
        t.actual_costs += s.actual_costs;
        t.planned_benefits += s.planned_benefits;
        t.actual_benefits += s.actual_benefits;
        t.planned_harvest += s.planned_harvest;
        t.actual_harvest += s.actual_harvest;
        t.missing += s.missing;
        self.planned_npv += p.planned_npv;
        self.forecast_npv += p.forecast_npv;
    }

    /// Its realisation rate: actual harvest over planned harvest.
    fn finish(mut self) -> Self {
        self.totals.realisation_rate = self.totals.actual_harvest.checked_div(self.totals.planned_harvest);
        self
    }
}

/// Sum project follow-ups per group (in group name order); each group's realisation
/// rate is its actual harvest over its planned harvest.
pub fn group_follow_ups(projects: &[ProjectFollowUp]) -> Vec<GroupFollowUp> {
    let mut groups: BTreeMap<&str, GroupFollowUp> = BTreeMap::new();
    for p in projects {
        groups
            .entry(p.group.as_str())
            .or_insert_with(|| GroupFollowUp {
                group: p.group.clone(),
                ..GroupFollowUp::default()
            })
            .add(p);
    }
    groups.into_values().map(GroupFollowUp::finish).collect()
}

/// The whole portfolio's sums (the group name empty): every project once.
pub fn portfolio_follow_up(projects: &[ProjectFollowUp]) -> GroupFollowUp {
    let mut total = GroupFollowUp::default();
    for p in projects {
        total.add(p);
    }
    total.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn share(id: &str, name: &str, costs: Decimal, year: i32) -> StakeholderShare {
        StakeholderShare {
            id: id.into(),
            name: name.into(),
            money: ShareMoney {
                costs,
                ..ShareMoney::default()
            },
            years: vec![ShareYear {
                year,
                costs,
                ..ShareYear::default()
            }],
        }
    }

    #[test]
    fn fold_drops_case_diacritics_and_separators() {
        assert_eq!(fold("SDF_Norr"), "sdfnorr");
        assert_eq!(fold("sdf-norr"), "sdfnorr");
        assert_eq!(fold("Stadsbyggnadsförvaltningen"), "stadsbyggnadsforvaltningen");
        assert_eq!(fold("Äldre förv."), "aldreforv");
    }

    #[test]
    fn near_miss_ids_with_the_same_name_are_summed_and_noted() {
        let mut sums = StakeholderSums::default();
        sums.add(&[share("sdf-norr", "SDF Norr", dec!(100), 2025)]);
        sums.add(&[
            share("sdf_norr", "SDF norr", dec!(50), 2026),
            share("sdf-norr", "SDF Norr", dec!(1), 2026),
        ]);
        sums.add(&[
            share("tk", "Trafikkontoret", dec!(7), 2025),
            share("TK", "Tekniska kontoret", dec!(3), 2025),
        ]);
        let (table, notes) = sums.finish(true);
        let rows: Vec<(&str, Decimal, usize)> = table
            .rows
            .iter()
            .map(|r| (r.id.as_str(), r.money.costs, r.projects))
            .collect();
        // sdf-norr: 100 + 1 (two projects) and sdf_norr 50 (one): shown as sdf-norr.
        assert_eq!(
            rows,
            vec![("sdf-norr", dec!(151), 3), ("TK", dec!(3), 1), ("tk", dec!(7), 1)]
        );
        assert_eq!(table.rows[0].ids, vec!["sdf-norr", "sdf_norr"]);
        assert_eq!(table.years, vec![2025, 2026]);
        assert_eq!(StakeholderTable::year(&table.rows[0], 2026).costs, dec!(51));
        assert_eq!(table.total().costs, dec!(161));
        assert_eq!(notes.len(), 2, "{notes:?}");
        let notes: Vec<&str> = notes.iter().map(|n| n.en.as_str()).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("`TK` (Tekniska kontoret), `tk` (Trafikkontoret)") && n.contains("kept apart")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("`sdf-norr` and `sdf_norr`") && n.contains("summed as `sdf-norr`")),
            "{notes:?}"
        );
    }
}
