#!/usr/bin/env python3
"""Write the shipped constraint files, data/constraints/*.csv, from the reference limit CSVs.

    python3 scripts/make_constraint_files.py REFERENCE_DIR OUT_DIR
    python3 scripts/make_constraint_files.py --check REFERENCE_DIR [CONSTRAINTS_DIR]

REFERENCE_DIR is the folder of third-party limit CSVs (the reference limits folder that accompanies the project): each
opens with '#' lines naming the paper and the repository, path and commit its numbers were
read from. This script copies, filters or converts those numbers into the constraint-file
format (docs/constraints.md) and writes each file's provenance header. Every file is
validated before it is written: the header keys, masses strictly increasing per
(experiment, model, scenario), couplings empty or in (0, 4 pi], numbers with 5 significant
digits.

--check writes into a temporary folder and compares byte for byte with CONSTRAINTS_DIR
(default: data/constraints next to this script's folder); exit status 1 on any difference.

Where each source was checked, and against what, is in docs/constraints_sources.md.
Python 3.11 standard library only.
"""

import argparse
import csv
import math
import re
import sys
import tempfile
from pathlib import Path

MAX_COUPLING = 4 * math.pi
DATA_HEADER = "experiment,model,scenario,mass_gev,coupling_low,coupling_high"
REQUIRED_KEYS = [
    "label",
    "source",
    "digitisation",
    "conversion",
    "cl",
    "convention",
    "signature",
    "process",
    "trust",
    "display",
]
EXTRA_KEYS = {"quantity", "production", "xi-to-g"}
SIGNATURES = {"visible mu mu", "visible l l", "invisible", "neutrino-scattering", "cosmology"}
TRUST_LEVELS = ("HIGH", "MEDIUM-HIGH", "MEDIUM", "LOW-MEDIUM", "LOW")
NUMBER = re.compile(r"^[1-9]\.[0-9]{4}e[+-][0-9]{2}$")

# Lepton-mass-proportional scalar: g_mu = xi m_mu / v.
M_MU_GEV = 0.1056583755  # PDG 2024
V_GEV = 246.21965  # (sqrt(2) G_F)^(-1/2), G_F = 1.1663788e-5 GeV^-2 (PDG 2024)
XI_TO_G_MU = M_MU_GEV / V_GEV

DARKCAST_MICHA = "db9a0f66ec99946930dc263a042ec531c9576068"
DARKCAST_NOAH = "c7569fe9ddd0d39a4d815c7e63d0e24b2b6f5584"
SNFORMUTAU = "6bcd5ccedd784626dd3258014821409f39c7495c"
TAUALP = "cd06b446698dd7bb548394c7c6dbf82794f2cb68"

LMU_LTAU_CONVENTION = (
    "g' of gauged L_mu - L_tau: +g' on mu and nu_mu, -g' on tau and nu_tau "
    "(muforce model lmu-ltau); coupling_low is g' = g_mu"
)
TAU_PROCESS = (
    "e+ e- -> tau+ tau- phi_L, phi_L -> e+ e-, mu+ mu- (production through the tau coupling)"
)
MASS_SCALAR_CONVENTION = (
    "lepton-mass-proportional Yukawa L = -xi (m_l / v) phi_L lbar l for l = e, mu, tau "
    "(muforce model mass-scalar); coupling_low is g_mu = xi m_mu / v; the paper's xi is "
    "not stored (6 columns only) but is g_mu / 4.2912e-04"
)
XI_TO_G = (
    "g_mu = xi m_mu / v, m_mu = 0.1056583755 GeV, v = 246.21965 GeV ((sqrt 2 G_F)^-1/2, "
    "PDG 2024 G_F = 1.1663788e-5 GeV^-2; the paper writes v = 246 GeV, 0.09 % apart)"
)
BAUER = (
    'M. Bauer, P. Foldenauer, J. Jaeckel, "Hunting All the Hidden Photons", '
    "JHEP 07 (2018) 094, arXiv:1803.05466"
)


def fmt(x):
    """5 significant digits in e-notation, as the DarkCast .lmt files (1.3849e-03)."""
    return f"{x:.4e}"


def read_reference(path):
    """The data rows (dicts by column name) of a reference CSV; '#' lines are skipped."""
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(lines))


# ---------------------------------------------------------------- the eight files ----------


