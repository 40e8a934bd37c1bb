use super::*;
use crate::guests;
use crate::vm::{LayoutConfig, Program, RunOptions};
use commitments::HyperKzg;
use instructions::LookupParams;

fn preprocess(elf: &[u8]) -> JoltPreprocessing<HyperKzg> {
    let program = Program::load(elf, &LayoutConfig::default()).unwrap();
    JoltPreprocessing::new(program, LookupParams::DEFAULT, 14, 7)
}

#[test]
fn fib_proves_and_verifies_with_both_backends() {
    let pre = preprocess(guests::FIB_ELF);
    let input = 10u32.to_le_bytes();
    for backend in Backend::ALL {
        let (io, proof, _) = prove(&pre, &input, &RunOptions::default(), backend, &Silent).unwrap();
        assert_eq!(proof.backend(), backend);
        assert_eq!(verify(&pre, &io, &proof), Ok(()), "{backend}");
    }
}

fn witness_of(pre: &JoltPreprocessing<HyperKzg>, input: &[u8]) -> JoltWitness {
    let trace = crate::vm::trace(&pre.program, input, &RunOptions::default()).unwrap();
    let initial = crate::vm::Memory::initial(&pre.program, input)
        .unwrap()
        .words;
    generate_witness(&pre.params, &pre.table, &pre.regions, &initial, &trace)
}

#[test]
fn honest_witness_satisfies_the_constraints() {
    for (name, elf) in guests::EXAMPLES {
        let pre = preprocess(elf);
        let w = witness_of(&pre, &[]);
        assert_eq!(pre.constraints.check_witness(&w), Ok(()), "{name}");
    }
}

#[test]
fn cpu_constraint_counts_match_the_module_doc() {
    let pre = preprocess(guests::FIB_ELF);
    let r1cs = &pre.constraints.r1cs;
    println!(
        "regions {}, constraints {}, columns {}, next-step columns {:?}",
        pre.regions.len(),
        r1cs.num_constraints(),
        r1cs.num_columns(),
        r1cs.next_step_columns().len()
    );
    // fib's code starts at the program base: input, output, code, RAM above the code.
    let regions = pre.regions.len();
    assert_eq!(regions, 4);
    assert_eq!(
        (
            r1cs.num_constraints(),
            r1cs.num_columns(),
            r1cs.next_step_columns().len()
        ),
        (35 + regions, 88 + regions, 4)
    );
}

#[test]
fn cpu_constraint_labels_are_unique() {
    // The constraint-guard test drops constraints one at a time by label.
    let pre = preprocess(guests::FIB_ELF);
    let r1cs = &pre.constraints.r1cs;
    for c in &r1cs.constraints {
        assert!(r1cs.constraint_index(c.label).is_some(), "{:?}", c.label);
    }
}
