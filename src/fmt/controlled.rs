//! Controlled rounding: the whole kronor shown in a table, chosen so that the table adds
//! up on its face (docs/method.md, "Rounding"; docs/decisions.md, D70).
//!
//! Every figure stays exact everywhere else; only the cells a person reads are adjusted,
//! each by less than one unit from its exact value:
//!
//! - [`apportion`] rounds the parts of one total (a row of years, a column of lines) so
//!   that they add up to the total shown: each part is taken down to a whole unit and the
//!   units still missing go to the parts with the largest remainders (the largest
//!   remainder method; ties to the earlier part).
//! - [`grid`] rounds a table of cells with row and column totals so that both the rows
//!   and the columns add up: every cell is its exact value taken down or up, and every
//!   total is its exact sum taken down or up, with the grand total fixed. Such a rounding
//!   always exists for a two-way table (a flow problem with integer bounds has an
//!   integer solution); it is found as a flow, preferring to round up the cells with the
//!   largest remainders.
//!
//! [`difference`] and [`running`] give a net and a cumulative row from the rows as shown.
//!
//! These functions add what they are given to find the remainders; they compute no new
//! figure: the totals they return are the rounded totals of the figures they were given.

use rust_decimal::Decimal;

/// `parts` rounded to `dp` decimals so that they add up to `total`, the total as shown
/// (already rounded to `dp` decimals, normally the exact total rounded half away from
/// zero): each part rounded down, then the units still missing (or in excess) given to
/// (taken from) the parts with the largest remainders (the smallest). Each part moves by
/// less than one unit when `total` is within a unit of the exact sum.
pub fn apportion(parts: &[Decimal], total: Decimal, dp: u32) -> Vec<Decimal> {
    let unit = Decimal::new(1, dp);
    let mut shown: Vec<Decimal> = parts.iter().map(|p| floor_to(*p, unit)).collect();
    if parts.is_empty() {
        return shown;
    }
    let gap = units(total - shown.iter().sum::<Decimal>(), unit);
    // Remainders in units, largest first; ties to the earlier part.
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| (parts[b] - shown[b]).cmp(&(parts[a] - shown[a])));
    // Normally fewer units than parts are missing; any more go round evenly, so that a
    // total far from the parts' sum costs no more than one pass.
    let n = i64::try_from(order.len()).unwrap_or(i64::MAX);
    let (each, rest) = (gap.div_euclid(n), gap.rem_euclid(n));
    let rest = usize::try_from(rest).unwrap_or(0);
    for (k, &i) in order.iter().enumerate() {
        let extra = each + i64::from(k < rest);
        shown[i] += Decimal::from(extra) * unit;
    }
    shown
}

/// A table of whole units that adds up: cells, their row totals, column totals and the
/// grand total, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The cells, row by row.
    pub cells: Vec<Vec<Decimal>>,
    /// Each row's total: the sum of its shown cells.
    pub rows: Vec<Decimal>,
    /// Each column's total: the sum of its shown cells.
    pub columns: Vec<Decimal>,
    /// The grand total: the sum of the row totals and of the column totals.
    pub total: Decimal,
}

/// The cells of a two-way table (`cells[row][column]`, every row the same length)
/// rounded to whole units so that every row adds up to its shown row total, every column
/// to its shown column total, and both to `total` (the grand total as shown, normally
/// the exact grand total rounded half away from zero).
///
/// `rows` and `columns` may give the shown row or column totals when another table
/// already shows them (a stakeholder's totals, say), so that the same figure reads the
/// same in both; otherwise the exact totals are apportioned to `total`. When no rounding
/// keeps the given totals (a tie broken one way in the rows and the other in the
/// columns), first the row totals and then the column totals are left free to round down
/// or up; with both free a rounding always exists.
pub fn grid(cells: &[Vec<Decimal>], rows: Option<&[Decimal]>, columns: Option<&[Decimal]>, total: Decimal) -> Shown {
    let width = cells.first().map_or(0, Vec::len);
    let row_sums: Vec<Decimal> = cells.iter().map(|r| r.iter().sum()).collect();
    let col_sums: Vec<Decimal> = (0..width)
        .map(|j| cells.iter().map(|r| r.get(j).copied().unwrap_or_default()).sum())
        .collect();
    let preferred_rows = rows.map_or_else(|| apportion(&row_sums, total, 0), <[Decimal]>::to_vec);
    let preferred_cols = columns.map_or_else(|| apportion(&col_sums, total, 0), <[Decimal]>::to_vec);
    let fixed = |shown: &[Decimal]| shown.iter().map(|s| (*s, *s)).collect::<Vec<_>>();
    let free = |sums: &[Decimal]| sums.iter().map(|s| (s.floor(), s.ceil())).collect::<Vec<_>>();
    let attempts = [
        (fixed(&preferred_rows), fixed(&preferred_cols)),
        (free(&row_sums), fixed(&preferred_cols)),
        (fixed(&preferred_rows), free(&col_sums)),
        (free(&row_sums), free(&col_sums)),
    ];
    let found = attempts
        .iter()
        .find_map(|(r, c)| solve(cells, r, c, total))
        // Unreachable when `total` is within a unit of the exact sum; never panic.
        .unwrap_or_else(|| {
            cells
                .iter()
                .map(|r| r.iter().map(|c| super::round(*c, 0)).collect())
                .collect()
        });
    let rows: Vec<Decimal> = found.iter().map(|r| r.iter().sum()).collect();
    let columns: Vec<Decimal> = (0..width)
        .map(|j| found.iter().map(|r| r.get(j).copied().unwrap_or_default()).sum())
        .collect();
    let total = rows.iter().sum();
    Shown {
        cells: found,
        rows,
        columns,
        total,
    }
}