def babar_2016(ref):
    rows = []
    for r in read_reference(ref / "babar2016_lmu_ltau_zp_to_mumu_g_upper.csv"):
        m, g = float(r["mass_gev"]), float(r["g_lmu_ltau_upper"])
        rows.append(("babar", "lmu-ltau", "514/fb", m, None if g == 1.0e5 else g))
    header = [
        ("label", "BaBar 2016"),
        (
            "source",
            'BaBar Collaboration, J. P. Lees et al., "Search for a muonic dark force at '
            'BABAR", Phys. Rev. D 94 (2016) 011102, arXiv:1606.03501; Fig. 5 (black curve): '
            "90% CL upper limit on the coupling g' of a Z' coupled to the second and third "
            "lepton generations (L_mu - L_tau), e+e- -> mu+ mu- Z', Z' -> mu+ mu-; 514 fb^-1; "
            "search range 0.212-10 GeV; abstract: g' limits as low as 7e-4",
        ),
        (
            "digitisation",
            "DarkCast authors (P. Ilten, Y. Soreq, M. Williams, W. Xue, arXiv:1801.04847; "
            'limits/BaBar_TheBABAR2016rlg.py: "extracted from figure 5 (black curve)"); read '
            "from github.com/Noah-Everett/DS-Decay-Scripts, path "
            f"darkcast/limits/BaBar_TheBABAR2016rlg.lmt, commit {DARKCAST_NOAH}; byte-identical "
            "to github.com/micha-a-schmidt/darkcast, path limits/BaBar_TheBABAR2016rlg.lmt, "
            f"commit {DARKCAST_MICHA}",
        ),
        (
            "conversion",
            "columns mass and lower of the .lmt file copied unchanged into mass_gev and "
            "coupling_low (DarkCast's global coupling for this limit is the Z' coupling to "
            "muons, g' here); its three 1.0e5 sentinel rows (no limit: 0.21361 GeV at the "
            "dimuon threshold, a gap at 0.30962 GeV, and the end at 7.6819 GeV) become rows "
            "with empty couplings; no rows dropped; 1772 rows, already in increasing mass",
        ),
        ("cl", "0.9"),
        ("convention", LMU_LTAU_CONVENTION),
        ("signature", "visible mu mu"),
        ("process", "e+ e- -> mu+ mu- Z', Z' -> mu+ mu- (prompt)"),
        (
            "trust",
            "HIGH: collaboration curve digitised by a published tool, digitisation scatter "
            "~ few %; the jagged observed limit; the digitised curve stops at 7.68 GeV "
            "although the search reaches 10 GeV; DarkCast's "
            "recast/limits/Lmu-Ltau_boson/BaBar_TheBABAR2016rlg.lmt (a recast through "
            "dark-photon production) is not the physical BaBar bound and is not used",
        ),
        ("display", "region"),
        (
            "quantity",
            "coupling_low = upper limit on g' (the muon coupling); every larger coupling is "
            "excluded (coupling_high empty)",
        ),
    ]
    return header, rows


