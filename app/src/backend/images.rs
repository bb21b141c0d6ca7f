//! The photo pipeline: accept only real JPEG/PNG/WebP (judged by content,
//! never by file name or declared type), decode within memory limits, turn
//! upright by the EXIF orientation, downsize, and re-encode as a fresh JPEG.
//! Re-encoding writes pixels only, so EXIF, GPS and every other piece of
//! metadata in the upload is gone. Files get server-made names.

use super::AppState;
use crate::error::AppError;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, codecs::jpeg::JpegEncoder, imageops::FilterType};
use std::io::Cursor;
use uuid::Uuid;

pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Longest edge of a stored photo: sharp on a phone, small on the wire.
pub const MAX_EDGE: u32 = 1280;
const JPEG_QUALITY: u8 = 80;
/// Longest edge of the thumbnail used in lists and photo grids.
pub const THUMB_EDGE: u32 = 360;
const THUMB_QUALITY: u8 = 72;
const MAX_SOURCE_EDGE: u32 = 10_000;
/// 50 megapixels covers every phone camera; more is refused before decoding.
const MAX_SOURCE_PIXELS: u64 = 50_000_000;
const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;

/// Decoding is memory- and CPU-heavy: one photo at a time per server keeps
/// a burst of uploads from exhausting a small machine.
static DECODE_PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
    pub thumb_width: u32,
    pub thumb_height: u32,
}

fn encode_jpeg(img: &image::RgbImage, quality: u8) -> Result<Vec<u8>, AppError> {
    let mut jpeg = Vec::with_capacity(img.len() / 8);
    JpegEncoder::new_with_quality(&mut jpeg, quality).encode_image(img).map_err(|e| {
        tracing::error!(error = %e, "jpeg encoding failed");
        AppError::Internal
    })?;
    Ok(jpeg)
}

