//! SVG plots for the benchmark suites: line charts and grouped bar charts, laid out side by
//! side in one figure with a caption, drawn with the `plotters` crate on its SVG backend.
//!
//! `plotters` is built without its default features, with only `svg_backend` and
//! `line_series`: no font loading (text goes into the SVG as `<text>` elements that the
//! viewer lays out; plotters estimates label sizes itself) and no bitmap, image or date
//! crates. Built that way it adds three crates (`plotters`, `plotters-backend`,
//! `plotters-svg`; `num-traits` is already in the tree) costing about 1.7 s of compile time
//! in a cold release build on a shared 2-core machine (plotters 0.9 s, backend 0.5 s,
//! svg 0.3 s; `cargo build --timings`). That buys maintained axis, grid, legend and
//! dashed-line code in place of the hand-written SVG this module used to carry. Our own
//! `Axis` is the plotters coordinate: it picks the ticks and maps linear or logarithmic
//! values, so both kinds of axis share one chart type. The output is plain SVG 1.1 any
//! browser renders.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colours of successive series (colour-blind-safe palette).
const PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
    RGBColor(0x7f, 0x7f, 0x7f),
    RGBColor(0x00, 0x00, 0x00),
];
/// The frame around each plot.
const FRAME: RGBColor = RGBColor(0x44, 0x44, 0x44);
/// Grid lines at the ticks.
const GRID: RGBColor = RGBColor(0xe2, 0xe2, 0xe2);
/// The caption.
const GREY: RGBColor = RGBColor(0x55, 0x55, 0x55);

const PANEL_HEIGHT: u32 = 320;
const LEFT: u32 = 64;
const RIGHT: u32 = 16;
const BOTTOM: u32 = 52;
const CAPTION_HEIGHT: u32 = 22;

/// One line of a [`LineChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text (empty: no legend entry, e.g. a dashed twin of a named series).
    pub name: String,
    /// `(x, y)` points, drawn in order.
    pub points: Vec<(f64, f64)>,
    /// Draw dashed.
    pub dashed: bool,
    /// Palette index (default: the series' position).
    pub colour: Option<usize>,
}

impl Series {
    /// A solid series.
    pub fn new(name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        Series {
            name: name.into(),
            points,
            dashed: false,
            colour: None,
        }
    }
}

/// A line chart.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    /// Title above the plot.
    pub title: String,
    /// x-axis label.
    pub x_label: String,
    /// y-axis label.
    pub y_label: String,
    /// Logarithmic y axis (values ≤ 0 are dropped).
    pub log_y: bool,
    /// Label integer x ticks `n` as `2^n` (x holds log2 sizes).
    pub x_pow2: bool,
    /// The lines.
    pub series: Vec<Series>,
}

/// A grouped bar chart: one group per category, one bar per series in each group.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    /// Title above the plot.
    pub title: String,
    /// y-axis label.
    pub y_label: String,
    /// Logarithmic y axis (values ≤ 0 draw no bar).
    pub log_y: bool,
    /// Group labels (drawn rotated when there are many).
    pub categories: Vec<String>,
    /// `(legend text, one value per category)`.
    pub series: Vec<(String, Vec<f64>)>,
}

/// A panel of a figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    /// A line chart.
    Line(LineChart),
    /// A bar chart.
    Bar(BarChart),
}

impl Panel {
    fn width(&self) -> u32 {
        match self {
            Panel::Line(_) => 440,
            Panel::Bar(b) => {
                let bars = b.categories.len() * b.series.len().max(1);
                (LEFT + RIGHT + 12 * bars as u32 + 10 * b.categories.len() as u32).max(440)
            }
        }
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// A text style whose SVG `font-size` is `px` (plotters writes its size divided by 1.24).
fn font(px: f64) -> TextStyle<'static> {
    ("sans-serif", px * 1.24).into_font().into()
}

fn title_font() -> TextStyle<'static> {
    ("sans-serif", 12.0 * 1.24)
        .into_font()
        .style(FontStyle::Bold)
        .into()
}

/// An axis: its range and ticks in data units, linear or logarithmic. It is the plotters
/// coordinate of the charts (one type for both kinds, with our ticks as its key points).
#[derive(Clone)]
struct Axis {
    lo: f64,
    hi: f64,
    log: bool,
    ticks: Vec<f64>,
}

