//! Shout: completeness over random tables, addresses and chunkings; one test per lie, each
//! asserting the check that rejects it; tampered proofs; prover/verifier transcripts agree.

use ark_bn254::Fr;
use ark_ff::{One, UniformRand, Zero};
use ark_std::rand::rngs::StdRng;
use ark_std::rand::{Rng, SeedableRng};
use proptest::prelude::*;
use sumcheck::{first_divergence, EqPolynomial, MerlinTranscript, Transcript};

use super::*;

/// `Σ_j eq(r, j)·values[j]`.
fn mle(values: &[Fr], r: &[Fr]) -> Fr {
    EqPolynomial::evals(r)
        .iter()
        .zip(values)
        .map(|(e, v)| *e * v)
        .sum()
}

struct Instance {
    params: ShoutParams,
    table: Vec<Fr>,
    addresses: Vec<u64>,
    r_cycle: Vec<Fr>,
}

impl Instance {
    fn random(log_n: usize, d: usize, log_t: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let params = ShoutParams { log_n, d, log_t };
        let k = 1u64 << params.log_k();
        Instance {
            params,
            table: (0..k).map(|_| Fr::from(rng.gen::<u32>())).collect(),
            addresses: (0..1u64 << log_t).map(|_| rng.gen_range(0..k)).collect(),
            r_cycle: (0..log_t).map(|_| Fr::rand(&mut rng)).collect(),
        }
    }

    fn honest(&self) -> OneHotAddresses<Fr> {
        OneHotAddresses::encode(&self.addresses, self.params.log_n, self.params.d).unwrap()
    }

    /// `rv~(r_cycle)` and `raf~(r_cycle)` of the honest reads.
    fn claims(&self) -> (Fr, Fr) {
        let rv: Vec<Fr> = self
            .addresses
            .iter()
            .map(|&a| self.table[a as usize])
            .collect();
        let raf: Vec<Fr> = self.addresses.iter().map(|&a| Fr::from(a)).collect();
        (mle(&rv, &self.r_cycle), mle(&raf, &self.r_cycle))
    }

    /// Proves with `ra` and verifies against `(rv, raf)`; then checks the chunk claims
    /// against `ra` (the PCS's job).
    fn run(&self, ra: &OneHotAddresses<Fr>, rv: Fr, raf: Fr) -> Result<(), ShoutError> {
        let (proof, _) = prove_shout(
            &self.params,
            ra,
            &self.table,
            &self.r_cycle,
            &mut MerlinTranscript::new(b"shout-test"),
        );
        self.verify(ra, &proof, rv, raf)
    }

