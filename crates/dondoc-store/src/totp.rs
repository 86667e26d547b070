//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the optional
//! second factor of log-in, as authenticator apps implement them.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit as _, Mac as _};
use sha1::Sha1;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding (how authenticator apps take secrets).
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0_u32, 0_u32);
    for b in bytes {
        buf = (buf << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            let i = usize::try_from((buf >> bits) & 31).unwrap_or(0);
            out.push(char::from(ALPHABET.get(i).copied().unwrap_or(b'A')));
        }
    }
    if bits > 0 {
        let i = usize::try_from((buf << (5 - bits)) & 31).unwrap_or(0);
        out.push(char::from(ALPHABET.get(i).copied().unwrap_or(b'A')));
    }
    out
}

/// Base32 (case, spaces and padding ignored); None on a character outside the alphabet.
pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0_u32, 0_u32);
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET
            .iter()
            .position(|a| char::from(*a) == c.to_ascii_uppercase())?;
        buf = (buf << 5) | u32::try_from(v).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buf >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

/// The 6-digit code of `secret` for time step `step` (Unix seconds / 30).
pub fn code_at(secret: &[u8], step: u64) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).ok()?;
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h.last().copied()? & 0x0f);
    let b = h.get(offset..offset + 4)?;
    let n = u32::from_be_bytes([b.first()? & 0x7f, *b.get(1)?, *b.get(2)?, *b.get(3)?]);
    Some(n % 1_000_000)
}

/// Whether `code` is the code of the base32 `secret` now, or one step before or after (the
/// clocks of a phone and a server differ by some seconds).
pub fn verify(secret_b32: &str, code: &str) -> bool {
    let Some(secret) = base32_decode(secret_b32) else {
        return false;
    };
    let Ok(given) = code.trim().replace(' ', "").parse::<u32>() else {
        return false;
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 30);
    [now.saturating_sub(1), now, now + 1]
        .into_iter()
        .any(|s| code_at(&secret, s) == Some(given))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", 8 digits truncated to 6.
        let key = b"12345678901234567890";
        assert_eq!(code_at(key, 59 / 30), Some(287_082));
        assert_eq!(code_at(key, 1_111_111_109 / 30), Some(81_804));
        assert_eq!(code_at(key, 1_234_567_890 / 30), Some(5_924));
        assert_eq!(code_at(key, 20_000_000_000 / 30), Some(353_130));
    }

    #[test]
    fn base32_round_trips() {
        let key = b"12345678901234567890";
        let s = base32_encode(key);
        assert_eq!(s, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_decode(&s.to_lowercase()).as_deref(), Some(&key[..]));
        assert_eq!(base32_decode("not base32!"), None);
    }

    #[test]
    fn the_current_code_verifies_and_another_does_not() {
        let secret = base32_encode(b"12345678901234567890");
        let step = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 30);
        let code = code_at(b"12345678901234567890", step).unwrap_or(0);
        assert!(verify(&secret, &format!("{code:06}")));
        assert!(!verify(&secret, &format!("{:06}", (code + 1) % 1_000_000)));
        assert!(!verify(&secret, "abc"));
    }
}
