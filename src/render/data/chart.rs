//! The scale of a line chart, computed here so that every number a chart
//! prints is written by `vi::number` like every other figure: the layout
//! (`charts.typ`) only places the ticks and labels it is given.
//!
//! The y range holds the data and the threshold, padded by a tenth each
//! side and widened to whole "nice" steps (1, 2, 2,5 or 5 × 10^k, about
//! four of them); rates and counts never get an axis below zero.

use serde::Serialize;

use crate::vi::number::{number_vi, number_vi_fixed};

/// A chart's y axis: its range and its ticks with their labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AxisView {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<TickView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TickView {
    pub value: f64,
    pub label: String,
}

/// The axis for `values` (`None`: a round without a value) and a threshold.
pub fn axis(values: &[Option<f64>], threshold: Option<f64>) -> AxisView {
    let all: Vec<f64> = values.iter().flatten().copied().chain(threshold).filter(|v| v.is_finite()).collect();
    let mut lo = all.iter().copied().reduce(f64::min).unwrap_or(0.0);
    let mut hi = all.iter().copied().reduce(f64::max).unwrap_or(1.0);
    // Judged before padding: a flat series of zeros is still a rate.
    let never_negative = lo >= 0.0;
    if hi - lo < 1e-9 {
        let pad = (hi.abs() * 0.1).max(1.0);
        lo -= pad;
        hi += pad;
    }
    let span = hi - lo;
    let step = nice_step(span * 1.2 / 4.0);
    let mut min = ((lo - span * 0.1) / step).floor() * step;
    let max = ((hi + span * 0.1) / step).ceil() * step;
    if min < 0.0 && never_negative {
        min = 0.0;
    }
    let decimals = decimals(step, 6);
    let count = ((max - min) / step).round() as usize;
    let ticks = (0..=count)
        .map(|k| {
            let value = min + k as f64 * step;
            TickView { value, label: number_vi_fixed(value, decimals) }
        })
        .collect();
    AxisView { min, max, ticks }
}

/// A value's label on a chart: two decimals at most, four below 1 (so
/// 0,0015 does not print as 0), trailing zeros dropped.
pub fn value_label(value: f64) -> String {
    number_vi(value, if value.abs() >= 1.0 { 2 } else { 4 })
}

/// A "nice" step (1, 2, 2.5 or 5 × 10^k) for about `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let base = 10f64.powf(raw.log10().floor());
    let f = raw / base;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * base
}

/// Decimals needed to write `x` exactly, at most `max`.
fn decimals(x: f64, max: u32) -> u32 {
    (0..=max)
        .find(|&k| {
            let scaled = x * 10f64.powi(k as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(axis: &AxisView) -> Vec<&str> {
        axis.ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn rates_get_nice_steps_from_zero_or_above() {
        let a = axis(&[Some(56.25), Some(62.5), None, Some(74.88)], Some(80.0));
        assert_eq!(labels(&a), ["50", "60", "70", "80", "90"]);
        assert_eq!((a.min, a.max), (50.0, 90.0));
    }

    #[test]
    fn a_flat_series_is_padded_and_never_below_zero() {
        let a = axis(&[Some(0.0), Some(0.0)], None);
        assert_eq!(a.min, 0.0);
        assert!(a.max >= 1.0, "{a:?}");
        let one = axis(&[Some(3.0)], None);
        assert!(one.min < 3.0 && one.max > 3.0, "{one:?}");
    }

    #[test]
    fn decimal_steps_write_their_decimals_on_every_tick() {
        let a = axis(&[Some(1.1), Some(1.9)], None);
        assert!(labels(&a).iter().all(|l| l.contains(',')), "{:?}", labels(&a));
    }

    #[test]
    fn no_data_is_still_an_axis() {
        let a = axis(&[None, None], None);
        assert!(!a.ticks.is_empty());
    }

    #[test]
    fn values_keep_small_figures() {
        assert_eq!(value_label(51.392), "51,39");
        assert_eq!(value_label(0.0015), "0,0015");
        assert_eq!(value_label(94.0), "94");
    }
}
