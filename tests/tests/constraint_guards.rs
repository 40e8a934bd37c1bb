//! Constraint guards: mutation testing of the CPU constraint system
//! (`jolt-core/src/zkvm/constraints.rs`).
//!
//! For every constraint, one lie: a witness that satisfies every other constraint and every
//! other check (bytecode, lookups, registers/RAM, output, regions) and breaks only this one.
//! The full system must reject it with the R1CS error; the system without that constraint
//! (`UniformR1cs::without_constraint`, the same on both sides) must accept it. So deleting any
//! constraint fails this test, and a constraint that no lie needs shows up as unguarded.
//!
//! Lies are told on tiny hand-assembled programs. Each starts from the honest witness of a
//! run and changes step columns; `complete_witness` then re-derives everything the other
//! checks read (timestamps, counters, Surge values), and a changed register or RAM word is
//! carried to every later read of it, so memory checking stays consistent. Most lies end in
//! a false public claim (a wrong exit code). The lies are `jolt_tests::cpu_lies`; the list,
//! with the error each gets, is in `paper-notes/lie-tests.md`.
//!
//! Both memory-checking backends prove the same CPU constraints over the same witness
//! columns, so each lie is told to both: the Lasso/Spice and the Twist/Shout prover and
//! verifier must each reject it with the R1CS error, and accept it without the constraint
//! (two tests, one per backend, so the two cores share them). Each is told in its backend's
//! memory model (`Lie::witness_for`: under Twist/Shout, RAM is a memory of its own, so a
//! lie's write to `x0` is not read back by the no-op RAM accesses).

use jolt_core::zkvm::constraints::CpuConstraints;
use jolt_core::zkvm::{prove_witness_with, verify, Backend, JoltError, Silent};
use jolt_tests::cpu_lies::{exit_seven, lies};
use jolt_tests::lie::Lie;

/// Checks that `lie` breaks constraint `label` and nothing else: with `backend`, the full
/// system rejects its proof with the R1CS error, the system without `label` accepts it.
fn guard(backend: Backend, label: &str, mut lie: Lie) -> Result<(), String> {
    let full = lie.pre.constraints.clone();
    let index = full
        .r1cs
        .constraint_index(label)
        .ok_or("no constraint has this label")?;
    let mutant = CpuConstraints {
        r1cs: full.r1cs.without_constraint(index),
        columns: full.columns.clone(),
    };
    let w = lie.witness_for(backend);
    match full.check_witness(&w) {
        Err(e) if e.label == label => {}
        Err(e) => return Err(format!("the lie breaks {:?} first", e.label)),
        Ok(()) => return Err("the lie breaks no constraint".into()),
    }
    if let Err(e) = mutant.check_witness(&w) {
        return Err(format!("the lie also breaks {:?}", e.label));
    }
    let verdict = |lie: &Lie| {
        let (proof, _) =
            prove_witness_with(backend, &lie.pre, &lie.io, &w, &Silent).expect("the prover runs");
        verify(&lie.pre, &lie.io, &proof)
    };
    match verdict(&lie) {
        Err(JoltError::R1cs(_)) => {}
        Ok(()) => return Err("full system: the verifier ACCEPTED the lie".into()),
        Err(e) => return Err(format!("full system: {e:?}, not the R1CS error")),
    }
    lie.pre.constraints = mutant;
    match verdict(&lie) {
        Ok(()) => Ok(()),
        Err(e) => Err(format!(
            "without the constraint the lie is still rejected: {e}"
        )),
    }
}

/// Runs [`guard`] for every constraint with `backend`; fails unless all are guarded.
fn every_constraint_guarded(backend: Backend) {
    let lies = lies();
    let system = Lie::of(&exit_seven()).pre.constraints.r1cs.clone();
    for (label, _) in &lies {
        assert!(
            system.constraint_index(label).is_some(),
            "a lie names {label:?}, which is not a constraint"
        );
    }
    let mut unguarded = Vec::new();
    for c in &system.constraints {
        let verdict = match lies.iter().find(|(label, _)| *label == c.label) {
            Some((label, lie)) => guard(backend, label, lie()),
            None => Err("no lie".to_string()),
        };
        if let Err(why) = verdict {
            unguarded.push(format!("{}: {why}", c.label));
        }
    }
    let n = system.num_constraints();
    println!(
        "constraints guarded ({backend}): {}/{n}",
        n - unguarded.len()
    );
    for u in &unguarded {
        println!("  unguarded: {u}");
    }
    assert!(
        unguarded.is_empty(),
        "{backend}: unguarded constraints: {unguarded:#?}"
    );
}

#[test]
fn every_cpu_constraint_rejects_a_lie_only_it_catches() {
    every_constraint_guarded(Backend::LassoSpice);
}

#[test]
fn every_cpu_constraint_rejects_a_lie_only_it_catches_with_twist_shout() {
    every_constraint_guarded(Backend::TwistShout);
}