/// `a − b`, column by column, of two rows as shown: a net shown beside the benefits and
/// costs it is the difference of, so that it reads true on its face.
pub fn difference(a: &[Decimal], b: &[Decimal]) -> Vec<Decimal> {
    a.iter().zip(b).map(|(a, b)| a - b).collect()
}

/// The running sums of a row as shown: a cumulative row beside the row it accumulates.
pub fn running(values: &[Decimal]) -> Vec<Decimal> {
    values
        .iter()
        .scan(Decimal::ZERO, |acc, v| {
            *acc += v;
            Some(*acc)
        })
        .collect()
}

fn floor_to(d: Decimal, unit: Decimal) -> Decimal {
    (d / unit).floor() * unit
}

/// How many `unit`s `d` is, as a count (saturating; the gaps counted are small).
fn units(d: Decimal, unit: Decimal) -> i64 {
    i64::try_from((d / unit).round()).unwrap_or(0)
}

/// Cells taken down or up so that each row's total lies within `rows[i]` (inclusive
/// bounds, in whole units), each column's within `columns[j]`, and everything adds up to
/// `total`; `None` when no such rounding exists.
fn solve(
    cells: &[Vec<Decimal>],
    rows: &[(Decimal, Decimal)],
    columns: &[(Decimal, Decimal)],
    total: Decimal,
) -> Option<Vec<Vec<Decimal>>> {
    let (m, n) = (cells.len(), columns.len());
    let floors: Vec<Vec<Decimal>> = cells.iter().map(|r| r.iter().map(|c| c.floor()).collect()).collect();
    let count = |d: Decimal| i64::try_from(d).ok();
    // Bounds on how many cells of each row and column are rounded up.
    let mut bounds = Vec::with_capacity(m + n);
    for (i, (lo, hi)) in rows.iter().enumerate() {
        let base: Decimal = floors[i].iter().sum();
        bounds.push((count(*lo - base)?, count(*hi - base)?));
    }
    for (j, (lo, hi)) in columns.iter().enumerate() {
        let base: Decimal = floors.iter().map(|r| r[j]).sum();
        bounds.push((count(*lo - base)?, count(*hi - base)?));
    }
    let ups = count(total - floors.iter().flatten().sum::<Decimal>())?;
    // Nodes: rows 0..m, columns m..m+n, source s, sink t, and the super source and sink
    // that carry the lower bounds.
    let (s, t, ss, tt) = (m + n, m + n + 1, m + n + 2, m + n + 3);
    let mut net = Flow::new(m + n + 4);
    let mut excess = vec![0i64; m + n + 4];
    let mut bounded = |net: &mut Flow, from: usize, to: usize, lo: i64, hi: i64| -> Option<()> {
        if lo > hi {
            return None;
        }
        net.edge(from, to, hi - lo);
        excess[to] += lo;
        excess[from] -= lo;
        Some(())
    };
    for (i, (lo, hi)) in bounds.iter().take(m).enumerate() {
        bounded(&mut net, s, i, *lo, *hi)?;
    }
    let mut cell_edges = Vec::new();
    for (i, row) in cells.iter().enumerate() {
        // Largest remainders first, so that the search prefers them.
        let mut order: Vec<usize> = (0..n).filter(|&j| row[j] != floors[i][j]).collect();
        order.sort_by(|&a, &b| (row[b] - floors[i][b]).cmp(&(row[a] - floors[i][a])));
        for j in order {
            cell_edges.push((i, j, net.edge(i, m + j, 1)));
        }
    }
    for (j, (lo, hi)) in bounds.iter().skip(m).enumerate() {
        bounded(&mut net, m + j, t, *lo, *hi)?;
    }
    bounded(&mut net, t, s, ups, ups)?;
    let mut needed = 0;
    for (v, e) in excess.iter().enumerate() {
        if *e > 0 {
            net.edge(ss, v, *e);
            needed += e;
        } else if *e < 0 {
            net.edge(v, tt, -e);
        }
    }
    if net.max_flow(ss, tt) != needed {
        return None;
    }
    let mut shown = floors;
    for (i, j, e) in cell_edges {
        if net.cap[e] == 0 {
            shown[i][j] += Decimal::ONE;
        }
    }
    Some(shown)
}

/// A small flow network: residual capacities on paired edges (`e` and `e ^ 1`).
struct Flow {
    adj: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
}

