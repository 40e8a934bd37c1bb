//! Twist: completeness over random traces; one test per lie, each asserting the check that
//! rejects it; tampered proofs; the LT polynomial; prover/verifier transcripts agree.

use ark_bn254::Fr;
use ark_ff::{One, UniformRand, Zero};
use ark_std::rand::rngs::StdRng;
use ark_std::rand::{Rng, SeedableRng};
use proptest::prelude::*;
use sumcheck::{first_divergence, EqPolynomial, MerlinTranscript, Transcript};

use super::*;

struct Instance {
    params: TwistParams,
    /// The public initial memory.
    init: Vec<Fr>,
    witness: TwistWitness<Fr>,
    r_cycle: Vec<Fr>,
    region: OutputRegion<Fr>,
}

impl Instance {
    fn random(log_n: usize, d: usize, log_t: usize, num_reads: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let params = TwistParams {
            log_n,
            d,
            log_t,
            num_reads,
        };
        let (k, t) = (1u64 << params.log_k(), 1usize << log_t);
        let init: Vec<Fr> = (0..k).map(|_| Fr::from(rng.gen::<u16>())).collect();
        let reads = (0..num_reads)
            .map(|_| (0..t).map(|_| rng.gen_range(0..k)).collect())
            .collect();
        let writes: Vec<u64> = (0..t).map(|_| rng.gen_range(0..k)).collect();
        let values: Vec<Fr> = (0..t).map(|_| Fr::from(rng.gen::<u32>())).collect();
        let witness = TwistWitness::from_run(init.clone(), reads, writes, &values);
        let start = rng.gen_range(0..k as usize);
        let len = rng.gen_range(0..=(k as usize - start).min(4));
        let region = OutputRegion {
            start,
            values: witness.final_memory[start..start + len].to_vec(),
        };
        Instance {
            params,
            init,
            witness,
            r_cycle: (0..log_t).map(|_| Fr::rand(&mut rng)).collect(),
            region,
        }
    }

    fn prove(&self, w: &TwistWitness<Fr>) -> TwistProof<Fr> {
        prove_twist(
            &self.params,
            w,
            &self.r_cycle,
            &self.region,
            &mut MerlinTranscript::new(b"twist-test"),
        )
        .0
    }

    /// Verifies against the public initial memory and `claims`, then checks the left-over
    /// claims against `w` (the PCS's job).
    fn verify(
        &self,
        w: &TwistWitness<Fr>,
        proof: &TwistProof<Fr>,
        claims: &[Fr],
    ) -> Result<(), TwistError> {
        let init_mle = |r: &[Fr]| {
            EqPolynomial::evals(r)
                .iter()
                .zip(&self.init)
                .map(|(e, v)| *e * v)
                .sum()
        };
        let left = verify_twist(
            &self.params,
            proof,
            init_mle,
            &self.r_cycle,
            claims,
            &self.region,
            &mut MerlinTranscript::new(b"twist-test"),
        )?;
        check_twist_claims(&self.params, w, &left)
    }

    /// Proves `w` and verifies it against the claims its own replay gives.
    fn run(&self, w: &TwistWitness<Fr>) -> Result<(), TwistError> {
        let claims = access_claims(w, &self.r_cycle);
        self.verify(w, &self.prove(w), &claims)
    }

    /// Proves the honest witness and verifies it against `claims` tampered by `lie`.
    fn run_with_claims(&self, lie: impl FnOnce(&mut Vec<Fr>)) -> Result<(), TwistError> {
        let mut claims = access_claims(&self.witness, &self.r_cycle);
        lie(&mut claims);
        self.verify(&self.witness, &self.prove(&self.witness), &claims)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20))]
    #[test]
    fn honest_traces_verify(
        (log_n, d) in prop_oneof![Just((1usize, 1usize)), Just((3, 1)), Just((2, 2)), Just((1, 3))],
        log_t in 0usize..6,
        num_reads in 1usize..3,
        seed in any::<u64>(),
    ) {
        let inst = Instance::random(log_n, d, log_t, num_reads, seed);
        prop_assert_eq!(inst.run(&inst.witness), Ok(()));
    }
}

