/*
 * sha256 -- a SHA-256 hash chain (FIPS 180-4).
 *
 * Input:  [n: u32 LE][message bytes...]. Empty input means n = 16, message "abc";
 *         a missing message means "abc"; n = 0 is treated as 1.
 * Output: H^n(message), 32 bytes, where H is SHA-256 and H^(k+1)(m) = H(H^k(m)).
 *         Exit code 0. With n = 1 and "abc" the output is the FIPS 180-2 example digest.
 * One compression is a few thousand instructions, so n sets the trace length.
 */
#include "jolt.h"

#define MAX_MESSAGE 4096

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, uint32_t n) { return (x >> n) | (x << (32 - n)); }

static void compress(uint32_t h[8], const uint8_t block[64]) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = ((uint32_t)block[4 * i] << 24) | ((uint32_t)block[4 * i + 1] << 16) |
               ((uint32_t)block[4 * i + 2] << 8) | (uint32_t)block[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = k + S1 + ch + K[i] + w[i];
        uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = S0 + maj;
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

/* SHA-256 of msg[0..len) into out[0..32). */
static void sha256(const uint8_t *msg, uint32_t len, uint8_t out[32]) {
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    uint8_t block[64];
    uint32_t done = 0;
    while (len - done >= 64) {
        compress(h, msg + done);
        done += 64;
    }
    uint32_t rest = len - done;
    for (uint32_t i = 0; i < rest; i++) block[i] = msg[done + i];
    block[rest] = 0x80;
    for (uint32_t i = rest + 1; i < 64; i++) block[i] = 0;
    if (rest >= 56) {
        compress(h, block);
        for (uint32_t i = 0; i < 64; i++) block[i] = 0;
    }
    uint32_t bits_hi = len >> 29, bits_lo = len << 3;
    for (int i = 0; i < 4; i++) {
        block[56 + i] = (uint8_t)(bits_hi >> (24 - 8 * i));
        block[60 + i] = (uint8_t)(bits_lo >> (24 - 8 * i));
    }
    compress(h, block);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(h[i] >> 8);
        out[4 * i + 3] = (uint8_t)h[i];
    }
}

static uint8_t message[MAX_MESSAGE];

int main(void) {
    uint32_t n = jolt_input_u32(0, 16);
    if (n == 0) n = 1;
    uint32_t len = 0;
    if (jolt_input_len() > 4) {
        len = jolt_input_len() - 4;
        if (len > MAX_MESSAGE) len = MAX_MESSAGE;
        const uint8_t *in = jolt_input() + 4;
        for (uint32_t i = 0; i < len; i++) message[i] = in[i];
    } else {
        message[0] = 'a';
        message[1] = 'b';
        message[2] = 'c';
        len = 3;
    }
    uint8_t digest[32];
    sha256(message, len, digest);
    for (uint32_t i = 1; i < n; i++) sha256(digest, 32, digest);
    jolt_write_output(digest, 32);
    return 0;
}
