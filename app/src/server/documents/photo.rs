//! A photo from an agency's evidence as a printed book carries it: turned upright, at most
//! 1,000 pixels on its longest side and re-encoded as a JPEG. A phone photo of 4 MB becomes
//! some 150 KB, so a compendium of thousands of innovations stays a file one can send; and
//! re-encoding keeps nothing of the original's metadata (camera, owner, GPS position).

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// Longest side in pixels: a photo prints at most 6.5 cm high, about 400 dpi.
const MAX_SIDE: u32 = 1000;
/// A picture larger than this is not decoded (a decompression bomb costs nothing here).
const MAX_PIXELS_SIDE: u32 = 12_000;
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// The photo ready to print, or `None` when it cannot be read as a picture.
pub fn for_print(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    decoder.set_limits(limits).ok()?;
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).ok()?;
    if let Some(o) = orientation {
        picture.apply_orientation(o);
    }
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.thumbnail(MAX_SIDE, MAX_SIDE);
    }
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&DynamicImage::ImageRgb8(picture.to_rgb8()))
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_large_photo_is_scaled_down_to_a_jpeg() {
        let printed = for_print(&png(3000, 1500)).expect("a picture");
        let back = image::load_from_memory(&printed).expect("decodes");
        assert_eq!((back.width(), back.height()), (1000, 500));
        assert_eq!(
            image::guess_format(&printed).expect("format"),
            image::ImageFormat::Jpeg
        );
    }

    #[test]
    fn a_small_photo_keeps_its_size_and_anything_else_is_none() {
        let printed = for_print(&png(40, 30)).expect("a picture");
        let back = image::load_from_memory(&printed).expect("decodes");
        assert_eq!((back.width(), back.height()), (40, 30));
        assert!(for_print(b"%PDF-1.7 not a picture").is_none());
        assert!(for_print(&png(40, 30)[..60]).is_none(), "cut off");
    }
}
