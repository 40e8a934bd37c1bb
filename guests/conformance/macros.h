/*
 * macros.h -- test macros for the per-instruction conformance programs.
 *
 * Every program checks one RV32IM instruction on many operand pairs. Before each case
 * gp holds the case number; on the first mismatch the program halts with that number
 * as its exit code, and after the last case it halts with exit code 0. Expected values
 * are computed by gen.py from the RISC-V unprivileged spec, independently of the
 * emulator. Registers: x11/x12 operands, x14 result, x7 expected value.
 * Every check branches over a `j fail` so it stays in range however long the file is.
 */

.macro RV_BEGIN
    .section .text.start, "ax"
    .globl _start
_start:
    li gp, 0
.endm

.macro RV_END
    li a0, 0
    li a7, 93
    ecall
fail:
    mv a0, gp
    li a7, 93
    ecall
.endm

/* Halts with the case number unless reg == x7. */
.macro CHECK reg
    beq \reg, x7, .Lok\@
    j fail
.Lok\@:
.endm

/* Loads the absolute address of a symbol without auipc (so AUIPC tests stay independent). */
.macro LA_ABS reg, sym
    lui \reg, %hi(\sym)
    addi \reg, \reg, %lo(\sym)
.endm

/* x14 = inst(a, b) */
.macro TEST_RR n, inst, expect, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    \inst x14, x11, x12
    li x7, \expect
    CHECK x14
.endm

/* rd = rs1: x11 = inst(x11, x12) */
.macro TEST_RR_SRC1_EQ_DEST n, inst, expect, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    \inst x11, x11, x12
    li x7, \expect
    CHECK x11
.endm

/* rd = rs2: x12 = inst(x11, x12) */
.macro TEST_RR_SRC2_EQ_DEST n, inst, expect, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    \inst x12, x11, x12
    li x7, \expect
    CHECK x12
.endm

/* rd = rs1 = rs2: x11 = inst(x11, x11) */
.macro TEST_RR_SRC12_EQ_DEST n, inst, expect, a
    li gp, \n
    li x11, \a
    \inst x11, x11, x11
    li x7, \expect
    CHECK x11
.endm

/* x14 = inst(x0, b) */
.macro TEST_RR_ZEROSRC1 n, inst, expect, b
    li gp, \n
    li x12, \b
    \inst x14, x0, x12
    li x7, \expect
    CHECK x14
.endm

/* x14 = inst(a, x0) */
.macro TEST_RR_ZEROSRC2 n, inst, expect, a
    li gp, \n
    li x11, \a
    \inst x14, x11, x0
    li x7, \expect
    CHECK x14
.endm

/* inst writes x0: x0 must stay 0 and the sources unchanged */
.macro TEST_RR_ZERODEST n, inst, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    \inst x0, x11, x12
    li x7, 0
    CHECK x0
    li x7, \a
    CHECK x11
    li x7, \b
    CHECK x12
.endm

/* x14 = inst(a, imm) */
.macro TEST_IMM n, inst, expect, a, imm
    li gp, \n
    li x11, \a
    \inst x14, x11, \imm
    li x7, \expect
    CHECK x14
.endm

/* x11 = inst(x11, imm) */
.macro TEST_IMM_SRC1_EQ_DEST n, inst, expect, a, imm
    li gp, \n
    li x11, \a
    \inst x11, x11, \imm
    li x7, \expect
    CHECK x11
.endm

/* x14 = inst(x0, imm) */
.macro TEST_IMM_ZEROSRC1 n, inst, expect, imm
    li gp, \n
    \inst x14, x0, \imm
    li x7, \expect
    CHECK x14
.endm

/* inst writes x0 */
.macro TEST_IMM_ZERODEST n, inst, a, imm
    li gp, \n
    li x11, \a
    \inst x0, x11, \imm
    li x7, 0
    CHECK x0
.endm

/* x14 = imm << 12 */
.macro TEST_LUI n, expect, imm
    li gp, \n
    lui x14, \imm
    li x7, \expect
    CHECK x14
.endm

/* x14 = pc + (imm << 12), pc taken from the linker (absolute), offset = imm << 12 */
.macro TEST_AUIPC n, imm, offset
    li gp, \n
