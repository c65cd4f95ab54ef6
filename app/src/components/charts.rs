//! Charts drawn by the app itself as SVG (no charting library reaches the browser): the score
//! distribution and a radar of one proposal's criteria. Each is a string of SVG for a
//! server-rendered page, with a text alternative for screen readers.

use leptos::prelude::*;

// Text in SVG content and attribute values.
use super::escape_html as esc;

/// How many scores fall in each tenth of 0–100 (100 itself counts in the last).
pub fn bins(scores: impl Iterator<Item = f64>) -> [u32; 10] {
    let mut out = [0u32; 10];
    for s in scores {
        let i = ((s / 10.0).floor().max(0.0) as usize).min(9);
        out[i] += 1;
    }
    out
}

/// A bar chart of the ten bins, labelled 0–10 … 90–100. `label` is the chart's accessible name.
pub fn histogram(counts: &[u32; 10], label: &str) -> String {
    let (w, h, pad) = (400.0, 180.0, 24.0);
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bar = (w - 2.0 * pad) / 10.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(label),
        esc(label)
    );
    svg.push_str(&format!(
        r#"<line x1="{pad}" y1="{y}" x2="{x2}" y2="{y}" class="axis"/>"#,
        y = h - pad,
        x2 = w - pad
    ));
    for (i, n) in counts.iter().enumerate() {
        let height = (h - 2.0 * pad - 12.0) * (*n as f64) / max;
        let x = pad + bar * i as f64;
        let y = h - pad - height;
        svg.push_str(&format!(
            r#"<rect class="bar" x="{:.1}" y="{y:.1}" width="{:.1}" height="{height:.1}"><title>{}–{}: {n}</title></rect>"#,
            x + 2.0,
            bar - 4.0,
            i * 10,
            i * 10 + 10
        ));
        if *n > 0 {
            svg.push_str(&format!(
                r#"<text x="{:.1}" y="{:.1}" class="count">{n}</text>"#,
                x + bar / 2.0,
                y - 3.0
            ));
        }
        svg.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" class="tick">{}</text>"#,
            x + bar / 2.0,
            h - pad + 14.0,
            i * 10
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A radar of criteria: each axis one criterion, each value its place on the scale (0–1);
/// a missing value sits at the centre.
pub fn radar(axes: &[(String, Option<f64>)], label: &str) -> String {
    let (size, r) = (360.0f64, 120.0f64);
    let c = size / 2.0;
    let n = axes.len().max(1) as f64;
    let point = |i: usize, v: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
        (c + r * v * angle.cos(), c + r * v * angle.sin())
    };
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" viewBox="0 0 {size} {size}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(label),
        esc(label)
    );
    for ring in [0.25, 0.5, 0.75, 1.0] {
        let pts: Vec<String> = (0..axes.len())
            .map(|i| {
                let (x, y) = point(i, ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        svg.push_str(&format!(
            r#"<polygon class="ring" points="{}"/>"#,
            pts.join(" ")
        ));
    }
    let mut shape = Vec::new();
    for (i, (name, value)) in axes.iter().enumerate() {
        let (x, y) = point(i, 1.0);
        svg.push_str(&format!(
            r#"<line class="axis" x1="{c}" y1="{c}" x2="{x:.1}" y2="{y:.1}"/>"#
        ));
        let (lx, ly) = point(i, 1.18);
        let anchor = if (lx - c).abs() < 1.0 {
            "middle"
        } else if lx > c {
            "start"
        } else {
            "end"
        };
        svg.push_str(&format!(
            r#"<text class="tick" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text>"#,
            esc(name)
        ));
        let (px, py) = point(i, value.unwrap_or(0.0).clamp(0.0, 1.0));
        shape.push(format!("{px:.1},{py:.1}"));
    }
    svg.push_str(&format!(
        r#"<polygon class="shape" points="{}"/>"#,
        shape.join(" ")
    ));
    svg.push_str("</svg>");
    svg
}

/// Places an SVG string made above into the page.
#[component]
pub fn Chart(svg: String) -> impl IntoView {
    view! { <figure class="chart-box" inner_html=svg></figure> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_count_each_tenth_and_hundred_counts_last() {
        let b = bins([0.0, 9.99, 10.0, 55.5, 100.0, 99.0].into_iter());
        assert_eq!(b, [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    }

    #[test]
    fn the_histogram_has_a_bar_per_bin_and_escapes_its_label() {
        let svg = histogram(
            &[0, 1, 2, 0, 0, 0, 0, 0, 0, 4],
            "Nilai <akhir> & \"sebaran\"",
        );
        assert_eq!(svg.matches("<rect").count(), 10);
        assert!(svg.contains("aria-label=\"Nilai &lt;akhir&gt; &amp; &quot;sebaran&quot;\""));
        assert!(svg.contains("<title>90–100: 4</title>"));
        // The tallest bar is the 4: full height (180 − 48 − 12 = 120).
        assert!(svg.contains("height=\"120.0\""));
    }

    #[test]
    fn the_radar_puts_a_full_score_on_the_outer_ring() {
        let svg = radar(
            &[
                ("A".into(), Some(1.0)),
                ("B".into(), Some(0.5)),
                ("C".into(), None),
                ("D".into(), Some(0.0)),
            ],
            "Kriteria",
        );
        // First axis points up: a full score sits at (180, 60).
        assert!(svg.contains("class=\"shape\" points=\"180.0,60.0"));
        assert_eq!(svg.matches("class=\"ring\"").count(), 4);
        assert!(svg.contains(">C</text>"));
    }
}
