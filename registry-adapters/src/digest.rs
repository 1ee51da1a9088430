//! Published digests (npm SRI strings and shasums, PyPI `digests`, crates `cksum`, GitHub asset
//! `digest`) and a hasher that computes every supported algorithm in one pass.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha1::Sha1;
use sha2::{Digest as _, Sha256, Sha512};

/// A digest algorithm, weakest first (so `max` is the strongest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    /// SHA-1 (npm `shasum`).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-512 (npm `integrity`).
    Sha512,
}

impl Algorithm {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha512 => "sha512",
        }
    }
}

/// A digest the registry published, as lowercase hex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Digest {
    /// The algorithm.
    pub algorithm: Algorithm,
    /// Lowercase hex.
    pub hex: String,
}

impl Digest {
    /// A digest from hex text; `None` unless it has the algorithm's length and is hex.
    #[must_use]
    pub fn from_hex(algorithm: Algorithm, hex: &str) -> Option<Digest> {
        let hex = hex.trim().to_ascii_lowercase();
        let len = match algorithm {
            Algorithm::Sha1 => 40,
            Algorithm::Sha256 => 64,
            Algorithm::Sha512 => 128,
        };
        (hex.len() == len && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(Digest { algorithm, hex })
    }

    /// Parses `sha256:<hex>` (GitHub asset `digest`).
    #[must_use]
    pub fn from_prefixed(text: &str) -> Option<Digest> {
        let (alg, hex) = text.split_once(':')?;
        let algorithm = match alg.trim().to_ascii_lowercase().as_str() {
            "sha256" => Algorithm::Sha256,
            "sha512" => Algorithm::Sha512,
            "sha1" => Algorithm::Sha1,
            _ => return None,
        };
        Digest::from_hex(algorithm, hex)
    }
}

/// Parses an SRI string (`sha512-<base64> sha1-<base64> …`) into the digests it holds, ignoring
/// options (`?foo`) and algorithms not supported here.
#[must_use]
pub fn parse_sri(sri: &str) -> Vec<Digest> {
    let mut out = Vec::new();
    for token in sri.split_whitespace() {
        let Some((alg, rest)) = token.split_once('-') else {
            continue;
        };
        let b64 = rest.split('?').next().unwrap_or(rest);
        let algorithm = match alg.to_ascii_lowercase().as_str() {
            "sha512" => Algorithm::Sha512,
            "sha256" => Algorithm::Sha256,
            "sha1" => Algorithm::Sha1,
            _ => continue,
        };
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64) else {
            continue;
        };
        if let Some(d) = Digest::from_hex(algorithm, &hex::encode(bytes)) {
            out.push(d);
        }
    }
    out
}

/// The digest to check: the strongest algorithm offered. When one algorithm is offered with
/// several values (SRI allows it), a match with any of them passes.
#[must_use]
pub fn strongest(digests: &[Digest]) -> Vec<&Digest> {
    let Some(best) = digests.iter().map(|d| d.algorithm).max() else {
        return Vec::new();
    };
    digests.iter().filter(|d| d.algorithm == best).collect()
}

/// Computes SHA-1, SHA-256 and SHA-512 together.
#[derive(Clone, Default)]
pub struct MultiHasher {
    sha1: Sha1,
    sha256: Sha256,
    sha512: Sha512,
}

/// The digests of some bytes, as lowercase hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashes {
    /// SHA-1.
    pub sha1: String,
    /// SHA-256.
    pub sha256: String,
    /// SHA-512.
    pub sha512: String,
}

impl Hashes {
    /// The hex digest for `algorithm`.
    #[must_use]
    pub fn get(&self, algorithm: Algorithm) -> &str {
        match algorithm {
            Algorithm::Sha1 => &self.sha1,
            Algorithm::Sha256 => &self.sha256,
            Algorithm::Sha512 => &self.sha512,
        }
    }
}

impl MultiHasher {
    /// Feeds bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        self.sha1.update(bytes);
        self.sha256.update(bytes);
        self.sha512.update(bytes);
    }

    /// The digests.
    #[must_use]
    pub fn finish(self) -> Hashes {
        Hashes {
            sha1: hex::encode(self.sha1.finalize()),
            sha256: hex::encode(self.sha256.finalize()),
            sha512: hex::encode(self.sha512.finalize()),
        }
    }
}

/// Checks `hashes` against the strongest published digests. `Ok(true)`: verified; `Ok(false)`:
/// nothing to check against; `Err((expected, actual))` on mismatch.
///
/// # Errors
/// A mismatch, with the expected and actual digests.
pub fn verify(hashes: &Hashes, published: &[Digest]) -> Result<bool, (Digest, String)> {
    let best = strongest(published);
    let Some(first) = best.first() else {
        return Ok(false);
    };
    let actual = hashes.get(first.algorithm);
    if best.iter().any(|d| d.hex == actual) {
        Ok(true)
    } else {
        Err(((*first).clone(), actual.to_string()))
    }
}

/// Renders a digest the way its registry publishes it: SRI (`sha512-<base64>`) for SHA-512,
/// `<algorithm>:<hex>` otherwise.
#[must_use]
pub fn display(digest: &Digest) -> String {
    match digest.algorithm {
        Algorithm::Sha512 => match hex::decode(&digest.hex) {
            Ok(bytes) => format!(
                "sha512-{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ),
            Err(_) => format!("sha512:{}", digest.hex),
        },
        other => format!("{}:{}", other.as_str(), digest.hex),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(bytes: &[u8]) -> Hashes {
        let mut h = MultiHasher::default();
        h.update(bytes);
        h.finish()
    }

    #[test]
    fn sri_with_several_hashes_uses_the_strongest() {
        let h = hashes(b"hello");
        let sha512_b64 =
            base64::engine::general_purpose::STANDARD.encode(hex::decode(&h.sha512).unwrap());
        let sha1_b64 =
            base64::engine::general_purpose::STANDARD.encode(hex::decode(&h.sha1).unwrap());
        let sri = format!("sha1-{sha1_b64} sha512-{sha512_b64}?opt md5-xxxx");
        let digests = parse_sri(&sri);
        assert_eq!(digests.len(), 2);
        assert_eq!(verify(&h, &digests), Ok(true));
        assert_eq!(display(&digests[1]), format!("sha512-{sha512_b64}"));
        // A wrong sha1 does not matter when a good sha512 is there...
        let mixed = vec![
            Digest::from_hex(Algorithm::Sha1, &"0".repeat(40)).unwrap(),
            digests[1].clone(),
        ];
        assert_eq!(verify(&h, &mixed), Ok(true));
        // ...but a wrong sha512 fails even with a good sha1.
        let bad = vec![
            digests[0].clone(),
            Digest::from_hex(Algorithm::Sha512, &"0".repeat(128)).unwrap(),
        ];
        assert!(verify(&h, &bad).is_err());
        assert_eq!(verify(&h, &[]), Ok(false));
    }

    #[test]
    fn prefixed_and_hex_forms() {
        let h = hashes(b"x");
        let d = Digest::from_prefixed(&format!("sha256:{}", h.sha256.to_uppercase())).unwrap();
        assert_eq!(d.hex, h.sha256);
        assert!(Digest::from_prefixed("md5:abcd").is_none());
        assert!(Digest::from_hex(Algorithm::Sha256, "abc").is_none());
        assert!(parse_sri("sha512-!!!notbase64").is_empty());
    }
}