def belle2_2020(ref):
    rows = []
    seen = set()
    for r in read_reference(ref / "belle2_2020_lmu_ltau_zp_invisible_g_upper.csv"):
        m, g = float(r["mass_gev"]), float(r["g_lmu_ltau_upper"])
        if m in seen:  # a repeated mass: keep the first row, drop the second (none occur)
            continue
        seen.add(m)
        rows.append(("belle2", "lmu-ltau", "276/pb", m, g))
    header = [
        ("label", "Belle II 2020 (invisible)"),
        (
            "source",
            'Belle II Collaboration, I. Adachi et al., "Search for an invisibly decaying Z\' '
            "boson at Belle II in e+ e- -> mu+ mu- (e+- mu-+) plus missing energy final "
            'states", Phys. Rev. Lett. 124 (2020) 141801, arXiv:1912.11276; Fig. 3 (light '
            "blue curve, as named by the DarkCast notes): 90% credibility level upper limit on "
            "the L_mu - L_tau coupling g'; 276 pb^-1 of 2018 data; abstract: g' limits "
            "5e-2 to 1 for M_Z' <= 6 GeV",
        ),
        (
            "digitisation",
            "DarkCast authors (limits/BelleII_Adachi2019otg.py: \"extracted from figure 3 "
            "(light blue curve) of Adachi:2019otg, divided by a factor of 'pars.ge' given by "
            '3.02822e-1"); read from github.com/micha-a-schmidt/darkcast, path '
            f"recast/limits/Lmu-Ltau_boson/BelleII_Adachi2019otg.lmt, commit {DARKCAST_MICHA} "
            "(file last changed in 34a28f33b66adf9252a8cfd854e36457fd51883f), checked against "
            "the digitised dark-photon file limits/BelleII_Adachi2019otg.lmt at the same commit",
        ),
        (
            "conversion",
            "columns mass and lower of the L_mu - L_tau recast file copied unchanged into "
            "mass_gev and coupling_low; the recast equals the digitised epsilon times "
            "0.302822 to 5 digits (0.16841 x 0.302822 = 0.050998), i.e. the digitised g'; "
            "no sentinel rows; no two rows share a mass (36 strictly increasing masses), so "
            "no row was dropped; the jump at 5.3499 GeV (0.833) and the repeated couplings "
            "(0.050998 at 0.002 and 1.1565 GeV, 0.18 at 3.2121 and 3.3852 GeV, 0.46099 at "
            "4.691 and 4.7969 GeV, 0.72299 at 5.4244 and 5.4955 GeV) are in the source and "
            "kept; the dark-photon file's row at mass 0 has no counterpart in the recast",
        ),
        ("cl", "0.9"),
        (
            "convention",
            LMU_LTAU_CONVENTION + "; the limit is a 90 % credibility level (Bayesian) "
            "upper limit, not a frequentist CL",
        ),
        ("signature", "invisible"),
        ("process", "e+ e- -> mu+ mu- Z', Z' -> invisible (nu nubar)"),
        (
            "trust",
            "MEDIUM-HIGH: digitised collaboration curve; which of the Fig. 3 curves (vanilla "
            "L_mu - L_tau or fully invisible Z') is the light blue one was not checked against "
            "the figure, the abstract range 5e-2 to 1 matches; superseded by Belle II 2023 "
            "(arXiv:2212.03066, 79.7 fb^-1, g' from 3e-3 at low mass), whose curve was not "
            "found",
        ),
        ("display", "region"),
        ("production", "e+ e- -> mu+ mu- X (radiated from the muon line)"),
    ]
    return header, rows


def ccfr(ref):
    rows = []
    for r in read_reference(ref / "ccfr_trident_lmu_ltau_g_upper_snformutau.csv"):
        rows.append(("ccfr", "lmu-ltau", "trident", float(r["mass_gev"]),
                     float(r["g_lmu_ltau_upper"])))
    header = [
        ("label", "CCFR trident"),
        (
            "source",
            "CCFR neutrino trident measurement (sigma/sigma_SM = 0.82 +- 0.28) interpreted "
            "for L_mu - L_tau, as in W. Altmannshofer, S. Gori, M. Pospelov, I. Yavin, "
            '"Neutrino Trident Production: A Powerful Probe of New Physics with Neutrino '
            'Beams", Phys. Rev. Lett. 113 (2014) 091801, arXiv:1406.2332 (its L_mu - L_tau '
            "parameter-space figure); this attribution is an inference, the data file carries "
            "no header or provenance; the file states no CL (a secondary summary, "
            "warpedflavor.pages.dev/entries/L023, gives 95 % for Altmannshofer et al.; not "
            "confirmed from the paper)",
        ),
        (
            "digitisation",
            "unknown (not a digitisation: a log-spaced grid 1e-3 to 3162 GeV, 10 points per "
            "decade, apparently computed), as shipped by the SNforMuTau authors (code for "
            "arXiv:2307.03143); read from github.com/spinjo/SNforMuTau, path "
            f"mutau/OtherConstraints/nuTrident/NTPdata.csv, commit {SNFORMUTAU}",
        ),
        (
            "conversion",
            "column 1 (m_Z' in GeV: mutau/OtherConstraints/nuTrident/nuTrident.py multiplies "
            "it by 1e3 to get MeV) -> mass_gev, column 2 -> coupling_low, both rounded from "
            "up to 6 to 5 significant digits (e.g. 0.000720632 -> 7.2063e-04); no rows "
            "dropped (66 rows, all couplings below 4 pi); already in increasing mass",
        ),
        ("cl", "not stated"),
        ("convention", LMU_LTAU_CONVENTION),
        ("signature", "neutrino-scattering"),
        (
            "process",
            "nu_mu N -> nu_mu N mu+ mu- (neutrino trident), Z' exchange interfering with the SM",
        ),
        (
            "trust",
            "LOW-MEDIUM for provenance (no header, attribution inferred), MEDIUM for values: "
            "the plateau g' ~ 7e-4 - 1e-3 below ~100 MeV is the known CCFR one and the "
            "heavy-mass asymptote m_Z'/g' = 1000/1.87446 = 533 GeV agrees with the quoted "
            "m_Z'/g' >~ 550 GeV",
        ),
        ("display", "region"),
    ]
    return header, rows


