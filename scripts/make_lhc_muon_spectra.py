"""Regenerate data/lhc/{z,w}_muon_momentum.csv: momentum spectra of muons from Z -> mu mu and
W -> mu nu at the LHC in the ATLAS barrel, as in Galon et al. (arXiv:1906.09272, Fig. 2).

Generator: Pythia 8 from PyPI (pythia8mc==8.317.2), pp at sqrt(s) = 13 TeV, the energy of the
ATLAS measurement whose fiducial cross sections normalise the spectra (ATLAS, Phys. Lett. B 759
(2016) 601, "ref. [27]" of the paper). Hard process with the parton shower (ISR gives the boson
its transverse momentum; QED FSR acts on the muons); multiparton interactions and hadronisation
are switched off because they do not change the momentum of the decay muons at truth level.

Selection (ATLAS PLB 759 (2016) 601, fiducial phase space):
  Z: two opposite-charge muons with pT > 25 GeV, |eta| < 2.5, 66 < m_mumu < 116 GeV;
  W: one muon with pT > 25 GeV, |eta| < 2.5, neutrino pT > 25 GeV, mT > 50 GeV.
Then every selected muon in the barrel, 0.1 < |eta| < 1.05, enters the histogram of its momentum
p = pT cosh(eta). The files record the barrel muons per fiducial event (the factor the paper
calls epsilon_eff: 0.50 for Z, 0.44 for W).

Usage: python3 scripts/make_lhc_muon_spectra.py [--events N] [--seed S] [--ecm GeV] [--out DIR]
"""
import argparse
import math
import os

import pythia8mc

BIN_WIDTH_GEV = 2.0
P_MAX_GEV = 600.0
BARREL = (0.1, 1.05)
version = 0.0

COMMON = [
    "PartonLevel:MPI = off",
    "HadronLevel:all = off",
    "Next:numberCount = 0",
    "Next:numberShowEvent = 0",
    "Next:numberShowInfo = 0",
    "Next:numberShowProcess = 0",
    "Init:showChangedSettings = off",
    "Init:showProcesses = off",
    "Init:showChangedParticleData = off",
    "Random:setSeed = on",
]
PROCESSES = {
    "z": [
        "WeakSingleBoson:ffbar2gmZ = on",
        "WeakZ0:gmZmode = 0",
        "23:onMode = off",
        "23:onIfAny = 13",
        "PhaseSpace:mHatMin = 60.",
        "PhaseSpace:mHatMax = 122.",
    ],
    "w": [
        "WeakSingleBoson:ffbar2W = on",
        "24:onMode = off",
        "24:onIfAny = 13",
    ],
}


def eta_of(p):
    pt = p.pT()
    return math.asinh(p.pz() / pt) if pt > 0 else math.copysign(1e9, p.pz())


def select_z(muons, _neutrinos):
    good = [m for m in muons if m.pT() > 25.0 and abs(eta_of(m)) < 2.5]
    plus = [m for m in good if m.id() < 0]
    minus = [m for m in good if m.id() > 0]
    if not plus or not minus:
        return []
    a, b = max(plus, key=lambda m: m.pT()), max(minus, key=lambda m: m.pT())
    e, px, py, pz = a.e() + b.e(), a.px() + b.px(), a.py() + b.py(), a.pz() + b.pz()
    mass = math.sqrt(max(e * e - px * px - py * py - pz * pz, 0.0))
    return [a, b] if 66.0 < mass < 116.0 else []


def select_w(muons, neutrinos):
    good = [m for m in muons if m.pT() > 25.0 and abs(eta_of(m)) < 2.5]
    if len(good) != 1 or not neutrinos:
        return []
    mu = good[0]
    nu = max(neutrinos, key=lambda n: n.pT())
    if nu.pT() <= 25.0:
        return []
    dphi = mu.phi() - nu.phi()
    mt = math.sqrt(max(2.0 * mu.pT() * nu.pT() * (1.0 - math.cos(dphi)), 0.0))
    return [mu] if mt > 50.0 else []


