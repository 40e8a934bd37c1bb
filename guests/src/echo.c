/*
 * echo -- reads public input and writes public output.
 *
 * Input:  any bytes (a name); "world" when empty.
 * Output: "Hello, " + input + "!" (the input truncated to 1000 bytes).
 * Exit code: the number of input bytes.
 */
#include "jolt.h"

int main(void) {
    static const char greeting[] = "Hello, ";
    static const char fallback[] = "world";
    uint32_t len = jolt_input_len();
    const uint8_t *name = jolt_input();
    if (len == 0) {
        name = (const uint8_t *)fallback;
        len = sizeof fallback - 1;
    }
    if (len > 1000) len = 1000;
    uint8_t *out = jolt_output_buffer();
    uint32_t n = 0;
    for (uint32_t i = 0; greeting[i] != 0; i++) out[n++] = (uint8_t)greeting[i];
    for (uint32_t i = 0; i < len; i++) out[n++] = name[i];
    out[n++] = '!';
    jolt_set_output_len(n);
    return (int)jolt_input_len();
}