def darkcast_nu_e(ref, name, experiment, scenario, keep):
    rows, dropped = [], []
    for r in read_reference(ref / name):
        m, g = float(r["mass_gev"]), float(r["g_lmu_ltau_upper"])
        if keep(m):
            rows.append((experiment, "lmu-ltau", scenario, m, g))
        else:
            dropped.append(m)
    return rows, dropped


def borexino(ref):
    rows, dropped = darkcast_nu_e(ref, "borexino_lmu_ltau_g_upper_darkcast_recast.csv",
                                  "borexino", "7Be nu-e", lambda m: m <= 0.2)
    assert len(rows) == 49 and len(dropped) == 15, (len(rows), len(dropped))
    header = [
        ("label", "Borexino"),
        (
            "source",
            f"{BAUER}, Fig. 13 top (filled brown curve \"Borexino\", a B-L boson limit from "
            "the Borexino 7Be solar-neutrino result Bellini:2011rx), recast to L_mu - L_tau "
            "by DarkCast; not a published L_mu - L_tau curve",
        ),
        (
            "digitisation",
            "DarkCast authors (darkcast/limits/Borexino_Bauer2018onh.py: \"figure 13 top "
            '(filled brown curve labeled Borexino)", neutrino energy 862 keV, equal parts of '
            "the three flavours); read from github.com/Noah-Everett/DS-Decay-Scripts (a copy "
            "of the DarkCast 2023 release), path "
            "darkcast/recast/limits/Lmu-Ltau_boson/Borexino_Bauer2018onh.lmt, with the source "
            f"limit darkcast/limits/Borexino_Bauer2018onh.lmt, commit {DARKCAST_NOAH} "
            "(unchanged at the repository's HEAD 2a86698dee49d66b193c99154c63087c8d798f72)",
        ),
        (
            "conversion",
            "columns mass and lower of the L_mu - L_tau recast file copied unchanged into "
            "mass_gev and coupling_low; only the 49 rows with mass_gev <= 0.2 are kept "
            "(0.00022756 to 0.19918 GeV): only m < ~0.2 GeV is physically meaningful; the 15 "
            "rows dropped are 0.227 to 1.0465 GeV (where the recast is non-monotonic through "
            "the loop-mixing function, e.g. 0.13571 at 0.47756 GeV) and the extrapolation "
            "points at 100 and 200 GeV",
        ),
        ("cl", "not stated"),
        (
            "convention",
            LMU_LTAU_CONVENTION + "; the electron couples only through the one-loop kinetic "
            "mixing of DarkCast models/Lmu-Ltau_boson.py (Amaral, Cerdeno, Foldenauer, Reid, "
            "arXiv:2006.11225, Eq. 7); the CL of the Bauer et al. curve is stated neither in "
            "the DarkCast files nor in any stored source found",
        ),
        ("signature", "neutrino-scattering"),
        (
            "process",
            "solar nu - e elastic scattering, electron coupling through L_mu-L_tau loop "
            "kinetic mixing (DarkCast recast)",
        ),
        (
            "trust",
            "LOW-MEDIUM: a DarkCast recast computation (nu-e scattering at E_nu = 862 keV, "
            "equal flavour mix) of a digitised B-L limit; not known whether the recast file "
            "was produced upstream or re-run by the repository owner; use below 0.2 GeV only; "
            "the dedicated L_mu - L_tau Borexino bounds (Kamada & Yu 2015; Amaral et al. 2020; "
            "Gninenko & Gorbunov 2020) were not found as data and were not compared",
        ),
        ("display", "region"),
    ]
    return header, rows


