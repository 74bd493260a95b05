//! Horizontal bar charts drawn as SVG, always with a table of the same numbers beside them
//! (`templates/bar_chart.html`), so that screen readers, people who copy figures and people
//! without SVG get every number.

/// The width, in SVG units, of the longest bar.
const BAR_SPACE: u64 = 300;
/// The height, in SVG units, of one bar's row.
const ROW: u32 = 28;

/// One bar: its label, its value, and where the template draws it.
pub struct Bar {
    pub label: String,
    pub value: u64,
    /// The value as a share of the total, e.g. `42.9`.
    pub percent: String,
    pub width: u64,
    pub y: u32,
}

/// A chart with its accessible names: the SVG's title and the table's caption and headings.
pub struct BarChart {
    /// Unique on the page: the SVG's title is labelled by `<id>-title`.
    pub id: String,
    pub title: String,
    pub label_heading: String,
    pub value_heading: String,
    pub bars: Vec<Bar>,
    pub total: u64,
    /// Whether the table shows each value's share of the total (not for seats, say).
    pub shares: bool,
    pub height: u32,
}

impl BarChart {
    /// A chart of `(label, value)` rows, in the order given.
    pub fn new(
        id: &str,
        title: String,
        label_heading: String,
        value_heading: String,
        rows: Vec<(String, u64)>,
    ) -> Self {
        let largest = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
        let total: u64 = rows.iter().map(|(_, n)| n).sum();
        let bars: Vec<Bar> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, value))| Bar {
                percent: format!("{:.1}", value as f64 * 100.0 / total.max(1) as f64),
                width: value * BAR_SPACE / largest,
                y: i as u32 * ROW,
                label,
                value,
            })
            .collect();
        BarChart {
            id: id.to_owned(),
            title,
            label_heading,
            value_heading,
            height: (bars.len() as u32 * ROW).max(ROW),
            bars,
            total,
            shares: true,
        }
    }

    /// The same without the shares column.
    pub fn without_shares(self) -> Self {
        BarChart {
            shares: false,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_shares_to_the_total() {
        let chart = BarChart::new(
            "c",
            "t".into(),
            "l".into(),
            "v".into(),
            vec![("a".into(), 6), ("b".into(), 2), ("c".into(), 0)],
        );
        let widths: Vec<u64> = chart.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, [BAR_SPACE, BAR_SPACE / 3, 0]);
        let shares: Vec<&str> = chart.bars.iter().map(|b| b.percent.as_str()).collect();
        assert_eq!(shares, ["75.0", "25.0", "0.0"]);
        assert_eq!(chart.total, 8);
        assert_eq!(chart.bars[2].y, 2 * ROW);
        let empty = BarChart::new("e", "t".into(), "l".into(), "v".into(), Vec::new());
        assert_eq!((empty.total, empty.height), (0, ROW));
    }
}
