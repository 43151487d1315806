//! Draws a [`Chart`] as inline SVG with plotters' SVG backend. Text is written as SVG
//! `<text>` elements (plotters' plain font estimate: no system font is read), numbers
//! on the axes come from [`crate::fmt`] in the chart's language, and the SVG carries
//! the chart's title and description as `<title>` and `<desc>`.

use super::chart::{Chart, Plot, Series, Tone};
use super::visible::visible;
use crate::fmt::{Lang, number};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// The drawing size in SVG units; the page scales it to its width.
const WIDTH: u32 = 760;
const HEIGHT: u32 = 400;
/// Height of the legend strip under the plot.
const LEGEND: u32 = 52;
/// Font size in plotters' units (the SVG gets size / 1.24).
const FONT_SIZE: f64 = 19.0;
/// Width of a character at that size, roughly, in SVG units.
const CHAR_WIDTH: f64 = 8.6;
const FONT: &str = "sans-serif";
/// Longest name shown on a bar chart's axis (the table beside it has the whole name).
const NAME_CHARS: usize = 30;

const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
const ZERO: RGBColor = RGBColor(0x44, 0x44, 0x44);
const POSITIVE: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
const NEGATIVE: RGBColor = RGBColor(0xc6, 0x28, 0x28);
const MARKER: RGBColor = RGBColor(0x1a, 0x23, 0x7e);

fn colour(tone: Tone) -> RGBColor {
    match tone {
        Tone::Investment => RGBColor(0xb7, 0x1c, 0x1c),
        Tone::Operations => RGBColor(0xef, 0x6c, 0x00),
        Tone::OtherCost => RGBColor(0xa1, 0x88, 0x7f),
        Tone::Financial => RGBColor(0x1b, 0x5e, 0x20),
        Tone::Reallocation => RGBColor(0x81, 0xc7, 0x84),
        Tone::Net => RGBColor(0x0d, 0x47, 0xa1),
        Tone::Benefit => RGBColor(0x66, 0xbb, 0x6a),
        Tone::Harvest => RGBColor(0x15, 0x65, 0xc0),
        Tone::CostPlanned => RGBColor(0xef, 0x9a, 0x9a),
        Tone::CostActual => RGBColor(0xc6, 0x28, 0x28),
        Tone::HarvestPlanned => RGBColor(0x90, 0xca, 0xf9),
        Tone::HarvestActual => RGBColor(0x15, 0x65, 0xc0),
        Tone::Signed => POSITIVE,
    }
}

/// Drawing failed (not expected: the figures are finite); what plotters said.
#[derive(Debug)]
struct DrawError(String);

type DrawResult<T> = Result<T, DrawError>;

fn err<E: std::fmt::Debug>(e: E) -> DrawError {
    DrawError(format!("{e:?}"))
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// An axis number: whole units, grouped as the language writes them.
fn axis_number(v: f64, lang: Lang) -> String {
    match Decimal::from_f64(v) {
        Some(d) => number(d, 0, lang),
        None => String::new(),
    }
}

/// A long name on two lines, broken at the last space that leaves the first line at
/// most [`NAME_CHARS`] long, each line then cut to fit; a short name (or one without
/// such a space) is one line.
fn name_lines(name: &str) -> Vec<String> {
    if name.chars().count() <= NAME_CHARS {
        return vec![name.to_string()];
    }
    let cut = name
        .char_indices()
        .rev()
        .find(|&(i, c)| c == ' ' && name[..i].chars().count() <= NAME_CHARS)
        .map(|(i, _)| i);
    match cut {
        Some(i) if i > 0 => vec![name[..i].to_string(), short(name[i + 1..].trim_start())],
        _ => vec![short(name)],
    }
}

/// A name cut to fit the axis.
fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(NAME_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// The value range with some room, always containing zero and never empty.
fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    if hi - lo < 1.0 {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = (hi - lo) * 0.08;
    (
        if lo < 0.0 { lo - pad } else { lo },
        if hi > 0.0 { hi + pad } else { hi },
    )
}

/// Room for the longest axis number, in SVG units.
fn number_area(lo: f64, hi: f64, lang: Lang) -> u32 {
    let chars = [lo, hi, (lo + hi) / 2.0]
        .iter()
        .map(|v| axis_number(*v, lang).chars().count())
        .max()
        .unwrap_or(4);
    ((chars as f64 * CHAR_WIDTH) as u32 + 16).max(48)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The chart as an `<svg>` element with `<title>` and `<desc>`.
pub fn render(chart: &Chart) -> String {
    let mut svg = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, chart).and_then(|()| root.present().map_err(err))
    };
    if let Err(e) = drawn {
        // Not expected: the figures are finite. The table beside the chart still has them.
        svg = format!("<svg><text x=\"10\" y=\"24\">{}</text></svg>", escape(&e.0));
    }
    let id = chart.id;
    // plotters writes `<svg width=… height=… viewBox=… xmlns=…>`: the page sets the
    // width, so only the viewBox is kept.
    let body = match svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|end| start + end + 1))
    {
        Some(end) => &svg[end..],
        None => svg.as_str(),
    };
    let height = if body.starts_with("<text") { 40 } else { HEIGHT };
    format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{body}",
        escape(&chart.title),
        escape(&chart.description)
    )
}

