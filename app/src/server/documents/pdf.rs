//! The certificate and the score recap as PDF.
//!
//! Text is set in the PDF standard fonts with WinAnsiEncoding, so nothing is embedded and the
//! files stay small; the price is that only Western European characters print (anything else
//! becomes `?`), which covers Indonesian. Content streams are left uncompressed so that the text
//! can be searched and extracted. Widths for centring and wrapping come from the fonts' Adobe
//! metrics at the end of this file.

use std::mem;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::crest::Pixels;
use super::{Certificate, Recap, RecapColumns, RecapRow, SignatureBlock};

/// A4 in points.
const A4_SHORT: f32 = 595.0;
const A4_LONG: f32 = 842.0;

/// What an absent rank or score prints as.
const NONE_MARK: &str = "\u{2013}";

/// The winner's certificate: one landscape A4 page.
pub fn certificate(c: &Certificate) -> Vec<u8> {
    let page = certificate_page(c);
    assemble(
        vec![page],
        (A4_LONG, A4_SHORT),
        &c.heading,
        c.crest.as_ref(),
    )
}

/// The score recap: portrait A4, as many pages as the table needs, with the panel's signature
/// lines kept together at the end.
pub fn recap(r: &Recap) -> Vec<u8> {
    let mut flow = Flow::new();
    recap_letterhead(&mut flow, r);
    recap_heading(&mut flow, r);
    recap_table(&mut flow, &r.columns, &r.rows);
    recap_panel(&mut flow, r);
    let mut pages = flow.finish();
    recap_footers(&mut pages, &r.footer, &r.page_label);
    assemble(pages, (A4_SHORT, A4_LONG), &r.title, r.crest.as_ref())
}

// ---------------------------------------------------------------------------------------------
// Fonts and text measurement

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Font {
    Helvetica,
    HelveticaBold,
    TimesRoman,
    TimesBold,
    TimesItalic,
}

impl Font {
    const ALL: [Font; 5] = [
        Font::Helvetica,
        Font::HelveticaBold,
        Font::TimesRoman,
        Font::TimesBold,
        Font::TimesItalic,
    ];

    fn resource(self) -> Name<'static> {
        let name: &'static [u8] = match self {
            Font::Helvetica => b"F1",
            Font::HelveticaBold => b"F2",
            Font::TimesRoman => b"F3",
            Font::TimesBold => b"F4",
            Font::TimesItalic => b"F5",
        };
        Name(name)
    }

    fn base_font(self) -> Name<'static> {
        let name: &'static [u8] = match self {
            Font::Helvetica => b"Helvetica",
            Font::HelveticaBold => b"Helvetica-Bold",
            Font::TimesRoman => b"Times-Roman",
            Font::TimesBold => b"Times-Bold",
            Font::TimesItalic => b"Times-Italic",
        };
        Name(name)
    }

    /// Advance width of a WinAnsi code in thousandths of the font size.
    fn advance(self, code: u8) -> u16 {
        let table = match self {
            Font::Helvetica => &metrics::HELVETICA,
            Font::HelveticaBold => &metrics::HELVETICA_BOLD,
            Font::TimesRoman => &metrics::TIMES_ROMAN,
            Font::TimesBold => &metrics::TIMES_BOLD,
            Font::TimesItalic => &metrics::TIMES_ITALIC,
        };
        code.checked_sub(32)
            .and_then(|i| table.get(usize::from(i)))
            .copied()
            .unwrap_or(0)
    }
}

/// Maps text to WinAnsiEncoding (Windows-1252), the only encoding the standard fonts have
/// without embedding; what it cannot show becomes `?` rather than a wrong glyph.
fn winansi(s: &str) -> Vec<u8> {
    s.chars().map(winansi_byte).collect()
}

fn winansi_byte(c: char) -> u8 {
    match c {
        ' '..='~' | '\u{a0}'..='\u{ff}' => u8::try_from(u32::from(c)).unwrap_or(b'?'),
        // Stray line breaks and typographic spaces inside a line are still spaces.
        '\t' | '\n' | '\r' | '\u{2002}'..='\u{200a}' | '\u{202f}' => b' ',
        '\u{2010}' | '\u{2011}' | '\u{2212}' => b'-',
        '\u{20ac}' => 0x80,
        '\u{201a}' => 0x82,
        '\u{0192}' => 0x83,
        '\u{201e}' => 0x84,
        '\u{2026}' => 0x85,
        '\u{2020}' => 0x86,
        '\u{2021}' => 0x87,
        '\u{02c6}' => 0x88,
        '\u{2030}' => 0x89,
        '\u{0160}' => 0x8a,
        '\u{2039}' => 0x8b,
        '\u{0152}' => 0x8c,
        '\u{017d}' => 0x8e,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201c}' => 0x93,
        '\u{201d}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{02dc}' => 0x98,
        '\u{2122}' => 0x99,
        '\u{0161}' => 0x9a,
        '\u{203a}' => 0x9b,
        '\u{0153}' => 0x9c,
        '\u{017e}' => 0x9e,
        '\u{0178}' => 0x9f,
        _ => b'?',
    }
}

type Rgb = (f32, f32, f32);

const BLACK: Rgb = (0.0, 0.0, 0.0);
const GREY: Rgb = (0.35, 0.35, 0.35);
const NAVY: Rgb = (0.11, 0.20, 0.38);
const GOLD: Rgb = (0.72, 0.56, 0.22);

/// A font at a size in a colour: everything needed to measure and set a run of text.
#[derive(Clone, Copy, Debug)]
struct Style {
    font: Font,
    size: f32,
    color: Rgb,
}

impl Style {
    const fn new(font: Font, size: f32) -> Self {
        Style {
            font,
            size,
            color: BLACK,
        }
    }

    const fn colored(self, color: Rgb) -> Self {
        Style { color, ..self }
    }

    fn scaled(self, factor: f32) -> Self {
        Style {
            size: self.size * factor,
            ..self
        }
    }

    /// Baseline-to-baseline distance.
    fn leading(self) -> f32 {
        self.size * 1.3
    }

    fn width(self, text: &str) -> f32 {
        text.chars().map(|c| self.char_width(c)).sum()
    }

    fn char_width(self, c: char) -> f32 {
        f32::from(self.font.advance(winansi_byte(c))) * self.size / 1000.0
    }