def charm2(ref):
    rows, dropped = darkcast_nu_e(ref, "charm2_numu_e_lmu_ltau_g_upper_darkcast_recast.csv",
                                  "charm-ii", "nu_mu e", lambda m: m < 100.0)
    assert dropped == [100.0, 200.0], dropped
    header = [
        ("label", "CHARM-II"),
        (
            "source",
            f"{BAUER}, Fig. 13 top (filled purple curve \"CHARM II\", a B-L boson limit from "
            "CHARM-II nu_mu - e scattering, CHARM-II:1993phx), recast to L_mu - L_tau by "
            "DarkCast; the nu_mu - e elastic-scattering bound, not the CHARM-II trident bound; "
            "not a published L_mu - L_tau curve",
        ),
        (
            "digitisation",
            "DarkCast authors (darkcast/limits/CHARMII_Bauer2018onh.py: \"figure 13 top "
            '(filled purple curve labeled CHARM II)", neutrino energy 23.7 GeV); read from '
            "github.com/Noah-Everett/DS-Decay-Scripts (a copy of the DarkCast 2023 release), "
            "path darkcast/recast/limits/Lmu-Ltau_boson/CHARMII_Bauer2018onh.lmt, with the "
            f"source limit darkcast/limits/CHARMII_Bauer2018onh.lmt, commit {DARKCAST_NOAH}",
        ),
        (
            "conversion",
            "columns mass and lower of the L_mu - L_tau recast file copied unchanged into "
            "mass_gev and coupling_low; the rows at 100 and 200 GeV (extrapolation points "
            "carried in the source file) dropped; 29 rows kept, 0.00088411 to 1.0394 GeV",
        ),
        ("cl", "not stated"),
        (
            "convention",
            LMU_LTAU_CONVENTION + "; nu_mu couples with +g', the electron only through the "
            "one-loop kinetic mixing of DarkCast models/Lmu-Ltau_boson.py (arXiv:2006.11225, "
            "Eq. 7); the CL of the Bauer et al. curve is stated neither in the DarkCast files "
            "nor in any stored source found",
        ),
        ("signature", "neutrino-scattering"),
        (
            "process",
            "nu_mu e -> nu_mu e elastic scattering (E_nu = 23.7 GeV in the recast), Z' "
            "coupling directly to nu_mu and to the electron through L_mu-L_tau loop kinetic "
            "mixing (DarkCast recast)",
        ),
        (
            "trust",
            "LOW-MEDIUM: a DarkCast recast computation of a digitised B-L limit, not a "
            "published L_mu - L_tau curve; below 0.2 GeV it lies at g' ~ 6e-4 - 1.9e-3, "
            "close to CCFR",
        ),
        ("display", "region"),
    ]
    return header, rows


def neff(ref):
    data = read_reference(ref / "neff_lmu_ltau_coupling_contours_snformutau.csv")
    rows, kept = [], {}
    for scenario, column in (("N_eff=3.2", "g_lmu_ltau_at_neff_3p2"),
                             ("N_eff=3.5", "g_lmu_ltau_at_neff_3p5")):
        n = 0
        for r in data:
            g = float(r[column])
            if g > MAX_COUPLING:
                continue
            rows.append(("neff", "lmu-ltau", scenario, float(r["mass_mev"]) / 1000.0, g))
            n += 1
        kept[scenario] = n
    assert kept == {"N_eff=3.2": 42, "N_eff=3.5": 25}, kept
    header = [
        ("label", "ΔN_eff contours (BBN/CMB)"),
        (
            "source",
            "couplings g' of a light L_mu - L_tau Z' at which N_eff = 3.2 and N_eff = 3.5 "
            "(early-Universe Delta N_eff, BBN/CMB), m_Z' = 1-100 MeV; the paper is not named "
            "in the repository (loader mutau/OtherConstraints/Neff/ClaudioNeff.py, a "
            "Mathematica notebook H0bounds.nb beside it); the physics is that of Escudero, "
            "Hooper, Krnjaic, Pierre, JHEP 03 (2019) 071, arXiv:1901.02010, but this "
            "attribution is not confirmed; no figure",
        ),
        (
            "digitisation",
            "unknown (computed curves, not a digitisation), as shipped by the SNforMuTau "
            "authors (code for arXiv:2307.03143); read from github.com/spinjo/SNforMuTau, "
            "paths mutau/OtherConstraints/Neff/Neff32.csv (scenario N_eff=3.2) and "
            f"mutau/OtherConstraints/Neff/Neff35.csv (scenario N_eff=3.5), commit {SNFORMUTAU}",
        ),
        (
            "conversion",
            "column 1 of the source is m_Z' in MeV (integers 1-100); mass_gev = mass_mev/1000 "
            "(unit change); column 2 -> coupling_low, rounded from up to 17 to 5 significant "
            "digits; rows with a coupling above 4 pi dropped: N_eff=3.2 keeps 1-42 MeV (42 "
            "rows; 43-100 MeV dropped), N_eff=3.5 keeps 1-25 MeV (25 rows; 26-100 MeV dropped)",
        ),
        ("cl", "none"),
        (
            "convention",
            LMU_LTAU_CONVENTION + "; here coupling_low is the coupling on the iso-N_eff "
            "contour, not a CL limit; SNforMuTau uses the N_eff = 3.5 curve as an upper "
            'exclusion and the band between the two as the "H0 hint"',
        ),
        ("signature", "cosmology"),
        (
            "process",
            "a light Z' in equilibrium with the early-Universe neutrinos, decaying to "
            "nu nubar, raises N_eff (BBN/CMB)",
        ),
        (
            "trust",
            "LOW-MEDIUM: computed by a third party, provenance undocumented; use only for the "
            "qualitative wall (m_Z' below ~10 MeV excluded by N_eff)",
        ),
        ("display", "contour"),
    ]
    return header, rows