fn draw(root: &DrawingArea<SVGBackend, Shift>, chart: &Chart) -> DrawResult<()> {
    root.fill(&WHITE).map_err(err)?;
    let (plot, legend) = root.split_vertically(HEIGHT - LEGEND);
    match &chart.plot {
        Plot::Columns {
            categories,
            bars,
            stacked,
            line,
        } => {
            columns(&plot, chart, categories, bars, *stacked, line.as_ref())?;
            let mut items: Vec<(String, RGBColor, bool)> =
                bars.iter().map(|s| (s.name.clone(), colour(s.tone), false)).collect();
            items.extend(line.iter().map(|s| (s.name.clone(), colour(s.tone), true)));
            draw_legend(&legend, &items)
        }
        Plot::Bars { names, series } => {
            bars(&plot, chart, names, series)?;
            let items = if series.tone == Tone::Signed {
                vec![]
            } else {
                vec![(series.name.clone(), colour(series.tone), false)]
            };
            draw_legend(&legend, &items)
        }
        Plot::Cumulative {
            start_year,
            points,
            monthly,
            payback,
        } => cumulative(&plot, chart, *start_year, points, monthly, payback.as_ref()),
        Plot::Tornado {
            names,
            low,
            high,
            low_name,
            high_name,
            base,
            base_name,
        } => {
            tornado(&plot, chart, names, low, high, *base)?;
            draw_legend(
                &legend,
                &[
                    (low_name.clone(), NEGATIVE, false),
                    (high_name.clone(), POSITIVE, false),
                    (base_name.clone(), MARKER, true),
                ],
            )
        }
        Plot::Histogram { bins, markers } => histogram(&plot, chart, bins, markers),
    }
}

/// Coloured boxes (or a line) with names, left to right under the plot, on a second
/// row when they do not fit on one.
fn draw_legend(area: &DrawingArea<SVGBackend, Shift>, items: &[(String, RGBColor, bool)]) -> DrawResult<()> {
    let right = area.dim_in_pixel().0 as i32 - 10;
    let (mut x, mut y) = (60i32, 6i32);
    for (name, colour, is_line) in items {
        let advance = 22 + (name.chars().count() as f64 * CHAR_WIDTH) as i32 + 22;
        if x > 60 && x + advance > right {
            x = 60;
            y += 22;
        }
        if *is_line {
            area.draw(&PathElement::new(
                vec![(x, y + 7), (x + 16, y + 7)],
                colour.stroke_width(3),
            ))
            .map_err(err)?;
        } else {
            area.draw(&Rectangle::new([(x, y), (x + 14, y + 14)], colour.filled()))
                .map_err(err)?;
        }
        area.draw(&Text::new(
            visible(name).into_owned(),
            (x + 22, y + 7),
            (FONT, FONT_SIZE)
                .into_font()
                .color(&TEXT)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Center,
                )),
        ))
        .map_err(err)?;
        x += advance;
    }
    Ok(())
}