    /// Greedy line breaking at spaces; a word wider than the line is cut between characters so
    /// that nothing runs past a margin or into the next column. Always at least one line.
    fn wrap(self, text: &str, max_width: f32) -> Vec<String> {
        let space = self.width(" ");
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split_whitespace() {
            let word_width = self.width(word);
            if !line.is_empty() && line_width + space + word_width <= max_width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(mem::take(&mut line));
            }
            let mut pieces = self.split_word(word, max_width);
            line = pieces.pop().unwrap_or_default();
            line_width = self.width(&line);
            lines.extend(pieces);
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn split_word(self, word: &str, max_width: f32) -> Vec<String> {
        let mut pieces = vec![String::new()];
        let mut width = 0.0;
        for c in word.chars() {
            let w = self.char_width(c);
            if width + w > max_width && width > 0.0 {
                pieces.push(String::new());
                width = 0.0;
            }
            if let Some(piece) = pieces.last_mut() {
                piece.push(c);
            }
            width += w;
        }
        pieces
    }

    /// `wrap`, cut to `max_lines` with an ellipsis marking what was left out.
    fn wrap_at_most(self, text: &str, max_width: f32, max_lines: usize) -> Vec<String> {
        let mut lines = self.wrap(text, max_width);
        if lines.len() > max_lines.max(1) {
            lines.truncate(max_lines.max(1));
            if let Some(last) = lines.last_mut() {
                *last = self.with_ellipsis(last, max_width);
            }
        }
        lines
    }

    fn with_ellipsis(self, line: &str, max_width: f32) -> String {
        let ellipsis = '\u{2026}';
        let room = max_width - self.char_width(ellipsis);
        let mut kept = line.trim_end().to_string();
        while !kept.is_empty() && self.width(&kept) > room {
            kept.pop();
        }
        format!("{}{ellipsis}", kept.trim_end())
    }

    /// One line that fits: shrunk down to `min_size` first, then cut with an ellipsis.
    fn fit_line(self, text: &str, max_width: f32, min_size: f32) -> (Style, String) {
        let width = self.width(text);
        let style = if width > max_width && width > 0.0 {
            Style {
                size: (self.size * max_width / width).max(min_size),
                ..self
            }
        } else {
            self
        };
        let line = style.wrap_at_most(text, max_width, 1).concat();
        (style, line)
    }
}

fn rank_text(rank: Option<u32>) -> String {
    rank.map_or_else(|| NONE_MARK.to_string(), |r| r.to_string())
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// One page's content stream with the few drawing operations the documents need.
struct Canvas {
    content: Content,
}

#[derive(Clone, Copy, Debug)]
struct Stroke {
    width: f32,
    color: Rgb,
    dotted: bool,
}

impl Stroke {
    const fn new(width: f32, color: Rgb) -> Self {
        Stroke {
            width,
            color,
            dotted: false,
        }
    }

    const fn dotted(self) -> Self {
        Stroke {
            dotted: true,
            ..self
        }
    }
}

impl Canvas {
    fn new() -> Self {
        Canvas {
            content: Content::new(),
        }
    }

    /// Each run is its own text object, so extraction yields one line per run.
    fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        let bytes = winansi(text);
        let (r, g, b) = style.color;
        self.content
            .begin_text()
            .set_fill_rgb(r, g, b)
            .set_font(style.font.resource(), style.size)
            .next_line(x, baseline)
            .show(Str(&bytes))
            .end_text();
    }

    fn text_centered(&mut self, center: f32, baseline: f32, style: Style, text: &str) {
        self.text(center - style.width(text) / 2.0, baseline, style, text);
    }

    fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        self.text(right - style.width(text), baseline, style, text);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), stroke: Stroke) {
        self.with_stroke(stroke, |c| {
            c.move_to(from.0, from.1).line_to(to.0, to.1).stroke();
        });
    }

    fn frame(&mut self, rect: Rect, stroke: Stroke) {
        self.with_stroke(stroke, |c| {
            c.rect(rect.x1, rect.y1, rect.x2 - rect.x1, rect.y2 - rect.y1)
                .stroke();
        });
    }

    fn fill(&mut self, rect: Rect, color: Rgb) {
        let (r, g, b) = color;
        self.content
            .save_state()
            .set_fill_rgb(r, g, b)
            .rect(rect.x1, rect.y1, rect.x2 - rect.x1, rect.y2 - rect.y1)
            .fill_nonzero()
            .restore_state();
    }

    /// The document's image (`assemble`'s `image`) scaled into `rect`.
    fn image(&mut self, rect: Rect) {
        self.content
            .save_state()
            .transform([
                rect.x2 - rect.x1,
                0.0,
                0.0,
                rect.y2 - rect.y1,
                rect.x1,
                rect.y1,
            ])
            .x_object(Name(IMAGE))
            .restore_state();
    }

    /// Stroke settings are scoped with q/Q so a dash pattern never leaks into later lines.
    fn with_stroke(&mut self, stroke: Stroke, draw: impl FnOnce(&mut Content)) {
        let (r, g, b) = stroke.color;
        self.content
            .save_state()
            .set_line_width(stroke.width)
            .set_stroke_rgb(r, g, b);
        if stroke.dotted {
            self.content
                .set_line_cap(pdf_writer::types::LineCapStyle::RoundCap)
                .set_dash_pattern([0.0, stroke.width * 3.0], 0.0);
        }
        draw(&mut self.content);
        self.content.restore_state();
    }
}

/// The resource name pages draw the document's one image under.
const IMAGE: &[u8] = b"Im1";

/// Writes the pages into one PDF, with the five standard fonts and the image (if any) shared by
/// every page.
fn assemble(
    pages: Vec<Canvas>,
    (width, height): (f32, f32),
    title: &str,
    image: Option<&Pixels>,
) -> Vec<u8> {
    let mut next_id = Ref::new(1);
    let catalog_id = next_id.bump();
    let tree_id = next_id.bump();
    let info_id = next_id.bump();
    let fonts: Vec<(Font, Ref)> = Font::ALL.iter().map(|f| (*f, next_id.bump())).collect();
    let image_ids = image.map(|_| (next_id.bump(), next_id.bump()));
    let mut page_ids = Vec::with_capacity(pages.len());
    let mut count = 0;
    for _ in &pages {
        page_ids.push((next_id.bump(), next_id.bump()));
        count += 1;
    }

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(page, _)| *page))
        .count(count);
    pdf.document_info(info_id).title(TextStr(title));
    for (font, id) in &fonts {
        // The explicit encoding makes viewers and text extraction agree with what `winansi` wrote.
        pdf.type1_font(*id)
            .base_font(font.base_font())
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    if let (Some(pixels), Some((image_id, mask_id))) = (image, image_ids) {
        write_image(&mut pdf, pixels, image_id, mask_id);
    }
    for ((page_id, content_id), canvas) in page_ids.into_iter().zip(pages) {
        let mut page = pdf.page(page_id);
        page.parent(tree_id)
            .media_box(Rect::new(0.0, 0.0, width, height))
            .contents(content_id);
        let mut resources = page.resources();
        let mut font_dict = resources.fonts();
        for (font, id) in &fonts {
            font_dict.pair(font.resource(), *id);
        }
        font_dict.finish();
        if let Some((image_id, _)) = image_ids {
            resources.x_objects().pair(Name(IMAGE), image_id);
        }
        resources.finish();
        page.finish();
        let data = canvas.content.finish();
        pdf.stream(content_id, &data);
    }
    pdf.finish()
}

/// An RGB image with its alpha as a soft mask, both already Flate-compressed.
fn write_image(pdf: &mut Pdf, pixels: &Pixels, image_id: Ref, mask_id: Ref) {
    let (width, height) = (pixels.width as i32, pixels.height as i32);
    let mut image = pdf.image_xobject(image_id, &pixels.rgb);
    image.filter(pdf_writer::Filter::FlateDecode);
    image.width(width).height(height).color_space().device_rgb();
    image.bits_per_component(8);
    if pixels.alpha.is_some() {
        image.s_mask(mask_id);
    }
    image.finish();
    if let Some(alpha) = &pixels.alpha {
        let mut mask = pdf.image_xobject(mask_id, alpha);
        mask.filter(pdf_writer::Filter::FlateDecode);
        mask.width(width).height(height).color_space().device_gray();
        mask.bits_per_component(8);
        mask.finish();
    }
}