def leptophilic_scalar(ref, name, experiment, veto_masses):
    """xi -> g_mu; the rows at the given masses (xi ~ 1e2, charmonium vetoes) become gaps."""
    raw = [(float(r["mass_gev"]), float(r["xi_upper"])) for r in read_reference(ref / name)]
    raw = sorted(set(raw))  # sort by mass and drop exact duplicates (none occur)
    assert len({m for m, _ in raw}) == len(raw), "two rows share a mass with different xi"
    vetoes = {m for m, xi in raw if xi > 90.0 and 3.0 < m < 3.8}
    assert vetoes == set(veto_masses), sorted(vetoes)
    rows = [(experiment, "mass-scalar", "e+e- -> tau tau phi", m,
             None if m in vetoes else xi * XI_TO_G_MU) for m, xi in raw]
    return rows


def babar_2020(ref):
    vetoes = (3.03629719, 3.10813232, 3.61585053, 3.69292227)
    rows = leptophilic_scalar(ref, "babar2020_leptophilic_scalar_xi_upper.csv", "babar", vetoes)
    header = [
        ("label", "BaBar 2020"),
        (
            "source",
            'BaBar Collaboration, J. P. Lees et al., "Search for a Dark Leptophilic Scalar in '
            'e+e- Collisions", Phys. Rev. Lett. 125 (2020) 181801, arXiv:2005.01885; the '
            "figure of the 90% CL upper limit on xi versus m_phi_L (figure number not checked; "
            'the digitised file says "from https://arxiv.org/pdf/2005.01885"); abstract: '
            "limits for 0.04 < m_phi_L < 7.0 GeV, excluding almost entirely the "
            "(g-2)_mu-favoured region below 4 GeV at 90% CL",
        ),
        (
            "digitisation",
            "tauALP authors (a WebPlotDigitizer project file sits in the same folder); read "
            "from github.com/mhostert/tauALP, path digitized/BABAR_leptophilic.dat, commit "
            f"{TAUALP}",
        ),
        (
            "conversion",
            "coupling_low = xi x m_mu / v = xi x 4.2912e-04 (see xi-to-g), rounded to 5 "
            "significant digits; mass_gev = the source's m (GeV, 9 digits) rounded to 5 "
            "significant digits; the four rows with xi ~ 1e2 at 3.0363, 3.1081, 3.6159 and "
            "3.6929 GeV (J/psi and psi(2S) veto windows drawn to the top of the plot, not "
            "limits) become gaps (empty couplings); the masses are already strictly "
            "increasing, so no sorting and no duplicate removal was needed; no rows dropped "
            "(385 rows, 0.041655 to 6.3465 GeV)",
        ),
        ("cl", "0.9"),
        ("convention", MASS_SCALAR_CONVENTION),
        ("signature", "visible l l"),
        ("process", TAU_PROCESS),
        (
            "trust",
            "MEDIUM: third-party digitisation of the collaboration figure, jagged observed "
            "curve, digitisation scatter ~5-10 %; not a muon-only scalar: production is by "
            "tau radiation and the decays are visible (ee, mumu); above 5.7 GeV the limit "
            "rises to xi ~ 65-98 (kept as limits)",
        ),
        ("display", "region"),
        ("production", "e+ e- -> tau+ tau- X (radiated from the tau line)"),
        ("xi-to-g", XI_TO_G),
    ]
    return header, rows


