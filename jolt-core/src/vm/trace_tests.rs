//! The tracer against the fast path, and the invariants the prover relies on: every
//! step's reads return the last value written (replayed from the initial memory), each
//! row's lookup output is its table's entry, steps follow the bytecode's control flow,
//! and the final memory holds the exit code and the termination flag.

use instructions::sequences::{Operand, RdValue};
use instructions::{Opcode, VirtualOpcode};
use proptest::prelude::*;

use super::guest_tests::{expected_runs, load_guest};
use super::run_error_tests::{enc, exit, li, program, DATA};
use super::{run, trace, Memory, Program, RamOpKind, RunOptions, Trace};
use crate::vm::layout::NUM_REGISTERS;

/// Replays `t` from the initial memory like an offline memory checker would.
fn check_trace(program: &Program, input: &[u8], t: &Trace) {
    let mut memory = Memory::initial(program, input).unwrap().words;
    let rows = program.bytecode().rows();
    for (j, s) in t.steps.iter().enumerate() {
        assert_eq!(
            rows[s.bytecode_index as usize], s.row,
            "step {j}: row is not the bytecode's"
        );
        let spec = s.row.opcode.spec();
        let reg = |r: u8| if r == 0 { 0 } else { memory[r as usize] };
        assert_eq!(s.rs1_value, reg(s.row.rs1), "step {j}: rs1 read");
        assert_eq!(s.rs2_value, reg(s.row.rs2), "step {j}: rs2 read");
        assert_eq!(s.rd_before, reg(s.row.rd), "step {j}: rd before");
        // lookup operands come from the row's sources, the output from the table
        let operand = |o: Operand| match o {
            Operand::Zero => 0,
            Operand::Rs1 => s.rs1_value,
            Operand::Rs2 => s.rs2_value,
            Operand::Imm => s.row.imm,
            Operand::Pc => s.row.address,
            Operand::Advice => s.advice,
        };
        assert_eq!(
            (s.lookup_x, s.lookup_y),
            (operand(spec.x), operand(spec.y)),
            "step {j}"
        );
        match spec.lookup {
            Some(id) => {
                assert_eq!(
                    s.lookup_output,
                    id.lookup_output(s.lookup_x, s.lookup_y),
                    "step {j}"
                );
                if spec.assert {
                    assert_eq!(s.lookup_output, 1, "step {j}: assertion");
                }
            }
            None => assert_eq!(s.lookup_output, 0),
        }
        // the RAM operation reads the current word
        let ram = s.ram;
        match ram.kind {
            RamOpKind::None => assert_eq!((ram.address, ram.read, ram.write), (0, 0, 0)),
            RamOpKind::Read | RamOpKind::Write => {
                assert!(
                    ram.address >= program.layout().io_start(),
                    "step {j}: RAM op on a register"
                );
                assert_eq!(ram.read, memory[ram.address as usize], "step {j}: RAM read");
                if ram.kind == RamOpKind::Read {
                    assert_eq!(ram.write, ram.read);
                }
                memory[ram.address as usize] = ram.write;
            }
        }
        // the register write
        match spec.rd {
            RdValue::None => assert_eq!(s.rd_after, s.rd_before, "step {j}"),
            RdValue::LookupOutput if s.row.rd != 0 => assert_eq!(s.rd_after, s.lookup_output),
            RdValue::ReturnAddress if s.row.rd != 0 => assert_eq!(s.rd_after, s.row.address + 4),
            RdValue::RamValue if s.row.rd != 0 => assert_eq!(s.rd_after, ram.read),
            _ => assert_eq!(s.rd_after, 0, "step {j}: x0 stays 0"),
        }
        if s.row.rd != 0 {
            memory[s.row.rd as usize] = s.rd_after;
        }
        // control flow: inside a sequence the next step is the next row
        if let Some(next) = t.steps.get(j + 1) {
            if !s.row.is_last() {
                assert_eq!(
                    next.bytecode_index,
                    s.bytecode_index + 1,
                    "step {j}: sequence order"
                );
            } else {
                let first =
                    next.bytecode_index == 0 || rows[next.bytecode_index as usize - 1].is_last();
                assert!(first, "step {j}: a sequence entered in the middle");
            }
        }
    }
    assert_eq!(
        memory, t.final_memory.words,
        "replayed memory differs from the final memory"
    );
    let last = t.steps.last().unwrap();
    assert_eq!(last.row.opcode, VirtualOpcode::WriteTerminationFlag);
    assert_eq!(t.final_memory.termination(), 1);
    assert_eq!(t.final_memory.exit_code(), t.exit_code);
    // the verifier's view of the I/O region from the public values alone
    let layout = program.layout();
    let io = layout
        .io_words(input, &t.output, t.exit_code, true)
        .unwrap();
    let range = layout.io_start() as usize..layout.ram_start() as usize;
    assert_eq!(io, t.final_memory.words[range.clone()]);
    let initial = Memory::initial(program, input).unwrap();
    assert_eq!(
        layout.io_words(input, &[], 0, false).unwrap(),
        initial.words[range]
    );
}