// ---------------------------------------------------------------------------------------------
// Certificate: landscape A4

const CERT_CENTER: f32 = A4_LONG / 2.0;
/// Widest centred line: well inside the inner frame.
const CERT_TEXT_WIDTH: f32 = 640.0;
/// The body ends above the signer's block.
const CERT_BODY_BOTTOM: f32 = 200.0;
const CERT_SIGNER_CENTER: f32 = 640.0;
const CERT_SIGNER_WIDTH: f32 = 250.0;
/// The crest's box, centred at the top.
const CREST_SIDE: f32 = 58.0;
const CREST_TOP: f32 = 556.0;
/// The QR code in the bottom-left corner, and the number and address beside it.
const QR_LEFT: f32 = 48.0;
const QR_BOTTOM: f32 = 48.0;
const QR_SIDE: f32 = 76.0;
const QR_TEXT_LEFT: f32 = QR_LEFT + QR_SIDE + 10.0;
const QR_TEXT_WIDTH: f32 = CERT_SIGNER_CENTER - CERT_SIGNER_WIDTH / 2.0 - QR_TEXT_LEFT - 20.0;

fn certificate_page(c: &Certificate) -> Canvas {
    let mut page = Canvas::new();
    certificate_frame(&mut page);
    let heading_baseline = certificate_top(&mut page, c);
    certificate_heading(&mut page, &c.heading, heading_baseline);
    certificate_body(&mut page, c, heading_baseline - 42.0);
    certificate_signer(&mut page, c);
    certificate_verification(&mut page, c);
    page
}

/// Where the crest goes: within a `side` square whose top edge is centred at (`center`, `top`),
/// its proportions kept.
fn crest_box(crest: &Pixels, center: f32, top: f32, side: f32) -> Rect {
    let (w, h) = (crest.width as f32, crest.height as f32);
    let scale = side / w.max(h).max(1.0);
    let (w, h) = (w * scale, h * scale);
    Rect::new(center - w / 2.0, top - h, center + w / 2.0, top)
}

/// The crest and the government's name above the heading; returns where the heading goes.
fn certificate_top(page: &mut Canvas, c: &Certificate) -> f32 {
    let mut y = 497.0;
    if let Some(crest) = &c.crest {
        page.image(crest_box(crest, CERT_CENTER, CREST_TOP, CREST_SIDE));
        y = CREST_TOP - CREST_SIDE - 14.0;
    } else if !c.government.trim().is_empty() {
        y = 540.0;
    }
    if !c.government.trim().is_empty() {
        let style = Style::new(Font::TimesBold, 15.0).colored(NAVY);
        let (style, line) = style.fit_line(&c.government, CERT_TEXT_WIDTH, 9.0);
        page.text_centered(CERT_CENTER, y, style, &line);
        y -= 44.0;
    }
    y
}

fn certificate_frame(page: &mut Canvas) {
    let inset = |d: f32| Rect::new(d, d, A4_LONG - d, A4_SHORT - d);
    page.frame(inset(20.0), Stroke::new(3.0, NAVY));
    page.frame(inset(28.0), Stroke::new(0.8, GOLD));
}

fn certificate_heading(page: &mut Canvas, heading: &str, baseline: f32) {
    let heading_style = Style::new(Font::TimesBold, 34.0).colored(NAVY);
    let (style, line) = heading_style.fit_line(heading, 700.0, 18.0);
    page.text_centered(CERT_CENTER, baseline, style, &line);
    let rule = Stroke::new(1.2, GOLD);
    let y = baseline - 17.0;
    page.line((CERT_CENTER - 140.0, y), (CERT_CENTER + 140.0, y), rule);
}

/// The number, the QR code of the verification address, and the address as text for whoever
/// cannot scan it.
fn certificate_verification(page: &mut Canvas, c: &Certificate) {
    if let Ok(code) =
        qrcode::QrCode::with_error_correction_level(c.verify_address.as_bytes(), qrcode::EcLevel::M)
    {
        let modules = code.width();
        let colors = code.to_colors();
        let unit = QR_SIDE / modules as f32;
        for (row, line) in colors.chunks(modules).enumerate() {
            // Runs of dark modules as one rectangle each: fewer operations, no hairline gaps.
            let mut col = 0;
            while col < modules {
                if line[col] != qrcode::Color::Dark {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < modules && line[col] == qrcode::Color::Dark {
                    col += 1;
                }
                let top = QR_BOTTOM + QR_SIDE - row as f32 * unit;
                page.fill(
                    Rect::new(
                        QR_LEFT + start as f32 * unit,
                        top - unit,
                        QR_LEFT + col as f32 * unit,
                        top,
                    ),
                    BLACK,
                );
            }
        }
    }
    let number = Style::new(Font::HelveticaBold, 9.0);
    let (style, line) = number.fit_line(&c.number, QR_TEXT_WIDTH, 6.0);
    page.text(QR_TEXT_LEFT, QR_BOTTOM + 52.0, style, &line);
    let small = Style::new(Font::Helvetica, 8.0).colored(GREY);
    page.text(QR_TEXT_LEFT, QR_BOTTOM + 36.0, small, &c.verify_label);
    let address = Style::new(Font::Helvetica, 8.0);
    let (style, line) = address.fit_line(&c.verify_address, QR_TEXT_WIDTH, 5.0);
    page.text(QR_TEXT_LEFT, QR_BOTTOM + 24.0, style, &line);
}

/// One centred paragraph of the certificate's body.
struct Block<'a> {
    text: &'a str,
    style: Style,
    max_lines: usize,
}

/// The body wrapped at one common scale.
struct Body {
    blocks: Vec<(Style, Vec<String>)>,
    gap: f32,
    height: f32,
}

fn certificate_body(page: &mut Canvas, c: &Certificate, top: f32) {
    let label = Style::new(Font::TimesItalic, 15.0);
    let blocks = [
        Block {
            text: &c.given_to_label,
            style: label,
            max_lines: 2,
        },
        Block {
            text: &c.agency_name,
            style: Style::new(Font::TimesBold, 25.0).colored(NAVY),
            max_lines: 3,
        },
        Block {
            text: &c.for_label,
            style: label,
            max_lines: 2,
        },
        Block {
            text: &c.proposal_title,
            style: Style::new(Font::TimesBold, 21.0),
            max_lines: 4,
        },
        Block {
            text: &c.award_line,
            style: Style::new(Font::TimesRoman, 16.0),
            max_lines: 2,
        },
        Block {
            text: &c.competition_line,
            style: Style::new(Font::TimesRoman, 15.0),
            max_lines: 2,
        },
    ];
    let band = top - CERT_BODY_BOTTOM;
    let body = fit_body(&blocks, band);
    let mut y = top - (band - body.height).max(0.0) / 2.0;
    for (style, lines) in &body.blocks {
        for line in lines {
            page.text_centered(CERT_CENTER, y - style.size, *style, line);
            y -= style.leading();
        }
        y -= body.gap;
    }
}

/// Shrinks the whole body together until it fits the band, so a long title costs type size
/// rather than running into the signature; the line limits guarantee the smallest scale fits.
fn fit_body(blocks: &[Block], band: f32) -> Body {
    const SCALES: [f32; 9] = [1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5];
    let mut body = body_at(blocks, 1.0);
    for scale in SCALES {
        body = body_at(blocks, scale);
        if body.height <= band {
            break;
        }
    }
    body
}

