//! One lie per CPU constraint (`jolt-core/src/zkvm/constraints.rs`), each breaking that
//! constraint and nothing else; `tests/tests/constraint_guards.rs` proves each against the
//! full system and against the system without that constraint. Most end in a false public
//! claim (a wrong exit code).

use instructions::sequences::VirtualInstruction;
use instructions::{Opcode, VirtualOpcode};
use jolt_core::vm::{Trace, TraceStep};

use crate::lie::*;

/// `x op y` for `a1 = 3`, `a2 = 4` (or `imm`), into `a0`, then exit.
pub fn alu(op: u32) -> Vec<u32> {
    then_exit(&[addi(A1, 0, 3), addi(A2, 0, 4), op])
}

/// The step of the instruction in slot 2 of [`alu`] (its only row).
pub const ALU_SLOT: usize = 2;

/// A lie about the ALU step of `alu(op)`: `tell` edits it, then its output goes to `a0`
/// and the exit code claims it.
pub fn alu_lie(op: u32, tell: impl FnOnce(&mut Lie, usize)) -> Lie {
    let mut lie = Lie::of(&alu(op));
    let t = lie.step(ALU_SLOT, 0);
    tell(&mut lie, t);
    let out = lie.get(lie.pre.layout.lookup_output, t);
    lie.write_register(t, out);
    lie.claim_exit_code();
    lie
}

/// `opcode a0, a1, a2`.
pub fn rr(opcode: Opcode) -> u32 {
    enc(opcode, A0, A1, A2, 0)
}

/// `x = rs1`: the ADD computes with `rs1 + 1`.
pub fn x_is_rs1() -> Lie {
    alu_lie(rr(Opcode::Add), |lie, t| {
        lie.set_operands(t, 4, 4);
        lie.look_up_operands(t, 4, 4);
    })
}

/// `y = rs2`: the ADD computes with `rs2 + 1`.
pub fn y_is_rs2() -> Lie {
    alu_lie(rr(Opcode::Add), |lie, t| {
        lie.set_operands(t, 3, 5);
        lie.look_up_operands(t, 3, 5);
    })
}

/// `y = imm`: the ADDI adds 6 instead of its immediate 5.
pub fn y_is_imm() -> Lie {
    alu_lie(addi(A0, A1, 5), |lie, t| {
        lie.set_operands(t, 3, 6);
        lie.look_up_operands(t, 3, 6);
    })
}

/// `x = imm`: the LUI loads another immediate (the "LUI rd" pitfall of DESIGN.md §9).
pub fn x_is_imm() -> Lie {
    alu_lie(enc(Opcode::Lui, A0, 0, 0, 0x1234_5000), |lie, t| {
        lie.set_operands(t, 0x1234_6000, 0);
        lie.look_up_operands(t, 0x1234_6000, 0);
    })
}

/// `x = pc`: the AUIPC adds its immediate to `pc + 4`.
pub fn x_is_pc() -> Lie {
    alu_lie(enc(Opcode::Auipc, A0, 0, 0, 0x1000), |lie, t| {
        let pc = BASE as u64 + 4 * ALU_SLOT as u64;
        lie.set_operands(t, pc + 4, 0x1000);
        lie.look_up_operands(t, pc + 4, 0x1000);
    })
}

/// `product = x·y_p`: the MUL's product column is `x·y + 1`, and the product query uses it.
pub fn product() -> Lie {
    alu_lie(rr(Opcode::Mul), |lie, t| {
        let column = lie.pre.layout.product;
        lie.set(column, t, 13);
        lie.look_up_query(t, 13);
    })
}

/// `y_p = prod·y`: the MUL multiplies by `y_p = y + 1` (its product `x·y_p` and the product
/// query agree).
pub fn product_operand() -> Lie {
    alu_lie(rr(Opcode::Mul), |lie, t| {
        let (yp, product) = (lie.pre.layout.y_product, lie.pre.layout.product);
        lie.set(yp, t, 5);
        lie.set(product, t, 15);
        lie.look_up_query(t, 15);
    })
}

/// Sum query: the ADD looks up `x + y + 1`.
pub fn sum_query() -> Lie {
    alu_lie(rr(Opcode::Add), |lie, t| lie.look_up_query(t, 8))
}