/// Traces and runs `program`, checks the trace, and that both paths agree.
fn compare_paths(program: &Program, input: &[u8]) -> Trace {
    let options = RunOptions::default();
    let fast = run(program, input, &options).unwrap();
    let t = trace(program, input, &options).unwrap();
    assert_eq!(t.exit_code, fast.exit_code);
    assert_eq!(t.output, fast.output);
    assert_eq!(t.instructions, fast.instructions);
    assert_eq!(t.steps.len() as u64, fast.trace_steps);
    assert_eq!(
        &t.final_memory.words[..NUM_REGISTERS as usize],
        &fast.registers[..]
    );
    check_trace(program, input, &t);
    t
}

#[test]
fn guests_trace_like_they_run() {
    for case in expected_runs() {
        // the largest inputs are covered by the fast path; keep the traced runs small
        let fast = run(
            &load_guest(&case.guest),
            &case.input,
            &RunOptions::default(),
        )
        .unwrap();
        if fast.trace_steps > 1_500_000 {
            continue;
        }
        let t = compare_paths(&load_guest(&case.guest), &case.input);
        assert_eq!(
            (t.exit_code, &t.output),
            (case.exit_code, &case.output),
            "{}",
            case.guest
        );
    }
}

#[test]
fn conformance_programs_trace_like_they_run() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../guests/conformance");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "elf") {
            let p = Program::load(&std::fs::read(&path).unwrap(), &Default::default()).unwrap();
            compare_paths(&p, &[]);
        }
    }
}

#[test]
fn runtime_errors_are_the_same_on_both_paths() {
    let programs: Vec<Vec<u32>> = vec![
        vec![0xFFFF_FFFF],
        vec![enc(Opcode::Ebreak, 0, 0, 0, 0)],
        vec![
            enc(Opcode::Addi, 17, 0, 0, 64),
            enc(Opcode::Ecall, 0, 0, 0, 0),
        ],
        [li(5, DATA + 2).as_slice(), &[enc(Opcode::Lw, 6, 5, 0, 0)]].concat(),
        [li(5, DATA + 1).as_slice(), &[enc(Opcode::Sh, 0, 5, 6, 0)]].concat(),
        [li(5, DATA + 1).as_slice(), &[enc(Opcode::Lhu, 0, 5, 6, 0)]].concat(),
        [li(5, 0).as_slice(), &[enc(Opcode::Lb, 6, 5, 0, 0)]].concat(),
        [
            li(5, 0x0010_0004).as_slice(),
            &[enc(Opcode::Sb, 0, 5, 6, 0)],
        ]
        .concat(),
        [
            li(5, 0x001F_FFF8).as_slice(),
            &[enc(Opcode::Sw, 0, 5, 6, 0)],
        ]
        .concat(),
        vec![enc(Opcode::Jal, 0, 0, 0, 6)],
        vec![enc(Opcode::Jal, 0, 0, 0, 0)],
    ];
    let options = RunOptions { max_cycles: 100 };
    for code in programs {
        let p = program(&code);
        let fast = run(&p, &[], &options).unwrap_err();
        let traced = trace(&p, &[], &options).unwrap_err();
        assert_eq!(fast, traced, "{code:08x?}");
    }
}