impl Axis {
    fn new(values: impl Iterator<Item = f64>, log: bool, from_zero: bool) -> Axis {
        let vals: Vec<f64> = values
            .filter(|v| v.is_finite() && (!log || *v > 0.0))
            .collect();
        let (mut lo, mut hi) = vals
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        if vals.is_empty() {
            (lo, hi) = if log { (1.0, 10.0) } else { (0.0, 1.0) };
        }
        if log {
            let (a, b) = (lo.log10().floor(), hi.log10().ceil());
            let b = if b <= a { a + 1.0 } else { b };
            let mut ticks: Vec<f64> = (a as i32..=b as i32).map(|e| 10f64.powi(e)).collect();
            if b - a <= 1.0 {
                let base = 10f64.powi(a as i32);
                ticks = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * base).collect();
            }
            Axis {
                lo: 10f64.powf(a),
                hi: 10f64.powf(b),
                log,
                ticks,
            }
        } else {
            if from_zero {
                lo = lo.min(0.0);
            }
            if hi <= lo {
                hi = lo + 1.0;
            }
            let raw = (hi - lo) / 5.0;
            let mag = 10f64.powf(raw.log10().floor());
            let step = [1.0, 2.0, 5.0, 10.0]
                .iter()
                .map(|m| m * mag)
                .find(|s| *s >= raw)
                .unwrap_or(10.0 * mag);
            let lo = (lo / step).floor() * step;
            let hi = (hi / step).ceil() * step;
            let ticks = (0..=((hi - lo) / step).round() as usize)
                .map(|i| lo + i as f64 * step)
                .collect();
            Axis { lo, hi, log, ticks }
        }
    }

    /// Whether `v` can be drawn on this axis.
    fn shows(&self, v: f64) -> bool {
        v.is_finite() && (!self.log || v > 0.0)
    }

    /// Position of `v` in `[0, 1]`.
    fn frac(&self, v: f64) -> f64 {
        if self.log {
            (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10())
        } else {
            (v - self.lo) / (self.hi - self.lo)
        }
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        limit.0 + (f64::from(limit.1 - limit.0) * self.frac(*v)).round() as i32
    }

    /// The ticks (grid lines at them); no light grid lines.
    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            vec![]
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// A tick label: `1.5k`, `20`, `0.25`, `1e-3`.
fn tick_label(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if a >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if a >= 1e3 {
        format!("{}k", trim(v / 1e3))
    } else if a >= 0.01 {
        trim(v)
    } else {
        format!("{v:.0e}")
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// `2ⁿ` with `n` in superscript digits (plotters writes plain text, no `<tspan>`).
fn pow2_label(n: f64) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let exp: String = format!("{n:.0}")
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => SUP[d as usize],
            None => '⁻',
        })
        .collect();
    format!("2{exp}")
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Axis, Axis>>;

/// The chart of a panel: its title above, room for the axes' labels below and left.
fn chart<'a, 'b>(
    area: &'a Area<'b>,
    bottom: u32,
    title: &str,
    x: &Axis,
    y: &Axis,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let chart = ChartBuilder::on(area)
        .caption(title, title_font())
        .margin_top(4)
        .margin_right(RIGHT)
        .x_label_area_size(bottom)
        .y_label_area_size(LEFT)
        .build_cartesian_2d(x.clone(), y.clone())?;
    Ok(chart)
}

/// The frame around the plot area and the legend in its upper left corner.
fn frame_and_legend<'a, 'b: 'a>(chart: &mut Chart<'a, 'b>, x: &Axis, y: &Axis) -> DrawResult {
    chart.plotting_area().draw(&Rectangle::new(
        [(x.lo, y.hi), (x.hi, y.lo)],
        FRAME.stroke_width(1),
    ))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .margin(4)
        .legend_area_size(24)
        .label_font(font(10.0))
        .background_style(WHITE.mix(0.85))
        .border_style(TRANSPARENT)
        .draw()?;
    Ok(())
}

