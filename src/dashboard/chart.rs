//! The geometry of the dashboard's charts: numbers only, placed by the
//! templates into inline SVG. Labels are the data's own strings and reach
//! the page through Tera's HTML escaping like any other text; nothing here
//! builds markup.

use serde::Serialize;

/// Width of every chart's view box; the page scales it to its column.
pub const WIDTH: f64 = 640.0;
/// Room left of a line chart's plot for the axis labels.
const LEFT: f64 = 64.0;
/// Room right of the last point for its round's label.
const RIGHT: f64 = 56.0;
/// Height of one bar's row: its label above, the bar below.
const ROW: f64 = 40.0;
const BAR: f64 = 16.0;
/// Room right of the longest bar for its value.
const VALUE_ROOM: f64 = 150.0;

/// A verdict drawn with a colour, a fill pattern and a symbol, so it reads
/// without colour too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mark {
    /// CSS class: `dat`, `chua-dat`, `chua-ro`.
    pub class: &'static str,
    pub symbol: &'static str,
    pub words: &'static str,
}

pub fn mark(met: Option<bool>) -> Mark {
    match met {
        Some(true) => Mark { class: "dat", symbol: "✓", words: "Đạt" },
        Some(false) => Mark { class: "chua-dat", symbol: "✗", words: "Chưa đạt" },
        None => Mark { class: "chua-ro", symbol: "?", words: "Chưa xác định" },
    }
}

/// Horizontal bars, one row each, against an optional threshold line.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<Bar>,
    /// Where the threshold falls, with its label.
    pub threshold: Option<Rule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    /// Top of the row (the label's baseline is a little below).
    pub y: f64,
    pub bar_y: f64,
    pub bar_height: f64,
    pub length: f64,
    /// Length of the whole the value is part of (`6` of `8`), drawn behind it.
    pub track: Option<f64>,
    /// Where the value text starts.
    pub value_x: f64,
    pub value: String,
    pub mark: Mark,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub x: f64,
    pub label: String,
}

/// One bar's input: its label, its value (none when there is no figure),
/// the value as printed and its verdict.
pub struct BarInput {
    pub label: String,
    pub value: Option<f64>,
    pub shown: String,
    pub met: Option<bool>,
    /// The whole the value is part of, when it is a count out of a total.
    pub track: Option<f64>,
}

/// Bars scaled so the largest value or the threshold fills the plot; a
/// share (`%`) is drawn on 0–100 whatever the values.
pub fn bars(inputs: Vec<BarInput>, threshold: Option<(f64, String)>, percent: bool) -> BarChart {
    let plot = WIDTH - VALUE_ROOM;
    let largest = inputs
        .iter()
        .flat_map(|b| [b.value, b.track])
        .flatten()
        .chain(threshold.as_ref().map(|t| t.0))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let top = if percent { largest.max(100.0) } else { largest };
    let scale = |v: f64| if top > 0.0 { (v.max(0.0) / top * plot).min(plot) } else { 0.0 };
    let bars: Vec<Bar> = inputs
        .into_iter()
        .enumerate()
        .map(|(n, b)| {
            let y = n as f64 * ROW;
            let length = b.value.filter(|v| v.is_finite()).map(scale).unwrap_or(0.0);
            let track = b.track.filter(|v| v.is_finite()).map(|t| round(scale(t)));
            Bar {
                label: b.label,
                y: round(y),
                bar_y: round(y + ROW - BAR - 4.0),
                bar_height: BAR,
                length: round(length),
                track,
                value_x: round(length.max(track.unwrap_or(0.0)) + 6.0),
                value: b.shown,
                mark: mark(b.met),
            }
        })
        .collect();
    let height = round((bars.len() as f64 * ROW).max(ROW));
    BarChart {
        width: WIDTH,
        height,
        threshold: threshold.filter(|t| t.0.is_finite()).map(|(t, label)| Rule { x: round(scale(t)), label }),
        bars,
    }
}

/// A line through rounds: values on a vertical scale from 0.
#[derive(Debug, Clone, Serialize)]
pub struct LineChart {
    pub width: f64,
    pub height: f64,
    /// `x,y x,y …` of the points that have a value, for `<polyline>`.
    pub line: String,
    pub points: Vec<Point>,
    /// Horizontal grid lines with their values.
    pub ticks: Vec<Tick>,
    pub threshold: Option<Level>,
    /// The bottom of the plot (the axis).
    pub base: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub x: f64,
    /// `None` for a round without a value: only its label is drawn.
    pub y: Option<f64>,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub y: f64,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub y: f64,
    pub label: String,
}

/// One point's input: the round's label, its value, the value as printed.
pub struct PointInput {
    pub label: String,
    pub value: Option<f64>,
    pub shown: String,
}

const HEIGHT: f64 = 220.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 40.0;

