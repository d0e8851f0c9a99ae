//! Fuzzes `io::parse_toml` into the material schema: never panics (in particular not while
//! turning an error span into a line and column), and every error names the source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use muforce::io::parse_toml;
use muforce::target::Material;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct MaterialFile {
    material: Vec<Material>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_toml::<MaterialFile>("fuzz.toml", text) {
        Ok(file) => {
            for m in &file.material {
                let _ = m.validate();
            }
        }
        Err(err) => assert!(err.to_string().starts_with("fuzz.toml: "), "{err}"),
    }
});
