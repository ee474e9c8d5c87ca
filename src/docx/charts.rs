//! The charts of a document as pictures for its `.docx`: typst draws the
//! same component the PDF shows (`components.typ`) alone on a page as wide
//! as the text, into a PNG. The small Typst file that asks for it names
//! only the component; fonts and sizes come from `meta.json`, read by
//! typst as data, so no user text becomes Typst source.

/// The components drawn as charts.
pub const CHART_COMPONENTS: [&str; 2] = ["village-chart", "progress-chart"];

/// Resolution of the pictures: sharp when printed, about 100 KB a chart.
pub const PPI: u32 = 200;

/// A chart made into a PNG.
#[derive(Debug, Clone)]
pub struct Chart {
    pub component: String,
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
}

impl Chart {
    /// `None` when `png` is not a PNG.
    pub fn new(component: &str, png: Vec<u8>) -> Option<Chart> {
        let (width_px, height_px) = png_size(&png)?;
        Some(Chart { component: component.to_string(), png, width_px, height_px })
    }
    pub fn width_emu(&self) -> u32 {
        emu(self.width_px)
    }
    pub fn height_emu(&self) -> u32 {
        emu(self.height_px)
    }
}

/// Pixels at `PPI` to English metric units (914,400 an inch).
fn emu(px: u32) -> u32 {
    (u64::from(px) * 914_400 / u64::from(PPI)).min(u64::from(u32::MAX)) as u32
}

/// Width and height from a PNG's header chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: [u8; 8] = [137, 80, 78, 71, 13, 10, 26, 10];
    if png.len() < 24 || png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    Some((be(16), be(20)))
}

/// The Typst source that draws `component` alone, in the staging folder
/// beside `main.typ`. `text_width_mm` is the page's text width.
pub fn chart_source(component: &str, text_width_mm: f64) -> String {
    debug_assert!(CHART_COMPONENTS.contains(&component));
    format!(
        "// Tệp do ntm tạo: hình biểu đồ cho bản Word (.docx).\n\
         #import \"layouts/components.typ\": component\n\
         #let meta = json(\"meta.json\")\n\
         #let s = meta.at(\"settings\", default: (:))\n\
         #let font = s.at(\"font\", default: (\"Times New Roman\", \"Liberation Serif\"))\n\
         #set page(width: {text_width_mm:.1}mm, height: auto, margin: (x: 0pt, y: 2mm), fill: white)\n\
         #set text(font: font, fallback: false, lang: \"vi\", hyphenate: false, size: s.at(\"body_size\", default: 14) * 1pt, top-edge: 0.8em, bottom-edge: -0.2em)\n\
         #set par(justify: false, first-line-indent: 0pt)\n\
         #component(\"{component}\")\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_size_of_a_png() {
        let mut png = vec![137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13];
        png.extend(b"IHDR");
        png.extend(1300u32.to_be_bytes());
        png.extend(400u32.to_be_bytes());
        let chart = Chart::new("village-chart", png).unwrap();
        assert_eq!((chart.width_px, chart.height_px), (1300, 400));
        assert_eq!(chart.width_emu(), 1300 * 914_400 / 200);
        assert!(Chart::new("village-chart", b"GIF89a".to_vec()).is_none());
    }
}
