/*
 * jolt.h -- the guest ABI of the Lasso zkVM (see README.md, "Guest ABI").
 *
 * A guest is a freestanding RV32IM program. It reads its public input from a fixed
 * address, writes its public output to another fixed address and halts with
 * `ecall` (a7 = 93, exit code in a0). Everything else that is not RV32IM is an error.
 *
 *   0x0010_0000  input length in bytes (u32, read-only)
 *   0x0010_0004  input bytes            (read-only, at most the layout's max_input_bytes)
 *   0x0018_0000  output length in bytes (u32, written by the guest)
 *   0x0018_0004  output bytes           (at most the layout's max_output_bytes; bytes past
 *                                        the output length must stay zero)
 *
 * Compiling with -DJOLT_NATIVE gives a host shim with the same API: input comes from
 * the file named by the JOLT_INPUT environment variable (empty when unset), output is
 * written to stdout as raw bytes and jolt_exit() prints the exit code to stderr and
 * exits. The build script uses it
 * to compute every guest's expected output independently of the emulator.
 */
#ifndef JOLT_H
#define JOLT_H

#include <stdint.h>

#define JOLT_INPUT_LEN_ADDR 0x00100000u
#define JOLT_INPUT_ADDR 0x00100004u
#define JOLT_OUTPUT_LEN_ADDR 0x00180000u
#define JOLT_OUTPUT_ADDR 0x00180004u
#define JOLT_EXIT_SYSCALL 93

#ifndef JOLT_NATIVE

/* Number of public input bytes. */
static inline uint32_t jolt_input_len(void) {
    return *(volatile const uint32_t *)JOLT_INPUT_LEN_ADDR;
}

/* The public input bytes (jolt_input_len() of them). */
static inline const uint8_t *jolt_input(void) {
    return (const uint8_t *)JOLT_INPUT_ADDR;
}

/* The public output buffer; the output is its first jolt_set_output_len() bytes. */
static inline uint8_t *jolt_output_buffer(void) {
    return (uint8_t *)JOLT_OUTPUT_ADDR;
}

/* Declares how many bytes of the output buffer are the public output. */
static inline void jolt_set_output_len(uint32_t len) {
    *(volatile uint32_t *)JOLT_OUTPUT_LEN_ADDR = len;
}

/* Halts the machine with the given exit code (ecall, a7 = 93). */
static inline __attribute__((noreturn)) void jolt_exit(uint32_t code) {
    register uint32_t a0 __asm__("a0") = code;
    register uint32_t a7 __asm__("a7") = JOLT_EXIT_SYSCALL;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
    __builtin_unreachable();
}

#else /* JOLT_NATIVE: host shim used to compute expected outputs */

#include <stdio.h>
#include <stdlib.h>

static uint8_t jolt_native_input[1 << 20];
static uint32_t jolt_native_input_size;
static int jolt_native_input_loaded;
static uint8_t jolt_native_output[1 << 20];
static uint32_t jolt_native_output_size;

static inline uint32_t jolt_input_len(void) {
    if (!jolt_native_input_loaded) {
        const char *path = getenv("JOLT_INPUT");
        jolt_native_input_loaded = 1;
        if (path != NULL && path[0] != '\0') {
            FILE *f = fopen(path, "rb");
            if (f == NULL) { perror(path); exit(120); }
            jolt_native_input_size =
                (uint32_t)fread(jolt_native_input, 1, sizeof jolt_native_input, f);
            fclose(f);
        }
    }
    return jolt_native_input_size;
}

static inline const uint8_t *jolt_input(void) {
    jolt_input_len();
    return jolt_native_input;
}

static inline uint8_t *jolt_output_buffer(void) { return jolt_native_output; }

static inline void jolt_set_output_len(uint32_t len) { jolt_native_output_size = len; }

/* The full 32-bit exit code goes to stderr (a host exit status keeps only 8 bits). */
static inline __attribute__((noreturn)) void jolt_exit(uint32_t code) {
    fwrite(jolt_native_output, 1, jolt_native_output_size, stdout);
    fflush(stdout);
    fprintf(stderr, "jolt-exit-code %u\n", code);
    exit(0);
}

/* The guest's main() returns the exit code; the host main() runs it and reports it. */
int jolt_guest_main(void);
int main(void) { jolt_exit((uint32_t)jolt_guest_main()); }
#define main jolt_guest_main

#endif /* JOLT_NATIVE */

/* Copies `len` bytes to the public output and sets the output length. */
static inline void jolt_write_output(const void *data, uint32_t len) {
    const uint8_t *src = (const uint8_t *)data;
    uint8_t *dst = jolt_output_buffer();
    for (uint32_t i = 0; i < len; i++) dst[i] = src[i];
    jolt_set_output_len(len);
}

/* Reads a little-endian u32 from the input at byte offset `off`, or `fallback` if the
 * input is shorter than off + 4 bytes. */
static inline uint32_t jolt_input_u32(uint32_t off, uint32_t fallback) {
    if (jolt_input_len() < off + 4) return fallback;
    const uint8_t *p = jolt_input() + off;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Stores `v` little-endian at p[0..4]. */
static inline void jolt_put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

#endif /* JOLT_H */