pub fn process(bytes: &[u8]) -> Result<Processed, AppError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(AppError::PhotoTooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| AppError::PhotoNotImage)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(AppError::PhotoNotImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_EDGE);
    limits.max_image_height = Some(MAX_SOURCE_EDGE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(limit_or_not_image)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_SOURCE_PIXELS {
        return Err(AppError::PhotoTooLarge);
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(limit_or_not_image)?;
    img.apply_orientation(orientation);
    if img.width() > MAX_EDGE || img.height() > MAX_EDGE {
        img = img.resize(MAX_EDGE, MAX_EDGE, FilterType::Triangle);
    }
    let small = if img.width() > THUMB_EDGE || img.height() > THUMB_EDGE {
        img.resize(THUMB_EDGE, THUMB_EDGE, FilterType::Triangle)
    } else {
        img.clone()
    };
    let rgb = img.to_rgb8();
    let small = small.to_rgb8();
    Ok(Processed {
        jpeg: encode_jpeg(&rgb, JPEG_QUALITY)?,
        width: rgb.width(),
        height: rgb.height(),
        thumb: encode_jpeg(&small, THUMB_QUALITY)?,
        thumb_width: small.width(),
        thumb_height: small.height(),
    })
}

fn limit_or_not_image(e: image::ImageError) -> AppError {
    match e {
        image::ImageError::Limits(_) => AppError::PhotoTooLarge,
        _ => AppError::PhotoNotImage,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPhoto {
    pub id: Uuid,
    pub width: u32,
    pub height: u32,
}

/// Processes an upload off the async runtime, writes it and records it as
/// belonging to `owner_id`.
#[tracing::instrument(skip_all, fields(bytes = bytes.len()))]
pub async fn store(st: &AppState, owner_id: i64, bytes: Vec<u8>) -> Result<StoredPhoto, AppError> {
    let _permit = DECODE_PERMITS.acquire().await.map_err(|_| AppError::Internal)?;
    let processed = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|_| AppError::Internal)??;
    let id = Uuid::new_v4();
    let simple = id.simple().to_string();
    let rel = crate::urls::photo_file(&simple, false);
    let thumb_rel = crate::urls::photo_file(&simple, true);
    write_file(st, &rel, &processed.jpeg).await?;
    write_file(st, &thumb_rel, &processed.thumb).await?;
    sqlx::query(
        "insert into media (town_id, id, owner_id, path, width, height, bytes, thumb_path, thumb_width, thumb_height)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(st.town_id)
    .bind(id)
    .bind(owner_id)
    .bind(&rel)
    .bind(processed.width as i32)
    .bind(processed.height as i32)
    .bind(processed.jpeg.len() as i32)
    .bind(&thumb_rel)
    .bind(processed.thumb_width as i32)
    .bind(processed.thumb_height as i32)
    .execute(&st.pool)
    .await?;
    Ok(StoredPhoto { id, width: processed.width, height: processed.height })
}

async fn write_file(st: &AppState, rel: &str, bytes: &[u8]) -> Result<(), AppError> {
    let full = st.media_dir.join(rel);
    if let Some(dir) = full.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(|e| {
            tracing::error!(error = %e, dir = %dir.display(), "cannot create media folder");
            AppError::Internal
        })?;
    }
    tokio::fs::write(&full, bytes).await.map_err(|e| {
        tracing::error!(error = %e, file = %full.display(), "cannot write photo");
        AppError::Internal
    })
}

/// A photo uploaded earlier by the same person (kept after a failed form).
pub async fn owned(st: &AppState, owner_id: i64, id: Uuid) -> Result<Option<StoredPhoto>, AppError> {
    let row: Option<(i32, i32)> =
        sqlx::query_as("select width, height from media where town_id = $1 and id = $2 and owner_id = $3")
            .bind(st.town_id)
            .bind(id)
            .bind(owner_id)
            .fetch_optional(&st.pool)
            .await?;
    Ok(row.map(|(w, h)| StoredPhoto { id, width: w as u32, height: h as u32 }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage, codecs::png::PngEncoder};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 90]));
        let mut out = Vec::new();
        PngEncoder::new(&mut out).write_image(&img, w, h, image::ExtendedColorType::Rgb8).unwrap();
        out
    }

    #[test]
    fn downsizes_and_reencodes_as_jpeg() {
        let p = process(&png(2000, 1000)).unwrap();
        assert_eq!((p.width, p.height), (1280, 640));
        assert_eq!(image::guess_format(&p.jpeg).unwrap(), ImageFormat::Jpeg);
        assert_eq!((p.thumb_width, p.thumb_height), (360, 180));
        assert_eq!(image::guess_format(&p.thumb).unwrap(), ImageFormat::Jpeg);
        assert!(p.thumb.len() < p.jpeg.len());
    }

    #[test]
    fn small_photos_keep_their_size() {
        let p = process(&png(300, 200)).unwrap();
        assert_eq!((p.width, p.height), (300, 200));
        assert_eq!((p.thumb_width, p.thumb_height), (300, 200));
    }

    #[test]
    fn rejects_files_that_are_not_photos() {
        assert_eq!(process(b"GIF89a fake"), Err(AppError::PhotoNotImage));
        assert_eq!(process(b"<html>not an image</html>"), Err(AppError::PhotoNotImage));
        let mut truncated = png(50, 50);
        truncated.truncate(40);
        assert_eq!(process(&truncated), Err(AppError::PhotoNotImage));
        assert_eq!(process(&vec![0u8; MAX_UPLOAD_BYTES + 1]), Err(AppError::PhotoTooLarge));
    }

    #[test]
    fn strips_exif_metadata() {
        // A JPEG carrying an EXIF segment with a GPS-looking payload.
        let img = RgbImage::from_fn(64, 64, |_, _| image::Rgb([10, 200, 30]));
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&img).unwrap();
        let exif_payload = b"Exif\0\0GPSLatitude 31.2304N GPSLongitude 121.4737E";
        let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
        with_exif.extend_from_slice(&((exif_payload.len() + 2) as u16).to_be_bytes());
        with_exif.extend_from_slice(exif_payload);
        with_exif.extend_from_slice(&jpeg[2..]);
        assert!(with_exif.windows(11).any(|w| w == b"GPSLatitude"));
        let out = process(&with_exif).unwrap();
        assert!(!out.jpeg.windows(4).any(|w| w == b"Exif"));
        assert!(!out.jpeg.windows(11).any(|w| w == b"GPSLatitude"));
    }
}