fn text_at(
    area: &DrawingArea<SVGBackend, Shift>,
    text: &str,
    pos: (i32, i32),
    h: plotters::style::text_anchor::HPos,
    v: plotters::style::text_anchor::VPos,
    colour: &RGBColor,
) -> DrawResult<()> {
    let style = (FONT, FONT_SIZE)
        .into_font()
        .color(colour)
        .pos(plotters::style::text_anchor::Pos::new(h, v));
    area.draw(&Text::new(visible(text).into_owned(), pos, style))
        .map_err(err)
}

fn columns(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &Chart,
    categories: &[String],
    bars: &[Series],
    stacked: bool,
    line: Option<&Series>,
) -> DrawResult<()> {
    let n = categories.len();
    let value = |s: &Series, i: usize| s.values.get(i).copied().flatten().map(f);
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for i in 0..n {
        if stacked {
            let (pos, neg): (f64, f64) = bars
                .iter()
                .filter_map(|s| value(s, i))
                .fold((0.0, 0.0), |(p, q), v| if v >= 0.0 { (p + v, q) } else { (p, q + v) });
            hi = hi.max(pos);
            lo = lo.min(neg);
        } else {
            for v in bars.iter().filter_map(|s| value(s, i)) {
                hi = hi.max(v);
                lo = lo.min(v);
            }
        }
        if let Some(v) = line.and_then(|l| value(l, i)) {
            hi = hi.max(v);
            lo = lo.min(v);
        }
    }
    let (lo, hi) = padded(lo, hi);
    let mut cc = category_frame(area, chart, (lo, hi), categories.iter().map(String::as_str))?;
    let (left, right) = (-0.5, n.max(1) as f64 - 0.5);
    let groups = if stacked { 1 } else { bars.len().max(1) };
    let each = 0.76 / groups as f64;
    let mut rects = Vec::new();
    for i in 0..n {
        let (mut pos, mut neg) = (0.0f64, 0.0f64);
        for (k, s) in bars.iter().enumerate() {
            let Some(v) = value(s, i) else { continue };
            let (from, to) = if stacked {
                if v >= 0.0 {
                    pos += v;
                    (pos - v, pos)
                } else {
                    neg += v;
                    (neg - v, neg)
                }
            } else {
                (0.0, v)
            };
            // Side by side: each series takes its slice of the category's slot.
            let slot = if stacked { 0 } else { k };
            let x0 = i as f64 - 0.38 + slot as f64 * each;
            rects.push(Rectangle::new([(x0, from), (x0 + each, to)], colour(s.tone).filled()));
        }
    }
    cc.draw_series(rects).map_err(err)?;
    cc.draw_series(std::iter::once(PathElement::new(
        vec![(left, 0.0), (right, 0.0)],
        ZERO.stroke_width(1),
    )))
    .map_err(err)?;
    if let Some(line) = line {
        let points: Vec<(f64, f64)> = (0..n).filter_map(|i| value(line, i).map(|v| (i as f64, v))).collect();
        let c = colour(line.tone);
        cc.draw_series(LineSeries::new(points.clone(), c.stroke_width(3)))
            .map_err(err)?;
        cc.draw_series(points.into_iter().map(|p| Circle::new(p, 4, c.filled())))
            .map_err(err)?;
    }
    Ok(())
}

