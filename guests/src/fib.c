/*
 * fib -- the n-th Fibonacci number modulo 2^32 (F(0) = 0, F(1) = 1).
 *
 * Input:  n as a little-endian u32 (default 50 when the input is empty). The loop is a
 *         few instructions per iteration, so n sets the trace length (n = 200000 is
 *         about 2^20 steps).
 * Output: F(n) mod 2^32, little-endian u32. Exit code 0.
 * F(48) and beyond overflow 32 bits, so the default input checks wrap-around.
 */
#include "jolt.h"

int main(void) {
    uint32_t n = jolt_input_u32(0, 50);
    uint32_t a = 0, b = 1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t t = a + b;
        a = b;
        b = t;
    }
    uint8_t out[4];
    jolt_put_u32(out, a);
    jolt_write_output(out, 4);
    return 0;
}