def run(name, events, seed, ecm):
    pythia = pythia8mc.Pythia("", False)
    for line in COMMON + PROCESSES[name] + [f"Beams:eCM = {ecm}", f"Random:seed = {seed}"]:
        pythia.readString(line)
    pythia.init()
    nbins = int(P_MAX_GEV / BIN_WIDTH_GEV)
    counts = [0] * nbins
    fiducial = barrel = overflow = events_with_barrel = fiducial_muons = 0
    select = select_z if name == "z" else select_w
    for _ in range(events):
        if not pythia.next():
            continue
        ev = pythia.event
        muons = [ev[i] for i in range(ev.size()) if ev[i].isFinal() and abs(ev[i].id()) == 13]
        nus = [ev[i] for i in range(ev.size()) if ev[i].isFinal() and abs(ev[i].id()) == 14]
        chosen = select(muons, nus)
        if not chosen:
            continue
        fiducial += 1
        fiducial_muons += len(chosen)
        in_barrel = [m for m in chosen if BARREL[0] < abs(eta_of(m)) < BARREL[1]]
        events_with_barrel += 1 if in_barrel else 0
        for m in chosen:
            if BARREL[0] < abs(eta_of(m)) < BARREL[1]:
                barrel += 1
                p = m.pAbs()
                if p >= P_MAX_GEV:
                    overflow += 1
                else:
                    counts[int(p / BIN_WIDTH_GEV)] += 1
    sigma_mb = pythia.infoPython().sigmaGen()
    global version
    version = pythia.parm("Pythia:versionNumber")
    return counts, fiducial, barrel, overflow, sigma_mb, events_with_barrel, fiducial_muons


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=400000)
    parser.add_argument("--seed", type=int, default=20190621)
    parser.add_argument("--ecm", type=float, default=13000.0)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "lhc"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, label in (("z", "Z -> mu mu"), ("w", "W -> mu nu")):
        counts, fiducial, barrel, overflow, sigma_mb, with_barrel, fid_muons = run(name, args.events, args.seed, args.ecm)
        path = os.path.join(args.out, f"{name}_muon_momentum.csv")
        with open(path, "w") as f:
            f.write(f"# Momentum spectrum of barrel muons (0.1 < |eta| < 1.05) from {label}, pp at {args.ecm:g} GeV.\n")
            f.write(f"# generator: Pythia {version:.3f} (PyPI pythia8mc==8.317.2)\n")
            f.write("# settings: " + "; ".join(COMMON + PROCESSES[name]) + "\n")
            f.write(f"# seed: {args.seed}; generated events: {args.events}\n")
            f.write("# selection: ATLAS fiducial phase space of Phys. Lett. B 759 (2016) 601 (see script)\n")
            f.write(f"# fiducial_events: {fiducial}\n")
            f.write(f"# barrel_muons: {barrel}\n")
            f.write(f"# fiducial_muons: {fid_muons}\n")
            f.write(f"# barrel_muons_per_fiducial_event: {barrel / max(fiducial, 1):.5f}\n")
            f.write(f"# barrel_muons_per_fiducial_muon: {barrel / max(fid_muons, 1):.5f}\n")
            f.write(f"# fiducial_events_with_a_barrel_muon: {with_barrel / max(fiducial, 1):.5f}\n")
            f.write(f"# overflow_muons_above_{P_MAX_GEV:g}_GeV: {overflow}\n")
            f.write(f"# pythia_sigma_gen_mb: {sigma_mb:.6e}\n")
            f.write("# regenerate: python3 scripts/make_lhc_muon_spectra.py\n")
            f.write("p_low_gev,p_high_gev,muons\n")
            for i, c in enumerate(counts):
                f.write(f"{i * BIN_WIDTH_GEV:g},{(i + 1) * BIN_WIDTH_GEV:g},{c}\n")
        print(f"{name}: fiducial {fiducial}/{args.events}, barrel muons {barrel} ({barrel / max(fiducial, 1):.4f} per event)")


if __name__ == "__main__":
    main()