fn line_panel(area: &Area, bottom: u32, c: &LineChart) -> DrawResult {
    let all = || c.series.iter().flat_map(|s| s.points.iter());
    let y = Axis::new(all().map(|p| p.1), c.log_y, true);
    let mut x = Axis::new(all().map(|p| p.0), false, false);
    if c.x_pow2 {
        x.ticks.retain(|t| t.fract() == 0.0);
    }
    let mut chart = chart(area, bottom, &c.title, &x, &y)?;
    let x_fmt = |v: &f64| {
        if c.x_pow2 {
            pow2_label(*v)
        } else {
            tick_label(*v)
        }
    };
    let y_fmt = |v: &f64| tick_label(*v);
    chart
        .configure_mesh()
        .bold_line_style(GRID)
        .axis_style(FRAME)
        .label_style(font(10.0))
        .axis_desc_style(font(11.0))
        .x_desc(&c.x_label)
        .y_desc(&c.y_label)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()?;
    for (i, s) in c.series.iter().enumerate() {
        let colour = PALETTE[s.colour.unwrap_or(i) % PALETTE.len()];
        let style = colour.stroke_width(2);
        let points: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|p| p.0.is_finite() && y.shows(p.1))
            .copied()
            .collect();
        if s.name.is_empty() {
            if s.dashed {
                chart.draw_series(DashedLineSeries::new(points.clone(), 5, 3, style))?;
            } else {
                chart.draw_series(LineSeries::new(points.clone(), style))?;
            }
        } else if s.dashed {
            chart
                .draw_series(DashedLineSeries::new(points.clone(), 5, 3, style))?
                .label(&s.name)
                .legend(move |(lx, ly)| {
                    DashedPathElement::new(vec![(lx, ly), (lx + 18, ly)], 5, 3, style)
                });
        } else {
            chart
                .draw_series(LineSeries::new(points.clone(), style))?
                .label(&s.name)
                .legend(move |(lx, ly)| PathElement::new(vec![(lx, ly), (lx + 18, ly)], style));
        }
        chart.draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 2, colour.filled())),
        )?;
    }
    frame_and_legend(&mut chart, &x, &y)
}

/// Whether the category labels of `c` in a panel `width` wide must be drawn rotated.
fn rotated(c: &BarChart, width: u32) -> bool {
    let group_w = f64::from(width - LEFT - RIGHT) / c.categories.len().max(1) as f64;
    let longest = c
        .categories
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    c.categories.len() > 8 || longest as f64 * 6.0 > group_w
}

/// Room below the plot, beyond [`BOTTOM`], that the vertical category labels of `c` need.
fn rotated_room(c: &BarChart) -> u32 {
    let longest = c
        .categories
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    // About 5.3 px a character at the labels' 8 px size, plus the gap to the axis.
    ((longest as f64 * 5.3) as u32 + 14).saturating_sub(BOTTOM)
}

fn bar_panel(area: &Area, bottom: u32, c: &BarChart, rotate: bool) -> DrawResult {
    let y = Axis::new(
        c.series.iter().flat_map(|s| s.1.iter().copied()),
        c.log_y,
        true,
    );
    // One unit of x per category; no x ticks, the category names label the groups.
    let x = Axis {
        lo: 0.0,
        hi: c.categories.len().max(1) as f64,
        log: false,
        ticks: vec![],
    };
    let mut chart = chart(area, bottom, &c.title, &x, &y)?;
    let y_fmt = |v: &f64| tick_label(*v);
    chart
        .configure_mesh()
        .bold_line_style(GRID)
        .axis_style(FRAME)
        .label_style(font(10.0))
        .axis_desc_style(font(11.0))
        .y_desc(&c.y_label)
        .y_label_formatter(&y_fmt)
        .draw()?;
    let base = if c.log_y { y.lo } else { 0f64.max(y.lo) };
    let bar_w = 0.8 / c.series.len().max(1) as f64;
    for (k, (name, values)) in c.series.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let bars = values
            .iter()
            .take(c.categories.len())
            .enumerate()
            .filter(|(_, v)| y.shows(**v))
            .map(|(g, &v)| {
                let x0 = g as f64 + 0.1 + bar_w * k as f64;
                Rectangle::new([(x0, v), (x0 + bar_w, base)], colour.filled())
            });
        chart
            .draw_series(bars)?
            .label(name)
            .legend(move |(lx, ly)| {
                Rectangle::new([(lx + 4, ly - 5), (lx + 14, ly + 5)], colour.filled())
            });
    }
    // Category labels under the groups, in backend pixels relative to `area`.
    let (ax, ay) = area.get_base_pixel();
    for (g, cat) in c.categories.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(g as f64 + 0.5, y.lo));
        let (px, py) = (px - ax, py - ay);
        if rotate {
            let style = font(8.0)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Right, VPos::Center));
            area.draw_text(cat, &style, (px, py + 6))?;
        } else {
            let style = font(10.0).pos(Pos::new(HPos::Center, VPos::Top));
            area.draw_text(cat, &style, (px, py + 5))?;
        }
    }
    frame_and_legend(&mut chart, &x, &y)
}