#[test]
fn lt_table_and_lt_mle_agree_with_the_definition() {
    let mut rng = StdRng::seed_from_u64(9);
    let n = 4;
    for y in 0..16usize {
        let bits = |v: usize| -> Vec<Fr> {
            (0..n)
                .map(|b| Fr::from(((v >> (n - 1 - b)) & 1) as u64))
                .collect()
        };
        let table = lt_table(&bits(y));
        for (x, t) in table.iter().enumerate() {
            assert_eq!(*t, Fr::from((x < y) as u64));
            assert_eq!(lt_mle(&bits(x), &bits(y)), *t);
        }
    }
    let r: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
    let x: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
    let table = lt_table(&r);
    let via_table: Fr = EqPolynomial::evals(&x)
        .iter()
        .zip(&table)
        .map(|(e, t)| *e * t)
        .sum();
    assert_eq!(via_table, lt_mle(&x, &r));
}

#[test]
fn a_read_of_a_value_the_cell_does_not_hold_is_rejected_by_read_checking() {
    let inst = Instance::random(2, 2, 4, 2, 1);
    assert_eq!(
        inst.run_with_claims(|c| c[1] += Fr::one()),
        Err(TwistError::ReadWriteFinal)
    );
}

#[test]
fn a_write_value_that_is_not_val_plus_inc_is_rejected_by_write_checking() {
    let inst = Instance::random(2, 2, 4, 2, 2);
    assert_eq!(
        inst.run_with_claims(|c| c[2] += Fr::one()),
        Err(TwistError::ReadWriteFinal)
    );
}

#[test]
fn a_wrong_numeric_address_is_rejected_by_the_raf_check() {
    let inst = Instance::random(2, 2, 4, 1, 3);
    assert_eq!(
        inst.run_with_claims(|c| c[2] += Fr::one()),
        Err(TwistError::ReadWriteFinal)
    );
    assert_eq!(
        inst.run_with_claims(|c| c[3] += Fr::one()),
        Err(TwistError::ReadWriteFinal)
    );
}

#[test]
fn a_run_from_another_initial_memory_is_rejected_by_the_val_check() {
    // Reads and writes consistent with a fake initial memory (one cell differs): read and
    // write checking pass, the Val evaluation against the public init~ does not.
    let mut inst = Instance::random(2, 2, 4, 1, 4);
    // No public output here, so that only the initial memory differs.
    inst.region = OutputRegion {
        start: 0,
        values: vec![],
    };
    let w = &inst.witness;
    let cell = w.reads[0][0] as usize;
    let mut fake = inst.init.clone();
    fake[cell] += Fr::one();
    let (_, wv) = w.replay();
    let lying = TwistWitness::from_run(fake, w.reads.clone(), w.writes.clone(), &wv);
    assert_eq!(inst.run(&lying), Err(TwistError::ValCheckFinal));
}

#[test]
fn a_final_memory_that_differs_from_the_public_output_is_rejected_by_the_output_check() {
    let mut inst = Instance::random(2, 2, 4, 1, 5);
    inst.region = OutputRegion {
        start: 3,
        values: vec![inst.witness.final_memory[3] + Fr::one()],
    };
    assert_eq!(inst.run(&inst.witness), Err(TwistError::OutputFinal));
}

#[test]
fn a_claimed_final_memory_that_the_increments_do_not_reach_is_rejected_by_the_val_check() {
    // The prover runs the output check on the memory the public output wants, not on the
    // memory its increments produce: the output check passes, the final-value part of the
    // Val evaluation does not.
    let mut inst = Instance::random(2, 2, 4, 1, 6);
    inst.region = OutputRegion {
        start: 3,
        values: vec![inst.witness.final_memory[3] + Fr::one()],
    };
    let mut lying = inst.witness.clone();
    lying.final_memory[3] += Fr::one();
    assert_eq!(inst.run(&lying), Err(TwistError::ValCheckFinal));
}

