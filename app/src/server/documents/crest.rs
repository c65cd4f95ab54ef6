//! The regency's crest as the documents use it. An upload is judged by decoding it, never by
//! its name or declared type: only a PNG or JPEG that decodes whole is taken. It is kept as a
//! PNG no larger than the documents print it (a 20-megapixel scan of the crest would make every
//! certificate a multi-megabyte file), which also drops whatever metadata the original carried.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use crate::error::Problem;

/// Largest upload taken: a crest is a small image; a bigger file is a photo or a scan.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Longest side kept, in pixels: sharp at the 2.5 cm a certificate prints it, at 600 dpi.
const MAX_SIDE: u32 = 600;
/// A declared size past this is refused before any pixel is decoded (a decompression bomb).
const MAX_DECLARED_SIDE: u32 = 12_000;

/// A crest ready to store.
#[derive(Clone, Debug)]
pub struct Crest {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks an uploaded crest and scales it down: the problem is about the upload itself (too
/// large, not an image, damaged).
pub fn normalise(bytes: &[u8]) -> Result<Crest, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::FileTooLarge {
            max_mb: (MAX_BYTES / (1024 * 1024)) as u32,
        });
    }
    let format = image::guess_format(bytes).map_err(|_| Problem::FileType)?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg) {
        return Err(Problem::FileType);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECLARED_SIDE);
    limits.max_image_height = Some(MAX_DECLARED_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| Problem::FileUnreadable)?;
    let scaled = if decoded.width() > MAX_SIDE || decoded.height() > MAX_SIDE {
        decoded.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3)
    } else {
        decoded
    };
    let rgba = DynamicImage::ImageRgba8(scaled.to_rgba8());
    let mut png = Vec::new();
    rgba.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|_| Problem::FileUnreadable)?;
    Ok(Crest {
        png,
        width: rgba.width(),
        height: rgba.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, alpha: u8) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, alpha]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_large_crest_is_scaled_to_fit_and_kept_as_png() {
        let crest = normalise(&png(1800, 1200, 255)).expect("taken");
        assert_eq!((crest.width, crest.height), (600, 400));
        assert!(crest.png.starts_with(b"\x89PNG"));
        let kept = image::load_from_memory(&crest.png).expect("readable");
        assert_eq!((kept.width(), kept.height()), (600, 400));
    }

    #[test]
    fn a_transparent_crest_keeps_its_mask() {
        let crest = normalise(&png(40, 50, 0)).expect("taken");
        assert_eq!((crest.width, crest.height), (40, 50));
        let kept = image::load_from_memory(&crest.png)
            .expect("readable")
            .to_rgba8();
        assert!(kept.pixels().all(|p| p.0[3] == 0), "transparency kept");
    }

    #[test]
    fn what_is_not_a_whole_image_is_refused() {
        assert_eq!(
            normalise(b"%PDF-1.4 not a crest").err(),
            Some(Problem::FileType)
        );
        assert_eq!(normalise(b"GIF89a......").err(), Some(Problem::FileType));
        let mut cut = png(100, 100, 255);
        cut.truncate(cut.len() / 2);
        assert_eq!(normalise(&cut).err(), Some(Problem::FileUnreadable));
        let mut huge = png(2, 2, 255);
        huge.resize(MAX_BYTES + 1, 0);
        assert_eq!(
            normalise(&huge).err(),
            Some(Problem::FileTooLarge { max_mb: 5 })
        );
    }
}