/// Difference query: the SUB looks up `x + 2^32 − y + 1`.
pub fn difference_query() -> Lie {
    alu_lie(rr(Opcode::Sub), |lie, t| {
        lie.look_up_query(t, 3 + (1 << 32) - 4 + 1)
    })
}

/// Product query: the MUL looks up `x·y + 1` (the product column is honest).
pub fn product_query() -> Lie {
    alu_lie(rr(Opcode::Mul), |lie, t| lie.look_up_query(t, 13))
}

/// Unary query: the LUI looks up another word than its `x`.
pub fn unary_query() -> Lie {
    alu_lie(enc(Opcode::Lui, A0, 0, 0, 0x1234_5000), |lie, t| {
        lie.look_up_query(t, 0x1234_6000)
    })
}

/// Interleaved query, `x`: the XOR's chunks are those of `x ⊕ 1`.
pub fn interleaved_x() -> Lie {
    alu_lie(rr(Opcode::Xor), |lie, t| lie.look_up_operands(t, 2, 4))
}

/// Interleaved query, `y`: the XOR's chunks are those of `y ⊕ 1`.
pub fn interleaved_y() -> Lie {
    alu_lie(rr(Opcode::Xor), |lie, t| lie.look_up_operands(t, 3, 5))
}

/// `rd = lookup output`: the ADD writes its output plus one.
pub fn rd_is_output() -> Lie {
    let mut lie = Lie::of(&alu(rr(Opcode::Add)));
    let t = lie.step(ALU_SLOT, 0);
    lie.write_register(t, 8);
    lie.claim_exit_code();
    lie
}

/// The exit sequence's `a7 = 94` instead of 93, the syscall assertion fails and the run
/// halts anyway: the statement is a program whose ecall is not the exit call.
pub fn assertion() -> Lie {
    let honest = alu(rr(Opcode::Add));
    let mut other = honest.clone();
    let a7_slot = ALU_SLOT + 1;
    other[a7_slot] = addi(A7, 0, 94);
    let mut lie = Lie::trace_for(&other, &run(&honest));
    let t = lie.step(a7_slot, 0);
    lie.set_operands(t, 0, 94);
    lie.look_up_operands(t, 0, 94);
    lie.write_register(t, 94);
    let check = lie.step(a7_slot + 1, 0);
    lie.set_operands(check, 94, 93);
    lie.look_up_operands(check, 94, 93);
    lie
}

/// `rd = pc + 4`: the JAL links `pc + 8`.
pub fn rd_is_return_address() -> Lie {
    let code = then_exit(&[enc(Opcode::Jal, A0, 0, 0, 8), addi(A0, 0, 1)]);
    let mut lie = Lie::of(&code);
    let t = lie.step(0, 0);
    lie.write_register(t, BASE as u64 + 8);
    lie.claim_exit_code();
    lie
}

/// `li a2, DATA; lw a3, 0(a2); lw a0, 0(a2); exit`.
pub fn loads() -> Vec<u32> {
    then_exit(&[
        enc(Opcode::Lui, A2, 0, 0, BASE as i32),
        addi(A2, A2, (DATA - BASE) as i32),
        enc(Opcode::Lw, A3, A2, 0, 0),
        enc(Opcode::Lw, A0, A2, 0, 0),
    ])
}

/// A lie about the second load of [`loads`], whose word goes to the exit code.
pub fn load_lie(tell: impl FnOnce(&mut Lie, usize)) -> Lie {
    let mut lie = Lie::of(&loads());
    let t = lie.step(3, 0);
    tell(&mut lie, t);
    let word = lie.get(lie.pre.layout.read_values[3], t);
    lie.write_register(t, word);
    lie.claim_exit_code();
    lie
}

/// `rd = RAM word`: the load writes the word plus one.
pub fn rd_is_ram_word() -> Lie {
    let mut lie = Lie::of(&loads());
    let t = lie.step(3, 0);
    lie.write_register(t, DATA_WORDS[0] as u64 + 1);
    lie.claim_exit_code();
    lie
}

/// `Σ r_k = load + store`: the load picks no region, so its address is free: it reads the
/// next word.
pub fn one_region() -> Lie {
    load_lie(|lie, t| {
        let (k, _, next) = lie.locate(DATA + 4);
        let l = lie.pre.layout.clone();
        lie.set(l.region_flags + k, t, 0);
        lie.set(l.ram_offset, t, 0);
        lie.read_other_word(t, next);
    })
}