/// Instructions that compute without memory or control flow, on x5..x12.
fn alu_instruction() -> impl Strategy<Value = u32> {
    use Opcode::*;
    let reg = 5u8..13;
    let rr = prop::sample::select(vec![
        Add, Sub, Sll, Slt, Sltu, Xor, Srl, Sra, Or, And, Mul, Mulh, Mulhsu, Mulhu, Div, Divu, Rem,
        Remu,
    ]);
    let ri = prop::sample::select(vec![Addi, Slti, Sltiu, Xori, Ori, Andi]);
    let sh = prop::sample::select(vec![Slli, Srli, Srai]);
    prop_oneof![
        (rr, reg.clone(), reg.clone(), reg.clone()).prop_map(|(op, rd, a, b)| enc(op, rd, a, b, 0)),
        (ri, reg.clone(), reg.clone(), -2048i32..2048)
            .prop_map(|(op, rd, a, i)| enc(op, rd, a, 0, i)),
        (sh, reg.clone(), reg.clone(), 0i32..32).prop_map(|(op, rd, a, i)| enc(op, rd, a, 0, i)),
        (reg.clone(), any::<u32>()).prop_map(|(rd, v)| enc(
            Opcode::Lui,
            rd,
            0,
            0,
            (v & 0xFFFF_F000) as i32
        )),
    ]
}

/// Loads and stores of every width at offsets within the data page (x13 = page base).
fn memory_instruction() -> impl Strategy<Value = u32> {
    use Opcode::*;
    let reg = 5u8..13;
    (
        prop::sample::select(vec![Lb, Lbu, Lh, Lhu, Lw, Sb, Sh, Sw]),
        reg.clone(),
        reg,
        0i32..256,
    )
        .prop_map(|(op, rd, rs2, offset)| {
            let align = match op {
                Lb | Lbu | Sb => 1,
                Lh | Lhu | Sh => 2,
                _ => 4,
            };
            let imm = offset / align * align;
            match op {
                Sb | Sh | Sw => enc(op, 0, 13, rs2, imm),
                _ => enc(op, rd, 13, 0, imm),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_programs_trace_like_they_run(
        init in proptest::collection::vec(any::<u32>(), 8),
        body in proptest::collection::vec(prop_oneof![3 => alu_instruction(), 1 => memory_instruction()], 1..60),
    ) {
        let mut code = Vec::new();
        for (i, v) in init.iter().enumerate() {
            code.extend(li(5 + i as u8, *v));
        }
        code.extend(li(13, DATA));
        code.extend(body);
        // exit code: an xor of all the registers, so every result counts
        code.push(enc(Opcode::Addi, 10, 0, 0, 0));
        for r in 5..13 {
            code.push(enc(Opcode::Xor, 10, 10, r, 0));
        }
        code.extend(exit());
        compare_paths(&program(&code), &[]);
    }
}

#[test]
fn a_step_per_row_and_sequences_where_expected() {
    // LB expands into a sequence, ADD is one row
    let mut code = li(13, DATA).to_vec();
    code.push(enc(Opcode::Lb, 10, 13, 0, 3));
    code.push(enc(Opcode::Add, 10, 10, 10, 0));
    code.extend(exit());
    let t = compare_paths(&program(&code), &[]);
    let lb = t
        .steps
        .iter()
        .filter(|s| s.pc() == super::run_error_tests::BASE + 8)
        .count();
    let len = |op| instructions::sequence_length(op);
    assert_eq!(lb, len(Opcode::Lb));
    assert!(len(Opcode::Lb) > 1 && len(Opcode::Add) == 1);
    let expected: usize = [
        Opcode::Lui,
        Opcode::Addi,
        Opcode::Lb,
        Opcode::Add,
        Opcode::Addi,
        Opcode::Ecall,
    ]
    .into_iter()
    .map(len)
    .sum();
    assert_eq!(t.steps.len(), expected);
    assert_eq!(t.padded_len(), expected.next_power_of_two());
}

#[test]
fn trace_steps_stay_small() {
    // 2^20 steps of the e2e target must stay well under 100 MB
    assert!(std::mem::size_of::<super::TraceStep>() <= 72);
}