fn body_at(blocks: &[Block], scale: f32) -> Body {
    let blocks: Vec<(Style, Vec<String>)> = blocks
        .iter()
        .filter(|b| !b.text.trim().is_empty())
        .map(|b| {
            let style = b.style.scaled(scale);
            (
                style,
                style.wrap_at_most(b.text, CERT_TEXT_WIDTH, b.max_lines),
            )
        })
        .collect();
    let gap = 10.0 * scale;
    let lines: f32 = blocks
        .iter()
        .map(|(style, lines)| style.leading() * lines.len() as f32)
        .sum();
    let height = lines + gap * blocks.len().saturating_sub(1) as f32;
    Body {
        blocks,
        gap,
        height,
    }
}

fn certificate_signer(page: &mut Canvas, c: &Certificate) {
    let plain = Style::new(Font::TimesRoman, 13.0);
    let (style, place) = plain.fit_line(&c.place_and_date, CERT_SIGNER_WIDTH, 9.0);
    page.text_centered(CERT_SIGNER_CENTER, 172.0, style, &place);
    let mut y = 156.0;
    for line in plain.wrap_at_most(&c.signer_title, CERT_SIGNER_WIDTH, 2) {
        page.text_centered(CERT_SIGNER_CENTER, y, plain, &line);
        y -= plain.leading();
    }
    let bold = Style::new(Font::TimesBold, 13.0);
    let (style, name) = bold.fit_line(&c.signer_name, CERT_SIGNER_WIDTH, 9.0);
    page.text_centered(CERT_SIGNER_CENTER, 82.0, style, &name);
    let half = style.width(&name) / 2.0;
    let underline = Stroke::new(0.6, BLACK);
    page.line(
        (CERT_SIGNER_CENTER - half, 79.0),
        (CERT_SIGNER_CENTER + half, 79.0),
        underline,
    );
    if !c.signer_nip.is_empty() {
        let nip = Style::new(Font::TimesRoman, 11.0);
        let (style, line) = nip.fit_line(&c.signer_nip, CERT_SIGNER_WIDTH, 8.0);
        page.text_centered(CERT_SIGNER_CENTER, 66.0, style, &line);
    }
}

// ---------------------------------------------------------------------------------------------
// Recap: portrait A4, flowing over pages

const MARGIN: f32 = 50.0;
const CONTENT_WIDTH: f32 = A4_SHORT - 2.0 * MARGIN;
const CONTENT_TOP: f32 = A4_LONG - 50.0;
/// Lowest point a line may reach; the footer lives below it.
const CONTENT_BOTTOM: f32 = 70.0;
const FOOTER_RULE_Y: f32 = 56.0;
const FOOTER_BASELINE: f32 = 44.0;

const TITLE: Style = Style::new(Font::HelveticaBold, 14.0);
const SUBTITLE: Style = Style::new(Font::Helvetica, 11.0);
const BODY: Style = Style::new(Font::Helvetica, 10.0);
const BODY_BOLD: Style = Style::new(Font::HelveticaBold, 11.0);
const CELL: Style = Style::new(Font::Helvetica, 8.5);
const HEAD_CELL: Style = Style::new(Font::HelveticaBold, 8.5);
const FOOTER: Style = Style::new(Font::Helvetica, 8.0).colored(GREY);

const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const HEADER_FILL: Rgb = (0.90, 0.92, 0.95);
const SECTION_GAP: f32 = 24.0;
const SIGNATURE_ROW: f32 = 26.0;

#[derive(Clone, Copy, Debug)]
enum Align {
    Left,
    Center,
    Right,
}

/// The pages of a flowing document and where the next line goes on the last one.
struct Flow {
    done: Vec<Canvas>,
    page: Canvas,
    y: f32,
}

impl Flow {
    fn new() -> Self {
        Flow {
            done: Vec::new(),
            page: Canvas::new(),
            y: CONTENT_TOP,
        }
    }

    fn room(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }

    fn new_page(&mut self) {
        self.done.push(mem::replace(&mut self.page, Canvas::new()));
        self.y = CONTENT_TOP;
    }

    /// Starts a new page unless `height` fits, and says whether it did. A fresh page is never
    /// given up for another, so something taller than a page is still printed.
    fn make_room(&mut self, height: f32) -> bool {
        let fresh = self.y >= CONTENT_TOP;
        if height > self.room() && !fresh {
            self.new_page();
            return true;
        }
        false
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn paragraph(&mut self, style: Style, text: &str, align: Align) {
        for line in style.wrap(text, CONTENT_WIDTH) {
            self.make_room(style.leading());
            let baseline = self.y - style.size;
            match align {
                Align::Left => self.page.text(MARGIN, baseline, style, &line),
                Align::Center => self
                    .page
                    .text_centered(A4_SHORT / 2.0, baseline, style, &line),
                Align::Right => self
                    .page
                    .text_right(A4_SHORT - MARGIN, baseline, style, &line),
            }
            self.y -= style.leading();
        }
    }

    fn paragraph_height(style: Style, text: &str) -> f32 {
        style.wrap(text, CONTENT_WIDTH).len() as f32 * style.leading()
    }

    fn finish(mut self) -> Vec<Canvas> {
        self.done.push(self.page);
        self.done
    }
}

/// The crest and the government's name over a rule, as on the regency's letterhead.
fn recap_letterhead(flow: &mut Flow, r: &Recap) {
    const SIDE: f32 = 46.0;
    if let Some(crest) = &r.crest {
        let area = crest_box(crest, A4_SHORT / 2.0, flow.y, SIDE);
        flow.page.image(area);
        flow.y = area.y1 - 6.0;
    }
    if !r.government.trim().is_empty() {
        flow.paragraph(
            Style::new(Font::TimesBold, 13.0).colored(NAVY),
            &r.government,
            Align::Center,
        );
        flow.gap(4.0);
        let y = flow.y;
        flow.page
            .line((MARGIN, y), (A4_SHORT - MARGIN, y), Stroke::new(1.2, BLACK));
        flow.gap(14.0);
    } else if r.crest.is_some() {
        flow.gap(8.0);
    }
}

fn recap_heading(flow: &mut Flow, r: &Recap) {
    flow.paragraph(TITLE, &r.title, Align::Center);
    if !r.subtitle.trim().is_empty() {
        flow.gap(2.0);
        flow.paragraph(SUBTITLE, &r.subtitle, Align::Center);
    }
    flow.gap(16.0);
    let paragraphs: Vec<&str> = r.intro.lines().filter(|l| !l.trim().is_empty()).collect();
    for paragraph in &paragraphs {
        flow.paragraph(BODY, paragraph, Align::Left);
        flow.gap(4.0);
    }
    if !paragraphs.is_empty() {
        flow.gap(8.0);
    }
}

/// The six columns' widths and the heading wrapped into them, laid out once for every page.
struct Table {
    widths: [f32; 6],
    header: Vec<Vec<String>>,
    header_height: f32,
    /// A row never gets more lines than a page holds under the header; beyond that it is cut.
    max_row_lines: usize,
}

const COLUMN_ALIGN: [Align; 6] = [
    Align::Center,
    Align::Left,
    Align::Left,
    Align::Left,
    Align::Right,
    Align::Left,
];

fn recap_table(flow: &mut Flow, columns: &RecapColumns, rows: &[RecapRow]) {
    let header = [
        columns.rank.clone(),
        columns.title.clone(),
        columns.agency.clone(),
        columns.category.clone(),
        columns.score.clone(),
        columns.award.clone(),
    ];
    let cells: Vec<[String; 6]> = rows.iter().map(row_cells).collect();
    let table = Table::new(&header, &cells);
    table.draw_header(flow);
    for row in &cells {
        table.draw_row(flow, row);
    }
    let rule = Stroke::new(0.8, BLACK);
    flow.page
        .line((MARGIN, flow.y), (A4_SHORT - MARGIN, flow.y), rule);
}

fn row_cells(row: &RecapRow) -> [String; 6] {
    [
        rank_text(row.rank),
        row.title.clone(),
        row.agency.clone(),
        row.category.clone(),
        row.score.clone().unwrap_or_else(|| NONE_MARK.to_string()),
        row.award.clone(),
    ]
}

/// Rank and score get what their widest entry or heading word needs; the text columns share the
/// rest, the title the most.
fn column_widths(header: &[String; 6], cells: &[[String; 6]]) -> [f32; 6] {
    let natural = |i: usize| {
        let head = header[i]
            .split_whitespace()
            .map(|w| HEAD_CELL.width(w))
            .fold(0.0, f32::max);
        let body = cells
            .iter()
            .map(|row| CELL.width(&row[i]))
            .fold(0.0, f32::max);
        (head.max(body) + 2.0 * CELL_PAD_X).min(CONTENT_WIDTH * 0.15)
    };
    let rank = natural(0);
    let score = natural(4);
    let rest = CONTENT_WIDTH - rank - score;
    [
        rank,
        rest * 0.38,
        rest * 0.26,
        rest * 0.17,
        score,
        rest * 0.19,
    ]
}

/// Each cell's text wrapped to its column.
fn lay_out(
    widths: &[f32; 6],
    cells: &[String; 6],
    style: Style,
    max_lines: usize,
) -> Vec<Vec<String>> {
    cells
        .iter()
        .zip(widths)
        .map(|(text, width)| style.wrap_at_most(text, width - 2.0 * CELL_PAD_X, max_lines))
        .collect()
}

fn row_height(lines: &[Vec<String>], style: Style) -> f32 {
    let most = lines.iter().map(Vec::len).max().unwrap_or(1);
    most as f32 * style.leading() + 2.0 * CELL_PAD_Y
}

impl Table {
    fn new(header: &[String; 6], cells: &[[String; 6]]) -> Self {
        let widths = column_widths(header, cells);
        let header = lay_out(&widths, header, HEAD_CELL, 3);
        let header_height = row_height(&header, HEAD_CELL);
        let page_room = CONTENT_TOP - CONTENT_BOTTOM - header_height - 2.0 * CELL_PAD_Y;
        let max_row_lines = (page_room / CELL.leading()).floor().max(1.0) as usize;
        Table {
            widths,
            header,
            header_height,
            max_row_lines,
        }
    }

