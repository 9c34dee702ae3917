#![no_main]
//! Arbitrary bytes into the songkick parser: it must never panic, and every event it returns must
//! keep the model's time invariant.

use gigradar_providers::{parse, Provider};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = parse(Provider::Songkick, data) {
        for event in &out.events {
            gigradar_fuzz_check::check(event);
        }
    }
});

mod gigradar_fuzz_check {
    include!("../check.rs");
}
