//! Fuzzes the unit-suffixed energy parser: never panics; every accepted value is finite and
//! > 0; a list parses iff each of its comma-separated entries does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use muforce::io::{parse_energy, parse_energy_list};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = parse_energy(text) {
        assert!(value.is_finite() && value > 0.0, "{text:?} -> {value}");
    }
    match parse_energy_list(text) {
        Ok(values) => {
            assert!(values.iter().all(|v| v.is_finite() && *v > 0.0), "{text:?}");
            assert_eq!(values.len(), text.split(',').count(), "{text:?}");
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