/// `witness address = base + offset`: the load reads the next witness word.
pub fn witness_address() -> Lie {
    load_lie(|lie, t| {
        let (_, _, next) = lie.locate(DATA + 4);
        lie.read_other_word(t, next);
    })
}

/// `rs1 + imm = guest base + 4·offset`: offset and witness word of the next word.
pub fn guest_address() -> Lie {
    load_lie(|lie, t| {
        let (_, offset, next) = lie.locate(DATA + 4);
        let column = lie.pre.layout.ram_offset;
        lie.set(column, t, offset);
        lie.read_other_word(t, next);
    })
}

/// `RAM unchanged when not written`: the first load increments the word it reads, and the
/// second load reads the new value.
pub fn ram_unchanged() -> Lie {
    let mut lie = Lie::of(&loads());
    let first = lie.step(2, 0);
    lie.write_ram(first, DATA_WORDS[0] as u64 + 1);
    let second = lie.step(3, 0);
    lie.write_register(second, DATA_WORDS[0] as u64 + 1);
    lie.claim_exit_code();
    lie
}

/// `li a2, DATA + offset; a1 = 7; sw a1, 0(a2); lw a0, 0(a2); exit`.
pub fn store_at(offset: i32) -> Vec<u32> {
    then_exit(&[
        enc(Opcode::Lui, A2, 0, 0, BASE as i32),
        addi(A2, A2, offset),
        addi(A1, 0, 7),
        enc(Opcode::Sw, 0, A2, A1, 0),
        enc(Opcode::Lw, A0, A2, 0, 0),
    ])
}

/// `store writes rs2`: the store writes 8, which the load reads back.
pub fn store_writes_rs2() -> Lie {
    let mut lie = Lie::of(&store_at((DATA - BASE) as i32));
    let store = lie.step(3, 0);
    lie.write_ram(store, 8);
    let load = lie.step(4, 0);
    lie.write_register(load, 8);
    lie.claim_exit_code();
    lie
}

/// `no store to a read-only region`: the statement's program points `a2` at its own first
/// instruction, and the store overwrites it (the run traced stores to the data word).
pub fn store_to_read_only() -> Lie {
    let honest = store_at((DATA - BASE) as i32);
    let mut lie = Lie::trace_for(&store_at(0), &run(&honest));
    // `addi a2, a2, 0`: a2 = BASE, read by the store and the load.
    lie.replay(lie.step(1, 0));
    let (k, offset, code_word) = lie.locate(BASE);
    assert!(!lie.pre.regions.regions[k].writable);
    let l = lie.pre.layout.clone();
    let (store, load) = (lie.step(3, 0), lie.step(4, 0));
    for s in [store, load] {
        lie.set_operands(s, BASE as u64, 0);
        lie.look_up_operands(s, BASE as u64, 0);
        for j in 0..lie.pre.regions.len() {
            lie.set(l.region_flags + j, s, (j == k) as u64);
        }
        lie.set(l.ram_offset, s, offset);
        lie.read_other_word(s, code_word);
    }
    // The store writes 7 over the instruction; the load reads it back (a0 = 7 as before).
    lie.write_ram(store, 7);
    lie
}

/// `a0 = 7; exit`.
pub fn exit_seven() -> Vec<u32> {
    then_exit(&[addi(A0, 0, 7)])
}

/// `exit code is rs2`: the exit row writes 8.
pub fn exit_code_is_rs2() -> Lie {
    let mut lie = Lie::of(&exit_seven());
    let e = lie.exit_step();
    lie.write_ram(e, 8);
    lie.io.exit_code = 8;
    lie
}

/// `exit code address`: the exit row writes `a0` to a stack word, so the exit-code word
/// keeps its initial 0, which the statement claims.
pub fn exit_code_address() -> Lie {
    let mut lie = Lie::of(&exit_seven());
    let e = lie.exit_step();
    let layout = *lie.pre.program.layout();
    let top = layout.program_base + layout.memory_size - 4;
    let (_, _, stack_word) = lie.locate(top);
    lie.read_other_word(e, stack_word);
    lie.write_ram(e, 7);
    lie.io.exit_code = 0;
    lie
}