.Lauipc\@:
    auipc x14, \imm
    LA_ABS x7, .Lauipc\@
    li x6, \offset
    add x7, x7, x6
    CHECK x14
.endm

/* forward jal: lands on the target and links pc + 4 */
.macro TEST_JAL_FWD n, rd
    li gp, \n
    li \rd, 0
.Ljal\@:
    jal \rd, .Ltarget\@
    j fail
    j fail
.Ltarget\@:
    LA_ABS x7, .Ljal\@ + 4
    CHECK \rd
.endm

/* backward jal */
.macro TEST_JAL_BACK n, rd
    li gp, \n
    j .Lsetup\@
.Lback\@:
    LA_ABS x7, .Lret\@
    CHECK \rd
    j .Ldone\@
.Lsetup\@:
    jal \rd, .Lback\@
.Lret\@:
    j fail
.Ldone\@:
.endm

/* jal beyond the reach of a branch (skip nops) */
.macro TEST_JAL_FAR n, nops
    li gp, \n
.Ljal\@:
    jal x14, .Ltarget\@
    j fail
    .rept \nops
    nop
    .endr
    j fail
.Ltarget\@:
    LA_ABS x7, .Ljal\@ + 4
    CHECK x14
.endm

/* jal x0 is a plain jump: x0 stays 0 */
.macro TEST_JAL_ZERODEST n
    li gp, \n
    jal x0, .Ltarget\@
    j fail
.Ltarget\@:
    li x7, 0
    CHECK x0
.endm

/* jalr rd, imm(rs1) with rs1 = target + delta: lands on (rs1 + imm) & ~1 = target */
.macro TEST_JALR n, rd, rs1, delta, imm
    li gp, \n
    LA_ABS \rs1, .Ltarget\@
    li x6, \delta
    add \rs1, \rs1, x6
.Ljalr\@:
    jalr \rd, \imm(\rs1)
    j fail
    j fail
.Ltarget\@:
    LA_ABS x7, .Ljalr\@ + 4
    CHECK \rd
.endm

/* jalr x0 (a return): no link */
.macro TEST_JALR_ZERODEST n, imm
    li gp, \n
    LA_ABS x11, .Ltarget\@
    addi x11, x11, -(\imm)
    jalr x0, \imm(x11)
    j fail
.Ltarget\@:
    li x7, 0
    CHECK x0
.endm

/* the branch must be taken (forward) */
.macro TEST_BR_TAKEN n, inst, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    \inst x11, x12, .Ltaken\@
    j fail
.Ltaken\@:
.endm

/* the branch must be taken (backward) */
.macro TEST_BR_TAKEN_BACK n, inst, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    j .Lbranch\@
.Lback\@:
    j .Ldone\@
.Lbranch\@:
    \inst x11, x12, .Lback\@
    j fail
.Ldone\@:
.endm

/* the branch must fall through */
.macro TEST_BR_NOT_TAKEN n, inst, a, b
    li gp, \n
    li x11, \a
    li x12, \b
    \inst x11, x12, .Ltaken\@
    j .Ldone\@
.Ltaken\@:
    j fail
.Ldone\@:
.endm

/* x14 = load at base + offset */
.macro TEST_LD n, inst, expect, offset, base
    li gp, \n
    LA_ABS x11, \base
    \inst x14, \offset(x11)
    li x7, \expect
    CHECK x14
.endm

/* rd = base register: x11 = load(x11 + offset) */
.macro TEST_LD_SRC1_EQ_DEST n, inst, expect, offset, base
    li gp, \n
    LA_ABS x11, \base
    \inst x11, \offset(x11)
    li x7, \expect
    CHECK x11
.endm

/* store value at base + offset, then check the aligned word around it and the value
 * read back with `load` */
.macro TEST_ST n, store, load, value, offset, base, word_offset, word, loaded
    li gp, \n
    LA_ABS x11, \base
    li x12, \value
    \store x12, \offset(x11)
    lw x14, \word_offset(x11)
    li x7, \word
    CHECK x14
    \load x14, \offset(x11)
    li x7, \loaded
    CHECK x14
.endm
