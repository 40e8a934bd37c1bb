//! Minimal SVG plots for the benchmark suites: line charts and grouped bar charts, laid out
//! side by side in one figure with a caption.
//!
//! Written by hand instead of with a plotting crate: the plots need axes, ticks, a legend and
//! text, nothing else, and the common crates (`plotters` and friends) pull in font handling
//! and dozens of dependencies for that. The output is plain SVG 1.1 any browser renders.

use std::fmt::Write as _;

/// Colours of successive series (colour-blind-safe palette).
const PALETTE: [&str; 8] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f7f7f", "#000000",
];

const PANEL_HEIGHT: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 52.0;

/// One line of a [`LineChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
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
    fn width(&self) -> f64 {
        match self {
            Panel::Line(_) => 440.0,
            Panel::Bar(b) => {
                let bars = b.categories.len() * b.series.len().max(1);
                (LEFT + RIGHT + 12.0 * bars as f64 + 10.0 * b.categories.len() as f64).max(440.0)
            }
        }
    }
}

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An axis mapping data values to pixels.
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

    /// Position of `v` in `[0, 1]`.
    fn frac(&self, v: f64) -> f64 {
        if self.log {
            (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10())
        } else {
            (v - self.lo) / (self.hi - self.lo)
        }
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

/// Draws the frame, the y ticks and the labels of a panel at `x0`; returns the plot area
/// `(left, top, width, height)`.
fn frame(out: &mut String, x0: f64, width: f64, title: &str, y_label: &str, y: &Axis) -> [f64; 4] {
    let (left, top) = (x0 + LEFT, TOP);
    let (w, h) = (width - LEFT - RIGHT, PANEL_HEIGHT - TOP - BOTTOM);
    let _ = writeln!(
        out,
        r#"<text x="{:.1}" y="20" text-anchor="middle" font-weight="bold">{}</text>"#,
        x0 + width / 2.0,
        esc(title)
    );
    let _ = writeln!(
        out,
        r##"<rect x="{left:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="none" stroke="#444"/>"##
    );
    for &t in &y.ticks {
        let py = top + h * (1.0 - y.frac(t));
        let _ = writeln!(
            out,
            r##"<line x1="{left:.1}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="10">{}</text>"##,
            left + w,
            left - 4.0,
            py + 3.5,
            tick_label(t)
        );
    }
    let _ = writeln!(
        out,
        r#"<text transform="translate({:.1},{:.1}) rotate(-90)" text-anchor="middle" font-size="11">{}</text>"#,
        x0 + 14.0,
        top + h / 2.0,
        esc(y_label)
    );
    [left, top, w, h]
}

fn legend(out: &mut String, left: f64, top: f64, names: &[(String, bool, usize)]) {
    let longest = names.iter().map(|n| n.0.chars().count()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="white" fill-opacity="0.85"/>"#,
        left + 4.0,
        top + 3.0,
        30.0 + 6.0 * longest as f64,
        14.0 * names.len() as f64 + 4.0
    );
    for (i, (name, dashed, colour)) in names.iter().enumerate() {
        let y = top + 12.0 + 14.0 * i as f64;
        let colour = PALETTE[colour % PALETTE.len()];
        let dash = if *dashed {
            r#" stroke-dasharray="5,3""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2"{dash}/><text x="{:.1}" y="{:.1}" font-size="10">{}</text>"#,
            left + 8.0,
            left + 26.0,
            left + 30.0,
            y + 3.5,
            esc(name)
        );
    }
}

fn line_panel(out: &mut String, x0: f64, width: f64, c: &LineChart) {
    let all = || c.series.iter().flat_map(|s| s.points.iter());
    let y = Axis::new(all().map(|p| p.1), c.log_y, true);
    let x = Axis::new(all().map(|p| p.0), false, false);
    let [left, top, w, h] = frame(out, x0, width, &c.title, &c.y_label, &y);
    for &t in x.ticks.iter().filter(|t| !c.x_pow2 || t.fract() == 0.0) {
        let px = left + w * x.frac(t);
        let label = if c.x_pow2 && t.fract() == 0.0 {
            format!("2<tspan dy=\"-5\" font-size=\"8\">{t:.0}</tspan>")
        } else {
            tick_label(t)
        };
        let _ = writeln!(
            out,
            r##"<line x1="{px:.1}" y1="{top:.1}" x2="{px:.1}" y2="{:.1}" stroke="#eee"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" font-size="10">{label}</text>"##,
            top + h,
            top + h + 14.0
        );
    }
    let _ = writeln!(
        out,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11">{}</text>"#,
        left + w / 2.0,
        top + h + 32.0,
        esc(&c.x_label)
    );
    for (i, s) in c.series.iter().enumerate() {
        let colour = PALETTE[s.colour.unwrap_or(i) % PALETTE.len()];
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|p| p.1.is_finite() && (!c.log_y || p.1 > 0.0))
            .map(|&(px, py)| (left + w * x.frac(px), top + h * (1.0 - y.frac(py))))
            .collect();
        let path: Vec<String> = pts.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
        let dash = if s.dashed {
            r#" stroke-dasharray="5,3""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>"#,
            path.join(" ")
        );
        for (a, b) in pts {
            let _ = writeln!(
                out,
                r#"<circle cx="{a:.1}" cy="{b:.1}" r="2.5" fill="{colour}"/>"#
            );
        }
    }
    let names: Vec<(String, bool, usize)> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), s.dashed, s.colour.unwrap_or(i)))
        .collect();
    legend(out, left, top, &names);
}

