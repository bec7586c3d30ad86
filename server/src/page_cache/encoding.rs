//! The compressed variants of a cached page, and which one a request gets.
//!
//! Browsers always ask for a compressed page. Compressing the cached page again for each of
//! them cost ten times the serving itself (3,287 against 35,314 requests/s on `/agenda`), so
//! a page is compressed once, when it is stored, in every coding the site offers.

use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderValue, header},
};
use std::io::{self, Write};

/// Brotli quality. The visitor whose request renders the page waits for its compression: on
/// the 42 kB agenda page, 5 gives 6.9 kB in 0.7 ms; 11 would save 0.9 kB more but take 53 ms,
/// 9 saves 0.1 kB for 12 ms (docs/BENCHMARKS.md).
const BROTLI_QUALITY: i32 = 5;
/// Brotli window (log2 of bytes), brotli's default; a page is far smaller anyway.
const BROTLI_WINDOW: i32 = 22;
/// Gzip level: zlib's default; 7.4 kB in 0.4 ms on the same page, 9 is no smaller.
const GZIP_LEVEL: u32 = 6;

/// A content coding a cached page is kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The `Content-Encoding` value, `None` for the page as rendered.
    pub(super) fn header_value(self) -> Option<HeaderValue> {
        match self {
            Coding::Brotli => Some(HeaderValue::from_static("br")),
            Coding::Gzip => Some(HeaderValue::from_static("gzip")),
            Coding::Identity => None,
        }
    }
}

/// A page as rendered and compressed with each coding, each compressed once.
#[derive(Clone)]
pub(super) struct Variants {
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

impl Variants {
    /// Compresses `page` with every coding.
    pub(super) fn compress(page: Bytes) -> io::Result<Self> {
        let params = brotli::enc::BrotliEncoderParams {
            quality: BROTLI_QUALITY,
            lgwin: BROTLI_WINDOW,
            size_hint: page.len(),
            ..Default::default()
        };
        let mut brotli = Vec::with_capacity(page.len() / 4);
        brotli::BrotliCompress(&mut page.as_ref(), &mut brotli, &params)?;

        let mut gzip = flate2::write::GzEncoder::new(
            Vec::with_capacity(page.len() / 4),
            flate2::Compression::new(GZIP_LEVEL),
        );
        gzip.write_all(&page)?;
        let gzip = gzip.finish()?;

        Ok(Self {
            identity: page,
            brotli: brotli.into(),
            gzip: gzip.into(),
        })
    }

    /// The page in `coding` (a cheap reference-counted copy).
    pub(super) fn get(&self, coding: Coding) -> Bytes {
        match coding {
            Coding::Brotli => self.brotli.clone(),
            Coding::Gzip => self.gzip.clone(),
            Coding::Identity => self.identity.clone(),
        }
    }
}

/// The coding to answer with, from the request's `Accept-Encoding` (RFC 9110, 12.5.3): the
/// acceptable coding with the highest weight, brotli before gzip before the page as is on a
/// tie. `q=0` refuses a coding, `*` stands for every coding not named. Without the header,
/// or when nothing offered is acceptable, the page goes as is: every client reads that, and
/// a 406 for a public page would help nobody.
pub(super) fn negotiate(headers: &HeaderMap) -> Coding {
    let mut brotli = None;
    let mut gzip = None;
    let mut identity = None;
    let mut any = None;
    for (name, weight) in headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(weighted)
    {
        let slot = if name.eq_ignore_ascii_case("br") {
            &mut brotli
        } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            &mut gzip
        } else if name.eq_ignore_ascii_case("identity") {
            &mut identity
        } else if name == "*" {
            &mut any
        } else {
            continue;
        };
        // A coding named twice counts with its best weight.
        *slot = Some(slot.map_or(weight, |seen: u16| seen.max(weight)));
    }
    let brotli = brotli.or(any).unwrap_or(0);
    let gzip = gzip.or(any).unwrap_or(0);
    // The page as is stays acceptable unless refused by name or by `*;q=0`.
    let identity = identity.or(any.filter(|w| *w == 0)).unwrap_or(1);
    [
        (Coding::Brotli, brotli),
        (Coding::Gzip, gzip),
        (Coding::Identity, identity),
    ]
    .into_iter()
    .filter(|(_, weight)| *weight > 0)
    // `max_by_key` keeps the last of equals: reversed, the first listed wins a tie.
    .rev()
    .max_by_key(|(_, weight)| *weight)
    .map_or(Coding::Identity, |(coding, _)| coding)
}