/// A horizontal-bar chart's frame: money along x, one row per name (the first on
/// top), the names written left of the axis.
fn name_rows<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
    chart: &Chart,
    names: &[String],
    lo: f64,
    hi: f64,
) -> DrawResult<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    use plotters::style::text_anchor::{HPos, VPos};
    let m = names.len().max(1);
    let lang = chart.lang;
    // Two lines where the rows are tall enough for them (the plot's height, without its
    // margins and the axis below, shared by the rows), else one line cut.
    let plot_height = area.dim_in_pixel().1 as i32 - 2 * 12 - 56;
    let two_lines = plot_height / m as i32 >= 2 * (FONT_SIZE as i32) + 4;
    let shown: Vec<Vec<String>> = names
        .iter()
        .map(|n| if two_lines { name_lines(n) } else { vec![short(n)] })
        .collect();
    let widest = shown.iter().flatten().map(|n| n.chars().count()).max().unwrap_or(4);
    let name_area = (widest as f64 * CHAR_WIDTH) as u32 + 24;
    let mut cc = ChartBuilder::on(area)
        .margin(12)
        .margin_right(30)
        .x_label_area_size(56)
        .y_label_area_size(name_area.min(300))
        .build_cartesian_2d(lo..hi, -0.5..m as f64 - 0.5)
        .map_err(err)?;
    cc.configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&|v| axis_number(*v, lang))
        .x_desc(chart.x_label.as_str())
        .label_style((FONT, FONT_SIZE).into_font().color(&TEXT))
        .axis_desc_style((FONT, FONT_SIZE).into_font().color(&TEXT))
        .draw()
        .map_err(err)?;
    for (k, lines) in shown.iter().enumerate() {
        let (x, y) = cc.backend_coord(&(lo, row(m, k)));
        let half = FONT_SIZE as i32 / 2 + 1;
        match lines.as_slice() {
            [first, second] => {
                text_at(area, first, (x - 8, y - half), HPos::Right, VPos::Center, &TEXT)?;
                text_at(area, second, (x - 8, y + half), HPos::Right, VPos::Center, &TEXT)?;
            }
            [one] => text_at(area, one, (x - 8, y), HPos::Right, VPos::Center, &TEXT)?,
            _ => {}
        }
    }
    Ok(cc)
}

/// The y of row `k` from the top of `m` rows.
fn row(m: usize, k: usize) -> f64 {
    (m - 1 - k) as f64
}

/// Half the height of a bar, in rows.
const HALF_BAR: f64 = 0.32;

fn bars(area: &DrawingArea<SVGBackend, Shift>, chart: &Chart, names: &[String], series: &Series) -> DrawResult<()> {
    let m = names.len().max(1);
    let values: Vec<f64> = (0..names.len())
        .map(|i| series.values.get(i).copied().flatten().map_or(0.0, f))
        .collect();
    let (lo, hi) = padded(
        values.iter().copied().fold(0.0, f64::min),
        values.iter().copied().fold(0.0, f64::max),
    );
    let mut cc = name_rows(area, chart, names, lo, hi)?;
    cc.draw_series(values.iter().enumerate().map(|(k, v)| {
        let c = match series.tone {
            Tone::Signed if *v < 0.0 => NEGATIVE,
            Tone::Signed => POSITIVE,
            t => colour(t),
        };
        let y = row(m, k);
        Rectangle::new([(0.0, y - HALF_BAR), (*v, y + HALF_BAR)], c.filled())
    }))
    .map_err(err)?;
    cc.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, -0.5), (0.0, m as f64 - 0.5)],
        ZERO.stroke_width(1),
    )))
    .map_err(err)?;
    Ok(())
}

/// The frame of a chart over categories (bars, or years): one slot per category from
/// −0.5 to n − 0.5, `lo..hi` up the side with numbers in the chart's language, the axis
/// descriptions, and the category names under the axis (every other one, or fewer,
/// when more than 16 would crowd).
fn category_frame<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
    chart: &Chart,
    (lo, hi): (f64, f64),
    names: impl ExactSizeIterator<Item = &'a str> + Clone + 'a,
) -> DrawResult<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    use plotters::style::text_anchor::{HPos, VPos};
    let lang = chart.lang;
    let n = names.len();
    let mut cc = ChartBuilder::on(area)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(56)
        .y_label_area_size(number_area(lo, hi, lang) + 26)
        .build_cartesian_2d(-0.5..n.max(1) as f64 - 0.5, lo..hi)
        .map_err(err)?;
    cc.configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .x_labels(0)
        .y_labels(8)
        .y_label_formatter(&|v| axis_number(*v, lang))
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT, FONT_SIZE).into_font().color(&TEXT))
        .axis_desc_style((FONT, FONT_SIZE).into_font().color(&TEXT))
        .draw()
        .map_err(err)?;
    let step = if n > 16 { n.div_ceil(16) } else { 1 };
    for (i, name) in names.enumerate().step_by(step) {
        let (x, y) = cc.backend_coord(&(i as f64, lo));
        text_at(area, name, (x, y + 8), HPos::Center, VPos::Top, &TEXT)?;
    }
    Ok(cc)
}