/// Whether the category labels of `c` in a panel `width` wide must be drawn rotated.
fn rotated(c: &BarChart, width: f64) -> bool {
    let group_w = (width - LEFT - RIGHT) / c.categories.len().max(1) as f64;
    let longest = c
        .categories
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    c.categories.len() > 8 || longest as f64 * 6.0 > group_w
}

fn bar_panel(out: &mut String, x0: f64, width: f64, c: &BarChart) {
    let y = Axis::new(
        c.series.iter().flat_map(|s| s.1.iter().copied()),
        c.log_y,
        true,
    );
    let [left, top, w, h] = frame(out, x0, width, &c.title, &c.y_label, &y);
    let groups = c.categories.len().max(1) as f64;
    let group_w = w / groups;
    let bar_w = (group_w * 0.8) / c.series.len().max(1) as f64;
    let rotate = rotated(c, width);
    for (g, cat) in c.categories.iter().enumerate() {
        let gx = left + group_w * g as f64 + group_w * 0.1;
        for (k, (_, values)) in c.series.iter().enumerate() {
            let v = values.get(g).copied().unwrap_or(f64::NAN);
            if !v.is_finite() || (c.log_y && v <= 0.0) {
                continue;
            }
            let base = if c.log_y { y.lo } else { 0f64.max(y.lo) };
            let (y0, y1) = (top + h * (1.0 - y.frac(base)), top + h * (1.0 - y.frac(v)));
            let _ = writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}: {}</title></rect>"#,
                gx + bar_w * k as f64,
                y1.min(y0),
                bar_w.max(1.0),
                (y0 - y1).abs(),
                PALETTE[k % PALETTE.len()],
                esc(cat),
                tick_label(v)
            );
        }
        let cx = left + group_w * (g as f64 + 0.5);
        if rotate {
            let _ = writeln!(
                out,
                r#"<text transform="translate({cx:.1},{:.1}) rotate(-60)" text-anchor="end" font-size="8">{}</text>"#,
                top + h + 8.0,
                esc(cat)
            );
        } else {
            let _ = writeln!(
                out,
                r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="10">{}</text>"#,
                top + h + 14.0,
                esc(cat)
            );
        }
    }
    let names: Vec<(String, bool, usize)> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.0.clone(), false, i))
        .collect();
    legend(out, left, top, &names);
}

/// The panels side by side with `caption` below (the machine and commit).
pub fn figure(panels: &[Panel], caption: &str) -> String {
    let widths: Vec<f64> = panels.iter().map(Panel::width).collect();
    let total: f64 = widths.iter().sum::<f64>().max(200.0);
    let rotated_labels = panels
        .iter()
        .zip(&widths)
        .any(|(p, &w)| matches!(p, Panel::Bar(b) if rotated(b, w)));
    let height = PANEL_HEIGHT + if rotated_labels { 60.0 } else { 0.0 } + 22.0;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total:.0}" height="{height:.0}" viewBox="0 0 {total:.0} {height:.0}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
"#
    );
    let mut x0 = 0.0;
    for (panel, w) in panels.iter().zip(&widths) {
        match panel {
            Panel::Line(c) => line_panel(&mut out, x0, *w, c),
            Panel::Bar(c) => bar_panel(&mut out, x0, *w, c),
        }
        x0 += w;
    }
    let _ = writeln!(
        out,
        r##"<text x="8" y="{:.1}" font-size="10" fill="#555">{}</text>"##,
        height - 8.0,
        esc(caption)
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_well_formed_svg() {
        let line = Panel::Line(LineChart {
            title: "t < u".into(),
            x_label: "T".into(),
            y_label: "ms".into(),
            log_y: true,
            x_pow2: true,
            series: vec![Series::new("a", vec![(10.0, 1.0), (12.0, 30.0)])],
        });
        let bar = Panel::Bar(BarChart {
            title: "b".into(),
            y_label: "s".into(),
            log_y: false,
            categories: vec!["x".into(), "y".into()],
            series: vec![
                ("one".into(), vec![1.0, 2.0]),
                ("two".into(), vec![0.5, f64::NAN]),
            ],
        });
        let svg = figure(&[line, bar], "caption & more");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert!(svg.contains("t &lt; u") && svg.contains("caption &amp; more"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        // Two frames, two legend backgrounds, three bars (the NaN draws none).
        assert_eq!(svg.matches("<rect x=").count(), 2 + 2 + 3);
    }

    #[test]
    fn ticks_cover_the_data() {
        let a = Axis::new([3.0, 47.0].into_iter(), false, true);
        assert!(a.lo <= 0.0 && a.hi >= 47.0 && a.ticks.len() >= 3);
        let l = Axis::new([0.3, 2000.0].into_iter(), true, true);
        assert!(l.lo <= 0.3 && l.hi >= 2000.0);
        assert_eq!(tick_label(1500.0), "1.5k");
    }
}
