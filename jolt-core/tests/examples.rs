//! The library examples run: each example file is compiled into this test as a module and its
//! public function called on the smallest inputs (the `(C, log M) = (8, 8)` setting, whose
//! subtables have 256 entries, keeps the dev-profile run to seconds).

use instructions::LookupParams;

#[allow(dead_code)]
#[path = "../examples/prove_guest.rs"]
mod prove_guest;

#[allow(dead_code)]
#[path = "../examples/compare_schemes.rs"]
mod compare_schemes;

#[allow(dead_code)]
#[path = "../examples/toy_instruction.rs"]
mod toy_instruction;

#[test]
fn prove_guest_proves_and_verifies_fib_with_each_backend() {
    for backend in jolt_core::zkvm::Backend::ALL {
        let (value, summary) = prove_guest::prove_fib(20, LookupParams::SMALL, backend).unwrap();
        assert_eq!(value, 6765, "{summary}");
        assert!(summary.contains(&format!("[{backend}]")), "{summary}");
    }
}

#[test]
fn compare_schemes_runs_every_scheme() {
    let rows = compare_schemes::compare(10, LookupParams::SMALL).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.scheme).collect();
    assert_eq!(names, ["hyperkzg", "zeromorph", "hyrax"]);
    assert!(rows.iter().all(|r| r.output == 55u32.to_le_bytes()));
    assert_eq!(compare_schemes::render(&rows).lines().count(), 2 + 3);
}

#[test]
fn toy_instruction_passes_the_generic_checks_and_proves() {
    assert_eq!(toy_instruction::run_checks().unwrap().len(), 4);
    assert!(toy_instruction::buggy_subtable_is_caught().is_some());
    let claims = toy_instruction::prove_lookups(&LookupParams::SMALL, 8).unwrap();
    assert!(claims > 0);
}