/// Draws the panels into `root`, side by side, and the caption below them.
fn draw(root: &Area, panels: &[Panel], widths: &[u32], caption: &str, extra: u32) -> DrawResult {
    root.fill(&WHITE)?;
    let height = root.dim_in_pixel().1;
    let (plots, foot) = root.split_vertically(height - CAPTION_HEIGHT);
    let bottom = BOTTOM + extra;
    let breaks: Vec<u32> = widths
        .iter()
        .scan(0, |x, w| {
            *x += w;
            Some(*x)
        })
        .collect();
    let areas =
        plots.split_by_breakpoints(&breaks[..breaks.len().saturating_sub(1)], [] as [u32; 0]);
    for ((panel, area), &w) in panels.iter().zip(&areas).zip(widths) {
        match panel {
            Panel::Line(c) => line_panel(area, bottom, c)?,
            Panel::Bar(c) => bar_panel(area, bottom, c, rotated(c, w))?,
        }
    }
    let style = font(10.0)
        .color(&GREY)
        .pos(Pos::new(HPos::Left, VPos::Center));
    foot.draw_text(caption, &style, (8, CAPTION_HEIGHT as i32 / 2))?;
    root.present()?;
    Ok(())
}

/// The panels side by side with `caption` below (the machine and commit).
pub fn figure(panels: &[Panel], caption: &str) -> String {
    let widths: Vec<u32> = panels.iter().map(Panel::width).collect();
    let total = widths.iter().sum::<u32>().max(200);
    // Every panel gets the room the longest rotated category labels need, so that the plots
    // line up.
    let extra = panels
        .iter()
        .zip(&widths)
        .filter_map(|(p, &w)| match p {
            Panel::Bar(b) if rotated(b, w) => Some(rotated_room(b)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let height = PANEL_HEIGHT + extra + CAPTION_HEIGHT;
    let mut out = String::new();
    let failed = {
        let root = SVGBackend::with_string(&mut out, (total, height)).into_drawing_area();
        draw(&root, panels, &widths, caption, extra).err()
    };
    // Drawing into a string cannot fail on I/O; a layout error (a panel too small for its
    // labels) is written into the figure rather than lost.
    if let Some(e) = failed {
        let msg = e.to_string().replace('&', "&amp;").replace('<', "&lt;");
        let at = out.rfind("</svg>").unwrap_or(out.len());
        out.insert_str(
            at,
            &format!("<text x=\"8\" y=\"16\" fill=\"red\">plot error: {msg}</text>\n"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(dashed: bool) -> Panel {
        let mut b = Series::new("hyrax u16", vec![(10.0, 2.0), (12.0, 0.5)]);
        b.dashed = dashed;
        Panel::Line(LineChart {
            title: "t < u".into(),
            x_label: "T".into(),
            y_label: "ms".into(),
            log_y: true,
            x_pow2: true,
            series: vec![Series::new("zeromorph", vec![(10.0, 1.0), (12.0, 30.0)]), b],
        })
    }

    fn bar() -> Panel {
        Panel::Bar(BarChart {
            title: "b".into(),
            y_label: "s".into(),
            log_y: false,
            categories: vec!["fib 10".into(), "sha & co".into()],
            series: vec![
                ("one".into(), vec![1.0, 2.0]),
                ("two".into(), vec![0.5, f64::NAN]),
            ],
        })
    }

    /// Checks that `svg` is one `<svg>` element whose tags all close, in order.
    fn assert_well_formed(svg: &str) {
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{svg}"
        );
        let mut open: Vec<&str> = vec![];
        let mut rest = svg;
        while let Some(i) = rest.find('<') {
            let end = rest[i..].find('>').expect("unclosed tag") + i;
            let tag = &rest[i + 1..end];
            assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name.trim()), "{svg}");
            } else if !tag.ends_with('/') {
                open.push(tag.split_whitespace().next().unwrap_or(""));
            }
            let text = &rest[end + 1
                ..rest[end + 1..]
                    .find('<')
                    .map_or(rest.len(), |j| end + 1 + j)];
            assert!(!text.contains('>'), "unescaped '>' in text: {text}");
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "unclosed: {open:?}");
    }

    #[test]
    fn a_line_and_a_bar_panel_make_one_well_formed_svg_with_their_legends() {
        let svg = figure(&[line(true), bar()], "caption & more");
        assert_well_formed(&svg);
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(!svg.contains("plot error"), "{svg}");
        for legend in ["zeromorph", "hyrax u16", "one", "two"] {
            assert!(
                svg.contains(&format!(">\n{legend}\n</text>")),
                "{legend}: {svg}"
            );
        }
        // Title, caption and category labels, escaped; 2^n ticks.
        for text in [
            "t &lt; u",
            "caption &amp; more",
            "fib 10",
            "sha &amp; co",
            "2¹⁰",
            "2¹²",
        ] {
            assert!(svg.contains(text), "{text}: {svg}");
        }
        // Panels side by side: the line panel is 440 wide, the bar panel at least as wide.
        assert!(svg.contains(r#"width="880""#), "{svg}");
        // The solid line is one polyline, the dashed one several dashes; three bars (the NaN
        // draws none) and two legend swatches.
        assert!(svg.matches("<polyline").count() > 2);
        let solid = svg
            .matches(r##"stroke="#0072B2" stroke-width="2""##)
            .count();
        let bars = svg
            .lines()
            .filter(|l| l.starts_with("<rect") && !l.contains(r##"fill="#FFFFFF""##))
            .filter(|l| l.contains(r##"fill="#0072B2""##) || l.contains(r##"fill="#D55E00""##))
            .count();
        assert!(solid >= 1, "{svg}");
        assert_eq!(bars, 3 + 2, "{svg}");
    }

    #[test]
    fn solid_and_dashed_series_differ() {
        let solid = figure(&[line(false)], "");
        let dashed = figure(&[line(true)], "");
        assert_well_formed(&solid);
        assert!(dashed.matches("<polyline").count() > solid.matches("<polyline").count());
    }

    #[test]
    fn many_categories_are_labelled_vertically_with_room_below() {
        let categories: Vec<String> = (0..12).map(|i| format!("VALID_UNSIGNED_{i}")).collect();
        let values = vec![1.0; categories.len()];
        let svg = figure(
            &[Panel::Bar(BarChart {
                title: "many".into(),
                y_label: "ms".into(),
                log_y: true,
                categories,
                series: vec![("(8, 8)".into(), values)],
            })],
            "",
        );
        assert_well_formed(&svg);
        assert!(!svg.contains("plot error"), "{svg}");
        assert_eq!(svg.matches("rotate(270").count(), 12 + 1, "{svg}"); // + the y label
                                                                        // Taller than a figure without rotated labels (320 + 22).
        let height: u32 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .and_then(|h| h.parse().ok())
            .unwrap();
        assert!(height > 320 + 22 + 40, "{height}");
    }

    #[test]
    fn ticks_cover_the_data() {
        let a = Axis::new([3.0, 47.0].into_iter(), false, true);
        assert!(a.lo <= 0.0 && a.hi >= 47.0 && a.ticks.len() >= 3);
        let l = Axis::new([0.3, 2000.0].into_iter(), true, true);
        assert!(l.lo <= 0.3 && l.hi >= 2000.0);
        assert_eq!(tick_label(1500.0), "1.5k");
        assert_eq!(l.map(&l.lo, (0, 100)), 0);
        assert_eq!(l.map(&l.hi, (0, 100)), 100);
        assert_eq!(pow2_label(20.0), "2²⁰");
    }
}
