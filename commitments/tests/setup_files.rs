//! Ceremony files (`.ptau`) and key files: honest round trips, then one corruption each,
//! rejected with the error that names it.

use ark_bn254::{Fr, G1Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_std::UniformRand;
use commitments::keys::{
    self, check_kzg_verifier_key, read_prover_key, read_verifier_key, write_prover_key,
    write_verifier_key, KeyFileError, KeyKind,
};
use commitments::kzg::KzgProverSetup;
use commitments::ptau::{self, import_setup, write_ptau, PtauError};
use commitments::{CommitmentScheme, HyperKzg, Hyrax, PcsError, Zeromorph};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use std::io::Cursor;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// The power of the generated ceremony files: 2^5 − 1 G1 and 2^4 G2 powers.
const POWER: u32 = 4;
/// Offset of section 2's body (tauG1) in a file from [`write_ptau`]: 12-byte preamble,
/// 12-byte section header + 44-byte header body, 12-byte section header.
const TAU_G1_OFFSET: usize = 12 + 12 + 44 + 12;

fn ptau_file(tau: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_ptau(&mut bytes, Fr::from(tau), POWER).unwrap();
    bytes
}

fn import(bytes: Vec<u8>, max_num_vars: usize) -> Result<KzgProverSetup, PcsError> {
    import_setup(&mut Cursor::new(bytes), max_num_vars).map(|(_, setup)| setup)
}

/// Commits to a random polynomial, opens it, and verifies with the verifier key alone.
fn commit_open_verify<S: CommitmentScheme<Field = Fr>>(
    setup: &S::ProverSetup,
    vk: &S::VerifierSetup,
    num_vars: usize,
) -> Result<(), PcsError> {
    let mut rng = ChaCha20Rng::seed_from_u64(5);
    let poly = DensePolynomial::new((0..1 << num_vars).map(|_| Fr::rand(&mut rng)).collect());
    let point: Vec<Fr> = (0..num_vars).map(|_| Fr::rand(&mut rng)).collect();
    let eval = poly.evaluate(&point);
    let c = S::commit(setup, &MultilinearPolynomial::Dense(poly.clone()))?;
    let proof = S::open(
        setup,
        &poly,
        &c,
        &point,
        &eval,
        &mut MerlinTranscript::new(b"setup-files"),
    )?;
    S::verify(
        vk,
        &c,
        &point,
        &eval,
        &proof,
        &mut MerlinTranscript::new(b"setup-files"),
    )
}

#[test]
fn imported_ceremony_equals_the_setup_of_the_same_tau() {
    let tau = 0x1234_5678u64;
    let (header, setup) = import_setup(&mut Cursor::new(ptau_file(tau)), 3).unwrap();
    assert_eq!((header.power, header.ceremony_power), (POWER, POWER));
    let ids: Vec<u32> = header.sections.iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(setup.powers_g1.len(), 8);
    let g = G1Affine::generator();
    let mut power = Fr::from(1u64);
    for p in &setup.powers_g1 {
        assert_eq!(*p, (g * power).into_affine());
        power *= Fr::from(tau);
    }
    assert_eq!(setup.verifier.num_powers, 8);
    assert_eq!(check_kzg_verifier_key(&setup.verifier), Ok(()));
}

#[test]
fn every_usable_size_imports_and_one_too_many_is_refused() {
    let bytes = ptau_file(99);
    for k in 0..=POWER as usize {
        let setup = import(bytes.clone(), k).unwrap();
        assert_eq!(setup.powers_g1.len(), 1 << k);
        assert_eq!(setup.check_consistency(), Ok(()));
    }
    assert_eq!(
        import(bytes, POWER as usize + 1),
        Err(PtauError::TooFewPowers {
            power: POWER,
            requested: POWER as usize + 1
        }
        .into())
    );
}

#[test]
fn ceremony_round_trip_commits_opens_and_verifies_with_hyperkzg_and_zeromorph() {
    let setup = import(ptau_file(0xdead_beef), POWER as usize).unwrap();
    let mut file = Vec::new();
    write_verifier_key::<HyperKzg>(&setup.verifier, &mut file).unwrap();
    let vk = read_verifier_key::<Zeromorph>(Cursor::new(&file)).unwrap();
    for n in [0, 1, 3, POWER as usize] {
        assert_eq!(
            commit_open_verify::<HyperKzg>(&setup, &vk, n),
            Ok(()),
            "n = {n}"
        );
        assert_eq!(
            commit_open_verify::<Zeromorph>(&setup, &vk, n),
            Ok(()),
            "n = {n}"
        );
    }
}

/// `bytes` with extra sections appended (and the section count raised to match).
fn with_sections(mut bytes: Vec<u8>, extra: &[(u32, &[u8])]) -> Vec<u8> {
    let count = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) + extra.len() as u32;
    bytes[8..12].copy_from_slice(&count.to_le_bytes());
    for (id, body) in extra {
        bytes.extend_from_slice(&id.to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(body);
    }
    bytes
}

#[test]
fn file_prepared_for_phase_two_imports_and_a_repeated_section_is_rejected() {
    // `snarkjs powersoftau prepare phase2` adds sections 12–15 (Lagrange bases): skipped.
    let lagrange = [0xabu8; 96];
    let prepared = with_sections(
        ptau_file(31),
        &[(12, &lagrange), (13, &lagrange), (14, &[]), (15, &lagrange)],
    );
    let (header, _) = import_setup(&mut Cursor::new(prepared), 3).unwrap();
    assert_eq!(header.sections.len(), 11);
    let repeated = with_sections(ptau_file(31), &[(3, &[0u8; 128])]);
    assert_eq!(
        import(repeated, 3),
        Err(PtauError::DuplicateSection(3).into())
    );
    let mut missing = ptau_file(31);
    missing[TAU_G1_OFFSET - 12] = 9; // section 2 renamed to 9
    assert_eq!(import(missing, 3), Err(PtauError::MissingSection(2).into()));
}

#[test]
fn ceremony_with_one_power_replaced_by_another_valid_point_is_rejected() {
    let honest = ptau_file(7);
    for index in [3usize, 8, 15] {
        let mut bad = honest.clone();
        // Power `index` becomes a copy of power 1: a valid curve point, the wrong power.
        let (src, dst) = (TAU_G1_OFFSET + 64, TAU_G1_OFFSET + 64 * index);
        let point = bad[src..src + 64].to_vec();
        bad[dst..dst + 64].copy_from_slice(&point);
        assert_eq!(
            import(bad, POWER as usize),
            Err(PcsError::InvalidSetup(
                "the G1 powers are not consecutive powers of τ"
            )),
            "power {index}"
        );
    }
    // Powers beyond the N imported are not read, so they cannot matter.
    let mut beyond = honest;
    let dst = TAU_G1_OFFSET + 64 * 20;
    beyond[dst..dst + 64].copy_from_slice(&[0u8; 64]);
    assert!(import(beyond, POWER as usize).is_ok());
}

#[test]
fn ceremony_with_a_low_power_swapped_is_rejected() {
    // τ²G replaced by τG: caught by the verifier-element pairings.
    let mut bad = ptau_file(11);
    let point = bad[TAU_G1_OFFSET + 64..TAU_G1_OFFSET + 128].to_vec();
    bad[TAU_G1_OFFSET + 128..TAU_G1_OFFSET + 192].copy_from_slice(&point);
    assert!(matches!(import(bad, 2), Err(PcsError::InvalidSetup(_))));
}

#[test]
fn fresh_accumulator_with_tau_one_is_rejected() {
    let mut file = Vec::new();
    write_ptau(&mut file, Fr::from(1u64), 2).unwrap();
    assert_eq!(import(file, 2), Err(PtauError::NoContribution.into()));
}

#[test]
fn ceremony_with_a_point_off_the_curve_is_rejected() {
    let mut bad = ptau_file(13);
    bad[TAU_G1_OFFSET + 64 * 2] ^= 1;
    assert_eq!(
        import(bad, 3),
        Err(PtauError::InvalidPoint {
            section: 2,
            index: 2,
            reason: "not on the curve"
        }
        .into())
    );
}

#[test]
fn ceremony_with_the_point_at_infinity_is_rejected() {
    let mut bad = ptau_file(13);
    bad[TAU_G1_OFFSET + 64..TAU_G1_OFFSET + 128].fill(0);
    assert_eq!(
        import(bad, 3),
        Err(PtauError::InvalidPoint {
            section: 2,
            index: 1,
            reason: "the point at infinity"
        }
        .into())
    );
}

#[test]
fn ceremony_with_a_coordinate_above_q_is_rejected() {
    let mut bad = ptau_file(13);
    bad[TAU_G1_OFFSET + 64..TAU_G1_OFFSET + 96].fill(0xff);
    assert!(matches!(
        import(bad, 3),
        Err(PcsError::Ceremony(PtauError::InvalidPoint { reason, .. }))
            if reason == "a coordinate is not below q"
    ));
}

#[test]
fn truncated_ceremony_files_are_rejected_at_every_length() {
    let bytes = ptau_file(17);
    for len in [
        0,
        3,
        4,
        11,
        12,
        20,
        24,
        60,
        68,
        TAU_G1_OFFSET + 100,
        bytes.len() - 1,
    ] {
        let err = import(bytes[..len].to_vec(), 2).unwrap_err();
        assert!(
            matches!(err, PcsError::Ceremony(PtauError::Truncated(_))),
            "length {len}: {err}"
        );
    }
}

#[test]
fn ceremony_with_bad_magic_version_or_field_is_rejected() {
    let bytes = ptau_file(19);
    let mut bad = bytes.clone();
    bad[..4].copy_from_slice(b"zkey");
    assert_eq!(import(bad, 2), Err(PtauError::BadMagic(*b"zkey").into()));
    let mut bad = bytes.clone();
    bad[4] = 2;
    assert_eq!(import(bad, 2), Err(PtauError::UnsupportedVersion(2).into()));
    let mut bad = bytes.clone();
    bad[12 + 12 + 4] ^= 1; // the prime q
    assert!(matches!(
        import(bad, 2),
        Err(PcsError::Ceremony(PtauError::WrongCurve(_)))
    ));
    let mut bad = bytes.clone();
    bad.push(0);
    assert_eq!(import(bad, 2), Err(PtauError::TrailingBytes(1).into()));
    let mut bad = bytes.clone();
    bad[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(
        import(bad, 2),
        Err(PtauError::TooManySections(u32::MAX).into())
    );
}

#[test]
fn ceremony_whose_section_sizes_disagree_with_power_is_rejected() {
    let mut bad = ptau_file(23);
    // power 4 -> 3 in the header: section 2 is now twice too long.
    bad[12 + 12 + 4 + 32] = 3;
    assert!(matches!(
        import(bad, 2),
        Err(PcsError::Ceremony(PtauError::SectionSize {
            section: 2,
            ..
        }))
    ));
    // A section size field claiming more than the file holds.
    let mut bad = ptau_file(23);
    bad[TAU_G1_OFFSET - 8..TAU_G1_OFFSET].copy_from_slice(&u64::MAX.to_le_bytes());
    assert_eq!(
        import(bad, 2),
        Err(PtauError::Truncated("a section body").into())
    );
}

#[test]
fn prover_and_verifier_keys_round_trip_and_the_verifier_key_is_small() {
    let setup = HyperKzg::insecure_test_setup(5, 1);
    let mut pk = Vec::new();
    let written = write_prover_key::<HyperKzg>(&setup, &mut pk).unwrap();
    assert_eq!(written, pk.len() as u64);
    assert_eq!(
        read_prover_key::<Zeromorph>(Cursor::new(&pk)).unwrap(),
        setup
    );
    let mut vk = Vec::new();
    write_verifier_key::<Zeromorph>(&setup.verifier, &mut vk).unwrap();
    assert!(vk.len() < 400, "verifier key is {} bytes", vk.len());
    assert_eq!(
        read_verifier_key::<HyperKzg>(Cursor::new(&vk)).unwrap(),
        setup.verifier
    );
    let hyrax = Hyrax::insecure_test_setup(4, 1);
    let mut hk = Vec::new();
    write_prover_key::<Hyrax>(&hyrax, &mut hk).unwrap();
    assert_eq!(read_prover_key::<Hyrax>(Cursor::new(&hk)).unwrap(), hyrax);
}

/// The key-file error of a rejected read.
fn key_err<T>(result: Result<T, PcsError>) -> KeyFileError {
    match result {
        Err(PcsError::KeyFile(e)) => e,
        Err(other) => panic!("expected a key-file error, got {other}"),
        Ok(_) => panic!("a corrupted key file was accepted"),
    }
}

#[test]
fn key_files_of_the_wrong_kind_family_or_shape_are_rejected() {
    let setup = HyperKzg::insecure_test_setup(3, 1);
    let mut pk = Vec::new();
    write_prover_key::<HyperKzg>(&setup, &mut pk).unwrap();
    let mut vk = Vec::new();
    write_verifier_key::<HyperKzg>(&setup.verifier, &mut vk).unwrap();
    assert_eq!(
        key_err(read_verifier_key::<HyperKzg>(Cursor::new(&pk))),
        KeyFileError::WrongKind {
            expected: KeyKind::Verifier,
            found: KeyKind::Prover
        }
    );
    assert_eq!(
        key_err(read_prover_key::<Hyrax>(Cursor::new(&pk))),
        KeyFileError::WrongFamily {
            expected: "hyrax".into(),
            found: "kzg".into()
        }
    );
    let mut bad = vk.clone();
    bad[0] = b'X';
    assert_eq!(
        key_err(read_verifier_key::<HyperKzg>(Cursor::new(&bad))),
        KeyFileError::BadMagic
    );
    let mut bad = vk.clone();
    bad.push(0);
    assert_eq!(
        key_err(read_verifier_key::<HyperKzg>(Cursor::new(&bad))),
        KeyFileError::TrailingBytes("payload")
    );
    for len in [0, 7, 13, 20, vk.len() - 1] {
        assert!(
            matches!(
                key_err(read_verifier_key::<HyperKzg>(Cursor::new(&vk[..len]))),
                KeyFileError::Truncated(_)
            ),
            "length {len}"
        );
    }
    // A payload length claiming 2^64 − 1 bytes is truncation, not an allocation.
    let mut bad = vk.clone();
    let at = 8 + 4 + 2 + 3;
    bad[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert_eq!(
        key_err(read_verifier_key::<HyperKzg>(Cursor::new(&bad))),
        KeyFileError::Truncated("the payload")
    );
}

#[test]
fn key_files_with_inconsistent_setups_are_rejected() {
    let setup = HyperKzg::insecure_test_setup(3, 1);
    let mut bad = setup.clone();
    bad.powers_g1[5] = bad.powers_g1[4];
    let mut pk = Vec::new();
    write_prover_key::<HyperKzg>(&bad, &mut pk).unwrap();
    assert_eq!(
        read_prover_key::<HyperKzg>(Cursor::new(&pk)),
        Err(PcsError::InvalidSetup(
            "the G1 powers are not consecutive powers of τ"
        ))
    );
    let mut vk = setup.verifier;
    vk.tau_powers_g2.swap(0, 1);
    let mut file = Vec::new();
    write_verifier_key::<HyperKzg>(&vk, &mut file).unwrap();
    assert!(matches!(
        read_verifier_key::<Zeromorph>(Cursor::new(&file)),
        Err(PcsError::InvalidSetup(_))
    ));
    // A compressed point flipped to another x: not on the curve, rejected by decoding.
    let mut file = Vec::new();
    write_verifier_key::<HyperKzg>(&setup.verifier, &mut file).unwrap();
    let last = file.len() - 1;
    file[last - 40] ^= 0x55;
    assert!(read_verifier_key::<HyperKzg>(Cursor::new(&file)).is_err());
}

#[test]
fn key_files_save_and_load_by_path() {
    let dir = std::env::temp_dir().join(format!("jolt-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let setup = import(ptau_file(29), 3).unwrap();
    let (pk, vk) = (dir.join("kzg.pk"), dir.join("kzg.vk"));
    let pk_size = keys::save_prover_key::<HyperKzg>(&setup, &pk).unwrap();
    let vk_size = keys::save_verifier_key::<HyperKzg>(&setup.verifier, &vk).unwrap();
    assert_eq!(std::fs::metadata(&pk).unwrap().len(), pk_size);
    assert_eq!(std::fs::metadata(&vk).unwrap().len(), vk_size);
    assert_eq!(keys::load_prover_key::<Zeromorph>(&pk).unwrap(), setup);
    assert_eq!(
        keys::load_verifier_key::<HyperKzg>(&vk).unwrap(),
        setup.verifier
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A real snarkjs-produced file, when one is at hand: `JOLT_PTAU_FILE=path.ptau cargo test -p
/// commitments --test setup_files real_ceremony -- --nocapture`. Skipped otherwise.
#[test]
fn real_ceremony_file_imports_when_given() {
    let Ok(path) = std::env::var("JOLT_PTAU_FILE") else {
        return;
    };
    let path = std::path::Path::new(&path);
    let header = ptau::read_header(&mut std::fs::File::open(path).unwrap()).unwrap();
    let k = header.max_num_vars().min(10);
    let (_, setup) = ptau::import_setup_file(path, k).unwrap();
    println!(
        "{}: power {}, ceremony power {}, sections {:?}; imported 2^{k} powers, consistent",
        path.display(),
        header.power,
        header.ceremony_power,
        header.sections.iter().map(|s| s.id).collect::<Vec<_>>()
    );
    assert_eq!(
        commit_open_verify::<HyperKzg>(&setup, &setup.verifier, k),
        Ok(())
    );
}

/// Writes an **insecure** demo ceremony file (τ fixed and public) for trying `jolt setup`:
/// `JOLT_WRITE_PTAU=demo.ptau JOLT_PTAU_POWER=20 cargo test --release -p commitments --test
/// setup_files write_demo -- --ignored`.
#[test]
#[ignore]
fn write_demo_ptau_file() {
    let path = std::env::var("JOLT_WRITE_PTAU").expect("JOLT_WRITE_PTAU=path");
    let power: u32 = std::env::var("JOLT_PTAU_POWER")
        .map_or(10, |p| p.parse().expect("JOLT_PTAU_POWER is a number"));
    let start = std::time::Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write_ptau(file, Fr::from(0x0bad_5eedu64), power).unwrap();
    println!("wrote {path} (power {power}) in {:.1?}", start.elapsed());
}

#[test]
fn no_single_byte_change_makes_the_readers_panic() {
    // Every byte of the preamble, header and first powers, then every 97th byte: each change
    // is either harmless (a byte the importer does not read) or a typed error.
    let bytes = ptau_file(37);
    let positions = (0..TAU_G1_OFFSET + 4 * 64).chain((TAU_G1_OFFSET..bytes.len()).step_by(97));
    for at in positions {
        let mut bad = bytes.clone();
        bad[at] ^= 0x41;
        let _ = import(bad, 2);
    }
    let setup = HyperKzg::insecure_test_setup(2, 1);
    let mut vk = Vec::new();
    write_verifier_key::<HyperKzg>(&setup.verifier, &mut vk).unwrap();
    let mut pk = Vec::new();
    write_prover_key::<HyperKzg>(&setup, &mut pk).unwrap();
    for at in 0..vk.len() {
        let mut bad = vk.clone();
        bad[at] ^= 0x41;
        assert!(
            read_verifier_key::<HyperKzg>(Cursor::new(&bad)).is_err(),
            "byte {at}"
        );
    }
    for at in 0..pk.len() {
        let mut bad = pk.clone();
        bad[at] ^= 0x41;
        assert!(
            read_prover_key::<HyperKzg>(Cursor::new(&bad)).is_err(),
            "byte {at}"
        );
    }
}