    fn verify(
        &self,
        ra: &OneHotAddresses<Fr>,
        proof: &ShoutProof<Fr>,
        rv: Fr,
        raf: Fr,
    ) -> Result<(), ShoutError> {
        let table_mle = |r: &[Fr]| mle(&self.table, r);
        let claims = verify_shout(
            &self.params,
            proof,
            table_mle,
            &self.r_cycle,
            rv,
            raf,
            &mut MerlinTranscript::new(b"shout-test"),
        )?;
        check_ra_claims(ra, &claims.ra)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn honest_reads_verify(
        (log_n, d) in prop_oneof![Just((1usize, 1usize)), Just((4, 1)), Just((2, 2)), Just((2, 3)), Just((1, 4))],
        log_t in 0usize..6,
        seed in any::<u64>(),
    ) {
        let inst = Instance::random(log_n, d, log_t, seed);
        let (rv, raf) = inst.claims();
        prop_assert_eq!(inst.run(&inst.honest(), rv, raf), Ok(()));
    }
}

#[test]
fn the_chunk_claims_are_the_matrices_evaluations() {
    let inst = Instance::random(2, 3, 4, 1);
    let ra = inst.honest();
    let (proof, claims) = prove_shout(
        &inst.params,
        &ra,
        &inst.table,
        &inst.r_cycle,
        &mut MerlinTranscript::new(b"shout-test"),
    );
    assert_eq!(claims.ra.len(), 9);
    assert_eq!(check_ra_claims(&ra, &claims.ra), Ok(()));
    let (rv, raf) = inst.claims();
    let verified = verify_shout(
        &inst.params,
        &proof,
        |r: &[Fr]| mle(&inst.table, r),
        &inst.r_cycle,
        rv,
        raf,
        &mut MerlinTranscript::new(b"shout-test"),
    )
    .unwrap();
    assert_eq!(
        verified, claims,
        "prover and verifier leave the same claims"
    );
}

#[test]
fn a_wrong_read_value_is_rejected_by_the_read_check() {
    let inst = Instance::random(2, 2, 4, 2);
    let (rv, raf) = inst.claims();
    assert_eq!(
        inst.run(&inst.honest(), rv + Fr::one(), raf),
        Err(ShoutError::ReadRafFinal)
    );
}

#[test]
fn a_wrong_numeric_address_is_rejected_by_the_raf_check() {
    // The one-hot matrices read cell a_j, but the CPU's address column says a_j + 1.
    let inst = Instance::random(2, 2, 4, 3);
    let (rv, _) = inst.claims();
    let raf_plus_one: Vec<Fr> = inst.addresses.iter().map(|&a| Fr::from(a + 1)).collect();
    assert_eq!(
        inst.run(&inst.honest(), rv, mle(&raf_plus_one, &inst.r_cycle)),
        Err(ShoutError::ReadRafFinal)
    );
}

/// The honest encoding with chunk 0's column `j` replaced by `entries`.
fn with_column(
    inst: &Instance,
    j: usize,
    entries: Vec<(u16, Fr)>,
) -> (OneHotAddresses<Fr>, Vec<Fr>, Vec<Fr>) {
    let mut ra = inst.honest();
    let RaChunk::OneHot(idx) = &ra.chunks[0] else {
        unreachable!()
    };
    let mut cols: Vec<Vec<(u16, Fr)>> = idx.iter().map(|&x| vec![(x, Fr::one())]).collect();
    cols[j] = entries;
    ra.chunks[0] = RaChunk::Sparse(cols);
    // The values and addresses this matrix really "reads", so the read check passes.
    let n = 1u64 << inst.params.log_n;
    let low = |a: u64| a % n.pow(inst.params.d as u32 - 1);
    let mut rv = Vec::new();
    let mut raf = Vec::new();
    for (t, &a) in inst.addresses.iter().enumerate() {
        if t != j {
            rv.push(inst.table[a as usize]);
            raf.push(Fr::from(a));
            continue;
        }
        let stride = n.pow(inst.params.d as u32 - 1);
        let mut v = Fr::zero();
        let mut addr = Fr::zero();
        for &(x, w) in match &ra.chunks[0] {
            RaChunk::Sparse(c) => &c[j],
            RaChunk::OneHot(_) => unreachable!(),
        } {
            let cell = x as u64 * stride + low(a);
            v += w * inst.table[cell as usize];
            addr += w * Fr::from(cell);
        }
        rv.push(v);
        raf.push(addr);
    }
    (ra, rv, raf)
}

#[test]
fn a_non_boolean_address_entry_is_rejected_by_booleanity() {
    // Column 5 of chunk 0 is 2·e_x: it "reads" twice the value at twice the address, which
    // the read check accepts; only booleanity sees the 2.
    let inst = Instance::random(2, 2, 4, 4);
    let x = (inst.addresses[5] >> 2) as u16;
    let (ra, rv, raf) = with_column(&inst, 5, vec![(x, Fr::from(2u64))]);
    let result = inst.run(&ra, mle(&rv, &inst.r_cycle), mle(&raf, &inst.r_cycle));
    assert_eq!(result, Err(ShoutError::BooleanityFinal));
}

#[test]
fn two_addresses_in_one_column_are_rejected_by_the_hamming_weight() {
    // Column 3 of chunk 0 has two ones: it reads the sum of two cells. Every entry is 0/1,
    // so booleanity passes; the Hamming-weight claim (N·ra~(½…, r'') = 1) is false.
    let inst = Instance::random(2, 2, 4, 5);
    let (ra, rv, raf) = with_column(&inst, 3, vec![(0, Fr::one()), (3, Fr::one())]);
    let result = inst.run(&ra, mle(&rv, &inst.r_cycle), mle(&raf, &inst.r_cycle));
    assert_eq!(
        result,
        Err(ShoutError::RaClaimFalse {
            chunk: 0,
            check: OneHotCheck::HammingWeight
        })
    );
}

#[test]
fn an_empty_column_is_rejected_by_the_hamming_weight() {
    // No read at all in cycle 6: value 0 at address 0 — a free zero without the Hamming check.
    let inst = Instance::random(2, 2, 4, 6);
    let (ra, rv, raf) = with_column(&inst, 6, vec![]);
    let result = inst.run(&ra, mle(&rv, &inst.r_cycle), mle(&raf, &inst.r_cycle));
    assert_eq!(
        result,
        Err(ShoutError::RaClaimFalse {
            chunk: 0,
            check: OneHotCheck::HammingWeight
        })
    );
}

#[test]
fn tampered_proofs_are_rejected_with_the_check_they_break() {
    let inst = Instance::random(2, 2, 4, 7);
    let ra = inst.honest();
    let (rv, raf) = inst.claims();
    let (proof, _) = prove_shout(
        &inst.params,
        &ra,
        &inst.table,
        &inst.r_cycle,
        &mut MerlinTranscript::new(b"shout-test"),
    );
    let mut p = proof.clone();
    p.read_ra_evals[1] += Fr::one();
    assert_eq!(inst.verify(&ra, &p, rv, raf), Err(ShoutError::ReadRafFinal));
    let mut p = proof.clone();
    p.booleanity_ra_evals[0] += Fr::one();
    assert_eq!(
        inst.verify(&ra, &p, rv, raf),
        Err(ShoutError::BooleanityFinal)
    );
    let mut p = proof.clone();
    p.read_raf.round_polys[2].coeffs_except_linear[0] += Fr::one();
    assert!(matches!(
        inst.verify(&ra, &p, rv, raf),
        Err(ShoutError::ReadRafFinal)
    ));
    let mut p = proof.clone();
    p.booleanity.round_polys[0].coeffs_except_linear[0] += Fr::one();
    assert_eq!(
        inst.verify(&ra, &p, rv, raf),
        Err(ShoutError::BooleanityFinal)
    );
    let mut p = proof.clone();
    p.read_raf.round_polys.pop();
    assert!(matches!(
        inst.verify(&ra, &p, rv, raf),
        Err(ShoutError::ReadRafSumcheck(_))
    ));
    let mut p = proof;
    p.booleanity_ra_evals.push(Fr::zero());
    assert!(matches!(
        inst.verify(&ra, &p, rv, raf),
        Err(ShoutError::Malformed(_))
    ));
}

#[test]
fn prover_and_verifier_transcripts_agree() {
    let inst = Instance::random(3, 2, 5, 8);
    let ra = inst.honest();
    let (rv, raf) = inst.claims();
    let mut prover = MerlinTranscript::new_recording(b"shout-test");
    let (proof, _) = prove_shout(&inst.params, &ra, &inst.table, &inst.r_cycle, &mut prover);
    let mut verifier = MerlinTranscript::new_recording(b"shout-test");
    verify_shout(
        &inst.params,
        &proof,
        |r: &[Fr]| mle(&inst.table, r),
        &inst.r_cycle,
        rv,
        raf,
        &mut verifier,
    )
    .unwrap();
    assert!(!prover.log().unwrap().is_empty());
    assert_eq!(
        first_divergence(prover.log().unwrap(), verifier.log().unwrap()),
        None
    );
}

/// The indexed first cycle round (honest one-hot chunks) sends the dense round's messages:
/// the same chunks held as sparse columns (which take the dense path) give the same proof.
#[test]
fn the_indexed_first_cycle_round_matches_the_dense_one() {
    for (log_n, d, log_t) in [(4usize, 2usize, 6usize), (2, 3, 5), (1, 1, 3), (6, 1, 4)] {
        let inst = Instance::random(log_n, d, log_t, 77 + log_t as u64);
        let honest = inst.honest();
        let mut sparse = honest.clone();
        for chunk in sparse.chunks.iter_mut() {
            let RaChunk::OneHot(idx) = chunk else {
                unreachable!()
            };
            *chunk = RaChunk::Sparse(idx.iter().map(|&x| vec![(x, Fr::one())]).collect());
        }
        let prove = |ra: &OneHotAddresses<Fr>| {
            prove_shout(
                &inst.params,
                ra,
                &inst.table,
                &inst.r_cycle,
                &mut MerlinTranscript::new(b"shout-test"),
            )
            .0
        };
        assert_eq!(
            prove(&honest),
            prove(&sparse),
            "log N {log_n}, d {d}, log T {log_t}"
        );
    }
}
