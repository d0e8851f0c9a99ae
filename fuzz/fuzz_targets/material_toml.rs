//! Fuzzes material files (`MaterialTable::add_toml`): never panics; an accepted file leaves
//! only materials that pass validation, whose derived quantities are finite and > 0.
#![no_main]

use libfuzzer_sys::fuzz_target;
use muforce::target::MaterialTable;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut table = MaterialTable::built_in();
    match table.add_toml("fuzz.toml", text) {
        Ok(()) => {
            for m in table.materials() {
                assert!(m.validate().is_ok(), "{m:?}");
                for value in [
                    m.atoms_per_cm3(),
                    m.radiation_length_g_cm2(),
                    m.radiation_length_cm(),
                    m.nucleus_mass_gev(),
                ] {
                    assert!(value.is_finite() && value > 0.0, "{m:?}: {value}");
                }
            }
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
