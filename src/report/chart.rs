//! A chart as part of a [`super::document::Document`]: what to plot, with its title,
//! text alternative, axis names and data table. Builders make charts from the engine's
//! figures ([`super::builder::chart`]); [`super::svg`] draws one with plotters and
//! [`super::html`] places it beside its table. Nothing here computes a figure or draws.

use super::document::Grid;
use crate::fmt::Lang;
use crate::model::Month;
use rust_decimal::Decimal;

/// A chart: a plot and its words, and the figures as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Unique within a document (the SVG's `<title>` and `<desc>` ids derive from it).
    pub id: &'static str,
    /// The title, shown above the chart and as its SVG `<title>`.
    pub title: String,
    /// The text alternative (`<desc>`): what the chart shows, in a sentence.
    pub description: String,
    /// The name of the horizontal axis.
    pub x_label: String,
    /// The name of the vertical axis.
    pub y_label: String,
    /// What is drawn.
    pub plot: Plot,
    /// The chart's figures, shown beside it.
    pub table: Grid,
    /// The language of the axis numbers.
    pub lang: Lang,
}

/// The colour a series is drawn in, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Investment costs.
    Investment,
    /// Operations costs.
    Operations,
    /// Other costs.
    OtherCost,
    /// Financial benefits.
    Financial,
    /// Reallocation benefits.
    Reallocation,
    /// The net.
    Net,
    /// Monetised benefit.
    Benefit,
    /// Planned harvest.
    Harvest,
    /// Cost as planned.
    CostPlanned,
    /// Cost as it turned out.
    CostActual,
    /// Harvest as planned.
    HarvestPlanned,
    /// Harvest as it turned out.
    HarvestActual,
    /// Positive values green, negative red.
    Signed,
}

/// One named series of values.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series' name, in the legend.
    pub name: String,
    /// One value per category; none where there is nothing to draw (no actual yet).
    pub values: Vec<Option<Decimal>>,
    /// Its colour.
    pub tone: Tone,
}

/// What is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Plot {
    /// Vertical bars per category (years): stacked (positive values up from zero,
    /// negative down) or side by side, with an optional line over them.
    Columns {
        /// The categories along the axis (years).
        categories: Vec<String>,
        /// The bar series.
        bars: Vec<Series>,
        /// Stacked, or side by side.
        stacked: bool,
        /// A series drawn as a line over the bars.
        line: Option<Series>,
    },
    /// One horizontal bar per name, top to bottom.
    Bars {
        /// The bars' names, top to bottom.
        names: Vec<String>,
        /// One value per name.
        series: Series,
    },
    /// The cumulative net at the end of each year, from 0 at the start, with the
    /// payback month marked.
    Cumulative {
        /// The first year of the horizon.
        start_year: i32,
        /// `(year, cumulative net at the end of that year)`.
        points: Vec<(i32, Decimal)>,
        /// The cumulative net at the end of each month (the line is drawn through
        /// them, so that it dips and crosses zero where the months do); empty: the line
        /// joins the year ends.
        monthly: Vec<Decimal>,
        /// The payback month and its label.
        payback: Option<(Month, String)>,
    },
    /// One horizontal bar per ranged line, from the NPV at the low factor to the NPV
    /// at the high factor, with the planned NPV as a vertical line.
    Tornado {
        /// The ranged lines' names, widest first.
        names: Vec<String>,
        /// NPV with each line at its low factor.
        low: Vec<Decimal>,
        /// NPV with each line at its high factor.
        high: Vec<Decimal>,
        /// Legend of the part worse than planned (red).
        low_name: String,
        /// Legend of the part better than planned (green).
        high_name: String,
        /// The NPV as planned.
        base: Decimal,
        /// Its legend.
        base_name: String,
    },
    /// Counts per NPV bin, with marked values (P10, median, P90).
    Histogram {
        /// `(from, to, draws)` per bin.
        bins: Vec<(Decimal, Decimal, u32)>,
        /// Marked values and their labels.
        markers: Vec<(Decimal, String)>,
    },
}

/// A label on one line: a header's line break becomes a space, a hyphenated break joins.
pub fn one_line(text: &str) -> String {
    text.replace("-\n", "").replace('\n', " ")
}