/// The line of `points`, on 0 to `top` (or the largest value or threshold
/// when larger), with a dashed level at the threshold.
pub fn line(points: Vec<PointInput>, top: Option<f64>, threshold: Option<(f64, String)>) -> LineChart {
    let largest = points
        .iter()
        .filter_map(|p| p.value)
        .chain(top)
        .chain(threshold.as_ref().map(|t| t.0))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let top = if largest > 0.0 { largest } else { 1.0 };
    let plot_height = HEIGHT - TOP - BOTTOM;
    let base = HEIGHT - BOTTOM;
    let y_of = |v: f64| round(base - v.clamp(0.0, top) / top * plot_height);
    let span = WIDTH - LEFT - RIGHT;
    let step = if points.len() > 1 { span / (points.len() - 1) as f64 } else { 0.0 };
    let points: Vec<Point> = points
        .into_iter()
        .enumerate()
        .map(|(n, p)| Point {
            x: round(if step > 0.0 { LEFT + n as f64 * step } else { LEFT + span / 2.0 }),
            y: p.value.filter(|v| v.is_finite()).map(y_of),
            label: p.label,
            value: p.shown,
        })
        .collect();
    let line = points.iter().filter_map(|p| p.y.map(|y| format!("{},{}", p.x, y))).collect::<Vec<_>>().join(" ");
    let ticks = [0.0, 0.5, 1.0]
        .iter()
        .map(|f| Tick { y: y_of(top * f), label: crate::vi::number::number_vi(top * f, 1) })
        .collect();
    LineChart {
        width: WIDTH,
        height: HEIGHT,
        line,
        points,
        ticks,
        threshold: threshold.filter(|t| t.0.is_finite()).map(|(t, label)| Level { y: y_of(t), label }),
        base,
    }
}

/// One decimal is finer than a screen pixel at any width the page is read at.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(label: &str, value: Option<f64>, met: Option<bool>) -> BarInput {
        BarInput { label: label.into(), value, shown: format!("{value:?}"), met, track: None }
    }

    #[test]
    fn bars_scale_to_the_largest_value_or_threshold() {
        let chart = bars(
            vec![input("a", Some(50.0), Some(false)), input("b", Some(200.0), Some(true))],
            Some((100.0, "ngưỡng".into())),
            false,
        );
        let plot = WIDTH - VALUE_ROOM;
        assert_eq!(chart.bars[1].length, plot);
        assert_eq!(chart.bars[0].length, round(plot / 4.0));
        assert_eq!(chart.threshold.as_ref().unwrap().x, round(plot / 2.0));
        assert_eq!(chart.bars[0].mark.symbol, "✗");
        assert_eq!(chart.bars[1].mark.class, "dat");
        assert_eq!(chart.bars[1].y, ROW);
    }

    #[test]
    fn a_count_is_drawn_on_its_total() {
        let mut two = input("a", Some(2.0), Some(false));
        two.track = Some(8.0);
        let chart = bars(vec![two], None, false);
        let plot = WIDTH - VALUE_ROOM;
        assert_eq!(chart.bars[0].track, Some(plot));
        assert_eq!(chart.bars[0].length, round(plot / 4.0));
        assert_eq!(chart.bars[0].value_x, plot + 6.0);
    }

    #[test]
    fn shares_are_drawn_on_a_hundred() {
        let chart = bars(vec![input("a", Some(50.0), None)], None, true);
        assert_eq!(chart.bars[0].length, round((WIDTH - VALUE_ROOM) / 2.0));
        assert_eq!(chart.bars[0].mark.words, "Chưa xác định");
    }

    #[test]
    fn missing_and_hostile_values_draw_nothing() {
        let chart = bars(
            vec![
                input("a", None, None),
                input("b", Some(f64::NAN), None),
                input("c", Some(-5.0), None),
                input("d", Some(f64::INFINITY), None),
                input("e", Some(10.0), None),
            ],
            Some((f64::INFINITY, String::new())),
            false,
        );
        assert!(chart.bars[..4].iter().all(|b| b.length == 0.0), "{:?}", chart.bars);
        assert_eq!(chart.bars[4].length, WIDTH - VALUE_ROOM);
        assert!(chart.threshold.is_none());
    }

    #[test]
    fn lines_skip_rounds_without_a_value() {
        let p = |label: &str, value| PointInput { label: label.into(), value, shown: String::new() };
        let chart = line(vec![p("3/2023", Some(10.0)), p("6/2023", None), p("9/2023", Some(20.0))], Some(20.0), None);
        assert_eq!(chart.points[0].x, LEFT);
        assert_eq!(chart.points[2].x, WIDTH - RIGHT);
        assert_eq!(chart.points[1].y, None);
        assert_eq!(chart.points[2].y, Some(TOP));
        assert_eq!(chart.points[0].y, Some(round(TOP + (HEIGHT - TOP - BOTTOM) / 2.0)));
        assert_eq!(chart.line.split(' ').count(), 2);
        let single = line(vec![p("9/2023", Some(1.0))], None, None);
        assert_eq!(single.points[0].x, LEFT + (WIDTH - LEFT - RIGHT) / 2.0);
    }
}
