//! Passwords (argon2id), session tokens, CSRF tokens and the sign-in rate limit.
//!
//! A session is a random 256-bit token in an HttpOnly cookie; the database keeps only its
//! SHA-256, so a copy of the database cannot be replayed as live sessions. CSRF protection is
//! the double-submit pattern: a random token in an HttpOnly, SameSite cookie that every form
//! (hidden field `csrf`) and every API write (header `X-CSRF-Token`) must echo; a cross-site
//! page can neither read the cookie nor set the header.

use std::num::NonZeroU32;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Argon2, password_hash::rand_core::OsRng};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "agora_session";
pub const CSRF_COOKIE: &str = "agora_csrf";
/// The header that API writes echo the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const SESSION_DAYS: i64 = 14;

/// A fresh random token: 32 bytes, base64url (43 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a session token.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares a submitted CSRF token with the cookie's, in constant time.
pub fn csrf_matches(expected: &str, submitted: &str) -> bool {
    expected.len() == submitted.len()
        && expected
            .bytes()
            .zip(submitted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Hashes a password with argon2id off the async workers (it takes tens of milliseconds).
pub async fn hash_password(password: String) -> String {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .expect("argon2 hashing with default parameters cannot fail")
            .to_string()
    })
    .await
    .expect("the hashing task does not panic")
}

/// Checks a password against a stored PHC hash, off the async workers.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that an unknown email takes as
/// long to refuse as a wrong password (no account enumeration by timing).
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qL3XMYrCj0WZTw1Gm0fZ1TgqR2Pfcyc0v1ueM5UBLNI"
}

/// At most `n` attempts a minute per key (a client address, an account), with a burst of `n`:
/// governor's GCRA, so the budget refills steadily rather than all at once each minute.
pub struct Throttle<K: std::hash::Hash + Eq + Clone>(DefaultKeyedRateLimiter<K>);

impl<K: std::hash::Hash + Eq + Clone> Throttle<K> {
    pub fn per_minute(n: u32) -> Self {
        let n = NonZeroU32::new(n.max(1)).expect("at least one");
        Throttle(RateLimiter::keyed(Quota::per_minute(n).allow_burst(n)))
    }

    /// True when `key` may try again now (and counts this try).
    pub fn allow(&self, key: &K) -> bool {
        self.0.check_key(key).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use super::*;

    #[tokio::test]
    async fn passwords_verify_and_tokens_differ() {
        let hash = hash_password("correct horse battery".into()).await;
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), hash.clone()).await);
        assert!(!verify_password("wrong".into(), hash).await);
        assert!(!verify_password("x".into(), dummy_hash().into()).await);
        assert_ne!(new_token(), new_token());
        assert_eq!(new_token().len(), 43);
    }

    #[test]
    fn csrf_comparison() {
        assert!(csrf_matches("abc", "abc"));
        assert!(!csrf_matches("abc", "abd"));
        assert!(!csrf_matches("abc", ""));
    }

    #[test]
    fn limiter_refuses_after_the_burst() {
        let limiter = Throttle::per_minute(3);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert!((0..3).all(|_| limiter.allow(&ip)));
        assert!(!limiter.allow(&ip));
        assert!(limiter.allow(&"127.0.0.2".parse().unwrap()));
    }
}