fn cumulative(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &Chart,
    start_year: i32,
    points: &[(i32, Decimal)],
    monthly: &[Decimal],
    payback: Option<&(crate::model::Month, String)>,
) -> DrawResult<()> {
    use plotters::style::text_anchor::{HPos, VPos};
    // Year i spans i − 0.5 (1 January) to i + 0.5 (31 December); its label sits in the
    // middle, its cumulative net at its end (a dot). The line runs through the months'
    // ends when there are months, else through the years' ends.
    let n = points.len().max(1);
    let mut xy: Vec<(f64, f64)> = vec![(-0.5, 0.0)];
    xy.extend(points.iter().map(|(y, v)| (f64::from(*y - start_year) + 0.5, f(*v))));
    let mut path: Vec<(f64, f64)> = vec![(-0.5, 0.0)];
    if monthly.is_empty() {
        path.extend(xy.iter().skip(1));
    } else {
        path.extend(
            monthly
                .iter()
                .enumerate()
                .map(|(k, v)| (-0.5 + (k + 1) as f64 / 12.0, f(*v))),
        );
    }
    let (lo, hi) = padded(
        path.iter().chain(&xy).map(|p| p.1).fold(0.0, f64::min),
        path.iter().chain(&xy).map(|p| p.1).fold(0.0, f64::max),
    );
    let years: Vec<String> = points.iter().map(|(year, _)| year.to_string()).collect();
    let (left, right) = (-0.5, n as f64 - 0.5);
    let mut cc = category_frame(area, chart, (lo, hi), years.iter().map(String::as_str))?;
    // Year boundaries.
    cc.draw_series((0..=n).map(|i| {
        let x = i as f64 - 0.5;
        PathElement::new(vec![(x, lo), (x, hi)], GRID.stroke_width(1))
    }))
    .map_err(err)?;
    cc.draw_series(std::iter::once(PathElement::new(
        vec![(left, 0.0), (right, 0.0)],
        ZERO.stroke_width(1),
    )))
    .map_err(err)?;
    let line = colour(Tone::Net);
    cc.draw_series(LineSeries::new(path, line.stroke_width(3)))
        .map_err(err)?;
    cc.draw_series(xy.iter().skip(1).map(|p| {
        let c = if p.1 < 0.0 { NEGATIVE } else { POSITIVE };
        Circle::new(*p, 5, c.filled())
    }))
    .map_err(err)?;
    if let Some((month, text)) = payback {
        // The end of the payback month.
        let x = f64::from(month.year() - start_year) - 0.5 + f64::from(month.month()) / 12.0;
        cc.draw_series(DashedLineSeries::new(
            vec![(x, lo), (x, hi)],
            6,
            4,
            MARKER.stroke_width(2),
        ))
        .map_err(err)?;
        let (px, _) = cc.backend_coord(&(x, hi));
        let plot_right = cc.backend_coord(&(right, hi)).0;
        let room = (text.chars().count() as f64 * CHAR_WIDTH) as i32 + 12;
        if px + room > plot_right {
            text_at(area, text, (px - 6, 16), HPos::Right, VPos::Top, &MARKER)?;
        } else {
            text_at(area, text, (px + 6, 16), HPos::Left, VPos::Top, &MARKER)?;
        }
    }
    Ok(())
}

fn tornado(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &Chart,
    names: &[String],
    low: &[Decimal],
    high: &[Decimal],
    base: Decimal,
) -> DrawResult<()> {
    let m = names.len().max(1);
    let base = f(base);
    let (mut lo, mut hi) = (base.min(0.0), base.max(0.0));
    for v in low.iter().chain(high).map(|d| f(*d)) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let pad = ((hi - lo) * 0.06).max(1.0);
    let (lo, hi) = (lo - pad, hi + pad);
    let mut cc = name_rows(area, chart, names, lo, hi)?;
    let mut rects = Vec::new();
    for (k, (l, h)) in low.iter().zip(high).enumerate() {
        let y = row(m, k);
        // Worse than planned in red, better in green, whichever factor gives it.
        for v in [f(*l), f(*h)] {
            let c = if v < base { NEGATIVE } else { POSITIVE };
            rects.push(Rectangle::new([(base, y - HALF_BAR), (v, y + HALF_BAR)], c.filled()));
        }
    }
    cc.draw_series(rects).map_err(err)?;
    if lo < 0.0 && hi > 0.0 {
        cc.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, -0.5), (0.0, m as f64 - 0.5)],
            ZERO.stroke_width(1),
        )))
        .map_err(err)?;
    }
    cc.draw_series(std::iter::once(PathElement::new(
        vec![(base, -0.5), (base, m as f64 - 0.5)],
        MARKER.stroke_width(3),
    )))
    .map_err(err)?;
    Ok(())
}