/// `rd unchanged when not written`: the (taken, non-writing) branch writes 5 into x0, so
/// `add a0, x0, x0` gives 10.
pub fn rd_unchanged() -> Lie {
    let code = vec![
        addi(A7, 0, 93),
        enc(Opcode::Beq, 0, 0, 0, 4),
        enc(Opcode::Add, A0, 0, 0, 0),
        enc(Opcode::Ecall, 0, 0, 0, 0),
    ];
    let mut lie = Lie::of(&code);
    let t = lie.step(1, 0);
    lie.write_register(t, 5);
    let add = lie.step(2, 0);
    lie.set_operands(add, 5, 5);
    lie.look_up_operands(add, 5, 5);
    lie.write_register(add, 10);
    lie.claim_exit_code();
    lie
}

/// `a0 = 5; beq x0, x0, +8; a0 = 1; exit`, and the run of the same with the branch offset
/// 4 instead: the taken branch lands one instruction early.
pub fn branch_lie(fix: impl FnOnce(&mut Lie, usize)) -> Lie {
    let branch = |offset| {
        then_exit(&[
            addi(A0, 0, 5),
            enc(Opcode::Beq, 0, 0, 0, offset),
            addi(A0, 0, 1),
        ])
    };
    let mut lie = Lie::trace_for(&branch(8), &run(&branch(4)));
    let t = lie.step(1, 0);
    fix(&mut lie, t);
    lie
}

/// `next pc = target`: the branch's target column is honest (`pc + 8`), the next step runs
/// `pc + 4`.
pub fn next_pc() -> Lie {
    branch_lie(|_, _| {})
}

/// `branch target`: the target column says `pc + 4`.
pub fn branch_target() -> Lie {
    branch_lie(|lie, t| {
        let column = lie.pre.layout.target;
        let target = lie.get(column, t) - 4;
        lie.set(column, t, target);
    })
}

/// `out·imm`: the product column says `out·4`, so the branch formula gives `pc + 4`.
pub fn out_times_imm() -> Lie {
    branch_lie(|lie, t| {
        let l = lie.pre.layout.clone();
        let target = lie.get(l.target, t) - 4;
        lie.set(l.target, t, target);
        lie.set(l.out_times_imm, t, 4);
    })
}

/// `out·imm_neg`: the product column is `4·2^−32` instead of `out·imm_neg = 0`, so the
/// branch formula gives `pc + 4`. (No small integer does: the term is `2^32·out·imm_neg`.)
pub fn out_times_imm_neg() -> Lie {
    branch_lie(|lie, t| {
        let l = lie.pre.layout.clone();
        let target = lie.get(l.target, t) - 4;
        lie.set(l.target, t, target);
        lie.set_field(l.out_times_imm_neg, t, 4, 1 << 32);
    })
}

/// `li a2, address; lw a0, 0(a2); exit`.
pub fn load_from(address: u32) -> Vec<u32> {
    let lo = ((address & 0xfff) as i32) << 20 >> 20;
    let hi = address.wrapping_sub(lo as u32);
    then_exit(&[
        enc(Opcode::Lui, A2, 0, 0, hi as i32),
        addi(A2, A2, lo),
        enc(Opcode::Lw, A0, A2, 0, 0),
    ])
}