/// One `coding;q=w` element: the coding and its weight in thousandths; `None` if malformed
/// (ignored, as tower-http's compression layer does).
fn weighted(element: &str) -> Option<(&str, u16)> {
    let mut parts = element.split(';');
    let name = parts.next()?.trim();
    if name.is_empty() {
        return None;
    }
    let mut weight = 1000;
    for parameter in parts {
        let (key, value) = parameter.split_once('=')?;
        if key.trim().eq_ignore_ascii_case("q") {
            weight = qvalue(value.trim())?;
        }
    }
    Some((name, weight))
}

/// `0`, `0.xyz`, `1` or `1.000` (at most three decimals), in thousandths.
fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .zip([100, 10, 1])
        .map(|(digit, scale)| u16::from(digit - b'0') * scale)
        .sum::<u16>();
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The `Vary` values of `headers` as one field that also names `Accept-Encoding`: the
/// page's own (`Accept-Language, Cookie`) stay, and shared caches keep the variants apart.
pub(super) fn vary_with_accept_encoding(headers: &HeaderMap) -> Option<HeaderValue> {
    let mut names: Vec<&str> = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    if !names
        .iter()
        .any(|name| name.eq_ignore_ascii_case("accept-encoding") || *name == "*")
    {
        names.push("Accept-Encoding");
    }
    HeaderValue::from_str(&names.join(", ")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(accept_encoding: &str) -> Coding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept_encoding).expect("a header value"),
        );
        negotiate(&headers)
    }

    #[test]
    fn a_browser_gets_brotli_and_one_without_brotli_gets_gzip() {
        assert_eq!(asking("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(asking("br, gzip"), Coding::Brotli);
        assert_eq!(asking("gzip, deflate"), Coding::Gzip);
        assert_eq!(asking("x-gzip"), Coding::Gzip);
        assert_eq!(asking("BR"), Coding::Brotli);
    }

    #[test]
    fn weights_decide_and_zero_refuses() {
        assert_eq!(asking("br;q=0, gzip"), Coding::Gzip);
        assert_eq!(asking("br;q=0.5, gzip;q=1"), Coding::Gzip);
        assert_eq!(asking("br;q=0.8, gzip;q=0.801"), Coding::Gzip);
        assert_eq!(asking("br; q=0.9, gzip; q=0.5"), Coding::Brotli);
        assert_eq!(asking("br;q=0, gzip;q=0"), Coding::Identity);
        assert_eq!(asking("identity;q=1, gzip;q=0.5"), Coding::Identity);
    }

    #[test]
    fn the_wildcard_stands_for_every_coding_not_named() {
        assert_eq!(asking("*"), Coding::Brotli);
        assert_eq!(asking("br;q=0, *"), Coding::Gzip);
        assert_eq!(asking("*;q=0, gzip"), Coding::Gzip);
        assert_eq!(asking("*;q=0"), Coding::Identity);
    }

    #[test]
    fn no_header_an_empty_one_or_unknown_codings_get_the_page_as_is() {
        assert_eq!(negotiate(&HeaderMap::new()), Coding::Identity);
        assert_eq!(asking(""), Coding::Identity);
        assert_eq!(asking("identity"), Coding::Identity);
        assert_eq!(asking("deflate, zstd"), Coding::Identity);
    }

    #[test]
    fn malformed_weights_are_ignored() {
        assert_eq!(asking("br;q=2, gzip"), Coding::Gzip);
        assert_eq!(asking("br;q=0.1234, gzip;q=0.1"), Coding::Gzip);
        assert_eq!(asking("br;q=x"), Coding::Identity);
        assert_eq!(asking("br;q=1.0"), Coding::Brotli);
    }

    #[test]
    fn vary_keeps_the_page_values_and_names_accept_encoding_once() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
        let vary = vary_with_accept_encoding(&headers);
        assert_eq!(
            vary,
            Some(HeaderValue::from_static(
                "Accept-Language, Cookie, Accept-Encoding"
            ))
        );
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        assert_eq!(
            vary_with_accept_encoding(&headers),
            Some(HeaderValue::from_static(
                "Accept-Language, Cookie, accept-encoding"
            ))
        );
    }

    #[test]
    fn every_variant_decompresses_to_the_page() -> io::Result<()> {
        use std::io::Read;
        let page = Bytes::from("<p>Agenda</p>".repeat(200));
        let variants = Variants::compress(page.clone())?;
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(variants.get(Coding::Brotli).as_ref(), 4096)
            .read_to_end(&mut unbrotli)?;
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(variants.get(Coding::Gzip).as_ref())
            .read_to_end(&mut ungzip)?;
        assert_eq!(unbrotli, page);
        assert_eq!(ungzip, page);
        assert_eq!(variants.get(Coding::Identity), page);
        assert!(variants.get(Coding::Brotli).len() < page.len() / 10);
        Ok(())
    }
}
