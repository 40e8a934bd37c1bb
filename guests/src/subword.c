/*
 * subword -- byte and halfword loads and stores, signed and unsigned.
 *
 * Fills a buffer with SB, reads it back with LB/LBU at every offset and LH/LHU at every
 * even offset (sign extension of 0x80.. and 0x8000.. patterns), overwrites halfwords
 * with SH and single bytes with SB, and reads whole words with LW. volatile keeps every
 * access at its width.
 * Output: the final 64-byte buffer, then [sum LB][sum LBU][sum LH][sum LHU][xor LW]
 *         as little-endian u32 -- 84 bytes. Exit code: the number of loads whose sign
 *         extension disagreed with an explicit mask-and-extend check (0 when correct).
 */
#include "jolt.h"

static volatile uint8_t buffer[64] __attribute__((aligned(4)));

int main(void) {
    volatile int8_t *sbytes = (volatile int8_t *)buffer;
    volatile int16_t *shalves = (volatile int16_t *)buffer;
    volatile uint16_t *uhalves = (volatile uint16_t *)buffer;
    volatile uint32_t *words = (volatile uint32_t *)buffer;
    uint32_t bad = 0;

    for (uint32_t i = 0; i < 64; i++) buffer[i] = (uint8_t)(i * 37u + 0x75u);

    int32_t sum_lb = 0;
    uint32_t sum_lbu = 0;
    for (uint32_t i = 0; i < 64; i++) {
        int32_t s = sbytes[i];
        uint32_t u = buffer[i];
        sum_lb += s;
        sum_lbu += u;
        uint32_t expect = (u & 0x80u) ? (u | 0xFFFFFF00u) : u;
        if ((uint32_t)s != expect) bad++;
    }

    for (uint32_t i = 0; i < 32; i += 3) shalves[i] = (int16_t)(-(int32_t)(i * 1000u) - 1);
    for (uint32_t i = 1; i < 64; i += 5) sbytes[i] = (int8_t)(0x80 | i);

    int32_t sum_lh = 0;
    uint32_t sum_lhu = 0;
    for (uint32_t i = 0; i < 32; i++) {
        int32_t s = shalves[i];
        uint32_t u = uhalves[i];
        sum_lh += s;
        sum_lhu += u;
        uint32_t expect = (u & 0x8000u) ? (u | 0xFFFF0000u) : u;
        if ((uint32_t)s != expect) bad++;
    }

    uint32_t x = 0;
    for (uint32_t i = 0; i < 16; i++) x ^= words[i] + i;

    uint8_t out[84];
    for (uint32_t i = 0; i < 64; i++) out[i] = buffer[i];
    jolt_put_u32(out + 64, (uint32_t)sum_lb);
    jolt_put_u32(out + 68, sum_lbu);
    jolt_put_u32(out + 72, (uint32_t)sum_lh);
    jolt_put_u32(out + 76, sum_lhu);
    jolt_put_u32(out + 80, x);
    jolt_write_output(out, 84);
    return (int)bad;
}