/// `region k flag is a bit`: a load with flags `r_a = r_b = 1`, `r_k = −1` (`Σ r = 1`). The
/// combination is the affine map `A = o + wb_a + wb_b − wb_k`, `G = 4o + gb_a + gb_b −
/// gb_k` with bound `w_a + w_b − w_k`: not any region's. The statement's program loads
/// from such a `G` (outside every region, or a region's word mapped to another witness
/// word) and gets witness word `A`; the run traced loads from the data word.
pub fn region_bit(k: usize) -> Lie {
    let probe = Lie::of(&load_from(DATA));
    let regions = probe.pre.regions.regions.clone();
    let m = 1i128 << probe.pre.log_memory;
    let r = |j: usize| {
        let g = &regions[j];
        (
            g.guest_base as i128,
            g.witness_base as i128,
            g.words as i128,
        )
    };
    let (gk, wk, nk) = r(k);
    let mut found = None;
    'search: for a in 0..regions.len() {
        for b in a + 1..regions.len() {
            if a == k || b == k {
                continue;
            }
            let ((ga, wa, na), (gb, wb, nb)) = (r(a), r(b));
            for o in 0..m {
                let address = o + wa + wb - wk;
                let guest = 4 * o + ga + gb - gk;
                let slack = (na - 1) + (nb - 1) - (nk - 1) - o;
                if (0..m).contains(&address)
                    && (0..m).contains(&slack)
                    && (0x1000..1i128 << 32).contains(&guest)
                {
                    found = Some((a, b, o as u64, address as u64, guest as u32));
                    break 'search;
                }
            }
        }
    }
    let (a, b, o, address, guest) = found.expect("some regions combine into a map");
    let mut lie = Lie::trace_for(&load_from(guest), &run(&load_from(DATA)));
    lie.replay(lie.step(0, 0));
    lie.replay(lie.step(1, 0));
    let t = lie.step(2, 0);
    let l = lie.pre.layout.clone();
    let (x, y) = (lie.get(l.read_values[0], t), 0);
    lie.set_operands(t, x, y);
    lie.look_up_operands(t, x, y);
    for j in 0..regions.len() {
        let flag = if j == a || j == b {
            1
        } else if j == k {
            u64::MAX // −1, for the prover's wrapping slack
        } else {
            0
        };
        lie.set(l.region_flags + j, t, flag);
    }
    lie.set_field(l.region_flags + k, t, -1, 1);
    lie.set(l.ram_offset, t, o);
    let word = lie.value_before(t, address);
    lie.set(l.ram_address, t, address);
    lie.set(l.read_values[3], t, word);
    lie.set(l.ram_write, t, word);
    lie.write_register(t, word);
    lie.claim_exit_code();
    lie
}

/// `jump target = lookup output`: the JAL computes `pc + 8` but the run continues at
/// `pc + 4` (a run of the same with offset 4).
pub fn jump_target() -> Lie {
    let jump = |offset| then_exit(&[enc(Opcode::Jal, A0, 0, 0, offset), addi(A0, 0, 1)]);
    let mut lie = Lie::trace_for(&jump(8), &run(&jump(4)));
    let t = lie.step(0, 0);
    let pc = BASE as u64;
    lie.set_operands(t, pc, 8);
    lie.look_up_operands(t, pc, 8);
    lie
}

/// `a0 = 5; a0 += 1; exit` run without its second step: the first step's target must be
/// `pc + 8` for the next pc to match.
pub fn skipped_step() -> Lie {
    let code = then_exit(&[addi(A0, 0, 5), addi(A0, A0, 1)]);
    let mut t = run(&code);
    t.steps.remove(1);
    for step in t.steps.iter_mut() {
        if step.row.opcode == VirtualOpcode::WriteExitCode {
            step.rs2_value = 5;
            step.ram.write = 5;
        }
    }
    t.exit_code = 5;
    Lie::trace_for(&code, &t)
}

/// `straight-line target = pc + 4`: the skipping step claims target `pc + 8`.
pub fn straight_line_target() -> Lie {
    let mut lie = skipped_step();
    let column = lie.pre.layout.target;
    let target = lie.get(column, 0) + 4;
    lie.set(column, 0, target);
    lie
}

/// The run of [`exit_seven`] without the step of ecall row `row`.
pub fn ecall_without(row: VirtualOpcode) -> Trace {
    let mut t = run(&exit_seven());
    let at = t
        .steps
        .iter()
        .position(|s| s.row.opcode == row)
        .expect("the row runs");
    t.steps.remove(at);
    t
}

/// `next step starts an instruction`: the run jumps into the middle of the ecall, past the
/// syscall check — for a program whose `a7` is 94.
pub fn starts_an_instruction() -> Lie {
    let honest = exit_seven();
    let mut other = honest.clone();
    other[1] = addi(A7, 0, 94);
    let mut lie = Lie::trace_for(&other, &ecall_without(VirtualOpcode::AssertEqI));
    let t = lie.step(1, 0);
    lie.set_operands(t, 0, 94);
    lie.look_up_operands(t, 0, 94);
    lie.write_register(t, 94);
    lie
}

/// `sequence continues at the next row`: the ecall skips its exit-code row; the exit code
/// word keeps 0, which the statement claims.
pub fn sequence_continues() -> Lie {
    let code = exit_seven();
    let mut t = ecall_without(VirtualOpcode::WriteExitCode);
    t.exit_code = 0;
    Lie::trace_for(&code, &t)
}

