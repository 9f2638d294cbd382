//! Debug builds of the `desk` binary on Linux link as a position-dependent executable
//! (`-no-pie`).
//!
//! The test suite starts the debug binary about 3,000 times. As a position-independent
//! executable, every start first had the dynamic loader apply ~47,000 relocations
//! (most from chrono-tz's tables), which touched ~400 pages of the binary and cost
//! 1.3 ms of a 3.7 ms `desk --version`. Linked without PIE, the linker resolves them
//! once. Release builds, the ones users run, stay position-independent (ASLR).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let env = |key: &str| std::env::var(key).unwrap_or_default();
    if env("PROFILE") == "debug"
        && env("CARGO_CFG_TARGET_OS") == "linux"
        && env("CARGO_CFG_TARGET_ENV") == "gnu"
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
