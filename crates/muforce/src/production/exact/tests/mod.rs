//! Tests of the exact cross section, each naming its independent source.

mod azimuth;
mod collinear;
mod common;
mod dirac;
mod errors;
mod kinematics;
mod lanes;
mod phase_space;
mod positivity;
mod product;
mod reference;
mod ridge;
mod threshold;
