/*
 * muldiv -- all eight M-extension instructions on edge cases.
 *
 * Every ordered pair of the operands below (0, ±1, ±2, ±7, INT_MIN, INT_MAX, INT_MIN+1,
 * 0xFFFF, 0x10000, ±12345678, 0x55555555, 0xAAAAAAAA) goes through MUL, MULH, MULHSU,
 * MULHU, DIV, DIVU, REM and REMU, so x/0, INT_MIN/-1 and negative operands are all
 * covered. On RISC-V each operation is the instruction itself (inline asm); the native
 * build (-DJOLT_NATIVE) computes the same values from the RISC-V spec in portable C,
 * which is how the expected output is obtained.
 * Output: for each of the 8 operations, an FNV-1a style hash of its 289 results (8 u32),
 *         then the raw results of 8 named edge cases (see `edge` below) -- 64 bytes.
 * Exit code 0.
 */
#include "jolt.h"

#define N_OPERANDS 17

static volatile uint32_t operands[N_OPERANDS] = {
    0u, 1u, 0xFFFFFFFFu, 2u, 0xFFFFFFFEu, 7u, 0xFFFFFFF9u, 0x80000000u, 0x7FFFFFFFu,
    0x80000001u, 0xFFFFu, 0x10000u, 12345678u, (uint32_t)-12345678, 0x55555555u,
    0xAAAAAAAAu, 3u,
};

#ifndef JOLT_NATIVE
#define RV_OP(name)                                                          \
    static uint32_t op_##name(uint32_t a, uint32_t b) {                      \
        uint32_t r;                                                          \
        __asm__ volatile(#name " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));    \
        return r;                                                            \
    }
RV_OP(mul)
RV_OP(mulh)
RV_OP(mulhsu)
RV_OP(mulhu)
RV_OP(div)
RV_OP(divu)
RV_OP(rem)
RV_OP(remu)
#else
/* The RISC-V unprivileged spec, chapter "M" extension. */
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_mulh(uint32_t a, uint32_t b) {
    return (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int64_t)(int32_t)b) >> 32);
}
static uint32_t op_mulhsu(uint32_t a, uint32_t b) {
    return (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int64_t)(uint64_t)b) >> 32);
}
static uint32_t op_mulhu(uint32_t a, uint32_t b) {
    return (uint32_t)(((uint64_t)a * (uint64_t)b) >> 32);
}
static uint32_t op_div(uint32_t a, uint32_t b) {
    if (b == 0) return 0xFFFFFFFFu;
    if (a == 0x80000000u && b == 0xFFFFFFFFu) return a;
    return (uint32_t)((int32_t)a / (int32_t)b);
}
static uint32_t op_divu(uint32_t a, uint32_t b) { return b == 0 ? 0xFFFFFFFFu : a / b; }
static uint32_t op_rem(uint32_t a, uint32_t b) {
    if (b == 0) return a;
    if (a == 0x80000000u && b == 0xFFFFFFFFu) return 0;
    return (uint32_t)((int32_t)a % (int32_t)b);
}
static uint32_t op_remu(uint32_t a, uint32_t b) { return b == 0 ? a : a % b; }
#endif

typedef uint32_t (*binop)(uint32_t, uint32_t);

static uint32_t hash_op(binop f) {
    uint32_t h = 0x811C9DC5u;
    for (int i = 0; i < N_OPERANDS; i++) {
        for (int j = 0; j < N_OPERANDS; j++) {
            h = (h ^ f(operands[i], operands[j])) * 0x01000193u;
        }
    }
    return h;
}

int main(void) {
    static const binop ops[8] = {op_mul, op_mulh, op_mulhsu, op_mulhu,
                                 op_div, op_divu, op_rem,    op_remu};
    uint8_t out[64];
    for (int k = 0; k < 8; k++) jolt_put_u32(out + 4 * k, hash_op(ops[k]));

    uint32_t int_min = operands[7], minus_one = operands[2], seven = operands[5];
    uint32_t minus_seven = operands[6], two = operands[3], zero = operands[0];
    uint32_t edge[8] = {
        op_div(seven, zero),          /* x / 0 = -1 */
        op_rem(minus_seven, zero),    /* x % 0 = x */
        op_div(int_min, minus_one),   /* overflow: INT_MIN */
        op_rem(int_min, minus_one),   /* overflow: 0 */
        op_div(minus_seven, two),     /* truncates toward zero: -3 */
        op_rem(minus_seven, two),     /* takes the dividend's sign: -1 */
        op_mulh(int_min, int_min),    /* 2^62 >> 32 = 0x40000000 */
        op_mulhsu(minus_one, minus_one), /* -1 * (2^32 - 1) >> 32 = -1 */
    };
    for (int k = 0; k < 8; k++) jolt_put_u32(out + 32 + 4 * k, edge[k]);
    jolt_write_output(out, 64);
    return 0;
}