def belle_2024(ref):
    vetoes = (3.04215117, 3.1598961, 3.65505133, 3.77256581)
    rows = leptophilic_scalar(ref, "belle2024_leptophilic_scalar_xi_upper.csv", "belle", vetoes)
    header = [
        ("label", "Belle 2024"),
        (
            "source",
            'Belle Collaboration, D. Biswas et al., "Search for a dark leptophilic scalar '
            "produced in association with tau+ tau- pair in e+ e- annihilation at "
            'center-of-mass energies near 10.58 GeV", Phys. Rev. D 109 (2024) 032002, '
            "arXiv:2207.07476 (arXiv number, journal reference and the 90% CL confirmed from "
            "the abstract pages research.knu.ac.kr/en/publications/"
            "search-for-a-dark-leptophilic-scalar-produced-in-association-with/ and "
            "tomesphere.com/paper/2207.07476); 626 fb^-1; the figure of the 90% CL upper "
            "limit on xi versus m_phi_L (figure number not checked; the digitised file says "
            '"from https://journals.aps.org/prd/pdf/10.1103/PhysRevD.109.032002"); abstract: '
            "bounds 19% more constraining than the previous ones averaged over "
            "0.04 <= m_phi_L <= 6.5 GeV",
        ),
        (
            "digitisation",
            "tauALP authors; read from github.com/mhostert/tauALP, path "
            f"digitized/Belle_leptophilic.dat, commit {TAUALP}",
        ),
        (
            "conversion",
            "coupling_low = xi x m_mu / v = xi x 4.2912e-04 (see xi-to-g), rounded to 5 "
            "significant digits; mass_gev = the source's m (GeV, 9 digits) rounded to 5 "
            "significant digits; the four rows with xi ~ 93-95 at 3.0422, 3.1599, 3.6551 and "
            "3.7726 GeV (charmonium veto windows, not limits) become gaps (empty couplings); "
            "the masses are already strictly increasing (several pairs lie within 3e-4 GeV, "
            "e.g. 1.72662 and 1.72666 GeV, and stay distinct at 5 digits), so no sorting and "
            "no duplicate removal was needed; no rows dropped (195 rows, 0.040700 to "
            "6.2015 GeV)",
        ),
        ("cl", "0.9"),
        ("convention", MASS_SCALAR_CONVENTION),
        ("signature", "visible l l"),
        ("process", TAU_PROCESS),
        (
            "trust",
            "MEDIUM: third-party digitisation of the collaboration figure, jagged observed "
            "curve (vertical steps digitised as point pairs less than 1e-3 GeV apart); the "
            "README's remark that some masses are out of order does not hold for this file; "
            "not a muon-only scalar: production is by tau radiation and the decays are "
            "visible (ee, mumu)",
        ),
        ("display", "region"),
        ("production", "e+ e- -> tau+ tau- X (radiated from the tau line)"),
        ("xi-to-g", XI_TO_G),
    ]
    return header, rows


FILES = {
    "babar_2016_lmu_ltau.csv": babar_2016,
    "belle2_2020_lmu_ltau_invisible.csv": belle2_2020,
    "ccfr_trident_lmu_ltau.csv": ccfr,
    "borexino_lmu_ltau.csv": borexino,
    "charm2_lmu_ltau.csv": charm2,
    "neff_lmu_ltau_contours.csv": neff,
    "babar_2020_mass_scalar.csv": babar_2020,
    "belle_2024_mass_scalar.csv": belle_2024,
}

# ---------------------------------------------------------------- text and checks ----------


def render(header, rows):
    lines = [f"# {key}: {value}" for key, value in header]
    lines.append(DATA_HEADER)
    for experiment, model, scenario, m, g in rows:
        lines.append(f"{experiment},{model},{scenario},{fmt(m)},{'' if g is None else fmt(g)},")
    return "\n".join(lines) + "\n"