/// `a0 = 7; exit; a0 = 42; exit`: the halted run goes on into the dead code (after
/// `padding` padding steps) and exits again with 42.
pub fn run_after_halt(padding: usize) -> Lie {
    let code = [exit_seven(), then_exit(&[addi(A0, 0, 42)])].concat();
    let program = program(&code);
    let mut t = run(&code);
    let bytecode = program.bytecode();
    let rows_of = |slot: usize| bytecode.first_row(slot);
    let pad = TraceStep {
        bytecode_index: bytecode.rows().len() as u32,
        row: VirtualInstruction {
            opcode: VirtualOpcode::NoOp,
            ..t.steps[0].row
        },
        rs1_value: 0,
        rs2_value: 0,
        rd_before: 0,
        rd_after: 0,
        ram: Default::default(),
        lookup_x: 0,
        lookup_y: 0,
        lookup_output: 0,
        advice: 0,
    };
    for _ in 0..padding {
        t.steps.push(pad);
    }
    // a0 = 42 (a copy of `a0 = 7` at slot 3).
    let mut set = t.steps[0];
    set.bytecode_index = rows_of(3);
    set.rd_before = 7;
    set.rd_after = 42;
    set.lookup_y = 42;
    set.lookup_output = 42;
    t.steps.push(set);
    // a7 = 93 and the ecall again (copies of slots 1 and 2).
    let first_exit: Vec<TraceStep> = t.steps[1..5].to_vec();
    for (i, mut s) in first_exit.into_iter().enumerate() {
        s.bytecode_index += rows_of(4) - rows_of(1);
        if i == 0 {
            s.rd_before = 93;
        }
        if s.row.opcode == VirtualOpcode::WriteExitCode {
            s.rs2_value = 42;
            s.ram.read = 7;
            s.ram.write = 42;
        }
        if s.row.opcode == VirtualOpcode::WriteTerminationFlag {
            s.ram.read = 1;
        }
        t.steps.push(s);
    }
    t.exit_code = 42;
    Lie::trace_for(&code, &t)
}

/// `nothing runs after the halt`.
pub fn after_halt() -> Lie {
    run_after_halt(0)
}

/// `padding stays padding`: one padding step after the halt, then the dead code.
pub fn padding_stays_padding() -> Lie {
    run_after_halt(1)
}

/// A constraint's label and the lie that only it rejects.
pub type Guard = (&'static str, fn() -> Lie);

/// Every constraint's lie, by the constraint's label.
pub fn lies() -> Vec<Guard> {
    vec![
        ("x = rs1", x_is_rs1),
        ("x = imm", x_is_imm),
        ("x = pc", x_is_pc),
        ("y = rs2", y_is_rs2),
        ("y = imm", y_is_imm),
        ("y_p = prod·y", product_operand),
        ("product = x·y_p", product),
        ("sum query: Q = x + y", sum_query),
        ("difference query: Q = x + 2^32 − y", difference_query),
        ("product query: Q = x·y", product_query),
        ("unary query: Q = x", unary_query),
        ("interleaved query: x = its operand chunks", interleaved_x),
        ("interleaved query: y = its operand chunks", interleaved_y),
        ("assertion output is 1", assertion),
        ("rd = lookup output", rd_is_output),
        ("rd = pc + 4", rd_is_return_address),
        ("rd = RAM word", rd_is_ram_word),
        ("rd unchanged when not written", rd_unchanged),
        ("loads and stores pick one region", one_region),
        ("no store to a read-only region", store_to_read_only),
        ("witness address = region base + offset", witness_address),
        ("rs1 + imm = guest base + 4·offset", guest_address),
        ("exit code address", exit_code_address),
        ("store writes rs2", store_writes_rs2),
        ("exit code is rs2", exit_code_is_rs2),
        ("RAM unchanged when not written", ram_unchanged),
        ("out·imm", out_times_imm),
        ("out·imm_neg", out_times_imm_neg),
        ("region 0 flag is a bit", || region_bit(0)),
        ("region 1 flag is a bit", || region_bit(1)),
        ("region 2 flag is a bit", || region_bit(2)),
        ("region 3 flag is a bit", || region_bit(3)),
        ("jump target = lookup output", jump_target),
        ("branch target = pc + 4 + out·(imm_s − 4)", branch_target),
        ("straight-line target = pc + 4", straight_line_target),
        ("next pc = target", next_pc),
        ("next step starts an instruction", starts_an_instruction),
        ("sequence continues at the next row", sequence_continues),
        ("nothing runs after the halt", after_halt),
        ("padding stays padding", padding_stays_padding),
    ]
}