impl Flow {
    fn new(nodes: usize) -> Self {
        Flow {
            adj: vec![Vec::new(); nodes],
            to: Vec::new(),
            cap: Vec::new(),
        }
    }

    /// Add an edge and its reverse; returns the edge's index.
    fn edge(&mut self, from: usize, to: usize, cap: i64) -> usize {
        let e = self.to.len();
        self.adj[from].push(e);
        self.to.push(to);
        self.cap.push(cap);
        self.adj[to].push(e + 1);
        self.to.push(from);
        self.cap.push(0);
        e
    }

    /// The maximum flow from `s` to `t`, by augmenting paths found depth first.
    fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let mut flow = 0;
        loop {
            let mut seen = vec![false; self.adj.len()];
            let pushed = self.augment(s, t, i64::MAX, &mut seen);
            if pushed == 0 {
                return flow;
            }
            flow += pushed;
        }
    }

    fn augment(&mut self, v: usize, t: usize, limit: i64, seen: &mut [bool]) -> i64 {
        if v == t {
            return limit;
        }
        seen[v] = true;
        for k in 0..self.adj[v].len() {
            let e = self.adj[v][k];
            let w = self.to[e];
            if self.cap[e] > 0 && !seen[w] {
                let pushed = self.augment(w, t, limit.min(self.cap[e]), seen);
                if pushed > 0 {
                    self.cap[e] -= pushed;
                    self.cap[e ^ 1] += pushed;
                    return pushed;
                }
            }
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn the_issue_example_adds_up() {
        // 6 666,67 + 63 067,66 = 69 734,33: shown 6 667 + 63 067 = 69 734.
        let shown = apportion(&[dec!(6666.67), dec!(63067.66)], dec!(69734), 0);
        assert_eq!(shown, vec![dec!(6667), dec!(63067)]);
    }

    #[test]
    fn thirds_and_negatives() {
        let third = dec!(100) / dec!(3);
        assert_eq!(
            apportion(&[third, third, third], dec!(100), 0),
            vec![dec!(34), dec!(33), dec!(33)]
        );
        // -0,4 + -0,4 + -0,4 = -1,2 → -1: two parts go to 0, one stays at -1.
        assert_eq!(
            apportion(&[dec!(-0.4), dec!(-0.4), dec!(-0.4)], dec!(-1), 0),
            vec![dec!(0), dec!(0), dec!(-1)]
        );
        assert_eq!(
            apportion(&[dec!(1.005), dec!(2.005)], dec!(3.01), 2),
            vec![dec!(1.01), dec!(2.00)]
        );
        assert!(apportion(&[], dec!(0), 0).is_empty());
    }

    #[test]
    fn a_two_way_table_adds_up_both_ways() {
        // Rows 0,5 + 0,5 and 0,5 + 0,5: every total is 1 or 2.
        let half = dec!(0.5);
        let g = grid(&[vec![half, half], vec![half, half]], None, None, dec!(2));
        assert_eq!(g.rows, vec![dec!(1), dec!(1)]);
        assert_eq!(g.columns, vec![dec!(1), dec!(1)]);
        assert_eq!(g.total, dec!(2));
        // A tie broken differently in rows and columns: row 0 has its half in column 1,
        // row 1 in column 0; apportioned, row 0 and column 0 would both get the unit,
        // which no cell can carry, so the rows are left free.
        let g = grid(&[vec![dec!(0), half], vec![half, dec!(0)]], None, None, dec!(1));
        assert_eq!(g.total, dec!(1));
        assert_eq!(g.columns, vec![dec!(1), dec!(0)]);
        assert_eq!(g.cells, vec![vec![dec!(0), dec!(0)], vec![dec!(1), dec!(0)]]);
    }

    #[test]
    fn a_year_table_keeps_its_natural_rounding_where_it_can() {
        let cells = vec![
            vec![dec!(1000.4), dec!(2000.4), dec!(3000.4)],
            vec![dec!(10.6), dec!(20.6), dec!(30.6)],
        ];
        let g = grid(&cells, None, None, dec!(6063));
        assert_eq!(g.total, dec!(6063));
        assert_eq!(g.rows, vec![dec!(6001), dec!(62)]);
        assert_eq!(g.columns, vec![dec!(1011), dec!(2021), dec!(3031)]);
        for (row, cells) in g.cells.iter().zip(&cells) {
            for (shown, exact) in row.iter().zip(cells) {
                assert!((*shown - *exact).abs() < Decimal::ONE);
            }
        }
    }

    #[test]
    fn given_totals_are_kept() {
        let cells = vec![vec![dec!(0.5), dec!(0.5)], vec![dec!(0.5), dec!(0.5)]];
        let g = grid(&cells, Some(&[dec!(2), dec!(0)]), None, dec!(2));
        assert_eq!(g.rows, vec![dec!(2), dec!(0)]);
        assert_eq!(g.cells, vec![vec![dec!(1), dec!(1)], vec![dec!(0), dec!(0)]]);
    }
}