def validate(name, text):
    """Problems with one file's text (empty list: valid)."""
    problems = []
    lines = text.split("\n")
    assert lines[-1] == "", "text must end with a newline"
    lines = lines[:-1]
    keys = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        match = re.match(r"^# ([a-z][a-z-]*): (\S.*)$", lines[i])
        if not match:
            problems.append(f"line {i + 1}: not a '# key: value' line")
        else:
            key, value = match.groups()
            keys.append(key)
            if key == "cl" and value not in ("not stated", "none"):
                try:
                    if not 0.0 < float(value) < 1.0:
                        problems.append(f"cl {value} not in (0, 1)")
                except ValueError:
                    problems.append(f"cl '{value}' is not a number, 'not stated' or 'none'")
            if key == "signature" and value not in SIGNATURES:
                problems.append(f"unknown signature '{value}'")
            if key == "display" and value not in ("region", "contour"):
                problems.append(f"unknown display '{value}'")
            if key == "trust" and not re.match(r"^(%s)\b" % "|".join(TRUST_LEVELS), value):
                problems.append(f"trust '{value[:20]}…' does not start with a known level")
        i += 1
    required = [k for k in keys if k in REQUIRED_KEYS]
    if required != REQUIRED_KEYS:
        problems.append(f"header keys {required} are not {REQUIRED_KEYS} in this order")
    if keys[: len(REQUIRED_KEYS)] != REQUIRED_KEYS:
        problems.append("the required keys must come first")
    for k in keys:
        if k not in REQUIRED_KEYS and k not in EXTRA_KEYS:
            problems.append(f"unexpected header key '{k}'")
    if len(set(keys)) != len(keys):
        problems.append("a header key is repeated")
    if i >= len(lines) or lines[i] != DATA_HEADER:
        problems.append(f"line {i + 1}: expected '{DATA_HEADER}'")
        return problems
    last = {}
    n = 0
    for j, line in enumerate(lines[i + 1:], start=i + 2):
        f = line.split(",")
        if len(f) != 6:
            problems.append(f"line {j}: {len(f)} columns")
            continue
        n += 1
        experiment, model, scenario, mass, low, high = f
        if not (experiment and model and scenario):
            problems.append(f"line {j}: empty experiment, model or scenario")
        for field, value in (("mass_gev", mass), ("coupling_low", low)):
            if value and not NUMBER.match(value):
                problems.append(f"line {j}: {field} '{value}' is not 5-digit e-notation")
        if high:
            problems.append(f"line {j}: coupling_high must be empty")
        m = float(mass)
        key = (experiment, model, scenario)
        if key in last and not m > last[key]:
            problems.append(f"line {j}: mass {mass} not above the previous {last[key]}")
        last[key] = m
        if low and not 0.0 < float(low) <= MAX_COUPLING:
            problems.append(f"line {j}: coupling {low} outside (0, 4 pi]")
    if n == 0:
        problems.append("no data rows")
    return problems


def summary(name, rows):
    """One line per curve: rows, mass range, gaps, smallest coupling and its mass."""
    out = []
    curves = {}
    for r in rows:
        curves.setdefault(r[:3], []).append(r)
    for key, rs in curves.items():
        limited = [(float(fmt(r[4])), float(fmt(r[3]))) for r in rs if r[4] is not None]
        g, m = min(limited)
        gaps = sum(r[4] is None for r in rs)
        out.append(f"{name} {'/'.join(key)}: {len(rs)} rows ({gaps} gaps), "
                   f"{fmt(rs[0][3])}-{fmt(rs[-1][3])} GeV, min {fmt(g)} at {fmt(m)} GeV")
    return out


def write_all(ref, out, quiet=False):
    out.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, build in FILES.items():
        header, rows = build(ref)
        text = render(header, rows)
        problems = validate(name, text)
        if problems:
            failed = True
            for p in problems:
                print(f"{name}: {p}", file=sys.stderr)
            continue
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        if not quiet:
            print("\n".join(summary(name, rows)))
    return not failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference_dir", type=Path)
    parser.add_argument("out_dir", type=Path, nargs="?")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with OUT_DIR "
                             "(default data/constraints); exit 1 on a difference")
    args = parser.parse_args()
    if args.check:
        target = args.out_dir or Path(__file__).resolve().parent.parent / "data" / "constraints"
        with tempfile.TemporaryDirectory() as tmp:
            if not write_all(args.reference_dir, Path(tmp), quiet=True):
                return 1
            differ = []
            for name in FILES:
                new = (Path(tmp) / name).read_bytes()
                old = (target / name).read_bytes() if (target / name).exists() else None
                if new != old:
                    differ.append(name if old is not None else f"{name} (missing)")
            # Files of other origin (muforce's own computations, e.g. the NA64mu 2022 file of
            # scripts/make_na64mu_constraint.py) must say so in their source line.
            extra = sorted(p for p in target.glob("*.csv") if p.name not in FILES)
            differ += [
                f"{p.name} (not written by this script, and not muforce's own)"
                for p in extra
                if "# source: muforce" not in p.read_text()
            ]
        if differ:
            print(f"differ from {target}: " + ", ".join(differ), file=sys.stderr)
            return 1
        print(f"{len(FILES)} files in {target} match")
        return 0
    if args.out_dir is None:
        parser.error("OUT_DIR is required without --check")
    return 0 if write_all(args.reference_dir, args.out_dir) else 1


if __name__ == "__main__":
    sys.exit(main())
