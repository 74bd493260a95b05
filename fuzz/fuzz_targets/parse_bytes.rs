//! `parse_bytes` on any bytes: format detected, any encoding. It returns (never panics) and
//! its result holds the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod invariants;

fuzz_target!(|data: &[u8]| {
    let transcript = agora_records::parse_bytes(data);
    let (text, _) = agora_records::decode::decode(data);
    invariants::check(&transcript, invariants::lines(&text));
});