    fn draw_header(&self, flow: &mut Flow) {
        let height = self.header_height;
        // A header alone at the foot of a page helps nobody: keep it with one row.
        flow.make_room(height + CELL.leading() + 2.0 * CELL_PAD_Y);
        let (top, bottom) = (flow.y, flow.y - height);
        flow.page.fill(
            Rect::new(MARGIN, bottom, A4_SHORT - MARGIN, top),
            HEADER_FILL,
        );
        let rule = Stroke::new(0.8, BLACK);
        flow.page
            .line((MARGIN, top), (A4_SHORT - MARGIN, top), rule);
        flow.page
            .line((MARGIN, bottom), (A4_SHORT - MARGIN, bottom), rule);
        self.draw_cells(&mut flow.page, top, &self.header, HEAD_CELL);
        flow.y = bottom;
    }

    fn draw_row(&self, flow: &mut Flow, cells: &[String; 6]) {
        let lines = lay_out(&self.widths, cells, CELL, self.max_row_lines);
        let height = row_height(&lines, CELL);
        if flow.make_room(height) {
            self.draw_header(flow);
        }
        let top = flow.y;
        self.draw_cells(&mut flow.page, top, &lines, CELL);
        flow.y -= height;
        let rule = Stroke::new(0.3, (0.6, 0.6, 0.6));
        flow.page
            .line((MARGIN, flow.y), (A4_SHORT - MARGIN, flow.y), rule);
    }

    fn draw_cells(&self, page: &mut Canvas, top: f32, lines: &[Vec<String>], style: Style) {
        // Centres the capitals of the first line in its share of the leading.
        let first_baseline = top - CELL_PAD_Y - (style.leading() + 0.7 * style.size) / 2.0;
        let mut left = MARGIN;
        for ((cell, width), align) in lines.iter().zip(self.widths).zip(COLUMN_ALIGN) {
            let mut baseline = first_baseline;
            for line in cell {
                match align {
                    Align::Left => page.text(left + CELL_PAD_X, baseline, style, line),
                    Align::Center => page.text_centered(left + width / 2.0, baseline, style, line),
                    Align::Right => {
                        page.text_right(left + width - CELL_PAD_X, baseline, style, line)
                    }
                }
                baseline -= style.leading();
            }
            left += width;
        }
    }
}

/// Place and date, the panel's heading and one signature line per judge, kept on one page.
fn recap_panel(flow: &mut Flow, r: &Recap) {
    // The audit seal under the signatures belongs to them: kept on the same page.
    let seal = if r.seal.is_empty() {
        0.0
    } else {
        SECTION_GAP + Flow::paragraph_height(BODY, &r.seal)
    };
    let acknowledged = r
        .signatory
        .as_ref()
        .map_or(0.0, |b| SECTION_GAP + signatory_height(b));
    let block = Flow::paragraph_height(BODY, &r.place_and_date)
        + 10.0
        + Flow::paragraph_height(BODY_BOLD, &r.panel_heading)
        + 6.0
        + r.panel.len() as f32 * SIGNATURE_ROW
        + acknowledged
        + seal;
    if !flow.make_room(block + SECTION_GAP) {
        flow.gap(SECTION_GAP);
    }
    flow.paragraph(BODY, &r.place_and_date, Align::Right);
    flow.gap(10.0);
    flow.paragraph(BODY_BOLD, &r.panel_heading, Align::Left);
    flow.gap(6.0);
    for (i, name) in r.panel.iter().enumerate() {
        signature_line(flow, i + 1, name);
    }
    if let Some(block) = &r.signatory {
        flow.gap(SECTION_GAP);
        recap_signatory(flow, block);
    }
    if !r.seal.is_empty() {
        flow.gap(SECTION_GAP);
        flow.paragraph(BODY, &r.seal, Align::Left);
    }
}

/// The room for a signature, between the title and the name.
const SIGNATURE_SPACE: f32 = 46.0;
const SIGNATORY_WIDTH: f32 = CONTENT_WIDTH * 0.45;

fn signatory_height(block: &SignatureBlock) -> f32 {
    let nip = if block.nip.is_empty() {
        0.0
    } else {
        BODY.leading()
    };
    2.0 * BODY.leading() + SIGNATURE_SPACE + BODY_BOLD.leading() + nip
}

/// The acknowledging signatory, on the right under the panel (whose room `recap_panel` made).
fn recap_signatory(flow: &mut Flow, block: &SignatureBlock) {
    let center = A4_SHORT - MARGIN - SIGNATORY_WIDTH / 2.0;
    let line = |flow: &mut Flow, style: Style, text: &str| {
        let (style, text) = style.fit_line(text, SIGNATORY_WIDTH, 7.0);
        let baseline = flow.y - style.size;
        flow.page.text_centered(center, baseline, style, &text);
        flow.y -= style.leading();
    };
    line(flow, BODY, &block.label);
    line(flow, BODY, &block.title);
    flow.y -= SIGNATURE_SPACE;
    line(flow, BODY_BOLD, &block.name);
    if !block.nip.is_empty() {
        line(flow, BODY, &block.nip);
    }
}

fn signature_line(flow: &mut Flow, number: usize, name: &str) {
    flow.make_room(SIGNATURE_ROW);
    let baseline = flow.y - SIGNATURE_ROW + 8.0;
    let label = format!("{number}.");
    let page = &mut flow.page;
    page.text_right(MARGIN + 14.0, baseline, BODY, &label);
    let (style, name) = BODY.fit_line(name, CONTENT_WIDTH * 0.5, 7.0);
    page.text(MARGIN + 18.0, baseline, style, &name);
    // Signature places alternate left and right, as on Indonesian minutes, so that neighbouring
    // signatures do not run into each other.
    let share = if number % 2 == 1 { 0.58 } else { 0.78 };
    let x = MARGIN + CONTENT_WIDTH * share;
    page.text_right(x + 14.0, baseline, BODY, &label);
    let dots = Stroke::new(0.9, GREY).dotted();
    page.line((x + 18.0, baseline), (x + 18.0 + 88.0, baseline), dots);
    flow.y -= SIGNATURE_ROW;
}

/// Written last, once the number of pages is known.
fn recap_footers(pages: &mut [Canvas], footer: &str, page_label: &str) {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let number = format!("{page_label} {} / {total}", i + 1);
        let number = number.trim_start();
        let rule = Stroke::new(0.4, GREY);
        page.line(
            (MARGIN, FOOTER_RULE_Y),
            (A4_SHORT - MARGIN, FOOTER_RULE_Y),
            rule,
        );
        page.text_right(A4_SHORT - MARGIN, FOOTER_BASELINE, FOOTER, number);
        let room = CONTENT_WIDTH - FOOTER.width(number) - 16.0;
        let (style, text) = FOOTER.fit_line(footer, room, 6.5);
        page.text(MARGIN, FOOTER_BASELINE, style, &text);
    }
}