fn histogram(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &Chart,
    bins: &[(Decimal, Decimal, u32)],
    markers: &[(Decimal, String)],
) -> DrawResult<()> {
    let (Some(first), Some(last)) = (bins.first(), bins.last()) else {
        return Ok(());
    };
    let (mut lo, mut hi) = (f(first.0), f(last.1));
    if hi - lo < 1.0 {
        lo -= 1.0;
        hi += 1.0;
    }
    let pad = (hi - lo) * 0.04;
    let (lo, hi) = (lo - pad, hi + pad);
    let top = bins.iter().map(|b| b.2).max().unwrap_or(1).max(1);
    let lang = chart.lang;
    let ymax = f64::from(top) * 1.18;
    let mut cc = ChartBuilder::on(area)
        .margin(12)
        .margin_right(30)
        .x_label_area_size(44)
        .y_label_area_size(number_area(0.0, ymax, lang) + 22)
        .build_cartesian_2d(lo..hi, 0.0..ymax)
        .map_err(err)?;
    cc.configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .x_labels(6)
        .x_label_formatter(&|v| axis_number(*v, lang))
        .y_labels(6)
        .y_label_formatter(&|v| axis_number(*v, lang))
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT, FONT_SIZE).into_font().color(&TEXT))
        .axis_desc_style((FONT, FONT_SIZE).into_font().color(&TEXT))
        .draw()
        .map_err(err)?;
    cc.draw_series(bins.iter().map(|(from, to, count)| {
        let c = if f(*to) <= 0.0 {
            NEGATIVE
        } else if f(*from) >= 0.0 {
            POSITIVE
        } else {
            colour(Tone::OtherCost)
        };
        let mut r = Rectangle::new([(f(*from), 0.0), (f(*to), f64::from(*count))], c.filled());
        r.set_margin(0, 0, 1, 1);
        r
    }))
    .map_err(err)?;
    if lo < 0.0 && hi > 0.0 {
        cc.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, ymax)],
            ZERO.stroke_width(2),
        )))
        .map_err(err)?;
    }
    // Marker labels alternate between two heights so that close ones do not overlap.
    for (k, (value, name)) in markers.iter().enumerate() {
        let x = f(*value);
        cc.draw_series(DashedLineSeries::new(
            vec![(x, 0.0), (x, ymax)],
            6,
            4,
            MARKER.stroke_width(2),
        ))
        .map_err(err)?;
        let (px, _) = cc.backend_coord(&(x, ymax));
        let y = 14 + (k as i32 % 2) * 22;
        text_at(
            area,
            name,
            (px + 5, y),
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Top,
            &MARKER,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_goes_on_two_lines_at_a_space() {
        assert_eq!(
            name_lines("Färre samtal om ärendestatus"),
            ["Färre samtal om ärendestatus"]
        );
        assert_eq!(
            name_lines("Upphandling, konfiguration och integration mot ärendesystemet"),
            ["Upphandling, konfiguration och", "integration mot ärendesystemet"]
        );
        // A second line too long is cut; a name without a space early enough is one
        // line, cut.
        let long = name_lines("Upphandling och konfiguration av ett mycket långt system för bygglov i kommunen");
        assert_eq!(long.len(), 2);
        assert!(long.iter().all(|l| l.chars().count() <= NAME_CHARS), "{long:?}");
        assert!(long[1].ends_with('…'), "{long:?}");
        let one = name_lines("Samhällsbyggnadsförvaltningensinformationssystem");
        assert_eq!(one.len(), 1);
        assert!(one[0].ends_with('…'));
    }
}
