//! DSSE (Dead Simple Signing Envelope) v1: the envelope, its pre-authentication encoding (PAE)
//! and Ed25519 signing and verification. Spec: <https://github.com/secure-systems-lab/dsse>.

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};

/// The payload type of an in-toto statement.
pub const IN_TOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// Largest envelope file read (a score statement is a few kilobytes).
pub const MAX_ENVELOPE_BYTES: u64 = 4 * 1024 * 1024;

/// A DSSE envelope (`{"payload", "payloadType", "signatures": [{"keyid", "sig"}]}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Base64 (standard alphabet, padded) of the payload bytes.
    pub payload: String,
    /// The payload's media type.
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    /// One or more signatures over [`pae`]`(payload_type, payload)`.
    pub signatures: Vec<Signature>,
}

/// One signature of an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// An unauthenticated hint naming the key ([`crate::attest::keys::key_id`]).
    #[serde(default)]
    pub keyid: String,
    /// Base64 of the 64-byte Ed25519 signature.
    pub sig: String,
}

/// Why an envelope's payload or signatures cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EnvelopeError {
    /// The payload is not base64.
    #[error("the payload is not base64")]
    Payload,
    /// The envelope carries no signature.
    #[error("the envelope carries no signature")]
    Unsigned,
    /// No signature verifies with the key.
    #[error("no signature verifies with key {key}: {reason}")]
    BadSignature {
        /// The key's id.
        key: String,
        /// What was wrong with each signature.
        reason: String,
    },
}

/// The pre-authentication encoding that is signed:
/// `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in ASCII decimal.
#[must_use]
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + payload_type.len() + 32);
    out.extend_from_slice(b"DSSEv1 ");
    out.extend_from_slice(payload_type.len().to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload_type.as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload.len().to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload);
    out
}

/// Decodes base64 in either alphabet the DSSE spec allows (standard or URL-safe), padded or not.
fn decode(text: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};
    use base64::engine::{GeneralPurpose, GeneralPurposeConfig};
    let lenient = GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent);
    let standard = GeneralPurpose::new(&base64::alphabet::STANDARD, lenient);
    let url = GeneralPurpose::new(&base64::alphabet::URL_SAFE, lenient);
    STANDARD
        .decode(text)
        .or_else(|_| URL_SAFE.decode(text))
        .or_else(|_| standard.decode(text))
        .or_else(|_| url.decode(text))
        .ok()
}

impl Envelope {
    /// Signs `payload` of `payload_type` with `key`; the signature's `keyid` is `key_id`.
    #[must_use]
    pub fn sign(payload_type: &str, payload: &[u8], key: &SigningKey, key_id: &str) -> Envelope {
        let signature = key.sign(&pae(payload_type, payload));
        let b64 = base64::engine::general_purpose::STANDARD;
        Envelope {
            payload: b64.encode(payload),
            payload_type: payload_type.to_string(),
            signatures: vec![Signature {
                keyid: key_id.to_string(),
                sig: b64.encode(signature.to_bytes()),
            }],
        }
    }

    /// The payload bytes.
    ///
    /// # Errors
    /// The payload is not base64.
    pub fn payload_bytes(&self) -> Result<Vec<u8>, EnvelopeError> {
        decode(&self.payload).ok_or(EnvelopeError::Payload)
    }

    /// Checks that at least one signature verifies over the PAE of this envelope's payload type
    /// and payload with `key` (key ids are hints and are not trusted), and returns the payload.
    ///
    /// # Errors
    /// The payload is unreadable, there is no signature, or none verifies.
    pub fn verify(&self, key: &VerifyingKey, key_id: &str) -> Result<Vec<u8>, EnvelopeError> {
        let payload = self.payload_bytes()?;
        if self.signatures.is_empty() {
            return Err(EnvelopeError::Unsigned);
        }
        let message = pae(&self.payload_type, &payload);
        let mut reasons = Vec::new();
        for (i, s) in self.signatures.iter().enumerate() {
            let Some(bytes) = decode(&s.sig) else {
                reasons.push(format!("signature {} is not base64", i + 1));
                continue;
            };
            let Ok(signature) = ed25519_dalek::Signature::from_slice(&bytes) else {
                reasons.push(format!(
                    "signature {} is {} bytes, not 64",
                    i + 1,
                    bytes.len()
                ));
                continue;
            };
            if key.verify(&message, &signature).is_ok() {
                return Ok(payload);
            }
            reasons.push(format!(
                "signature {} does not match the payload and this key",
                i + 1
            ));
        }
        Err(EnvelopeError::BadSignature {
            key: key_id.to_string(),
            reason: reasons.join("; "),
        })
    }

    /// The envelope as pretty JSON with a final newline.
    ///
    /// # Panics
    /// Never: every field serializes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("envelope serializes");
        out.push(b'\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pae_matches_the_spec_example() {
        // The example of the DSSE protocol document.
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
        assert_eq!(pae("", b""), b"DSSEv1 0  0 ".to_vec());
    }

    #[test]
    fn sign_then_verify_and_reject_a_changed_payload_or_type() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let env = Envelope::sign(IN_TOTO_PAYLOAD_TYPE, b"{}", &key, "k");
        assert_eq!(env.verify(&key.verifying_key(), "k").unwrap(), b"{}");
        let mut changed = env.clone();
        changed.payload = base64::engine::general_purpose::STANDARD.encode(b"{ }");
        assert!(matches!(
            changed.verify(&key.verifying_key(), "k"),
            Err(EnvelopeError::BadSignature { .. })
        ));
        let mut retyped = env.clone();
        retyped.payload_type = "text/plain".into();
        assert!(retyped.verify(&key.verifying_key(), "k").is_err());
        let other = SigningKey::from_bytes(&[8; 32]);
        assert!(env.verify(&other.verifying_key(), "o").is_err());
        let mut unsigned = env;
        unsigned.signatures.clear();
        assert_eq!(
            unsigned.verify(&key.verifying_key(), "k"),
            Err(EnvelopeError::Unsigned)
        );
    }
}
