//! Tests of the exact cross section, each naming its independent source.

mod common;
mod dirac;
mod reference;
