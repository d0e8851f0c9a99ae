//! Test support: explicit 4 × 4 complex Dirac matrices (Dirac representation, Bjorken–Drell
//! conventions, metric (+, −, −, −)) for the checks of the closed-form squared amplitudes
//! against spin sums built as traces of matrix products.

use num_complex::Complex64 as C;

/// A 4 × 4 complex matrix in spinor space.
pub(crate) type Matrix = [[C; 4]; 4];
/// A four-vector with upper indices (E, p_x, p_y, p_z).
pub(crate) type Vector4 = [f64; 4];

/// The diagonal of the metric g_{μν}.
pub(crate) const METRIC: Vector4 = [1.0, -1.0, -1.0, -1.0];

pub(crate) fn zero() -> Matrix {
    [[C::new(0.0, 0.0); 4]; 4]
}

pub(crate) fn identity() -> Matrix {
    let mut m = zero();
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = C::new(1.0, 0.0);
    }
    m
}

/// The product a b.
pub(crate) fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    let mut c = zero();
    for i in 0..4 {
        for j in 0..4 {
            for k in 0..4 {
                c[i][j] += a[i][k] * b[k][j];
            }
        }
    }
    c
}

/// The sum a + b.
pub(crate) fn add(a: &Matrix, b: &Matrix) -> Matrix {
    let mut c = *a;
    for i in 0..4 {
        for j in 0..4 {
            c[i][j] += b[i][j];
        }
    }
    c
}

/// The linear combination ca a + cb b.
pub(crate) fn combine(a: &Matrix, b: &Matrix, ca: C, cb: C) -> Matrix {
    let mut c = zero();
    for i in 0..4 {
        for j in 0..4 {
            c[i][j] = ca * a[i][j] + cb * b[i][j];
        }
    }
    c
}

/// The multiple s a.
pub(crate) fn scale(a: &Matrix, s: C) -> Matrix {
    combine(a, &zero(), s, C::new(0.0, 0.0))
}

pub(crate) fn trace(a: &Matrix) -> C {
    (0..4).map(|i| a[i][i]).sum()
}

/// γ⁰, γ¹, γ², γ³ and γ⁵ = iγ⁰γ¹γ²γ³ in the Dirac representation.
pub(crate) fn gammas() -> ([Matrix; 4], Matrix) {
    let (o, l, i) = (C::new(0.0, 0.0), C::new(1.0, 0.0), C::new(0.0, 1.0));
    let sigma = [[[o, l], [l, o]], [[o, -i], [i, o]], [[l, o], [o, -l]]];
    let mut g = [zero(); 4];
    for k in 0..2 {
        g[0][k][k] = l;
        g[0][k + 2][k + 2] = -l;
    }
    for (n, s) in sigma.iter().enumerate() {
        for r in 0..2 {
            for c in 0..2 {
                g[n + 1][r][c + 2] = s[r][c];
                g[n + 1][r + 2][c] = -s[r][c];
            }
        }
    }
    let mut g5 = zero();
    for k in 0..2 {
        g5[k][k + 2] = l;
        g5[k + 2][k] = l;
    }
    (g, g5)
}

/// The vertices of a vector (γ^a) or axial-vector (γ^a γ⁵) X, a = 0…3.
pub(crate) fn vector_vertices(axial: bool, g: &[Matrix; 4], g5: &Matrix) -> Vec<Matrix> {
    g.iter()
        .map(|ga| if axial { mul(ga, g5) } else { *ga })
        .collect()
}

/// p̸ = γ^μ p_μ.
pub(crate) fn slash(g: &[Matrix; 4], p: &Vector4) -> Matrix {
    let mut m = zero();
    for mu in 0..4 {
        m = combine(
            &m,
            &g[mu],
            C::new(1.0, 0.0),
            C::new(METRIC[mu] * p[mu], 0.0),
        );
    }
    m
}

/// The Dirac adjoint γ⁰ O† γ⁰.
pub(crate) fn bar(g0: &Matrix, o: &Matrix) -> Matrix {
    let mut dagger = zero();
    for i in 0..4 {
        for j in 0..4 {
            dagger[i][j] = o[j][i].conj();
        }
    }
    mul(&mul(g0, &dagger), g0)
}

/// The Minkowski product a·b.
pub(crate) fn dot(a: &Vector4, b: &Vector4) -> f64 {
    a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]
}

#[test]
fn clifford_algebra_and_gamma5() {
    // The defining relations: {γ^μ, γ^ν} = 2 g^{μν}, (γ⁵)² = 1 and γ⁵ = iγ⁰γ¹γ²γ³.
    let (g, g5) = gammas();
    let i = C::new(0.0, 1.0);
    for mu in 0..4 {
        for nu in 0..4 {
            let anti = add(&mul(&g[mu], &g[nu]), &mul(&g[nu], &g[mu]));
            let want = if mu == nu { 2.0 * METRIC[mu] } else { 0.0 };
            assert_eq!(anti, scale(&identity(), C::new(want, 0.0)), "{mu} {nu}");
        }
    }
    assert_eq!(mul(&g5, &g5), identity());
    let product = scale(&mul(&mul(&g[0], &g[1]), &mul(&g[2], &g[3])), i);
    assert_eq!(product, g5);
}