/// Advance widths of the standard fonts for WinAnsi codes 32 to 255, in thousandths of the font
/// size, from Adobe's Core 14 AFM files (unused codes are 0).
mod metrics {
    /// Helvetica, codes 32..=255.
    pub(super) const HELVETICA: [u16; 224] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584, 0, 556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333,
        1000, 0, 611, 0, 0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500,
        667, 278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400,
        584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667,
        667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778,
        778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889,
        500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 584, 611,
        556, 556, 556, 556, 500, 556, 500,
    ];

    /// Helvetica-Bold, codes 32..=255.
    pub(super) const HELVETICA_BOLD: [u16; 224] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
        722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
        611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
        500, 389, 280, 389, 584, 0, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333,
        1000, 0, 611, 0, 0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500,
        667, 278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400,
        584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722,
        722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778,
        778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889,
        556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611, 584, 611,
        611, 611, 611, 611, 556, 611, 556,
    ];

    /// Times-Roman, codes 32..=255.
    pub(super) const TIMES_ROMAN: [u16; 224] = [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
        722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
        722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
        500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
        444, 480, 200, 480, 541, 0, 500, 0, 333, 500, 444, 1000, 500, 500, 333, 1000, 556, 333,
        889, 0, 611, 0, 0, 333, 333, 444, 444, 350, 500, 1000, 333, 980, 389, 333, 722, 0, 444,
        722, 250, 333, 500, 500, 500, 500, 200, 500, 333, 760, 276, 500, 564, 333, 760, 333, 400,
        564, 300, 300, 333, 510, 453, 250, 333, 300, 310, 500, 750, 750, 750, 444, 722, 722, 722,
        722, 722, 722, 889, 667, 611, 611, 611, 611, 333, 333, 333, 333, 722, 722, 722, 722, 722,
        722, 722, 564, 722, 722, 722, 722, 722, 722, 556, 500, 444, 444, 444, 444, 444, 444, 667,
        444, 444, 444, 444, 444, 278, 278, 278, 278, 500, 500, 500, 500, 500, 500, 500, 564, 500,
        500, 500, 500, 500, 500, 500, 500,
    ];

    /// Times-Bold, codes 32..=255.
    pub(super) const TIMES_BOLD: [u16; 224] = [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
        722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
        722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
        556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
        444, 394, 220, 394, 520, 0, 500, 0, 333, 500, 500, 1000, 500, 500, 333, 1000, 556, 333,
        1000, 0, 667, 0, 0, 333, 333, 500, 500, 350, 500, 1000, 333, 1000, 389, 333, 722, 0, 444,
        722, 250, 333, 500, 500, 500, 500, 220, 500, 333, 747, 300, 500, 570, 333, 747, 333, 400,
        570, 300, 300, 333, 601, 540, 250, 333, 300, 330, 500, 750, 750, 750, 500, 722, 722, 722,
        722, 722, 722, 1000, 722, 667, 667, 667, 667, 389, 389, 389, 389, 722, 722, 778, 778, 778,
        778, 778, 570, 778, 722, 722, 722, 722, 722, 611, 556, 500, 500, 500, 500, 500, 500, 722,
        444, 444, 444, 444, 444, 278, 278, 278, 278, 500, 556, 500, 500, 500, 500, 500, 570, 500,
        556, 556, 556, 556, 500, 556, 500,
    ];

    /// Times-Italic, codes 32..=255.
    pub(super) const TIMES_ITALIC: [u16; 224] = [
        250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, 920, 611, 611, 667,
        722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722,
        611, 833, 611, 556, 556, 389, 278, 389, 422, 500, 333, 500, 500, 444, 500, 444, 278, 500,
        500, 278, 278, 444, 278, 722, 500, 500, 500, 500, 389, 389, 278, 500, 444, 667, 444, 444,
        389, 400, 275, 400, 541, 0, 500, 0, 333, 500, 556, 889, 500, 500, 333, 1000, 500, 333, 944,
        0, 556, 0, 0, 333, 333, 556, 556, 350, 500, 889, 333, 980, 389, 333, 667, 0, 389, 556, 250,
        389, 500, 500, 500, 500, 275, 500, 333, 760, 276, 500, 675, 333, 760, 333, 400, 675, 300,
        300, 333, 514, 523, 250, 333, 300, 310, 500, 750, 750, 750, 500, 611, 611, 611, 611, 611,
        611, 889, 667, 611, 611, 611, 611, 333, 333, 333, 333, 722, 667, 722, 722, 722, 722, 722,
        675, 722, 722, 722, 722, 722, 556, 611, 500, 500, 500, 500, 500, 500, 500, 667, 444, 444,
        444, 444, 444, 278, 278, 278, 278, 500, 500, 500, 500, 500, 500, 500, 675, 500, 500, 500,
        500, 500, 444, 500, 444,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each page's extracted text, in page order.
    fn pages_text(pdf: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(pdf).expect("the PDF opens");
        doc.get_pages()
            .keys()
            .map(|n| doc.extract_text(&[*n]).expect("text extracts"))
            .collect()
    }

    /// Text with line breaks folded to spaces, so wrapped lines read as one.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn sample_certificate() -> Certificate {
        Certificate {
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            crest: None,
            heading: "PIAGAM PENGHARGAAN".into(),
            given_to_label: "diberikan kepada".into(),
            agency_name: "Dinas Kesehatan Kabupaten Sukamaju".into(),
            for_label: "atas inovasi".into(),
            proposal_title: "Posyandu Digital Terpadu".into(),
            award_line: "sebagai Pemenang Kategori Kesehatan".into(),
            competition_line: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            place_and_date: "Sukamaju, 30 November 2026".into(),
            signer_title: "Ketua Panitia".into(),
            signer_name: "Dr. Siti Rahmawati, M.Si.".into(),
            signer_nip: "NIP. 19700101 199503 2 001".into(),
            number: "Nomor: 3/PIAGAM/INOVASI/2026".into(),
            verify_label: "Periksa keaslian piagam ini di:".into(),
            verify_address: "https://inovasi.sukamaju.go.id/verifikasi/K7M2XQ9D4RTBWZ8H".into(),
        }
    }

    fn sample_recap(rows: usize, judges: usize) -> Recap {
        Recap {
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            crest: None,
            title: "BERITA ACARA REKAPITULASI PENILAIAN".into(),
            subtitle: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            intro: "Pada hari ini, Senin tanggal tiga puluh November dua ribu dua puluh enam, \
                    Tim Penilai telah menyelesaikan penilaian seluruh proposal inovasi yang lolos \
                    seleksi administrasi, dengan hasil rekapitulasi sebagai berikut."
                .into(),
            columns: RecapColumns {
                rank: "Peringkat".into(),
                title: "Judul Inovasi".into(),
                agency: "Perangkat Daerah".into(),
                category: "Kategori".into(),
                score: "Nilai".into(),
                award: "Penghargaan".into(),
            },
            rows: (0..rows)
                .map(|i| RecapRow {
                    rank: u32::try_from(i + 1).ok(),
                    title: format!(
                        "Inovasi nomor {} untuk pelayanan administrasi kependudukan yang lebih cepat",
                        i + 1
                    ),
                    agency: "Dinas Kependudukan dan Pencatatan Sipil".into(),
                    category: "Tata Kelola".into(),
                    score: Some(format!("{:.2}", 90.0 - i as f64 * 0.25).replace('.', ",")),
                    award: if i < 3 { "Pemenang".into() } else { String::new() },
                })
                .collect(),
            panel_heading: "Tim Penilai".into(),
            panel: (0..judges).map(|i| format!("Juri Nomor {}", i + 1)).collect(),
            place_and_date: "Sukamaju, 30 November 2026".into(),
            footer: "Dicetak dari Inovasi pada 30 November 2026 10:15".into(),
            seal: "Segel jejak audit saat dicetak: 3f9c0b".into(),
            page_label: "Halaman".into(),
            signatory: Some(SignatureBlock {
                label: "Mengetahui,".into(),
                title: "Kepala Bappeda Kabupaten Sukamaju".into(),
                name: "Dra. Sri Lestari, M.Si.".into(),
                nip: "NIP. 19700101 199503 2 001".into(),
            }),
        }
    }

    #[test]
    fn winansi_maps_latin_and_cp1252_and_replaces_the_rest() {
        assert_eq!(winansi("Aa ~"), b"Aa ~".to_vec());
        assert_eq!(winansi("é"), vec![0xe9]);
        assert_eq!(
            winansi("–—‘’“”•…€"),
            vec![0x96, 0x97, 0x91, 0x92, 0x93, 0x94, 0x95, 0x85, 0x80]
        );
        assert_eq!(winansi("漢字"), b"??".to_vec());
        assert_eq!(winansi("a\tb"), b"a b".to_vec());
    }

    #[test]
    fn widths_follow_the_adobe_metrics() {
        let helvetica = Style::new(Font::Helvetica, 10.0);
        // H 722 + e 556 + l 222 + l 222 + o 556, in thousandths of 10 pt.
        assert!((helvetica.width("Hello") - 22.78).abs() < 1e-3);
        let times_bold = Style::new(Font::TimesBold, 1000.0);
        assert!((times_bold.width("W") - 1000.0).abs() < 1e-3);
        assert!((times_bold.width("é") - 444.0).abs() < 1e-3);
    }

    #[test]
    fn wrapping_keeps_every_word_and_every_line_within_width() {
        let style = Style::new(Font::TimesBold, 21.0);
        let text = "Sistem Informasi Pelayanan Terpadu Satu Pintu Berbasis Aplikasi Seluler \
                    untuk Perizinan Usaha Mikro Kecil dan Menengah di Seluruh Kecamatan";
        let lines = style.wrap(text, 300.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| style.width(l) <= 300.0));
        assert_eq!(lines.join(" "), flat(text));

        let long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        let pieces = style.wrap(&long_word, 120.0);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|l| style.width(l) <= 120.0));
        assert_eq!(pieces.concat(), long_word);

        assert_eq!(style.wrap("", 100.0), vec![String::new()]);
    }

    #[test]
    fn cut_lines_end_with_an_ellipsis_and_fit() {
        let style = Style::new(Font::Helvetica, 10.0);
        let lines = style.wrap_at_most(&"kata ".repeat(100), 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('\u{2026}'));
        assert!(lines.iter().all(|l| style.width(l) <= 100.0));
    }

    #[test]
    fn a_missing_rank_prints_a_dash() {
        assert_eq!(rank_text(None), "\u{2013}");
        assert_eq!(rank_text(Some(3)), "3");
    }

    #[test]
    fn certificate_is_one_landscape_page_with_the_winner_on_it() {
        let c = sample_certificate();
        let pdf = certificate(&c);
        let doc = lopdf::Document::load_mem(&pdf).expect("the PDF opens");
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1);
        let page_id = *pages.get(&1).expect("page 1");
        let media_box = doc
            .get_dictionary(page_id)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(|o| o.as_array())
            .expect("media box");
        let numbers: Vec<f32> = media_box.iter().filter_map(|o| o.as_float().ok()).collect();
        assert_eq!(numbers, vec![0.0, 0.0, 842.0, 595.0]);

        let text = pages_text(&pdf).concat();
        for expected in [
            &c.heading,
            &c.given_to_label,
            &c.agency_name,
            &c.for_label,
            &c.proposal_title,
            &c.award_line,
            &c.competition_line,
            &c.place_and_date,
            &c.signer_title,
            &c.signer_name,
            &c.signer_nip,
            &c.government,
            &c.number,
            &c.verify_label,
            &c.verify_address,
        ] {
            assert!(
                text.contains(expected.as_str()),
                "{expected:?} missing from {text:?}"
            );
        }
    }

    #[test]
    fn the_crest_is_one_image_with_its_transparency_and_the_qr_code_is_drawn() {
        let image = image::RgbaImage::from_fn(60, 80, |x, _| {
            image::Rgba([20, 40, 120, if x < 30 { 255 } else { 0 }])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgba8(image)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        let mut c = sample_certificate();
        c.crest = super::super::crest::pixels(&png);
        let pdf = certificate(&c);
        let doc = lopdf::Document::load_mem(&pdf).expect("the PDF opens");
        let images: Vec<_> = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
            .collect();
        assert_eq!(images.len(), 2, "the crest and its soft mask");
        let crest = images
            .iter()
            .find(|s| s.dict.get(b"SMask").is_ok())
            .expect("the crest keeps its transparency");
        assert_eq!(
            crest.dict.get(b"Width").and_then(|w| w.as_i64()).ok(),
            Some(60)
        );
        // Everything still reads as text with the crest above it.
        let text = pages_text(&pdf).concat();
        assert!(text.contains(&c.government) && text.contains(&c.verify_address));
        // The QR code is drawn as filled runs of modules, next to the printed number.
        let content = doc.get_page_content(*doc.get_pages().get(&1).expect("page 1"));
        let fills = String::from_utf8_lossy(&content).matches(" re\nf").count();
        assert!(fills > 100, "{fills} filled rectangles");
    }

    #[test]
    fn fonts_are_unembedded_standard_fonts_in_winansi() {
        let pdf = certificate(&sample_certificate());
        let doc = lopdf::Document::load_mem(&pdf).expect("the PDF opens");
        let fonts: Vec<_> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font"))
            .collect();
        assert_eq!(fonts.len(), 5);
        for font in fonts {
            let encoding = font.get(b"Encoding").and_then(|e| e.as_name());
            assert_eq!(encoding.ok(), Some(b"WinAnsiEncoding".as_slice()));
            assert!(font.get(b"FontDescriptor").is_err(), "nothing is embedded");
        }
    }

    #[test]
    fn a_long_title_wraps_onto_several_lines_and_still_reads_whole() {
        let mut c = sample_certificate();
        c.proposal_title = "Gerakan Bersama Masyarakat Sehat melalui Layanan Kesehatan Keliling \
                            Terintegrasi dengan Aplikasi Antrean Daring dan Rekam Medis Elektronik \
                            di Desa-desa Terpencil Kabupaten Sukamaju"
            .into();
        let text = pages_text(&certificate(&c)).concat();
        let title_lines = text
            .lines()
            .filter(|l| c.proposal_title.contains(l.trim()) && !l.trim().is_empty())
            .count();
        assert!(title_lines >= 2, "{text}");
        assert!(flat(&text).contains(&flat(&c.proposal_title)));
    }

    #[test]
    fn an_overlong_body_shrinks_and_is_cut_rather_than_overflowing() {
        let mut c = sample_certificate();
        c.proposal_title = "sangat panjang ".repeat(80);
        c.agency_name = "Badan ".repeat(60);
        let text = pages_text(&certificate(&c)).concat();
        assert!(text.contains('\u{2026}'));
        assert!(text.contains(&c.award_line));
        assert!(text.contains(&c.signer_name));
    }

    #[test]
    fn western_punctuation_survives_and_other_scripts_become_question_marks() {
        let mut c = sample_certificate();
        c.proposal_title = "Café – “x” • naïve".into();
        c.award_line = "Juara 漢 Satu".into();
        let text = pages_text(&certificate(&c)).concat();
        assert!(text.contains("Café – “x” • naïve"), "{text}");
        assert!(text.contains("Juara ? Satu"), "{text}");
    }

    #[test]
    fn content_is_uncompressed_so_text_can_be_searched() {
        let pdf = certificate(&sample_certificate());
        let needle = b"(PIAGAM PENGHARGAAN) Tj";
        assert!(pdf.windows(needle.len()).any(|w| w == needle));
        assert!(!pdf.windows(11).any(|w| w == b"FlateDecode"));
    }

    #[test]
    fn a_long_recap_runs_over_pages_with_header_and_footer_on_each() {
        let r = sample_recap(120, 5);
        let pages = pages_text(&recap(&r));
        let total = pages.len();
        assert!(total > 1);
        for (i, text) in pages.iter().enumerate() {
            let number = format!("Halaman {} / {total}", i + 1);
            assert!(text.contains(&number), "page {} lacks {number:?}", i + 1);
            assert!(text.contains(&r.footer), "page {} lacks the footer", i + 1);
        }
        for (i, text) in pages.iter().enumerate().take(total - 1) {
            for heading in [
                "Peringkat",
                "Judul Inovasi",
                "Kategori",
                "Nilai",
                "Penghargaan",
            ] {
                assert!(text.contains(heading), "page {} lacks {heading:?}", i + 1);
            }
        }
        let all = flat(&pages.concat());
        for row in &r.rows {
            assert!(all.contains(&flat(&row.title)), "{:?} missing", row.title);
        }
        let last = pages.last().expect("a last page");
        for judge in &r.panel {
            assert!(
                last.contains(judge.as_str()),
                "{judge} not on the last page"
            );
        }
        assert!(last.contains(&r.place_and_date));
        assert!(last.contains(&r.panel_heading));
        assert!(
            last.contains(&r.seal),
            "the audit seal under the signatures"
        );
        // The letterhead on the first page; who acknowledges it after the panel.
        assert!(pages[0].contains(&r.government));
        let block = r.signatory.as_ref().expect("a signatory");
        for line in [&block.label, &block.title, &block.name, &block.nip] {
            assert!(
                last.contains(line.as_str()),
                "{line:?} not on the last page"
            );
        }
    }

    #[test]
    fn scores_as_given_and_missing_values_as_a_dash() {
        let mut r = sample_recap(2, 1);
        r.rows[0].score = Some("87,35".into());
        r.rows[1].score = None;
        r.rows[1].rank = None;
        let text = pages_text(&recap(&r)).concat();
        assert!(text.contains("87,35"), "{text}");
        assert!(!text.contains("87.3"));
        let dashes = text.lines().filter(|l| l.trim() == "\u{2013}").count();
        assert_eq!(dashes, 2, "{text}");
    }

    #[test]
    fn the_signature_block_is_never_split_across_pages() {
        let mut moved_whole = false;
        for rows in 20..70 {
            let r = sample_recap(rows, 7);
            let pages = pages_text(&recap(&r));
            let holding: Vec<usize> = pages
                .iter()
                .enumerate()
                .filter(|(_, t)| r.panel.iter().any(|j| t.contains(j.as_str())))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(holding, vec![pages.len() - 1], "rows: {rows}");
            let last = pages.last().expect("a last page");
            assert!(
                r.panel.iter().all(|j| last.contains(j.as_str())),
                "rows: {rows}"
            );
            assert!(last.contains(&r.panel_heading), "rows: {rows}");
            assert!(
                last.contains(&r.seal),
                "rows: {rows}: the seal with the signatures"
            );
            let acknowledging = r.signatory.as_ref().map(|b| b.name.as_str());
            assert!(
                acknowledging.is_some_and(|name| last.contains(name)),
                "rows: {rows}: the acknowledging signatory with the panel"
            );
            moved_whole |= !last.contains("Inovasi nomor");
        }
        assert!(
            moved_whole,
            "no row count pushed the block onto a page of its own"
        );
    }

    #[test]
    fn an_empty_recap_is_one_page() {
        let mut r = sample_recap(0, 0);
        r.intro.clear();
        r.page_label.clear();
        let pages = pages_text(&recap(&r));
        assert_eq!(pages.len(), 1);
        assert!(pages[0].contains("1 / 1"));
    }
}