#[test]
fn tampered_proofs_are_rejected_with_the_check_they_break() {
    let inst = Instance::random(2, 2, 4, 2, 7);
    let w = &inst.witness;
    let claims = access_claims(w, &inst.r_cycle);
    let proof = inst.prove(w);
    assert_eq!(inst.verify(w, &proof, &claims), Ok(()));
    type Tamper = fn(&mut TwistProof<Fr>);
    let cases: [(Tamper, TwistError); 8] = [
        (|p| p.val_eval += Fr::one(), TwistError::ReadWriteFinal),
        (|p| p.inc_eval += Fr::one(), TwistError::ReadWriteFinal),
        (
            |p| p.read_chunk_evals[3] += Fr::one(),
            TwistError::ReadWriteFinal,
        ),
        (
            |p| p.write_chunk_evals[0] += Fr::one(),
            TwistError::ReadWriteFinal,
        ),
        (|p| p.final_eval += Fr::one(), TwistError::OutputFinal),
        (
            |p| p.val_check_inc_eval += Fr::one(),
            TwistError::ValCheckFinal,
        ),
        (
            |p| p.final_check_write_evals[1] += Fr::one(),
            TwistError::ValCheckFinal,
        ),
        (
            |p| p.booleanity_evals[4] += Fr::one(),
            TwistError::BooleanityFinal,
        ),
    ];
    for (tamper, expected) in cases {
        let mut p = proof.clone();
        tamper(&mut p);
        assert_eq!(inst.verify(w, &p, &claims), Err(expected));
    }
    let mut p = proof.clone();
    p.val_check.round_polys.pop();
    assert!(matches!(
        inst.verify(w, &p, &claims),
        Err(TwistError::ValCheckSumcheck(_))
    ));
    let mut p = proof;
    p.write_chunk_evals.push(Fr::zero());
    assert!(matches!(
        inst.verify(w, &p, &claims),
        Err(TwistError::Malformed(_))
    ));
}

#[test]
fn without_an_output_region_there_is_no_output_check_and_its_parts_are_rejected() {
    let mut inst = Instance::random(2, 2, 4, 2, 9);
    inst.region = OutputRegion {
        start: 0,
        values: Vec::new(),
    };
    let w = &inst.witness;
    let claims = access_claims(w, &inst.r_cycle);
    let proof = inst.prove(w);
    assert!(proof.output.round_polys.is_empty() && proof.final_check_write_evals.is_empty());
    assert_eq!(inst.verify(w, &proof, &claims), Ok(()));
    // The Val check still binds the increments: a wrong one is caught.
    let mut p = proof.clone();
    p.val_check_inc_eval += Fr::one();
    assert_eq!(inst.verify(w, &p, &claims), Err(TwistError::ValCheckFinal));
    // Output-check parts where none is due are malformed, not ignored.
    let with_region = Instance::random(2, 2, 4, 2, 7);
    let output = with_region.prove(&with_region.witness).output;
    assert!(!output.round_polys.is_empty());
    type Tamper = Box<dyn Fn(&mut TwistProof<Fr>)>;
    let cases: [Tamper; 3] = [
        Box::new(move |p| p.output = output.clone()),
        Box::new(|p| p.final_eval = Fr::one()),
        Box::new(|p| p.final_check_write_evals = vec![Fr::one(); 2]),
    ];
    for tamper in cases {
        let mut p = proof.clone();
        tamper(&mut p);
        assert!(matches!(
            inst.verify(w, &p, &claims),
            Err(TwistError::Malformed(_))
        ));
    }
}

#[test]
fn the_indexed_first_cycle_round_matches_the_dense_one() {
    for (log_n, d, log_t, reads) in [
        (3usize, 2usize, 5usize, 2usize),
        (2, 3, 4, 1),
        (1, 1, 1, 2),
        (6, 1, 3, 1),
    ] {
        let inst = Instance::random(log_n, d, log_t, reads, 31 + log_t as u64);
        let claims = access_claims(&inst.witness, &inst.r_cycle);
        let prove = |indexed: bool| {
            super::twist::prove_twist_on(
                &inst.params,
                &inst.witness,
                (&inst.r_cycle, &claims),
                &inst.region,
                indexed,
                &mut MerlinTranscript::new(b"twist-test"),
            )
            .0
        };
        assert_eq!(
            prove(true),
            prove(false),
            "log N {log_n}, d {d}, log T {log_t}"
        );
    }
}

#[test]
fn prover_and_verifier_transcripts_agree() {
    let inst = Instance::random(3, 1, 5, 2, 8);
    let w = &inst.witness;
    let claims = access_claims(w, &inst.r_cycle);
    let mut prover = MerlinTranscript::new_recording(b"twist-test");
    let (proof, _) = prove_twist(&inst.params, w, &inst.r_cycle, &inst.region, &mut prover);
    let mut verifier = MerlinTranscript::new_recording(b"twist-test");
    let init_mle = |r: &[Fr]| {
        EqPolynomial::evals(r)
            .iter()
            .zip(&inst.init)
            .map(|(e, v)| *e * v)
            .sum()
    };
    verify_twist(
        &inst.params,
        &proof,
        init_mle,
        &inst.r_cycle,
        &claims,
        &inst.region,
        &mut verifier,
    )
    .unwrap();
    assert_eq!(
        first_divergence(prover.log().unwrap(), verifier.log().unwrap()),
        None
    );
}
