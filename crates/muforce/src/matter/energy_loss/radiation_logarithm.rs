//! The radiation-logarithm constant B(Z) of the Kelner–Kokoulin–Petrukhin screening functions.
//!
//! S. R. Kelner, R. P. Kokoulin, A. A. Petrukhin, preprint MEPhI 024-95 (1995), Table 1
//! (B = 183 in the Thomas–Fermi limit; the values are Hartree–Fock fits per element), as used by
//! Groom, Mokhov, Striganov, ADNDT 78 (2001) 183 (bremsstrahlung section), and by PROPOSAL. B′ = 1429 (446 for
//! hydrogen) is the inelastic (atomic-electron) constant of the same paper.

/// (Z, B) from KKP 1995 Table 1.
const TABLE: [(u32, f64); 31] = [
    (1, 202.4),
    (2, 151.9),
    (3, 159.9),
    (4, 172.3),
    (5, 177.9),
    (6, 178.3),
    (7, 176.6),
    (8, 173.4),
    (9, 170.0),
    (10, 165.8),
    (11, 165.8),
    (12, 167.1),
    (13, 169.1),
    (14, 170.8),
    (15, 172.2),
    (16, 173.4),
    (17, 174.3),
    (18, 174.8),
    (19, 175.1),
    (20, 175.6),
    (21, 176.2),
    (22, 176.8),
    (26, 175.8),
    (29, 173.1),
    (32, 173.0),
    (35, 173.5),
    (42, 175.9),
    (50, 177.4),
    (53, 178.6),
    (74, 177.6),
    (82, 178.0),
];

/// B(Z) for the nearest integer Z; 179.8 for uranium and 182.7 for elements not in the table
/// (KKP 1995).
pub fn radiation_logarithm(z: f64) -> f64 {
    let zi = z.round() as u32;
    if zi == 92 {
        return 179.8;
    }
    TABLE
        .iter()
        .find(|&&(zt, _)| zt == zi)
        .map_or(182.7, |&(_, b)| b)
}

/// B′(Z) of the inelastic atomic form factor: 446 for hydrogen, 1429 otherwise (KKP 1995).
pub fn radiation_logarithm_inelastic(z: f64) -> f64 {
    if z.round() as u32 == 1 {
        446.0
    } else {
        1429.0
    }
}
